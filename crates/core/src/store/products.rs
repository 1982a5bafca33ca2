//! Products, provisioning artifacts, product–portfolio links, principal associations,
//! TagOptions and constraints (aws-behavior.md §3.3, §7).

use std::collections::BTreeMap;

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use super::{Inserted, StoreError};
use crate::ids::AccountId;

/// A product as stored (CreateProduct).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductRecord {
    /// `prod-…`.
    pub id: String,
    /// The product view id, `prodview-…` (ProductViewSummary.Id).
    pub view_id: String,
    /// The account that created it.
    #[serde(with = "account_serde")]
    pub account: AccountId,
    /// Region.
    pub region: String,
    /// `arn:<partition>:catalog:<region>:<account>:product/<id>`.
    pub arn: String,
    /// Name.
    pub name: String,
    /// The `Owner` member: free text naming who publishes the product.
    pub owner: String,
    /// Description (ShortDescription in views).
    pub description: Option<String>,
    /// Distributor.
    pub distributor: Option<String>,
    /// SupportDescription.
    pub support_description: Option<String>,
    /// SupportEmail.
    pub support_email: Option<String>,
    /// SupportUrl.
    pub support_url: Option<String>,
    /// ProductType wire value (`CLOUD_FORMATION_TEMPLATE`, …).
    pub product_type: String,
    /// Tags in insertion order.
    pub tags: Vec<(String, String)>,
    /// Creation time, epoch milliseconds.
    pub created_ms: i64,
    /// The IdempotencyToken it was created with.
    pub idempotency_token: Option<String>,
}

/// A provisioning artifact (a product version). Its template is stored, never executed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArtifactRecord {
    /// `pa-…`.
    pub id: String,
    /// The product it belongs to.
    pub product_id: String,
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// ProvisioningArtifactType wire value.
    pub artifact_type: String,
    /// The `Info` map as given (`LoadTemplateFromURL`, …).
    pub info: BTreeMap<String, String>,
    /// Active.
    pub active: bool,
    /// Guidance wire value (`DEFAULT`, `DEPRECATED`).
    pub guidance: String,
    /// Creation time, epoch milliseconds.
    pub created_ms: i64,
    /// The IdempotencyToken it was created with.
    pub idempotency_token: Option<String>,
}

/// A product in a portfolio.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductLink {
    /// The portfolio.
    pub portfolio_id: String,
    /// The product.
    pub product_id: String,
    /// The imported portfolio the product was taken from (AssociateProductWithPortfolio
    /// SourcePortfolioId), for a product of another account.
    pub source_portfolio_id: Option<String>,
}

/// A principal associated with a portfolio by one account: the owner, or a recipient on an
/// imported portfolio (visible to that recipient alone).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrincipalRecord {
    /// The portfolio.
    pub portfolio_id: String,
    /// The account that made the association.
    pub account: AccountId,
    /// PrincipalARN.
    pub arn: String,
    /// PrincipalType wire value (`IAM`, `IAM_PATTERN`).
    pub principal_type: String,
}

/// A TagOption.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagOptionRecord {
    /// `tag-…`.
    pub id: String,
    /// The account that created it.
    pub account: AccountId,
    /// Region.
    pub region: String,
    /// Key.
    pub key: String,
    /// Value.
    pub value: String,
    /// Active.
    pub active: bool,
    /// Creation time, epoch milliseconds.
    pub created_ms: i64,
}

/// A constraint on a product in a portfolio.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConstraintRecord {
    /// `cons-…`.
    pub id: String,
    /// The account that created it (the portfolio owner).
    #[serde(with = "account_serde")]
    pub account: AccountId,
    /// Region.
    pub region: String,
    /// The portfolio.
    pub portfolio_id: String,
    /// The product.
    pub product_id: String,
    /// Type (`LAUNCH`, `TEMPLATE`, …).
    pub constraint_type: String,
    /// Description.
    pub description: Option<String>,
    /// Parameters, the JSON text as given.
    pub parameters: String,
    /// The IdempotencyToken it was created with.
    pub idempotency_token: Option<String>,
}

/// What a delete did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Removal {
    /// The record was deleted.
    Removed,
    /// There was no such record.
    Missing,
    /// Something still refers to it; nothing was deleted.
    InUse,
}

/// What still hangs off a portfolio (DeletePortfolio refuses while any remain).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PortfolioUsage {
    /// Products in it.
    pub products: usize,
    /// Principals its owner associated.
    pub principals: usize,
    /// Constraints on it.
    pub constraints: usize,
}

/// Product units of work.
#[async_trait]
pub trait ProductStore: Send + Sync {
    /// Inserts a product and its first artifact, unless one with the same (account, region,
    /// idempotency token) exists: then returns that one and writes nothing.
    async fn insert_product(
        &self,
        product: &ProductRecord,
        artifact: Option<&ArtifactRecord>,
    ) -> Result<Inserted<ProductRecord>, StoreError>;

    /// A product by id in a region, whoever owns it.
    async fn product(&self, region: &str, id: &str) -> Result<Option<ProductRecord>, StoreError>;

    /// The products an account created in a region, in creation order.
    async fn account_products(
        &self,
        account: &AccountId,
        region: &str,
    ) -> Result<Vec<ProductRecord>, StoreError>;

    /// Replaces a product's mutable fields.
    async fn update_product(&self, product: &ProductRecord) -> Result<(), StoreError>;

    /// Deletes a product with its artifacts and TagOption links, unless a portfolio of its
    /// own account still holds it (`InUse`). Links from other accounts' portfolios go too.
    async fn delete_product(&self, region: &str, id: &str) -> Result<Removal, StoreError>;

    /// Inserts an artifact unless one with the same (product, idempotency token) exists.
    async fn insert_artifact(
        &self,
        artifact: &ArtifactRecord,
    ) -> Result<Inserted<ArtifactRecord>, StoreError>;

    /// A product's artifacts in creation order.
    async fn artifacts(&self, product_id: &str) -> Result<Vec<ArtifactRecord>, StoreError>;

    /// Replaces an artifact's mutable fields.
    async fn update_artifact(&self, artifact: &ArtifactRecord) -> Result<(), StoreError>;

    /// Deletes an artifact unless it is its product's last one (`InUse`).
    async fn delete_artifact(&self, product_id: &str, id: &str) -> Result<Removal, StoreError>;

    /// Puts a product in a portfolio; returns whether it was not there yet.
    async fn link_product(&self, link: &ProductLink) -> Result<bool, StoreError>;

    /// Takes a product out of a portfolio, and out of every portfolio that took it from this
    /// one (SourcePortfolioId); refuses (`InUse`) while constraints on the pair remain.
    async fn unlink_product(
        &self,
        portfolio_id: &str,
        product_id: &str,
    ) -> Result<Removal, StoreError>;

    /// The products in a portfolio, in the order they were added.
    async fn portfolio_links(&self, portfolio_id: &str) -> Result<Vec<ProductLink>, StoreError>;

    /// The portfolios holding a product, in the order it was added.
    async fn product_links(&self, product_id: &str) -> Result<Vec<ProductLink>, StoreError>;

    /// Associates a principal. An identical association is `Existing`; a new IAM_PATTERN one
    /// beyond `pattern_limit` for the (portfolio, account) is `LimitReached`.
    async fn associate_principal(
        &self,
        principal: &PrincipalRecord,
        pattern_limit: usize,
    ) -> Result<Inserted<PrincipalRecord>, StoreError>;

    /// Removes one account's association of a principal; returns whether it existed.
    async fn disassociate_principal(
        &self,
        portfolio_id: &str,
        account: &AccountId,
        arn: &str,
    ) -> Result<bool, StoreError>;

    /// Every principal association on a portfolio, by any account, in association order.
    async fn principals(&self, portfolio_id: &str) -> Result<Vec<PrincipalRecord>, StoreError>;

    /// What still hangs off a portfolio owned by `owner`.
    async fn portfolio_usage(
        &self,
        portfolio_id: &str,
        owner: &AccountId,
    ) -> Result<PortfolioUsage, StoreError>;

    /// Inserts a TagOption unless the account already has one with that key and value in
    /// the region (then returns it as `Existing`).
    async fn insert_tag_option(
        &self,
        option: &TagOptionRecord,
    ) -> Result<Inserted<TagOptionRecord>, StoreError>;

    /// A TagOption by id in a region.
    async fn tag_option(
        &self,
        region: &str,
        id: &str,
    ) -> Result<Option<TagOptionRecord>, StoreError>;

    /// An account's TagOptions in a region, in creation order.
    async fn account_tag_options(
        &self,
        account: &AccountId,
        region: &str,
    ) -> Result<Vec<TagOptionRecord>, StoreError>;

    /// Replaces a TagOption's value and active flag; `false` when another TagOption of the
    /// account already has the new key and value (nothing written).
    async fn update_tag_option(&self, option: &TagOptionRecord) -> Result<bool, StoreError>;

    /// Deletes a TagOption unless it is associated with a resource (`InUse`).
    async fn delete_tag_option(&self, region: &str, id: &str) -> Result<Removal, StoreError>;

    /// Associates a TagOption with a portfolio or product; returns whether it was new.
    async fn link_tag_option(&self, option_id: &str, resource_id: &str)
        -> Result<bool, StoreError>;

    /// Removes that association; returns whether it existed.
    async fn unlink_tag_option(
        &self,
        option_id: &str,
        resource_id: &str,
    ) -> Result<bool, StoreError>;

    /// The TagOptions associated with a resource, in association order.
    async fn resource_tag_options(
        &self,
        resource_id: &str,
    ) -> Result<Vec<TagOptionRecord>, StoreError>;

    /// The resources a TagOption is associated with, in association order.
    async fn tag_option_resources(&self, option_id: &str) -> Result<Vec<String>, StoreError>;

    /// Inserts a constraint unless one with the same (account, region, idempotency token)
    /// exists (then returns it as `Existing`).
    async fn insert_constraint(
        &self,
        constraint: &ConstraintRecord,
    ) -> Result<Inserted<ConstraintRecord>, StoreError>;

    /// A constraint by id in a region.
    async fn constraint(
        &self,
        region: &str,
        id: &str,
    ) -> Result<Option<ConstraintRecord>, StoreError>;

    /// Replaces a constraint's description and parameters.
    async fn update_constraint(&self, constraint: &ConstraintRecord) -> Result<(), StoreError>;

    /// Deletes a constraint; returns whether it existed.
    async fn delete_constraint(&self, region: &str, id: &str) -> Result<bool, StoreError>;

    /// A portfolio's constraints in creation order.
    async fn portfolio_constraints(
        &self,
        portfolio_id: &str,
    ) -> Result<Vec<ConstraintRecord>, StoreError>;
}

/// `AccountId` as its 12-digit text inside stored JSON documents.
mod account_serde {
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::ids::AccountId;

    pub(super) fn serialize<S: Serializer>(a: &AccountId, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(a.as_str())
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<AccountId, D::Error> {
        let text = String::deserialize(d)?;
        AccountId::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!("account id {text:?} is not 12 digits"))
        })
    }
}
