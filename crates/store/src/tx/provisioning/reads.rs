//! `ProvisioningReads` on the provisioning tables.

use sclocal_core::ids::{AccountId, ArtifactId, ProvisionedProductId, RecordId};
use sclocal_core::store::{
    Cursor, EngineMessage, Page, ProvisionedProductRecord, ProvisioningReads, ProvisioningRecord,
    RecordType, StoreError,
};

use super::super::{after, fetch_limit, limit_arg, page, Tx};
use super::{
    engine_message_row, product_row, record_row, PRODUCT_COLUMNS, PRODUCT_COLUMN_COUNT,
    RECORD_COLUMNS,
};
use crate::args;
use crate::sql::Arg;

impl Tx<'_> {
    fn products_where(
        &self,
        clause: &str,
        args: &[Arg<'_>],
    ) -> Result<Vec<ProvisionedProductRecord>, StoreError> {
        self.conn.all(
            &format!(
                "SELECT {PRODUCT_COLUMNS} FROM sc_provisioned_products WHERE {clause} ORDER BY seq"
            ),
            args,
            product_row,
        )
    }

    fn records_where(
        &self,
        clause: &str,
        args: &[Arg<'_>],
    ) -> Result<Vec<ProvisioningRecord>, StoreError> {
        self.conn.all(
            &format!("SELECT {RECORD_COLUMNS} FROM sc_records WHERE {clause} ORDER BY seq"),
            args,
            record_row,
        )
    }
}

impl ProvisioningReads for Tx<'_> {
    fn provisioned_product(
        &self,
        region: &str,
        id: &ProvisionedProductId,
    ) -> Result<Option<ProvisionedProductRecord>, StoreError> {
        Ok(self
            .products_where("id = ?1 AND region = ?2", args![id.as_str(), region])?
            .pop())
    }

    fn provisioned_product_named(
        &self,
        account: &AccountId,
        region: &str,
        name: &str,
    ) -> Result<Option<ProvisionedProductRecord>, StoreError> {
        Ok(self
            .products_where(
                "account = ?1 AND region = ?2 AND name = ?3",
                args![account.as_str(), region, name],
            )?
            .pop())
    }

    fn provisioned_product_by_physical_id(
        &self,
        account: &AccountId,
        region: &str,
        physical_id: &str,
    ) -> Result<Option<ProvisionedProductRecord>, StoreError> {
        Ok(self
            .products_where(
                "account = ?1 AND region = ?2 AND physical_id = ?3",
                args![account.as_str(), region, physical_id],
            )?
            .pop())
    }

    fn account_provisioned_products(
        &self,
        account: &AccountId,
        region: &str,
    ) -> Result<Vec<ProvisionedProductRecord>, StoreError> {
        self.products_where(
            "account = ?1 AND region = ?2",
            args![account.as_str(), region],
        )
    }

    fn account_provisioned_products_page(
        &self,
        account: &AccountId,
        region: &str,
        cursor: Option<Cursor>,
        limit: usize,
    ) -> Result<Page<ProvisionedProductRecord>, StoreError> {
        let rows = self.conn.all(
            &format!(
                "SELECT {PRODUCT_COLUMNS}, seq FROM sc_provisioned_products
                 WHERE account = ?1 AND region = ?2 AND seq > ?3 ORDER BY seq LIMIT ?4"
            ),
            args![account.as_str(), region, after(cursor), fetch_limit(limit)],
            |r| Ok((r.int(PRODUCT_COLUMN_COUNT)?, product_row(r)?)),
        )?;
        Ok(page(rows, limit))
    }

    fn all_provisioned_products(
        &self,
        cursor: Option<Cursor>,
        limit: usize,
    ) -> Result<Page<ProvisionedProductRecord>, StoreError> {
        let rows = self.conn.all(
            &format!(
                "SELECT {PRODUCT_COLUMNS}, seq FROM sc_provisioned_products WHERE seq > ?1
                 ORDER BY seq LIMIT ?2"
            ),
            args![after(cursor), fetch_limit(limit)],
            |r| Ok((r.int(PRODUCT_COLUMN_COUNT)?, product_row(r)?)),
        )?;
        Ok(page(rows, limit))
    }

    fn record(&self, id: &RecordId) -> Result<Option<ProvisioningRecord>, StoreError> {
        Ok(self.records_where("id = ?1", args![id.as_str()])?.pop())
    }

    fn record_by_token(
        &self,
        account: &AccountId,
        region: &str,
        record_type: RecordType,
        token: &str,
    ) -> Result<Option<ProvisioningRecord>, StoreError> {
        Ok(self
            .records_where(
                "account = ?1 AND region = ?2 AND token = ?3 AND record_type = ?4",
                args![account.as_str(), region, token, record_type.as_str()],
            )?
            .pop())
    }

    fn account_records(
        &self,
        account: &AccountId,
        region: &str,
    ) -> Result<Vec<ProvisioningRecord>, StoreError> {
        self.records_where(
            "account = ?1 AND region = ?2",
            args![account.as_str(), region],
        )
    }

    fn recent_records(&self, limit: usize) -> Result<Vec<ProvisioningRecord>, StoreError> {
        self.conn.all(
            &format!("SELECT {RECORD_COLUMNS} FROM sc_records ORDER BY seq DESC LIMIT ?1"),
            args![limit_arg(limit)],
            record_row,
        )
    }

    fn provisioned_product_records(
        &self,
        id: &ProvisionedProductId,
    ) -> Result<Vec<ProvisioningRecord>, StoreError> {
        self.records_where("provisioned_product_id = ?1", args![id.as_str()])
    }

    fn artifact_template(&self, artifact: &ArtifactId) -> Result<Option<String>, StoreError> {
        self.conn.first(
            "SELECT body FROM sc_artifact_templates WHERE artifact_id = ?1",
            args![artifact.as_str()],
            |r| r.text(0),
        )
    }

    fn engine_messages(&self, queue: Option<&str>) -> Result<Vec<EngineMessage>, StoreError> {
        self.conn.all(
            "SELECT queue, account, region, record_id, body, created_ms FROM sc_engine_messages
             WHERE CAST(?1 AS TEXT) IS NULL OR queue = ?1 ORDER BY seq",
            args![queue],
            engine_message_row,
        )
    }
}
