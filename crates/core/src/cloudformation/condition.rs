//! Template Conditions (`Fn::Equals`, `Fn::Not`, `Fn::And`, `Fn::Or`, `Condition`) over
//! parameters and pseudo parameters, for conditional outputs and `Fn::If` (spec provisioning
//! §16; CloudFormation user guide "Condition functions"). Each named condition is evaluated
//! once and cycles are refused.

use serde_json::Value;

use super::intrinsic::{function, scalar_text, template_error, EvalError, Evaluator};

impl Evaluator<'_> {
    /// The named condition of the template's `Conditions`; [`EvalError::Unresolved`] when
    /// there is none.
    pub(crate) fn condition(&self, name: &str) -> Result<bool, EvalError> {
        if let Some(&known) = self.conditions.borrow().get(name) {
            return Ok(known);
        }
        let Some(expression) = self.template.conditions.get(name) else {
            return Err(EvalError::Unresolved(name.to_owned()));
        };
        if self.evaluating.borrow().iter().any(|c| c == name) {
            let mut cycle = self.evaluating.borrow().clone();
            cycle.push(name.to_owned());
            return Err(template_error(&format!(
                "Circular dependency between conditions [{}]",
                cycle.join(", ")
            )));
        }
        self.evaluating.borrow_mut().push(name.to_owned());
        let holds = self.condition_expr(expression);
        self.evaluating.borrow_mut().pop();
        let holds = holds?;
        self.conditions.borrow_mut().insert(name.to_owned(), holds);
        Ok(holds)
    }

    /// A condition expression.
    pub(crate) fn condition_expr(&self, expression: &Value) -> Result<bool, EvalError> {
        let _level = self.level()?;
        let malformed = || {
            template_error(
                "Conditions can only be boolean operations on parameters and other conditions",
            )
        };
        match expression {
            Value::Bool(b) => Ok(*b),
            Value::String(s) if s.eq_ignore_ascii_case("true") => Ok(true),
            Value::String(s) if s.eq_ignore_ascii_case("false") => Ok(false),
            Value::Object(map) => match function(map) {
                Some(("Condition", name)) => {
                    let name = name.as_str().ok_or_else(malformed)?;
                    self.condition(name)
                }
                Some(("Fn::Equals", arg)) => match arg.as_array().map(Vec::as_slice) {
                    Some([a, b]) => Ok(comparable(&self.value(a)?) == comparable(&self.value(b)?)),
                    _ => Err(template_error(
                        "Fn::Equals requires a list argument with two elements",
                    )),
                },
                Some(("Fn::Not", arg)) => match arg.as_array().map(Vec::as_slice) {
                    Some([inner]) => Ok(!self.condition_expr(inner)?),
                    _ => Err(template_error(
                        "Fn::Not requires a list argument with one function token",
                    )),
                },
                Some((op @ ("Fn::And" | "Fn::Or"), arg)) => {
                    let items = arg
                        .as_array()
                        .filter(|a| !a.is_empty())
                        .ok_or_else(malformed)?;
                    let mut results = Vec::with_capacity(items.len());
                    for item in items {
                        results.push(self.condition_expr(item)?);
                    }
                    Ok(if op == "Fn::And" {
                        results.iter().all(|r| *r)
                    } else {
                        results.iter().any(|r| *r)
                    })
                }
                _ => Err(malformed()),
            },
            _ => Err(malformed()),
        }
    }
}

/// What `Fn::Equals` compares: scalars by their text (CloudFormation values are strings, so
/// `1` equals `"1"`), lists member by member.
fn comparable(value: &Value) -> Value {
    match value {
        Value::Array(items) => Value::Array(items.iter().map(comparable).collect()),
        other => scalar_text(other).map_or_else(|| other.clone(), Value::String),
    }
}
