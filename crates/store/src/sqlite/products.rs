//! Products, provisioning artifacts, links, principals, TagOptions and constraints on
//! SQLite. The trait methods only pick a read or a write unit of work; the SQL lives in the
//! submodules.

use async_trait::async_trait;
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

#[async_trait]
impl ProductStore for SqliteStore {
    async fn insert_product(
        &self,
        product: &ProductRecord,
        artifact: Option<&ArtifactRecord>,
    ) -> Result<Inserted<ProductRecord>, StoreError> {
        let (product, artifact) = (product.clone(), artifact.cloned());
        self.write(move |tx| items::insert_product(tx, &product, artifact.as_ref()))
            .await
    }

    async fn product(&self, region: &str, id: &str) -> Result<Option<ProductRecord>, StoreError> {
        self.read(|conn| items::product(conn, region, id))
    }

    async fn account_products(
        &self,
        account: &AccountId,
        region: &str,
    ) -> Result<Vec<ProductRecord>, StoreError> {
        self.read(|conn| items::account_products(conn, account, region))
    }

    async fn update_product(&self, product: &ProductRecord) -> Result<(), StoreError> {
        let product = product.clone();
        self.write(move |tx| items::update_product(tx, &product))
            .await
    }

    async fn delete_product(&self, region: &str, id: &str) -> Result<Removal, StoreError> {
        let (region, id) = (region.to_owned(), id.to_owned());
        self.write(move |tx| items::delete_product(tx, &region, &id))
            .await
    }

    async fn insert_artifact(
        &self,
        artifact: &ArtifactRecord,
    ) -> Result<Inserted<ArtifactRecord>, StoreError> {
        let artifact = artifact.clone();
        self.write(move |tx| items::insert_artifact(tx, &artifact))
            .await
    }

    async fn artifacts(&self, product_id: &str) -> Result<Vec<ArtifactRecord>, StoreError> {
        self.read(|conn| items::artifacts(conn, product_id))
    }

    async fn update_artifact(&self, artifact: &ArtifactRecord) -> Result<(), StoreError> {
        let artifact = artifact.clone();
        self.write(move |tx| items::update_artifact(tx, &artifact))
            .await
    }

    async fn delete_artifact(&self, product_id: &str, id: &str) -> Result<Removal, StoreError> {
        let (product_id, id) = (product_id.to_owned(), id.to_owned());
        self.write(move |tx| items::delete_artifact(tx, &product_id, &id))
            .await
    }

    async fn link_product(&self, link: &ProductLink) -> Result<bool, StoreError> {
        let link = link.clone();
        self.write(move |tx| links::link_product(tx, &link)).await
    }

    async fn unlink_product(
        &self,
        portfolio_id: &str,
        product_id: &str,
    ) -> Result<Removal, StoreError> {
        let (portfolio_id, product_id) = (portfolio_id.to_owned(), product_id.to_owned());
        self.write(move |tx| links::unlink_product(tx, &portfolio_id, &product_id))
            .await
    }

    async fn portfolio_links(&self, portfolio_id: &str) -> Result<Vec<ProductLink>, StoreError> {
        self.read(|conn| links::links(conn, "portfolio_id", portfolio_id))
    }

    async fn product_links(&self, product_id: &str) -> Result<Vec<ProductLink>, StoreError> {
        self.read(|conn| links::links(conn, "product_id", product_id))
    }

    async fn associate_principal(
        &self,
        principal: &PrincipalRecord,
        pattern_limit: usize,
    ) -> Result<Inserted<PrincipalRecord>, StoreError> {
        let principal = principal.clone();
        self.write(move |tx| links::associate_principal(tx, &principal, pattern_limit))
            .await
    }

    async fn disassociate_principal(
        &self,
        portfolio_id: &str,
        account: &AccountId,
        arn: &str,
    ) -> Result<bool, StoreError> {
        let (portfolio_id, account, arn) =
            (portfolio_id.to_owned(), account.clone(), arn.to_owned());
        self.write(move |tx| links::disassociate_principal(tx, &portfolio_id, &account, &arn))
            .await
    }

    async fn principals(&self, portfolio_id: &str) -> Result<Vec<PrincipalRecord>, StoreError> {
        self.read(|conn| links::principals(conn, portfolio_id))
    }

    async fn portfolio_usage(
        &self,
        portfolio_id: &str,
        owner: &AccountId,
    ) -> Result<PortfolioUsage, StoreError> {
        self.read(|conn| links::portfolio_usage(conn, portfolio_id, owner))
    }

    async fn insert_tag_option(
        &self,
        option: &TagOptionRecord,
    ) -> Result<Inserted<TagOptionRecord>, StoreError> {
        let option = option.clone();
        self.write(move |tx| tag_options::insert(tx, &option)).await
    }

    async fn tag_option(
        &self,
        region: &str,
        id: &str,
    ) -> Result<Option<TagOptionRecord>, StoreError> {
        self.read(|conn| tag_options::by_id(conn, region, id))
    }

    async fn account_tag_options(
        &self,
        account: &AccountId,
        region: &str,
    ) -> Result<Vec<TagOptionRecord>, StoreError> {
        self.read(|conn| tag_options::of_account(conn, account, region))
    }

    async fn update_tag_option(&self, option: &TagOptionRecord) -> Result<bool, StoreError> {
        let option = option.clone();
        self.write(move |tx| tag_options::update(tx, &option)).await
    }

    async fn delete_tag_option(&self, region: &str, id: &str) -> Result<Removal, StoreError> {
        let (region, id) = (region.to_owned(), id.to_owned());
        self.write(move |tx| tag_options::delete(tx, &region, &id))
            .await
    }

    async fn link_tag_option(
        &self,
        option_id: &str,
        resource_id: &str,
    ) -> Result<bool, StoreError> {
        let (option_id, resource_id) = (option_id.to_owned(), resource_id.to_owned());
        self.write(move |tx| tag_options::link(tx, &option_id, &resource_id))
            .await
    }

    async fn unlink_tag_option(
        &self,
        option_id: &str,
        resource_id: &str,
    ) -> Result<bool, StoreError> {
        let (option_id, resource_id) = (option_id.to_owned(), resource_id.to_owned());
        self.write(move |tx| tag_options::unlink(tx, &option_id, &resource_id))
            .await
    }

    async fn resource_tag_options(
        &self,
        resource_id: &str,
    ) -> Result<Vec<TagOptionRecord>, StoreError> {
        self.read(|conn| tag_options::of_resource(conn, resource_id))
    }

    async fn tag_option_resources(&self, option_id: &str) -> Result<Vec<String>, StoreError> {
        self.read(|conn| tag_options::resources(conn, option_id))
    }

    async fn insert_constraint(
        &self,
        constraint: &ConstraintRecord,
    ) -> Result<Inserted<ConstraintRecord>, StoreError> {
        let constraint = constraint.clone();
        self.write(move |tx| links::insert_constraint(tx, &constraint))
            .await
    }

    async fn constraint(
        &self,
        region: &str,
        id: &str,
    ) -> Result<Option<ConstraintRecord>, StoreError> {
        self.read(|conn| links::constraint(conn, region, id))
    }

    async fn update_constraint(&self, constraint: &ConstraintRecord) -> Result<(), StoreError> {
        let constraint = constraint.clone();
        self.write(move |tx| links::update_constraint(tx, &constraint))
            .await
    }

    async fn delete_constraint(&self, region: &str, id: &str) -> Result<bool, StoreError> {
        let (region, id) = (region.to_owned(), id.to_owned());
        self.write(move |tx| links::delete_constraint(tx, &region, &id))
            .await
    }

    async fn portfolio_constraints(
        &self,
        portfolio_id: &str,
    ) -> Result<Vec<ConstraintRecord>, StoreError> {
        self.read(|conn| links::portfolio_constraints(conn, portfolio_id))
    }
}
