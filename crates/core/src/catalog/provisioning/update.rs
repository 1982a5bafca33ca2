//! UpdateProvisionedProduct (provisioning.md §13;
//! https://docs.aws.amazon.com/servicecatalog/latest/dg/API_UpdateProvisionedProduct.html): a
//! new version, parameters or tags for a stable product, through a launch path checked again.
//! Omitted product, artifact and path keep the current ones; the product goes UNDER_CHANGE and
//! the job ends it AVAILABLE, or TAINTED with the old version in force.

use sclocal_api::servicecatalog::{
    ModeledError, ProvisionedProductStatus, StackSetOperationType, UpdateProvisionedProductInput,
    UpdateProvisionedProductOutput, UpdateProvisioningParameter, UpdateProvisioningPreferences,
};
use sclocal_api::{RequestContext, ServiceError};

use super::access_level::named_product;
use super::records::{new_record, parameters_given, submit};
use super::rules::may_update;
use super::target::{Naming, Target};
use super::views::record_detail;
use crate::catalog::tagging::{request_tags, Tagged};
use crate::ids::RecordId;
use crate::store::{
    Lock, ParameterInput, ProvisionedProductRecord, ProvisionedProductType, RecordType,
    StackInstance,
};
use crate::tags::Tags;
use crate::Emulator;

/// UpdateProvisionedProduct.
pub(crate) async fn update_provisioned_product(
    em: &Emulator,
    cx: &RequestContext,
    input: UpdateProvisionedProductInput,
) -> Result<UpdateProvisionedProductOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let principal = cx.principal_arn.clone();
    let given_tags = match input.tags.clone() {
        Some(tags) => Some(request_tags(Some(tags), Tagged::ProvisionedProduct)?),
        None => None,
    };
    let parameters = parameters_given(input.provisioning_parameters.clone(), update_given);
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
            if let Some(first) = tx.record_by_token(
                &scope.account,
                &scope.region,
                RecordType::UpdateProvisionedProduct,
                &input.update_token,
            )? {
                return Ok(first);
            }
            if !may_update(product.status) {
                return Err(not_updatable(&product));
            }
            let by_name = input.product_name.is_some();
            let current_product = product.product_id.to_string();
            let current_artifact = product.artifact_id.to_string();
            let current_path = product.path_id.as_ref().map(ToString::to_string);
            let naming = Naming {
                product_id: input
                    .product_id
                    .as_deref()
                    .or((!by_name).then_some(current_product.as_str())),
                product_name: input.product_name.as_deref(),
                artifact_id: input.provisioning_artifact_id.as_deref().or(input
                    .provisioning_artifact_name
                    .is_none()
                    .then_some(current_artifact.as_str())),
                artifact_name: input.provisioning_artifact_name.as_deref(),
                path_id: input.path_id.as_deref(),
                path_name: input.path_name.as_deref(),
                default_path: current_path.as_deref(),
                any_path: false,
            };
            let target = Target::resolve(tx, &scope, &principal, naming)?;
            let tags = match given_tags {
                Some(given) => {
                    let tags = target.tags(tx, &scope, given)?;
                    if !same_tags(&tags, &product.tags) && !target.constraints.tag_update_allowed {
                        return Err(tags_locked(&product));
                    }
                    tags
                }
                None => product.tags.clone(),
            };
            let instances = instances(&target, &product, input.provisioning_preferences.as_ref())?;
            let mut record = new_record(
                &mut product,
                RecordType::UpdateProvisionedProduct,
                record_id,
                Some(input.update_token),
                parameters,
                now,
            );
            record.product_id = target.product.id.clone();
            record.artifact_id = target.artifact.id.clone();
            record.path_id = Some(target.path.id.clone());
            record.launch_role_arn = target.constraints.launch_role_arn(&scope);
            record.tags = tags;
            record.stack_instances = instances;
            product.status = ProvisionedProductStatus::UNDER_CHANGE;
            tx.update_provisioned_product(&product)?;
            submit(tx, &record, now)?;
            Ok(record)
        })
        .await?;
    em.signal.notify();
    Ok(UpdateProvisionedProductOutput {
        record_detail: Some(record_detail(&record)),
    })
}

/// An UpdateProvisioningParameter as stored.
pub(crate) fn update_given(p: UpdateProvisioningParameter) -> ParameterInput {
    ParameterInput {
        key: p.key.unwrap_or_default(),
        value: p.value.unwrap_or_default(),
        use_previous: p.use_previous_value == Some(true),
    }
}

/// An update of a product that is not AVAILABLE or TAINTED: InvalidParametersException, the
/// code the model lists for UpdateProvisionedProduct [inferred; the text is ours].
pub(crate) fn not_updatable(p: &ProvisionedProductRecord) -> ServiceError {
    ModeledError::InvalidParametersException.msg(format!(
        "Provisioned product {} is in status {}; it can be updated only when AVAILABLE or TAINTED.",
        p.id,
        p.status.as_str()
    ))
}

/// Changed tags without RESOURCE_UPDATE `TagUpdateOnProvisionedProduct: ALLOWED` (§8).
/// Sending the unchanged tags again succeeds (Terraform sends all tags on every update).
pub(crate) fn tags_locked(p: &ProvisionedProductRecord) -> ServiceError {
    ModeledError::InvalidParametersException.msg(format!(
        "Tag updates are not allowed for provisioned product {}: its launch path has no \
         RESOURCE_UPDATE constraint with TagUpdateOnProvisionedProduct ALLOWED.",
        p.id
    ))
}

/// Whether two tag lists hold the same pairs, in any order.
pub(crate) fn same_tags(a: &Tags, b: &Tags) -> bool {
    a.len() == b.len() && a.iter().all(|t| b.contains(t))
}

/// The stack instances after an update of a CFN_STACKSET product (§9.4):
/// `StackSetOperationType` CREATE adds the instances asked for, DELETE removes them, UPDATE
/// (the default) makes them the ones asked for (all of the current ones when none are asked).
fn instances(
    target: &Target,
    product: &ProvisionedProductRecord,
    prefs: Option<&UpdateProvisioningPreferences>,
) -> Result<Vec<StackInstance>, ServiceError> {
    if product.product_type != ProvisionedProductType::CfnStackSet {
        return Ok(Vec::new());
    }
    let accounts = prefs.and_then(|p| p.stack_set_accounts.as_deref());
    let regions = prefs.and_then(|p| p.stack_set_regions.as_deref());
    let asked = target.constraints.stack_instances(accounts, regions)?;
    let current = &product.stack_instances;
    let same =
        |a: &StackInstance, b: &StackInstance| a.account == b.account && a.region == b.region;
    Ok(match prefs.and_then(|p| p.stack_set_operation_type) {
        Some(StackSetOperationType::CREATE) => {
            let mut out = current.clone();
            out.extend(
                asked
                    .into_iter()
                    .filter(|a| !current.iter().any(|c| same(a, c))),
            );
            out
        }
        Some(StackSetOperationType::DELETE) => current
            .iter()
            .filter(|c| !asked.iter().any(|a| same(a, c)))
            .cloned()
            .collect(),
        _ if accounts.is_none() && regions.is_none() && !current.is_empty() => current.clone(),
        _ => asked,
    })
}
