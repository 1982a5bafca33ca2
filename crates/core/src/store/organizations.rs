//! AWS Organizations state: organizations and their root, OUs, accounts, CreateAccount
//! requests, handshakes, trusted access, delegated administrators, tags.

use sclocal_api::organizations::{
    AccountJoinedMethod, AccountStatus, CreateAccountFailureReason, CreateAccountState,
    HandshakeState, OrganizationFeatureSet,
};

use super::error::StoreError;
use super::page::{Cursor, Page};
use crate::ids::{AccountId, CreateAccountRequestId, HandshakeId, OrgId, OuId, ParentId, RootId};
use crate::tags::Tags;

/// The service principal of Service Catalog in Organizations' trusted-access and
/// delegated-administrator lists.
pub const SERVICE_CATALOG_PRINCIPAL: &str = "servicecatalog.amazonaws.com";

/// An organization and its single root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgRecord {
    /// `o-…`.
    pub id: OrgId,
    /// The management account.
    pub management_account: AccountId,
    /// `r-…`.
    pub root_id: RootId,
    /// `ALL` or `CONSOLIDATED_BILLING`.
    pub feature_set: OrganizationFeatureSet,
    /// ARN partition (`aws`, `aws-cn`, `aws-us-gov`).
    pub partition: String,
    /// Creation time, epoch milliseconds.
    pub created_ms: i64,
}

/// Where a member account sits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    /// Its organization.
    pub org_id: OrgId,
    /// Its parent (the root or an OU).
    pub parent_id: ParentId,
    /// The OU path of the parent: "" under the root, "ou-a/ou-b/" below.
    pub path: String,
    /// How it joined.
    pub joined_method: AccountJoinedMethod,
    /// When it joined, epoch milliseconds.
    pub joined_ms: i64,
}

/// An account the emulator knows: a member, a management account, or one that left (its
/// email still counts for EMAIL_ALREADY_EXISTS).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountRecord {
    /// The 12-digit id.
    pub id: AccountId,
    /// Account name.
    pub name: String,
    /// Root email.
    pub email: String,
    /// Where it sits, while a member.
    pub placement: Option<Placement>,
    /// `ACTIVE`, `PENDING_CLOSURE` or `SUSPENDED` (the legacy Status; State derives from it).
    pub status: AccountStatus,
}

/// An organizational unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OuRecord {
    /// `ou-…`.
    pub id: OuId,
    /// Its organization.
    pub org_id: OrgId,
    /// Parent root or OU.
    pub parent_id: ParentId,
    /// Name, unique among siblings.
    pub name: String,
    /// OU ids from the root's child down to this OU, each followed by `/`.
    pub path: String,
}

/// A CreateAccount request (organizations-behavior.md §6.1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreateAccountRecord {
    /// `car-…`.
    pub id: CreateAccountRequestId,
    /// Organization of the request.
    pub org_id: OrgId,
    /// AccountName.
    pub account_name: String,
    /// Email.
    pub email: String,
    /// State.
    pub state: CreateAccountState,
    /// Requested, epoch milliseconds.
    pub requested_ms: i64,
    /// Completed, epoch milliseconds.
    pub completed_ms: Option<i64>,
    /// The new account, on success.
    pub account_id: Option<AccountId>,
    /// Why it failed.
    pub failure_reason: Option<CreateAccountFailureReason>,
    /// Tags for the new account.
    pub tags: Tags,
}

/// Who an invitation is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HandshakeTarget {
    /// An account by id.
    Account(AccountId),
    /// Whoever owns this root email.
    Email(String),
}

impl HandshakeTarget {
    /// The target's id as sent (account id or email).
    pub fn id(&self) -> &str {
        match self {
            HandshakeTarget::Account(a) => a.as_str(),
            HandshakeTarget::Email(e) => e,
        }
    }
}

/// An INVITE handshake (organizations-behavior.md §6.2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandshakeRecord {
    /// `h-…`.
    pub id: HandshakeId,
    /// The inviting organization.
    pub org_id: OrgId,
    /// Who it is for.
    pub target: HandshakeTarget,
    /// As stored (an OPEN one past its expiry reads EXPIRED; core decides that).
    pub state: HandshakeState,
    /// Requested, epoch milliseconds.
    pub requested_ms: i64,
    /// Expiry, epoch milliseconds.
    pub expires_ms: i64,
    /// Notes.
    pub notes: Option<String>,
    /// Tags applied to the account when it accepts.
    pub tags: Tags,
    /// Management account of the inviting org (ARN account segment).
    pub management_account: AccountId,
    /// Management account's email.
    pub master_email: String,
    /// Management account's name.
    pub master_name: String,
    /// The org's feature set.
    pub feature_set: OrganizationFeatureSet,
}

/// A principal with trusted access.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceAccessRecord {
    /// Service principal.
    pub principal: String,
    /// When enabled, epoch milliseconds.
    pub enabled_ms: i64,
}

/// One delegated-administrator registration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DelegatedAdminRecord {
    /// The account.
    pub account: AccountId,
    /// Service principal.
    pub principal: String,
    /// When registered, epoch milliseconds.
    pub enabled_ms: i64,
}

/// Where an account sits in its organization, as sharing reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Membership {
    /// `o-…`.
    pub org_id: OrgId,
    /// The organization's management account.
    pub management_account: AccountId,
    /// `r-…`.
    pub root_id: RootId,
    /// OU ids from the root's child down to the account's parent (empty under the root).
    pub ou_path: Vec<OuId>,
}

impl Membership {
    /// Whether `account` is this organization's management account.
    pub fn is_management(&self, account: &AccountId) -> bool {
        self.management_account == *account
    }
}

/// Reading Organizations state.
pub trait OrganizationReads {
    /// The organization `account` belongs to and its place in it.
    fn membership(&self, account: &AccountId) -> Result<Option<Membership>, StoreError>;

    /// An organization by id.
    fn organization(&self, id: &OrgId) -> Result<Option<OrgRecord>, StoreError>;

    /// Every organization, in creation order, after `after` (the operator's console).
    fn organizations(
        &self,
        after: Option<Cursor>,
        limit: usize,
    ) -> Result<Page<OrgRecord>, StoreError>;

    /// The organization `account` belongs to, as management account or member.
    fn organization_of(&self, account: &AccountId) -> Result<Option<OrgRecord>, StoreError>;

    /// An account by id, member or not.
    fn account(&self, id: &AccountId) -> Result<Option<AccountRecord>, StoreError>;

    /// Whether any known account has this email.
    fn email_exists(&self, email: &str) -> Result<bool, StoreError>;

    /// Members of an organization (its management account included).
    fn member_count(&self, org: &OrgId) -> Result<usize, StoreError>;

    /// Accounts of `org` (directly under `parent` when given), in join order, after `after`.
    fn accounts_of(
        &self,
        org: &OrgId,
        parent: Option<&ParentId>,
        after: Option<Cursor>,
        limit: usize,
    ) -> Result<Page<AccountRecord>, StoreError>;

    /// Every account under an OU at any depth (`Some`), or in the whole organization
    /// (`None`), management account included, in join order.
    fn accounts_under(&self, org: &OrgId, ou: Option<&OuId>) -> Result<Vec<AccountId>, StoreError>;

    /// An OU by id.
    fn ou(&self, id: &OuId) -> Result<Option<OuRecord>, StoreError>;

    /// The OU named `name` directly under `parent`.
    fn ou_named(&self, parent: &ParentId, name: &str) -> Result<Option<OuRecord>, StoreError>;

    /// How many OUs an organization has.
    fn ou_count(&self, org: &OrgId) -> Result<usize, StoreError>;

    /// The OUs directly under `parent`, in creation order.
    fn child_ous(&self, parent: &ParentId) -> Result<Vec<OuRecord>, StoreError>;

    /// How many accounts sit directly under `parent`.
    fn child_account_count(&self, parent: &ParentId) -> Result<usize, StoreError>;

    /// Whether anything (an account or an OU) sits directly under `parent`.
    fn has_children(&self, parent: &ParentId) -> Result<bool, StoreError>;

    /// A CreateAccount request by id.
    fn create_account_request(
        &self,
        id: &CreateAccountRequestId,
    ) -> Result<Option<CreateAccountRecord>, StoreError>;

    /// Every CreateAccount request of an org, in request order.
    fn create_account_requests(&self, org: &OrgId) -> Result<Vec<CreateAccountRecord>, StoreError>;

    /// The latest CreateAccount requests of every organization, newest first, at most
    /// `limit` (the operator's console).
    fn recent_create_account_requests(
        &self,
        limit: usize,
    ) -> Result<Vec<CreateAccountRecord>, StoreError>;

    /// A handshake by id.
    fn handshake(&self, id: &HandshakeId) -> Result<Option<HandshakeRecord>, StoreError>;

    /// Handshakes sent by an org, in order.
    fn org_handshakes(&self, org: &OrgId) -> Result<Vec<HandshakeRecord>, StoreError>;

    /// Handshakes addressed to an account id or an email, in order.
    fn received_handshakes(
        &self,
        account: &AccountId,
        email: &str,
    ) -> Result<Vec<HandshakeRecord>, StoreError>;

    /// Whether trusted access for `principal` is enabled in `org`.
    fn service_access_enabled(&self, org: &OrgId, principal: &str) -> Result<bool, StoreError>;

    /// The principals with trusted access, in enabling order.
    fn service_access(&self, org: &OrgId) -> Result<Vec<ServiceAccessRecord>, StoreError>;

    /// Every delegated-administrator registration of an org, in registration order.
    fn delegated_admins(&self, org: &OrgId) -> Result<Vec<DelegatedAdminRecord>, StoreError>;

    /// Whether `account` is a delegated administrator of `org` for `principal`.
    fn is_delegated_admin(
        &self,
        org: &OrgId,
        account: &AccountId,
        principal: &str,
    ) -> Result<bool, StoreError>;

    /// Tags of an account, OU or root, in insertion order.
    fn org_tags(&self, resource: &str) -> Result<Tags, StoreError>;
}

/// Writing Organizations state.
pub trait OrganizationWrites {
    /// Inserts an organization.
    fn insert_organization(&self, org: &OrgRecord) -> Result<(), StoreError>;

    /// Deletes an organization and everything of it (OUs, requests, handshakes, trusted
    /// access, delegated administrators, policies, their attachments and enabled types, the
    /// resource policy, and the tags of all of these); its accounts become standalone.
    fn delete_organization(&self, org: &OrgRecord) -> Result<(), StoreError>;

    /// Sets an organization's feature set (EnableAllFeatures).
    fn set_feature_set(
        &self,
        org: &OrgId,
        feature_set: OrganizationFeatureSet,
    ) -> Result<(), StoreError>;

    /// Inserts or replaces an account (its name, email, placement and status).
    fn put_account(&self, account: &AccountRecord) -> Result<(), StoreError>;

    /// Inserts an OU.
    fn insert_ou(&self, ou: &OuRecord) -> Result<(), StoreError>;

    /// Renames an OU.
    fn rename_ou(&self, id: &OuId, name: &str) -> Result<(), StoreError>;

    /// Deletes an OU.
    fn delete_ou(&self, id: &OuId) -> Result<(), StoreError>;

    /// Inserts or replaces a CreateAccount request.
    fn put_create_account_request(&self, request: &CreateAccountRecord) -> Result<(), StoreError>;

    /// Inserts a handshake.
    fn insert_handshake(&self, handshake: &HandshakeRecord) -> Result<(), StoreError>;

    /// Sets a handshake's state.
    fn set_handshake_state(
        &self,
        id: &HandshakeId,
        state: HandshakeState,
    ) -> Result<(), StoreError>;

    /// Enables (`Some(when)`) or disables (`None`) trusted access; whether it changed.
    /// Enabling an enabled principal keeps its date.
    fn set_service_access(
        &self,
        org: &OrgId,
        principal: &str,
        enabled_ms: Option<i64>,
    ) -> Result<bool, StoreError>;

    /// Registers a delegated administrator (a registration that exists is kept).
    fn insert_delegated_admin(
        &self,
        org: &OrgId,
        admin: &DelegatedAdminRecord,
    ) -> Result<(), StoreError>;

    /// Deregisters; whether a registration existed.
    fn delete_delegated_admin(
        &self,
        org: &OrgId,
        account: &AccountId,
        principal: &str,
    ) -> Result<bool, StoreError>;

    /// Replaces the tags of an account, OU or root.
    fn set_org_tags(&self, resource: &str, tags: &[(String, String)]) -> Result<(), StoreError>;
}
