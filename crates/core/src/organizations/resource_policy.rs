//! PutResourcePolicy, DescribeResourcePolicy, DeleteResourcePolicy (governance.md §5): the
//! organization's one resource policy, which delegates policy management to members
//! (`policy_caller` reads it).

use sclocal_api::organizations::{
    ConstraintViolationExceptionReason as Cv, DeleteResourcePolicyInput,
    DeleteResourcePolicyOutput, DescribeResourcePolicyInput, DescribeResourcePolicyResponse,
    InvalidInputExceptionReason, ModeledError, PutResourcePolicyRequest, PutResourcePolicyResponse,
    ResourcePolicy, ResourcePolicySummary,
};
use sclocal_api::{RequestContext, ServiceError};
use serde_json::Value;

use super::caller::{caller, constraint, invalid, manager, Caller};
use super::policy_caller::{authorize, Ask, PolicyAccess};
use super::tags::{request_tags, MAX_TAGS};
use crate::ids::ResourcePolicyId;
use crate::policy::principal::strings;
use crate::policy::{Grammar, PolicyDocument};
use crate::store::{Lock, ResourcePolicyRecord};
use crate::Emulator;

const NOT_FOUND: &str =
    "We can't find a resource policy request with the parameter that you specified.";

fn shape(c: &Caller, rp: &ResourcePolicyRecord) -> ResourcePolicy {
    ResourcePolicy {
        resource_policy_summary: Some(ResourcePolicySummary {
            id: Some(rp.id.to_string()),
            arn: Some(format!(
                "arn:{}:organizations::{}:resourcepolicy/{}/{}",
                c.org.partition, c.org.management_account, c.org.id, rp.id
            )),
        }),
        content: Some(rp.content.clone()),
    }
}

/// The content's refusals (§5): IAM resource-policy JSON whose every action is an
/// Organizations action.
fn check_content(content: &str) -> Result<(), ServiceError> {
    PolicyDocument::parse(content, Grammar::OrganizationResource).map_err(|_| {
        invalid(
            InvalidInputExceptionReason::INVALID_RESOURCE_POLICY_JSON,
            "The provided resource policy is not valid JSON or doesn't follow the resource policy grammar.",
        )
    })?;
    let doc: Value = serde_json::from_str(content).unwrap_or(Value::Null);
    let statements = match doc.get("Statement") {
        Some(Value::Array(items)) => items.clone(),
        Some(one) => vec![one.clone()],
        None => Vec::new(),
    };
    let foreign = statements.iter().any(|s| {
        ["Action", "NotAction"].iter().any(|k| {
            s.get(*k).and_then(strings).is_some_and(|actions| {
                actions
                    .iter()
                    .any(|a| !a.to_ascii_lowercase().starts_with("organizations:"))
            })
        })
    });
    if foreign {
        return Err(invalid(
            InvalidInputExceptionReason::UNSUPPORTED_ACTION_IN_RESOURCE_POLICY,
            "The resource policy contains an action that isn't supported in Organizations resource policies.",
        ));
    }
    Ok(())
}

/// PutResourcePolicy: creates or replaces; the id stays (inferred); tags only on creation.
pub(crate) async fn put_resource_policy(
    em: &Emulator,
    cx: &RequestContext,
    input: PutResourcePolicyRequest,
) -> Result<PutResourcePolicyResponse, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let new_id = ResourcePolicyId::generate(em.ids.as_ref());
    let now = em.now();
    em.org_write(move |tx| {
        let c = manager(tx, &scope)?;
        let tags = request_tags(input.tags, MAX_TAGS)?;
        check_content(&input.content)?;
        tx.lock(Lock::Organization(&c.org.id))?;
        let existing = tx.resource_policy(&c.org.id)?;
        if existing.is_some() && !tags.is_empty() {
            // Inferred code (§5): tags belong to the creation.
            return Err(constraint(
                Cv::MAX_TAG_LIMIT_EXCEEDED,
                "Tags can be added to a resource policy only when it is created; use TagResource.",
            ));
        }
        let record = ResourcePolicyRecord {
            id: existing.map_or(new_id, |e| e.id),
            org_id: c.org.id.clone(),
            content: input.content,
            updated_ms: now,
        };
        tx.put_resource_policy(&record)?;
        if !tags.is_empty() {
            tx.set_org_tags(record.id.as_str(), &tags)?;
        }
        Ok(PutResourcePolicyResponse {
            resource_policy: Some(shape(&c, &record)),
        })
    })
    .await
}

/// DescribeResourcePolicy: the management account, delegated administrators, or a member
/// the policy itself grants.
pub(crate) async fn describe_resource_policy(
    em: &Emulator,
    cx: &RequestContext,
    _input: DescribeResourcePolicyInput,
) -> Result<DescribeResourcePolicyResponse, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let principal = cx.principal_arn.clone();
    em.store
        .read(move |tx| {
            let c = caller(tx, &scope)?;
            let found = tx.resource_policy(&c.org.id)?;
            let arn = found
                .as_ref()
                .and_then(|rp| shape(&c, rp).resource_policy_summary.and_then(|s| s.arn));
            let ask = Ask {
                operation: "DescribeResourcePolicy",
                resource: arn.as_deref().unwrap_or("*"),
                policy_type: None,
            };
            authorize(tx, &c, &principal, PolicyAccess::Read, ask)?;
            let rp = found
                .ok_or_else(|| ModeledError::ResourcePolicyNotFoundException.msg(NOT_FOUND))?;
            Ok(DescribeResourcePolicyResponse {
                resource_policy: Some(shape(&c, &rp)),
            })
        })
        .await
}

/// DeleteResourcePolicy: the management account only.
pub(crate) async fn delete_resource_policy(
    em: &Emulator,
    cx: &RequestContext,
    _input: DeleteResourcePolicyInput,
) -> Result<DeleteResourcePolicyOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    em.org_write(move |tx| {
        let c = manager(tx, &scope)?;
        if !tx.delete_resource_policy(&c.org.id)? {
            return Err(ModeledError::ResourcePolicyNotFoundException.msg(NOT_FOUND));
        }
        Ok(DeleteResourcePolicyOutput::default())
    })
    .await
}
