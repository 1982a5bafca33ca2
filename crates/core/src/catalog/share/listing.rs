//! DescribePortfolioShares and ListPortfolioAccess: the owner's view of who a portfolio is
//! shared with (aws-behavior.md §5.5, §5.6, §9).

use std::collections::BTreeSet;

use sclocal_api::servicecatalog::{
    DescribePortfolioShareType, DescribePortfolioSharesInput, DescribePortfolioSharesOutput,
    ListPortfolioAccessInput, ListPortfolioAccessOutput, ModeledError, PortfolioShareDetail,
};
use sclocal_api::{RequestContext, ServiceError};

use crate::catalog::access::owned_portfolio;
use crate::catalog::org_events::failed_accounts;
use crate::catalog::portfolio::{invalid_page_token, page_size};
use crate::ids::AccountId;
use crate::page;
use crate::store::{ShareKind, ShareRecord, ShareState};
use crate::Emulator;

fn cursor_of(kind: &str, token: Option<&str>) -> Result<i64, ServiceError> {
    match token {
        None | Some("") => Ok(0),
        Some(t) => page::decode(kind, t).ok_or_else(invalid_page_token),
    }
}

/// DescribePortfolioShares: one entry per principal (Terraform matches by substring and
/// asserts exactly one hit), never an empty PrincipalId, `Type` echoing the filter, flags
/// always present.
pub(crate) async fn describe_portfolio_shares(
    em: &Emulator,
    cx: &RequestContext,
    input: DescribePortfolioSharesInput,
) -> Result<DescribePortfolioSharesOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let portfolio = owned_portfolio(em, &scope, &input.portfolio_id).await?;
    let kind = ShareKind::parse(input.r#type.as_str()).unwrap_or(ShareKind::Account);
    let key = format!("DescribePortfolioShares:{}:{}", portfolio.id, kind.as_str());
    let cursor = cursor_of(&key, input.page_token.as_deref())?;
    let page = em
        .store
        .shares_of_portfolio(&portfolio.id, kind, cursor, page_size(input.page_size))
        .await?;
    Ok(DescribePortfolioSharesOutput {
        next_page_token: page.next.map(|c| page::encode(&key, c)),
        portfolio_share_details: Some(page.items.iter().map(|s| detail(s, input.r#type)).collect()),
    })
}

fn detail(s: &ShareRecord, t: DescribePortfolioShareType) -> PortfolioShareDetail {
    PortfolioShareDetail {
        principal_id: Some(s.principal.clone()),
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
    let portfolio = owned_portfolio(em, &scope, &input.portfolio_id).await?;
    let size = page_size(input.page_size);
    let Some(parent) = input.organization_parent_id.filter(|p| !p.is_empty()) else {
        let key = format!("ListPortfolioAccess:{}", portfolio.id);
        let cursor = cursor_of(&key, input.page_token.as_deref())?;
        let page = em
            .store
            .shares_of_portfolio(&portfolio.id, ShareKind::Account, cursor, size)
            .await?;
        return Ok(ListPortfolioAccessOutput {
            account_ids: Some(page.items.into_iter().map(|s| s.principal).collect()),
            next_page_token: page.next.map(|c| page::encode(&key, c)),
        });
    };
    let covered = inherited_audience(em, &portfolio.id, &scope.account, &parent).await?;
    let key = format!("ListPortfolioAccess:{}:{parent}", portfolio.id);
    let offset = usize::try_from(cursor_of(&key, input.page_token.as_deref())?).unwrap_or(0);
    let accounts: Vec<String> = covered
        .iter()
        .skip(offset)
        .take(size)
        .map(ToString::to_string)
        .collect();
    let next = (offset + accounts.len() < covered.len()).then(|| {
        page::encode(
            &key,
            i64::try_from(offset + accounts.len()).unwrap_or(i64::MAX),
        )
    });
    Ok(ListPortfolioAccessOutput {
        account_ids: Some(accounts),
        next_page_token: next,
    })
}

/// Accounts beneath `parent` (an organization or OU id) that reach the portfolio through one
/// of its organization shares, minus the owner and accounts whose share failed.
async fn inherited_audience(
    em: &Emulator,
    portfolio_id: &str,
    owner: &AccountId,
    parent: &str,
) -> Result<BTreeSet<AccountId>, ServiceError> {
    let not_found = || {
        ModeledError::ResourceNotFoundException.msg(format!(
            "Organization node {parent} is not shared with portfolio {portfolio_id}"
        ))
    };
    let org = em.store.membership(owner).await?.ok_or_else(not_found)?;
    let under_parent: BTreeSet<AccountId> = if parent == org.org_id {
        em.store
            .accounts_under(&org.org_id, None)
            .await?
            .into_iter()
            .collect()
    } else if em.store.ou_in_org(&org.org_id, parent).await? {
        em.store
            .accounts_under(&org.org_id, Some(parent))
            .await?
            .into_iter()
            .collect()
    } else {
        return Err(not_found());
    };
    let mut covered = BTreeSet::new();
    let mut any_share = false;
    for kind in [
        ShareKind::Organization,
        ShareKind::OrganizationalUnit,
        ShareKind::OrganizationMemberAccount,
    ] {
        let mut cursor = 0;
        loop {
            let page = em
                .store
                .shares_of_portfolio(portfolio_id, kind, cursor, 1000)
                .await?;
            for s in page
                .items
                .iter()
                .filter(|s| s.state != ShareState::Creating)
            {
                let audience = match s.kind {
                    ShareKind::Organization => under_parent.clone(),
                    ShareKind::OrganizationalUnit => em
                        .store
                        .accounts_under(&org.org_id, Some(&s.principal))
                        .await?
                        .into_iter()
                        .collect(),
                    _ => AccountId::parse(&s.principal).into_iter().collect(),
                };
                let failed = failed_accounts(em, s.fanout_token.as_deref()).await?;
                for a in audience.intersection(&under_parent) {
                    if a != owner && !failed.contains(a) {
                        any_share = true;
                        covered.insert(a.clone());
                    }
                }
            }
            match page.next {
                Some(c) => cursor = c,
                None => break,
            }
        }
    }
    if any_share {
        Ok(covered)
    } else {
        Err(not_found())
    }
}
