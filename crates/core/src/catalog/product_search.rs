//! How product searches filter and sort (ProductViewFilters, SortBy and SortOrder of
//! SearchProducts and SearchProductsAsAdmin).

use std::collections::BTreeMap;

use sclocal_api::servicecatalog::{ProductViewSortBy, SortOrder};

use crate::store::ProductRecord;

/// Applies ProductViewFilters, SortBy and SortOrder.
pub(crate) fn filter_and_sort(
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
        "ProductType" => p.product_type.as_str() == value,
        "SourceProductId" => p.id.as_str() == value,
        _ => true,
    }
}
