//! Self-service actions (provisioning.md §22): an account's SSM Automation definitions and
//! their associations with provisioning artifacts, and the budgets associated with portfolios
//! and products (§23). Kept apart from `products.rs` so these additions stay in one place.

use std::collections::BTreeMap;

use sclocal_api::servicecatalog::ServiceActionDefinitionType;

use super::error::StoreError;
use crate::ids::{AccountId, ArtifactId, ProductId, ServiceActionId};

/// A self-service action as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceActionRecord {
    /// `act-…`.
    pub id: ServiceActionId,
    /// The account that created it (the only one that administers it).
    pub account: AccountId,
    /// Region.
    pub region: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// DefinitionType.
    pub definition_type: ServiceActionDefinitionType,
    /// Definition (`Name`, `Version`, `AssumeRole`, `Parameters`).
    pub definition: BTreeMap<String, String>,
    /// Creation time, epoch milliseconds.
    pub created_ms: i64,
    /// The IdempotencyToken it was created with.
    pub idempotency_token: Option<String>,
}

/// An action associated with one provisioning artifact of a product.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceActionLink {
    /// The action.
    pub action_id: ServiceActionId,
    /// The product.
    pub product_id: ProductId,
    /// The artifact of that product.
    pub artifact_id: ArtifactId,
}

/// Reading self-service actions, their associations and budget associations.
pub trait ServiceActionReads {
    /// An action by id in a region, whichever account it belongs to.
    fn service_action(
        &self,
        region: &str,
        id: &ServiceActionId,
    ) -> Result<Option<ServiceActionRecord>, StoreError>;

    /// The account's action created with this IdempotencyToken.
    fn service_action_by_token(
        &self,
        account: &AccountId,
        region: &str,
        token: &str,
    ) -> Result<Option<ServiceActionRecord>, StoreError>;

    /// An account's actions in a region, in creation order.
    fn account_service_actions(
        &self,
        account: &AccountId,
        region: &str,
    ) -> Result<Vec<ServiceActionRecord>, StoreError>;

    /// The associations of an artifact, in association order.
    fn artifact_service_action_links(
        &self,
        artifact: &ArtifactId,
    ) -> Result<Vec<ServiceActionLink>, StoreError>;

    /// The associations of an action, in association order.
    fn service_action_links(
        &self,
        action: &ServiceActionId,
    ) -> Result<Vec<ServiceActionLink>, StoreError>;

    /// The budget names associated with a portfolio or product id, in association order.
    fn resource_budgets(&self, resource: &str) -> Result<Vec<String>, StoreError>;
}

/// Writing self-service actions, their associations and budget associations.
pub trait ServiceActionWrites {
    /// Inserts an action.
    fn insert_service_action(&self, action: &ServiceActionRecord) -> Result<(), StoreError>;

    /// Replaces an action's name, description and definition.
    fn update_service_action(&self, action: &ServiceActionRecord) -> Result<(), StoreError>;

    /// Removes an action.
    fn delete_service_action(&self, id: &ServiceActionId) -> Result<(), StoreError>;

    /// Associates an action with an artifact; false when the association already exists.
    fn link_service_action(&self, link: &ServiceActionLink) -> Result<bool, StoreError>;

    /// Removes an association; false when there was none.
    fn unlink_service_action(&self, link: &ServiceActionLink) -> Result<bool, StoreError>;

    /// Removes every association of an artifact (the artifact is going away).
    fn unlink_artifact_service_actions(&self, artifact: &ArtifactId) -> Result<(), StoreError>;

    /// Associates a budget with a portfolio or product id; false when already associated.
    fn link_budget(&self, resource: &str, budget: &str) -> Result<bool, StoreError>;

    /// Removes a budget association; false when there was none.
    fn unlink_budget(&self, resource: &str, budget: &str) -> Result<bool, StoreError>;

    /// Removes every budget association of a resource (the resource is going away).
    fn unlink_resource_budgets(&self, resource: &str) -> Result<(), StoreError>;
}
