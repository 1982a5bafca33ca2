//! Products as a caller reaches them: its own, and those of portfolios it imported; and a
//! portfolio's products as its caller sees them.

use sclocal_api::servicecatalog::ModeledError;
use sclocal_api::ServiceError;

use super::portfolios::{reachable_portfolios, visible_portfolio};
use super::reach::Visible;
use crate::ids::{ProductId, Scope};
use crate::store::{PortfolioRecord, ProductLink, ProductRecord, ReadTx};

/// DEVIATION(aws): AWS's text for an unknown product id is not recorded; this mirrors the
/// observed portfolio one (`Portfolio not found: <id>`).
pub(crate) fn product_not_found(id: &str) -> ServiceError {
    ModeledError::ResourceNotFoundException.msg(format!("Product not found: {id}"))
}

/// The observed text for a product looked up by name (puppet issue 677, aws-behavior.md §10).
pub(crate) fn product_name_not_found(name: &str) -> ServiceError {
    ModeledError::ResourceNotFoundException.msg(format!(
        "Product with name {name} does not exist or access was denied."
    ))
}

/// A product by the id a request gave, in the caller's region, whoever owns it.
pub(crate) fn any_product(
    tx: &dyn ReadTx,
    scope: &Scope,
    id: &str,
) -> Result<ProductRecord, ServiceError> {
    let parsed = ProductId::parse(id).ok_or_else(|| product_not_found(id))?;
    tx.product(&scope.region, &parsed)?
        .ok_or_else(|| product_not_found(id))
}

/// The product `id` if the caller owns it; recipients and strangers get
/// ResourceNotFoundException, as for every owner-only change.
pub(crate) fn owned_product(
    tx: &dyn ReadTx,
    scope: &Scope,
    id: &str,
) -> Result<ProductRecord, ServiceError> {
    match any_product(tx, scope, id) {
        Ok(p) if p.account == scope.account => Ok(p),
        _ => Err(product_not_found(id)),
    }
}

/// The product `id` if the caller owns it or reaches it through an imported portfolio
/// (recipients may describe imported products, AG-IMPORT); else ResourceNotFoundException.
pub(crate) fn admin_product(
    tx: &dyn ReadTx,
    scope: &Scope,
    id: &str,
) -> Result<ProductRecord, ServiceError> {
    let p = any_product(tx, scope, id)?;
    if p.account == scope.account || imported_products(tx, scope)?.iter().any(|o| o.id == p.id) {
        Ok(p)
    } else {
        Err(product_not_found(id))
    }
}

/// Every product an administrator in `scope` may read: its own and imported ones.
pub(crate) fn admin_products(
    tx: &dyn ReadTx,
    scope: &Scope,
) -> Result<Vec<ProductRecord>, ServiceError> {
    let mut out = tx.account_products(&scope.account, &scope.region)?;
    for p in imported_products(tx, scope)? {
        if !out.iter().any(|o| o.id == p.id) {
            out.push(p);
        }
    }
    Ok(out)
}

/// A product looked up by id or by name among those an administrator may read.
pub(crate) fn admin_product_by(
    tx: &dyn ReadTx,
    scope: &Scope,
    id: Option<&str>,
    name: Option<&str>,
    missing: &str,
) -> Result<ProductRecord, ServiceError> {
    match (id, name) {
        (Some(id), _) => admin_product(tx, scope, id),
        (None, Some(name)) => admin_products(tx, scope)?
            .into_iter()
            .find(|p| p.name == name)
            .ok_or_else(|| product_name_not_found(name)),
        (None, None) => Err(ModeledError::InvalidParametersException.msg(missing)),
    }
}

/// Products the caller reaches through imported portfolios, each once.
pub(crate) fn imported_products(
    tx: &dyn ReadTx,
    scope: &Scope,
) -> Result<Vec<ProductRecord>, ServiceError> {
    let mut out: Vec<ProductRecord> = Vec::new();
    for v in reachable_portfolios(tx, scope)? {
        if v.is_imported() {
            for p in portfolio_products(tx, scope, &v.portfolio)? {
                if !out.iter().any(|o| o.id == p.id) {
                    out.push(p);
                }
            }
        }
    }
    Ok(out)
}

/// The products in a portfolio as the caller in `scope` sees them, in the order they were
/// added.
pub(crate) fn portfolio_products(
    tx: &dyn ReadTx,
    scope: &Scope,
    portfolio: &PortfolioRecord,
) -> Result<Vec<ProductRecord>, ServiceError> {
    let mut out = Vec::new();
    for link in live_links(tx, scope, portfolio)? {
        if let Some(p) = tx.product(&portfolio.region, &link.product_id)? {
            out.push(p);
        }
    }
    Ok(out)
}

/// A portfolio's product links as the caller in `scope` sees them: a product taken from an
/// imported portfolio counts only while the caller still imports that portfolio (the import
/// is a live reference, aws-behavior.md §3.3). Only the local portfolio's owner ever sees
/// such links, since a portfolio holding a shared product cannot be shared.
pub(crate) fn live_links(
    tx: &dyn ReadTx,
    scope: &Scope,
    portfolio: &PortfolioRecord,
) -> Result<Vec<ProductLink>, ServiceError> {
    let mut out = Vec::new();
    for link in tx.portfolio_links(&portfolio.id)? {
        if is_live(tx, scope, &link) {
            out.push(link);
        }
    }
    Ok(out)
}

/// Whether one product link counts for the caller in `scope` (see [`live_links`]).
pub(crate) fn is_live(tx: &dyn ReadTx, scope: &Scope, link: &ProductLink) -> bool {
    match &link.source_portfolio_id {
        None => true,
        Some(source) => {
            visible_portfolio(tx, scope, source.as_str()).is_ok_and(|v| Visible::is_imported(&v))
        }
    }
}

/// True when `portfolio` holds a product imported from another account's portfolio: such a
/// portfolio cannot be shared ("You can't share a shared resource, including portfolios that
/// contain a shared product", API_CreatePortfolioShare).
pub(crate) fn contains_shared_product(
    tx: &dyn ReadTx,
    portfolio: &PortfolioRecord,
) -> Result<bool, ServiceError> {
    for link in tx.portfolio_links(&portfolio.id)? {
        let maker = tx
            .product(&portfolio.region, &link.product_id)?
            .map(|p| p.account);
        if is_shared_link(&link, maker.as_ref(), portfolio) {
            return Ok(true);
        }
    }
    Ok(false)
}

/// A product in `portfolio` is shared when it came from an imported portfolio or another
/// account made it.
fn is_shared_link(
    link: &ProductLink,
    maker: Option<&crate::ids::AccountId>,
    portfolio: &PortfolioRecord,
) -> bool {
    link.source_portfolio_id.is_some() || maker.is_some_and(|m| *m != portfolio.owner)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{AccountId, PortfolioId};

    #[test]
    fn a_portfolio_with_an_imported_product_holds_a_shared_product() {
        let owner = AccountId::parse("222222222222").unwrap();
        let other = AccountId::parse("111111111111").unwrap();
        let portfolio = PortfolioRecord {
            id: PortfolioId::parse("port-local").unwrap(),
            owner: owner.clone(),
            region: "us-east-1".into(),
            arn: "arn".into(),
            display_name: "P".into(),
            description: None,
            provider_name: "Q".into(),
            created_ms: 0,
            tags: Vec::new(),
            idempotency_token: None,
        };
        let link = |source: Option<&str>| ProductLink {
            portfolio_id: PortfolioId::parse("port-local").unwrap(),
            product_id: ProductId::parse("prod-x").unwrap(),
            source_portfolio_id: source.and_then(PortfolioId::parse),
        };
        assert!(!is_shared_link(&link(None), Some(&owner), &portfolio));
        assert!(is_shared_link(
            &link(Some("port-imported")),
            Some(&other),
            &portfolio
        ));
        assert!(is_shared_link(&link(None), Some(&other), &portfolio));
    }
}
