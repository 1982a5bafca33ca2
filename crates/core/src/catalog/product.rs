//! Products as administrators see them: CreateProduct (with its first provisioning
//! artifact), DescribeProductAsAdmin, UpdateProduct, DeleteProduct, SearchProductsAsAdmin
//! (https://docs.aws.amazon.com/servicecatalog/latest/dg/API_CreateProduct.html and
//! siblings; spec: shared/spec/aws-behavior.md §3.3). Templates are never executed.

use sclocal_api::primitives::Timestamp;
use sclocal_api::servicecatalog::{
    CreateProductInput, CreateProductOutput, DeleteProductInput, DeleteProductOutput,
    DescribeProductAsAdminInput, DescribeProductAsAdminOutput, ModeledError, ProductSource,
    ProvisioningArtifactSummary, SearchProductsAsAdminInput, SearchProductsAsAdminOutput,
    UpdateProductInput, UpdateProductOutput,
};
use sclocal_api::{RequestContext, ServiceError};

use super::access::{
    admin_product_by, imported_products, owned_product, portfolio_products, visible_portfolio,
};
use super::product_search::filter_and_sort;
use super::provisioning_artifact::new_artifact;
use super::tag_options_shown::product_tag_options;
use super::tagging::{self, Tagged};
use super::views::{artifact_detail, product_view_detail, tag_list};
use crate::ids::{product_arn, ProductId, ProductViewId};
use crate::page::Api;
use crate::store::{Lock, ProductRecord};
use crate::Emulator;

/// CreateProduct. Same token, same account and region: the first call's product is the
/// answer.
pub(crate) async fn create_product(
    em: &Emulator,
    cx: &RequestContext,
    input: CreateProductInput,
) -> Result<CreateProductOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let tags = tagging::request_tags(input.tags, Tagged::Product)?;
    let id = ProductId::generate(em.ids.as_ref());
    let now = em.now();
    let artifact = match input.provisioning_artifact_parameters {
        Some(props) => Some(
            new_artifact(
                em,
                &id,
                props,
                input.product_type,
                Some(input.idempotency_token.clone()),
            )
            .await?,
        ),
        // A product synced from a CodeStar connection gets its versions from the repository.
        None if input.source_connection.is_some() => None,
        None => {
            return Err(ModeledError::InvalidParametersException.msg(
                "ProvisioningArtifactParameters is required unless SourceConnection is given.",
            ))
        }
    };
    let record = ProductRecord {
        arn: product_arn(&scope, &id),
        view_id: ProductViewId::generate(em.ids.as_ref()),
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
        product_type: input.product_type,
        tags,
        created_ms: now,
        idempotency_token: Some(input.idempotency_token),
    };
    let (record, artifact) = em
        .store
        .write(move |tx| {
            tx.lock(Lock::AccountRegion(&record.account, &record.region))?;
            let token = record.idempotency_token.as_deref().unwrap_or_default();
            if let Some(existing) = tx.product_by_token(&record.account, &record.region, token)? {
                let first = tx.artifacts(&existing.id)?.into_iter().next();
                return Ok((existing, first));
            }
            tx.insert_product(&record)?;
            if let Some((a, template)) = &artifact {
                tx.insert_artifact(a)?;
                if let Some(body) = template {
                    tx.insert_artifact_template(&a.id, body)?;
                }
            }
            Ok((record, artifact.map(|(a, _)| a)))
        })
        .await?;
    Ok(CreateProductOutput {
        product_view_detail: Some(product_view_detail(&record)),
        provisioning_artifact_detail: artifact.as_ref().map(artifact_detail),
        tags: Some(tag_list(&record.tags)),
    })
}

/// DescribeProductAsAdmin, by Id or Name; SourcePortfolioId names the portfolio the caller
/// reaches the product through.
pub(crate) async fn describe_product_as_admin(
    em: &Emulator,
    cx: &RequestContext,
    input: DescribeProductAsAdminInput,
) -> Result<DescribeProductAsAdminOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    em.store
        .read(move |tx| {
            let product = admin_product_by(
                tx,
                &scope,
                input.id.as_deref(),
                input.name.as_deref(),
                "Either Id or Name is required.",
            )?;
            if let Some(source) = &input.source_portfolio_id {
                let visible = visible_portfolio(tx, &scope, source)?;
                let held = portfolio_products(tx, &scope, &visible.portfolio)?;
                if !held.iter().any(|p| p.id == product.id) {
                    return Err(super::access::product_not_found(product.id.as_str()));
                }
            }
            let summaries = tx
                .artifacts(&product.id)?
                .iter()
                .map(|a| ProvisioningArtifactSummary {
                    id: Some(a.id.to_string()),
                    name: a.name.clone(),
                    description: a.description.clone(),
                    created_time: Some(Timestamp::from_millis(a.created_ms)),
                    provisioning_artifact_metadata: Some(a.info.clone()),
                })
                .collect();
            let tag_options = product_tag_options(tx, &scope, &product)?;
            Ok(DescribeProductAsAdminOutput {
                product_view_detail: Some(product_view_detail(&product)),
                provisioning_artifact_summaries: Some(summaries),
                tags: Some(tag_list(&product.tags)),
                tag_options: Some(tag_options),
                budgets: Some(super::budget::budgets_of(tx, product.id.as_str())?),
            })
        })
        .await
}

/// UpdateProduct: the owner changes the product's fields and tags.
pub(crate) async fn update_product(
    em: &Emulator,
    cx: &RequestContext,
    input: UpdateProductInput,
) -> Result<UpdateProductOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let p = em
        .store
        .write(move |tx| {
            let mut p = owned_product(tx, &scope, &input.id)?;
            if let Some(name) = input.name {
                p.name = name;
            }
            if let Some(owner) = input.owner {
                p.owner = owner;
            }
            p.description = input.description.or(p.description);
            p.distributor = input.distributor.or(p.distributor);
            p.support_description = input.support_description.or(p.support_description);
            p.support_email = input.support_email.or(p.support_email);
            p.support_url = input.support_url.or(p.support_url);
            tagging::change(
                &mut p.tags,
                input.add_tags,
                input.remove_tags,
                Tagged::Product,
            )?;
            tx.update_product(&p)?;
            Ok(p)
        })
        .await?;
    Ok(UpdateProductOutput {
        product_view_detail: Some(product_view_detail(&p)),
        tags: Some(tag_list(&p.tags)),
    })
}

/// DeleteProduct: "You cannot delete a product if it was shared with you or is associated
/// with a portfolio" (API_DeleteProduct). Only the owner's own portfolios hold a product
/// back; recipients' local portfolios lose it with the product (aws-behavior.md §3.3: the
/// import is a live reference).
pub(crate) async fn delete_product(
    em: &Emulator,
    cx: &RequestContext,
    input: DeleteProductInput,
) -> Result<DeleteProductOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    em.store
        .write(move |tx| {
            let p = owned_product(tx, &scope, &input.id)?;
            for link in tx.product_links(&p.id)? {
                let held_by_owner = tx
                    .portfolio(&p.region, &link.portfolio_id)?
                    .is_some_and(|portfolio| portfolio.owner == p.account);
                if held_by_owner {
                    // DEVIATION(aws): message text is ours.
                    return Err(ModeledError::ResourceInUseException
                        .msg(format!("Product {} still has associated Portfolios", p.id)));
                }
            }
            for artifact in tx.artifacts(&p.id)? {
                tx.unlink_artifact_service_actions(&artifact.id)?;
            }
            tx.unlink_resource_budgets(p.id.as_str())?;
            tx.delete_product(&p.id)?;
            Ok(DeleteProductOutput {})
        })
        .await
}

/// SearchProductsAsAdmin: the products of one portfolio the caller reaches, the ones it
/// imported (ProductSource ACCOUNT), or its own.
pub(crate) async fn search_products_as_admin(
    em: &Emulator,
    cx: &RequestContext,
    input: SearchProductsAsAdminInput,
) -> Result<SearchProductsAsAdminOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let size = Api::Catalog.size(input.page_size);
    em.store
        .read(move |tx| {
            let products = match (&input.portfolio_id, input.product_source) {
                (Some(pid), _) => {
                    let visible = visible_portfolio(tx, &scope, pid)?;
                    portfolio_products(tx, &scope, &visible.portfolio)?
                }
                // DEVIATION(aws): ProductSource ACCOUNT lists the products the account reaches
                // through imported portfolios (the console's "Imported" tab); AWS's doc is
                // terse.
                (None, Some(ProductSource::ACCOUNT)) => imported_products(tx, &scope)?,
                (None, None) => tx.account_products(&scope.account, &scope.region)?,
            };
            let products = filter_and_sort(
                products,
                input.filters.as_ref(),
                input.sort_by,
                input.sort_order,
            );
            let (page, next) = Api::Catalog.slice(
                products,
                "SearchProductsAsAdmin",
                input.page_token.as_deref(),
                size,
            )?;
            Ok(SearchProductsAsAdminOutput {
                product_view_details: Some(page.iter().map(product_view_detail).collect()),
                next_page_token: next,
            })
        })
        .await
}
