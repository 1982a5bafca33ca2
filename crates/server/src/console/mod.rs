//! The web console at `/console`: server-rendered pages of the emulator's state for the
//! operator — organizations and their trees, portfolios and their shares, accounts and what
//! they see, background operations as they run — and the controls tests otherwise use by
//! hand. Pages are maud templates compiled into the binary; a small stylesheet, one script
//! and an icon are served from here too, so the console works offline and no request leaves
//! the server.
//!
//! Every page reads through core's read models (`sclocal_core::overview`), which run in one
//! unit of work and ask core's own rules; the controls act through the same paths as the
//! `/_sclocal/…` endpoints. The admin door (`admin_door.rs`) stands in front of it all.

mod account;
mod assets;
mod controls;
mod csrf;
mod layout;
mod operations;
mod organizations;
mod portfolio;
mod state;

use axum::extract::Request;
use axum::http::{header, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;

pub use state::Console;

/// The console's routes.
pub fn router(console: Console) -> Router {
    Router::new()
        .route("/console", get(organizations::home))
        .route(
            "/console/",
            get(|| async { Redirect::permanent("/console") }),
        )
        .route(
            "/console/organizations/{id}",
            get(organizations::organization),
        )
        .route("/console/units/{id}", get(organizations::unit))
        .route("/console/accounts", get(account::find))
        .route("/console/accounts/{id}", get(account::account))
        .route(
            "/console/portfolios/{region}/{id}",
            get(portfolio::portfolio),
        )
        .route(
            "/console/portfolios/{region}/{id}/shares/{kind}/{principal}",
            get(portfolio::share),
        )
        .route("/console/operations", get(operations::page))
        .route("/console/operations/live", get(operations::live))
        .route("/console/controls", get(controls::page))
        .route("/console/controls/{action}", post(controls::act))
        .route("/console/style.css", get(assets::style))
        .route("/console/app.js", get(assets::script))
        .route("/console/favicon.svg", get(assets::favicon))
        .route("/favicon.ico", get(assets::favicon))
        .with_state(console)
}

/// Sends a browser that opens the server's address (`GET /` asking for HTML) to the
/// console; AWS clients never ask for HTML, so their requests pass untouched.
pub async fn browser_root(req: Request, next: Next) -> Response {
    let wants_html = req
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"));
    if req.method() == Method::GET && req.uri().path() == "/" && wants_html {
        return Redirect::to("/console").into_response();
    }
    next.run(req).await
}
