//! Domain identifiers: each a type, parsed once at the edge (a request, a stored row) and
//! carried typed from there. Each `parse` is the one place its format rule lives; each
//! `generate` the one place its shape for new ids lives.

use std::fmt;

use crate::clock::{alnum_chars, base32_chars, IdSource};

mod catalog;
mod organizations;

pub use catalog::*;
pub use organizations::*;

/// Declares an id newtype over `String` with a format check.
macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $check:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            /// Parses the id, or `None` when `s` does not have its format.
            pub fn parse(s: &str) -> Option<Self> {
                let check: fn(&str) -> bool = $check;
                check(s).then(|| $name(s.to_owned()))
            }

            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }
    };
}
pub(crate) use id_type;

/// `prefix` followed by `min..=max` characters that satisfy `allowed`.
fn prefixed(s: &str, prefix: &str, min: usize, max: usize, allowed: fn(u8) -> bool) -> bool {
    s.strip_prefix(prefix)
        .is_some_and(|rest| (min..=max).contains(&rest.len()) && rest.bytes().all(allowed))
}

fn lower_alnum(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit()
}

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

pub use sclocal_api::context::partition_of;

/// `n` characters of `[a-z2-7]`, the alphabet of Service Catalog ids.
fn catalog_suffix(ids: &dyn IdSource, n: usize) -> String {
    base32_chars(ids, n)
}

/// `n` characters of `[a-z0-9]`, the alphabet of Organizations ids.
fn org_suffix(ids: &dyn IdSource, n: usize) -> String {
    alnum_chars(ids, n)
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
    }
}
