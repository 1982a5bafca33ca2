//! Request-level fault rules (`/_sclocal/faults`) against the official SDKs, in each
//! protocol they speak: awsJson 1.1 (Service Catalog, Organizations), awsQuery (STS), and
//! hand-built RPC v2 CBOR for Service Catalog. A faulted request fails in its own protocol
//! and changes nothing; counts are spent per match; a bad rule set is refused whole.

use std::time::Duration;

use aws_sdk_servicecatalog::error::ProvideErrorMetadata;
use ciborium::Value as Cbor;

use crate::helpers::{auth_headers, portfolio, spawn_app, TestApp};

impl TestApp {
    /// `PUT /_sclocal/faults` with `json`: (status, body as JSON).
    pub async fn put_faults(&self, json: &str) -> (u16, serde_json::Value) {
        let head = "PUT /_sclocal/faults HTTP/1.1\r\nContent-Type: application/json\r\n";
        let (status, _, body) = self.raw(head, json.as_bytes()).await;
        (status, serde_json::from_slice(&body).expect("JSON answer"))
    }

    /// `GET /_sclocal/faults`.
    pub async fn faults(&self) -> serde_json::Value {
        let (status, _, body) = self.raw("GET /_sclocal/faults HTTP/1.1\r\n", b"").await;
        assert_eq!(status, 200);
        serde_json::from_slice(&body).expect("JSON answer")
    }
}

#[tokio::test]
async fn service_catalog_awsjson_fails_count_times_then_works() {
    let app = spawn_app().await;
    let sc = app.catalog("111111111111");
    let id = portfolio(&sc, "P").await;
    let (status, set) = app
        .put_faults(
            r#"{"rules": [{"service": "servicecatalog", "operation": "CreatePortfolioShare",
                "account": "111111111111", "error": "ThrottlingException",
                "message": "Rate exceeded", "status": 400, "count": 2, "probability": 1.0,
                "latency_ms": 0}]}"#,
        )
        .await;
    assert_eq!(status, 200, "{set}");
    assert_eq!(set["rules"][0]["remaining"], 2);
    for _ in 0..2 {
        let err = sc
            .create_portfolio_share()
            .portfolio_id(&id)
            .account_id("222222222222")
            .send()
            .await
            .unwrap_err();
        let raw = err.raw_response().expect("an HTTP answer");
        assert_eq!(raw.status().as_u16(), 400);
        let service_err = err.into_service_error();
        assert_eq!(service_err.code(), Some("ThrottlingException"));
        assert_eq!(service_err.message(), Some("Rate exceeded"));
    }
    // Nothing was shared by the refused calls.
    let shares = sc
        .describe_portfolio_shares()
        .portfolio_id(&id)
        .r#type(aws_sdk_servicecatalog::types::DescribePortfolioShareType::Account)
        .send()
        .await
        .unwrap();
    assert!(shares.portfolio_share_details().is_empty());
    // Other operations and other accounts were never matched; the third call goes through.
    app.catalog("222222222222")
        .list_portfolios()
        .send()
        .await
        .unwrap();
    sc.create_portfolio_share()
        .portfolio_id(&id)
        .account_id("222222222222")
        .send()
        .await
        .unwrap();
    assert_eq!(app.faults().await["rules"][0]["remaining"], 0);
}

#[tokio::test]
async fn service_catalog_rpc_v2_cbor_fails_with_the_shape_id() {
    let app = spawn_app().await;
    let (status, _) = app
        .put_faults(r#"{"rules": [{"service": "servicecatalog", "operation": "ListPortfolios", "error": "ThrottlingException", "message": "Rate exceeded"}]}"#)
        .await;
    assert_eq!(status, 200);
    let head = format!(
        "POST /service/AWS242ServiceCatalogService/operation/ListPortfolios HTTP/1.1\r\nContent-Type: application/cbor\r\nAccept: application/cbor\r\nsmithy-protocol: rpc-v2-cbor\r\n{}",
        auth_headers("111111111111", "servicecatalog")
    );
    let (status, headers, body) = app.raw(&head, &[0xa0]).await;
    assert_eq!(status, 400);
    assert!(
        headers.contains("smithy-protocol: rpc-v2-cbor"),
        "{headers}"
    );
    let out: Cbor = ciborium::de::from_reader(body.as_slice()).unwrap();
    let field = |key: &str| {
        out.as_map()
            .and_then(|m| m.iter().find(|(k, _)| k.as_text() == Some(key)))
            .and_then(|(_, v)| v.as_text().map(str::to_string))
    };
    assert_eq!(
        field("__type").as_deref(),
        Some("com.amazonaws.servicecatalog#ThrottlingException")
    );
    assert_eq!(field("message").as_deref(), Some("Rate exceeded"));
}

#[tokio::test]
async fn organizations_awsjson_fails_without_touching_state() {
    let app = spawn_app().await;
    let (status, _) = app
        .put_faults(r#"{"rules": [{"service": "organizations", "operation": "CreateOrganization", "error": "TooManyRequestsException", "message": "AWS Organizations can't complete your request because another request is already in progress.", "status": 400, "count": 1}]}"#)
        .await;
    assert_eq!(status, 200);
    let org = app.organizations("111111111111");
    let err = org.create_organization().send().await.unwrap_err();
    assert_eq!(err.raw_response().unwrap().status().as_u16(), 400);
    let err = err.into_service_error();
    assert_eq!(err.code(), Some("TooManyRequestsException"));
    assert!(err
        .message()
        .unwrap()
        .starts_with("AWS Organizations can't complete"));
    let not_in_use = org.describe_organization().send().await.unwrap_err();
    assert_eq!(
        not_in_use.into_service_error().code(),
        Some("AWSOrganizationsNotInUseException"),
        "the refused CreateOrganization created nothing"
    );
    org.create_organization().send().await.unwrap();
}

#[tokio::test]
async fn sts_awsquery_fails_with_a_server_status() {
    let app = spawn_app().await;
    let (status, _) = app
        .put_faults(r#"{"rules": [{"service": "sts", "error": "ServiceUnavailable", "message": "Service is unavailable", "status": 503}]}"#)
        .await;
    assert_eq!(status, 200);
    let err = app
        .sts("111111111111")
        .get_caller_identity()
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.raw_response().unwrap().status().as_u16(), 503);
    let err = err.into_service_error();
    assert_eq!(err.code(), Some("ServiceUnavailable"));
    assert_eq!(err.message(), Some("Service is unavailable"));
    // Service Catalog is another service: untouched.
    app.catalog("111111111111")
        .list_portfolios()
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn latency_alone_delays_and_lets_the_call_through() {
    let app = spawn_app().await;
    let (status, _) = app
        .put_faults(r#"{"rules": [{"service": "sts", "operation": "GetCallerIdentity", "latency_ms": 300, "count": 1}]}"#)
        .await;
    assert_eq!(status, 200);
    let sts = app.sts("111111111111");
    #[expect(clippy::disallowed_methods, reason = "measures the injected latency")]
    let started = std::time::Instant::now();
    let me = sts.get_caller_identity().send().await.unwrap();
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert_eq!(me.account(), Some("111111111111"));
}

#[tokio::test]
async fn bad_rule_sets_are_refused_and_the_old_set_stays() {
    let app = spawn_app().await;
    let good = r#"{"rules": [{"service": "sts", "error": "Throttling", "count": 3}]}"#;
    assert_eq!(app.put_faults(good).await.0, 200);
    for bad in [
        "{not json",
        r#"{"rules": [{"service": "sts"}]}"#,
        r#"{"rules": [{"service": "ec2", "error": "X"}]}"#,
        r#"{"rules": [{"service": "sts", "error": "Throttling"}, {"service": "sts", "operation": "Nope", "error": "X"}]}"#,
    ] {
        let (status, body) = app.put_faults(bad).await;
        assert_eq!(status, 400, "{bad}");
        assert!(body["error"].is_string(), "{body}");
    }
    let now = app.faults().await;
    assert_eq!(now["rules"].as_array().unwrap().len(), 1);
    assert_eq!(now["rules"][0]["error"], "Throttling");
    assert_eq!(now["rules"][0]["remaining"], 3);
    // The fan-out faults are shown beside the rules.
    app.put_share_faults(r#"{"faults": [{"account": "333333333333"}]}"#)
        .await;
    assert_eq!(
        app.faults().await["share_faults"][0]["account"],
        "333333333333"
    );
    // DELETE clears the rules; so does a reset.
    let (status, _, body) = app.raw("DELETE /_sclocal/faults HTTP/1.1\r\n", b"").await;
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    assert!(app.faults().await["rules"].as_array().unwrap().is_empty());
    assert_eq!(app.put_faults(good).await.0, 200);
    let (status, _, _) = app.raw("POST /_sclocal/reset HTTP/1.1\r\n", b"").await;
    assert_eq!(status, 200);
    assert!(app.faults().await["rules"].as_array().unwrap().is_empty());
    app.sts("111111111111")
        .get_caller_identity()
        .send()
        .await
        .unwrap();
}
