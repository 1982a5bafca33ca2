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
    ResourceDetail, TagOptionDetail, UpdateTagOptionInput, UpdateTagOptionOutput,
};
use sclocal_api::{RequestContext, ServiceError};

use super::access::{reachable_portfolios, visible_portfolio, Reach, Visible};
use super::listing::paginate;
use super::product::owned_product;
use crate::ids::{catalog_id, AccountId, Scope};
use crate::store::{Inserted, ProductRecord, Removal, TagOptionRecord};
use crate::Emulator;

/// TagOptions per resource (AG-LIMITS: 25).
const MAX_PER_RESOURCE: usize = 25;

pub(super) async fn create(
    em: &Emulator,
    cx: &RequestContext,
    input: CreateTagOptionInput,
) -> Result<CreateTagOptionOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let record = TagOptionRecord {
        id: catalog_id("tag", em.ids.as_ref()),
        account: scope.account.clone(),
        region: scope.region.clone(),
        key: input.key,
        value: input.value,
        active: true,
        created_ms: em.clock.now_millis(),
    };
    match em.store.insert_tag_option(&record).await? {
        Inserted::New(r) => Ok(CreateTagOptionOutput {
            tag_option_detail: Some(detail(&r)),
        }),
        Inserted::Existing(_) | Inserted::LimitReached => {
            Err(duplicate(&record.key, &record.value))
        }
    }
}

pub(super) async fn describe(
    em: &Emulator,
    cx: &RequestContext,
    input: DescribeTagOptionInput,
) -> Result<DescribeTagOptionOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let r = owned(em, &scope, &input.id).await?;
    Ok(DescribeTagOptionOutput {
        tag_option_detail: Some(detail(&r)),
    })
}

pub(super) async fn list(
    em: &Emulator,
    cx: &RequestContext,
    input: ListTagOptionsInput,
) -> Result<ListTagOptionsOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let mut options = em
        .store
        .account_tag_options(&scope.account, &scope.region)
        .await?;
    if let Some(f) = input.filters {
        options.retain(|o| {
            f.key.as_ref().is_none_or(|k| *k == o.key)
                && f.value.as_ref().is_none_or(|v| *v == o.value)
                && f.active.is_none_or(|a| a == o.active)
        });
    }
    let (page, next) = paginate(
        options,
        "ListTagOptions",
        input.page_token.as_deref(),
        input.page_size,
    )?;
    Ok(ListTagOptionsOutput {
        tag_option_details: Some(page.iter().map(detail).collect()),
        page_token: next,
    })
}

pub(super) async fn update(
    em: &Emulator,
    cx: &RequestContext,
    input: UpdateTagOptionInput,
) -> Result<UpdateTagOptionOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let mut r = owned(em, &scope, &input.id).await?;
    if let Some(value) = input.value {
        r.value = value;
    }
    if let Some(active) = input.active {
        r.active = active;
    }
    if !em.store.update_tag_option(&r).await? {
        return Err(duplicate(&r.key, &r.value));
    }
    Ok(UpdateTagOptionOutput {
        tag_option_detail: Some(detail(&r)),
    })
}

pub(super) async fn delete(
    em: &Emulator,
    cx: &RequestContext,
    input: DeleteTagOptionInput,
) -> Result<DeleteTagOptionOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let r = owned(em, &scope, &input.id).await?;
    match em.store.delete_tag_option(&r.region, &r.id).await? {
        Removal::Removed => Ok(DeleteTagOptionOutput {}),
        Removal::Missing => Err(not_found(&r.id)),
        // "You cannot delete a TagOption if it is associated with a product or portfolio"
        // (API_DeleteTagOption). DEVIATION(aws): the text is ours.
        Removal::InUse => Err(ModeledError::ResourceInUseException
            .msg(format!("TagOption {} is associated with a resource", r.id))),
    }
}

pub(super) async fn associate(
    em: &Emulator,
    cx: &RequestContext,
    input: AssociateTagOptionWithResourceInput,
) -> Result<AssociateTagOptionWithResourceOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let option = owned(em, &scope, &input.tag_option_id).await?;
    check_resource(em, &scope, &input.resource_id).await?;
    if !option.active {
        return Err(ModeledError::InvalidStateException
            .msg(format!("TagOption {} is not active", option.id)));
    }
    let linked = em.store.resource_tag_options(&input.resource_id).await?;
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
    em.store
        .link_tag_option(&option.id, &input.resource_id)
        .await?;
    Ok(AssociateTagOptionWithResourceOutput {})
}

pub(super) async fn disassociate(
    em: &Emulator,
    cx: &RequestContext,
    input: DisassociateTagOptionFromResourceInput,
) -> Result<DisassociateTagOptionFromResourceOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let option = owned(em, &scope, &input.tag_option_id).await?;
    if !em
        .store
        .unlink_tag_option(&option.id, &input.resource_id)
        .await?
    {
        return Err(ModeledError::ResourceNotFoundException.msg(format!(
            "TagOption {} is not associated with {}",
            option.id, input.resource_id
        )));
    }
    Ok(DisassociateTagOptionFromResourceOutput {})
}

pub(super) async fn list_resources(
    em: &Emulator,
    cx: &RequestContext,
    input: ListResourcesForTagOptionInput,
) -> Result<ListResourcesForTagOptionOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let option = owned(em, &scope, &input.tag_option_id).await?;
    let mut details = Vec::new();
    for id in em.store.tag_option_resources(&option.id).await? {
        let detail = if id.starts_with("prod-") {
            em.store
                .product(&scope.region, &id)
                .await?
                .map(|p| ResourceDetail {
                    id: Some(p.id),
                    arn: Some(p.arn),
                    name: Some(p.name),
                    description: p.description,
                    created_time: Some(Timestamp::from_millis(p.created_ms)),
                })
        } else {
            em.store
                .portfolio(&scope.region, &id)
                .await?
                .map(|p| ResourceDetail {
                    id: Some(p.id),
                    arn: Some(p.arn),
                    name: Some(p.display_name),
                    description: p.description,
                    created_time: Some(Timestamp::from_millis(p.created_ms)),
                })
        };
        let kind = if id.starts_with("prod-") {
            "Product"
        } else {
            "Portfolio"
        };
        if input.resource_type.as_deref().is_none_or(|t| t == kind) {
            details.extend(detail);
        }
    }
    let (page, next) = paginate(
        details,
        "ListResourcesForTagOption",
        input.page_token.as_deref(),
        input.page_size,
    )?;
    Ok(ListResourcesForTagOptionOutput {
        resource_details: Some(page),
        page_token: next,
    })
}

/// DescribePortfolio's TagOptions for the caller in `scope`.
pub(crate) async fn for_portfolio(
    em: &Emulator,
    scope: &Scope,
    visible: &Visible,
) -> Result<Vec<TagOptionDetail>, ServiceError> {
    let rows = em.store.resource_tag_options(&visible.portfolio.id).await?;
    Ok(portfolio_view(rows, &scope.account, visible)
        .iter()
        .map(detail)
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
    let shared = matches!(&visible.reach, Reach::Imported(i) if i.share_tag_options);
    let owner = &visible.portfolio.owner;
    rows.into_iter()
        .filter(|o| o.account == *caller || (shared && o.account == *owner))
        .collect()
}

/// A product's TagOptions for the caller: its own, plus the product owner's when some
/// imported portfolio holding the product shares TagOptions ("and its products", §7.2).
pub(super) async fn for_product(
    em: &Emulator,
    scope: &Scope,
    product: &ProductRecord,
) -> Result<Vec<TagOptionDetail>, ServiceError> {
    let mut shared = false;
    if product.account != scope.account {
        for v in reachable_portfolios(em, scope).await? {
            if matches!(&v.reach, Reach::Imported(i) if i.share_tag_options)
                && em
                    .store
                    .portfolio_links(&v.portfolio.id)
                    .await?
                    .iter()
                    .any(|l| l.product_id == product.id)
            {
                shared = true;
            }
        }
    }
    Ok(em
        .store
        .resource_tag_options(&product.id)
        .await?
        .iter()
        .filter(|o| o.account == scope.account || (shared && o.account == product.account))
        .map(detail)
        .collect())
}

/// The resource a TagOption may be put on: a portfolio the caller reaches (recipients may
/// add local TagOptions to an imported portfolio, AG-SHARE) or a product it owns.
async fn check_resource(em: &Emulator, scope: &Scope, id: &str) -> Result<(), ServiceError> {
    if id.starts_with("prod-") {
        owned_product(em, scope, id).await.map(|_| ())
    } else {
        visible_portfolio(em, scope, id).await.map(|_| ())
    }
}

async fn owned(em: &Emulator, scope: &Scope, id: &str) -> Result<TagOptionRecord, ServiceError> {
    match em.store.tag_option(&scope.region, id).await? {
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

fn detail(o: &TagOptionRecord) -> TagOptionDetail {
    TagOptionDetail {
        key: Some(o.key.clone()),
        value: Some(o.value.clone()),
        active: Some(o.active),
        id: Some(o.id.clone()),
        owner: Some(o.account.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::access::Import;
    use crate::store::PortfolioRecord;

    fn option(id: &str, account: &str) -> TagOptionRecord {
        TagOptionRecord {
            id: id.into(),
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
                id: "port-a".into(),
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
        let ids = |v: Vec<TagOptionRecord>| v.into_iter().map(|o| o.id).collect::<Vec<_>>();
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
