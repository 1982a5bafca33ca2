//! The access report's second half: what every account has launched (its provisioned
//! products, with the portfolio each went through), grouped by region and account.

use sclocal_api::ServiceError;
use serde::Serialize;

use crate::store::ReadTx;

/// What one account launched in one region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccountLaunches {
    /// The account.
    pub account: String,
    /// Region.
    pub region: String,
    /// Its provisioned products, in launch order.
    pub products: Vec<Launched>,
}

/// One provisioned product.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Launched {
    /// `pp-…`.
    pub id: String,
    /// Its name.
    pub name: String,
    /// `AVAILABLE`, `UNDER_CHANGE`, `TAINTED`, `ERROR` or `PLAN_IN_PROGRESS`.
    pub status: String,
    /// The product launched (`prod-…`, the owner's id).
    pub product_id: String,
    /// The portfolio it was launched through, when known.
    pub portfolio_id: Option<String>,
    /// Its owner (UserArnSession).
    pub owner: String,
}

/// Every account's provisioned products, grouped by region and account.
pub(super) fn launches(tx: &dyn ReadTx) -> Result<Vec<AccountLaunches>, ServiceError> {
    let mut by_account: std::collections::BTreeMap<(String, String), Vec<Launched>> =
        std::collections::BTreeMap::new();
    let mut cursor = None;
    loop {
        let page = tx.all_provisioned_products(cursor, 500)?;
        for p in page.items {
            by_account
                .entry((p.region.clone(), p.account.to_string()))
                .or_default()
                .push(Launched {
                    id: p.id.to_string(),
                    name: p.name,
                    status: p.status.as_str().to_string(),
                    product_id: p.product_id.to_string(),
                    portfolio_id: p.portfolio_id.map(|id| id.to_string()),
                    owner: p.user_arn_session,
                });
        }
        match page.next {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    Ok(by_account
        .into_iter()
        .map(|((region, account), products)| AccountLaunches {
            account,
            region,
            products,
        })
        .collect())
}
