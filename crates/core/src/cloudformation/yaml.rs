//! YAML templates → JSON values, with CloudFormation's short-form tags turned into their long
//! forms (`!Ref X` → `{"Ref": "X"}`, `!Sub s` → `{"Fn::Sub": s}`, `!GetAtt A.B` →
//! `{"Fn::GetAtt": ["A", "B"]}`; spec provisioning §6.2).
//!
//! Built from yaml-rust2's event stream with an explicit stack, never by recursion, so depth is
//! checked before anything deep exists: a container deeper than [`MAX_TEMPLATE_DEPTH`] stops the
//! parse. Aliases are refused as CloudFormation refuses them ("CloudFormation template
//! formats": aliases, hash merges and the binary/omap/pairs/set/timestamp tags are not
//! supported), which also means an alias bomb never expands.
//!
//! Plain scalars follow the YAML 1.2 core schema where it matters for JSON: `null`/`~`/empty,
//! `true`/`false` and canonical decimal integers become JSON null, booleans and numbers; every
//! other scalar (floats included, so `2.50` keeps its text) stays a string.
//! DEVIATION(aws): CloudFormation parses YAML 1.1, where `yes`/`no`/`on`/`off` are booleans and
//! `0123` is octal; sclocal keeps them as the strings written.

use serde_json::{Map, Value};
use yaml_rust2::parser::{Event, Parser, Tag};
use yaml_rust2::scanner::{Marker, ScanError, TScalarStyle};

use super::error::TemplateError;
use super::limits::MAX_TEMPLATE_DEPTH;

/// The handle yaml-rust2 gives the `!!` shorthand.
const CORE_SCHEMA: &str = "tag:yaml.org,2002:";

/// CloudFormation's short-form function tags (`!Name`) and the long form each becomes.
const SHORT_FORMS: &[(&str, &str)] = &[
    ("Ref", "Ref"),
    ("Condition", "Condition"),
    ("And", "Fn::And"),
    ("Base64", "Fn::Base64"),
    ("Cidr", "Fn::Cidr"),
    ("Contains", "Fn::Contains"),
    ("EachMemberEquals", "Fn::EachMemberEquals"),
    ("EachMemberIn", "Fn::EachMemberIn"),
    ("Equals", "Fn::Equals"),
    ("FindInMap", "Fn::FindInMap"),
    ("GetAtt", "Fn::GetAtt"),
    ("GetAZs", "Fn::GetAZs"),
    ("If", "Fn::If"),
    ("ImportValue", "Fn::ImportValue"),
    ("Join", "Fn::Join"),
    ("Length", "Fn::Length"),
    ("Not", "Fn::Not"),
    ("Or", "Fn::Or"),
    ("RefAll", "Fn::RefAll"),
    ("Select", "Fn::Select"),
    ("Split", "Fn::Split"),
    ("Sub", "Fn::Sub"),
    ("ToJsonString", "Fn::ToJsonString"),
    ("Transform", "Fn::Transform"),
    ("ValueOf", "Fn::ValueOf"),
    ("ValueOfAll", "Fn::ValueOfAll"),
];

/// What a tag does to the node it is on.
#[derive(Debug, Clone, Copy)]
enum Wrap {
    /// No tag, or a core tag that changes nothing (`!!map`, `!!seq`).
    Plain,
    /// `!!str`: the scalar is a string whatever it looks like.
    Str,
    /// A CloudFormation function: the node becomes `{long_form: node}`.
    Function(&'static str),
}

/// A container being built.
enum Frame {
    Seq {
        items: Vec<Value>,
        wrap: Wrap,
        depth: usize,
    },
    Map {
        map: Map<String, Value>,
        key: Option<String>,
        wrap: Wrap,
        depth: usize,
    },
}

impl Frame {
    fn depth(&self) -> usize {
        match self {
            Frame::Seq { depth, .. } | Frame::Map { depth, .. } => *depth,
        }
    }
}

/// Parses one YAML document into a JSON value (see the module docs for the rules).
pub(crate) fn to_json(text: &str) -> Result<Value, TemplateError> {
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Frame> = Vec::new();
    let mut root: Option<Value> = None;
    loop {
        let (event, mark) = parser.next_token().map_err(|e| scan_error(&e))?;
        match event {
            Event::StreamEnd => break,
            // A second document: CloudFormation reads one template per file.
            Event::DocumentStart if root.is_some() => return Err(not_well_formed(mark)),
            Event::Nothing | Event::StreamStart | Event::DocumentStart | Event::DocumentEnd => {}
            Event::Alias(_) => return Err(TemplateError::YamlAlias),
            Event::Scalar(text, style, _, tag) => {
                let frame = stack.last_mut();
                if let Some(Frame::Map {
                    key: key @ None, ..
                }) = frame
                {
                    // Keys are names: their text is used as written.
                    *key = Some(text);
                    continue;
                }
                let parent = stack.last().map_or(0, Frame::depth);
                let value = scalar(text, style, tag.as_ref(), parent)?;
                place(&mut stack, &mut root, value, mark)?;
            }
            Event::SequenceStart(_, ref tag) | Event::MappingStart(_, ref tag) => {
                let is_sequence = matches!(event, Event::SequenceStart(..));
                let frame = open(&stack, tag.as_ref(), is_sequence, mark)?;
                stack.push(frame);
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let value = match stack.pop() {
                    Some(Frame::Seq { items, wrap, .. }) => wrapped(Value::Array(items), wrap),
                    Some(Frame::Map { map, wrap, .. }) => wrapped(Value::Object(map), wrap),
                    None => return Err(not_well_formed(mark)),
                };
                place(&mut stack, &mut root, value, mark)?;
            }
        }
    }
    root.ok_or(TemplateError::UnsupportedStructure)
}

/// A new container, checked before anything is built inside it: not a mapping key, not deeper
/// than [`MAX_TEMPLATE_DEPTH`].
fn open(
    stack: &[Frame],
    tag: Option<&Tag>,
    is_sequence: bool,
    mark: Marker,
) -> Result<Frame, TemplateError> {
    if let Some(Frame::Map { key: None, .. }) = stack.last() {
        // CloudFormation keys are strings; a container as key is no template.
        return Err(not_well_formed(mark));
    }
    let wrap = wrap_for(tag)?;
    let extra = usize::from(matches!(wrap, Wrap::Function(_)));
    let depth = stack.last().map_or(0, Frame::depth) + 1 + extra;
    if depth > MAX_TEMPLATE_DEPTH {
        return Err(TemplateError::TooDeep);
    }
    Ok(if is_sequence {
        Frame::Seq {
            items: Vec::new(),
            wrap,
            depth,
        }
    } else {
        Frame::Map {
            map: Map::new(),
            key: None,
            wrap,
            depth,
        }
    })
}

/// Puts a finished value into its parent (or makes it the document).
fn place(
    stack: &mut [Frame],
    root: &mut Option<Value>,
    value: Value,
    mark: Marker,
) -> Result<(), TemplateError> {
    match stack.last_mut() {
        Some(Frame::Seq { items, .. }) => items.push(value),
        Some(Frame::Map { map, key, .. }) => {
            let key = key.take().ok_or_else(|| not_well_formed(mark))?;
            // A repeated key replaces the earlier value, as for JSON templates.
            map.insert(key, value);
        }
        None if root.is_none() => *root = Some(value),
        None => return Err(not_well_formed(mark)),
    }
    Ok(())
}

/// The value of a scalar event.
fn scalar(
    text: String,
    style: TScalarStyle,
    tag: Option<&Tag>,
    parent_depth: usize,
) -> Result<Value, TemplateError> {
    match wrap_for(tag)? {
        Wrap::Plain if style == TScalarStyle::Plain => Ok(plain(text)),
        Wrap::Plain | Wrap::Str => Ok(Value::String(text)),
        Wrap::Function(name) => {
            if parent_depth + 1 > MAX_TEMPLATE_DEPTH {
                return Err(TemplateError::TooDeep);
            }
            // `!GetAtt Res.Attr` is the dotted short form of `[Res, Attr]`; the attribute may
            // itself contain dots (`Db.Endpoint.Address`).
            let argument = match (name, text.split_once('.')) {
                ("Fn::GetAtt", Some((resource, attribute))) => Value::Array(vec![
                    Value::String(resource.to_owned()),
                    Value::String(attribute.to_owned()),
                ]),
                _ => Value::String(text),
            };
            Ok(wrapped(argument, Wrap::Function(name)))
        }
    }
}

/// YAML 1.2 core-schema resolution of an untagged plain scalar (see the module docs).
fn plain(text: String) -> Value {
    match text.as_str() {
        "" | "~" | "null" | "Null" | "NULL" => Value::Null,
        "true" | "True" | "TRUE" => Value::Bool(true),
        "false" | "False" | "FALSE" => Value::Bool(false),
        digits if is_canonical_integer(digits) => digits
            .parse::<i64>()
            .map_or(Value::String(text), |n| Value::Number(n.into())),
        _ => Value::String(text),
    }
}

/// `0`, `42`, `-7`: integers whose JSON rendering is the text itself.
fn is_canonical_integer(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'))
        && text != "-0"
}

/// What a tag means, or why it is refused.
fn wrap_for(tag: Option<&Tag>) -> Result<Wrap, TemplateError> {
    let Some(tag) = tag else {
        return Ok(Wrap::Plain);
    };
    match tag.handle.as_str() {
        "!" => SHORT_FORMS
            .iter()
            .find(|(short, _)| *short == tag.suffix)
            .map(|(_, long)| Wrap::Function(long))
            .ok_or_else(|| TemplateError::UnsupportedTag(format!("!{}", tag.suffix))),
        CORE_SCHEMA => match tag.suffix.as_str() {
            "str" => Ok(Wrap::Str),
            "map" | "seq" | "int" | "float" | "bool" | "null" => Ok(Wrap::Plain),
            other => Err(TemplateError::UnsupportedTag(format!("!!{other}"))),
        },
        handle => Err(TemplateError::UnsupportedTag(format!(
            "{handle}{}",
            tag.suffix
        ))),
    }
}

fn wrapped(value: Value, wrap: Wrap) -> Value {
    match wrap {
        Wrap::Function(name) => {
            let mut map = Map::new();
            map.insert(name.to_owned(), value);
            Value::Object(map)
        }
        Wrap::Plain | Wrap::Str => value,
    }
}

fn scan_error(e: &ScanError) -> TemplateError {
    // yaml-rust2's scanner has its own bound on flow nesting; it refuses before we see the
    // events, so its refusal is ours.
    if e.info().contains("recursion limit") {
        return TemplateError::TooDeep;
    }
    not_well_formed(*e.marker())
}

/// CloudFormation's YAML parse error, 1-based.
fn not_well_formed(mark: Marker) -> TemplateError {
    TemplateError::Yaml {
        line: mark.line(),
        column: mark.col() + 1,
    }
}

#[cfg(test)]
mod tests;
