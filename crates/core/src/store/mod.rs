//! The storage contract. Methods are coarse, operation-shaped units of work, each one
//! transaction, so that rules needing atomicity (idempotency, quotas) hold under concurrency.
//! SQL lives only in `sclocal-store`.
//!
//! The contract is split by domain (one sub-trait and file each) so each domain's records and
//! units of work sit together; [`Store`] is all of them.

use async_trait::async_trait;

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

/// A page of records and the cursor to continue after the last one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    /// The records.
    pub items: Vec<T>,
    /// Cursor of the next page, if there is one.
    pub next: Option<i64>,
}

mod organizations;
mod portfolio;
mod products;
mod session;
mod shares;

pub use organizations::*;
pub use portfolio::*;
pub use products::*;
pub use session::*;
pub use shares::*;

/// Everything the emulator persists.
#[async_trait]
pub trait Store:
    PortfolioStore
    + SessionStore
    + OrganizationStore
    + ShareStore
    + ProductStore
    + Send
    + Sync
    + 'static
{
    /// Wipes all state.
    async fn reset(&self) -> Result<(), StoreError>;
}
