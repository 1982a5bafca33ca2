//! The STS operations only long-term credentials may call — GetSessionToken and
//! GetFederationToken (governance.md §9) — and the federated user GetFederationToken names.

use sclocal_api::sts::ModeledError;
use sclocal_api::ServiceError;

use super::caller::{Caller, CallerKind};

/// Operations refused to session credentials.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LongTermOperation {
    /// `GetSessionToken`.
    GetSessionToken,
    /// `GetFederationToken`.
    GetFederationToken,
}

impl LongTermOperation {
    fn name(self) -> &'static str {
        match self {
            LongTermOperation::GetSessionToken => "GetSessionToken",
            LongTermOperation::GetFederationToken => "GetFederationToken",
        }
    }
}

/// Session credentials (and every role or federated-user session) → `AccessDenied` (403)
/// `Cannot call GetSessionToken with session credentials` (OBS-GST; the GetFederationToken
/// sentence is the same with its name, inferred).
pub fn check_long_term_caller(
    operation: LongTermOperation,
    caller: &Caller,
) -> Result<(), ServiceError> {
    let session = caller.temporary
        || matches!(
            caller.kind,
            CallerKind::RoleSession | CallerKind::FederatedUser
        );
    if session {
        return Err(ModeledError::AccessDenied.msg(format!(
            "Cannot call {} with session credentials",
            operation.name()
        )));
    }
    Ok(())
}

/// GetFederationToken's `FederatedUser`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FederatedUser {
    /// `FederatedUserId`: `<account>:<name>` (model example).
    pub federated_user_id: String,
    /// `Arn`: `arn:<partition>:sts::<account>:federated-user/<name>`.
    pub arn: String,
}

/// The federated user `name` of `account`.
pub fn federated_user(partition: &str, account: &str, name: &str) -> FederatedUser {
    FederatedUser {
        federated_user_id: format!("{account}:{name}"),
        arn: format!("arn:{partition}:sts::{account}:federated-user/{name}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_credentials_are_refused() {
        let user = Caller {
            kind: CallerKind::User,
            temporary: false,
        };
        let root = Caller {
            kind: CallerKind::Root,
            temporary: false,
        };
        assert!(check_long_term_caller(LongTermOperation::GetSessionToken, &user).is_ok());
        assert!(check_long_term_caller(LongTermOperation::GetFederationToken, &root).is_ok());
        for caller in [
            Caller {
                kind: CallerKind::User,
                temporary: true,
            },
            Caller {
                kind: CallerKind::Root,
                temporary: true,
            },
            Caller {
                kind: CallerKind::RoleSession,
                temporary: false,
            },
            Caller {
                kind: CallerKind::FederatedUser,
                temporary: true,
            },
        ] {
            let e =
                check_long_term_caller(LongTermOperation::GetSessionToken, &caller).unwrap_err();
            assert_eq!(e.code(), Some("AccessDenied"));
            assert_eq!(
                e.message(),
                Some("Cannot call GetSessionToken with session credentials")
            );
        }
        let e = check_long_term_caller(
            LongTermOperation::GetFederationToken,
            &Caller {
                kind: CallerKind::User,
                temporary: true,
            },
        );
        assert_eq!(
            e.unwrap_err().message(),
            Some("Cannot call GetFederationToken with session credentials")
        );
    }

    #[test]
    fn federated_users_follow_the_model_example() {
        let u = federated_user("aws", "123456789012", "Bob");
        assert_eq!(u.federated_user_id, "123456789012:Bob");
        assert_eq!(u.arn, "arn:aws:sts::123456789012:federated-user/Bob");
    }
}
