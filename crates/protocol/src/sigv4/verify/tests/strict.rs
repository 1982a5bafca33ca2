//! Strict mode, check by check in AWS's order, on the CLI v1 capture and variants of it: the
//! signature and body, the secret and key, the payload hash, the clock skew, the credential
//! scope, the signed headers and the date header.

use super::*;

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
    let v =
        "AWS4-HMAC-SHA256 Credential=111111111111/20261129/us-east-1/servicecatalog/aws4_request, \
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
    let v =
        "AWS4-HMAC-SHA256 Credential=111111111111/20261129/us-east-1/servicecatalog/aws4_request, \
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
