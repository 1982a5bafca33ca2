//! Intrinsic functions evaluated over a provisioning's parameters and pseudo parameters
//! (spec provisioning §6.2, §16; CloudFormation user guide "Intrinsic function reference").
//! What only a deployed stack could answer (a resource's id or attribute, an imported export)
//! becomes a stable placeholder ([`StackContext::placeholder`]).
//!
//! Recursion is bounded twice: values nest at most
//! [`MAX_TEMPLATE_DEPTH`](super::limits::MAX_TEMPLATE_DEPTH) deep, and every evaluation step
//! counts against [`MAX_EVAL_DEPTH`], so chains of conditions cannot exhaust the stack either.
//!
//! The functions with most to say live beside this file and extend [`Evaluator`] there:
//! conditions (`condition.rs`), `Fn::Sub` (`sub.rs`) and `Fn::Cidr` (`cidr.rs`).

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use base64::Engine as _;
use serde_json::{Map, Value};

pub(crate) use super::parameter_spec::scalar_text;
use super::parameters::ResolvedParameters;
use super::pseudo::StackContext;
use super::template::Template;

/// How many nested evaluation steps one evaluation may take.
const MAX_EVAL_DEPTH: usize = 256;

/// Why a value could not be evaluated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum EvalError {
    /// A `Ref` or `Fn::Sub` name that is no parameter, pseudo parameter or resource.
    Unresolved(String),
    /// A function sclocal does not evaluate (`Fn::Transform`, unknown functions).
    Unsupported,
    /// A template error, with CloudFormation's text.
    Template(String),
}

/// Evaluates values and conditions of one template for one stack.
pub(crate) struct Evaluator<'a> {
    pub(crate) template: &'a Template,
    pub(crate) parameters: &'a ResolvedParameters,
    pub(crate) stack: &'a StackContext,
    /// Conditions already evaluated (each is evaluated once, however often it is used).
    pub(crate) conditions: RefCell<HashMap<String, bool>>,
    /// Conditions being evaluated, to refuse cycles.
    pub(crate) evaluating: RefCell<Vec<String>>,
    depth: Cell<usize>,
}

/// Counts one level of evaluation while alive.
pub(crate) struct Level<'e>(&'e Cell<usize>);

impl Drop for Level<'_> {
    fn drop(&mut self) {
        self.0.set(self.0.get() - 1);
    }
}

impl<'a> Evaluator<'a> {
    pub(crate) fn new(
        template: &'a Template,
        parameters: &'a ResolvedParameters,
        stack: &'a StackContext,
    ) -> Self {
        Self {
            template,
            parameters,
            stack,
            conditions: RefCell::new(HashMap::new()),
            evaluating: RefCell::new(Vec::new()),
            depth: Cell::new(0),
        }
    }

    /// Enters one evaluation level, refusing more than [`MAX_EVAL_DEPTH`].
    pub(crate) fn level(&self) -> Result<Level<'_>, EvalError> {
        let depth = self.depth.get() + 1;
        if depth > MAX_EVAL_DEPTH {
            return Err(EvalError::Template(
                "Template error: intrinsic functions nest too deeply".into(),
            ));
        }
        self.depth.set(depth);
        Ok(Level(&self.depth))
    }

    /// The value of `value` with every intrinsic function evaluated. `AWS::NoValue` is JSON
    /// null and drops out of lists.
    pub(crate) fn value(&self, value: &Value) -> Result<Value, EvalError> {
        let _level = self.level()?;
        match value {
            Value::Object(map) => match function(map) {
                Some((name, argument)) => self.function(name, argument),
                None => map
                    .iter()
                    .map(|(k, v)| Ok((k.clone(), self.value(v)?)))
                    .collect::<Result<Map<_, _>, _>>()
                    .map(Value::Object),
            },
            Value::Array(items) => self.list_items(items),
            scalar => Ok(scalar.clone()),
        }
    }

    fn list_items(&self, items: &[Value]) -> Result<Value, EvalError> {
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            match self.value(item)? {
                Value::Null => {}
                v => out.push(v),
            }
        }
        Ok(Value::Array(out))
    }

    fn function(&self, name: &str, arg: &Value) -> Result<Value, EvalError> {
        match name {
            "Ref" => self.reference(&string_of(arg)?),
            "Condition" => Ok(Value::Bool(self.condition(&string_of(arg)?)?)),
            "Fn::Equals" | "Fn::Not" | "Fn::And" | "Fn::Or" => {
                let mut map = Map::new();
                map.insert(name.to_owned(), arg.clone());
                Ok(Value::Bool(self.condition_expr(&Value::Object(map))?))
            }
            "Fn::Sub" => self.sub(arg),
            "Fn::Join" => self.join(arg),
            "Fn::Select" => self.select(arg),
            "Fn::Split" => self.split(arg),
            "Fn::If" => self.if_(arg),
            "Fn::FindInMap" => self.find_in_map(arg),
            "Fn::Base64" => {
                let text = string_of(&self.value(arg)?)?;
                Ok(base64::engine::general_purpose::STANDARD
                    .encode(text)
                    .into())
            }
            "Fn::GetAZs" => {
                let region = string_of(&self.value(arg)?)?;
                let region = if region.is_empty() {
                    self.stack.region.clone()
                } else {
                    region
                };
                // DEVIATION(aws): sclocal has no EC2; every region has zones a, b and c.
                Ok(["a", "b", "c"]
                    .iter()
                    .map(|z| Value::String(format!("{region}{z}")))
                    .collect())
            }
            "Fn::Cidr" => self.cidr(arg),
            "Fn::GetAtt" => self.get_att(arg),
            "Fn::ImportValue" => {
                let export = string_of(&self.value(arg)?)?;
                Ok(Value::String(self.stack.placeholder(&[&export])))
            }
            "Fn::ToJsonString" => Ok(Value::String(self.value(arg)?.to_string())),
            "Fn::Length" => match self.value(arg)? {
                Value::Array(items) => Ok(items.len().into()),
                _ => Err(template_error("Fn::Length requires a list argument")),
            },
            _ => Err(EvalError::Unsupported),
        }
    }

    /// `Ref`: a parameter, a pseudo parameter or a resource (placeholder).
    pub(crate) fn reference(&self, name: &str) -> Result<Value, EvalError> {
        if let Some(value) = self.parameters.reference(name) {
            return Ok(value);
        }
        if let Some(value) = self.stack.pseudo_parameter(name) {
            return Ok(value);
        }
        if self.template.has_resource(name) {
            return Ok(Value::String(self.stack.placeholder(&[name])));
        }
        Err(EvalError::Unresolved(name.to_owned()))
    }

    /// `Fn::GetAtt`: `[Resource, Attribute]` or `"Resource.Attribute"`.
    fn get_att(&self, arg: &Value) -> Result<Value, EvalError> {
        let (resource, attribute) = match self.value(arg)? {
            Value::Array(parts) if parts.len() == 2 => {
                (string_of(&parts[0])?, string_of(&parts[1])?)
            }
            Value::String(dotted) => match dotted.split_once('.') {
                Some((r, a)) => (r.to_owned(), a.to_owned()),
                None => {
                    return Err(template_error(
                        "Fn::GetAtt requires a resource and an attribute",
                    ))
                }
            },
            _ => {
                return Err(template_error(
                    "Fn::GetAtt requires a resource and an attribute",
                ))
            }
        };
        if !self.template.has_resource(&resource) {
            return Err(template_error(&format!(
                "instance of Fn::GetAtt references undefined resource {resource}"
            )));
        }
        Ok(Value::String(
            self.stack.placeholder(&[&resource, &attribute]),
        ))
    }

    fn join(&self, arg: &Value) -> Result<Value, EvalError> {
        const JOIN: &str = "every Fn::Join object requires two parameters, (1) a string delimiter and (2) a list of strings to be joined or a function that returns a list of strings (such as Fn::GetAZs) to be joined.";
        let [delimiter, list] = pair(arg).ok_or_else(|| template_error(JOIN))?;
        let delimiter = delimiter.as_str().ok_or_else(|| template_error(JOIN))?;
        let Value::Array(items) = self.value(list)? else {
            return Err(template_error(JOIN));
        };
        let parts = items
            .iter()
            .map(|item| scalar_text(item).ok_or_else(|| template_error(JOIN)))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Value::String(parts.join(delimiter)))
    }

    fn select(&self, arg: &Value) -> Result<Value, EvalError> {
        const SELECT: &str =
            "Fn::Select requires a list argument with two elements: an integer index and a list";
        let [index, list] = pair(arg).ok_or_else(|| template_error(SELECT))?;
        let index = scalar_text(&self.value(index)?)
            .and_then(|t| t.trim().parse::<usize>().ok())
            .ok_or_else(|| template_error(SELECT))?;
        let Value::Array(items) = self.value(list)? else {
            return Err(template_error(SELECT));
        };
        items.get(index).cloned().ok_or_else(|| {
            template_error(&format!(
                "Fn::Select cannot select nonexistent value at index {index}"
            ))
        })
    }

    fn split(&self, arg: &Value) -> Result<Value, EvalError> {
        const SPLIT: &str = "every Fn::Split object requires two parameters, (1) a string delimiter and (2) a string to be split or a function that returns a string to be split.";
        let [delimiter, source] = pair(arg).ok_or_else(|| template_error(SPLIT))?;
        let delimiter = delimiter
            .as_str()
            .filter(|d| !d.is_empty())
            .ok_or_else(|| template_error(SPLIT))?;
        let source = scalar_text(&self.value(source)?).ok_or_else(|| template_error(SPLIT))?;
        Ok(source
            .split(delimiter)
            .map(|s| Value::String(s.to_owned()))
            .collect())
    }

    fn if_(&self, arg: &Value) -> Result<Value, EvalError> {
        let Some([condition, then, otherwise]) = arg
            .as_array()
            .and_then(|a| <&[Value; 3]>::try_from(a.as_slice()).ok())
        else {
            return Err(template_error(
                "Fn::If requires a list argument with three elements",
            ));
        };
        let name = condition
            .as_str()
            .ok_or_else(|| template_error("Fn::If requires a condition name"))?;
        let holds = self.condition(name).map_err(|e| match e {
            EvalError::Unresolved(name) => {
                template_error(&format!("unresolved condition dependency {name} in Fn::If"))
            }
            other => other,
        })?;
        self.value(if holds { then } else { otherwise })
    }

    fn find_in_map(&self, arg: &Value) -> Result<Value, EvalError> {
        const FIND: &str = "every Fn::FindInMap object requires three parameters, the map name, map key and the attribute for return value";
        let items = arg
            .as_array()
            .filter(|a| (3..=4).contains(&a.len()))
            .ok_or_else(|| template_error(FIND))?;
        let keys = items[..3]
            .iter()
            .map(|k| scalar_text(&self.value(k)?).ok_or_else(|| template_error(FIND)))
            .collect::<Result<Vec<_>, _>>()?;
        let found = self
            .template
            .mappings
            .get(&keys[0])
            .and_then(|m| m.get(&keys[1]))
            .and_then(|m| m.get(&keys[2]));
        // Fn::FindInMap's DefaultValue (AWS::LanguageExtensions) answers a missing entry.
        let default = items.get(3).and_then(|d| d.get("DefaultValue"));
        match (found, default) {
            // Mappings hold literals (CloudFormation allows no functions there), so an entry is
            // never evaluated: a self-referencing entry cannot make evaluation explode.
            (Some(value), _) => Ok(value.clone()),
            (None, Some(value)) => self.value(value),
            (None, None) => Err(template_error(&format!(
                "Unable to get mapping for {}::{}::{}",
                keys[0], keys[1], keys[2]
            ))),
        }
    }
}

/// A value that must be a string (numbers and booleans count as their text).
pub(crate) fn string_of(value: &Value) -> Result<String, EvalError> {
    scalar_text(value).ok_or_else(|| template_error("expected a string"))
}

/// `{"Ref": …}`, `{"Condition": …}` or `{"Fn::…": …}`: the function and its argument.
pub(crate) fn function(map: &Map<String, Value>) -> Option<(&str, &Value)> {
    let mut entries = map.iter();
    let (name, argument) = entries.next()?;
    let is_function = name == "Ref" || name == "Condition" || name.starts_with("Fn::");
    (entries.next().is_none() && is_function).then_some((name.as_str(), argument))
}

/// The two elements of a two-element list.
fn pair(arg: &Value) -> Option<[&Value; 2]> {
    match arg.as_array()?.as_slice() {
        [a, b] => Some([a, b]),
        _ => None,
    }
}

/// A `Template error: …` with CloudFormation's wording.
pub(crate) fn template_error(text: &str) -> EvalError {
    EvalError::Template(format!("Template error: {text}"))
}

#[cfg(test)]
mod tests;
