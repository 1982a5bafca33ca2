//! Organizations records as stored, and the outcomes of the units of work that can refuse.

use crate::ids::AccountId;

/// An organization and its single root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgRecord {
    /// `o-…`.
    pub id: String,
    /// The management account.
    pub management_account: AccountId,
    /// `r-…`.
    pub root_id: String,
    /// `ALL` or `CONSOLIDATED_BILLING`.
    pub feature_set: String,
    /// ARN partition (`aws`, `aws-cn`, `aws-us-gov`).
    pub partition: String,
    /// Creation time, epoch milliseconds.
    pub created_ms: i64,
}

/// An account the emulator knows: a member, a management account, or one that left.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountRecord {
    /// The 12-digit id.
    pub id: AccountId,
    /// Account name.
    pub name: String,
    /// Root email.
    pub email: String,
    /// Organization, when a member.
    pub org_id: Option<String>,
    /// Parent root or OU, when a member.
    pub parent_id: Option<String>,
    /// OU path of the parent ("" under the root, "ou-a/ou-b/" below), when a member.
    pub path: Option<String>,
    /// `INVITED` or `CREATED`, when a member.
    pub joined_method: Option<String>,
    /// When it joined, epoch milliseconds.
    pub joined_ms: Option<i64>,
    /// `ACTIVE`, `PENDING_CLOSURE`, `SUSPENDED` (legacy Status) — State derives from it.
    pub state: String,
}

/// An organizational unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OuRecord {
    /// `ou-…`.
    pub id: String,
    /// Its organization.
    pub org_id: String,
    /// Parent root or OU.
    pub parent_id: String,
    /// Name, unique among siblings.
    pub name: String,
    /// OU ids from the root's child down to this OU, each followed by `/`.
    pub path: String,
}

/// A CreateAccount request (organizations-behavior.md §6.1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreateAccountRecord {
    /// `car-…`.
    pub id: String,
    /// Organization of the request.
    pub org_id: String,
    /// AccountName.
    pub account_name: String,
    /// Email.
    pub email: String,
    /// `IN_PROGRESS`, `SUCCEEDED`, `FAILED`.
    pub state: String,
    /// Requested, epoch milliseconds.
    pub requested_ms: i64,
    /// Completed, epoch milliseconds.
    pub completed_ms: Option<i64>,
    /// The new account, on success.
    pub account_id: Option<AccountId>,
    /// Why it failed.
    pub failure_reason: Option<String>,
    /// Tags for the new account.
    pub tags: Vec<(String, String)>,
}

/// An INVITE handshake (organizations-behavior.md §6.2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandshakeRecord {
    /// `h-…`.
    pub id: String,
    /// The inviting organization.
    pub org_id: String,
    /// `ACCOUNT` or `EMAIL`.
    pub target_type: String,
    /// Account id or email.
    pub target_id: String,
    /// `OPEN`, `ACCEPTED`, `DECLINED`, `CANCELED`, `EXPIRED`.
    pub state: String,
    /// Requested, epoch milliseconds.
    pub requested_ms: i64,
    /// Expiry, epoch milliseconds.
    pub expires_ms: i64,
    /// Notes.
    pub notes: Option<String>,
    /// Tags applied to the account when it accepts.
    pub tags: Vec<(String, String)>,
    /// Management account of the inviting org (ARN account segment).
    pub management_account: AccountId,
    /// Management account's email.
    pub master_email: String,
    /// Management account's name.
    pub master_name: String,
    /// The org's feature set.
    pub feature_set: String,
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

/// What an OU insert or rename did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OuWrite {
    /// Written.
    Done,
    /// A sibling already has the name.
    Duplicate,
    /// The org has reached its OU quota.
    LimitReached,
}

/// What completing a CreateAccount request did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompleteOutcome {
    /// The request reached a terminal state.
    Done,
    /// The candidate account id is taken; try another.
    IdTaken,
}

/// What an invite insert did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InviteOutcome {
    /// Written.
    New,
    /// An open invite to the same target exists.
    Duplicate,
    /// Members plus open invites reached the account quota.
    LimitReached,
}

/// What accepting an invite did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AcceptOutcome {
    /// The account joined.
    Joined,
    /// The organization is full.
    LimitReached,
    /// The account is already in an organization.
    AlreadyMember,
}

/// What registering a delegated administrator did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegisterOutcome {
    /// Registered.
    Registered,
    /// Already registered for that principal.
    Already,
    /// The per-service cap is reached.
    CapReached,
}

/// Bootstrap input: organizations to stand up (or confirm) in one transaction.
#[derive(Debug, Clone, Default)]
pub struct BootstrapPlan {
    /// The organizations.
    pub orgs: Vec<BootstrapOrg>,
}

/// One organization of a bootstrap. Candidate ids are used only when the organization (or
/// OU) does not exist yet; an existing one keeps its ids, which makes a re-run a no-op.
#[derive(Debug, Clone)]
pub struct BootstrapOrg {
    /// Candidate `o-…` id.
    pub org_id: String,
    /// Candidate `r-…` id.
    pub root_id: String,
    /// ARN partition.
    pub partition: String,
    /// The management account.
    pub management: BootstrapAccount,
    /// `Some(true)`: trusted access for Service Catalog on; `Some(false)`: off.
    pub service_catalog_access: Option<bool>,
    /// Service Catalog delegated administrators.
    pub delegated_administrators: Vec<AccountId>,
    /// Accounts directly under the root.
    pub accounts: Vec<BootstrapAccount>,
    /// OUs under the root.
    pub units: Vec<BootstrapUnit>,
}

/// An OU of a bootstrap.
#[derive(Debug, Clone)]
pub struct BootstrapUnit {
    /// Name (unique among siblings).
    pub name: String,
    /// Candidate 8-character id suffix.
    pub id_suffix: String,
    /// Accounts directly in it.
    pub accounts: Vec<BootstrapAccount>,
    /// Child OUs.
    pub units: Vec<BootstrapUnit>,
}

/// An account of a bootstrap.
#[derive(Debug, Clone)]
pub struct BootstrapAccount {
    /// Id.
    pub id: AccountId,
    /// Name.
    pub name: String,
    /// Email.
    pub email: String,
}

/// What a bootstrap did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BootstrapReport {
    /// Organizations created.
    pub orgs_created: usize,
    /// Accounts written (new, moved or renamed).
    pub accounts_written: usize,
    /// Organizations whose Service Catalog trusted access flipped, and its new value.
    pub access_changed: Vec<(String, bool)>,
}
