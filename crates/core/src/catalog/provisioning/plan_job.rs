//! The plan job (`JobKind::ProvisioningPlan`, keyed by the plan id): makes a plan's change set,
//! CREATE_IN_PROGRESS → CREATE_SUCCESS | CREATE_FAILED (provisioning.md §17), in one unit of
//! work that checks the lease first. The parameters are validated as a launch's or an update's
//! are (`outcome.rs`); the changes compare the template's resources with the product's current
//! version: every resource ADD for a new product; for an existing one ADD, REMOVE, and MODIFY
//! with `Replacement: CONDITIONAL` for kept ids (§27.13). DEVIATION(aws): sclocal knows no
//! resource properties, so a kept resource is always a MODIFY, and an opaque artifact has no
//! changes to show.

use std::sync::Arc;

use sclocal_api::servicecatalog::{ChangeAction, ProvisionedProductPlanStatus, Replacement};
use sclocal_api::ServiceError;

use super::constraints::PathConstraints;
use super::job::stack_context;
use super::outcome::{Outcome, Provisioning};
use super::update::same_tags;
use crate::catalog::artifact_template::template_of;
use crate::clock::Clock;
use crate::cloudformation::Template;
use crate::ids::PlanId;
use crate::store::{JobKind, PlanChange, PlanRecord, ProvisionedProductRecord, ReadTx};
use crate::Emulator;

/// CloudFormation's answer to a change set that changes nothing (puppet swallows it).
const NO_CHANGES: &str =
    "The submitted information didn't contain changes. Submit different information to create a change set.";

/// Runs the plan job `key`, whose lease this worker holds.
pub(crate) async fn plan_step(em: &Emulator, key: &str) -> Result<(), ServiceError> {
    let key = key.to_string();
    let worker = em.worker.clone();
    let clock: Arc<dyn Clock> = em.clock.clone();
    let delay = em.settings.provisioning_delay_ms;
    em.store
        .write(move |tx| {
            let now = clock.now_millis();
            if !tx.holds_lease(JobKind::ProvisioningPlan, &key, &worker, now)? {
                return Ok(());
            }
            let plan = PlanId::parse(&key)
                .map(|id| tx.plan(&id))
                .transpose()?
                .flatten();
            let Some(mut plan) =
                plan.filter(|p| p.status == ProvisionedProductPlanStatus::CREATE_IN_PROGRESS)
            else {
                return Ok(tx.finish_job(JobKind::ProvisioningPlan, &key)?);
            };
            let due = plan.created_ms.saturating_add(delay);
            if now < due {
                tx.release_job(JobKind::ProvisioningPlan, &key, &worker, due)?;
                return Ok(());
            }
            let product = tx.provisioned_product(&plan.region, &plan.provisioned_product_id)?;
            if let Some(product) = product {
                match changes(tx, &plan, &product)? {
                    Ok(changes) => {
                        plan.changes = changes;
                        plan.status = ProvisionedProductPlanStatus::CREATE_SUCCESS;
                    }
                    Err(text) => {
                        plan.status = ProvisionedProductPlanStatus::CREATE_FAILED;
                        plan.status_message = Some(text);
                    }
                }
            } else {
                plan.status = ProvisionedProductPlanStatus::CREATE_FAILED;
                plan.status_message = Some(format!(
                    "Provisioned product {} no longer exists.",
                    plan.provisioned_product_id
                ));
            }
            plan.updated_ms = now;
            tx.update_plan(&plan)?;
            Ok(tx.finish_job(JobKind::ProvisioningPlan, &key)?)
        })
        .await
}

/// The plan's changes, or why CloudFormation would refuse its change set.
fn changes(
    tx: &dyn ReadTx,
    plan: &PlanRecord,
    product: &ProvisionedProductRecord,
) -> Result<Result<Vec<PlanChange>, String>, ServiceError> {
    let template = template_of(tx, &plan.artifact_id)?;
    let rules = PathConstraints::of_path(tx, &plan.portfolio_id, &plan.product_id)?.rules;
    let stack = stack_context(product);
    let previous = (!plan.creates_product).then_some(&product.parameters);
    let outcome = Provisioning {
        template: template.as_ref(),
        rules: &rules,
        given: &plan.parameters,
        previous,
        stack: &stack,
        stack_arn: None,
    }
    .outcome();
    let parameters = match outcome {
        Outcome::Failed(text) => {
            return Ok(Err(format!(
                "Error calling API cloudformation:CreateChangeSet. ErrorCode: ValidationError, \
                 Message: {text}"
            )))
        }
        Outcome::Succeeded { parameters, .. } => parameters,
    };
    if plan.creates_product {
        return Ok(Ok(template.as_ref().map(all_added).unwrap_or_default()));
    }
    let unchanged = plan.artifact_id == product.artifact_id
        && parameters == product.parameters
        && same_tags(&plan.tags, &product.tags);
    if unchanged {
        return Ok(Err(NO_CHANGES.into()));
    }
    let current = template_of(tx, &product.artifact_id)?;
    Ok(Ok(match (current, template) {
        (Some(old), Some(new)) => compare(&old, &new),
        (None, Some(new)) => all_added(&new),
        (_, None) => Vec::new(),
    }))
}

fn all_added(template: &Template) -> Vec<PlanChange> {
    template
        .resources
        .iter()
        .map(|r| PlanChange {
            action: ChangeAction::ADD,
            logical_id: r.logical_id.clone(),
            resource_type: r.resource_type.clone(),
            replacement: None,
        })
        .collect()
}

/// The changes from `old` to `new` by logical id.
fn compare(old: &Template, new: &Template) -> Vec<PlanChange> {
    let mut out: Vec<PlanChange> = new
        .resources
        .iter()
        .map(|r| {
            let kept = old.has_resource(&r.logical_id);
            PlanChange {
                action: if kept {
                    ChangeAction::MODIFY
                } else {
                    ChangeAction::ADD
                },
                logical_id: r.logical_id.clone(),
                resource_type: r.resource_type.clone(),
                replacement: kept.then_some(Replacement::CONDITIONAL),
            }
        })
        .collect();
    out.extend(
        old.resources
            .iter()
            .filter(|r| !new.has_resource(&r.logical_id))
            .map(|r| PlanChange {
                action: ChangeAction::REMOVE,
                logical_id: r.logical_id.clone(),
                resource_type: r.resource_type.clone(),
                replacement: None,
            }),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_compare_resources_by_logical_id() {
        let old = Template::parse(
            b"Resources:\n  A: {Type: AWS::S3::Bucket}\n  B: {Type: AWS::SNS::Topic}\n",
        )
        .unwrap();
        let new = Template::parse(
            b"Resources:\n  A: {Type: AWS::S3::Bucket}\n  C: {Type: AWS::SQS::Queue}\n",
        )
        .unwrap();
        let seen: Vec<_> = compare(&old, &new)
            .into_iter()
            .map(|c| (c.action, c.logical_id, c.replacement))
            .collect();
        assert_eq!(
            seen,
            [
                (
                    ChangeAction::MODIFY,
                    "A".to_string(),
                    Some(Replacement::CONDITIONAL)
                ),
                (ChangeAction::ADD, "C".to_string(), None),
                (ChangeAction::REMOVE, "B".to_string(), None),
            ]
        );
        assert_eq!(all_added(&new).len(), 2);
    }
}
