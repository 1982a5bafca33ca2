//! Portfolios: CreatePortfolio, DescribePortfolio, UpdatePortfolio, DeletePortfolio,
//! ListPortfolios (https://docs.aws.amazon.com/servicecatalog/latest/dg/API_CreatePortfolio.html
//! and siblings; spec: shared/spec/aws-behavior.md §4).

use sclocal_api::servicecatalog::{
    CreatePortfolioInput, CreatePortfolioOutput, DeletePortfolioInput, DeletePortfolioOutput,
    DescribePortfolioInput, DescribePortfolioOutput, ListPortfoliosInput, ListPortfoliosOutput,
    ModeledError, UpdatePortfolioInput, UpdatePortfolioOutput,
};
use sclocal_api::{RequestContext, ServiceError};

use super::access::{owned_portfolio, visible_portfolio};
use super::tag_options_shown::portfolio_tag_options;
use super::tagging::{self, Tagged};
use super::views::{portfolio_detail, tag_list};
use crate::ids::{portfolio_arn, PortfolioId};
use crate::page::Api;
use crate::store::{Lock, PortfolioRecord, ReadTx};
use crate::Emulator;

const PAGE_KIND: &str = "ListPortfolios";

/// CreatePortfolio. Same token, same account and region: the first call's portfolio is the
/// answer (the model documents IdempotencyToken as making the call idempotent); past the
/// quota, LimitExceededException.
pub(crate) async fn create_portfolio(
    em: &Emulator,
    cx: &RequestContext,
    input: CreatePortfolioInput,
) -> Result<CreatePortfolioOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let tags = tagging::request_tags(input.tags, Tagged::Portfolio)?;
    let id = PortfolioId::generate(em.ids.as_ref());
    let record = PortfolioRecord {
        arn: portfolio_arn(&scope, &id),
        id,
        owner: scope.account.clone(),
        region: scope.region.clone(),
        display_name: input.display_name,
        description: input.description,
        provider_name: input.provider_name,
        created_ms: em.now(),
        tags,
        idempotency_token: Some(input.idempotency_token),
    };
    let limit = em.settings.portfolio_limit;
    let record = em
        .store
        .write(move |tx| {
            tx.lock(Lock::AccountRegion(&record.owner, &record.region))?;
            let token = record.idempotency_token.as_deref().unwrap_or_default();
            if let Some(existing) = tx.portfolio_by_token(&record.owner, &record.region, token)? {
                return Ok(existing);
            }
            if tx.portfolio_count(&record.owner, &record.region)? >= limit {
                return Err(ModeledError::LimitExceededException.msg(format!(
                    "The maximum number of portfolios ({limit}) for this account and region has been reached."
                )));
            }
            tx.insert_portfolio(&record)?;
            Ok(record)
        })
        .await?;
    Ok(CreatePortfolioOutput {
        portfolio_detail: Some(portfolio_detail(&record)),
        tags: Some(tag_list(&record.tags)),
    })
}

/// DescribePortfolio. Recipients may describe an imported portfolio
/// (open-questions-resolved.md §7).
pub(crate) async fn describe_portfolio(
    em: &Emulator,
    cx: &RequestContext,
    input: DescribePortfolioInput,
) -> Result<DescribePortfolioOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    em.store
        .read(move |tx| {
            let visible = visible_portfolio(tx, &scope, &input.id)?;
            let tag_options = portfolio_tag_options(tx, &scope, &visible)?;
            let record = visible.portfolio;
            Ok(DescribePortfolioOutput {
                portfolio_detail: Some(portfolio_detail(&record)),
                tags: Some(tag_list(&record.tags)),
                tag_options: Some(tag_options),
                budgets: Some(super::budget::budgets_of(tx, record.id.as_str())?),
            })
        })
        .await
}

/// UpdatePortfolio: the owner changes names, description and tags.
pub(crate) async fn update_portfolio(
    em: &Emulator,
    cx: &RequestContext,
    input: UpdatePortfolioInput,
) -> Result<UpdatePortfolioOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let record = em
        .store
        .write(move |tx| {
            let mut record = owned_portfolio(tx, &scope, &input.id)?;
            if let Some(name) = input.display_name {
                record.display_name = name;
            }
            if let Some(description) = input.description {
                record.description = Some(description);
            }
            if let Some(provider) = input.provider_name {
                record.provider_name = provider;
            }
            tagging::change(
                &mut record.tags,
                input.add_tags,
                input.remove_tags,
                Tagged::Portfolio,
            )?;
            tx.update_portfolio(&record)?;
            Ok(record)
        })
        .await?;
    Ok(UpdatePortfolioOutput {
        portfolio_detail: Some(portfolio_detail(&record)),
        tags: Some(tag_list(&record.tags)),
    })
}

/// DeletePortfolio: "You cannot delete a portfolio if it was shared with you or if it has
/// associated products, users, constraints, or shared accounts" (API reference).
pub(crate) async fn delete_portfolio(
    em: &Emulator,
    cx: &RequestContext,
    input: DeletePortfolioInput,
) -> Result<DeletePortfolioOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    em.store
        .write(move |tx| {
            let record = owned_portfolio(tx, &scope, &input.id)?;
            tx.lock(Lock::Portfolio(&record.id))?;
            if let Some(what) = still_associated(tx, &record)? {
                return Err(ModeledError::ResourceInUseException.msg(format!(
                    "Portfolio {} still has associated {what}",
                    record.id
                )));
            }
            tx.unlink_resource_budgets(record.id.as_str())?;
            tx.delete_portfolio(&record.region, &record.id)?;
            Ok(DeletePortfolioOutput {})
        })
        .await
}

/// What still hangs off a portfolio, in the order DeletePortfolio reports it: products,
/// constraints, the owner's principals ("Portfolio port-abcd still has associated
/// Principals", CFN-2430; the other nouns by analogy, aws-behavior.md §4), then shares.
fn still_associated(
    tx: &dyn ReadTx,
    portfolio: &PortfolioRecord,
) -> Result<Option<&'static str>, ServiceError> {
    Ok(if !tx.portfolio_links(&portfolio.id)?.is_empty() {
        Some("Products")
    } else if !tx.portfolio_constraints(&portfolio.id)?.is_empty() {
        Some("Constraints")
    } else if tx
        .principals(&portfolio.id)?
        .iter()
        .any(|p| p.account == portfolio.owner)
    {
        Some("Principals")
    } else if !tx.portfolio_shares(&portfolio.id)?.is_empty() {
        // DEVIATION(aws): AWS's wording for the shares case is not public; this follows the
        // observed `Portfolio <id> still has associated Principals` (CFN-2430).
        Some("shared accounts")
    } else {
        None
    })
}

/// ListPortfolios: the caller's own portfolios in its region, in creation order.
pub(crate) async fn list_portfolios(
    em: &Emulator,
    cx: &RequestContext,
    input: ListPortfoliosInput,
) -> Result<ListPortfoliosOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let cursor = Api::Catalog.cursor(PAGE_KIND, input.page_token.as_deref())?;
    let size = Api::Catalog.size(input.page_size);
    let page = em
        .store
        .read(move |tx| Ok(tx.portfolios_of(&scope.account, &scope.region, cursor, size)?))
        .await?;
    Ok(ListPortfoliosOutput {
        portfolio_details: Some(page.items.iter().map(portfolio_detail).collect()),
        next_page_token: Api::token(PAGE_KIND, page.next),
    })
}
