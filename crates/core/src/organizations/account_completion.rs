//! How a CreateAccount request completes (organizations-behavior.md §6.1), the one home of
//! that rule for both ways an account is created: CreateAccount's worker (`account.rs`) and
//! the Account Factory's vending step (`vended.rs`). The checks in AWS's order, a fresh id,
//! the request's tags, and the default policies every new member gets.

use sclocal_api::organizations::{
    AccountJoinedMethod, AccountStatus, CreateAccountFailureReason, CreateAccountState,
    ModeledError,
};
use sclocal_api::ServiceError;

use crate::clock::{digits, IdSource};
use crate::ids::{AccountId, OrgId, ParentId, TargetId};
use crate::store::{AccountRecord, CreateAccountRecord, OuRecord, Placement, ReadTx, WriteTx};

/// How a CreateAccount request ends (§6.1), in the order AWS checks: the email is taken by a
/// known account, or the organization is full (members plus open invitations), or it succeeds.
pub fn create_account_outcome(
    email_taken: bool,
    quota_used: usize,
    limit: usize,
) -> Result<(), CreateAccountFailureReason> {
    if email_taken {
        Err(CreateAccountFailureReason::EMAIL_ALREADY_EXISTS)
    } else if quota_used >= limit {
        Err(CreateAccountFailureReason::ACCOUNT_LIMIT_EXCEEDED)
    } else {
        Ok(())
    }
}

/// What counts toward an organization's account quota: members plus open invitations
/// (organizations-behavior.md §7.10).
pub(crate) fn account_quota_used(tx: &dyn ReadTx, org: &OrgId) -> Result<usize, ServiceError> {
    let open = tx
        .org_handshakes(org)?
        .iter()
        .filter(|h| h.state == sclocal_api::organizations::HandshakeState::OPEN)
        .count();
    Ok(tx.member_count(org)? + open)
}

/// Completes the IN_PROGRESS request `r` now, under the organization's lock: the checks of
/// `create_account_outcome`, then the account — under the root, or in `ou` (the Account
/// Factory) — with the request's tags and the organization's default policies (the
/// AWS-managed policy of each enabled SCP/RCP type, as every new member gets). Answers the
/// new account's id or why it failed; the caller stores `r`.
pub(super) fn complete_request(
    tx: &dyn WriteTx,
    ids: &dyn IdSource,
    r: &mut CreateAccountRecord,
    ou: Option<&OuRecord>,
    now: i64,
    limit: usize,
) -> Result<Result<AccountId, CreateAccountFailureReason>, ServiceError> {
    let email_taken = tx.email_exists(&r.email)?;
    let used = account_quota_used(tx, &r.org_id)?;
    r.completed_ms = Some(now);
    if let Err(reason) = create_account_outcome(email_taken, used, limit) {
        r.state = CreateAccountState::FAILED;
        r.failure_reason = Some(reason);
        return Ok(Err(reason));
    }
    let mut account = new_account(tx, ids, r, now)?;
    // Made under the root, then placed: one write of where it ends up.
    if let (Some(ou), Some(p)) = (ou, account.placement.as_mut()) {
        p.parent_id = ParentId::Ou(ou.id.clone());
        p.path.clone_from(&ou.path);
    }
    tx.put_account(&account)?;
    tx.set_org_tags(account.id.as_str(), &r.tags)?;
    let target = TargetId::Account(account.id.clone());
    super::policy_type::attach_defaults(tx, &r.org_id, &target, now)?;
    r.state = CreateAccountState::SUCCEEDED;
    r.account_id = Some(account.id.clone());
    Ok(Ok(account.id))
}

/// The account a successful request creates: a fresh id no known account has, under the root.
pub(super) fn new_account(
    tx: &dyn ReadTx,
    ids: &dyn IdSource,
    r: &CreateAccountRecord,
    now: i64,
) -> Result<AccountRecord, ServiceError> {
    let org = tx.organization(&r.org_id)?.ok_or_else(|| {
        ModeledError::AWSOrganizationsNotInUseException.msg(super::caller::NOT_IN_USE)
    })?;
    let id = loop {
        // A leading zero is legal but AWS ids rarely have one; any 12 digits parse.
        if let Some(id) = AccountId::parse(&digits(ids, 12)) {
            if tx.account(&id)?.is_none() {
                break id;
            }
        }
    };
    Ok(AccountRecord {
        id,
        name: r.account_name.clone(),
        email: r.email.clone(),
        placement: Some(Placement {
            org_id: r.org_id.clone(),
            parent_id: ParentId::Root(org.root_id),
            path: String::new(),
            joined_method: AccountJoinedMethod::CREATED,
            joined_ms: now,
        }),
        status: AccountStatus::ACTIVE,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_used_email_fails_before_a_full_organization() {
        assert_eq!(
            create_account_outcome(true, 10, 10),
            Err(CreateAccountFailureReason::EMAIL_ALREADY_EXISTS)
        );
        assert_eq!(
            create_account_outcome(false, 10, 10),
            Err(CreateAccountFailureReason::ACCOUNT_LIMIT_EXCEEDED)
        );
        assert_eq!(create_account_outcome(false, 9, 10), Ok(()));
    }
}
