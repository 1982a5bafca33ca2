//! Principal ARNs: the rules AssociatePrincipalWithPortfolio applies to each
//! PrincipalType, and whether a calling principal matches an association (aws-behavior.md
//! §7.3; https://docs.aws.amazon.com/servicecatalog/latest/dg/API_AssociatePrincipalWithPortfolio.html).

use sclocal_api::servicecatalog::{ModeledError, PrincipalType};
use sclocal_api::ServiceError;

use crate::ids::{AccountId, Arn, Scope};
use crate::store::PrincipalRecord;

/// IAM resource types a principal association may name.
const RESOURCE_TYPES: &[&str] = &["user", "group", "role"];

/// Whether `caller_arn` (an IAM user or role, or an STS assumed-role session) is one of the
/// `principals`: associated by ARN, or matching an IAM_PATTERN.
pub(crate) fn allows(principals: &[PrincipalRecord], caller_arn: &str) -> bool {
    let Some(caller) = Caller::parse(caller_arn) else {
        return false;
    };
    principals.iter().any(|p| caller.matches(p))
}

/// A caller as IAM sees it: partition, account and `type/path/name`.
struct Caller {
    partition: String,
    account: String,
    resource: String,
    /// From an assumed-role session: the role's path is unknown, only its name.
    session: bool,
}

impl Caller {
    fn parse(arn: &str) -> Option<Caller> {
        let (partition, service, account, resource) = split_arn(arn)?;
        match service {
            "iam" => Some(Caller {
                partition: partition.into(),
                account: account.into(),
                resource: resource.into(),
                session: false,
            }),
            // arn:aws:sts::<acct>:assumed-role/<role>/<session> acts as role/<role>.
            "sts" => {
                let rest = resource.strip_prefix("assumed-role/")?;
                let role = rest.split('/').next()?;
                Some(Caller {
                    partition: partition.into(),
                    account: account.into(),
                    resource: format!("role/{role}"),
                    session: true,
                })
            }
            _ => None,
        }
    }

    fn matches(&self, p: &PrincipalRecord) -> bool {
        let Some((partition, _, account, resource)) = split_arn(&p.arn) else {
            return false;
        };
        if partition != self.partition {
            return false;
        }
        if p.principal_type == PrincipalType::IAM_PATTERN {
            return glob(resource.as_bytes(), self.resource.as_bytes());
        }
        if account != self.account {
            return false;
        }
        if self.session {
            // A role ARN with a path still names the session's role by its last segment.
            let name = |r: &str| r.rsplit('/').next().map(str::to_string);
            resource.starts_with("role/") && name(resource) == name(&self.resource)
        } else {
            resource == self.resource
        }
    }
}

/// `arn:<partition>:<service>:<region>:<account>:<resource>` → (partition, service,
/// account, resource) when the region is empty, as in every IAM and STS ARN.
fn split_arn(arn: &str) -> Option<(&str, &str, &str, &str)> {
    Arn::global(arn).map(|a| (a.partition, a.service, a.account, a.resource))
}

/// `*` matches any run of characters (including `/`), `?` zero or one character
/// (API_AssociatePrincipalWithPortfolio). Simulates the pattern as an automaton over its
/// positions, so the cost is at most pattern × text steps whatever the pattern (a naive
/// backtracking match is exponential in the number of `*`).
fn glob(pattern: &[u8], text: &[u8]) -> bool {
    let mut states = vec![false; pattern.len() + 1];
    states[0] = true;
    close(pattern, &mut states);
    for &c in text {
        let mut next = vec![false; pattern.len() + 1];
        for (i, on) in states.iter().enumerate() {
            if !on || i == pattern.len() {
                continue;
            }
            match pattern[i] {
                b'*' => next[i] = true,
                b'?' => next[i + 1] = true,
                p if p == c => next[i + 1] = true,
                _ => {}
            }
        }
        close(pattern, &mut next);
        if !next.iter().any(|s| *s) {
            return false;
        }
        states = next;
    }
    states[pattern.len()]
}

/// Adds the positions reachable without consuming a character: past a `*` or a `?`.
fn close(pattern: &[u8], states: &mut [bool]) {
    for i in 0..pattern.len() {
        if states[i] && matches!(pattern[i], b'*' | b'?') {
            states[i + 1] = true;
        }
    }
}

/// The owner of what `caller_arn` provisions, as AWS records it (provisioning.md §3.2):
/// `(UserArn, UserArnSession)`. An IAM user (or root) owns as itself; an assumed-role
/// session owns as its role `arn:<p>:iam::<account>:role/<name>` [inferred], keeping the
/// session ARN as UserArnSession.
pub(crate) fn owner_arns(caller_arn: &str) -> (String, String) {
    let role = split_arn(caller_arn).and_then(|(partition, service, account, resource)| {
        let name = resource.strip_prefix("assumed-role/")?.split('/').next()?;
        (service == "sts").then(|| format!("arn:{partition}:iam::{account}:role/{name}"))
    });
    (
        role.unwrap_or_else(|| caller_arn.to_string()),
        caller_arn.to_string(),
    )
}

/// An `OWNER` for UpdateProvisionedProductProperties (API_UpdateProvisionedProductProperties):
/// an IAM user, IAM role or STS assumed-role ARN of the caller's account, as
/// `(UserArn, UserArnSession)`; `None` for anything else.
pub(crate) fn owner_property(scope: &Scope, arn: &str) -> Option<(String, String)> {
    let (partition, service, account, resource) = split_arn(arn)?;
    let (kind, name) = resource.split_once('/')?;
    let fits = partition == scope.partition
        && AccountId::parse(account).as_ref() == Some(&scope.account)
        && !name.is_empty()
        && matches!(
            (service, kind),
            ("iam", "user" | "role") | ("sts", "assumed-role")
        );
    fits.then(|| owner_arns(arn))
}

/// A `LAUNCH_ROLE` for UpdateProvisionedProductProperties: an IAM role ARN of the caller's
/// account ("A user ARN is invalid").
pub(crate) fn is_own_role(scope: &Scope, arn: &str) -> bool {
    split_arn(arn).is_some_and(|(partition, service, account, resource)| {
        partition == scope.partition
            && service == "iam"
            && AccountId::parse(account).as_ref() == Some(&scope.account)
            && resource
                .strip_prefix("role/")
                .is_some_and(|n| !n.is_empty())
    })
}

/// AWS's rules for the ARN of each PrincipalType (§7.3).
pub(super) fn check_arn(scope: &Scope, arn: &str, kind: PrincipalType) -> Result<(), ServiceError> {
    let invalid = || ModeledError::InvalidParametersException.msg("Invalid input parameter(s)");
    let (partition, service, account, resource) = split_arn(arn).ok_or_else(invalid)?;
    let (resource_type, name) = resource.split_once('/').ok_or_else(invalid)?;
    // Wildcards only after the resource type: partition, service and type are literal.
    if partition != scope.partition
        || service != "iam"
        || !RESOURCE_TYPES.contains(&resource_type)
        || name.is_empty()
    {
        return Err(invalid());
    }
    match kind {
        PrincipalType::IAM => {
            // Observed: an account-less IAM ARN is looked up in account "" (TF #33038).
            if AccountId::parse(account).as_ref() != Some(&scope.account) {
                return Err(ModeledError::ResourceNotFoundException.msg(format!(
                    "Resource not found, caller account id ({}) does not match input account id ({account})",
                    scope.account
                )));
            }
            if name.contains(['*', '?']) {
                return Err(invalid());
            }
        }
        PrincipalType::IAM_PATTERN => {
            if !account.is_empty() {
                return Err(invalid());
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(arn: &str, kind: &str) -> PrincipalRecord {
        PrincipalRecord {
            portfolio_id: crate::ids::PortfolioId::parse("port-a").unwrap(),
            account: AccountId::parse("222222222222").unwrap(),
            arn: arn.into(),
            principal_type: PrincipalType::from_wire(kind).unwrap(),
        }
    }

    #[test]
    fn globs_match_in_linear_time() {
        assert!(glob(b"a*b?c", b"axxbc"));
        assert!(glob(b"a*b?c", b"axxbyc"));
        assert!(!glob(b"a*b?c", b"axxbyyc"));
        assert!(glob(b"*", b""));
        assert!(glob(b"?", b""));
        assert!(!glob(b"", b"x"));
        // A pattern that makes a backtracking matcher take exponential time.
        let pattern = "*a".repeat(40) + "b";
        let text = "a".repeat(1000);
        assert!(!glob(pattern.as_bytes(), text.as_bytes()));
    }

    #[test]
    fn sessions_match_their_role_by_arn_and_by_pattern() {
        let session = "arn:aws:sts::222222222222:assumed-role/Dev/s1";
        assert!(allows(
            &[rec("arn:aws:iam::222222222222:role/Dev", "IAM")],
            session
        ));
        assert!(allows(
            &[rec("arn:aws:iam::222222222222:role/team/Dev", "IAM")],
            session
        ));
        assert!(!allows(
            &[rec("arn:aws:iam::333333333333:role/Dev", "IAM")],
            session
        ));
        assert!(allows(
            &[rec("arn:aws:iam:::role/De?*", "IAM_PATTERN")],
            session
        ));
        assert!(!allows(
            &[rec("arn:aws:iam:::role/Ops*", "IAM_PATTERN")],
            session
        ));
        assert!(!allows(
            &[rec("arn:aws:iam:::user/Dev", "IAM_PATTERN")],
            session
        ));
        assert!(!allows(
            &[rec("arn:aws:iam::222222222222:role/Dev", "IAM")],
            "arn:aws:iam::222222222222:root"
        ));
    }

    #[test]
    fn sessions_own_as_their_role() {
        let session = "arn:aws:sts::222222222222:assumed-role/Dev/s1";
        assert_eq!(
            owner_arns(session),
            ("arn:aws:iam::222222222222:role/Dev".into(), session.into())
        );
        let user = "arn:aws:iam::222222222222:user/alice";
        assert_eq!(owner_arns(user), (user.into(), user.into()));
        let scope = Scope {
            account: AccountId::parse("222222222222").unwrap(),
            region: "us-east-1".into(),
            partition: "aws",
        };
        assert!(owner_property(&scope, session).is_some());
        assert!(owner_property(&scope, user).is_some());
        assert!(owner_property(&scope, "arn:aws:iam::333333333333:user/bob").is_none());
        assert!(owner_property(&scope, "arn:aws:iam::222222222222:group/g").is_none());
        assert!(is_own_role(&scope, "arn:aws:iam::222222222222:role/Launch"));
        assert!(!is_own_role(&scope, user));
    }

    #[test]
    fn users_match_exactly_or_by_pattern() {
        let alice = "arn:aws:iam::222222222222:user/eng/alice";
        assert!(allows(&[rec(alice, "IAM")], alice));
        assert!(allows(&[rec("arn:aws:iam:::user/*", "IAM_PATTERN")], alice));
        assert!(allows(
            &[rec("arn:aws:iam:::user/eng/ali?e", "IAM_PATTERN")],
            alice
        ));
        assert!(!allows(
            &[rec("arn:aws:iam::222222222222:user/alice", "IAM")],
            alice
        ));
    }

    #[test]
    fn arns_follow_the_rules_of_their_type() {
        let scope = Scope {
            account: AccountId::parse("111111111111").unwrap(),
            region: "us-east-1".into(),
            partition: "aws",
        };
        let code = |arn: &str, kind| {
            check_arn(&scope, arn, kind)
                .err()
                .and_then(|e| e.code().map(str::to_string))
        };
        assert_eq!(
            code("arn:aws:iam::111111111111:role/Dev", PrincipalType::IAM),
            None
        );
        assert_eq!(
            code("arn:aws:iam:::role/Dev*", PrincipalType::IAM_PATTERN),
            None
        );
        assert_eq!(
            code("arn:aws:iam:::role/a/*/b?", PrincipalType::IAM_PATTERN),
            None
        );
        let invalid = Some("InvalidParametersException".to_string());
        assert_eq!(
            code("arn:aws:iam:::*/Name", PrincipalType::IAM_PATTERN),
            invalid
        );
        assert_eq!(
            code(
                "arn:aws:iam::111111111111:role/D*",
                PrincipalType::IAM_PATTERN
            ),
            invalid
        );
        assert_eq!(
            code("arn:aws:iam:::role/", PrincipalType::IAM_PATTERN),
            invalid
        );
        assert_eq!(code("not-an-arn", PrincipalType::IAM), invalid);
        assert_eq!(
            code("arn:*:iam:::role/Dev", PrincipalType::IAM_PATTERN),
            invalid
        );
        assert_eq!(
            code("arn:aws:ia?:::role/Dev", PrincipalType::IAM_PATTERN),
            invalid
        );
        assert_eq!(
            code("arn:aws:iam:::ro*/Dev", PrincipalType::IAM_PATTERN),
            invalid
        );
        assert_eq!(
            code("arn:aws-cn:iam:::role/Dev", PrincipalType::IAM_PATTERN),
            invalid
        );
        assert_eq!(
            code("arn:aws:iam:::role/Dev", PrincipalType::IAM),
            Some("ResourceNotFoundException".to_string())
        );
    }
}
