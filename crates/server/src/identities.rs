//! Where access keys come from: the `--credentials` file, then temporary credentials issued
//! by STS AssumeRole (kept in the store).

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use anyhow::Context as _;
use async_trait::async_trait;
use sclocal_core::sts::session_credentials;
use sclocal_core::Emulator;
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

/// The prefix of the temporary access key ids STS AssumeRole issues, the only keys the
/// store's sessions can hold.
const SESSION_KEY_PREFIX: &str = "ASIA";

/// The server's credential source.
pub struct ServerIdentities {
    keys: HashMap<String, Credential>,
    emulator: Arc<Emulator>,
}

impl ServerIdentities {
    /// Keys from `file` (if any) plus the sessions STS issued.
    ///
    /// # Errors
    /// When the file cannot be read or parsed, or names an account that is not 12 digits.
    pub fn load(file: Option<&Path>, emulator: Arc<Emulator>) -> anyhow::Result<Self> {
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
        Ok(ServerIdentities { keys, emulator })
    }
}

#[async_trait]
impl Identities for ServerIdentities {
    async fn credential(&self, access_key_id: &str) -> Option<Credential> {
        if let Some(c) = self.keys.get(access_key_id) {
            return Some(c.clone());
        }
        // The store only ever holds keys STS AssumeRole issued, and those all start with
        // `ASIA` (`sts::assume_role`); skipping the lookup for every other key keeps a store
        // round trip off the path of most requests.
        if !access_key_id.starts_with(SESSION_KEY_PREFIX) {
            return None;
        }
        match session_credentials(&self.emulator, access_key_id).await {
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

#[cfg(test)]
mod tests {
    use super::*;
    use sclocal_core::clock::{SeqIds, SystemClock};
    use sclocal_core::ids::AccountId;
    use sclocal_core::store::{SessionRecord, Store};
    use sclocal_store::SqliteStore;

    fn session(key: &str) -> SessionRecord {
        SessionRecord {
            access_key_id: key.to_owned(),
            secret_access_key: "s".to_owned(),
            session_token: "t".to_owned(),
            account: AccountId::parse("222222222222").unwrap(),
            principal_arn: "arn:aws:sts::222222222222:assumed-role/r/s".to_owned(),
            expires_ms: i64::MAX,
            scoped_policies: 0,
            source_identity: None,
        }
    }

    #[tokio::test]
    async fn the_file_first_then_sessions_for_asia_keys_only() {
        let store: Arc<dyn Store> = Arc::new(SqliteStore::in_memory().unwrap());
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("credentials.yaml");
        std::fs::write(
            &file,
            "credentials:\n  - access_key_id: ASIAFROMFILE\n    secret_access_key: f\n    account_id: '111111111111'\n",
        )
        .unwrap();
        // Sessions are only ever issued as ASIA keys; any other key is not looked up.
        for key in ["ASIAFROMFILE", "ASIASESSION", "AKIANOTASESSION"] {
            let s = session(key);
            store
                .write(move |tx| Ok(tx.insert_session(&s)?))
                .await
                .unwrap();
        }
        let emulator = Arc::new(sclocal_core::new(
            store,
            Arc::new(SystemClock),
            Arc::new(SeqIds::default()),
            sclocal_core::Settings::default(),
        ));
        let ids = ServerIdentities::load(Some(&file), emulator).unwrap();

        let from_file = ids.credential("ASIAFROMFILE").await.unwrap();
        assert_eq!(from_file.account_id, "111111111111");
        assert_eq!(from_file.secret_access_key.expose(), "f");
        let from_store = ids.credential("ASIASESSION").await.unwrap();
        assert_eq!(from_store.account_id, "222222222222");
        assert_eq!(
            from_store.principal_arn.as_deref(),
            Some("arn:aws:sts::222222222222:assumed-role/r/s")
        );
        assert!(ids.credential("AKIANOTASESSION").await.is_none());
        assert!(ids.credential("ASIAUNKNOWN").await.is_none());
    }
}
