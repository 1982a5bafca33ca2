//! Wiring: the store, the emulator, the protocol handler and the HTTP routes. Route
//! precedence lives here: the admin endpoints, then everything else to the AWS protocols.

use std::sync::Arc;

use anyhow::Context as _;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use sclocal_core::catalog::share::fanout::run_until_idle;
use sclocal_core::clock::{Clock, IdSource, RandomIds, SystemClock};
use sclocal_core::ids::AccountId;
use sclocal_core::store::{ShareFault, Store};
use sclocal_core::{Emulator, Settings};
use sclocal_protocol::rejection::Rejection;
use sclocal_protocol::route::{guess_protocol, Service};
use sclocal_protocol::{AuthSettings, Handler, Reply, Request, Services};
use sclocal_store::SqliteStore;

use crate::config::Config;
use crate::identities::ServerIdentities;
use crate::worker::WorkerSignal;

/// Everything a request needs.
#[derive(Clone)]
pub struct App {
    handler: Arc<Handler>,
    emulator: Arc<Emulator>,
    signal: Arc<WorkerSignal>,
    store: Arc<dyn Store>,
    clock: Arc<dyn Clock>,
    ids: Arc<dyn IdSource>,
    max_body_bytes: usize,
    in_memory: bool,
}

/// Opens the store and builds the application from `config`.
///
/// # Errors
/// When the data directory or credentials file cannot be used.
pub fn build_app(config: &Config) -> anyhow::Result<App> {
    let store: Arc<dyn Store> = if config.in_memory {
        Arc::new(SqliteStore::in_memory()?)
    } else {
        std::fs::create_dir_all(&config.data_dir)
            .with_context(|| format!("creating data directory {}", config.data_dir.display()))?;
        let path = config.data_dir.join("sclocal.db");
        Arc::new(SqliteStore::open(&path).with_context(|| format!("opening {}", path.display()))?)
    };
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
    };
    let signal = Arc::new(WorkerSignal::default());
    let emulator = Arc::new(
        Emulator::new(store.clone(), clock.clone(), ids.clone(), settings)
            .with_signal(signal.clone()),
    );
    let services = Services {
        catalog: emulator.clone(),
        organizations: emulator.clone(),
        sts: emulator.clone(),
    };
    let identities = Arc::new(ServerIdentities::load(
        config.credentials.as_deref(),
        store.clone(),
    )?);
    let auth = AuthSettings {
        mode: config.auth,
        default_account: config.default_account.clone(),
    };
    Ok(App {
        handler: Arc::new(Handler::new(services, auth, identities)),
        emulator,
        signal,
        store,
        clock,
        ids,
        max_body_bytes: config.max_body_bytes,
        in_memory: config.in_memory,
    })
}

impl App {
    /// The emulator, for start-up work such as the bootstrap.
    pub fn emulator(&self) -> &Arc<Emulator> {
        &self.emulator
    }

    /// The HTTP routes.
    pub fn router(self) -> Router {
        Router::new()
            .route("/_sclocal/health", get(health))
            .route("/_sclocal/reset", post(reset))
            // moto's server exposes the same reset; fixtures written for it keep working.
            .route("/moto-api/reset", post(reset))
            .route("/_sclocal/share-faults", get(get_faults).put(put_faults))
            .route("/_sclocal/jobs/drain", post(drain_jobs))
            .route("/_sclocal/access", get(crate::access_report::http))
            .route("/_sclocal/bootstrap", post(crate::bootstrap::http))
            .fallback(aws)
            .with_state(self)
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

    fn request_id(&self) -> String {
        let mut bytes = [0u8; 16];
        self.ids.fill(&mut bytes);
        let mut text = [0u8; uuid::fmt::Hyphenated::LENGTH];
        // The same lowercase hyphenated text as `to_string`, without the formatting machinery.
        uuid::Builder::from_random_bytes(bytes)
            .into_uuid()
            .hyphenated()
            .encode_lower(&mut text)
            .to_owned()
    }
}

async fn health(State(app): State<App>) -> Json<serde_json::Value> {
    Json(serde_json::json!({
        "status": "ok",
        "version": env!("CARGO_PKG_VERSION"),
        "store": if app.in_memory { "memory" } else { "sqlite" },
        "services": ["servicecatalog", "organizations", "sts"],
    }))
}

async fn reset(State(app): State<App>) -> Response {
    match app.store.reset().await {
        Ok(()) => {
            tracing::info!("state reset");
            Json(serde_json::json!({ "status": "reset" })).into_response()
        }
        Err(e) => {
            tracing::error!(error = %e, "reset failed");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                Json(serde_json::json!({ "status": "error" })),
            )
                .into_response()
        }
    }
}

/// `GET /_sclocal/share-faults`: the failures injected into organization share fan-outs.
async fn get_faults(State(app): State<App>) -> Response {
    match app.emulator.store().share_faults().await {
        Ok(faults) => {
            Json(serde_json::json!({ "faults": faults.iter().map(fault_json).collect::<Vec<_>>() }))
                .into_response()
        }
        Err(e) => internal(&e),
    }
}

fn fault_json(f: &ShareFault) -> serde_json::Value {
    serde_json::json!({ "account": f.account.as_str(), "error": f.error, "message": f.message })
}

/// `PUT /_sclocal/share-faults` with `{"faults": [{"account": "…", "error": "ThrottlingException",
/// "message": "Rate exceeded"}]}`: from now on those accounts fail inside organization share
/// fan-outs, so clients can test their COMPLETED_WITH_ERRORS handling.
async fn put_faults(State(app): State<App>, body: bytes::Bytes) -> Response {
    let parsed: Result<FaultsBody, _> = serde_json::from_slice(&body);
    let faults = match parsed
        .map_err(|e| e.to_string())
        .and_then(FaultsBody::into_faults)
    {
        Ok(f) => f,
        Err(e) => {
            return (
                StatusCode::BAD_REQUEST,
                Json(serde_json::json!({ "error": e })),
            )
                .into_response()
        }
    };
    match app.emulator.store().set_share_faults(&faults).await {
        Ok(()) => {
            Json(serde_json::json!({ "faults": faults.iter().map(fault_json).collect::<Vec<_>>() }))
                .into_response()
        }
        Err(e) => internal(&e),
    }
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct FaultsBody {
    faults: Vec<FaultEntry>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct FaultEntry {
    account: String,
    #[serde(default = "throttling")]
    error: String,
    #[serde(default = "rate_exceeded")]
    message: String,
}

fn throttling() -> String {
    "ThrottlingException".into()
}

fn rate_exceeded() -> String {
    "Rate exceeded".into()
}

impl FaultsBody {
    fn into_faults(self) -> Result<Vec<ShareFault>, String> {
        self.faults
            .into_iter()
            .map(|f| {
                let account = AccountId::parse(&f.account)
                    .ok_or_else(|| format!("{:?} is not a 12-digit account id", f.account))?;
                Ok(ShareFault {
                    account,
                    error: f.error,
                    message: f.message,
                })
            })
            .collect()
    }
}

/// `POST /_sclocal/jobs/drain`: runs pending share-operation work now, until nothing is left
/// that is due (operations held by `--share-processing-delay` stay held).
async fn drain_jobs(State(app): State<App>) -> Response {
    match run_until_idle(&app.emulator).await {
        Ok(due) => {
            Json(serde_json::json!({ "status": "idle", "held_until_ms": due })).into_response()
        }
        Err(e) => {
            tracing::error!(error = %e, "draining share operations failed");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                Json(serde_json::json!({ "status": "error" })),
            )
                .into_response()
        }
    }
}

fn internal(e: &dyn std::fmt::Display) -> Response {
    tracing::error!(error = %e, "admin request failed");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        Json(serde_json::json!({ "status": "error" })),
    )
        .into_response()
}

/// Every AWS request.
async fn aws(
    State(app): State<App>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Response {
    #[expect(
        clippy::disallowed_methods,
        reason = "request latency for the log line only"
    )]
    let started = std::time::Instant::now();
    let request_id = app.request_id();
    let path = uri.path();
    let declared = headers
        .get(http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    let body = if declared.is_some_and(|n| n > app.max_body_bytes) {
        drain(body, app.max_body_bytes.saturating_mul(DRAIN_FACTOR)).await;
        Err(())
    } else {
        axum::body::to_bytes(body, app.max_body_bytes)
            .await
            .map_err(|_| ())
    };
    let (reply, operation, account) = match body {
        Err(()) => {
            let protocol = guess_protocol(path, &headers);
            let rejection = Rejection::TooLarge(app.max_body_bytes);
            (
                sclocal_protocol::reject(
                    protocol,
                    Service::ServiceCatalog,
                    &rejection,
                    &request_id,
                ),
                None,
                None,
            )
        }
        Ok(bytes) => {
            let now = time::OffsetDateTime::from_unix_timestamp_nanos(
                i128::from(app.clock.now_millis()) * 1_000_000,
            )
            .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
            let req = Request {
                method: method.as_str(),
                path,
                query: uri.query(),
                headers: &headers,
                body: &bytes,
            };
            let outcome = sclocal_protocol::handle(&app.handler, req, now, &request_id).await;
            (outcome.reply, outcome.operation, outcome.account)
        }
    };
    tracing::info!(
        operation = operation.as_deref().unwrap_or("-"),
        account = account.as_deref().unwrap_or("-"),
        status = reply.status,
        duration_us = u64::try_from(started.elapsed().as_micros()).unwrap_or(u64::MAX),
        request_id,
        "request"
    );
    into_response(reply)
}

/// How much of an oversized body is read and discarded before answering 413, as a multiple
/// of the limit: a client still writing when the server closes gets a reset instead of the
/// answer, so moderately oversized bodies are drained first.
const DRAIN_FACTOR: usize = 8;

async fn drain(mut body: Body, cap: usize) {
    use http_body_util::BodyExt as _;
    let mut seen = 0usize;
    while let Some(Ok(frame)) = body.frame().await {
        seen = seen.saturating_add(frame.data_ref().map_or(0, bytes::Bytes::len));
        if seen > cap {
            break;
        }
    }
}

fn into_response(reply: Reply) -> Response {
    let mut response = Response::new(Body::from(reply.body));
    *response.status_mut() =
        StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let headers = response.headers_mut();
    headers.insert(
        http::header::CONTENT_TYPE,
        HeaderValue::from_static(reply.content_type),
    );
    for (name, value) in reply.headers {
        if let Ok(v) = HeaderValue::from_str(&value) {
            headers.insert(name, v);
        }
    }
    response
}
