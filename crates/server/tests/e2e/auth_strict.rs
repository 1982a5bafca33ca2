//! The strict authentication matrix (issue 6, protocol.md §6): with `--auth strict` and a
//! credentials file, a correctly signed request works, and a wrong secret, an unknown key, a
//! clock skewed past five minutes, a missing or garbled Authorization header and a body changed
//! after signing each get AWS's code and change nothing.

use aws_sdk_servicecatalog::config::Credentials;
use aws_sdk_servicecatalog::error::ProvideErrorMetadata;
use sclocal_protocol::sigv4::{
    canonical_request, format_amz_date, sha256_hex, signature, signing_key, string_to_sign,
    AuthMode, RequestParts,
};
use sclocal_server::Config;
use serde_json::Value;

use crate::helpers::{spawn_with, TestApp};

const KEY: &str = "AKIASTRICTEXAMPLE01";
const SECRET: &str = "correct-secret";
const ACCOUNT: &str = "123456789012";
const CREATE: &str = "AWS242ServiceCatalogService.CreatePortfolio";

/// A strict server whose credentials file holds one key; the file lives as long as the app.
async fn strict_app() -> (TestApp, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("credentials.yaml");
    std::fs::write(
        &file,
        format!(
            "credentials:\n  - access_key_id: {KEY}\n    secret_access_key: {SECRET}\n    account_id: \"{ACCOUNT}\"\n"
        ),
    )
    .unwrap();
    let mut config = Config::for_tests();
    config.auth = AuthMode::Strict;
    config.credentials = Some(file);
    (spawn_with(config).await, dir)
}

fn create_body(name: &str) -> String {
    format!(r#"{{"DisplayName":"{name}","ProviderName":"p","IdempotencyToken":"{name}"}}"#)
}

/// A request head signed with `secret` at `time` over `signed_body`, in the given service
/// and wire format (awsJson when `target` is set, awsQuery otherwise).
fn signed_head(
    app: &TestApp,
    key: &str,
    secret: &str,
    service: &str,
    target: Option<&str>,
    signed_body: &[u8],
    time: time::OffsetDateTime,
) -> String {
    let amz_date = format_amz_date(time);
    let host = app.addr.to_string();
    let mut headers = http::HeaderMap::new();
    let content_type = if target.is_some() {
        "application/x-amz-json-1.1"
    } else {
        "application/x-www-form-urlencoded; charset=utf-8"
    };
    headers.insert("content-type", content_type.parse().unwrap());
    headers.insert("host", host.parse().unwrap());
    headers.insert("x-amz-date", amz_date.parse().unwrap());
    let mut signed = vec![
        "content-type".to_owned(),
        "host".into(),
        "x-amz-date".into(),
    ];
    if let Some(t) = target {
        headers.insert("x-amz-target", t.parse().unwrap());
        signed.push("x-amz-target".into());
    }
    let parts = RequestParts {
        method: "POST",
        raw_path: "/",
        raw_query: None,
        headers: &headers,
    };
    let canonical = canonical_request(&parts, &signed, &sha256_hex(signed_body));
    let scope = format!("{}/us-east-1/{service}/aws4_request", &amz_date[..8]);
    let sig = signature(
        &signing_key(secret, &amz_date[..8], "us-east-1", service),
        &string_to_sign(&amz_date, &scope, &canonical),
    );
    let target_line = target.map_or(String::new(), |t| format!("X-Amz-Target: {t}\r\n"));
    format!(
        "POST / HTTP/1.1\r\nContent-Type: {content_type}\r\n{target_line}X-Amz-Date: {amz_date}\r\nAuthorization: AWS4-HMAC-SHA256 Credential={key}/{scope}, SignedHeaders={}, Signature={sig}\r\n",
        signed.join(";")
    )
}

fn json_error(body: &[u8]) -> (String, String) {
    let v: Value = serde_json::from_slice(body).unwrap();
    (
        v["__type"].as_str().unwrap().to_owned(),
        v["message"].as_str().unwrap_or_default().to_owned(),
    )
}

async fn portfolio_count(app: &TestApp) -> usize {
    let sc = app.catalog_with(Credentials::new(KEY, SECRET, None, None, "t"), "us-east-1");
    sc.list_portfolios()
        .send()
        .await
        .unwrap()
        .portfolio_details()
        .len()
}

#[tokio::test]
async fn correct_secret_works_and_sdk_failures_get_aws_codes() {
    let (app, _dir) = strict_app().await;
    let good = app.catalog_with(Credentials::new(KEY, SECRET, None, None, "t"), "us-east-1");
    let created = good
        .create_portfolio()
        .display_name("ok")
        .provider_name("p")
        .idempotency_token("ok")
        .send()
        .await
        .unwrap();
    let arn = created.portfolio_detail().unwrap().arn().unwrap();
    assert!(arn.contains(&format!(":{ACCOUNT}:")), "{arn}");

    for (creds, code) in [
        (
            Credentials::new(KEY, "wrong-secret", None, None, "t"),
            "InvalidSignatureException",
        ),
        (
            Credentials::new("AKIAUNKNOWNKEY000001", SECRET, None, None, "t"),
            "UnrecognizedClientException",
        ),
    ] {
        let err = app
            .catalog_with(creds, "us-east-1")
            .create_portfolio()
            .display_name("bad")
            .provider_name("p")
            .idempotency_token("bad")
            .send()
            .await
            .unwrap_err();
        assert_eq!(err.code(), Some(code), "{err:?}");
    }
    assert_eq!(portfolio_count(&app).await, 1);
}

#[tokio::test]
async fn skew_missing_garbled_and_tampered_requests_get_through_nowhere() {
    let (app, _dir) = strict_app().await;
    let now = time::OffsetDateTime::now_utc();
    let body = create_body("x");
    let six = time::Duration::minutes(6);
    let sign = |time, signed_body: &str| {
        signed_head(
            &app,
            KEY,
            SECRET,
            "servicecatalog",
            Some(CREATE),
            signed_body.as_bytes(),
            time,
        )
    };
    let unsigned = format!(
        "POST / HTTP/1.1\r\nContent-Type: application/x-amz-json-1.1\r\nX-Amz-Target: {CREATE}\r\nX-Amz-Date: {}\r\n",
        format_amz_date(now)
    );
    let garbled = format!("{unsigned}Authorization: AWS4-HMAC-SHA256 Credential={KEY}/garbage\r\n");
    let cases = [
        (
            "past",
            sign(now - six, &body),
            "InvalidSignatureException",
            "Signature expired: ",
        ),
        (
            "future",
            sign(now + six, &body),
            "InvalidSignatureException",
            "Signature not yet current: ",
        ),
        (
            "missing",
            unsigned.clone(),
            "MissingAuthenticationTokenException",
            "Missing Authentication Token",
        ),
        ("garbled", garbled, "IncompleteSignatureException", ""),
        (
            "tampered",
            sign(now, &create_body("y")),
            "InvalidSignatureException",
            "The request signature we calculated does not match",
        ),
    ];
    for (name, head, code, message) in cases {
        let (status, _, out) = app.raw(&head, body.as_bytes()).await;
        let (got_code, got_message) = json_error(&out);
        assert_eq!(
            (status, got_code.as_str()),
            (400, code),
            "{name}: {got_message}"
        );
        assert!(got_message.starts_with(message), "{name}: {got_message}");
    }
    // The control: the same request signed now, over the body it sends, goes through.
    let (status, _, out) = app.raw(&sign(now, &body), body.as_bytes()).await;
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&out));
    assert_eq!(portfolio_count(&app).await, 1);
}

#[tokio::test]
async fn sts_renders_auth_failures_as_aws_query_errors() {
    let (app, _dir) = strict_app().await;
    let body = b"Action=GetCallerIdentity&Version=2011-06-15";
    let now = time::OffsetDateTime::now_utc();
    let cases = [
        (
            signed_head(&app, KEY, "wrong", "sts", None, body, now),
            403,
            "SignatureDoesNotMatch",
        ),
        (
            signed_head(&app, "AKIAUNKNOWNKEY000001", SECRET, "sts", None, body, now),
            403,
            "InvalidClientTokenId",
        ),
    ];
    for (head, want_status, want_code) in cases {
        let (status, _, out) = app.raw(&head, body).await;
        let text = String::from_utf8(out).unwrap();
        assert_eq!(status, want_status, "{text}");
        assert!(
            text.contains(&format!("<Code>{want_code}</Code>")),
            "{text}"
        );
    }
    // Through the SDK, the correct key identifies the credentials file's account.
    let who = app
        .sts_with(Credentials::new(KEY, SECRET, None, None, "t"))
        .get_caller_identity()
        .send()
        .await
        .unwrap();
    assert_eq!(who.account(), Some(ACCOUNT));
    let err = app
        .sts_with(Credentials::new(KEY, "wrong", None, None, "t"))
        .get_caller_identity()
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some("SignatureDoesNotMatch"), "{err:?}");
}
