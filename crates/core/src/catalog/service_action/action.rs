//! CreateServiceAction, DescribeServiceAction, UpdateServiceAction, DeleteServiceAction and
//! ListServiceActions (provisioning.md §22;
//! https://docs.aws.amazon.com/servicecatalog/latest/dg/API_CreateServiceAction.html and
//! siblings). An action is an SSM Automation definition kept by the account that made it;
//! sclocal runs no SSM document.

use sclocal_api::servicecatalog::{
    CreateServiceActionInput, CreateServiceActionOutput, DeleteServiceActionInput,
    DeleteServiceActionOutput, DescribeServiceActionInput, DescribeServiceActionOutput,
    ListServiceActionsInput, ListServiceActionsOutput, ModeledError, UpdateServiceActionInput,
    UpdateServiceActionOutput,
};
use sclocal_api::{RequestContext, ServiceError};

use super::rules::{action_detail, action_summary, checked_definition, owned_action};
use crate::ids::ServiceActionId;
use crate::page::Api;
use crate::store::{Lock, ServiceActionRecord};
use crate::Emulator;

/// CreateServiceAction. Same IdempotencyToken in the same account and region: the first
/// call's action is the answer.
pub(crate) async fn create_service_action(
    em: &Emulator,
    cx: &RequestContext,
    input: CreateServiceActionInput,
) -> Result<CreateServiceActionOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    checked_definition(&input.definition)
        .map_err(|m| ModeledError::InvalidParametersException.msg(m))?;
    let action = ServiceActionRecord {
        id: ServiceActionId::generate(em.ids.as_ref()),
        account: scope.account.clone(),
        region: scope.region.clone(),
        name: input.name,
        description: input.description,
        definition_type: input.definition_type,
        definition: input.definition,
        created_ms: em.now(),
        idempotency_token: Some(input.idempotency_token),
    };
    let action = em
        .store
        .write(move |tx| {
            tx.lock(Lock::AccountRegion(&action.account, &action.region))?;
            let token = action.idempotency_token.as_deref().unwrap_or_default();
            if let Some(first) =
                tx.service_action_by_token(&action.account, &action.region, token)?
            {
                return Ok(first);
            }
            tx.insert_service_action(&action)?;
            Ok(action)
        })
        .await?;
    Ok(CreateServiceActionOutput {
        service_action_detail: Some(action_detail(&action)),
    })
}

/// DescribeServiceAction: the caller's own actions.
pub(crate) async fn describe_service_action(
    em: &Emulator,
    cx: &RequestContext,
    input: DescribeServiceActionInput,
) -> Result<DescribeServiceActionOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    em.store
        .read(move |tx| {
            let action = owned_action(tx, &scope, &input.id)?;
            Ok(DescribeServiceActionOutput {
                service_action_detail: Some(action_detail(&action)),
            })
        })
        .await
}

/// UpdateServiceAction: the name, description and definition given replace the current ones
/// (a Definition replaces the whole map [inferred]).
pub(crate) async fn update_service_action(
    em: &Emulator,
    cx: &RequestContext,
    input: UpdateServiceActionInput,
) -> Result<UpdateServiceActionOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    if let Some(definition) = &input.definition {
        checked_definition(definition)
            .map_err(|m| ModeledError::InvalidParametersException.msg(m))?;
    }
    let action = em
        .store
        .write(move |tx| {
            let mut action = owned_action(tx, &scope, &input.id)?;
            if let Some(name) = input.name {
                action.name = name;
            }
            if let Some(description) = input.description {
                action.description = Some(description);
            }
            if let Some(definition) = input.definition {
                action.definition = definition;
            }
            tx.update_service_action(&action)?;
            Ok(action)
        })
        .await?;
    Ok(UpdateServiceActionOutput {
        service_action_detail: Some(action_detail(&action)),
    })
}

/// DeleteServiceAction: refused with ResourceInUseException while the action is associated
/// with any provisioning artifact (the model lists the code; the condition is inferred, §22).
pub(crate) async fn delete_service_action(
    em: &Emulator,
    cx: &RequestContext,
    input: DeleteServiceActionInput,
) -> Result<DeleteServiceActionOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    em.store
        .write(move |tx| {
            // An association made concurrently would slip past the check otherwise.
            tx.lock(Lock::AccountRegion(&scope.account, &scope.region))?;
            let action = owned_action(tx, &scope, &input.id)?;
            if !tx.service_action_links(&action.id)?.is_empty() {
                return Err(ModeledError::ResourceInUseException.msg(format!(
                    "Service action {} is associated with provisioning artifacts; disassociate \
                     it first.",
                    action.id
                )));
            }
            tx.delete_service_action(&action.id)?;
            Ok(DeleteServiceActionOutput {})
        })
        .await
}

/// ListServiceActions: the caller's actions in the region, in creation order, paged.
pub(crate) async fn list_service_actions(
    em: &Emulator,
    cx: &RequestContext,
    input: ListServiceActionsInput,
) -> Result<ListServiceActionsOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let size = Api::Catalog.size(input.page_size);
    em.store
        .read(move |tx| {
            let actions = tx.account_service_actions(&scope.account, &scope.region)?;
            let (page, next) = Api::Catalog.slice(
                actions,
                "ListServiceActions",
                input.page_token.as_deref(),
                size,
            )?;
            Ok(ListServiceActionsOutput {
                service_action_summaries: Some(page.iter().map(action_summary).collect()),
                next_page_token: next,
            })
        })
        .await
}
