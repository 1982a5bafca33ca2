//! `Fn::Sub`: `${Name}` and `${Resource.Attribute}` in a string replaced by variables,
//! parameters, pseudo parameters and resource placeholders; `${!Literal}` writes `${Literal}`
//! (CloudFormation user guide "Fn::Sub").

use serde_json::{Map, Value};

use super::intrinsic::{scalar_text, template_error, EvalError, Evaluator};

const MALFORMED: &str = "One or more Fn::Sub intrinsic functions don't specify expected arguments. Specify a string as first argument, and an optional second argument to specify a mapping of values to replace in the string";

impl Evaluator<'_> {
    /// Evaluates `Fn::Sub`'s argument: a string, or `[string, {Name: value}]`.
    pub(crate) fn sub(&self, arg: &Value) -> Result<Value, EvalError> {
        let (text, variables) = match arg {
            Value::String(text) => (text.as_str(), Map::new()),
            Value::Array(items) => match items.as_slice() {
                [Value::String(text), Value::Object(vars)] => {
                    let mut variables = Map::new();
                    for (name, value) in vars {
                        variables.insert(name.clone(), self.value(value)?);
                    }
                    (text.as_str(), variables)
                }
                _ => return Err(template_error(MALFORMED)),
            },
            _ => return Err(template_error(MALFORMED)),
        };
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(start) = rest.find("${") {
            out.push_str(&rest[..start]);
            let after = &rest[start + 2..];
            let Some(end) = after.find('}') else {
                // An unclosed `${` is literal text.
                out.push_str(&rest[start..]);
                rest = "";
                break;
            };
            let name = &after[..end];
            if let Some(literal) = name.strip_prefix('!') {
                out.push_str("${");
                out.push_str(literal);
                out.push('}');
            } else {
                out.push_str(&variable(self, &variables, name.trim())?);
            }
            rest = &after[end + 1..];
        }
        out.push_str(rest);
        Ok(Value::String(out))
    }
}

/// The text a `${name}` stands for.
fn variable(
    ev: &Evaluator<'_>,
    variables: &Map<String, Value>,
    name: &str,
) -> Result<String, EvalError> {
    let value = match variables.get(name) {
        Some(value) => value.clone(),
        None => match name.split_once('.') {
            Some((resource, attribute)) if ev.template.has_resource(resource) => {
                Value::String(ev.stack.placeholder(&[resource, attribute]))
            }
            _ => ev.reference(name)?,
        },
    };
    match value {
        // A list (a list parameter, AWS::NotificationARNs) is written comma-separated.
        Value::Array(items) => Ok(items
            .iter()
            .filter_map(scalar_text)
            .collect::<Vec<_>>()
            .join(",")),
        Value::Null => Ok(String::new()),
        other => scalar_text(&other).ok_or_else(|| template_error(MALFORMED)),
    }
}
