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
use sclocal_api::{InternalError, ServiceError};

use crate::ids::{AccountId, OrgId, PortfolioId};

mod jobs;
mod organizations;
mod portfolio;
mod products;
mod session;
mod shares;

pub use jobs::*;
pub use organizations::*;
pub use portfolio::*;
pub use products::*;
pub use session::*;
pub use shares::*;

/// A storage failure: the backend failed (I/O, corruption, a bug in a query). Refusals are
/// not storage failures; they are decided in core and returned as `ServiceError`s.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The backend failed.
    #[error("storage backend: {0}")]
    Backend(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl From<StoreError> for ServiceError {
    fn from(e: StoreError) -> Self {
        ServiceError::Internal(InternalError::new("store", e))
    }
}

/// What an insert did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inserted<T> {
    /// A new record was written.
    New(T),
    /// A record with the same idempotency key already existed; nothing was written.
    Existing(T),
    /// The quota was reached; nothing was written.
    LimitReached,
}

/// Where a page ends, as the engine that made it understands it. Core only carries it (page
/// tokens wrap it, bound to their list); it never looks inside.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Cursor(i64);

impl Cursor {
    /// A cursor at an engine's position.
    pub fn new(position: i64) -> Self {
        Cursor(position)
    }

    /// The engine's position.
    pub fn position(self) -> i64 {
        self.0
    }
}

/// A page of records and the cursor to continue after the last one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    /// The records.
    pub items: Vec<T>,
    /// Where the next page starts, if there is one.
    pub next: Option<Cursor>,
}

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
}

impl Lock<'_> {
    /// The key engines lock on.
    pub fn key(&self) -> String {
        match self {
            Lock::AccountRegion(a, r) => format!("account/{a}/{r}"),
            Lock::Portfolio(p) => format!("portfolio/{p}"),
            Lock::Organization(o) => format!("organization/{o}"),
            Lock::Account(a) => format!("account/{a}"),
        }
    }
}

/// Everything a unit of work may read.
pub trait ReadTx:
    PortfolioReads + ShareReads + OrganizationReads + ProductReads + SessionReads + JobReads
{
}

impl<T> ReadTx for T where
    T: PortfolioReads
        + ShareReads
        + OrganizationReads
        + ProductReads
        + SessionReads
        + JobReads
        + ?Sized
{
}

/// Everything a unit of work may read and write.
pub trait WriteTx:
    ReadTx
    + PortfolioWrites
    + ShareWrites
    + OrganizationWrites
    + ProductWrites
    + SessionWrites
    + JobWrites
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
