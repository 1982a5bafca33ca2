//! Products in portfolios: AssociateProductWithPortfolio (with SourcePortfolioId for a
//! product imported through a share), DisassociateProductFromPortfolio,
//! ListPortfoliosForProduct, and DeletePortfolio's in-use check (aws-behavior.md §3.3, §4).

use sclocal_api::servicecatalog::{
    AssociateProductWithPortfolioInput, AssociateProductWithPortfolioOutput,
    DisassociateProductFromPortfolioInput, DisassociateProductFromPortfolioOutput,
    ListPortfoliosForProductInput, ListPortfoliosForProductOutput, ModeledError,
};
use sclocal_api::{RequestContext, ServiceError};

use super::access::{owned_portfolio, visible_portfolio, Reach};
use super::listing::paginate;
use super::portfolio::detail;
use super::product::{admin_product, not_found};
use crate::ids::Scope;
use crate::store::{PortfolioRecord, ProductLink, Removal};
use crate::Emulator;

pub(super) async fn associate(
    em: &Emulator,
    cx: &RequestContext,
    input: AssociateProductWithPortfolioInput,
) -> Result<AssociateProductWithPortfolioOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    // Only into a portfolio of one's own: an imported one's products are the owner's (§3.3).
    let portfolio = owned_portfolio(em, &scope, &input.portfolio_id).await?;
    let product = em
        .store
        .product(&scope.region, &input.product_id)
        .await?
        .ok_or_else(|| not_found(&input.product_id))?;
    let source = if product.account == scope.account {
        None
    } else {
        // Another account's product comes through an imported portfolio that holds it.
        let source = input
            .source_portfolio_id
            .ok_or_else(|| not_found(&product.id))?;
        let imported = visible_portfolio(em, &scope, &source)
            .await
            .is_ok_and(|v| matches!(v.reach, Reach::Imported(_)));
        if !imported {
            // Observed text for a share not (yet) accepted (puppet issue 651).
            return Err(ModeledError::InvalidParametersException.msg(format!(
                "Portfolio {source} must be accepted before you can associate Products from it"
            )));
        }
        let held = em
            .store
            .portfolio_links(&source)
            .await?
            .iter()
            .any(|l| l.product_id == product.id);
        if !held {
            return Err(not_found(&product.id));
        }
        Some(source)
    };
    // Adding a product that is already there changes nothing.
    em.store
        .link_product(&ProductLink {
            portfolio_id: portfolio.id,
            product_id: product.id,
            source_portfolio_id: source,
        })
        .await?;
    Ok(AssociateProductWithPortfolioOutput {})
}

pub(super) async fn disassociate(
    em: &Emulator,
    cx: &RequestContext,
    input: DisassociateProductFromPortfolioInput,
) -> Result<DisassociateProductFromPortfolioOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let portfolio = owned_portfolio(em, &scope, &input.portfolio_id).await?;
    match em
        .store
        .unlink_product(&portfolio.id, &input.product_id)
        .await?
    {
        Removal::Removed => Ok(DisassociateProductFromPortfolioOutput {}),
        // DEVIATION(aws): both texts are ours.
        Removal::Missing => Err(ModeledError::ResourceNotFoundException.msg(format!(
            "Product {} is not associated with portfolio {}",
            input.product_id, portfolio.id
        ))),
        Removal::InUse => Err(ModeledError::ResourceInUseException.msg(format!(
            "Product {} still has associated Constraints in portfolio {}",
            input.product_id, portfolio.id
        ))),
    }
}

pub(super) async fn list_portfolios(
    em: &Emulator,
    cx: &RequestContext,
    input: ListPortfoliosForProductInput,
) -> Result<ListPortfoliosForProductOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let product = admin_product(em, &scope, &input.product_id).await?;
    // The caller's own portfolios holding it (a recipient's local ones for an import).
    let mut portfolios = Vec::new();
    for link in em.store.product_links(&product.id).await? {
        if let Ok(p) = owned_portfolio(em, &scope, &link.portfolio_id).await {
            portfolios.push(p);
        }
    }
    let (page, next) = paginate(
        portfolios,
        "ListPortfoliosForProduct",
        input.page_token.as_deref(),
        input.page_size,
    )?;
    Ok(ListPortfoliosForProductOutput {
        portfolio_details: Some(page.iter().map(detail).collect()),
        next_page_token: next,
    })
}

/// A portfolio's product links as the caller in `scope` sees them: a product taken from an
/// imported portfolio counts only while the caller still imports that portfolio (the import
/// is a live reference, aws-behavior.md §3.3). Only the local portfolio's owner ever sees
/// such links, since a portfolio holding a shared product cannot be shared.
pub(super) async fn live_links(
    em: &Emulator,
    scope: &Scope,
    portfolio: &PortfolioRecord,
) -> Result<Vec<ProductLink>, ServiceError> {
    let mut out = Vec::new();
    for link in em.store.portfolio_links(&portfolio.id).await? {
        let live = match &link.source_portfolio_id {
            None => true,
            Some(source) => visible_portfolio(em, scope, source)
                .await
                .is_ok_and(|v| matches!(v.reach, Reach::Imported(_))),
        };
        if live {
            out.push(link);
        }
    }
    Ok(out)
}

/// DeletePortfolio refuses while products, constraints or the owner's principals remain
/// ("Portfolio port-abcd still has associated Principals", CFN-2430; the other nouns by
/// analogy, aws-behavior.md §4).
pub(crate) async fn ensure_portfolio_unused(
    em: &Emulator,
    portfolio: &PortfolioRecord,
) -> Result<(), ServiceError> {
    let usage = em
        .store
        .portfolio_usage(&portfolio.id, &portfolio.owner)
        .await?;
    let what = if usage.products > 0 {
        "Products"
    } else if usage.constraints > 0 {
        "Constraints"
    } else if usage.principals > 0 {
        "Principals"
    } else {
        return Ok(());
    };
    Err(ModeledError::ResourceInUseException.msg(format!(
        "Portfolio {} still has associated {what}",
        portfolio.id
    )))
}
