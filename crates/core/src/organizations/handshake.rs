//! Invitations: InviteAccountToOrganization, AcceptHandshake, DeclineHandshake,
//! CancelHandshake, DescribeHandshake, ListHandshakesForAccount,
//! ListHandshakesForOrganization (organizations-behavior.md §5.21–5.25, state machine §6.2).

use sclocal_api::organizations::{
    AcceptHandshakeRequest, AcceptHandshakeResponse, AccountJoinedMethod, CancelHandshakeRequest,
    CancelHandshakeResponse, DeclineHandshakeRequest, DeclineHandshakeResponse,
    DescribeHandshakeRequest, DescribeHandshakeResponse,
    HandshakeConstraintViolationExceptionReason as Hcv, HandshakePartyType, HandshakeState,
    InvalidInputExceptionReason, InviteAccountToOrganizationRequest,
    InviteAccountToOrganizationResponse, ListHandshakesForAccountRequest,
    ListHandshakesForAccountResponse, ListHandshakesForOrganizationRequest,
    ListHandshakesForOrganizationResponse, ModeledError,
};
use sclocal_api::{RequestContext, ServiceError};

use super::account_completion::account_quota_used;
use super::caller::{account_id, denied, invalid, manager, reader, Caller};
use super::handshake_shape::{filtered, shape, state};
use super::organization::management_email;
use super::shapes::default_account;
use super::tags::request_tags;
use crate::ids::{AccountId, HandshakeId, ParentId, Scope};
use crate::page::Api;
use crate::store::{
    AccountRecord, HandshakeRecord, HandshakeTarget, Lock, Placement, ReadTx, WriteTx,
};
use crate::Emulator;

/// Invitations expire after 15 days (§8).
const EXPIRY_MS: i64 = 15 * 24 * 3600 * 1000;
const NOT_FOUND: &str = "We can't find a handshake with the HandshakeId that you specified.";

fn not_found() -> ServiceError {
    ModeledError::HandshakeNotFoundException.msg(NOT_FOUND)
}

fn limit_error() -> ServiceError {
    ModeledError::HandshakeConstraintViolationException.with_reason(
        Hcv::ACCOUNT_NUMBER_LIMIT_EXCEEDED.as_str(),
        "You attempted to exceed the number of accounts that you can have in an organization.",
    )
}

fn already_member() -> ServiceError {
    ModeledError::HandshakeConstraintViolationException.with_reason(
        Hcv::ALREADY_IN_AN_ORGANIZATION.as_str(),
        "The account is already a member of an organization.",
    )
}

/// InviteAccountToOrganization.
pub(crate) async fn invite_account_to_organization(
    em: &Emulator,
    cx: &RequestContext,
    input: InviteAccountToOrganizationRequest,
) -> Result<InviteAccountToOrganizationResponse, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let id = HandshakeId::generate(em.ids.as_ref());
    let now = em.now();
    let limit = em.settings.org_account_limit;
    em.org_write(move |tx| {
        let c = manager(tx, &scope)?;
        let target = match input.target.r#type {
            HandshakePartyType::ACCOUNT => HandshakeTarget::Account(account_id(&input.target.id)?),
            HandshakePartyType::EMAIL => {
                if !input.target.id.contains('@') {
                    return Err(invalid(
                        InvalidInputExceptionReason::INVALID_EMAIL_ADDRESS_TARGET,
                        "You specified an invalid email address for the invited account owner.",
                    ));
                }
                HandshakeTarget::Email(input.target.id)
            }
            HandshakePartyType::ORGANIZATION => {
                return Err(invalid(
                    InvalidInputExceptionReason::INVALID_PARTY_TYPE_TARGET,
                    "You specified the wrong type of entity (account, organization, or email) \
                         as a party.",
                ))
            }
        };
        if let HandshakeTarget::Account(a) = &target {
            if tx.organization_of(a)?.is_some_and(|o| o.id == c.org.id) {
                return Err(already_member());
            }
        }
        tx.lock(Lock::Organization(&c.org.id))?;
        let duplicate = tx.org_handshakes(&c.org.id)?.iter().any(|h| {
            h.target.id() == target.id()
                && matches!(h.state, HandshakeState::OPEN | HandshakeState::REQUESTED)
                && h.expires_ms > now
        });
        if duplicate {
            return Err(ModeledError::DuplicateHandshakeException
                .msg("A handshake with the same action and target already exists."));
        }
        if account_quota_used(tx, &c.org.id)? >= limit {
            return Err(limit_error());
        }
        let mgmt = tx.account(&c.org.management_account)?;
        let record = HandshakeRecord {
            id,
            org_id: c.org.id.clone(),
            target,
            state: HandshakeState::OPEN,
            requested_ms: now,
            expires_ms: now + EXPIRY_MS,
            notes: input.notes,
            tags: request_tags(input.tags, usize::MAX)?,
            management_account: c.org.management_account.clone(),
            master_email: management_email(tx, &c.org)?,
            master_name: mgmt.map_or_else(
                || default_account(&c.org.management_account).name,
                |a| a.name,
            ),
            feature_set: c.org.feature_set,
        };
        tx.insert_handshake(&record)?;
        Ok(InviteAccountToOrganizationResponse {
            handshake: Some(shape(&c.scope, &record, now)),
        })
    })
    .await
}

/// Whether `scope`'s account is the invitation's recipient.
fn is_recipient(tx: &dyn ReadTx, scope: &Scope, h: &HandshakeRecord) -> Result<bool, ServiceError> {
    Ok(match &h.target {
        HandshakeTarget::Account(a) => *a == scope.account,
        HandshakeTarget::Email(email) => *email == email_of(tx, &scope.account)?,
    })
}

/// An account's root email (a generated one for an account the emulator does not know).
fn email_of(tx: &dyn ReadTx, account: &AccountId) -> Result<String, ServiceError> {
    Ok(tx
        .account(account)?
        .map_or_else(|| default_account(account).email, |a| a.email))
}

/// A handshake the caller is a party of (recipient, or the sending org's M/DA).
fn visible(tx: &dyn ReadTx, scope: &Scope, id: &str) -> Result<HandshakeRecord, ServiceError> {
    let h = HandshakeId::parse(id)
        .map(|id| tx.handshake(&id))
        .transpose()?
        .flatten()
        .ok_or_else(not_found)?;
    if is_recipient(tx, scope, &h)?
        || tx
            .organization_of(&scope.account)?
            .is_some_and(|o| o.id == h.org_id)
    {
        Ok(h)
    } else {
        Err(not_found())
    }
}

/// Moves a handshake to `target`, refusing what §6.2 forbids.
fn transition(h: &HandshakeRecord, now: i64, target: HandshakeState) -> Result<(), ServiceError> {
    let current = state(h, now);
    if current == target {
        return Err(ModeledError::HandshakeAlreadyInStateException
            .msg("The specified handshake is already in the requested state."));
    }
    if current != HandshakeState::OPEN {
        return Err(ModeledError::InvalidHandshakeTransitionException
            .msg("You can't perform the operation on the handshake in its current state."));
    }
    Ok(())
}

/// AcceptHandshake: the invited account joins the organization under the root, with the
/// invitation's tags.
pub(crate) async fn accept_handshake(
    em: &Emulator,
    cx: &RequestContext,
    input: AcceptHandshakeRequest,
) -> Result<AcceptHandshakeResponse, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let now = em.now();
    let limit = em.settings.org_account_limit;
    em.org_write(move |tx| {
        let mut h = answered_handshake(tx, &scope, &input.handshake_id)?;
        transition(&h, now, HandshakeState::ACCEPTED)?;
        if let Some(org) = tx.organization_of(&scope.account)? {
            if org.management_account == scope.account {
                return Err(ModeledError::MasterCannotLeaveOrganizationException.msg(
                    "You can't remove a management account from an organization. If you \
                         want the management account to become a member account in another \
                         organization, you must first delete the current organization of the \
                         management account.",
                ));
            }
            // §13 Q3: the legacy rule, a member of another org cannot accept.
            return Err(already_member());
        }
        join(tx, &h, &scope.account, now, limit)?;
        h.state = HandshakeState::ACCEPTED;
        Ok(AcceptHandshakeResponse {
            handshake: Some(shape(&scope, &h, now)),
        })
    })
    .await
}

/// The handshake `id` its recipient (the caller) answers, read under the locks an answer
/// takes; HandshakeNotFoundException when the caller is not its recipient.
fn answered_handshake(
    tx: &dyn WriteTx,
    scope: &Scope,
    id: &str,
) -> Result<HandshakeRecord, ServiceError> {
    // The account's membership and the inviting organization are locked before the
    // handshake and the account are read: with concurrent writers (instances over one
    // PostgreSQL) a second accept, or an accept of another organization's invitation,
    // waits here and then sees the first one's outcome.
    tx.lock(Lock::Account(&scope.account))?;
    let org_id = visible(tx, scope, id)?.org_id;
    tx.lock(Lock::Organization(&org_id))?;
    let h = visible(tx, scope, id)?;
    if !is_recipient(tx, scope, &h)? {
        return Err(not_found());
    }
    Ok(h)
}

/// The invited account joins: under the root, `INVITED`, the invitation's tags attached.
fn join(
    tx: &dyn WriteTx,
    h: &HandshakeRecord,
    account: &AccountId,
    now: i64,
    limit: usize,
) -> Result<(), ServiceError> {
    // The caller holds the organization's lock (taken before the handshake was read).
    // The invite itself holds one slot; the others must leave room for it.
    if account_quota_used(tx, &h.org_id)? > limit {
        return Err(limit_error());
    }
    let org = tx.organization(&h.org_id)?.ok_or_else(not_found)?;
    let mut a: AccountRecord = tx
        .account(account)?
        .unwrap_or_else(|| default_account(account));
    a.placement = Some(Placement {
        org_id: org.id,
        parent_id: ParentId::Root(org.root_id),
        path: String::new(),
        joined_method: AccountJoinedMethod::INVITED,
        joined_ms: now,
    });
    a.status = sclocal_api::organizations::AccountStatus::ACTIVE;
    tx.put_account(&a)?;
    tx.set_org_tags(a.id.as_str(), &h.tags)?;
    let target = crate::ids::TargetId::Account(a.id.clone());
    super::policy_type::attach_defaults(tx, &h.org_id, &target, now)?;
    tx.set_handshake_state(&h.id, HandshakeState::ACCEPTED)?;
    Ok(())
}

/// DeclineHandshake: the recipient declines.
pub(crate) async fn decline_handshake(
    em: &Emulator,
    cx: &RequestContext,
    input: DeclineHandshakeRequest,
) -> Result<DeclineHandshakeResponse, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let now = em.now();
    em.org_write(move |tx| {
        let mut h = answered_handshake(tx, &scope, &input.handshake_id)?;
        transition(&h, now, HandshakeState::DECLINED)?;
        tx.set_handshake_state(&h.id, HandshakeState::DECLINED)?;
        h.state = HandshakeState::DECLINED;
        Ok(DeclineHandshakeResponse {
            handshake: Some(shape(&scope, &h, now)),
        })
    })
    .await
}

/// CancelHandshake: only the sender (the inviting org's management account) cancels (§5.24).
pub(crate) async fn cancel_handshake(
    em: &Emulator,
    cx: &RequestContext,
    input: CancelHandshakeRequest,
) -> Result<CancelHandshakeResponse, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let now = em.now();
    em.org_write(move |tx| {
        let mut h = visible(tx, &scope, &input.handshake_id)?;
        if h.management_account != scope.account {
            return Err(denied());
        }
        transition(&h, now, HandshakeState::CANCELED)?;
        tx.set_handshake_state(&h.id, HandshakeState::CANCELED)?;
        h.state = HandshakeState::CANCELED;
        Ok(CancelHandshakeResponse {
            handshake: Some(shape(&scope, &h, now)),
        })
    })
    .await
}

/// DescribeHandshake.
pub(crate) async fn describe_handshake(
    em: &Emulator,
    cx: &RequestContext,
    input: DescribeHandshakeRequest,
) -> Result<DescribeHandshakeResponse, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let now = em.now();
    em.store
        .read(move |tx| {
            let h = visible(tx, &scope, &input.handshake_id)?;
            Ok(DescribeHandshakeResponse {
                handshake: Some(shape(&scope, &h, now)),
            })
        })
        .await
}

/// ListHandshakesForAccount: invitations addressed to the caller's id or email.
pub(crate) async fn list_handshakes_for_account(
    em: &Emulator,
    cx: &RequestContext,
    input: ListHandshakesForAccountRequest,
) -> Result<ListHandshakesForAccountResponse, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let now = em.now();
    let size = Api::Organizations.size(input.max_results);
    em.store
        .read(move |tx| {
            let email = email_of(tx, &scope.account)?;
            let all = tx.received_handshakes(&scope.account, &email)?;
            let (items, next) = filtered(
                all,
                "ListHandshakesForAccount",
                &input.filter,
                input.next_token.as_deref(),
                size,
            )?;
            Ok(ListHandshakesForAccountResponse {
                handshakes: Some(items.iter().map(|h| shape(&scope, h, now)).collect()),
                next_token: next,
            })
        })
        .await
}

/// ListHandshakesForOrganization: invitations the organization sent.
pub(crate) async fn list_handshakes_for_organization(
    em: &Emulator,
    cx: &RequestContext,
    input: ListHandshakesForOrganizationRequest,
) -> Result<ListHandshakesForOrganizationResponse, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let now = em.now();
    let size = Api::Organizations.size(input.max_results);
    em.store
        .read(move |tx| {
            let c: Caller = reader(tx, &scope)?;
            let all = tx.org_handshakes(&c.org.id)?;
            let (items, next) = filtered(
                all,
                "ListHandshakesForOrganization",
                &input.filter,
                input.next_token.as_deref(),
                size,
            )?;
            Ok(ListHandshakesForOrganizationResponse {
                handshakes: Some(items.iter().map(|h| shape(&c.scope, h, now)).collect()),
                next_token: next,
            })
        })
        .await
}
