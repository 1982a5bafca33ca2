//! AWS Organizations state: organizations, roots, OUs, accounts, handshakes, trusted access,
//! delegated administrators, tags. The first methods below are what Service Catalog sharing
//! reads; the rest serve the Organizations API.

use async_trait::async_trait;

use super::{Page, StoreError};
use crate::ids::AccountId;

mod records;
pub use records::*;

/// The service principal of Service Catalog in Organizations' trusted-access and
/// delegated-administrator lists.
pub const SERVICE_CATALOG_PRINCIPAL: &str = "servicecatalog.amazonaws.com";

/// Where an account sits in its organization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Membership {
    /// `o-…`.
    pub org_id: String,
    /// The organization's management account.
    pub management_account: AccountId,
    /// `r-…`.
    pub root_id: String,
    /// OU ids from the root's child down to the account's parent (empty under the root).
    pub ou_path: Vec<String>,
}

impl Membership {
    /// Whether `account` is this organization's management account.
    pub fn is_management(&self, account: &AccountId) -> bool {
        self.management_account == *account
    }
}

/// Organizations units of work.
#[async_trait]
pub trait OrganizationStore: Send + Sync {
    /// The organization `account` belongs to (as management account or member) and its place.
    async fn membership(&self, account: &AccountId) -> Result<Option<Membership>, StoreError>;

    /// Whether `account` is a registered delegated administrator of `org_id` for
    /// `service_principal`.
    async fn is_delegated_admin(
        &self,
        org_id: &str,
        account: &AccountId,
        service_principal: &str,
    ) -> Result<bool, StoreError>;

    /// Whether trusted access for `service_principal` is enabled in `org_id`.
    async fn service_access_enabled(
        &self,
        org_id: &str,
        service_principal: &str,
    ) -> Result<bool, StoreError>;

    /// Whether `ou_id` is an organizational unit of `org_id`.
    async fn ou_in_org(&self, org_id: &str, ou_id: &str) -> Result<bool, StoreError>;

    /// Every account under an OU at any depth (`Some(ou)`), or in the whole organization
    /// (`None`), management account included, in a stable order.
    async fn accounts_under(
        &self,
        org_id: &str,
        ou_id: Option<&str>,
    ) -> Result<Vec<AccountId>, StoreError>;

    // ---- the Organizations API ----

    /// The organization `account` belongs to, as management account or member.
    async fn organization_of(&self, account: &AccountId) -> Result<Option<OrgRecord>, StoreError>;

    /// Creates `org` with `management` as its management account under the root (the account
    /// row keeps its name and email when it exists). `false` when the account already belongs
    /// to an organization; nothing is written then.
    async fn create_organization(
        &self,
        org: &OrgRecord,
        management: &AccountRecord,
    ) -> Result<bool, StoreError>;

    /// Deletes the organization, its OUs, requests, handshakes, trusted access, delegated
    /// administrators and root/OU tags; the management account becomes standalone. `false`
    /// when it still has other accounts; nothing is written then.
    async fn delete_organization(&self, org: &OrgRecord) -> Result<bool, StoreError>;

    /// An account by id, member or not.
    async fn account(&self, id: &AccountId) -> Result<Option<AccountRecord>, StoreError>;

    /// Whether any known account has this email.
    async fn email_exists(&self, email: &str) -> Result<bool, StoreError>;

    /// An OU by id.
    async fn ou(&self, id: &str) -> Result<Option<OuRecord>, StoreError>;

    /// Inserts an OU with its tags unless a sibling has the name or the org has `limit` OUs.
    async fn insert_ou(
        &self,
        ou: &OuRecord,
        tags: &[(String, String)],
        limit: usize,
    ) -> Result<OuWrite, StoreError>;

    /// Renames an OU unless a sibling already has the name.
    async fn rename_ou(&self, id: &str, name: &str) -> Result<OuWrite, StoreError>;

    /// Deletes an OU and its tags; `false` when it has accounts or child OUs.
    async fn delete_ou(&self, id: &str) -> Result<bool, StoreError>;

    /// The OUs directly under `parent_id`, in creation order.
    async fn child_ous(&self, parent_id: &str) -> Result<Vec<OuRecord>, StoreError>;

    /// Accounts of `org_id` (directly under `parent_id` when given), in join order, after
    /// `cursor`.
    async fn list_accounts(
        &self,
        org_id: &str,
        parent_id: Option<&str>,
        cursor: i64,
        limit: usize,
    ) -> Result<Page<AccountRecord>, StoreError>;

    /// Moves a member account to `parent_id`, whose OU path is `path`.
    async fn move_account(
        &self,
        account: &AccountId,
        parent_id: &str,
        path: &str,
    ) -> Result<(), StoreError>;

    /// Makes a member standalone and deletes its tags (§5.19, §7.11). `false` when it is a
    /// delegated administrator of its organization; nothing is written then.
    async fn remove_account(&self, org_id: &str, account: &AccountId) -> Result<bool, StoreError>;

    /// Sets an account's status (`PENDING_CLOSURE`, `SUSPENDED`).
    async fn set_account_state(&self, account: &AccountId, state: &str) -> Result<(), StoreError>;

    /// Records a CreateAccount request unless `max_in_progress` are already in progress.
    async fn insert_create_account(
        &self,
        request: &CreateAccountRecord,
        max_in_progress: usize,
    ) -> Result<bool, StoreError>;

    /// A CreateAccount request by id.
    async fn create_account_status(
        &self,
        id: &str,
    ) -> Result<Option<CreateAccountRecord>, StoreError>;

    /// Every CreateAccount request of an org, in request order.
    async fn create_account_statuses(
        &self,
        org_id: &str,
    ) -> Result<Vec<CreateAccountRecord>, StoreError>;

    /// Completes an IN_PROGRESS request: FAILED with EMAIL_ALREADY_EXISTS when any account
    /// has its email, ACCOUNT_LIMIT_EXCEEDED when members plus open invites reach `limit`,
    /// else SUCCEEDED with `account` (placed under the root, tags attached). `IdTaken` when
    /// `account`'s id is already known; nothing is written then.
    async fn complete_create_account(
        &self,
        request: &CreateAccountRecord,
        account: &AccountRecord,
        now_ms: i64,
        limit: usize,
    ) -> Result<CompleteOutcome, StoreError>;

    /// Records an invite unless an open one to the same target exists or members plus open
    /// invites reach `limit`.
    async fn insert_handshake(
        &self,
        handshake: &HandshakeRecord,
        limit: usize,
    ) -> Result<InviteOutcome, StoreError>;

    /// A handshake by id.
    async fn handshake(&self, id: &str) -> Result<Option<HandshakeRecord>, StoreError>;

    /// Handshakes sent by an org, in order.
    async fn org_handshakes(&self, org_id: &str) -> Result<Vec<HandshakeRecord>, StoreError>;

    /// Handshakes addressed to an account id or an email, in order.
    async fn received_handshakes(
        &self,
        account: &AccountId,
        email: Option<&str>,
    ) -> Result<Vec<HandshakeRecord>, StoreError>;

    /// Sets a handshake's state.
    async fn set_handshake_state(&self, id: &str, state: &str) -> Result<(), StoreError>;

    /// Accepts an invite: the account joins the org under the root (`INVITED`), invite tags
    /// attached, handshake ACCEPTED; `defaults` gives name and email when the account is new.
    async fn accept_invite(
        &self,
        handshake: &HandshakeRecord,
        defaults: &AccountRecord,
        now_ms: i64,
        limit: usize,
    ) -> Result<AcceptOutcome, StoreError>;

    /// Enables (`Some(now)`) or disables (`None`) trusted access; returns whether it flipped.
    /// Enabling an enabled principal keeps its date.
    async fn set_service_access(
        &self,
        org_id: &str,
        principal: &str,
        enabled_ms: Option<i64>,
    ) -> Result<bool, StoreError>;

    /// The principals with trusted access, in enabling order.
    async fn service_access(&self, org_id: &str) -> Result<Vec<ServiceAccessRecord>, StoreError>;

    /// Registers a delegated administrator unless already registered or `cap` accounts are
    /// registered for the principal.
    async fn register_delegated_admin(
        &self,
        org_id: &str,
        admin: &DelegatedAdminRecord,
        cap: usize,
    ) -> Result<RegisterOutcome, StoreError>;

    /// Deregisters; returns whether a registration existed.
    async fn deregister_delegated_admin(
        &self,
        org_id: &str,
        account: &AccountId,
        principal: &str,
    ) -> Result<bool, StoreError>;

    /// Every registration of an org, in registration order.
    async fn delegated_admins(&self, org_id: &str)
        -> Result<Vec<DelegatedAdminRecord>, StoreError>;

    /// Tags of an account, OU or root, in insertion order.
    async fn tags(&self, resource_id: &str) -> Result<Vec<(String, String)>, StoreError>;

    /// Upserts tags unless the resource would have more than `max`; `false` then.
    async fn put_tags(
        &self,
        resource_id: &str,
        tags: &[(String, String)],
        max: usize,
    ) -> Result<bool, StoreError>;

    /// Removes tags by key; absent keys are ignored.
    async fn remove_tags(&self, resource_id: &str, keys: &[String]) -> Result<(), StoreError>;

    /// Applies a bootstrap plan in one transaction. The inner `Err` names a conflict with the
    /// stored state (e.g. an account of another organization); nothing is written then.
    /// `progress` is called with the number of accounts written so far.
    async fn bootstrap(
        &self,
        plan: &BootstrapPlan,
        now_ms: i64,
        progress: &(dyn Fn(u64) + Send + Sync),
    ) -> Result<Result<BootstrapReport, String>, StoreError>;
}
