//! Protocol-level failures: the request never reached an operation. Rendered by each codec
//! with the names AWS's front end uses.

use crate::sigv4::AuthError;

/// Why a request was refused before any operation ran.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Rejection {
    /// `X-Amz-Target` (or the CBOR path) names no operation of an emulated service.
    #[error("unknown operation {0}")]
    UnknownOperation(String),
    /// awsQuery `Action` names no STS operation.
    #[error("unknown action {0}")]
    InvalidAction(String),
    /// An awsQuery request without `Action`.
    #[error("missing Action")]
    MissingAction,
    /// The body is not a document of the protocol, or its types do not fit the operation.
    #[error("serialization: {0}")]
    Serialization(String),
    /// A request the protocol forbids (e.g. CBOR with `X-Amz-Target`).
    #[error("malformed request: {0}")]
    Malformed(String),
    /// The body is larger than the server accepts.
    #[error("request body larger than {0} bytes")]
    TooLarge(usize),
    /// Authentication failed.
    #[error(transparent)]
    Auth(#[from] AuthError),
}

impl Rejection {
    /// The error name for awsJson `__type` and RPC v2 CBOR.
    pub fn code(&self) -> &'static str {
        match self {
            Rejection::UnknownOperation(_)
            | Rejection::InvalidAction(_)
            | Rejection::MissingAction => "UnknownOperationException",
            Rejection::Serialization(_) => "SerializationException",
            Rejection::Malformed(_) | Rejection::TooLarge(_) => "ValidationException",
            Rejection::Auth(e) => e.code(),
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        match self {
            Rejection::TooLarge(_) => 413,
            Rejection::Auth(e) => e.status(),
            _ => 400,
        }
    }

    /// The message.
    pub fn message(&self) -> String {
        match self {
            Rejection::UnknownOperation(_)
            | Rejection::InvalidAction(_)
            | Rejection::MissingAction => String::new(),
            Rejection::Serialization(m) | Rejection::Malformed(m) => m.clone(),
            Rejection::TooLarge(limit) => {
                format!("Request body is larger than the {limit}-byte limit")
            }
            Rejection::Auth(e) => e.to_string(),
        }
    }

    /// awsQuery `(Code, status, message)` (STS Common Errors page).
    pub fn query(&self) -> (&'static str, u16, String) {
        match self {
            Rejection::InvalidAction(a) => (
                "InvalidAction",
                400,
                format!("Could not find operation {a} for version 2011-06-15"),
            ),
            Rejection::MissingAction => ("MissingAction", 400, "Missing Action".into()),
            Rejection::Auth(e) => (e.query_code(), e.query_status(), e.query_message()),
            Rejection::TooLarge(_) => ("ValidationError", 413, self.message()),
            Rejection::Serialization(m) => ("MalformedInput", 400, m.clone()),
            other => ("InvalidAction", 400, other.message()),
        }
    }
}
