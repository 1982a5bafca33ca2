//! The recipient's side: AcceptPortfolioShare, RejectPortfolioShare,
//! ListAcceptedPortfolioShares (aws-behavior.md §5.8–§5.10, open-questions-resolved §3).

use std::collections::BTreeSet;

use sclocal_api::servicecatalog::{
    AcceptPortfolioShareInput, AcceptPortfolioShareOutput, ListAcceptedPortfolioSharesInput,
    ListAcceptedPortfolioSharesOutput, PortfolioShareType, RejectPortfolioShareInput,
    RejectPortfolioShareOutput,
};
use sclocal_api::{RequestContext, ServiceError};

use crate::catalog::access::org_shares_reaching;
use crate::catalog::portfolio::{detail, invalid_page_token, not_found, page_size};
use crate::ids::Scope;
use crate::page;
use crate::store::{ShareKind, ShareRecord};
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
    match input
        .portfolio_share_type
        .unwrap_or(PortfolioShareType::IMPORTED)
    {
        PortfolioShareType::IMPORTED => {
            let share = account_share_to_caller(em, &scope, &id)
                .await?
                .ok_or_else(|| not_found(&id))?;
            if !share.accepted {
                em.store.set_accepted(share.seq, true).await?;
            }
        }
        PortfolioShareType::AWS_ORGANIZATIONS => {
            if !org_reaches(em, &scope, &id, true).await? {
                return Err(not_found(&id));
            }
            em.store
                .set_org_rejection(&id, &scope.account, false)
                .await?;
        }
        PortfolioShareType::AWS_SERVICECATALOG => return Err(not_found(&id)),
    }
    Ok(AcceptPortfolioShareOutput {})
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
    match input
        .portfolio_share_type
        .unwrap_or(PortfolioShareType::IMPORTED)
    {
        PortfolioShareType::IMPORTED => {
            let share = account_share_to_caller(em, &scope, &id)
                .await?
                .ok_or_else(|| not_found(&id))?;
            if share.accepted {
                em.store.set_accepted(share.seq, false).await?;
            } else {
                em.store.delete_share(share.seq).await?;
            }
        }
        PortfolioShareType::AWS_ORGANIZATIONS => {
            if !org_reaches(em, &scope, &id, false).await? {
                return Err(not_found(&id));
            }
            em.store
                .set_org_rejection(&id, &scope.account, true)
                .await?;
        }
        PortfolioShareType::AWS_SERVICECATALOG => return Err(not_found(&id)),
    }
    Ok(RejectPortfolioShareOutput {})
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
    let ids: Vec<String> = match share_type {
        PortfolioShareType::IMPORTED => em
            .store
            .account_shares_to(&scope.region, &scope.account, true)
            .await?
            .into_iter()
            .map(|s| s.portfolio_id)
            .collect(),
        PortfolioShareType::AWS_ORGANIZATIONS => {
            let mut seen = BTreeSet::new();
            org_shares_reaching(em, &scope, false)
                .await?
                .into_iter()
                .map(|s| s.portfolio_id)
                .filter(|p| seen.insert(p.clone()))
                .collect()
        }
        PortfolioShareType::AWS_SERVICECATALOG => Vec::new(),
    };
    let key = format!("ListAcceptedPortfolioShares:{share_type}");
    let offset = match input.page_token.as_deref() {
        None | Some("") => 0,
        Some(t) => page::decode(&key, t)
            .and_then(|c| usize::try_from(c).ok())
            .ok_or_else(invalid_page_token)?,
    };
    let size = page_size(input.page_size);
    let mut details = Vec::with_capacity(size.min(ids.len()));
    let mut consumed = offset;
    for id in ids.iter().skip(offset) {
        if details.len() == size {
            break;
        }
        consumed += 1;
        if let Some(p) = em.store.portfolio(&scope.region, id).await? {
            details.push(detail(&p));
        }
    }
    Ok(ListAcceptedPortfolioSharesOutput {
        portfolio_details: Some(details),
        next_page_token: (consumed < ids.len())
            .then(|| page::encode(&key, i64::try_from(consumed).unwrap_or(i64::MAX))),
    })
}

/// The account share of portfolio `id` addressed to the caller, in its region.
async fn account_share_to_caller(
    em: &Emulator,
    scope: &Scope,
    id: &str,
) -> Result<Option<ShareRecord>, ServiceError> {
    Ok(em
        .store
        .share(id, ShareKind::Account, scope.account.as_str())
        .await?
        .filter(|s| s.region == scope.region))
}

/// Whether an organization share of portfolio `id` reaches the caller (`include_rejected`:
/// also when the caller rejected it).
async fn org_reaches(
    em: &Emulator,
    scope: &Scope,
    id: &str,
    include_rejected: bool,
) -> Result<bool, ServiceError> {
    Ok(org_shares_reaching(em, scope, include_rejected)
        .await?
        .iter()
        .any(|s| s.portfolio_id == id))
}
