//! The emulator: state, clock and id source, and the settings that shape behaviour.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use sclocal_api::{InternalError, RequestContext, ServiceError};

use crate::clock::{alnum_chars, Clock, IdSource};
use crate::cloudformation::{NoTemplates, TemplateSource};
use crate::events::{NoEvents, OrgEventSink};
use crate::ids::{partition_of, AccountId, Scope, ShareToken};
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
    /// How long a CreateAccount request stays IN_PROGRESS, in milliseconds
    /// (organizations-behavior.md §6.1; default 0).
    pub create_account_delay_ms: i64,
    /// How long a worker holds a job it claimed before another may take it over.
    pub job_lease_ms: i64,
    /// Least time a provisioning record stays unfinished, in milliseconds
    /// (`--provisioning-delay`, provisioning.md §1), so clients can test their waiters.
    pub provisioning_delay_ms: i64,
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
            job_lease_ms: crate::jobs::DEFAULT_LEASE_MS,
            provisioning_delay_ms: 0,
        }
    }
}

/// Wakes whoever processes background jobs when new work is committed.
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

/// The audience of the share operation a worker is fanning out, kept between its steps so
/// they do not walk the organization again. Only an optimisation: another worker (or this
/// one after a restart) computes it anew.
pub(crate) type AudienceCache = Mutex<Option<(ShareToken, Arc<Vec<AccountId>>)>>;

/// Implements `ServiceCatalog`, `Organizations` and `Sts` over a [`Store`].
pub struct Emulator {
    pub(crate) store: Arc<dyn Store>,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) ids: Arc<dyn IdSource>,
    pub(crate) settings: Settings,
    pub(crate) signal: Arc<dyn JobSignal>,
    /// Where Organizations reports changes that other services react to.
    pub(crate) org_events: Arc<dyn OrgEventSink>,
    /// This emulator's name as a job-lease holder (unique per process).
    pub(crate) worker: String,
    pub(crate) audiences: AudienceCache,
    /// Grows after every committed Organizations change (tree, membership, policies,
    /// attachments, policy types): what SCP decisions cached per account are checked against,
    /// so a change applies to the very next request (governance.md §3).
    org_epoch: AtomicU64,
    /// Where provisioning artifacts' template files are read (`--templates DIR`).
    pub(crate) templates: Arc<dyn TemplateSource>,
}

impl std::fmt::Debug for Emulator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Emulator")
            .field("settings", &self.settings)
            .field("worker", &self.worker)
            .finish_non_exhaustive()
    }
}

impl Emulator {
    /// An emulator over `store` whose Organizations events reach nobody; `sclocal_core::new`
    /// builds one wired to Service Catalog.
    pub fn new(
        store: Arc<dyn Store>,
        clock: Arc<dyn Clock>,
        ids: Arc<dyn IdSource>,
        settings: Settings,
    ) -> Self {
        let worker = format!("worker-{}", alnum_chars(ids.as_ref(), 12));
        Emulator {
            store,
            clock,
            ids,
            settings,
            signal: Arc::new(NoSignal),
            org_events: Arc::new(NoEvents),
            worker,
            audiences: Mutex::new(None),
            org_epoch: AtomicU64::new(0),
            templates: Arc::new(NoTemplates),
        }
    }

    /// Sets where template files are read (`--templates DIR`); without it every artifact
    /// stays opaque.
    #[must_use]
    pub fn with_templates(mut self, templates: Arc<dyn TemplateSource>) -> Self {
        self.templates = templates;
        self
    }

    /// Sets who is woken when background work is queued.
    #[must_use]
    pub fn with_signal(mut self, signal: Arc<dyn JobSignal>) -> Self {
        self.signal = signal;
        self
    }

    /// Sets who hears about Organizations changes.
    #[must_use]
    pub fn with_org_events(mut self, sink: Arc<dyn OrgEventSink>) -> Self {
        self.org_events = sink;
        self
    }

    /// The store, for the server's credential lookups.
    pub fn store(&self) -> &Arc<dyn Store> {
        &self.store
    }

    /// This emulator's name as a job-lease holder (the health check reports it, so that an
    /// operator can tell which instance holds a job).
    pub fn worker(&self) -> &str {
        &self.worker
    }

    /// The settings.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The Organizations epoch: it changes whenever organization state may have changed.
    pub fn org_epoch(&self) -> u64 {
        self.org_epoch.load(Ordering::Acquire)
    }

    /// Marks organization state as changed (after the change committed).
    pub(crate) fn org_changed(&self) {
        self.org_epoch.fetch_add(1, Ordering::AcqRel);
    }

    /// Runs an Organizations unit of work like `store.write`, then moves the epoch on, so
    /// whatever it changed reaches the next request's SCP decision. Every write of
    /// organization state goes through here.
    pub(crate) async fn org_write<T, F>(&self, f: F) -> Result<T, ServiceError>
    where
        T: Send + 'static,
        F: FnOnce(&dyn crate::store::WriteTx) -> Result<T, ServiceError> + Send + 'static,
    {
        let answer = self.store.write(f).await;
        self.org_changed();
        answer
    }

    /// The current time, epoch milliseconds.
    pub(crate) fn now(&self) -> i64 {
        self.clock.now_millis()
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
            partition: partition_of(&cx.region),
            region: cx.region.clone(),
        })
    }
}
