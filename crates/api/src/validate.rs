//! Input validation driven by the model, before any behaviour runs.
//!
//! Two outcomes besides success: a document whose JSON types do not fit the shapes (AWS answers
//! `SerializationException`), and constraint violations (required, length, range, pattern, enum),
//! which AWS's front end reports as
//! `1 validation error detected: Value '12345' at 'accountId' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[0-9]{12}$`.
//! Patterns are matched in full (settled in `shared/spec/open-questions-resolved.md` §8.2).
//! Member paths are lowerCamelCase, dotted for nested members, `.N.member` (1-based) in lists.

use std::sync::OnceLock;

use regex::Regex;
use serde_json::Value;

use crate::model::{MemberDef, ServiceModel, ShapeKind};

/// Why an input was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Invalid {
    /// The document does not fit the shapes' JSON types.
    Type(String),
    /// Constraint violations, in model order.
    Constraints(Vec<Violation>),
}

/// One failed constraint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// lowerCamelCase member path, e.g. `organizationNode.value`.
    pub path: String,
    /// The offending value as AWS prints it; `None` prints `null`.
    pub value: Option<String>,
    /// The constraint.
    pub constraint: Constraint,
}

/// The constraint a value failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Constraint {
    /// A required member is absent.
    Required,
    /// The value does not match the pattern (printed verbatim).
    Pattern(&'static str),
    /// Longer than allowed.
    MaxLength(i64),
    /// Shorter than allowed.
    MinLength(i64),
    /// Larger than allowed.
    MaxValue(i64),
    /// Smaller than allowed.
    MinValue(i64),
    /// Not one of the enum's values.
    Enum(&'static [&'static str]),
}

impl Violation {
    /// `Member must …`, AWS's wording for the constraint.
    pub fn constraint_text(&self) -> String {
        match &self.constraint {
            Constraint::Required => "Member must not be null".into(),
            Constraint::Pattern(p) => {
                format!("Member must satisfy regular expression pattern: {p}")
            }
            Constraint::MaxLength(n) => {
                format!("Member must have length less than or equal to {n}")
            }
            Constraint::MinLength(n) => {
                format!("Member must have length greater than or equal to {n}")
            }
            Constraint::MaxValue(n) => format!("Member must have value less than or equal to {n}"),
            Constraint::MinValue(n) => {
                format!("Member must have value greater than or equal to {n}")
            }
            Constraint::Enum(values) => {
                format!(
                    "Member must satisfy enum value set: [{}]",
                    values.join(", ")
                )
            }
        }
    }

    /// One item of the Coral message: `Value 'x' at 'path' failed to satisfy constraint: …`.
    pub fn describe(&self) -> String {
        let value = match &self.value {
            Some(v) => format!("'{v}'"),
            None => "null".into(),
        };
        format!(
            "Value {value} at '{}' failed to satisfy constraint: {}",
            self.path,
            self.constraint_text()
        )
    }
}

/// The whole message for a list of violations, as AWS's front end words it.
pub fn coral_message(violations: &[Violation]) -> String {
    let n = violations.len();
    let items: Vec<String> = violations.iter().map(Violation::describe).collect();
    format!(
        "{n} validation error{} detected: {}",
        if n == 1 { "" } else { "s" },
        items.join("; ")
    )
}

/// Validates documents against one service's model. Patterns compile on first use.
pub struct Validator {
    model: &'static ServiceModel,
    patterns: Vec<OnceLock<Option<Regex>>>,
}

impl std::fmt::Debug for Validator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Validator")
            .field("service", &self.model.module)
            .finish_non_exhaustive()
    }
}

impl Validator {
    /// A validator for `model`.
    pub fn new(model: &'static ServiceModel) -> Self {
        Validator {
            model,
            patterns: model.shapes.iter().map(|_| OnceLock::new()).collect(),
        }
    }

    /// The model this validator checks against.
    pub fn model(&self) -> &'static ServiceModel {
        self.model
    }

    /// Validates an operation's input document (`shape` is the input shape index; `None` for
    /// operations without input, which accept any object).
    ///
    /// # Errors
    /// [`Invalid::Type`] when the document's JSON types do not fit, else
    /// [`Invalid::Constraints`] with every violation found.
    pub fn validate(&self, shape: Option<usize>, doc: &Value) -> Result<(), Invalid> {
        if !doc.is_object() {
            return Err(Invalid::Type(format!(
                "{} can not be deserialized as a structure",
                token(doc)
            )));
        }
        let Some(shape) = shape else { return Ok(()) };
        let mut violations = Vec::new();
        self.check(shape, doc, "", &mut violations)
            .map_err(Invalid::Type)?;
        if violations.is_empty() {
            Ok(())
        } else {
            Err(Invalid::Constraints(violations))
        }
    }

    fn pattern(&self, shape: usize, pattern: &str) -> Option<&Regex> {
        self.patterns[shape]
            .get_or_init(|| match Regex::new(&full_match(pattern)) {
                Ok(r) => Some(r),
                Err(e) => {
                    tracing::error!(pattern, error = %e, "model pattern does not compile");
                    None
                }
            })
            .as_ref()
    }

    fn check(
        &self,
        shape: usize,
        value: &Value,
        path: &str,
        out: &mut Vec<Violation>,
    ) -> Result<(), String> {
        match &self.model.shape(shape).kind {
            ShapeKind::Structure { members } => self.check_structure(members, value, path, out),
            ShapeKind::List { member, min, max } => {
                let Value::Array(items) = value else {
                    return Err(mismatch(value, "list", path));
                };
                check_len(items.len(), *min, *max, value, path, out);
                for (i, item) in items.iter().enumerate() {
                    if !item.is_null() {
                        self.check(*member, item, &format!("{path}.{}.member", i + 1), out)?;
                    }
                }
                Ok(())
            }
            ShapeKind::Map {
                key,
                value: vshape,
                min,
                max,
            } => {
                let Value::Object(entries) = value else {
                    return Err(mismatch(value, "map", path));
                };
                check_len(entries.len(), *min, *max, value, path, out);
                for (k, v) in entries {
                    self.check(*key, &Value::String(k.clone()), &format!("{path}.key"), out)?;
                    if !v.is_null() {
                        self.check(*vshape, v, &format!("{path}.{k}"), out)?;
                    }
                }
                Ok(())
            }
            ShapeKind::String {
                min,
                max,
                pattern,
                enum_values,
            } => {
                let Value::String(s) = value else {
                    return Err(mismatch(value, "String", path));
                };
                check_len(s.chars().count(), *min, *max, value, path, out);
                if !enum_values.is_empty() && !enum_values.contains(&s.as_str()) {
                    out.push(violation(path, value, Constraint::Enum(enum_values)));
                } else if let Some(p) = pattern {
                    if self.pattern(shape, p).is_some_and(|re| !re.is_match(s)) {
                        out.push(violation(path, value, Constraint::Pattern(p)));
                    }
                }
                Ok(())
            }
            ShapeKind::Integer { min, max } => {
                let n = match value {
                    Value::Number(n) => n.as_i64().or_else(|| whole(n.as_f64()?)),
                    _ => None,
                };
                let Some(n) = n else {
                    return Err(mismatch(value, "Integer", path));
                };
                if let Some(max) = max.filter(|m| n > *m) {
                    out.push(violation(path, value, Constraint::MaxValue(max)));
                } else if let Some(min) = min.filter(|m| n < *m) {
                    out.push(violation(path, value, Constraint::MinValue(min)));
                }
                Ok(())
            }
            ShapeKind::Boolean => match value {
                Value::Bool(_) => Ok(()),
                _ => Err(mismatch(value, "Boolean", path)),
            },
            ShapeKind::Double | ShapeKind::Timestamp => match value {
                Value::Number(_) => Ok(()),
                _ => Err(mismatch(value, "Number", path)),
            },
            ShapeKind::Blob { min, max } => {
                let Value::String(s) = value else {
                    return Err(mismatch(value, "Blob", path));
                };
                check_len(s.len(), *min, *max, value, path, out);
                Ok(())
            }
        }
    }

    fn check_structure(
        &self,
        members: &'static [MemberDef],
        value: &Value,
        path: &str,
        out: &mut Vec<Violation>,
    ) -> Result<(), String> {
        let Value::Object(fields) = value else {
            return Err(mismatch(value, "structure", path));
        };
        for m in members {
            let member_path = if path.is_empty() {
                lower_camel(m.name)
            } else {
                format!("{path}.{}", lower_camel(m.name))
            };
            match fields.get(m.name) {
                None | Some(Value::Null) => {
                    if m.required {
                        out.push(Violation {
                            path: member_path,
                            value: None,
                            constraint: Constraint::Required,
                        });
                    }
                }
                Some(v) => self.check(m.shape, v, &member_path, out)?,
            }
        }
        Ok(())
    }
}

/// An integral float (`5.0`) as an integer; CBOR clients may send integers as floats.
#[expect(
    clippy::cast_possible_truncation,
    reason = "integral and within ±9e15, exact in i64"
)]
fn whole(f: f64) -> Option<i64> {
    (f.fract() == 0.0 && f.abs() < 9e15).then_some(f as i64)
}

fn check_len(
    len: usize,
    min: Option<i64>,
    max: Option<i64>,
    value: &Value,
    path: &str,
    out: &mut Vec<Violation>,
) {
    let len = i64::try_from(len).unwrap_or(i64::MAX);
    if let Some(max) = max.filter(|m| len > *m) {
        out.push(violation(path, value, Constraint::MaxLength(max)));
    } else if let Some(min) = min.filter(|m| len < *m) {
        out.push(violation(path, value, Constraint::MinLength(min)));
    }
}

fn violation(path: &str, value: &Value, constraint: Constraint) -> Violation {
    Violation {
        path: path.to_string(),
        value: Some(print_value(value)),
        constraint,
    }
}

/// Prints a value the way AWS's (Java) front end does: strings bare, lists `[a, b]`.
fn print_value(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Array(items) => {
            format!(
                "[{}]",
                items.iter().map(print_value).collect::<Vec<_>>().join(", ")
            )
        }
        Value::Object(map) => format!(
            "{{{}}}",
            map.iter()
                .map(|(k, v)| format!("{k}={}", print_value(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        other => other.to_string(),
    }
}

/// `PortfolioId` → `portfolioId`, `ARN` → `aRN` (AWS lowers only the first letter).
pub fn lower_camel(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(c) => c.to_ascii_lowercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

fn token(value: &Value) -> &'static str {
    match value {
        Value::Null => "VALUE_NULL",
        Value::Bool(true) => "VALUE_TRUE",
        Value::Bool(false) => "VALUE_FALSE",
        Value::Number(_) => "NUMBER_VALUE",
        Value::String(_) => "STRING_VALUE",
        Value::Array(_) => "START_ARRAY",
        Value::Object(_) => "START_OBJECT",
    }
}

fn mismatch(value: &Value, expected: &str, path: &str) -> String {
    match value {
        Value::Object(_) => "Start of structure or map found where not expected.".into(),
        Value::Array(_) => "Start of list found where not expected.".into(),
        _ if expected == "structure" || expected == "list" || expected == "map" => {
            format!(
                "Unexpected {} at '{path}': expected a {expected}",
                token(value)
            )
        }
        _ => format!("{} cannot be converted to {expected}", token(value)),
    }
}

/// Turns a Java-style model pattern into a Rust regex matched in full: `\d` and `\w` are ASCII
/// in Java but Unicode in Rust, so they are spelled out.
pub fn full_match(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut in_class = false;
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('d') => out.push_str(if in_class { "0-9" } else { "[0-9]" }),
                Some('w') => out.push_str(if in_class {
                    "0-9A-Za-z_"
                } else {
                    "[0-9A-Za-z_]"
                }),
                Some(n) => {
                    out.push('\\');
                    out.push(n);
                }
                None => out.push_str("\\\\"),
            },
            '[' if !in_class => {
                in_class = true;
                out.push(c);
                if chars.peek() == Some(&'^') {
                    out.push('^');
                    chars.next();
                }
                if chars.peek() == Some(&']') {
                    out.push_str("\\]");
                    chars.next();
                }
            }
            ']' if in_class => {
                in_class = false;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    format!("^(?:{out})$")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{organizations, servicecatalog, sts};
    use serde_json::json;

    fn sc() -> Validator {
        Validator::new(&servicecatalog::MODEL)
    }

    fn input_of(model: &ServiceModel, op: &str) -> Option<usize> {
        model.operation(op).and_then(|o| o.input)
    }

    #[test]
    fn every_model_pattern_compiles() {
        for model in [&servicecatalog::MODEL, &organizations::MODEL, &sts::MODEL] {
            for s in model.shapes {
                if let ShapeKind::String {
                    pattern: Some(p), ..
                } = s.kind
                {
                    assert!(Regex::new(&full_match(p)).is_ok(), "{} {p}", s.name);
                }
            }
        }
    }

    #[test]
    fn account_id_pattern_message_matches_aws() {
        let v = sc();
        let doc = json!({"PortfolioId": "port-abc", "AccountId": "12345"});
        let Err(Invalid::Constraints(vs)) = v.validate(
            input_of(&servicecatalog::MODEL, "CreatePortfolioShare"),
            &doc,
        ) else {
            panic!("expected violations")
        };
        assert_eq!(
            coral_message(&vs),
            "1 validation error detected: Value '12345' at 'accountId' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[0-9]{12}$"
        );
    }

    #[test]
    fn nested_paths_and_counts() {
        let v = sc();
        let doc = json!({"OrganizationNode": {"Type": "BAD", "Value": "arn:aws-us-gov:organizations::123456789012:organization/o-abcdefghij"}});
        let Err(Invalid::Constraints(vs)) = v.validate(
            input_of(&servicecatalog::MODEL, "CreatePortfolioShare"),
            &doc,
        ) else {
            panic!("expected violations")
        };
        let msg = coral_message(&vs);
        assert!(msg.starts_with("3 validation errors detected: Value null at 'portfolioId' failed to satisfy constraint: Member must not be null; "), "{msg}");
        assert!(msg.contains("at 'organizationNode.type' failed to satisfy constraint: Member must satisfy enum value set: [ORGANIZATION, ORGANIZATIONAL_UNIT, ACCOUNT]"), "{msg}");
        assert!(msg.contains("at 'organizationNode.value' failed to satisfy constraint: Member must satisfy regular expression pattern: (^[0-9]{12}$)|"), "{msg}");
    }

    #[test]
    fn id_pattern_is_a_full_match() {
        let v = sc();
        let op = input_of(&servicecatalog::MODEL, "DescribePortfolio");
        assert!(v.validate(op, &json!({"Id": "port-abc"})).is_ok());
        let Err(Invalid::Constraints(vs)) = v.validate(op, &json!({"Id": "a b"})) else {
            panic!()
        };
        assert_eq!(vs[0].describe(), "Value 'a b' at 'id' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9_\\-]*");
    }

    #[test]
    fn ranges_lengths_and_types() {
        let v = sc();
        let op = input_of(&servicecatalog::MODEL, "ListPortfolios");
        let Err(Invalid::Constraints(vs)) = v.validate(op, &json!({"PageSize": 101})) else {
            panic!()
        };
        assert_eq!(vs[0].describe(), "Value '101' at 'pageSize' failed to satisfy constraint: Member must have value less than or equal to 100");
        assert!(matches!(
            v.validate(op, &json!({"PageSize": "x"})),
            Err(Invalid::Type(_))
        ));
        assert!(matches!(v.validate(op, &json!([])), Err(Invalid::Type(_))));
        let create = input_of(&servicecatalog::MODEL, "CreatePortfolio");
        let tags: Vec<Value> = (0..21)
            .map(|i| json!({"Key": format!("k{i}"), "Value": "v"}))
            .collect();
        let doc = json!({"DisplayName": "d".repeat(101), "ProviderName": "p", "IdempotencyToken": "t", "Tags": tags});
        let Err(Invalid::Constraints(vs)) = v.validate(create, &doc) else {
            panic!()
        };
        let msg = coral_message(&vs);
        assert!(msg.contains("at 'displayName' failed to satisfy constraint: Member must have length less than or equal to 100"), "{msg}");
        assert!(msg.contains("at 'tags' failed to satisfy constraint: Member must have length less than or equal to 20"), "{msg}");
    }

    #[test]
    fn java_classes_become_ascii() {
        assert_eq!(full_match("[\\w+=,.@-]*"), "^(?:[0-9A-Za-z_+=,.@-]*)$");
        assert_eq!(full_match("^\\d{12}$"), "^(?:^[0-9]{12}$)$");
        let re = Regex::new(&full_match("[\\w+=,.@-]*")).unwrap();
        assert!(!re.is_match("é"));
    }
}
