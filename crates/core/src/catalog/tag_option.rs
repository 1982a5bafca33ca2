//! TagOptions: Create, Describe, List, Update, DeleteTagOption,
//! Associate/DisassociateTagOptionWithResource, ListResourcesForTagOption
//! (https://docs.aws.amazon.com/servicecatalog/latest/dg/API_CreateTagOption.html and
//! siblings), and which of them a portfolio or product shows its caller: its own, plus the
//! owner's when the share carries TagOptions (ShareTagOptions, aws-behavior.md §7.2).

use sclocal_api::primitives::Timestamp;
use sclocal_api::servicecatalog::{
    AssociateTagOptionWithResourceInput, AssociateTagOptionWithResourceOutput,
    CreateTagOptionInput, CreateTagOptionOutput, DeleteTagOptionInput, DeleteTagOptionOutput,
    DescribeTagOptionInput, DescribeTagOptionOutput, DisassociateTagOptionFromResourceInput,
    DisassociateTagOptionFromResourceOutput, ListResourcesForTagOptionInput,
    ListResourcesForTagOptionOutput, ListTagOptionsInput, ListTagOptionsOutput, ModeledError,
    ResourceDetail, UpdateTagOptionInput, UpdateTagOptionOutput,
};
use sclocal_api::{RequestContext, ServiceError};

use super::access::{owned_product, visible_portfolio};
use super::views::tag_option_detail;
use crate::ids::{PortfolioId, ProductId, Scope, TagOptionId};
use crate::page::Api;
use crate::store::{Lock, ReadTx, TagOptionRecord};
use crate::Emulator;

/// TagOptions per resource (AG-LIMITS: 25).
const MAX_PER_RESOURCE: usize = 25;

/// CreateTagOption: a key and value unique per account and region.
pub(crate) async fn create_tag_option(
    em: &Emulator,
    cx: &RequestContext,
    input: CreateTagOptionInput,
) -> Result<CreateTagOptionOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let record = TagOptionRecord {
        id: TagOptionId::generate(em.ids.as_ref()),
        account: scope.account.clone(),
        region: scope.region.clone(),
        key: input.key,
        value: input.value,
        active: true,
        created_ms: em.now(),
    };
    em.store
        .write(move |tx| {
            tx.lock(Lock::AccountRegion(&record.account, &record.region))?;
            if tx
                .tag_option_by_value(&record.account, &record.region, &record.key, &record.value)?
                .is_some()
            {
                return Err(duplicate(&record.key, &record.value));
            }
            tx.insert_tag_option(&record)?;
            Ok(CreateTagOptionOutput {
                tag_option_detail: Some(tag_option_detail(&record)),
            })
        })
        .await
}

/// DescribeTagOption of one of the caller's TagOptions.
pub(crate) async fn describe_tag_option(
    em: &Emulator,
    cx: &RequestContext,
    input: DescribeTagOptionInput,
) -> Result<DescribeTagOptionOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    em.store
        .read(move |tx| {
            let r = owned(tx, &scope, &input.id)?;
            Ok(DescribeTagOptionOutput {
                tag_option_detail: Some(tag_option_detail(&r)),
            })
        })
        .await
}

/// ListTagOptions: the caller's TagOptions, filtered by key, value and active.
pub(crate) async fn list_tag_options(
    em: &Emulator,
    cx: &RequestContext,
    input: ListTagOptionsInput,
) -> Result<ListTagOptionsOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let size = Api::Catalog.size(input.page_size);
    em.store
        .read(move |tx| {
            let mut options = tx.account_tag_options(&scope.account, &scope.region)?;
            if let Some(f) = input.filters {
                options.retain(|o| {
                    f.key.as_ref().is_none_or(|k| *k == o.key)
                        && f.value.as_ref().is_none_or(|v| *v == o.value)
                        && f.active.is_none_or(|a| a == o.active)
                });
            }
            let (page, next) =
                Api::Catalog.slice(options, "ListTagOptions", input.page_token.as_deref(), size)?;
            Ok(ListTagOptionsOutput {
                tag_option_details: Some(page.iter().map(tag_option_detail).collect()),
                page_token: next,
            })
        })
        .await
}

/// UpdateTagOption: value and active; the new key and value must stay unique.
pub(crate) async fn update_tag_option(
    em: &Emulator,
    cx: &RequestContext,
    input: UpdateTagOptionInput,
) -> Result<UpdateTagOptionOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    em.store
        .write(move |tx| {
            let mut r = owned(tx, &scope, &input.id)?;
            tx.lock(Lock::AccountRegion(&r.account, &r.region))?;
            if let Some(value) = input.value {
                r.value = value;
            }
            if let Some(active) = input.active {
                r.active = active;
            }
            let clash = tx
                .tag_option_by_value(&r.account, &r.region, &r.key, &r.value)?
                .is_some_and(|other| other.id != r.id);
            if clash {
                return Err(duplicate(&r.key, &r.value));
            }
            tx.update_tag_option(&r)?;
            Ok(UpdateTagOptionOutput {
                tag_option_detail: Some(tag_option_detail(&r)),
            })
        })
        .await
}

/// DeleteTagOption: "You cannot delete a TagOption if it is associated with a product or
/// portfolio" (API_DeleteTagOption). DEVIATION(aws): the text is ours.
pub(crate) async fn delete_tag_option(
    em: &Emulator,
    cx: &RequestContext,
    input: DeleteTagOptionInput,
) -> Result<DeleteTagOptionOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    em.store
        .write(move |tx| {
            let r = owned(tx, &scope, &input.id)?;
            if !tx.tag_option_resources(&r.id)?.is_empty() {
                return Err(ModeledError::ResourceInUseException
                    .msg(format!("TagOption {} is associated with a resource", r.id)));
            }
            tx.delete_tag_option(&r.id)?;
            Ok(DeleteTagOptionOutput {})
        })
        .await
}

/// AssociateTagOptionWithResource: an active TagOption of the caller's, on a portfolio it
/// reaches or a product it owns, at most 25 per resource.
pub(crate) async fn associate_tag_option_with_resource(
    em: &Emulator,
    cx: &RequestContext,
    input: AssociateTagOptionWithResourceInput,
) -> Result<AssociateTagOptionWithResourceOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    em.store
        .write(move |tx| {
            let option = owned(tx, &scope, &input.tag_option_id)?;
            check_resource(tx, &scope, &input.resource_id)?;
            if !option.active {
                return Err(ModeledError::InvalidStateException
                    .msg(format!("TagOption {} is not active", option.id)));
            }
            let linked = tx.resource_tag_options(&input.resource_id)?;
            if linked.iter().any(|o| o.id == option.id) {
                return Err(ModeledError::DuplicateResourceException.msg(format!(
                    "TagOption {} is already associated with {}",
                    option.id, input.resource_id
                )));
            }
            if linked.len() >= MAX_PER_RESOURCE {
                return Err(ModeledError::LimitExceededException.msg(format!(
                    "A resource can have at most {MAX_PER_RESOURCE} TagOptions."
                )));
            }
            tx.link_tag_option(&option.id, &input.resource_id)?;
            Ok(AssociateTagOptionWithResourceOutput {})
        })
        .await
}

/// DisassociateTagOptionFromResource.
pub(crate) async fn disassociate_tag_option_from_resource(
    em: &Emulator,
    cx: &RequestContext,
    input: DisassociateTagOptionFromResourceInput,
) -> Result<DisassociateTagOptionFromResourceOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    em.store
        .write(move |tx| {
            let option = owned(tx, &scope, &input.tag_option_id)?;
            if !tx.unlink_tag_option(&option.id, &input.resource_id)? {
                return Err(ModeledError::ResourceNotFoundException.msg(format!(
                    "TagOption {} is not associated with {}",
                    option.id, input.resource_id
                )));
            }
            Ok(DisassociateTagOptionFromResourceOutput {})
        })
        .await
}

/// ListResourcesForTagOption: the portfolios and products a TagOption is on.
pub(crate) async fn list_resources_for_tag_option(
    em: &Emulator,
    cx: &RequestContext,
    input: ListResourcesForTagOptionInput,
) -> Result<ListResourcesForTagOptionOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let size = Api::Catalog.size(input.page_size);
    em.store
        .read(move |tx| {
            let option = owned(tx, &scope, &input.tag_option_id)?;
            let mut details = Vec::new();
            for id in tx.tag_option_resources(&option.id)? {
                let (kind, detail) = resource_detail(tx, &scope, &id)?;
                if input.resource_type.as_deref().is_none_or(|t| t == kind) {
                    details.extend(detail);
                }
            }
            let (page, next) = Api::Catalog.slice(
                details,
                "ListResourcesForTagOption",
                input.page_token.as_deref(),
                size,
            )?;
            Ok(ListResourcesForTagOptionOutput {
                resource_details: Some(page),
                page_token: next,
            })
        })
        .await
}

/// A TagOption's resource as ResourceDetail, with its kind (`Product` or `Portfolio`).
fn resource_detail(
    tx: &dyn ReadTx,
    scope: &Scope,
    id: &str,
) -> Result<(&'static str, Option<ResourceDetail>), ServiceError> {
    if id.starts_with("prod-") {
        let product = ProductId::parse(id)
            .map(|p| tx.product(&scope.region, &p))
            .transpose()?
            .flatten();
        return Ok((
            "Product",
            product.map(|p| ResourceDetail {
                id: Some(p.id.to_string()),
                arn: Some(p.arn),
                name: Some(p.name),
                description: p.description,
                created_time: Some(Timestamp::from_millis(p.created_ms)),
            }),
        ));
    }
    let portfolio = PortfolioId::parse(id)
        .map(|p| tx.portfolio(&scope.region, &p))
        .transpose()?
        .flatten();
    Ok((
        "Portfolio",
        portfolio.map(|p| ResourceDetail {
            id: Some(p.id.to_string()),
            arn: Some(p.arn),
            name: Some(p.display_name),
            description: p.description,
            created_time: Some(Timestamp::from_millis(p.created_ms)),
        }),
    ))
}

/// The resource a TagOption may be put on: a portfolio the caller reaches (recipients may
/// add local TagOptions to an imported portfolio, AG-SHARE) or a product it owns.
fn check_resource(tx: &dyn ReadTx, scope: &Scope, id: &str) -> Result<(), ServiceError> {
    if id.starts_with("prod-") {
        owned_product(tx, scope, id).map(|_| ())
    } else {
        visible_portfolio(tx, scope, id).map(|_| ())
    }
}

fn owned(tx: &dyn ReadTx, scope: &Scope, id: &str) -> Result<TagOptionRecord, ServiceError> {
    let parsed = TagOptionId::parse(id).ok_or_else(|| not_found(id))?;
    match tx.tag_option(&scope.region, &parsed)? {
        Some(r) if r.account == scope.account => Ok(r),
        _ => Err(not_found(id)),
    }
}

/// DEVIATION(aws): AWS's texts for these are not recorded.
fn not_found(id: &str) -> ServiceError {
    ModeledError::ResourceNotFoundException.msg(format!("TagOption not found: {id}"))
}

fn duplicate(key: &str, value: &str) -> ServiceError {
    ModeledError::DuplicateResourceException.msg(format!(
        "A TagOption with key {key} and value {value} already exists."
    ))
}
