//! Provisioning artifacts (product versions): Create, Describe, Update, Delete and
//! ListProvisioningArtifacts (https://docs.aws.amazon.com/servicecatalog/latest/dg/API_CreateProvisioningArtifact.html
//! and siblings). The template named in `Info` is stored, never fetched or executed.

use sclocal_api::primitives::Timestamp;
use sclocal_api::servicecatalog::{
    CreateProvisioningArtifactInput, CreateProvisioningArtifactOutput,
    DeleteProvisioningArtifactInput, DeleteProvisioningArtifactOutput,
    DescribeProvisioningArtifactInput, DescribeProvisioningArtifactOutput,
    ListProvisioningArtifactsInput, ListProvisioningArtifactsOutput, ModeledError, ProductType,
    ProvisioningArtifactDetail, ProvisioningArtifactGuidance, ProvisioningArtifactProperties,
    ProvisioningArtifactType, Status, UpdateProvisioningArtifactInput,
    UpdateProvisioningArtifactOutput,
};
use sclocal_api::{RequestContext, ServiceError};

use super::product::{admin_product, admin_products, name_not_found, owned_product};
use crate::ids::catalog_id;
use crate::store::{ArtifactRecord, Inserted, ProductRecord, Removal};
use crate::Emulator;

/// `Info` keys that name a template (API_ProvisioningArtifactProperties).
const TEMPLATE_KEYS: &[&str] = &["LoadTemplateFromURL", "ImportFromPhysicalId"];

/// A new artifact of `product_id` from the caller's properties; the type defaults to the
/// product's. DEVIATION(aws): the text for a missing template key is ours.
pub(super) fn new_record(
    em: &Emulator,
    product_id: &str,
    props: ProvisioningArtifactProperties,
    product_type: ProductType,
    token: Option<String>,
) -> Result<ArtifactRecord, ServiceError> {
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
        return Err(ModeledError::InvalidParametersException
            .msg("Info must contain LoadTemplateFromURL or ImportFromPhysicalId."));
    }
    Ok(ArtifactRecord {
        id: catalog_id("pa", em.ids.as_ref()),
        product_id: product_id.to_string(),
        name: props.name,
        description: props.description,
        artifact_type: artifact_type.as_str().to_string(),
        info,
        active: true,
        guidance: ProvisioningArtifactGuidance::DEFAULT.as_str().to_string(),
        created_ms: em.clock.now_millis(),
        idempotency_token: token,
    })
}

pub(super) async fn create(
    em: &Emulator,
    cx: &RequestContext,
    input: CreateProvisioningArtifactInput,
) -> Result<CreateProvisioningArtifactOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let product = owned_product(em, &scope, &input.product_id).await?;
    let product_type = ProductType::from_wire(&product.product_type).unwrap_or_default();
    let record = new_record(
        em,
        &product.id,
        input.parameters,
        product_type,
        Some(input.idempotency_token),
    )?;
    let record = match em.store.insert_artifact(&record).await? {
        Inserted::New(r) | Inserted::Existing(r) => r,
        Inserted::LimitReached => record,
    };
    Ok(CreateProvisioningArtifactOutput {
        provisioning_artifact_detail: Some(detail(&record)),
        info: Some(record.info),
        status: Some(Status::AVAILABLE),
    })
}

pub(super) async fn describe(
    em: &Emulator,
    cx: &RequestContext,
    input: DescribeProvisioningArtifactInput,
) -> Result<DescribeProvisioningArtifactOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let product = match (input.product_id, input.product_name) {
        (Some(id), _) => admin_product(em, &scope, &id).await?,
        (None, Some(name)) => admin_products(em, &scope)
            .await?
            .into_iter()
            .find(|p| p.name == name)
            .ok_or_else(|| name_not_found(&name))?,
        (None, None) => return Err(invalid("Either ProductId or ProductName is required.")),
    };
    let artifacts = em.store.artifacts(&product.id).await?;
    let found = match (
        input.provisioning_artifact_id,
        input.provisioning_artifact_name,
    ) {
        (Some(id), _) => artifacts
            .into_iter()
            .find(|a| a.id == id)
            .ok_or_else(|| artifact_not_found(&id)),
        (None, Some(name)) => artifacts
            .into_iter()
            .find(|a| a.name.as_deref() == Some(name.as_str()))
            .ok_or_else(|| artifact_not_found(&name)),
        (None, None) => Err(invalid(
            "Either ProvisioningArtifactId or ProvisioningArtifactName is required.",
        )),
    }?;
    Ok(DescribeProvisioningArtifactOutput {
        provisioning_artifact_detail: Some(detail(&found)),
        info: Some(found.info),
        status: Some(Status::AVAILABLE),
        // DEVIATION(aws): templates are never fetched, so their parameters are unknown.
        provisioning_artifact_parameters: input
            .include_provisioning_artifact_parameters
            .filter(|b| *b)
            .map(|_| Vec::new()),
    })
}

pub(super) async fn update(
    em: &Emulator,
    cx: &RequestContext,
    input: UpdateProvisioningArtifactInput,
) -> Result<UpdateProvisioningArtifactOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let product = owned_product(em, &scope, &input.product_id).await?;
    let mut a = find(em, &product, &input.provisioning_artifact_id).await?;
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
        a.guidance = guidance.as_str().to_string();
    }
    em.store.update_artifact(&a).await?;
    Ok(UpdateProvisioningArtifactOutput {
        provisioning_artifact_detail: Some(detail(&a)),
        info: Some(a.info),
        status: Some(Status::AVAILABLE),
    })
}

pub(super) async fn delete(
    em: &Emulator,
    cx: &RequestContext,
    input: DeleteProvisioningArtifactInput,
) -> Result<DeleteProvisioningArtifactOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let product = owned_product(em, &scope, &input.product_id).await?;
    match em
        .store
        .delete_artifact(&product.id, &input.provisioning_artifact_id)
        .await?
    {
        Removal::Removed => Ok(DeleteProvisioningArtifactOutput {}),
        Removal::Missing => Err(artifact_not_found(&input.provisioning_artifact_id)),
        // "You cannot delete the last provisioning artifact for a product, because a product
        // must have at least one provisioning artifact" (API_DeleteProvisioningArtifact).
        Removal::InUse => Err(invalid(&format!(
            "Provisioning artifact {} is the last one of product {}; a product must have at least one provisioning artifact.",
            input.provisioning_artifact_id, product.id
        ))),
    }
}

pub(super) async fn list(
    em: &Emulator,
    cx: &RequestContext,
    input: ListProvisioningArtifactsInput,
) -> Result<ListProvisioningArtifactsOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let product = admin_product(em, &scope, &input.product_id).await?;
    let artifacts = em.store.artifacts(&product.id).await?;
    Ok(ListProvisioningArtifactsOutput {
        provisioning_artifact_details: Some(artifacts.iter().map(detail).collect()),
        next_page_token: None,
    })
}

async fn find(
    em: &Emulator,
    product: &ProductRecord,
    id: &str,
) -> Result<ArtifactRecord, ServiceError> {
    em.store
        .artifacts(&product.id)
        .await?
        .into_iter()
        .find(|a| a.id == id)
        .ok_or_else(|| artifact_not_found(id))
}

/// ProvisioningArtifactDetail of an artifact.
pub(super) fn detail(a: &ArtifactRecord) -> ProvisioningArtifactDetail {
    ProvisioningArtifactDetail {
        id: Some(a.id.clone()),
        name: a.name.clone(),
        description: a.description.clone(),
        r#type: ProvisioningArtifactType::from_wire(&a.artifact_type),
        created_time: Some(Timestamp::from_millis(a.created_ms)),
        active: Some(a.active),
        guidance: ProvisioningArtifactGuidance::from_wire(&a.guidance),
        source_revision: None,
    }
}

/// DEVIATION(aws): AWS's text is not recorded.
fn artifact_not_found(id: &str) -> ServiceError {
    ModeledError::ResourceNotFoundException.msg(format!("Provisioning artifact not found: {id}"))
}

fn invalid(message: &str) -> ServiceError {
    ModeledError::InvalidParametersException.msg(message)
}
