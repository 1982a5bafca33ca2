//! The parameter values a launch or update ends up with, validated as CloudFormation validates
//! them, with its texts (spec provisioning §7, §13; CloudFormation user guide "Parameters").
//!
//! Order of checks: keys the template does not declare, then parameters without a value, then
//! each parameter in template order (type, AllowedValues, AllowedPattern, lengths, bounds); the
//! first failure is the answer, as CloudFormation answers one ValidationError.

use regex::Regex;
use sclocal_api::servicecatalog::{ProvisioningParameter, UpdateProvisioningParameter};
use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use super::parameter_error::ParameterError;
use super::parameter_spec::{ParameterKind, ParameterSpec};

/// What NoEcho parameters show instead of their value in every listing (CloudFormation masks
/// them as asterisks in DescribeStacks; §6.2).
pub const NO_ECHO_MASK: &str = "****";

/// A value a caller gave for a parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GivenValue {
    /// A new value.
    Value(String),
    /// `UsePreviousValue: true`: keep the value in force (the given Value is ignored, §13).
    UsePrevious,
}

/// One entry of ProvisioningParameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GivenParameter {
    /// `Key`.
    pub key: String,
    /// The value or the request to keep the previous one.
    pub value: GivenValue,
}

impl From<&ProvisioningParameter> for GivenParameter {
    fn from(p: &ProvisioningParameter) -> Self {
        Self {
            key: p.key.clone().unwrap_or_default(),
            value: GivenValue::Value(p.value.clone().unwrap_or_default()),
        }
    }
}

impl From<&UpdateProvisioningParameter> for GivenParameter {
    fn from(p: &UpdateProvisioningParameter) -> Self {
        let value = if p.use_previous_value == Some(true) {
            GivenValue::UsePrevious
        } else {
            GivenValue::Value(p.value.clone().unwrap_or_default())
        };
        Self {
            key: p.key.clone().unwrap_or_default(),
            value,
        }
    }
}

/// Where a resolved value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ValueSource {
    /// Given in this request.
    Given,
    /// The template's Default.
    Default,
    /// Kept from the previous provisioning (UsePreviousValue, or omitted in an update).
    Previous,
}

/// One parameter's value in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResolvedParameter {
    /// The parameter key.
    pub key: String,
    /// The value, as given (list types keep their commas).
    pub value: String,
    /// Where it came from.
    pub source: ValueSource,
    /// Whether listings must mask it.
    pub no_echo: bool,
    /// The declared kind (decides what a `Ref` to it is).
    pub kind: ParameterKind,
}

/// The effective parameters of a provisioning, in template order. Serializable so the store
/// can keep them with the record (an update needs the previous values).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResolvedParameters {
    entries: Vec<ResolvedParameter>,
}

impl ResolvedParameters {
    /// Parameters from already resolved entries (as stored).
    pub fn from_entries(entries: Vec<ResolvedParameter>) -> Self {
        Self { entries }
    }

    /// Every parameter, in template order.
    pub fn iter(&self) -> impl Iterator<Item = &ResolvedParameter> {
        self.entries.iter()
    }

    /// The entry for `key`.
    pub fn get(&self, key: &str) -> Option<&ResolvedParameter> {
        self.entries.iter().find(|e| e.key == key)
    }

    /// The value of `key`, unmasked (for evaluation and outputs; CloudFormation outputs show
    /// NoEcho values as given, §6.2).
    pub fn value(&self, key: &str) -> Option<&str> {
        self.get(key).map(|e| e.value.as_str())
    }

    /// `(key, value)` pairs for answers: NoEcho values are [`NO_ECHO_MASK`].
    pub fn masked(&self) -> Vec<(String, String)> {
        self.entries
            .iter()
            .map(|e| {
                let value = if e.no_echo {
                    NO_ECHO_MASK
                } else {
                    e.value.as_str()
                };
                (e.key.clone(), value.to_owned())
            })
            .collect()
    }

    /// What `Ref` to `key` gives: the string, or for list types the list of its
    /// comma-separated members, each trimmed of spaces (CloudFormation "Parameters").
    pub fn reference(&self, key: &str) -> Option<Value> {
        let entry = self.get(key)?;
        Some(if entry.kind.is_list() {
            Value::Array(list_members(&entry.value).map(Value::from).collect())
        } else {
            Value::String(entry.value.clone())
        })
    }
}

/// Resolves and validates the parameters of a launch (`previous` = `None`) or an update
/// (`previous` = the values in force). Effective value of each declared parameter: the given
/// value; for `UsePreviousValue` the previous value; when omitted in an update, the previous
/// value if it was given (not defaulted), else the template's Default (§13 [inferred]);
/// when omitted in a launch, the Default. A key given twice counts with its last value.
pub fn resolve_parameters(
    specs: &[ParameterSpec],
    given: &[GivenParameter],
    previous: Option<&ResolvedParameters>,
) -> Result<ResolvedParameters, ParameterError> {
    let mut unknown: Vec<String> = Vec::new();
    for g in given {
        if !specs.iter().any(|s| s.key == g.key) && !unknown.contains(&g.key) {
            unknown.push(g.key.clone());
        }
    }
    if !unknown.is_empty() {
        return Err(ParameterError::Unknown(unknown));
    }
    let mut entries = Vec::with_capacity(specs.len());
    let mut missing = Vec::new();
    for spec in specs {
        match effective(spec, given, previous)? {
            Some((value, source)) => entries.push(ResolvedParameter {
                key: spec.key.clone(),
                value,
                source,
                no_echo: spec.no_echo,
                kind: spec.kind,
            }),
            None => missing.push(spec.key.clone()),
        }
    }
    if !missing.is_empty() {
        return Err(ParameterError::Missing(missing));
    }
    for (spec, entry) in specs.iter().zip(&entries) {
        check(spec, &entry.value)?;
    }
    Ok(ResolvedParameters { entries })
}

/// The value in force for one declared parameter, `None` when it has none.
fn effective(
    spec: &ParameterSpec,
    given: &[GivenParameter],
    previous: Option<&ResolvedParameters>,
) -> Result<Option<(String, ValueSource)>, ParameterError> {
    let previous_entry = previous.and_then(|p| p.get(&spec.key));
    match given
        .iter()
        .rev()
        .find(|g| g.key == spec.key)
        .map(|g| &g.value)
    {
        Some(GivenValue::Value(v)) => Ok(Some((v.clone(), ValueSource::Given))),
        Some(GivenValue::UsePrevious) => previous_entry
            .map(|e| Some((e.value.clone(), ValueSource::Previous)))
            .ok_or_else(|| ParameterError::NoPreviousValue(spec.key.clone())),
        None => Ok(match (previous_entry, &spec.default) {
            (Some(e), _) if e.source != ValueSource::Default => {
                Some((e.value.clone(), ValueSource::Previous))
            }
            (_, Some(default)) => Some((default.clone(), ValueSource::Default)),
            (Some(e), None) => Some((e.value.clone(), ValueSource::Previous)),
            (None, None) => None,
        }),
    }
}

/// The members of a list value: split at commas, each trimmed of spaces.
fn list_members(value: &str) -> impl Iterator<Item = &str> {
    value.split(',').map(|m| m.trim_matches(' '))
}

/// CloudFormation's checks of one value against its declaration.
fn check(spec: &ParameterSpec, value: &str) -> Result<(), ParameterError> {
    let key = &spec.key;
    let members: Vec<&str> = if spec.kind.is_list() {
        list_members(value).collect()
    } else {
        vec![value]
    };
    let numeric = matches!(spec.kind, ParameterKind::Number | ParameterKind::NumberList);
    let numbers: Vec<f64> = if numeric {
        members
            .iter()
            .map(|m| m.trim().parse::<f64>().ok().filter(|n| n.is_finite()))
            .collect::<Option<_>>()
            .ok_or_else(|| ParameterError::NotANumber(key.clone()))?
    } else {
        Vec::new()
    };
    let violation = constraint_violation(spec, &members, &numbers);
    match (violation, &spec.constraint_description) {
        (None, _) => Ok(()),
        (Some(_), Some(description)) => Err(ParameterError::Constraint {
            key: key.clone(),
            description: description.clone(),
        }),
        (Some(e), None) => Err(e),
    }
}

/// The first constraint the members break, before ConstraintDescription is applied.
fn constraint_violation(
    spec: &ParameterSpec,
    members: &[&str],
    numbers: &[f64],
) -> Option<ParameterError> {
    let key = spec.key.clone();
    if !spec.allowed_values.is_empty()
        && !members
            .iter()
            .all(|m| spec.allowed_values.iter().any(|a| a == m))
    {
        return Some(ParameterError::NotAllowed(key));
    }
    let textual = !matches!(spec.kind, ParameterKind::Number | ParameterKind::NumberList);
    if let (true, Some(pattern)) = (textual, &spec.allowed_pattern) {
        // DEVIATION(aws): CloudFormation uses Java regular expressions; a pattern the regex
        // crate cannot compile (backreferences, lookaround) is not checked.
        if let Ok(re) = Regex::new(&format!(r"\A(?:{pattern})\z")) {
            if !members.iter().all(|m| re.is_match(m)) {
                return Some(ParameterError::Pattern {
                    key,
                    pattern: pattern.clone(),
                });
            }
        }
    }
    let scalar_text = matches!(
        spec.kind,
        ParameterKind::String | ParameterKind::AwsSpecific { list: false } | ParameterKind::Ssm
    );
    if scalar_text {
        let length = members.iter().map(|m| m.chars().count()).max().unwrap_or(0) as u64;
        match (spec.min_length, spec.max_length) {
            (Some(min), _) if length < min => return Some(ParameterError::TooShort { key, min }),
            (_, Some(max)) if length > max => return Some(ParameterError::TooLong { key, max }),
            _ => {}
        }
    }
    if let Some(min) = spec
        .min_value
        .as_ref()
        .filter(|b| numbers.iter().any(|n| *n < b.value))
    {
        return Some(ParameterError::TooSmall {
            key,
            min: min.text.clone(),
        });
    }
    if let Some(max) = spec
        .max_value
        .as_ref()
        .filter(|b| numbers.iter().any(|n| *n > b.value))
    {
        return Some(ParameterError::TooLarge {
            key,
            max: max.text.clone(),
        });
    }
    None
}

#[cfg(test)]
mod tests;
