//! Domain identifiers. Each `parse` is the one place its format rule lives.

use std::fmt;

use crate::clock::{base32_chars, IdSource};

/// A 12-digit AWS account id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AccountId(String);

impl AccountId {
    /// Parses `^[0-9]{12}$`.
    pub fn parse(s: &str) -> Option<Self> {
        (s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit())).then(|| AccountId(s.to_string()))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for AccountId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Where Service Catalog state lives: every resource belongs to one account in one region
/// ("Portfolio imports must occur in the same region", aws-behavior.md §2).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Scope {
    /// The owning account.
    pub account: AccountId,
    /// The region.
    pub region: String,
    /// The ARN partition of the region.
    pub partition: &'static str,
}

/// Service Catalog ids: a prefix and 13 characters of `[a-z2-7]` (`port-nea64toyk55kk`).
pub fn catalog_id(prefix: &str, ids: &dyn IdSource) -> String {
    format!("{prefix}-{}", base32_chars(ids, 13))
}

/// `arn:<partition>:catalog:<region>:<account>:portfolio/<id>`.
pub fn portfolio_arn(scope: &Scope, id: &str) -> String {
    format!(
        "arn:{}:catalog:{}:{}:portfolio/{id}",
        scope.partition, scope.region, scope.account
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::SeqIds;

    #[test]
    fn account_ids_are_twelve_digits() {
        assert!(AccountId::parse("123456789012").is_some());
        assert!(AccountId::parse("12345678901").is_none());
        assert!(AccountId::parse("12345678901a").is_none());
        assert!(AccountId::parse("1234567890123").is_none());
    }

    #[test]
    fn catalog_ids_match_aws_shape() {
        let id = catalog_id("port", &SeqIds::default());
        assert!(id.starts_with("port-") && id.len() == 18, "{id}");
        let scope = Scope {
            account: AccountId::parse("111111111111").unwrap(),
            region: "eu-west-1".into(),
            partition: "aws",
        };
        assert_eq!(
            portfolio_arn(&scope, "port-abc"),
            "arn:aws:catalog:eu-west-1:111111111111:portfolio/port-abc"
        );
    }
}
