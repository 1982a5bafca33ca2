//! A failed constraint and how AWS's front end words it: `Member must …` for the constraint,
//! `Value 'x' at 'path' failed to satisfy constraint: …` for one violation, and
//! `N validation error(s) detected: …` for the whole message.

use serde_json::Value;

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

/// A violation of `constraint` by the present `value` at `path`.
pub(super) fn violation(path: &str, value: &Value, constraint: Constraint) -> Violation {
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
