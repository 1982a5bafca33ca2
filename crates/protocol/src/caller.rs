//! Who is calling: the request's signature is checked against the configured [`AuthMode`] and
//! the credential the [`Identities`] source knows for its access key, and the result becomes
//! the [`RequestContext`] every operation receives.

use async_trait::async_trait;
use sclocal_api::RequestContext;

use crate::rejection::Rejection;
use crate::sigv4::{self, AuthMode, Credential, RequestParts};

/// Where credentials come from (a credentials file, sessions issued by STS).
#[async_trait]
pub trait Identities: Send + Sync {
    /// The credential for an access key id, if one is known.
    async fn credential(&self, access_key_id: &str) -> Option<Credential>;
}

/// Authentication settings.
#[derive(Debug, Clone)]
pub struct AuthSettings {
    /// How strictly to check signatures.
    pub mode: AuthMode,
    /// The account of keys that name none.
    pub default_account: String,
}

/// Verifies the request's signature and builds its context. `now` is the current time (for
/// signature skew).
///
/// # Errors
/// The authentication failure, with AWS's code and wording.
pub async fn authenticate(
    auth: &AuthSettings,
    identities: &dyn Identities,
    parts: &RequestParts<'_>,
    body: &[u8],
    now: time::OffsetDateTime,
    request_id: &str,
) -> Result<RequestContext, Rejection> {
    let akid = parts
        .headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(sigv4::access_key_id);
    let credential = match akid {
        Some(k) => identities.credential(k).await,
        None => None,
    };
    let lookup = move |key: &str| credential.clone().filter(|_| akid == Some(key));
    let caller = sigv4::verify(parts, body, auth.mode, &lookup, &auth.default_account, now)?;
    let (account, principal, access_key, region) = match caller {
        Some(c) => (
            c.account_id,
            c.principal_arn,
            Some(c.access_key_id),
            c.region,
        ),
        None => (
            auth.default_account.clone(),
            None,
            None,
            "us-east-1".to_string(),
        ),
    };
    let mut cx = RequestContext {
        principal_arn: String::new(),
        account_id: account,
        access_key_id: access_key,
        region,
        request_id: request_id.to_string(),
    };
    cx.principal_arn = principal
        .unwrap_or_else(|| ["arn:", cx.partition(), ":iam::", &cx.account_id, ":root"].concat());
    Ok(cx)
}
