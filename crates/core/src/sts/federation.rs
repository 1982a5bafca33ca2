//! GetSessionToken and GetFederationToken (governance.md §9): long-term credentials only;
//! GetSessionToken's credentials act as the caller itself, GetFederationToken's as the
//! federated user `arn:…:sts::A:federated-user/<Name>`.

use sclocal_api::sts::{
    FederatedUser, GetFederationTokenRequest, GetFederationTokenResponse, GetSessionTokenRequest,
    GetSessionTokenResponse, ModeledError,
};
use sclocal_api::{RequestContext, ServiceError};

use super::duration::{session_duration, DurationOperation};
use super::long_term::{check_long_term_caller, federated_user, LongTermOperation};
use super::session::{mint, NewSession};
use super::sts_caller;
use crate::policy::{Grammar, PolicyDocument};
use crate::Emulator;

/// `Policy` and `PolicyArns` together: at most 2,048 characters (API_GetFederationToken).
const PACKED_LIMIT: usize = 2048;

/// GetSessionToken: the same identity, for a while.
pub(crate) async fn get_session_token(
    em: &Emulator,
    cx: &RequestContext,
    input: GetSessionTokenRequest,
) -> Result<GetSessionTokenResponse, ServiceError> {
    let caller = sts_caller(cx);
    check_long_term_caller(LongTermOperation::GetSessionToken, &caller)?;
    let duration = session_duration(
        DurationOperation::GetSessionToken,
        input.duration_seconds,
        Some(caller.kind),
    )?;
    let credentials = mint(
        em,
        NewSession {
            account: Emulator::scope(cx)?.account,
            principal_arn: cx.principal_arn.clone(),
            duration_secs: duration,
            scoped_policies: 0,
            source_identity: None,
        },
    )
    .await?;
    Ok(GetSessionTokenResponse {
        credentials: Some(credentials),
        ..Default::default()
    })
}

/// GetFederationToken: a federated user of the caller's account.
pub(crate) async fn get_federation_token(
    em: &Emulator,
    cx: &RequestContext,
    input: GetFederationTokenRequest,
) -> Result<GetFederationTokenResponse, ServiceError> {
    let caller = sts_caller(cx);
    check_long_term_caller(LongTermOperation::GetFederationToken, &caller)?;
    let packed = packed_size(
        input.policy.as_deref(),
        input.policy_arns.as_ref().map_or(0, Vec::len),
    )?;
    let duration = session_duration(
        DurationOperation::GetFederationToken,
        input.duration_seconds,
        Some(caller.kind),
    )?;
    let user = federated_user(cx.partition(), &cx.account_id, &input.name);
    let credentials = mint(
        em,
        NewSession {
            account: Emulator::scope(cx)?.account,
            principal_arn: user.arn.clone(),
            duration_secs: duration,
            scoped_policies: 0,
            source_identity: None,
        },
    )
    .await?;
    Ok(GetFederationTokenResponse {
        credentials: Some(credentials),
        federated_user: Some(FederatedUser {
            federated_user_id: user.federated_user_id,
            arn: user.arn,
        }),
        packed_policy_size: packed,
        ..Default::default()
    })
}

/// A session policy's `PackedPolicySize`: the percentage of the packed limit it uses;
/// `MalformedPolicyDocument` for a policy that is not IAM JSON, `PackedPolicyTooLarge` past
/// the limit. `None` without a policy.
pub(crate) fn packed_size(policy: Option<&str>, arns: usize) -> Result<Option<i32>, ServiceError> {
    let Some(text) = policy else {
        return Ok((arns > 0).then_some(0));
    };
    // A session policy names no principal: the SCP grammar is the IAM identity grammar.
    PolicyDocument::parse(text, Grammar::ServiceControl).map_err(|_| {
        ModeledError::MalformedPolicyDocumentException
            .msg("The policy is not in the valid JSON format.")
    })?;
    let chars = text.chars().filter(|c| !c.is_whitespace()).count();
    if chars > PACKED_LIMIT {
        return Err(ModeledError::PackedPolicyTooLargeException.msg(format!(
            "Packed size of consumed session policies exceeds the limit: {}%",
            chars * 100 / PACKED_LIMIT
        )));
    }
    Ok(Some(
        i32::try_from(chars * 100 / PACKED_LIMIT).unwrap_or(100),
    ))
}
