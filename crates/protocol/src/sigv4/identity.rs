//! Who the caller is: credentials and their lookup, redacted secrets, the caller after
//! verification, and the account ↔ access-key-id conventions of protocol.md §7.
//!
//! The account conventions of access key ids live in `sclocal_api::access_key`, shared with STS.

use std::collections::HashMap;
use std::fmt;

/// A secret string whose `Debug` prints `[redacted]`; [`Secret::expose`] gives the `&str`.
#[derive(Clone, Default)]
pub struct Secret(String);

impl Secret {
    /// Wrap a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The secret value. Do not log it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}

/// What a credential lookup answers for an access key id.
#[derive(Debug, Clone)]
pub struct Credential {
    /// The secret access key used to recompute signatures (strict mode).
    pub secret_access_key: Secret,
    /// The account the key belongs to.
    pub account_id: String,
    /// The principal, e.g. `arn:aws:iam::111111111111:user/alice`; `None` means the account root.
    pub principal_arn: Option<String>,
}

/// Finds the credential for an access key id.
pub trait CredentialLookup: Send + Sync {
    /// The credential for `access_key_id`, or `None` if the key is unknown.
    fn lookup(&self, access_key_id: &str) -> Option<Credential>;
}

/// A fixed table of access key id → credential.
impl<S: std::hash::BuildHasher + Send + Sync> CredentialLookup for HashMap<String, Credential, S> {
    fn lookup(&self, access_key_id: &str) -> Option<Credential> {
        self.get(access_key_id).cloned()
    }
}

/// Any `Fn(&str) -> Option<Credential>` is a lookup.
impl<F> CredentialLookup for F
where
    F: Fn(&str) -> Option<Credential> + Send + Sync,
{
    fn lookup(&self, access_key_id: &str) -> Option<Credential> {
        self(access_key_id)
    }
}

/// The caller after verification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedCaller {
    /// The access key id from the credential scope.
    pub access_key_id: String,
    /// The caller's account: from the lookup, else decoded from the key, else the default.
    pub account_id: String,
    /// The principal from the lookup, if it named one.
    pub principal_arn: Option<String>,
    /// The region from the credential scope.
    pub region: String,
    /// The service (signing name) from the credential scope.
    pub service: String,
    /// The `X-Amz-Security-Token` header, if sent (not validated here).
    pub session_token: Option<String>,
}

pub use sclocal_api::access_key::{access_key_for_account, account_from_access_key, is_account_id};

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn secret_is_redacted() {
        let s = Secret::new("hunter2");
        assert_eq!(format!("{s:?}"), "[redacted]");
        assert_eq!(s.expose(), "hunter2");
        let c = Credential {
            secret_access_key: "hunter2".into(),
            account_id: "111111111111".into(),
            principal_arn: None,
        };
        assert!(!format!("{c:?}").contains("hunter2"));
    }

    #[test]
    fn lookups() {
        let mut table = HashMap::new();
        table.insert(
            "AK".to_owned(),
            Credential {
                secret_access_key: Secret::from("s"),
                account_id: "111111111111".into(),
                principal_arn: Some("arn:aws:iam::111111111111:user/a".into()),
            },
        );
        assert_eq!(table.lookup("AK").unwrap().account_id, "111111111111");
        assert!(table.lookup("nope").is_none());
        let f = |akid: &str| {
            (akid == "X").then(|| Credential {
                secret_access_key: Secret::from("s"),
                account_id: "222222222222".into(),
                principal_arn: None,
            })
        };
        let dyn_lookup: &dyn CredentialLookup = &f;
        assert_eq!(dyn_lookup.lookup("X").unwrap().account_id, "222222222222");
        assert!(dyn_lookup.lookup("Y").is_none());
    }
}
