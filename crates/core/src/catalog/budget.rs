//! Budgets associated with portfolios and products (provisioning.md §23):
//! AssociateBudgetWithResource, DisassociateBudgetFromResource, ListBudgetsForResource
//! (https://docs.aws.amazon.com/servicecatalog/latest/dg/API_AssociateBudgetWithResource.html),
//! and the `Budgets` that DescribePortfolio, DescribeProduct and DescribeProductAsAdmin show.
//!
//! DEVIATION(aws): sclocal has no AWS Budgets, so any budget name is accepted, and no quota on
//! budgets per resource is enforced (none is documented).

use sclocal_api::servicecatalog::{
    AssociateBudgetWithResourceInput, AssociateBudgetWithResourceOutput, BudgetDetail,
    DisassociateBudgetFromResourceInput, DisassociateBudgetFromResourceOutput,
    ListBudgetsForResourceInput, ListBudgetsForResourceOutput, ModeledError,
};
use sclocal_api::{RequestContext, ServiceError};

use super::access::{admin_product, owned_portfolio, owned_product};
use crate::ids::{PortfolioId, Scope};
use crate::page::Api;
use crate::store::ReadTx;
use crate::Emulator;

/// The portfolio or product a budget request names, as its stored id. Portfolios are the
/// owner's; products the owner's, or, to list, an importer's (`reader`).
fn budget_resource(
    tx: &dyn ReadTx,
    scope: &Scope,
    id: &str,
    reader: bool,
) -> Result<String, ServiceError> {
    if PortfolioId::parse(id).is_some() && id.starts_with("port-") {
        return Ok(owned_portfolio(tx, scope, id)?.id.to_string());
    }
    let product = if reader {
        admin_product(tx, scope, id)?
    } else {
        owned_product(tx, scope, id)?
    };
    Ok(product.id.to_string())
}

/// The budgets of a portfolio or product, as Describe… shows them.
pub(crate) fn budgets_of(
    tx: &dyn ReadTx,
    resource: &str,
) -> Result<Vec<BudgetDetail>, ServiceError> {
    Ok(tx
        .resource_budgets(resource)?
        .into_iter()
        .map(|name| BudgetDetail {
            budget_name: Some(name),
        })
        .collect())
}

/// AssociateBudgetWithResource; the same pair again is DuplicateResourceException.
pub(crate) async fn associate_budget_with_resource(
    em: &Emulator,
    cx: &RequestContext,
    input: AssociateBudgetWithResourceInput,
) -> Result<AssociateBudgetWithResourceOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    em.store
        .write(move |tx| {
            let resource = budget_resource(tx, &scope, &input.resource_id, false)?;
            if !tx.link_budget(&resource, &input.budget_name)? {
                return Err(ModeledError::DuplicateResourceException.msg(format!(
                    "Budget {} is already associated with {resource}.",
                    input.budget_name
                )));
            }
            Ok(AssociateBudgetWithResourceOutput {})
        })
        .await
}

/// DisassociateBudgetFromResource; a pair not associated is ResourceNotFoundException.
pub(crate) async fn disassociate_budget_from_resource(
    em: &Emulator,
    cx: &RequestContext,
    input: DisassociateBudgetFromResourceInput,
) -> Result<DisassociateBudgetFromResourceOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    em.store
        .write(move |tx| {
            let resource = budget_resource(tx, &scope, &input.resource_id, false)?;
            if !tx.unlink_budget(&resource, &input.budget_name)? {
                return Err(ModeledError::ResourceNotFoundException.msg(format!(
                    "Budget {} is not associated with {resource}.",
                    input.budget_name
                )));
            }
            Ok(DisassociateBudgetFromResourceOutput {})
        })
        .await
}

/// ListBudgetsForResource, paged, in association order.
pub(crate) async fn list_budgets_for_resource(
    em: &Emulator,
    cx: &RequestContext,
    input: ListBudgetsForResourceInput,
) -> Result<ListBudgetsForResourceOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let size = Api::Catalog.size(input.page_size);
    em.store
        .read(move |tx| {
            let resource = budget_resource(tx, &scope, &input.resource_id, true)?;
            let budgets = budgets_of(tx, &resource)?;
            let (page, next) = Api::Catalog.slice(
                budgets,
                "ListBudgetsForResource",
                input.page_token.as_deref(),
                size,
            )?;
            Ok(ListBudgetsForResourceOutput {
                budgets: Some(page),
                next_page_token: next,
            })
        })
        .await
}
