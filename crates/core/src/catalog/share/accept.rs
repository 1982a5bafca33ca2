//! The recipient's side: AcceptPortfolioShare, RejectPortfolioShare,
//! ListAcceptedPortfolioShares (aws-behavior.md §5.8–§5.10, open-questions-resolved §3).

use std::collections::BTreeSet;

use sclocal_api::servicecatalog::{
    AcceptPortfolioShareInput, AcceptPortfolioShareOutput, ListAcceptedPortfolioSharesInput,
    ListAcceptedPortfolioSharesOutput, PortfolioShareType, RejectPortfolioShareInput,
    RejectPortfolioShareOutput,
};
use sclocal_api::{RequestContext, ServiceError};

use crate::catalog::access::portfolio_not_found;
use crate::catalog::audience;
use crate::catalog::views::portfolio_detail;
use crate::ids::{PortfolioId, Scope};
use crate::page::Api;
use crate::store::{ReadTx, ShareRecord, ShareTarget};
use crate::Emulator;

/// AcceptPortfolioShare. IMPORTED (the default) accepts an account share; accepting again is
/// a no-op (open-questions-resolved §3.1). For a portfolio shared only through Organizations
/// the default type fails with `Portfolio not found: <id>` (PUP-346) while AWS_ORGANIZATIONS
/// succeeds (§3.2). AWS_SERVICECATALOG is "Not supported. (Throws ResourceNotFoundException.)"
pub(crate) async fn accept_portfolio_share(
    em: &Emulator,
    cx: &RequestContext,
    input: AcceptPortfolioShareInput,
) -> Result<AcceptPortfolioShareOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let id = input.portfolio_id;
    let share_type = input
        .portfolio_share_type
        .unwrap_or(PortfolioShareType::IMPORTED);
    em.store
        .write(move |tx| {
            let portfolio = PortfolioId::parse(&id).ok_or_else(|| portfolio_not_found(&id))?;
            match share_type {
                PortfolioShareType::IMPORTED => {
                    let share = account_share_to_caller(tx, &scope, &portfolio)?
                        .ok_or_else(|| portfolio_not_found(&id))?;
                    if !share.accepted {
                        tx.set_accepted(&share.portfolio_id, &share.target, true)?;
                    }
                }
                PortfolioShareType::AWS_ORGANIZATIONS => {
                    if !org_reaches(tx, &scope, &portfolio, true)? {
                        return Err(portfolio_not_found(&id));
                    }
                    tx.set_org_rejection(&portfolio, &scope.account, false)?;
                }
                PortfolioShareType::AWS_SERVICECATALOG => return Err(portfolio_not_found(&id)),
            }
            Ok(AcceptPortfolioShareOutput {})
        })
        .await
}

/// RejectPortfolioShare. IMPORTED: a pending offer is withdrawn from the owner's list; an
/// accepted import goes back to unaccepted (open-questions-resolved §3.3, a recommendation).
/// AWS_ORGANIZATIONS hides the portfolio from the caller until it accepts it again.
pub(crate) async fn reject_portfolio_share(
    em: &Emulator,
    cx: &RequestContext,
    input: RejectPortfolioShareInput,
) -> Result<RejectPortfolioShareOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let id = input.portfolio_id;
    let share_type = input
        .portfolio_share_type
        .unwrap_or(PortfolioShareType::IMPORTED);
    em.store
        .write(move |tx| {
            let portfolio = PortfolioId::parse(&id).ok_or_else(|| portfolio_not_found(&id))?;
            match share_type {
                PortfolioShareType::IMPORTED => {
                    let share = account_share_to_caller(tx, &scope, &portfolio)?
                        .ok_or_else(|| portfolio_not_found(&id))?;
                    if share.accepted {
                        tx.set_accepted(&share.portfolio_id, &share.target, false)?;
                    } else {
                        tx.delete_share(&share.portfolio_id, &share.target)?;
                    }
                }
                PortfolioShareType::AWS_ORGANIZATIONS => {
                    if !org_reaches(tx, &scope, &portfolio, false)? {
                        return Err(portfolio_not_found(&id));
                    }
                    tx.set_org_rejection(&portfolio, &scope.account, true)?;
                }
                PortfolioShareType::AWS_SERVICECATALOG => return Err(portfolio_not_found(&id)),
            }
            Ok(RejectPortfolioShareOutput {})
        })
        .await
}

/// ListAcceptedPortfolioShares: IMPORTED lists accepted account shares, AWS_ORGANIZATIONS the
/// portfolios organization shares bring to the caller (no accept needed), each with the
/// owner's details; AWS_SERVICECATALOG ("deprecated") lists nothing.
pub(crate) async fn list_accepted_portfolio_shares(
    em: &Emulator,
    cx: &RequestContext,
    input: ListAcceptedPortfolioSharesInput,
) -> Result<ListAcceptedPortfolioSharesOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let share_type = input
        .portfolio_share_type
        .unwrap_or(PortfolioShareType::IMPORTED);
    let key = format!("ListAcceptedPortfolioShares:{share_type}");
    let size = Api::Catalog.size(input.page_size);
    em.store
        .read(move |tx| {
            let ids: Vec<PortfolioId> = match share_type {
                PortfolioShareType::IMPORTED => tx
                    .account_shares_to(&scope.region, &scope.account, true)?
                    .into_iter()
                    .map(|s| s.portfolio_id)
                    .collect(),
                PortfolioShareType::AWS_ORGANIZATIONS => {
                    let mut seen = BTreeSet::new();
                    audience::reaching(tx, &scope, false)?
                        .into_iter()
                        .map(|s| s.portfolio_id)
                        .filter(|p| seen.insert(p.clone()))
                        .collect()
                }
                PortfolioShareType::AWS_SERVICECATALOG => Vec::new(),
            };
            let (page, next) = Api::Catalog.slice(ids, &key, input.page_token.as_deref(), size)?;
            let mut details = Vec::with_capacity(page.len());
            for id in page {
                if let Some(p) = tx.portfolio(&scope.region, &id)? {
                    details.push(portfolio_detail(&p));
                }
            }
            Ok(ListAcceptedPortfolioSharesOutput {
                portfolio_details: Some(details),
                next_page_token: next,
            })
        })
        .await
}

/// The account share of portfolio `id` addressed to the caller, in its region.
fn account_share_to_caller(
    tx: &dyn ReadTx,
    scope: &Scope,
    id: &PortfolioId,
) -> Result<Option<ShareRecord>, ServiceError> {
    Ok(tx
        .share(id, &ShareTarget::Account(scope.account.clone()))?
        .filter(|s| s.region == scope.region))
}

/// Whether an organization share of portfolio `id` reaches the caller (`include_rejected`:
/// also when the caller rejected it).
fn org_reaches(
    tx: &dyn ReadTx,
    scope: &Scope,
    id: &PortfolioId,
    include_rejected: bool,
) -> Result<bool, ServiceError> {
    Ok(audience::reaching(tx, scope, include_rejected)?
        .iter()
        .any(|s| s.portfolio_id == *id))
}
