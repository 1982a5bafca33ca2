//! Portfolios: CreatePortfolio, DescribePortfolio, UpdatePortfolio, DeletePortfolio,
//! ListPortfolios (https://docs.aws.amazon.com/servicecatalog/latest/dg/API_CreatePortfolio.html
//! and siblings; spec: shared/spec/aws-behavior.md §4).

use sclocal_api::primitives::Timestamp;
use sclocal_api::servicecatalog::{
    CreatePortfolioInput, CreatePortfolioOutput, DeletePortfolioInput, DeletePortfolioOutput,
    DescribePortfolioInput, DescribePortfolioOutput, ListPortfoliosInput, ListPortfoliosOutput,
    ModeledError, PortfolioDetail, Tag, UpdatePortfolioInput, UpdatePortfolioOutput,
};
use sclocal_api::{RequestContext, ServiceError};

use super::access::{owned_portfolio, visible_portfolio};
use crate::ids::{catalog_id, portfolio_arn};
use crate::page;
use crate::store::{Inserted, PortfolioRecord};
use crate::Emulator;

/// Tags per portfolio (model `AddTags` max 20; AWS quota "tags per portfolio: 20").
const MAX_TAGS: usize = 20;
/// Page size when the caller gives none or 0 (`PageSizeMax100`).
const DEFAULT_PAGE_SIZE: usize = 20;
const PAGE_KIND: &str = "ListPortfolios";

pub(super) async fn create(
    em: &Emulator,
    cx: &RequestContext,
    input: CreatePortfolioInput,
) -> Result<CreatePortfolioOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let tags = unique_tags(input.tags.unwrap_or_default())?;
    let id = catalog_id("port", em.ids.as_ref());
    let record = PortfolioRecord {
        arn: portfolio_arn(&scope, &id),
        id,
        owner: scope.account.clone(),
        region: scope.region.clone(),
        display_name: input.display_name,
        description: input.description,
        provider_name: input.provider_name,
        created_ms: em.clock.now_millis(),
        tags,
        idempotency_token: Some(input.idempotency_token),
    };
    // Same token, same account and region: the first call's portfolio is the answer
    // (the model documents IdempotencyToken as making the call idempotent).
    let record = match em
        .store
        .insert_portfolio(&record, em.settings.portfolio_limit)
        .await?
    {
        Inserted::New(r) | Inserted::Existing(r) => r,
        Inserted::LimitReached => {
            return Err(ModeledError::LimitExceededException.msg(format!(
            "The maximum number of portfolios ({}) for this account and region has been reached.",
            em.settings.portfolio_limit
        )))
        }
    };
    Ok(CreatePortfolioOutput {
        portfolio_detail: Some(detail(&record)),
        tags: Some(tag_list(&record)),
    })
}

pub(super) async fn describe(
    em: &Emulator,
    cx: &RequestContext,
    input: DescribePortfolioInput,
) -> Result<DescribePortfolioOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    // Recipients may describe an imported portfolio (open-questions-resolved.md §7).
    let visible = visible_portfolio(em, &scope, &input.id).await?;
    let tag_options = super::tag_option::for_portfolio(em, &scope, &visible).await?;
    let record = visible.portfolio;
    Ok(DescribePortfolioOutput {
        portfolio_detail: Some(detail(&record)),
        tags: Some(tag_list(&record)),
        tag_options: Some(tag_options),
        budgets: Some(Vec::new()),
    })
}

pub(super) async fn update(
    em: &Emulator,
    cx: &RequestContext,
    input: UpdatePortfolioInput,
) -> Result<UpdatePortfolioOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let mut record = owned_portfolio(em, &scope, &input.id).await?;
    if let Some(name) = input.display_name {
        record.display_name = name;
    }
    if let Some(description) = input.description {
        record.description = Some(description);
    }
    if let Some(provider) = input.provider_name {
        record.provider_name = provider;
    }
    change_tags(&mut record.tags, input.add_tags, input.remove_tags)?;
    if record.tags.len() > MAX_TAGS {
        return Err(ModeledError::LimitExceededException.msg(format!(
            "A portfolio can have at most {MAX_TAGS} tags; this update would leave {}.",
            record.tags.len()
        )));
    }
    em.store.update_portfolio(&record).await?;
    Ok(UpdatePortfolioOutput {
        portfolio_detail: Some(detail(&record)),
        tags: Some(tag_list(&record)),
    })
}

pub(super) async fn delete(
    em: &Emulator,
    cx: &RequestContext,
    input: DeletePortfolioInput,
) -> Result<DeletePortfolioOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let record = owned_portfolio(em, &scope, &input.id).await?;
    // Products, constraints and principals must go first (aws-behavior.md §4).
    super::product_link::ensure_portfolio_unused(em, &record).await?;
    // "You cannot delete a portfolio if it was shared with you or if it has associated
    // products, users, constraints, or shared accounts" (DeletePortfolio API reference).
    if em.store.portfolio_has_shares(&record.id).await? {
        // DEVIATION(aws): AWS's wording for the shares case is not public; this follows the
        // observed `Portfolio <id> still has associated Principals` (CFN-2430).
        return Err(ModeledError::ResourceInUseException.msg(format!(
            "Portfolio {} still has associated shared accounts",
            record.id
        )));
    }
    em.store
        .delete_portfolio(&record.region, &record.id)
        .await?;
    Ok(DeletePortfolioOutput {})
}

pub(super) async fn list(
    em: &Emulator,
    cx: &RequestContext,
    input: ListPortfoliosInput,
) -> Result<ListPortfoliosOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let cursor = match input.page_token.as_deref() {
        None | Some("") => 0,
        Some(token) => page::decode(PAGE_KIND, token).ok_or_else(invalid_page_token)?,
    };
    let size = page_size(input.page_size);
    let page = em.store.list_portfolios(&scope, cursor, size).await?;
    Ok(ListPortfoliosOutput {
        portfolio_details: Some(page.items.iter().map(detail).collect()),
        next_page_token: page.next.map(|c| page::encode(PAGE_KIND, c)),
    })
}

/// `Portfolio not found: port-…`, the text AWS returns (aws-behavior.md §1.3, PUP-346).
pub(crate) fn not_found(id: &str) -> ServiceError {
    ModeledError::ResourceNotFoundException.msg(format!("Portfolio not found: {id}"))
}

pub(crate) fn invalid_page_token() -> ServiceError {
    ModeledError::InvalidParametersException.msg("The page token is invalid.")
}

/// The caller's page size: 0 or absent means the default.
pub(crate) fn page_size(requested: Option<i32>) -> usize {
    match requested {
        Some(n) if n > 0 => usize::try_from(n).unwrap_or(DEFAULT_PAGE_SIZE),
        _ => DEFAULT_PAGE_SIZE,
    }
}

/// UpdatePortfolio's and UpdateProduct's RemoveTags then AddTags: an added key that exists
/// takes the new value; a key added twice in one call is refused.
pub(crate) fn change_tags(
    tags: &mut Vec<(String, String)>,
    add: Option<Vec<Tag>>,
    remove: Option<Vec<String>>,
) -> Result<(), ServiceError> {
    if let Some(remove) = remove {
        tags.retain(|(k, _)| !remove.contains(k));
    }
    for (key, value) in unique_tags(add.unwrap_or_default())? {
        match tags.iter_mut().find(|(k, _)| *k == key) {
            Some(existing) => existing.1 = value,
            None => tags.push((key, value)),
        }
    }
    Ok(())
}

/// Tags as (key, value) pairs; a key given twice is refused.
pub(crate) fn unique_tags(tags: Vec<Tag>) -> Result<Vec<(String, String)>, ServiceError> {
    let mut out: Vec<(String, String)> = Vec::with_capacity(tags.len());
    for tag in tags {
        if out.iter().any(|(k, _)| *k == tag.key) {
            return Err(ModeledError::InvalidParametersException
                .msg(format!("Duplicate tag key: {}", tag.key)));
        }
        out.push((tag.key, tag.value));
    }
    Ok(out)
}

pub(crate) fn detail(p: &PortfolioRecord) -> PortfolioDetail {
    PortfolioDetail {
        id: Some(p.id.clone()),
        arn: Some(p.arn.clone()),
        display_name: Some(p.display_name.clone()),
        description: p.description.clone(),
        created_time: Some(Timestamp::from_millis(p.created_ms)),
        provider_name: Some(p.provider_name.clone()),
    }
}

fn tag_list(p: &PortfolioRecord) -> Vec<Tag> {
    p.tags
        .iter()
        .map(|(k, v)| Tag {
            key: k.clone(),
            value: v.clone(),
        })
        .collect()
}
