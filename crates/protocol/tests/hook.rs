//! The operation hook's plumbing: it runs after authentication and validation and before the
//! operation, is told who calls what (service, operation, IAM action, input), and an error
//! from it answers the request in the request's protocol while the operation never runs.
//! Denials use the errors AWS's front end answers with (Service Catalog's common
//! `AccessDeniedException`, Organizations' modeled one, STS's `AccessDenied`); fault rules use
//! injected errors, whose codes need not be in the model.

mod support;

use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_trait::async_trait;
use sclocal_api::hook::{Call, OperationHook};
use sclocal_api::{organizations, servicecatalog, sts, ServiceError};
use serde_json::Value;
use support::{cbor, handler_with, header, json, query, send, text, Fake};

const SC: &str = "AWS242ServiceCatalogService";

/// What the hook saw of one call.
type Seen = (String, &'static str, &'static str, &'static str, Value);

/// Records every call; fails the ones whose IAM action is `deny` with `error`.
struct Gate {
    deny: &'static str,
    error: fn() -> ServiceError,
    seen: Mutex<Vec<Seen>>,
}

impl Gate {
    fn new(deny: &'static str, error: fn() -> ServiceError) -> Arc<Self> {
        Arc::new(Gate {
            deny,
            error,
            seen: Mutex::new(Vec::new()),
        })
    }

    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

#[async_trait]
impl OperationHook for Gate {
    async fn before(&self, call: &Call<'_>) -> Result<(), ServiceError> {
        self.seen.lock().unwrap().push((
            call.cx.account_id.clone(),
            call.service,
            call.operation,
            call.action,
            call.input.clone(),
        ));
        if call.action == self.deny {
            return Err((self.error)());
        }
        Ok(())
    }
}

fn sc_denied() -> ServiceError {
    servicecatalog::ModeledError::AccessDeniedException
        .msg("User is not authorized to perform: servicecatalog:DescribePortfolio")
}

#[tokio::test]
async fn the_hook_sees_the_call_and_a_denial_stops_it() {
    let fake = Arc::new(Fake::default());
    let gate = Gate::new("servicecatalog:DescribePortfolio", sc_denied);
    let h = handler_with(&fake, gate.clone());

    let ok = send(
        &h,
        &json(&format!("{SC}.ListPortfolios"), r#"{"PageSize":5}"#),
    )
    .await;
    assert_eq!(ok.reply.status, 200);
    assert_eq!(fake.calls.load(Ordering::SeqCst), 1);

    let denied = send(
        &h,
        &json(&format!("{SC}.DescribePortfolio"), r#"{"Id":"port-x"}"#),
    )
    .await;
    assert_eq!(denied.reply.status, 400);
    assert_eq!(
        text(&denied),
        r#"{"__type":"AccessDeniedException","message":"User is not authorized to perform: servicecatalog:DescribePortfolio"}"#
    );
    assert_eq!(
        header(&denied, "x-amzn-ErrorType"),
        Some("AccessDeniedException")
    );
    assert_eq!(header(&denied, "x-amzn-RequestId"), Some("rid-1"));
    // The operation never ran.
    assert_eq!(fake.calls.load(Ordering::SeqCst), 1);

    assert_eq!(
        gate.seen(),
        vec![
            (
                "111111111111".to_string(),
                "servicecatalog",
                "ListPortfolios",
                "servicecatalog:ListPortfolios",
                serde_json::json!({"PageSize": 5}),
            ),
            (
                "111111111111".to_string(),
                "servicecatalog",
                "DescribePortfolio",
                "servicecatalog:DescribePortfolio",
                serde_json::json!({"Id": "port-x"}),
            ),
        ]
    );
}

#[tokio::test]
async fn the_hook_runs_after_validation() {
    let fake = Arc::new(Fake::default());
    let gate = Gate::new("servicecatalog:DescribePortfolio", sc_denied);
    let h = handler_with(&fake, gate.clone());
    let invalid = send(&h, &json(&format!("{SC}.DescribePortfolio"), "{}")).await;
    assert!(text(&invalid).contains("ValidationException"));
    let malformed = send(&h, &json(&format!("{SC}.DescribePortfolio"), "[")).await;
    assert!(text(&malformed).contains("SerializationException"));
    assert!(gate.seen().is_empty());
}

#[tokio::test]
async fn denials_in_organizations_and_sts_use_their_own_errors() {
    let fake = Arc::new(Fake::default());
    let orgs = handler_with(
        &fake,
        Gate::new("organizations:DescribeOrganization", || {
            organizations::ModeledError::AccessDeniedException
                .msg("You don't have permissions to access this resource.")
        }),
    );
    let denied = send(
        &orgs,
        &json("AWSOrganizationsV20161128.DescribeOrganization", "{}"),
    )
    .await;
    assert_eq!(
        (denied.reply.status, text(&denied)),
        (
            400,
            r#"{"__type":"AccessDeniedException","Message":"You don't have permissions to access this resource."}"#
        )
    );

    let sts = handler_with(
        &fake,
        Gate::new("sts:GetCallerIdentity", || {
            sts::ModeledError::AccessDenied.msg("explicit deny in a service control policy")
        }),
    );
    let denied = send(&sts, &query("Action=GetCallerIdentity&Version=2011-06-15")).await;
    assert_eq!(denied.reply.status, 403);
    assert_eq!(
        text(&denied),
        "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n  <Error>\n    \
         <Type>Sender</Type>\n    <Code>AccessDenied</Code>\n    \
         <Message>explicit deny in a service control policy</Message>\n  </Error>\n  \
         <RequestId>rid-1</RequestId>\n</ErrorResponse>\n"
    );
    assert_eq!(fake.calls.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn injected_errors_render_in_every_protocol() {
    let fake = Arc::new(Fake::default());
    let throttled = || ServiceError::injected("ThrottlingException", 400, "Rate exceeded");
    let h = handler_with(&fake, Gate::new("servicecatalog:ListPortfolios", throttled));
    let over_json = send(&h, &json(&format!("{SC}.ListPortfolios"), "{}")).await;
    assert_eq!(
        (over_json.reply.status, text(&over_json)),
        (
            400,
            r#"{"__type":"ThrottlingException","message":"Rate exceeded"}"#
        )
    );
    assert_eq!(
        header(&over_json, "x-amzn-ErrorType"),
        Some("ThrottlingException")
    );

    let over_cbor = send(&h, &cbor("ListPortfolios")).await;
    assert_eq!(over_cbor.reply.status, 400);
    let body: ciborium::Value = ciborium::de::from_reader(&over_cbor.reply.body[..]).unwrap();
    assert_eq!(
        body,
        ciborium::Value::Map(vec![
            (
                "__type".into(),
                "com.amazonaws.servicecatalog#ThrottlingException".into()
            ),
            ("message".into(), "Rate exceeded".into()),
        ])
    );

    // A code no model knows, with a server-side status: awsQuery's Type is Receiver.
    let unavailable = || ServiceError::injected("ServiceUnavailable", 503, "try later");
    let h = handler_with(&fake, Gate::new("sts:GetCallerIdentity", unavailable));
    let over_query = send(&h, &query("Action=GetCallerIdentity&Version=2011-06-15")).await;
    assert_eq!(over_query.reply.status, 503);
    assert!(text(&over_query).contains(
        "<Type>Receiver</Type>\n    <Code>ServiceUnavailable</Code>\n    <Message>try later</Message>"
    ));
    let denied_json = handler_with(
        &fake,
        Gate::new("organizations:ListRoots", || {
            ServiceError::injected("ThrottlingException", 429, "slow down")
        }),
    );
    let throttled = send(
        &denied_json,
        &json("AWSOrganizationsV20161128.ListRoots", "{}"),
    )
    .await;
    assert_eq!(
        (throttled.reply.status, text(&throttled)),
        (
            429,
            r#"{"__type":"ThrottlingException","Message":"slow down"}"#
        )
    );
    assert_eq!(fake.calls.load(Ordering::SeqCst), 0);
}

/// Latency needs nothing from the protocol: the hook sleeps, the answer waits.
struct Slow(Duration);

#[async_trait]
impl OperationHook for Slow {
    async fn before(&self, _call: &Call<'_>) -> Result<(), ServiceError> {
        tokio::time::sleep(self.0).await;
        Ok(())
    }
}

#[tokio::test(start_paused = true)]
async fn a_hook_can_delay_the_answer() {
    let fake = Arc::new(Fake::default());
    let h = handler_with(&fake, Arc::new(Slow(Duration::from_secs(3))));
    let started = tokio::time::Instant::now();
    let ok = send(&h, &json(&format!("{SC}.ListPortfolios"), "{}")).await;
    assert_eq!(ok.reply.status, 200);
    assert!(started.elapsed() >= Duration::from_secs(3));
}
