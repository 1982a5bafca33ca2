//! Products, provisioning artifacts, principal associations, TagOptions and constraints.

use async_trait::async_trait;

/// Product units of work.
#[async_trait]
pub trait ProductStore: Send + Sync {}
