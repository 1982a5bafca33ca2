//! Portfolios.

use async_trait::async_trait;

use super::{Inserted, Page, StoreError};
use crate::ids::{AccountId, Scope};

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

/// Portfolio units of work.
#[async_trait]
pub trait PortfolioStore: Send + Sync {
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

    /// Every portfolio of every account and region, in creation order, starting after
    /// `cursor` (the access report reads the whole catalog).
    async fn all_portfolios(
        &self,
        cursor: i64,
        limit: usize,
    ) -> Result<Page<PortfolioRecord>, StoreError>;
}
