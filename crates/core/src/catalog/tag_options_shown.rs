//! Which TagOptions a portfolio or product shows its caller: its own, plus the owner's when
//! the share carries TagOptions (ShareTagOptions, aws-behavior.md §7.2).

use sclocal_api::servicecatalog::TagOptionDetail;
use sclocal_api::ServiceError;

use super::access::{reachable_portfolios, Visible};
use super::views::tag_option_detail;
use crate::ids::{AccountId, Scope};
use crate::store::{ProductRecord, ReadTx, TagOptionRecord};

/// DescribePortfolio's TagOptions for the caller in `scope`.
pub(crate) fn portfolio_tag_options(
    tx: &dyn ReadTx,
    scope: &Scope,
    visible: &Visible,
) -> Result<Vec<TagOptionDetail>, ServiceError> {
    let rows = tx.resource_tag_options(visible.portfolio.id.as_str())?;
    Ok(portfolio_view(rows, &scope.account, visible)
        .iter()
        .map(tag_option_detail)
        .collect())
}

/// Of the TagOptions on a portfolio, those its caller sees: its own (recipients may add
/// local ones to an imported portfolio), plus the owner's when the share carries TagOptions
/// (§7.2).
fn portfolio_view(
    rows: Vec<TagOptionRecord>,
    caller: &AccountId,
    visible: &Visible,
) -> Vec<TagOptionRecord> {
    let shared = visible.shares_tag_options();
    let owner = &visible.portfolio.owner;
    rows.into_iter()
        .filter(|o| o.account == *caller || (shared && o.account == *owner))
        .collect()
}

/// A product's TagOptions for the caller: its own, plus the product owner's when some
/// imported portfolio holding the product shares TagOptions ("and its products", §7.2).
pub(crate) fn product_tag_options(
    tx: &dyn ReadTx,
    scope: &Scope,
    product: &ProductRecord,
) -> Result<Vec<TagOptionDetail>, ServiceError> {
    Ok(product_view(tx, scope, product)?
        .iter()
        .map(tag_option_detail)
        .collect())
}

/// The TagOptions a launch of `product` through the portfolio `visible` sees
/// (provisioning.md §8): the portfolio's and the product's, as their callers see them.
pub(crate) fn launch_tag_options(
    tx: &dyn ReadTx,
    scope: &Scope,
    visible: &Visible,
    product: &ProductRecord,
) -> Result<(Vec<TagOptionRecord>, Vec<TagOptionRecord>), ServiceError> {
    let rows = tx.resource_tag_options(visible.portfolio.id.as_str())?;
    Ok((
        portfolio_view(rows, &scope.account, visible),
        product_view(tx, scope, product)?,
    ))
}

fn product_view(
    tx: &dyn ReadTx,
    scope: &Scope,
    product: &ProductRecord,
) -> Result<Vec<TagOptionRecord>, ServiceError> {
    let mut shared = false;
    if product.account != scope.account {
        for v in reachable_portfolios(tx, scope)? {
            if v.shares_tag_options()
                && tx
                    .portfolio_links(&v.portfolio.id)?
                    .iter()
                    .any(|l| l.product_id == product.id)
            {
                shared = true;
            }
        }
    }
    Ok(tx
        .resource_tag_options(product.id.as_str())?
        .into_iter()
        .filter(|o| o.account == scope.account || (shared && o.account == product.account))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::access::{Import, Reach};
    use crate::ids::{PortfolioId, TagOptionId};
    use crate::store::PortfolioRecord;

    fn option(id: &str, account: &str) -> TagOptionRecord {
        TagOptionRecord {
            id: TagOptionId::parse(id).unwrap(),
            account: AccountId::parse(account).unwrap(),
            region: "us-east-1".into(),
            key: "k".into(),
            value: id.into(),
            active: true,
            created_ms: 0,
        }
    }

    fn visible(reach: Reach) -> Visible {
        Visible {
            portfolio: PortfolioRecord {
                id: PortfolioId::parse("port-a").unwrap(),
                owner: AccountId::parse("111111111111").unwrap(),
                region: "us-east-1".into(),
                arn: "arn:aws:catalog:us-east-1:111111111111:portfolio/port-a".into(),
                display_name: "P".into(),
                description: None,
                provider_name: "Q".into(),
                created_ms: 0,
                tags: Vec::new(),
                idempotency_token: None,
            },
            reach,
        }
    }

    fn import(share_tag_options: bool) -> Reach {
        Reach::Imported(Import {
            via_organization: false,
            share_tag_options,
            share_principals: false,
        })
    }

    #[test]
    fn recipients_see_the_owners_tag_options_only_when_shared() {
        let rows = || {
            vec![
                option("tag-owner", "111111111111"),
                option("tag-mine", "222222222222"),
            ]
        };
        let ids =
            |v: Vec<TagOptionRecord>| v.into_iter().map(|o| o.id.to_string()).collect::<Vec<_>>();
        let recipient = AccountId::parse("222222222222").unwrap();
        assert_eq!(
            ids(portfolio_view(rows(), &recipient, &visible(import(true)))),
            vec!["tag-owner", "tag-mine"]
        );
        assert_eq!(
            ids(portfolio_view(rows(), &recipient, &visible(import(false)))),
            vec!["tag-mine"]
        );
        let owner = AccountId::parse("111111111111").unwrap();
        assert_eq!(
            ids(portfolio_view(rows(), &owner, &visible(Reach::Owner))),
            vec!["tag-owner"]
        );
    }
}
