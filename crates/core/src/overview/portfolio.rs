//! A portfolio as the console shows it: owner, products, principals, TagOptions, every
//! share with its standing, the number of accounts it reaches (listed a page at a time),
//! the errors of its last fan-out and its frozen audience, and the access report's
//! escalation warnings. Who a share reaches is `catalog::audience`'s answer; standings,
//! counts and warnings are the access report's (`catalog::access_report`).

use std::collections::BTreeSet;

use sclocal_api::ServiceError;

use crate::catalog::access::portfolio_products;
use crate::catalog::access_report::{portfolio_access, ShareAccess};
use crate::catalog::audience;
use crate::ids::{AccountId, PortfolioId, Scope};
use crate::store::{
    AccountOutcome, Cursor, Page, PortfolioRecord, PrincipalRecord, ProductRecord, ShareOpRecord,
    ShareRecord, ShareTarget, TagOptionRecord,
};
use crate::Emulator;

/// One share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareView {
    /// The share as stored.
    pub record: ShareRecord,
    /// Its standing and audience, as the access report gives them (`status`,
    /// `account_count`).
    pub access: ShareAccess,
    /// The accounts that failed in its last fan-out, with their errors.
    pub errors: Vec<AccountOutcome>,
    /// The size of its frozen audience (0 unless trusted access is off).
    pub frozen: usize,
    /// The operation that last fanned it out.
    pub last_operation: Option<ShareOpRecord>,
}

/// A portfolio and everything around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortfolioView {
    /// The portfolio.
    pub portfolio: PortfolioRecord,
    /// Its products, as its owner sees them.
    pub products: Vec<ProductRecord>,
    /// Principal associations: the owner's, and recipients' own on their imports.
    pub principals: Vec<PrincipalRecord>,
    /// TagOptions associated with it.
    pub tag_options: Vec<TagOptionRecord>,
    /// Its shares, in creation order.
    pub shares: Vec<ShareView>,
    /// Escalation warnings (IAM_PATTERN associations shared by SharePrincipals).
    pub warnings: Vec<String>,
}

/// The portfolio `id` in `region`, whoever owns it.
pub async fn portfolio(
    em: &Emulator,
    region: String,
    id: PortfolioId,
) -> Result<Option<PortfolioView>, ServiceError> {
    em.store
        .read(move |tx| {
            let Some(p) = tx.portfolio(&region, &id)? else {
                return Ok(None);
            };
            let owner = Scope {
                account: p.owner.clone(),
                partition: crate::ids::partition_of(&p.region),
                region: p.region.clone(),
            };
            let report = portfolio_access(tx, p.clone(), None)?;
            let mut shares = Vec::new();
            for (record, access) in tx.portfolio_shares(&p.id)?.into_iter().zip(report.shares) {
                let (errors, last_operation) = match &record.fanout_token {
                    Some(t) => (
                        tx.op_outcomes(t)?
                            .into_iter()
                            .filter(|o| o.error.is_some())
                            .collect(),
                        tx.share_op(t)?,
                    ),
                    None => (Vec::new(), None),
                };
                let frozen = tx.frozen_audience(&p.id, &record.target)?.len();
                shares.push(ShareView {
                    record,
                    access,
                    errors,
                    frozen,
                    last_operation,
                });
            }
            Ok(Some(PortfolioView {
                products: portfolio_products(tx, &owner, &p)?,
                principals: tx.principals(&p.id)?,
                tag_options: tx.resource_tag_options(p.id.as_str())?,
                shares,
                warnings: report.warnings,
                portfolio: p,
            }))
        })
        .await
}

/// A page of every portfolio of every account and region, in creation order.
pub async fn portfolios(
    em: &Emulator,
    after: Option<Cursor>,
    limit: usize,
) -> Result<Page<PortfolioRecord>, ServiceError> {
    em.store
        .read(move |tx| Ok(tx.all_portfolios(after, limit)?))
        .await
}

/// A page of the accounts that see portfolio `id` through its share to `target` (from
/// `offset`, at most `limit`), and how many there are; `None` when there is no such share.
pub async fn share_accounts(
    em: &Emulator,
    region: String,
    id: PortfolioId,
    target: ShareTarget,
    offset: usize,
    limit: usize,
) -> Result<Option<(Vec<AccountId>, usize)>, ServiceError> {
    em.store
        .read(move |tx| {
            if tx.portfolio(&region, &id)?.is_none() {
                return Ok(None);
            }
            let Some(share) = tx.share(&id, &target)? else {
                return Ok(None);
            };
            let rejecters: BTreeSet<AccountId> = tx.org_rejecters(&id)?.into_iter().collect();
            let (_, reached) = audience::of_share(tx, &share, &rejecters)?;
            let total = reached.len();
            Ok(Some((
                reached.into_iter().skip(offset).take(limit).collect(),
                total,
            )))
        })
        .await
}
