//! What CreatePolicy and UpdatePolicy check of a `Content` (governance.md §2.6, §2.7): its size
//! for the type, then its grammar: the IAM grammar for SCPs and RCPs, the inheritance-operator
//! grammar for the management types. The checked content is returned compiled, so it is
//! parsed once.

use sclocal_api::organizations::PolicyType;
use sclocal_api::ServiceError;

use super::document::PolicyDocument;
use super::malformed::Malformed;
use super::management::ManagementPolicyDocument;
use super::quota::{PolicyQuota, QuotaViolation};
use super::statement::Grammar;

/// The two families of policy types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PolicyFamily {
    /// SCPs and RCPs: IAM-grammar documents evaluated per request.
    Authorization(Grammar),
    /// Every other type: settings merged into an effective policy.
    Management,
}

impl PolicyFamily {
    /// The family of `policy_type`.
    pub fn of(policy_type: PolicyType) -> PolicyFamily {
        match policy_type {
            PolicyType::SERVICE_CONTROL_POLICY => {
                PolicyFamily::Authorization(Grammar::ServiceControl)
            }
            PolicyType::RESOURCE_CONTROL_POLICY => {
                PolicyFamily::Authorization(Grammar::ResourceControl)
            }
            _ => PolicyFamily::Management,
        }
    }
}

/// The type as policy ARNs spell it: the wire value in lower case
/// (`…:policy/o-…/service_control_policy/p-…`, §2.1).
pub fn arn_type_segment(policy_type: PolicyType) -> String {
    policy_type.as_str().to_ascii_lowercase()
}

/// A content that passed every check, compiled.
#[derive(Debug, Clone, PartialEq)]
pub enum ValidContent {
    /// An SCP or RCP.
    Authorization(PolicyDocument),
    /// A management policy.
    Management(ManagementPolicyDocument),
}

/// Why a content was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContentError {
    /// Too large: `ConstraintViolationException` `POLICY_CONTENT_LIMIT_EXCEEDED`.
    Quota(QuotaViolation),
    /// Not a document of the type: `MalformedPolicyDocumentException`.
    Malformed(Malformed),
}

impl ContentError {
    /// The Organizations error.
    pub fn to_service_error(&self) -> ServiceError {
        match self {
            ContentError::Quota(q) => q.to_service_error(),
            ContentError::Malformed(m) => m.to_service_error(),
        }
    }
}

/// Checks `content` for a policy of `policy_type` under `quota`: size first (inferred order),
/// then grammar.
pub fn validate_content(
    policy_type: PolicyType,
    content: &str,
    quota: &PolicyQuota,
) -> Result<ValidContent, ContentError> {
    quota.check_content(content).map_err(ContentError::Quota)?;
    match PolicyFamily::of(policy_type) {
        PolicyFamily::Authorization(grammar) => PolicyDocument::parse(content, grammar)
            .map(ValidContent::Authorization)
            .map_err(ContentError::Malformed),
        PolicyFamily::Management => ManagementPolicyDocument::parse(content)
            .map(ValidContent::Management)
            .map_err(ContentError::Malformed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(ty: PolicyType, content: &str) -> Result<ValidContent, ContentError> {
        validate_content(ty, content, &PolicyQuota::default_for(ty))
    }

    #[test]
    fn families_and_arn_segments() {
        assert_eq!(
            PolicyFamily::of(PolicyType::SERVICE_CONTROL_POLICY),
            PolicyFamily::Authorization(Grammar::ServiceControl)
        );
        assert_eq!(
            PolicyFamily::of(PolicyType::RESOURCE_CONTROL_POLICY),
            PolicyFamily::Authorization(Grammar::ResourceControl)
        );
        for ty in PolicyType::ALL.iter().skip(2) {
            assert_eq!(PolicyFamily::of(*ty), PolicyFamily::Management, "{ty}");
        }
        assert_eq!(
            arn_type_segment(PolicyType::SERVICE_CONTROL_POLICY),
            "service_control_policy"
        );
        assert_eq!(
            arn_type_segment(PolicyType::AISERVICES_OPT_OUT_POLICY),
            "aiservices_opt_out_policy"
        );
    }

    #[test]
    fn each_family_gets_its_grammar() {
        let scp = r#"{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"organizations:LeaveOrganization","Resource":"*"}}"#;
        assert!(matches!(
            check(PolicyType::SERVICE_CONTROL_POLICY, scp),
            Ok(ValidContent::Authorization(_))
        ));
        let tag = r#"{"tags":{"costcenter":{"tag_key":{"@@assign":"CostCenter"}}}}"#;
        assert!(matches!(
            check(PolicyType::TAG_POLICY, tag),
            Ok(ValidContent::Management(_))
        ));
        assert!(matches!(
            check(PolicyType::SERVICE_CONTROL_POLICY, tag),
            Err(ContentError::Malformed(_))
        ));
        assert!(matches!(
            check(PolicyType::BACKUP_POLICY, scp),
            Err(ContentError::Malformed(_))
        ));
        let rcp_allow = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}}"#;
        assert_eq!(
            check(PolicyType::RESOURCE_CONTROL_POLICY, rcp_allow),
            Err(ContentError::Malformed(
                Malformed::AllowInResourceControlPolicy
            ))
        );
    }

    #[test]
    fn size_is_checked_before_grammar() {
        let big = format!("{{\"x\":\"{}\"}}", "a".repeat(10_240));
        let e = check(PolicyType::SERVICE_CONTROL_POLICY, &big).unwrap_err();
        assert_eq!(e, ContentError::Quota(QuotaViolation::ContentTooLarge));
        assert_eq!(
            e.to_service_error().code(),
            Some("ConstraintViolationException")
        );
        let padded = format!(
            "{{{}\"x\":{{\"k\":{{\"@@assign\":\"v\"}}}}}}",
            " ".repeat(2_500)
        );
        assert!(check(PolicyType::AISERVICES_OPT_OUT_POLICY, &padded).is_err());
        assert!(check(PolicyType::TAG_POLICY, &padded).is_ok());
        let m = check(PolicyType::TAG_POLICY, "[]")
            .unwrap_err()
            .to_service_error();
        assert_eq!(m.code(), Some("MalformedPolicyDocumentException"));
    }
}
