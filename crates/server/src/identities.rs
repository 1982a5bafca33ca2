//! Where access keys come from: the `--credentials` file, then temporary credentials issued
//! by STS AssumeRole (kept in the store).

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use anyhow::Context as _;
use async_trait::async_trait;
use sclocal_core::store::Store;
use sclocal_protocol::sigv4::{Credential, Secret};
use sclocal_protocol::Identities;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CredentialsFile {
    credentials: Vec<CredentialEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CredentialEntry {
    access_key_id: String,
    secret_access_key: String,
    account_id: String,
    principal_arn: Option<String>,
}

/// The server's credential source.
pub struct ServerIdentities {
    keys: HashMap<String, Credential>,
    store: Arc<dyn Store>,
}

impl ServerIdentities {
    /// Keys from `file` (if any) plus the store's sessions.
    ///
    /// # Errors
    /// When the file cannot be read or parsed, or names an account that is not 12 digits.
    pub fn load(file: Option<&Path>, store: Arc<dyn Store>) -> anyhow::Result<Self> {
        let mut keys = HashMap::new();
        if let Some(path) = file {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading credentials file {}", path.display()))?;
            let parsed: CredentialsFile = serde_yaml::from_str(&text)
                .with_context(|| format!("parsing credentials file {}", path.display()))?;
            for entry in parsed.credentials {
                anyhow::ensure!(
                    entry.account_id.len() == 12
                        && entry.account_id.bytes().all(|b| b.is_ascii_digit()),
                    "credentials file {}: account_id {:?} is not 12 digits",
                    path.display(),
                    entry.account_id
                );
                keys.insert(
                    entry.access_key_id,
                    Credential {
                        secret_access_key: Secret::new(entry.secret_access_key),
                        account_id: entry.account_id,
                        principal_arn: entry.principal_arn,
                    },
                );
            }
        }
        Ok(ServerIdentities { keys, store })
    }
}

#[async_trait]
impl Identities for ServerIdentities {
    async fn credential(&self, access_key_id: &str) -> Option<Credential> {
        if let Some(c) = self.keys.get(access_key_id) {
            return Some(c.clone());
        }
        match self.store.session(access_key_id).await {
            Ok(Some(s)) => Some(Credential {
                secret_access_key: Secret::new(s.secret_access_key),
                account_id: s.account.to_string(),
                principal_arn: Some(s.principal_arn),
            }),
            Ok(None) => None,
            Err(e) => {
                tracing::error!(error = %e, "looking up a session");
                None
            }
        }
    }
}
