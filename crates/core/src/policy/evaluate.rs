//! Authorization-policy evaluation (governance.md §6.3): the policies attached to each level of
//! an account's path, root first, decide a request.
//!
//! ```text
//! for L in levels: if any Deny statement of L's policies matches → EXPLICIT DENY (that policy)
//! for L in levels: if no Allow statement of L's policies matches → IMPLICIT DENY
//! → ALLOW
//! ```
//!
//! An explicit deny anywhere wins and names the first denying policy in level order (root
//! first, then attachment order within a level); otherwise every level must allow.

use std::sync::Arc;

use super::context::Request;
use super::document::PolicyDocument;
use super::statement::Effect;

/// The outcome for one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Every level allows and nothing denies.
    Allow,
    /// A `Deny` statement matched; `policy` is that policy's ARN.
    ExplicitDeny {
        /// The denying policy's ARN.
        policy: String,
    },
    /// Some level has no matching `Allow`.
    ImplicitDeny,
}

impl Decision {
    /// Whether the request may proceed.
    pub fn is_allowed(&self) -> bool {
        *self == Decision::Allow
    }
}

/// A policy as evaluation sees it: its ARN (named in denials) and its compiled document.
pub trait AttachedPolicyRef {
    /// The policy's ARN.
    fn arn(&self) -> &str;
    /// The compiled document.
    fn document(&self) -> &PolicyDocument;
}

/// An owned attached policy, cheap to clone into per-account caches.
#[derive(Debug, Clone)]
pub struct AttachedPolicy {
    /// The policy's ARN.
    pub arn: String,
    /// The compiled document, shared by every level and account it is attached to.
    pub document: Arc<PolicyDocument>,
}

impl AttachedPolicyRef for AttachedPolicy {
    fn arn(&self) -> &str {
        &self.arn
    }
    fn document(&self) -> &PolicyDocument {
        &self.document
    }
}

impl AttachedPolicyRef for (&str, &PolicyDocument) {
    fn arn(&self) -> &str {
        self.0
    }
    fn document(&self) -> &PolicyDocument {
        self.1
    }
}

/// Decides `request` against `levels`: the policies directly attached to the root, each OU
/// from the outermost, and the account, in that order, each level in attachment order.
///
/// A level with no policy attached allows nothing. With no level at all nothing denies and
/// nothing is required, so the answer is [`Decision::Allow`]; principals that SCPs do not
/// govern (§6.2) are best not evaluated at all.
pub fn evaluate<P, L>(request: &Request<'_>, levels: &[L]) -> Decision
where
    P: AttachedPolicyRef,
    L: AsRef<[P]>,
{
    for level in levels {
        for policy in level.as_ref() {
            let denies = policy
                .document()
                .statements()
                .iter()
                .any(|s| s.effect() == Effect::Deny && s.matches(request));
            if denies {
                return Decision::ExplicitDeny {
                    policy: policy.arn().to_string(),
                };
            }
        }
    }
    for level in levels {
        let allowed = level.as_ref().iter().any(|policy| {
            policy
                .document()
                .statements()
                .iter()
                .any(|s| s.effect() == Effect::Allow && s.matches(request))
        });
        if !allowed {
            return Decision::ImplicitDeny;
        }
    }
    Decision::Allow
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::context::Context;
    use crate::policy::statement::Grammar;

    fn doc(statements: &str) -> PolicyDocument {
        let text = format!(r#"{{"Version":"2012-10-17","Statement":{statements}}}"#);
        PolicyDocument::parse(&text, Grammar::ServiceControl).unwrap()
    }

    fn decide(levels: &[Vec<(&str, &PolicyDocument)>], action: &str) -> Decision {
        let cx = Context::new();
        evaluate(
            &Request {
                action,
                resource: "*",
                context: &cx,
            },
            levels,
        )
    }

    #[test]
    fn explicit_deny_names_the_first_denying_policy_root_first() {
        let full = PolicyDocument::full_aws_access();
        let deny_a = doc(r#"{"Effect":"Deny","Action":"sts:*"}"#);
        let deny_b = doc(r#"{"Effect":"Deny","Action":"sts:AssumeRole"}"#);
        let levels = vec![
            vec![("arn:full", &full), ("arn:root-deny", &deny_b)],
            vec![("arn:full", &full), ("arn:ou-deny", &deny_a)],
            vec![("arn:full", &full)],
        ];
        assert_eq!(
            decide(&levels, "sts:AssumeRole"),
            Decision::ExplicitDeny {
                policy: "arn:root-deny".into()
            }
        );
        assert_eq!(
            decide(&levels, "sts:GetFederationToken"),
            Decision::ExplicitDeny {
                policy: "arn:ou-deny".into()
            }
        );
        assert_eq!(decide(&levels, "s3:GetObject"), Decision::Allow);
    }

    #[test]
    fn every_level_must_allow() {
        let full = PolicyDocument::full_aws_access();
        let sc = doc(r#"{"Effect":"Allow","Action":"servicecatalog:*","Resource":"*"}"#);
        let levels = vec![vec![("f", &full)], vec![("sc", &sc)], vec![("f", &full)]];
        assert_eq!(
            decide(&levels, "servicecatalog:CreatePortfolio"),
            Decision::Allow
        );
        assert_eq!(decide(&levels, "sts:AssumeRole"), Decision::ImplicitDeny);
        // A level with nothing attached allows nothing.
        let empty: Vec<(&str, &PolicyDocument)> = Vec::new();
        assert_eq!(
            decide(&[vec![("f", &full)], empty], "s3:GetObject"),
            Decision::ImplicitDeny
        );
        assert!(decide(&[vec![("f", &full)]], "s3:GetObject").is_allowed());
        assert!(!Decision::ImplicitDeny.is_allowed());
    }

    #[test]
    fn deny_beats_allow_within_one_policy() {
        let both = doc(
            r#"[{"Effect":"Allow","Action":"*","Resource":"*"},{"Sid":"NoLeave","Effect":"Deny","Action":"organizations:LeaveOrganization","Resource":"*"}]"#,
        );
        let levels = vec![vec![("p", &both)]];
        assert_eq!(
            decide(&levels, "organizations:LeaveOrganization"),
            Decision::ExplicitDeny { policy: "p".into() }
        );
        assert_eq!(
            decide(&levels, "organizations:DescribeOrganization"),
            Decision::Allow
        );
    }

    #[test]
    fn owned_attached_policies_evaluate_too() {
        let full = Arc::new(PolicyDocument::full_aws_access());
        let level = vec![AttachedPolicy {
            arn: "arn:full".into(),
            document: Arc::clone(&full),
        }];
        let cx = Context::new();
        let req = Request {
            action: "sts:AssumeRole",
            resource: "*",
            context: &cx,
        };
        assert_eq!(evaluate(&req, &[level.clone(), level]), Decision::Allow);
        let none: &[Vec<AttachedPolicy>] = &[];
        assert_eq!(evaluate(&req, none), Decision::Allow);
    }
}
