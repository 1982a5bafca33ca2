//! STS: GetCallerIdentity and AssumeRole here
//! (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html); the other
//! operations of governance.md §9 in `federation` (GetSessionToken, GetFederationToken),
//! `federated_identity` (the unsigned web-identity and SAML flows), `root_session`
//! (AssumeRoot) and `tokens` (the rest).
//!
//! Temporary credentials carry their account inside the access key id, the way AWS's keys do
//! (protocol.md §7), so a key keeps acting as its account even where the session is unknown.

pub mod assume_root;
pub mod caller;
pub mod duration;
mod federated_identity;
mod federation;
pub mod long_term;
mod root_session;
pub mod saml;
mod saml_error;
pub mod saml_rules;
pub mod scoped_credentials;
mod session;
mod tokens;
pub mod web_identity;

use sclocal_api::sts::{
    AssumeRoleRequest, AssumeRoleResponse, AssumedRoleUser, GetCallerIdentityRequest,
    GetCallerIdentityResponse, ModeledError,
};
use sclocal_api::{RequestContext, ServiceError};

use crate::ids::{AccountId, Arn};
use crate::store::SessionRecord;
use crate::Emulator;
use caller::{Caller, CallerKind};
use duration::DurationOperation;
use session::NewSession;

mod generated;

/// The temporary credentials STS issued under `access_key_id`, for the server's signature
/// checks.
pub async fn session_credentials(
    em: &Emulator,
    access_key_id: &str,
) -> Result<Option<SessionRecord>, ServiceError> {
    let key = access_key_id.to_string();
    em.store.read(move |tx| Ok(tx.session(&key)?)).await
}

/// GetCallerIdentity: who the credentials act as.
#[expect(
    clippy::unused_async,
    reason = "every operation has the same async signature for the generated trait impl"
)]
pub(crate) async fn get_caller_identity(
    _em: &Emulator,
    cx: &RequestContext,
    _input: GetCallerIdentityRequest,
) -> Result<GetCallerIdentityResponse, ServiceError> {
    Ok(GetCallerIdentityResponse {
        user_id: Some(user_id(&cx.account_id, &cx.principal_arn)),
        account: Some(cx.account_id.clone()),
        arn: Some(cx.principal_arn.clone()),
    })
}

/// AssumeRole: temporary credentials acting as the role's account and session.
pub(crate) async fn assume_role(
    em: &Emulator,
    cx: &RequestContext,
    input: AssumeRoleRequest,
) -> Result<AssumeRoleResponse, ServiceError> {
    let role = RoleArn::parse(&input.role_arn).ok_or_else(|| {
        ModeledError::ValidationError.msg(format!("{} is invalid", input.role_arn))
    })?;
    let session = input.role_session_name;
    let caller = sts_caller(cx);
    let duration = duration::session_duration(
        DurationOperation::AssumeRole,
        input.duration_seconds,
        Some(caller.kind),
    )?;
    let arn = format!(
        "arn:{}:sts::{}:assumed-role/{}/{session}",
        cx.partition(),
        role.account,
        role.name
    );
    let credentials = session::mint(
        em,
        NewSession {
            account: role.account.clone(),
            principal_arn: arn.clone(),
            duration_secs: duration,
            scoped_policies: 0,
            source_identity: input.source_identity.clone(),
        },
    )
    .await?;
    Ok(AssumeRoleResponse {
        credentials: Some(credentials),
        assumed_role_user: Some(AssumedRoleUser {
            assumed_role_id: format!("{}:{session}", role_id(&role)),
            arn,
        }),
        packed_policy_size: None,
        source_identity: input.source_identity,
        ..Default::default()
    })
}

/// The caller as the STS rules see it: its kind from its ARN, and whether it signed with
/// temporary (`ASIA…`) credentials.
pub(crate) fn sts_caller(cx: &RequestContext) -> Caller {
    Caller {
        kind: CallerKind::of(&cx.principal_arn).unwrap_or(CallerKind::Root),
        temporary: cx
            .access_key_id
            .as_deref()
            .is_some_and(|k| k.starts_with("ASIA")),
    }
}

/// `arn:<partition>:iam::<account>:role/<path/>name`.
pub(crate) struct RoleArn {
    pub(crate) account: AccountId,
    pub(crate) name: String,
}

impl RoleArn {
    pub(crate) fn parse(arn: &str) -> Option<Self> {
        let a = Arn::parse(arn).filter(|a| a.service == "iam")?;
        let path = a.resource.strip_prefix("role/")?;
        let name = path.rsplit('/').next().filter(|n| !n.is_empty())?;
        Some(RoleArn {
            account: AccountId::parse(a.account)?,
            name: name.to_string(),
        })
    }
}

/// A stable 21-character unique id with an IAM prefix (`AROA…`, `AIDA…`), derived from the
/// principal so the same role always reports the same id, as in AWS.
fn unique_id(prefix: &str, seed: &str) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    // FNV-1a, then a multiplicative stream: no cryptographic need, only stability.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in seed.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    let mut out = String::from(prefix);
    for _ in 0..17 {
        h = h
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        out.push(char::from(ALPHABET[usize::try_from(h >> 59).unwrap_or(0)]));
    }
    out
}

pub(crate) fn role_id(role: &RoleArn) -> String {
    unique_id("AROA", &format!("{}:{}", role.account, role.name))
}

/// GetCallerIdentity's `UserId`: the account for a root identity, `AROA…:<session>` for an
/// assumed role, `AIDA…` for an IAM user (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#principaltable).
pub(crate) fn user_id(account: &str, principal_arn: &str) -> String {
    if let Some(rest) = principal_arn.split_once(":assumed-role/").map(|(_, r)| r) {
        if let Some((role, session)) = rest.split_once('/') {
            return format!(
                "{}:{session}",
                unique_id("AROA", &format!("{account}:{role}"))
            );
        }
    }
    if principal_arn.contains(":user/") {
        return unique_id("AIDA", principal_arn);
    }
    account.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_arns_parse() {
        let r = RoleArn::parse("arn:aws:iam::222222222222:role/path/Admin").unwrap();
        assert_eq!(
            (r.account.as_str(), r.name.as_str()),
            ("222222222222", "Admin")
        );
        assert!(RoleArn::parse("arn:aws:iam::2222:role/Admin").is_none());
        assert!(RoleArn::parse("arn:aws:s3:::bucket").is_none());
        assert!(RoleArn::parse("xxxxxxxxxxxxxxxxxxxxxxx").is_none());
    }

    #[test]
    fn user_ids_follow_iam() {
        assert_eq!(
            user_id("111111111111", "arn:aws:iam::111111111111:root"),
            "111111111111"
        );
        let assumed = user_id(
            "222222222222",
            "arn:aws:sts::222222222222:assumed-role/Admin/s1",
        );
        assert!(assumed.starts_with("AROA") && assumed.ends_with(":s1") && assumed.len() == 24);
        let role = RoleArn::parse("arn:aws:iam::222222222222:role/Admin").unwrap();
        assert_eq!(assumed, format!("{}:s1", role_id(&role)));
    }
}
