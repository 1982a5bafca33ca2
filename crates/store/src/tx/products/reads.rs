//! `ProductReads` on the Service Catalog tables.

use sclocal_core::ids::{AccountId, ConstraintId, PortfolioId, ProductId, TagOptionId};
use sclocal_core::store::{
    ArtifactRecord, ConstraintRecord, PrincipalRecord, ProductLink, ProductReads, ProductRecord,
    StoreError, TagOptionRecord,
};

use super::super::Tx;
use super::{artifact_row, links, tag_options, ARTIFACT_COLUMNS};
use crate::args;

impl ProductReads for Tx<'_> {
    fn product(&self, region: &str, id: &ProductId) -> Result<Option<ProductRecord>, StoreError> {
        Ok(self
            .product_where("id = ?1 AND region = ?2", args![id.as_str(), region])?
            .pop())
    }

    fn product_by_token(
        &self,
        account: &AccountId,
        region: &str,
        token: &str,
    ) -> Result<Option<ProductRecord>, StoreError> {
        Ok(self
            .product_where(
                "account = ?1 AND region = ?2 AND idempotency_token = ?3",
                args![account.as_str(), region, token],
            )?
            .pop())
    }

    fn account_products(
        &self,
        account: &AccountId,
        region: &str,
    ) -> Result<Vec<ProductRecord>, StoreError> {
        self.product_where(
            "account = ?1 AND region = ?2",
            args![account.as_str(), region],
        )
    }

    fn artifacts(&self, product: &ProductId) -> Result<Vec<ArtifactRecord>, StoreError> {
        self.conn.all(
            &format!(
                "SELECT {ARTIFACT_COLUMNS} FROM sc_artifacts WHERE product_id = ?1 ORDER BY seq"
            ),
            args![product.as_str()],
            artifact_row,
        )
    }

    fn portfolio_links(&self, portfolio: &PortfolioId) -> Result<Vec<ProductLink>, StoreError> {
        links::links(self, "portfolio_id", portfolio.as_str())
    }

    fn product_links(&self, product: &ProductId) -> Result<Vec<ProductLink>, StoreError> {
        links::links(self, "product_id", product.as_str())
    }

    fn principals(&self, portfolio: &PortfolioId) -> Result<Vec<PrincipalRecord>, StoreError> {
        links::principals(self, portfolio)
    }

    fn tag_option(
        &self,
        region: &str,
        id: &TagOptionId,
    ) -> Result<Option<TagOptionRecord>, StoreError> {
        Ok(tag_options::options_where(
            self,
            "o.id = ?1 AND o.region = ?2",
            args![id.as_str(), region],
        )?
        .pop())
    }

    fn tag_option_by_value(
        &self,
        account: &AccountId,
        region: &str,
        key: &str,
        value: &str,
    ) -> Result<Option<TagOptionRecord>, StoreError> {
        Ok(tag_options::options_where(
            self,
            "o.account = ?1 AND o.region = ?2 AND o.key = ?3 AND o.value = ?4",
            args![account.as_str(), region, key, value],
        )?
        .pop())
    }

    fn account_tag_options(
        &self,
        account: &AccountId,
        region: &str,
    ) -> Result<Vec<TagOptionRecord>, StoreError> {
        tag_options::options_where(
            self,
            "o.account = ?1 AND o.region = ?2",
            args![account.as_str(), region],
        )
    }

    fn resource_tag_options(&self, resource: &str) -> Result<Vec<TagOptionRecord>, StoreError> {
        tag_options::of_resource(self, resource)
    }

    fn tag_option_resources(&self, option: &TagOptionId) -> Result<Vec<String>, StoreError> {
        self.conn.all(
            "SELECT resource_id FROM sc_tag_option_links WHERE tag_option_id = ?1 ORDER BY seq",
            args![option.as_str()],
            |r| r.text(0),
        )
    }

    fn constraint(
        &self,
        region: &str,
        id: &ConstraintId,
    ) -> Result<Option<ConstraintRecord>, StoreError> {
        Ok(
            links::constraints_where(self, "id = ?1 AND region = ?2", args![id.as_str(), region])?
                .pop(),
        )
    }

    fn constraint_by_token(
        &self,
        account: &AccountId,
        region: &str,
        token: &str,
    ) -> Result<Option<ConstraintRecord>, StoreError> {
        Ok(links::constraints_where(
            self,
            "account = ?1 AND region = ?2 AND idempotency_token = ?3",
            args![account.as_str(), region, token],
        )?
        .pop())
    }

    fn portfolio_constraints(
        &self,
        portfolio: &PortfolioId,
    ) -> Result<Vec<ConstraintRecord>, StoreError> {
        links::constraints_where(self, "portfolio_id = ?1", args![portfolio.as_str()])
    }
}
