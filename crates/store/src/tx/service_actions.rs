//! Self-service actions, their artifact associations, and budget associations.

use sclocal_api::servicecatalog::ServiceActionDefinitionType;
use sclocal_core::ids::{AccountId, ArtifactId, ProductId, ServiceActionId};
use sclocal_core::store::{
    ServiceActionLink, ServiceActionReads, ServiceActionRecord, ServiceActionWrites, StoreError,
};

use super::{account, from_json, to_json, Tx};
use crate::args;
use crate::sql::{parsed, Arg, Row};

const COLUMNS: &str = "id, account, region, name, description, definition_type, definition, \
     created_ms, idempotency_token";

fn row(r: &dyn Row) -> Result<ServiceActionRecord, StoreError> {
    Ok(ServiceActionRecord {
        id: parsed(r, 0, ServiceActionId::parse)?,
        account: account(r, 1)?,
        region: r.text(2)?,
        name: r.text(3)?,
        description: r.opt_text(4)?,
        definition_type: parsed(r, 5, ServiceActionDefinitionType::from_wire)?,
        definition: from_json(r, 6)?,
        created_ms: r.int(7)?,
        idempotency_token: r.opt_text(8)?,
    })
}

fn link_row(r: &dyn Row) -> Result<ServiceActionLink, StoreError> {
    Ok(ServiceActionLink {
        action_id: parsed(r, 0, ServiceActionId::parse)?,
        product_id: parsed(r, 1, ProductId::parse)?,
        artifact_id: parsed(r, 2, ArtifactId::parse)?,
    })
}

impl Tx<'_> {
    fn actions_where(
        &self,
        clause: &str,
        args: &[Arg<'_>],
    ) -> Result<Vec<ServiceActionRecord>, StoreError> {
        self.conn.all(
            &format!("SELECT {COLUMNS} FROM sc_service_actions WHERE {clause} ORDER BY seq"),
            args,
            row,
        )
    }

    fn action_links_where(
        &self,
        clause: &str,
        args: &[Arg<'_>],
    ) -> Result<Vec<ServiceActionLink>, StoreError> {
        self.conn.all(
            &format!(
                "SELECT action_id, product_id, artifact_id FROM sc_service_action_links
                 WHERE {clause} ORDER BY seq"
            ),
            args,
            link_row,
        )
    }
}

impl ServiceActionReads for Tx<'_> {
    fn service_action(
        &self,
        region: &str,
        id: &ServiceActionId,
    ) -> Result<Option<ServiceActionRecord>, StoreError> {
        Ok(self
            .actions_where("id = ?1 AND region = ?2", args![id.as_str(), region])?
            .pop())
    }

    fn service_action_by_token(
        &self,
        account: &AccountId,
        region: &str,
        token: &str,
    ) -> Result<Option<ServiceActionRecord>, StoreError> {
        Ok(self
            .actions_where(
                "account = ?1 AND region = ?2 AND idempotency_token = ?3",
                args![account.as_str(), region, token],
            )?
            .pop())
    }

    fn account_service_actions(
        &self,
        account: &AccountId,
        region: &str,
    ) -> Result<Vec<ServiceActionRecord>, StoreError> {
        self.actions_where(
            "account = ?1 AND region = ?2",
            args![account.as_str(), region],
        )
    }

    fn artifact_service_action_links(
        &self,
        artifact: &ArtifactId,
    ) -> Result<Vec<ServiceActionLink>, StoreError> {
        self.action_links_where("artifact_id = ?1", args![artifact.as_str()])
    }

    fn service_action_links(
        &self,
        action: &ServiceActionId,
    ) -> Result<Vec<ServiceActionLink>, StoreError> {
        self.action_links_where("action_id = ?1", args![action.as_str()])
    }

    fn resource_budgets(&self, resource: &str) -> Result<Vec<String>, StoreError> {
        self.conn.all(
            "SELECT budget_name FROM sc_budget_links WHERE resource_id = ?1 ORDER BY seq",
            args![resource],
            |r| r.text(0),
        )
    }
}

impl ServiceActionWrites for Tx<'_> {
    fn insert_service_action(&self, a: &ServiceActionRecord) -> Result<(), StoreError> {
        self.conn.execute(
            &format!(
                "INSERT INTO sc_service_actions ({COLUMNS})
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
            ),
            args![
                a.id.as_str(),
                a.account.as_str(),
                &a.region,
                &a.name,
                a.description.as_deref(),
                a.definition_type.as_str(),
                &to_json(&a.definition),
                a.created_ms,
                a.idempotency_token.as_deref()
            ],
        )?;
        Ok(())
    }

    fn update_service_action(&self, a: &ServiceActionRecord) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE sc_service_actions SET name = ?2, description = ?3, definition = ?4
             WHERE id = ?1",
            args![
                a.id.as_str(),
                &a.name,
                a.description.as_deref(),
                &to_json(&a.definition)
            ],
        )?;
        Ok(())
    }

    fn delete_service_action(&self, id: &ServiceActionId) -> Result<(), StoreError> {
        self.conn.execute(
            "DELETE FROM sc_service_actions WHERE id = ?1",
            args![id.as_str()],
        )?;
        Ok(())
    }

    fn link_service_action(&self, l: &ServiceActionLink) -> Result<bool, StoreError> {
        Ok(self.conn.execute(
            "INSERT INTO sc_service_action_links (action_id, product_id, artifact_id)
             VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
            args![
                l.action_id.as_str(),
                l.product_id.as_str(),
                l.artifact_id.as_str()
            ],
        )? > 0)
    }

    fn unlink_service_action(&self, l: &ServiceActionLink) -> Result<bool, StoreError> {
        Ok(self.conn.execute(
            "DELETE FROM sc_service_action_links
             WHERE action_id = ?1 AND product_id = ?2 AND artifact_id = ?3",
            args![
                l.action_id.as_str(),
                l.product_id.as_str(),
                l.artifact_id.as_str()
            ],
        )? > 0)
    }

    fn unlink_artifact_service_actions(&self, artifact: &ArtifactId) -> Result<(), StoreError> {
        self.conn.execute(
            "DELETE FROM sc_service_action_links WHERE artifact_id = ?1",
            args![artifact.as_str()],
        )?;
        Ok(())
    }

    fn link_budget(&self, resource: &str, budget: &str) -> Result<bool, StoreError> {
        Ok(self.conn.execute(
            "INSERT INTO sc_budget_links (resource_id, budget_name) VALUES (?1, ?2)
             ON CONFLICT DO NOTHING",
            args![resource, budget],
        )? > 0)
    }

    fn unlink_budget(&self, resource: &str, budget: &str) -> Result<bool, StoreError> {
        Ok(self.conn.execute(
            "DELETE FROM sc_budget_links WHERE resource_id = ?1 AND budget_name = ?2",
            args![resource, budget],
        )? > 0)
    }

    fn unlink_resource_budgets(&self, resource: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "DELETE FROM sc_budget_links WHERE resource_id = ?1",
            args![resource],
        )?;
        Ok(())
    }
}
