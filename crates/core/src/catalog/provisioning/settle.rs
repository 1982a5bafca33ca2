//! Finishing a record: its status, errors and outputs, and what it leaves of its provisioned
//! product (`rules::after`) and of the plan it executed. The job (`job.rs`) and an engine's
//! Notify call (`engine.rs`) both finish records here, inside the unit of work that decided.

use sclocal_api::servicecatalog::{
    ProvisionedProductPlanStatus, RecordStatus, StackInstanceStatus,
};
use sclocal_api::ServiceError;

use super::outcome::Outcome;
use super::rules::{after, is_provisioning, After};
use crate::catalog::launch_path::portfolio_of;
use crate::store::{
    ProvisionedProductRecord, ProvisioningRecord, RecordErrorEntry, RecordType, WriteTx,
};

/// The code of a failed record's RecordError. DEVIATION(aws): AWS's codes are not public
/// (§27.2); the Description carries CloudFormation's (or the engine's) text.
pub(crate) const FAILED_CODE: &str = "ProvisioningFailed";

/// Writes `outcome` as the end of `record` on `product`, at `now`.
pub(crate) fn finish_record(
    tx: &dyn WriteTx,
    mut record: ProvisioningRecord,
    mut product: ProvisionedProductRecord,
    outcome: Outcome,
    now: i64,
) -> Result<(), ServiceError> {
    record.updated_ms = now;
    let succeeded = matches!(outcome, Outcome::Succeeded { .. });
    match outcome {
        Outcome::Succeeded {
            parameters,
            outputs,
        } => {
            record.status = RecordStatus::SUCCEEDED;
            if record.path_id.is_some() && record.path_id != product.path_id {
                if let Some(path) = &record.path_id {
                    product.portfolio_id = portfolio_of(tx, &record.product_id, path)?;
                }
            }
            apply_success(&record, &mut product);
            if record.record_type == RecordType::TerminateProvisionedProduct {
                record.outputs = Vec::new();
            } else {
                if matches!(
                    record.record_type,
                    RecordType::ProvisionProduct
                        | RecordType::UpdateProvisionedProduct
                        | RecordType::ImportProvisionedProduct
                ) {
                    product.parameters = parameters;
                    product.outputs = outputs;
                }
                record.outputs = product.outputs.clone();
            }
            if is_provisioning(record.record_type) {
                product.last_successful_provisioning_record_id = Some(record.id.clone());
            }
            product.status_message = None;
        }
        Outcome::Failed(text) => {
            record.status = RecordStatus::FAILED;
            record.errors = vec![RecordErrorEntry {
                code: FAILED_CODE.into(),
                description: text.clone(),
            }];
            // A failed record shows what was there (§11).
            record.outputs = product.outputs.clone();
            if record.record_type == RecordType::ProvisionProduct {
                product.stack_instances = outdated(&record);
            }
            product.status_message = Some(text);
        }
    }
    settle_plan(tx, &record, now)?;
    match after(record.record_type, succeeded, record.ignore_errors) {
        After::Gone => tx.delete_provisioned_product(&product.id)?,
        After::Status(status) => {
            product.status = status;
            tx.update_provisioned_product(&product)?;
        }
        After::Unchanged => tx.update_provisioned_product(&product)?,
    }
    tx.update_record(&record)?;
    Ok(())
}

/// What a successful record changes on its product besides parameters and outputs.
fn apply_success(record: &ProvisioningRecord, product: &mut ProvisionedProductRecord) {
    match record.record_type {
        RecordType::UpdateProvisionedProductProperties => {
            if let Some(owner) = record.properties.get("OWNER") {
                let (user, session) = crate::catalog::principal_arn::owner_arns(owner);
                product.user_arn = user;
                product.user_arn_session = session;
            }
            if let Some(role) = record.properties.get("LAUNCH_ROLE") {
                product.launch_role_arn = Some(role.clone());
            }
        }
        RecordType::TerminateProvisionedProduct | RecordType::ExecuteServiceAction => {}
        _ => {
            product.product_id = record.product_id.clone();
            product.artifact_id = record.artifact_id.clone();
            product.path_id.clone_from(&record.path_id);
            product.launch_role_arn.clone_from(&record.launch_role_arn);
            product.tags.clone_from(&record.tags);
            product.stack_instances.clone_from(&record.stack_instances);
        }
    }
}

/// A failed launch's stack instances: OUTDATED (model doc of StackInstanceStatus).
fn outdated(record: &ProvisioningRecord) -> Vec<crate::store::StackInstance> {
    record
        .stack_instances
        .iter()
        .cloned()
        .map(|mut s| {
            s.status = StackInstanceStatus::OUTDATED;
            s
        })
        .collect()
}

/// The plan a record executed follows it: EXECUTE_SUCCESS or EXECUTE_FAILED.
fn settle_plan(
    tx: &dyn WriteTx,
    record: &ProvisioningRecord,
    now: i64,
) -> Result<(), ServiceError> {
    let Some(plan_id) = &record.plan_id else {
        return Ok(());
    };
    if let Some(mut plan) = tx.plan(plan_id)? {
        plan.updated_ms = now;
        if record.status == RecordStatus::SUCCEEDED {
            plan.status = ProvisionedProductPlanStatus::EXECUTE_SUCCESS;
        } else {
            plan.status = ProvisionedProductPlanStatus::EXECUTE_FAILED;
            plan.status_message = record.errors.first().map(|e| e.description.clone());
        }
        tx.update_plan(&plan)?;
    }
    Ok(())
}
