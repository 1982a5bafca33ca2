//! The STS operations that neither assume a role nor federate (governance.md §9):
//! GetAccessKeyInfo, DecodeAuthorizationMessage, GetWebIdentityToken, GetDelegatedAccessToken
//! and GetScopedCredentials.

use base64::Engine as _;
use sclocal_api::access_key::account_from_access_key;
use sclocal_api::primitives::Timestamp;
use sclocal_api::sts::{
    DecodeAuthorizationMessageRequest, DecodeAuthorizationMessageResponse, GetAccessKeyInfoRequest,
    GetAccessKeyInfoResponse, GetDelegatedAccessTokenRequest, GetDelegatedAccessTokenResponse,
    GetScopedCredentialsRequest, GetScopedCredentialsResponse, GetWebIdentityTokenRequest,
    GetWebIdentityTokenResponse, ModeledError, ScopedSession,
};
use sclocal_api::{RequestContext, ServiceError};
use serde_json::json;

use super::duration::{check_no_escalation, session_duration, DurationOperation};
use super::federation::packed_size;
use super::scoped_credentials::plan_scoped_credentials;
use super::session::{calling_session, mint, NewSession};
use super::sts_caller;
use crate::clock::hex_chars;
use crate::organizations::policy_caller::principal_key;
use crate::Emulator;

/// GetAccessKeyInfo: the account an access key belongs to, decoded from the key as AWS does;
/// the caller's own key answers the caller's account whatever its form. The key's state is
/// never checked (model).
#[expect(
    clippy::unused_async,
    reason = "every operation has the same async signature for the generated trait impl"
)]
pub(crate) async fn get_access_key_info(
    _em: &Emulator,
    cx: &RequestContext,
    input: GetAccessKeyInfoRequest,
) -> Result<GetAccessKeyInfoResponse, ServiceError> {
    let account = account_from_access_key(&input.access_key_id)
        .or_else(|| {
            (cx.access_key_id.as_deref() == Some(&input.access_key_id))
                .then(|| cx.account_id.clone())
        })
        // Inferred message (§9): AWS answers ValidationError for keys it cannot read.
        .ok_or_else(|| {
            ModeledError::ValidationError.msg(format!(
                "The access key ID {} is not a valid AWS access key ID.",
                input.access_key_id
            ))
        })?;
    Ok(GetAccessKeyInfoResponse {
        account: Some(account),
    })
}

/// DecodeAuthorizationMessage: sclocal's services never return encoded messages, so none
/// decodes (inferred, §9).
#[expect(
    clippy::unused_async,
    reason = "every operation has the same async signature for the generated trait impl"
)]
pub(crate) async fn decode_authorization_message(
    _em: &Emulator,
    _cx: &RequestContext,
    _input: DecodeAuthorizationMessageRequest,
) -> Result<DecodeAuthorizationMessageResponse, ServiceError> {
    Err(ModeledError::InvalidAuthorizationMessageException
        .msg("The message is not a valid encoded authorization message."))
}

/// GetDelegatedAccessToken: sclocal issues no trade-in tokens, so every one is refused as
/// expired (inferred, §9).
#[expect(
    clippy::unused_async,
    reason = "every operation has the same async signature for the generated trait impl"
)]
pub(crate) async fn get_delegated_access_token(
    _em: &Emulator,
    _cx: &RequestContext,
    _input: GetDelegatedAccessTokenRequest,
) -> Result<GetDelegatedAccessTokenResponse, ServiceError> {
    Err(ModeledError::ExpiredTradeInTokenException
        .msg("The trade-in token has expired or is not valid."))
}

/// GetWebIdentityToken: a JWT about the caller. DEVIATION(aws): the signature bytes are not
/// an RS256/ES384 signature under a published key (sclocal serves no JWKS to verify one
/// against); header and claims are AWS's.
pub(crate) async fn get_web_identity_token(
    em: &Emulator,
    cx: &RequestContext,
    input: GetWebIdentityTokenRequest,
) -> Result<GetWebIdentityTokenResponse, ServiceError> {
    let (alg, signature_len) = match input.signing_algorithm.as_str() {
        "RS256" => ("RS256", 256),
        "ES384" => ("ES384", 96),
        other => {
            return Err(ModeledError::ValidationError.msg(format!(
                "1 validation error detected: Value '{other}' at 'signingAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [RS256, ES384]"
            )))
        }
    };
    let caller = sts_caller(cx);
    let duration = session_duration(
        DurationOperation::GetWebIdentityToken,
        input.duration_seconds,
        Some(caller.kind),
    )?;
    let now = em.now();
    let session = calling_session(em, cx.access_key_id.as_deref()).await?;
    check_no_escalation(now, duration, session.as_ref().map(|s| s.expires_ms))?;
    let now_secs = now.div_euclid(1000);
    let audience = match input.audience.as_slice() {
        [one] => json!(one),
        many => json!(many),
    };
    let claims = json!({
        // Inferred issuer (§12 Q12).
        "iss": format!("https://sts.{}.amazonaws.com", cx.region),
        "sub": principal_key(&cx.principal_arn),
        "aud": audience,
        "iat": now_secs,
        "nbf": now_secs,
        "exp": now_secs + duration,
        "https://sts.amazonaws.com/": {
            "aws_account": cx.account_id,
            "principal_id": cx.principal_arn,
        },
    });
    let url = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let header = json!({"alg": alg, "typ": "JWT", "kid": hex_chars(em.ids.as_ref(), 32)});
    let mut signature = vec![0u8; signature_len];
    em.ids.fill(&mut signature);
    let token = format!(
        "{}.{}.{}",
        url.encode(header.to_string()),
        url.encode(claims.to_string()),
        url.encode(signature)
    );
    Ok(GetWebIdentityTokenResponse {
        web_identity_token: Some(token),
        expiration: Some(Timestamp::from_millis((now_secs + duration) * 1000)),
    })
}

/// GetScopedCredentials: new credentials of the same identity, scoped further, no longer than
/// the calling session. A temporary key STS did not issue here is taken to have an hour left
/// (inferred).
pub(crate) async fn get_scoped_credentials(
    em: &Emulator,
    cx: &RequestContext,
    input: GetScopedCredentialsRequest,
) -> Result<GetScopedCredentialsResponse, ServiceError> {
    let caller = sts_caller(cx);
    let now = em.now();
    let session = calling_session(em, cx.access_key_id.as_deref()).await?;
    let (expires, so_far, source_identity) =
        session.as_ref().map_or((now + 3_600_000, 0, None), |s| {
            (s.expires_ms, s.scoped_policies, s.source_identity.clone())
        });
    let plan = plan_scoped_credentials(
        &caller,
        input.policy.is_some(),
        input.duration_seconds,
        now,
        expires,
        so_far,
    )?;
    packed_size(input.policy.as_deref(), 0)?;
    let credentials = mint(
        em,
        NewSession {
            account: Emulator::scope(cx)?.account,
            principal_arn: cx.principal_arn.clone(),
            duration_secs: plan.duration_secs,
            scoped_policies: plan.scoped_policies_count,
            source_identity: source_identity.clone(),
        },
    )
    .await?;
    Ok(GetScopedCredentialsResponse {
        credentials: Some(credentials),
        session_info: Some(ScopedSession {
            scoped_session_id: hex_chars(em.ids.as_ref(), 32),
            arn: cx.principal_arn.clone(),
        }),
        scoped_policies_count: Some(i32::try_from(plan.scoped_policies_count).unwrap_or(i32::MAX)),
        source_identity,
        ..Default::default()
    })
}
