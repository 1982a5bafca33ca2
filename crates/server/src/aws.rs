//! Every request that is not an admin endpoint: the AWS protocols. Reads the body (bounded by
//! `--max-body-bytes`), hands it to `sclocal_protocol::handle` with a fresh request id and the
//! injected clock's time, logs one line per request and turns the protocol's `Reply` into an
//! HTTP response.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::Response;
use axum::Router;
use sclocal_core::clock::{Clock, IdSource};
use sclocal_protocol::rejection::Rejection;
use sclocal_protocol::route::{guess_protocol, Service};
use sclocal_protocol::{Handler, Reply, Request};

/// What the AWS handler needs.
#[derive(Clone)]
pub struct Aws {
    /// The protocol handler (services, authentication, hook).
    pub handler: Arc<Handler>,
    /// The time requests are signed against.
    pub clock: Arc<dyn Clock>,
    /// Where request ids come from.
    pub ids: Arc<dyn IdSource>,
    /// Largest body accepted.
    pub max_body_bytes: usize,
}

impl Aws {
    fn request_id(&self) -> String {
        let mut bytes = [0u8; 16];
        self.ids.fill(&mut bytes);
        let mut text = [0u8; uuid::fmt::Hyphenated::LENGTH];
        // The same lowercase hyphenated text as `to_string`, without the formatting machinery.
        uuid::Builder::from_random_bytes(bytes)
            .into_uuid()
            .hyphenated()
            .encode_lower(&mut text)
            .to_owned()
    }
}

/// A router that answers every request as an AWS request; mounted behind the admin routes.
pub fn router(aws: Aws) -> Router {
    Router::new().fallback(handle).with_state(aws)
}

/// Every AWS request.
async fn handle(
    State(app): State<Aws>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Response {
    #[expect(
        clippy::disallowed_methods,
        reason = "request latency for the log line only"
    )]
    let started = std::time::Instant::now();
    let request_id = app.request_id();
    let path = uri.path();
    let declared = headers
        .get(http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    let body = if declared.is_some_and(|n| n > app.max_body_bytes) {
        drain(body, app.max_body_bytes.saturating_mul(DRAIN_FACTOR)).await;
        Err(())
    } else {
        axum::body::to_bytes(body, app.max_body_bytes)
            .await
            .map_err(|_| ())
    };
    let (reply, operation, account) = match body {
        Err(()) => {
            let protocol = guess_protocol(path, &headers);
            let rejection = Rejection::TooLarge(app.max_body_bytes);
            (
                sclocal_protocol::reject(
                    protocol,
                    Service::ServiceCatalog,
                    &rejection,
                    &request_id,
                ),
                None,
                None,
            )
        }
        Ok(bytes) => {
            let now = time::OffsetDateTime::from_unix_timestamp_nanos(
                i128::from(app.clock.now_millis()) * 1_000_000,
            )
            .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
            let req = Request {
                method: method.as_str(),
                path,
                query: uri.query(),
                headers: &headers,
                body: &bytes,
            };
            let outcome = sclocal_protocol::handle(&app.handler, req, now, &request_id).await;
            (outcome.reply, outcome.operation, outcome.account)
        }
    };
    tracing::info!(
        operation = operation.as_deref().unwrap_or("-"),
        account = account.as_deref().unwrap_or("-"),
        status = reply.status,
        duration_us = u64::try_from(started.elapsed().as_micros()).unwrap_or(u64::MAX),
        request_id,
        "request"
    );
    into_response(reply)
}

/// How much of an oversized body is read and discarded before answering 413, as a multiple
/// of the limit: a client still writing when the server closes gets a reset instead of the
/// answer, so moderately oversized bodies are drained first.
const DRAIN_FACTOR: usize = 8;

async fn drain(mut body: Body, cap: usize) {
    use http_body_util::BodyExt as _;
    let mut seen = 0usize;
    while let Some(Ok(frame)) = body.frame().await {
        seen = seen.saturating_add(frame.data_ref().map_or(0, bytes::Bytes::len));
        if seen > cap {
            break;
        }
    }
}

fn into_response(reply: Reply) -> Response {
    let mut response = Response::new(Body::from(reply.body));
    *response.status_mut() =
        StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let headers = response.headers_mut();
    headers.insert(
        http::header::CONTENT_TYPE,
        HeaderValue::from_static(reply.content_type),
    );
    for (name, value) in reply.headers {
        if let Ok(v) = HeaderValue::from_str(&value) {
            headers.insert(name, v);
        }
    }
    response
}
