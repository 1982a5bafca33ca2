//! Products, provisioning artifacts, links, principals, TagOptions and constraints on
//! SQLite. The trait methods only take the connection; the SQL lives in the submodules.

use async_trait::async_trait;
use rusqlite::TransactionBehavior;
use sclocal_core::ids::AccountId;
use sclocal_core::store::{
    ArtifactRecord, ConstraintRecord, Inserted, PortfolioUsage, PrincipalRecord, ProductLink,
    ProductRecord, ProductStore, Removal, StoreError, TagOptionRecord,
};
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::{backend, SqliteStore};

mod items;
mod links;
mod tag_options;

/// A record as its stored JSON document.
pub(crate) fn to_doc<T: Serialize>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(backend)
}

/// A stored JSON document read back from column `idx`.
pub(crate) fn from_doc<T: DeserializeOwned>(
    row: &rusqlite::Row<'_>,
    idx: usize,
) -> rusqlite::Result<T> {
    let text: String = row.get(idx)?;
    serde_json::from_str(&text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e))
    })
}

impl SqliteStore {
    /// Runs `f` in one immediate (write-locking) transaction and commits it.
    fn write_tx<T>(
        &self,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut conn = self.conn();
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(backend)?;
        let out = f(&tx)?;
        tx.commit().map_err(backend)?;
        Ok(out)
    }
}

#[async_trait]
impl ProductStore for SqliteStore {
    async fn insert_product(
        &self,
        product: &ProductRecord,
        artifact: Option<&ArtifactRecord>,
    ) -> Result<Inserted<ProductRecord>, StoreError> {
        self.write_tx(|tx| items::insert_product(tx, product, artifact))
    }

    async fn product(&self, region: &str, id: &str) -> Result<Option<ProductRecord>, StoreError> {
        items::product(&self.conn(), region, id)
    }

    async fn account_products(
        &self,
        account: &AccountId,
        region: &str,
    ) -> Result<Vec<ProductRecord>, StoreError> {
        items::account_products(&self.conn(), account, region)
    }

    async fn update_product(&self, product: &ProductRecord) -> Result<(), StoreError> {
        items::update_product(&self.conn(), product)
    }

    async fn delete_product(&self, region: &str, id: &str) -> Result<Removal, StoreError> {
        self.write_tx(|tx| items::delete_product(tx, region, id))
    }

    async fn insert_artifact(
        &self,
        artifact: &ArtifactRecord,
    ) -> Result<Inserted<ArtifactRecord>, StoreError> {
        self.write_tx(|tx| items::insert_artifact(tx, artifact))
    }

    async fn artifacts(&self, product_id: &str) -> Result<Vec<ArtifactRecord>, StoreError> {
        items::artifacts(&self.conn(), product_id)
    }

    async fn update_artifact(&self, artifact: &ArtifactRecord) -> Result<(), StoreError> {
        items::update_artifact(&self.conn(), artifact)
    }

    async fn delete_artifact(&self, product_id: &str, id: &str) -> Result<Removal, StoreError> {
        self.write_tx(|tx| items::delete_artifact(tx, product_id, id))
    }

    async fn link_product(&self, link: &ProductLink) -> Result<bool, StoreError> {
        links::link_product(&self.conn(), link)
    }

    async fn unlink_product(
        &self,
        portfolio_id: &str,
        product_id: &str,
    ) -> Result<Removal, StoreError> {
        self.write_tx(|tx| links::unlink_product(tx, portfolio_id, product_id))
    }

    async fn portfolio_links(&self, portfolio_id: &str) -> Result<Vec<ProductLink>, StoreError> {
        links::links(&self.conn(), "portfolio_id", portfolio_id)
    }

    async fn product_links(&self, product_id: &str) -> Result<Vec<ProductLink>, StoreError> {
        links::links(&self.conn(), "product_id", product_id)
    }

    async fn associate_principal(
        &self,
        principal: &PrincipalRecord,
        pattern_limit: usize,
    ) -> Result<Inserted<PrincipalRecord>, StoreError> {
        self.write_tx(|tx| links::associate_principal(tx, principal, pattern_limit))
    }

    async fn disassociate_principal(
        &self,
        portfolio_id: &str,
        account: &AccountId,
        arn: &str,
    ) -> Result<bool, StoreError> {
        links::disassociate_principal(&self.conn(), portfolio_id, account, arn)
    }

    async fn principals(&self, portfolio_id: &str) -> Result<Vec<PrincipalRecord>, StoreError> {
        links::principals(&self.conn(), portfolio_id)
    }

    async fn portfolio_usage(
        &self,
        portfolio_id: &str,
        owner: &AccountId,
    ) -> Result<PortfolioUsage, StoreError> {
        links::portfolio_usage(&self.conn(), portfolio_id, owner)
    }

    async fn insert_tag_option(
        &self,
        option: &TagOptionRecord,
    ) -> Result<Inserted<TagOptionRecord>, StoreError> {
        self.write_tx(|tx| tag_options::insert(tx, option))
    }

    async fn tag_option(
        &self,
        region: &str,
        id: &str,
    ) -> Result<Option<TagOptionRecord>, StoreError> {
        tag_options::by_id(&self.conn(), region, id)
    }

    async fn account_tag_options(
        &self,
        account: &AccountId,
        region: &str,
    ) -> Result<Vec<TagOptionRecord>, StoreError> {
        tag_options::of_account(&self.conn(), account, region)
    }

    async fn update_tag_option(&self, option: &TagOptionRecord) -> Result<bool, StoreError> {
        self.write_tx(|tx| tag_options::update(tx, option))
    }

    async fn delete_tag_option(&self, region: &str, id: &str) -> Result<Removal, StoreError> {
        self.write_tx(|tx| tag_options::delete(tx, region, id))
    }

    async fn link_tag_option(
        &self,
        option_id: &str,
        resource_id: &str,
    ) -> Result<bool, StoreError> {
        tag_options::link(&self.conn(), option_id, resource_id)
    }

    async fn unlink_tag_option(
        &self,
        option_id: &str,
        resource_id: &str,
    ) -> Result<bool, StoreError> {
        tag_options::unlink(&self.conn(), option_id, resource_id)
    }

    async fn resource_tag_options(
        &self,
        resource_id: &str,
    ) -> Result<Vec<TagOptionRecord>, StoreError> {
        tag_options::of_resource(&self.conn(), resource_id)
    }

    async fn tag_option_resources(&self, option_id: &str) -> Result<Vec<String>, StoreError> {
        tag_options::resources(&self.conn(), option_id)
    }

    async fn insert_constraint(
        &self,
        constraint: &ConstraintRecord,
    ) -> Result<Inserted<ConstraintRecord>, StoreError> {
        self.write_tx(|tx| links::insert_constraint(tx, constraint))
    }

    async fn constraint(
        &self,
        region: &str,
        id: &str,
    ) -> Result<Option<ConstraintRecord>, StoreError> {
        links::constraint(&self.conn(), region, id)
    }

    async fn update_constraint(&self, constraint: &ConstraintRecord) -> Result<(), StoreError> {
        links::update_constraint(&self.conn(), constraint)
    }

    async fn delete_constraint(&self, region: &str, id: &str) -> Result<bool, StoreError> {
        links::delete_constraint(&self.conn(), region, id)
    }

    async fn portfolio_constraints(
        &self,
        portfolio_id: &str,
    ) -> Result<Vec<ConstraintRecord>, StoreError> {
        links::portfolio_constraints(&self.conn(), portfolio_id)
    }
}
