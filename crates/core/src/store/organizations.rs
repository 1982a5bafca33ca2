//! AWS Organizations state: organizations, roots, OUs, accounts, handshakes, trusted access,
//! delegated administrators, tags. The first methods below are what Service Catalog sharing
//! reads; the rest serve the Organizations API.

use async_trait::async_trait;

use super::StoreError;
use crate::ids::AccountId;

/// The service principal of Service Catalog in Organizations' trusted-access and
/// delegated-administrator lists.
pub const SERVICE_CATALOG_PRINCIPAL: &str = "servicecatalog.amazonaws.com";

/// Where an account sits in its organization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Membership {
    /// `o-…`.
    pub org_id: String,
    /// The organization's management account.
    pub management_account: AccountId,
    /// `r-…`.
    pub root_id: String,
    /// OU ids from the root's child down to the account's parent (empty under the root).
    pub ou_path: Vec<String>,
}

impl Membership {
    /// Whether `account` is this organization's management account.
    pub fn is_management(&self, account: &AccountId) -> bool {
        self.management_account == *account
    }
}

/// Organizations units of work.
#[async_trait]
pub trait OrganizationStore: Send + Sync {
    /// The organization `account` belongs to (as management account or member) and its place.
    async fn membership(&self, account: &AccountId) -> Result<Option<Membership>, StoreError>;

    /// Whether `account` is a registered delegated administrator of `org_id` for
    /// `service_principal`.
    async fn is_delegated_admin(
        &self,
        org_id: &str,
        account: &AccountId,
        service_principal: &str,
    ) -> Result<bool, StoreError>;

    /// Whether trusted access for `service_principal` is enabled in `org_id`.
    async fn service_access_enabled(
        &self,
        org_id: &str,
        service_principal: &str,
    ) -> Result<bool, StoreError>;

    /// Whether `ou_id` is an organizational unit of `org_id`.
    async fn ou_in_org(&self, org_id: &str, ou_id: &str) -> Result<bool, StoreError>;

    /// Every account under an OU at any depth (`Some(ou)`), or in the whole organization
    /// (`None`), management account included, in a stable order.
    async fn accounts_under(
        &self,
        org_id: &str,
        ou_id: Option<&str>,
    ) -> Result<Vec<AccountId>, StoreError>;
}
