//! The text of an authorization-policy refusal (governance.md §6.6), one pure function per
//! form. The protocol layer wraps it in each service's `AccessDenied` shape.
//!
//! Explicit deny (OBS-SCP-MSG, OBS-ARN-BLOG: the policy ARN suffix is given for requests
//! inside the same organization, always the case here):
//! `User: {principal} is not authorized to perform: {action} on resource: {resource} with an
//! explicit deny in a service control policy: {policy_arn}`.
//!
//! Implicit deny (OBS-SCP-MSG): `User: {principal} is not authorized to perform: {action} on
//! resource: {resource} because no service control policy allows the {action} action`.

use super::evaluate::Decision;

/// Which kind of organization policy refused the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ControlPolicyKind {
    /// A service control policy.
    ServiceControl,
    /// A resource control policy (inferred wording: the SCP sentence with the RCP's name).
    ResourceControl,
}

impl ControlPolicyKind {
    fn phrase(self) -> &'static str {
        match self {
            ControlPolicyKind::ServiceControl => "service control policy",
            ControlPolicyKind::ResourceControl => "resource control policy",
        }
    }
}

/// The explicit-deny sentence.
pub fn explicit_deny_message(
    kind: ControlPolicyKind,
    principal_arn: &str,
    action: &str,
    resource: &str,
    policy_arn: &str,
) -> String {
    format!(
        "User: {principal_arn} is not authorized to perform: {action} on resource: {resource} with an explicit deny in a {}: {policy_arn}",
        kind.phrase()
    )
}

/// The implicit-deny sentence.
pub fn implicit_deny_message(
    kind: ControlPolicyKind,
    principal_arn: &str,
    action: &str,
    resource: &str,
) -> String {
    format!(
        "User: {principal_arn} is not authorized to perform: {action} on resource: {resource} because no {} allows the {action} action",
        kind.phrase()
    )
}

/// The sentence for a decision, or `None` when it allows.
pub fn denial_message(
    kind: ControlPolicyKind,
    decision: &Decision,
    principal_arn: &str,
    action: &str,
    resource: &str,
) -> Option<String> {
    match decision {
        Decision::Allow => None,
        Decision::ExplicitDeny { policy } => Some(explicit_deny_message(
            kind,
            principal_arn,
            action,
            resource,
            policy,
        )),
        Decision::ImplicitDeny => {
            Some(implicit_deny_message(kind, principal_arn, action, resource))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCP: ControlPolicyKind = ControlPolicyKind::ServiceControl;

    #[test]
    fn explicit_form_matches_the_observed_text() {
        // OBS-SCP-MSG (the SQS denial quoted in the spec), with our own principal and resource.
        let msg = explicit_deny_message(
            SCP,
            "arn:aws:sts::222222222222:assumed-role/Developer/s1",
            "sqs:SendMessage",
            "arn:aws:sqs:us-east-1:222222222222:queue",
            "arn:aws:organizations::052343574110:policy/o-y3vn941x7j/service_control_policy/p-kfhxcsd9",
        );
        assert_eq!(
            msg,
            "User: arn:aws:sts::222222222222:assumed-role/Developer/s1 is not authorized to perform: sqs:SendMessage on resource: arn:aws:sqs:us-east-1:222222222222:queue with an explicit deny in a service control policy: arn:aws:organizations::052343574110:policy/o-y3vn941x7j/service_control_policy/p-kfhxcsd9"
        );
    }

    #[test]
    fn implicit_form_matches_the_observed_text() {
        let msg = implicit_deny_message(
            SCP,
            "arn:aws:iam::222222222222:root",
            "ssm:GetParameter",
            "arn:aws:ssm:us-east-1::parameter/x",
        );
        assert_eq!(
            msg,
            "User: arn:aws:iam::222222222222:root is not authorized to perform: ssm:GetParameter on resource: arn:aws:ssm:us-east-1::parameter/x because no service control policy allows the ssm:GetParameter action"
        );
    }

    #[test]
    fn decisions_pick_their_form() {
        let p = "arn:aws:iam::1:root";
        assert_eq!(denial_message(SCP, &Decision::Allow, p, "a:b", "*"), None);
        let explicit = Decision::ExplicitDeny {
            policy: "arn:p".into(),
        };
        assert!(denial_message(SCP, &explicit, p, "a:b", "*")
            .unwrap()
            .ends_with("service control policy: arn:p"));
        let rcp = denial_message(
            ControlPolicyKind::ResourceControl,
            &Decision::ImplicitDeny,
            p,
            "a:b",
            "*",
        );
        assert!(rcp
            .unwrap()
            .ends_with("because no resource control policy allows the a:b action"));
    }
}
