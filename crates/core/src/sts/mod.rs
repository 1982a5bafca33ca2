//! STS: GetCallerIdentity and AssumeRole
//! (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html).
//!
//! Temporary credentials carry their account inside the access key id, the way AWS's keys do
//! (protocol.md §7), so a key keeps acting as its account even where the session is unknown.

pub mod assume_root;
pub mod caller;
pub mod duration;
pub mod long_term;
pub mod saml;
mod saml_error;
pub mod saml_rules;
pub mod scoped_credentials;
pub mod web_identity;

use base64::Engine as _;
use sclocal_api::access_key::access_key_for_account;
use sclocal_api::primitives::Timestamp;
use sclocal_api::sts::{
    AssumeRoleRequest, AssumeRoleResponse, AssumedRoleUser, Credentials, GetCallerIdentityRequest,
    GetCallerIdentityResponse, ModeledError,
};
use sclocal_api::{RequestContext, ServiceError};

use crate::ids::AccountId;
use crate::store::SessionRecord;
use crate::Emulator;

/// AssumeRole's default session length (DurationSeconds default, 1 hour).
const DEFAULT_DURATION_SECS: i64 = 3600;

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
    let mut entropy = [0u8; 16];
    em.ids.fill(&mut entropy);
    let access_key_id = access_key_for_account("ASIA", role.account.as_str(), &entropy);
    let mut secret = [0u8; 30];
    em.ids.fill(&mut secret);
    let mut token = [0u8; 96];
    em.ids.fill(&mut token);
    let b64 = base64::engine::general_purpose::STANDARD;
    let duration = input
        .duration_seconds
        .map_or(DEFAULT_DURATION_SECS, i64::from);
    let expires_ms = em.now() + duration * 1000;
    let arn = format!(
        "arn:{}:sts::{}:assumed-role/{}/{session}",
        cx.partition(),
        role.account,
        role.name
    );
    let record = SessionRecord {
        access_key_id,
        secret_access_key: b64.encode(secret),
        session_token: b64.encode(token),
        account: role.account.clone(),
        principal_arn: arn.clone(),
        expires_ms,
    };
    let stored = record.clone();
    em.store
        .write(move |tx| Ok(tx.insert_session(&stored)?))
        .await?;
    Ok(AssumeRoleResponse {
        credentials: Some(Credentials {
            access_key_id: record.access_key_id,
            secret_access_key: record.secret_access_key,
            session_token: record.session_token,
            expiration: Timestamp::from_millis(expires_ms),
        }),
        assumed_role_user: Some(AssumedRoleUser {
            assumed_role_id: format!("{}:{session}", role_id(&role)),
            arn,
        }),
        packed_policy_size: None,
        source_identity: input.source_identity,
        ..Default::default()
    })
}

/// `arn:<partition>:iam::<account>:role/<path/>name`.
struct RoleArn {
    account: AccountId,
    name: String,
}

impl RoleArn {
    fn parse(arn: &str) -> Option<Self> {
        let mut parts = arn.splitn(6, ':');
        let (prefix, _partition, service, _region, account, resource) = (
            parts.next()?,
            parts.next()?,
            parts.next()?,
            parts.next()?,
            parts.next()?,
            parts.next()?,
        );
        if prefix != "arn" || service != "iam" {
            return None;
        }
        let path = resource.strip_prefix("role/")?;
        let name = path.rsplit('/').next().filter(|n| !n.is_empty())?;
        Some(RoleArn {
            account: AccountId::parse(account)?,
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

fn role_id(role: &RoleArn) -> String {
    unique_id("AROA", &format!("{}:{}", role.account, role.name))
}

/// GetCallerIdentity's `UserId`: the account for a root identity, `AROA…:<session>` for an
/// assumed role, `AIDA…` for an IAM user (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#principaltable).
fn user_id(account: &str, principal_arn: &str) -> String {
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
