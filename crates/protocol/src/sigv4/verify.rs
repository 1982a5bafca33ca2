//! Verifying a request: the three [`AuthMode`]s, the request's date header, the credential-scope
//! checks, the payload hash and the constant-time signature comparison. The time formats and
//! the clock-skew check are in `date.rs`.
//!
//! Strict mode checks in AWS's order: header present and SigV4 → parameters and date header
//! present → date format → clock skew → `host` (and the date header) signed → algorithm →
//! credential shape → credential scope (region, terminator, date) → access key known →
//! payload hash → signature.

use std::borrow::Cow;
use std::str::FromStr;

use http::HeaderMap;
use subtle::ConstantTimeEq;
use time::format_description::well_known::Rfc2822;
use time::OffsetDateTime;

use super::authorization::{finish, is_sigv4, parse_authorization, parse_params, TERMINATOR};
use super::canonical::{
    canonical_request, sha256_hex, signature, signing_key, string_to_sign, RequestParts,
    UNSIGNED_PAYLOAD,
};
use super::date::{check_skew, format_unix, parse_basic, DEFAULT_SKEW};
use super::error::AuthError;
use super::identity::{account_from_access_key, CredentialLookup, VerifiedCaller};

/// How much authentication to require.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AuthMode {
    /// No header needed; a parsable header still names the caller.
    Off,
    /// A parsable SigV4 header is required; the secret and the clock are not checked.
    #[default]
    Lenient,
    /// Full verification against the credential lookup, with the skew window.
    Strict,
}

impl FromStr for AuthMode {
    type Err = String;

    /// `off`, `lenient` or `strict` (any case).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "off" => Ok(Self::Off),
            "lenient" => Ok(Self::Lenient),
            "strict" => Ok(Self::Strict),
            other => Err(format!(
                "unknown auth mode '{other}' (expected off, lenient or strict)"
            )),
        }
    }
}

/// Verify (strict) or just parse (lenient). `now` is injected (no ambient clock reads).
/// `default_account` is used when the key does not name an account.
///
/// - `Off`: no `Authorization` header → `Ok(None)`; a header that parses →
///   `Ok(Some(caller))` as in lenient mode; one that does not → `Ok(None)`.
/// - `Lenient`: the header must parse and a date header must exist; the secret and the
///   clock are not checked. The account is the lookup's, else
///   [`account_from_access_key`], else `default_account`.
/// - `Strict`: full SigV4 verification with a 5-minute skew window ([`DEFAULT_SKEW`]).
pub fn verify(
    parts: &RequestParts,
    body: &[u8],
    mode: AuthMode,
    lookup: &dyn CredentialLookup,
    default_account: &str,
    now: OffsetDateTime,
) -> Result<Option<VerifiedCaller>, AuthError> {
    verify_with_skew(
        parts,
        body,
        mode,
        lookup,
        default_account,
        now,
        DEFAULT_SKEW,
    )
}

/// [`verify`] with an explicit skew window (AWS uses 15 minutes for STS and IAM).
pub fn verify_with_skew(
    parts: &RequestParts,
    body: &[u8],
    mode: AuthMode,
    lookup: &dyn CredentialLookup,
    default_account: &str,
    now: OffsetDateTime,
    skew: time::Duration,
) -> Result<Option<VerifiedCaller>, AuthError> {
    let header = parts
        .headers
        .get(http::header::AUTHORIZATION)
        .map(|v| lossy(v.as_bytes()));
    match mode {
        AuthMode::Off => Ok(header
            .and_then(|h| parse_authorization(&h).ok())
            .map(|auth| lenient_caller(auth, parts.headers, lookup, default_account))),
        AuthMode::Lenient => {
            let header = header.ok_or(AuthError::MissingAuthenticationToken)?;
            let has_date = request_date(parts.headers).is_some();
            let raw = parse_params(&header, has_date)?;
            let auth = finish(&raw)?.authorization;
            Ok(Some(lenient_caller(
                auth,
                parts.headers,
                lookup,
                default_account,
            )))
        }
        AuthMode::Strict => {
            let header = header.ok_or(AuthError::MissingAuthenticationToken)?;
            verify_strict(parts, body, &header, lookup, now, skew).map(Some)
        }
    }
}

fn lenient_caller(
    auth: super::authorization::Authorization,
    headers: &HeaderMap,
    lookup: &dyn CredentialLookup,
    default_account: &str,
) -> VerifiedCaller {
    let (account_id, principal_arn) = match lookup.lookup(&auth.access_key_id) {
        Some(credential) => (credential.account_id, credential.principal_arn),
        None => (
            account_from_access_key(&auth.access_key_id)
                .unwrap_or_else(|| default_account.to_owned()),
            None,
        ),
    };
    VerifiedCaller {
        access_key_id: auth.access_key_id,
        account_id,
        principal_arn,
        region: auth.region,
        service: auth.service,
        session_token: session_token(headers),
    }
}

#[expect(
    clippy::too_many_lines,
    reason = "AWS's checks in AWS's order, read top to bottom"
)]
fn verify_strict(
    parts: &RequestParts,
    body: &[u8],
    header: &str,
    lookup: &dyn CredentialLookup,
    now: OffsetDateTime,
    skew: time::Duration,
) -> Result<VerifiedCaller, AuthError> {
    if !is_sigv4(header) {
        return Err(AuthError::MissingAuthenticationToken);
    }
    let date_header = request_date(parts.headers);
    let raw = parse_params(header, date_header.is_some())?;
    // `parse_params` already reported a missing date header; this is only the binding.
    let Some(date_header) = date_header else {
        return Err(AuthError::IncompleteSignature(format!(
            "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' \
             header. Authorization={header}"
        )));
    };

    // Date format, then clock skew.
    let request_time = date_header.parse()?;
    let amz_date = format_unix(request_time);
    check_skew(request_time, now, skew)?;

    // `host` and the date header must be signed.
    let signed_names = raw.signed_header_names();
    let is_signed = |name: &str| signed_names.iter().any(|n| n.eq_ignore_ascii_case(name));
    if !is_signed("host") && !is_signed(":authority") {
        return Err(AuthError::SignatureRejected {
            message: "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."
                .to_owned(),
        });
    }
    if !is_signed(date_header.name) {
        return Err(AuthError::SignatureRejected {
            message: format!(
                "'{}' must be a 'SignedHeader' in the AWS Authorization.",
                date_header.display_name
            ),
        });
    }

    // Algorithm and credential shape, then the scope against the request.
    let parsed = finish(&raw)?;
    let auth = parsed.authorization;
    let mut scope_errors = Vec::new();
    if auth.region.is_empty() {
        scope_errors.push(format!(
            "Credential should be scoped to a valid region, not '{}'.",
            auth.region
        ));
    }
    if auth.service.is_empty() {
        scope_errors.push(format!(
            "Credential should be scoped to correct service: '{}'.",
            auth.service
        ));
    }
    if parsed.terminator != TERMINATOR {
        scope_errors.push(format!(
            "Credential should be scoped with a valid terminator: '{TERMINATOR}', not '{}'.",
            parsed.terminator
        ));
    }
    let request_day = amz_date.get(..8).unwrap_or_default();
    if auth.date != request_day {
        scope_errors.push(format!(
            "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date \
             from HTTP: '{}' != '{request_day}', from '{amz_date}'.",
            auth.date
        ));
    }
    if !scope_errors.is_empty() {
        return Err(AuthError::SignatureRejected {
            message: scope_errors.join(" "),
        });
    }

    // The key must be known.
    let credential = lookup
        .lookup(&auth.access_key_id)
        .ok_or(AuthError::UnrecognizedClient)?;

    // Payload hash: the header if sent (checked against the body), else the body's hash.
    let payload_hash = match parts.headers.get("x-amz-content-sha256") {
        Some(value) => {
            let value = value
                .to_str()
                .map_err(|_| AuthError::InvalidSignature)?
                .trim();
            if value != UNSIGNED_PAYLOAD && !value.eq_ignore_ascii_case(&sha256_hex(body)) {
                return Err(AuthError::InvalidSignature);
            }
            value.to_owned()
        }
        None => sha256_hex(body),
    };

    let creq = canonical_request(parts, &auth.signed_headers, &payload_hash);
    let sts = string_to_sign(&amz_date, &auth.scope(), &creq);
    let key = signing_key(
        credential.secret_access_key.expose(),
        &auth.date,
        &auth.region,
        &auth.service,
    );
    let expected = signature(&key, &sts);
    let provided = auth.signature.to_ascii_lowercase();
    if !bool::from(expected.as_bytes().ct_eq(provided.as_bytes())) {
        return Err(AuthError::InvalidSignature);
    }

    Ok(VerifiedCaller {
        account_id: credential.account_id,
        principal_arn: credential.principal_arn,
        session_token: session_token(parts.headers),
        access_key_id: auth.access_key_id,
        region: auth.region,
        service: auth.service,
    })
}

/// The request's date header: `X-Amz-Date` if present and non-empty, else `Date`.
struct DateHeader {
    /// Lowercase header name, as it must appear in `SignedHeaders`.
    name: &'static str,
    /// The name as AWS writes it in messages.
    display_name: &'static str,
    value: String,
}

impl DateHeader {
    /// The request time as a Unix timestamp. `X-Amz-Date` must be ISO 8601 basic format;
    /// `Date` may be an HTTP date (RFC 1123/2822) or basic format.
    fn parse(&self) -> Result<i64, AuthError> {
        let parsed = if self.name == "date" {
            parse_basic(&self.value).or_else(|| {
                OffsetDateTime::parse(&self.value, &Rfc2822)
                    .ok()
                    .map(OffsetDateTime::unix_timestamp)
            })
        } else {
            parse_basic(&self.value)
        };
        parsed.ok_or_else(|| {
            AuthError::IncompleteSignature(format!(
                "Date must be in ISO-8601 'basic format'. Got '{}'. See \
                 http://en.wikipedia.org/wiki/ISO_8601",
                self.value
            ))
        })
    }
}

/// `String::from_utf8_lossy`, borrowing without a copy when the bytes are UTF-8 (checked
/// first with `str::from_utf8`, which is much faster on the ASCII of a header value).
fn lossy(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

fn request_date(headers: &HeaderMap) -> Option<DateHeader> {
    let get = |name: &str| {
        headers
            .get(name)
            .map(|v| lossy(v.as_bytes()).trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    if let Some(value) = get("x-amz-date") {
        return Some(DateHeader {
            name: "x-amz-date",
            display_name: "X-Amz-Date",
            value,
        });
    }
    get("date").map(|value| DateHeader {
        name: "date",
        display_name: "Date",
        value,
    })
}

fn session_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get("x-amz-security-token")
        .map(|v| lossy(v.as_bytes()).trim().to_owned())
        .filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests;
