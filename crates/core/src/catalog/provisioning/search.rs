//! SearchProvisionedProducts (provisioning.md §12;
//! https://docs.aws.amazon.com/servicecatalog/latest/dg/API_SearchProvisionedProducts.html):
//! the account's provisioned products at an access level (default Account), filtered by the
//! SearchQuery language (`crate::search_query`), sorted, counted and paged (PageSize ≤ 100).
//! Each carries its names, owner and tags, system tags included (CLI search example).

use std::collections::HashMap;

use sclocal_api::servicecatalog::{
    ModeledError, SearchProvisionedProductsInput, SearchProvisionedProductsOutput,
};
use sclocal_api::{RequestContext, ServiceError};
use time::format_description::well_known::Rfc3339;

use super::access_level::Level;
use super::views::{product_attribute, Attributes};
use crate::page::Api;
use crate::search_query::{parse_sort, ProvisionedProductView, SearchField, SearchQuery, Term};
use crate::store::{ProvisionedProductRecord, ReadTx};
use crate::Emulator;

/// SearchProvisionedProducts.
pub(crate) async fn search_provisioned_products(
    em: &Emulator,
    cx: &RequestContext,
    input: SearchProvisionedProductsInput,
) -> Result<SearchProvisionedProductsOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let caller = cx.principal_arn.clone();
    let size = Api::Catalog.size(input.page_size);
    let level = Level::of(input.access_level_filter.as_ref(), Level::Account)?;
    let query = SearchQuery::from_filters(input.filters.as_ref());
    let sort = parse_sort(input.sort_by.as_deref(), input.sort_order.as_ref())
        .map_err(|e| ModeledError::InvalidParametersException.msg(e.to_string()))?;
    // What the query reads beyond the plain fields: tags and the creation time are built
    // for every product only when it asks about them (an account may hold 10,000 products).
    let reads = |wanted: SearchField| {
        query.terms().iter().any(|t| match t {
            Term::FreeText(_) => true,
            Term::Field { field, .. } => *field == wanted,
        })
    };
    let (reads_tags, reads_created) = (reads(SearchField::Tags), reads(SearchField::CreatedTime));
    em.store
        .read(move |tx| {
            let mut names = Names::default();
            let mut rows: Vec<(ProvisionedProductRecord, Attributes, String)> = Vec::new();
            for p in tx.account_provisioned_products(&scope.account, &scope.region)? {
                if level.sees(&caller, &p.user_arn, &p.user_arn_session) {
                    let attributes = names.attributes(tx, &p, reads_tags)?;
                    let created = if reads_created {
                        created_time(p.created_ms)
                    } else {
                        String::new()
                    };
                    rows.push((p, attributes, created));
                }
            }
            let views: Vec<ProvisionedProductView<'_>> =
                rows.iter().map(|(p, a, c)| view(p, a, c)).collect();
            let mut order: Vec<usize> = (0..views.len())
                .filter(|i| query.matches(&views[*i]))
                .collect();
            if let Some(sort) = sort {
                order.sort_by(|a, b| sort.compare(&views[*a], &views[*b]));
            }
            let total = i32::try_from(order.len()).unwrap_or(i32::MAX);
            let kind = format!(
                "SearchProvisionedProducts/{level:?}/{:?}/{:?}",
                query.terms(),
                sort
            );
            let (page, next) =
                Api::Catalog.slice(order, &kind, input.page_token.as_deref(), size)?;
            drop(views);
            let mut shown = Vec::with_capacity(page.len());
            for i in page {
                let (p, a, _) = &rows[i];
                shown.push(if reads_tags {
                    product_attribute(p, a)
                } else {
                    product_attribute(p, &names.attributes(tx, p, true)?)
                });
            }
            Ok(SearchProvisionedProductsOutput {
                provisioned_products: Some(shown),
                total_results_count: Some(total),
                next_page_token: next,
            })
        })
        .await
}

/// CreatedTime as the search language compares it: ISO 8601, so a date prefix matches.
fn created_time(ms: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .ok()
        .and_then(|t| t.format(&Rfc3339).ok())
        .unwrap_or_default()
}

/// The searchable view of a product.
fn view<'a>(
    p: &'a ProvisionedProductRecord,
    a: &'a Attributes,
    created: &'a str,
) -> ProvisionedProductView<'a> {
    ProvisionedProductView {
        arn: &p.arn,
        created_time: created,
        id: p.id.as_str(),
        idempotency_token: p.idempotency_token.as_deref(),
        last_record_id: p.last_record_id.as_ref().map(AsRef::as_ref),
        last_provisioning_record_id: p.last_provisioning_record_id.as_ref().map(AsRef::as_ref),
        last_successful_provisioning_record_id: p
            .last_successful_provisioning_record_id
            .as_ref()
            .map(AsRef::as_ref),
        name: &p.name,
        physical_id: p.physical_id.as_deref(),
        product_id: p.product_id.as_str(),
        product_name: a.product_name.as_deref(),
        provisioning_artifact_id: p.artifact_id.as_str(),
        provisioning_artifact_name: a.artifact_name.as_deref(),
        product_type: p.product_type.as_str(),
        status: p.status.as_str(),
        tags: a
            .tags
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect(),
        user_arn: Some(&p.user_arn),
        user_arn_session: Some(&p.user_arn_session),
    }
}

/// Names and ARNs looked up once per product, artifact and portfolio.
#[derive(Default)]
struct Names {
    products: HashMap<String, Option<(String, String)>>,
    artifacts: HashMap<String, Option<String>>,
    portfolios: HashMap<String, Option<String>>,
}

impl Names {
    /// A product's names, and (`with_tags`) its tags with the system tags.
    fn attributes(
        &mut self,
        tx: &dyn ReadTx,
        p: &ProvisionedProductRecord,
        with_tags: bool,
    ) -> Result<Attributes, ServiceError> {
        let product_key = p.product_id.to_string();
        if !self.products.contains_key(&product_key) {
            let found = tx
                .product(&p.region, &p.product_id)?
                .map(|r| (r.name, r.arn));
            for a in tx.artifacts(&p.product_id)? {
                self.artifacts.insert(a.id.to_string(), a.name);
            }
            self.products.insert(product_key.clone(), found);
        }
        let product = self.products.get(&product_key).cloned().flatten();
        let artifact_name = self
            .artifacts
            .get(p.artifact_id.as_str())
            .cloned()
            .flatten();
        if !with_tags {
            return Ok(Attributes {
                product_name: product.map(|(name, _)| name),
                artifact_name,
                tags: Vec::new(),
            });
        }
        let portfolio_arn = match &p.portfolio_id {
            Some(id) => {
                if !self.portfolios.contains_key(id.as_str()) {
                    let arn = tx.portfolio(&p.region, id)?.map(|r| r.arn);
                    self.portfolios.insert(id.to_string(), arn);
                }
                self.portfolios.get(id.as_str()).cloned().flatten()
            }
            None => None,
        };
        let mut tags = p.tags.clone();
        let system = [
            ("productArn", product.as_ref().map(|(_, arn)| arn.clone())),
            ("provisioningPrincipalArn", Some(p.user_arn_session.clone())),
            (
                "provisioningArtifactIdentifier",
                Some(p.artifact_id.to_string()),
            ),
            ("portfolioArn", portfolio_arn),
            ("provisionedProductArn", Some(p.arn.clone())),
        ];
        for (key, value) in system {
            if let Some(value) = value {
                tags.push((format!("aws:servicecatalog:{key}"), value));
            }
        }
        Ok(Attributes {
            product_name: product.map(|(name, _)| name),
            artifact_name: self
                .artifacts
                .get(p.artifact_id.as_str())
                .cloned()
                .flatten(),
            tags,
        })
    }
}
