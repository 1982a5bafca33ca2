//! How ids are written: the newtype macro, and the format checks and alphabets the id types
//! share.

use crate::clock::{alnum_chars, base32_chars, IdSource};

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
pub(super) fn prefixed(
    s: &str,
    prefix: &str,
    min: usize,
    max: usize,
    allowed: fn(u8) -> bool,
) -> bool {
    s.strip_prefix(prefix)
        .is_some_and(|rest| (min..=max).contains(&rest.len()) && rest.bytes().all(allowed))
}

pub(super) fn lower_alnum(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit()
}

/// `n` characters of `[a-z2-7]`, the alphabet of Service Catalog ids.
pub(super) fn catalog_suffix(ids: &dyn IdSource, n: usize) -> String {
    base32_chars(ids, n)
}

/// `n` characters of `[a-z0-9]`, the alphabet of Organizations ids.
pub(super) fn org_suffix(ids: &dyn IdSource, n: usize) -> String {
    alnum_chars(ids, n)
}
