//! A template's parameter declarations (`Parameters.<Key>`, spec provisioning §6.2) and how
//! DescribeProvisioningParameters shows them (§10: every constraint as a string, `AllowedValues`
//! always present, `IsNoEcho` always present).

use sclocal_api::servicecatalog::{ParameterConstraints, ProvisioningArtifactParameter};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::error::TemplateError;

/// What a parameter's `Type` makes of its value (CloudFormation user guide, "Parameters").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ParameterKind {
    /// `String`.
    String,
    /// `Number`: an integer or float.
    Number,
    /// `List<Number>`: comma-separated numbers.
    NumberList,
    /// `CommaDelimitedList`: comma-separated strings, each trimmed of spaces.
    CommaDelimitedList,
    /// An AWS-specific type (`AWS::EC2::VPC::Id`, …, and `List<…>` of them when `list`).
    /// DEVIATION(aws): sclocal has no EC2 or Route 53, so values are checked only as strings
    /// (§6.2: "stored, only String/Number/list rules checked").
    AwsSpecific {
        /// `List<AWS::…>`.
        list: bool,
    },
    /// `AWS::SSM::Parameter::Name` or `AWS::SSM::Parameter::Value<…>`. DEVIATION(aws): there
    /// is no SSM; the value stays the parameter name given.
    Ssm,
}

impl ParameterKind {
    /// The kind a `Type` names, `None` for a type CloudFormation does not know.
    pub fn from_type(name: &str) -> Option<Self> {
        Some(match name {
            "String" => Self::String,
            "Number" => Self::Number,
            "List<Number>" => Self::NumberList,
            "CommaDelimitedList" => Self::CommaDelimitedList,
            ssm if ssm.starts_with("AWS::SSM::Parameter::") => Self::Ssm,
            aws if aws.starts_with("AWS::") => Self::AwsSpecific { list: false },
            list if list.starts_with("List<AWS::") && list.ends_with('>') => {
                Self::AwsSpecific { list: true }
            }
            _ => return None,
        })
    }

    /// Whether a `Ref` to the parameter is a list (the value split at commas).
    pub fn is_list(self) -> bool {
        matches!(
            self,
            Self::NumberList | Self::CommaDelimitedList | Self::AwsSpecific { list: true }
        )
    }
}

/// A `MinValue`/`MaxValue`: the number, and the text the template wrote (used in messages
/// and in DescribeProvisioningParameters).
#[derive(Debug, Clone, PartialEq)]
pub struct Bound {
    /// The text as written (`"1"`, `"0.5"`).
    pub text: String,
    /// Its value.
    pub value: f64,
}

/// One declared parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct ParameterSpec {
    /// The logical name (`ParameterKey`).
    pub key: String,
    /// `Type` as written (`ParameterType`).
    pub type_name: String,
    /// What `Type` means.
    pub kind: ParameterKind,
    /// `Default`, as a string (YAML `Default: 2` is `"2"`, §10).
    pub default: Option<String>,
    /// `AllowedValues`, as strings.
    pub allowed_values: Vec<String>,
    /// `AllowedPattern`: a full-match regular expression.
    pub allowed_pattern: Option<String>,
    /// `MinLength`.
    pub min_length: Option<u64>,
    /// `MaxLength`.
    pub max_length: Option<u64>,
    /// `MinValue`.
    pub min_value: Option<Bound>,
    /// `MaxValue`.
    pub max_value: Option<Bound>,
    /// `NoEcho`: listings show `****` instead of the value.
    pub no_echo: bool,
    /// `Description`.
    pub description: Option<String>,
    /// `ConstraintDescription`: replaces the reason when a constraint fails (§7).
    pub constraint_description: Option<String>,
}

impl ParameterSpec {
    /// Reads the declaration of parameter `key`.
    pub fn from_template(key: &str, declaration: &Value) -> Result<Self, TemplateError> {
        if key.is_empty() || !key.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(format_error(format!(
                "Parameter name {key} is non alphanumeric."
            )));
        }
        let Some(fields) = declaration.as_object() else {
            return Err(format_error(format!(
                "[/Parameters/{key}] Every Parameters object must contain a Type member."
            )));
        };
        let Some(type_name) = fields.get("Type").and_then(scalar_text) else {
            return Err(format_error(format!(
                "[/Parameters/{key}] Every Parameters object must contain a Type member."
            )));
        };
        let kind = ParameterKind::from_type(&type_name)
            .ok_or_else(|| format_error(format!("Unrecognized parameter type: {type_name}")))?;
        Ok(Self {
            key: key.to_owned(),
            type_name,
            kind,
            default: text_field(fields, key, "Default")?,
            allowed_values: allowed_values(fields, key)?,
            allowed_pattern: text_field(fields, key, "AllowedPattern")?,
            min_length: length_field(fields, key, "MinLength")?,
            max_length: length_field(fields, key, "MaxLength")?,
            min_value: bound_field(fields, key, "MinValue")?,
            max_value: bound_field(fields, key, "MaxValue")?,
            no_echo: fields
                .get("NoEcho")
                .and_then(scalar_text)
                .is_some_and(|v| v.eq_ignore_ascii_case("true")),
            description: text_field(fields, key, "Description")?,
            constraint_description: text_field(fields, key, "ConstraintDescription")?,
        })
    }

    /// The parameter as DescribeProvisioningParameters lists it (§10).
    pub fn to_api(&self) -> ProvisioningArtifactParameter {
        ProvisioningArtifactParameter {
            parameter_key: Some(self.key.clone()),
            default_value: self.default.clone(),
            parameter_type: Some(self.type_name.clone()),
            is_no_echo: Some(self.no_echo),
            description: self.description.clone(),
            parameter_constraints: Some(ParameterConstraints {
                allowed_values: Some(self.allowed_values.clone()),
                allowed_pattern: self.allowed_pattern.clone(),
                constraint_description: self.constraint_description.clone(),
                max_length: self.max_length.map(|n| n.to_string()),
                min_length: self.min_length.map(|n| n.to_string()),
                max_value: self.max_value.as_ref().map(|b| b.text.clone()),
                min_value: self.min_value.as_ref().map(|b| b.text.clone()),
            }),
        }
    }
}

/// The text CloudFormation gives a scalar: strings as they are, numbers and booleans as JSON
/// writes them. `None` for null, lists and mappings.
pub(crate) fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Null | Value::Array(_) | Value::Object(_) => None,
    }
}

fn format_error(text: String) -> TemplateError {
    TemplateError::Format(text)
}

fn not_a_scalar(key: &str, field: &str) -> TemplateError {
    format_error(format!(
        "[/Parameters/{key}/{field}] {field} must be a string."
    ))
}

/// A scalar field; a list is read as its comma-joined members (a `Default` for a list type
/// is sometimes written as a YAML list). Null counts as absent.
fn text_field(
    fields: &Map<String, Value>,
    key: &str,
    field: &str,
) -> Result<Option<String>, TemplateError> {
    match fields.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Array(items)) => items
            .iter()
            .map(scalar_text)
            .collect::<Option<Vec<_>>>()
            .map(|parts| Some(parts.join(",")))
            .ok_or_else(|| not_a_scalar(key, field)),
        Some(value) => scalar_text(value)
            .map(Some)
            .ok_or_else(|| not_a_scalar(key, field)),
    }
}

fn allowed_values(fields: &Map<String, Value>, key: &str) -> Result<Vec<String>, TemplateError> {
    match fields.get("AllowedValues") {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| scalar_text(v).ok_or_else(|| not_a_scalar(key, "AllowedValues")))
            .collect(),
        Some(_) => Err(format_error(format!(
            "[/Parameters/{key}/AllowedValues] AllowedValues must be a list."
        ))),
    }
}

fn length_field(
    fields: &Map<String, Value>,
    key: &str,
    field: &str,
) -> Result<Option<u64>, TemplateError> {
    let Some(text) = text_field(fields, key, field)? else {
        return Ok(None);
    };
    text.trim().parse::<u64>().map(Some).map_err(|_| {
        format_error(format!(
            "[/Parameters/{key}/{field}] {field} must be a non-negative integer."
        ))
    })
}

fn bound_field(
    fields: &Map<String, Value>,
    key: &str,
    field: &str,
) -> Result<Option<Bound>, TemplateError> {
    let Some(text) = text_field(fields, key, field)? else {
        return Ok(None);
    };
    match text.trim().parse::<f64>() {
        Ok(value) if value.is_finite() => Ok(Some(Bound { text, value })),
        _ => Err(format_error(format!(
            "[/Parameters/{key}/{field}] {field} must be a number."
        ))),
    }
}

#[cfg(test)]
mod tests;
