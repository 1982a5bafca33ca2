//! SearchProvisionedProducts' query language and sort order (spec provisioning §12).
//!
//! `Filters: {"SearchQuery": [terms]}`: each term is `field:value` or free text, and a product
//! matches when it matches every term [inferred: terms are ANDed]. Field names are the model's
//! searchable fields, matched without regard to case; the value is trimmed, so LZA's
//! `status: UNDER_CHANGE` (a space after the colon) works. Field values match exactly, without
//! regard to case [inferred], except `createdTime` (a prefix, so a date matches) and `tags`
//! (`tags:Key=Value` or `tags:Key`). Free text matches any product with a field containing it,
//! without regard to case [inferred]. A term whose prefix is no field name is free text, and
//! so is a term that is an ARN (`arn:aws:…`), which would otherwise read as field `arn`.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::fmt;

use sclocal_api::servicecatalog::SortOrder;

/// The only filter key SearchProvisionedProducts takes.
pub const SEARCH_QUERY_KEY: &str = "SearchQuery";

/// The searchable fields of a provisioned product (model: ProvisionedProductViewFilterValue).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchField {
    Arn,
    CreatedTime,
    Id,
    LastRecordId,
    IdempotencyToken,
    Name,
    PhysicalId,
    ProductId,
    ProvisioningArtifactId,
    Type,
    Status,
    Tags,
    UserArn,
    UserArnSession,
    LastProvisioningRecordId,
    LastSuccessfulProvisioningRecordId,
    ProductName,
    ProvisioningArtifactName,
}

impl SearchField {
    /// Every field with its name in queries.
    pub const ALL: [(SearchField, &'static str); 18] = [
        (Self::Arn, "arn"),
        (Self::CreatedTime, "createdTime"),
        (Self::Id, "id"),
        (Self::LastRecordId, "lastRecordId"),
        (Self::IdempotencyToken, "idempotencyToken"),
        (Self::Name, "name"),
        (Self::PhysicalId, "physicalId"),
        (Self::ProductId, "productId"),
        (Self::ProvisioningArtifactId, "provisioningArtifactId"),
        (Self::Type, "type"),
        (Self::Status, "status"),
        (Self::Tags, "tags"),
        (Self::UserArn, "userArn"),
        (Self::UserArnSession, "userArnSession"),
        (Self::LastProvisioningRecordId, "lastProvisioningRecordId"),
        (
            Self::LastSuccessfulProvisioningRecordId,
            "lastSuccessfulProvisioningRecordId",
        ),
        (Self::ProductName, "productName"),
        (Self::ProvisioningArtifactName, "provisioningArtifactName"),
    ];

    /// The field a query names, without regard to case.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .find(|(_, n)| n.eq_ignore_ascii_case(name))
            .map(|(f, _)| *f)
    }
}

/// One term of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    /// `field:value`.
    Field {
        /// The field.
        field: SearchField,
        /// The value, trimmed.
        value: String,
    },
    /// Anything else, trimmed.
    FreeText(String),
}

/// The searchable view of one provisioned product, borrowed from whatever the store keeps.
/// Optional fields a product does not have (yet) are `None`.
#[derive(Debug, Clone, Default)]
pub struct ProvisionedProductView<'a> {
    pub arn: &'a str,
    /// As answered (ISO-8601).
    pub created_time: &'a str,
    pub id: &'a str,
    pub idempotency_token: Option<&'a str>,
    pub last_record_id: Option<&'a str>,
    pub last_provisioning_record_id: Option<&'a str>,
    pub last_successful_provisioning_record_id: Option<&'a str>,
    pub name: &'a str,
    pub physical_id: Option<&'a str>,
    pub product_id: &'a str,
    pub product_name: Option<&'a str>,
    pub provisioning_artifact_id: &'a str,
    pub provisioning_artifact_name: Option<&'a str>,
    /// `Type` (CFN_STACK, CONTROL_TOWER_ACCOUNT, …).
    pub product_type: &'a str,
    /// `Status` (AVAILABLE, UNDER_CHANGE, …).
    pub status: &'a str,
    /// `(key, value)` of every tag, system tags included.
    pub tags: Vec<(&'a str, &'a str)>,
    pub user_arn: Option<&'a str>,
    pub user_arn_session: Option<&'a str>,
}

impl<'a> ProvisionedProductView<'a> {
    /// The value of a field other than `tags`.
    fn field(&self, field: SearchField) -> Option<&'a str> {
        match field {
            SearchField::Arn => Some(self.arn),
            SearchField::CreatedTime => Some(self.created_time),
            SearchField::Id => Some(self.id),
            SearchField::LastRecordId => self.last_record_id,
            SearchField::IdempotencyToken => self.idempotency_token,
            SearchField::Name => Some(self.name),
            SearchField::PhysicalId => self.physical_id,
            SearchField::ProductId => Some(self.product_id),
            SearchField::ProvisioningArtifactId => Some(self.provisioning_artifact_id),
            SearchField::Type => Some(self.product_type),
            SearchField::Status => Some(self.status),
            SearchField::UserArn => self.user_arn,
            SearchField::UserArnSession => self.user_arn_session,
            SearchField::LastProvisioningRecordId => self.last_provisioning_record_id,
            SearchField::LastSuccessfulProvisioningRecordId => {
                self.last_successful_provisioning_record_id
            }
            SearchField::ProductName => self.product_name,
            SearchField::ProvisioningArtifactName => self.provisioning_artifact_name,
            SearchField::Tags => None,
        }
    }
}

/// A parsed SearchQuery.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchQuery {
    terms: Vec<Term>,
}

impl SearchQuery {
    /// Parses the terms of a `SearchQuery` filter. Never fails: what is no `field:value` is
    /// free text; blank terms and fields with a blank value are ignored.
    pub fn parse<S: AsRef<str>>(values: &[S]) -> Self {
        let terms = values.iter().filter_map(|v| term(v.as_ref())).collect();
        Self { terms }
    }

    /// The query of SearchProvisionedProducts' `Filters` (only the `SearchQuery` key counts).
    pub fn from_filters(filters: Option<&BTreeMap<String, Vec<String>>>) -> Self {
        filters
            .and_then(|f| f.get(SEARCH_QUERY_KEY))
            .map_or_else(Self::default, |values| Self::parse(values))
    }

    /// The terms, in the order given.
    pub fn terms(&self) -> &[Term] {
        &self.terms
    }

    /// Whether `product` matches every term.
    pub fn matches(&self, product: &ProvisionedProductView<'_>) -> bool {
        self.terms.iter().all(|t| term_matches(t, product))
    }
}

fn term(raw: &str) -> Option<Term> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    let is_arn = raw
        .get(..7)
        .is_some_and(|p| p.eq_ignore_ascii_case("arn:aws"));
    match raw.split_once(':') {
        Some((name, value)) if !is_arn => match SearchField::parse(name.trim()) {
            Some(_) if value.trim().is_empty() => None,
            Some(field) => Some(Term::Field {
                field,
                value: value.trim().to_owned(),
            }),
            None => Some(Term::FreeText(raw.to_owned())),
        },
        _ => Some(Term::FreeText(raw.to_owned())),
    }
}

fn term_matches(term: &Term, p: &ProvisionedProductView<'_>) -> bool {
    match term {
        Term::Field {
            field: SearchField::Tags,
            value,
        } => match value.split_once('=') {
            Some((k, v)) => p.tags.iter().any(|(tk, tv)| {
                tk.eq_ignore_ascii_case(k.trim()) && tv.eq_ignore_ascii_case(v.trim())
            }),
            None => p.tags.iter().any(|(tk, _)| tk.eq_ignore_ascii_case(value)),
        },
        Term::Field {
            field: SearchField::CreatedTime,
            value,
        } => {
            let created = p.created_time.as_bytes();
            created.len() >= value.len()
                && created[..value.len()].eq_ignore_ascii_case(value.as_bytes())
        }
        Term::Field { field, value } => p
            .field(*field)
            .is_some_and(|v| v.eq_ignore_ascii_case(value)),
        Term::FreeText(text) => {
            let needle = text.to_lowercase();
            let contains = |v: &str| v.to_lowercase().contains(&needle);
            SearchField::ALL
                .iter()
                .any(|(f, _)| p.field(*f).is_some_and(contains))
                || p.tags.iter().any(|(k, v)| contains(k) || contains(v))
        }
    }
}

/// The fields SearchProvisionedProducts sorts by (model doc of SortBy).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    Arn,
    Id,
    Name,
    LastRecordId,
}

/// A sort order: a key and a direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    /// What to sort by.
    pub key: SortKey,
    /// `SortOrder: DESCENDING`.
    pub descending: bool,
}

/// A SortBy that is none of `arn`, `id`, `name`, `lastRecordId`. The caller answers
/// InvalidParametersException [inferred] with this text (ours).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidSortBy(pub String);

impl fmt::Display for InvalidSortBy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Invalid SortBy {}: valid values are arn, id, name and lastRecordId.",
            self.0
        )
    }
}

impl std::error::Error for InvalidSortBy {}

/// The order of SearchProvisionedProducts: `None` (the store's order) without `SortBy`;
/// `SortOrder` defaults to ASCENDING. SortBy names are matched without regard to case.
pub fn parse_sort(
    sort_by: Option<&str>,
    sort_order: Option<&SortOrder>,
) -> Result<Option<Sort>, InvalidSortBy> {
    let Some(name) = sort_by else {
        return Ok(None);
    };
    let key = [
        ("arn", SortKey::Arn),
        ("id", SortKey::Id),
        ("name", SortKey::Name),
        ("lastRecordId", SortKey::LastRecordId),
    ]
    .iter()
    .find(|(n, _)| n.eq_ignore_ascii_case(name.trim()))
    .map(|(_, k)| *k)
    .ok_or_else(|| InvalidSortBy(name.to_owned()))?;
    Ok(Some(Sort {
        key,
        descending: matches!(sort_order, Some(SortOrder::DESCENDING)),
    }))
}

impl Sort {
    /// Compares two products in this order; ties fall back to the id so pages are stable.
    pub fn compare(
        &self,
        a: &ProvisionedProductView<'_>,
        b: &ProvisionedProductView<'_>,
    ) -> Ordering {
        let order = self
            .value(a)
            .cmp(self.value(b))
            .then_with(|| a.id.cmp(b.id));
        if self.descending {
            order.reverse()
        } else {
            order
        }
    }

    fn value<'p>(self, p: &ProvisionedProductView<'p>) -> &'p str {
        match self.key {
            SortKey::Arn => p.arn,
            SortKey::Id => p.id,
            SortKey::Name => p.name,
            SortKey::LastRecordId => p.last_record_id.unwrap_or_default(),
        }
    }
}

#[cfg(test)]
mod tests;
