//! The storage contract. Methods are coarse, operation-shaped units of work, each one
//! transaction, so that rules needing atomicity (idempotency, quotas) hold under concurrency.
//! SQL lives only in `sclocal-store`.

use async_trait::async_trait;

use crate::ids::{AccountId, Scope};

/// A storage failure.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The backend failed (I/O, corruption, a bug in a query).
    #[error("storage backend: {0}")]
    Backend(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl From<StoreError> for sclocal_api::ServiceError {
    fn from(e: StoreError) -> Self {
        sclocal_api::ServiceError::Internal(sclocal_api::InternalError::new("store", e))
    }
}

/// A portfolio as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortfolioRecord {
    /// `port-…`.
    pub id: String,
    /// Owner account and region.
    pub owner: AccountId,
    /// Region.
    pub region: String,
    /// ARN.
    pub arn: String,
    /// DisplayName.
    pub display_name: String,
    /// Description.
    pub description: Option<String>,
    /// ProviderName.
    pub provider_name: String,
    /// Creation time, epoch milliseconds.
    pub created_ms: i64,
    /// Tags in insertion order.
    pub tags: Vec<(String, String)>,
    /// The IdempotencyToken it was created with.
    pub idempotency_token: Option<String>,
}

/// What an insert did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inserted<T> {
    /// A new record was written.
    New(T),
    /// A record with the same idempotency key already existed; nothing was written.
    Existing(T),
    /// The quota was reached; nothing was written.
    LimitReached,
}

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

/// A page of records and the cursor to continue after the last one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    /// The records.
    pub items: Vec<T>,
    /// Cursor of the next page, if there is one.
    pub next: Option<i64>,
}

/// Everything the emulator persists.
#[async_trait]
pub trait Store: Send + Sync + 'static {
    /// Inserts a portfolio unless one with the same (owner, region, idempotency token) exists
    /// (then returns it), or unless the owner already has `limit` portfolios in the region.
    async fn insert_portfolio(
        &self,
        portfolio: &PortfolioRecord,
        limit: usize,
    ) -> Result<Inserted<PortfolioRecord>, StoreError>;

    /// A portfolio by id in a region, whoever owns it.
    async fn portfolio(
        &self,
        region: &str,
        id: &str,
    ) -> Result<Option<PortfolioRecord>, StoreError>;

    /// Replaces a portfolio's mutable fields.
    async fn update_portfolio(&self, portfolio: &PortfolioRecord) -> Result<(), StoreError>;

    /// Deletes a portfolio; returns whether it existed.
    async fn delete_portfolio(&self, region: &str, id: &str) -> Result<bool, StoreError>;

    /// The portfolios a scope owns, in creation order, starting after `cursor`.
    async fn list_portfolios(
        &self,
        scope: &Scope,
        cursor: i64,
        limit: usize,
    ) -> Result<Page<PortfolioRecord>, StoreError>;

    /// Stores temporary credentials.
    async fn insert_session(&self, session: &SessionRecord) -> Result<(), StoreError>;

    /// Temporary credentials by access key id.
    async fn session(&self, access_key_id: &str) -> Result<Option<SessionRecord>, StoreError>;

    /// Wipes all state.
    async fn reset(&self) -> Result<(), StoreError>;
}
