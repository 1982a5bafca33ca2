//! Share operations (`share-…` tokens): their records, statuses, per-account outcomes, and
//! the failures tests inject into fan-outs.

use super::error::StoreError;
use super::shares::ShareTarget;
use crate::ids::{AccountId, OrgId, PortfolioId, ShareToken};

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
    /// `share-` + 13 characters.
    pub token: ShareToken,
    /// What it does.
    pub action: OpAction,
    /// The share's portfolio.
    pub portfolio_id: PortfolioId,
    /// Region.
    pub region: String,
    /// Portfolio owner.
    pub owner: AccountId,
    /// The share it acts on.
    pub target: ShareTarget,
    /// Organization, for organization shares.
    pub org_id: Option<OrgId>,
    /// Status.
    pub status: OpStatus,
    /// Not terminal before this time (`--share-processing-delay`), epoch milliseconds.
    pub not_before_ms: i64,
    /// The last account processed, as a number (0 before the first): the fan-out goes on
    /// after it in account order.
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

/// Reading share operations, their outcomes and the injected faults.
pub trait ShareOpReads {
    /// An operation by token.
    fn share_op(&self, token: &ShareToken) -> Result<Option<ShareOpRecord>, StoreError>;

    /// The latest operations on every portfolio, newest first, at most `limit` (the
    /// operator's console).
    fn recent_share_ops(&self, limit: usize) -> Result<Vec<ShareOpRecord>, StoreError>;

    /// Whether an operation on the portfolio has not finished.
    fn unfinished_share_op(&self, portfolio: &PortfolioId) -> Result<bool, StoreError>;

    /// How many accounts an operation processed, and how many of them failed.
    fn op_counts(&self, token: &ShareToken) -> Result<(usize, usize), StoreError>;

    /// An operation's per-account outcomes, in account order.
    fn op_outcomes(&self, token: &ShareToken) -> Result<Vec<AccountOutcome>, StoreError>;

    /// Whether `account` failed in operation `token`.
    fn failed_in(&self, token: &ShareToken, account: &AccountId) -> Result<bool, StoreError>;

    /// The injected fan-out faults.
    fn share_faults(&self) -> Result<Vec<ShareFault>, StoreError>;
}

/// Writing share operations, their outcomes and the injected faults.
pub trait ShareOpWrites {
    /// Inserts an operation.
    fn insert_share_op(&self, op: &ShareOpRecord) -> Result<(), StoreError>;

    /// Records per-account outcomes of an operation; an account already recorded keeps its
    /// first outcome.
    fn record_outcomes(
        &self,
        token: &ShareToken,
        outcomes: &[AccountOutcome],
    ) -> Result<(), StoreError>;

    /// Sets an operation's progress and status.
    fn set_op_progress(
        &self,
        token: &ShareToken,
        cursor: i64,
        total: i64,
        status: OpStatus,
    ) -> Result<(), StoreError>;

    /// Sets an operation's status.
    fn set_op_status(&self, token: &ShareToken, status: OpStatus) -> Result<(), StoreError>;

    /// Replaces the injected fan-out faults.
    fn set_share_faults(&self, faults: &[ShareFault]) -> Result<(), StoreError>;
}
