//! Portfolio shares and the share operations that fan them out.
//!
//! A share is one row per (portfolio, kind, principal): an account-to-account share, or an
//! organization-node share (organization, OU or member account). Organization shares change
//! through operations (`share-…` tokens) that a background worker processes in steps; each
//! step is one transaction, and per-account outcomes are keyed by (token, account), so a
//! crash in the middle resumes and no account is processed twice.

use async_trait::async_trait;

use super::{Page, StoreError};
use crate::ids::AccountId;

/// What a share points at (DescribePortfolioShareType).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ShareKind {
    /// Account-to-account share (`AccountId`); the recipient must accept it.
    Account,
    /// Organization share to the whole organization (`o-…`).
    Organization,
    /// Organization share to an OU and everything beneath it (`ou-…`).
    OrganizationalUnit,
    /// Organization share to one member account (`OrganizationNode` of type `ACCOUNT`).
    OrganizationMemberAccount,
}

impl ShareKind {
    /// The stored and DescribePortfolioShareType spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            ShareKind::Account => "ACCOUNT",
            ShareKind::Organization => "ORGANIZATION",
            ShareKind::OrganizationalUnit => "ORGANIZATIONAL_UNIT",
            ShareKind::OrganizationMemberAccount => "ORGANIZATION_MEMBER_ACCOUNT",
        }
    }

    /// Parses [`ShareKind::as_str`].
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "ACCOUNT" => ShareKind::Account,
            "ORGANIZATION" => ShareKind::Organization,
            "ORGANIZATIONAL_UNIT" => ShareKind::OrganizationalUnit,
            "ORGANIZATION_MEMBER_ACCOUNT" => ShareKind::OrganizationMemberAccount,
            _ => return None,
        })
    }

    /// Whether this is an organization-node share.
    pub fn is_organization(self) -> bool {
        self != ShareKind::Account
    }
}

/// A share's life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShareState {
    /// Its creating operation has not finished; recipients do not see it yet.
    Creating,
    /// In force.
    Active,
    /// Its deleting operation has not finished; recipients still see it.
    Deleting,
}

impl ShareState {
    /// Stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            ShareState::Creating => "CREATING",
            ShareState::Active => "ACTIVE",
            ShareState::Deleting => "DELETING",
        }
    }

    /// Parses [`ShareState::as_str`].
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "CREATING" => ShareState::Creating,
            "ACTIVE" => ShareState::Active,
            "DELETING" => ShareState::Deleting,
            _ => return None,
        })
    }
}

/// A share as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareRecord {
    /// Row id.
    pub seq: i64,
    /// Shared portfolio.
    pub portfolio_id: String,
    /// Region of the portfolio.
    pub region: String,
    /// Portfolio owner, who created the share.
    pub owner: AccountId,
    /// What it points at.
    pub kind: ShareKind,
    /// Bare principal id: 12-digit account, `o-…` or `ou-…`.
    pub principal: String,
    /// Organization of an organization share.
    pub org_id: Option<String>,
    /// Account shares: the recipient accepted it. Organization shares: always true.
    pub accepted: bool,
    /// ShareTagOptions.
    pub share_tag_options: bool,
    /// SharePrincipals.
    pub share_principals: bool,
    /// Life state.
    pub state: ShareState,
    /// The last operation that fanned it out; its failed accounts do not see the portfolio.
    pub fanout_token: Option<String>,
    /// Creation time, epoch milliseconds.
    pub created_ms: i64,
}

/// ShareStatus of an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpStatus {
    /// Accepted, not picked up yet.
    NotStarted,
    /// Being processed (or held by `--share-processing-delay`).
    InProgress,
    /// Every account succeeded.
    Completed,
    /// Some accounts failed.
    CompletedWithErrors,
    /// Every account failed.
    Error,
}

impl OpStatus {
    /// The ShareStatus spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            OpStatus::NotStarted => "NOT_STARTED",
            OpStatus::InProgress => "IN_PROGRESS",
            OpStatus::Completed => "COMPLETED",
            OpStatus::CompletedWithErrors => "COMPLETED_WITH_ERRORS",
            OpStatus::Error => "ERROR",
        }
    }

    /// Parses [`OpStatus::as_str`].
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "NOT_STARTED" => OpStatus::NotStarted,
            "IN_PROGRESS" => OpStatus::InProgress,
            "COMPLETED" => OpStatus::Completed,
            "COMPLETED_WITH_ERRORS" => OpStatus::CompletedWithErrors,
            "ERROR" => OpStatus::Error,
            _ => return None,
        })
    }

    /// Whether the operation has finished.
    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            OpStatus::Completed | OpStatus::CompletedWithErrors | OpStatus::Error
        )
    }
}

/// What an operation does to its share.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpAction {
    /// Creates (or re-applies) the share.
    Create,
    /// Changes its flags.
    Update,
    /// Removes it.
    Delete,
}

impl OpAction {
    /// Stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            OpAction::Create => "CREATE",
            OpAction::Update => "UPDATE",
            OpAction::Delete => "DELETE",
        }
    }

    /// Parses [`OpAction::as_str`].
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "CREATE" => OpAction::Create,
            "UPDATE" => OpAction::Update,
            "DELETE" => OpAction::Delete,
            _ => return None,
        })
    }
}

/// A share operation (`share-…` token) as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareOpRecord {
    /// Row id; orders processing.
    pub seq: i64,
    /// `share-` + 13 characters.
    pub token: String,
    /// What it does.
    pub action: OpAction,
    /// The share's portfolio.
    pub portfolio_id: String,
    /// Region.
    pub region: String,
    /// Portfolio owner.
    pub owner: AccountId,
    /// Kind of the share it acts on.
    pub kind: ShareKind,
    /// Bare principal of the share (OrganizationNodeValue).
    pub principal: String,
    /// Organization, for organization shares.
    pub org_id: Option<String>,
    /// Status.
    pub status: OpStatus,
    /// Not terminal before this time (`--share-processing-delay`), epoch milliseconds.
    pub not_before_ms: i64,
    /// Accounts processed so far.
    pub cursor: i64,
    /// Accounts to process, once known.
    pub total: Option<i64>,
    /// Creation time, epoch milliseconds.
    pub created_ms: i64,
}

/// One account's result in an operation's fan-out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountOutcome {
    /// The account.
    pub account: AccountId,
    /// `None` on success; else the error code (`ThrottlingException`) and message.
    pub error: Option<(String, String)>,
}

/// A failure to inject into fan-outs for an account (testing COMPLETED_WITH_ERRORS handling).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareFault {
    /// The account that fails.
    pub account: AccountId,
    /// Error code reported in ShareErrors, e.g. `ThrottlingException`.
    pub error: String,
    /// Message reported in ShareErrors.
    pub message: String,
}

/// A share action to perform atomically, after checking the portfolio is not busy.
#[derive(Debug, Clone)]
pub enum ShareAction {
    /// Create an account share unless it exists; refuse past `limit` account shares.
    CreateAccountShare {
        /// The share to insert.
        share: ShareRecord,
        /// Most account shares per portfolio.
        limit: usize,
    },
    /// Start an operation on an organization share: create inserts the share (state
    /// `Creating`) unless it exists; update applies the flags; delete marks it `Deleting`.
    StartOp {
        /// The operation to insert.
        op: ShareOpRecord,
        /// For create: the share to insert when absent.
        share: Option<ShareRecord>,
        /// For update: the new flags (None keeps a flag).
        flags: (Option<bool>, Option<bool>),
    },
    /// Change an account share's flags and record a completed operation.
    UpdateAccountShare {
        /// The operation to record.
        op: ShareOpRecord,
        /// New ShareTagOptions / SharePrincipals (None keeps a flag).
        flags: (Option<bool>, Option<bool>),
    },
    /// Delete an account share (recipients lose the import).
    DeleteAccountShare {
        /// Portfolio.
        portfolio_id: String,
        /// Recipient account.
        account: AccountId,
    },
}

/// How a share action went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareActionOutcome {
    /// Done; the affected share (or None when a delete found nothing).
    Done(Option<ShareRecord>),
    /// The share already existed; nothing changed.
    AlreadyExists(ShareRecord),
    /// The share to update does not exist.
    NotFound,
    /// Another share operation on the portfolio has not finished.
    Busy,
    /// The portfolio already has `limit` account shares.
    LimitReached,
}

/// Share units of work.
#[async_trait]
pub trait ShareStore: Send + Sync {
    /// Performs `action` in one transaction, refusing when an operation on the portfolio is
    /// unfinished.
    async fn share_action(&self, action: ShareAction) -> Result<ShareActionOutcome, StoreError>;

    /// A share by portfolio, kind and bare principal.
    async fn share(
        &self,
        portfolio_id: &str,
        kind: ShareKind,
        principal: &str,
    ) -> Result<Option<ShareRecord>, StoreError>;

    /// A portfolio's shares of one kind, in creation order, after `cursor`.
    async fn shares_of_portfolio(
        &self,
        portfolio_id: &str,
        kind: ShareKind,
        cursor: i64,
        limit: usize,
    ) -> Result<Page<ShareRecord>, StoreError>;

    /// Whether the portfolio has any share at all.
    async fn portfolio_has_shares(&self, portfolio_id: &str) -> Result<bool, StoreError>;

    /// Sets an account share's `accepted` flag.
    async fn set_accepted(&self, share_seq: i64, accepted: bool) -> Result<(), StoreError>;

    /// Deletes a share and everything hanging off it.
    async fn delete_share(&self, share_seq: i64) -> Result<(), StoreError>;

    /// Account shares addressed to `account` in `region`, accepted ones only when `accepted`.
    async fn account_shares_to(
        &self,
        region: &str,
        account: &AccountId,
        accepted_only: bool,
    ) -> Result<Vec<ShareRecord>, StoreError>;

    /// Organization shares of `org_id` in `region`, in the `Active` or `Deleting` state, whose
    /// principal is one of `principals`.
    async fn org_shares_to(
        &self,
        region: &str,
        org_id: &str,
        principals: &[String],
    ) -> Result<Vec<ShareRecord>, StoreError>;

    /// Organization shares of `org_id`, any region and state.
    async fn org_shares_in(&self, org_id: &str) -> Result<Vec<ShareRecord>, StoreError>;

    /// Whether `account` failed in operation `token`.
    async fn failed_in(&self, token: &str, account: &AccountId) -> Result<bool, StoreError>;

    /// Replaces the frozen audience of organization shares (while trusted access is off)
    /// with `rows` (share seq, account); `org_id` scopes what is replaced.
    async fn freeze(&self, org_id: &str, rows: &[(i64, AccountId)]) -> Result<(), StoreError>;

    /// Drops the frozen audiences of `org_id`'s shares.
    async fn unfreeze(&self, org_id: &str) -> Result<(), StoreError>;

    /// Shares whose frozen audience includes `account` in `region`.
    async fn frozen_shares_for(
        &self,
        region: &str,
        account: &AccountId,
    ) -> Result<Vec<ShareRecord>, StoreError>;

    /// Every share of a portfolio, any kind and state, in creation order (the access report).
    async fn portfolio_shares(&self, portfolio_id: &str) -> Result<Vec<ShareRecord>, StoreError>;

    /// The frozen audience of organization share `share_seq` (empty unless trusted access
    /// is off).
    async fn frozen_audience(&self, share_seq: i64) -> Result<Vec<AccountId>, StoreError>;

    /// The accounts that rejected organization-shared `portfolio_id`.
    async fn org_rejecters(&self, portfolio_id: &str) -> Result<Vec<AccountId>, StoreError>;

    /// Records or clears `account`'s rejection of organization-shared `portfolio_id`.
    async fn set_org_rejection(
        &self,
        portfolio_id: &str,
        account: &AccountId,
        rejected: bool,
    ) -> Result<(), StoreError>;

    /// Portfolios `account` rejected although an organization share covers it.
    async fn org_rejections(&self, account: &AccountId) -> Result<Vec<String>, StoreError>;

    /// An operation by token.
    async fn share_op(&self, token: &str) -> Result<Option<ShareOpRecord>, StoreError>;

    /// How many accounts an operation processed, and how many of them failed.
    async fn op_counts(&self, token: &str) -> Result<(usize, usize), StoreError>;

    /// An operation's per-account outcomes, in account order.
    async fn op_outcomes(&self, token: &str) -> Result<Vec<AccountOutcome>, StoreError>;

    /// The oldest unfinished operation with work left or due to finish at `now_ms`; and the
    /// earliest time a held operation becomes due.
    async fn next_op(
        &self,
        now_ms: i64,
    ) -> Result<(Option<ShareOpRecord>, Option<i64>), StoreError>;

    /// Records a fan-out step: outcomes for a batch of accounts (ignored when already
    /// recorded), the new cursor and total, and the status.
    async fn record_step(
        &self,
        token: &str,
        outcomes: &[AccountOutcome],
        cursor: i64,
        total: i64,
        status: OpStatus,
    ) -> Result<(), StoreError>;

    /// Finishes an operation: sets its terminal status and applies it to its share
    /// (create → `Active` with this fan-out; delete → share removed; update → fan-out token).
    async fn finish_op(&self, token: &str, status: OpStatus) -> Result<(), StoreError>;

    /// Replaces the injected fan-out faults.
    async fn set_share_faults(&self, faults: &[ShareFault]) -> Result<(), StoreError>;

    /// The injected fan-out faults.
    async fn share_faults(&self) -> Result<Vec<ShareFault>, StoreError>;
}
