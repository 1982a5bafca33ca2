//! The template directory never reads outside itself, never reads too much, and reads only
//! regular files.

use std::fs;
use std::path::Path;

use sclocal_core::cloudformation::{TemplateSource, TemplateSourceError, MAX_TEMPLATE_BYTES};

use super::TemplateDir;

/// `base/templates` (the root) and `base/outside/secret.yaml` (what must never be read).
fn layout() -> (tempfile::TempDir, TemplateDir) {
    let base = tempfile::tempdir().expect("temp dir");
    let root = base.path().join("templates");
    fs::create_dir_all(root.join("bkt/dir/sub")).expect("mkdir");
    fs::write(root.join("bkt/dir/sub/t.yaml"), b"Resources: {}\n").expect("write");
    fs::create_dir_all(base.path().join("outside")).expect("mkdir");
    fs::write(base.path().join("outside/secret.yaml"), b"secret").expect("write");
    let dir = TemplateDir::open(&root).expect("open root");
    (base, dir)
}

fn read(dir: &TemplateDir, bucket: &str, key: &str) -> Option<Vec<u8>> {
    dir.template(bucket, key).expect("no I/O error")
}

#[test]
fn a_nested_key_is_read() {
    let (_base, dir) = layout();
    assert_eq!(
        read(&dir, "bkt", "dir/sub/t.yaml"),
        Some(b"Resources: {}\n".to_vec())
    );
    assert!(dir.path().ends_with("templates"));
}

#[test]
fn a_missing_file_or_bucket_is_no_file() {
    let (_base, dir) = layout();
    assert_eq!(read(&dir, "bkt", "dir/nope.yaml"), None);
    assert_eq!(read(&dir, "nobucket", "t.yaml"), None);
    assert_eq!(
        read(&dir, "bkt", "dir/sub/t.yaml/more"),
        None,
        "a file used as a directory"
    );
}

#[test]
fn climbing_out_with_dot_dot_is_no_file() {
    let (_base, dir) = layout();
    assert_eq!(read(&dir, "bkt", "../../outside/secret.yaml"), None);
    assert_eq!(read(&dir, "bkt", "dir/../../../outside/secret.yaml"), None);
    assert_eq!(read(&dir, "..", "outside/secret.yaml"), None);
    assert_eq!(read(&dir, ".", "bkt/dir/sub/t.yaml"), None);
}

#[test]
fn absolute_and_odd_keys_are_no_file() {
    let (base, dir) = layout();
    let absolute = base.path().join("outside/secret.yaml");
    let absolute = absolute.to_str().expect("utf-8 path");
    assert_eq!(read(&dir, "bkt", absolute), None);
    assert_eq!(read(&dir, "bkt", "/etc/passwd"), None);
    assert_eq!(read(&dir, "bkt", "dir//sub/t.yaml"), None);
    assert_eq!(read(&dir, "bkt", "dir\\sub\\t.yaml"), None);
    assert_eq!(read(&dir, "bkt", "dir/sub/t.yaml\0"), None);
    assert_eq!(read(&dir, "a/b", "t.yaml"), None);
}

#[cfg(unix)]
#[test]
fn a_symlink_pointing_outside_is_no_file() {
    let (base, dir) = layout();
    let root = base.path().join("templates");
    std::os::unix::fs::symlink(
        base.path().join("outside/secret.yaml"),
        root.join("bkt/link.yaml"),
    )
    .expect("symlink");
    std::os::unix::fs::symlink("../../outside/secret.yaml", root.join("bkt/rel.yaml"))
        .expect("symlink");
    std::os::unix::fs::symlink("/etc/passwd", root.join("bkt/passwd")).expect("symlink");
    assert_eq!(read(&dir, "bkt", "link.yaml"), None);
    assert_eq!(read(&dir, "bkt", "rel.yaml"), None);
    assert_eq!(read(&dir, "bkt", "passwd"), None);
}

#[cfg(unix)]
#[test]
fn a_symlinked_bucket_pointing_outside_is_no_file() {
    let (base, dir) = layout();
    let root = base.path().join("templates");
    std::os::unix::fs::symlink(base.path().join("outside"), root.join("evil")).expect("symlink");
    std::os::unix::fs::symlink(base.path().join("outside"), root.join("bkt/dir/evil"))
        .expect("symlink");
    assert_eq!(read(&dir, "evil", "secret.yaml"), None);
    assert_eq!(read(&dir, "bkt", "dir/evil/secret.yaml"), None);
}

#[cfg(unix)]
#[test]
fn symlinks_that_stay_inside_are_followed() {
    let (base, dir) = layout();
    let root = base.path().join("templates");
    std::os::unix::fs::symlink("sub/t.yaml", root.join("bkt/dir/alias.yaml")).expect("symlink");
    std::os::unix::fs::symlink("bkt", root.join("mirror")).expect("symlink");
    assert_eq!(
        read(&dir, "bkt", "dir/alias.yaml"),
        Some(b"Resources: {}\n".to_vec())
    );
    assert_eq!(
        read(&dir, "mirror", "dir/sub/t.yaml"),
        Some(b"Resources: {}\n".to_vec())
    );
}

#[test]
fn a_directory_named_like_the_key_is_no_file() {
    let (_base, dir) = layout();
    assert_eq!(read(&dir, "bkt", "dir/sub"), None);
    assert_eq!(read(&dir, "bkt", "dir"), None);
}

#[test]
fn an_oversized_file_is_refused_without_being_read() {
    let (base, dir) = layout();
    let root = base.path().join("templates");
    // A sparse 10 GiB file: refused from its size alone.
    let huge = fs::File::create(root.join("bkt/huge.yaml")).expect("create");
    huge.set_len(10 << 30).expect("sparse length");
    assert_eq!(
        dir.template("bkt", "huge.yaml"),
        Err(TemplateSourceError::TooLarge {
            bucket: "bkt".into(),
            key: "huge.yaml".into(),
            limit: MAX_TEMPLATE_BYTES,
        })
    );
    fs::write(root.join("bkt/limit.yaml"), vec![b'#'; MAX_TEMPLATE_BYTES]).expect("write");
    assert_eq!(
        read(&dir, "bkt", "limit.yaml").map(|b| b.len()),
        Some(MAX_TEMPLATE_BYTES)
    );
    let small = TemplateDir::open(&root).expect("open").with_max_bytes(4);
    assert!(matches!(
        small.template("bkt", "dir/sub/t.yaml"),
        Err(TemplateSourceError::TooLarge { limit: 4, .. })
    ));
}

#[cfg(unix)]
#[test]
fn a_fifo_is_no_file_and_does_not_block() {
    let (base, dir) = layout();
    let fifo = base.path().join("templates/bkt/pipe.yaml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    assert_eq!(read(&dir, "bkt", "pipe.yaml"), None);
}

#[test]
fn the_root_must_be_a_directory() {
    let base = tempfile::tempdir().expect("temp dir");
    let file = base.path().join("file");
    fs::write(&file, b"x").expect("write");
    assert!(TemplateDir::open(&file).is_err());
    assert!(TemplateDir::open(Path::new("/nonexistent/sclocal/templates")).is_err());
}
