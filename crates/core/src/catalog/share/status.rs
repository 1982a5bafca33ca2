//! DescribePortfolioShareStatus and ListOrganizationPortfolioAccess: what only the management
//! account or a delegated administrator may read (aws-behavior.md §5.4, §5.7, §8).

use std::collections::BTreeMap;

use sclocal_api::servicecatalog::{
    DescribePortfolioShareStatusInput, DescribePortfolioShareStatusOutput,
    ListOrganizationPortfolioAccessInput, ListOrganizationPortfolioAccessOutput, ModeledError,
    OrganizationNode, OrganizationNodeType, ShareDetails, ShareError, ShareStatus,
};
use sclocal_api::{RequestContext, ServiceError};

use super::{org_admin, wire_type};
use crate::catalog::access::owned_portfolio;
use crate::ids::ShareToken;
use crate::page::Api;
use crate::store::{AccountOutcome, ShareKind};
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
    em.store
        .read(move |tx| {
            let not_found = || {
                ModeledError::ResourceNotFoundException
                    .msg(format!("Portfolio share token not found: {token}"))
            };
            let op = ShareToken::parse(&token)
                .map(|t| tx.share_op(&t))
                .transpose()?
                .flatten()
                .filter(|op| op.region == scope.region)
                .ok_or_else(not_found)?;
            match &op.org_id {
                // An account share's update token belongs to the portfolio owner.
                None if op.owner == scope.account => {}
                None => return Err(not_found()),
                // Status is private to the organization's administrators.
                Some(org) => {
                    if org_admin(tx, &scope)?.org_id != *org {
                        return Err(not_found());
                    }
                }
            }
            let outcomes = tx.op_outcomes(&op.token)?;
            Ok(DescribePortfolioShareStatusOutput {
                portfolio_share_token: Some(op.token.to_string()),
                portfolio_id: Some(op.portfolio_id.to_string()),
                organization_node_value: Some(op.target.principal().to_string()),
                status: ShareStatus::from_wire(op.status.as_str()),
                share_details: Some(details(&outcomes)),
            })
        })
        .await
}

/// SuccessfulShares and ShareErrors, the errors grouped by (error, message).
fn details(outcomes: &[AccountOutcome]) -> ShareDetails {
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
    let kind = match input.organization_node_type {
        OrganizationNodeType::ORGANIZATION => ShareKind::Organization,
        OrganizationNodeType::ORGANIZATIONAL_UNIT => ShareKind::OrganizationalUnit,
        OrganizationNodeType::ACCOUNT => ShareKind::OrganizationMemberAccount,
    };
    let size = Api::Catalog.size(input.page_size).min(MAX_NODE_PAGE);
    em.store
        .read(move |tx| {
            org_admin(tx, &scope)?;
            let portfolio = owned_portfolio(tx, &scope, &input.portfolio_id)?;
            let key = format!("ListOrganizationPortfolioAccess:{}", portfolio.id);
            let cursor = Api::Catalog.cursor(&key, input.page_token.as_deref())?;
            let page = tx.shares_of_portfolio(&portfolio.id, kind, cursor, size)?;
            Ok(ListOrganizationPortfolioAccessOutput {
                organization_nodes: Some(
                    page.items
                        .into_iter()
                        .map(|s| OrganizationNode {
                            r#type: Some(wire_type(&s.target)),
                            value: Some(s.target.principal().to_string()),
                        })
                        .collect(),
                ),
                next_page_token: Api::token(&key, page.next),
            })
        })
        .await
}
