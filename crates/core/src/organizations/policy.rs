//! CreatePolicy, DescribePolicy, UpdatePolicy, DeletePolicy, ListPolicies (governance.md
//! §2.3–§2.5): customer policies of every type, stored verbatim and validated per type
//! (`policy::validate_content`), listed with the AWS-managed ones.

use sclocal_api::organizations::{
    CreatePolicyRequest, CreatePolicyResponse, DeletePolicyOutput, DeletePolicyRequest,
    DescribePolicyRequest, DescribePolicyResponse, InvalidInputExceptionReason,
    ListPoliciesRequest, ListPoliciesResponse, ModeledError, OrganizationFeatureSet, PolicyType,
    UpdatePolicyRequest, UpdatePolicyResponse,
};
use sclocal_api::{RequestContext, ServiceError};

use super::caller::{invalid, Caller};
use super::policy_caller::{authorize, space_caller, Ask, PolicyAccess};
use super::policy_shapes::{ensure_available, find_policy, policy_id, PolicyView, MANAGED};
use super::tags::{request_tags, MAX_TAGS};
use crate::ids::PolicyId;
use crate::page::Api;
use crate::policy::{validate_content, PolicyQuota, QuotaViolation};
use crate::store::{Lock, PolicyRecord, ReadTx};
use crate::Emulator;

const DUPLICATE: &str = "A policy with the same name already exists.";

/// CreatePolicy: a customer policy of any type, even one not enabled on the root
/// (OBS-TF-POLICY); not in a consolidated-billing organization.
pub(crate) async fn create_policy(
    em: &Emulator,
    cx: &RequestContext,
    input: CreatePolicyRequest,
) -> Result<CreatePolicyResponse, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let principal = cx.principal_arn.clone();
    let id = PolicyId::generate(em.ids.as_ref());
    let now = em.now();
    em.org_write(move |tx| {
        let policy_type = input.r#type;
        let ask = (PolicyAccess::Write, "CreatePolicy", policy_type);
        let c = space_caller(tx, &scope, &principal, ask)?;
        ensure_available(&c)?;
        let tags = request_tags(input.tags, MAX_TAGS)?;
        let quota = PolicyQuota::default_for(policy_type);
        validate_content(policy_type, &input.content, &quota).map_err(|e| e.to_service_error())?;
        tx.lock(Lock::Organization(&c.org.id))?;
        let existing = tx.policies(&c.org.id, policy_type)?;
        quota
            .check_create(existing.len())
            .map_err(QuotaViolation::to_service_error)?;
        if name_taken(tx, &c, policy_type, &input.name)? {
            return Err(ModeledError::DuplicatePolicyException.msg(DUPLICATE));
        }
        let record = PolicyRecord {
            id,
            org_id: c.org.id.clone(),
            policy_type,
            name: input.name,
            description: input.description,
            content: input.content,
            version: 1,
            updated_ms: now,
        };
        tx.insert_policy(&record)?;
        if !tags.is_empty() {
            tx.set_org_tags(record.id.as_str(), &tags)?;
        }
        Ok(CreatePolicyResponse {
            policy: Some(PolicyView::customer(&c, record).policy()),
        })
    })
    .await
}

/// Whether a policy of `policy_type` in `c`'s organization is already named `name`: names are
/// unique per organization and type (governance.md §2.3, inferred scope), AWS's own policies
/// of the type (FullAWSAccess) included, on create and on rename alike.
fn name_taken(
    tx: &dyn ReadTx,
    c: &Caller,
    policy_type: PolicyType,
    name: &str,
) -> Result<bool, ServiceError> {
    Ok(MANAGED
        .iter()
        .any(|m| m.policy_type == policy_type && m.name == name)
        || tx.policy_named(&c.org.id, policy_type, name)?.is_some())
}

/// DescribePolicy: a customer policy of the caller's organization or an AWS-managed one.
pub(crate) async fn describe_policy(
    em: &Emulator,
    cx: &RequestContext,
    input: DescribePolicyRequest,
) -> Result<DescribePolicyResponse, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let principal = cx.principal_arn.clone();
    em.store
        .read(move |tx| {
            let id = policy_id(&input.policy_id)?;
            let c = super::caller::caller(tx, &scope)?;
            let found = find_policy(tx, &c, &id);
            let ask = Ask::on_policy("DescribePolicy", &found);
            authorize(tx, &c, &principal, PolicyAccess::Read, ask)?;
            Ok(DescribePolicyResponse {
                policy: Some(found?.policy()),
            })
        })
        .await
}

/// UpdatePolicy: omitted members keep their value; all or nothing changes. AWS-managed
/// policies cannot change (`IMMUTABLE_POLICY`, inferred reason, §12 Q5).
pub(crate) async fn update_policy(
    em: &Emulator,
    cx: &RequestContext,
    input: UpdatePolicyRequest,
) -> Result<UpdatePolicyResponse, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let principal = cx.principal_arn.clone();
    let now = em.now();
    em.org_write(move |tx| {
        let id = policy_id(&input.policy_id)?;
        let c = super::caller::caller(tx, &scope)?;
        let found = find_policy(tx, &c, &id);
        let ask = Ask::on_policy("UpdatePolicy", &found);
        authorize(tx, &c, &principal, PolicyAccess::Write, ask)?;
        let view = found?;
        if view.aws_managed {
            return Err(immutable());
        }
        tx.lock(Lock::Organization(&c.org.id))?;
        let Some(mut record) = tx.policy(&c.org.id, &id)? else {
            return Err(immutable());
        };
        if let Some(content) = input.content {
            let quota = PolicyQuota::default_for(record.policy_type);
            validate_content(record.policy_type, &content, &quota)
                .map_err(|e| e.to_service_error())?;
            record.content = content;
        }
        if let Some(name) = input.name {
            if name != record.name && name_taken(tx, &c, record.policy_type, &name)? {
                return Err(ModeledError::DuplicatePolicyException.msg(DUPLICATE));
            }
            record.name = name;
        }
        if let Some(description) = input.description {
            record.description = description;
        }
        record.version += 1;
        record.updated_ms = now;
        tx.update_policy(&record)?;
        Ok(UpdatePolicyResponse {
            policy: Some(PolicyView::customer(&c, record).policy()),
        })
    })
    .await
}

/// DeletePolicy: only once it is attached nowhere.
pub(crate) async fn delete_policy(
    em: &Emulator,
    cx: &RequestContext,
    input: DeletePolicyRequest,
) -> Result<DeletePolicyOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let principal = cx.principal_arn.clone();
    em.org_write(move |tx| {
        let id = policy_id(&input.policy_id)?;
        let c = super::caller::caller(tx, &scope)?;
        let found = find_policy(tx, &c, &id);
        let ask = Ask::on_policy("DeletePolicy", &found);
        authorize(tx, &c, &principal, PolicyAccess::Write, ask)?;
        if found?.aws_managed {
            return Err(immutable());
        }
        tx.lock(Lock::Organization(&c.org.id))?;
        if !tx.policy_attachments(&c.org.id, &id)?.is_empty() {
            return Err(ModeledError::PolicyInUseException.msg(
                "The policy is attached to one or more entities. You must detach it from all roots, OUs, and accounts before performing this operation.",
            ));
        }
        tx.delete_policy(&c.org.id, &id)?;
        Ok(DeletePolicyOutput::default())
    })
    .await
}

/// ListPolicies: every policy of the type, the AWS-managed one first (none in a
/// consolidated-billing organization, where no type is available — inferred).
pub(crate) async fn list_policies(
    em: &Emulator,
    cx: &RequestContext,
    input: ListPoliciesRequest,
) -> Result<ListPoliciesResponse, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let principal = cx.principal_arn.clone();
    let size = Api::Organizations.size(input.max_results);
    em.store
        .read(move |tx| {
            let policy_type = input.filter;
            let ask = (PolicyAccess::Read, "ListPolicies", policy_type);
            let c = space_caller(tx, &scope, &principal, ask)?;
            let mut views: Vec<PolicyView> = Vec::new();
            if c.org.feature_set == OrganizationFeatureSet::ALL {
                views.extend(
                    MANAGED
                        .iter()
                        .filter(|m| m.policy_type == policy_type)
                        .map(|m| PolicyView::managed(&c.org.partition, m)),
                );
            }
            views.extend(
                tx.policies(&c.org.id, policy_type)?
                    .into_iter()
                    .map(|p| PolicyView::customer(&c, p)),
            );
            let kind = format!("ListPolicies:{}", policy_type.as_str());
            let (page, next) =
                Api::Organizations.slice(views, &kind, input.next_token.as_deref(), size)?;
            Ok(ListPoliciesResponse {
                policies: Some(page.iter().map(PolicyView::summary).collect()),
                next_token: next,
            })
        })
        .await
}

fn immutable() -> ServiceError {
    invalid(
        InvalidInputExceptionReason::IMMUTABLE_POLICY,
        "You specified a policy that is managed by AWS and can't be modified.",
    )
}
