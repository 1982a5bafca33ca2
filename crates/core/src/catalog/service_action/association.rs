//! Associating self-service actions with provisioning artifacts (provisioning.md §22;
//! https://docs.aws.amazon.com/servicecatalog/latest/dg/API_AssociateServiceActionWithProvisioningArtifact.html
//! and siblings): one at a time, in batches of up to 50 that never fail as a whole, and the
//! two listings across an association.
//!
//! The product owner associates its own actions with its own artifacts [inferred]; recipients
//! of a share see the owner's actions on the shared artifacts [inferred].

use sclocal_api::primitives::Timestamp;
use sclocal_api::servicecatalog::{
    AssociateServiceActionWithProvisioningArtifactInput,
    AssociateServiceActionWithProvisioningArtifactOutput,
    BatchAssociateServiceActionWithProvisioningArtifactInput,
    BatchAssociateServiceActionWithProvisioningArtifactOutput,
    BatchDisassociateServiceActionFromProvisioningArtifactInput,
    BatchDisassociateServiceActionFromProvisioningArtifactOutput,
    DisassociateServiceActionFromProvisioningArtifactInput,
    DisassociateServiceActionFromProvisioningArtifactOutput, FailedServiceActionAssociation,
    ListProvisioningArtifactsForServiceActionInput,
    ListProvisioningArtifactsForServiceActionOutput,
    ListServiceActionsForProvisioningArtifactInput,
    ListServiceActionsForProvisioningArtifactOutput, ModeledError, ProvisioningArtifact,
    ProvisioningArtifactView, ServiceActionAssociation, ServiceActionAssociationErrorCode as Code,
};
use sclocal_api::{RequestContext, ServiceError};

use super::rules::{action_summary, owned_action};
use crate::catalog::access::{admin_product, owned_product};
use crate::catalog::provisioning_artifact::artifact_not_found;
use crate::catalog::views::product_summary;
use crate::ids::Scope;
use crate::page::Api;
use crate::store::{ArtifactRecord, Lock, ReadTx, ServiceActionLink, WriteTx};
use crate::Emulator;

/// Why one association cannot be made or undone: the batch's error code and the single
/// call's exception, from one decision.
struct Refusal {
    code: Code,
    message: String,
}

impl Refusal {
    /// A not-found error as a refusal; any other error (the store's) stays an error.
    fn not_found(e: ServiceError) -> Result<Self, ServiceError> {
        match (e.code(), e.message()) {
            (Some("ResourceNotFoundException"), Some(message)) => Ok(Refusal {
                code: Code::RESOURCE_NOT_FOUND,
                message: message.to_string(),
            }),
            _ => Err(e),
        }
    }

    fn into_error(self) -> ServiceError {
        match self.code {
            Code::DUPLICATE_RESOURCE => ModeledError::DuplicateResourceException.msg(self.message),
            _ => ModeledError::ResourceNotFoundException.msg(self.message),
        }
    }

    fn failed(self, a: ServiceActionAssociation) -> FailedServiceActionAssociation {
        FailedServiceActionAssociation {
            service_action_id: Some(a.service_action_id),
            product_id: Some(a.product_id),
            provisioning_artifact_id: Some(a.provisioning_artifact_id),
            error_code: Some(self.code),
            error_message: Some(self.message),
        }
    }
}

/// The association a request names, each part checked: the caller's product, one of its
/// artifacts, the caller's action. An unknown part is RESOURCE_NOT_FOUND.
fn named_link(
    tx: &dyn ReadTx,
    scope: &Scope,
    a: &ServiceActionAssociation,
) -> Result<Result<ServiceActionLink, Refusal>, ServiceError> {
    let product = match owned_product(tx, scope, &a.product_id) {
        Ok(p) => p,
        Err(e) => return Ok(Err(Refusal::not_found(e)?)),
    };
    let Some(artifact) = artifact_of(tx, &product.id, &a.provisioning_artifact_id)? else {
        return Ok(Err(Refusal::not_found(artifact_not_found(
            &a.provisioning_artifact_id,
        ))?));
    };
    let action = match owned_action(tx, scope, &a.service_action_id) {
        Ok(action) => action,
        Err(e) => return Ok(Err(Refusal::not_found(e)?)),
    };
    Ok(Ok(ServiceActionLink {
        action_id: action.id,
        product_id: product.id,
        artifact_id: artifact.id,
    }))
}

fn artifact_of(
    tx: &dyn ReadTx,
    product: &crate::ids::ProductId,
    id: &str,
) -> Result<Option<ArtifactRecord>, ServiceError> {
    Ok(tx
        .artifacts(product)?
        .into_iter()
        .find(|a| a.id.as_str() == id))
}

/// Makes one association; a repeated one is DUPLICATE_RESOURCE.
fn associate(
    tx: &dyn WriteTx,
    scope: &Scope,
    a: &ServiceActionAssociation,
) -> Result<Result<(), Refusal>, ServiceError> {
    // DeleteServiceAction decides on the action's associations under the same lock.
    tx.lock(Lock::AccountRegion(&scope.account, &scope.region))?;
    let link = match named_link(tx, scope, a)? {
        Ok(link) => link,
        Err(r) => return Ok(Err(r)),
    };
    if tx.link_service_action(&link)? {
        Ok(Ok(()))
    } else {
        Ok(Err(Refusal {
            code: Code::DUPLICATE_RESOURCE,
            message: format!(
                "Service action {} is already associated with provisioning artifact {} of \
                 product {}.",
                link.action_id, link.artifact_id, link.product_id
            ),
        }))
    }
}

/// Undoes one association; one that does not exist is RESOURCE_NOT_FOUND.
fn disassociate(
    tx: &dyn WriteTx,
    scope: &Scope,
    a: &ServiceActionAssociation,
) -> Result<Result<(), Refusal>, ServiceError> {
    let link = match named_link(tx, scope, a)? {
        Ok(link) => link,
        Err(r) => return Ok(Err(r)),
    };
    if tx.unlink_service_action(&link)? {
        Ok(Ok(()))
    } else {
        Ok(Err(Refusal {
            code: Code::RESOURCE_NOT_FOUND,
            message: format!(
                "Service action {} is not associated with provisioning artifact {} of product \
                 {}.",
                link.action_id, link.artifact_id, link.product_id
            ),
        }))
    }
}

/// AssociateServiceActionWithProvisioningArtifact.
pub(crate) async fn associate_service_action_with_provisioning_artifact(
    em: &Emulator,
    cx: &RequestContext,
    input: AssociateServiceActionWithProvisioningArtifactInput,
) -> Result<AssociateServiceActionWithProvisioningArtifactOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let a = ServiceActionAssociation {
        service_action_id: input.service_action_id,
        product_id: input.product_id,
        provisioning_artifact_id: input.provisioning_artifact_id,
    };
    em.store
        .write(move |tx| associate(tx, &scope, &a)?.map_err(Refusal::into_error))
        .await?;
    Ok(AssociateServiceActionWithProvisioningArtifactOutput {})
}

/// DisassociateServiceActionFromProvisioningArtifact.
pub(crate) async fn disassociate_service_action_from_provisioning_artifact(
    em: &Emulator,
    cx: &RequestContext,
    input: DisassociateServiceActionFromProvisioningArtifactInput,
) -> Result<DisassociateServiceActionFromProvisioningArtifactOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let a = ServiceActionAssociation {
        service_action_id: input.service_action_id,
        product_id: input.product_id,
        provisioning_artifact_id: input.provisioning_artifact_id,
    };
    em.store
        .write(move |tx| disassociate(tx, &scope, &a)?.map_err(Refusal::into_error))
        .await?;
    Ok(DisassociateServiceActionFromProvisioningArtifactOutput {})
}

/// BatchAssociateServiceActionWithProvisioningArtifact: each entry on its own; the failures
/// are listed, the rest made.
pub(crate) async fn batch_associate_service_action_with_provisioning_artifact(
    em: &Emulator,
    cx: &RequestContext,
    input: BatchAssociateServiceActionWithProvisioningArtifactInput,
) -> Result<BatchAssociateServiceActionWithProvisioningArtifactOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let failed = em
        .store
        .write(move |tx| {
            let mut failed = Vec::new();
            for a in input.service_action_associations {
                if let Err(r) = associate(tx, &scope, &a)? {
                    failed.push(r.failed(a));
                }
            }
            Ok(failed)
        })
        .await?;
    Ok(BatchAssociateServiceActionWithProvisioningArtifactOutput {
        failed_service_action_associations: Some(failed),
    })
}

/// BatchDisassociateServiceActionFromProvisioningArtifact, likewise.
pub(crate) async fn batch_disassociate_service_action_from_provisioning_artifact(
    em: &Emulator,
    cx: &RequestContext,
    input: BatchDisassociateServiceActionFromProvisioningArtifactInput,
) -> Result<BatchDisassociateServiceActionFromProvisioningArtifactOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let failed = em
        .store
        .write(move |tx| {
            let mut failed = Vec::new();
            for a in input.service_action_associations {
                if let Err(r) = disassociate(tx, &scope, &a)? {
                    failed.push(r.failed(a));
                }
            }
            Ok(failed)
        })
        .await?;
    Ok(
        BatchDisassociateServiceActionFromProvisioningArtifactOutput {
            failed_service_action_associations: Some(failed),
        },
    )
}

/// ListServiceActionsForProvisioningArtifact: the actions on an artifact of a product the
/// caller owns or imported, paged.
pub(crate) async fn list_service_actions_for_provisioning_artifact(
    em: &Emulator,
    cx: &RequestContext,
    input: ListServiceActionsForProvisioningArtifactInput,
) -> Result<ListServiceActionsForProvisioningArtifactOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let size = Api::Catalog.size(input.page_size);
    em.store
        .read(move |tx| {
            let product = admin_product(tx, &scope, &input.product_id)?;
            let artifact = artifact_of(tx, &product.id, &input.provisioning_artifact_id)?
                .ok_or_else(|| artifact_not_found(&input.provisioning_artifact_id))?;
            let mut actions = Vec::new();
            for link in tx.artifact_service_action_links(&artifact.id)? {
                actions.extend(tx.service_action(&product.region, &link.action_id)?);
            }
            let (page, next) = Api::Catalog.slice(
                actions,
                "ListServiceActionsForProvisioningArtifact",
                input.page_token.as_deref(),
                size,
            )?;
            Ok(ListServiceActionsForProvisioningArtifactOutput {
                service_action_summaries: Some(page.iter().map(action_summary).collect()),
                next_page_token: next,
            })
        })
        .await
}

/// ListProvisioningArtifactsForServiceAction: the artifacts (with their products) the
/// caller's action is associated with, paged.
pub(crate) async fn list_provisioning_artifacts_for_service_action(
    em: &Emulator,
    cx: &RequestContext,
    input: ListProvisioningArtifactsForServiceActionInput,
) -> Result<ListProvisioningArtifactsForServiceActionOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let size = Api::Catalog.size(input.page_size);
    em.store
        .read(move |tx| {
            let action = owned_action(tx, &scope, &input.service_action_id)?;
            let mut views = Vec::new();
            for link in tx.service_action_links(&action.id)? {
                let Some(product) = tx.product(&scope.region, &link.product_id)? else {
                    continue;
                };
                if let Some(a) = artifact_of(tx, &product.id, link.artifact_id.as_str())? {
                    views.push(ProvisioningArtifactView {
                        product_view_summary: Some(product_summary(&product)),
                        provisioning_artifact: Some(ProvisioningArtifact {
                            id: Some(a.id.to_string()),
                            name: a.name.clone(),
                            description: a.description.clone(),
                            created_time: Some(Timestamp::from_millis(a.created_ms)),
                            guidance: Some(a.guidance),
                        }),
                    });
                }
            }
            let (page, next) = Api::Catalog.slice(
                views,
                "ListProvisioningArtifactsForServiceAction",
                input.page_token.as_deref(),
                size,
            )?;
            Ok(ListProvisioningArtifactsForServiceActionOutput {
                provisioning_artifact_views: Some(page),
                next_page_token: next,
            })
        })
        .await
}
