//! Provisioned product plans.

use sclocal_api::servicecatalog::ProvisionedProductPlanStatus;
use sclocal_core::ids::{
    AccountId, ArtifactId, LaunchPathId, PlanId, PortfolioId, ProductId, ProvisionedProductId,
    RecordId,
};
use sclocal_core::store::{PlanReads, PlanRecord, PlanWrites, StoreError};

use super::{account, from_json, tags_from_json, tags_to_json, to_json, Tx};
use crate::args;
use crate::sql::{parsed, parsed_opt, Arg, Row};

const COLUMNS: &str = "id, account, region, name, provisioned_product_id, \
     provisioned_product_name, product_id, artifact_id, path_id, portfolio_id, status, \
     status_message, created_ms, updated_ms, notification_arns, parameters, tags, changes, \
     idempotency_token, user_arn, user_arn_session, creates_product, record_id";

fn row(r: &dyn Row) -> Result<PlanRecord, StoreError> {
    Ok(PlanRecord {
        id: parsed(r, 0, PlanId::parse)?,
        account: account(r, 1)?,
        region: r.text(2)?,
        name: r.text(3)?,
        provisioned_product_id: parsed(r, 4, ProvisionedProductId::parse)?,
        provisioned_product_name: r.text(5)?,
        product_id: parsed(r, 6, ProductId::parse)?,
        artifact_id: parsed(r, 7, ArtifactId::parse)?,
        path_id: parsed(r, 8, LaunchPathId::parse)?,
        portfolio_id: parsed(r, 9, PortfolioId::parse)?,
        status: parsed(r, 10, ProvisionedProductPlanStatus::from_wire)?,
        status_message: r.opt_text(11)?,
        created_ms: r.int(12)?,
        updated_ms: r.int(13)?,
        notification_arns: from_json(r, 14)?,
        parameters: from_json(r, 15)?,
        tags: tags_from_json(r, 16)?,
        changes: from_json(r, 17)?,
        idempotency_token: r.opt_text(18)?,
        user_arn: r.text(19)?,
        user_arn_session: r.text(20)?,
        creates_product: r.flag(21)?,
        record_id: parsed_opt(r, 22, RecordId::parse)?,
    })
}

impl Tx<'_> {
    fn plans_where(&self, clause: &str, args: &[Arg<'_>]) -> Result<Vec<PlanRecord>, StoreError> {
        self.conn.all(
            &format!("SELECT {COLUMNS} FROM sc_plans WHERE {clause} ORDER BY seq"),
            args,
            row,
        )
    }
}

impl PlanReads for Tx<'_> {
    fn plan(&self, id: &PlanId) -> Result<Option<PlanRecord>, StoreError> {
        Ok(self.plans_where("id = ?1", args![id.as_str()])?.pop())
    }

    fn plan_by_token(
        &self,
        account: &AccountId,
        region: &str,
        token: &str,
    ) -> Result<Option<PlanRecord>, StoreError> {
        Ok(self
            .plans_where(
                "account = ?1 AND region = ?2 AND idempotency_token = ?3",
                args![account.as_str(), region, token],
            )?
            .pop())
    }

    fn account_plans(
        &self,
        account: &AccountId,
        region: &str,
    ) -> Result<Vec<PlanRecord>, StoreError> {
        self.plans_where(
            "account = ?1 AND region = ?2",
            args![account.as_str(), region],
        )
    }

    fn provisioned_product_plans(
        &self,
        id: &ProvisionedProductId,
    ) -> Result<Vec<PlanRecord>, StoreError> {
        self.plans_where("provisioned_product_id = ?1", args![id.as_str()])
    }
}

impl PlanWrites for Tx<'_> {
    fn insert_plan(&self, p: &PlanRecord) -> Result<(), StoreError> {
        self.conn.execute(
            &format!(
                "INSERT INTO sc_plans ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,
                 ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23)"
            ),
            args![
                p.id.as_str(),
                p.account.as_str(),
                &p.region,
                &p.name,
                p.provisioned_product_id.as_str(),
                &p.provisioned_product_name,
                p.product_id.as_str(),
                p.artifact_id.as_str(),
                p.path_id.as_str(),
                p.portfolio_id.as_str(),
                p.status.as_str(),
                p.status_message.as_deref(),
                p.created_ms,
                p.updated_ms,
                &to_json(&p.notification_arns),
                &to_json(&p.parameters),
                &tags_to_json(&p.tags),
                &to_json(&p.changes),
                p.idempotency_token.as_deref(),
                &p.user_arn,
                &p.user_arn_session,
                p.creates_product,
                p.record_id.as_ref().map(RecordId::as_str)
            ],
        )?;
        Ok(())
    }

    fn update_plan(&self, p: &PlanRecord) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE sc_plans SET status = ?2, status_message = ?3, updated_ms = ?4, changes = ?5,
             record_id = ?6 WHERE id = ?1",
            args![
                p.id.as_str(),
                p.status.as_str(),
                p.status_message.as_deref(),
                p.updated_ms,
                &to_json(&p.changes),
                p.record_id.as_ref().map(RecordId::as_str)
            ],
        )?;
        Ok(())
    }

    fn delete_plan(&self, id: &PlanId) -> Result<(), StoreError> {
        self.conn
            .execute("DELETE FROM sc_plans WHERE id = ?1", args![id.as_str()])?;
        Ok(())
    }
}
