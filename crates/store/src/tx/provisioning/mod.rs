//! Provisioned products and records: their columns, row mappings and the statements that
//! write them. `reads.rs` holds `ProvisioningReads`; the writes are here.

use sclocal_api::servicecatalog::{ProvisionedProductStatus, RecordStatus};
use sclocal_core::ids::{
    ArtifactId, LaunchPathId, PlanId, PortfolioId, ProductId, ProvisionedProductId, RecordId,
};
use sclocal_core::store::{
    EngineMessage, ProvisionedProductRecord, ProvisionedProductType, ProvisioningRecord,
    ProvisioningWrites, RecordType, StoreError,
};

use super::{account, from_json, tags_from_json, tags_to_json, to_json, Tx};
use crate::args;
use crate::sql::{parsed, parsed_opt, Row};

mod reads;

const PRODUCT_COLUMNS: &str = "id, account, region, arn, name, product_type, status, \
     status_message, created_ms, idempotency_token, last_record_id, \
     last_provisioning_record_id, last_successful_record_id, product_id, artifact_id, path_id, \
     portfolio_id, launch_role_arn, physical_id, user_arn, user_arn_session, tags, parameters, \
     outputs, notification_arns, stack_instances";

/// How many columns [`PRODUCT_COLUMNS`] names (a paged select reads `seq` after them).
const PRODUCT_COLUMN_COUNT: usize = 26;

const RECORD_COLUMNS: &str = "id, account, region, provisioned_product_id, \
     provisioned_product_name, provisioned_product_type, record_type, status, created_ms, \
     updated_ms, product_id, artifact_id, path_id, launch_role_arn, user_arn, user_arn_session, \
     token, errors, tags, outputs, parameters, ignore_errors, \
     retain_physical_resources, properties, stack_instances, plan_id, workflow_token, \
     notify_token";

fn product_row(r: &dyn Row) -> Result<ProvisionedProductRecord, StoreError> {
    Ok(ProvisionedProductRecord {
        id: parsed(r, 0, ProvisionedProductId::parse)?,
        account: account(r, 1)?,
        region: r.text(2)?,
        arn: r.text(3)?,
        name: r.text(4)?,
        product_type: parsed(r, 5, ProvisionedProductType::parse)?,
        status: parsed(r, 6, ProvisionedProductStatus::from_wire)?,
        status_message: r.opt_text(7)?,
        created_ms: r.int(8)?,
        idempotency_token: r.opt_text(9)?,
        last_record_id: parsed_opt(r, 10, RecordId::parse)?,
        last_provisioning_record_id: parsed_opt(r, 11, RecordId::parse)?,
        last_successful_provisioning_record_id: parsed_opt(r, 12, RecordId::parse)?,
        product_id: parsed(r, 13, ProductId::parse)?,
        artifact_id: parsed(r, 14, ArtifactId::parse)?,
        path_id: parsed_opt(r, 15, LaunchPathId::parse)?,
        portfolio_id: parsed_opt(r, 16, PortfolioId::parse)?,
        launch_role_arn: r.opt_text(17)?,
        physical_id: r.opt_text(18)?,
        user_arn: r.text(19)?,
        user_arn_session: r.text(20)?,
        tags: tags_from_json(r, 21)?,
        parameters: from_json(r, 22)?,
        outputs: from_json(r, 23)?,
        notification_arns: from_json(r, 24)?,
        stack_instances: from_json(r, 25)?,
    })
}

fn record_row(r: &dyn Row) -> Result<ProvisioningRecord, StoreError> {
    Ok(ProvisioningRecord {
        id: parsed(r, 0, RecordId::parse)?,
        account: account(r, 1)?,
        region: r.text(2)?,
        provisioned_product_id: parsed(r, 3, ProvisionedProductId::parse)?,
        provisioned_product_name: r.text(4)?,
        provisioned_product_type: parsed(r, 5, ProvisionedProductType::parse)?,
        record_type: parsed(r, 6, RecordType::parse)?,
        status: parsed(r, 7, RecordStatus::from_wire)?,
        created_ms: r.int(8)?,
        updated_ms: r.int(9)?,
        product_id: parsed(r, 10, ProductId::parse)?,
        artifact_id: parsed(r, 11, ArtifactId::parse)?,
        path_id: parsed_opt(r, 12, LaunchPathId::parse)?,
        launch_role_arn: r.opt_text(13)?,
        user_arn: r.text(14)?,
        user_arn_session: r.text(15)?,
        token: r.opt_text(16)?,
        errors: from_json(r, 17)?,
        tags: tags_from_json(r, 18)?,
        outputs: from_json(r, 19)?,
        parameters: from_json(r, 20)?,
        ignore_errors: r.flag(21)?,
        retain_physical_resources: r.flag(22)?,
        properties: from_json(r, 23)?,
        stack_instances: from_json(r, 24)?,
        plan_id: parsed_opt(r, 25, PlanId::parse)?,
        workflow_token: r.opt_text(26)?,
        notify_token: r.opt_text(27)?,
    })
}

fn engine_message_row(r: &dyn Row) -> Result<EngineMessage, StoreError> {
    Ok(EngineMessage {
        queue: r.text(0)?,
        account: account(r, 1)?,
        region: r.text(2)?,
        record_id: parsed(r, 3, RecordId::parse)?,
        body: r.text(4)?,
        created_ms: r.int(5)?,
    })
}

fn id_text<T: AsRef<str>>(id: Option<&T>) -> Option<&str> {
    id.map(AsRef::as_ref)
}

impl ProvisioningWrites for Tx<'_> {
    fn insert_provisioned_product(&self, p: &ProvisionedProductRecord) -> Result<(), StoreError> {
        self.conn.execute(
            &format!(
                "INSERT INTO sc_provisioned_products ({PRODUCT_COLUMNS}) VALUES (?1, ?2, ?3, ?4,
                 ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,
                 ?21, ?22, ?23, ?24, ?25, ?26)"
            ),
            args![
                p.id.as_str(),
                p.account.as_str(),
                &p.region,
                &p.arn,
                &p.name,
                p.product_type.as_str(),
                p.status.as_str(),
                p.status_message.as_deref(),
                p.created_ms,
                p.idempotency_token.as_deref(),
                id_text(p.last_record_id.as_ref()),
                id_text(p.last_provisioning_record_id.as_ref()),
                id_text(p.last_successful_provisioning_record_id.as_ref()),
                p.product_id.as_str(),
                p.artifact_id.as_str(),
                id_text(p.path_id.as_ref()),
                id_text(p.portfolio_id.as_ref()),
                p.launch_role_arn.as_deref(),
                p.physical_id.as_deref(),
                &p.user_arn,
                &p.user_arn_session,
                &tags_to_json(&p.tags),
                &to_json(&p.parameters),
                &to_json(&p.outputs),
                &to_json(&p.notification_arns),
                &to_json(&p.stack_instances)
            ],
        )?;
        Ok(())
    }

    fn update_provisioned_product(&self, p: &ProvisionedProductRecord) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE sc_provisioned_products SET arn = ?2, name = ?3, product_type = ?4,
             status = ?5, status_message = ?6, last_record_id = ?7,
             last_provisioning_record_id = ?8, last_successful_record_id = ?9, product_id = ?10,
             artifact_id = ?11, path_id = ?12, portfolio_id = ?13, launch_role_arn = ?14,
             physical_id = ?15, user_arn = ?16, user_arn_session = ?17, tags = ?18,
             parameters = ?19, outputs = ?20, notification_arns = ?21, stack_instances = ?22
             WHERE id = ?1",
            args![
                p.id.as_str(),
                &p.arn,
                &p.name,
                p.product_type.as_str(),
                p.status.as_str(),
                p.status_message.as_deref(),
                id_text(p.last_record_id.as_ref()),
                id_text(p.last_provisioning_record_id.as_ref()),
                id_text(p.last_successful_provisioning_record_id.as_ref()),
                p.product_id.as_str(),
                p.artifact_id.as_str(),
                id_text(p.path_id.as_ref()),
                id_text(p.portfolio_id.as_ref()),
                p.launch_role_arn.as_deref(),
                p.physical_id.as_deref(),
                &p.user_arn,
                &p.user_arn_session,
                &tags_to_json(&p.tags),
                &to_json(&p.parameters),
                &to_json(&p.outputs),
                &to_json(&p.notification_arns),
                &to_json(&p.stack_instances)
            ],
        )?;
        Ok(())
    }

    fn delete_provisioned_product(&self, id: &ProvisionedProductId) -> Result<(), StoreError> {
        self.conn.execute(
            "DELETE FROM sc_provisioned_products WHERE id = ?1",
            args![id.as_str()],
        )?;
        Ok(())
    }

    fn insert_record(&self, r: &ProvisioningRecord) -> Result<(), StoreError> {
        self.conn.execute(
            &format!(
                "INSERT INTO sc_records ({RECORD_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,
                 ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23,
                 ?24, ?25, ?26, ?27, ?28)"
            ),
            args![
                r.id.as_str(),
                r.account.as_str(),
                &r.region,
                r.provisioned_product_id.as_str(),
                &r.provisioned_product_name,
                r.provisioned_product_type.as_str(),
                r.record_type.as_str(),
                r.status.as_str(),
                r.created_ms,
                r.updated_ms,
                r.product_id.as_str(),
                r.artifact_id.as_str(),
                id_text(r.path_id.as_ref()),
                r.launch_role_arn.as_deref(),
                &r.user_arn,
                &r.user_arn_session,
                r.token.as_deref(),
                &to_json(&r.errors),
                &tags_to_json(&r.tags),
                &to_json(&r.outputs),
                &to_json(&r.parameters),
                r.ignore_errors,
                r.retain_physical_resources,
                &to_json(&r.properties),
                &to_json(&r.stack_instances),
                id_text(r.plan_id.as_ref()),
                r.workflow_token.as_deref(),
                r.notify_token.as_deref()
            ],
        )?;
        Ok(())
    }

    fn update_record(&self, r: &ProvisioningRecord) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE sc_records SET status = ?2, updated_ms = ?3, launch_role_arn = ?4,
             user_arn = ?5, user_arn_session = ?6, errors = ?7, tags = ?8, outputs = ?9,
             stack_instances = ?10, workflow_token = ?11, notify_token = ?12 WHERE id = ?1",
            args![
                r.id.as_str(),
                r.status.as_str(),
                r.updated_ms,
                r.launch_role_arn.as_deref(),
                &r.user_arn,
                &r.user_arn_session,
                &to_json(&r.errors),
                &tags_to_json(&r.tags),
                &to_json(&r.outputs),
                &to_json(&r.stack_instances),
                r.workflow_token.as_deref(),
                r.notify_token.as_deref()
            ],
        )?;
        Ok(())
    }

    fn insert_artifact_template(
        &self,
        artifact: &ArtifactId,
        body: &str,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO sc_artifact_templates (artifact_id, body) VALUES (?1, ?2)
             ON CONFLICT DO NOTHING",
            args![artifact.as_str(), body],
        )?;
        Ok(())
    }

    fn insert_engine_message(&self, m: &EngineMessage) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO sc_engine_messages (queue, account, region, record_id, body, created_ms)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            args![
                &m.queue,
                m.account.as_str(),
                &m.region,
                m.record_id.as_str(),
                &m.body,
                m.created_ms
            ],
        )?;
        Ok(())
    }
}
