//! DescribePortfolioShares and ListPortfolioAccess: the owner's view of who a portfolio is
//! shared with (aws-behavior.md §5.5, §5.6, §9).

use std::collections::BTreeSet;

use sclocal_api::servicecatalog::{
    DescribePortfolioShareType, DescribePortfolioSharesInput, DescribePortfolioSharesOutput,
    ListPortfolioAccessInput, ListPortfolioAccessOutput, ModeledError, PortfolioShareDetail,
};
use sclocal_api::{RequestContext, ServiceError};

use crate::catalog::access::owned_portfolio;
use crate::catalog::audience;
use crate::ids::{AccountId, OuId};
use crate::page::Api;
use crate::store::{PortfolioRecord, ReadTx, ShareKind, ShareRecord};
use crate::Emulator;

/// DescribePortfolioShares: one entry per principal (Terraform matches by substring and
/// asserts exactly one hit), never an empty PrincipalId, `Type` echoing the filter, flags
/// always present.
pub(crate) async fn describe_portfolio_shares(
    em: &Emulator,
    cx: &RequestContext,
    input: DescribePortfolioSharesInput,
) -> Result<DescribePortfolioSharesOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let kind = ShareKind::parse(input.r#type.as_str()).unwrap_or(ShareKind::Account);
    let size = Api::Catalog.size(input.page_size);
    em.store
        .read(move |tx| {
            let portfolio = owned_portfolio(tx, &scope, &input.portfolio_id)?;
            let key = format!("DescribePortfolioShares:{}:{}", portfolio.id, kind.as_str());
            let cursor = Api::Catalog.cursor(&key, input.page_token.as_deref())?;
            let page = tx.shares_of_portfolio(&portfolio.id, kind, cursor, size)?;
            Ok(DescribePortfolioSharesOutput {
                next_page_token: Api::token(&key, page.next),
                portfolio_share_details: Some(
                    page.items.iter().map(|s| detail(s, input.r#type)).collect(),
                ),
            })
        })
        .await
}

fn detail(s: &ShareRecord, t: DescribePortfolioShareType) -> PortfolioShareDetail {
    PortfolioShareDetail {
        principal_id: Some(s.target.principal().to_string()),
        r#type: Some(t),
        accepted: Some(s.accepted),
        share_tag_options: Some(s.share_tag_options),
        share_principals: Some(s.share_principals),
    }
}

/// ListPortfolioAccess: without OrganizationParentId, the accounts of account shares,
/// accepted or not (open-questions-resolved §4); with it, the accounts beneath that node that
/// reach the portfolio through an organization share ("all children of this node with an
/// inherited portfolio share").
pub(crate) async fn list_portfolio_access(
    em: &Emulator,
    cx: &RequestContext,
    input: ListPortfolioAccessInput,
) -> Result<ListPortfolioAccessOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let size = Api::Catalog.size(input.page_size);
    em.store
        .read(move |tx| {
            let portfolio = owned_portfolio(tx, &scope, &input.portfolio_id)?;
            let Some(parent) = input.organization_parent_id.filter(|p| !p.is_empty()) else {
                let key = format!("ListPortfolioAccess:{}", portfolio.id);
                let cursor = Api::Catalog.cursor(&key, input.page_token.as_deref())?;
                let page =
                    tx.shares_of_portfolio(&portfolio.id, ShareKind::Account, cursor, size)?;
                return Ok(ListPortfolioAccessOutput {
                    account_ids: Some(
                        page.items
                            .into_iter()
                            .map(|s| s.target.principal().to_string())
                            .collect(),
                    ),
                    next_page_token: Api::token(&key, page.next),
                });
            };
            let covered: Vec<String> = inherited_audience(tx, &portfolio, &parent)?
                .iter()
                .map(ToString::to_string)
                .collect();
            let key = format!("ListPortfolioAccess:{}:{parent}", portfolio.id);
            let (accounts, next) =
                Api::Catalog.slice(covered, &key, input.page_token.as_deref(), size)?;
            Ok(ListPortfolioAccessOutput {
                account_ids: Some(accounts),
                next_page_token: next,
            })
        })
        .await
}

/// Accounts beneath `parent` (an organization or OU id) that see the portfolio through one of
/// its organization shares (the audience rules of `catalog::audience`).
fn inherited_audience(
    tx: &dyn ReadTx,
    portfolio: &PortfolioRecord,
    parent: &str,
) -> Result<BTreeSet<AccountId>, ServiceError> {
    let not_found = || {
        ModeledError::ResourceNotFoundException.msg(format!(
            "Organization node {parent} is not shared with portfolio {}",
            portfolio.id
        ))
    };
    let org = tx.membership(&portfolio.owner)?.ok_or_else(not_found)?;
    let under_parent: BTreeSet<AccountId> = if parent == org.org_id.as_str() {
        tx.accounts_under(&org.org_id, None)?.into_iter().collect()
    } else {
        match OuId::parse(parent) {
            Some(ou) if tx.ou(&ou)?.is_some_and(|o| o.org_id == org.org_id) => tx
                .accounts_under(&org.org_id, Some(&ou))?
                .into_iter()
                .collect(),
            _ => return Err(not_found()),
        }
    };
    let rejecters: BTreeSet<AccountId> = tx.org_rejecters(&portfolio.id)?.into_iter().collect();
    let mut covered = BTreeSet::new();
    let mut any_share = false;
    for share in tx
        .portfolio_shares(&portfolio.id)?
        .iter()
        .filter(|s| s.target.kind().is_organization())
    {
        let (_, reached) = audience::of_share(tx, share, &rejecters)?;
        for a in reached.intersection(&under_parent) {
            any_share = true;
            covered.insert(a.clone());
        }
    }
    if any_share {
        Ok(covered)
    } else {
        Err(not_found())
    }
}
