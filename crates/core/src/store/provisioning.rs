//! Provisioned products and their records (provisioning.md §3.1, §3.2), the template text
//! kept with a provisioning artifact (§6.1), and the messages an external engine would read
//! from its queue (§20). Plans have their own file (`plans.rs`).
//!
//! A provisioned product lives until a termination succeeds; its records never go away
//! ("This operation does not delete any records", API_TerminateProvisionedProduct).

use std::collections::BTreeMap;

use sclocal_api::servicecatalog::{ProvisionedProductStatus, RecordStatus, StackInstanceStatus};
use serde::{Deserialize, Serialize};

use super::error::StoreError;
use super::page::{Cursor, Page};
use crate::cloudformation::{ResolvedOutput, ResolvedParameters};
use crate::ids::{
    AccountId, ArtifactId, LaunchPathId, PlanId, PortfolioId, ProductId, ProvisionedProductId,
    RecordId,
};
use crate::tags::Tags;

/// What a provisioned product is (`Type`, §3.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProvisionedProductType {
    /// A CloudFormation stack.
    CfnStack,
    /// A CloudFormation stack set (a STACKSET constraint on the path).
    CfnStackSet,
    /// Terraform open source, through an engine (§20).
    TerraformOpenSource,
    /// Terraform Cloud, through an engine (§20).
    TerraformCloud,
    /// An external engine (§20).
    External,
    /// An account vended by the Account Factory (§21.3).
    ControlTowerAccount,
}

impl ProvisionedProductType {
    /// The wire spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::CfnStack => "CFN_STACK",
            Self::CfnStackSet => "CFN_STACKSET",
            Self::TerraformOpenSource => "TERRAFORM_OPEN_SOURCE",
            Self::TerraformCloud => "TERRAFORM_CLOUD",
            Self::External => "EXTERNAL",
            Self::ControlTowerAccount => "CONTROL_TOWER_ACCOUNT",
        }
    }

    /// Parses [`Self::as_str`].
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "CFN_STACK" => Self::CfnStack,
            "CFN_STACKSET" => Self::CfnStackSet,
            "TERRAFORM_OPEN_SOURCE" => Self::TerraformOpenSource,
            "TERRAFORM_CLOUD" => Self::TerraformCloud,
            "EXTERNAL" => Self::External,
            "CONTROL_TOWER_ACCOUNT" => Self::ControlTowerAccount,
            _ => return None,
        })
    }
}

/// What a record records (`RecordType`, §3.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RecordType {
    /// ProvisionProduct, or executing a plan for a new product.
    ProvisionProduct,
    /// UpdateProvisionedProduct, or executing a plan for an existing product.
    UpdateProvisionedProduct,
    /// TerminateProvisionedProduct.
    TerminateProvisionedProduct,
    /// UpdateProvisionedProductProperties [inferred name].
    UpdateProvisionedProductProperties,
    /// ImportAsProvisionedProduct [inferred name].
    ImportProvisionedProduct,
    /// ExecuteProvisionedProductServiceAction [inferred name, §3.1].
    ExecuteServiceAction,
}

impl RecordType {
    /// The wire spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ProvisionProduct => "PROVISION_PRODUCT",
            Self::UpdateProvisionedProduct => "UPDATE_PROVISIONED_PRODUCT",
            Self::TerminateProvisionedProduct => "TERMINATE_PROVISIONED_PRODUCT",
            Self::UpdateProvisionedProductProperties => "UPDATE_PROVISIONED_PRODUCT_PROPERTIES",
            Self::ImportProvisionedProduct => "IMPORT_PROVISIONED_PRODUCT",
            Self::ExecuteServiceAction => "EXECUTE_PROVISIONED_PRODUCT_SERVICE_ACTION",
        }
    }

    /// Parses [`Self::as_str`].
    pub fn parse(s: &str) -> Option<Self> {
        [
            Self::ProvisionProduct,
            Self::UpdateProvisionedProduct,
            Self::TerminateProvisionedProduct,
            Self::UpdateProvisionedProductProperties,
            Self::ImportProvisionedProduct,
            Self::ExecuteServiceAction,
        ]
        .into_iter()
        .find(|t| t.as_str() == s)
    }
}

/// One stack instance of a CFN_STACKSET product (§9.4, §19).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StackInstance {
    /// The account.
    #[serde(rename = "account")]
    pub account: String,
    /// The region.
    #[serde(rename = "region")]
    pub region: String,
    /// CURRENT, OUTDATED or INOPERABLE.
    #[serde(rename = "status")]
    pub status: StackInstanceStatus,
}

/// One entry of a request's ProvisioningParameters, as given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParameterInput {
    /// `Key`.
    #[serde(rename = "key")]
    pub key: String,
    /// `Value` (ignored with `use_previous`).
    #[serde(rename = "value")]
    pub value: String,
    /// `UsePreviousValue: true` (updates and plans).
    #[serde(rename = "use_previous", default)]
    pub use_previous: bool,
}

/// One of a failed record's `RecordErrors`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordErrorEntry {
    /// `Code`.
    #[serde(rename = "code")]
    pub code: String,
    /// `Description`.
    #[serde(rename = "description")]
    pub description: String,
}

/// A provisioned product as stored: what it is now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProvisionedProductRecord {
    /// `pp-…`.
    pub id: ProvisionedProductId,
    /// The account it was launched in (the caller's, §4).
    pub account: AccountId,
    /// Region.
    pub region: String,
    /// `arn:<p>:servicecatalog:<region>:<account>:stack/<name>/<id>`.
    pub arn: String,
    /// ProvisionedProductName, unique in the account and region while it lives.
    pub name: String,
    /// Type.
    pub product_type: ProvisionedProductType,
    /// Status.
    pub status: ProvisionedProductStatus,
    /// StatusMessage (the failure text of an ERROR or TAINTED product).
    pub status_message: Option<String>,
    /// Creation time, epoch milliseconds.
    pub created_ms: i64,
    /// The ProvisionToken it was launched with (`IdempotencyToken`).
    pub idempotency_token: Option<String>,
    /// The newest record of any type.
    pub last_record_id: Option<RecordId>,
    /// The newest provisioning, update or terminate record.
    pub last_provisioning_record_id: Option<RecordId>,
    /// The newest of those that succeeded.
    pub last_successful_provisioning_record_id: Option<RecordId>,
    /// The product (the owner's id, also in a recipient account).
    pub product_id: ProductId,
    /// The provisioning artifact in force.
    pub artifact_id: ArtifactId,
    /// The launch path it was launched or last updated through.
    pub path_id: Option<LaunchPathId>,
    /// The portfolio of that path.
    pub portfolio_id: Option<PortfolioId>,
    /// LaunchRoleArn (LAUNCH constraint, or UpdateProvisionedProductProperties).
    pub launch_role_arn: Option<String>,
    /// PhysicalId: the stack (set) ARN once there is one.
    pub physical_id: Option<String>,
    /// UserArn: the owner (an IAM user or role).
    pub user_arn: String,
    /// UserArnSession: the owner as it called (a session ARN for an assumed role).
    pub user_arn_session: String,
    /// The user's tags (TagOption values included).
    pub tags: Tags,
    /// The parameters in force.
    pub parameters: ResolvedParameters,
    /// The outputs of the last successful provisioning.
    pub outputs: Vec<ResolvedOutput>,
    /// NotificationArns of the launch and the path's NOTIFICATION constraint.
    pub notification_arns: Vec<String>,
    /// Stack instances of a CFN_STACKSET product.
    pub stack_instances: Vec<StackInstance>,
}

/// A record as stored: one request on a provisioned product and what came of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProvisioningRecord {
    /// `rec-…`.
    pub id: RecordId,
    /// The account of the provisioned product.
    pub account: AccountId,
    /// Region.
    pub region: String,
    /// ProvisionedProductId.
    pub provisioned_product_id: ProvisionedProductId,
    /// ProvisionedProductName.
    pub provisioned_product_name: String,
    /// ProvisionedProductType.
    pub provisioned_product_type: ProvisionedProductType,
    /// RecordType.
    pub record_type: RecordType,
    /// Status.
    pub status: RecordStatus,
    /// CreatedTime, epoch milliseconds.
    pub created_ms: i64,
    /// UpdatedTime, epoch milliseconds.
    pub updated_ms: i64,
    /// ProductId (for an update, the target product).
    pub product_id: ProductId,
    /// ProvisioningArtifactId (for an update, the target artifact).
    pub artifact_id: ArtifactId,
    /// PathId.
    pub path_id: Option<LaunchPathId>,
    /// LaunchRoleArn.
    pub launch_role_arn: Option<String>,
    /// The owner when the record was made (ListRecordHistory's User and Role levels).
    pub user_arn: String,
    /// The owner's session when the record was made.
    pub user_arn_session: String,
    /// The request's token (ProvisionToken, UpdateToken, TerminateToken, …).
    pub token: Option<String>,
    /// RecordErrors.
    pub errors: Vec<RecordErrorEntry>,
    /// RecordTags: the product's tags after this record.
    pub tags: Tags,
    /// RecordOutputs: the product's outputs after this record.
    pub outputs: Vec<ResolvedOutput>,
    /// The ProvisioningParameters given.
    pub parameters: Vec<ParameterInput>,
    /// TerminateProvisionedProduct IgnoreErrors.
    pub ignore_errors: bool,
    /// TerminateProvisionedProduct RetainPhysicalResources.
    pub retain_physical_resources: bool,
    /// UpdateProvisionedProductProperties: the properties to set (`OWNER`, `LAUNCH_ROLE`).
    pub properties: BTreeMap<String, String>,
    /// The stack instances a CFN_STACKSET product has after this record succeeds.
    pub stack_instances: Vec<StackInstance>,
    /// The plan this record executes.
    pub plan_id: Option<PlanId>,
    /// The engine's workflow token while an engine works on it (§20).
    pub workflow_token: Option<String>,
    /// The IdempotencyToken of the engine's Notify call that finished it.
    pub notify_token: Option<String>,
}

/// A message to an external engine's queue (§20), kept for the operator to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EngineMessage {
    /// The queue name (`ServiceCatalogTerraformOSProvisionOperationQueue`, …).
    pub queue: String,
    /// The account whose queue it is (the product owner's).
    pub account: AccountId,
    /// Region.
    pub region: String,
    /// The record the engine works on.
    pub record_id: RecordId,
    /// The message body, JSON text.
    pub body: String,
    /// When it was sent, epoch milliseconds.
    pub created_ms: i64,
}

/// Reading provisioned products, records, artifact templates and engine messages.
pub trait ProvisioningReads {
    /// A provisioned product by id in a region, whichever account it is in.
    fn provisioned_product(
        &self,
        region: &str,
        id: &ProvisionedProductId,
    ) -> Result<Option<ProvisionedProductRecord>, StoreError>;

    /// The account's live provisioned product with this name.
    fn provisioned_product_named(
        &self,
        account: &AccountId,
        region: &str,
        name: &str,
    ) -> Result<Option<ProvisionedProductRecord>, StoreError>;

    /// The account's live provisioned product with this PhysicalId.
    fn provisioned_product_by_physical_id(
        &self,
        account: &AccountId,
        region: &str,
        physical_id: &str,
    ) -> Result<Option<ProvisionedProductRecord>, StoreError>;

    /// An account's provisioned products in a region, in launch order.
    fn account_provisioned_products(
        &self,
        account: &AccountId,
        region: &str,
    ) -> Result<Vec<ProvisionedProductRecord>, StoreError>;

    /// A page of an account's provisioned products in a region, in launch order.
    fn account_provisioned_products_page(
        &self,
        account: &AccountId,
        region: &str,
        after: Option<Cursor>,
        limit: usize,
    ) -> Result<Page<ProvisionedProductRecord>, StoreError>;

    /// Every provisioned product of every account, a page at a time in launch order.
    fn all_provisioned_products(
        &self,
        after: Option<Cursor>,
        limit: usize,
    ) -> Result<Page<ProvisionedProductRecord>, StoreError>;

    /// A record by id, whichever account and region it is in (callers check both).
    fn record(&self, id: &RecordId) -> Result<Option<ProvisioningRecord>, StoreError>;

    /// The account's record of this type made with this token.
    fn record_by_token(
        &self,
        account: &AccountId,
        region: &str,
        record_type: RecordType,
        token: &str,
    ) -> Result<Option<ProvisioningRecord>, StoreError>;

    /// An account's records in a region, oldest first.
    fn account_records(
        &self,
        account: &AccountId,
        region: &str,
    ) -> Result<Vec<ProvisioningRecord>, StoreError>;

    /// The latest `limit` records of every account and region, newest first (the console's
    /// Operations page).
    fn recent_records(&self, limit: usize) -> Result<Vec<ProvisioningRecord>, StoreError>;

    /// A provisioned product's records, oldest first.
    fn provisioned_product_records(
        &self,
        id: &ProvisionedProductId,
    ) -> Result<Vec<ProvisioningRecord>, StoreError>;

    /// The template text kept with an artifact, if it had one (§6.1).
    fn artifact_template(&self, artifact: &ArtifactId) -> Result<Option<String>, StoreError>;

    /// The engine messages sent, oldest first; only those of `queue` when given.
    fn engine_messages(&self, queue: Option<&str>) -> Result<Vec<EngineMessage>, StoreError>;
}

/// Writing provisioned products, records, artifact templates and engine messages.
pub trait ProvisioningWrites {
    /// Inserts a provisioned product.
    fn insert_provisioned_product(&self, p: &ProvisionedProductRecord) -> Result<(), StoreError>;

    /// Replaces a provisioned product's mutable fields (everything but id, account, region,
    /// creation time and token).
    fn update_provisioned_product(&self, p: &ProvisionedProductRecord) -> Result<(), StoreError>;

    /// Removes a provisioned product (a finished termination); its records stay.
    fn delete_provisioned_product(&self, id: &ProvisionedProductId) -> Result<(), StoreError>;

    /// Inserts a record.
    fn insert_record(&self, r: &ProvisioningRecord) -> Result<(), StoreError>;

    /// Replaces a record's mutable fields (status, times, errors, outputs, tags, engine
    /// tokens, stack instances, launch role, owner).
    fn update_record(&self, r: &ProvisioningRecord) -> Result<(), StoreError>;

    /// Keeps an artifact's template text (once, when the artifact is created).
    fn insert_artifact_template(&self, artifact: &ArtifactId, body: &str)
        -> Result<(), StoreError>;

    /// Appends an engine message.
    fn insert_engine_message(&self, m: &EngineMessage) -> Result<(), StoreError>;
}
