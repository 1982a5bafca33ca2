//! Who can see a portfolio, and how: its owner, or a recipient through an accepted account
//! share or an organization share. Every operation that reads a portfolio on behalf of a
//! possible recipient asks here, so the sharing rules live in one place.

use sclocal_api::ServiceError;

use super::portfolio::not_found;
use crate::ids::Scope;
use crate::store::PortfolioRecord;
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
/// hides other accounts' portfolios.
pub async fn visible_portfolio(
    em: &Emulator,
    scope: &Scope,
    id: &str,
) -> Result<Visible, ServiceError> {
    match em.store.portfolio(&scope.region, id).await? {
        Some(p) if p.owner == scope.account => Ok(Visible {
            portfolio: p,
            reach: Reach::Owner,
        }),
        _ => Err(not_found(id)),
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

/// Every portfolio the caller in `scope` reaches: its own and the ones it imported.
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
            None => return Ok(out),
        }
    }
}
