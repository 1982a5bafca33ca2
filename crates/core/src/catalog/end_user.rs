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
    ListLaunchPathsOutput, ModeledError, ProvisioningArtifact, ProvisioningArtifactGuidance,
    SearchProductsInput, SearchProductsOutput,
};
use sclocal_api::{RequestContext, ServiceError};

use super::access::reachable_portfolios;
use super::listing::paginate;
use super::product::{name_not_found, not_found};
use super::product_link::live_links;
use super::product_view::{filter_and_sort, summary, tag_list};
use super::{principal, principal_arn};
use crate::store::{PortfolioRecord, ProductRecord};
use crate::Emulator;

/// A product the caller may launch and the portfolios it may launch it from.
struct Launchable {
    product: ProductRecord,
    paths: Vec<PortfolioRecord>,
}

pub(super) async fn search(
    em: &Emulator,
    cx: &RequestContext,
    input: SearchProductsInput,
) -> Result<SearchProductsOutput, ServiceError> {
    let products = launchable(em, cx)
        .await?
        .into_iter()
        .map(|l| l.product)
        .collect();
    let products = filter_and_sort(
        products,
        input.filters.as_ref(),
        input.sort_by,
        input.sort_order,
    );
    let (page, next) = paginate(
        products,
        "SearchProducts",
        input.page_token.as_deref(),
        input.page_size,
    )?;
    Ok(SearchProductsOutput {
        product_view_summaries: Some(page.iter().map(summary).collect()),
        product_view_aggregations: None,
        next_page_token: next,
    })
}

pub(super) async fn describe_product(
    em: &Emulator,
    cx: &RequestContext,
    input: DescribeProductInput,
) -> Result<DescribeProductOutput, ServiceError> {
    let all = launchable(em, cx).await?;
    let found = match (input.id, input.name) {
        (Some(id), _) => all
            .into_iter()
            .find(|l| l.product.id == id)
            .ok_or_else(|| not_found(&id))?,
        (None, Some(name)) => all
            .into_iter()
            .find(|l| l.product.name == name)
            .ok_or_else(|| name_not_found(&name))?,
        (None, None) => {
            return Err(
                ModeledError::InvalidParametersException.msg("Either Id or Name is required.")
            )
        }
    };
    Ok(DescribeProductOutput {
        product_view_summary: Some(summary(&found.product)),
        provisioning_artifacts: Some(artifacts(em, &found.product).await?),
        budgets: Some(Vec::new()),
        launch_paths: Some(
            found
                .paths
                .iter()
                .map(|p| LaunchPath {
                    id: Some(p.id.clone()),
                    name: Some(p.display_name.clone()),
                })
                .collect(),
        ),
    })
}

pub(super) async fn describe_product_view(
    em: &Emulator,
    cx: &RequestContext,
    input: DescribeProductViewInput,
) -> Result<DescribeProductViewOutput, ServiceError> {
    let found = launchable(em, cx)
        .await?
        .into_iter()
        .find(|l| l.product.view_id == input.id)
        .ok_or_else(|| {
            // DEVIATION(aws): AWS's text is not recorded.
            ModeledError::ResourceNotFoundException
                .msg(format!("Product view not found: {}", input.id))
        })?;
    Ok(DescribeProductViewOutput {
        product_view_summary: Some(summary(&found.product)),
        provisioning_artifacts: Some(artifacts(em, &found.product).await?),
    })
}

pub(super) async fn list_launch_paths(
    em: &Emulator,
    cx: &RequestContext,
    input: ListLaunchPathsInput,
) -> Result<ListLaunchPathsOutput, ServiceError> {
    let found = launchable(em, cx)
        .await?
        .into_iter()
        .find(|l| l.product.id == input.product_id)
        .ok_or_else(|| {
            // Observed (aws-service-catalog-products #51, aws-cdk #8404).
            ModeledError::ResourceNotFoundException.msg(format!(
                "No launch paths found for resource: {}",
                input.product_id
            ))
        })?;
    let mut summaries = Vec::with_capacity(found.paths.len());
    for p in &found.paths {
        let constraints = em
            .store
            .portfolio_constraints(&p.id)
            .await?
            .into_iter()
            .filter(|c| c.product_id == found.product.id)
            .map(|c| ConstraintSummary {
                r#type: Some(c.constraint_type),
                description: c.description,
            })
            .collect();
        summaries.push(LaunchPathSummary {
            id: Some(p.id.clone()),
            constraint_summaries: Some(constraints),
            tags: Some(tag_list(&p.tags)),
            name: Some(p.display_name.clone()),
        });
    }
    let (page, next) = paginate(
        summaries,
        "ListLaunchPaths",
        input.page_token.as_deref(),
        input.page_size,
    )?;
    Ok(ListLaunchPathsOutput {
        launch_path_summaries: Some(page),
        next_page_token: next,
    })
}

/// Every product the calling principal may launch, each with its launch paths, in the
/// order of the portfolios and of the products within them.
async fn launchable(em: &Emulator, cx: &RequestContext) -> Result<Vec<Launchable>, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let mut out: Vec<Launchable> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for visible in reachable_portfolios(em, &scope).await? {
        // A portfolio reached through several shares is one launch path.
        if seen.contains(&visible.portfolio.id) {
            continue;
        }
        seen.push(visible.portfolio.id.clone());
        let principals = principal::effective(em, &scope, &visible).await?;
        if !principal_arn::allows(&principals, &cx.principal_arn) {
            continue;
        }
        for link in live_links(em, &scope, &visible.portfolio).await? {
            if let Some(entry) = out.iter_mut().find(|l| l.product.id == link.product_id) {
                entry.paths.push(visible.portfolio.clone());
            } else if let Some(product) = em.store.product(&scope.region, &link.product_id).await? {
                out.push(Launchable {
                    product,
                    paths: vec![visible.portfolio.clone()],
                });
            }
        }
    }
    Ok(out)
}

/// The product's active versions, as end users see them.
async fn artifacts(
    em: &Emulator,
    product: &ProductRecord,
) -> Result<Vec<ProvisioningArtifact>, ServiceError> {
    Ok(em
        .store
        .artifacts(&product.id)
        .await?
        .into_iter()
        .filter(|a| a.active)
        .map(|a| ProvisioningArtifact {
            id: Some(a.id),
            name: a.name,
            description: a.description,
            created_time: Some(Timestamp::from_millis(a.created_ms)),
            guidance: ProvisioningArtifactGuidance::from_wire(&a.guidance),
        })
        .collect())
}
