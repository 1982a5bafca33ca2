//! Organizations on SQLite.

use async_trait::async_trait;
use sclocal_core::ids::AccountId;
use sclocal_core::store::{Membership, OrganizationStore, StoreError};

use super::SqliteStore;

// Not emulated yet: no account belongs to an organization.
#[async_trait]
impl OrganizationStore for SqliteStore {
    async fn membership(&self, _account: &AccountId) -> Result<Option<Membership>, StoreError> {
        Ok(None)
    }

    async fn is_delegated_admin(
        &self,
        _org_id: &str,
        _account: &AccountId,
        _service_principal: &str,
    ) -> Result<bool, StoreError> {
        Ok(false)
    }

    async fn service_access_enabled(
        &self,
        _org_id: &str,
        _service_principal: &str,
    ) -> Result<bool, StoreError> {
        Ok(false)
    }

    async fn ou_in_org(&self, _org_id: &str, _ou_id: &str) -> Result<bool, StoreError> {
        Ok(false)
    }

    async fn accounts_under(
        &self,
        _org_id: &str,
        _ou_id: Option<&str>,
    ) -> Result<Vec<AccountId>, StoreError> {
        Ok(Vec::new())
    }
}
