//! Parsing the SigV4 `Authorization` header, in the order AWS (Coral) checks it, with AWS's
//! wording for each failure.
//!
//! Order of checks, as recorded against real services:
//! 1. missing header, or one not starting with `AWS4-` → `MissingAuthenticationToken`;
//! 2. every comma/space separated piece after the algorithm must be `key=value`;
//! 3. `Credential`, `Signature`, `SignedHeaders` and an `X-Amz-Date`/`Date` header must exist
//!    (all missing ones are reported in one message);
//! 4. (in strict verification: date format, clock skew, `host` signed — see `verify`);
//! 5. the algorithm must be `AWS4-HMAC-SHA256`;
//! 6. the credential must have exactly five `/`-separated elements.

use super::error::AuthError;

/// The only algorithm accepted.
pub const ALGORITHM: &str = "AWS4-HMAC-SHA256";

/// The fixed last element of a credential scope.
pub const TERMINATOR: &str = "aws4_request";

/// Parsed `Authorization: AWS4-HMAC-SHA256 Credential=AKID/20261129/us-east-1/servicecatalog/aws4_request, SignedHeaders=a;b, Signature=hex`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authorization {
    /// The access key id (first credential element).
    pub access_key_id: String,
    /// The credential-scope date, `YYYYMMDD` (not validated by parsing).
    pub date: String,
    /// The credential-scope region.
    pub region: String,
    /// The credential-scope service (signing name), e.g. `servicecatalog`.
    pub service: String,
    /// The `SignedHeaders` list, split on `;`, exactly as sent (joining with `;` gives the
    /// original string back).
    pub signed_headers: Vec<String>,
    /// The `Signature` value as sent (normally 64 lowercase hex characters).
    pub signature: String,
}

impl Authorization {
    /// The credential scope `date/region/service/aws4_request` used in the string to sign.
    pub fn scope(&self) -> String {
        format!(
            "{}/{}/{}/{TERMINATOR}",
            self.date, self.region, self.service
        )
    }

    /// The `SignedHeaders` string as sent.
    pub fn signed_headers_string(&self) -> String {
        self.signed_headers.join(";")
    }
}

/// Parse an `Authorization` header value.
///
/// This checks everything that can be checked from the header alone (steps 1–3 and 5–6 in
/// the module docs, assuming a date header exists). Never panics.
pub fn parse_authorization(value: &str) -> Result<Authorization, AuthError> {
    let raw = parse_params(value, true)?;
    Ok(finish(&raw)?.authorization)
}

/// The header after steps 1–3: the required parameters exist, nothing is validated further.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RawAuthorization<'a> {
    pub(crate) algorithm: &'a str,
    pub(crate) credential: &'a str,
    pub(crate) signed_headers: &'a str,
    pub(crate) signature: &'a str,
}

impl RawAuthorization<'_> {
    /// The `SignedHeaders` entries as sent (an empty string gives no entries).
    pub(crate) fn signed_header_names(&self) -> Vec<String> {
        split_signed_headers(self.signed_headers)
    }
}

/// The header after steps 5–6, plus the scope terminator (checked only by strict mode).
#[derive(Debug, Clone)]
pub(crate) struct ParsedAuthorization<'a> {
    pub(crate) authorization: Authorization,
    pub(crate) terminator: &'a str,
}

/// Whether the header value is SigV4 at all (step 1).
pub(crate) fn is_sigv4(value: &str) -> bool {
    value.trim_start().starts_with("AWS4-")
}

/// Steps 1–3. `has_date` says whether the request carries an `X-Amz-Date` or `Date` header;
/// a missing one is reported together with missing parameters, as AWS does.
pub(crate) fn parse_params(value: &str, has_date: bool) -> Result<RawAuthorization<'_>, AuthError> {
    if !is_sigv4(value) {
        return Err(AuthError::MissingAuthenticationToken);
    }
    let mut pieces = pieces(value);
    let algorithm = pieces.next().unwrap_or_default();

    let mut credential = None;
    let mut signed_headers = None;
    let mut signature = None;
    for piece in pieces {
        let Some((key, val)) = split_once_byte(piece, b'=') else {
            return Err(AuthError::IncompleteSignature(format!(
                "'{piece}' not a valid key=value pair (missing equal-sign) in Authorization \
                 header: '{value}'."
            )));
        };
        match key {
            "Credential" => credential = Some(val),
            "SignedHeaders" => signed_headers = Some(val),
            "Signature" => signature = Some(val),
            _ => {}
        }
    }

    // An empty Credential or Signature counts as missing; an empty SignedHeaders does not
    // (it fails later, when `host` is required).
    let credential = credential.filter(|c| !c.is_empty());
    let signature = signature.filter(|s| !s.is_empty());

    let mut message = String::new();
    if credential.is_none() {
        message.push_str("Authorization header requires 'Credential' parameter. ");
    }
    if signature.is_none() {
        message.push_str("Authorization header requires 'Signature' parameter. ");
    }
    if signed_headers.is_none() {
        message.push_str("Authorization header requires 'SignedHeaders' parameter. ");
    }
    if !has_date {
        message.push_str(
            "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' \
             header. ",
        );
    }
    match (credential, signed_headers, signature) {
        (Some(credential), Some(signed_headers), Some(signature)) if message.is_empty() => {
            Ok(RawAuthorization {
                algorithm,
                credential,
                signed_headers,
                signature,
            })
        }
        _ => {
            message.push_str("Authorization=");
            message.push_str(value);
            Err(AuthError::IncompleteSignature(message))
        }
    }
}

/// The access key id of a header that [`parse_authorization`] accepts, without building the
/// rest of it: `Some` exactly when `parse_authorization(value)` is `Ok`, with the same key.
pub fn access_key_id(value: &str) -> Option<&str> {
    let raw = parse_params(value, true).ok()?;
    if raw.algorithm != ALGORITHM {
        return None;
    }
    credential_parts(raw.credential).map(|[akid, ..]| akid)
}

/// The pieces of a header value between commas and ASCII whitespace, empty ones skipped: what
/// `value.split(|c: char| c == ',' || c.is_ascii_whitespace()).filter(|p| !p.is_empty())`
/// gives, found a byte at a time (the separators are ASCII, so no character is ever cut).
fn pieces(value: &str) -> impl Iterator<Item = &str> {
    let is_separator = |b: &u8| *b == b',' || b.is_ascii_whitespace();
    let bytes = value.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        let rest = bytes.get(at..)?;
        let begin = at + rest.iter().position(|b| !is_separator(b))?;
        let rest = bytes.get(begin..)?;
        at = begin + rest.iter().position(is_separator).unwrap_or(rest.len());
        value.get(begin..at)
    })
}

/// `value.split(sep as char)` for an ASCII `sep`, scanning bytes rather than searching for a
/// `char` (cheaper on the short strings of a header).
fn split_byte(value: &str, sep: u8) -> impl Iterator<Item = &str> {
    let mut rest = Some(value);
    std::iter::from_fn(move || {
        let r = rest?;
        let Some(i) = r.bytes().position(|b| b == sep) else {
            rest = None;
            return Some(r);
        };
        rest = r.get(i + 1..);
        r.get(..i)
    })
}

/// `value.split_once(sep as char)` for an ASCII `sep`, scanning bytes.
fn split_once_byte(value: &str, sep: u8) -> Option<(&str, &str)> {
    let i = value.bytes().position(|b| b == sep)?;
    Some((value.get(..i)?, value.get(i + 1..)?))
}

/// The five `/`-separated elements of a credential (trailing slashes are ignored by AWS).
fn credential_parts(credential: &str) -> Option<[&str; 5]> {
    let mut parts = split_byte(credential.trim_end_matches('/'), b'/');
    match (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) {
        (Some(akid), Some(date), Some(region), Some(service), Some(terminator), None) => {
            Some([akid, date, region, service, terminator])
        }
        _ => None,
    }
}

/// Steps 5–6: the algorithm and the shape of the credential.
pub(crate) fn finish<'a>(raw: &RawAuthorization<'a>) -> Result<ParsedAuthorization<'a>, AuthError> {
    if raw.algorithm != ALGORITHM {
        return Err(AuthError::IncompleteSignature(format!(
            "Unsupported AWS 'algorithm': '{}' (only {ALGORITHM} for now). ",
            raw.algorithm
        )));
    }
    let Some([akid, date, region, service, terminator]) = credential_parts(raw.credential) else {
        return Err(AuthError::IncompleteSignature(format!(
            "Credential must have exactly 5 slash-delimited elements, e.g. \
             keyid/date/region/service/term, got '{}'",
            raw.credential
        )));
    };
    Ok(ParsedAuthorization {
        authorization: Authorization {
            access_key_id: akid.to_owned(),
            date: date.to_owned(),
            region: region.to_owned(),
            service: service.to_owned(),
            signed_headers: split_signed_headers(raw.signed_headers),
            signature: raw.signature.to_owned(),
        },
        terminator,
    })
}

fn split_signed_headers(value: &str) -> Vec<String> {
    if value.is_empty() {
        Vec::new()
    } else {
        split_byte(value, b';').map(str::to_owned).collect()
    }
}

#[cfg(test)]
mod tests;
