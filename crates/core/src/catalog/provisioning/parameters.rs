//! DescribeProvisioningParameters (provisioning.md §10;
//! https://docs.aws.amazon.com/servicecatalog/latest/dg/API_DescribeProvisioningParameters.html):
//! what a launch through a path needs — the template's parameters (none for an opaque
//! artifact), the path's constraints and usage instructions, its TagOptions, stack set
//! preferences and the template's outputs. The launch-path rules are ProvisionProduct's (§4).

use sclocal_api::servicecatalog::{
    ConstraintSummary, DescribeProvisioningParametersInput, DescribeProvisioningParametersOutput,
    ProvisioningArtifactOutput, ProvisioningArtifactPreferences, TagOptionSummary,
    UsageInstruction,
};
use sclocal_api::{RequestContext, ServiceError};

use super::target::{Naming, Target};
use crate::catalog::account_factory::with_ou_values;
use crate::catalog::artifact_template::template_of;
use crate::cloudformation::{rules_usage_instruction, ParameterSpec};
use crate::Emulator;

/// DescribeProvisioningParameters.
pub(crate) async fn describe_provisioning_parameters(
    em: &Emulator,
    cx: &RequestContext,
    input: DescribeProvisioningParametersInput,
) -> Result<DescribeProvisioningParametersOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let principal = cx.principal_arn.clone();
    em.store
        .read(move |tx| {
            let naming = Naming {
                product_id: input.product_id.as_deref(),
                product_name: input.product_name.as_deref(),
                artifact_id: input.provisioning_artifact_id.as_deref(),
                artifact_name: input.provisioning_artifact_name.as_deref(),
                path_id: input.path_id.as_deref(),
                path_name: input.path_name.as_deref(),
                default_path: None,
                any_path: false,
            };
            let target = Target::resolve(tx, &scope, &principal, naming)?;
            let template = template_of(tx, &target.artifact.id)?;
            // The Account Factory's OU parameter lists the OUs as they are now (§21.1).
            let template = with_ou_values(tx, &target.product.id, template)?;
            let c = &target.constraints;
            let mut usage = vec![instruction(
                "rules",
                rules_usage_instruction(&c.rules.iter().collect::<Vec<_>>()),
            )];
            if let Some(version) = template.as_ref().and_then(|t| t.format_version.clone()) {
                usage.push(instruction("version", version));
            }
            if let Some(role) = c.launch_role_arn(&scope) {
                usage.push(instruction("launchAsRole", role));
            }
            usage.push(instruction(
                "tagUpdateOnProvisionedProduct",
                c.tag_update_instruction().to_string(),
            ));
            let tag_options = target
                .tag_rules(tx, &scope)?
                .into_iter()
                .map(|r| TagOptionSummary {
                    key: Some(r.key),
                    values: Some(r.values),
                })
                .collect();
            let output_keys: Vec<ProvisioningArtifactOutput> = template
                .as_ref()
                .map(|t| {
                    t.outputs
                        .iter()
                        .map(crate::cloudformation::template::OutputSpec::to_api)
                        .collect()
                })
                .unwrap_or_default();
            Ok(DescribeProvisioningParametersOutput {
                provisioning_artifact_parameters: Some(
                    template
                        .as_ref()
                        .map(|t| t.parameters.iter().map(ParameterSpec::to_api).collect())
                        .unwrap_or_default(),
                ),
                constraint_summaries: Some(
                    c.summaries
                        .iter()
                        .map(|(kind, description)| ConstraintSummary {
                            r#type: Some(kind.as_str().to_string()),
                            description: description.clone(),
                        })
                        .collect(),
                ),
                usage_instructions: Some(usage),
                tag_options: Some(tag_options),
                provisioning_artifact_preferences: Some(match &c.stack_set {
                    Some((accounts, regions)) => ProvisioningArtifactPreferences {
                        stack_set_accounts: Some(accounts.clone()),
                        stack_set_regions: Some(regions.clone()),
                    },
                    None => ProvisioningArtifactPreferences::default(),
                }),
                // Deprecated; filled like the keys (§10: "no client reads it").
                provisioning_artifact_outputs: Some(output_keys.clone()),
                provisioning_artifact_output_keys: Some(output_keys),
            })
        })
        .await
}

fn instruction(kind: &str, value: String) -> UsageInstruction {
    UsageInstruction {
        r#type: Some(kind.to_string()),
        value: Some(value),
    }
}
