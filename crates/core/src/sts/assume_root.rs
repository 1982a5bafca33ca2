//! AssumeRoot's pure rules (governance.md §9, §8.3; API_AssumeRoot.html): the five task
//! policies, the target principal, who may call, and the root session it yields.

use sclocal_api::sts::ModeledError;
use sclocal_api::ServiceError;

use super::caller::{Caller, CallerKind};

/// The AWS-managed task policies an AssumeRoot session is scoped to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RootTask {
    /// `IAMAuditRootUserCredentials`.
    IamAuditRootUserCredentials,
    /// `IAMCreateRootUserPassword`.
    IamCreateRootUserPassword,
    /// `IAMDeleteRootUserCredentials`.
    IamDeleteRootUserCredentials,
    /// `S3UnlockBucketPolicy`.
    S3UnlockBucketPolicy,
    /// `SQSUnlockQueuePolicy`.
    SqsUnlockQueuePolicy,
}

impl RootTask {
    /// Every task, in the documentation's order.
    pub const ALL: [RootTask; 5] = [
        RootTask::IamAuditRootUserCredentials,
        RootTask::IamCreateRootUserPassword,
        RootTask::IamDeleteRootUserCredentials,
        RootTask::S3UnlockBucketPolicy,
        RootTask::SqsUnlockQueuePolicy,
    ];

    /// The policy's name.
    pub fn name(self) -> &'static str {
        match self {
            RootTask::IamAuditRootUserCredentials => "IAMAuditRootUserCredentials",
            RootTask::IamCreateRootUserPassword => "IAMCreateRootUserPassword",
            RootTask::IamDeleteRootUserCredentials => "IAMDeleteRootUserCredentials",
            RootTask::S3UnlockBucketPolicy => "S3UnlockBucketPolicy",
            RootTask::SqsUnlockQueuePolicy => "SQSUnlockQueuePolicy",
        }
    }

    /// `arn:<partition>:iam::aws:policy/root-task/<name>`.
    pub fn arn(self, partition: &str) -> String {
        format!("arn:{partition}:iam::aws:policy/root-task/{}", self.name())
    }

    /// The task named by `TaskPolicyArn.arn`; anything else → `ValidationError` (inferred code
    /// and wording).
    pub fn parse_arn(arn: Option<&str>) -> Result<RootTask, ServiceError> {
        let found = arn.and_then(|arn| {
            let rest = arn.strip_prefix("arn:")?;
            let (_partition, rest) = rest.split_once(':')?;
            let name = rest.strip_prefix("iam::aws:policy/root-task/")?;
            RootTask::ALL.into_iter().find(|t| t.name() == name)
        });
        found.ok_or_else(|| {
            ModeledError::ValidationError.msg(format!(
                "The TaskPolicyArn {} is not a valid root task policy.",
                arn.unwrap_or("")
            ))
        })
    }
}

/// The account of `TargetPrincipal`: a 12-digit account id or `arn:<partition>:iam::<id>:root`
/// (inferred accepted forms); anything else → `ValidationError`.
pub fn target_account(target_principal: &str) -> Result<String, ServiceError> {
    let is_account = |a: &str| a.len() == 12 && a.bytes().all(|b| b.is_ascii_digit());
    let account = if is_account(target_principal) {
        Some(target_principal)
    } else {
        target_principal
            .strip_prefix("arn:")
            .and_then(|r| r.split_once(':'))
            .and_then(|(_, r)| r.strip_prefix("iam::"))
            .and_then(|r| r.strip_suffix(":root"))
            .filter(|a| is_account(a))
    };
    account.map(str::to_string).ok_or_else(|| {
        ModeledError::ValidationError.msg(format!(
            "The TargetPrincipal {target_principal} is invalid."
        ))
    })
}

/// Who may call, and for whom (inferred messages): not with root credentials; the target must
/// be a member of the caller's organization other than its management account. Whether the
/// caller is the management account or the delegated administrator for `iam.amazonaws.com`,
/// with trusted access enabled, is the organization's rule and checked by the caller.
pub fn check_assume_root(
    caller: &Caller,
    target: &str,
    management_account: &str,
    target_is_member: bool,
) -> Result<(), ServiceError> {
    if caller.kind == CallerKind::Root {
        return Err(ModeledError::AccessDenied
            .msg("AssumeRoot cannot be called with root user credentials."));
    }
    if !target_is_member || target == management_account {
        return Err(ModeledError::AccessDenied.msg(format!(
            "The TargetPrincipal {target} is not a member account of your organization."
        )));
    }
    Ok(())
}

/// The principal an AssumeRoot session acts as: the member's root (inferred ARN for
/// GetCallerIdentity).
pub fn root_session_arn(partition: &str, target: &str) -> String {
    format!("arn:{partition}:iam::{target}:root")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn task_policy_arns() {
        for task in RootTask::ALL {
            assert_eq!(RootTask::parse_arn(Some(&task.arn("aws"))).unwrap(), task);
        }
        assert_eq!(
            RootTask::S3UnlockBucketPolicy.arn("aws"),
            "arn:aws:iam::aws:policy/root-task/S3UnlockBucketPolicy"
        );
        for bad in [
            None,
            Some(""),
            Some("arn:aws:iam::aws:policy/root-task/Nope"),
            Some("arn:aws:iam::aws:policy/AdministratorAccess"),
        ] {
            assert_eq!(
                RootTask::parse_arn(bad).unwrap_err().code(),
                Some("ValidationError"),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn target_principals() {
        assert_eq!(target_account("222222222222").unwrap(), "222222222222");
        assert_eq!(
            target_account("arn:aws:iam::222222222222:root").unwrap(),
            "222222222222"
        );
        for bad in [
            "2222",
            "arn:aws:iam::222222222222:user/x",
            "arn:aws:iam::22222222222a:root",
        ] {
            assert_eq!(
                target_account(bad).unwrap_err().code(),
                Some("ValidationError"),
                "{bad}"
            );
        }
        assert_eq!(
            root_session_arn("aws", "222222222222"),
            "arn:aws:iam::222222222222:root"
        );
    }

    #[test]
    fn callers_and_targets() {
        let role = Caller {
            kind: CallerKind::RoleSession,
            temporary: true,
        };
        let root = Caller {
            kind: CallerKind::Root,
            temporary: false,
        };
        assert!(check_assume_root(&role, "222222222222", "111111111111", true).is_ok());
        assert_eq!(
            check_assume_root(&root, "222222222222", "111111111111", true)
                .unwrap_err()
                .code(),
            Some("AccessDenied")
        );
        assert_eq!(
            check_assume_root(&role, "111111111111", "111111111111", true)
                .unwrap_err()
                .code(),
            Some("AccessDenied")
        );
        assert_eq!(
            check_assume_root(&role, "333333333333", "111111111111", false)
                .unwrap_err()
                .code(),
            Some("AccessDenied")
        );
    }
}
