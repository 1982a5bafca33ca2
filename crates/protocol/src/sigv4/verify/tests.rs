//! Unit tests of [`verify`]: the fixtures (the CLI v1 ListPortfolios capture and its
//! credentials), what `Off` and `Lenient` accept and whom they name, and the mode names.
//! Strict mode's checks are in `tests/strict.rs`.

use super::*;
use crate::sigv4::{Credential, Secret};
use http::HeaderValue;
use std::collections::HashMap;
use time::macros::datetime;

mod strict;

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
fn auth_mode_from_str() {
    assert_eq!("Strict".parse::<AuthMode>(), Ok(AuthMode::Strict));
    assert_eq!(" off ".parse::<AuthMode>(), Ok(AuthMode::Off));
    assert_eq!("lenient".parse::<AuthMode>(), Ok(AuthMode::Lenient));
    assert!("nope".parse::<AuthMode>().is_err());
    assert_eq!(AuthMode::default(), AuthMode::Lenient);
}
