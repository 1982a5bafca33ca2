//! Proves that the suite calls every method of the storage contract: it reads the method
//! names declared in the `pub trait … { … }` blocks of core's `store/*.rs` and fails, naming
//! them, when one never appears as `.name(` in the suite's sources. A method added to the
//! contract without a conformance test fails here.

use std::fs;
use std::path::{Path, PathBuf};

/// The `.rs` files of `dir`, sorted.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "rs"))
        .collect();
    files.sort();
    files
}

/// The names of the methods declared in the `pub trait` blocks of `text`: from a line that
/// starts `pub trait` through the line that opens its body, to the `}` that closes it at the
/// start of a line; inside, every line that starts (after indentation) with `fn` or
/// `async fn`.
fn trait_methods(text: &str) -> Vec<String> {
    let (mut header, mut body) = (false, false);
    let mut names = Vec::new();
    for line in text.lines() {
        if body {
            if line.starts_with('}') {
                body = false;
                continue;
            }
            let code = line.trim_start();
            let code = code.strip_prefix("async ").unwrap_or(code);
            if let Some(rest) = code.strip_prefix("fn ") {
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                names.push(name);
            }
            continue;
        }
        header |= line.starts_with("pub trait ");
        if header && line.contains('{') {
            header = false;
            // `pub trait X: Y {}` has no body to read.
            body = !line.trim_end().ends_with('}');
        }
    }
    names
}

#[test]
fn every_method_of_every_store_trait_is_called_by_the_suite() {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let contract_dir = crate_dir.join("../core/src/store");
    let mut methods = Vec::new();
    for file in sources(&contract_dir) {
        let text = fs::read_to_string(&file).unwrap();
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        methods.extend(trait_methods(&text).into_iter().map(|m| (m, name.clone())));
    }
    // The reading itself must work: a parser that finds nothing would prove nothing.
    for known in [
        "run_read",
        "run_write",
        "reset",
        "lock",
        "claim_job",
        "portfolios_of",
    ] {
        assert!(
            methods.iter().any(|(m, _)| m == known),
            "the contract's `{known}` was not found; is the parser still right?"
        );
    }
    assert!(methods.len() > 100, "only {} methods found", methods.len());

    let tests_dir = crate_dir.join("tests");
    let mut suite = fs::read_to_string(tests_dir.join("conformance.rs")).unwrap();
    for file in sources(&tests_dir.join("conformance")) {
        // This file names methods without calling them.
        if file.file_name().is_some_and(|n| n != "coverage.rs") {
            suite.push_str(&fs::read_to_string(&file).unwrap());
        }
    }
    let never_called: Vec<String> = methods
        .iter()
        .filter(|(m, _)| !suite.contains(&format!(".{m}(")))
        .map(|(m, file)| format!("{m} ({file})"))
        .collect();
    assert!(
        never_called.is_empty(),
        "store methods the conformance suite never calls: {never_called:?}"
    );
}

#[test]
fn the_parser_reads_trait_bodies_only() {
    let text = "pub trait A: B\n    + C\n{\n    /// Doc.\n    fn one(&self);\n    \
                async fn two(\n        &self,\n    );\n}\n\nimpl A for X {\n    fn three() {}\n}\n\
                pub trait D {}\nfn four() {}\npub trait E {\n    fn five<T>(&self) {\n        \
                body();\n    }\n}\n";
    assert_eq!(trait_methods(text), ["one", "two", "five"]);
}
