//! CopyProduct operations.

use sclocal_api::servicecatalog::CopyProductStatus;
use sclocal_core::ids::{AccountId, ArtifactId, CopyProductToken, ProductId};
use sclocal_core::store::{CopyProductReads, CopyProductRecord, CopyProductWrites, StoreError};

use super::{account, from_json, to_json, Tx};
use crate::args;
use crate::sql::{parsed, parsed_opt, Arg, Row};

const COLUMNS: &str = "token, account, region, source_product_id, source_region, \
     target_product_id, target_product_name, artifact_ids, copy_tags, status, status_detail, \
     idempotency_token, created_ms";

fn row(r: &dyn Row) -> Result<CopyProductRecord, StoreError> {
    let ids: Vec<String> = from_json(r, 7)?;
    let artifact_ids = ids
        .iter()
        .map(|s| ArtifactId::parse(s).ok_or_else(|| crate::sql::corrupt(7, s)))
        .collect::<Result<_, _>>()?;
    Ok(CopyProductRecord {
        token: parsed(r, 0, CopyProductToken::parse)?,
        account: account(r, 1)?,
        region: r.text(2)?,
        source_product_id: parsed(r, 3, ProductId::parse)?,
        source_region: r.text(4)?,
        target_product_id: parsed_opt(r, 5, ProductId::parse)?,
        target_product_name: r.opt_text(6)?,
        artifact_ids,
        copy_tags: r.flag(8)?,
        status: parsed(r, 9, CopyProductStatus::from_wire)?,
        status_detail: r.opt_text(10)?,
        idempotency_token: r.text(11)?,
        created_ms: r.int(12)?,
    })
}

impl Tx<'_> {
    fn copy_ops_where(
        &self,
        clause: &str,
        args: &[Arg<'_>],
    ) -> Result<Option<CopyProductRecord>, StoreError> {
        Ok(self
            .conn
            .all(
                &format!("SELECT {COLUMNS} FROM sc_copy_product_ops WHERE {clause}"),
                args,
                row,
            )?
            .pop())
    }
}

impl CopyProductReads for Tx<'_> {
    fn copy_product_op(
        &self,
        token: &CopyProductToken,
    ) -> Result<Option<CopyProductRecord>, StoreError> {
        self.copy_ops_where("token = ?1", args![token.as_str()])
    }

    fn copy_product_op_by_token(
        &self,
        account: &AccountId,
        region: &str,
        idempotency_token: &str,
    ) -> Result<Option<CopyProductRecord>, StoreError> {
        self.copy_ops_where(
            "account = ?1 AND region = ?2 AND idempotency_token = ?3",
            args![account.as_str(), region, idempotency_token],
        )
    }
}

impl CopyProductWrites for Tx<'_> {
    fn insert_copy_product_op(&self, op: &CopyProductRecord) -> Result<(), StoreError> {
        let ids: Vec<&str> = op.artifact_ids.iter().map(ArtifactId::as_str).collect();
        self.conn.execute(
            &format!(
                "INSERT INTO sc_copy_product_ops ({COLUMNS})
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
            ),
            args![
                op.token.as_str(),
                op.account.as_str(),
                &op.region,
                op.source_product_id.as_str(),
                &op.source_region,
                op.target_product_id.as_ref().map(ProductId::as_str),
                op.target_product_name.as_deref(),
                &to_json(&ids),
                op.copy_tags,
                op.status.as_str(),
                op.status_detail.as_deref(),
                &op.idempotency_token,
                op.created_ms
            ],
        )?;
        Ok(())
    }

    fn update_copy_product_op(&self, op: &CopyProductRecord) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE sc_copy_product_ops SET status = ?2, status_detail = ?3,
             target_product_id = ?4 WHERE token = ?1",
            args![
                op.token.as_str(),
                op.status.as_str(),
                op.status_detail.as_deref(),
                op.target_product_id.as_ref().map(ProductId::as_str)
            ],
        )?;
        Ok(())
    }
}
