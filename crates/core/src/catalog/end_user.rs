//! The end user's view: SearchProducts, DescribeProduct, DescribeProductView and
//! ListLaunchPaths (https://docs.aws.amazon.com/servicecatalog/latest/dg/API_SearchProducts.html
//! and siblings; aws-behavior.md §7). A product shows only through a launch path: a
//! portfolio the caller's account reaches (owned or imported) whose effective principal
//! associations name the calling principal — by ARN (an assumed-role session counts as its
//! role) or through an IAM_PATTERN, the recipient's own or one shared with SharePrincipals.

use sclocal_api::primitives::Timestamp;
use sclocal_api::servicecatalog::{
    ConstraintSummary, DescribeProductInput, DescribeProductOutput, DescribeProductViewInput,
    DescribeProductViewOutput, LaunchPath, LaunchPathSummary, ListLaunchPathsInput,
    ListLaunchPathsOutput, ModeledError, ProvisioningArtifact, SearchProductsInput,
    SearchProductsOutput,
};
use sclocal_api::{RequestContext, ServiceError};

use super::access::{any_product, product_name_not_found, product_not_found};
use super::launch_path::{launchable, no_launch_paths, paths_to};
use super::product_search::filter_and_sort;
use super::views::{product_summary, tag_list};
use crate::page::Api;
use crate::store::{ProductRecord, ReadTx};
use crate::Emulator;

/// SearchProducts: the products the calling principal may launch.
pub(crate) async fn search_products(
    em: &Emulator,
    cx: &RequestContext,
    input: SearchProductsInput,
) -> Result<SearchProductsOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let principal = cx.principal_arn.clone();
    let size = Api::Catalog.size(input.page_size);
    em.store
        .read(move |tx| {
            let products = launchable(tx, &scope, &principal)?
                .into_iter()
                .map(|l| l.product)
                .collect();
            let products = filter_and_sort(
                products,
                input.filters.as_ref(),
                input.sort_by,
                input.sort_order,
            );
            let (page, next) = Api::Catalog.slice(
                products,
                "SearchProducts",
                input.page_token.as_deref(),
                size,
            )?;
            Ok(SearchProductsOutput {
                product_view_summaries: Some(page.iter().map(product_summary).collect()),
                product_view_aggregations: None,
                next_page_token: next,
            })
        })
        .await
}

/// DescribeProduct, by Id or Name, among the products the caller may launch.
pub(crate) async fn describe_product(
    em: &Emulator,
    cx: &RequestContext,
    input: DescribeProductInput,
) -> Result<DescribeProductOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let principal = cx.principal_arn.clone();
    em.store
        .read(move |tx| {
            let all = launchable(tx, &scope, &principal)?;
            let found = match (input.id, input.name) {
                (Some(id), _) => all
                    .into_iter()
                    .find(|l| l.product.id.as_str() == id)
                    .ok_or_else(|| product_not_found(&id))?,
                (None, Some(name)) => all
                    .into_iter()
                    .find(|l| l.product.name == name)
                    .ok_or_else(|| product_name_not_found(&name))?,
                (None, None) => {
                    return Err(ModeledError::InvalidParametersException
                        .msg("Either Id or Name is required."))
                }
            };
            Ok(DescribeProductOutput {
                product_view_summary: Some(product_summary(&found.product)),
                provisioning_artifacts: Some(artifacts(tx, &found.product)?),
                budgets: Some(super::budget::budgets_of(tx, found.product.id.as_str())?),
                launch_paths: Some(
                    paths_to(tx, &scope, &principal, &found.product)?
                        .iter()
                        .map(|p| LaunchPath {
                            id: Some(p.id.to_string()),
                            name: Some(p.name().to_string()),
                        })
                        .collect(),
                ),
            })
        })
        .await
}

/// DescribeProductView, by product view id.
pub(crate) async fn describe_product_view(
    em: &Emulator,
    cx: &RequestContext,
    input: DescribeProductViewInput,
) -> Result<DescribeProductViewOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let principal = cx.principal_arn.clone();
    em.store
        .read(move |tx| {
            let found = launchable(tx, &scope, &principal)?
                .into_iter()
                .find(|l| l.product.view_id.as_str() == input.id)
                .ok_or_else(|| {
                    // DEVIATION(aws): AWS's text is not recorded.
                    ModeledError::ResourceNotFoundException
                        .msg(format!("Product view not found: {}", input.id))
                })?;
            Ok(DescribeProductViewOutput {
                product_view_summary: Some(product_summary(&found.product)),
                provisioning_artifacts: Some(artifacts(tx, &found.product)?),
            })
        })
        .await
}

/// ListLaunchPaths: the portfolios through which the caller may launch a product, each with
/// its constraints and tags.
pub(crate) async fn list_launch_paths(
    em: &Emulator,
    cx: &RequestContext,
    input: ListLaunchPathsInput,
) -> Result<ListLaunchPathsOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let principal = cx.principal_arn.clone();
    let size = Api::Catalog.size(input.page_size);
    em.store
        .read(move |tx| {
            let product = any_product(tx, &scope, &input.product_id)
                .map_err(|_| no_launch_paths(&input.product_id))?;
            let paths = paths_to(tx, &scope, &principal, &product)?;
            if paths.is_empty() {
                return Err(no_launch_paths(&input.product_id));
            }
            let mut summaries = Vec::with_capacity(paths.len());
            for p in &paths {
                let constraints = tx
                    .portfolio_constraints(&p.visible.portfolio.id)?
                    .into_iter()
                    .filter(|c| c.product_id == product.id)
                    .map(|c| ConstraintSummary {
                        r#type: Some(c.constraint_type.as_str().to_string()),
                        description: c.description,
                    })
                    .collect();
                summaries.push(LaunchPathSummary {
                    id: Some(p.id.to_string()),
                    constraint_summaries: Some(constraints),
                    tags: Some(tag_list(&p.visible.portfolio.tags)),
                    name: Some(p.name().to_string()),
                });
            }
            let (page, next) = Api::Catalog.slice(
                summaries,
                "ListLaunchPaths",
                input.page_token.as_deref(),
                size,
            )?;
            Ok(ListLaunchPathsOutput {
                launch_path_summaries: Some(page),
                next_page_token: next,
            })
        })
        .await
}

/// The product's active versions, as end users see them.
fn artifacts(
    tx: &dyn ReadTx,
    product: &ProductRecord,
) -> Result<Vec<ProvisioningArtifact>, ServiceError> {
    Ok(tx
        .artifacts(&product.id)?
        .into_iter()
        .filter(|a| a.active)
        .map(|a| ProvisioningArtifact {
            id: Some(a.id.to_string()),
            name: a.name,
            description: a.description,
            created_time: Some(Timestamp::from_millis(a.created_ms)),
            guidance: Some(a.guidance),
        })
        .collect())
}
