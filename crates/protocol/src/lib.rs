//! HTTP bytes to `sclocal-api` types and back. Knows nothing of storage or behaviour: it
//! routes a request to (protocol, service, operation), picks that protocol's [`Codec`],
//! authenticates the caller, decodes and validates the body against the model, asks the
//! [`OperationHook`] whether the call may go ahead, calls the generated dispatcher on the
//! [`Services`] it is given, and lets the codec encode the answer, the error or the rejection
//! the way that protocol's clients expect.

pub mod aws_json;
pub mod aws_query;
pub mod caller;
pub mod codec;
pub mod rejection;
pub mod route;
pub mod rpc_v2_cbor;
pub mod sigv4;
pub mod validation;

use std::sync::Arc;

use http::HeaderMap;
use sclocal_api::codec::{Encoding, Output};
use sclocal_api::hook::{self, OperationHook};
use sclocal_api::model::OperationDef;
use sclocal_api::organizations::Organizations;
use sclocal_api::servicecatalog::ServiceCatalog;
use sclocal_api::sts::Sts;
use sclocal_api::validate::{Invalid, Validator};
use sclocal_api::{organizations, servicecatalog, sts, RequestContext, ServiceError};
use serde_json::Value;

pub use crate::caller::{AuthSettings, Identities};
pub use crate::codec::{Codec, Fault, Reply};
use crate::rejection::Rejection;
use crate::route::{Protocol, Route, Service};
use crate::sigv4::RequestParts;

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

/// Everything [`handle`] needs besides the request.
pub struct Handler {
    /// The services.
    pub services: Services,
    /// Authentication settings.
    pub auth: AuthSettings,
    /// Credential source.
    pub identities: Arc<dyn Identities>,
    /// Runs before every operation (SCPs, fault rules); [`NoHook`] lets everything through.
    ///
    /// [`NoHook`]: sclocal_api::hook::NoHook
    pub hook: Arc<dyn OperationHook>,
    validators: [Validator; 3],
}

impl Handler {
    /// A handler over `services`, with `hook` before every operation.
    pub fn new(
        services: Services,
        auth: AuthSettings,
        identities: Arc<dyn Identities>,
        hook: Arc<dyn OperationHook>,
    ) -> Self {
        Handler {
            services,
            auth,
            identities,
            hook,
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

/// The codec of `protocol`: the one place a protocol is turned into its behaviour.
pub fn codec(protocol: Protocol) -> &'static dyn Codec {
    match protocol {
        Protocol::AwsJson => &aws_json::AwsJson,
        Protocol::RpcV2Cbor => &rpc_v2_cbor::RpcV2Cbor,
        Protocol::AwsQuery => &aws_query::AwsQuery,
    }
}

/// Handles one request end to end. `now` is the current time (for signature skew) and
/// `request_id` the id to answer with.
pub async fn handle(
    handler: &Handler,
    req: Request<'_>,
    now: time::OffsetDateTime,
    request_id: &str,
) -> Outcome {
    let mut operation = None;
    let mut account = None;
    let reply = answer(handler, &req, now, request_id, &mut operation, &mut account).await;
    Outcome {
        reply: reply.with_header("x-amzn-RequestId", request_id),
        operation,
        account,
    }
}

/// Renders a rejection in the protocol the request spoke, for requests refused before
/// [`handle`] could see them (a body over the size limit).
pub fn reject(
    protocol: Protocol,
    service: Service,
    rejection: &Rejection,
    request_id: &str,
) -> Reply {
    codec(protocol)
        .reject(service, rejection, request_id)
        .with_header("x-amzn-RequestId", request_id)
}

/// The answer to `req`; records the operation and the caller's account as they become known.
async fn answer(
    handler: &Handler,
    req: &Request<'_>,
    now: time::OffsetDateTime,
    request_id: &str,
    operation: &mut Option<String>,
    account: &mut Option<String>,
) -> Reply {
    let form = form_params(req);
    let route = match route::route(
        req.path,
        req.headers,
        form.as_deref().and_then(aws_query::action),
    ) {
        Ok(r) => r,
        Err(rejection) => {
            let protocol = route::guess_protocol(req.path, req.headers);
            return codec(protocol).reject(Service::ServiceCatalog, &rejection, request_id);
        }
    };
    let codec = codec(route.protocol);
    // The operation's model entry, looked up once: whether it is signed, its input shape,
    // its name and IAM action for the hook. `route` only names operations of the model.
    let def = route.service.model().operation(route.operation);
    // `concat` rather than `format!`: one allocation, no formatting machinery, every request.
    *operation = Some([route.service.model().module, ".", route.operation].concat());
    let parts = RequestParts {
        method: req.method,
        raw_path: req.path,
        raw_query: req.query,
        headers: req.headers,
    };
    // Operations the model marks unsigned (STS AssumeRoleWithWebIdentity/SAML) are accepted
    // without a signature, and one that is present is not checked (governance.md §9).
    let unsigned = def.is_some_and(|o| o.unsigned);
    let unsigned_auth;
    let auth = if unsigned {
        unsigned_auth = AuthSettings {
            mode: sigv4::AuthMode::Off,
            default_account: handler.auth.default_account.clone(),
        };
        &unsigned_auth
    } else {
        &handler.auth
    };
    let authenticated = caller::authenticate(
        auth,
        handler.identities.as_ref(),
        &parts,
        req.body,
        now,
        request_id,
    )
    .await;
    let cx = match authenticated {
        Ok(cx) => cx,
        Err(rejection) => return codec.reject(route.service, &rejection, request_id),
    };
    *account = Some(cx.account_id.clone());
    let doc = match codec.decode(&route, req.body, form.as_deref()) {
        Ok(doc) => doc,
        Err(rejection) => return codec.reject(route.service, &rejection, request_id),
    };
    let input_shape = def.and_then(|o| o.input);
    let result = match handler.validator(route.service).validate(input_shape, &doc) {
        Ok(()) => call(handler, &route, def, &cx, doc, codec.encoding()).await,
        // Constraint violations answer with each service's validation error, after
        // authentication and type checks, and before the operation runs.
        Err(Invalid::Constraints(violations)) => {
            Err(validation::invalid_input(route.service, &violations))
        }
        Err(Invalid::Type(message)) => {
            let rejection = Rejection::Serialization(message);
            return codec.reject(route.service, &rejection, request_id);
        }
    };
    match result {
        Ok(output) => codec.success(&route, output, request_id),
        Err(e) => codec.error(
            route.service,
            &Fault::of(&e, &route, request_id),
            request_id,
        ),
    }
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

/// The hook, then the operation: a hook that fails answers for the operation, which then
/// never runs.
async fn call(
    handler: &Handler,
    route: &Route,
    def: Option<&'static OperationDef>,
    cx: &RequestContext,
    doc: Value,
    encoding: Encoding,
) -> Result<Output, ServiceError> {
    let Some(def) = def else {
        return Err(ServiceError::NotImplemented(route.operation));
    };
    let call = hook::Call {
        cx,
        service: route.service.model().signing_name,
        operation: def.name,
        action: def.action,
        input: &doc,
    };
    handler.hook.before(&call).await?;
    dispatch(handler, route, cx, doc, encoding).await
}

async fn dispatch(
    handler: &Handler,
    route: &Route,
    cx: &RequestContext,
    doc: Value,
    encoding: Encoding,
) -> Result<Output, ServiceError> {
    let s = &handler.services;
    match route.service {
        Service::ServiceCatalog => match servicecatalog::Operation::from_name(route.operation) {
            Some(op) => servicecatalog::dispatch(s.catalog.as_ref(), cx, op, doc, encoding).await,
            None => Err(ServiceError::NotImplemented(route.operation)),
        },
        Service::Organizations => match organizations::Operation::from_name(route.operation) {
            Some(op) => {
                organizations::dispatch(s.organizations.as_ref(), cx, op, doc, encoding).await
            }
            None => Err(ServiceError::NotImplemented(route.operation)),
        },
        Service::Sts => match sts::Operation::from_name(route.operation) {
            Some(op) => sts::dispatch(s.sts.as_ref(), cx, op, doc, encoding).await,
            None => Err(ServiceError::NotImplemented(route.operation)),
        },
    }
}
