//! Products, principals, TagOptions and constraints on SQLite.

use async_trait::async_trait;
use sclocal_core::store::ProductStore;

use super::SqliteStore;

#[async_trait]
impl ProductStore for SqliteStore {}
