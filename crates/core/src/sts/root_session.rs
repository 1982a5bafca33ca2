//! AssumeRoot (governance.md §9, §8.3; API_AssumeRoot.html): the management account, or the
//! delegated administrator for `iam.amazonaws.com`, with trusted access for
//! `iam.amazonaws.com` enabled, gets short credentials acting as a member account's root.
//! The session is a member principal: the member's SCPs apply to what it does.

use sclocal_api::sts::{AssumeRootRequest, AssumeRootResponse, ModeledError};
use sclocal_api::{RequestContext, ServiceError};

use super::assume_root::{check_assume_root, root_session_arn, target_account, RootTask};
use super::duration::{session_duration, DurationOperation};
use super::session::{mint, NewSession};
use super::sts_caller;
use crate::ids::AccountId;
use crate::Emulator;

/// The service principal of centralized root access.
const IAM_PRINCIPAL: &str = "iam.amazonaws.com";

/// AssumeRoot.
pub(crate) async fn assume_root(
    em: &Emulator,
    cx: &RequestContext,
    input: AssumeRootRequest,
) -> Result<AssumeRootResponse, ServiceError> {
    let caller = sts_caller(cx);
    let target = target_account(&input.target_principal)?;
    RootTask::parse_arn(input.task_policy_arn.arn.as_deref())?;
    let duration = session_duration(
        DurationOperation::AssumeRoot,
        input.duration_seconds,
        Some(caller.kind),
    )?;
    let scope = Emulator::scope(cx)?;
    let target_id = AccountId::parse(&target)
        .ok_or_else(|| ModeledError::ValidationError.msg("The TargetPrincipal is invalid."))?;
    let tid = target_id.clone();
    let (management, is_member) = em
        .store
        .read(move |tx| {
            let denied = || {
                ModeledError::AccessDenied.msg(
                    "The caller is not allowed to perform AssumeRoot: centralized root access must be enabled for the organization.",
                )
            };
            let org = tx.organization_of(&scope.account)?.ok_or_else(denied)?;
            let allowed = org.management_account == scope.account
                || tx.is_delegated_admin(&org.id, &scope.account, IAM_PRINCIPAL)?;
            if !allowed || !tx.service_access_enabled(&org.id, IAM_PRINCIPAL)? {
                return Err(denied());
            }
            let is_member = tx
                .account(&tid)?
                .and_then(|a| a.placement)
                .is_some_and(|p| p.org_id == org.id);
            Ok((org.management_account.to_string(), is_member))
        })
        .await?;
    check_assume_root(&caller, &target, &management, is_member)?;
    let credentials = mint(
        em,
        NewSession {
            account: target_id,
            principal_arn: root_session_arn(cx.partition(), &target),
            duration_secs: duration,
            scoped_policies: 0,
            source_identity: None,
        },
    )
    .await?;
    Ok(AssumeRootResponse {
        credentials: Some(credentials),
        ..Default::default()
    })
}
