//! Trusted access and delegated administrators: EnableAWSServiceAccess,
//! DisableAWSServiceAccess, ListAWSServiceAccessForOrganization, RegisterDelegatedAdministrator,
//! DeregisterDelegatedAdministrator, ListDelegatedAdministrators,
//! ListDelegatedServicesForAccount (organizations-behavior.md §5.27–5.33, §6.4).

use sclocal_api::organizations::{
    ConstraintViolationExceptionReason as Cv, DelegatedAdministrator, DelegatedService,
    DeregisterDelegatedAdministratorOutput, DeregisterDelegatedAdministratorRequest,
    DisableAWSServiceAccessOutput, DisableAWSServiceAccessRequest, EnableAWSServiceAccessOutput,
    EnableAWSServiceAccessRequest, EnabledServicePrincipal, InvalidInputExceptionReason,
    ListAWSServiceAccessForOrganizationRequest, ListAWSServiceAccessForOrganizationResponse,
    ListDelegatedAdministratorsRequest, ListDelegatedAdministratorsResponse,
    ListDelegatedServicesForAccountRequest, ListDelegatedServicesForAccountResponse, ModeledError,
    RegisterDelegatedAdministratorOutput, RegisterDelegatedAdministratorRequest,
};
use sclocal_api::primitives::Timestamp;
use sclocal_api::{RequestContext, ServiceError};

use super::common::{account, account_id, constraint, invalid, manager, paged, reader};
use super::membership::member;
use crate::catalog::org_events;
use crate::store::{DelegatedAdminRecord, OrgRecord, RegisterOutcome, SERVICE_CATALOG_PRINCIPAL};
use crate::Emulator;

/// Service principals Organizations recognises for trusted access (a subset of AWS's
/// "services that work with Organizations" table; `stacksets.cloudformation.amazonaws.com` is
/// deliberately absent, OBS-SP).
const PRINCIPALS: &[&str] = &[
    "access-analyzer.amazonaws.com",
    "account.amazonaws.com",
    "backup.amazonaws.com",
    "cloudtrail.amazonaws.com",
    "compute-optimizer.amazonaws.com",
    "config.amazonaws.com",
    "controltower.amazonaws.com",
    "detective.amazonaws.com",
    "ds.amazonaws.com",
    "fms.amazonaws.com",
    "guardduty.amazonaws.com",
    "health.amazonaws.com",
    "inspector2.amazonaws.com",
    "ipam.amazonaws.com",
    "license-manager.amazonaws.com",
    "macie.amazonaws.com",
    "member.org.stacksets.cloudformation.amazonaws.com",
    "ram.amazonaws.com",
    "reporting.trustedadvisor.amazonaws.com",
    "securityhub.amazonaws.com",
    "securitylake.amazonaws.com",
    SERVICE_CATALOG_PRINCIPAL,
    "servicequotas.amazonaws.com",
    "sso.amazonaws.com",
    "ssm.amazonaws.com",
    "storage-lens.s3.amazonaws.com",
    "tagpolicies.tag.amazonaws.com",
];

/// Delegated administrators per service: 50 for Service Catalog (§8); DEVIATION(aws): 5 for
/// every other principal (AWS's per-service caps vary).
fn cap(principal: &str) -> usize {
    if principal == SERVICE_CATALOG_PRINCIPAL {
        50
    } else {
        5
    }
}

fn recognised(principal: &str) -> Result<(), ServiceError> {
    if PRINCIPALS.contains(&principal) {
        Ok(())
    } else {
        Err(invalid(
            InvalidInputExceptionReason::UNRECOGNIZED_SERVICE_PRINCIPAL,
            "You specified an unrecognized service principal.",
        ))
    }
}

/// Switches trusted access and tells sharing when Service Catalog's flips. Shared with
/// Service Catalog's Enable/DisableAWSOrganizationsAccess.
pub(crate) async fn switch(
    em: &Emulator,
    org: &OrgRecord,
    principal: &str,
    enable: bool,
) -> Result<(), ServiceError> {
    let at = enable.then(|| em.clock.now_millis());
    let flipped = em.store.set_service_access(&org.id, principal, at).await?;
    if flipped && principal == SERVICE_CATALOG_PRINCIPAL {
        org_events::service_access_changed(em, &org.id, enable).await?;
    }
    Ok(())
}

pub(super) async fn enable(
    em: &Emulator,
    cx: &RequestContext,
    input: EnableAWSServiceAccessRequest,
) -> Result<EnableAWSServiceAccessOutput, ServiceError> {
    let c = manager(em, cx).await?;
    recognised(&input.service_principal)?;
    switch(em, &c.org, &input.service_principal, true).await?;
    Ok(EnableAWSServiceAccessOutput::default())
}

pub(super) async fn disable(
    em: &Emulator,
    cx: &RequestContext,
    input: DisableAWSServiceAccessRequest,
) -> Result<DisableAWSServiceAccessOutput, ServiceError> {
    let c = manager(em, cx).await?;
    recognised(&input.service_principal)?;
    // Delegated administrators do not block this on the Organizations side (§5.28).
    switch(em, &c.org, &input.service_principal, false).await?;
    Ok(DisableAWSServiceAccessOutput::default())
}

pub(super) async fn list(
    em: &Emulator,
    cx: &RequestContext,
    input: ListAWSServiceAccessForOrganizationRequest,
) -> Result<ListAWSServiceAccessForOrganizationResponse, ServiceError> {
    let c = reader(em, cx).await?;
    let all = em.store.service_access(&c.org.id).await?;
    let (items, next) = paged(
        all,
        "ListAWSServiceAccessForOrganization",
        input.next_token.as_deref(),
        input.max_results,
    )?;
    Ok(ListAWSServiceAccessForOrganizationResponse {
        enabled_service_principals: Some(
            items
                .into_iter()
                .map(|s| EnabledServicePrincipal {
                    service_principal: Some(s.principal),
                    date_enabled: Some(Timestamp::from_millis(s.enabled_ms)),
                })
                .collect(),
        ),
        next_token: next,
    })
}

/// RegisterDelegatedAdministrator in §5.30's check order.
pub(super) async fn register(
    em: &Emulator,
    cx: &RequestContext,
    input: RegisterDelegatedAdministratorRequest,
) -> Result<RegisterDelegatedAdministratorOutput, ServiceError> {
    let c = manager(em, cx).await?;
    recognised(&input.service_principal)?;
    let id = account_id(&input.account_id)?;
    if id == c.org.management_account {
        return Err(constraint(
            Cv::CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR,
            "You cannot register master account/yourself as delegated administrator for your \
             organization.",
        ));
    }
    let a = member(em, &c, &id).await?;
    if !em
        .store
        .service_access_enabled(&c.org.id, &input.service_principal)
        .await?
    {
        return Err(constraint(
            Cv::SERVICE_ACCESS_NOT_ENABLED,
            "You must enable service access before you delegate an administrator for this \
             service. Call the AWS API EnableAWSServiceAccess first.",
        ));
    }
    if a.state != "ACTIVE" {
        return Err(constraint(
            Cv::CANNOT_REGISTER_SUSPENDED_ACCOUNT_AS_DELEGATED_ADMINISTRATOR,
            "You cannot register a suspended account as a delegated administrator.",
        ));
    }
    let record = DelegatedAdminRecord {
        account: id,
        principal: input.service_principal.clone(),
        enabled_ms: em.clock.now_millis(),
    };
    match em
        .store
        .register_delegated_admin(&c.org.id, &record, cap(&input.service_principal))
        .await?
    {
        RegisterOutcome::Registered => Ok(RegisterDelegatedAdministratorOutput::default()),
        RegisterOutcome::Already => Err(ModeledError::AccountAlreadyRegisteredException.msg(
            "The provided account is already a delegated administrator for your organization.",
        )),
        RegisterOutcome::CapReached => Err(constraint(
            Cv::MAX_DELEGATED_ADMINISTRATORS_FOR_SERVICE_LIMIT_EXCEEDED,
            "You attempted to register more delegated administrators than allowed for the \
             service principal.",
        )),
    }
}

pub(super) async fn deregister(
    em: &Emulator,
    cx: &RequestContext,
    input: DeregisterDelegatedAdministratorRequest,
) -> Result<DeregisterDelegatedAdministratorOutput, ServiceError> {
    let c = manager(em, cx).await?;
    recognised(&input.service_principal)?;
    let a = member(em, &c, &account_id(&input.account_id)?).await?;
    if !em
        .store
        .deregister_delegated_admin(&c.org.id, &a.id, &input.service_principal)
        .await?
    {
        return Err(ModeledError::AccountNotRegisteredException.msg(
            "The provided account is not a registered delegated administrator for your \
             organization.",
        ));
    }
    if input.service_principal == SERVICE_CATALOG_PRINCIPAL {
        org_events::delegated_admin_deregistered(em, &c.org.id, &a.id).await?;
    }
    Ok(DeregisterDelegatedAdministratorOutput::default())
}

pub(super) async fn list_admins(
    em: &Emulator,
    cx: &RequestContext,
    input: ListDelegatedAdministratorsRequest,
) -> Result<ListDelegatedAdministratorsResponse, ServiceError> {
    let c = reader(em, cx).await?;
    if let Some(p) = &input.service_principal {
        recognised(p)?;
    }
    // One entry per account; without the filter its earliest registration's date (§5.32).
    let mut admins: Vec<DelegatedAdminRecord> = Vec::new();
    for d in em.store.delegated_admins(&c.org.id).await? {
        let wanted = input
            .service_principal
            .as_ref()
            .is_none_or(|p| *p == d.principal);
        if wanted && !admins.iter().any(|x| x.account == d.account) {
            admins.push(d);
        }
    }
    let kind = format!(
        "ListDelegatedAdministrators:{}",
        input.service_principal.as_deref().unwrap_or_default()
    );
    let (page, next) = paged(
        admins,
        &kind,
        input.next_token.as_deref(),
        input.max_results,
    )?;
    let mut out = Vec::with_capacity(page.len());
    for d in page {
        let Some(a) = em.store.account(&d.account).await? else {
            continue;
        };
        let a = account(&c.org, &a);
        out.push(DelegatedAdministrator {
            id: a.id,
            arn: a.arn,
            email: a.email,
            name: a.name,
            status: a.status,
            state: a.state,
            joined_method: a.joined_method,
            joined_timestamp: a.joined_timestamp,
            delegation_enabled_date: Some(Timestamp::from_millis(d.enabled_ms)),
        });
    }
    Ok(ListDelegatedAdministratorsResponse {
        delegated_administrators: Some(out),
        next_token: next,
    })
}

pub(super) async fn list_services(
    em: &Emulator,
    cx: &RequestContext,
    input: ListDelegatedServicesForAccountRequest,
) -> Result<ListDelegatedServicesForAccountResponse, ServiceError> {
    let c = reader(em, cx).await?;
    let a = member(em, &c, &account_id(&input.account_id)?).await?;
    let services: Vec<DelegatedService> = em
        .store
        .delegated_admins(&c.org.id)
        .await?
        .into_iter()
        .filter(|d| d.account == a.id)
        .map(|d| DelegatedService {
            service_principal: Some(d.principal),
            delegation_enabled_date: Some(Timestamp::from_millis(d.enabled_ms)),
        })
        .collect();
    if services.is_empty() {
        return Err(ModeledError::AccountNotRegisteredException.msg(
            "The provided account is not a registered delegated administrator for your \
             organization.",
        ));
    }
    let kind = format!("ListDelegatedServicesForAccount:{}", a.id);
    let (items, next) = paged(
        services,
        &kind,
        input.next_token.as_deref(),
        input.max_results,
    )?;
    Ok(ListDelegatedServicesForAccountResponse {
        delegated_services: Some(items),
        next_token: next,
    })
}
