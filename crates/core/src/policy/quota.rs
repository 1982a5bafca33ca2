//! Per-type policy quotas (governance.md §2.7) as data, and the pure checks CreatePolicy,
//! UpdatePolicy, AttachPolicy and DetachPolicy run against them. The defaults are AWS's; the
//! server may configure others.

use sclocal_api::organizations::{ModeledError, PolicyType};
use sclocal_api::ServiceError;

/// The quotas of one policy type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PolicyQuota {
    /// Maximum characters of `Content`, whitespace included (the API counts every character;
    /// only the console strips whitespace).
    pub max_content_chars: usize,
    /// Maximum policies of the type directly attached to one root, OU or account (inherited
    /// ones do not count).
    pub max_attached_per_target: usize,
    /// Minimum directly attached (1 for SCPs and RCPs: the last one cannot be detached).
    pub min_attached_per_target: usize,
    /// Maximum policies of the type in one organization.
    pub max_policies_per_org: usize,
}

impl PolicyQuota {
    /// AWS's defaults (§2.7): SCP 10,240 characters and 10 per target since May 2026 (OBS-SCP-QUOTA);
    /// RCP 5,120 and 5 (inferred count); tag and backup 10,000 and 10; AI-services opt-out
    /// 2,500 and 5; the other management types 10,000 and 10 (inferred).
    pub fn default_for(policy_type: PolicyType) -> PolicyQuota {
        let (
            max_content_chars,
            max_attached_per_target,
            min_attached_per_target,
            max_policies_per_org,
        ) = match policy_type {
            PolicyType::SERVICE_CONTROL_POLICY => (10_240, 10, 1, 10_000),
            PolicyType::RESOURCE_CONTROL_POLICY => (5_120, 5, 1, 1_000),
            PolicyType::AISERVICES_OPT_OUT_POLICY => (2_500, 5, 0, 1_000),
            _ => (10_000, 10, 0, 1_000),
        };
        PolicyQuota {
            max_content_chars,
            max_attached_per_target,
            min_attached_per_target,
            max_policies_per_org,
        }
    }

    /// CreatePolicy/UpdatePolicy: the content fits.
    pub fn check_content(&self, content: &str) -> Result<(), QuotaViolation> {
        if content.chars().count() > self.max_content_chars {
            return Err(QuotaViolation::ContentTooLarge);
        }
        Ok(())
    }

    /// AttachPolicy: one more fits next to the `attached` policies of the type already
    /// directly attached to the target (`p-FullAWSAccess` takes a slot like any other).
    pub fn check_attach(&self, attached: usize) -> Result<(), QuotaViolation> {
        if attached >= self.max_attached_per_target {
            return Err(QuotaViolation::TooManyAttached);
        }
        Ok(())
    }

    /// DetachPolicy: the target keeps its minimum after losing one of `attached`.
    pub fn check_detach(&self, attached: usize) -> Result<(), QuotaViolation> {
        if attached <= self.min_attached_per_target {
            return Err(QuotaViolation::LastAttached);
        }
        Ok(())
    }

    /// CreatePolicy: one more fits next to the `existing` policies of the type.
    pub fn check_create(&self, existing: usize) -> Result<(), QuotaViolation> {
        if existing >= self.max_policies_per_org {
            return Err(QuotaViolation::TooManyPolicies);
        }
        Ok(())
    }
}

/// A quota a request would break: `ConstraintViolationException` with a `Reason`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuotaViolation {
    /// `POLICY_CONTENT_LIMIT_EXCEEDED`.
    ContentTooLarge,
    /// `MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED`.
    TooManyAttached,
    /// `MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED`.
    LastAttached,
    /// `POLICY_NUMBER_LIMIT_EXCEEDED`.
    TooManyPolicies,
}

impl QuotaViolation {
    /// The `Reason` member.
    pub fn reason(self) -> &'static str {
        match self {
            QuotaViolation::ContentTooLarge => "POLICY_CONTENT_LIMIT_EXCEEDED",
            QuotaViolation::TooManyAttached => "MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED",
            QuotaViolation::LastAttached => "MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED",
            QuotaViolation::TooManyPolicies => "POLICY_NUMBER_LIMIT_EXCEEDED",
        }
    }

    /// The message: observed for the size (OBS-SIZE) and the last policy (OBS-LAST); the
    /// model's sentences for the reason otherwise.
    pub fn message(self) -> &'static str {
        match self {
            QuotaViolation::ContentTooLarge => "You have exceeded the maximum policy size.",
            QuotaViolation::TooManyAttached => "You attempted to exceed the number of policies of a certain type that can be attached to an entity at one time.",
            QuotaViolation::LastAttached => "You cannot remove the last policy attached to the specified target. You must have at least one attached at all times.",
            QuotaViolation::TooManyPolicies => "You attempted to exceed the number of policies that you can have in an organization.",
        }
    }

    /// The Organizations error.
    pub fn to_service_error(self) -> ServiceError {
        ModeledError::ConstraintViolationException.with_reason(self.reason(), self.message())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_follow_the_quota_table() {
        let scp = PolicyQuota::default_for(PolicyType::SERVICE_CONTROL_POLICY);
        assert_eq!(
            (
                scp.max_content_chars,
                scp.max_attached_per_target,
                scp.min_attached_per_target
            ),
            (10_240, 10, 1)
        );
        let rcp = PolicyQuota::default_for(PolicyType::RESOURCE_CONTROL_POLICY);
        assert_eq!(
            (
                rcp.max_content_chars,
                rcp.max_attached_per_target,
                rcp.min_attached_per_target
            ),
            (5_120, 5, 1)
        );
        let ai = PolicyQuota::default_for(PolicyType::AISERVICES_OPT_OUT_POLICY);
        assert_eq!(
            (
                ai.max_content_chars,
                ai.max_attached_per_target,
                ai.min_attached_per_target
            ),
            (2_500, 5, 0)
        );
        for ty in [
            PolicyType::TAG_POLICY,
            PolicyType::BACKUP_POLICY,
            PolicyType::GUARDDUTY_POLICY,
        ] {
            let q = PolicyQuota::default_for(ty);
            assert_eq!(
                (
                    q.max_content_chars,
                    q.max_attached_per_target,
                    q.min_attached_per_target
                ),
                (10_000, 10, 0)
            );
        }
        assert_eq!(scp.max_policies_per_org, 10_000);
        assert_eq!(rcp.max_policies_per_org, 1_000);
    }

    #[test]
    fn content_counts_characters_whitespace_included() {
        let q = PolicyQuota {
            max_content_chars: 5,
            ..PolicyQuota::default_for(PolicyType::TAG_POLICY)
        };
        assert_eq!(q.check_content("{ } \n"), Ok(()));
        assert_eq!(
            q.check_content("{  } \n"),
            Err(QuotaViolation::ContentTooLarge)
        );
        // Characters, not bytes.
        assert_eq!(q.check_content("ééééé"), Ok(()));
    }

    #[test]
    fn attachment_and_count_limits() {
        let scp = PolicyQuota::default_for(PolicyType::SERVICE_CONTROL_POLICY);
        assert_eq!(scp.check_attach(9), Ok(()));
        assert_eq!(scp.check_attach(10), Err(QuotaViolation::TooManyAttached));
        assert_eq!(scp.check_detach(2), Ok(()));
        assert_eq!(scp.check_detach(1), Err(QuotaViolation::LastAttached));
        let tag = PolicyQuota::default_for(PolicyType::TAG_POLICY);
        assert_eq!(tag.check_detach(1), Ok(()));
        assert_eq!(tag.check_create(999), Ok(()));
        assert_eq!(
            tag.check_create(1_000),
            Err(QuotaViolation::TooManyPolicies)
        );
    }

    #[test]
    fn violations_become_constraint_violations_with_reasons() {
        let e = QuotaViolation::LastAttached.to_service_error();
        assert_eq!(e.code(), Some("ConstraintViolationException"));
        assert_eq!(e.message(), Some(QuotaViolation::LastAttached.message()));
        let ServiceError::Modeled { reason, .. } =
            QuotaViolation::ContentTooLarge.to_service_error()
        else {
            panic!("modeled");
        };
        assert_eq!(reason.as_deref(), Some("POLICY_CONTENT_LIMIT_EXCEEDED"));
    }
}
