//! A stand-in for the emulator and request builders, so `sclocal_protocol::handle` can be
//! driven end to end (bytes in, bytes out) in each protocol without a store.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use async_trait::async_trait;
use http::{HeaderMap, HeaderValue};
use sclocal_api::hook::{NoHook, OperationHook};
use sclocal_api::organizations::Organizations;
use sclocal_api::primitives::Timestamp;
use sclocal_api::servicecatalog::{
    DescribePortfolioInput, DescribePortfolioOutput, ListPortfoliosInput, ListPortfoliosOutput,
    ModeledError, PortfolioDetail, ServiceCatalog,
};
use sclocal_api::sts::{GetCallerIdentityRequest, GetCallerIdentityResponse, Sts};
use sclocal_api::{RequestContext, ServiceError};
use sclocal_protocol::sigv4::{AuthMode, Credential};
use sclocal_protocol::{handle, AuthSettings, Handler, Identities, Outcome, Request, Services};

/// Answers ListPortfolios with one portfolio, DescribePortfolio with "not found", STS
/// GetCallerIdentity with the caller; counts the operations that ran.
#[derive(Debug, Default)]
pub struct Fake {
    pub calls: AtomicUsize,
}

#[async_trait]
impl ServiceCatalog for Fake {
    async fn list_portfolios(
        &self,
        _cx: &RequestContext,
        _input: ListPortfoliosInput,
    ) -> Result<ListPortfoliosOutput, ServiceError> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        Ok(ListPortfoliosOutput {
            portfolio_details: Some(vec![PortfolioDetail {
                id: Some("port-abc".into()),
                created_time: Some(Timestamp::from_millis(1_700_000_000_123)),
                ..PortfolioDetail::default()
            }]),
            next_page_token: None,
        })
    }

    async fn describe_portfolio(
        &self,
        _cx: &RequestContext,
        input: DescribePortfolioInput,
    ) -> Result<DescribePortfolioOutput, ServiceError> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        Err(ModeledError::ResourceNotFoundException
            .msg(format!("Portfolio {} not found", input.id)))
    }
}

#[async_trait]
impl Organizations for Fake {}

#[async_trait]
impl Sts for Fake {
    async fn get_caller_identity(
        &self,
        cx: &RequestContext,
        _input: GetCallerIdentityRequest,
    ) -> Result<GetCallerIdentityResponse, ServiceError> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        Ok(GetCallerIdentityResponse {
            account: Some(cx.account_id.clone()),
            ..GetCallerIdentityResponse::default()
        })
    }
}

struct NoKeys;

#[async_trait]
impl Identities for NoKeys {
    async fn credential(&self, _access_key_id: &str) -> Option<Credential> {
        None
    }
}

/// A handler over `fake`, with signatures off (callers are the default account) and no
/// hook.
#[allow(dead_code, reason = "not every test binary uses it")]
pub fn handler(fake: &Arc<Fake>) -> Handler {
    handler_with(fake, Arc::new(NoHook))
}

/// A handler over `fake` with `hook` before every operation.
pub fn handler_with(fake: &Arc<Fake>, hook: Arc<dyn OperationHook>) -> Handler {
    let services = Services {
        catalog: fake.clone(),
        organizations: fake.clone(),
        sts: fake.clone(),
    };
    let auth = AuthSettings {
        mode: AuthMode::Off,
        default_account: "111111111111".into(),
    };
    Handler::new(services, auth, Arc::new(NoKeys), hook)
}

/// A request: path, headers, body.
pub struct Wire {
    pub path: String,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
    let mut h = HeaderMap::new();
    for (k, v) in pairs {
        h.insert(*k, HeaderValue::from_str(v).unwrap());
    }
    h
}

/// An awsJson 1.1 request (`target` is the full `X-Amz-Target`).
pub fn json(target: &str, body: &str) -> Wire {
    Wire {
        path: "/".into(),
        headers: headers(&[
            ("x-amz-target", target),
            ("content-type", "application/x-amz-json-1.1"),
        ]),
        body: body.as_bytes().to_vec(),
    }
}

/// An RPC v2 CBOR request to Service Catalog's `operation` with an empty map body.
pub fn cbor(operation: &str) -> Wire {
    Wire {
        path: format!("/service/AWS242ServiceCatalogService/operation/{operation}"),
        headers: headers(&[
            ("smithy-protocol", "rpc-v2-cbor"),
            ("content-type", "application/cbor"),
        ]),
        body: vec![0xa0],
    }
}

/// An awsQuery (STS) request with a form body.
pub fn query(form: &str) -> Wire {
    Wire {
        path: "/".into(),
        headers: headers(&[("content-type", "application/x-www-form-urlencoded")]),
        body: form.as_bytes().to_vec(),
    }
}

/// Runs `wire` through `handler`.
pub async fn send(handler: &Handler, wire: &Wire) -> Outcome {
    let req = Request {
        method: "POST",
        path: &wire.path,
        query: None,
        headers: &wire.headers,
        body: &wire.body,
    };
    let now = time::OffsetDateTime::from_unix_timestamp(1_795_930_730).unwrap();
    handle(handler, req, now, "rid-1").await
}

/// The value of an extra header of the reply.
pub fn header<'o>(outcome: &'o Outcome, name: &str) -> Option<&'o str> {
    outcome
        .reply
        .headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// The body as text.
pub fn text(outcome: &Outcome) -> &str {
    std::str::from_utf8(&outcome.reply.body).unwrap()
}
