//! Provisioning artifacts (product versions): Create, Describe, Update, Delete and
//! ListProvisioningArtifacts (https://docs.aws.amazon.com/servicecatalog/latest/dg/API_CreateProvisioningArtifact.html
//! and siblings). The template named in `Info` is read once, when the artifact is created, if
//! `--templates` has its file (`artifact_template`); it is never executed.

use sclocal_api::servicecatalog::{
    CreateProvisioningArtifactInput, CreateProvisioningArtifactOutput,
    DeleteProvisioningArtifactInput, DeleteProvisioningArtifactOutput,
    DescribeProvisioningArtifactInput, DescribeProvisioningArtifactOutput,
    ListProvisioningArtifactsInput, ListProvisioningArtifactsOutput, ModeledError, ProductType,
    ProvisioningArtifactGuidance, ProvisioningArtifactProperties, ProvisioningArtifactType, Status,
    UpdateProvisioningArtifactInput, UpdateProvisioningArtifactOutput,
};
use sclocal_api::{RequestContext, ServiceError};

use super::access::{admin_product, admin_product_by, owned_product};
use super::account_factory::with_ou_values;
use super::artifact_template::{self, shown_info, template_of};
use super::views::artifact_detail;
use crate::cloudformation::ParameterSpec;
use crate::ids::{ArtifactId, ProductId};
use crate::store::{ArtifactRecord, ReadTx};
use crate::Emulator;

/// `Info` keys that name a template (API_ProvisioningArtifactProperties).
const TEMPLATE_KEYS: &[&str] = &["LoadTemplateFromURL", "ImportFromPhysicalId"];

/// A new artifact of `product_id` from the caller's properties, with the text of its template
/// when `--templates` has the file (`artifact_template`); the type defaults to the product's.
/// DEVIATION(aws): the text for a missing template key is ours.
pub(crate) async fn new_artifact(
    em: &Emulator,
    product_id: &ProductId,
    props: ProvisioningArtifactProperties,
    product_type: ProductType,
    token: Option<String>,
) -> Result<(ArtifactRecord, Option<String>), ServiceError> {
    let artifact_type = props.r#type.unwrap_or(match product_type {
        ProductType::MARKETPLACE => ProvisioningArtifactType::MARKETPLACE_AMI,
        ProductType::TERRAFORM_OPEN_SOURCE => ProvisioningArtifactType::TERRAFORM_OPEN_SOURCE,
        ProductType::TERRAFORM_CLOUD => ProvisioningArtifactType::TERRAFORM_CLOUD,
        ProductType::EXTERNAL => ProvisioningArtifactType::EXTERNAL,
        ProductType::CLOUD_FORMATION_TEMPLATE => ProvisioningArtifactType::CLOUD_FORMATION_TEMPLATE,
    });
    let info = props.info.unwrap_or_default();
    let marketplace = matches!(
        artifact_type,
        ProvisioningArtifactType::MARKETPLACE_AMI | ProvisioningArtifactType::MARKETPLACE_CAR
    );
    if !marketplace && !TEMPLATE_KEYS.iter().any(|k| info.contains_key(*k)) {
        return Err(invalid(
            "Info must contain LoadTemplateFromURL or ImportFromPhysicalId.",
        ));
    }
    let disable_validation = props.disable_template_validation.unwrap_or(false);
    let template =
        artifact_template::read_for_artifact(em, &info, artifact_type, disable_validation).await?;
    let record = ArtifactRecord {
        id: ArtifactId::generate(em.ids.as_ref()),
        product_id: product_id.clone(),
        name: props.name,
        description: props.description,
        artifact_type,
        info,
        active: true,
        guidance: ProvisioningArtifactGuidance::DEFAULT,
        created_ms: em.now(),
        idempotency_token: token,
    };
    Ok((record, template))
}

/// CreateProvisioningArtifact: a new version of a product the caller owns; the same token
/// for the same product answers the first call's version.
pub(crate) async fn create_provisioning_artifact(
    em: &Emulator,
    cx: &RequestContext,
    input: CreateProvisioningArtifactInput,
) -> Result<CreateProvisioningArtifactOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let product = em
        .store
        .read({
            let (scope, id) = (scope.clone(), input.product_id.clone());
            move |tx| owned_product(tx, &scope, &id)
        })
        .await?;
    let (record, template) = new_artifact(
        em,
        &product.id,
        input.parameters,
        product.product_type,
        Some(input.idempotency_token),
    )
    .await?;
    let record = em
        .store
        .write(move |tx| {
            let product = owned_product(tx, &scope, product.id.as_str())?;
            let token = record.idempotency_token.as_deref();
            if let Some(existing) = tx
                .artifacts(&product.id)?
                .into_iter()
                .find(|a| a.idempotency_token.as_deref() == token)
            {
                return Ok(existing);
            }
            tx.insert_artifact(&record)?;
            if let Some(body) = &template {
                tx.insert_artifact_template(&record.id, body)?;
            }
            Ok(record)
        })
        .await?;
    Ok(CreateProvisioningArtifactOutput {
        provisioning_artifact_detail: Some(artifact_detail(&record)),
        info: Some(shown_info(&record.info)),
        status: Some(Status::AVAILABLE),
    })
}

/// DescribeProvisioningArtifact, by product id or name and artifact id or name.
pub(crate) async fn describe_provisioning_artifact(
    em: &Emulator,
    cx: &RequestContext,
    input: DescribeProvisioningArtifactInput,
) -> Result<DescribeProvisioningArtifactOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    em.store
        .read(move |tx| {
            let product = admin_product_by(
                tx,
                &scope,
                input.product_id.as_deref(),
                input.product_name.as_deref(),
                "Either ProductId or ProductName is required.",
            )?;
            let artifacts = tx.artifacts(&product.id)?;
            let found = match (
                input.provisioning_artifact_id,
                input.provisioning_artifact_name,
            ) {
                (Some(id), _) => artifacts
                    .into_iter()
                    .find(|a| a.id.as_str() == id)
                    .ok_or_else(|| artifact_not_found(&id)),
                (None, Some(name)) => artifacts
                    .into_iter()
                    .find(|a| a.name.as_deref() == Some(name.as_str()))
                    .ok_or_else(|| artifact_not_found(&name)),
                (None, None) => Err(invalid(
                    "Either ProvisioningArtifactId or ProvisioningArtifactName is required.",
                )),
            }?;
            // The template's parameters when `--templates` had its file; none for an opaque
            // artifact. The Account Factory's OU values are the organization's OUs now, as
            // DescribeProvisioningParameters shows them (provisioning.md §21.1).
            let parameters = if input.include_provisioning_artifact_parameters == Some(true) {
                let template = with_ou_values(tx, &product.id, template_of(tx, &found.id)?)?;
                Some(template.map_or_else(Vec::new, |t| {
                    t.parameters.iter().map(ParameterSpec::to_api).collect()
                }))
            } else {
                None
            };
            Ok(DescribeProvisioningArtifactOutput {
                provisioning_artifact_detail: Some(artifact_detail(&found)),
                info: Some(shown_info(&found.info)),
                status: Some(Status::AVAILABLE),
                provisioning_artifact_parameters: parameters,
            })
        })
        .await
}

/// UpdateProvisioningArtifact: name, description, active, guidance.
pub(crate) async fn update_provisioning_artifact(
    em: &Emulator,
    cx: &RequestContext,
    input: UpdateProvisioningArtifactInput,
) -> Result<UpdateProvisioningArtifactOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let a = em
        .store
        .write(move |tx| {
            let product = owned_product(tx, &scope, &input.product_id)?;
            let mut a = find(tx, &product.id, &input.provisioning_artifact_id)?;
            if let Some(name) = input.name {
                a.name = Some(name);
            }
            if let Some(description) = input.description {
                a.description = Some(description);
            }
            if let Some(active) = input.active {
                a.active = active;
            }
            if let Some(guidance) = input.guidance {
                a.guidance = guidance;
            }
            tx.update_artifact(&a)?;
            Ok(a)
        })
        .await?;
    Ok(UpdateProvisioningArtifactOutput {
        provisioning_artifact_detail: Some(artifact_detail(&a)),
        info: Some(shown_info(&a.info)),
        status: Some(Status::AVAILABLE),
    })
}

/// DeleteProvisioningArtifact: "You cannot delete the last provisioning artifact for a
/// product, because a product must have at least one provisioning artifact"
/// (API_DeleteProvisioningArtifact).
pub(crate) async fn delete_provisioning_artifact(
    em: &Emulator,
    cx: &RequestContext,
    input: DeleteProvisioningArtifactInput,
) -> Result<DeleteProvisioningArtifactOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    em.store
        .write(move |tx| {
            let product = owned_product(tx, &scope, &input.product_id)?;
            let artifact = find(tx, &product.id, &input.provisioning_artifact_id)?;
            if tx.artifacts(&product.id)?.len() == 1 {
                return Err(invalid(&format!(
                    "Provisioning artifact {} is the last one of product {}; a product must have at least one provisioning artifact.",
                    artifact.id, product.id
                )));
            }
            tx.unlink_artifact_service_actions(&artifact.id)?;
            tx.delete_artifact(&artifact.id)?;
            Ok(DeleteProvisioningArtifactOutput {})
        })
        .await
}

/// ListProvisioningArtifacts of a product the caller administers or imported.
pub(crate) async fn list_provisioning_artifacts(
    em: &Emulator,
    cx: &RequestContext,
    input: ListProvisioningArtifactsInput,
) -> Result<ListProvisioningArtifactsOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    em.store
        .read(move |tx| {
            let product = admin_product(tx, &scope, &input.product_id)?;
            Ok(ListProvisioningArtifactsOutput {
                provisioning_artifact_details: Some(
                    tx.artifacts(&product.id)?
                        .iter()
                        .map(artifact_detail)
                        .collect(),
                ),
                next_page_token: None,
            })
        })
        .await
}

fn find(tx: &dyn ReadTx, product: &ProductId, id: &str) -> Result<ArtifactRecord, ServiceError> {
    tx.artifacts(product)?
        .into_iter()
        .find(|a| a.id.as_str() == id)
        .ok_or_else(|| artifact_not_found(id))
}

/// DEVIATION(aws): AWS's text is not recorded.
pub(crate) fn artifact_not_found(id: &str) -> ServiceError {
    ModeledError::ResourceNotFoundException.msg(format!("Provisioning artifact not found: {id}"))
}

fn invalid(message: &str) -> ServiceError {
    ModeledError::InvalidParametersException.msg(message)
}
