//! Why AssumeRoleWithSAML refuses an assertion (governance.md §9), and the STS error each reason
//! answers. Both the parse of the assertion ([`super::saml`]) and the checks on it
//! ([`super::saml_rules`], which re-exports this type) refuse with it.

use sclocal_api::sts::ModeledError;
use sclocal_api::ServiceError;

/// Why an assertion is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SamlError {
    /// Not base64, not XML, not a SAML 2.0 Response with an Assertion, Issuer and NameID.
    NotSaml,
    /// `PrincipalArn` is not `arn:<partition>:iam::<account>:saml-provider/<name>`.
    BadPrincipalArn,
    /// `NotOnOrAfter` has passed.
    Expired {
        /// Now, epoch seconds.
        now: i64,
        /// The assertion's deadline, epoch seconds.
        not_on_or_after: i64,
    },
    /// The `Role` attribute does not pair `RoleArn` with `PrincipalArn`.
    RoleNotInAssertion,
    /// `RoleSessionName` missing or not `[\w+=,.@-]{2,64}`.
    BadRoleSessionName,
}

impl SamlError {
    /// The Sts error with its message.
    pub fn to_service_error(&self) -> ServiceError {
        match self {
            // Inferred wording.
            SamlError::NotSaml => ModeledError::InvalidIdentityTokenException
                .msg("Invalid SAML response: the assertion could not be parsed"),
            // Observed for a wrong ARN (oktadev/okta-aws-cli-assume-role #307).
            SamlError::BadPrincipalArn => ModeledError::ValidationError.msg("Request ARN is invalid"),
            // Inferred: the web identity sentence.
            SamlError::Expired { now, not_on_or_after } => ModeledError::ExpiredTokenException.msg(format!(
                "Token expired: current date/time {now} must be before the expiration date/time {not_on_or_after}"
            )),
            // Observed (aws/aws-sdk-net #744).
            SamlError::RoleNotInAssertion => {
                ModeledError::AccessDenied.msg("Not authorized to perform sts:AssumeRoleWithSAML")
            }
            // Observed (MicrosoftDocs/azure-docs #45025).
            SamlError::BadRoleSessionName => ModeledError::InvalidIdentityTokenException
                .msg("RoleSessionName in AuthnResponse must match [a-zA-Z_0-9+=,.@-]{2,64}"),
        }
    }
}
