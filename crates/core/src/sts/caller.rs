//! Who is calling STS, as the STS rules need it (governance.md §9): the kind of principal,
//! read from its ARN, and whether it signed with temporary (session) credentials.

use crate::ids::Arn;

/// The kind of principal behind a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallerKind {
    /// The account's root user, `arn:<partition>:iam::<account>:root`.
    Root,
    /// An IAM user, `arn:<partition>:iam::<account>:user/<path/name>`.
    User,
    /// A role session, `arn:<partition>:sts::<account>:assumed-role/<role>/<session>`.
    RoleSession,
    /// A GetFederationToken session, `arn:<partition>:sts::<account>:federated-user/<name>`.
    FederatedUser,
}

impl CallerKind {
    /// The kind named by `principal_arn`, or `None` for anything else.
    pub fn of(principal_arn: &str) -> Option<CallerKind> {
        let a = Arn::global(principal_arn)?;
        match (a.service, a.resource) {
            ("iam", "root") => Some(CallerKind::Root),
            ("iam", r) if r.starts_with("user/") => Some(CallerKind::User),
            ("sts", r) if r.starts_with("assumed-role/") => Some(CallerKind::RoleSession),
            ("sts", r) if r.starts_with("federated-user/") => Some(CallerKind::FederatedUser),
            _ => None,
        }
    }
}

/// A caller: its kind and whether its credentials are temporary (`ASIA…` session keys,
/// GetSessionToken and AssumeRoot sessions included, which keep the root or user ARN).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Caller {
    /// The kind of principal.
    pub kind: CallerKind,
    /// Whether the request was signed with session credentials.
    pub temporary: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_come_from_the_arn() {
        assert_eq!(
            CallerKind::of("arn:aws:iam::111111111111:root"),
            Some(CallerKind::Root)
        );
        assert_eq!(
            CallerKind::of("arn:aws:iam::111111111111:user/ops/alice"),
            Some(CallerKind::User)
        );
        assert_eq!(
            CallerKind::of("arn:aws:sts::111111111111:assumed-role/Admin/s1"),
            Some(CallerKind::RoleSession)
        );
        assert_eq!(
            CallerKind::of("arn:aws-cn:sts::111111111111:federated-user/bob"),
            Some(CallerKind::FederatedUser)
        );
        for other in [
            "arn:aws:iam::111111111111:role/Admin",
            "arn:aws:s3:::bucket",
            "root",
            "arn:aws:iam:eu-west-1:1:root",
        ] {
            assert_eq!(CallerKind::of(other), None, "{other}");
        }
    }
}
