//! Portfolios.

use super::error::StoreError;
use super::page::{Cursor, Page};
use crate::ids::{AccountId, PortfolioId};
use crate::tags::Tags;

/// A portfolio as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortfolioRecord {
    /// `port-…`.
    pub id: PortfolioId,
    /// Owner account.
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
    pub tags: Tags,
    /// The IdempotencyToken it was created with.
    pub idempotency_token: Option<String>,
}

/// Reading portfolios.
pub trait PortfolioReads {
    /// A portfolio by id in a region, whoever owns it.
    fn portfolio(
        &self,
        region: &str,
        id: &PortfolioId,
    ) -> Result<Option<PortfolioRecord>, StoreError>;

    /// The portfolio an owner created in a region with an idempotency token.
    fn portfolio_by_token(
        &self,
        owner: &AccountId,
        region: &str,
        token: &str,
    ) -> Result<Option<PortfolioRecord>, StoreError>;

    /// How many portfolios an owner has in a region.
    fn portfolio_count(&self, owner: &AccountId, region: &str) -> Result<usize, StoreError>;

    /// An owner's portfolios in a region, in creation order, after `after`.
    fn portfolios_of(
        &self,
        owner: &AccountId,
        region: &str,
        after: Option<Cursor>,
        limit: usize,
    ) -> Result<Page<PortfolioRecord>, StoreError>;

    /// The regions that hold at least one portfolio, in order.
    fn portfolio_regions(&self) -> Result<Vec<String>, StoreError>;

    /// Every portfolio of every account and region, in creation order, after `after` (the
    /// access report reads the whole catalog).
    fn all_portfolios(
        &self,
        after: Option<Cursor>,
        limit: usize,
    ) -> Result<Page<PortfolioRecord>, StoreError>;
}

/// Writing portfolios.
pub trait PortfolioWrites {
    /// Inserts a portfolio.
    fn insert_portfolio(&self, portfolio: &PortfolioRecord) -> Result<(), StoreError>;

    /// Replaces a portfolio's mutable fields (names, description, tags).
    fn update_portfolio(&self, portfolio: &PortfolioRecord) -> Result<(), StoreError>;

    /// Deletes a portfolio; whether it existed.
    fn delete_portfolio(&self, region: &str, id: &PortfolioId) -> Result<bool, StoreError>;
}
