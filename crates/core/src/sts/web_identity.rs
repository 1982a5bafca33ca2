//! AssumeRoleWithWebIdentity's token (governance.md §9): a JWT of three base64url parts whose
//! header and payload are JSON objects. Signatures, JWKS, OIDC providers and trust policies
//! cannot be checked locally, so any JWT-shaped token is accepted
//! (DEVIATION(aws): AWS verifies the signature against the provider's keys); its claims give the
//! response's `SubjectFromWebIdentityToken`, `Audience`, `Provider` and `SourceIdentity`.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use sclocal_api::sts::ModeledError;
use sclocal_api::ServiceError;
use serde_json::{Map, Value};

/// The claim carrying the source identity (IAM User Guide, id_credentials_temp_control-access_monitor).
pub const SOURCE_IDENTITY_CLAIM: &str = "https://aws.amazon.com/source_identity";
/// The claim carrying session tags (`principal_tags`).
pub const TAGS_CLAIM: &str = "https://aws.amazon.com/tags";

/// What sclocal reads from a web identity token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebIdentityClaims {
    /// `sub`.
    pub subject: String,
    /// `aud`, the first one when it is a list.
    pub audience: Option<String>,
    /// `iss`.
    pub issuer: Option<String>,
    /// `exp`, seconds since the epoch.
    pub expires_at: Option<i64>,
    /// The `https://aws.amazon.com/source_identity` claim.
    pub source_identity: Option<String>,
    /// `principal_tags` of the `https://aws.amazon.com/tags` claim (first value of each).
    pub principal_tags: Vec<(String, String)>,
}

/// Why a token is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WebIdentityError {
    /// Not three base64url parts with a JSON-object header and payload, or no `sub`.
    NotAJwt,
    /// No `iss` claim and no `ProviderId`: the provider cannot be named.
    NoIssuer,
    /// `exp` is not after now.
    Expired {
        /// Now, epoch seconds.
        now: i64,
        /// The token's `exp`.
        expires_at: i64,
    },
}

impl WebIdentityError {
    /// The message AWS gives.
    pub fn message(&self) -> String {
        match self {
            // Inferred: the sentence public transcripts show for tokens that are not JWTs.
            WebIdentityError::NotAJwt => "The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)".to_string(),
            // Inferred wording.
            WebIdentityError::NoIssuer => "No OpenIDConnect provider found in your account for the token's issuer".to_string(),
            // Observed (aws-sdk-java-v2 #5709, 2024): epoch seconds on both sides.
            WebIdentityError::Expired { now, expires_at } => {
                format!("Token expired: current date/time {now} must be before the expiration date/time {expires_at}")
            }
        }
    }

    /// `InvalidIdentityToken` or `ExpiredTokenException` (both HTTP 400).
    pub fn to_service_error(&self) -> ServiceError {
        let code = match self {
            WebIdentityError::Expired { .. } => ModeledError::ExpiredTokenException,
            _ => ModeledError::InvalidIdentityTokenException,
        };
        code.msg(self.message())
    }
}

/// Reads `token` at `now_millis`.
pub fn parse_web_identity_token(
    token: &str,
    now_millis: i64,
) -> Result<WebIdentityClaims, WebIdentityError> {
    let mut parts = token.split('.');
    let (Some(header), Some(payload), Some(signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(WebIdentityError::NotAJwt);
    };
    decode_object(header)?;
    let claims = decode_object(payload)?;
    // The signature is not checked, but it must still be base64url.
    URL_SAFE_NO_PAD
        .decode(signature.trim_end_matches('='))
        .map_err(|_| WebIdentityError::NotAJwt)?;
    let text = |k: &str| claims.get(k).and_then(Value::as_str).map(str::to_string);
    let subject = text("sub").ok_or(WebIdentityError::NotAJwt)?;
    let audience = match claims.get("aud") {
        Some(Value::String(a)) => Some(a.clone()),
        Some(Value::Array(list)) => list.iter().find_map(Value::as_str).map(str::to_string),
        _ => None,
    };
    // NumericDate: integer or fractional seconds.
    #[expect(
        clippy::cast_possible_truncation,
        reason = "NumericDate seconds fit an i64"
    )]
    let expires_at = claims
        .get("exp")
        .and_then(Value::as_f64)
        .map(|e| e.floor() as i64);
    if let Some(exp) = expires_at {
        let now = now_millis.div_euclid(1000);
        if exp <= now {
            return Err(WebIdentityError::Expired {
                now,
                expires_at: exp,
            });
        }
    }
    let principal_tags = claims
        .get(TAGS_CLAIM)
        .and_then(|t| t.get("principal_tags"))
        .and_then(Value::as_object)
        .map(|tags| {
            tags.iter()
                .filter_map(|(k, v)| {
                    let first = v.as_array().and_then(|l| l.first()).unwrap_or(v);
                    first.as_str().map(|s| (k.clone(), s.to_string()))
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(WebIdentityClaims {
        subject,
        audience,
        issuer: text("iss"),
        expires_at,
        source_identity: text(SOURCE_IDENTITY_CLAIM),
        principal_tags,
    })
}

fn decode_object(part: &str) -> Result<Map<String, Value>, WebIdentityError> {
    let bytes = URL_SAFE_NO_PAD
        .decode(part.trim_end_matches('='))
        .map_err(|_| WebIdentityError::NotAJwt)?;
    match serde_json::from_slice(&bytes) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(WebIdentityError::NotAJwt),
    }
}

/// The response's `Provider` (OBS-WEBID): `ProviderId` as given when there is one (OAuth 2.0
/// providers); `accounts.google.com` and `cognito-identity.amazonaws.com` for those issuers;
/// otherwise the IAM OIDC provider ARN `arn:<partition>:iam::<role account>:oidc-provider/<iss
/// without https://>`.
pub fn provider(
    claims: &WebIdentityClaims,
    provider_id: Option<&str>,
    partition: &str,
    role_account: &str,
) -> Result<String, WebIdentityError> {
    if let Some(id) = provider_id {
        return Ok(id.to_string());
    }
    let issuer = claims.issuer.as_deref().ok_or(WebIdentityError::NoIssuer)?;
    let host = issuer.strip_prefix("https://").unwrap_or(issuer);
    Ok(match host {
        "accounts.google.com" | "cognito-identity.amazonaws.com" => host.to_string(),
        _ => format!("arn:{partition}:iam::{role_account}:oidc-provider/{host}"),
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn jwt(payload: &Value) -> String {
        let enc = |v: &Value| URL_SAFE_NO_PAD.encode(v.to_string());
        format!(
            "{}.{}.{}",
            enc(&json!({"alg": "RS256", "kid": "k"})),
            enc(payload),
            URL_SAFE_NO_PAD.encode(b"sig")
        )
    }

    const NOW: i64 = 1_700_000_000_000;

    #[test]
    fn claims_are_read_from_the_payload() {
        let token = jwt(&json!({
            "sub": "system:serviceaccount:default:app",
            "aud": ["sts.amazonaws.com", "other"],
            "iss": "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC",
            "exp": 1_700_000_060.5,
            SOURCE_IDENTITY_CLAIM: "alice",
            TAGS_CLAIM: {"principal_tags": {"team": ["blue"], "env": "dev"}}
        }));
        let c = parse_web_identity_token(&token, NOW).unwrap();
        assert_eq!(c.subject, "system:serviceaccount:default:app");
        assert_eq!(c.audience.as_deref(), Some("sts.amazonaws.com"));
        assert_eq!(c.expires_at, Some(1_700_000_060));
        assert_eq!(c.source_identity.as_deref(), Some("alice"));
        assert_eq!(
            c.principal_tags,
            vec![("team".into(), "blue".into()), ("env".into(), "dev".into())]
        );
        assert_eq!(
            provider(&c, None, "aws", "111111111111").unwrap(),
            "arn:aws:iam::111111111111:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC"
        );
        assert_eq!(
            provider(&c, Some("graph.facebook.com"), "aws", "1").unwrap(),
            "graph.facebook.com"
        );
    }

    #[test]
    fn well_known_issuers_name_themselves() {
        for (iss, expected) in [
            ("https://accounts.google.com", "accounts.google.com"),
            ("accounts.google.com", "accounts.google.com"),
            (
                "https://cognito-identity.amazonaws.com",
                "cognito-identity.amazonaws.com",
            ),
            (
                "https://token.actions.githubusercontent.com",
                "arn:aws:iam::2:oidc-provider/token.actions.githubusercontent.com",
            ),
        ] {
            let c = parse_web_identity_token(
                &jwt(&json!({"sub": "abcdef", "iss": iss, "aud": "x"})),
                NOW,
            )
            .unwrap();
            assert_eq!(provider(&c, None, "aws", "2").unwrap(), expected);
        }
        let no_iss = parse_web_identity_token(&jwt(&json!({"sub": "abcdef"})), NOW).unwrap();
        assert_eq!(no_iss.audience, None);
        assert_eq!(
            provider(&no_iss, None, "aws", "2"),
            Err(WebIdentityError::NoIssuer)
        );
    }

    #[test]
    fn tokens_that_are_not_jwts_are_invalid() {
        let header = URL_SAFE_NO_PAD.encode(r#"{"alg":"none"}"#);
        let body = URL_SAFE_NO_PAD.encode(r#"{"sub":"abcdef"}"#);
        for token in [
            "not-a-jwt".to_string(),
            "a.b".to_string(),
            format!("{header}.{body}.sig.extra"),
            format!("{header}.!!!.sig"),
            format!("{header}.{}.sig", URL_SAFE_NO_PAD.encode("[1]")),
            format!("{}.{body}.sig", URL_SAFE_NO_PAD.encode("not json")),
            format!("{header}.{}.sig", URL_SAFE_NO_PAD.encode(r#"{"aud":"x"}"#)),
            format!("{header}.{body}.s*g"),
        ] {
            assert_eq!(
                parse_web_identity_token(&token, NOW),
                Err(WebIdentityError::NotAJwt),
                "{token}"
            );
        }
        // An empty signature is still JWT-shaped; padding is tolerated.
        assert!(parse_web_identity_token(&format!("{header}.{body}."), NOW).is_ok());
        let e = WebIdentityError::NotAJwt.to_service_error();
        assert_eq!(e.code(), Some("InvalidIdentityTokenException"));
    }

    #[test]
    fn expired_tokens_answer_expired_token_exception() {
        let token = jwt(&json!({"sub": "abcdef", "exp": 1_700_000_000}));
        let err = parse_web_identity_token(&token, NOW).unwrap_err();
        assert_eq!(
            err,
            WebIdentityError::Expired {
                now: 1_700_000_000,
                expires_at: 1_700_000_000
            }
        );
        assert_eq!(
            err.message(),
            "Token expired: current date/time 1700000000 must be before the expiration date/time 1700000000"
        );
        assert_eq!(err.to_service_error().code(), Some("ExpiredTokenException"));
        assert!(parse_web_identity_token(&token, NOW - 1000).is_ok());
    }
}
