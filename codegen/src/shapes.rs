//! The botocore model as the generator reads it ([`Ctx`]: shapes by name and by index, the
//! Rust type of each), and the `SHAPES` table every generated file opens with, which drives
//! validation and the CBOR and awsQuery codecs.

use std::collections::BTreeSet;
use std::fmt::Write;

use serde_json::{Map, Value};

/// One model's shapes; a shape's index is its position in `names`.
pub(crate) struct Ctx<'a> {
    pub(crate) shapes: &'a Map<String, Value>,
    pub(crate) names: Vec<&'a String>,
}

impl<'a> Ctx<'a> {
    pub(crate) fn index(&self, name: &str) -> usize {
        self.names
            .iter()
            .position(|n| n.as_str() == name)
            .unwrap_or_else(|| {
                panic!("model refers to unknown shape {name}");
            })
    }
    pub(crate) fn shape(&self, name: &str) -> &'a Map<String, Value> {
        self.shapes[name].as_object().expect("shape is an object")
    }
    pub(crate) fn kind(&self, name: &str) -> &'a str {
        self.shape(name)["type"].as_str().expect("shape has a type")
    }
    pub(crate) fn is_enum(&self, name: &str) -> bool {
        self.kind(name) == "string" && self.shape(name).contains_key("enum")
    }
    pub(crate) fn is_exception(&self, name: &str) -> bool {
        self.shape(name)
            .get("exception")
            .and_then(Value::as_bool)
            .unwrap_or(false)
    }

    /// The Rust type of a value of shape `name`.
    pub(crate) fn rust_type(&self, name: &str) -> String {
        let shape = self.shape(name);
        match self.kind(name) {
            "string" if self.is_enum(name) => name.to_string(),
            "string" => "::std::string::String".into(),
            "integer" => "i32".into(),
            "long" => "i64".into(),
            "boolean" => "bool".into(),
            "double" | "float" => "f64".into(),
            "timestamp" => "crate::primitives::Timestamp".into(),
            "blob" => "crate::primitives::Blob".into(),
            "list" => format!(
                "::std::vec::Vec<{}>",
                self.rust_type(member_shape(shape, "member"))
            ),
            "map" => format!(
                "::std::collections::BTreeMap<::std::string::String, {}>",
                self.rust_type(member_shape(shape, "value"))
            ),
            "structure" => name.to_string(),
            other => panic!("unsupported shape type {other} for {name}"),
        }
    }
}

pub(crate) fn member_shape<'m>(shape: &'m Map<String, Value>, key: &str) -> &'m str {
    shape[key]["shape"].as_str().expect("member has a shape")
}

pub(crate) fn opt_u64(shape: &Map<String, Value>, key: &str) -> String {
    match shape.get(key).and_then(Value::as_i64) {
        Some(v) => format!("Some({v})"),
        None => "None".into(),
    }
}

pub(crate) fn lit(s: &str) -> String {
    format!("{s:?}")
}

/// The name of an operation's input or output type: its shape, or `<Op>Input`/`<Op>Output`
/// (synthesised empty) when the model gives none.
pub(crate) fn io_type(op_name: &str, op: &Value, key: &str) -> String {
    op.get(key)
        .and_then(|v| v.get("shape"))
        .and_then(Value::as_str)
        .map_or_else(
            || {
                format!(
                    "{op_name}{}",
                    if key == "input" { "Input" } else { "Output" }
                )
            },
            str::to_string,
        )
}

pub(crate) fn emit_shape_table(out: &mut String, ctx: &Ctx) {
    out.push_str(
        "/// Every shape of the model, indexed by position; members refer to shapes by index.\n",
    );
    out.push_str("pub static SHAPES: &[ShapeDef] = &[\n");
    for name in &ctx.names {
        let shape = ctx.shape(name);
        let kind = match ctx.kind(name) {
            "string" => {
                let enums: Vec<String> = shape
                    .get("enum")
                    .and_then(Value::as_array)
                    .map(|a| a.iter().filter_map(Value::as_str).map(lit).collect())
                    .unwrap_or_default();
                format!(
                    "ShapeKind::String {{ min: {}, max: {}, pattern: {}, enum_values: &[{}] }}",
                    opt_u64(shape, "min"),
                    opt_u64(shape, "max"),
                    shape
                        .get("pattern")
                        .and_then(Value::as_str)
                        .map_or("None".into(), |p| format!("Some({})", lit(p))),
                    enums.join(", ")
                )
            }
            "integer" | "long" => format!(
                "ShapeKind::Integer {{ min: {}, max: {} }}",
                opt_u64(shape, "min"),
                opt_u64(shape, "max")
            ),
            "boolean" => "ShapeKind::Boolean".into(),
            "double" | "float" => "ShapeKind::Double".into(),
            "timestamp" => "ShapeKind::Timestamp".into(),
            "blob" => format!(
                "ShapeKind::Blob {{ min: {}, max: {} }}",
                opt_u64(shape, "min"),
                opt_u64(shape, "max")
            ),
            "list" => format!(
                "ShapeKind::List {{ member: {}, min: {}, max: {} }}",
                ctx.index(member_shape(shape, "member")),
                opt_u64(shape, "min"),
                opt_u64(shape, "max")
            ),
            "map" => format!(
                "ShapeKind::Map {{ key: {}, value: {}, min: {}, max: {} }}",
                ctx.index(member_shape(shape, "key")),
                ctx.index(member_shape(shape, "value")),
                opt_u64(shape, "min"),
                opt_u64(shape, "max")
            ),
            "structure" => {
                let required: BTreeSet<&str> = shape
                    .get("required")
                    .and_then(Value::as_array)
                    .map(|a| a.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default();
                let members: Vec<String> = shape
                    .get("members")
                    .and_then(Value::as_object)
                    .map(|m| {
                        m.iter()
                            .map(|(mname, mdef)| {
                                format!(
                                    "MemberDef {{ name: {}, shape: {}, required: {} }}",
                                    lit(mname),
                                    ctx.index(mdef["shape"].as_str().expect("member shape")),
                                    required.contains(mname.as_str())
                                )
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                format!(
                    "ShapeKind::Structure {{ members: &[{}] }}",
                    members.join(", ")
                )
            }
            other => panic!("unsupported shape type {other}"),
        };
        let _ = writeln!(out, "    ShapeDef {{ name: {}, kind: {kind} }},", lit(name));
    }
    out.push_str("];\n\n");
}
