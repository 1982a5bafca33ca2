//! Portfolio shares and the share operations that fan them out.

use async_trait::async_trait;

/// Share units of work.
#[async_trait]
pub trait ShareStore: Send + Sync {}
