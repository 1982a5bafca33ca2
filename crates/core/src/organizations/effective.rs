//! DescribeEffectivePolicy, ListAccountsWithInvalidEffectivePolicy and
//! ListEffectivePolicyValidationErrors (governance.md §7): the management policies attached
//! along an account's path — root, OUs from the outermost, the account — merged with the
//! inheritance operators (`policy::management`).

use sclocal_api::organizations::{
    DescribeEffectivePolicyRequest, DescribeEffectivePolicyResponse, EffectivePolicy,
    EffectivePolicyType, EffectivePolicyValidationError, InvalidInputExceptionReason,
    ListAccountsWithInvalidEffectivePolicyRequest, ListAccountsWithInvalidEffectivePolicyResponse,
    ListEffectivePolicyValidationErrorsRequest, ListEffectivePolicyValidationErrorsResponse,
    ModeledError, PolicyType,
};
use sclocal_api::primitives::Timestamp;
use sclocal_api::{RequestContext, ServiceError};

use super::caller::{account_id, caller, invalid, member, Caller};
use super::policy_caller::{authorize, space_caller, Ask, PolicyAccess};
use super::shapes::{account as account_shape, arn};
use crate::ids::{AccountId, TargetId};
use crate::page::Api;
use crate::policy::management::{effective_policy, MergeProblem};
use crate::policy::ManagementPolicyDocument;
use crate::store::{AccountRecord, ReadTx};
use crate::Emulator;

const NOT_FOUND: &str = "No effective policy of the requested type is found.";

/// The merge for `account` and its inputs' latest change.
struct Merged {
    policy: crate::policy::EffectivePolicy,
    updated_ms: i64,
    path: String,
}

/// The effective policy of `policy_type` for `account`; `None` when the type is not enabled
/// or nothing of it applies.
fn merge(
    tx: &dyn ReadTx,
    c: &Caller,
    account: &AccountRecord,
    policy_type: PolicyType,
) -> Result<Option<Merged>, ServiceError> {
    if !tx.enabled_policy_types(&c.org.id)?.contains(&policy_type) {
        return Ok(None);
    }
    let ou_path = account.placement.as_ref().map_or("", |p| p.path.as_str());
    let mut targets = vec![TargetId::Root(c.org.root_id.clone())];
    for ou in ou_path.split('/').filter_map(crate::ids::OuId::parse) {
        targets.push(TargetId::Ou(ou));
    }
    targets.push(TargetId::Account(account.id.clone()));
    let mut updated_ms = 0;
    let mut owned: Vec<Vec<(String, ManagementPolicyDocument)>> = Vec::new();
    for target in &targets {
        let mut level = Vec::new();
        for a in tx.target_attachments(&c.org.id, target, Some(policy_type))? {
            updated_ms = updated_ms.max(a.attached_ms);
            let Some(p) = tx.policy(&c.org.id, &a.policy_id)? else {
                continue;
            };
            updated_ms = updated_ms.max(p.updated_ms);
            // Stored management policies passed validation; one that no longer parses adds
            // nothing.
            if let Ok(doc) = ManagementPolicyDocument::parse(&p.content) {
                level.push((p.id.to_string(), doc));
            }
        }
        owned.push(level);
    }
    let levels: Vec<Vec<(&str, &ManagementPolicyDocument)>> = owned
        .iter()
        .map(|l| l.iter().map(|(id, d)| (id.as_str(), d)).collect())
        .collect();
    Ok(effective_policy(&levels).map(|policy| Merged {
        policy,
        updated_ms,
        path: format!("{}/{}/{ou_path}{}/", c.org.id, c.org.root_id, account.id),
    }))
}

fn policy_type_of(t: EffectivePolicyType) -> PolicyType {
    PolicyType::from_wire(t.as_str()).unwrap_or(PolicyType::TAG_POLICY)
}

/// DescribeEffectivePolicy: any account for itself; others per §5.
pub(crate) async fn describe_effective_policy(
    em: &Emulator,
    cx: &RequestContext,
    input: DescribeEffectivePolicyRequest,
) -> Result<DescribeEffectivePolicyResponse, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let principal = cx.principal_arn.clone();
    em.store
        .read(move |tx| {
            let policy_type = policy_type_of(input.policy_type);
            let target = match input.target_id.as_deref().map(TargetId::parse) {
                None => TargetId::Account(scope.account.clone()),
                Some(Some(t @ TargetId::Account(_))) => t,
                // Inferred reason (§12 Q9): roots and OUs have no effective policy.
                Some(_) => {
                    return Err(invalid(
                        InvalidInputExceptionReason::TARGET_NOT_SUPPORTED,
                        "You can't perform this operation on the specified target.",
                    ))
                }
            };
            let TargetId::Account(id) = target else {
                unreachable!("only accounts pass")
            };
            let c = caller(tx, &scope)?;
            if id != scope.account {
                let resource = arn(&c.org, "account", id.as_str());
                let ask = Ask {
                    operation: "DescribeEffectivePolicy",
                    resource: &resource,
                    policy_type: Some(policy_type),
                };
                authorize(tx, &c, &principal, PolicyAccess::Read, ask)?;
            }
            let account = tx
                .account(&id)?
                .filter(|a| a.placement.as_ref().is_some_and(|p| p.org_id == c.org.id))
                .ok_or_else(|| {
                    ModeledError::TargetNotFoundException
                        .msg("You specified a target that doesn't exist.")
                })?;
            let merged = merge(tx, &c, &account, policy_type)?
                .ok_or_else(|| ModeledError::EffectivePolicyNotFoundException.msg(NOT_FOUND))?;
            Ok(DescribeEffectivePolicyResponse {
                effective_policy: Some(EffectivePolicy {
                    policy_content: Some(merged.policy.content_text()),
                    last_updated_timestamp: Some(Timestamp::from_millis(merged.updated_ms)),
                    target_id: Some(id.to_string()),
                    policy_type: Some(input.policy_type),
                }),
            })
        })
        .await
}

/// ListAccountsWithInvalidEffectivePolicy: accounts whose merge left an operator that did
/// not fit what it inherited (inferred, §7.3; sclocal's merge is otherwise always valid).
pub(crate) async fn list_accounts_with_invalid_effective_policy(
    em: &Emulator,
    cx: &RequestContext,
    input: ListAccountsWithInvalidEffectivePolicyRequest,
) -> Result<ListAccountsWithInvalidEffectivePolicyResponse, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let principal = cx.principal_arn.clone();
    let size = Api::Organizations.size(input.max_results);
    em.store
        .read(move |tx| {
            let policy_type = policy_type_of(input.policy_type);
            let ask = (
                PolicyAccess::Read,
                "ListAccountsWithInvalidEffectivePolicy",
                policy_type,
            );
            let c = space_caller(tx, &scope, &principal, ask)?;
            let mut invalid_accounts = Vec::new();
            for id in tx.accounts_under(&c.org.id, None)? {
                let Some(a) = tx.account(&id)? else { continue };
                if merge(tx, &c, &a, policy_type)?.is_some_and(|m| !m.policy.issues.is_empty()) {
                    invalid_accounts.push(account_shape(&c.org, &a));
                }
            }
            let kind = format!(
                "ListAccountsWithInvalidEffectivePolicy:{}",
                policy_type.as_str()
            );
            let (page, next) = Api::Organizations.slice(
                invalid_accounts,
                &kind,
                input.next_token.as_deref(),
                size,
            )?;
            Ok(ListAccountsWithInvalidEffectivePolicyResponse {
                accounts: Some(page),
                policy_type: Some(input.policy_type),
                next_token: next,
            })
        })
        .await
}

/// ListEffectivePolicyValidationErrors: the merge issues of one account (§7.3).
pub(crate) async fn list_effective_policy_validation_errors(
    em: &Emulator,
    cx: &RequestContext,
    input: ListEffectivePolicyValidationErrorsRequest,
) -> Result<ListEffectivePolicyValidationErrorsResponse, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let principal = cx.principal_arn.clone();
    let size = Api::Organizations.size(input.max_results);
    let now = em.now();
    em.store
        .read(move |tx| {
            let policy_type = policy_type_of(input.policy_type);
            let id: AccountId = account_id(&input.account_id)?;
            let ask = (
                PolicyAccess::Read,
                "ListEffectivePolicyValidationErrors",
                policy_type,
            );
            let c = space_caller(tx, &scope, &principal, ask)?;
            let account = member(tx, &c, &id)?;
            let merged = merge(tx, &c, &account, policy_type)?
                .ok_or_else(|| ModeledError::EffectivePolicyNotFoundException.msg(NOT_FOUND))?;
            let errors: Vec<EffectivePolicyValidationError> = merged
                .policy
                .issues
                .iter()
                .map(|issue| EffectivePolicyValidationError {
                    error_code: Some("INVALID_OPERATOR".into()),
                    error_message: Some(match issue.problem {
                        MergeProblem::AppendToScalar => "@@append applies to lists only.".into(),
                        MergeProblem::RemoveFromScalar => "@@remove applies to lists only.".into(),
                        MergeProblem::ValueAndChildren => {
                            "A setting holds both a value and child settings.".into()
                        }
                    }),
                    path_to_error: Some(issue.path.clone()),
                    contributing_policies: Some(vec![issue.policy_id.clone()]),
                })
                .collect();
            let kind = format!("ListEffectivePolicyValidationErrors:{id}");
            let (page, next) =
                Api::Organizations.slice(errors, &kind, input.next_token.as_deref(), size)?;
            Ok(ListEffectivePolicyValidationErrorsResponse {
                account_id: Some(id.to_string()),
                policy_type: Some(input.policy_type),
                path: Some(merged.path),
                evaluation_timestamp: Some(Timestamp::from_millis(now)),
                next_token: next,
                effective_policy_validation_errors: Some(page),
            })
        })
        .await
}
