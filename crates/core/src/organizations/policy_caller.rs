//! Who may call the policy operations (governance.md §5, "Who may call what"): the management
//! account always; a delegated administrator (any service) the read-only ones; a member the
//! resource policy grants the action; nobody else. A member's grant is an `Allow` of the
//! organization's resource policy matching the caller, the action, the resource (the policy
//! or the target) and `organizations:PolicyType`, with no `Deny` matching.

use sclocal_api::organizations::PolicyType;
use sclocal_api::ServiceError;

use super::caller::{caller, denied, Caller};
use super::policy_shapes::{policy_space, PolicyView};
use crate::ids::{Arn, Scope};
use crate::policy::context::{
    Context, ORGANIZATIONS_POLICY_TYPE, PRINCIPAL_ACCOUNT, PRINCIPAL_ARN,
};
use crate::policy::{Effect, Grammar, PolicyDocument, Request};
use crate::store::ReadTx;

/// What an operation does to policies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PolicyAccess {
    /// Describe and list: delegated administrators may.
    Read,
    /// Create, change, attach, enable: only the management account or a granted member.
    Write,
}

/// The action a member asks the resource policy for.
#[derive(Debug, Clone, Copy)]
pub(super) struct Ask<'a> {
    /// The operation's name, e.g. `AttachPolicy` (the action is `organizations:<name>`).
    pub operation: &'a str,
    /// The resource ARN (the policy, the target, or the organization's policy space).
    pub resource: &'a str,
    /// The policy type the call is about, when it is about one.
    pub policy_type: Option<PolicyType>,
}

impl<'a> Ask<'a> {
    /// `operation` on the policy a lookup `found`: its ARN and type. A policy that was not
    /// found is asked about as `*` with no type, so a caller without the right is refused
    /// before it learns whether the policy exists.
    pub(super) fn on_policy(
        operation: &'a str,
        found: &'a Result<PolicyView, ServiceError>,
    ) -> Self {
        Ask {
            operation,
            resource: found.as_ref().map_or("*", |p| p.arn.as_str()),
            policy_type: found.as_ref().ok().map(|p| p.policy_type),
        }
    }
}

/// Whether the caller `c` (read with `caller::caller`, which answers outsiders
/// AWSOrganizationsNotInUseException) may perform `ask` with `access` (§5 table); if not,
/// AccessDeniedException.
pub(super) fn authorize(
    tx: &dyn ReadTx,
    c: &Caller,
    principal_arn: &str,
    access: PolicyAccess,
    ask: Ask<'_>,
) -> Result<(), ServiceError> {
    if c.is_management() {
        return Ok(());
    }
    if access == PolicyAccess::Read
        && tx
            .delegated_admins(&c.org.id)?
            .iter()
            .any(|d| d.account == c.scope.account)
    {
        return Ok(());
    }
    let granted = match tx.resource_policy(&c.org.id)? {
        Some(rp) => grants(&rp.content, c.scope.account.as_str(), principal_arn, ask),
        None => false,
    };
    if granted {
        Ok(())
    } else {
        Err(denied())
    }
}

/// The caller, if it may perform `operation` with `access` on the policies of a type (the
/// organization's policy space of the type is the resource).
pub(super) fn space_caller(
    tx: &dyn ReadTx,
    scope: &Scope,
    principal_arn: &str,
    (access, operation, policy_type): (PolicyAccess, &str, PolicyType),
) -> Result<Caller, ServiceError> {
    let c = caller(tx, scope)?;
    let space = policy_space(&c, policy_type);
    let ask = Ask {
        operation,
        resource: &space,
        policy_type: Some(policy_type),
    };
    authorize(tx, &c, principal_arn, access, ask)?;
    Ok(c)
}

/// Whether the resource policy `content` grants `ask` to the caller.
pub(super) fn grants(content: &str, account: &str, principal_arn: &str, ask: Ask<'_>) -> bool {
    // A stored resource policy was validated when it was put; one that no longer parses
    // grants nothing.
    let Ok(doc) = PolicyDocument::parse(content, Grammar::OrganizationResource) else {
        return false;
    };
    let mut cx = Context::new();
    cx.insert(PRINCIPAL_ARN, principal_key(principal_arn));
    cx.insert(PRINCIPAL_ACCOUNT, account.to_string());
    if let Some(t) = ask.policy_type {
        cx.insert(ORGANIZATIONS_POLICY_TYPE, t.as_str());
    }
    let action = format!("organizations:{}", ask.operation);
    let request = Request {
        action: &action,
        resource: ask.resource,
        context: &cx,
    };
    let matching = |effect| {
        doc.statements()
            .iter()
            .any(|s| s.effect() == effect && s.matches(&request))
    };
    !matching(Effect::Deny) && matching(Effect::Allow)
}

/// `aws:PrincipalArn` of a caller: a role session is its role
/// (`arn:…:sts::A:assumed-role/R/s` → `arn:…:iam::A:role/R`), anything else itself.
pub(crate) fn principal_key(principal_arn: &str) -> String {
    if let Some(a) = Arn::parse(principal_arn).filter(|a| a.service == "sts") {
        if let Some(rest) = a.resource.strip_prefix("assumed-role/") {
            let role = rest.split('/').next().unwrap_or_default();
            return format!("arn:{}:iam::{}:role/{role}", a.partition, a.account);
        }
    }
    principal_arn.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const RP: &str = r#"{"Version":"2012-10-17","Statement":[
        {"Sid":"Tags","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},
         "Action":["organizations:CreatePolicy","organizations:DescribePolicy"],"Resource":"*",
         "Condition":{"StringLikeIfExists":{"organizations:PolicyType":["TAG_POLICY"]}}},
        {"Effect":"Deny","Principal":"*","Action":"organizations:DeletePolicy","Resource":"*"}]}"#;

    fn ask(operation: &str, policy_type: Option<PolicyType>) -> Ask<'_> {
        Ask {
            operation,
            resource: "*",
            policy_type,
        }
    }

    #[test]
    fn the_resource_policy_grants_what_it_allows_to_whom_it_names() {
        let root = "arn:aws:iam::222222222222:root";
        let tag = Some(PolicyType::TAG_POLICY);
        assert!(grants(RP, "222222222222", root, ask("CreatePolicy", tag)));
        assert!(!grants(
            RP,
            "222222222222",
            root,
            ask("CreatePolicy", Some(PolicyType::SERVICE_CONTROL_POLICY))
        ));
        assert!(grants(
            RP,
            "222222222222",
            root,
            ask("DescribePolicy", None)
        ));
        assert!(!grants(RP, "222222222222", root, ask("AttachPolicy", tag)));
        assert!(!grants(RP, "222222222222", root, ask("DeletePolicy", tag)));
        let other = "arn:aws:iam::333333333333:root";
        assert!(!grants(RP, "333333333333", other, ask("CreatePolicy", tag)));
        // A session of the account is a principal of the account.
        let session = "arn:aws:sts::222222222222:assumed-role/Admin/s";
        assert!(grants(
            RP,
            "222222222222",
            session,
            ask("CreatePolicy", tag)
        ));
        assert!(!grants(
            "not json",
            "222222222222",
            root,
            ask("CreatePolicy", tag)
        ));
    }

    #[test]
    fn role_sessions_are_keyed_by_their_role() {
        assert_eq!(
            principal_key("arn:aws:sts::222222222222:assumed-role/Admin/s1"),
            "arn:aws:iam::222222222222:role/Admin"
        );
        assert_eq!(
            principal_key("arn:aws:iam::222222222222:root"),
            "arn:aws:iam::222222222222:root"
        );
    }
}
