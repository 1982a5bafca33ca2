//! The emulator: state, clock and id source, and the settings that shape behaviour.

use std::sync::Arc;

use sclocal_api::{InternalError, RequestContext, ServiceError};

use crate::clock::{Clock, IdSource};
use crate::ids::{AccountId, Scope};
use crate::store::Store;

/// Tunables that differ from AWS's defaults only when a user asks.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Portfolios per account and region (AWS default quota: 100).
    pub portfolio_limit: usize,
    /// Shared accounts per portfolio (AWS default quota: 5,000).
    pub account_share_limit: usize,
    /// Least time an organization share operation stays unfinished, in milliseconds
    /// (`--share-processing-delay`), so clients can test their polling.
    pub share_processing_delay_ms: i64,
    /// Accounts recorded per fan-out step (one transaction each).
    pub fanout_batch: usize,
    /// Accounts per organization, members plus open invitations (AWS default quota: 10;
    /// organizations-behavior.md §8). The bootstrap ignores it.
    pub org_account_limit: usize,
    /// How long a CreateAccount request stays IN_PROGRESS before the next read completes it,
    /// in milliseconds (organizations-behavior.md §6.1; default 0).
    pub create_account_delay_ms: i64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            portfolio_limit: 100,
            account_share_limit: 5000,
            share_processing_delay_ms: 0,
            fanout_batch: crate::catalog::share::fanout::DEFAULT_BATCH,
            org_account_limit: 10,
            create_account_delay_ms: 0,
        }
    }
}

/// Wakes whoever processes share operations when new work is committed.
pub trait JobSignal: Send + Sync {
    /// New work exists.
    fn notify(&self);
}

/// A signal nobody listens to (tests drain jobs themselves).
#[derive(Debug, Default, Clone, Copy)]
pub struct NoSignal;

impl JobSignal for NoSignal {
    fn notify(&self) {}
}

/// Implements `ServiceCatalog`, `Organizations` and `Sts` over a [`Store`].
pub struct Emulator {
    pub(crate) store: Arc<dyn Store>,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) ids: Arc<dyn IdSource>,
    pub(crate) settings: Settings,
    /// One share-operation step at a time, whoever runs it (worker or drain).
    /// One share-operation step at a time; holds the audience of the operation being fanned
    /// out, so later steps of it do not walk the organization again (lost on restart, and
    /// then computed anew).
    pub(crate) jobs: tokio::sync::Mutex<Option<crate::catalog::share::fanout::Audience>>,
    pub(crate) signal: Arc<dyn JobSignal>,
}

impl std::fmt::Debug for Emulator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Emulator")
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

impl Emulator {
    /// An emulator over `store`.
    pub fn new(
        store: Arc<dyn Store>,
        clock: Arc<dyn Clock>,
        ids: Arc<dyn IdSource>,
        settings: Settings,
    ) -> Self {
        Emulator {
            store,
            clock,
            ids,
            settings,
            jobs: tokio::sync::Mutex::new(None),
            signal: Arc::new(NoSignal),
        }
    }

    /// Sets who is woken when share operations are queued.
    #[must_use]
    pub fn with_signal(mut self, signal: Arc<dyn JobSignal>) -> Self {
        self.signal = signal;
        self
    }

    /// The store, for the server's credential lookups and admin endpoints.
    pub fn store(&self) -> &Arc<dyn Store> {
        &self.store
    }

    /// The caller's account and region.
    pub(crate) fn scope(cx: &RequestContext) -> Result<Scope, ServiceError> {
        let account = AccountId::parse(&cx.account_id).ok_or_else(|| {
            ServiceError::Internal(InternalError::new(
                "request context",
                format!("caller account {:?} is not 12 digits", cx.account_id),
            ))
        })?;
        Ok(Scope {
            account,
            region: cx.region.clone(),
            partition: cx.partition(),
        })
    }
}
