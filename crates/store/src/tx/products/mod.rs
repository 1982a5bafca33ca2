//! Products and their provisioning artifacts. Links, principals and constraints, and
//! TagOptions, have files of their own.

use std::collections::BTreeMap;

use sclocal_api::servicecatalog::{
    ProductType, ProvisioningArtifactGuidance, ProvisioningArtifactType,
};
use sclocal_core::ids::{ArtifactId, ProductId, ProductViewId};
use sclocal_core::store::{ArtifactRecord, ProductRecord, StoreError};

use super::{account, tags_from_json, tags_to_json, Tx};
use crate::args;
use crate::sql::{corrupt, parsed, Row};

mod links;
mod reads;
mod tag_options;
mod writes;

const PRODUCT_COLUMNS: &str = "id, view_id, account, region, arn, name, owner, description, \
     distributor, support_description, support_email, support_url, product_type, tags, \
     created_ms, idempotency_token";
const ARTIFACT_COLUMNS: &str = "id, product_id, name, description, artifact_type, info, \
     active, guidance, created_ms, idempotency_token";

fn product_row(r: &dyn Row) -> Result<ProductRecord, StoreError> {
    Ok(ProductRecord {
        id: parsed(r, 0, ProductId::parse)?,
        view_id: parsed(r, 1, ProductViewId::parse)?,
        account: account(r, 2)?,
        region: r.text(3)?,
        arn: r.text(4)?,
        name: r.text(5)?,
        owner: r.text(6)?,
        description: r.opt_text(7)?,
        distributor: r.opt_text(8)?,
        support_description: r.opt_text(9)?,
        support_email: r.opt_text(10)?,
        support_url: r.opt_text(11)?,
        product_type: parsed(r, 12, ProductType::from_wire)?,
        tags: tags_from_json(r, 13)?,
        created_ms: r.int(14)?,
        idempotency_token: r.opt_text(15)?,
    })
}

fn artifact_row(r: &dyn Row) -> Result<ArtifactRecord, StoreError> {
    let info = r.text(5)?;
    Ok(ArtifactRecord {
        id: parsed(r, 0, ArtifactId::parse)?,
        product_id: parsed(r, 1, ProductId::parse)?,
        name: r.opt_text(2)?,
        description: r.opt_text(3)?,
        artifact_type: parsed(r, 4, ProvisioningArtifactType::from_wire)?,
        info: serde_json::from_str::<BTreeMap<String, String>>(&info)
            .map_err(|_| corrupt(5, &info))?,
        active: r.flag(6)?,
        guidance: parsed(r, 7, ProvisioningArtifactGuidance::from_wire)?,
        created_ms: r.int(8)?,
        idempotency_token: r.opt_text(9)?,
    })
}

/// The `Info` map kept as a JSON object.
fn info_json(info: &BTreeMap<String, String>) -> String {
    serde_json::to_string(info).unwrap_or_else(|_| "{}".into())
}

impl Tx<'_> {
    fn product_where(
        &self,
        clause: &str,
        args: &[crate::sql::Arg<'_>],
    ) -> Result<Vec<ProductRecord>, StoreError> {
        self.conn.all(
            &format!("SELECT {PRODUCT_COLUMNS} FROM sc_products WHERE {clause} ORDER BY seq"),
            args,
            product_row,
        )
    }

    fn insert_product_row(&self, p: &ProductRecord) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO sc_products (id, view_id, account, region, arn, name, owner,
             description, distributor, support_description, support_email, support_url,
             product_type, tags, created_ms, idempotency_token)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
            args![
                p.id.as_str(),
                p.view_id.as_str(),
                p.account.as_str(),
                &p.region,
                &p.arn,
                &p.name,
                &p.owner,
                p.description.as_deref(),
                p.distributor.as_deref(),
                p.support_description.as_deref(),
                p.support_email.as_deref(),
                p.support_url.as_deref(),
                p.product_type.as_str(),
                &tags_to_json(&p.tags),
                p.created_ms,
                p.idempotency_token.as_deref()
            ],
        )?;
        Ok(())
    }

    fn update_product_row(&self, p: &ProductRecord) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE sc_products SET name = ?2, owner = ?3, description = ?4, distributor = ?5,
             support_description = ?6, support_email = ?7, support_url = ?8, tags = ?9
             WHERE id = ?1",
            args![
                p.id.as_str(),
                &p.name,
                &p.owner,
                p.description.as_deref(),
                p.distributor.as_deref(),
                p.support_description.as_deref(),
                p.support_email.as_deref(),
                p.support_url.as_deref(),
                &tags_to_json(&p.tags)
            ],
        )?;
        Ok(())
    }

    fn insert_artifact_row(&self, a: &ArtifactRecord) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO sc_artifacts (id, product_id, name, description, artifact_type, info,
             active, guidance, created_ms, idempotency_token)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            args![
                a.id.as_str(),
                a.product_id.as_str(),
                a.name.as_deref(),
                a.description.as_deref(),
                a.artifact_type.as_str(),
                &info_json(&a.info),
                a.active,
                a.guidance.as_str(),
                a.created_ms,
                a.idempotency_token.as_deref()
            ],
        )?;
        Ok(())
    }

    fn update_artifact_row(&self, a: &ArtifactRecord) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE sc_artifacts SET name = ?2, description = ?3, active = ?4, guidance = ?5
             WHERE id = ?1",
            args![
                a.id.as_str(),
                a.name.as_deref(),
                a.description.as_deref(),
                a.active,
                a.guidance.as_str()
            ],
        )?;
        Ok(())
    }
}
