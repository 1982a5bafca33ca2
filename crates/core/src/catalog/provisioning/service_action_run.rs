//! Running a self-service action on a provisioned product (provisioning.md §22):
//! DescribeServiceActionExecutionParameters and ExecuteProvisionedProductServiceAction
//! (https://docs.aws.amazon.com/servicecatalog/latest/dg/API_ExecuteProvisionedProductServiceAction.html).
//! The action must be associated with the product's provisioning artifact (by the product's
//! owner, whose actions a recipient runs). Executing makes an
//! EXECUTE_PROVISIONED_PRODUCT_SERVICE_ACTION record [inferred type name, §3.1] that the
//! provisioning job carries to SUCCEEDED: sclocal runs no SSM document.

use std::collections::BTreeMap;

use sclocal_api::servicecatalog::{
    DescribeServiceActionExecutionParametersInput, DescribeServiceActionExecutionParametersOutput,
    ExecuteProvisionedProductServiceActionInput, ExecuteProvisionedProductServiceActionOutput,
    ExecutionParameter, ModeledError,
};
use sclocal_api::{RequestContext, ServiceError};

use super::access_level::named_product;
use super::records::{new_record, submit};
use super::rules::is_stable;
use super::views::record_detail;
use crate::catalog::service_action::rules::{
    action_not_found, checked_definition, DeclaredParameter,
};
use crate::ids::{RecordId, ServiceActionId};
use crate::store::{
    Lock, ParameterInput, ProvisionedProductRecord, ReadTx, RecordType, ServiceActionRecord,
};
use crate::Emulator;

/// The action `id` as it applies to `product`: known in the product's region, and associated
/// with the product's artifact (else InvalidParametersException [inferred condition; the code
/// is the model's]). Answers it with the parameters its definition declares.
fn action_for(
    tx: &dyn ReadTx,
    product: &ProvisionedProductRecord,
    id: &str,
) -> Result<(ServiceActionRecord, Vec<DeclaredParameter>), ServiceError> {
    let action = ServiceActionId::parse(id)
        .map(|parsed| tx.service_action(&product.region, &parsed))
        .transpose()?
        .flatten()
        .ok_or_else(|| action_not_found(id))?;
    let associated = tx
        .artifact_service_action_links(&product.artifact_id)?
        .iter()
        .any(|l| l.action_id == action.id && l.product_id == product.product_id);
    if !associated {
        return Err(ModeledError::InvalidParametersException.msg(format!(
            "Service action {} is not associated with provisioning artifact {} of provisioned \
             product {}.",
            action.id, product.artifact_id, product.id
        )));
    }
    // A stored definition passed this check when it was written.
    let declared = checked_definition(&action.definition).unwrap_or_default();
    Ok((action, declared))
}

/// DescribeServiceActionExecutionParameters: the parameters the action's definition declares,
/// each with its default values. DEVIATION(aws): AWS fills a TARGET parameter's defaults with
/// the product's resources (instance ids); sclocal creates no resources, so every default is
/// empty.
pub(crate) async fn describe_service_action_execution_parameters(
    em: &Emulator,
    cx: &RequestContext,
    input: DescribeServiceActionExecutionParametersInput,
) -> Result<DescribeServiceActionExecutionParametersOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    em.store
        .read(move |tx| {
            let product = named_product(tx, &scope, Some(&input.provisioned_product_id), None)?;
            let (_, declared) = action_for(tx, &product, &input.service_action_id)?;
            Ok(DescribeServiceActionExecutionParametersOutput {
                service_action_parameters: Some(
                    declared
                        .into_iter()
                        .map(|p| ExecutionParameter {
                            name: Some(p.name),
                            r#type: Some(p.kind),
                            default_values: Some(Vec::new()),
                        })
                        .collect(),
                ),
            })
        })
        .await
}

/// ExecuteProvisionedProductServiceAction on a stable product (UNDER_CHANGE or
/// PLAN_IN_PROGRESS: InvalidStateException, the model's code). Parameters must be ones the
/// definition declares [inferred]. Same ExecuteToken: the first call's record.
pub(crate) async fn execute_provisioned_product_service_action(
    em: &Emulator,
    cx: &RequestContext,
    input: ExecuteProvisionedProductServiceActionInput,
) -> Result<ExecuteProvisionedProductServiceActionOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let record_id = RecordId::generate(em.ids.as_ref());
    let now = em.now();
    let record = em
        .store
        .write(move |tx| {
            let mut product = named_product(tx, &scope, Some(&input.provisioned_product_id), None)?;
            tx.lock(Lock::ProvisionedProduct(&product.id))?;
            if let Some(first) = tx.record_by_token(
                &scope.account,
                &scope.region,
                RecordType::ExecuteServiceAction,
                &input.execute_token,
            )? {
                return Ok(first);
            }
            let (_, declared) = action_for(tx, &product, &input.service_action_id)?;
            let parameters = given(input.parameters.unwrap_or_default(), &declared)?;
            if !is_stable(product.status) {
                return Err(ModeledError::InvalidStateException.msg(format!(
                    "Provisioned product {} is in status {}; wait for it to be AVAILABLE.",
                    product.id,
                    product.status.as_str()
                )));
            }
            let record = new_record(
                &mut product,
                RecordType::ExecuteServiceAction,
                record_id,
                Some(input.execute_token),
                parameters,
                now,
            );
            tx.update_provisioned_product(&product)?;
            submit(tx, &record, now)?;
            Ok(record)
        })
        .await?;
    em.signal.notify();
    Ok(ExecuteProvisionedProductServiceActionOutput {
        record_detail: Some(record_detail(&record)),
    })
}

/// The Parameters given, as the record keeps them (a list's values joined by commas), each
/// one the definition declares.
fn given(
    parameters: BTreeMap<String, Vec<String>>,
    declared: &[DeclaredParameter],
) -> Result<Vec<ParameterInput>, ServiceError> {
    parameters
        .into_iter()
        .map(|(key, values)| {
            if declared.iter().any(|d| d.name == key) {
                Ok(ParameterInput {
                    key,
                    value: values.join(","),
                    use_previous: false,
                })
            } else {
                Err(ModeledError::InvalidParametersException.msg(format!(
                    "Parameter {key} is not a parameter of the service action."
                )))
            }
        })
        .collect()
}
