//! Account ids and the scope (account and region) every resource lives in.

use std::fmt;

use super::format::id_type;

pub use sclocal_api::context::partition_of;

id_type!(
    /// A 12-digit AWS account id.
    AccountId,
    |s| s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit())
);

impl AccountId {
    /// The id as a number (12 digits always fit), for ordering and cursors.
    pub fn number(&self) -> i64 {
        self.0.parse().unwrap_or(0)
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

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.account, self.region)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_ids_are_twelve_digits() {
        assert!(AccountId::parse("123456789012").is_some());
        assert!(AccountId::parse("12345678901").is_none());
        assert!(AccountId::parse("12345678901a").is_none());
        assert!(AccountId::parse("1234567890123").is_none());
    }

    #[test]
    fn partitions_follow_the_region() {
        assert_eq!(partition_of("us-east-1"), "aws");
        assert_eq!(partition_of("cn-north-1"), "aws-cn");
        assert_eq!(partition_of("us-gov-west-1"), "aws-us-gov");
        assert_eq!(partition_of("us-isob-east-1"), "aws-iso-b");
        assert_eq!(partition_of("us-iso-east-1"), "aws-iso");
    }
}
