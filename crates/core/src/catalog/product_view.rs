//! How products look on the wire (ProductViewSummary, ProductViewDetail) and how product
//! searches filter and sort them (SearchProducts, SearchProductsAsAdmin).

use std::collections::BTreeMap;

use sclocal_api::primitives::Timestamp;
use sclocal_api::servicecatalog::{
    ProductType, ProductViewDetail, ProductViewSortBy, ProductViewSummary, SortOrder, Status, Tag,
};

use crate::store::ProductRecord;

/// Applies ProductViewFilters, SortBy and SortOrder (SearchProducts, SearchProductsAsAdmin).
pub(super) fn filter_and_sort(
    mut products: Vec<ProductRecord>,
    filters: Option<&BTreeMap<String, Vec<String>>>,
    sort_by: Option<ProductViewSortBy>,
    sort_order: Option<SortOrder>,
) -> Vec<ProductRecord> {
    if let Some(filters) = filters {
        products.retain(|p| {
            filters
                .iter()
                .all(|(key, values)| values.is_empty() || values.iter().any(|v| passes(p, key, v)))
        });
    }
    match sort_by {
        Some(ProductViewSortBy::Title) => products.sort_by(|a, b| a.name.cmp(&b.name)),
        Some(ProductViewSortBy::CreationDate) => products.sort_by_key(|p| p.created_ms),
        Some(ProductViewSortBy::VersionCount) | None => {}
    }
    if sort_order == Some(SortOrder::DESCENDING) {
        products.reverse();
    }
    products
}

fn passes(p: &ProductRecord, key: &str, value: &str) -> bool {
    match key {
        "FullTextSearch" => {
            let needle = value.to_lowercase();
            [
                Some(&p.name),
                Some(&p.owner),
                p.description.as_ref(),
                p.distributor.as_ref(),
            ]
            .into_iter()
            .flatten()
            .any(|field| field.to_lowercase().contains(&needle))
        }
        "Owner" => p.owner == value,
        "ProductType" => p.product_type == value,
        "SourceProductId" => p.id == value,
        _ => true,
    }
}

/// ProductViewSummary of a product.
pub(super) fn summary(p: &ProductRecord) -> ProductViewSummary {
    ProductViewSummary {
        id: Some(p.view_id.clone()),
        product_id: Some(p.id.clone()),
        name: Some(p.name.clone()),
        owner: Some(p.owner.clone()),
        short_description: p.description.clone(),
        r#type: ProductType::from_wire(&p.product_type),
        distributor: p.distributor.clone(),
        has_default_path: Some(false),
        support_email: p.support_email.clone(),
        support_description: p.support_description.clone(),
        support_url: p.support_url.clone(),
    }
}

/// ProductViewDetail of a product: templates are never executed, so it is `AVAILABLE`.
pub(super) fn view_detail(p: &ProductRecord) -> ProductViewDetail {
    ProductViewDetail {
        product_view_summary: Some(summary(p)),
        status: Some(Status::AVAILABLE),
        product_arn: Some(p.arn.clone()),
        created_time: Some(Timestamp::from_millis(p.created_ms)),
        source_connection: None,
    }
}

/// Stored tags as wire tags.
pub(super) fn tag_list(tags: &[(String, String)]) -> Vec<Tag> {
    tags.iter()
        .map(|(k, v)| Tag {
            key: k.clone(),
            value: v.clone(),
        })
        .collect()
}
