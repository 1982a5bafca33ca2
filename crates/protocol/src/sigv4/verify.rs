//! Verifying a request: the three [`AuthMode`]s, the request-date parsing and clock-skew
//! check, the credential-scope checks, the payload hash and the constant-time signature
//! comparison.
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
use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time};

use super::authorization::{finish, is_sigv4, parse_authorization, parse_params, TERMINATOR};
use super::canonical::{
    canonical_request, sha256_hex, signature, signing_key, string_to_sign, RequestParts,
    UNSIGNED_PAYLOAD,
};
use super::error::AuthError;
use super::identity::{account_from_access_key, CredentialLookup, VerifiedCaller};

/// The clock-skew window of Coral awsJson services (STS and IAM use 15 minutes; see
/// [`verify_with_skew`]).
pub const DEFAULT_SKEW: time::Duration = time::Duration::minutes(5);

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

/// Reject a request time more than `skew` before or after `now`, with AWS's messages.
fn check_skew(request: i64, now: OffsetDateTime, skew: time::Duration) -> Result<(), AuthError> {
    let now = now.unix_timestamp();
    let window = skew.whole_seconds().max(0);
    let minutes = skew.whole_minutes().max(0);
    let earliest = now.saturating_sub(window);
    let latest = now.saturating_add(window);
    if request < earliest {
        return Err(AuthError::SignatureExpired {
            message: format!(
                "Signature expired: {} is now earlier than {} ({} - {minutes} min.)",
                format_unix(request),
                format_unix(earliest),
                format_unix(now)
            ),
        });
    }
    if request > latest {
        return Err(AuthError::SignatureExpired {
            message: format!(
                "Signature not yet current: {} is still later than {} ({} + {minutes} min.)",
                format_unix(request),
                format_unix(latest),
                format_unix(now)
            ),
        });
    }
    Ok(())
}

/// Parse `YYYYMMDDTHHMMSSZ` (ISO 8601 basic format, UTC) into a Unix timestamp.
fn parse_basic(value: &str) -> Option<i64> {
    let b = value.as_bytes();
    if b.len() != 16 || b.get(8) != Some(&b'T') || b.get(15) != Some(&b'Z') {
        return None;
    }
    let num = |range: std::ops::Range<usize>| -> Option<u32> {
        let digits = b.get(range)?;
        digits.iter().try_fold(0u32, |acc, &d| {
            d.is_ascii_digit().then(|| acc * 10 + u32::from(d - b'0'))
        })
    };
    let year = i32::try_from(num(0..4)?).ok()?;
    let month = Month::try_from(u8::try_from(num(4..6)?).ok()?).ok()?;
    let day = u8::try_from(num(6..8)?).ok()?;
    let hour = u8::try_from(num(9..11)?).ok()?;
    let minute = u8::try_from(num(11..13)?).ok()?;
    let second = u8::try_from(num(13..15)?).ok()?;
    let date = Date::from_calendar_date(year, month, day).ok()?;
    let time = Time::from_hms(hour, minute, second).ok()?;
    Some(
        PrimitiveDateTime::new(date, time)
            .assume_utc()
            .unix_timestamp(),
    )
}

/// Parse an `X-Amz-Date` value (`YYYYMMDDTHHMMSSZ`).
pub fn parse_amz_date(value: &str) -> Option<OffsetDateTime> {
    parse_basic(value.trim()).and_then(|t| OffsetDateTime::from_unix_timestamp(t).ok())
}

/// Format a time as an `X-Amz-Date` value (`YYYYMMDDTHHMMSSZ`, UTC, whole seconds).
pub fn format_amz_date(time: OffsetDateTime) -> String {
    format_unix(time.unix_timestamp())
}

fn format_unix(timestamp: i64) -> String {
    match OffsetDateTime::from_unix_timestamp(timestamp) {
        Ok(t) => format!(
            "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
            t.year(),
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute(),
            t.second()
        ),
        // Outside the representable range (only for absurd `now` values).
        Err(_) => timestamp.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sigv4::{Credential, Secret};
    use http::HeaderValue;
    use std::collections::HashMap;
    use time::macros::datetime;

    const AMZ_DATE: &str = "20261129T053905Z";
    const NOW: OffsetDateTime = datetime!(2026-11-29 05:39:05 UTC);
    const BODY: &[u8] = b"{}";
    const SIG: &str = "75ce6073631af9cd2b9a2a091379577f5d26de282621be96ddc4a01c59972d50";

    fn auth_header(akid: &str, date: &str, sig: &str) -> String {
        format!(
            "AWS4-HMAC-SHA256 Credential={akid}/{date}/us-east-1/servicecatalog/aws4_request, \
             SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature={sig}"
        )
    }

    /// The CLI v1 ListPortfolios capture.
    fn headers_with(authorization: Option<&str>) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert("host", HeaderValue::from_static("127.0.0.1:4566"));
        h.insert(
            "content-type",
            HeaderValue::from_static("application/x-amz-json-1.1"),
        );
        h.insert("x-amz-date", HeaderValue::from_static(AMZ_DATE));
        h.insert(
            "x-amz-target",
            HeaderValue::from_static("AWS242ServiceCatalogService.ListPortfolios"),
        );
        if let Some(a) = authorization {
            h.insert("authorization", HeaderValue::from_str(a).unwrap());
        }
        h
    }

    fn lookup() -> HashMap<String, Credential> {
        let mut m = HashMap::new();
        m.insert(
            "111111111111".to_owned(),
            Credential {
                secret_access_key: Secret::new("secret"),
                account_id: "111111111111".to_owned(),
                principal_arn: None,
            },
        );
        m.insert(
            "AKIDNAMED".to_owned(),
            Credential {
                secret_access_key: Secret::new("other"),
                account_id: "333333333333".to_owned(),
                principal_arn: Some("arn:aws:iam::333333333333:user/bob".to_owned()),
            },
        );
        m
    }

    fn run(
        h: &HeaderMap,
        mode: AuthMode,
        now: OffsetDateTime,
    ) -> Result<Option<VerifiedCaller>, AuthError> {
        let parts = RequestParts {
            method: "POST",
            raw_path: "/",
            raw_query: None,
            headers: h,
        };
        verify(&parts, BODY, mode, &lookup(), "000000000000", now)
    }

    fn good() -> HeaderMap {
        headers_with(Some(&auth_header("111111111111", "20261129", SIG)))
    }

    #[test]
    fn strict_accepts_the_capture() {
        let caller = run(&good(), AuthMode::Strict, NOW).unwrap().unwrap();
        assert_eq!(
            caller,
            VerifiedCaller {
                access_key_id: "111111111111".into(),
                account_id: "111111111111".into(),
                principal_arn: None,
                region: "us-east-1".into(),
                service: "servicecatalog".into(),
                session_token: None,
            }
        );
    }

    #[test]
    fn strict_accepts_uppercase_signature_and_edges_of_window() {
        let h = headers_with(Some(&auth_header(
            "111111111111",
            "20261129",
            &SIG.to_ascii_uppercase(),
        )));
        assert!(run(&h, AuthMode::Strict, NOW).is_ok());
        let five = time::Duration::minutes(5);
        assert!(run(&good(), AuthMode::Strict, NOW + five).is_ok());
        assert!(run(&good(), AuthMode::Strict, NOW - five).is_ok());
    }

    #[test]
    fn strict_rejects_wrong_signature_and_body() {
        let h = headers_with(Some(&auth_header(
            "111111111111",
            "20261129",
            &"0".repeat(64),
        )));
        assert_eq!(
            run(&h, AuthMode::Strict, NOW),
            Err(AuthError::InvalidSignature)
        );
        let h = headers_with(Some(&auth_header("111111111111", "20261129", "abc")));
        assert_eq!(
            run(&h, AuthMode::Strict, NOW),
            Err(AuthError::InvalidSignature)
        );
        let parts_headers = good();
        let parts = RequestParts {
            method: "POST",
            raw_path: "/",
            raw_query: None,
            headers: &parts_headers,
        };
        assert_eq!(
            verify(&parts, b"{ }", AuthMode::Strict, &lookup(), "0", NOW),
            Err(AuthError::InvalidSignature)
        );
        let parts = RequestParts {
            raw_path: "/x",
            ..parts
        };
        assert_eq!(
            verify(&parts, BODY, AuthMode::Strict, &lookup(), "0", NOW),
            Err(AuthError::InvalidSignature)
        );
    }

    #[test]
    fn strict_rejects_wrong_secret_and_unknown_key() {
        let h = headers_with(Some(&auth_header("AKIDNAMED", "20261129", SIG)));
        assert_eq!(
            run(&h, AuthMode::Strict, NOW),
            Err(AuthError::InvalidSignature)
        );
        let h = headers_with(Some(&auth_header("222222222222", "20261129", SIG)));
        assert_eq!(
            run(&h, AuthMode::Strict, NOW),
            Err(AuthError::UnrecognizedClient)
        );
    }

    #[test]
    fn strict_checks_content_sha256() {
        let mut h = good();
        h.insert("x-amz-content-sha256", HeaderValue::from_static("00"));
        assert_eq!(
            run(&h, AuthMode::Strict, NOW),
            Err(AuthError::InvalidSignature)
        );
        // A correct but unsigned header is used as the payload hash: still verifies.
        let mut h = good();
        h.insert(
            "x-amz-content-sha256",
            HeaderValue::from_str(&sha256_hex(BODY)).unwrap(),
        );
        assert!(run(&h, AuthMode::Strict, NOW).is_ok());
        // UNSIGNED-PAYLOAD changes the canonical request, so this signature no longer fits.
        let mut h = good();
        h.insert(
            "x-amz-content-sha256",
            HeaderValue::from_static(UNSIGNED_PAYLOAD),
        );
        assert_eq!(
            run(&h, AuthMode::Strict, NOW),
            Err(AuthError::InvalidSignature)
        );
    }

    #[test]
    fn strict_expiry_messages() {
        let later = datetime!(2026-11-29 05:45:06 UTC);
        assert_eq!(
            run(&good(), AuthMode::Strict, later),
            Err(AuthError::SignatureExpired {
                message: "Signature expired: 20261129T053905Z is now earlier than \
                          20261129T054006Z (20261129T054506Z - 5 min.)"
                    .into()
            })
        );
        let earlier = datetime!(2026-11-29 05:34:04 UTC);
        assert_eq!(
            run(&good(), AuthMode::Strict, earlier),
            Err(AuthError::SignatureExpired {
                message: "Signature not yet current: 20261129T053905Z is still later than \
                          20261129T053904Z (20261129T053404Z + 5 min.)"
                    .into()
            })
        );
    }

    #[test]
    fn aws_documented_expiry_format() {
        let now = datetime!(2019-04-30 10:59:09 UTC);
        let request = parse_basic("20190430T075732Z").unwrap();
        assert_eq!(
            check_skew(request, now, DEFAULT_SKEW),
            Err(AuthError::SignatureExpired {
                message: "Signature expired: 20190430T075732Z is now earlier than \
                          20190430T105409Z (20190430T105909Z - 5 min.)"
                    .into()
            })
        );
        let err = check_skew(request, now, time::Duration::minutes(15)).unwrap_err();
        assert!(
            err.to_string().ends_with("(20190430T105909Z - 15 min.)"),
            "{err}"
        );
    }

    #[test]
    fn strict_scope_date_must_match() {
        let h = headers_with(Some(&auth_header("111111111111", "20261128", SIG)));
        assert_eq!(
            run(&h, AuthMode::Strict, NOW),
            Err(AuthError::SignatureRejected {
                message: "Date in Credential scope does not match YYYYMMDD from ISO-8601 \
                          version of date from HTTP: '20261128' != '20261129', from \
                          '20261129T053905Z'."
                    .into()
            })
        );
    }

    #[test]
    fn strict_scope_terminator_and_region() {
        let v = "AWS4-HMAC-SHA256 Credential=111111111111/20261129//servicecatalog/aws5_request, \
                 SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=00";
        let h = headers_with(Some(v));
        assert_eq!(
            run(&h, AuthMode::Strict, NOW),
            Err(AuthError::SignatureRejected {
                message: "Credential should be scoped to a valid region, not ''. Credential \
                          should be scoped with a valid terminator: 'aws4_request', not \
                          'aws5_request'."
                    .into()
            })
        );
    }

    #[test]
    fn strict_requires_host_and_date_signed() {
        let v = "AWS4-HMAC-SHA256 Credential=111111111111/20261129/us-east-1/servicecatalog/aws4_request, \
                 SignedHeaders=content-type;x-amz-date, Signature=00";
        let h = headers_with(Some(v));
        assert_eq!(
            run(&h, AuthMode::Strict, NOW),
            Err(AuthError::SignatureRejected {
                message: "'Host' or ':authority' must be a 'SignedHeader' in the AWS \
                          Authorization."
                    .into()
            })
        );
        let v = "AWS4-HMAC-SHA256 Credential=111111111111/20261129/us-east-1/servicecatalog/aws4_request, \
                 SignedHeaders=Host, Signature=00";
        let h = headers_with(Some(v));
        assert_eq!(
            run(&h, AuthMode::Strict, NOW),
            Err(AuthError::SignatureRejected {
                message: "'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization.".into()
            })
        );
    }

    #[test]
    fn strict_missing_and_malformed_dates() {
        let mut h = good();
        h.remove("x-amz-date");
        let header = auth_header("111111111111", "20261129", SIG);
        assert_eq!(
            run(&h, AuthMode::Strict, NOW),
            Err(AuthError::IncompleteSignature(format!(
                "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' \
                 header. Authorization={header}"
            )))
        );
        // Lenient mode needs the date header too.
        assert!(matches!(
            run(&h, AuthMode::Lenient, NOW),
            Err(AuthError::IncompleteSignature(_))
        ));
        let mut h = good();
        h.insert(
            "x-amz-date",
            HeaderValue::from_static("2026-11-29T05:39:05Z"),
        );
        assert_eq!(
            run(&h, AuthMode::Strict, NOW),
            Err(AuthError::IncompleteSignature(
                "Date must be in ISO-8601 'basic format'. Got '2026-11-29T05:39:05Z'. See \
                 http://en.wikipedia.org/wiki/ISO_8601"
                    .into()
            ))
        );
    }

    #[test]
    fn date_header_is_accepted_in_place_of_x_amz_date() {
        // Sign a request that uses `Date`, the way a client would.
        let mut h = HeaderMap::new();
        h.insert("host", HeaderValue::from_static("localhost:4566"));
        h.insert(
            "date",
            HeaderValue::from_static("Sun, 29 Nov 2026 05:39:05 GMT"),
        );
        let signed = vec!["date".to_owned(), "host".to_owned()];
        let parts = RequestParts {
            method: "GET",
            raw_path: "/",
            raw_query: Some("Action=GetCallerIdentity&Version=2011-06-15"),
            headers: &h,
        };
        let creq = canonical_request(&parts, &signed, &sha256_hex(b""));
        let scope = "20261129/us-east-1/sts/aws4_request";
        let sts = string_to_sign(AMZ_DATE, scope, &creq);
        let sig = signature(&signing_key("secret", "20261129", "us-east-1", "sts"), &sts);
        let value = format!(
            "AWS4-HMAC-SHA256 Credential=111111111111/{scope}, SignedHeaders=date;host, \
             Signature={sig}"
        );
        h.insert("authorization", HeaderValue::from_str(&value).unwrap());
        let parts = RequestParts {
            method: "GET",
            raw_path: "/",
            raw_query: Some("Action=GetCallerIdentity&Version=2011-06-15"),
            headers: &h,
        };
        let caller = verify(&parts, b"", AuthMode::Strict, &lookup(), "0", NOW)
            .unwrap()
            .unwrap();
        assert_eq!(caller.service, "sts");
    }

    #[test]
    fn missing_header() {
        let h = headers_with(None);
        assert_eq!(run(&h, AuthMode::Off, NOW), Ok(None));
        assert_eq!(
            run(&h, AuthMode::Lenient, NOW),
            Err(AuthError::MissingAuthenticationToken)
        );
        assert_eq!(
            run(&h, AuthMode::Strict, NOW),
            Err(AuthError::MissingAuthenticationToken)
        );
        let h = headers_with(Some("Bearer abc"));
        assert_eq!(run(&h, AuthMode::Off, NOW), Ok(None));
        assert_eq!(
            run(&h, AuthMode::Lenient, NOW),
            Err(AuthError::MissingAuthenticationToken)
        );
        assert_eq!(
            run(&h, AuthMode::Strict, NOW),
            Err(AuthError::MissingAuthenticationToken)
        );
    }

    #[test]
    fn lenient_ignores_secret_and_clock() {
        let far = datetime!(2030-01-01 00:00 UTC);
        let h = headers_with(Some(&auth_header("111111111111", "20200101", "00")));
        let caller = run(&h, AuthMode::Lenient, far).unwrap().unwrap();
        assert_eq!(caller.account_id, "111111111111");
        assert_eq!(caller.region, "us-east-1");
    }

    #[test]
    fn lenient_account_resolution() {
        let account = |akid: &str| {
            let h = headers_with(Some(&auth_header(akid, "20261129", "00")));
            let c = run(&h, AuthMode::Lenient, NOW).unwrap().unwrap();
            (c.account_id, c.principal_arn)
        };
        assert_eq!(
            account("AKIDNAMED"),
            (
                "333333333333".to_owned(),
                Some("arn:aws:iam::333333333333:user/bob".to_owned())
            )
        );
        assert_eq!(account("444444444444"), ("444444444444".to_owned(), None));
        assert_eq!(
            account("LSIAQAAAAAAVNCBMPNSG"),
            ("000000000042".to_owned(), None)
        );
        assert_eq!(account("test"), ("000000000000".to_owned(), None));
    }

    #[test]
    fn lenient_reports_parse_errors() {
        let h = headers_with(Some("AWS4-HMAC-SHA256 Credential=a/b/c/d/aws4_request"));
        assert!(matches!(
            run(&h, AuthMode::Lenient, NOW),
            Err(AuthError::IncompleteSignature(m)) if m.starts_with("Authorization header requires 'Signature' parameter.")
        ));
        assert_eq!(run(&h, AuthMode::Off, NOW), Ok(None));
    }

    #[test]
    fn off_with_a_good_header_names_the_caller() {
        let caller = run(&good(), AuthMode::Off, NOW).unwrap().unwrap();
        assert_eq!(caller.account_id, "111111111111");
    }

    #[test]
    fn session_token_is_passed_through() {
        let mut h = headers_with(Some(&auth_header("LSIAQAAAAAAVNCBMPNSG", "20261129", "00")));
        h.insert("x-amz-security-token", HeaderValue::from_static(" tok "));
        let caller = run(&h, AuthMode::Lenient, NOW).unwrap().unwrap();
        assert_eq!(caller.session_token.as_deref(), Some("tok"));
    }

    #[test]
    fn amz_date_helpers() {
        assert_eq!(parse_amz_date(AMZ_DATE), Some(NOW));
        assert_eq!(format_amz_date(NOW), AMZ_DATE);
        for bad in [
            "",
            "20261129",
            "20261129T053905",
            "20261129T053905z",
            "20261329T053905Z",
            "20260230T000000Z",
            "20261129T246000Z",
            "2026112aT053905Z",
            "+0261129T053905Z",
            "２0261129T05390Z",
        ] {
            assert_eq!(parse_amz_date(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn absurd_now_does_not_panic() {
        for now in [
            OffsetDateTime::UNIX_EPOCH,
            datetime!(-9999-01-01 0:00 UTC),
            datetime!(9999-12-31 23:59:59 UTC),
        ] {
            assert!(matches!(
                run(&good(), AuthMode::Strict, now),
                Err(AuthError::SignatureExpired { .. })
            ));
        }
    }

    #[test]
    fn auth_mode_from_str() {
        assert_eq!("Strict".parse::<AuthMode>(), Ok(AuthMode::Strict));
        assert_eq!(" off ".parse::<AuthMode>(), Ok(AuthMode::Off));
        assert_eq!("lenient".parse::<AuthMode>(), Ok(AuthMode::Lenient));
        assert!("nope".parse::<AuthMode>().is_err());
        assert_eq!(AuthMode::default(), AuthMode::Lenient);
    }
}
