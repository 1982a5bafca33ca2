//! The admin door over real HTTP: a server bound to 0.0.0.0 (every interface, so not
//! loopback) asks for the admin token on every operator endpoint but the health check, by
//! bearer header or, for the console, once as `?token=` that becomes a cookie; without it
//! nothing changes. The AWS APIs never ask. A loopback listener stays open. The console's
//! controls refuse cross-site form posts on any listener.

use sclocal_server::admin_door::AdminToken;
use sclocal_server::Config;

use crate::helpers::{portfolio, spawn_app, spawn_on};

const TOKEN: &str = "door-token-0123456789abcdef";

fn locked() -> Config {
    Config {
        admin_token: Some(AdminToken::new(TOKEN)),
        ..Config::for_tests()
    }
}

fn bearer() -> String {
    format!("Authorization: Bearer {TOKEN}\r\n")
}

/// Every operator endpoint, as (method, path, body).
const ENDPOINTS: &[(&str, &str, &str)] = &[
    ("POST", "/_sclocal/reset", ""),
    ("POST", "/moto-api/reset", ""),
    ("POST", "/_sclocal/jobs/drain", ""),
    ("GET", "/_sclocal/faults", ""),
    (
        "PUT",
        "/_sclocal/faults",
        r#"{"rules": [{"service": "sts", "error": "Throttling"}]}"#,
    ),
    ("DELETE", "/_sclocal/faults", ""),
    ("GET", "/_sclocal/share-faults", ""),
    (
        "PUT",
        "/_sclocal/share-faults",
        r#"{"faults": [{"account": "333333333333"}]}"#,
    ),
    ("GET", "/_sclocal/access", ""),
    ("POST", "/_sclocal/bootstrap", "organizations: []"),
    ("GET", "/console", ""),
    ("GET", "/console/operations", ""),
    ("GET", "/console/operations/live", ""),
    ("GET", "/console/controls", ""),
    ("POST", "/console/controls/reset", "sclocal_csrf=x"),
    ("GET", "/console/style.css", ""),
];

#[tokio::test]
async fn a_non_loopback_listener_asks_for_the_token_and_changes_nothing_without_it() {
    let app = spawn_on(locked(), "0.0.0.0:0").await;
    let sc = app.catalog("111111111111");
    // The AWS APIs are not behind the door.
    let id = portfolio(&sc, "Kept").await;
    let (status, _, _) = app.raw("GET /_sclocal/health HTTP/1.1\r\n", b"").await;
    assert_eq!(status, 200, "the health check stays open");
    for (method, path, body) in ENDPOINTS {
        let (status, headers, _) = app
            .raw(&format!("{method} {path} HTTP/1.1\r\n"), body.as_bytes())
            .await;
        assert_eq!(status, 401, "{method} {path}");
        assert!(headers.contains("www-authenticate: bearer"), "{headers}");
        let wrong = format!("{method} {path} HTTP/1.1\r\nAuthorization: Bearer {TOKEN}x\r\n");
        assert_eq!(
            app.raw(&wrong, body.as_bytes()).await.0,
            401,
            "{method} {path}"
        );
    }
    // Nothing changed: the portfolio is there, no rule or fan-out fault was set.
    let listed = sc.list_portfolios().send().await.unwrap();
    assert_eq!(listed.portfolio_details()[0].id(), Some(id.as_str()));
    let (status, _, body) = app
        .raw(
            &format!("GET /_sclocal/faults HTTP/1.1\r\n{}", bearer()),
            b"",
        )
        .await;
    assert_eq!(status, 200);
    let doc: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(doc, serde_json::json!({"rules": [], "share_faults": []}));
    // With the token the endpoints answer.
    let (status, _, _) = app
        .raw(
            &format!("POST /_sclocal/reset HTTP/1.1\r\n{}", bearer()),
            b"",
        )
        .await;
    assert_eq!(status, 200);
    assert!(sc
        .list_portfolios()
        .send()
        .await
        .unwrap()
        .portfolio_details()
        .is_empty());
}

#[tokio::test]
async fn a_browser_signs_in_once_with_the_token_in_the_address() {
    let app = spawn_on(locked(), "0.0.0.0:0").await;
    let (status, _, _) = app
        .raw("GET /console?token=not-the-token HTTP/1.1\r\n", b"")
        .await;
    assert_eq!(status, 401);
    let (status, headers, _) = app
        .raw(
            &format!("GET /console/operations?token={TOKEN}&x=1 HTTP/1.1\r\n"),
            b"",
        )
        .await;
    assert_eq!(status, 303);
    assert!(
        headers.contains("location: /console/operations?x=1\r\n"),
        "{headers}"
    );
    let cookie = headers
        .lines()
        .find(|l| l.starts_with("set-cookie: sclocal_admin="))
        .expect("the sign-in cookie");
    assert!(cookie.contains("httponly"), "{cookie}");
    assert!(cookie.contains("samesite=strict"), "{cookie}");
    let (status, _, body) = app
        .raw(
            &format!("GET /console/operations HTTP/1.1\r\nCookie: sclocal_admin={TOKEN}\r\n"),
            b"",
        )
        .await;
    assert_eq!(status, 200);
    assert!(String::from_utf8_lossy(&body).contains("<h1>Operations</h1>"));
    // The cookie opens the console, not the JSON endpoints' bearer check's place: both work.
    let (status, _, _) = app
        .raw(
            &format!("GET /_sclocal/access HTTP/1.1\r\nCookie: sclocal_admin={TOKEN}\r\n"),
            b"",
        )
        .await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn without_a_configured_token_a_random_one_locks_the_door() {
    let app = spawn_on(Config::for_tests(), "0.0.0.0:0").await;
    assert_eq!(app.raw("GET /console HTTP/1.1\r\n", b"").await.0, 401);
    assert_eq!(
        app.raw("POST /_sclocal/reset HTTP/1.1\r\n", b"").await.0,
        401
    );
    app.sts("111111111111")
        .get_caller_identity()
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn a_loopback_listener_keeps_the_door_open_but_refuses_cross_site_changes() {
    let app = spawn_app().await;
    assert_eq!(app.raw("GET /console HTTP/1.1\r\n", b"").await.0, 200);
    assert_eq!(
        app.raw("POST /_sclocal/reset HTTP/1.1\r\n", b"").await.0,
        200
    );
    let cross = "POST /_sclocal/reset HTTP/1.1\r\nSec-Fetch-Site: cross-site\r\n";
    assert_eq!(app.raw(cross, b"").await.0, 403);
    let html = "GET / HTTP/1.1\r\nAccept: text/html,application/xhtml+xml\r\n";
    let (status, headers, _) = app.raw(html, b"").await;
    assert_eq!(status, 303);
    assert!(headers.contains("location: /console\r\n"), "{headers}");
}

#[tokio::test]
async fn console_controls_take_only_their_own_forms() {
    let app = spawn_app().await;
    let (status, headers, body) = app.raw("GET /console/controls HTTP/1.1\r\n", b"").await;
    assert_eq!(status, 200);
    let cookie = headers
        .lines()
        .find_map(|l| l.strip_prefix("set-cookie: sclocal_csrf="))
        .and_then(|v| v.split(';').next())
        .expect("a csrf cookie")
        .to_string();
    let page = String::from_utf8_lossy(&body);
    assert!(
        page.contains(&format!("value=\"{cookie}\"")),
        "the form repeats it"
    );
    let rules = r#"{"rules": [{"service": "sts", "error": "Throttling", "count": 1}]}"#;
    let form = |csrf: &str| {
        form_urlencoded::Serializer::new(String::new())
            .append_pair("sclocal_csrf", csrf)
            .append_pair("rules", rules)
            .finish()
    };
    let head = |extra: &str| {
        format!(
            "POST /console/controls/faults HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\nCookie: sclocal_csrf={cookie}\r\n{extra}"
        )
    };
    for (extra, csrf) in [
        ("", "0".repeat(64)),
        ("Sec-Fetch-Site: cross-site\r\n", cookie.clone()),
        ("Origin: http://evil.example\r\n", cookie.clone()),
    ] {
        let (status, _, _) = app.raw(&head(extra), form(&csrf).as_bytes()).await;
        assert!(status == 403, "{extra:?}: {status}");
    }
    let (_, _, body) = app.raw("GET /_sclocal/faults HTTP/1.1\r\n", b"").await;
    assert!(String::from_utf8_lossy(&body).contains(r#""rules":[]"#));
    let (status, headers, _) = app
        .raw(
            &head("Sec-Fetch-Site: same-origin\r\n"),
            form(&cookie).as_bytes(),
        )
        .await;
    assert_eq!(status, 303);
    assert!(
        headers.contains("location: /console/controls?done=faults"),
        "{headers}"
    );
    let err = app
        .sts("111111111111")
        .get_caller_identity()
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.into_service_error().meta().code(), Some("Throttling"));
}
