//! An account as the console shows it: where it sits, what it owns, what it sees through
//! imports and organization shares (`catalog::access::reachable_portfolios`, the rule every
//! recipient-facing operation uses), and which of its principals may launch which products
//! (the access report per account, `catalog::access_report::launchers_in`), and what it has
//! launched (its provisioned products, each with its last record).

use sclocal_api::ServiceError;

use crate::catalog::access::{portfolio_products, reachable_portfolios, Reach};
use crate::catalog::access_report::{launchers_in, Launcher};
use crate::ids::{partition_of, AccountId, OuId, Scope};
use crate::store::{
    AccountRecord, Cursor, OrgRecord, OuRecord, Page, PortfolioRecord, ProductRecord,
    ProvisionedProductRecord,
};
use crate::Emulator;

/// A portfolio the account imports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// The portfolio.
    pub portfolio: PortfolioRecord,
    /// Through an organization share (`AWS_ORGANIZATIONS`) rather than an accepted account
    /// share (`IMPORTED`).
    pub via_organization: bool,
    /// ShareTagOptions of the shares that bring it.
    pub share_tag_options: bool,
    /// SharePrincipals of the shares that bring it.
    pub share_principals: bool,
}

/// A principal (name or pattern) that may launch a portfolio's products in the account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LaunchRight {
    /// The portfolio.
    pub portfolio: PortfolioRecord,
    /// The principal, its type and where the association comes from (`OWNER`,
    /// `RECIPIENT`, `SHARED`).
    pub launcher: Launcher,
    /// The products it launches.
    pub products: Vec<ProductRecord>,
}

/// An account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountView {
    /// The account.
    pub id: AccountId,
    /// What Organizations knows of it (name, email, placement), if anything.
    pub record: Option<AccountRecord>,
    /// Its organization, as member or management account.
    pub organization: Option<OrgRecord>,
    /// The OUs from the root's child down to its parent.
    pub trail: Vec<OuRecord>,
    /// The region shown.
    pub region: String,
    /// Every region that holds portfolios.
    pub regions: Vec<String>,
    /// Portfolios it owns in the region.
    pub owned: Vec<PortfolioRecord>,
    /// Portfolios it imports in the region.
    pub imported: Vec<Imported>,
    /// Who may launch what in it, in the region.
    pub launch: Vec<LaunchRight>,
    /// A page of what it launched in the region, in launch order (an account may launch
    /// thousands; the other lists are bounded by its portfolios).
    pub provisioned: Page<ProvisionedProductRecord>,
}

/// The account `id` as seen in `region`, its provisioned products `limit` at a time from
/// `after`.
pub async fn account(
    em: &Emulator,
    id: AccountId,
    region: String,
    after: Option<Cursor>,
    limit: usize,
) -> Result<AccountView, ServiceError> {
    em.store
        .read(move |tx| {
            let scope = Scope {
                account: id.clone(),
                partition: partition_of(&region),
                region: region.clone(),
            };
            let record = tx.account(&id)?;
            let mut trail = Vec::new();
            if let Some(placement) = record.as_ref().and_then(|r| r.placement.as_ref()) {
                for step in placement.path.split('/').filter(|s| !s.is_empty()) {
                    if let Some(ou) = OuId::parse(step).map(|o| tx.ou(&o)).transpose()?.flatten() {
                        trail.push(ou);
                    }
                }
            }
            let mut owned = Vec::new();
            let mut imported = Vec::new();
            let mut launch = Vec::new();
            for visible in reachable_portfolios(tx, &scope)? {
                let products = portfolio_products(tx, &scope, &visible.portfolio)?;
                for launcher in launchers_in(tx, &visible.portfolio, &id)? {
                    launch.push(LaunchRight {
                        portfolio: visible.portfolio.clone(),
                        launcher,
                        products: products.clone(),
                    });
                }
                match visible.reach {
                    Reach::Owner => owned.push(visible.portfolio),
                    Reach::Imported(i) => imported.push(Imported {
                        portfolio: visible.portfolio,
                        via_organization: i.via_organization,
                        share_tag_options: i.share_tag_options,
                        share_principals: i.share_principals,
                    }),
                }
            }
            Ok(AccountView {
                provisioned: tx.account_provisioned_products_page(&id, &region, after, limit)?,
                organization: tx.organization_of(&id)?,
                regions: tx.portfolio_regions()?,
                record,
                trail,
                owned,
                imported,
                launch,
                region,
                id,
            })
        })
        .await
}
