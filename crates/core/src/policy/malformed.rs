//! Why a policy document is refused (governance.md §2.6). Organizations answers every one of
//! these with `MalformedPolicyDocumentException` and the same sentence (OBS-MALFORMED); the
//! reason is kept for logs and tests.

use sclocal_api::organizations::ModeledError;
use sclocal_api::ServiceError;
use thiserror::Error;

/// The message Organizations gives for every malformed document (OBS-MALFORMED).
pub const MALFORMED_POLICY_MESSAGE: &str =
    "The provided policy document does not meet the requirements of the specified policy type.";

/// A reason a document does not meet the requirements of its policy type.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Malformed {
    /// The text is not JSON (or nests deeper than the parser allows).
    #[error("not a JSON document")]
    NotJson,
    /// The document (or a statement, or a setting) is not a JSON object.
    #[error("{0} is not a JSON object")]
    NotAnObject(&'static str),
    /// A top-level or statement element the policy type does not know.
    #[error("unknown element {0}")]
    UnknownElement(String),
    /// `Version` is missing.
    #[error("Version is missing")]
    MissingVersion,
    /// `Version` is not `2012-10-17` or `2008-10-17`.
    #[error("unsupported Version {0}")]
    BadVersion(String),
    /// `Statement` is missing, empty, or not an object or array of objects.
    #[error("Statement is missing or empty")]
    MissingStatement,
    /// An element has the wrong JSON kind (`Sid` not a string, `Action` not a string or array
    /// of strings, an empty array…).
    #[error("{0} has the wrong type")]
    WrongType(&'static str),
    /// `Effect` is missing or not `Allow`/`Deny`.
    #[error("Effect must be Allow or Deny")]
    BadEffect,
    /// `Allow` in a custom RCP: "The effect of Allow is only supported for the
    /// RCPFullAWSAccess policy" (RCP syntax page).
    #[error("Allow is only supported in RCPFullAWSAccess")]
    AllowInResourceControlPolicy,
    /// Neither or both of a pair (`Action`/`NotAction`, `Resource`/`NotResource`,
    /// `Principal`/`NotPrincipal`).
    #[error("exactly one of {0} is required")]
    ElementPair(&'static str),
    /// `Principal`/`NotPrincipal` in an SCP, or `Principal` missing from an RCP.
    #[error("{0}")]
    Principal(&'static str),
    /// An action that is neither `*` nor `service:action`.
    #[error("invalid action {0}")]
    BadAction(String),
    /// A resource that is neither `*` nor an ARN.
    #[error("invalid resource {0}")]
    BadResource(String),
    /// Two statements share a `Sid`.
    #[error("duplicate Sid {0}")]
    DuplicateSid(String),
    /// An unknown condition operator.
    #[error("unknown condition operator {0}")]
    BadConditionOperator(String),
    /// A condition key without a `vendor:` prefix.
    #[error("invalid condition key {0}")]
    BadConditionKey(String),
    /// A condition value the operator cannot use (a date that is not a date…).
    #[error("invalid value {value} for {operator}")]
    BadConditionValue {
        /// The operator as written.
        operator: String,
        /// The value as written.
        value: String,
    },
    /// A management policy uses an `@@` operator that does not exist.
    #[error("unknown operator {0}")]
    UnknownOperator(String),
    /// A management policy applies an operator to the wrong kind of value (`@@append` on a
    /// scalar, an `@@operators_allowed_for_child_policies` that is not a list of operators…).
    #[error("{0} applied to the wrong kind of value")]
    OperatorValue(&'static str),
    /// A management policy setting holds both a value operator and child settings.
    #[error("setting {0} mixes values and child settings")]
    MixedSetting(String),
}

impl Malformed {
    /// Organizations' `MalformedPolicyDocumentException` for this document.
    pub fn to_service_error(&self) -> ServiceError {
        ModeledError::MalformedPolicyDocumentException.msg(MALFORMED_POLICY_MESSAGE)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reason_answers_with_the_observed_sentence() {
        let e = Malformed::BadEffect.to_service_error();
        assert_eq!(e.code(), Some("MalformedPolicyDocumentException"));
        assert_eq!(e.message(), Some(MALFORMED_POLICY_MESSAGE));
        assert_eq!(
            Malformed::BadAction("x".into()).to_string(),
            "invalid action x"
        );
    }
}
