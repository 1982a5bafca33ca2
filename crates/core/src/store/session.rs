//! Temporary credentials.

use async_trait::async_trait;

use super::StoreError;
use crate::ids::AccountId;

/// Temporary credentials issued by STS AssumeRole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    /// `ASIA…` access key id.
    pub access_key_id: String,
    /// Secret access key.
    pub secret_access_key: String,
    /// Session token.
    pub session_token: String,
    /// The role's account.
    pub account: AccountId,
    /// `arn:aws:sts::<account>:assumed-role/<role>/<session>`.
    pub principal_arn: String,
    /// Expiry, epoch milliseconds.
    pub expires_ms: i64,
}

/// Session units of work.
#[async_trait]
pub trait SessionStore: Send + Sync {
    /// Stores temporary credentials.
    async fn insert_session(&self, session: &SessionRecord) -> Result<(), StoreError>;

    /// Temporary credentials by access key id.
    async fn session(&self, access_key_id: &str) -> Result<Option<SessionRecord>, StoreError>;
}
