//! The interface every wire protocol implements ([`Codec`]), and what it writes: a [`Reply`]
//! (status, content type, headers, body) and, for failed operations, a [`Fault`] (what the
//! error says before a protocol spells it). `handle` picks the codec once per request, from
//! the route; each protocol's module (`aws_json`, `rpc_v2_cbor`, `aws_query`) keeps its
//! decoding, its success encoding, its error encoding and its rejection encoding together.

use std::borrow::Cow;

use bytes::Bytes;
use sclocal_api::codec::{Encoding, Output};
use sclocal_api::ServiceError;
use serde_json::Value;

use crate::rejection::Rejection;
use crate::route::{Route, Service};

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

/// One wire protocol: how a request body becomes the input document, and how an answer, a
/// failed operation and a refused request are written back. Implementations are stateless.
pub trait Codec: Sync {
    /// The input document of `route`'s operation. `form` is the awsQuery parameters (form
    /// body or query string) when the request carried any.
    ///
    /// # Errors
    /// `SerializationException` when the body is not a document of this protocol.
    fn decode(
        &self,
        route: &Route,
        body: &[u8],
        form: Option<&[(String, String)]>,
    ) -> Result<Value, Rejection>;

    /// The form in which the dispatcher hands this protocol an operation's output: JSON bytes
    /// when the body is the output printed as JSON, a document when the codec walks it with
    /// the output shape.
    fn encoding(&self) -> Encoding;

    /// The answer to a successful call of `route`'s operation, its output encoded as
    /// [`Codec::encoding`] asked.
    fn success(&self, route: &Route, output: Output, request_id: &str) -> Reply;

    /// The answer to a failed call to `service`.
    fn error(&self, service: Service, fault: &Fault<'_>, request_id: &str) -> Reply;

    /// The answer to a request refused before any operation ran.
    fn reject(&self, service: Service, rejection: &Rejection, request_id: &str) -> Reply;
}

/// What an error answer says, whatever the protocol.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault<'a> {
    /// HTTP status.
    pub status: u16,
    /// The error's shape name: awsJson `__type`, and RPC v2 CBOR's after the namespace.
    pub name: &'a str,
    /// awsQuery `<Code>` (the model's `error.code`, which may differ from the name).
    pub code: &'a str,
    /// The message.
    pub message: Cow<'a, str>,
    /// Organizations' `Reason` member.
    pub reason: Option<&'a str>,
    /// Whether the client is at fault (awsQuery `<Type>Sender</Type>`).
    pub sender: bool,
}

impl<'a> Fault<'a> {
    /// What `error`, returned for `route`, tells the client. An internal failure is logged
    /// here with the request id and its details; the client sees only a 500
    /// `InternalFailure` naming the request.
    pub fn of(error: &'a ServiceError, route: &Route, request_id: &str) -> Self {
        match error {
            ServiceError::Modeled {
                def,
                message,
                reason,
            } => Fault {
                status: def.status,
                name: def.name,
                code: def.code,
                message: Cow::Borrowed(message),
                reason: reason.as_deref(),
                sender: def.sender_fault,
            },
            ServiceError::NotImplemented(op) => Fault {
                status: 501,
                name: "NotImplemented",
                code: "NotImplemented",
                message: Cow::Owned(format!(
                    "sclocal does not emulate {}.{op} yet",
                    route.service.model().module
                )),
                reason: None,
                sender: false,
            },
            ServiceError::Serialization(m) => Fault {
                status: 400,
                name: "SerializationException",
                code: "SerializationException",
                message: Cow::Borrowed(m),
                reason: None,
                sender: true,
            },
            ServiceError::Injected {
                code,
                status,
                message,
            } => Fault {
                status: *status,
                name: code,
                code,
                message: Cow::Borrowed(message),
                reason: None,
                // The awsQuery `<Type>` follows the status, as for AWS's own errors: a 4xx is
                // the caller's fault, a 5xx the service's.
                sender: *status < 500,
            },
            ServiceError::Internal(e) => {
                tracing::error!(request_id, operation = route.operation, error = %e, "internal failure");
                Fault {
                    status: 500,
                    name: "InternalFailure",
                    code: "InternalFailure",
                    message: Cow::Owned(format!(
                        "An internal error occurred (request {request_id})."
                    )),
                    reason: None,
                    sender: false,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use sclocal_api::InternalError;

    use super::*;
    use crate::route::Protocol;

    #[test]
    fn internal_failures_name_the_request_and_nothing_else() {
        let route = Route {
            protocol: Protocol::AwsJson,
            service: Service::ServiceCatalog,
            operation: "ListPortfolios",
        };
        let error = ServiceError::Internal(InternalError::new("disk", "secret path /var/x"));
        let fault = Fault::of(&error, &route, "rid-9");
        assert_eq!(
            (fault.status, fault.name, fault.code, fault.sender),
            (500, "InternalFailure", "InternalFailure", false)
        );
        assert_eq!(fault.message, "An internal error occurred (request rid-9).");
    }
}
