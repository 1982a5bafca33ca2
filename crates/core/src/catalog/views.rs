//! How Service Catalog records look on the wire: the detail and summary shapes every
//! operation answers with, built in one place.

use sclocal_api::primitives::Timestamp;
use sclocal_api::servicecatalog::{
    ConstraintDetail, PortfolioDetail, ProductViewDetail, ProductViewSummary,
    ProvisioningArtifactDetail, Status, Tag, TagOptionDetail,
};

use crate::store::{
    ArtifactRecord, ConstraintRecord, PortfolioRecord, ProductRecord, TagOptionRecord,
};

/// PortfolioDetail of a portfolio.
pub(crate) fn portfolio_detail(p: &PortfolioRecord) -> PortfolioDetail {
    PortfolioDetail {
        id: Some(p.id.to_string()),
        arn: Some(p.arn.clone()),
        display_name: Some(p.display_name.clone()),
        description: p.description.clone(),
        created_time: Some(Timestamp::from_millis(p.created_ms)),
        provider_name: Some(p.provider_name.clone()),
    }
}

/// Stored tags as wire tags.
pub(crate) fn tag_list(tags: &[(String, String)]) -> Vec<Tag> {
    tags.iter()
        .map(|(k, v)| Tag {
            key: k.clone(),
            value: v.clone(),
        })
        .collect()
}

/// ProductViewSummary of a product.
pub(crate) fn product_summary(p: &ProductRecord) -> ProductViewSummary {
    ProductViewSummary {
        id: Some(p.view_id.to_string()),
        product_id: Some(p.id.to_string()),
        name: Some(p.name.clone()),
        owner: Some(p.owner.clone()),
        short_description: p.description.clone(),
        r#type: Some(p.product_type),
        distributor: p.distributor.clone(),
        has_default_path: Some(false),
        support_email: p.support_email.clone(),
        support_description: p.support_description.clone(),
        support_url: p.support_url.clone(),
    }
}

/// ProductViewDetail of a product: templates are never executed, so it is `AVAILABLE`.
pub(crate) fn product_view_detail(p: &ProductRecord) -> ProductViewDetail {
    ProductViewDetail {
        product_view_summary: Some(product_summary(p)),
        status: Some(Status::AVAILABLE),
        product_arn: Some(p.arn.clone()),
        created_time: Some(Timestamp::from_millis(p.created_ms)),
        source_connection: None,
    }
}

/// ProvisioningArtifactDetail of an artifact.
pub(crate) fn artifact_detail(a: &ArtifactRecord) -> ProvisioningArtifactDetail {
    ProvisioningArtifactDetail {
        id: Some(a.id.to_string()),
        name: a.name.clone(),
        description: a.description.clone(),
        r#type: Some(a.artifact_type),
        created_time: Some(Timestamp::from_millis(a.created_ms)),
        active: Some(a.active),
        guidance: Some(a.guidance),
        source_revision: None,
    }
}

/// TagOptionDetail of a TagOption.
pub(crate) fn tag_option_detail(o: &TagOptionRecord) -> TagOptionDetail {
    TagOptionDetail {
        key: Some(o.key.clone()),
        value: Some(o.value.clone()),
        active: Some(o.active),
        id: Some(o.id.to_string()),
        owner: Some(o.account.to_string()),
    }
}

/// ConstraintDetail of a constraint.
pub(crate) fn constraint_detail(c: &ConstraintRecord) -> ConstraintDetail {
    ConstraintDetail {
        constraint_id: Some(c.id.to_string()),
        r#type: Some(c.constraint_type.as_str().to_string()),
        description: c.description.clone(),
        owner: Some(c.account.to_string()),
        product_id: Some(c.product_id.to_string()),
        portfolio_id: Some(c.portfolio_id.to_string()),
    }
}
