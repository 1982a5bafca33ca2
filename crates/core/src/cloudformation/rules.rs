//! Rules: the `Rules` of TEMPLATE constraints (spec provisioning §9.5; admin guide
//! "Template constraint rules") and of templates (CloudFormation user guide "Rules"), checked
//! against a provisioning's effective parameters.
//!
//! Functions: `Fn::And`, `Fn::Contains`, `Fn::EachMemberEquals`, `Fn::EachMemberIn`,
//! `Fn::Equals`, `Fn::Not`, `Fn::Or`, `Fn::RefAll`, `Fn::ValueOf`, `Fn::ValueOfAll`, and `Ref`
//! to parameters and pseudo parameters. A rule applies when its `RuleCondition` holds (or has
//! none); a false `Assert` fails the provisioning with its `AssertDescription`.
//!
//! DEVIATION(aws): `Fn::RefAll`, `Fn::ValueOf` and `Fn::ValueOfAll` ask about the account's
//! real resources (VPCs, subnets, their tags), which sclocal does not have. They evaluate to
//! "unknown"; logic over unknowns is three-valued, a rule whose condition is unknown does not
//! apply, and an assertion that is unknown passes. Nothing is refused for what cannot be known.

use std::fmt;

use serde_json::{Map, Value};

use super::intrinsic::{function, scalar_text};
use super::parameters::ResolvedParameters;
use super::pseudo::StackContext;

/// How deeply rule functions may nest.
const MAX_RULE_DEPTH: usize = 128;

/// Why rules refuse a provisioning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleError {
    /// An assertion of an applying rule is false.
    Violation {
        /// The rule's name.
        rule: String,
        /// Its `AssertDescription`.
        description: Option<String>,
    },
    /// A rule that cannot be evaluated (wrong shape, unknown function or reference).
    Malformed {
        /// The rule's name.
        rule: String,
        /// What is wrong.
        reason: String,
    },
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // The AssertDescription is the text the user sees (§9.5).
            Self::Violation {
                description: Some(text),
                ..
            } => f.write_str(text),
            // DEVIATION(aws): the texts below are ours.
            Self::Violation {
                rule,
                description: None,
            } => {
                write!(f, "Template error: assertion of rule {rule} failed")
            }
            Self::Malformed { rule, reason } => {
                write!(f, "Template format error: rule {rule}: {reason}")
            }
        }
    }
}

impl std::error::Error for RuleError {}

/// Checks `rules` (a `Rules` mapping) in order against the effective parameters; the first
/// failing assertion is the answer.
pub fn check_rules(
    rules: &Map<String, Value>,
    parameters: &ResolvedParameters,
    stack: &StackContext,
) -> Result<(), RuleError> {
    let checker = Checker { parameters, stack };
    for (rule, body) in rules {
        let malformed = |reason: String| RuleError::Malformed {
            rule: rule.clone(),
            reason,
        };
        let assertions = body
            .get("Assertions")
            .and_then(Value::as_array)
            .ok_or_else(|| malformed("every rule must contain an Assertions list".into()))?;
        let applies = match body.get("RuleCondition") {
            None => Truth::True,
            Some(condition) => checker.truth(condition, 0).map_err(malformed)?,
        };
        if applies != Truth::True {
            continue;
        }
        for assertion in assertions {
            let assert = assertion
                .get("Assert")
                .ok_or_else(|| malformed("every assertion must contain an Assert".into()))?;
            if checker.truth(assert, 0).map_err(malformed)? == Truth::False {
                return Err(RuleError::Violation {
                    rule: rule.clone(),
                    description: assertion.get("AssertDescription").and_then(scalar_text),
                });
            }
        }
    }
    Ok(())
}

/// The UsageInstruction `rules` of DescribeProvisioningParameters (§9.5, §10): the rules of
/// every TEMPLATE constraint on the path as one JSON object, `"{}"` when there are none.
/// A rule name used by two constraints shows the later one.
pub fn rules_usage_instruction(constraint_rules: &[&Map<String, Value>]) -> String {
    let mut merged = Map::new();
    for rules in constraint_rules {
        for (name, rule) in *rules {
            merged.insert(name.clone(), rule.clone());
        }
    }
    Value::Object(merged).to_string()
}

/// Three-valued truth: rules over resources sclocal does not have are unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Truth {
    True,
    False,
    Unknown,
}

impl From<bool> for Truth {
    fn from(b: bool) -> Self {
        if b {
            Self::True
        } else {
            Self::False
        }
    }
}

/// What a rule function's operand is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Operand {
    Text(String),
    List(Vec<String>),
    Unknown,
}

impl Operand {
    fn members(self) -> Option<Vec<String>> {
        match self {
            Self::Text(t) => Some(vec![t]),
            Self::List(l) => Some(l),
            Self::Unknown => None,
        }
    }
}

struct Checker<'a> {
    parameters: &'a ResolvedParameters,
    stack: &'a StackContext,
}

impl Checker<'_> {
    fn truth(&self, value: &Value, depth: usize) -> Result<Truth, String> {
        if depth > MAX_RULE_DEPTH {
            return Err("rule functions nest too deeply".into());
        }
        let map = match value {
            Value::Bool(b) => return Ok((*b).into()),
            Value::String(s) if s.eq_ignore_ascii_case("true") => return Ok(Truth::True),
            Value::String(s) if s.eq_ignore_ascii_case("false") => return Ok(Truth::False),
            Value::Object(map) => map,
            other => return Err(format!("{other} is not a rule function")),
        };
        let Some((name, arg)) = function(map) else {
            return Err("a rule function must be a single Fn:: key".into());
        };
        let args = |n: usize| -> Result<&[Value], String> {
            arg.as_array()
                .map(Vec::as_slice)
                .filter(|a| n == 0 && !a.is_empty() || a.len() == n)
                .ok_or_else(|| format!("{name} has the wrong number of arguments"))
        };
        let depth = depth + 1;
        Ok(match name {
            "Fn::RefAll" | "Fn::ValueOf" | "Fn::ValueOfAll" => Truth::Unknown,
            "Fn::Not" => match self.truth(&args(1)?[0], depth)? {
                Truth::True => Truth::False,
                Truth::False => Truth::True,
                Truth::Unknown => Truth::Unknown,
            },
            "Fn::And" | "Fn::Or" => self.connective(name == "Fn::And", args(0)?, depth)?,
            "Fn::Equals" => {
                let a = args(2)?;
                match (self.operand(&a[0], depth)?, self.operand(&a[1], depth)?) {
                    (Operand::Unknown, _) | (_, Operand::Unknown) => Truth::Unknown,
                    (x, y) => (x == y).into(),
                }
            }
            "Fn::Contains" | "Fn::EachMemberEquals" | "Fn::EachMemberIn" => {
                let a = args(2)?;
                let list = self.operand(&a[0], depth)?.members();
                let other = self.operand(&a[1], depth)?.members();
                match (list, other) {
                    (Some(list), Some(other)) => membership(name, &list, &other),
                    _ => Truth::Unknown,
                }
            }
            other => return Err(format!("{other} is not a rule function")),
        })
    }

    /// `Fn::And` (`all`) or `Fn::Or` over three-valued items: a decisive item decides, an
    /// unknown one makes the rest unknown.
    fn connective(&self, all: bool, items: &[Value], depth: usize) -> Result<Truth, String> {
        let (decisive, otherwise) = if all {
            (Truth::False, Truth::True)
        } else {
            (Truth::True, Truth::False)
        };
        let mut result = otherwise;
        for item in items {
            match self.truth(item, depth)? {
                t if t == decisive => return Ok(decisive),
                Truth::Unknown => result = Truth::Unknown,
                _ => {}
            }
        }
        Ok(result)
    }

    fn operand(&self, value: &Value, depth: usize) -> Result<Operand, String> {
        if depth > MAX_RULE_DEPTH {
            return Err("rule functions nest too deeply".into());
        }
        match value {
            Value::Null => Ok(Operand::Text(String::new())),
            Value::Array(items) => {
                let mut members = Vec::with_capacity(items.len());
                for item in items {
                    match self.operand(item, depth + 1)? {
                        Operand::Text(t) => members.push(t),
                        Operand::List(l) => members.extend(l),
                        Operand::Unknown => return Ok(Operand::Unknown),
                    }
                }
                Ok(Operand::List(members))
            }
            Value::Object(map) => match function(map) {
                Some(("Ref", Value::String(name))) => self.reference(name),
                Some(("Fn::RefAll" | "Fn::ValueOf" | "Fn::ValueOfAll", _)) => Ok(Operand::Unknown),
                Some(_) => match self.truth(value, depth + 1)? {
                    Truth::Unknown => Ok(Operand::Unknown),
                    t => Ok(Operand::Text((t == Truth::True).to_string())),
                },
                None => Err("a mapping is no rule operand".into()),
            },
            scalar => Ok(Operand::Text(scalar_text(scalar).unwrap_or_default())),
        }
    }

    fn reference(&self, name: &str) -> Result<Operand, String> {
        let value = self
            .parameters
            .reference(name)
            .or_else(|| self.stack.pseudo_parameter(name))
            .ok_or_else(|| format!("Ref to {name}, which is no parameter"))?;
        Ok(match value {
            Value::Array(items) => Operand::List(items.iter().filter_map(scalar_text).collect()),
            other => Operand::Text(scalar_text(&other).unwrap_or_default()),
        })
    }
}

/// `Fn::Contains [list, value]`, `Fn::EachMemberEquals [list, value]` and
/// `Fn::EachMemberIn [list, allowed]` over known members.
fn membership(function: &str, list: &[String], other: &[String]) -> Truth {
    match function {
        "Fn::Contains" => other.iter().all(|o| list.contains(o)).into(),
        "Fn::EachMemberEquals" => (other.len() == 1 && list.iter().all(|m| *m == other[0])).into(),
        _ => list.iter().all(|m| other.contains(m)).into(),
    }
}

#[cfg(test)]
mod tests;
