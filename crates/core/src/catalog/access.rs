//! Who can see a portfolio, and how: its owner, or a recipient through an accepted account
//! share or an organization share. Every operation that reads a portfolio on behalf of a
//! possible recipient asks here, so the sharing rules live in one place.

use std::collections::BTreeMap;

use sclocal_api::ServiceError;

use super::portfolio::not_found;
use crate::ids::Scope;
use crate::store::{PortfolioRecord, ShareKind, ShareRecord, SERVICE_CATALOG_PRINCIPAL};
use crate::Emulator;

/// How a caller reaches a portfolio.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reach {
    /// The caller owns it.
    Owner,
    /// The caller imported it (an accepted account share, or an organization share).
    Imported(Import),
}

/// An imported portfolio's share flags, as seen by the recipient.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Import {
    /// Through an organization share (`AWS_ORGANIZATIONS`) rather than an accepted account
    /// share (`IMPORTED`).
    pub via_organization: bool,
    /// The owner's TagOptions are visible (ShareTagOptions).
    pub share_tag_options: bool,
    /// The owner's IAM_PATTERN principal associations apply (SharePrincipals).
    pub share_principals: bool,
}

/// A portfolio and how the caller reaches it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visible {
    /// The portfolio.
    pub portfolio: PortfolioRecord,
    /// How the caller reaches it.
    pub reach: Reach,
}

/// The portfolio `id` as the caller in `scope` sees it: owned or imported, in the caller's
/// region. Anything else is `ResourceNotFoundException` (`Portfolio not found: <id>`), as AWS
/// hides other accounts' portfolios. A pending (unaccepted) account share does not make a
/// portfolio visible.
pub async fn visible_portfolio(
    em: &Emulator,
    scope: &Scope,
    id: &str,
) -> Result<Visible, ServiceError> {
    let Some(portfolio) = em.store.portfolio(&scope.region, id).await? else {
        return Err(not_found(id));
    };
    if portfolio.owner == scope.account {
        return Ok(Visible {
            portfolio,
            reach: Reach::Owner,
        });
    }
    match import_of(em, scope, &portfolio.id).await? {
        Some(import) => Ok(Visible {
            portfolio,
            reach: Reach::Imported(import),
        }),
        None => Err(not_found(id)),
    }
}

/// The portfolio `id` if the caller owns it; recipients and strangers get
/// `ResourceNotFoundException`, as for every owner-only operation.
pub async fn owned_portfolio(
    em: &Emulator,
    scope: &Scope,
    id: &str,
) -> Result<PortfolioRecord, ServiceError> {
    match em.store.portfolio(&scope.region, id).await? {
        Some(p) if p.owner == scope.account => Ok(p),
        _ => Err(not_found(id)),
    }
}

/// Every portfolio the caller in `scope` reaches: its own, then the ones it imported.
pub async fn reachable_portfolios(
    em: &Emulator,
    scope: &Scope,
) -> Result<Vec<Visible>, ServiceError> {
    let mut out = Vec::new();
    let mut cursor = 0;
    loop {
        let page = em.store.list_portfolios(scope, cursor, 1000).await?;
        out.extend(page.items.into_iter().map(|p| Visible {
            portfolio: p,
            reach: Reach::Owner,
        }));
        match page.next {
            Some(next) => cursor = next,
            None => break,
        }
    }
    let mut imported: BTreeMap<String, Import> = BTreeMap::new();
    for s in em
        .store
        .account_shares_to(&scope.region, &scope.account, true)
        .await?
    {
        merge(&mut imported, &s, false);
    }
    for s in org_shares_reaching(em, scope, false).await? {
        merge(&mut imported, &s, true);
    }
    for (id, import) in imported {
        if let Some(p) = em.store.portfolio(&scope.region, &id).await? {
            out.push(Visible {
                portfolio: p,
                reach: Reach::Imported(import),
            });
        }
    }
    Ok(out)
}

/// How the caller imports portfolio `id`, combining every share that reaches it.
async fn import_of(em: &Emulator, scope: &Scope, id: &str) -> Result<Option<Import>, ServiceError> {
    let mut imported: BTreeMap<String, Import> = BTreeMap::new();
    if let Some(s) = em
        .store
        .share(id, ShareKind::Account, scope.account.as_str())
        .await?
    {
        if s.accepted && s.region == scope.region {
            merge(&mut imported, &s, false);
        }
    }
    for s in org_shares_reaching(em, scope, false)
        .await?
        .iter()
        .filter(|s| s.portfolio_id == id)
    {
        merge(&mut imported, s, true);
    }
    Ok(imported.remove(id))
}

fn merge(into: &mut BTreeMap<String, Import>, s: &ShareRecord, via_organization: bool) {
    let entry = into.entry(s.portfolio_id.clone()).or_insert(Import {
        via_organization,
        share_tag_options: false,
        share_principals: false,
    });
    entry.via_organization |= via_organization;
    entry.share_tag_options |= s.share_tag_options;
    entry.share_principals |= s.share_principals;
}

/// The organization shares that reach the caller: while trusted access is on, shares of the
/// caller's organization addressed to the organization, any OU above the caller, or the
/// caller itself ("shares follow the organization", aws-behavior.md §6) — except where the
/// caller's account failed in the share's fan-out; while it is off, the audience frozen when
/// it was switched off. The owner never imports its own portfolio. Portfolios the caller
/// rejected are left out unless `include_rejected`.
pub(crate) async fn org_shares_reaching(
    em: &Emulator,
    scope: &Scope,
    include_rejected: bool,
) -> Result<Vec<ShareRecord>, ServiceError> {
    let mut out: Vec<ShareRecord> = Vec::new();
    if let Some(m) = em.store.membership(&scope.account).await? {
        if em
            .store
            .service_access_enabled(&m.org_id, SERVICE_CATALOG_PRINCIPAL)
            .await?
        {
            let mut principals = vec![m.org_id.clone()];
            principals.extend(m.ou_path.iter().cloned());
            principals.push(scope.account.to_string());
            for s in em
                .store
                .org_shares_to(&scope.region, &m.org_id, &principals)
                .await?
            {
                let failed = match &s.fanout_token {
                    Some(t) => em.store.failed_in(t, &scope.account).await?,
                    None => false,
                };
                if s.owner != scope.account && !failed {
                    out.push(s);
                }
            }
        }
    }
    for s in em
        .store
        .frozen_shares_for(&scope.region, &scope.account)
        .await?
    {
        if !out.iter().any(|o| o.seq == s.seq) {
            out.push(s);
        }
    }
    if !include_rejected {
        let rejected = em.store.org_rejections(&scope.account).await?;
        out.retain(|s| !rejected.contains(&s.portfolio_id));
    }
    Ok(out)
}
