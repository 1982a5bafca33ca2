//! Organizations policies (governance.md §1–§5): customer policies, their attachments to
//! roots, OUs and accounts, the policy types each root has enabled, and the organization's
//! resource policy. AWS-managed policies are constants in core; only their attachments are
//! stored.

use sclocal_api::organizations::PolicyType;

use super::error::StoreError;
use crate::ids::{OrgId, PolicyId, ResourcePolicyId, TargetId};

/// A customer-managed policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyRecord {
    /// `p-…`.
    pub id: PolicyId,
    /// Its organization.
    pub org_id: OrgId,
    /// Its type (never changes).
    pub policy_type: PolicyType,
    /// Name, unique per organization and type.
    pub name: String,
    /// Description (may be empty).
    pub description: String,
    /// The content, verbatim.
    pub content: String,
    /// Grows with every update: compiled-document caches key on (id, version).
    pub version: i64,
    /// Last change, epoch milliseconds.
    pub updated_ms: i64,
}

/// A policy attached to a target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentRecord {
    /// The policy (AWS-managed ones included).
    pub policy_id: PolicyId,
    /// Its type.
    pub policy_type: PolicyType,
    /// The root, OU or account.
    pub target: TargetId,
    /// When attached, epoch milliseconds.
    pub attached_ms: i64,
}

/// The organization's resource policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourcePolicyRecord {
    /// `rp-…` (kept across updates).
    pub id: ResourcePolicyId,
    /// Its organization.
    pub org_id: OrgId,
    /// The content, verbatim.
    pub content: String,
    /// Last change, epoch milliseconds.
    pub updated_ms: i64,
}

/// Reading policies.
pub trait PolicyReads {
    /// A customer policy of `org` by id.
    fn policy(&self, org: &OrgId, id: &PolicyId) -> Result<Option<PolicyRecord>, StoreError>;

    /// The customer policy of `org` and `policy_type` named `name`.
    fn policy_named(
        &self,
        org: &OrgId,
        policy_type: PolicyType,
        name: &str,
    ) -> Result<Option<PolicyRecord>, StoreError>;

    /// Every customer policy of `org` and `policy_type`, in creation order.
    fn policies(
        &self,
        org: &OrgId,
        policy_type: PolicyType,
    ) -> Result<Vec<PolicyRecord>, StoreError>;

    /// The policies directly attached to `target` (of `policy_type` when given), in
    /// attachment order.
    fn target_attachments(
        &self,
        org: &OrgId,
        target: &TargetId,
        policy_type: Option<PolicyType>,
    ) -> Result<Vec<AttachmentRecord>, StoreError>;

    /// Where `policy` is attached in `org`, in attachment order.
    fn policy_attachments(
        &self,
        org: &OrgId,
        policy: &PolicyId,
    ) -> Result<Vec<AttachmentRecord>, StoreError>;

    /// The policy types enabled on `org`'s root, in enabling order.
    fn enabled_policy_types(&self, org: &OrgId) -> Result<Vec<PolicyType>, StoreError>;

    /// The organization's resource policy.
    fn resource_policy(&self, org: &OrgId) -> Result<Option<ResourcePolicyRecord>, StoreError>;
}

/// Writing policies.
pub trait PolicyWrites {
    /// Inserts a customer policy.
    fn insert_policy(&self, policy: &PolicyRecord) -> Result<(), StoreError>;

    /// Replaces a policy's name, description, content, version and update time.
    fn update_policy(&self, policy: &PolicyRecord) -> Result<(), StoreError>;

    /// Deletes a customer policy (and its tags).
    fn delete_policy(&self, org: &OrgId, id: &PolicyId) -> Result<(), StoreError>;

    /// Attaches a policy to a target (an attachment that exists is kept).
    fn attach_policy(&self, org: &OrgId, attachment: &AttachmentRecord) -> Result<(), StoreError>;

    /// Detaches a policy from a target; whether it was attached.
    fn detach_policy(
        &self,
        org: &OrgId,
        policy: &PolicyId,
        target: &TargetId,
    ) -> Result<bool, StoreError>;

    /// Detaches every policy of `policy_type` from every target of `org`.
    fn detach_policy_type(&self, org: &OrgId, policy_type: PolicyType) -> Result<(), StoreError>;

    /// Detaches every policy from `target` (an account that left, an OU deleted).
    fn detach_target(&self, org: &OrgId, target: &TargetId) -> Result<(), StoreError>;

    /// Enables (`true`) or disables a policy type on `org`'s root; whether it changed.
    fn set_policy_type(
        &self,
        org: &OrgId,
        policy_type: PolicyType,
        enabled: bool,
    ) -> Result<bool, StoreError>;

    /// Inserts or replaces the organization's resource policy.
    fn put_resource_policy(&self, policy: &ResourcePolicyRecord) -> Result<(), StoreError>;

    /// Deletes the organization's resource policy (and its tags); whether there was one.
    fn delete_resource_policy(&self, org: &OrgId) -> Result<bool, StoreError>;
}
