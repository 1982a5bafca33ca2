//! Account vending (provisioning.md §21): the Account Factory a bootstrap made in a
//! management account, and the vending operations under way, which hold one of the five
//! slots Control Tower runs at once (§21.3).

use super::error::StoreError;
use crate::ids::{AccountId, ArtifactId, OrgId, PortfolioId, ProductId, RecordId};

/// The Account Factory of one management account and region (§21.1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountFactoryRecord {
    /// The "AWS Control Tower Account Factory" product.
    pub product_id: ProductId,
    /// The management account that owns it.
    pub account: AccountId,
    /// Its home region.
    pub region: String,
    /// The organization it vends accounts into.
    pub org_id: OrgId,
    /// The "AWS Control Tower Account Factory Portfolio".
    pub portfolio_id: PortfolioId,
    /// Its provisioning artifact.
    pub artifact_id: ArtifactId,
}

/// Reading Account Factories and vending slots.
pub trait VendingReads {
    /// The Account Factory whose product is `product`.
    fn account_factory(
        &self,
        product: &ProductId,
    ) -> Result<Option<AccountFactoryRecord>, StoreError>;

    /// The Account Factory of `account` in `region`.
    fn account_factory_in(
        &self,
        account: &AccountId,
        region: &str,
    ) -> Result<Option<AccountFactoryRecord>, StoreError>;

    /// When the vending record `record` took its slot, if it holds one.
    fn vending_slot(&self, record: &RecordId) -> Result<Option<i64>, StoreError>;

    /// How many vending slots the records of `account` hold.
    fn vending_slots_taken(&self, account: &AccountId) -> Result<usize, StoreError>;
}

/// Writing Account Factories and vending slots.
pub trait VendingWrites {
    /// Records an Account Factory (once per product; a second insert changes nothing).
    fn insert_account_factory(&self, factory: &AccountFactoryRecord) -> Result<(), StoreError>;

    /// `record`, of `account`, takes a vending slot at `now_ms` (again: nothing changes).
    fn take_vending_slot(
        &self,
        record: &RecordId,
        account: &AccountId,
        now_ms: i64,
    ) -> Result<(), StoreError>;

    /// `record` gives its slot back.
    fn free_vending_slot(&self, record: &RecordId) -> Result<(), StoreError>;
}
