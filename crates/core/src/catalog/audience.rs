//! Who an organization share reaches: the one home of that rule, asked both ways round —
//! which shares reach an account (every recipient-facing read, through `access`), and which
//! accounts a share reaches (the access report, ListPortfolioAccess, the freeze when trusted
//! access is switched off, and the fan-out's targets).
//!
//! The rule (aws-behavior.md §5–§6, open-questions-resolved §3): while trusted access for
//! `servicecatalog.amazonaws.com` is on, an organization share reaches the accounts under its
//! node now — the whole organization, an OU and everything below it, or one member account —
//! so accounts created, moved or removed gain and lose access at once ("shares follow the
//! organization"); while it is off, the audience frozen when it was switched off. From those,
//! it never reaches the portfolio's owner, an account that failed in the share's last
//! fan-out, or (for what it shows) an account that rejected the portfolio. A share whose
//! creating operation has not finished reaches no one.

use std::collections::BTreeSet;

use sclocal_api::ServiceError;

use crate::ids::{AccountId, OrgId, OuId, PortfolioId, Scope};
use crate::store::{ReadTx, ShareRecord, ShareState, ShareTarget, SERVICE_CATALOG_PRINCIPAL};

/// Whether an account that a share's node (or frozen audience) holds sees the portfolio
/// through it: the exclusions every reader applies.
fn keeps(share: &ShareRecord, account: &AccountId, failed: bool, rejected: bool) -> bool {
    share.state != ShareState::Creating && share.owner != *account && !failed && !rejected
}

/// The organization shares that reach the caller in `scope`. Portfolios the caller rejected
/// are left out unless `include_rejected`.
pub(crate) fn reaching(
    tx: &dyn ReadTx,
    scope: &Scope,
    include_rejected: bool,
) -> Result<Vec<ShareRecord>, ServiceError> {
    let account = &scope.account;
    let rejected = if include_rejected {
        Vec::new()
    } else {
        tx.org_rejections(account)?
    };
    let mut candidates: Vec<ShareRecord> = Vec::new();
    if let Some(m) = tx.membership(account)? {
        if tx.service_access_enabled(&m.org_id, SERVICE_CATALOG_PRINCIPAL)? {
            // Shares addressed to the organization, any OU above the account, or the account.
            let mut principals: Vec<&str> = vec![m.org_id.as_str()];
            principals.extend(m.ou_path.iter().map(OuId::as_str));
            principals.push(account.as_str());
            candidates = tx.org_shares_to(&scope.region, &m.org_id, &principals)?;
        }
    }
    for s in tx.frozen_shares_for(&scope.region, account)? {
        if !candidates
            .iter()
            .any(|c| c.portfolio_id == s.portfolio_id && c.target == s.target)
        {
            candidates.push(s);
        }
    }
    let mut out = Vec::with_capacity(candidates.len());
    for s in candidates {
        let failed = match &s.fanout_token {
            Some(t) => tx.failed_in(t, account)?,
            None => false,
        };
        if keeps(&s, account, failed, rejected.contains(&s.portfolio_id)) {
            out.push(s);
        }
    }
    Ok(out)
}

/// The accounts under a share target's node now (trusted access on): everything under the
/// organization or OU, management account included, or the member account while it is one.
/// An account share, or a node outside `org`, holds no one.
pub(crate) fn node_accounts(
    tx: &dyn ReadTx,
    org: &OrgId,
    target: &ShareTarget,
) -> Result<Vec<AccountId>, ServiceError> {
    Ok(match target {
        ShareTarget::Organization(o) if o == org => tx.accounts_under(org, None)?,
        ShareTarget::OrganizationalUnit(ou) => tx.accounts_under(org, Some(ou))?,
        ShareTarget::MemberAccount(a) => {
            let member = tx.membership(a)?.is_some_and(|m| m.org_id == *org);
            if member {
                vec![a.clone()]
            } else {
                Vec::new()
            }
        }
        ShareTarget::Organization(_) | ShareTarget::Account(_) => Vec::new(),
    })
}

/// How a share stands for its audience (the access report's `status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Standing {
    /// An account share the recipient accepted.
    Accepted,
    /// An account share waiting for the recipient.
    Pending,
    /// An organization share in this state, following the organization.
    Live(ShareState),
    /// An organization share whose audience is frozen while trusted access is off.
    Frozen,
}

impl Standing {
    /// The report's spelling.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Standing::Accepted => "ACCEPTED",
            Standing::Pending => "PENDING",
            Standing::Live(state) => state.as_str(),
            Standing::Frozen => "FROZEN",
        }
    }
}

/// The accounts that see the portfolio through `share` now, and how the share stands.
/// `rejecters` are the accounts that rejected the portfolio.
pub(crate) fn of_share(
    tx: &dyn ReadTx,
    share: &ShareRecord,
    rejecters: &BTreeSet<AccountId>,
) -> Result<(Standing, BTreeSet<AccountId>), ServiceError> {
    if let ShareTarget::Account(a) = &share.target {
        return Ok(if share.accepted {
            (Standing::Accepted, BTreeSet::from([a.clone()]))
        } else {
            (Standing::Pending, BTreeSet::new())
        });
    }
    if share.state == ShareState::Creating {
        return Ok((Standing::Live(ShareState::Creating), BTreeSet::new()));
    }
    let Some(org) = &share.org_id else {
        return Ok((Standing::Live(share.state), BTreeSet::new()));
    };
    let (standing, candidates) = if tx.service_access_enabled(org, SERVICE_CATALOG_PRINCIPAL)? {
        (
            Standing::Live(share.state),
            node_accounts(tx, org, &share.target)?,
        )
    } else {
        (
            Standing::Frozen,
            tx.frozen_audience(&share.portfolio_id, &share.target)?,
        )
    };
    let failed = failed_accounts(tx, share)?;
    let reached = candidates
        .into_iter()
        .filter(|a| keeps(share, a, failed.contains(a), rejecters.contains(a)))
        .collect();
    Ok((standing, reached))
}

/// What every organization share of `org` reaches now, to keep while trusted access is off
/// ("disabling access freezes what exists", aws-behavior.md §5.12, §6). Rejections are not
/// applied here: they are applied when the frozen audience is read, so a member that accepts
/// again while access is off sees the portfolio again.
pub(crate) fn freeze(
    tx: &dyn ReadTx,
    org: &OrgId,
) -> Result<Vec<(PortfolioId, ShareTarget, AccountId)>, ServiceError> {
    let mut rows = Vec::new();
    for share in tx.org_shares_in(org)? {
        let failed = failed_accounts(tx, &share)?;
        for a in node_accounts(tx, org, &share.target)? {
            if keeps(&share, &a, failed.contains(&a), false) {
                rows.push((share.portfolio_id.clone(), share.target.clone(), a));
            }
        }
    }
    Ok(rows)
}

/// The accounts a share operation fans out to: everything under its node now except the
/// portfolio owner (who does not import its own portfolio), each once, in account order.
pub(crate) fn fanout_targets(
    tx: &dyn ReadTx,
    org: &OrgId,
    target: &ShareTarget,
    owner: &AccountId,
) -> Result<Vec<AccountId>, ServiceError> {
    let mut accounts = node_accounts(tx, org, target)?;
    accounts.retain(|a| a != owner);
    accounts.sort();
    accounts.dedup();
    Ok(accounts)
}

/// The accounts that failed in a share's last fan-out.
fn failed_accounts(
    tx: &dyn ReadTx,
    share: &ShareRecord,
) -> Result<BTreeSet<AccountId>, ServiceError> {
    let Some(token) = &share.fanout_token else {
        return Ok(BTreeSet::new());
    };
    Ok(tx
        .op_outcomes(token)?
        .into_iter()
        .filter(|o| o.error.is_some())
        .map(|o| o.account)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::ShareToken;

    fn acct(s: &str) -> AccountId {
        AccountId::parse(s).unwrap()
    }

    fn share(state: ShareState) -> ShareRecord {
        ShareRecord {
            portfolio_id: PortfolioId::parse("port-a").unwrap(),
            region: "us-east-1".into(),
            owner: acct("111111111111"),
            target: ShareTarget::OrganizationalUnit(OuId::parse("ou-ab12-abcdefgh").unwrap()),
            org_id: OrgId::parse("o-abcdefghij"),
            accepted: true,
            share_tag_options: false,
            share_principals: false,
            state,
            fanout_token: ShareToken::parse("share-x"),
            created_ms: 0,
        }
    }

    #[test]
    fn an_audience_never_holds_the_owner_a_failed_or_a_rejecting_account() {
        let s = share(ShareState::Active);
        let member = acct("222222222222");
        assert!(keeps(&s, &member, false, false));
        assert!(!keeps(&s, &acct("111111111111"), false, false));
        assert!(!keeps(&s, &member, true, false));
        assert!(!keeps(&s, &member, false, true));
        assert!(keeps(&share(ShareState::Deleting), &member, false, false));
        assert!(!keeps(&share(ShareState::Creating), &member, false, false));
    }
}
