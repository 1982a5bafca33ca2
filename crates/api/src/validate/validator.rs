//! The walk of an input document over one service's shapes: JSON types that do not fit end it
//! (`SerializationException` texts), constraint violations are collected in model order.
//! Member paths are lowerCamelCase, dotted for nested members, `.N.member` (1-based) in lists.

use std::sync::OnceLock;

use regex::Regex;
use serde_json::Value;

use super::pattern::full_match;
use super::violation::{violation, Constraint, Violation};
use crate::model::{MemberDef, ServiceModel, ShapeKind};

/// Why an input was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Invalid {
    /// The document does not fit the shapes' JSON types.
    Type(String),
    /// Constraint violations, in model order.
    Constraints(Vec<Violation>),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::servicecatalog;
    use crate::validate::coral_message;
    use serde_json::json;

    fn sc() -> Validator {
        Validator::new(&servicecatalog::MODEL)
    }

    fn input_of(model: &ServiceModel, op: &str) -> Option<usize> {
        model.operation(op).and_then(|o| o.input)
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
}
