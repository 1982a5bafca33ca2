//! What AssumeRoleWithSAML decides from a parsed assertion (governance.md §9): the checks, which
//! refuse with [`SamlError`] (its home is `saml_error.rs`, shared with the parse), and the
//! response's derived members (`SubjectType`, `NameQualifier`).

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use sha1::{Digest, Sha1};

use super::saml::SamlAssertion;
pub use super::saml_error::SamlError;
use crate::ids::{AccountId, Arn};

/// The NameID format prefix AWS strips from `SubjectType`.
const NAMEID_FORMAT_PREFIX: &str = "urn:oasis:names:tc:SAML:2.0:nameid-format:";

/// The response members and session facts of an accepted assertion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SamlSession {
    /// The session name (`assumed-role/<role>/<this>`).
    pub role_session_name: String,
    /// `Subject`: the NameID.
    pub subject: String,
    /// `SubjectType`, when the NameID has a Format.
    pub subject_type: Option<String>,
    /// `Issuer`.
    pub issuer: String,
    /// `Audience`: the Recipient.
    pub audience: Option<String>,
    /// `NameQualifier`.
    pub name_qualifier: String,
    /// `SourceIdentity`.
    pub source_identity: Option<String>,
    /// `SessionDuration` attribute, when given.
    pub session_duration: Option<i64>,
    /// Session tags.
    pub principal_tags: Vec<(String, String)>,
}

/// Checks `assertion` for a request naming `role_arn` and `principal_arn` at `now_millis`, in
/// this order (inferred): the provider ARN, the deadline, the `Role` pair (only when the
/// attribute is present, governance.md §9), the session name.
pub fn saml_session(
    assertion: &SamlAssertion,
    role_arn: &str,
    principal_arn: &str,
    now_millis: i64,
) -> Result<SamlSession, SamlError> {
    let (account, provider_name) =
        saml_provider(principal_arn).ok_or(SamlError::BadPrincipalArn)?;
    if let Some(deadline) = assertion.not_on_or_after_millis {
        if deadline <= now_millis {
            return Err(SamlError::Expired {
                now: now_millis.div_euclid(1000),
                not_on_or_after: deadline.div_euclid(1000),
            });
        }
    }
    if let Some(roles) = &assertion.roles {
        if !roles
            .iter()
            .any(|(r, p)| r == role_arn && p == principal_arn)
        {
            return Err(SamlError::RoleNotInAssertion);
        }
    }
    let session = assertion
        .role_session_name
        .clone()
        .filter(|s| valid_session_name(s))
        .ok_or(SamlError::BadRoleSessionName)?;
    Ok(SamlSession {
        role_session_name: session,
        subject: assertion.name_id.clone(),
        subject_type: assertion.name_id_format.as_deref().map(subject_type),
        issuer: assertion.issuer.clone(),
        audience: assertion.recipient.clone(),
        name_qualifier: name_qualifier(&assertion.issuer, account, provider_name),
        source_identity: assertion.source_identity.clone(),
        session_duration: assertion.session_duration,
        principal_tags: assertion.principal_tags.clone(),
    })
}

/// `(account, provider name)` of `arn:<partition>:iam::<account>:saml-provider/<name>`.
pub fn saml_provider(principal_arn: &str) -> Option<(&str, &str)> {
    let a = Arn::global(principal_arn).filter(|a| a.service == "iam")?;
    let name = a.resource.strip_prefix("saml-provider/")?;
    (AccountId::parse(a.account).is_some() && !name.is_empty()).then_some((a.account, name))
}

/// `SubjectType`: the NameID Format with `urn:oasis:names:tc:SAML:2.0:nameid-format:` removed;
/// any other format is returned unchanged (API_AssumeRoleWithSAML.html).
pub fn subject_type(format: &str) -> String {
    format
        .strip_prefix(NAMEID_FORMAT_PREFIX)
        .unwrap_or(format)
        .to_string()
}

/// `NameQualifier` = `BASE64 ( SHA1 ( issuer + account + "/" + provider name ) )`
/// (AssumeRoleWithSAMLResponse.NameQualifier in the model's documentation).
pub fn name_qualifier(issuer: &str, account: &str, provider_name: &str) -> String {
    let mut hash = Sha1::new();
    hash.update(issuer.as_bytes());
    hash.update(account.as_bytes());
    hash.update(b"/");
    hash.update(provider_name.as_bytes());
    STANDARD.encode(hash.finalize())
}

/// `[\w+=,.@-]{2,64}`, the role session name rule.
pub fn valid_session_name(name: &str) -> bool {
    (2..=64).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_+=,.@-".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROLE: &str = "arn:aws:iam::123456789012:role/Admin";
    const IDP: &str = "arn:aws:iam::123456789012:saml-provider/MySAMLIdP";

    fn assertion() -> SamlAssertion {
        SamlAssertion {
            issuer: "https://example.com/saml".into(),
            name_id: "alice@example.com".into(),
            name_id_format: Some("urn:oasis:names:tc:SAML:2.0:nameid-format:persistent".into()),
            recipient: Some("https://signin.aws.amazon.com/saml".into()),
            not_on_or_after_millis: Some(2_000_000),
            role_session_name: Some("alice@example.com".into()),
            roles: Some(vec![(ROLE.into(), IDP.into())]),
            ..SamlAssertion::default()
        }
    }

    #[test]
    fn name_qualifier_follows_the_documented_pseudocode() {
        // BASE64(SHA1("https://example.com/saml" + "123456789012" + "/MySAMLIdP")).
        let expected = STANDARD.encode(Sha1::digest(
            b"https://example.com/saml123456789012/MySAMLIdP",
        ));
        assert_eq!(
            name_qualifier("https://example.com/saml", "123456789012", "MySAMLIdP"),
            expected
        );
        assert_eq!(expected.len(), 28);
        let s = saml_session(&assertion(), ROLE, IDP, 1_000_000).unwrap();
        assert_eq!(s.name_qualifier, expected);
        assert_eq!(s.subject_type.as_deref(), Some("persistent"));
        assert_eq!(
            s.audience.as_deref(),
            Some("https://signin.aws.amazon.com/saml")
        );
        assert_eq!(s.role_session_name, "alice@example.com");
    }

    #[test]
    fn subject_types() {
        assert_eq!(
            subject_type("urn:oasis:names:tc:SAML:2.0:nameid-format:transient"),
            "transient"
        );
        assert_eq!(
            subject_type("urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"),
            "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"
        );
    }

    #[test]
    fn refusals_and_their_errors() {
        let a = assertion();
        assert_eq!(
            saml_session(&a, ROLE, "arn:aws:iam::123456789012:role/Admin", 0),
            Err(SamlError::BadPrincipalArn)
        );
        assert_eq!(
            saml_session(&a, ROLE, IDP, 2_000_000),
            Err(SamlError::Expired {
                now: 2000,
                not_on_or_after: 2000
            })
        );
        assert_eq!(
            saml_session(&a, "arn:aws:iam::123456789012:role/Other", IDP, 0),
            Err(SamlError::RoleNotInAssertion)
        );
        let no_roles = SamlAssertion {
            roles: None,
            ..assertion()
        };
        assert!(saml_session(&no_roles, "arn:aws:iam::123456789012:role/Other", IDP, 0).is_ok());
        for name in [None, Some("a"), Some("has space"), Some(&*"x".repeat(65))] {
            let bad = SamlAssertion {
                role_session_name: name.map(str::to_string),
                ..assertion()
            };
            assert_eq!(
                saml_session(&bad, ROLE, IDP, 0),
                Err(SamlError::BadRoleSessionName),
                "{name:?}"
            );
        }
        let codes = [
            (SamlError::NotSaml, "InvalidIdentityTokenException"),
            (SamlError::BadPrincipalArn, "ValidationError"),
            (
                SamlError::Expired {
                    now: 1,
                    not_on_or_after: 0,
                },
                "ExpiredTokenException",
            ),
            (SamlError::RoleNotInAssertion, "AccessDenied"),
            (
                SamlError::BadRoleSessionName,
                "InvalidIdentityTokenException",
            ),
        ];
        for (e, code) in codes {
            assert_eq!(e.to_service_error().code(), Some(code), "{e:?}");
        }
    }

    #[test]
    fn provider_arns() {
        assert_eq!(saml_provider(IDP), Some(("123456789012", "MySAMLIdP")));
        assert_eq!(
            saml_provider("arn:aws-cn:iam::123456789012:saml-provider/x"),
            Some(("123456789012", "x"))
        );
        assert_eq!(saml_provider("arn:aws:iam::123:saml-provider/x"), None);
        assert_eq!(
            saml_provider("arn:aws:iam::123456789012:saml-provider/"),
            None
        );
        assert_eq!(
            saml_provider("arn:aws:sts::123456789012:saml-provider/x"),
            None
        );
    }
}
