//! What can go wrong in the store.

use sclocal_api::{InternalError, ServiceError};

/// A storage failure: the backend failed (I/O, corruption, a bug in a query). Refusals are
/// not storage failures; they are decided in core and returned as `ServiceError`s.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The backend failed.
    #[error("storage backend: {0}")]
    Backend(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl From<StoreError> for ServiceError {
    fn from(e: StoreError) -> Self {
        ServiceError::Internal(InternalError::new("store", e))
    }
}
