//! TerminateProvisionedProduct (provisioning.md §15;
//! https://docs.aws.amazon.com/servicecatalog/latest/dg/API_TerminateProvisionedProduct.html)
//! and UpdateProvisionedProductProperties (§14).
//!
//! Termination needs no launch path: a product launched through a share that was taken back
//! can still be terminated. The model lists only ResourceNotFoundException for it, so a
//! termination asked while another request on the product is unfinished is accepted and waits
//! for it (the job runs one record of a product at a time) [inferred: Terraform reads
//! ResourceNotFoundException as "already gone", so refusing with it would lose the product].

use std::collections::BTreeMap;

use sclocal_api::servicecatalog::{
    ModeledError, PropertyKey, ProvisionedProductStatus, TerminateProvisionedProductInput,
    TerminateProvisionedProductOutput, UpdateProvisionedProductPropertiesInput,
    UpdateProvisionedProductPropertiesOutput,
};
use sclocal_api::{RequestContext, ServiceError};

use super::access_level::named_product;
use super::records::{new_record, submit};
use super::rules::is_stable;
use super::views::record_detail;
use crate::catalog::principal_arn::{is_own_role, owner_property};
use crate::ids::{RecordId, Scope};
use crate::store::{Lock, RecordType};
use crate::Emulator;

/// TerminateProvisionedProduct: a TERMINATE_PROVISIONED_PRODUCT record, CREATED; the product
/// goes UNDER_CHANGE and, once the record succeeds, is gone (its records stay). The same
/// TerminateToken while the product exists answers the same record.
pub(crate) async fn terminate_provisioned_product(
    em: &Emulator,
    cx: &RequestContext,
    input: TerminateProvisionedProductInput,
) -> Result<TerminateProvisionedProductOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let record_id = RecordId::generate(em.ids.as_ref());
    let now = em.now();
    let record = em
        .store
        .write(move |tx| {
            let mut product = named_product(
                tx,
                &scope,
                input.provisioned_product_id.as_deref(),
                input.provisioned_product_name.as_deref(),
            )?;
            tx.lock(Lock::ProvisionedProduct(&product.id))?;
            if let Some(first) = tx
                .record_by_token(
                    &scope.account,
                    &scope.region,
                    RecordType::TerminateProvisionedProduct,
                    &input.terminate_token,
                )?
                .filter(|r| r.provisioned_product_id == product.id)
            {
                return Ok(first);
            }
            let mut record = new_record(
                &mut product,
                RecordType::TerminateProvisionedProduct,
                record_id,
                Some(input.terminate_token),
                Vec::new(),
                now,
            );
            record.ignore_errors = input.ignore_errors.unwrap_or(false);
            record.retain_physical_resources = input.retain_physical_resources.unwrap_or(false);
            record.outputs = Vec::new();
            if is_stable(product.status) {
                product.status = ProvisionedProductStatus::UNDER_CHANGE;
            }
            tx.update_provisioned_product(&product)?;
            submit(tx, &record, now)?;
            Ok(record)
        })
        .await?;
    em.signal.notify();
    Ok(TerminateProvisionedProductOutput {
        record_detail: Some(record_detail(&record)),
    })
}

/// UpdateProvisionedProductProperties: a new `OWNER` (an IAM user, role or assumed-role ARN of
/// the account) or `LAUNCH_ROLE` (a role ARN of the account, "A user ARN is invalid"), applied
/// by an UPDATE_PROVISIONED_PRODUCT_PROPERTIES record [inferred type name]. After an OWNER
/// change the User access level follows the new owner.
pub(crate) async fn update_provisioned_product_properties(
    em: &Emulator,
    cx: &RequestContext,
    input: UpdateProvisionedProductPropertiesInput,
) -> Result<UpdateProvisionedProductPropertiesOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let properties = checked_properties(&scope, input.provisioned_product_properties)?;
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
                RecordType::UpdateProvisionedProductProperties,
                &input.idempotency_token,
            )? {
                return Ok(first);
            }
            if !is_stable(product.status) {
                // The condition is inferred; the code is the one the model lists.
                return Err(ModeledError::InvalidStateException.msg(format!(
                    "Provisioned product {} is in status {}; wait for it to be AVAILABLE.",
                    product.id,
                    product.status.as_str()
                )));
            }
            let mut record = new_record(
                &mut product,
                RecordType::UpdateProvisionedProductProperties,
                record_id,
                Some(input.idempotency_token),
                Vec::new(),
                now,
            );
            record.properties = properties;
            tx.update_provisioned_product(&product)?;
            submit(tx, &record, now)?;
            Ok(record)
        })
        .await?;
    em.signal.notify();
    Ok(UpdateProvisionedProductPropertiesOutput {
        provisioned_product_id: Some(record.provisioned_product_id.to_string()),
        provisioned_product_properties: Some(record.properties.clone()),
        record_id: Some(record.id.to_string()),
        status: Some(record.status),
    })
}

/// The properties, each checked (§14; InvalidParametersException, texts ours).
fn checked_properties(
    scope: &Scope,
    given: BTreeMap<String, String>,
) -> Result<BTreeMap<String, String>, ServiceError> {
    let invalid = |m: String| ModeledError::InvalidParametersException.msg(m);
    for (key, value) in &given {
        match PropertyKey::from_wire(key) {
            Some(PropertyKey::OWNER) if owner_property(scope, value).is_none() => {
                return Err(invalid(format!(
                    "OWNER {value} is not an IAM user, role or assumed-role ARN of account {}.",
                    scope.account
                )))
            }
            Some(PropertyKey::LAUNCH_ROLE) if !is_own_role(scope, value) => {
                return Err(invalid(format!(
                    "LAUNCH_ROLE {value} is not an IAM role ARN of account {}.",
                    scope.account
                )))
            }
            Some(_) => {}
            None => return Err(invalid(format!("Unknown property {key}."))),
        }
    }
    Ok(given)
}
