//! The operator's endpoints under `/_sclocal/` (and moto's `/moto-api/reset`, so fixtures
//! written for moto keep working): health, reset, the share-fan-out faults, draining background
//! work, the engine messages and the access report. They act through the emulator's admin methods
//! (`sclocal_core::admin`) like any other caller of core, never on the store directly, and
//! answer small JSON documents of their own (these are not AWS APIs).

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use sclocal_core::catalog::access_report::access_report;
use sclocal_core::faults::FaultSet;
use sclocal_core::ids::AccountId;
use sclocal_core::store::ShareFault;
use sclocal_core::Emulator;

use crate::bootstrap::DocumentRefused;

/// What the admin endpoints need.
#[derive(Clone)]
pub struct Admin {
    /// The emulator they act through.
    pub emulator: Arc<Emulator>,
    /// Where state is kept: `memory`, `sqlite` or `postgres` (reported by the health check).
    pub store: &'static str,
    /// The request-level fault rules in force (`fault_rules.rs`); reset clears them.
    pub faults: Arc<FaultSet>,
}

/// The admin routes.
pub fn router(admin: Admin) -> Router {
    Router::new()
        .route("/_sclocal/health", get(health))
        .route("/_sclocal/reset", post(reset))
        // moto's server exposes the same reset; fixtures written for it keep working.
        .route("/moto-api/reset", post(reset))
        .route("/_sclocal/share-faults", get(get_faults).put(put_faults))
        .route("/_sclocal/jobs/drain", post(drain_jobs))
        .route("/_sclocal/engine/messages", get(engine_messages))
        .route("/_sclocal/access", get(access))
        .route("/_sclocal/bootstrap", post(bootstrap))
        .with_state(admin)
}

async fn health(State(admin): State<Admin>) -> Json<serde_json::Value> {
    Json(serde_json::json!({
        "status": "ok",
        "version": env!("CARGO_PKG_VERSION"),
        "store": admin.store,
        // Which instance this is, as the job queue names its lease holders.
        "worker": admin.emulator.worker(),
        "services": ["servicecatalog", "organizations", "sts"],
    }))
}

impl Admin {
    /// Wipes all state and the fault rules (the endpoint and the console's control).
    pub async fn reset(&self) -> Result<(), sclocal_api::ServiceError> {
        self.faults.clear();
        self.emulator.reset().await
    }
}

async fn reset(State(admin): State<Admin>) -> Response {
    match admin.reset().await {
        Ok(()) => {
            tracing::info!("state reset");
            Json(serde_json::json!({ "status": "reset" })).into_response()
        }
        Err(e) => {
            tracing::error!(error = %e, "reset failed");
            failed()
        }
    }
}

/// `GET /_sclocal/share-faults`: the failures injected into organization share fan-outs.
async fn get_faults(State(admin): State<Admin>) -> Response {
    match admin.emulator.share_faults().await {
        Ok(faults) => {
            Json(serde_json::json!({ "faults": share_faults_json(&faults) })).into_response()
        }
        Err(e) => internal(&e),
    }
}

/// `PUT /_sclocal/share-faults` with `{"faults": [{"account": "…", "error": "ThrottlingException",
/// "message": "Rate exceeded"}]}`: from now on those accounts fail inside organization share
/// fan-outs, so clients can test their COMPLETED_WITH_ERRORS handling.
async fn put_faults(State(admin): State<Admin>, body: bytes::Bytes) -> Response {
    let faults = match parse_share_faults(&body) {
        Ok(f) => f,
        Err(e) => {
            return (
                StatusCode::BAD_REQUEST,
                Json(serde_json::json!({ "error": e })),
            )
                .into_response()
        }
    };
    match admin.emulator.set_share_faults(faults.clone()).await {
        Ok(()) => Json(serde_json::json!({ "faults": share_faults_json(&faults) })).into_response(),
        Err(e) => internal(&e),
    }
}

/// The fan-out faults as JSON (also shown beside the fault rules).
pub fn share_faults_json(faults: &[ShareFault]) -> Vec<serde_json::Value> {
    faults
        .iter()
        .map(|f| {
            serde_json::json!({ "account": f.account.as_str(), "error": f.error, "message": f.message })
        })
        .collect()
}

/// Parses a share-faults document (`{"faults": [{"account", "error"?, "message"?}]}`).
pub fn parse_share_faults(body: &[u8]) -> Result<Vec<ShareFault>, String> {
    let parsed: FaultsBody = serde_json::from_slice(body).map_err(|e| e.to_string())?;
    parsed.into_faults()
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

/// `POST /_sclocal/jobs/drain`: runs pending background work (share operations, provisioning
/// records and plans) now, until nothing is left that is due (work held by
/// `--share-processing-delay` or `--provisioning-delay` stays held; records waiting for an
/// engine's Notify call stay waiting).
async fn drain_jobs(State(admin): State<Admin>) -> Response {
    match admin.emulator.drain_jobs().await {
        Ok(due) => {
            Json(serde_json::json!({ "status": "idle", "held_until_ms": due })).into_response()
        }
        Err(e) => {
            tracing::error!(error = %e, "draining share operations failed");
            failed()
        }
    }
}

/// `GET /_sclocal/engine/messages[?queue=NAME]`: what Terraform and external engines would have
/// found in their queues (`ServiceCatalogTerraformOSProvisionOperationQueue`, …), oldest
/// first, so an engine under test can be driven: each body's `token` is the WorkflowToken to
/// send back with Notify…EngineWorkflowResult (provisioning.md §20).
async fn engine_messages(State(admin): State<Admin>, uri: axum::http::Uri) -> Response {
    let queue = uri.query().and_then(|q| {
        form_urlencoded::parse(q.as_bytes())
            .find(|(k, _)| k == "queue")
            .map(|(_, v)| v.into_owned())
    });
    match admin.emulator.engine_messages(queue).await {
        Ok(messages) => {
            let messages: Vec<_> = messages
                .into_iter()
                .map(|m| {
                    serde_json::json!({
                        "queue": m.queue,
                        "account": m.account.as_str(),
                        "region": m.region,
                        "recordId": m.record_id.as_str(),
                        "createdMs": m.created_ms,
                        "body": serde_json::from_str::<serde_json::Value>(&m.body)
                            .unwrap_or(serde_json::Value::String(m.body)),
                    })
                })
                .collect();
            Json(serde_json::json!({ "messages": messages })).into_response()
        }
        Err(e) => internal(&e),
    }
}

/// `GET /_sclocal/access`: the access report (`sclocal_core::catalog::access_report`) as
/// JSON, the same document as `sclocal access-report --json`.
async fn access(State(admin): State<Admin>) -> Response {
    match access_report(&admin.emulator).await {
        Ok(report) => Json(report).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "access report failed");
            failed()
        }
    }
}

fn internal(e: &dyn std::fmt::Display) -> Response {
    tracing::error!(error = %e, "admin request failed");
    failed()
}

fn failed() -> Response {
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        Json(serde_json::json!({ "status": "error" })),
    )
        .into_response()
}

/// `POST /_sclocal/bootstrap`: applies a bootstrap document (the body, YAML or JSON) to the
/// running server with the rules of `--bootstrap FILE`: all or nothing, idempotent. 200 with
/// a summary; 400 with the file-style message (`bootstrap line N: problem`) for a bad
/// document or one that conflicts with stored state, and then nothing was applied. The body is
/// bounded by axum's default limit (2 MiB, else 413); the parser bounds nesting and aliases.
async fn bootstrap(State(admin): State<Admin>, body: bytes::Bytes) -> Response {
    match crate::bootstrap::apply_document(&admin.emulator, &body).await {
        Ok(report) => Json(serde_json::json!({
            "status": "applied",
            "organizations_created": report.orgs_created,
            "accounts_written": report.accounts_written,
        }))
        .into_response(),
        Err(DocumentRefused::Bad(message)) => (
            StatusCode::BAD_REQUEST,
            Json(serde_json::json!({ "error": message })),
        )
            .into_response(),
        Err(DocumentRefused::Internal(e)) => internal(&e),
    }
}
