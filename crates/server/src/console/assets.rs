//! The console's stylesheet, its one small script and its icon, compiled into the binary
//! and served from `/console/…`: the console works offline and no request leaves the server.

use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};

/// The stylesheet: readable type, clear tables, statuses that do not rely on colour alone
/// (the status text is always shown).
pub const STYLE: &str = r#"
:root { color-scheme: light; --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --accent: #0b5cad; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: #fff; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; z-index: 2; }
header { background: #12243a; }
header nav { display: flex; gap: 1.5rem; padding: .75rem 1.5rem; flex-wrap: wrap; }
header a { color: #fff; text-decoration: none; font-weight: 600; }
header a:first-child { font-family: ui-monospace, monospace; }
header a:hover, header a:focus { text-decoration: underline; }
main { padding: 1rem 1.5rem 3rem; max-width: 80rem; }
h1 { font-size: 1.6rem; margin: .5rem 0 1rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .5rem; }
a { color: var(--accent); }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #f6f8fa; font-weight: 600; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1.5rem; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
.id, code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .9em; }
.id { color: var(--muted); }
.status { display: inline-block; padding: 0 .45rem; border-radius: .6rem; font-size: .85em; font-weight: 600; border: 1px solid; }
.status.good { color: #116329; background: #dafbe1; }
.status.busy { color: #7d4e00; background: #fff8c5; }
.status.warn { color: #953800; background: #fff1e5; }
.status.bad { color: #a40e26; background: #ffebe9; }
.status.plain { color: var(--muted); background: #f6f8fa; }
.warning { border-left: 4px solid #bc4c00; background: #fff1e5; padding: .5rem 1rem; margin: .75rem 0; }
.note { color: var(--muted); }
.pager { display: flex; gap: 1rem; }
nav.trail ol { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem; }
nav.trail li + li::before { content: "›"; margin-right: .25rem; color: var(--muted); }
form.inline { display: inline-block; margin-right: 1rem; }
textarea { width: 100%; font-family: ui-monospace, monospace; font-size: .9em; }
button { font: inherit; padding: .35rem .9rem; border: 1px solid var(--accent); background: var(--accent); color: #fff; border-radius: .3rem; cursor: pointer; }
button.danger { background: #a40e26; border-color: #a40e26; }
.message { padding: .5rem 1rem; background: #dafbe1; border-left: 4px solid #116329; }
.message.error { background: #ffebe9; border-color: #a40e26; }
"#;

/// The script: every element with `data-live="URL"` is refreshed from URL (an HTML fragment
/// the server renders) every second, so the Operations page follows state without a reload.
/// The page is complete without it.
pub const SCRIPT: &str = r#"
(function () {
  "use strict";
  document.querySelectorAll("[data-live]").forEach(function (live) {
    var url = live.getAttribute("data-live");
    function tick() {
      fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } })
        .then(function (r) { return r.ok ? r.text() : null; })
        .then(function (html) {
          if (html !== null && html !== live.innerHTML) { live.innerHTML = html; }
          live.setAttribute("data-refreshed", String(Date.now()));
        })
        .catch(function () { /* the server is restarting or gone: try again later */ })
        .then(function () { setTimeout(tick, 1000); });
    }
    setTimeout(tick, 1000);
  });
})();
"#;

/// The icon (browsers ask for one; without it they log an error).
pub const FAVICON: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#12243a"/><path d="M9 11h14M9 16h14M9 21h9" stroke="#fff" stroke-width="3" stroke-linecap="round"/></svg>"##;

fn asset(content_type: &'static str, body: &'static str) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    response
}

/// `GET /console/style.css`.
pub async fn style() -> Response {
    asset("text/css; charset=utf-8", STYLE)
}

/// `GET /console/app.js`.
pub async fn script() -> Response {
    asset("text/javascript; charset=utf-8", SCRIPT)
}

/// `GET /console/favicon.svg` (and `/favicon.ico`, which browsers ask for on their own).
pub async fn favicon() -> Response {
    asset("image/svg+xml", FAVICON)
}
