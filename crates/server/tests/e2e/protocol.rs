//! Hostile and malformed requests: every one gets a clean 4xx with a `__type`, and the server
//! keeps answering.

use crate::helpers::{auth_headers, spawn_app};

fn json_head(target: &str) -> String {
    format!(
        "POST / HTTP/1.1\r\nContent-Type: application/x-amz-json-1.1\r\nX-Amz-Target: {target}\r\n{}",
        auth_headers("111111111111", "servicecatalog")
    )
}

fn error_type(body: &[u8]) -> String {
    let v: serde_json::Value = serde_json::from_slice(body).expect("error body is JSON");
    v["__type"].as_str().expect("__type").to_string()
}

#[tokio::test]
async fn malformed_bodies_are_serialization_errors() {
    let app = spawn_app().await;
    let head = json_head("AWS242ServiceCatalogService.DescribePortfolio");
    let nested = format!("{{\"Id\": {}{}}}", "[".repeat(10_000), "]".repeat(10_000));
    let cases: Vec<Vec<u8>> = vec![
        b"{\"Id\":".to_vec(),
        b"{\"Id\": 5}".to_vec(),
        // A type error wins over a constraint violation (the missing Id).
        b"{\"AcceptLanguage\": 5}".to_vec(),
        b"[]".to_vec(),
        b"\"x\"".to_vec(),
        vec![0xff, 0xfe, 0x00],
        nested.into_bytes(),
    ];
    for body in cases {
        let (status, headers, out) = app.raw(&head, &body).await;
        assert_eq!(
            status,
            400,
            "{}",
            String::from_utf8_lossy(&body[..body.len().min(40)])
        );
        assert!(headers.contains("x-amzn-requestid:"));
        assert_eq!(error_type(&out), "SerializationException");
    }
    let (status, _, out) = app
        .raw(
            &json_head("AWS242ServiceCatalogService.ListPortfolios"),
            b"",
        )
        .await;
    assert_eq!(
        (status, String::from_utf8_lossy(&out).to_string()),
        (200, "{\"PortfolioDetails\":[]}".to_string())
    );
}

#[tokio::test]
async fn missing_members_unknown_targets_and_unknown_copy_tokens() {
    let app = spawn_app().await;
    let (status, _, out) = app
        .raw(
            &json_head("AWS242ServiceCatalogService.DescribePortfolio"),
            b"{}",
        )
        .await;
    assert_eq!(status, 400);
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["__type"], "ValidationException");
    assert_eq!(v["message"], "1 validation error detected: Value null at 'id' failed to satisfy constraint: Member must not be null");

    let (status, _, out) = app
        .raw(&json_head("AWS242ServiceCatalogService.NoSuchOp"), b"{}")
        .await;
    assert_eq!(
        (status, error_type(&out).as_str()),
        (400, "UnknownOperationException")
    );

    let (status, _, out) = app
        .raw(
            &json_head("AWS242ServiceCatalogService.DescribeCopyProductStatus"),
            b"{\"CopyProductToken\":\"copyproduct-abc\"}",
        )
        .await;
    // Emulated now (it answered 501 before): an unknown token is a modeled 400.
    assert_eq!(
        (status, error_type(&out).as_str()),
        (400, "ResourceNotFoundException")
    );
}

#[tokio::test]
async fn authentication_failures_use_aws_codes() {
    let app = spawn_app().await;
    let head = "POST / HTTP/1.1\r\nContent-Type: application/x-amz-json-1.1\r\nX-Amz-Target: AWS242ServiceCatalogService.ListPortfolios\r\n";
    let (status, _, out) = app.raw(head, b"{}").await;
    assert_eq!(
        (status, error_type(&out).as_str()),
        (400, "MissingAuthenticationTokenException")
    );
    let garbled = format!(
        "{head}X-Amz-Date: 20261129T053850Z\r\nAuthorization: AWS4-HMAC-SHA256 garbage\r\n"
    );
    let (status, _, out) = app.raw(&garbled, b"{}").await;
    assert_eq!(
        (status, error_type(&out).as_str()),
        (400, "IncompleteSignatureException")
    );
}

#[tokio::test]
async fn oversized_bodies_get_a_clean_413() {
    let app = spawn_app().await;
    let body = vec![b' '; 8 * 1024 * 1024 + 1];
    let (status, headers, out) = app
        .raw(
            &json_head("AWS242ServiceCatalogService.ListPortfolios"),
            &body,
        )
        .await;
    assert_eq!(status, 413);
    assert!(headers.contains("x-amzn-requestid:"));
    assert_eq!(error_type(&out), "ValidationException");
    let (status, _, _) = app.raw("GET /_sclocal/health HTTP/1.1\r\n", b"").await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn organizations_validation_reports_a_reason() {
    let app = spawn_app().await;
    let head = format!(
        "POST / HTTP/1.1\r\nContent-Type: application/x-amz-json-1.1\r\nX-Amz-Target: AWSOrganizationsV20161128.DescribeAccount\r\n{}",
        auth_headers("111111111111", "organizations")
    );
    let (status, _, out) = app.raw(&head, b"{\"AccountId\":\"123\"}").await;
    assert_eq!(status, 400);
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["__type"], "InvalidInputException");
    assert_eq!(v["Reason"], "INVALID_PATTERN");
    assert_eq!(
        v["Message"],
        "You provided a value that does not match the required pattern."
    );
}
