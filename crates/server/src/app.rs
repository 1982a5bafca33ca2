//! Wiring: the store, the emulator, the protocol handler (with its operation hook), the HTTP
//! routes and the share worker. Route precedence lives here: the admin endpoints
//! (`admin.rs`), then everything else to the AWS protocols (`aws.rs`).

use std::sync::Arc;

use anyhow::Context as _;
use axum::{middleware, Router};
use sclocal_api::hook::{Hooks, OperationHook};
use sclocal_core::clock::{Clock, IdSource, RandomIds, SystemClock};
use sclocal_core::faults::{FaultHook, FaultSet};
use sclocal_core::hook::EmulatorHook;
use sclocal_core::store::Store;
use sclocal_core::{Emulator, Settings};
use sclocal_protocol::{AuthSettings, Handler, Services};
use sclocal_store::{PostgresStore, SqliteStore};

use crate::admin::{self, Admin};
use crate::admin_door::{self, AdminDoor};
use crate::aws::{self, Aws};
use crate::config::Config;
use crate::console::{self, Console};
use crate::identities::ServerIdentities;
use crate::templates::TemplateDir;
use crate::worker::WorkerSignal;

/// The built application: what the routes and the worker share.
#[derive(Clone)]
pub struct App {
    handler: Arc<Handler>,
    emulator: Arc<Emulator>,
    signal: Arc<WorkerSignal>,
    clock: Arc<dyn Clock>,
    ids: Arc<dyn IdSource>,
    faults: Arc<FaultSet>,
    max_body_bytes: usize,
    /// Where state is kept, for the health check.
    store: &'static str,
}

/// Opens the store and builds the application from `config`.
///
/// # Errors
/// When the data directory or credentials file cannot be used.
pub fn build_app(config: &Config) -> anyhow::Result<App> {
    let (store, kind) = open_store(config)?;
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let ids: Arc<dyn IdSource> = Arc::new(RandomIds::default());
    let settings = Settings {
        portfolio_limit: config.portfolio_limit,
        account_share_limit: config.shared_accounts_limit,
        fanout_batch: config.share_fanout_batch,
        share_processing_delay_ms: i64::try_from(config.share_processing_delay.as_millis())
            .unwrap_or(i64::MAX),
        org_account_limit: config.org_account_limit,
        create_account_delay_ms: i64::try_from(config.create_account_delay_ms).unwrap_or(i64::MAX),
        provisioning_delay_ms: i64::try_from(config.provisioning_delay.as_millis())
            .unwrap_or(i64::MAX),
        ..Settings::default()
    };
    let signal = Arc::new(WorkerSignal::default());
    let mut emulator = sclocal_core::new(store.clone(), clock.clone(), ids.clone(), settings)
        .with_signal(signal.clone());
    if let Some(dir) = &config.templates {
        let templates = TemplateDir::open(dir)
            .with_context(|| format!("opening template directory {}", dir.display()))?;
        emulator = emulator.with_templates(Arc::new(templates));
    }
    let emulator = Arc::new(emulator);
    let services = Services {
        catalog: emulator.clone(),
        organizations: emulator.clone(),
        sts: emulator.clone(),
    };
    let identities = Arc::new(ServerIdentities::load(
        config.credentials.as_deref(),
        emulator.clone(),
    )?);
    let auth = AuthSettings {
        mode: config.auth,
        default_account: config.default_account.clone(),
    };
    // Before every operation, in order: the operator's fault rules (a throttled request is
    // refused at the front door, before any policy is read), then SCP enforcement.
    let faults = Arc::new(FaultSet::default());
    let hooks: Vec<Arc<dyn OperationHook>> = vec![
        Arc::new(FaultHook::new(faults.clone(), ids.clone())),
        Arc::new(EmulatorHook::new(emulator.clone(), config.scp_enforcement)),
    ];
    let hook = Arc::new(Hooks::new(hooks));
    Ok(App {
        handler: Arc::new(Handler::new(services, auth, identities, hook)),
        emulator,
        signal,
        clock,
        ids,
        faults,
        max_body_bytes: config.max_body_bytes,
        store: kind,
    })
}

/// The store `config` names: a PostgreSQL database shared with other instances
/// (`--database-url`), an in-memory SQLite database, or a SQLite file in the data directory;
/// and its kind as the health check reports it.
fn open_store(config: &Config) -> anyhow::Result<(Arc<dyn Store>, &'static str)> {
    if let Some(url) = &config.database_url {
        let store = PostgresStore::open(url).context("opening the PostgreSQL database")?;
        return Ok((Arc::new(store), "postgres"));
    }
    if config.in_memory {
        return Ok((Arc::new(SqliteStore::in_memory()?), "memory"));
    }
    std::fs::create_dir_all(&config.data_dir)
        .with_context(|| format!("creating data directory {}", config.data_dir.display()))?;
    let path = config.data_dir.join("sclocal.db");
    let store = SqliteStore::open(&path).with_context(|| format!("opening {}", path.display()))?;
    Ok((Arc::new(store), "sqlite"))
}

impl App {
    /// The emulator, for start-up work such as the bootstrap.
    pub fn emulator(&self) -> &Arc<Emulator> {
        &self.emulator
    }

    /// The HTTP routes: the operator's (admin endpoints, fault rules, the console), behind
    /// `door`, first; everything else to the AWS protocols, which the door never guards.
    /// A browser opening `/` is sent to the console.
    pub fn router(self, door: AdminDoor) -> Router {
        let admin = Admin {
            emulator: self.emulator,
            store: self.store,
            faults: self.faults,
        };
        let aws = Aws {
            handler: self.handler,
            clock: self.clock,
            ids: self.ids.clone(),
            max_body_bytes: self.max_body_bytes,
        };
        let console = Console {
            admin: admin.clone(),
            ids: self.ids.clone(),
        };
        let operator = admin::router(admin.clone())
            .merge(crate::fault_rules::router(admin))
            .merge(console::router(console))
            .layer(middleware::from_fn_with_state(
                Arc::new(door),
                admin_door::guard,
            ));
        operator
            .merge(aws::router(aws))
            .layer(middleware::from_fn(console::browser_root))
    }

    /// Starts the share-operation worker; it stops when `shutdown` turns true.
    pub fn spawn_worker(
        &self,
        shutdown: tokio::sync::watch::Receiver<bool>,
    ) -> tokio::task::JoinHandle<()> {
        tokio::spawn(crate::worker::run(
            self.emulator.clone(),
            self.signal.clone(),
            self.clock.clone(),
            shutdown,
        ))
    }
}
