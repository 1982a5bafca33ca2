//! sclocal-codegen: turns the trimmed AWS service models in `model/` into
//! `crates/api/src/<service>/generated.rs`.
//!
//! Each generated file holds, for one service: the shape table that drives validation and the
//! CBOR/awsQuery codecs, the typed input/output structures and enums, the error codes the model
//! declares (plus the AWS common errors), the operation list, the service trait with a
//! "not implemented" default body per operation (the s3s pattern) and the dispatcher.
//!
//! `cargo run -p sclocal-codegen` rewrites the files; `-- --check` fails when they differ from
//! what the models produce (CI runs it).

mod emit;
mod impls;
mod names;
mod shapes;
mod types;

use std::path::Path;
use std::process::{Command, ExitCode, Stdio};

use serde_json::Value;

/// One service to generate.
struct Service {
    /// File stem in `model/` and module name in `sclocal-api`.
    module: &'static str,
    /// The Rust trait name.
    trait_name: &'static str,
    /// The Smithy namespace, used for absolute shape ids in RPC v2 CBOR errors.
    namespace: &'static str,
    /// The directory of `crates/core/src` holding its operations.
    core_dir: &'static str,
}

const SERVICES: &[Service] = &[
    Service {
        module: "servicecatalog",
        trait_name: "ServiceCatalog",
        namespace: "com.amazonaws.servicecatalog",
        core_dir: "catalog",
    },
    Service {
        module: "organizations",
        trait_name: "Organizations",
        namespace: "com.amazonaws.organizations",
        core_dir: "organizations",
    },
    Service {
        module: "sts",
        trait_name: "Sts",
        namespace: "com.amazonaws.sts",
        core_dir: "sts",
    },
];

fn main() -> ExitCode {
    let check = std::env::args().any(|a| a == "--check");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut stale = Vec::new();
    for service in SERVICES {
        let model_path = root.join("model").join(format!("{}.json", service.module));
        let model: Value = match std::fs::read_to_string(&model_path)
            .map_err(|e| e.to_string())
            .and_then(|text| serde_json::from_str(&text).map_err(|e| e.to_string()))
        {
            Ok(v) => v,
            Err(e) => {
                eprintln!("cannot read {}: {e}", model_path.display());
                return ExitCode::FAILURE;
            }
        };
        let api = emit::generate(
            service.module,
            service.trait_name,
            service.namespace,
            &model,
        );
        let core_src = root.join("crates/core/src");
        let core = match impls::generate(
            service.module,
            service.trait_name,
            &core_src,
            service.core_dir,
            &model,
        ) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("cannot generate the {} implementation: {e}", service.module);
                return ExitCode::FAILURE;
            }
        };
        let outputs = [
            (
                api,
                root.join("crates/api/src")
                    .join(service.module)
                    .join("generated.rs"),
            ),
            (core, core_src.join(service.core_dir).join("generated.rs")),
        ];
        for (source, out) in outputs {
            let formatted = match rustfmt(&source, &root) {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("rustfmt failed for {}: {e}", out.display());
                    return ExitCode::FAILURE;
                }
            };
            let current = std::fs::read_to_string(&out).unwrap_or_default();
            if current == formatted {
                continue;
            }
            if check {
                stale.push(out.display().to_string());
            } else if let Err(e) = std::fs::write(&out, formatted) {
                eprintln!("cannot write {}: {e}", out.display());
                return ExitCode::FAILURE;
            } else {
                println!("wrote {}", out.display());
            }
        }
    }
    if stale.is_empty() {
        ExitCode::SUCCESS
    } else {
        eprintln!(
            "generated code is stale; run `cargo run -p sclocal-codegen`: {}",
            stale.join(", ")
        );
        ExitCode::FAILURE
    }
}

/// Formats generated source with the toolchain's rustfmt so the committed files are stable.
fn rustfmt(source: &str, root: &Path) -> Result<String, String> {
    use std::io::Write;
    let mut child = Command::new("rustfmt")
        .args([
            "--edition",
            "2021",
            "--emit",
            "stdout",
            "--quiet",
            "--config-path",
        ])
        .arg(root.join("rustfmt.toml"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| e.to_string())?;
    child
        .stdin
        .take()
        .ok_or("no stdin")?
        .write_all(source.as_bytes())
        .map_err(|e| e.to_string())?;
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    String::from_utf8(out.stdout).map_err(|e| e.to_string())
}
