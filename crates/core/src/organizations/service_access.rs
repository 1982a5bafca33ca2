//! Trusted access and delegated administrators: EnableAWSServiceAccess,
//! DisableAWSServiceAccess, ListAWSServiceAccessForOrganization, RegisterDelegatedAdministrator,
//! DeregisterDelegatedAdministrator, ListDelegatedAdministrators,
//! ListDelegatedServicesForAccount (organizations-behavior.md §5.27–5.33, §6.4).

use sclocal_api::organizations::{
    AccountStatus, ConstraintViolationExceptionReason as Cv, DelegatedAdministrator,
    DelegatedService, DeregisterDelegatedAdministratorOutput,
    DeregisterDelegatedAdministratorRequest, DisableAWSServiceAccessOutput,
    DisableAWSServiceAccessRequest, EnableAWSServiceAccessOutput, EnableAWSServiceAccessRequest,
    EnabledServicePrincipal, InvalidInputExceptionReason,
    ListAWSServiceAccessForOrganizationRequest, ListAWSServiceAccessForOrganizationResponse,
    ListDelegatedAdministratorsRequest, ListDelegatedAdministratorsResponse,
    ListDelegatedServicesForAccountRequest, ListDelegatedServicesForAccountResponse, ModeledError,
    RegisterDelegatedAdministratorOutput, RegisterDelegatedAdministratorRequest,
};
use sclocal_api::primitives::Timestamp;
use sclocal_api::{RequestContext, ServiceError};

use super::caller::{account_id, constraint, invalid, manager, member, reader};
use super::seam::switch_service_access;
use super::shapes::account;
use crate::events::OrgEvent;
use crate::page::Api;
use crate::store::{DelegatedAdminRecord, Lock, SERVICE_CATALOG_PRINCIPAL};
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
    // Centralized root access for STS AssumeRoot (governance.md §8.3).
    "iam.amazonaws.com",
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

/// EnableAWSServiceAccess.
pub(crate) async fn enable_aws_service_access(
    em: &Emulator,
    cx: &RequestContext,
    input: EnableAWSServiceAccessRequest,
) -> Result<EnableAWSServiceAccessOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let (now, events) = (em.now(), em.org_events.clone());
    em.org_write(move |tx| {
        let c = manager(tx, &scope)?;
        recognised(&input.service_principal)?;
        switch_service_access(
            tx,
            events.as_ref(),
            &c.org.id,
            &input.service_principal,
            Some(now),
        )
    })
    .await?;
    Ok(EnableAWSServiceAccessOutput::default())
}

/// DisableAWSServiceAccess. Delegated administrators do not block this on the Organizations
/// side (§5.28).
pub(crate) async fn disable_aws_service_access(
    em: &Emulator,
    cx: &RequestContext,
    input: DisableAWSServiceAccessRequest,
) -> Result<DisableAWSServiceAccessOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let events = em.org_events.clone();
    em.org_write(move |tx| {
            let c = manager(tx, &scope)?;
            recognised(&input.service_principal)?;
            // Governance §1.2: a policy type the service owns must be disabled first.
            if !super::policy_type::types_needing(tx, &c.org.id, &input.service_principal)?
                .is_empty()
            {
                return Err(super::caller::constraint(
                    sclocal_api::organizations::ConstraintViolationExceptionReason::POLICY_TYPE_ENABLED_FOR_THIS_SERVICE,
                    "You attempted to disable service access before you disabled the policy type (for example, SECURITYHUB_POLICY).",
                ));
            }
            switch_service_access(
                tx,
                events.as_ref(),
                &c.org.id,
                &input.service_principal,
                None,
            )
        })
        .await?;
    Ok(DisableAWSServiceAccessOutput::default())
}

/// ListAWSServiceAccessForOrganization.
pub(crate) async fn list_aws_service_access_for_organization(
    em: &Emulator,
    cx: &RequestContext,
    input: ListAWSServiceAccessForOrganizationRequest,
) -> Result<ListAWSServiceAccessForOrganizationResponse, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let size = Api::Organizations.size(input.max_results);
    em.store
        .read(move |tx| {
            let c = reader(tx, &scope)?;
            let all = tx.service_access(&c.org.id)?;
            let (items, next) = Api::Organizations.slice(
                all,
                "ListAWSServiceAccessForOrganization",
                input.next_token.as_deref(),
                size,
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
        })
        .await
}

/// RegisterDelegatedAdministrator in §5.30's check order.
pub(crate) async fn register_delegated_administrator(
    em: &Emulator,
    cx: &RequestContext,
    input: RegisterDelegatedAdministratorRequest,
) -> Result<RegisterDelegatedAdministratorOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let now = em.now();
    em.org_write(move |tx| {
        let c = manager(tx, &scope)?;
        let principal = input.service_principal;
        recognised(&principal)?;
        let id = account_id(&input.account_id)?;
        if id == c.org.management_account {
            return Err(constraint(
                Cv::CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR,
                "You cannot register master account/yourself as delegated administrator for \
                     your organization.",
            ));
        }
        let a = member(tx, &c, &id)?;
        if !tx.service_access_enabled(&c.org.id, &principal)? {
            return Err(constraint(
                Cv::SERVICE_ACCESS_NOT_ENABLED,
                "You must enable service access before you delegate an administrator for this \
                     service. Call the AWS API EnableAWSServiceAccess first.",
            ));
        }
        if a.status != AccountStatus::ACTIVE {
            return Err(constraint(
                Cv::CANNOT_REGISTER_SUSPENDED_ACCOUNT_AS_DELEGATED_ADMINISTRATOR,
                "You cannot register a suspended account as a delegated administrator.",
            ));
        }
        tx.lock(Lock::Organization(&c.org.id))?;
        let admins = tx.delegated_admins(&c.org.id)?;
        if admins
            .iter()
            .any(|d| d.account == id && d.principal == principal)
        {
            return Err(ModeledError::AccountAlreadyRegisteredException.msg(
                "The provided account is already a delegated administrator for your \
                     organization.",
            ));
        }
        if admins.iter().filter(|d| d.principal == principal).count() >= cap(&principal) {
            return Err(constraint(
                Cv::MAX_DELEGATED_ADMINISTRATORS_FOR_SERVICE_LIMIT_EXCEEDED,
                "You attempted to register more delegated administrators than allowed for \
                     the service principal.",
            ));
        }
        tx.insert_delegated_admin(
            &c.org.id,
            &DelegatedAdminRecord {
                account: id,
                principal,
                enabled_ms: now,
            },
        )?;
        Ok(RegisterDelegatedAdministratorOutput::default())
    })
    .await
}

/// DeregisterDelegatedAdministrator; the services that delegated to the account hear of it.
pub(crate) async fn deregister_delegated_administrator(
    em: &Emulator,
    cx: &RequestContext,
    input: DeregisterDelegatedAdministratorRequest,
) -> Result<DeregisterDelegatedAdministratorOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let events = em.org_events.clone();
    em.org_write(move |tx| {
        let c = manager(tx, &scope)?;
        recognised(&input.service_principal)?;
        let a = member(tx, &c, &account_id(&input.account_id)?)?;
        if !tx.delete_delegated_admin(&c.org.id, &a.id, &input.service_principal)? {
            return Err(ModeledError::AccountNotRegisteredException.msg(
                "The provided account is not a registered delegated administrator for your \
                     organization.",
            ));
        }
        events.on_org_event(
            tx,
            &OrgEvent::DelegatedAdminDeregistered {
                org: &c.org.id,
                account: &a.id,
                principal: &input.service_principal,
            },
        )?;
        Ok(DeregisterDelegatedAdministratorOutput::default())
    })
    .await
}

/// ListDelegatedAdministrators: one entry per account; without the filter its earliest
/// registration's date (§5.32).
pub(crate) async fn list_delegated_administrators(
    em: &Emulator,
    cx: &RequestContext,
    input: ListDelegatedAdministratorsRequest,
) -> Result<ListDelegatedAdministratorsResponse, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let size = Api::Organizations.size(input.max_results);
    em.store
        .read(move |tx| {
            let c = reader(tx, &scope)?;
            if let Some(p) = &input.service_principal {
                recognised(p)?;
            }
            let mut admins: Vec<DelegatedAdminRecord> = Vec::new();
            for d in tx.delegated_admins(&c.org.id)? {
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
            let (page, next) =
                Api::Organizations.slice(admins, &kind, input.next_token.as_deref(), size)?;
            let mut out = Vec::with_capacity(page.len());
            for d in page {
                let Some(a) = tx.account(&d.account)? else {
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
        })
        .await
}

/// ListDelegatedServicesForAccount.
pub(crate) async fn list_delegated_services_for_account(
    em: &Emulator,
    cx: &RequestContext,
    input: ListDelegatedServicesForAccountRequest,
) -> Result<ListDelegatedServicesForAccountResponse, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let size = Api::Organizations.size(input.max_results);
    em.store
        .read(move |tx| {
            let c = reader(tx, &scope)?;
            let a = member(tx, &c, &account_id(&input.account_id)?)?;
            let services: Vec<DelegatedService> = tx
                .delegated_admins(&c.org.id)?
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
            let (items, next) =
                Api::Organizations.slice(services, &kind, input.next_token.as_deref(), size)?;
            Ok(ListDelegatedServicesForAccountResponse {
                delegated_services: Some(items),
                next_token: next,
            })
        })
        .await
}
