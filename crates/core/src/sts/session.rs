//! Minting temporary credentials (governance.md §9 "Common rules"): an `ASIA` key that decodes
//! to the account the session acts as (protocol.md §7), a 40-character secret, an opaque
//! session token of several hundred characters in AWS's `IQoJb3JpZ2lu…` form, stored so the
//! key authenticates and acts as its principal in every service.

use base64::Engine as _;
use sclocal_api::access_key::access_key_for_account;
use sclocal_api::primitives::Timestamp;
use sclocal_api::sts::Credentials;
use sclocal_api::ServiceError;

use crate::ids::AccountId;
use crate::store::SessionRecord;
use crate::Emulator;

/// The session a mint asks for.
#[derive(Debug, Clone)]
pub(crate) struct NewSession {
    /// The account the credentials act as.
    pub account: AccountId,
    /// The principal they act as.
    pub principal_arn: String,
    /// Lifetime in seconds.
    pub duration_secs: i64,
    /// Scoped policies the session carries.
    pub scoped_policies: u32,
    /// Its source identity.
    pub source_identity: Option<String>,
}

/// Stores a new session and answers its `Credentials`.
pub(crate) async fn mint(em: &Emulator, new: NewSession) -> Result<Credentials, ServiceError> {
    let mut entropy = [0u8; 16];
    em.ids.fill(&mut entropy);
    let access_key_id = access_key_for_account("ASIA", new.account.as_str(), &entropy);
    let mut secret = [0u8; 30];
    em.ids.fill(&mut secret);
    let mut token = [0u8; 300];
    em.ids.fill(&mut token);
    let b64 = base64::engine::general_purpose::STANDARD;
    let expires_ms = em.now() + new.duration_secs * 1000;
    let record = SessionRecord {
        access_key_id,
        // 30 bytes are exactly 40 base64 characters, as AWS's secrets are long.
        secret_access_key: b64.encode(secret),
        session_token: format!("IQoJb3JpZ2luX2VjE{}", b64.encode(token)),
        account: new.account,
        principal_arn: new.principal_arn,
        expires_ms,
        scoped_policies: new.scoped_policies,
        source_identity: new.source_identity,
    };
    let stored = record.clone();
    em.store
        .write(move |tx| Ok(tx.insert_session(&stored)?))
        .await?;
    Ok(Credentials {
        access_key_id: record.access_key_id,
        secret_access_key: record.secret_access_key,
        session_token: record.session_token,
        expiration: Timestamp::from_millis(expires_ms),
    })
}

/// The session behind the caller's access key, when it signed with temporary credentials
/// STS issued.
pub(crate) async fn calling_session(
    em: &Emulator,
    access_key_id: Option<&str>,
) -> Result<Option<SessionRecord>, ServiceError> {
    let Some(key) = access_key_id.filter(|k| k.starts_with("ASIA")) else {
        return Ok(None);
    };
    let key = key.to_string();
    em.store.read(move |tx| Ok(tx.session(&key)?)).await
}
