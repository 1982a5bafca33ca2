//! Unit tests of parsing the `Authorization` header: a real header, the separators AWS
//! tolerates, AWS's wording for every malformation, and byte-level splitting that agrees with
//! the character rules.

use super::*;

const GOOD: &str = "AWS4-HMAC-SHA256 Credential=111111111111/20261129/us-east-1/servicecatalog/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=58b3fb1488e4ae6ccb30a25256c27919f58719693bcd76442ae5d14f32457dac";

fn incomplete(value: &str, has_date: bool) -> String {
    match parse_params(value, has_date).and_then(|raw| finish(&raw).map(|_| ())) {
        Err(AuthError::IncompleteSignature(message)) => message,
        other => panic!("expected IncompleteSignature, got {other:?}"),
    }
}

#[test]
fn parses_a_real_header() {
    let auth = parse_authorization(GOOD).unwrap();
    assert_eq!(auth.access_key_id, "111111111111");
    assert_eq!(auth.date, "20261129");
    assert_eq!(auth.region, "us-east-1");
    assert_eq!(auth.service, "servicecatalog");
    assert_eq!(
        auth.signed_headers,
        ["content-type", "host", "x-amz-date", "x-amz-target"]
    );
    assert_eq!(
        auth.signature,
        "58b3fb1488e4ae6ccb30a25256c27919f58719693bcd76442ae5d14f32457dac"
    );
    assert_eq!(
        auth.scope(),
        "20261129/us-east-1/servicecatalog/aws4_request"
    );
    assert_eq!(
        auth.signed_headers_string(),
        "content-type;host;x-amz-date;x-amz-target"
    );
}

#[test]
fn lenient_about_separators() {
    let compact = "AWS4-HMAC-SHA256 Credential=AK/20261129/eu-west-1/sts/aws4_request,SignedHeaders=host;x-amz-date,Signature=ab";
    let spaced = "  AWS4-HMAC-SHA256   Credential=AK/20261129/eu-west-1/sts/aws4_request ,  SignedHeaders=host;x-amz-date  Signature=ab ";
    let a = parse_authorization(compact).unwrap();
    let b = parse_authorization(spaced).unwrap();
    assert_eq!(a, b);
    assert_eq!(a.region, "eu-west-1");
    assert_eq!(a.service, "sts");
    assert_eq!(a.signature, "ab");
}

#[test]
fn trailing_credential_slash_is_ignored() {
    let v = "AWS4-HMAC-SHA256 Credential=AK/20261129/us-east-1/sts/aws4_request/, SignedHeaders=host, Signature=ab";
    assert_eq!(parse_authorization(v).unwrap().service, "sts");
}

#[test]
fn missing_or_non_sigv4_header_is_missing_token() {
    for v in [
        "",
        "   ",
        "Bearer abc",
        "AWS AKID:sig",
        "allow",
        "aws4-hmac-sha256 Credential=a",
    ] {
        assert_eq!(
            parse_authorization(v),
            Err(AuthError::MissingAuthenticationToken),
            "{v:?}"
        );
    }
}

#[test]
fn missing_equal_sign() {
    let v = "AWS4-HMAC-SHA256 Signature=b,    Credential,    SignedHeaders";
    assert_eq!(
        incomplete(v, true),
        "'Credential' not a valid key=value pair (missing equal-sign) in Authorization \
         header: 'AWS4-HMAC-SHA256 Signature=b,    Credential,    SignedHeaders'."
    );
}

#[test]
fn missing_parameters_are_listed_together() {
    assert_eq!(
        incomplete("AWS4-HMAC-SHA256", false),
        "Authorization header requires 'Credential' parameter. Authorization header \
         requires 'Signature' parameter. Authorization header requires 'SignedHeaders' \
         parameter. Authorization header requires existence of either a 'X-Amz-Date' or a \
         'Date' header. Authorization=AWS4-HMAC-SHA256"
    );
    let v = "AWS4-HMAC-SHA256 Credential=AK/20261129/us-east-1/sts/aws4_request";
    assert_eq!(
        incomplete(v, true),
        format!(
            "Authorization header requires 'Signature' parameter. Authorization header \
             requires 'SignedHeaders' parameter. Authorization={v}"
        )
    );
    let v = "AWS4-HMAC-SHA256 Credential=, SignedHeaders=host, Signature=";
    assert_eq!(
        incomplete(v, true),
        format!(
            "Authorization header requires 'Credential' parameter. Authorization header \
             requires 'Signature' parameter. Authorization={v}"
        )
    );
}

#[test]
fn missing_date_alone() {
    assert_eq!(
        incomplete(GOOD, false),
        format!(
            "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' \
             header. Authorization={GOOD}"
        )
    );
}

#[test]
fn empty_signed_headers_is_present_but_empty() {
    let v = "AWS4-HMAC-SHA256 Credential=AK/20261129/us-east-1/sts/aws4_request, SignedHeaders=, Signature=ab";
    assert!(parse_authorization(v).unwrap().signed_headers.is_empty());
}

#[test]
fn unsupported_algorithm() {
    let v = "AWS4-HMAC-SHA25 Credential=AK/20261129/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=ab";
    assert_eq!(
        incomplete(v, true),
        "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA25' (only AWS4-HMAC-SHA256 for now). "
    );
}

#[test]
fn credential_needs_five_elements() {
    for cred in ["a/b/c/d", "AK", "a/b/c/d/e/f"] {
        let v = format!("AWS4-HMAC-SHA256 Credential={cred}, SignedHeaders=host, Signature=ab");
        assert_eq!(
            incomplete(&v, true),
            format!(
                "Credential must have exactly 5 slash-delimited elements, e.g. \
                 keyid/date/region/service/term, got '{cred}'"
            )
        );
    }
}

#[test]
fn terminator_is_kept_for_strict_checks() {
    let v = "AWS4-HMAC-SHA256 Credential=AK/20261129/us-east-1/sts/aws5_request, SignedHeaders=host, Signature=ab";
    let raw = parse_params(v, true).unwrap();
    assert_eq!(finish(&raw).unwrap().terminator, "aws5_request");
}

#[test]
fn pieces_split_like_the_char_predicate() {
    let reference = |v: &str| -> Vec<String> {
        v.split(|c: char| c == ',' || c.is_ascii_whitespace())
            .filter(|p| !p.is_empty())
            .map(str::to_owned)
            .collect()
    };
    for v in [
        "",
        " ",
        ",,, \t\r\n\x0c",
        GOOD,
        "  a,b ,, c\td\u{2003}e\u{85}f ",
        "é,ü ☃\u{a0}x,",
        "AWS4-\u{0}\u{7f}\u{85}",
    ] {
        assert_eq!(pieces(v).collect::<Vec<_>>(), reference(v), "{v:?}");
    }
}

#[test]
fn byte_splits_match_the_char_splits() {
    for v in [
        "",
        "/",
        "a",
        "a/",
        "/a",
        "a//b/",
        "é/ü;☃=x=y",
        "k=",
        "=v",
        ";;",
        "a;b",
    ] {
        for sep in [b'/', b';', b'='] {
            assert_eq!(
                split_byte(v, sep).collect::<Vec<_>>(),
                v.split(char::from(sep)).collect::<Vec<_>>(),
                "{v:?} {sep}"
            );
            assert_eq!(
                split_once_byte(v, sep),
                v.split_once(char::from(sep)),
                "{v:?} {sep}"
            );
        }
    }
}

#[test]
fn access_key_id_is_some_exactly_when_the_header_parses() {
    let cases = [
        GOOD,
        "AWS4-HMAC-SHA256 Credential=AK/20261129/us-east-1/sts/aws4_request/, SignedHeaders=host, Signature=ab",
        "AWS4-HMAC-SHA25 Credential=AK/20261129/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=ab",
        "AWS4-HMAC-SHA256 Credential=a/b/c/d, SignedHeaders=host, Signature=ab",
        "AWS4-HMAC-SHA256 Credential=AK/20261129/us-east-1/sts/aws4_request",
        "AWS4-HMAC-SHA256 Credential=////aws4_request, SignedHeaders=host, Signature=0",
        "AWS4-HMAC-SHA256 Signature=b,    Credential,    SignedHeaders",
        "Bearer abc",
        "",
    ];
    for v in cases {
        assert_eq!(
            access_key_id(v),
            parse_authorization(v)
                .ok()
                .map(|a| a.access_key_id)
                .as_deref(),
            "{v:?}"
        );
    }
    assert_eq!(access_key_id(GOOD), Some("111111111111"));
}

#[test]
fn never_panics_on_odd_input() {
    let odd = [
        "AWS4-",
        "AWS4-HMAC-SHA256 =",
        "AWS4-HMAC-SHA256 ==,=,==",
        "AWS4-HMAC-SHA256 Credential=é/ü/ß/☃/aws4_request, SignedHeaders=;;, Signature=✓",
        "AWS4-HMAC-SHA256 Credential=////, SignedHeaders=host, Signature=0",
        "AWS4-HMAC-SHA256 Credential=/, SignedHeaders=host, Signature=0",
        "AWS4-\u{0}\u{7f}\u{85}",
        "\u{2003}AWS4-HMAC-SHA256\u{2003}Credential=a",
    ];
    for v in odd {
        let _ = parse_authorization(v);
        let _ = parse_params(v, false);
    }
    let empty_parts = parse_authorization(
        "AWS4-HMAC-SHA256 Credential=////aws4_request, SignedHeaders=host, Signature=0",
    );
    let auth = empty_parts.unwrap();
    assert_eq!(auth.access_key_id, "");
    assert_eq!(auth.date, "");
}
