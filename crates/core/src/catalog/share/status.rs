//! DescribePortfolioShareStatus and ListOrganizationPortfolioAccess: what only the management
//! account or a delegated administrator may read (aws-behavior.md §5.4, §5.7, §8).

use std::collections::BTreeMap;

use sclocal_api::servicecatalog::{
    DescribePortfolioShareStatusInput, DescribePortfolioShareStatusOutput,
    ListOrganizationPortfolioAccessInput, ListOrganizationPortfolioAccessOutput, ModeledError,
    OrganizationNode, ShareDetails, ShareError, ShareStatus,
};
use sclocal_api::{RequestContext, ServiceError};

use super::{kind_of, org_admin, Node};
use crate::catalog::access::owned_portfolio;
use crate::catalog::portfolio::invalid_page_token;
use crate::page;
use crate::store::{AccountOutcome, ShareOpRecord};
use crate::Emulator;

/// ListOrganizationPortfolioAccess pages hold at most 20 nodes (`PageSize` 0..20).
const MAX_NODE_PAGE: usize = 20;

/// DescribePortfolioShareStatus.
pub(crate) async fn describe_portfolio_share_status(
    em: &Emulator,
    cx: &RequestContext,
    input: DescribePortfolioShareStatusInput,
) -> Result<DescribePortfolioShareStatusOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let token = input.portfolio_share_token;
    let not_found = || {
        ModeledError::ResourceNotFoundException
            .msg(format!("Portfolio share token not found: {token}"))
    };
    let op = em.store.share_op(&token).await?.ok_or_else(not_found)?;
    if op.region != scope.region {
        return Err(not_found());
    }
    match op.org_id.as_deref() {
        // An account share's update token belongs to the portfolio owner.
        None if op.owner == scope.account => {}
        None => return Err(not_found()),
        // Status is private to the organization's administrators.
        Some(org) => {
            let admin = org_admin(em, &scope).await?;
            if admin.org_id != org {
                return Err(not_found());
            }
        }
    }
    let outcomes = em.store.op_outcomes(&op.token).await?;
    Ok(DescribePortfolioShareStatusOutput {
        portfolio_share_token: Some(op.token.clone()),
        portfolio_id: Some(op.portfolio_id.clone()),
        organization_node_value: Some(op.principal.clone()),
        status: ShareStatus::from_wire(op.status.as_str()),
        share_details: Some(details(&op, &outcomes)),
    })
}

/// SuccessfulShares and ShareErrors, the errors grouped by (error, message).
fn details(_op: &ShareOpRecord, outcomes: &[AccountOutcome]) -> ShareDetails {
    let mut ok = Vec::new();
    let mut errors: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    for o in outcomes {
        match &o.error {
            None => ok.push(o.account.to_string()),
            Some((e, m)) => errors
                .entry((e.clone(), m.clone()))
                .or_default()
                .push(o.account.to_string()),
        }
    }
    ShareDetails {
        successful_shares: Some(ok),
        share_errors: Some(
            errors
                .into_iter()
                .map(|((error, message), accounts)| ShareError {
                    accounts: Some(accounts),
                    message: Some(message),
                    error: Some(error),
                })
                .collect(),
        ),
    }
}

/// ListOrganizationPortfolioAccess: the organization nodes a portfolio is shared with, in a
/// form DeletePortfolioShare takes straight back (bare ids).
pub(crate) async fn list_organization_portfolio_access(
    em: &Emulator,
    cx: &RequestContext,
    input: ListOrganizationPortfolioAccessInput,
) -> Result<ListOrganizationPortfolioAccessOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    org_admin(em, &scope).await?;
    let portfolio = owned_portfolio(em, &scope, &input.portfolio_id).await?;
    let kind = kind_of(input.organization_node_type);
    let kind_key = format!("ListOrganizationPortfolioAccess:{}", portfolio.id);
    let cursor = match input.page_token.as_deref() {
        None | Some("") => 0,
        Some(t) => page::decode(&kind_key, t).ok_or_else(invalid_page_token)?,
    };
    let size = match input.page_size {
        Some(n) if n > 0 => usize::try_from(n)
            .unwrap_or(MAX_NODE_PAGE)
            .min(MAX_NODE_PAGE),
        _ => MAX_NODE_PAGE,
    };
    let page = em
        .store
        .shares_of_portfolio(&portfolio.id, kind, cursor, size)
        .await?;
    Ok(ListOrganizationPortfolioAccessOutput {
        organization_nodes: Some(
            page.items
                .into_iter()
                .map(|s| {
                    let node = Node {
                        kind: s.kind,
                        id: s.principal,
                    };
                    OrganizationNode {
                        r#type: Some(node.wire_type()),
                        value: Some(node.id),
                    }
                })
                .collect(),
        ),
        next_page_token: page.next.map(|c| page::encode(&kind_key, c)),
    })
}
