//! Tags on Service Catalog portfolios and products: the wire tags of a request, and the tag
//! rules (`crate::tags`) answered in Service Catalog's words.

use sclocal_api::servicecatalog::{ModeledError, Tag};
use sclocal_api::ServiceError;

use crate::tags::{self, TagError, Tags};

/// Tags per portfolio or product (model `AddTags` max 20; AWS quota "tags per portfolio: 20").
pub(crate) const MAX_TAGS: usize = 20;

/// What carries the tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tagged {
    /// A portfolio.
    Portfolio,
    /// A product.
    Product,
    /// A provisioned product (ProvisionProduct and UpdateProvisionedProduct Tags, ≤ 50).
    ProvisionedProduct,
}

impl Tagged {
    fn noun(self) -> &'static str {
        match self {
            Tagged::Portfolio => "portfolio",
            Tagged::Product => "product",
            Tagged::ProvisionedProduct => "provisioned product",
        }
    }

    /// UpdatePortfolio models LimitExceededException for too many tags; UpdateProduct does
    /// not, so it answers InvalidParametersException (the code its model lists).
    fn over_quota(self) -> ModeledError {
        match self {
            Tagged::Portfolio => ModeledError::LimitExceededException,
            Tagged::Product | Tagged::ProvisionedProduct => {
                ModeledError::InvalidParametersException
            }
        }
    }
}

/// A request's tags; a key given twice is refused.
pub(crate) fn request_tags(tags: Option<Vec<Tag>>, on: Tagged) -> Result<Tags, ServiceError> {
    tags::unique(pairs(tags)).map_err(|e| refusal(&e, on))
}

/// RemoveTags, then AddTags, on a resource's tags (UpdatePortfolio, UpdateProduct).
pub(crate) fn change(
    tags: &mut Tags,
    add: Option<Vec<Tag>>,
    remove: Option<Vec<String>>,
    on: Tagged,
) -> Result<(), ServiceError> {
    tags::change(tags, pairs(add), &remove.unwrap_or_default(), MAX_TAGS)
        .map_err(|e| refusal(&e, on))
}

fn pairs(tags: Option<Vec<Tag>>) -> Tags {
    tags.unwrap_or_default()
        .into_iter()
        .map(|t| (t.key, t.value))
        .collect()
}

fn refusal(e: &TagError, on: Tagged) -> ServiceError {
    match e {
        TagError::DuplicateKey(key) => {
            ModeledError::InvalidParametersException.msg(format!("Duplicate tag key: {key}"))
        }
        TagError::ReservedPrefix(key) => ModeledError::InvalidParametersException
            .msg(format!("Tag key {key} uses the reserved prefix aws:")),
        TagError::TooMany { max, would_have } => on.over_quota().msg(format!(
            "A {} can have at most {max} tags; this update would leave {would_have}.",
            on.noun()
        )),
    }
}
