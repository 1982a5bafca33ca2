//! The Controls page: what tests otherwise do by hand — reset all state, drain background
//! work, and set the fault rules and fan-out faults — as HTML forms that POST to the console.
//! Each POST is checked against cross-site requests (`csrf.rs`) and then acts through the
//! same admin paths as `/_sclocal/…` (`Admin::reset`, `Emulator::drain_jobs`,
//! `parse_rules`, `parse_share_faults`), then sends the browser back to the page
//! (post/redirect/get).

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{html, Markup};
use sclocal_core::faults::parse_rules;

use super::csrf::{self, Csrf};
use super::layout::{self, count};
use super::state::Console;
use crate::admin::{parse_share_faults, share_faults_json};

/// What the last control did (`?done=`).
#[derive(Debug, serde::Deserialize)]
pub struct Done {
    done: Option<String>,
}

/// `GET /console/controls`.
pub async fn page(State(c): State<Console>, headers: HeaderMap, Query(d): Query<Done>) -> Response {
    let message = match d.done.as_deref() {
        Some("reset") => Some("All state was reset."),
        Some("drained") => Some("Background work that was due has run."),
        Some("faults") => Some("The fault rules were replaced."),
        Some("share-faults") => Some("The fan-out faults were replaced."),
        _ => None,
    };
    render(
        &c,
        &headers,
        StatusCode::OK,
        message.map(|m| (m, false)),
        None,
    )
    .await
}

async fn render(
    c: &Console,
    headers: &HeaderMap,
    status: StatusCode,
    message: Option<(&str, bool)>,
    draft: Option<(&str, String)>,
) -> Response {
    let csrf = Csrf::of(headers, c.ids.as_ref());
    let share_faults = match c.admin.emulator.share_faults().await {
        Ok(f) => f,
        Err(e) => return layout::failed(&e),
    };
    let rules = c.admin.faults.to_json();
    let pretty = |v: &serde_json::Value| serde_json::to_string_pretty(v).unwrap_or_default();
    let rules_text = match &draft {
        Some(("rules", text)) => text.clone(),
        _ => pretty(&serde_json::json!({ "rules": rules.iter().map(|r| {
            let mut r = r.clone();
            if let Some(m) = r.as_object_mut() { m.remove("remaining"); }
            r
        }).collect::<Vec<_>>() })),
    };
    let share_text = match &draft {
        Some(("share", text)) => text.clone(),
        _ => pretty(&serde_json::json!({ "faults": share_faults_json(&share_faults) })),
    };
    let token = csrf.token.as_str();
    let body = html! {
        @if let Some((text, error)) = message {
            p class=(if error { "message error" } else { "message" }) role=(if error { "alert" } else { "status" }) { (text) }
        }
        h2 { "State" }
        (form("/console/controls/reset", token, &html! { button.danger type="submit" { "Reset all state" } }))
        (form("/console/controls/drain", token, &html! { button type="submit" { "Drain background work" } }))
        p.note { "Reset wipes every organization, portfolio and share, and the fault rules. Drain runs the share operations and CreateAccount requests that are due now." }
        h2 { "Fault rules (" (rules.len()) ")" }
        @if !rules.is_empty() {
            table {
                thead { tr { th scope="col" { "Service" } th scope="col" { "Operation" } th scope="col" { "Account" } th scope="col" { "Error" } th scope="col" { "Status" } th scope="col" { "Latency" } th scope="col" { "Probability" } th scope="col" { "Remaining" } } }
                tbody { @for r in &rules { tr {
                    td { (cell(&r["service"])) } td { (cell(&r["operation"])) } td { (cell(&r["account"])) }
                    td { (cell(&r["error"])) } td { (cell(&r["status"])) } td { (cell(&r["latency_ms"])) " ms" }
                    td { (cell(&r["probability"])) } td { @if r["remaining"].is_null() { "every request" } @else { (cell(&r["remaining"])) } }
                } } }
            }
        }
        form method="post" action="/console/controls/faults" {
            input type="hidden" name=(csrf::NAME) value=(token);
            label for="rules" { "Rules (the document of PUT /_sclocal/faults)" }
            textarea id="rules" name="rules" rows="10" spellcheck="false" { (rules_text) }
            button type="submit" { "Replace fault rules" }
        }
        h2 { "Fan-out faults (" (count(share_faults.len())) ")" }
        p.note { "Accounts that fail inside organization share fan-outs (PUT /_sclocal/share-faults)." }
        form method="post" action="/console/controls/share-faults" {
            input type="hidden" name=(csrf::NAME) value=(token);
            label for="share-faults" { "Fan-out faults" }
            textarea id="share-faults" name="faults" rows="6" spellcheck="false" { (share_text) }
            button type="submit" { "Replace fan-out faults" }
        }
    };
    csrf.keep(layout::respond(status, &layout::page("Controls", &body)))
}

fn cell(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => "any".into(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn form(action: &str, token: &str, button: &Markup) -> Markup {
    html! {
        form.inline method="post" action=(action) {
            input type="hidden" name=(csrf::NAME) value=(token);
            (button)
        }
    }
}

/// The fields of a form body.
fn field(body: &[u8], name: &str) -> Option<String> {
    form_urlencoded::parse(body)
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

fn refused() -> Response {
    layout::respond(
        StatusCode::FORBIDDEN,
        &layout::page(
            "Refused",
            &html! { p { "This control only answers forms of the console's own pages. " a href="/console/controls" { "Back to the controls" } } },
        ),
    )
}

/// `POST /console/controls/{action}`.
pub async fn act(
    State(c): State<Console>,
    axum::extract::Path(action): axum::extract::Path<String>,
    headers: HeaderMap,
    body: bytes::Bytes,
) -> Response {
    if !csrf::allows(&headers, field(&body, csrf::NAME).as_deref()) {
        return refused();
    }
    let done = match action.as_str() {
        "reset" => c.admin.reset().await.map(|()| "reset"),
        "drain" => c.admin.emulator.drain_jobs().await.map(|_| "drained"),
        "faults" => {
            let text = field(&body, "rules").unwrap_or_default();
            match parse_rules(text.as_bytes()) {
                Ok(rules) => {
                    c.admin.faults.replace(rules);
                    Ok("faults")
                }
                Err(e) => {
                    let message = format!("The rules were not changed: {e}");
                    return render(
                        &c,
                        &headers,
                        StatusCode::BAD_REQUEST,
                        Some((&message, true)),
                        Some(("rules", text)),
                    )
                    .await;
                }
            }
        }
        "share-faults" => {
            let text = field(&body, "faults").unwrap_or_default();
            match parse_share_faults(text.as_bytes()) {
                Ok(faults) => c
                    .admin
                    .emulator
                    .set_share_faults(faults)
                    .await
                    .map(|()| "share-faults"),
                Err(e) => {
                    let message = format!("The fan-out faults were not changed: {e}");
                    return render(
                        &c,
                        &headers,
                        StatusCode::BAD_REQUEST,
                        Some((&message, true)),
                        Some(("share", text)),
                    )
                    .await;
                }
            }
        }
        _ => return layout::not_found(&format!("The control {action}")),
    };
    match done {
        Ok(done) => Redirect::to(&format!("/console/controls?done={done}")).into_response(),
        Err(e) => layout::failed(&e),
    }
}
