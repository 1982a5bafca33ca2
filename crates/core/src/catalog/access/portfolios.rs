//! Portfolios as a caller reaches them: owned, visible (owned or imported), all reachable.

use std::collections::BTreeMap;

use sclocal_api::servicecatalog::ModeledError;
use sclocal_api::ServiceError;

use super::reach::{Import, Reach, Visible};
use crate::catalog::audience;
use crate::ids::{PortfolioId, Scope};
use crate::store::{PortfolioRecord, ReadTx, ShareRecord, ShareTarget};

/// `Portfolio not found: port-…`, the text AWS returns (aws-behavior.md §1.3, PUP-346).
pub(crate) fn portfolio_not_found(id: &str) -> ServiceError {
    ModeledError::ResourceNotFoundException.msg(format!("Portfolio not found: {id}"))
}

/// A portfolio by the id a request gave, in the caller's region, whoever owns it.
fn lookup(tx: &dyn ReadTx, scope: &Scope, id: &str) -> Result<PortfolioRecord, ServiceError> {
    let parsed = PortfolioId::parse(id).ok_or_else(|| portfolio_not_found(id))?;
    tx.portfolio(&scope.region, &parsed)?
        .ok_or_else(|| portfolio_not_found(id))
}

/// The portfolio `id` as the caller in `scope` sees it: owned or imported, in the caller's
/// region. Anything else is `ResourceNotFoundException` (`Portfolio not found: <id>`), as AWS
/// hides other accounts' portfolios. A pending (unaccepted) account share does not make a
/// portfolio visible.
pub(crate) fn visible_portfolio(
    tx: &dyn ReadTx,
    scope: &Scope,
    id: &str,
) -> Result<Visible, ServiceError> {
    let portfolio = lookup(tx, scope, id)?;
    if portfolio.owner == scope.account {
        return Ok(Visible {
            portfolio,
            reach: Reach::Owner,
        });
    }
    match import_of(tx, scope, &portfolio.id)? {
        Some(import) => Ok(Visible {
            portfolio,
            reach: Reach::Imported(import),
        }),
        None => Err(portfolio_not_found(id)),
    }
}

/// The portfolio `id` if the caller owns it; recipients and strangers get
/// `ResourceNotFoundException`, as for every owner-only operation.
pub(crate) fn owned_portfolio(
    tx: &dyn ReadTx,
    scope: &Scope,
    id: &str,
) -> Result<PortfolioRecord, ServiceError> {
    match lookup(tx, scope, id) {
        Ok(p) if p.owner == scope.account => Ok(p),
        _ => Err(portfolio_not_found(id)),
    }
}

/// Every portfolio the caller in `scope` reaches: its own, then the ones it imported.
pub(crate) fn reachable_portfolios(
    tx: &dyn ReadTx,
    scope: &Scope,
) -> Result<Vec<Visible>, ServiceError> {
    let mut out = Vec::new();
    let mut cursor = None;
    loop {
        let page = tx.portfolios_of(&scope.account, &scope.region, cursor, 1000)?;
        out.extend(page.items.into_iter().map(|p| Visible {
            portfolio: p,
            reach: Reach::Owner,
        }));
        match page.next {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    let mut imported: BTreeMap<PortfolioId, Import> = BTreeMap::new();
    for s in tx.account_shares_to(&scope.region, &scope.account, true)? {
        merge(&mut imported, &s, false);
    }
    for s in audience::reaching(tx, scope, false)? {
        merge(&mut imported, &s, true);
    }
    for (id, import) in imported {
        if let Some(p) = tx.portfolio(&scope.region, &id)? {
            out.push(Visible {
                portfolio: p,
                reach: Reach::Imported(import),
            });
        }
    }
    Ok(out)
}

/// How the caller imports portfolio `id`, combining every share that reaches it.
fn import_of(
    tx: &dyn ReadTx,
    scope: &Scope,
    id: &PortfolioId,
) -> Result<Option<Import>, ServiceError> {
    let mut imported: BTreeMap<PortfolioId, Import> = BTreeMap::new();
    let own = ShareTarget::Account(scope.account.clone());
    if let Some(s) = tx.share(id, &own)? {
        if s.accepted && s.region == scope.region {
            merge(&mut imported, &s, false);
        }
    }
    for s in audience::reaching(tx, scope, false)?
        .iter()
        .filter(|s| s.portfolio_id == *id)
    {
        merge(&mut imported, s, true);
    }
    Ok(imported.remove(id))
}

fn merge(into: &mut BTreeMap<PortfolioId, Import>, s: &ShareRecord, via_organization: bool) {
    let entry = into.entry(s.portfolio_id.clone()).or_insert(Import {
        via_organization,
        share_tag_options: false,
        share_principals: false,
    });
    entry.via_organization |= via_organization;
    entry.share_tag_options |= s.share_tag_options;
    entry.share_principals |= s.share_principals;
}
