//! `/_sclocal/faults`: the operator's request-level fault rules (`sclocal_core::faults`).
//! `PUT` replaces the set (a bad document is refused with 400 and the set in force stays),
//! `GET` shows it with each rule's remaining uses and, beside it, the fan-out faults of
//! `/_sclocal/share-faults`, `DELETE` clears it.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use sclocal_core::faults::parse_rules;

use crate::admin::{share_faults_json, Admin};

/// The fault-rule routes.
pub fn router(admin: Admin) -> Router {
    Router::new()
        .route(
            "/_sclocal/faults",
            get(get_rules).put(put_rules).delete(delete_rules),
        )
        .with_state(admin)
}

/// The rules and the share faults, as `GET` answers them.
pub async fn document(admin: &Admin) -> Result<serde_json::Value, String> {
    let share_faults = admin
        .emulator
        .share_faults()
        .await
        .map_err(|e| e.to_string())?;
    Ok(serde_json::json!({
        "rules": admin.faults.to_json(),
        "share_faults": share_faults_json(&share_faults),
    }))
}

async fn get_rules(State(admin): State<Admin>) -> Response {
    match document(&admin).await {
        Ok(doc) => Json(doc).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "reading the fault rules failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// Replaces the rule set: all or nothing.
async fn put_rules(State(admin): State<Admin>, body: bytes::Bytes) -> Response {
    match parse_rules(&body) {
        Ok(rules) => {
            tracing::info!(rules = rules.len(), "fault rules replaced");
            admin.faults.replace(rules);
            get_rules(State(admin)).await
        }
        Err(e) => (
            StatusCode::BAD_REQUEST,
            Json(serde_json::json!({ "error": e })),
        )
            .into_response(),
    }
}

async fn delete_rules(State(admin): State<Admin>) -> Response {
    admin.faults.clear();
    tracing::info!("fault rules cleared");
    get_rules(State(admin)).await
}
