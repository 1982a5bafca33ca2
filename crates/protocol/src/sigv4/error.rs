//! Why a request failed authentication, in AWS's words, for every protocol.

/// The signature-mismatch message AWS sends, word for word.
pub const INVALID_SIGNATURE_MESSAGE: &str = "The request signature we calculated does not match \
the signature you provided. Check your AWS Secret Access Key and signing method. Consult the \
service documentation for details.";

/// The message AWS sends for an unknown access key id or a bad session token.
pub const UNRECOGNIZED_CLIENT_MESSAGE: &str =
    "The security token included in the request is invalid.";

/// Why a request failed authentication, with AWS's wording.
///
/// `Display` gives the message as Coral awsJson services word it; [`AuthError::code`] gives
/// the awsJson `__type`, and [`AuthError::query_code`] / [`AuthError::query_status`] /
/// [`AuthError::query_message`] give the STS awsQuery rendering.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuthError {
    /// No `Authorization` header, or one that is not SigV4 (does not start with `AWS4-`).
    #[error("Missing Authentication Token")]
    MissingAuthenticationToken,
    /// The header is SigV4 but malformed: missing parameters or date header, a piece that is
    /// not `key=value`, an unsupported algorithm, a bad credential or a bad date format.
    /// The string is AWS's full message.
    #[error("{0}")]
    IncompleteSignature(String),
    /// The access key id is not known (strict mode).
    #[error("The security token included in the request is invalid.")]
    UnrecognizedClient,
    /// The recomputed signature (or payload hash) does not match.
    #[error(
        "The request signature we calculated does not match the signature you provided. Check \
         your AWS Secret Access Key and signing method. Consult the service documentation for \
         details."
    )]
    InvalidSignature,
    /// The request time is outside the skew window, e.g.
    /// `Signature expired: 20190430T075732Z is now earlier than 20190430T105409Z (20190430T105909Z - 5 min.)`.
    #[error("{message}")]
    SignatureExpired {
        /// AWS's full message.
        message: String,
    },
    /// A signature-class rejection with a specific message: `host` not signed, the date
    /// header not signed, or a credential scope that does not fit the request
    /// (`Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: …`).
    /// Rendered with the same codes as [`AuthError::InvalidSignature`].
    #[error("{message}")]
    SignatureRejected {
        /// AWS's full message.
        message: String,
    },
}

impl AuthError {
    /// The awsJson / RPC v2 CBOR error code (`__type`), e.g. `InvalidSignatureException`.
    pub fn code(&self) -> &'static str {
        match self {
            Self::MissingAuthenticationToken => "MissingAuthenticationTokenException",
            Self::IncompleteSignature(_) => "IncompleteSignatureException",
            Self::UnrecognizedClient => "UnrecognizedClientException",
            Self::InvalidSignature
            | Self::SignatureExpired { .. }
            | Self::SignatureRejected { .. } => "InvalidSignatureException",
        }
    }

    /// The HTTP status for awsJson / RPC v2 CBOR services (Coral uses 400 for all of these).
    pub fn status(&self) -> u16 {
        400
    }

    /// The STS awsQuery error code, e.g. `SignatureDoesNotMatch`.
    pub fn query_code(&self) -> &'static str {
        match self {
            Self::MissingAuthenticationToken => "MissingAuthenticationToken",
            Self::IncompleteSignature(_) => "IncompleteSignature",
            Self::UnrecognizedClient => "InvalidClientTokenId",
            Self::InvalidSignature
            | Self::SignatureExpired { .. }
            | Self::SignatureRejected { .. } => "SignatureDoesNotMatch",
        }
    }

    /// The STS awsQuery HTTP status: 400 for `IncompleteSignature`, 403 for the rest.
    pub fn query_status(&self) -> u16 {
        match self {
            Self::IncompleteSignature(_) => 400,
            _ => 403,
        }
    }

    /// The STS awsQuery message; the same as `Display` except for the missing token, which
    /// STS words `Request is missing Authentication Token`.
    pub fn query_message(&self) -> String {
        match self {
            Self::MissingAuthenticationToken => {
                "Request is missing Authentication Token".to_owned()
            }
            other => other.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_statuses() {
        let cases = [
            (
                AuthError::MissingAuthenticationToken,
                "MissingAuthenticationTokenException",
                "MissingAuthenticationToken",
                403,
            ),
            (
                AuthError::IncompleteSignature("x".into()),
                "IncompleteSignatureException",
                "IncompleteSignature",
                400,
            ),
            (
                AuthError::UnrecognizedClient,
                "UnrecognizedClientException",
                "InvalidClientTokenId",
                403,
            ),
            (
                AuthError::InvalidSignature,
                "InvalidSignatureException",
                "SignatureDoesNotMatch",
                403,
            ),
            (
                AuthError::SignatureExpired {
                    message: "m".into(),
                },
                "InvalidSignatureException",
                "SignatureDoesNotMatch",
                403,
            ),
            (
                AuthError::SignatureRejected {
                    message: "m".into(),
                },
                "InvalidSignatureException",
                "SignatureDoesNotMatch",
                403,
            ),
        ];
        for (err, code, query_code, query_status) in cases {
            assert_eq!(err.code(), code);
            assert_eq!(err.query_code(), query_code);
            assert_eq!(err.query_status(), query_status);
            assert_eq!(err.status(), 400);
        }
    }

    #[test]
    fn messages() {
        assert_eq!(
            AuthError::MissingAuthenticationToken.to_string(),
            "Missing Authentication Token"
        );
        assert_eq!(
            AuthError::MissingAuthenticationToken.query_message(),
            "Request is missing Authentication Token"
        );
        assert_eq!(
            AuthError::UnrecognizedClient.to_string(),
            UNRECOGNIZED_CLIENT_MESSAGE
        );
        assert_eq!(
            AuthError::InvalidSignature.to_string(),
            INVALID_SIGNATURE_MESSAGE
        );
        assert_eq!(
            AuthError::InvalidSignature.to_string(),
            "The request signature we calculated does not match the signature you provided. \
             Check your AWS Secret Access Key and signing method. Consult the service \
             documentation for details."
        );
        assert_eq!(
            AuthError::SignatureExpired {
                message: "abc".into()
            }
            .query_message(),
            "abc"
        );
    }
}
