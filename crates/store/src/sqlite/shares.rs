//! Portfolio shares on SQLite.

use async_trait::async_trait;
use sclocal_core::store::ShareStore;

use super::SqliteStore;

#[async_trait]
impl ShareStore for SqliteStore {}
