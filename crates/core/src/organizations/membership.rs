//! Accounts in an organization: DescribeAccount, ListAccounts, ListAccountsForParent,
//! MoveAccount, RemoveAccountFromOrganization, CloseAccount, LeaveOrganization
//! (organizations-behavior.md §5.15–5.20, §5.26).

use sclocal_api::organizations::{
    AccountStatus, CloseAccountOutput, CloseAccountRequest,
    ConstraintViolationExceptionReason as Cv, DescribeAccountRequest, DescribeAccountResponse,
    LeaveOrganizationInput, LeaveOrganizationOutput, ListAccountsForParentRequest,
    ListAccountsForParentResponse, ListAccountsRequest, ListAccountsResponse, ModeledError,
    MoveAccountOutput, MoveAccountRequest, RemoveAccountFromOrganizationOutput,
    RemoveAccountFromOrganizationRequest,
};
use sclocal_api::{RequestContext, ServiceError};

use super::account::{caller_org, complete_due_accounts};
use super::caller::{
    account_id, caller, constraint, manager, member, reader, ACCOUNT_NOT_FOUND, PARENT_NOT_FOUND,
};
use super::shapes::account;
use super::tree::parent_path;
use crate::ids::OrgId;
use crate::page::Api;
use crate::store::{AccountRecord, Lock, WriteTx};
use crate::Emulator;

const CANNOT_REMOVE_DA: &str = "You attempted to remove an account that is registered as a \
     delegated administrator for a service integrated with your organization. Deregister the \
     account as a delegated administrator first.";

/// DescribeAccount.
pub(crate) async fn describe_account(
    em: &Emulator,
    cx: &RequestContext,
    input: DescribeAccountRequest,
) -> Result<DescribeAccountResponse, ServiceError> {
    let scope = Emulator::scope(cx)?;
    complete_due_accounts(em, &caller_org(em, &scope).await?).await?;
    em.store
        .read(move |tx| {
            let c = reader(tx, &scope)?;
            let a = member(tx, &c, &account_id(&input.account_id)?)?;
            Ok(DescribeAccountResponse {
                account: Some(account(&c.org, &a)),
            })
        })
        .await
}

/// ListAccounts: every account of the organization, in join order.
pub(crate) async fn list_accounts(
    em: &Emulator,
    cx: &RequestContext,
    input: ListAccountsRequest,
) -> Result<ListAccountsResponse, ServiceError> {
    let scope = Emulator::scope(cx)?;
    complete_due_accounts(em, &caller_org(em, &scope).await?).await?;
    let size = Api::Organizations.size(input.max_results);
    em.store
        .read(move |tx| {
            let c = reader(tx, &scope)?;
            let kind = "ListAccounts";
            let from = Api::Organizations.cursor(kind, input.next_token.as_deref())?;
            let page = tx.accounts_of(&c.org.id, None, from, size)?;
            Ok(ListAccountsResponse {
                accounts: Some(page.items.iter().map(|a| account(&c.org, a)).collect()),
                next_token: Api::token(kind, page.next),
            })
        })
        .await
}

/// ListAccountsForParent: the accounts directly under a root or OU.
pub(crate) async fn list_accounts_for_parent(
    em: &Emulator,
    cx: &RequestContext,
    input: ListAccountsForParentRequest,
) -> Result<ListAccountsForParentResponse, ServiceError> {
    let scope = Emulator::scope(cx)?;
    complete_due_accounts(em, &caller_org(em, &scope).await?).await?;
    let size = Api::Organizations.size(input.max_results);
    em.store
        .read(move |tx| {
            let c = reader(tx, &scope)?;
            let parent = parent_path(tx, &c, &input.parent_id)?
                .ok_or_else(|| ModeledError::ParentNotFoundException.msg(PARENT_NOT_FOUND))?
                .0;
            let kind = format!("ListAccountsForParent:{}", input.parent_id);
            let from = Api::Organizations.cursor(&kind, input.next_token.as_deref())?;
            let page = tx.accounts_of(&c.org.id, Some(&parent), from, size)?;
            Ok(ListAccountsForParentResponse {
                accounts: Some(page.items.iter().map(|a| account(&c.org, a)).collect()),
                next_token: Api::token(&kind, page.next),
            })
        })
        .await
}

/// MoveAccount in §5.18's check order.
pub(crate) async fn move_account(
    em: &Emulator,
    cx: &RequestContext,
    input: MoveAccountRequest,
) -> Result<MoveAccountOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    em.org_write(move |tx| {
        let c = manager(tx, &scope)?;
        let mut a = member(tx, &c, &account_id(&input.account_id)?)?;
        let Some((source, _)) = parent_path(tx, &c, &input.source_parent_id)? else {
            return Err(ModeledError::SourceParentNotFoundException
                .msg("You specified a source parent that doesn't exist."));
        };
        let Some((destination, path)) = parent_path(tx, &c, &input.destination_parent_id)? else {
            return Err(ModeledError::DestinationParentNotFoundException
                .msg("You specified a destination parent that doesn't exist."));
        };
        let Some(placement) = a.placement.as_mut() else {
            return Err(ModeledError::AccountNotFoundException.msg(ACCOUNT_NOT_FOUND));
        };
        // AWS looks the account up inside the source parent (OBS-MOVE).
        if placement.parent_id != source {
            return Err(ModeledError::AccountNotFoundException.msg(ACCOUNT_NOT_FOUND));
        }
        if destination == source {
            return Err(ModeledError::DuplicateAccountException
                .msg("That account is already present in the specified destination."));
        }
        placement.parent_id = destination;
        placement.path = path;
        tx.put_account(&a)?;
        Ok(MoveAccountOutput::default())
    })
    .await
}

/// RemoveAccountFromOrganization.
pub(crate) async fn remove_account_from_organization(
    em: &Emulator,
    cx: &RequestContext,
    input: RemoveAccountFromOrganizationRequest,
) -> Result<RemoveAccountFromOrganizationOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    em.org_write(move |tx| {
        let target = account_id(&input.account_id)?;
        // Locked before the member is read (see `leave`).
        tx.lock(Lock::Account(&target))?;
        let c = manager(tx, &scope)?;
        tx.lock(Lock::Organization(&c.org.id))?;
        let a = member(tx, &c, &target)?;
        // §13 Q1: the recommended reading for removing the management account.
        if a.id == c.org.management_account {
            return Err(constraint(
                Cv::ACCOUNT_CANNOT_LEAVE_ORGANIZATION,
                "You attempted to remove the management account from the organization. You \
                     can't remove the management account. Instead, after you remove all member \
                     accounts, delete the organization itself.",
            ));
        }
        if a.status != AccountStatus::ACTIVE {
            return Err(constraint(
                Cv::ACCOUNT_CANNOT_LEAVE_ORGANIZATION,
                "You can't remove a closed account until its post-closure period has ended.",
            ));
        }
        leave(tx, &c.org.id, a)?;
        Ok(RemoveAccountFromOrganizationOutput::default())
    })
    .await
}

/// LeaveOrganization: a member leaves; the management account cannot.
pub(crate) async fn leave_organization(
    em: &Emulator,
    cx: &RequestContext,
    _input: LeaveOrganizationInput,
) -> Result<LeaveOrganizationOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    em.org_write(move |tx| {
        // Locked before the member is read (see `leave`).
        tx.lock(Lock::Account(&scope.account))?;
        let c = caller(tx, &scope)?;
        tx.lock(Lock::Organization(&c.org.id))?;
        if c.is_management() {
            return Err(ModeledError::MasterCannotLeaveOrganizationException.msg(
                "You can't remove a management account from an organization. If you want \
                     the management account to become a member account in another organization, \
                     you must first delete the current organization of the management account.",
            ));
        }
        let a = member(tx, &c, &scope.account)?;
        leave(tx, &c.org.id, a)?;
        Ok(LeaveOrganizationOutput::default())
    })
    .await
}

/// Makes a member standalone and drops its tags (§5.19, §7.11), unless it is a delegated
/// administrator of its organization.
///
/// The caller took the account's lock and then the organization's before it read `a`: with
/// concurrent writers (instances over one PostgreSQL) a change to the account made meanwhile
/// (a move, an accept elsewhere) is then seen, not overwritten by a stale record.
fn leave(tx: &dyn WriteTx, org: &OrgId, mut a: AccountRecord) -> Result<(), ServiceError> {
    if tx.delegated_admins(org)?.iter().any(|d| d.account == a.id) {
        return Err(constraint(
            Cv::CANNOT_REMOVE_DELEGATED_ADMINISTRATOR_FROM_ORG,
            CANNOT_REMOVE_DA,
        ));
    }
    a.placement = None;
    tx.put_account(&a)?;
    tx.set_org_tags(a.id.as_str(), &[])?;
    // Governance §3: leaving or removal drops the account's direct attachments.
    tx.detach_target(org, &crate::ids::TargetId::Account(a.id.clone()))?;
    Ok(())
}

/// CloseAccount (§5.20). DEVIATION(aws): closure completes at once (PENDING_CLOSURE is
/// skipped; the account reads Status SUSPENDED / State CLOSED) and stays in the org; the
/// 90-day purge is not modelled.
pub(crate) async fn close_account(
    em: &Emulator,
    cx: &RequestContext,
    input: CloseAccountRequest,
) -> Result<CloseAccountOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    em.org_write(move |tx| {
        let c = manager(tx, &scope)?;
        let mut a = member(tx, &c, &account_id(&input.account_id)?)?;
        if a.id == c.org.management_account {
            return Err(constraint(
                Cv::CANNOT_CLOSE_MANAGEMENT_ACCOUNT,
                "You attempted to close the management account. To close the management \
                     account for the organization, you must first either remove or close all \
                     member accounts in the organization.",
            ));
        }
        if a.status != AccountStatus::ACTIVE {
            return Err(ModeledError::AccountAlreadyClosedException
                .msg("The provided account is already closed."));
        }
        a.status = AccountStatus::SUSPENDED;
        tx.put_account(&a)?;
        Ok(CloseAccountOutput::default())
    })
    .await
}
