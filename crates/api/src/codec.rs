//! Typed values to and from the wire. Inputs arrive as the document tree
//! (`serde_json::Value`) every protocol decodes into and the validator checks; outputs leave in
//! the form the request's protocol asks for ([`Encoding`]): awsJson takes JSON bytes serialized
//! straight from the typed output, so the hot path never builds a tree it would only print;
//! RPC v2 CBOR and awsQuery take the tree, because they walk it with the shape table (to tag
//! timestamps, to write XML).

use serde::{de::DeserializeOwned, Serialize};
use serde_json::Value;

use crate::{InternalError, ServiceError};

/// The form in which a protocol wants an operation's output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// Compact JSON bytes, the awsJson body as is.
    Json,
    /// A document tree, for codecs that walk it with the output shape.
    Document,
}

/// An operation's output, encoded as the protocol asked.
#[derive(Debug, Clone, PartialEq)]
pub enum Output {
    /// Compact JSON (the same bytes `Value::to_string` would print for its document).
    Json(Vec<u8>),
    /// The output document.
    Document(Value),
}

impl Output {
    /// The JSON bytes, serializing a document if that is what this is.
    pub fn into_json(self) -> Vec<u8> {
        match self {
            Output::Json(bytes) => bytes,
            // Serializing a `Value` cannot fail: its map keys are strings.
            Output::Document(doc) => serde_json::to_vec(&doc).unwrap_or_default(),
        }
    }

    /// The document, parsing JSON bytes if that is what this is. Bytes written by [`encode`]
    /// always parse; anything else would become `null`, which every codec answers as an
    /// empty output.
    pub fn into_document(self) -> Value {
        match self {
            Output::Json(bytes) => serde_json::from_slice(&bytes).unwrap_or_default(),
            Output::Document(doc) => doc,
        }
    }
}

/// Decodes a validated input document into the operation's input type.
pub fn decode<T: DeserializeOwned>(input: Value) -> Result<T, ServiceError> {
    serde_json::from_value(input).map_err(|e| ServiceError::Serialization(e.to_string()))
}

/// Encodes an operation's output in `encoding`.
pub fn encode<T: Serialize>(
    output: Result<T, ServiceError>,
    encoding: Encoding,
) -> Result<Output, ServiceError> {
    let output = output?;
    let encoded = match encoding {
        Encoding::Json => serde_json::to_vec(&output).map(Output::Json),
        Encoding::Document => serde_json::to_value(output).map(Output::Document),
    };
    encoded.map_err(|e| ServiceError::Internal(InternalError::new("encoding output", e)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::primitives::Timestamp;
    use crate::servicecatalog::{ListPortfoliosOutput, PortfolioDetail, Tag};

    fn sample() -> ListPortfoliosOutput {
        ListPortfoliosOutput {
            portfolio_details: Some(vec![PortfolioDetail {
                id: Some("port-abc".into()),
                arn: Some("arn:aws:catalog:us-east-1:111111111111:portfolio/port-abc".into()),
                display_name: Some("q\"\u{1}\u{e9}/ <&>".into()),
                created_time: Some(Timestamp::from_millis(1_700_000_000_123)),
                ..PortfolioDetail::default()
            }]),
            next_page_token: None,
        }
    }

    /// The awsJson body written straight from the typed output is byte for byte the body the
    /// document path wrote before: the same member order (struct order; `serde_json` keeps
    /// insertion order here), the same number and escape formatting, absent members skipped.
    #[test]
    fn json_bytes_equal_the_printed_document() {
        let json = encode(Ok(sample()), Encoding::Json).unwrap();
        let doc = encode(Ok(sample()), Encoding::Document).unwrap();
        let Output::Document(tree) = &doc else {
            panic!("asked for a document")
        };
        assert_eq!(json, Output::Json(tree.to_string().into_bytes()));
        assert_eq!(json.clone().into_document(), *tree);
        assert_eq!(doc.into_json(), json.into_json());
        let tag = Tag {
            key: "k".into(),
            value: "v".into(),
        };
        let Output::Json(bytes) = encode(Ok(tag), Encoding::Json).unwrap() else {
            panic!("asked for JSON")
        };
        assert_eq!(bytes, br#"{"Key":"k","Value":"v"}"#);
    }

    #[test]
    fn errors_pass_through() {
        let failed: Result<Tag, ServiceError> = Err(ServiceError::not_implemented("X"));
        assert!(matches!(
            encode(failed, Encoding::Json),
            Err(ServiceError::NotImplemented("X"))
        ));
    }
}
