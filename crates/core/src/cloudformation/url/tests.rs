//! Unit tests of the template URL mapping and its path-safety check (§6.1, §28).

use super::S3Location;

fn parts(url: &str) -> Option<(String, String)> {
    S3Location::from_url(url).map(|l| (l.bucket().to_owned(), l.key().to_owned()))
}

fn pair(bucket: &str, key: &str) -> (String, String) {
    (bucket.to_owned(), key.to_owned())
}

#[test]
fn every_url_form_of_the_spec_maps_to_bucket_and_key() {
    let cases = [
        (
            "https://bkt.s3.amazonaws.com/dir/t.yaml",
            "bkt",
            "dir/t.yaml",
        ),
        (
            "https://s3.amazonaws.com/bkt/dir/t.yaml",
            "bkt",
            "dir/t.yaml",
        ),
        (
            "https://s3.eu-west-1.amazonaws.com/bkt/t.json",
            "bkt",
            "t.json",
        ),
        (
            "https://bkt.s3.eu-west-1.amazonaws.com/t.json",
            "bkt",
            "t.json",
        ),
        (
            "https://s3-us-west-2.amazonaws.com/bkt/a/b/c.yml",
            "bkt",
            "a/b/c.yml",
        ),
        (
            "https://bkt.s3-us-west-2.amazonaws.com/a.yml",
            "bkt",
            "a.yml",
        ),
        (
            "https://s3.dualstack.us-east-1.amazonaws.com/bkt/k",
            "bkt",
            "k",
        ),
        (
            "https://bkt.s3.dualstack.us-east-1.amazonaws.com/k",
            "bkt",
            "k",
        ),
        ("https://s3-external-1.amazonaws.com/bkt/k", "bkt", "k"),
        ("https://s3.us-gov-west-1.amazonaws.com/bkt/k", "bkt", "k"),
        ("https://bkt.s3.cn-north-1.amazonaws.com.cn/k", "bkt", "k"),
        ("http://bkt.s3.amazonaws.com/k", "bkt", "k"),
        ("s3://bkt/templates/t.yaml", "bkt", "templates/t.yaml"),
    ];
    for (url, bucket, key) in cases {
        assert_eq!(parts(url), Some(pair(bucket, key)), "{url}");
    }
}

#[test]
fn bucket_names_with_dots_and_s3_labels_are_kept_whole() {
    assert_eq!(
        parts("https://my.bucket.s3.amazonaws.com/k"),
        Some(pair("my.bucket", "k"))
    );
    assert_eq!(
        parts("https://x.s3.s3.us-east-1.amazonaws.com/k"),
        Some(pair("x.s3", "k"))
    );
}

#[test]
fn host_case_port_query_and_fragment_do_not_matter() {
    assert_eq!(
        parts("HTTPS://BKT.S3.AMAZONAWS.COM:443/Dir/T.yaml?versionId=3#x"),
        Some(pair("bkt", "Dir/T.yaml"))
    );
    assert_eq!(
        parts("https://s3.amazonaws.com./bkt/k?X-Amz-Signature=abc"),
        Some(pair("bkt", "k"))
    );
}

#[test]
fn keys_are_percent_decoded_exactly_once() {
    assert_eq!(
        parts("https://bkt.s3.amazonaws.com/my%20dir/t%2Bv.yaml"),
        Some(pair("bkt", "my dir/t+v.yaml"))
    );
    // %2525 decodes to %25, not further to %.
    assert_eq!(
        parts("https://bkt.s3.amazonaws.com/a%2525b"),
        Some(pair("bkt", "a%25b"))
    );
    assert_eq!(
        parts("https://s3.amazonaws.com/b%6Bt/k"),
        Some(pair("bkt", "k")),
        "the path-style bucket is decoded too"
    );
    // s3:// URIs carry raw keys.
    assert_eq!(parts("s3://bkt/a%20b"), Some(pair("bkt", "a%20b")));
}

#[test]
fn climbing_keys_are_refused_before_and_after_decoding() {
    for url in [
        "https://bkt.s3.amazonaws.com/../etc/passwd",
        "https://bkt.s3.amazonaws.com/a/../../x",
        "https://bkt.s3.amazonaws.com/%2e%2e/x",
        "https://bkt.s3.amazonaws.com/a/%2E%2E/%2e%2e/x",
        "https://bkt.s3.amazonaws.com/./x",
        "https://bkt.s3.amazonaws.com/a/%2e",
        "https://s3.amazonaws.com/../k",
        "https://s3.amazonaws.com/%2e%2e/k",
        "https://s3.amazonaws.com/./k",
        "s3://../k",
        "s3://bkt/../k",
    ] {
        assert_eq!(parts(url), None, "{url}");
    }
}

#[test]
fn absolute_empty_and_odd_keys_are_refused() {
    for url in [
        "https://bkt.s3.amazonaws.com//etc/passwd",
        "https://bkt.s3.amazonaws.com/%2Fetc/passwd",
        "https://bkt.s3.amazonaws.com/a//b",
        "https://bkt.s3.amazonaws.com/a/",
        "https://bkt.s3.amazonaws.com/",
        "https://bkt.s3.amazonaws.com/a%5C..%5Cb",
        "https://bkt.s3.amazonaws.com/a%00b",
        "https://bkt.s3.amazonaws.com/%FF",
        "https://s3.amazonaws.com/bkt",
        "https://s3.amazonaws.com//k",
        "s3://bkt/",
        "s3://bkt//k",
    ] {
        assert_eq!(parts(url), None, "{url}");
    }
    let long = format!("https://bkt.s3.amazonaws.com/{}", "k".repeat(1025));
    assert_eq!(parts(&long), None);
    let longest = format!("https://bkt.s3.amazonaws.com/{}", "k".repeat(1024));
    assert!(parts(&longest).is_some());
}

#[test]
fn hosts_that_are_not_s3_are_no_file() {
    for url in [
        "https://example.com/bkt/k",
        "https://bkt.s3.amazonaws.com.evil.com/k",
        "https://amazonaws.com/bkt/k",
        "https://bkt.s3-website-us-east-1.amazonaws.com/k",
        "https://bkt.s3-accesspoint.us-east-1.amazonaws.com/k",
        "https://ec2.us-east-1.amazonaws.com/bkt/k",
        "https://user@bkt.s3.amazonaws.com/k",
        "https://bkt.s3.amazonaws.com:x/k",
        "ftp://bkt.s3.amazonaws.com/k",
        "file:///etc/passwd",
        "/etc/passwd",
        "bkt/k",
        "",
    ] {
        assert_eq!(parts(url), None, "{url}");
    }
}

#[test]
fn unsafe_buckets_are_refused() {
    assert_eq!(parts("https://s3.amazonaws.com/a%2Fb/k"), None);
    assert_eq!(parts("https://s3.amazonaws.com/a%5Cb/k"), None);
    assert_eq!(parts("https://s3.amazonaws.com/..%2F../k"), None);
    assert_eq!(parts("https://s3.amazonaws.com/b%20b/k"), None);
    assert_eq!(S3Location::new("..", "k"), None);
    assert_eq!(S3Location::new(".", "k"), None);
    assert_eq!(S3Location::new("", "k"), None);
}

#[test]
fn new_is_the_one_path_safety_check() {
    let ok = S3Location::new("bkt", "a/b/c.yaml").expect("safe");
    assert_eq!(ok.key_segments().collect::<Vec<_>>(), ["a", "b", "c.yaml"]);
    for key in [
        "", "/abs", "a/../b", "..", ".", "a//b", "a/", "a\\b", "a\0b",
    ] {
        assert_eq!(S3Location::new("bkt", key), None, "{key:?}");
    }
    // Dots inside a segment are ordinary names.
    assert!(S3Location::new("bkt", "..a/b..c/...").is_some());
}
