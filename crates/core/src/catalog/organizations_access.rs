//! EnableAWSOrganizationsAccess, DisableAWSOrganizationsAccess, GetAWSOrganizationsAccessStatus
//! (aws-behavior.md §5.11–5.13, §8; open-questions-resolved.md §1.1, §6). The status is a view
//! over Organizations' trusted-access list for `servicecatalog.amazonaws.com`, so enabling
//! through Organizations' EnableAWSServiceAccess counts too (as Landing Zone Accelerator does).
//! The switch is immediate: UNDER_CHANGE is never reported (Terraform polls through it).

use sclocal_api::servicecatalog::{
    AccessStatus, DisableAWSOrganizationsAccessInput, DisableAWSOrganizationsAccessOutput,
    EnableAWSOrganizationsAccessInput, EnableAWSOrganizationsAccessOutput,
    GetAWSOrganizationsAccessStatusInput, GetAWSOrganizationsAccessStatusOutput, ModeledError,
};
use sclocal_api::{RequestContext, ServiceError};

use crate::organizations::service_access::switch;
use crate::store::{OrgRecord, SERVICE_CATALOG_PRINCIPAL};
use crate::Emulator;

/// XP-233, status 400.
const NOT_AUTHORIZED: &str = "You are not authorized to perform this action";

fn denied() -> ServiceError {
    ModeledError::AccessDeniedException.msg(NOT_AUTHORIZED)
}

/// The caller's organization when the caller is its management account. A caller outside any
/// organization gets the same denial as a member (open-questions-resolved.md §6: "not in org →
/// same denial as a non-management caller").
async fn managed_org(em: &Emulator, cx: &RequestContext) -> Result<OrgRecord, ServiceError> {
    let scope = Emulator::scope(cx)?;
    match em.store.organization_of(&scope.account).await? {
        Some(org) if org.management_account == scope.account => Ok(org),
        _ => Err(denied()),
    }
}

pub(super) async fn enable(
    em: &Emulator,
    cx: &RequestContext,
    _input: EnableAWSOrganizationsAccessInput,
) -> Result<EnableAWSOrganizationsAccessOutput, ServiceError> {
    let org = managed_org(em, cx).await?;
    // Already enabled: a no-op success (open-questions-resolved.md §6).
    switch(em, &org, SERVICE_CATALOG_PRINCIPAL, true).await?;
    Ok(EnableAWSOrganizationsAccessOutput::default())
}

pub(super) async fn disable(
    em: &Emulator,
    cx: &RequestContext,
    _input: DisableAWSOrganizationsAccessInput,
) -> Result<DisableAWSOrganizationsAccessOutput, ServiceError> {
    let org = managed_org(em, cx).await?;
    // "Cannot be called while there are active delegated administrators" (§5.12); the code
    // is inferred.
    let admins = em.store.delegated_admins(&org.id).await?;
    if admins
        .iter()
        .any(|d| d.principal == SERVICE_CATALOG_PRINCIPAL)
    {
        return Err(ModeledError::InvalidStateException.msg(
            "Organizations access cannot be disabled while delegated administrators are \
             registered for Service Catalog. Deregister them first.",
        ));
    }
    switch(em, &org, SERVICE_CATALOG_PRINCIPAL, false).await?;
    Ok(DisableAWSOrganizationsAccessOutput::default())
}

pub(super) async fn status(
    em: &Emulator,
    cx: &RequestContext,
    _input: GetAWSOrganizationsAccessStatusInput,
) -> Result<GetAWSOrganizationsAccessStatusOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let org = em
        .store
        .organization_of(&scope.account)
        .await?
        .ok_or_else(denied)?;
    // The management account or a Service Catalog delegated administrator (§5.13).
    let allowed = org.management_account == scope.account
        || em
            .store
            .is_delegated_admin(&org.id, &scope.account, SERVICE_CATALOG_PRINCIPAL)
            .await?;
    if !allowed {
        return Err(denied());
    }
    let enabled = em
        .store
        .service_access_enabled(&org.id, SERVICE_CATALOG_PRINCIPAL)
        .await?;
    Ok(GetAWSOrganizationsAccessStatusOutput {
        access_status: Some(if enabled {
            AccessStatus::ENABLED
        } else {
            AccessStatus::DISABLED
        }),
    })
}
