//! AssumeRoleWithWebIdentity and AssumeRoleWithSAML (governance.md §9): unsigned calls whose
//! token or assertion names the identity; the credentials act as the role's account and the
//! session `arn:…:sts::<role account>:assumed-role/<role>/<session>`. Signatures, providers
//! and trust policies cannot be checked locally (DEVIATION(aws), see `web_identity` and
//! `saml`).

use sclocal_api::sts::{
    AssumeRoleWithSAMLRequest, AssumeRoleWithSAMLResponse, AssumeRoleWithWebIdentityRequest,
    AssumeRoleWithWebIdentityResponse, AssumedRoleUser, Credentials, ModeledError,
};
use sclocal_api::{RequestContext, ServiceError};

use super::duration::{session_duration, DurationOperation};
use super::federation::packed_size;
use super::saml::parse_saml_response;
use super::saml_rules::saml_session;
use super::session::{mint, NewSession};
use super::web_identity::{parse_web_identity_token, provider};
use super::{role_id, RoleArn};
use crate::Emulator;

/// The role's session: its credentials and `AssumedRoleUser`.
async fn role_session(
    em: &Emulator,
    cx: &RequestContext,
    role_arn: &str,
    session: &str,
    duration_secs: i64,
    source_identity: Option<String>,
) -> Result<(RoleArn, Credentials, AssumedRoleUser), ServiceError> {
    let role = RoleArn::parse(role_arn)
        .ok_or_else(|| ModeledError::ValidationError.msg(format!("{role_arn} is invalid")))?;
    let arn = format!(
        "arn:{}:sts::{}:assumed-role/{}/{session}",
        cx.partition(),
        role.account,
        role.name
    );
    let credentials = mint(
        em,
        NewSession {
            account: role.account.clone(),
            principal_arn: arn.clone(),
            duration_secs,
            scoped_policies: 0,
            source_identity,
        },
    )
    .await?;
    let user = AssumedRoleUser {
        assumed_role_id: format!("{}:{session}", role_id(&role)),
        arn,
    };
    Ok((role, credentials, user))
}

/// AssumeRoleWithWebIdentity: any JWT-shaped, unexpired token.
pub(crate) async fn assume_role_with_web_identity(
    em: &Emulator,
    cx: &RequestContext,
    input: AssumeRoleWithWebIdentityRequest,
) -> Result<AssumeRoleWithWebIdentityResponse, ServiceError> {
    let claims = parse_web_identity_token(&input.web_identity_token, em.now())
        .map_err(|e| e.to_service_error())?;
    let packed = packed_size(
        input.policy.as_deref(),
        input.policy_arns.as_ref().map_or(0, Vec::len),
    )?;
    let duration = session_duration(
        DurationOperation::AssumeRoleWithWebIdentity,
        input.duration_seconds,
        None,
    )?;
    let role_account = RoleArn::parse(&input.role_arn).map(|r| r.account.to_string());
    let provider = provider(
        &claims,
        input.provider_id.as_deref(),
        cx.partition(),
        role_account.as_deref().unwrap_or_default(),
    )
    .map_err(|e| e.to_service_error())?;
    let (_, credentials, user) = role_session(
        em,
        cx,
        &input.role_arn,
        &input.role_session_name,
        duration,
        claims.source_identity.clone(),
    )
    .await?;
    Ok(AssumeRoleWithWebIdentityResponse {
        credentials: Some(credentials),
        subject_from_web_identity_token: Some(claims.subject),
        assumed_role_user: Some(user),
        packed_policy_size: packed,
        provider: Some(provider),
        audience: claims.audience,
        source_identity: claims.source_identity,
        ..Default::default()
    })
}

/// AssumeRoleWithSAML: any well-formed SAML 2.0 response naming the role and provider (when it
/// has a `Role` attribute) and not past `NotOnOrAfter`.
pub(crate) async fn assume_role_with_saml(
    em: &Emulator,
    cx: &RequestContext,
    input: AssumeRoleWithSAMLRequest,
) -> Result<AssumeRoleWithSAMLResponse, ServiceError> {
    let assertion = parse_saml_response(&input.saml_assertion).map_err(|e| e.to_service_error())?;
    let saml = saml_session(&assertion, &input.role_arn, &input.principal_arn, em.now())
        .map_err(|e| e.to_service_error())?;
    let packed = packed_size(
        input.policy.as_deref(),
        input.policy_arns.as_ref().map_or(0, Vec::len),
    )?;
    // The assertion's SessionDuration applies when the request names none.
    let requested = input
        .duration_seconds
        .or_else(|| saml.session_duration.and_then(|d| i32::try_from(d).ok()));
    let duration = session_duration(DurationOperation::AssumeRoleWithSaml, requested, None)?;
    let (_, credentials, user) = role_session(
        em,
        cx,
        &input.role_arn,
        &saml.role_session_name,
        duration,
        saml.source_identity.clone(),
    )
    .await?;
    Ok(AssumeRoleWithSAMLResponse {
        credentials: Some(credentials),
        assumed_role_user: Some(user),
        packed_policy_size: packed,
        subject: Some(saml.subject),
        subject_type: saml.subject_type,
        issuer: Some(saml.issuer),
        audience: saml.audience,
        name_qualifier: Some(saml.name_qualifier),
        source_identity: saml.source_identity,
        ..Default::default()
    })
}
