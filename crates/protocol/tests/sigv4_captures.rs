//! SigV4 verification against the requests real SDKs sent (boto3, AWS CLI v1, JS v3, Rust SDK;
//! JSON and CBOR; Service Catalog, Organizations, STS), captured in `captures/*.jsonl`
//! (one request a line: `method`, `path`, ordered `headers` pairs, `body_b64`; secret `secret`).
//!
//! The captures are read from the in-repo copy `tests/captures/` when it exists, else from
//! `../shared/spec/captures` beside the repository.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use base64::Engine as _;
use http::{HeaderMap, HeaderName, HeaderValue};
use sclocal_protocol::sigv4::{
    parse_amz_date, verify, AuthError, AuthMode, Credential, RequestParts, Secret, VerifiedCaller,
};
use time::{Duration, OffsetDateTime};

const ACCOUNT: &str = "111111111111";

struct Capture {
    origin: String,
    method: String,
    path: String,
    query: Option<String>,
    headers: HeaderMap,
    body: Vec<u8>,
    amz_date: OffsetDateTime,
}

impl Capture {
    fn parts(&self) -> RequestParts<'_> {
        RequestParts {
            method: &self.method,
            raw_path: &self.path,
            raw_query: self.query.as_deref(),
            headers: &self.headers,
        }
    }

    fn verify_at(
        &self,
        body: &[u8],
        lookup: &HashMap<String, Credential>,
        now: OffsetDateTime,
    ) -> Result<Option<VerifiedCaller>, AuthError> {
        verify(
            &self.parts(),
            body,
            AuthMode::Strict,
            lookup,
            "000000000000",
            now,
        )
    }
}

/// Capture files by name: the in-repo copy first, then any file only present in `shared/`.
fn capture_files() -> Vec<PathBuf> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dirs = [
        manifest.join("tests/captures"),
        manifest.join("../../../shared/spec/captures"),
    ];
    let mut by_name = std::collections::BTreeMap::new();
    for dir in &dirs {
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        for path in entries.flatten().map(|e| e.path()) {
            if path.extension().is_some_and(|x| x == "jsonl") {
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                by_name.entry(name).or_insert(path);
            }
        }
    }
    assert!(
        !by_name.is_empty(),
        "no capture files found in any of {dirs:?}"
    );
    by_name.into_values().collect()
}

fn load_captures() -> Vec<Capture> {
    let mut captures = Vec::new();
    for file in capture_files() {
        let text = std::fs::read_to_string(&file).unwrap();
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            captures.push(parse_capture(&format!("{name}:{}", n + 1), line));
        }
    }
    // 17 requests from 6 client setups were captured; none may silently go missing.
    assert!(
        captures.len() >= 17,
        "only {} captured requests",
        captures.len()
    );
    captures
}

fn parse_capture(origin: &str, line: &str) -> Capture {
    let v: serde_json::Value =
        serde_json::from_str(line).unwrap_or_else(|e| panic!("{origin}: bad JSON: {e}"));
    let method = v["method"].as_str().unwrap().to_owned();
    let target = v["path"].as_str().unwrap();
    let (path, query) = match target.split_once('?') {
        Some((p, q)) => (p.to_owned(), Some(q.to_owned())),
        None => (target.to_owned(), None),
    };
    let mut headers = HeaderMap::new();
    for pair in v["headers"].as_array().unwrap() {
        let name = HeaderName::from_bytes(pair[0].as_str().unwrap().as_bytes()).unwrap();
        let value = HeaderValue::from_str(pair[1].as_str().unwrap()).unwrap();
        headers.append(name, value);
    }
    let body = base64::engine::general_purpose::STANDARD
        .decode(v["body_b64"].as_str().unwrap())
        .unwrap();
    let amz_date = headers
        .get("x-amz-date")
        .and_then(|d| parse_amz_date(d.to_str().unwrap()))
        .unwrap_or_else(|| panic!("{origin}: no X-Amz-Date"));
    Capture {
        origin: origin.to_owned(),
        method,
        path,
        query,
        headers,
        body,
        amz_date,
    }
}

fn lookup() -> HashMap<String, Credential> {
    let mut m = HashMap::new();
    m.insert(
        ACCOUNT.to_owned(),
        Credential {
            secret_access_key: Secret::new("secret"),
            account_id: ACCOUNT.to_owned(),
            principal_arn: None,
        },
    );
    m
}

fn scope_service(c: &Capture) -> String {
    let auth = c.headers.get("authorization").unwrap().to_str().unwrap();
    sclocal_protocol::sigv4::parse_authorization(auth)
        .unwrap()
        .service
}

#[test]
fn every_capture_verifies_strictly() {
    let captures = load_captures();
    let lookup = lookup();
    for c in &captures {
        let caller = c
            .verify_at(&c.body, &lookup, c.amz_date)
            .unwrap_or_else(|e| panic!("{}: {e:?}", c.origin))
            .unwrap_or_else(|| panic!("{}: no caller", c.origin));
        assert_eq!(caller.access_key_id, ACCOUNT, "{}", c.origin);
        assert_eq!(caller.account_id, ACCOUNT, "{}", c.origin);
        assert_eq!(caller.region, "us-east-1", "{}", c.origin);
        assert_eq!(caller.service, scope_service(c), "{}", c.origin);
        assert_eq!(caller.session_token, None, "{}", c.origin);
    }
    // Every client and all three services are covered.
    let services: std::collections::BTreeSet<String> = captures.iter().map(scope_service).collect();
    assert_eq!(
        services.into_iter().collect::<Vec<_>>(),
        ["organizations", "servicecatalog", "sts"]
    );
}

#[test]
fn a_one_byte_body_change_fails() {
    let lookup = lookup();
    for c in load_captures() {
        let mut body = c.body.clone();
        match body.first_mut() {
            Some(b) => *b ^= 0x01,
            None => body.push(b'x'),
        }
        assert_eq!(
            c.verify_at(&body, &lookup, c.amz_date),
            Err(AuthError::InvalidSignature),
            "{}",
            c.origin
        );
    }
}

#[test]
fn six_minutes_of_skew_fails_either_way() {
    let lookup = lookup();
    for c in load_captures() {
        let later = c.verify_at(&c.body, &lookup, c.amz_date + Duration::minutes(6));
        assert!(
            matches!(&later, Err(AuthError::SignatureExpired { message }) if message.starts_with("Signature expired: ")),
            "{}: {later:?}",
            c.origin
        );
        let earlier = c.verify_at(&c.body, &lookup, c.amz_date - Duration::minutes(6));
        assert!(
            matches!(&earlier, Err(AuthError::SignatureExpired { message }) if message.starts_with("Signature not yet current: ")),
            "{}: {earlier:?}",
            c.origin
        );
        // Inside the window it still verifies.
        assert!(
            c.verify_at(&c.body, &lookup, c.amz_date + Duration::minutes(4))
                .is_ok(),
            "{}",
            c.origin
        );
    }
}

#[test]
fn wrong_secret_and_unknown_key_fail() {
    let mut wrong = HashMap::new();
    wrong.insert(
        ACCOUNT.to_owned(),
        Credential {
            secret_access_key: Secret::new("not-the-secret"),
            account_id: ACCOUNT.to_owned(),
            principal_arn: None,
        },
    );
    let empty: HashMap<String, Credential> = HashMap::new();
    for c in load_captures() {
        assert_eq!(
            c.verify_at(&c.body, &wrong, c.amz_date),
            Err(AuthError::InvalidSignature),
            "{}",
            c.origin
        );
        assert_eq!(
            c.verify_at(&c.body, &empty, c.amz_date),
            Err(AuthError::UnrecognizedClient),
            "{}",
            c.origin
        );
    }
}

#[test]
fn a_changed_signed_header_fails() {
    let lookup = lookup();
    for mut c in load_captures() {
        c.headers
            .insert("host", HeaderValue::from_static("127.0.0.1:4567"));
        assert_eq!(
            c.verify_at(&c.body, &lookup, c.amz_date),
            Err(AuthError::InvalidSignature),
            "{}",
            c.origin
        );
    }
}

#[test]
fn lenient_and_off_name_the_account() {
    let empty: HashMap<String, Credential> = HashMap::new();
    let far_future = OffsetDateTime::UNIX_EPOCH + Duration::days(365 * 100);
    for c in load_captures() {
        for mode in [AuthMode::Lenient, AuthMode::Off] {
            let caller = verify(
                &c.parts(),
                b"tampered",
                mode,
                &empty,
                "000000000000",
                far_future,
            )
            .unwrap_or_else(|e| panic!("{}: {e:?}", c.origin))
            .unwrap_or_else(|| panic!("{}: no caller", c.origin));
            assert_eq!(caller.account_id, ACCOUNT, "{}", c.origin);
        }
    }
}
