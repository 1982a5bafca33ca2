//! The Operations page: every kind of background work (share operations, CreateAccount
//! requests, provisioning records; `sclocal_core::overview::operations`), in progress and
//! recent, from the latest [`LATEST`] of each kind (an operator follows what is happening
//! now; the APIs list the rest). The tables sit in an element the page's script refreshes
//! every second from `/console/operations/live`, so a share operation is seen going from
//! IN_PROGRESS to COMPLETED without a reload.

use axum::extract::State;
use axum::response::Response;
use maud::{html, Markup};
use sclocal_core::overview::{self, Link, OperationRow, Operations};

use super::layout::{self, ok, when};
use super::state::Console;

/// Rows of each kind read for the page.
const LATEST: usize = 50;

/// `GET /console/operations`.
pub async fn page(State(c): State<Console>) -> Response {
    match overview::operations(&c.admin.emulator, LATEST).await {
        Ok(ops) => {
            let body = html! {
                p.note { "Share operations, CreateAccount requests and provisioning records: the latest " (LATEST) " of each kind. This page follows them as they change." }
                div id="operations" data-live="/console/operations/live" aria-live="polite" { (tables(&ops)) }
            };
            ok("Operations", &body)
        }
        Err(e) => layout::failed(&e),
    }
}

/// `GET /console/operations/live`: the tables alone, for the page's script.
pub async fn live(State(c): State<Console>) -> Response {
    match overview::operations(&c.admin.emulator, LATEST).await {
        Ok(ops) => layout::respond(axum::http::StatusCode::OK, &tables(&ops)),
        Err(e) => layout::failed(&e),
    }
}

fn tables(ops: &Operations) -> Markup {
    html! {
        h2 { "In progress (" (ops.in_progress.len()) ")" }
        (table("in-progress", &ops.in_progress))
        h2 { "Recent (" (ops.recent.len()) ")" }
        (table("recent", &ops.recent))
    }
}

fn table(id: &str, rows: &[OperationRow]) -> Markup {
    html! {
        @if rows.is_empty() { p.note { "None." } }
        @else {
            table id=(id) {
                thead { tr { th scope="col" { "Id" } th scope="col" { "Kind" } th scope="col" { "Status" } th scope="col" { "Started" } th scope="col" { "About" } } }
                tbody {
                    @for r in rows {
                        tr data-operation=(r.id) {
                            td { code { (r.id) } }
                            td { (r.kind.label()) }
                            td.op-status { (layout::status(&r.status)) }
                            td { (when(r.started_ms)) }
                            td { @for (i, s) in r.subjects.iter().enumerate() {
                                @if i > 0 { "; " }
                                (s.label) ": " (subject(&s.link, &s.value))
                            } }
                        }
                    }
                }
            }
        }
    }
}

fn subject(link: &Link, value: &str) -> Markup {
    match link {
        Link::Portfolio(region, id) => layout::portfolio(region, id),
        Link::Organization(o) => layout::organization(o),
        Link::Account(a) => layout::account(a),
        Link::Unit(o) => html! { a href={ "/console/units/" (o) } { (o) } },
        Link::Text => html! { (value) },
    }
}
