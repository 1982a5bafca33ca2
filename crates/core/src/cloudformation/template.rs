//! A parsed CloudFormation template: the sections Service Catalog reads (spec provisioning §6.2,
//! §10, §16, §17). JSON and YAML (with short-form tags) are both read into one JSON value; the
//! size is bounded before parsing and the depth while parsing, so hostile files cannot exhaust
//! memory or the stack.

use sclocal_api::servicecatalog::ProvisioningArtifactOutput;
use serde_json::{Map, Value};

use super::error::TemplateError;
use super::limits::{MAX_TEMPLATE_BYTES, MAX_TEMPLATE_DEPTH};
use super::parameter_spec::{scalar_text, ParameterSpec};
use super::yaml;

/// The top-level sections CloudFormation knows ("Template anatomy").
const SECTIONS: &[&str] = &[
    "AWSTemplateFormatVersion",
    "Description",
    "Metadata",
    "Parameters",
    "Rules",
    "Mappings",
    "Conditions",
    "Transform",
    "Resources",
    "Outputs",
    "Hooks",
];

/// A template, in its declared order throughout.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    /// `AWSTemplateFormatVersion` (UsageInstruction `version`, §10).
    pub format_version: Option<String>,
    /// `Description`.
    pub description: Option<String>,
    /// `Parameters`.
    pub parameters: Vec<ParameterSpec>,
    /// `Resources`: logical ids and types (plan ResourceChanges, §17).
    pub resources: Vec<ResourceSpec>,
    /// `Outputs` (§16).
    pub outputs: Vec<OutputSpec>,
    /// `Rules`: checked like TEMPLATE constraint rules (§9.5).
    pub rules: Map<String, Value>,
    /// `Conditions`.
    pub conditions: Map<String, Value>,
    /// `Mappings` (for `Fn::FindInMap`).
    pub mappings: Map<String, Value>,
    /// `Metadata` (for example `AWS::CloudFormation::Interface`), kept as written.
    pub metadata: Map<String, Value>,
    /// `Transform`, kept as written (macros are not run).
    pub transform: Option<Value>,
}

/// One entry of `Resources`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceSpec {
    /// The logical id.
    pub logical_id: String,
    /// `Type`, e.g. `AWS::S3::Bucket`.
    pub resource_type: String,
    /// `Condition`, when the resource is conditional.
    pub condition: Option<String>,
}

/// One entry of `Outputs`.
#[derive(Debug, Clone, PartialEq)]
pub struct OutputSpec {
    /// The output key.
    pub key: String,
    /// `Value`, unresolved.
    pub value: Value,
    /// `Description`.
    pub description: Option<String>,
    /// `Condition`: the output exists only when it holds.
    pub condition: Option<String>,
}

impl OutputSpec {
    /// The output as `ProvisioningArtifactOutputKeys` lists it (§10).
    pub fn to_api(&self) -> ProvisioningArtifactOutput {
        ProvisioningArtifactOutput {
            key: Some(self.key.clone()),
            description: self.description.clone(),
        }
    }
}

impl Template {
    /// Parses a template file: JSON when it starts with `{` (falling back to YAML, whose flow
    /// mappings also start so), YAML otherwise. Refuses more than [`MAX_TEMPLATE_BYTES`] and
    /// nesting deeper than [`MAX_TEMPLATE_DEPTH`] before building anything.
    pub fn parse(bytes: &[u8]) -> Result<Self, TemplateError> {
        if bytes.len() > MAX_TEMPLATE_BYTES {
            return Err(TemplateError::TooLarge {
                limit: MAX_TEMPLATE_BYTES,
            });
        }
        let text = std::str::from_utf8(bytes).map_err(|_| TemplateError::NotUtf8)?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let value = if text.trim_start().starts_with('{') {
            if json_depth_exceeds(text.as_bytes(), MAX_TEMPLATE_DEPTH) {
                return Err(TemplateError::TooDeep);
            }
            match serde_json::from_str::<Value>(text) {
                Ok(value) => value,
                Err(json) => yaml::to_json(text).map_err(|_| TemplateError::Json {
                    line: json.line(),
                    column: json.column(),
                })?,
            }
        } else {
            yaml::to_json(text)?
        };
        Self::from_value(value)
    }

    /// Reads the sections of an already parsed template.
    pub fn from_value(value: Value) -> Result<Self, TemplateError> {
        let Value::Object(mut top) = value else {
            return Err(TemplateError::UnsupportedStructure);
        };
        let unknown: Vec<&str> = top
            .keys()
            .map(String::as_str)
            .filter(|k| !SECTIONS.contains(k))
            .collect();
        if !unknown.is_empty() {
            return Err(TemplateError::Format(format!(
                "Invalid template property or properties [{}]",
                unknown.join(", ")
            )));
        }
        Ok(Self {
            format_version: top.get("AWSTemplateFormatVersion").and_then(scalar_text),
            description: top.get("Description").and_then(scalar_text),
            parameters: parameters(&section(&mut top, "Parameters")?)?,
            resources: resources(section(&mut top, "Resources")?)?,
            outputs: outputs(section(&mut top, "Outputs")?)?,
            rules: section(&mut top, "Rules")?,
            conditions: section(&mut top, "Conditions")?,
            mappings: section(&mut top, "Mappings")?,
            metadata: section(&mut top, "Metadata")?,
            transform: top.remove("Transform"),
        })
    }

    /// The declaration of parameter `key`.
    pub fn parameter(&self, key: &str) -> Option<&ParameterSpec> {
        self.parameters.iter().find(|p| p.key == key)
    }

    /// Whether `logical_id` names one of the template's resources.
    pub fn has_resource(&self, logical_id: &str) -> bool {
        self.resources.iter().any(|r| r.logical_id == logical_id)
    }
}

/// A mapping section, empty when absent.
fn section(top: &mut Map<String, Value>, name: &str) -> Result<Map<String, Value>, TemplateError> {
    match top.remove(name) {
        None | Some(Value::Null) => Ok(Map::new()),
        Some(Value::Object(map)) => Ok(map),
        Some(_) => Err(TemplateError::Format(format!(
            "[/{name}] {name} must be a mapping."
        ))),
    }
}

fn parameters(section: &Map<String, Value>) -> Result<Vec<ParameterSpec>, TemplateError> {
    section
        .iter()
        .map(|(key, declaration)| ParameterSpec::from_template(key, declaration))
        .collect()
}

fn resources(section: Map<String, Value>) -> Result<Vec<ResourceSpec>, TemplateError> {
    if section.is_empty() {
        return Err(TemplateError::Format(
            "At least one Resources member must be defined.".into(),
        ));
    }
    section
        .into_iter()
        .map(|(logical_id, resource)| {
            let resource_type = resource.get("Type").and_then(Value::as_str);
            let Some(resource_type) = resource_type.map(str::to_owned) else {
                return Err(TemplateError::Format(format!(
                    "[/Resources/{logical_id}] Every Resources object must contain a Type member."
                )));
            };
            let condition = resource.get("Condition").and_then(scalar_text);
            Ok(ResourceSpec {
                logical_id,
                resource_type,
                condition,
            })
        })
        .collect()
}

fn outputs(section: Map<String, Value>) -> Result<Vec<OutputSpec>, TemplateError> {
    section
        .into_iter()
        .map(|(key, output)| {
            let Value::Object(mut fields) = output else {
                return Err(missing_value(&key));
            };
            let value = fields.remove("Value").ok_or_else(|| missing_value(&key))?;
            Ok(OutputSpec {
                description: fields.get("Description").and_then(scalar_text),
                condition: fields.get("Condition").and_then(scalar_text),
                key,
                value,
            })
        })
        .collect()
}

fn missing_value(key: &str) -> TemplateError {
    TemplateError::Format(format!(
        "[/Outputs/{key}] Every Outputs member must contain a Value object"
    ))
}

/// Whether JSON text nests arrays and objects deeper than `max` (brackets inside strings do
/// not count). A single pass over the bytes, so serde_json never builds the deep value.
fn json_depth_exceeds(bytes: &[u8], max: usize) -> bool {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for &b in bytes {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > max {
                    return true;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests;
