//! The storage contract: core decides, the store stores.
//!
//! Every operation runs its behaviour — reads, checks, decisions, writes — in core, inside one
//! unit of work that the store runs atomically: `em.store.write(|tx| …)` for a transaction,
//! `em.store.read(|tx| …)` for a consistent snapshot. The store offers only primitives over
//! its records (`tx.portfolio(…)`, `tx.insert_share(…)`), split by domain into `…Reads` and
//! `…Writes` traits; an engine (SQLite today) implements them in SQL, once, and runs the
//! units of work. So a rule is written once, in core, whatever the engine, and it holds under
//! concurrency because it is checked inside the transaction that writes (engines with
//! concurrent writers serialize the units that decide on the same thing through
//! [`WriteTx::lock`]).
//!
//! Keys are domain ids, states are enums, page cursors are opaque ([`Cursor`]).

use std::any::Any;
use std::future::Future;
use std::pin::Pin;

use async_trait::async_trait;
use sclocal_api::ServiceError;

use crate::ids::{AccountId, OrgId, PortfolioId, ProvisionedProductId};

mod copy_products;
mod error;
mod jobs;
mod organizations;
mod page;
mod plans;
mod policies;
mod portfolio;
mod products;
mod provisioning;
mod service_actions;
mod session;
mod share_ops;
mod shares;
mod vending;

pub use copy_products::*;
pub use error::*;
pub use jobs::*;
pub use organizations::*;
pub use page::*;
pub use plans::*;
pub use policies::*;
pub use portfolio::*;
pub use products::*;
pub use provisioning::*;
pub use service_actions::*;
pub use session::*;
pub use share_ops::*;
pub use shares::*;
pub use vending::*;

/// What a unit of work that writes serializes on, in engines with concurrent writers (the
/// thing its rule decides about).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lock<'a> {
    /// Quotas and idempotency tokens of an account in a region.
    AccountRegion(&'a AccountId, &'a str),
    /// A portfolio's shares (the one-share-action-at-a-time rule, the share quota).
    Portfolio(&'a PortfolioId),
    /// An organization's membership and quotas.
    Organization(&'a OrgId),
    /// An account's membership (it joins one organization at most).
    Account(&'a AccountId),
    /// A provisioned product's state (one operation on it at a time).
    ProvisionedProduct(&'a ProvisionedProductId),
}

impl Lock<'_> {
    /// The key engines lock on.
    pub fn key(&self) -> String {
        match self {
            Lock::AccountRegion(a, r) => format!("account/{a}/{r}"),
            Lock::Portfolio(p) => format!("portfolio/{p}"),
            Lock::Organization(o) => format!("organization/{o}"),
            Lock::Account(a) => format!("account/{a}"),
            Lock::ProvisionedProduct(p) => format!("provisioned-product/{p}"),
        }
    }
}

/// Everything a unit of work may read.
pub trait ReadTx:
    PortfolioReads
    + ShareReads
    + ShareOpReads
    + OrganizationReads
    + PolicyReads
    + ProductReads
    + ProvisioningReads
    + PlanReads
    + ServiceActionReads
    + CopyProductReads
    + SessionReads
    + JobReads
    + VendingReads
{
}

impl<T> ReadTx for T where
    T: PortfolioReads
        + ShareReads
        + ShareOpReads
        + OrganizationReads
        + PolicyReads
        + ProductReads
        + ProvisioningReads
        + PlanReads
        + ServiceActionReads
        + CopyProductReads
        + SessionReads
        + JobReads
        + VendingReads
        + ?Sized
{
}

/// Everything a unit of work may read and write.
pub trait WriteTx:
    ReadTx
    + PortfolioWrites
    + ShareWrites
    + ShareOpWrites
    + OrganizationWrites
    + PolicyWrites
    + ProductWrites
    + ProvisioningWrites
    + PlanWrites
    + ServiceActionWrites
    + CopyProductWrites
    + SessionWrites
    + JobWrites
    + VendingWrites
{
    /// Serializes this unit of work with every other one that locks the same thing, until it
    /// commits. Engines with a single writer need do nothing.
    fn lock(&self, lock: Lock<'_>) -> Result<(), StoreError>;
}

/// A unit of work's answer, type-erased so that [`Store`] stays object-safe.
pub type Answer = Result<Box<dyn Any + Send>, ServiceError>;
/// A read unit of work, boxed.
pub type ReadUnit = Box<dyn FnOnce(&dyn ReadTx) -> Answer + Send>;
/// A write unit of work, boxed.
pub type WriteUnit = Box<dyn FnOnce(&dyn WriteTx) -> Answer + Send>;

/// A future the store returns.
pub type StoreFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Everything the emulator persists: runs units of work.
#[async_trait]
pub trait Store: Send + Sync + 'static {
    /// Runs `unit` on a consistent snapshot.
    fn run_read(&self, unit: ReadUnit) -> StoreFuture<'_, Answer>;

    /// Runs `unit` as one atomic transaction and answers once it is durable; when `unit`
    /// fails (or panics) nothing it did is kept.
    fn run_write(&self, unit: WriteUnit) -> StoreFuture<'_, Answer>;

    /// Wipes all state.
    async fn reset(&self) -> Result<(), StoreError>;
}

impl dyn Store {
    /// Runs `f` on a consistent snapshot of the state.
    pub async fn read<T, F>(&self, f: F) -> Result<T, ServiceError>
    where
        T: Send + 'static,
        F: FnOnce(&dyn ReadTx) -> Result<T, ServiceError> + Send + 'static,
    {
        let answer = self
            .run_read(Box::new(move |tx| {
                f(tx).map(|v| Box::new(v) as Box<dyn Any + Send>)
            }))
            .await?;
        Ok(unbox(answer))
    }

    /// Runs `f` as one atomic unit of work: everything it writes is kept if it answers `Ok`,
    /// nothing if it answers `Err`.
    pub async fn write<T, F>(&self, f: F) -> Result<T, ServiceError>
    where
        T: Send + 'static,
        F: FnOnce(&dyn WriteTx) -> Result<T, ServiceError> + Send + 'static,
    {
        let answer = self
            .run_write(Box::new(move |tx| {
                f(tx).map(|v| Box::new(v) as Box<dyn Any + Send>)
            }))
            .await?;
        Ok(unbox(answer))
    }
}

fn unbox<T: 'static>(answer: Box<dyn Any + Send>) -> T {
    match answer.downcast::<T>() {
        Ok(v) => *v,
        // The engine hands back exactly the box the unit of work made.
        Err(_) => unreachable!("a unit of work's answer changed type in the store"),
    }
}
