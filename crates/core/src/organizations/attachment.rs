//! AttachPolicy, DetachPolicy, ListPoliciesForTarget, ListTargetsForPolicy (governance.md §3,
//! §2.5, §2.7): checks in AWS's order — policy, target, type enabled, then the state rules
//! (duplicate attachment, not attached, the non-detachable RCP default, the per-target
//! maximum and the last SCP).

use sclocal_api::organizations::{
    AttachPolicyOutput, AttachPolicyRequest, DetachPolicyOutput, DetachPolicyRequest,
    InvalidInputExceptionReason, ListPoliciesForTargetRequest, ListPoliciesForTargetResponse,
    ListTargetsForPolicyRequest, ListTargetsForPolicyResponse, ModeledError,
};
use sclocal_api::{RequestContext, ServiceError};

use super::caller::{caller, invalid, Caller};
use super::policy_caller::{authorize, Ask, PolicyAccess};
use super::policy_shapes::{
    ensure_enabled, find_policy, find_target, policy_id, target_id, PolicyView, RCP_FULL_AWS_ACCESS,
};
use crate::ids::{PolicyId, Scope, TargetId};
use crate::page::Api;
use crate::policy::{PolicyQuota, QuotaViolation};
use crate::store::{AttachmentRecord, Lock, ReadTx};
use crate::Emulator;

/// The caller, the policy and the target of an attach or detach, checked in order.
fn attach_parties(
    tx: &dyn ReadTx,
    scope: &Scope,
    principal: &str,
    operation: &str,
    (policy, target): (&str, &str),
) -> Result<(Caller, PolicyView, TargetId), ServiceError> {
    let policy = policy_id(policy)?;
    let target = target_id(target)?;
    let c = caller(tx, scope)?;
    let found = find_policy(tx, &c, &policy);
    let ask = Ask::on_policy(operation, &found);
    authorize(tx, &c, principal, PolicyAccess::Write, ask)?;
    let view = found?;
    find_target(tx, &c, &target)?;
    ensure_enabled(tx, &c, view.policy_type)?;
    Ok((c, view, target))
}

/// AttachPolicy.
pub(crate) async fn attach_policy(
    em: &Emulator,
    cx: &RequestContext,
    input: AttachPolicyRequest,
) -> Result<AttachPolicyOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let principal = cx.principal_arn.clone();
    let now = em.now();
    em.org_write(move |tx| {
        let ids = (input.policy_id.as_str(), input.target_id.as_str());
        let (c, view, target) = attach_parties(tx, &scope, &principal, "AttachPolicy", ids)?;
        tx.lock(Lock::Organization(&c.org.id))?;
        let attached = tx.target_attachments(&c.org.id, &target, Some(view.policy_type))?;
        if attached.iter().any(|a| a.policy_id == view.id) {
            return Err(ModeledError::DuplicatePolicyAttachmentException
                .msg("The selected policy is already attached to the specified target."));
        }
        PolicyQuota::default_for(view.policy_type)
            .check_attach(attached.len())
            .map_err(QuotaViolation::to_service_error)?;
        tx.attach_policy(
            &c.org.id,
            &AttachmentRecord {
                policy_id: view.id,
                policy_type: view.policy_type,
                target,
                attached_ms: now,
            },
        )?;
        Ok(AttachPolicyOutput::default())
    })
    .await
}

/// DetachPolicy.
pub(crate) async fn detach_policy(
    em: &Emulator,
    cx: &RequestContext,
    input: DetachPolicyRequest,
) -> Result<DetachPolicyOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let principal = cx.principal_arn.clone();
    em.org_write(move |tx| {
        let ids = (input.policy_id.as_str(), input.target_id.as_str());
        let (c, view, target) = attach_parties(tx, &scope, &principal, "DetachPolicy", ids)?;
        tx.lock(Lock::Organization(&c.org.id))?;
        let attached = tx.target_attachments(&c.org.id, &target, Some(view.policy_type))?;
        if !attached.iter().any(|a| a.policy_id == view.id) {
            return Err(ModeledError::PolicyNotAttachedException
                .msg("The policy isn't attached to the specified target in the specified root."));
        }
        // Inferred (§1.3): the RCP default is attached automatically and stays.
        if view.id.as_str() == RCP_FULL_AWS_ACCESS {
            return Err(invalid(
                InvalidInputExceptionReason::NON_DETACHABLE_POLICY,
                "You can't detach this AWS Managed Policy.",
            ));
        }
        PolicyQuota::default_for(view.policy_type)
            .check_detach(attached.len())
            .map_err(QuotaViolation::to_service_error)?;
        tx.detach_policy(&c.org.id, &view.id, &target)?;
        Ok(DetachPolicyOutput::default())
    })
    .await
}

/// ListPoliciesForTarget: the policies of the type directly attached, in attachment order.
pub(crate) async fn list_policies_for_target(
    em: &Emulator,
    cx: &RequestContext,
    input: ListPoliciesForTargetRequest,
) -> Result<ListPoliciesForTargetResponse, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let principal = cx.principal_arn.clone();
    let size = Api::Organizations.size(input.max_results);
    em.store
        .read(move |tx| {
            let target = target_id(&input.target_id)?;
            let c = caller(tx, &scope)?;
            let summary = find_target(tx, &c, &target);
            let ask = Ask {
                operation: "ListPoliciesForTarget",
                resource: summary
                    .as_ref()
                    .ok()
                    .and_then(|s| s.arn.as_deref())
                    .unwrap_or("*"),
                policy_type: Some(input.filter),
            };
            authorize(tx, &c, &principal, PolicyAccess::Read, ask)?;
            summary?;
            let mut views = Vec::new();
            for a in tx.target_attachments(&c.org.id, &target, Some(input.filter))? {
                views.push(find_policy(tx, &c, &a.policy_id)?);
            }
            let kind = format!("ListPoliciesForTarget:{target}:{}", input.filter.as_str());
            let (page, next) =
                Api::Organizations.slice(views, &kind, input.next_token.as_deref(), size)?;
            Ok(ListPoliciesForTargetResponse {
                policies: Some(page.iter().map(PolicyView::summary).collect()),
                next_token: next,
            })
        })
        .await
}

/// ListTargetsForPolicy: every root, OU and account the policy is attached to, in
/// attachment order.
pub(crate) async fn list_targets_for_policy(
    em: &Emulator,
    cx: &RequestContext,
    input: ListTargetsForPolicyRequest,
) -> Result<ListTargetsForPolicyResponse, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let principal = cx.principal_arn.clone();
    let size = Api::Organizations.size(input.max_results);
    em.store
        .read(move |tx| {
            let id: PolicyId = policy_id(&input.policy_id)?;
            let c = caller(tx, &scope)?;
            let found = find_policy(tx, &c, &id);
            let ask = Ask::on_policy("ListTargetsForPolicy", &found);
            authorize(tx, &c, &principal, PolicyAccess::Read, ask)?;
            found?;
            let mut targets = Vec::new();
            for a in tx.policy_attachments(&c.org.id, &id)? {
                targets.push(find_target(tx, &c, &a.target)?);
            }
            let kind = format!("ListTargetsForPolicy:{id}");
            let (page, next) =
                Api::Organizations.slice(targets, &kind, input.next_token.as_deref(), size)?;
            Ok(ListTargetsForPolicyResponse {
                targets: Some(page),
                next_token: next,
            })
        })
        .await
}
