//! The Rust types of a model's shapes: a struct per structure (members optional unless
//! required, wire names kept by serde) and an enum per string enum (variants keep the wire
//! spelling).

use std::collections::BTreeSet;
use std::fmt::Write;

use serde_json::{Map, Value};

use crate::names::{field_ident, variant_ident};
use crate::shapes::{io_type, lit, Ctx};

pub(crate) fn emit_types(out: &mut String, ctx: &Ctx, operations: &Map<String, Value>) {
    // Operations without an input or output shape get an empty structure, so every
    // operation has the same signature.
    for (name, op) in operations {
        for key in ["input", "output"] {
            if op.get(key).is_none() {
                let ty = io_type(name, op, key);
                assert!(
                    !ctx.shapes.contains_key(&ty),
                    "synthesised {ty} collides with a shape"
                );
                let _ = writeln!(
                    out,
                    "/// `{name}` has no {key} members.\n#[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]\npub struct {ty} {{}}\n"
                );
            }
        }
    }
    for name in &ctx.names {
        let shape = ctx.shape(name);
        if ctx.is_enum(name) {
            emit_enum(out, name, shape);
        } else if ctx.kind(name) == "structure" && !ctx.is_exception(name) {
            emit_struct(out, ctx, name, shape);
        }
    }
}

fn emit_enum(out: &mut String, name: &str, shape: &Map<String, Value>) {
    let values: Vec<&str> = shape["enum"]
        .as_array()
        .expect("enum")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let _ = writeln!(
        out,
        "/// The `{name}` enum; variants keep the wire spelling."
    );
    out.push_str("#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, ::serde::Serialize, ::serde::Deserialize)]\n");
    let _ = writeln!(out, "pub enum {name} {{");
    for (i, v) in values.iter().enumerate() {
        if i == 0 {
            out.push_str("    #[default]\n");
        }
        let _ = writeln!(
            out,
            "    #[serde(rename = {})]\n    {},",
            lit(v),
            variant_ident(v)
        );
    }
    out.push_str("}\n\n");
    let _ = writeln!(out, "impl {name} {{");
    out.push_str("    /// Every value, in model order.\n");
    let _ = writeln!(
        out,
        "    pub const ALL: &'static [{name}] = &[{}];",
        values
            .iter()
            .map(|v| format!("{name}::{}", variant_ident(v)))
            .collect::<Vec<_>>()
            .join(", ")
    );
    out.push_str("    /// The wire value.\n    pub fn as_str(self) -> &'static str {\n        match self {\n");
    for v in &values {
        let _ = writeln!(
            out,
            "            {name}::{} => {},",
            variant_ident(v),
            lit(v)
        );
    }
    out.push_str("        }\n    }\n");
    out.push_str("    /// Parses a wire value.\n    pub fn from_wire(value: &str) -> Option<Self> {\n        match value {\n");
    for v in &values {
        let _ = writeln!(
            out,
            "            {} => Some({name}::{}),",
            lit(v),
            variant_ident(v)
        );
    }
    out.push_str("            _ => None,\n        }\n    }\n}\n\n");
    let _ = writeln!(
        out,
        "impl ::std::fmt::Display for {name} {{\n    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {{ f.write_str(self.as_str()) }}\n}}\n"
    );
}

fn emit_struct(out: &mut String, ctx: &Ctx, name: &str, shape: &Map<String, Value>) {
    let required: BTreeSet<&str> = shape
        .get("required")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let _ = writeln!(out, "/// The `{name}` structure.");
    out.push_str(
        "#[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]\n",
    );
    let _ = writeln!(out, "pub struct {name} {{");
    if let Some(members) = shape.get("members").and_then(Value::as_object) {
        for (mname, mdef) in members {
            let ty = ctx.rust_type(mdef["shape"].as_str().expect("member shape"));
            let field = field_ident(mname);
            let _ = writeln!(out, "    /// `{mname}`");
            if required.contains(mname.as_str()) {
                let _ = writeln!(
                    out,
                    "    #[serde(rename = {})]\n    pub {field}: {ty},",
                    lit(mname)
                );
            } else {
                let _ = writeln!(
                    out,
                    "    #[serde(rename = {}, default, skip_serializing_if = \"::std::option::Option::is_none\")]\n    pub {field}: ::std::option::Option<{ty}>,",
                    lit(mname)
                );
            }
        }
    }
    out.push_str("}\n\n");
}
