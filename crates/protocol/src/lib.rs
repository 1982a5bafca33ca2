//! HTTP bytes to `sclocal-api` types and back. Knows nothing of storage or behaviour: it
//! routes a request to (protocol, service, operation), authenticates it, decodes and validates
//! the body against the model, calls the generated dispatcher on the [`Services`] it is given,
//! and encodes the answer or the error the way each protocol's clients expect.

pub mod aws_json;
pub mod aws_query;
pub mod rejection;
pub mod route;
pub mod rpc_v2_cbor;
pub mod sigv4;
pub mod validation;

use std::sync::Arc;

use async_trait::async_trait;
use bytes::Bytes;
use http::HeaderMap;
use sclocal_api::organizations::Organizations;
use sclocal_api::servicecatalog::ServiceCatalog;
use sclocal_api::sts::Sts;
use sclocal_api::validate::{Invalid, Validator, Violation};
use sclocal_api::{organizations, servicecatalog, sts, RequestContext, ServiceError};
use serde_json::Value;

use crate::rejection::Rejection;
use crate::route::{Protocol, Route, Service};
use crate::sigv4::{AuthMode, Credential, RequestParts};

/// An encoded answer, before it becomes an HTTP response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// HTTP status.
    pub status: u16,
    /// `Content-Type`.
    pub content_type: &'static str,
    /// Extra headers.
    pub headers: Vec<(&'static str, String)>,
    /// Body.
    pub body: Bytes,
}

impl Reply {
    /// An answer with no extra headers.
    pub fn new(status: u16, content_type: &'static str, body: Bytes) -> Self {
        Reply {
            status,
            content_type,
            headers: Vec::new(),
            body,
        }
    }

    /// Adds a header.
    #[must_use]
    pub fn with_header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }
}

/// The implementations the dispatcher calls.
#[derive(Clone)]
pub struct Services {
    /// Service Catalog.
    pub catalog: Arc<dyn ServiceCatalog>,
    /// Organizations.
    pub organizations: Arc<dyn Organizations>,
    /// STS.
    pub sts: Arc<dyn Sts>,
}

/// Where credentials come from (a credentials file, sessions issued by STS).
#[async_trait]
pub trait Identities: Send + Sync {
    /// The credential for an access key id, if one is known.
    async fn credential(&self, access_key_id: &str) -> Option<Credential>;
}

/// Authentication settings.
#[derive(Debug, Clone)]
pub struct AuthSettings {
    /// How strictly to check signatures.
    pub mode: AuthMode,
    /// The account of keys that name none.
    pub default_account: String,
}

/// Everything [`handle`] needs besides the request.
pub struct Handler {
    /// The services.
    pub services: Services,
    /// Authentication settings.
    pub auth: AuthSettings,
    /// Credential source.
    pub identities: Arc<dyn Identities>,
    validators: [Validator; 3],
}

impl Handler {
    /// A handler over `services`.
    pub fn new(services: Services, auth: AuthSettings, identities: Arc<dyn Identities>) -> Self {
        Handler {
            services,
            auth,
            identities,
            validators: [
                Validator::new(&servicecatalog::MODEL),
                Validator::new(&organizations::MODEL),
                Validator::new(&sts::MODEL),
            ],
        }
    }

    fn validator(&self, service: Service) -> &Validator {
        match service {
            Service::ServiceCatalog => &self.validators[0],
            Service::Organizations => &self.validators[1],
            Service::Sts => &self.validators[2],
        }
    }
}

/// A request as received.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    /// Method.
    pub method: &'a str,
    /// Raw path, as sent.
    pub path: &'a str,
    /// Raw query string.
    pub query: Option<&'a str>,
    /// Headers.
    pub headers: &'a HeaderMap,
    /// Body.
    pub body: &'a [u8],
}

/// What happened, for the request log.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The answer.
    pub reply: Reply,
    /// `Service.Operation`, when routing succeeded.
    pub operation: Option<String>,
    /// The caller's account, when authentication succeeded.
    pub account: Option<String>,
}

/// Handles one request end to end. `now` is the current time (for signature skew) and
/// `request_id` the id to answer with.
pub async fn handle(
    handler: &Handler,
    req: Request<'_>,
    now: time::OffsetDateTime,
    request_id: &str,
) -> Outcome {
    let mut outcome = Outcome {
        reply: Reply::new(200, aws_json::CONTENT_TYPE, Bytes::new()),
        operation: None,
        account: None,
    };
    let form = form_params(&req);
    let route = match route::route(
        req.path,
        req.headers,
        form.as_deref().and_then(aws_query::action),
    ) {
        Ok(r) => r,
        Err(rejection) => {
            let protocol = route::guess_protocol(req.path, req.headers);
            outcome.reply = reject(protocol, Service::ServiceCatalog, &rejection, request_id);
            return outcome;
        }
    };
    // `concat` rather than `format!`: one allocation, no formatting machinery, every request.
    outcome.operation = Some([route.service.model().module, ".", route.operation].concat());
    let cx = match authenticate(handler, &req, now, request_id).await {
        Ok(cx) => cx,
        Err(rejection) => {
            outcome.reply = reject(route.protocol, route.service, &rejection, request_id);
            return outcome;
        }
    };
    outcome.account = Some(cx.account_id.clone());
    let reply = match decode(handler, &route, &req, form.as_deref()) {
        Err(rejection) => reject(route.protocol, route.service, &rejection, request_id),
        Ok(Decoded { doc, violations }) => {
            let result = match violations {
                // Constraint violations answer with each service's validation error, after
                // authentication and type checks, and before the operation runs.
                Some(violations) => Err(validation::invalid_input(route.service, &violations)),
                None => dispatch(handler, &route, &cx, doc).await,
            };
            encode(&route, result, request_id)
        }
    };
    outcome.reply = reply;
    outcome
}

/// awsQuery parameters: the form body, or the query string of a GET.
fn form_params(req: &Request<'_>) -> Option<Vec<(String, String)>> {
    let is_form = req
        .headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.to_ascii_lowercase()
                .starts_with("application/x-www-form-urlencoded")
        });
    if is_form {
        return Some(aws_query::parse_form(req.body));
    }
    match req.query {
        Some(q) if q.contains("Action=") && !req.headers.contains_key("x-amz-target") => {
            Some(aws_query::parse_form(q.as_bytes()))
        }
        _ => None,
    }
}

async fn authenticate(
    handler: &Handler,
    req: &Request<'_>,
    now: time::OffsetDateTime,
    request_id: &str,
) -> Result<RequestContext, Rejection> {
    let parts = RequestParts {
        method: req.method,
        raw_path: req.path,
        raw_query: req.query,
        headers: req.headers,
    };
    let akid = req
        .headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(sigv4::access_key_id);
    let credential = match akid {
        Some(k) => handler.identities.credential(k).await,
        None => None,
    };
    let lookup = move |key: &str| credential.clone().filter(|_| akid == Some(key));
    let caller = sigv4::verify(
        &parts,
        req.body,
        handler.auth.mode,
        &lookup,
        &handler.auth.default_account,
        now,
    )?;
    let (account, principal, access_key, region) = match caller {
        Some(c) => (
            c.account_id,
            c.principal_arn,
            Some(c.access_key_id),
            c.region,
        ),
        None => (
            handler.auth.default_account.clone(),
            None,
            None,
            "us-east-1".to_string(),
        ),
    };
    let mut cx = RequestContext {
        principal_arn: String::new(),
        account_id: account,
        access_key_id: access_key,
        region,
        request_id: request_id.to_string(),
    };
    cx.principal_arn = principal
        .unwrap_or_else(|| ["arn:", cx.partition(), ":iam::", &cx.account_id, ":root"].concat());
    Ok(cx)
}

/// A decoded request body and the constraints it violates, validated once.
struct Decoded {
    doc: Value,
    violations: Option<Vec<Violation>>,
}

/// Decodes the body and validates it against the input shape: type errors are a
/// `SerializationException` rejection; constraint violations are returned for the caller to
/// answer with the service's validation error.
fn decode(
    handler: &Handler,
    route: &Route,
    req: &Request<'_>,
    form: Option<&[(String, String)]>,
) -> Result<Decoded, Rejection> {
    let model = route.service.model();
    let input_shape = model.operation(route.operation).and_then(|o| o.input);
    match route.protocol {
        Protocol::AwsJson => aws_json::decode(req.body),
        Protocol::RpcV2Cbor => rpc_v2_cbor::decode(req.body),
        Protocol::AwsQuery => Ok(aws_query::to_document(
            model,
            input_shape,
            form.unwrap_or_default(),
        )),
    }
    .and_then(
        |doc| match handler.validator(route.service).validate(input_shape, &doc) {
            Ok(()) => Ok(Decoded {
                doc,
                violations: None,
            }),
            Err(Invalid::Constraints(violations)) => Ok(Decoded {
                doc,
                violations: Some(violations),
            }),
            Err(Invalid::Type(message)) => Err(Rejection::Serialization(message)),
        },
    )
}

async fn dispatch(
    handler: &Handler,
    route: &Route,
    cx: &RequestContext,
    doc: Value,
) -> Result<Value, ServiceError> {
    let s = &handler.services;
    match route.service {
        Service::ServiceCatalog => match servicecatalog::Operation::from_name(route.operation) {
            Some(op) => servicecatalog::dispatch(s.catalog.as_ref(), cx, op, doc).await,
            None => Err(ServiceError::NotImplemented(route.operation)),
        },
        Service::Organizations => match organizations::Operation::from_name(route.operation) {
            Some(op) => organizations::dispatch(s.organizations.as_ref(), cx, op, doc).await,
            None => Err(ServiceError::NotImplemented(route.operation)),
        },
        Service::Sts => match sts::Operation::from_name(route.operation) {
            Some(op) => sts::dispatch(s.sts.as_ref(), cx, op, doc).await,
            None => Err(ServiceError::NotImplemented(route.operation)),
        },
    }
}

/// The key of the message member in awsJson error bodies: Organizations' error shapes model
/// `Message`; Service Catalog's have no members, and its clients read `message`.
fn message_key(service: Service) -> &'static str {
    match service {
        Service::Organizations => "Message",
        _ => "message",
    }
}

fn encode(route: &Route, result: Result<Value, ServiceError>, request_id: &str) -> Reply {
    let model = route.service.model();
    let output_shape = model.operation(route.operation).and_then(|o| o.output);
    let doc = match result {
        Ok(doc) => doc,
        Err(e) => return service_error(route, &e, request_id),
    };
    let reply = match route.protocol {
        Protocol::AwsJson => aws_json::success(&doc),
        Protocol::RpcV2Cbor => rpc_v2_cbor::success(model, output_shape, &doc),
        Protocol::AwsQuery => {
            aws_query::success(model, route.operation, output_shape, &doc, request_id)
        }
    };
    reply.with_header("x-amzn-RequestId", request_id)
}

fn service_error(route: &Route, error: &ServiceError, request_id: &str) -> Reply {
    let model = route.service.model();
    let (status, code, message, reason, sender) = match error {
        ServiceError::Modeled {
            def,
            message,
            reason,
        } => (
            def.status,
            if route.protocol == Protocol::AwsQuery {
                def.code
            } else {
                def.name
            },
            message.clone(),
            reason.clone(),
            def.sender_fault,
        ),
        ServiceError::NotImplemented(op) => (
            501,
            "NotImplemented",
            format!("sclocal does not emulate {}.{op} yet", model.module),
            None,
            false,
        ),
        ServiceError::Serialization(m) => (400, "SerializationException", m.clone(), None, true),
        ServiceError::Internal(e) => {
            tracing::error!(request_id, operation = route.operation, error = %e, "internal failure");
            (
                500,
                "InternalFailure",
                format!("An internal error occurred (request {request_id})."),
                None,
                false,
            )
        }
    };
    let reply = match route.protocol {
        Protocol::AwsJson => aws_json::error(
            status,
            code,
            message_key(route.service),
            &message,
            reason.as_deref(),
        ),
        Protocol::RpcV2Cbor => rpc_v2_cbor::error(status, model.namespace, code, &message),
        Protocol::AwsQuery => aws_query::error(model, status, sender, code, &message, request_id),
    };
    reply.with_header("x-amzn-RequestId", request_id)
}

/// Renders a rejection in the protocol the request spoke.
pub fn reject(
    protocol: Protocol,
    service: Service,
    rejection: &Rejection,
    request_id: &str,
) -> Reply {
    let model = service.model();
    let reply = match protocol {
        Protocol::AwsJson => aws_json::error(
            rejection.status(),
            rejection.code(),
            message_key(service),
            &rejection.message(),
            None,
        ),
        Protocol::RpcV2Cbor => rpc_v2_cbor::error(
            rejection.status(),
            model.namespace,
            rejection.code(),
            &rejection.message(),
        ),
        Protocol::AwsQuery => {
            let (code, status, message) = rejection.query();
            aws_query::error(
                &sts::MODEL,
                status,
                status < 500,
                code,
                &message,
                request_id,
            )
        }
    };
    reply.with_header("x-amzn-RequestId", request_id)
}
