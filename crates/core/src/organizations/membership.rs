//! Accounts in an organization: DescribeAccount, ListAccounts, ListAccountsForParent,
//! MoveAccount, RemoveAccountFromOrganization, CloseAccount, LeaveOrganization
//! (organizations-behavior.md §5.15–5.20, §5.26).

use sclocal_api::organizations::{
    CloseAccountOutput, CloseAccountRequest, ConstraintViolationExceptionReason as Cv,
    DescribeAccountRequest, DescribeAccountResponse, LeaveOrganizationInput,
    LeaveOrganizationOutput, ListAccountsForParentRequest, ListAccountsForParentResponse,
    ListAccountsRequest, ListAccountsResponse, ModeledError, MoveAccountOutput, MoveAccountRequest,
    RemoveAccountFromOrganizationOutput, RemoveAccountFromOrganizationRequest,
};
use sclocal_api::{RequestContext, ServiceError};

use super::account::complete_due;
use super::common::{
    account, account_id, caller, constraint, cursor, manager, page_size, reader, Caller,
    ACCOUNT_NOT_FOUND, PARENT_NOT_FOUND,
};
use super::tree::parent_path;
use crate::ids::AccountId;
use crate::page;
use crate::store::AccountRecord;
use crate::Emulator;

const CANNOT_REMOVE_DA: &str = "You attempted to remove an account that is registered as a \
     delegated administrator for a service integrated with your organization. Deregister the \
     account as a delegated administrator first.";

/// A member of the caller's organization, or AccountNotFoundException.
pub(super) async fn member(
    em: &Emulator,
    c: &Caller,
    id: &AccountId,
) -> Result<AccountRecord, ServiceError> {
    em.store
        .account(id)
        .await?
        .filter(|a| a.org_id.as_deref() == Some(c.org.id.as_str()))
        .ok_or_else(|| ModeledError::AccountNotFoundException.msg(ACCOUNT_NOT_FOUND))
}

pub(super) async fn describe(
    em: &Emulator,
    cx: &RequestContext,
    input: DescribeAccountRequest,
) -> Result<DescribeAccountResponse, ServiceError> {
    let c = reader(em, cx).await?;
    complete_due(em, &c.org.id).await?;
    let a = member(em, &c, &account_id(&input.account_id)?).await?;
    Ok(DescribeAccountResponse {
        account: Some(account(&c.org, &a)),
    })
}

pub(super) async fn list(
    em: &Emulator,
    cx: &RequestContext,
    input: ListAccountsRequest,
) -> Result<ListAccountsResponse, ServiceError> {
    let c = reader(em, cx).await?;
    complete_due(em, &c.org.id).await?;
    let kind = "ListAccounts";
    let from = cursor(kind, input.next_token.as_deref())?;
    let page = em
        .store
        .list_accounts(&c.org.id, None, from, page_size(input.max_results))
        .await?;
    Ok(ListAccountsResponse {
        accounts: Some(page.items.iter().map(|a| account(&c.org, a)).collect()),
        next_token: page.next.map(|n| page::encode(kind, n)),
    })
}

pub(super) async fn list_for_parent(
    em: &Emulator,
    cx: &RequestContext,
    input: ListAccountsForParentRequest,
) -> Result<ListAccountsForParentResponse, ServiceError> {
    let c = reader(em, cx).await?;
    complete_due(em, &c.org.id).await?;
    if parent_path(em, &c, &input.parent_id).await?.is_none() {
        return Err(ModeledError::ParentNotFoundException.msg(PARENT_NOT_FOUND));
    }
    let kind = format!("ListAccountsForParent:{}", input.parent_id);
    let from = cursor(&kind, input.next_token.as_deref())?;
    let page = em
        .store
        .list_accounts(
            &c.org.id,
            Some(&input.parent_id),
            from,
            page_size(input.max_results),
        )
        .await?;
    Ok(ListAccountsForParentResponse {
        accounts: Some(page.items.iter().map(|a| account(&c.org, a)).collect()),
        next_token: page.next.map(|n| page::encode(&kind, n)),
    })
}

/// MoveAccount in §5.18's check order.
pub(super) async fn move_account(
    em: &Emulator,
    cx: &RequestContext,
    input: MoveAccountRequest,
) -> Result<MoveAccountOutput, ServiceError> {
    let c = manager(em, cx).await?;
    let a = member(em, &c, &account_id(&input.account_id)?).await?;
    if parent_path(em, &c, &input.source_parent_id)
        .await?
        .is_none()
    {
        return Err(ModeledError::SourceParentNotFoundException
            .msg("You specified a source parent that doesn't exist."));
    }
    let Some(path) = parent_path(em, &c, &input.destination_parent_id).await? else {
        return Err(ModeledError::DestinationParentNotFoundException
            .msg("You specified a destination parent that doesn't exist."));
    };
    // AWS looks the account up inside the source parent (OBS-MOVE).
    if a.parent_id.as_deref() != Some(input.source_parent_id.as_str()) {
        return Err(ModeledError::AccountNotFoundException.msg(ACCOUNT_NOT_FOUND));
    }
    if input.destination_parent_id == input.source_parent_id {
        return Err(ModeledError::DuplicateAccountException
            .msg("That account is already present in the specified destination."));
    }
    em.store
        .move_account(&a.id, &input.destination_parent_id, &path)
        .await?;
    Ok(MoveAccountOutput::default())
}

pub(super) async fn remove(
    em: &Emulator,
    cx: &RequestContext,
    input: RemoveAccountFromOrganizationRequest,
) -> Result<RemoveAccountFromOrganizationOutput, ServiceError> {
    let c = manager(em, cx).await?;
    let a = member(em, &c, &account_id(&input.account_id)?).await?;
    // §13 Q1: the recommended reading for removing the management account.
    if a.id == c.org.management_account {
        return Err(constraint(
            Cv::ACCOUNT_CANNOT_LEAVE_ORGANIZATION,
            "You attempted to remove the management account from the organization. You can't \
             remove the management account. Instead, after you remove all member accounts, \
             delete the organization itself.",
        ));
    }
    if a.state != "ACTIVE" {
        return Err(constraint(
            Cv::ACCOUNT_CANNOT_LEAVE_ORGANIZATION,
            "You can't remove a closed account until its post-closure period has ended.",
        ));
    }
    if !em.store.remove_account(&c.org.id, &a.id).await? {
        return Err(constraint(
            Cv::CANNOT_REMOVE_DELEGATED_ADMINISTRATOR_FROM_ORG,
            CANNOT_REMOVE_DA,
        ));
    }
    Ok(RemoveAccountFromOrganizationOutput::default())
}

pub(super) async fn leave(
    em: &Emulator,
    cx: &RequestContext,
    _input: LeaveOrganizationInput,
) -> Result<LeaveOrganizationOutput, ServiceError> {
    let c = caller(em, cx).await?;
    if c.is_management() {
        return Err(ModeledError::MasterCannotLeaveOrganizationException.msg(
            "You can't remove a management account from an organization. If you want the \
             management account to become a member account in another organization, you must \
             first delete the current organization of the management account.",
        ));
    }
    if !em.store.remove_account(&c.org.id, &c.scope.account).await? {
        return Err(constraint(
            Cv::CANNOT_REMOVE_DELEGATED_ADMINISTRATOR_FROM_ORG,
            CANNOT_REMOVE_DA,
        ));
    }
    Ok(LeaveOrganizationOutput::default())
}

/// CloseAccount (§5.20). DEVIATION(aws): closure completes at once (PENDING_CLOSURE is
/// skipped; the account reads Status SUSPENDED / State CLOSED) and stays in the org; the
/// 90-day purge is not modelled.
pub(super) async fn close(
    em: &Emulator,
    cx: &RequestContext,
    input: CloseAccountRequest,
) -> Result<CloseAccountOutput, ServiceError> {
    let c = manager(em, cx).await?;
    let a = member(em, &c, &account_id(&input.account_id)?).await?;
    if a.id == c.org.management_account {
        return Err(constraint(
            Cv::CANNOT_CLOSE_MANAGEMENT_ACCOUNT,
            "You attempted to close the management account. To close the management account \
             for the organization, you must first either remove or close all member accounts \
             in the organization.",
        ));
    }
    if a.state != "ACTIVE" {
        return Err(ModeledError::AccountAlreadyClosedException
            .msg("The provided account is already closed."));
    }
    em.store.set_account_state(&a.id, "SUSPENDED").await?;
    Ok(CloseAccountOutput::default())
}
