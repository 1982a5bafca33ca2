//! The page shell every console page shares (head, navigation, main landmark), the links
//! whose visible text is the thing's name or id, and the small formatting every page uses.
//! Templates are maud macros compiled into the binary; the stylesheet, script and icon are
//! served by the console itself (`assets.rs`), so nothing is fetched from elsewhere.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::{html, Markup, DOCTYPE};
use sclocal_core::ids::{AccountId, OrgId, OuId, PortfolioId};

/// A whole page: `title` in the head and as the `h1`, `body` below it.
pub fn page(title: &str, body: &Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · sclocal console" }
                link rel="icon" href="/console/favicon.svg" type="image/svg+xml";
                link rel="stylesheet" href="/console/style.css";
                script src="/console/app.js" defer {}
            }
            body {
                a.skip href="#main" { "Skip to content" }
                header {
                    nav aria-label="Console" {
                        a href="/console" { "sclocal" }
                        a href="/console" { "Organizations and portfolios" }
                        a href="/console/operations" { "Operations" }
                        a href="/console/controls" { "Controls" }
                    }
                }
                main id="main" {
                    h1 { (title) }
                    (body)
                }
            }
        }
    }
}

/// An HTML answer.
pub fn respond(status: StatusCode, markup: &Markup) -> Response {
    let mut response = (status, markup.0.clone()).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    // The console is the operator's live view of state: never cached.
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// A 200 page.
pub fn ok(title: &str, body: &Markup) -> Response {
    respond(StatusCode::OK, &page(title, body))
}

/// A 404 page for a thing the store does not hold.
pub fn not_found(what: &str) -> Response {
    respond(
        StatusCode::NOT_FOUND,
        &page(
            "Not found",
            &html! { p { (what) " does not exist (or no longer exists)." } p { a href="/console" { "Back to the start" } } },
        ),
    )
}

/// A 400 page for a malformed address.
pub fn bad_request(what: &str) -> Response {
    respond(
        StatusCode::BAD_REQUEST,
        &page("Bad request", &html! { p { (what) } }),
    )
}

/// A 500 page; the details go to the log only.
pub fn failed(error: &dyn std::fmt::Display) -> Response {
    tracing::error!(error = %error, "console page failed");
    respond(
        StatusCode::INTERNAL_SERVER_ERROR,
        &page(
            "Something went wrong",
            &html! { p { "The page could not be built; the server log has the details." } },
        ),
    )
}

/// A link to an account's page; its text is the id.
pub fn account(id: &AccountId) -> Markup {
    html! { a href={ "/console/accounts/" (id) } { (id) } }
}

/// A link to an organization's page; its text is the id.
pub fn organization(id: &OrgId) -> Markup {
    html! { a href={ "/console/organizations/" (id) } { (id) } }
}

/// A link to an OU's page; its text is the name, with the id beside it.
pub fn unit(id: &OuId, name: &str) -> Markup {
    html! { a href={ "/console/units/" (id) } { (name) } " " span.id { "(" (id) ")" } }
}

/// A link to a portfolio's page; its text is the id.
pub fn portfolio(region: &str, id: &PortfolioId) -> Markup {
    html! { a href={ "/console/portfolios/" (region) "/" (id) } { (id) } }
}

/// A status as a badge (its class follows the status, for colour; the text says it all).
pub fn status(text: &str) -> Markup {
    let class = match text {
        "COMPLETED" | "SUCCEEDED" | "ACTIVE" | "ACCEPTED" | "ENABLED" | "on" => "good",
        "IN_PROGRESS" | "NOT_STARTED" | "CREATING" | "DELETING" | "PENDING" => "busy",
        "COMPLETED_WITH_ERRORS" | "FROZEN" => "warn",
        "ERROR" | "FAILED" => "bad",
        _ => "plain",
    };
    html! { span class={ "status " (class) } { (text) } }
}

/// Epoch milliseconds as `2026-12-07 01:52:03 UTC`.
pub fn when(ms: i64) -> String {
    let format =
        time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]:[second] UTC");
    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .ok()
        .and_then(|t| t.format(&format).ok())
        .unwrap_or_else(|| ms.to_string())
}

/// A number with thousands separators (`100,000`).
pub fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_times_read_well() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(100_000), "100,000");
        assert_eq!(count(1_234_567), "1,234,567");
        assert_eq!(when(0), "1970-01-01 00:00:00 UTC");
    }

    #[test]
    fn names_are_escaped() {
        let id = OuId::parse("ou-abcd-abcdefgh").unwrap();
        let html = unit(&id, "<script>").into_string();
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }
}
