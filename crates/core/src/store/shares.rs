//! Portfolio shares and the share operations that fan them out.
//!
//! A share is one record per (portfolio, target): an account-to-account share, or an
//! organization-node share (organization, OU or member account). Organization shares change
//! through operations (`share-…` tokens) that background workers process in steps; per-account
//! outcomes are keyed by (token, account), so a crash or a lost lease in the middle resumes
//! and no account counts twice.

use super::error::StoreError;
use super::page::{Cursor, Page};
use crate::ids::{AccountId, OrgId, OuId, PortfolioId, ShareToken};

/// What a share points at (DescribePortfolioShareType), with the principal's id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ShareTarget {
    /// Account-to-account share; the recipient must accept it.
    Account(AccountId),
    /// Organization share to the whole organization.
    Organization(OrgId),
    /// Organization share to an OU and everything beneath it.
    OrganizationalUnit(OuId),
    /// Organization share to one member account (`OrganizationNode` of type `ACCOUNT`).
    MemberAccount(AccountId),
}

impl ShareTarget {
    /// Its kind.
    pub fn kind(&self) -> ShareKind {
        match self {
            ShareTarget::Account(_) => ShareKind::Account,
            ShareTarget::Organization(_) => ShareKind::Organization,
            ShareTarget::OrganizationalUnit(_) => ShareKind::OrganizationalUnit,
            ShareTarget::MemberAccount(_) => ShareKind::OrganizationMemberAccount,
        }
    }

    /// The bare principal id: 12 digits, `o-…` or `ou-…`.
    pub fn principal(&self) -> &str {
        match self {
            ShareTarget::Account(a) | ShareTarget::MemberAccount(a) => a.as_str(),
            ShareTarget::Organization(o) => o.as_str(),
            ShareTarget::OrganizationalUnit(o) => o.as_str(),
        }
    }

    /// Rebuilds a target from its stored kind and principal.
    pub fn parse(kind: ShareKind, principal: &str) -> Option<Self> {
        Some(match kind {
            ShareKind::Account => ShareTarget::Account(AccountId::parse(principal)?),
            ShareKind::Organization => ShareTarget::Organization(OrgId::parse(principal)?),
            ShareKind::OrganizationalUnit => {
                ShareTarget::OrganizationalUnit(OuId::parse(principal)?)
            }
            ShareKind::OrganizationMemberAccount => {
                ShareTarget::MemberAccount(AccountId::parse(principal)?)
            }
        })
    }
}

/// The kind of a share target (DescribePortfolioShareType).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ShareKind {
    /// Account-to-account.
    Account,
    /// The whole organization.
    Organization,
    /// An OU and below.
    OrganizationalUnit,
    /// One member account through Organizations.
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

/// A share as stored. It is identified by (portfolio, target).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareRecord {
    /// Shared portfolio.
    pub portfolio_id: PortfolioId,
    /// Region of the portfolio.
    pub region: String,
    /// Portfolio owner, who created the share.
    pub owner: AccountId,
    /// What it points at.
    pub target: ShareTarget,
    /// Organization of an organization share.
    pub org_id: Option<OrgId>,
    /// Account shares: the recipient accepted it. Organization shares: always true.
    pub accepted: bool,
    /// ShareTagOptions.
    pub share_tag_options: bool,
    /// SharePrincipals.
    pub share_principals: bool,
    /// Life state.
    pub state: ShareState,
    /// The last operation that fanned it out; its failed accounts do not see the portfolio.
    pub fanout_token: Option<ShareToken>,
    /// Creation time, epoch milliseconds.
    pub created_ms: i64,
}

/// Reading shares, their frozen audiences and members' rejections.
pub trait ShareReads {
    /// A share by portfolio and target.
    fn share(
        &self,
        portfolio: &PortfolioId,
        target: &ShareTarget,
    ) -> Result<Option<ShareRecord>, StoreError>;

    /// A portfolio's shares of one kind, in creation order, after `after`.
    fn shares_of_portfolio(
        &self,
        portfolio: &PortfolioId,
        kind: ShareKind,
        after: Option<Cursor>,
        limit: usize,
    ) -> Result<Page<ShareRecord>, StoreError>;

    /// Every share of a portfolio, any kind and state, in creation order.
    fn portfolio_shares(&self, portfolio: &PortfolioId) -> Result<Vec<ShareRecord>, StoreError>;

    /// How many accounts a portfolio is shared with one by one — its account shares and its
    /// organization member-account shares (the shared-accounts quota).
    fn account_share_count(&self, portfolio: &PortfolioId) -> Result<usize, StoreError>;

    /// Account shares addressed to `account` in `region`, accepted ones only when asked.
    fn account_shares_to(
        &self,
        region: &str,
        account: &AccountId,
        accepted_only: bool,
    ) -> Result<Vec<ShareRecord>, StoreError>;

    /// Organization shares of `org` in `region`, in the `Active` or `Deleting` state, whose
    /// bare principal is one of `principals`.
    fn org_shares_to(
        &self,
        region: &str,
        org: &OrgId,
        principals: &[&str],
    ) -> Result<Vec<ShareRecord>, StoreError>;

    /// Organization shares of `org`, any region and state.
    fn org_shares_in(&self, org: &OrgId) -> Result<Vec<ShareRecord>, StoreError>;

    /// Shares whose frozen audience includes `account` in `region`, in force.
    fn frozen_shares_for(
        &self,
        region: &str,
        account: &AccountId,
    ) -> Result<Vec<ShareRecord>, StoreError>;

    /// The frozen audience of an organization share (empty unless trusted access is off).
    fn frozen_audience(
        &self,
        portfolio: &PortfolioId,
        target: &ShareTarget,
    ) -> Result<Vec<AccountId>, StoreError>;

    /// The accounts that rejected organization-shared `portfolio`.
    fn org_rejecters(&self, portfolio: &PortfolioId) -> Result<Vec<AccountId>, StoreError>;

    /// Portfolios `account` rejected although an organization share covers it.
    fn org_rejections(&self, account: &AccountId) -> Result<Vec<PortfolioId>, StoreError>;
}

/// Writing shares, their frozen audiences and members' rejections.
pub trait ShareWrites {
    /// Inserts a share.
    fn insert_share(&self, share: &ShareRecord) -> Result<(), StoreError>;

    /// Changes a share's flags (`None` keeps a flag).
    fn set_share_flags(
        &self,
        portfolio: &PortfolioId,
        target: &ShareTarget,
        share_tag_options: Option<bool>,
        share_principals: Option<bool>,
    ) -> Result<(), StoreError>;

    /// Sets a share's state and the operation that last fanned it out (`None` keeps the one
    /// it has: a share being deleted still hides the portfolio from the accounts that failed
    /// in its last fan-out).
    fn set_share_state(
        &self,
        portfolio: &PortfolioId,
        target: &ShareTarget,
        state: ShareState,
        fanout_token: Option<&ShareToken>,
    ) -> Result<(), StoreError>;

    /// Sets an account share's `accepted` flag.
    fn set_accepted(
        &self,
        portfolio: &PortfolioId,
        target: &ShareTarget,
        accepted: bool,
    ) -> Result<(), StoreError>;

    /// Deletes a share and its frozen audience.
    fn delete_share(&self, portfolio: &PortfolioId, target: &ShareTarget)
        -> Result<(), StoreError>;

    /// Replaces the frozen audiences of `org`'s shares with `rows`.
    fn replace_frozen(
        &self,
        org: &OrgId,
        rows: &[(PortfolioId, ShareTarget, AccountId)],
    ) -> Result<(), StoreError>;

    /// Records or clears `account`'s rejection of organization-shared `portfolio`.
    fn set_org_rejection(
        &self,
        portfolio: &PortfolioId,
        account: &AccountId,
        rejected: bool,
    ) -> Result<(), StoreError>;
}
