//! What the Account Factory (provisioning.md §21.3) asks of Organizations, inside the vending
//! step's unit of work: a new account made by the very machinery of CreateAccount — a request
//! that ListCreateAccountStatus shows, the same email and quota checks in the same order
//! (`create_account_outcome`), the same fresh id — then placed in its OU; and moving a vended
//! account between OUs (an update) or back to the root (a terminate, which unenrolls).

use sclocal_api::organizations::{CreateAccountFailureReason, CreateAccountState};
use sclocal_api::ServiceError;

use super::account_completion::complete_request;
use crate::clock::IdSource;
use crate::ids::{AccountId, CreateAccountRequestId, OrgId, ParentId};
use crate::store::{CreateAccountRecord, Lock, OuRecord, ReadTx, WriteTx};

/// Every OU of `org`, parents before children, siblings by name.
pub(crate) fn org_units(tx: &dyn ReadTx, org: &OrgId) -> Result<Vec<OuRecord>, ServiceError> {
    let Some(record) = tx.organization(org)? else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    let mut parents = vec![ParentId::Root(record.root_id)];
    while let Some(parent) = parents.pop() {
        let mut children = tx.child_ous(&parent)?;
        children.sort_by(|a, b| a.name.cmp(&b.name));
        for child in children.iter().rev() {
            parents.push(ParentId::Ou(child.id.clone()));
        }
        out.extend(children);
    }
    Ok(out)
}

/// Creates an account named `name` with `email` in `org` as CreateAccount does, completed at
/// once (the vending step is the background work), then places it in `ou`. Answers the new
/// account's id, or why CreateAccount failed (the request stays FAILED, as AWS shows it).
pub(crate) fn create_vended_account(
    tx: &dyn WriteTx,
    ids: &dyn IdSource,
    org: &OrgId,
    request: (&str, &str),
    ou: &OuRecord,
    now: i64,
    limit: usize,
) -> Result<Result<AccountId, CreateAccountFailureReason>, ServiceError> {
    let (name, email) = request;
    tx.lock(Lock::Organization(org))?;
    let mut r = CreateAccountRecord {
        id: CreateAccountRequestId::generate(ids),
        org_id: org.clone(),
        account_name: name.to_string(),
        email: email.to_string(),
        state: CreateAccountState::IN_PROGRESS,
        requested_ms: now,
        completed_ms: None,
        account_id: None,
        failure_reason: None,
        tags: Vec::new(),
    };
    let answer = complete_request(tx, ids, &mut r, Some(ou), now, limit)?;
    tx.put_create_account_request(&r)?;
    Ok(answer)
}

/// Moves `account`, a member of `org`, into `ou` (or to the root with `None`). Answers
/// `false` when it is no longer a member of `org`.
pub(crate) fn place_vended_account(
    tx: &dyn WriteTx,
    org: &OrgId,
    account: &AccountId,
    ou: Option<&OuRecord>,
) -> Result<bool, ServiceError> {
    tx.lock(Lock::Account(account))?;
    let Some(mut a) = tx.account(account)? else {
        return Ok(false);
    };
    let Some(placement) = a.placement.as_mut().filter(|p| p.org_id == *org) else {
        return Ok(false);
    };
    let (parent, path) = match ou {
        Some(ou) => (ParentId::Ou(ou.id.clone()), ou.path.clone()),
        None => match tx.organization(org)? {
            Some(o) => (ParentId::Root(o.root_id), String::new()),
            None => return Ok(false),
        },
    };
    if placement.parent_id != parent {
        placement.parent_id = parent;
        placement.path = path;
        tx.put_account(&a)?;
    }
    Ok(true)
}
