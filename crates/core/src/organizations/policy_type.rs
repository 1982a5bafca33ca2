//! EnablePolicyType, DisablePolicyType and the root's `PolicyTypes` (governance.md §1.1, §1.2):
//! a new organization has no type enabled; enabling SCPs (or RCPs) attaches the AWS-managed
//! default to the root, every OU and every account, and to every OU and account that comes
//! later; disabling a type detaches every policy of it and keeps the policies.

use sclocal_api::organizations::{
    ConstraintViolationExceptionReason as Cv, DisablePolicyTypeRequest, DisablePolicyTypeResponse,
    EnablePolicyTypeRequest, EnablePolicyTypeResponse, InvalidInputExceptionReason, ModeledError,
    PolicyType, PolicyTypeStatus, PolicyTypeSummary, Root,
};
use sclocal_api::{RequestContext, ServiceError};

use super::caller::{caller, constraint, invalid, Caller};
use super::policy_caller::{authorize, Ask, PolicyAccess};
use super::policy_shapes::{default_policy, ensure_available};
use super::shapes::arn;
use crate::ids::{OrgId, ParentId, RootId, TargetId};
use crate::store::{AttachmentRecord, Lock, OrgRecord, ReadTx, WriteTx};
use crate::Emulator;

/// The service whose trusted access a policy type needs first (§1.2; inferred: only the
/// Security Hub types).
fn owning_service(policy_type: PolicyType) -> Option<&'static str> {
    match policy_type {
        PolicyType::SECURITYHUB_POLICY | PolicyType::SECURITYHUB_CSPM_POLICY => {
            Some("securityhub.amazonaws.com")
        }
        _ => None,
    }
}

/// The policy types `principal`'s trusted access keeps from being disabled: the types it owns
/// that are enabled (DisableAWSServiceAccess `POLICY_TYPE_ENABLED_FOR_THIS_SERVICE`).
pub(super) fn types_needing(
    tx: &dyn ReadTx,
    org: &OrgId,
    principal: &str,
) -> Result<Vec<PolicyType>, ServiceError> {
    Ok(tx
        .enabled_policy_types(org)?
        .into_iter()
        .filter(|t| owning_service(*t) == Some(principal))
        .collect())
}

/// The Root shape with its enabled policy types.
pub(super) fn root_shape(tx: &dyn ReadTx, org: &OrgRecord) -> Result<Root, ServiceError> {
    let types = tx
        .enabled_policy_types(&org.id)?
        .into_iter()
        .map(|t| PolicyTypeSummary {
            r#type: Some(t),
            status: Some(PolicyTypeStatus::ENABLED),
        })
        .collect();
    Ok(Root {
        id: Some(org.root_id.to_string()),
        arn: Some(arn(org, "root", org.root_id.as_str())),
        name: Some("Root".into()),
        policy_types: Some(types),
    })
}

/// Attaches the AWS-managed default of every enabled type that has one to a new OU or a
/// joining account (§1.2: "every new OU and every new account … gets it too").
pub(crate) fn attach_defaults(
    tx: &dyn WriteTx,
    org: &OrgId,
    target: &TargetId,
    now: i64,
) -> Result<(), ServiceError> {
    for policy_type in tx.enabled_policy_types(org)? {
        if let Some(m) = default_policy(policy_type) {
            attach_default(tx, org, m.id, policy_type, target, now)?;
        }
    }
    Ok(())
}

fn attach_default(
    tx: &dyn WriteTx,
    org: &OrgId,
    id: &str,
    policy_type: PolicyType,
    target: &TargetId,
    now: i64,
) -> Result<(), ServiceError> {
    let Some(policy_id) = crate::ids::PolicyId::parse(id) else {
        return Ok(());
    };
    tx.attach_policy(
        org,
        &AttachmentRecord {
            policy_id,
            policy_type,
            target: target.clone(),
            attached_ms: now,
        },
    )?;
    Ok(())
}

/// The root, every OU (outermost first) and every account of `org`.
fn every_target(tx: &dyn ReadTx, org: &OrgRecord) -> Result<Vec<TargetId>, ServiceError> {
    let mut targets = vec![TargetId::Root(org.root_id.clone())];
    let mut parents = vec![ParentId::Root(org.root_id.clone())];
    while let Some(parent) = parents.pop() {
        for ou in tx.child_ous(&parent)? {
            targets.push(TargetId::Ou(ou.id.clone()));
            parents.push(ParentId::Ou(ou.id));
        }
    }
    for account in tx.accounts_under(&org.id, None)? {
        targets.push(TargetId::Account(account));
    }
    Ok(targets)
}

/// The caller and its root, for either operation.
fn root_caller(
    tx: &dyn ReadTx,
    cx: (&crate::ids::Scope, &str),
    operation: &str,
    root: &str,
    policy_type: PolicyType,
) -> Result<Caller, ServiceError> {
    let (scope, principal) = cx;
    let root = RootId::parse(root).ok_or_else(|| {
        invalid(
            InvalidInputExceptionReason::INVALID_PATTERN,
            "You provided a value that does not match the required pattern.",
        )
    })?;
    let c = caller(tx, scope)?;
    let resource = arn(&c.org, "root", root.as_str());
    let ask = Ask {
        operation,
        resource: &resource,
        policy_type: Some(policy_type),
    };
    authorize(tx, &c, principal, PolicyAccess::Write, ask)?;
    if root != c.org.root_id {
        return Err(ModeledError::RootNotFoundException
            .msg("We can't find a root with the RootId that you specified."));
    }
    ensure_available(&c)?;
    Ok(c)
}

/// EnablePolicyType: completes at once (answers ENABLED).
pub(crate) async fn enable_policy_type(
    em: &Emulator,
    cx: &RequestContext,
    input: EnablePolicyTypeRequest,
) -> Result<EnablePolicyTypeResponse, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let principal = cx.principal_arn.clone();
    let now = em.now();
    em.org_write(move |tx| {
        let policy_type = input.policy_type;
        let who = (&scope, principal.as_str());
        let c = root_caller(tx, who, "EnablePolicyType", &input.root_id, policy_type)?;
        tx.lock(Lock::Organization(&c.org.id))?;
        if tx.enabled_policy_types(&c.org.id)?.contains(&policy_type) {
            return Err(ModeledError::PolicyTypeAlreadyEnabledException
                .msg("The specified policy type is already enabled."));
        }
        if let Some(service) = owning_service(policy_type) {
            if !tx.service_access_enabled(&c.org.id, service)? {
                return Err(constraint(
                    Cv::SERVICE_ACCESS_NOT_ENABLED,
                    "You attempted to enable a policy type before you enabled service access",
                ));
            }
        }
        tx.set_policy_type(&c.org.id, policy_type, true)?;
        if let Some(m) = default_policy(policy_type) {
            for target in every_target(tx, &c.org)? {
                attach_default(tx, &c.org.id, m.id, policy_type, &target, now)?;
            }
        }
        Ok(EnablePolicyTypeResponse {
            root: Some(root_shape(tx, &c.org)?),
        })
    })
    .await
}

/// DisablePolicyType: every policy of the type is detached everywhere; the policies stay.
pub(crate) async fn disable_policy_type(
    em: &Emulator,
    cx: &RequestContext,
    input: DisablePolicyTypeRequest,
) -> Result<DisablePolicyTypeResponse, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let principal = cx.principal_arn.clone();
    em.org_write(move |tx| {
        let policy_type = input.policy_type;
        let who = (&scope, principal.as_str());
        let c = root_caller(tx, who, "DisablePolicyType", &input.root_id, policy_type)?;
        tx.lock(Lock::Organization(&c.org.id))?;
        if !tx.set_policy_type(&c.org.id, policy_type, false)? {
            return Err(ModeledError::PolicyTypeNotEnabledException
                .msg("This operation can be performed only for enabled policy types."));
        }
        tx.detach_policy_type(&c.org.id, policy_type)?;
        Ok(DisablePolicyTypeResponse {
            root: Some(root_shape(tx, &c.org)?),
        })
    })
    .await
}
