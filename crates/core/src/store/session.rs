//! Temporary credentials.

use super::error::StoreError;
use crate::ids::AccountId;

/// Temporary credentials issued by STS.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    /// `ASIA…` access key id.
    pub access_key_id: String,
    /// Secret access key.
    pub secret_access_key: String,
    /// Session token.
    pub session_token: String,
    /// The account the credentials act as.
    pub account: AccountId,
    /// The principal they act as (`arn:aws:sts::<account>:assumed-role/<role>/<session>`).
    pub principal_arn: String,
    /// Expiry, epoch milliseconds.
    pub expires_ms: i64,
    /// Scoped policies the session carries (GetScopedCredentials; 0 otherwise).
    pub scoped_policies: u32,
    /// The session's source identity, carried into scoped sessions.
    pub source_identity: Option<String>,
}

/// Reading sessions.
pub trait SessionReads {
    /// Temporary credentials by access key id.
    fn session(&self, access_key_id: &str) -> Result<Option<SessionRecord>, StoreError>;
}

/// Writing sessions.
pub trait SessionWrites {
    /// Stores temporary credentials.
    fn insert_session(&self, session: &SessionRecord) -> Result<(), StoreError>;
}
