//! Smithy RPC v2 CBOR (https://smithy.io/2.0/additional-specs/protocols/smithy-rpc-v2.html).
//! The body is converted to the same document tree the JSON path uses: tag-1 timestamps
//! become epoch-second numbers and byte strings become base64. On the way out the operation's
//! output shape says which members are timestamps (tag 1) and blobs (byte strings).

use base64::Engine as _;
use bytes::Bytes;
use ciborium::Value as Cbor;
use sclocal_api::codec::{Encoding, Output};
use sclocal_api::model::{ServiceModel, ShapeKind};
use serde_json::{Map, Number, Value};

use crate::codec::{Codec, Fault, Reply};
use crate::rejection::Rejection;
use crate::route::{Route, Service};

/// Smithy RPC v2 CBOR, which Service Catalog's newer clients may speak.
#[derive(Debug, Clone, Copy)]
pub struct RpcV2Cbor;

impl Codec for RpcV2Cbor {
    fn decode(
        &self,
        _route: &Route,
        body: &[u8],
        _form: Option<&[(String, String)]>,
    ) -> Result<Value, Rejection> {
        decode(body)
    }

    /// Timestamps and blobs are told apart by the output shape, walked over the document.
    fn encoding(&self) -> Encoding {
        Encoding::Document
    }

    fn success(&self, route: &Route, output: Output, _request_id: &str) -> Reply {
        let model = route.service.model();
        let shape = model.operation(route.operation).and_then(|o| o.output);
        success(model, shape, &output.into_document())
    }

    fn error(&self, service: Service, fault: &Fault<'_>, _request_id: &str) -> Reply {
        error(
            fault.status,
            service.model().namespace,
            fault.name,
            &fault.message,
        )
    }

    fn reject(&self, service: Service, rejection: &Rejection, _request_id: &str) -> Reply {
        error(
            rejection.status(),
            service.model().namespace,
            rejection.code(),
            &rejection.message(),
        )
    }
}

/// Content type of requests and answers.
pub const CONTENT_TYPE: &str = "application/cbor";

/// Nesting deeper than this is refused; the models nest a handful of levels.
const MAX_DEPTH: usize = 64;

/// Parses a request body; an empty body is an empty map.
///
/// # Errors
/// `SerializationException` for anything that is not a CBOR map of supported values.
pub fn decode(body: &[u8]) -> Result<Value, Rejection> {
    if body.is_empty() {
        return Ok(Value::Object(Map::new()));
    }
    let cbor: Cbor = ciborium::de::from_reader_with_recursion_limit(body, MAX_DEPTH * 2)
        .map_err(|e| Rejection::Serialization(format!("Could not parse CBOR body: {e}")))?;
    let doc = to_document(cbor, 0)?;
    if doc.is_object() {
        Ok(doc)
    } else {
        Err(Rejection::Serialization(
            "The CBOR body must be a map".into(),
        ))
    }
}

fn to_document(value: Cbor, depth: usize) -> Result<Value, Rejection> {
    if depth > MAX_DEPTH {
        return Err(Rejection::Serialization("CBOR nesting is too deep".into()));
    }
    Ok(match value {
        Cbor::Null => Value::Null,
        Cbor::Bool(b) => Value::Bool(b),
        Cbor::Integer(i) => {
            let i = i128::from(i);
            if let Ok(v) = i64::try_from(i) {
                Value::Number(v.into())
            } else if let Ok(v) = u64::try_from(i) {
                Value::Number(v.into())
            } else {
                return Err(Rejection::Serialization("CBOR integer out of range".into()));
            }
        }
        Cbor::Float(f) => Value::Number(
            Number::from_f64(f)
                .ok_or_else(|| Rejection::Serialization("CBOR float is not finite".into()))?,
        ),
        Cbor::Text(s) => Value::String(s),
        Cbor::Bytes(b) => Value::String(base64::engine::general_purpose::STANDARD.encode(b)),
        // Tag 1 is an epoch-seconds timestamp; other tags are not used by these services.
        Cbor::Tag(_, inner) => to_document(*inner, depth + 1)?,
        Cbor::Array(items) => Value::Array(
            items
                .into_iter()
                .map(|v| to_document(v, depth + 1))
                .collect::<Result<_, _>>()?,
        ),
        Cbor::Map(entries) => {
            let mut map = Map::new();
            for (k, v) in entries {
                let Cbor::Text(k) = k else {
                    return Err(Rejection::Serialization(
                        "CBOR map keys must be text".into(),
                    ));
                };
                map.insert(k, to_document(v, depth + 1)?);
            }
            Value::Object(map)
        }
        _ => return Err(Rejection::Serialization("Unsupported CBOR value".into())),
    })
}

/// Encodes a document of shape `shape` (an index into `model`), tagging timestamps.
fn to_cbor(model: &ServiceModel, shape: Option<usize>, value: &Value) -> Cbor {
    let kind = shape.map(|s| &model.shape(s).kind);
    match value {
        Value::Null => Cbor::Null,
        Value::Bool(b) => Cbor::Bool(*b),
        Value::Number(n) => {
            let plain = match (n.as_i64(), n.as_u64(), n.as_f64()) {
                (Some(i), _, _) => Cbor::Integer(i.into()),
                (_, Some(u), _) => Cbor::Integer(u.into()),
                (_, _, f) => Cbor::Float(f.unwrap_or_default()),
            };
            match kind {
                // "Timestamps are encoded as tag 1 wrapping an integer or a double".
                Some(ShapeKind::Timestamp) => Cbor::Tag(1, Box::new(plain)),
                _ => plain,
            }
        }
        Value::String(s) => match kind {
            Some(ShapeKind::Blob { .. }) => base64::engine::general_purpose::STANDARD
                .decode(s)
                .map_or_else(|_| Cbor::Text(s.clone()), Cbor::Bytes),
            _ => Cbor::Text(s.clone()),
        },
        Value::Array(items) => {
            let member = match kind {
                Some(ShapeKind::List { member, .. }) => Some(*member),
                _ => None,
            };
            Cbor::Array(items.iter().map(|v| to_cbor(model, member, v)).collect())
        }
        Value::Object(map) => Cbor::Map(
            map.iter()
                .map(|(k, v)| {
                    let child = match kind {
                        Some(ShapeKind::Structure { members }) => {
                            members.iter().find(|m| m.name == k).map(|m| m.shape)
                        }
                        Some(ShapeKind::Map { value, .. }) => Some(*value),
                        _ => None,
                    };
                    (Cbor::Text(k.clone()), to_cbor(model, child, v))
                })
                .collect(),
        ),
    }
}

fn encode(value: &Cbor) -> Bytes {
    let mut out = Vec::with_capacity(64);
    // Writing to a Vec cannot fail.
    let _ = ciborium::ser::into_writer(value, &mut out);
    Bytes::from(out)
}

/// A success answer; always a map body, at least `a0` (boto3 fails on an empty one).
pub fn success(model: &ServiceModel, output_shape: Option<usize>, doc: &Value) -> Reply {
    let value = match doc {
        Value::Object(_) => to_cbor(model, output_shape, doc),
        _ => Cbor::Map(Vec::new()),
    };
    Reply::new(200, CONTENT_TYPE, encode(&value)).with_header("smithy-protocol", "rpc-v2-cbor")
}

/// An error answer: `__type` is the absolute shape id (`com.amazonaws.servicecatalog#Name`).
pub fn error(status: u16, namespace: &str, code: &str, message: &str) -> Reply {
    let value = Cbor::Map(vec![
        (
            Cbor::Text("__type".into()),
            Cbor::Text(format!("{namespace}#{code}")),
        ),
        (
            Cbor::Text("message".into()),
            Cbor::Text(message.to_string()),
        ),
    ]);
    Reply::new(status, CONTENT_TYPE, encode(&value)).with_header("smithy-protocol", "rpc-v2-cbor")
}

#[cfg(test)]
mod tests {
    use super::*;
    use sclocal_api::servicecatalog;
    use serde_json::json;

    #[test]
    fn decodes_the_captured_request() {
        let body = hex::decode("a46b506f7274666f6c696f496468706f72742d6162636e4163636570744c616e677561676562656e704f7267616e697a6174696f6e4e6f6465a264547970656c4f5247414e495a4154494f4e6556616c75656c6f2d6162636465666768696a6f53686172655461674f7074696f6e73f5").unwrap();
        assert_eq!(
            decode(&body).unwrap(),
            json!({"PortfolioId": "port-abc", "AcceptLanguage": "en",
                   "OrganizationNode": {"Type": "ORGANIZATION", "Value": "o-abcdefghij"},
                   "ShareTagOptions": true})
        );
        assert_eq!(decode(&[0xa0]).unwrap(), json!({}));
        assert!(decode(&[0x61]).is_err());
        assert!(decode(&[0x01]).is_err());
    }

    #[test]
    fn encodes_timestamps_with_tag_one() {
        let op = servicecatalog::MODEL.operation("ListPortfolios").unwrap();
        let doc =
            json!({"PortfolioDetails": [{"Id": "port-abc", "CreatedTime": 1_700_000_000.123}]});
        let reply = success(&servicecatalog::MODEL, op.output, &doc);
        assert_eq!(
            hex::encode(&reply.body),
            "a170506f7274666f6c696f44657461696c7381a262496468706f72742d6162636b4372656174656454696d65c1fb41d954fc4007df3b"
        );
    }

    #[test]
    fn errors_use_absolute_shape_ids() {
        let reply = error(
            400,
            "com.amazonaws.servicecatalog",
            "ResourceNotFoundException",
            "Portfolio port-abc not found",
        );
        assert_eq!(
            hex::encode(&reply.body),
            "a2665f5f747970657836636f6d2e616d617a6f6e6177732e73657276696365636174616c6f67235265736f757263654e6f74466f756e64457863657074696f6e676d657373616765781c506f7274666f6c696f20706f72742d616263206e6f7420666f756e64"
        );
    }
}
