//! awsJson 1.1 (https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html): JSON
//! documents in and out; errors carry `__type` in the body (boto3 reads only that) and the
//! `x-amzn-ErrorType` header for other clients (protocol.md §2).

use bytes::Bytes;
use sclocal_api::codec::{Encoding, Output};
use serde_json::{json, Map, Value};

use crate::codec::{Codec, Fault, Reply};
use crate::rejection::Rejection;
use crate::route::{Route, Service};

/// awsJson 1.1, spoken by Service Catalog and Organizations.
#[derive(Debug, Clone, Copy)]
pub struct AwsJson;

impl Codec for AwsJson {
    fn decode(
        &self,
        _route: &Route,
        body: &[u8],
        _form: Option<&[(String, String)]>,
    ) -> Result<Value, Rejection> {
        decode(body)
    }

    /// The body is the output as JSON, so it is serialized straight from the typed output:
    /// no document tree is built on this path, which every SDK but STS's takes.
    fn encoding(&self) -> Encoding {
        Encoding::Json
    }

    fn success(&self, _route: &Route, output: Output, _request_id: &str) -> Reply {
        success(output)
    }

    fn error(&self, service: Service, fault: &Fault<'_>, _request_id: &str) -> Reply {
        error(
            fault.status,
            fault.name,
            message_key(service),
            &fault.message,
            fault.reason,
        )
    }

    fn reject(&self, service: Service, rejection: &Rejection, _request_id: &str) -> Reply {
        error(
            rejection.status(),
            rejection.code(),
            message_key(service),
            &rejection.message(),
            None,
        )
    }
}

/// The key of the message member in error bodies: Organizations' error shapes model
/// `Message`; Service Catalog's have no members, and its clients read `message`.
fn message_key(service: Service) -> &'static str {
    match service {
        Service::Organizations => "Message",
        Service::ServiceCatalog | Service::Sts => "message",
    }
}

/// Content type of requests and answers.
pub const CONTENT_TYPE: &str = "application/x-amz-json-1.1";

/// Parses a request body; an empty body is `{}` (Smithy awsJson spec).
///
/// # Errors
/// `SerializationException` for anything that is not JSON.
pub fn decode(body: &[u8]) -> Result<Value, Rejection> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Object(Map::new()));
    }
    serde_json::from_slice(body).map_err(|e| {
        Rejection::Serialization(match e.classify() {
            serde_json::error::Category::Eof => "Unexpected end of input".to_string(),
            _ => format!("Could not parse request body into json: {e}"),
        })
    })
}

/// A success answer: the output as compact JSON.
pub fn success(output: Output) -> Reply {
    Reply::new(200, CONTENT_TYPE, Bytes::from(output.into_json()))
}

/// Compact JSON, the same bytes as `doc.to_string()` but serialized straight into the
/// buffer rather than through `fmt::Display`.
fn to_bytes(doc: &Value) -> Bytes {
    // Serializing a `Value` into a `Vec` cannot fail: its map keys are strings.
    Bytes::from(serde_json::to_vec(doc).unwrap_or_default())
}

/// An error answer. `message_key` is `Message` for services whose error shapes model it
/// (Organizations), `message` otherwise; `reason` is Organizations' `Reason` member.
pub fn error(
    status: u16,
    code: &str,
    message_key: &str,
    message: &str,
    reason: Option<&str>,
) -> Reply {
    let mut body = json!({ "__type": code });
    if let Value::Object(map) = &mut body {
        map.insert(message_key.to_string(), Value::String(message.to_string()));
        if let Some(r) = reason {
            map.insert("Reason".into(), Value::String(r.to_string()));
        }
    }
    Reply::new(status, CONTENT_TYPE, to_bytes(&body)).with_header("x-amzn-ErrorType", code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_body_is_an_empty_object() {
        assert_eq!(decode(b"").unwrap(), json!({}));
        assert_eq!(decode(b"  ").unwrap(), json!({}));
        assert!(matches!(
            decode(b"{\"Id\":"),
            Err(Rejection::Serialization(_))
        ));
        assert!(matches!(
            decode(&[0xff, 0xfe]),
            Err(Rejection::Serialization(_))
        ));
    }

    #[test]
    fn bodies_are_compact_json_as_display_writes_it() {
        let doc = json!({"B": [1, 2.5, null, true], "A": {"s": "q\"\u{1}\u{e9}/"}, "E": {}});
        let reply = success(Output::Document(doc.clone()));
        assert_eq!(reply.body, doc.to_string().into_bytes());
    }

    #[test]
    fn errors_carry_type_in_body_and_header() {
        let r = error(
            400,
            "ResourceNotFoundException",
            "message",
            "Portfolio not found: port-x",
            None,
        );
        assert_eq!(r.status, 400);
        let body: Value = serde_json::from_slice(&r.body).unwrap();
        assert_eq!(
            body,
            json!({"__type": "ResourceNotFoundException", "message": "Portfolio not found: port-x"})
        );
        assert!(r
            .headers
            .iter()
            .any(|(k, v)| *k == "x-amzn-ErrorType" && v == "ResourceNotFoundException"));
    }
}
