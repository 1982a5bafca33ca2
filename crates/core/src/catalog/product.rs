//! Products as administrators see them: CreateProduct (with its first provisioning
//! artifact), DescribeProductAsAdmin, UpdateProduct, DeleteProduct, SearchProductsAsAdmin
//! (https://docs.aws.amazon.com/servicecatalog/latest/dg/API_CreateProduct.html and
//! siblings; spec: shared/spec/aws-behavior.md §3.3). Templates are stored, never executed.

use sclocal_api::primitives::Timestamp;
use sclocal_api::servicecatalog::{
    CreateProductInput, CreateProductOutput, DeleteProductInput, DeleteProductOutput,
    DescribeProductAsAdminInput, DescribeProductAsAdminOutput, ModeledError, ProductSource,
    ProvisioningArtifactSummary, SearchProductsAsAdminInput, SearchProductsAsAdminOutput,
    UpdateProductInput, UpdateProductOutput,
};
use sclocal_api::{RequestContext, ServiceError};

use super::access::{reachable_portfolios, visible_portfolio, Reach};
use super::listing::paginate;
use super::portfolio::{change_tags, unique_tags};
use super::product_link::live_links;
use super::product_view::{filter_and_sort, tag_list, view_detail};
use super::{provisioning_artifact, tag_option};
use crate::ids::{catalog_id, AccountId, Scope};
use crate::store::{Inserted, PortfolioRecord, ProductLink, ProductRecord, Removal};
use crate::Emulator;

/// Tags per product (model `AddTags` max 20).
const MAX_TAGS: usize = 20;

pub(super) async fn create(
    em: &Emulator,
    cx: &RequestContext,
    input: CreateProductInput,
) -> Result<CreateProductOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let tags = unique_tags(input.tags.unwrap_or_default())?;
    let id = catalog_id("prod", em.ids.as_ref());
    let now = em.clock.now_millis();
    let artifact = match input.provisioning_artifact_parameters {
        Some(props) => Some(provisioning_artifact::new_record(
            em,
            &id,
            props,
            input.product_type,
            Some(input.idempotency_token.clone()),
        )?),
        // A product synced from a CodeStar connection gets its versions from the repository.
        None if input.source_connection.is_some() => None,
        None => {
            return Err(ModeledError::InvalidParametersException.msg(
                "ProvisioningArtifactParameters is required unless SourceConnection is given.",
            ))
        }
    };
    let record = ProductRecord {
        arn: format!(
            "arn:{}:catalog:{}:{}:product/{id}",
            scope.partition, scope.region, scope.account
        ),
        view_id: catalog_id("prodview", em.ids.as_ref()),
        id,
        account: scope.account.clone(),
        region: scope.region.clone(),
        name: input.name,
        owner: input.owner,
        description: input.description,
        distributor: input.distributor,
        support_description: input.support_description,
        support_email: input.support_email,
        support_url: input.support_url,
        product_type: input.product_type.as_str().to_string(),
        tags,
        created_ms: now,
        idempotency_token: Some(input.idempotency_token),
    };
    // Same token, same account and region: the first call's product is the answer.
    let (record, artifact) = match em.store.insert_product(&record, artifact.as_ref()).await? {
        Inserted::New(_) | Inserted::LimitReached => (record, artifact),
        Inserted::Existing(r) => {
            let first = em.store.artifacts(&r.id).await?.into_iter().next();
            (r, first)
        }
    };
    Ok(CreateProductOutput {
        product_view_detail: Some(view_detail(&record)),
        provisioning_artifact_detail: artifact.as_ref().map(provisioning_artifact::detail),
        tags: Some(tag_list(&record.tags)),
    })
}

pub(super) async fn describe_as_admin(
    em: &Emulator,
    cx: &RequestContext,
    input: DescribeProductAsAdminInput,
) -> Result<DescribeProductAsAdminOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let product = match (input.id, input.name) {
        (Some(id), _) => admin_product(em, &scope, &id).await?,
        (None, Some(name)) => admin_products(em, &scope)
            .await?
            .into_iter()
            .find(|p| p.name == name)
            .ok_or_else(|| name_not_found(&name))?,
        (None, None) => {
            return Err(
                ModeledError::InvalidParametersException.msg("Either Id or Name is required.")
            )
        }
    };
    // SourcePortfolioId names the portfolio the caller reaches the product through.
    if let Some(source) = &input.source_portfolio_id {
        let visible = visible_portfolio(em, &scope, source).await?;
        let held = portfolio_products(em, &scope, &visible.portfolio).await?;
        if !held.iter().any(|p| p.id == product.id) {
            return Err(not_found(&product.id));
        }
    }
    let summaries = em
        .store
        .artifacts(&product.id)
        .await?
        .iter()
        .map(|a| ProvisioningArtifactSummary {
            id: Some(a.id.clone()),
            name: a.name.clone(),
            description: a.description.clone(),
            created_time: Some(Timestamp::from_millis(a.created_ms)),
            provisioning_artifact_metadata: Some(a.info.clone()),
        })
        .collect();
    let tag_options = tag_option::for_product(em, &scope, &product).await?;
    Ok(DescribeProductAsAdminOutput {
        product_view_detail: Some(view_detail(&product)),
        provisioning_artifact_summaries: Some(summaries),
        tags: Some(tag_list(&product.tags)),
        tag_options: Some(tag_options),
        budgets: Some(Vec::new()),
    })
}

pub(super) async fn update(
    em: &Emulator,
    cx: &RequestContext,
    input: UpdateProductInput,
) -> Result<UpdateProductOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let mut p = owned_product(em, &scope, &input.id).await?;
    set_if(&mut p.name, input.name);
    set_if(&mut p.owner, input.owner);
    p.description = input.description.or(p.description);
    p.distributor = input.distributor.or(p.distributor);
    p.support_description = input.support_description.or(p.support_description);
    p.support_email = input.support_email.or(p.support_email);
    p.support_url = input.support_url.or(p.support_url);
    change_tags(&mut p.tags, input.add_tags, input.remove_tags)?;
    if p.tags.len() > MAX_TAGS {
        return Err(ModeledError::InvalidParametersException.msg(format!(
            "A product can have at most {MAX_TAGS} tags; this update would leave {}.",
            p.tags.len()
        )));
    }
    em.store.update_product(&p).await?;
    Ok(UpdateProductOutput {
        product_view_detail: Some(view_detail(&p)),
        tags: Some(tag_list(&p.tags)),
    })
}

pub(super) async fn delete(
    em: &Emulator,
    cx: &RequestContext,
    input: DeleteProductInput,
) -> Result<DeleteProductOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let p = owned_product(em, &scope, &input.id).await?;
    match em.store.delete_product(&p.region, &p.id).await? {
        Removal::Removed => Ok(DeleteProductOutput {}),
        Removal::Missing => Err(not_found(&p.id)),
        // "You cannot delete a product if it was shared with you or is associated with a
        // portfolio" (API_DeleteProduct). DEVIATION(aws): message text is ours.
        Removal::InUse => Err(ModeledError::ResourceInUseException
            .msg(format!("Product {} still has associated Portfolios", p.id))),
    }
}

pub(super) async fn search_as_admin(
    em: &Emulator,
    cx: &RequestContext,
    input: SearchProductsAsAdminInput,
) -> Result<SearchProductsAsAdminOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let products = match (&input.portfolio_id, input.product_source) {
        (Some(pid), _) => {
            let visible = visible_portfolio(em, &scope, pid).await?;
            portfolio_products(em, &scope, &visible.portfolio).await?
        }
        // DEVIATION(aws): ProductSource ACCOUNT lists the products the account reaches
        // through imported portfolios (the console's "Imported" tab); AWS's doc is terse.
        (None, Some(ProductSource::ACCOUNT)) => imported_products(em, &scope).await?,
        (None, None) => {
            em.store
                .account_products(&scope.account, &scope.region)
                .await?
        }
    };
    let products = filter_and_sort(
        products,
        input.filters.as_ref(),
        input.sort_by,
        input.sort_order,
    );
    let (page, next) = paginate(
        products,
        "SearchProductsAsAdmin",
        input.page_token.as_deref(),
        input.page_size,
    )?;
    Ok(SearchProductsAsAdminOutput {
        product_view_details: Some(page.iter().map(view_detail).collect()),
        next_page_token: next,
    })
}

/// True when `portfolio` holds a product imported from another account's portfolio: such a
/// portfolio cannot be shared ("You can't share a shared resource, including portfolios that
/// contain a shared product", API_CreatePortfolioShare). Called by the sharing operations.
pub(crate) async fn contains_shared_product(
    em: &Emulator,
    portfolio: &PortfolioRecord,
) -> Result<bool, ServiceError> {
    for link in em.store.portfolio_links(&portfolio.id).await? {
        let maker = em
            .store
            .product(&portfolio.region, &link.product_id)
            .await?
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
    maker: Option<&AccountId>,
    portfolio: &PortfolioRecord,
) -> bool {
    link.source_portfolio_id.is_some() || maker.is_some_and(|m| *m != portfolio.owner)
}

/// The products in a portfolio as the caller in `scope` sees them, in the order they were
/// added.
pub(super) async fn portfolio_products(
    em: &Emulator,
    scope: &Scope,
    portfolio: &PortfolioRecord,
) -> Result<Vec<ProductRecord>, ServiceError> {
    let mut out = Vec::new();
    for link in live_links(em, scope, portfolio).await? {
        if let Some(p) = em
            .store
            .product(&portfolio.region, &link.product_id)
            .await?
        {
            out.push(p);
        }
    }
    Ok(out)
}

/// Products the caller reaches through imported portfolios, each once.
async fn imported_products(
    em: &Emulator,
    scope: &Scope,
) -> Result<Vec<ProductRecord>, ServiceError> {
    let mut out: Vec<ProductRecord> = Vec::new();
    for v in reachable_portfolios(em, scope).await? {
        if matches!(v.reach, Reach::Imported(_)) {
            for p in portfolio_products(em, scope, &v.portfolio).await? {
                if !out.iter().any(|o| o.id == p.id) {
                    out.push(p);
                }
            }
        }
    }
    Ok(out)
}

/// Every product an administrator in `scope` may read: its own and imported ones.
pub(super) async fn admin_products(
    em: &Emulator,
    scope: &Scope,
) -> Result<Vec<ProductRecord>, ServiceError> {
    let mut out = em
        .store
        .account_products(&scope.account, &scope.region)
        .await?;
    for p in imported_products(em, scope).await? {
        if !out.iter().any(|o| o.id == p.id) {
            out.push(p);
        }
    }
    Ok(out)
}

/// The product `id` if the caller owns it or reaches it through an imported portfolio
/// (recipients may describe imported products, AG-IMPORT); else ResourceNotFoundException.
pub(super) async fn admin_product(
    em: &Emulator,
    scope: &Scope,
    id: &str,
) -> Result<ProductRecord, ServiceError> {
    let p = em
        .store
        .product(&scope.region, id)
        .await?
        .ok_or_else(|| not_found(id))?;
    if p.account == scope.account
        || imported_products(em, scope)
            .await?
            .iter()
            .any(|o| o.id == id)
    {
        Ok(p)
    } else {
        Err(not_found(id))
    }
}

/// The product `id` if the caller owns it; recipients and strangers get
/// ResourceNotFoundException, as for every owner-only change.
pub(super) async fn owned_product(
    em: &Emulator,
    scope: &Scope,
    id: &str,
) -> Result<ProductRecord, ServiceError> {
    match em.store.product(&scope.region, id).await? {
        Some(p) if p.account == scope.account => Ok(p),
        _ => Err(not_found(id)),
    }
}

/// DEVIATION(aws): AWS's text for an unknown product id is not recorded; this mirrors the
/// observed portfolio one (`Portfolio not found: <id>`).
pub(super) fn not_found(id: &str) -> ServiceError {
    ModeledError::ResourceNotFoundException.msg(format!("Product not found: {id}"))
}

/// The observed text for a product looked up by name (puppet issue 677, aws-behavior.md §10).
pub(super) fn name_not_found(name: &str) -> ServiceError {
    ModeledError::ResourceNotFoundException.msg(format!(
        "Product with name {name} does not exist or access was denied."
    ))
}

fn set_if(field: &mut String, value: Option<String>) {
    if let Some(v) = value {
        *field = v;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_portfolio_with_an_imported_product_holds_a_shared_product() {
        let owner = AccountId::parse("222222222222").unwrap();
        let other = AccountId::parse("111111111111").unwrap();
        let portfolio = PortfolioRecord {
            id: "port-local".into(),
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
            portfolio_id: "port-local".into(),
            product_id: "prod-x".into(),
            source_portfolio_id: source.map(str::to_string),
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
