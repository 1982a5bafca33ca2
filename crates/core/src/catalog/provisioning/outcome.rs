//! What a provisioning or an update comes to, decided from the template (provisioning.md §6.2,
//! §7, §9.5): the parameters in force, validated as CloudFormation validates them, the
//! template's rules and the path's TEMPLATE constraint rules, and the outputs. Pure: the job
//! hands it what the store holds.
//!
//! An opaque artifact (no template file) validates nothing: the parameters are what was given
//! (merged with the previous ones for an update), and the only output is the stack's ARN.

use serde_json::{Map, Value};

use crate::cloudformation::{
    check_rules, resolve_outputs, resolve_parameters, GivenParameter, GivenValue, ParameterKind,
    ResolvedOutput, ResolvedParameter, ResolvedParameters, StackContext, Template, ValueSource,
};
use crate::store::ParameterInput;

/// The output every CFN_STACK product gets: its stack's ARN ("One output will default to the
/// launched CloudFormation Stack", TF-PP; SWB reads `CloudformationStackARN`).
pub(crate) const STACK_ARN_OUTPUT: &str = "CloudformationStackARN";

/// What a record comes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// It succeeded: the parameters now in force and the outputs.
    Succeeded {
        /// The parameters in force.
        parameters: ResolvedParameters,
        /// The outputs.
        outputs: Vec<ResolvedOutput>,
    },
    /// It failed, with CloudFormation's text.
    Failed(String),
}

/// The inputs of one provisioning or update.
pub(crate) struct Provisioning<'a> {
    /// The target artifact's template; `None` when it is opaque.
    pub template: Option<&'a Template>,
    /// The `Rules` of the path's TEMPLATE constraints.
    pub rules: &'a [Map<String, Value>],
    /// The ProvisioningParameters given.
    pub given: &'a [ParameterInput],
    /// The parameters in force before (an update), `None` for a launch.
    pub previous: Option<&'a ResolvedParameters>,
    /// The stack the outputs and rules see.
    pub stack: &'a StackContext,
    /// The stack ARN, for a CFN_STACK product.
    pub stack_arn: Option<&'a str>,
}

impl Provisioning<'_> {
    /// Validates and resolves (§7): unknown keys, missing values, each value's constraints;
    /// then template and constraint rules; then outputs. The first failure is the answer.
    pub(crate) fn outcome(&self) -> Outcome {
        let Some(template) = self.template else {
            let parameters = opaque_parameters(self.given, self.previous);
            return Outcome::Succeeded {
                parameters,
                outputs: self.with_stack_arn(Vec::new()),
            };
        };
        let given: Vec<GivenParameter> = self.given.iter().map(to_given).collect();
        let parameters = match resolve_parameters(&template.parameters, &given, self.previous) {
            Ok(p) => p,
            Err(e) => return Outcome::Failed(e.to_string()),
        };
        let template_rules = std::iter::once(&template.rules);
        for rules in template_rules.chain(self.rules) {
            if let Err(e) = check_rules(rules, &parameters, self.stack) {
                return Outcome::Failed(e.to_string());
            }
        }
        match resolve_outputs(template, &parameters, self.stack) {
            Ok(outputs) => Outcome::Succeeded {
                parameters,
                outputs: self.with_stack_arn(outputs),
            },
            Err(e) => Outcome::Failed(e.to_string()),
        }
    }

    fn with_stack_arn(&self, mut outputs: Vec<ResolvedOutput>) -> Vec<ResolvedOutput> {
        if let Some(arn) = self.stack_arn {
            if !outputs.iter().any(|o| o.key == STACK_ARN_OUTPUT) {
                outputs.push(ResolvedOutput {
                    key: STACK_ARN_OUTPUT.into(),
                    value: arn.into(),
                    description: None,
                });
            }
        }
        outputs
    }
}

/// A client's parameter as the template resolver takes it (UsePreviousValue or a value).
pub(super) fn to_given(p: &ParameterInput) -> GivenParameter {
    GivenParameter {
        key: p.key.clone(),
        value: if p.use_previous {
            GivenValue::UsePrevious
        } else {
            GivenValue::Value(p.value.clone())
        },
    }
}

/// The parameters of an artifact without a template (or of an engine's product): the previous
/// ones, with each given value replacing its key's (UsePreviousValue keeps the previous), new
/// keys after them. Nothing is validated and nothing is masked: there is no declaration.
pub(crate) fn opaque_parameters(
    given: &[ParameterInput],
    previous: Option<&ResolvedParameters>,
) -> ResolvedParameters {
    let mut entries: Vec<ResolvedParameter> = previous
        .map(|p| p.iter().cloned().collect())
        .unwrap_or_default();
    for g in given.iter().filter(|g| !g.use_previous) {
        let entry = ResolvedParameter {
            key: g.key.clone(),
            value: g.value.clone(),
            source: ValueSource::Given,
            no_echo: false,
            kind: ParameterKind::String,
        };
        match entries.iter_mut().find(|e| e.key == g.key) {
            Some(e) => *e = entry,
            None => entries.push(entry),
        }
    }
    ResolvedParameters::from_entries(entries)
}

/// The text a failed CloudFormation call leaves in StatusMessage and RecordErrors (observed in
/// the CLI examples of describe/scan/search-provisioned-products: two spaces after the prefix).
pub(crate) fn cloudformation_failure(text: &str, request_id: &str) -> String {
    format!(
        "AmazonCloudFormationException  {text} (Service: AmazonCloudFormation; Status Code: 400; \
         Error Code: ValidationError; Request ID: {request_id})"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(key: &str, value: &str, use_previous: bool) -> ParameterInput {
        ParameterInput {
            key: key.into(),
            value: value.into(),
            use_previous,
        }
    }

    fn stack() -> StackContext {
        StackContext {
            account_id: "111111111111".into(),
            region: "us-east-1".into(),
            stack_name: "SC-111111111111-pp-a".into(),
            stack_id: "arn:stack".into(),
            notification_arns: Vec::new(),
            placeholder_seed: "pp-a".into(),
        }
    }

    #[test]
    fn a_template_validates_and_resolves() {
        let t = Template::parse(
            br"
Parameters:
  Env: {Type: String, AllowedValues: [dev, prod]}
  Size: {Type: Number, Default: 2}
Resources:
  B: {Type: AWS::S3::Bucket}
Outputs:
  Where: {Value: !Sub '${Env}-${AWS::Region}'}
",
        )
        .unwrap();
        let rules = Vec::new();
        let given = [p("Env", "prod", false)];
        let cx = stack();
        let run = |given: &[ParameterInput]| {
            Provisioning {
                template: Some(&t),
                rules: &rules,
                given,
                previous: None,
                stack: &cx,
                stack_arn: Some("arn:stack"),
            }
            .outcome()
        };
        let Outcome::Succeeded {
            parameters,
            outputs,
        } = run(&given)
        else {
            panic!("launch failed");
        };
        assert_eq!(parameters.value("Size"), Some("2"));
        let shown: Vec<_> = outputs
            .iter()
            .map(|o| (o.key.as_str(), o.value.as_str()))
            .collect();
        assert_eq!(
            shown,
            [("Where", "prod-us-east-1"), (STACK_ARN_OUTPUT, "arn:stack")]
        );
        assert_eq!(
            run(&[]),
            Outcome::Failed("Parameters: [Env] must have values".into())
        );
        assert_eq!(
            run(&[p("Env", "qa", false)]),
            Outcome::Failed("Parameter 'Env' must be one of AllowedValues".into())
        );
    }

    #[test]
    fn opaque_parameters_merge_with_the_previous_ones() {
        let first = opaque_parameters(&[p("A", "1", false), p("B", "2", false)], None);
        let next = opaque_parameters(&[p("B", "", true), p("C", "3", false)], Some(&first));
        assert_eq!(
            next.masked(),
            [
                ("A".into(), "1".into()),
                ("B".into(), "2".into()),
                ("C".into(), "3".into())
            ]
        );
        assert!(cloudformation_failure("x", "r").starts_with("AmazonCloudFormationException  x ("));
    }
}
