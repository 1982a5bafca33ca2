//! ExecuteProvisionedProductPlan (provisioning.md §17): a plan in CREATE_SUCCESS becomes a
//! record — PROVISION_PRODUCT for a new product, UPDATE_PROVISIONED_PRODUCT for an existing one
//! [inferred] — carried out by the provisioning job; the plan goes EXECUTE_IN_PROGRESS and
//! follows the record to EXECUTE_SUCCESS or EXECUTE_FAILED (`settle.rs`). The launch path is
//! checked again, as for any launch.

use sclocal_api::servicecatalog::{
    ExecuteProvisionedProductPlanInput, ExecuteProvisionedProductPlanOutput, ModeledError,
    ProvisionedProductPlanStatus, ProvisionedProductStatus,
};
use sclocal_api::{RequestContext, ServiceError};

use super::access_level::not_found;
use super::plan::own_plan;
use super::records::{new_record, submit};
use super::rules::may_update;
use super::target::{Naming, Target};
use super::views::record_detail;
use crate::ids::RecordId;
use crate::store::{Lock, RecordType};
use crate::Emulator;

/// ExecuteProvisionedProductPlan.
pub(crate) async fn execute_provisioned_product_plan(
    em: &Emulator,
    cx: &RequestContext,
    input: ExecuteProvisionedProductPlanInput,
) -> Result<ExecuteProvisionedProductPlanOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let principal = cx.principal_arn.clone();
    let record_id = RecordId::generate(em.ids.as_ref());
    let now = em.now();
    let record = em
        .store
        .write(move |tx| {
            let mut plan = own_plan(tx, &scope, &input.plan_id)?;
            let record_type = if plan.creates_product {
                RecordType::ProvisionProduct
            } else {
                RecordType::UpdateProvisionedProduct
            };
            if let Some(first) = tx
                .record_by_token(
                    &scope.account,
                    &scope.region,
                    record_type,
                    &input.idempotency_token,
                )?
                .filter(|r| r.plan_id.as_ref() == Some(&plan.id))
            {
                return Ok(first);
            }
            if plan.status != ProvisionedProductPlanStatus::CREATE_SUCCESS {
                return Err(ModeledError::InvalidStateException.msg(format!(
                    "Plan {} is in status {}; only a plan in CREATE_SUCCESS can be executed.",
                    plan.id,
                    plan.status.as_str()
                )));
            }
            let mut product = tx
                .provisioned_product(&scope.region, &plan.provisioned_product_id)?
                .ok_or_else(|| not_found(plan.provisioned_product_id.as_str()))?;
            tx.lock(Lock::ProvisionedProduct(&product.id))?;
            let ready = if plan.creates_product {
                product.status == ProvisionedProductStatus::PLAN_IN_PROGRESS
            } else {
                may_update(product.status)
            };
            if !ready {
                return Err(ModeledError::InvalidStateException.msg(format!(
                    "Provisioned product {} is in status {}.",
                    product.id,
                    product.status.as_str()
                )));
            }
            let naming = Naming {
                product_id: Some(plan.product_id.as_str()),
                artifact_id: Some(plan.artifact_id.as_str()),
                path_id: Some(plan.path_id.as_str()),
                ..Naming::default()
            };
            let target = Target::resolve(tx, &scope, &principal, naming)?;
            let mut record = new_record(
                &mut product,
                record_type,
                record_id,
                Some(input.idempotency_token),
                plan.parameters.clone(),
                now,
            );
            record.product_id = target.product.id.clone();
            record.artifact_id = target.artifact.id.clone();
            record.path_id = Some(target.path.id.clone());
            record.launch_role_arn = target.constraints.launch_role_arn(&scope);
            record.tags.clone_from(&plan.tags);
            record.stack_instances = target.constraints.stack_instances(None, None)?;
            record.plan_id = Some(plan.id.clone());
            product.status = ProvisionedProductStatus::UNDER_CHANGE;
            plan.status = ProvisionedProductPlanStatus::EXECUTE_IN_PROGRESS;
            plan.record_id = Some(record.id.clone());
            plan.updated_ms = now;
            tx.update_plan(&plan)?;
            tx.update_provisioned_product(&product)?;
            submit(tx, &record, now)?;
            Ok(record)
        })
        .await?;
    em.signal.notify();
    Ok(ExecuteProvisionedProductPlanOutput {
        record_detail: Some(record_detail(&record)),
    })
}
