//! Provisioned product plans (provisioning.md §3.3, §17): a change set proposed for a new or an
//! existing provisioned product, and executed later.

use sclocal_api::servicecatalog::{ChangeAction, ProvisionedProductPlanStatus, Replacement};
use serde::{Deserialize, Serialize};

use super::error::StoreError;
use super::provisioning::ParameterInput;
use crate::ids::{
    AccountId, ArtifactId, LaunchPathId, PlanId, PortfolioId, ProductId, ProvisionedProductId,
    RecordId,
};
use crate::tags::Tags;

/// One of a plan's ResourceChanges (§17).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanChange {
    /// ADD, MODIFY or REMOVE.
    #[serde(rename = "action")]
    pub action: ChangeAction,
    /// The template's logical id.
    #[serde(rename = "logical_id")]
    pub logical_id: String,
    /// `Type`, e.g. `AWS::S3::Bucket`.
    #[serde(rename = "resource_type")]
    pub resource_type: String,
    /// For MODIFY: whether the resource is replaced.
    #[serde(rename = "replacement", default)]
    pub replacement: Option<Replacement>,
}

/// A plan as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanRecord {
    /// `plan-…`.
    pub id: PlanId,
    /// The account it was created in.
    pub account: AccountId,
    /// Region.
    pub region: String,
    /// PlanName.
    pub name: String,
    /// The provisioned product it plans for (created PLAN_IN_PROGRESS for a new name).
    pub provisioned_product_id: ProvisionedProductId,
    /// ProvisionedProductName.
    pub provisioned_product_name: String,
    /// ProductId.
    pub product_id: ProductId,
    /// ProvisioningArtifactId.
    pub artifact_id: ArtifactId,
    /// PathId.
    pub path_id: LaunchPathId,
    /// The portfolio of the path.
    pub portfolio_id: PortfolioId,
    /// Status.
    pub status: ProvisionedProductPlanStatus,
    /// StatusMessage (why creating or executing it failed).
    pub status_message: Option<String>,
    /// CreatedTime, epoch milliseconds.
    pub created_ms: i64,
    /// UpdatedTime, epoch milliseconds.
    pub updated_ms: i64,
    /// NotificationArns.
    pub notification_arns: Vec<String>,
    /// ProvisioningParameters as given.
    pub parameters: Vec<ParameterInput>,
    /// Tags of the provisioned product after execution.
    pub tags: Tags,
    /// ResourceChanges, once computed.
    pub changes: Vec<PlanChange>,
    /// IdempotencyToken.
    pub idempotency_token: Option<String>,
    /// The owner (the creator).
    pub user_arn: String,
    /// The owner's session.
    pub user_arn_session: String,
    /// Whether executing it provisions a new product (else it updates one).
    pub creates_product: bool,
    /// The record of its execution.
    pub record_id: Option<RecordId>,
}

/// Reading plans.
pub trait PlanReads {
    /// A plan by id, whichever account and region it is in (callers check both).
    fn plan(&self, id: &PlanId) -> Result<Option<PlanRecord>, StoreError>;

    /// The account's plan created with this token.
    fn plan_by_token(
        &self,
        account: &AccountId,
        region: &str,
        token: &str,
    ) -> Result<Option<PlanRecord>, StoreError>;

    /// An account's plans in a region, oldest first.
    fn account_plans(
        &self,
        account: &AccountId,
        region: &str,
    ) -> Result<Vec<PlanRecord>, StoreError>;

    /// The plans for a provisioned product, oldest first.
    fn provisioned_product_plans(
        &self,
        id: &ProvisionedProductId,
    ) -> Result<Vec<PlanRecord>, StoreError>;
}

/// Writing plans.
pub trait PlanWrites {
    /// Inserts a plan.
    fn insert_plan(&self, plan: &PlanRecord) -> Result<(), StoreError>;

    /// Replaces a plan's status, message, times, changes and record.
    fn update_plan(&self, plan: &PlanRecord) -> Result<(), StoreError>;

    /// Removes a plan.
    fn delete_plan(&self, id: &PlanId) -> Result<(), StoreError>;
}
