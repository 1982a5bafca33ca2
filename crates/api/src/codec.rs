//! Typed values to and from the document tree (`serde_json::Value`) that every protocol
//! decodes into and encodes from.

use serde::{de::DeserializeOwned, Serialize};

use crate::{InternalError, ServiceError};

/// Decodes a validated input document into the operation's input type.
pub fn decode<T: DeserializeOwned>(input: serde_json::Value) -> Result<T, ServiceError> {
    serde_json::from_value(input).map_err(|e| ServiceError::Serialization(e.to_string()))
}

/// Encodes an operation's output into a document.
pub fn encode<T: Serialize>(
    output: Result<T, ServiceError>,
) -> Result<serde_json::Value, ServiceError> {
    let output = output?;
    serde_json::to_value(output)
        .map_err(|e| ServiceError::Internal(InternalError::new("encoding output", e)))
}
