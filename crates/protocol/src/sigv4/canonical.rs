//! The SigV4 canonical request, string to sign, signing key and signature, built from the
//! request exactly as it was received (protocol.md §6).
//!
//! Non-S3 rules: the path is normalised (empty and `.` segments dropped, `..` applied) and then
//! percent-encoded a second time; the query is decoded and re-encoded strictly and sorted; the
//! canonical headers are exactly the signed ones, in the order the client listed them.

use hmac::{Hmac, Mac};
use http::HeaderMap;
use percent_encoding::{percent_decode_str, percent_encode, AsciiSet, NON_ALPHANUMERIC};
use sha2::{Digest, Sha256};

use super::authorization::{ALGORITHM, TERMINATOR};

/// Hex SHA-256 of the empty string (the payload hash of an empty body).
pub const EMPTY_PAYLOAD_SHA256: &str =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// The `x-amz-content-sha256` value that opts out of payload signing.
pub const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";

/// Everything needed from the HTTP request; raw path exactly as received (not normalised),
/// raw query string (without the `?`).
///
/// Over HTTP/2 there is no `Host` header; the caller should then insert one holding the
/// `:authority` value before verifying.
#[derive(Clone, Copy)]
pub struct RequestParts<'a> {
    /// The HTTP method, e.g. `POST`.
    pub method: &'a str,
    /// The request path, still percent-encoded, exactly as received.
    pub raw_path: &'a str,
    /// The raw query string without the leading `?`, if any.
    pub raw_query: Option<&'a str>,
    /// The request headers.
    pub headers: &'a HeaderMap,
}

/// Only RFC 3986 unreserved characters (`A-Z a-z 0-9 - _ . ~`) stay literal.
const STRICT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

type HmacSha256 = Hmac<Sha256>;

/// The canonical URI: remove dot segments and empty segments from the raw path (keeping a
/// trailing slash), then percent-encode each segment again so that only unreserved
/// characters stay literal (an existing `%2F` becomes `%252F`). An empty path gives `/`.
pub fn canonical_uri(raw_path: &str) -> String {
    let mut segments: Vec<&str> = Vec::new();
    for segment in raw_path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            other => segments.push(other),
        }
    }
    let mut out = String::with_capacity(raw_path.len() + 1);
    for segment in &segments {
        out.push('/');
        out.extend(percent_encode(segment.as_bytes(), STRICT));
    }
    if segments.is_empty() || raw_path.ends_with('/') {
        out.push('/');
    }
    out
}

/// The canonical query string: split on `&` and at the first `=`, percent-decode, re-encode
/// strictly (space → `%20`), sort by key then value, and join as `k=v&…` (a missing value
/// becomes `k=`). `None` or an empty query gives the empty string.
pub fn canonical_query(raw_query: Option<&str>) -> String {
    let Some(query) = raw_query else {
        return String::new();
    };
    let encode = |s: &str| -> String {
        let bytes: Vec<u8> = percent_decode_str(s).collect();
        percent_encode(&bytes, STRICT).to_string()
    };
    let mut pairs: Vec<(String, String)> = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (encode(key), encode(value))
        })
        .collect();
    pairs.sort();
    let mut out = String::new();
    for (i, (key, value)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(key);
        out.push('=');
        out.push_str(value);
    }
    out
}

/// The canonical headers block: one `name:value\n` line per signed header, in the given
/// order, name lowercased, each value trimmed with inner whitespace runs collapsed to one
/// space, repeated headers joined with `,`. A signed header that is absent gives `name:`.
pub fn canonical_headers(headers: &HeaderMap, signed_headers: &[String]) -> String {
    let mut out = String::new();
    for name in signed_headers {
        let name = name.to_ascii_lowercase();
        out.push_str(&name);
        out.push(':');
        // `get_all` with an invalid name finds nothing (it does not panic).
        for (i, value) in headers.get_all(name.as_str()).iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            push_collapsed(&mut out, &String::from_utf8_lossy(value.as_bytes()));
        }
        out.push('\n');
    }
    out
}

/// Append `value` trimmed, with every run of whitespace turned into one space.
fn push_collapsed(out: &mut String, value: &str) {
    for (i, word) in value.split_ascii_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
}

/// The canonical request: method, canonical URI, canonical query, canonical headers,
/// signed-headers string and payload hash, joined with `\n`.
pub fn canonical_request(
    parts: &RequestParts,
    signed_headers: &[String],
    payload_hash: &str,
) -> String {
    format!(
        "{}\n{}\n{}\n{}\n{}\n{}",
        parts.method,
        canonical_uri(parts.raw_path),
        canonical_query(parts.raw_query),
        canonical_headers(parts.headers, signed_headers),
        signed_headers.join(";"),
        payload_hash
    )
}

/// The string to sign:
/// `AWS4-HMAC-SHA256\n<amz_date>\n<scope>\n<hex sha256 of the canonical request>`.
pub fn string_to_sign(amz_date: &str, scope: &str, canonical_request: &str) -> String {
    format!(
        "{ALGORITHM}\n{amz_date}\n{scope}\n{}",
        sha256_hex(canonical_request.as_bytes())
    )
}

/// The signing key: HMAC-SHA256 chain `"AWS4" + secret` → date → region → service →
/// `aws4_request`.
pub fn signing_key(secret: &str, date: &str, region: &str, service: &str) -> [u8; 32] {
    let k_secret = format!("AWS4{secret}");
    let k_date = hmac_sha256(k_secret.as_bytes(), date.as_bytes());
    let k_region = hmac_sha256(&k_date, region.as_bytes());
    let k_service = hmac_sha256(&k_region, service.as_bytes());
    hmac_sha256(&k_service, TERMINATOR.as_bytes())
}

/// The signature: lowercase hex of HMAC-SHA256(signing key, string to sign).
pub fn signature(signing_key: &[u8; 32], string_to_sign: &str) -> String {
    hex::encode(hmac_sha256(signing_key, string_to_sign.as_bytes()))
}

/// Lowercase hex SHA-256 of `data`.
pub fn sha256_hex(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

fn hmac_sha256(key: &[u8], data: &[u8]) -> [u8; 32] {
    match HmacSha256::new_from_slice(key) {
        Ok(mut mac) => {
            mac.update(data);
            mac.finalize().into_bytes().into()
        }
        // HMAC accepts keys of every length, so this arm cannot run; it exists only so
        // that no panic path is compiled in.
        Err(_) => [0; 32],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    #[test]
    fn uri_basics() {
        assert_eq!(canonical_uri(""), "/");
        assert_eq!(canonical_uri("/"), "/");
        assert_eq!(canonical_uri("/prefix"), "/prefix");
        assert_eq!(canonical_uri("/prefix/"), "/prefix/");
        assert_eq!(
            canonical_uri("/service/AWS242ServiceCatalogService/operation/ListPortfolios"),
            "/service/AWS242ServiceCatalogService/operation/ListPortfolios"
        );
    }

    #[test]
    fn uri_double_encodes() {
        assert_eq!(canonical_uri("/a%20b"), "/a%2520b");
        assert_eq!(canonical_uri("/a%2Fb/c"), "/a%252Fb/c");
        assert_eq!(
            canonical_uri("/a:b@c!$'()*+,;="),
            "/a%3Ab%40c%21%24%27%28%29%2A%2B%2C%3B%3D"
        );
        assert_eq!(canonical_uri("/~user/-_."), "/~user/-_.");
        assert_eq!(canonical_uri("/é"), "/%C3%A9");
    }

    #[test]
    fn uri_removes_dot_and_empty_segments() {
        assert_eq!(canonical_uri("/a/./b/../c"), "/a/c");
        assert_eq!(canonical_uri("/a/b/../"), "/a/");
        assert_eq!(canonical_uri("/../.."), "/");
        assert_eq!(canonical_uri("//a//b//"), "/a/b/");
        assert_eq!(canonical_uri("a/b"), "/a/b");
        assert_eq!(canonical_uri("/%2E/x"), "/%252E/x");
    }

    #[test]
    fn query_is_sorted_and_reencoded() {
        assert_eq!(canonical_query(None), "");
        assert_eq!(canonical_query(Some("")), "");
        assert_eq!(
            canonical_query(Some("Version=2011-06-15&Action=GetCallerIdentity")),
            "Action=GetCallerIdentity&Version=2011-06-15"
        );
        assert_eq!(canonical_query(Some("b=2&a=3&a=1&c")), "a=1&a=3&b=2&c=");
        assert_eq!(
            canonical_query(Some("k=a%20b&s=a b&p=a+b")),
            "k=a%20b&p=a%2Bb&s=a%20b"
        );
        assert_eq!(canonical_query(Some("x=%7e%2f&&y==")), "x=~%2F&y=%3D");
        assert_eq!(canonical_query(Some("bad=%zz%")), "bad=%25zz%25");
    }

    #[test]
    fn headers_follow_the_signed_list() {
        let mut h = HeaderMap::new();
        h.insert("host", HeaderValue::from_static("127.0.0.1:4566"));
        h.insert("x-amz-date", HeaderValue::from_static("20261129T053850Z"));
        h.insert("my-header", HeaderValue::from_static("  a   b \t c  "));
        h.append("x-multi", HeaderValue::from_static(" one "));
        h.append("x-multi", HeaderValue::from_static("two  three"));
        h.insert("unsigned", HeaderValue::from_static("ignored"));
        let signed: Vec<String> = ["host", "My-Header", "x-multi", "x-amz-date", "absent"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        assert_eq!(
            canonical_headers(&h, &signed),
            "host:127.0.0.1:4566\nmy-header:a b c\nx-multi:one,two three\n\
             x-amz-date:20261129T053850Z\nabsent:\n"
        );
        // Names that are not valid header names find nothing and do not panic.
        let odd: Vec<String> = ["", "a b", "é"].iter().map(|s| (*s).to_owned()).collect();
        assert_eq!(canonical_headers(&h, &odd), ":\na b:\né:\n");
    }

    #[test]
    fn full_canonical_request_and_signature() {
        // Botocore CLI v1 ListPortfolios from captures/awscli-1.46.3_json.jsonl.
        let mut h = HeaderMap::new();
        h.insert("host", HeaderValue::from_static("127.0.0.1:4566"));
        h.insert(
            "content-type",
            HeaderValue::from_static("application/x-amz-json-1.1"),
        );
        h.insert("x-amz-date", HeaderValue::from_static("20261129T053905Z"));
        h.insert(
            "x-amz-target",
            HeaderValue::from_static("AWS242ServiceCatalogService.ListPortfolios"),
        );
        let signed: Vec<String> = ["content-type", "host", "x-amz-date", "x-amz-target"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        let parts = RequestParts {
            method: "POST",
            raw_path: "/",
            raw_query: None,
            headers: &h,
        };
        let creq = canonical_request(&parts, &signed, &sha256_hex(b"{}"));
        assert_eq!(
            creq,
            "POST\n/\n\ncontent-type:application/x-amz-json-1.1\nhost:127.0.0.1:4566\n\
             x-amz-date:20261129T053905Z\nx-amz-target:AWS242ServiceCatalogService.ListPortfolios\n\n\
             content-type;host;x-amz-date;x-amz-target\n\
             44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"
        );
        let scope = "20261129/us-east-1/servicecatalog/aws4_request";
        let sts = string_to_sign("20261129T053905Z", scope, &creq);
        assert!(sts.starts_with("AWS4-HMAC-SHA256\n20261129T053905Z\n20261129/us-east-1/"));
        let key = signing_key("secret", "20261129", "us-east-1", "servicecatalog");
        assert_eq!(
            signature(&key, &sts),
            "75ce6073631af9cd2b9a2a091379577f5d26de282621be96ddc4a01c59972d50"
        );
    }

    #[test]
    fn aws_documented_signing_key() {
        // The example from the AWS SigV4 documentation.
        let key = signing_key(
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            "20120215",
            "us-east-1",
            "iam",
        );
        assert_eq!(
            hex::encode(key),
            "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d"
        );
    }

    #[test]
    fn empty_payload_constant() {
        assert_eq!(sha256_hex(b""), EMPTY_PAYLOAD_SHA256);
    }
}
