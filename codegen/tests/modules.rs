//! The shape of the source tree, checked on every `cargo test`: no two modules of a crate
//! import each other (directly or through others), and no hand-written file grows past 400
//! lines. Generated files (`generated.rs`, marked `@generated`) are exempt from the length
//! rule.
//!
//! A module is a source file; it imports another when it names it, or an item in it, in a
//! `crate::…` or `super::…` path (a `use`, a re-export, or a path in code). Declaring a child
//! (`mod x;`) is not an import.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const MAX_LINES: usize = 400;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every crate's `src` directory.
fn crates() -> Vec<PathBuf> {
    let mut out = vec![repo().join("codegen/src")];
    for dir in ["crates", "bench"] {
        let Ok(entries) = std::fs::read_dir(repo().join(dir)) else {
            continue;
        };
        let mut entries: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
        entries.sort();
        out.extend(
            entries
                .into_iter()
                .map(|p| p.join("src"))
                .filter(|p| p.is_dir()),
        );
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module path of a file: `catalog::share::create` for `src/catalog/share/create.rs`,
/// `catalog` for `src/catalog/mod.rs`, the empty path for `lib.rs` / `main.rs`.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap_or(file).with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

/// The code of a file without comments and string literals, which may name paths that are
/// not imports.
fn code(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i..].starts_with(b"//") {
            while i < bytes.len() && bytes[i] != b'\n' {
                i += 1;
            }
        } else if bytes[i..].starts_with(b"/*") {
            i += 2;
            while i < bytes.len() && !bytes[i..].starts_with(b"*/") {
                i += 1;
            }
            i += 2;
        } else if bytes[i] == b'"' {
            i += 1;
            while i < bytes.len() && bytes[i] != b'"' {
                i += if bytes[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
        } else {
            out.push(char::from(bytes[i]));
            i += 1;
        }
    }
    out
}

/// Every path of two segments or more (`a::b`, `crate::x::Y`, `super::z`), as segments,
/// with one level of `{a, b::c}` groups expanded.
fn paths(code: &str) -> Vec<Vec<String>> {
    let bytes = code.as_bytes();
    let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        // The start of an identifier that begins a path.
        if !ident(bytes[i]) || (i > 0 && (ident(bytes[i - 1]) || bytes[i - 1] == b':')) {
            i += 1;
            continue;
        }
        let rest = &code[i..];
        let end = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
            .unwrap_or(rest.len());
        let text = &rest[..end];
        let after = &rest[end..];
        i += end.max(1);
        if !text.contains("::") {
            continue;
        }
        let head: Vec<String> = text
            .split("::")
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        if text.ends_with("::") && after.starts_with('{') {
            let close = after.find('}').unwrap_or(after.len());
            for item in after[1..close].split(',') {
                let mut p = head.clone();
                p.extend(
                    item.trim()
                        .split("::")
                        .map(|s| s.split_whitespace().next().unwrap_or("").to_string())
                        .filter(|s| !s.is_empty() && s != "self" && s != "*"),
                );
                out.push(p);
            }
        } else {
            out.push(head);
        }
    }
    out
}

/// The module a path names (its longest prefix that is a module), relative to `from`:
/// `crate::…`, `super::…`, `self::…`, or a child module of `from`. Paths into other crates
/// name nothing here.
fn target(
    modules: &BTreeSet<Vec<String>>,
    from: &[String],
    path: &[String],
) -> Option<Vec<String>> {
    let mut segments = path.iter().peekable();
    let mut base: Vec<String> = match segments.peek().map(|s| s.as_str()) {
        Some("crate") => {
            segments.next();
            Vec::new()
        }
        Some("super") => {
            let mut b = from.to_vec();
            while segments.peek().is_some_and(|s| *s == "super") {
                segments.next();
                b.pop();
            }
            b
        }
        Some("self") => {
            segments.next();
            from.to_vec()
        }
        Some(first) => {
            let mut child = from.to_vec();
            child.push(first.to_string());
            if !modules.contains(&child) {
                return None;
            }
            from.to_vec()
        }
        None => return None,
    };
    let mut best = base.clone();
    for seg in segments {
        base.push(seg.clone());
        if modules.contains(&base) {
            best.clone_from(&base);
        } else {
            break;
        }
    }
    Some(best)
}

/// The import graph of one crate.
fn graph(src: &Path) -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let modules: BTreeSet<Vec<String>> = files.iter().map(|f| module_of(src, f)).collect();
    let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for file in &files {
        let from = module_of(src, file);
        let text = std::fs::read_to_string(file).unwrap_or_default();
        let code = code(&text);
        let code = code.split("#[cfg(test)]").next().unwrap_or("");
        for p in paths(code) {
            if let Some(to) = target(&modules, &from, &p) {
                // The crate root only wires modules together; a path through it names the
                // module behind the re-export, which the checker cannot follow.
                if to != from && !to.is_empty() && !from.is_empty() {
                    edges.entry(from.clone()).or_default().insert(to);
                }
            }
        }
    }
    edges
}

/// Modules on a cycle, as the cycle.
fn cycles(edges: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    for start in edges.keys() {
        // Depth-first search for a path back to `start`.
        let mut stack = vec![(start.clone(), vec![start.join("::")])];
        let mut seen = BTreeSet::new();
        while let Some((node, trail)) = stack.pop() {
            for next in edges.get(&node).into_iter().flatten() {
                if next == start {
                    let mut c = trail.clone();
                    c.push(start.join("::"));
                    found.push(c);
                } else if seen.insert(next.clone()) {
                    let mut t = trail.clone();
                    t.push(next.join("::"));
                    stack.push((next.clone(), t));
                }
            }
        }
    }
    found
}

#[test]
fn no_module_imports_another_that_imports_it() {
    let mut problems = Vec::new();
    for src in crates() {
        for cycle in cycles(&graph(&src)) {
            problems.push(format!("{}: {}", src.display(), cycle.join(" -> ")));
        }
    }
    problems.sort();
    problems.dedup_by(|a, b| {
        let key = |s: &str| {
            let mut parts: Vec<String> = s.split(" -> ").map(str::to_string).collect();
            parts.sort();
            parts
        };
        key(a) == key(b)
    });
    assert!(
        problems.is_empty(),
        "import cycles:\n{}",
        problems.join("\n")
    );
}

#[test]
fn hand_written_files_stay_under_400_lines() {
    let mut long = Vec::new();
    let mut roots = crates();
    roots.extend([
        repo().join("crates/store/tests"),
        repo().join("crates/server/tests"),
    ]);
    for src in roots {
        let mut files = Vec::new();
        rust_files(&src, &mut files);
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            if text.lines().take(3).any(|l| l.contains("@generated")) {
                continue;
            }
            let n = text.lines().count();
            if n > MAX_LINES {
                long.push(format!("{} ({n} lines)", file.display()));
            }
        }
    }
    assert!(
        long.is_empty(),
        "files over {MAX_LINES} lines:\n{}",
        long.join("\n")
    );
}

#[test]
fn the_checker_sees_paths_groups_and_super() {
    let p = paths("use crate::a::{b, c::D};\nlet x = super::e::f();\nuse child::g;");
    assert!(p.contains(&vec!["crate".into(), "a".into(), "b".into()]));
    assert!(p.contains(&vec!["crate".into(), "a".into(), "c".into(), "D".into()]));
    assert!(p.contains(&vec!["super".into(), "e".into(), "f".into()]));
    assert!(p.contains(&vec!["child".into(), "g".into()]));
    let modules: BTreeSet<Vec<String>> = [vec!["a".to_string()], vec!["a".into(), "c".into()]]
        .into_iter()
        .collect();
    let from = vec!["a".to_string(), "x".to_string()];
    assert_eq!(
        target(&modules, &from, &["super".into(), "c".into(), "D".into()]),
        Some(vec!["a".to_string(), "c".to_string()])
    );
    assert!(code("// crate::x\n\"crate::y\"").find("crate::").is_none());
}
