//! The external-engine flow (provisioning.md §20): Terraform open source, Terraform Cloud and
//! external products are provisioned by an engine in the product owner's account. Service
//! Catalog puts a message on the engine's queue and the record waits IN_PROGRESS (the product
//! UNDER_CHANGE) until the engine calls back with Notify{Provision,Update,Terminate}…Result.
//!
//! DEVIATION(aws): there is no SQS in sclocal. The messages are kept and the operator reads
//! them (`GET /_sclocal/engine/messages?queue=…`) to drive an engine under test; `drain` does
//! not finish these records. TERRAFORM_CLOUD has no public queue contract and uses the
//! external engine's queues [inferred].

use sclocal_api::servicecatalog::{
    EngineWorkflowStatus, ModeledError, NotifyProvisionProductEngineWorkflowResultInput,
    NotifyProvisionProductEngineWorkflowResultOutput,
    NotifyTerminateProvisionedProductEngineWorkflowResultInput,
    NotifyTerminateProvisionedProductEngineWorkflowResultOutput,
    NotifyUpdateProvisionedProductEngineWorkflowResultInput,
    NotifyUpdateProvisionedProductEngineWorkflowResultOutput, RecordOutput,
};
use sclocal_api::{RequestContext, ServiceError};
use serde_json::json;

use super::outcome::{opaque_parameters, Outcome};
use super::rules::is_finished;
use super::settle::finish_record;
use crate::catalog::artifact_template::URL_KEY;
use crate::clock::{alnum_chars, IdSource};
use crate::cloudformation::{ResolvedOutput, S3Location};
use crate::ids::{RecordId, Scope};
use crate::store::{
    EngineMessage, ProvisionedProductRecord, ProvisionedProductType, ProvisioningRecord,
    RecordType, WriteTx,
};
use crate::Emulator;

/// The queue an engine reads for an operation (TRE `template.yaml`).
pub(crate) fn queue_name(kind: ProvisionedProductType, record_type: RecordType) -> String {
    let engine = match kind {
        ProvisionedProductType::TerraformOpenSource => "TerraformOS",
        _ => "External",
    };
    let operation = match record_type {
        RecordType::UpdateProvisionedProduct => "Update",
        RecordType::TerminateProvisionedProduct => "Terminate",
        _ => "Provision",
    };
    format!("ServiceCatalog{engine}{operation}OperationQueue")
}

/// Puts the record's work on its engine's queue with a fresh workflow token; the record stays
/// IN_PROGRESS until the engine's Notify call.
pub(crate) fn hand_to_engine(
    tx: &dyn WriteTx,
    record: &mut ProvisioningRecord,
    product: &ProvisionedProductRecord,
    ids: &dyn IdSource,
    now: i64,
) -> Result<(), ServiceError> {
    let token = alnum_chars(ids, 64);
    let owner = tx
        .product(&record.region, &record.product_id)?
        .map_or_else(|| record.account.clone(), |p| p.account);
    let artifact_path = tx
        .artifacts(&record.product_id)?
        .into_iter()
        .find(|a| a.id == record.artifact_id)
        .and_then(|a| a.info.get(URL_KEY).cloned())
        .map(|url| {
            S3Location::from_url(&url).map_or(url, |l| format!("s3://{}/{}", l.bucket(), l.key()))
        });
    let organization = tx
        .membership(&record.account)?
        .map(|m| m.org_id.to_string());
    let parameters = opaque_parameters(
        &record.parameters,
        (record.record_type == RecordType::UpdateProvisionedProduct).then_some(&product.parameters),
    );
    let pairs = |list: Vec<(String, String)>| {
        list.into_iter()
            .map(|(k, v)| json!({"key": k, "value": v}))
            .collect::<Vec<_>>()
    };
    // The message body the reference engine reads (TRE handler tests, §20).
    let body = json!({
        "token": token,
        "operation": record.record_type.as_str(),
        "provisionedProductId": record.provisioned_product_id.as_str(),
        "provisionedProductName": record.provisioned_product_name,
        "productId": record.product_id.as_str(),
        "provisioningArtifactId": record.artifact_id.as_str(),
        "recordId": record.id.as_str(),
        "launchRoleArn": record.launch_role_arn,
        "artifact": {"path": artifact_path, "type": "AWS_S3"},
        "identity": {
            "principal": record.user_arn_session,
            "awsAccountId": record.account.as_str(),
            "organizationId": organization,
        },
        "parameters": pairs(parameters.masked()),
        "tags": pairs(record.tags.clone()),
    });
    tx.insert_engine_message(&EngineMessage {
        queue: queue_name(product.product_type, record.record_type),
        account: owner,
        region: record.region.clone(),
        record_id: record.id.clone(),
        body: body.to_string(),
        created_ms: now,
    })?;
    record.workflow_token = Some(token);
    record.updated_ms = now;
    tx.update_record(record)?;
    Ok(())
}

/// What an engine reports.
struct Report {
    record_id: String,
    workflow_token: String,
    idempotency_token: String,
    status: EngineWorkflowStatus,
    failure_reason: Option<String>,
    outputs: Option<Vec<RecordOutput>>,
}

/// NotifyProvisionProductEngineWorkflowResult.
pub(crate) async fn notify_provision_product_engine_workflow_result(
    em: &Emulator,
    cx: &RequestContext,
    input: NotifyProvisionProductEngineWorkflowResultInput,
) -> Result<NotifyProvisionProductEngineWorkflowResultOutput, ServiceError> {
    let report = Report {
        record_id: input.record_id,
        workflow_token: input.workflow_token,
        idempotency_token: input.idempotency_token,
        status: input.status,
        failure_reason: input.failure_reason,
        outputs: input.outputs,
    };
    notify(em, cx, RecordType::ProvisionProduct, report).await?;
    Ok(NotifyProvisionProductEngineWorkflowResultOutput {})
}

/// NotifyUpdateProvisionedProductEngineWorkflowResult.
pub(crate) async fn notify_update_provisioned_product_engine_workflow_result(
    em: &Emulator,
    cx: &RequestContext,
    input: NotifyUpdateProvisionedProductEngineWorkflowResultInput,
) -> Result<NotifyUpdateProvisionedProductEngineWorkflowResultOutput, ServiceError> {
    let report = Report {
        record_id: input.record_id,
        workflow_token: input.workflow_token,
        idempotency_token: input.idempotency_token,
        status: input.status,
        failure_reason: input.failure_reason,
        outputs: input.outputs,
    };
    notify(em, cx, RecordType::UpdateProvisionedProduct, report).await?;
    Ok(NotifyUpdateProvisionedProductEngineWorkflowResultOutput {})
}

/// NotifyTerminateProvisionedProductEngineWorkflowResult.
pub(crate) async fn notify_terminate_provisioned_product_engine_workflow_result(
    em: &Emulator,
    cx: &RequestContext,
    input: NotifyTerminateProvisionedProductEngineWorkflowResultInput,
) -> Result<NotifyTerminateProvisionedProductEngineWorkflowResultOutput, ServiceError> {
    let report = Report {
        record_id: input.record_id,
        workflow_token: input.workflow_token,
        idempotency_token: input.idempotency_token,
        status: input.status,
        failure_reason: input.failure_reason,
        outputs: None,
    };
    notify(em, cx, RecordType::TerminateProvisionedProduct, report).await?;
    Ok(NotifyTerminateProvisionedProductEngineWorkflowResultOutput {})
}

/// Finishes the record an engine reports on. The caller is the engine, in the product owner's
/// account (or the launching account itself). Unknown record: ResourceNotFoundException; a
/// token that is not the record's, a record of another kind or one already finished:
/// InvalidParametersException; the same IdempotencyToken again: nothing happens (§20).
async fn notify(
    em: &Emulator,
    cx: &RequestContext,
    expected: RecordType,
    report: Report,
) -> Result<(), ServiceError> {
    let scope = Emulator::scope(cx)?;
    let now = em.now();
    em.store
        .write(move |tx| {
            let mut record = engine_record(tx, &scope, &report.record_id)?;
            let invalid = |m: String| ModeledError::InvalidParametersException.msg(m);
            if record.workflow_token.as_deref() != Some(report.workflow_token.as_str()) {
                return Err(invalid(format!(
                    "The workflow token does not belong to record {}.",
                    record.id
                )));
            }
            if record.record_type != expected {
                return Err(invalid(format!(
                    "Record {} is a {} record.",
                    record.id,
                    record.record_type.as_str()
                )));
            }
            if is_finished(record.status) {
                if record.notify_token.as_deref() == Some(report.idempotency_token.as_str()) {
                    return Ok(());
                }
                return Err(invalid(format!(
                    "Record {} is already finished.",
                    record.id
                )));
            }
            let Some(product) =
                tx.provisioned_product(&record.region, &record.provisioned_product_id)?
            else {
                return Err(record_not_found(&report.record_id));
            };
            record.notify_token = Some(report.idempotency_token);
            let outcome = match report.status {
                EngineWorkflowStatus::SUCCEEDED => Outcome::Succeeded {
                    parameters: opaque_parameters(
                        &record.parameters,
                        (expected == RecordType::UpdateProvisionedProduct)
                            .then_some(&product.parameters),
                    ),
                    outputs: outputs(report.outputs.unwrap_or_default()),
                },
                EngineWorkflowStatus::FAILED => Outcome::Failed(
                    report
                        .failure_reason
                        .unwrap_or_else(|| "The engine reported a failure.".into()),
                ),
            };
            finish_record(tx, record, product, outcome, now)
        })
        .await
}

/// The record `id` if the caller may report on it: its account, or the account of the
/// product's owner (where the engine runs).
fn engine_record(
    tx: &dyn WriteTx,
    scope: &Scope,
    id: &str,
) -> Result<ProvisioningRecord, ServiceError> {
    let record = RecordId::parse(id)
        .map(|r| tx.record(&r))
        .transpose()?
        .flatten()
        .filter(|r| r.region == scope.region)
        .ok_or_else(|| record_not_found(id))?;
    let owner = tx
        .product(&record.region, &record.product_id)?
        .map(|p| p.account);
    if record.account == scope.account || owner.as_ref() == Some(&scope.account) {
        Ok(record)
    } else {
        Err(record_not_found(id))
    }
}

fn outputs(given: Vec<RecordOutput>) -> Vec<ResolvedOutput> {
    given
        .into_iter()
        .filter_map(|o| {
            Some(ResolvedOutput {
                key: o.output_key?,
                value: o.output_value.unwrap_or_default(),
                description: o.description,
            })
        })
        .collect()
}

/// DEVIATION(aws): AWS's text is not recorded.
pub(crate) fn record_not_found(id: &str) -> ServiceError {
    ModeledError::ResourceNotFoundException.msg(format!("Record not found: {id}"))
}
