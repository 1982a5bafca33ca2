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

use crate::ids::Scope;
use crate::organizations::seam::switch_service_access;
use crate::store::{OrgRecord, ReadTx, SERVICE_CATALOG_PRINCIPAL};
use crate::Emulator;

/// XP-233, status 400.
const NOT_AUTHORIZED: &str = "You are not authorized to perform this action";

fn denied() -> ServiceError {
    ModeledError::AccessDeniedException.msg(NOT_AUTHORIZED)
}

/// The caller's organization when the caller is its management account. A caller outside any
/// organization gets the same denial as a member (open-questions-resolved.md §6: "not in org →
/// same denial as a non-management caller").
fn managed_org(tx: &dyn ReadTx, scope: &Scope) -> Result<OrgRecord, ServiceError> {
    match tx.organization_of(&scope.account)? {
        Some(org) if org.management_account == scope.account => Ok(org),
        _ => Err(denied()),
    }
}

/// EnableAWSOrganizationsAccess. Already enabled: a no-op success (open-questions-resolved.md
/// §6).
pub(crate) async fn enable_aws_organizations_access(
    em: &Emulator,
    cx: &RequestContext,
    _input: EnableAWSOrganizationsAccessInput,
) -> Result<EnableAWSOrganizationsAccessOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let (now, events) = (em.now(), em.org_events.clone());
    em.store
        .write(move |tx| {
            let org = managed_org(tx, &scope)?;
            switch_service_access(
                tx,
                events.as_ref(),
                &org.id,
                SERVICE_CATALOG_PRINCIPAL,
                Some(now),
            )
        })
        .await?;
    Ok(EnableAWSOrganizationsAccessOutput::default())
}

/// DisableAWSOrganizationsAccess. "Cannot be called while there are active delegated
/// administrators" (§5.12); the code is inferred.
pub(crate) async fn disable_aws_organizations_access(
    em: &Emulator,
    cx: &RequestContext,
    _input: DisableAWSOrganizationsAccessInput,
) -> Result<DisableAWSOrganizationsAccessOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let events = em.org_events.clone();
    em.store
        .write(move |tx| {
            let org = managed_org(tx, &scope)?;
            if tx
                .delegated_admins(&org.id)?
                .iter()
                .any(|d| d.principal == SERVICE_CATALOG_PRINCIPAL)
            {
                return Err(ModeledError::InvalidStateException.msg(
                    "Organizations access cannot be disabled while delegated administrators are \
                     registered for Service Catalog. Deregister them first.",
                ));
            }
            switch_service_access(
                tx,
                events.as_ref(),
                &org.id,
                SERVICE_CATALOG_PRINCIPAL,
                None,
            )
        })
        .await?;
    Ok(DisableAWSOrganizationsAccessOutput::default())
}

/// GetAWSOrganizationsAccessStatus: the management account or a Service Catalog delegated
/// administrator (§5.13).
pub(crate) async fn get_aws_organizations_access_status(
    em: &Emulator,
    cx: &RequestContext,
    _input: GetAWSOrganizationsAccessStatusInput,
) -> Result<GetAWSOrganizationsAccessStatusOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    em.store
        .read(move |tx| {
            let org = tx.organization_of(&scope.account)?.ok_or_else(denied)?;
            let allowed = org.management_account == scope.account
                || tx.is_delegated_admin(&org.id, &scope.account, SERVICE_CATALOG_PRINCIPAL)?;
            if !allowed {
                return Err(denied());
            }
            let enabled = tx.service_access_enabled(&org.id, SERVICE_CATALOG_PRINCIPAL)?;
            Ok(GetAWSOrganizationsAccessStatusOutput {
                access_status: Some(if enabled {
                    AccessStatus::ENABLED
                } else {
                    AccessStatus::DISABLED
                }),
            })
        })
        .await
}
