//! Unit tests of reading an artifact's template through a [`TemplateSource`].

use std::collections::HashMap;

use super::{read_template, NoTemplates, TemplateRead, TemplateSource, TemplateSourceError};
use crate::cloudformation::error::TemplateError;
use crate::cloudformation::limits::MAX_TEMPLATE_BYTES;

/// An in-memory source keyed by `bucket/key`.
struct Files(HashMap<String, Result<Vec<u8>, TemplateSourceError>>);

impl TemplateSource for Files {
    fn template(&self, bucket: &str, key: &str) -> Result<Option<Vec<u8>>, TemplateSourceError> {
        self.0.get(&format!("{bucket}/{key}")).cloned().transpose()
    }
}

fn files() -> Files {
    let mut map = HashMap::new();
    map.insert(
        "bkt/ok.yaml".into(),
        Ok(b"Resources: {B: {Type: X}}\n".to_vec()),
    );
    map.insert("bkt/bad.yaml".into(), Ok(b"Resources: [\n".to_vec()));
    map.insert(
        "bkt/huge.yaml".into(),
        Err(TemplateSourceError::TooLarge {
            bucket: "bkt".into(),
            key: "huge.yaml".into(),
            limit: MAX_TEMPLATE_BYTES,
        }),
    );
    map.insert(
        "bkt/io.yaml".into(),
        Err(TemplateSourceError::Unreadable {
            bucket: "bkt".into(),
            key: "io.yaml".into(),
            reason: "Input/output error".into(),
        }),
    );
    Files(map)
}

#[test]
fn a_template_is_read_through_its_url() {
    let read = read_template(&files(), "https://bkt.s3.amazonaws.com/ok.yaml");
    let TemplateRead::Parsed { template, text } = read else {
        panic!("expected a template, got {read:?}");
    };
    assert_eq!(template.resources[0].logical_id, "B");
    assert!(text.contains("Resources"));
}

#[test]
fn urls_without_a_safe_file_stay_opaque() {
    for url in [
        "https://bkt.s3.amazonaws.com/missing.yaml",
        "https://bkt.s3.amazonaws.com/../ok.yaml",
        "https://example.com/bkt/ok.yaml",
        "not a url",
    ] {
        assert_eq!(read_template(&files(), url), TemplateRead::NoFile, "{url}");
    }
    assert_eq!(
        read_template(&NoTemplates, "https://bkt.s3.amazonaws.com/ok.yaml"),
        TemplateRead::NoFile
    );
}

#[test]
fn bad_large_and_unreadable_files_are_told_apart() {
    assert!(matches!(
        read_template(&files(), "https://bkt.s3.amazonaws.com/bad.yaml"),
        TemplateRead::Invalid(TemplateError::Yaml { .. })
    ));
    assert_eq!(
        read_template(&files(), "s3://bkt/huge.yaml"),
        TemplateRead::Invalid(TemplateError::TooLarge {
            limit: MAX_TEMPLATE_BYTES
        })
    );
    assert!(matches!(
        read_template(&files(), "s3://bkt/io.yaml"),
        TemplateRead::Unreadable(TemplateSourceError::Unreadable { .. })
    ));
}
