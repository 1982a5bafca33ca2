//! A template's Outputs resolved at the end of a successful provisioning (spec provisioning
//! §6.2, §16): literals, `Ref`/`Fn::Sub`/`Fn::Join`/`Fn::Select`/`Fn::If`/… of parameters and
//! pseudo parameters are computed; what only a deployed stack would know becomes a stable
//! placeholder (see [`StackContext::placeholder`]). Outputs whose `Condition` is false are left
//! out, as CloudFormation leaves them out.

use std::fmt;

use sclocal_api::servicecatalog::RecordOutput;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::intrinsic::{scalar_text, EvalError, Evaluator};
use super::parameters::ResolvedParameters;
use super::pseudo::StackContext;
use super::template::Template;

/// One output of a provisioned product.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResolvedOutput {
    /// `OutputKey`.
    pub key: String,
    /// `OutputValue`.
    pub value: String,
    /// The template's Description (`RecordOutput.Description`).
    pub description: Option<String>,
}

impl ResolvedOutput {
    /// The output as DescribeRecord and GetProvisionedProductOutputs answer it.
    pub fn to_api(&self) -> RecordOutput {
        RecordOutput {
            output_key: Some(self.key.clone()),
            output_value: Some(self.value.clone()),
            description: self.description.clone(),
        }
    }
}

/// Why a template's outputs cannot be resolved: the provisioning fails with this text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutputError {
    /// `Ref`/`Fn::Sub` names that are no parameter, pseudo parameter or resource
    /// (CloudFormation's text, observed in TF-PP's errorOnCreate test, §3.2).
    Unresolved(Vec<String>),
    /// An output's `Condition` names no condition.
    UnknownCondition {
        /// The output.
        output: String,
        /// The condition it names.
        condition: String,
    },
    /// Any other template error, with CloudFormation's text.
    Template(String),
}

impl fmt::Display for OutputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unresolved(names) => write!(
                f,
                "Unresolved resource dependencies [{}] in the Outputs block of the template",
                names.join(", ")
            ),
            // DEVIATION(aws): the text is ours.
            Self::UnknownCondition { output, condition } => write!(
                f,
                "Template format error: Unresolved dependencies [{condition}] in the Condition of output {output}"
            ),
            Self::Template(text) => f.write_str(text),
        }
    }
}

impl std::error::Error for OutputError {}

/// Resolves the template's outputs for `stack` with the effective `parameters`, in template
/// order. An output whose value uses a function sclocal does not evaluate (`Fn::Transform`,
/// unknown functions) gets the placeholder `<OutputKey>-<seed>`. A value that is a list is
/// written comma-separated; an output whose value is `AWS::NoValue` is left out.
pub fn resolve_outputs(
    template: &Template,
    parameters: &ResolvedParameters,
    stack: &StackContext,
) -> Result<Vec<ResolvedOutput>, OutputError> {
    let ev = Evaluator::new(template, parameters, stack);
    let mut resolved = Vec::with_capacity(template.outputs.len());
    let mut unresolved: Vec<String> = Vec::new();
    for output in &template.outputs {
        if let Some(condition) = &output.condition {
            match ev.condition(condition) {
                Ok(true) => {}
                Ok(false) => continue,
                Err(EvalError::Unresolved(name)) if &name == condition => {
                    return Err(OutputError::UnknownCondition {
                        output: output.key.clone(),
                        condition: name,
                    })
                }
                Err(e) => return Err(eval_error(e)),
            }
        }
        let value = match ev.value(&output.value) {
            Ok(Value::Null) => continue,
            Ok(value) => text(&value),
            Err(EvalError::Unsupported) => stack.placeholder(&[&output.key]),
            Err(EvalError::Unresolved(name)) => {
                if !unresolved.contains(&name) {
                    unresolved.push(name);
                }
                continue;
            }
            Err(e) => return Err(eval_error(e)),
        };
        resolved.push(ResolvedOutput {
            key: output.key.clone(),
            value,
            description: output.description.clone(),
        });
    }
    if unresolved.is_empty() {
        Ok(resolved)
    } else {
        Err(OutputError::Unresolved(unresolved))
    }
}

fn eval_error(e: EvalError) -> OutputError {
    match e {
        EvalError::Unresolved(name) => OutputError::Unresolved(vec![name]),
        EvalError::Template(text) => OutputError::Template(text),
        EvalError::Unsupported => {
            OutputError::Template("Template error: unsupported function".into())
        }
    }
}

/// An output value as text: lists comma-separated, mappings as JSON.
fn text(value: &Value) -> String {
    match value {
        Value::Array(items) => items
            .iter()
            .map(|item| scalar_text(item).unwrap_or_else(|| item.to_string()))
            .collect::<Vec<_>>()
            .join(","),
        other => scalar_text(other).unwrap_or_else(|| other.to_string()),
    }
}

#[cfg(test)]
mod tests;
