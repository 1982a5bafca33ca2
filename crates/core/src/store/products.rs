//! Products, provisioning artifacts, product–portfolio links, principal associations,
//! TagOptions and constraints (aws-behavior.md §3.3, §7).

use std::collections::BTreeMap;

use sclocal_api::servicecatalog::{
    PrincipalType, ProductType, ProvisioningArtifactGuidance, ProvisioningArtifactType,
};

use super::error::StoreError;
use crate::ids::{
    AccountId, ArtifactId, ConstraintId, PortfolioId, ProductId, ProductViewId, TagOptionId,
};
use crate::tags::Tags;

/// A product as stored (CreateProduct).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductRecord {
    /// `prod-…`.
    pub id: ProductId,
    /// The product view id, `prodview-…` (ProductViewSummary.Id).
    pub view_id: ProductViewId,
    /// The account that created it.
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
    /// ProductType.
    pub product_type: ProductType,
    /// Tags in insertion order.
    pub tags: Tags,
    /// Creation time, epoch milliseconds.
    pub created_ms: i64,
    /// The IdempotencyToken it was created with.
    pub idempotency_token: Option<String>,
}

/// A provisioning artifact (a product version).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArtifactRecord {
    /// `pa-…`.
    pub id: ArtifactId,
    /// The product it belongs to.
    pub product_id: ProductId,
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// ProvisioningArtifactType.
    pub artifact_type: ProvisioningArtifactType,
    /// The `Info` map as given (`LoadTemplateFromURL`, …).
    pub info: BTreeMap<String, String>,
    /// Active.
    pub active: bool,
    /// Guidance.
    pub guidance: ProvisioningArtifactGuidance,
    /// Creation time, epoch milliseconds.
    pub created_ms: i64,
    /// The IdempotencyToken it was created with.
    pub idempotency_token: Option<String>,
}

/// A product in a portfolio.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductLink {
    /// The portfolio.
    pub portfolio_id: PortfolioId,
    /// The product.
    pub product_id: ProductId,
    /// The imported portfolio the product was taken from (AssociateProductWithPortfolio
    /// SourcePortfolioId), for a product of another account.
    pub source_portfolio_id: Option<PortfolioId>,
}

/// A principal associated with a portfolio by one account: the owner, or a recipient on an
/// imported portfolio (visible to that recipient alone).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrincipalRecord {
    /// The portfolio.
    pub portfolio_id: PortfolioId,
    /// The account that made the association.
    pub account: AccountId,
    /// PrincipalARN.
    pub arn: String,
    /// PrincipalType.
    pub principal_type: PrincipalType,
}

/// A TagOption.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagOptionRecord {
    /// `tag-…`.
    pub id: TagOptionId,
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

/// A constraint's type (API_CreateConstraint).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ConstraintType {
    /// LAUNCH: the role products launch with.
    Launch,
    /// NOTIFICATION: SNS topics for stack events.
    Notification,
    /// RESOURCE_UPDATE: whether tags may change on provisioned products.
    ResourceUpdate,
    /// STACKSET: accounts and regions a product deploys to.
    StackSet,
    /// TEMPLATE: rules over the launch parameters.
    Template,
}

impl ConstraintType {
    /// The wire spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            ConstraintType::Launch => "LAUNCH",
            ConstraintType::Notification => "NOTIFICATION",
            ConstraintType::ResourceUpdate => "RESOURCE_UPDATE",
            ConstraintType::StackSet => "STACKSET",
            ConstraintType::Template => "TEMPLATE",
        }
    }

    /// Parses the wire spelling.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "LAUNCH" => ConstraintType::Launch,
            "NOTIFICATION" => ConstraintType::Notification,
            "RESOURCE_UPDATE" => ConstraintType::ResourceUpdate,
            "STACKSET" => ConstraintType::StackSet,
            "TEMPLATE" => ConstraintType::Template,
            _ => return None,
        })
    }
}

/// A constraint on a product in a portfolio.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConstraintRecord {
    /// `cons-…`.
    pub id: ConstraintId,
    /// The account that created it (the portfolio owner).
    pub account: AccountId,
    /// Region.
    pub region: String,
    /// The portfolio.
    pub portfolio_id: PortfolioId,
    /// The product.
    pub product_id: ProductId,
    /// Type.
    pub constraint_type: ConstraintType,
    /// Description.
    pub description: Option<String>,
    /// Parameters, the JSON text as given.
    pub parameters: String,
    /// The IdempotencyToken it was created with.
    pub idempotency_token: Option<String>,
}

/// Reading products and what hangs off portfolios.
pub trait ProductReads {
    /// A product by id in a region, whoever owns it.
    fn product(&self, region: &str, id: &ProductId) -> Result<Option<ProductRecord>, StoreError>;

    /// The product an account created in a region with an idempotency token.
    fn product_by_token(
        &self,
        account: &AccountId,
        region: &str,
        token: &str,
    ) -> Result<Option<ProductRecord>, StoreError>;

    /// The products an account created in a region, in creation order.
    fn account_products(
        &self,
        account: &AccountId,
        region: &str,
    ) -> Result<Vec<ProductRecord>, StoreError>;

    /// A product's artifacts in creation order.
    fn artifacts(&self, product: &ProductId) -> Result<Vec<ArtifactRecord>, StoreError>;

    /// The products in a portfolio, in the order they were added.
    fn portfolio_links(&self, portfolio: &PortfolioId) -> Result<Vec<ProductLink>, StoreError>;

    /// The portfolios holding a product, in the order it was added.
    fn product_links(&self, product: &ProductId) -> Result<Vec<ProductLink>, StoreError>;

    /// Every principal association on a portfolio, by any account, in association order.
    fn principals(&self, portfolio: &PortfolioId) -> Result<Vec<PrincipalRecord>, StoreError>;

    /// A TagOption by id in a region.
    fn tag_option(
        &self,
        region: &str,
        id: &TagOptionId,
    ) -> Result<Option<TagOptionRecord>, StoreError>;

    /// The account's TagOption with this key and value in a region.
    fn tag_option_by_value(
        &self,
        account: &AccountId,
        region: &str,
        key: &str,
        value: &str,
    ) -> Result<Option<TagOptionRecord>, StoreError>;

    /// An account's TagOptions in a region, in creation order.
    fn account_tag_options(
        &self,
        account: &AccountId,
        region: &str,
    ) -> Result<Vec<TagOptionRecord>, StoreError>;

    /// The TagOptions associated with a resource (portfolio or product), in association
    /// order.
    fn resource_tag_options(&self, resource: &str) -> Result<Vec<TagOptionRecord>, StoreError>;

    /// The resources a TagOption is associated with, in association order.
    fn tag_option_resources(&self, option: &TagOptionId) -> Result<Vec<String>, StoreError>;

    /// A constraint by id in a region.
    fn constraint(
        &self,
        region: &str,
        id: &ConstraintId,
    ) -> Result<Option<ConstraintRecord>, StoreError>;

    /// The constraint an account created in a region with an idempotency token.
    fn constraint_by_token(
        &self,
        account: &AccountId,
        region: &str,
        token: &str,
    ) -> Result<Option<ConstraintRecord>, StoreError>;

    /// A portfolio's constraints in creation order.
    fn portfolio_constraints(
        &self,
        portfolio: &PortfolioId,
    ) -> Result<Vec<ConstraintRecord>, StoreError>;
}

/// Writing products and what hangs off portfolios.
pub trait ProductWrites {
    /// Inserts a product.
    fn insert_product(&self, product: &ProductRecord) -> Result<(), StoreError>;

    /// Replaces a product's mutable fields.
    fn update_product(&self, product: &ProductRecord) -> Result<(), StoreError>;

    /// Deletes a product with its artifacts, links and TagOption links.
    fn delete_product(&self, id: &ProductId) -> Result<(), StoreError>;

    /// Inserts an artifact.
    fn insert_artifact(&self, artifact: &ArtifactRecord) -> Result<(), StoreError>;

    /// Replaces an artifact's mutable fields.
    fn update_artifact(&self, artifact: &ArtifactRecord) -> Result<(), StoreError>;

    /// Deletes an artifact.
    fn delete_artifact(&self, id: &ArtifactId) -> Result<(), StoreError>;

    /// Puts a product in a portfolio; whether it was not there yet.
    fn insert_link(&self, link: &ProductLink) -> Result<bool, StoreError>;

    /// Takes a product out of a portfolio; whether it was there.
    fn delete_link(&self, portfolio: &PortfolioId, product: &ProductId)
        -> Result<bool, StoreError>;

    /// Inserts a principal association.
    fn insert_principal(&self, principal: &PrincipalRecord) -> Result<(), StoreError>;

    /// Removes one account's association of a principal; whether it existed.
    fn delete_principal(
        &self,
        portfolio: &PortfolioId,
        account: &AccountId,
        arn: &str,
    ) -> Result<bool, StoreError>;

    /// Inserts a TagOption.
    fn insert_tag_option(&self, option: &TagOptionRecord) -> Result<(), StoreError>;

    /// Replaces a TagOption's value and active flag.
    fn update_tag_option(&self, option: &TagOptionRecord) -> Result<(), StoreError>;

    /// Deletes a TagOption.
    fn delete_tag_option(&self, id: &TagOptionId) -> Result<(), StoreError>;

    /// Associates a TagOption with a portfolio or product; whether it was new.
    fn link_tag_option(&self, option: &TagOptionId, resource: &str) -> Result<bool, StoreError>;

    /// Removes that association; whether it existed.
    fn unlink_tag_option(&self, option: &TagOptionId, resource: &str) -> Result<bool, StoreError>;

    /// Inserts a constraint.
    fn insert_constraint(&self, constraint: &ConstraintRecord) -> Result<(), StoreError>;

    /// Replaces a constraint's description and parameters.
    fn update_constraint(&self, constraint: &ConstraintRecord) -> Result<(), StoreError>;

    /// Deletes a constraint; whether it existed.
    fn delete_constraint(&self, id: &ConstraintId) -> Result<bool, StoreError>;
}
