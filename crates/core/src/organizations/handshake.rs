//! Invitations: InviteAccountToOrganization, AcceptHandshake, DeclineHandshake,
//! CancelHandshake, DescribeHandshake, ListHandshakesForAccount,
//! ListHandshakesForOrganization (organizations-behavior.md §5.21–5.25, state machine §6.2).

use sclocal_api::organizations::{
    AcceptHandshakeRequest, AcceptHandshakeResponse, ActionType, CancelHandshakeRequest,
    CancelHandshakeResponse, DeclineHandshakeRequest, DeclineHandshakeResponse,
    DescribeHandshakeRequest, DescribeHandshakeResponse, Handshake,
    HandshakeConstraintViolationExceptionReason as Hcv, HandshakeParty, HandshakePartyType,
    HandshakeResource, HandshakeResourceType, HandshakeState, InvalidInputExceptionReason,
    InviteAccountToOrganizationRequest, InviteAccountToOrganizationResponse,
    ListHandshakesForAccountRequest, ListHandshakesForAccountResponse,
    ListHandshakesForOrganizationRequest, ListHandshakesForOrganizationResponse, ModeledError,
};
use sclocal_api::primitives::Timestamp;
use sclocal_api::{RequestContext, ServiceError};

use super::common::{default_account, invalid, manager, paged, reader, tag_pairs, Caller};
use super::organization::management_email;
use crate::clock::hex_chars;
use crate::ids::{AccountId, Scope};
use crate::store::{AcceptOutcome, HandshakeRecord, InviteOutcome};
use crate::Emulator;

/// Invitations expire after 15 days (§8).
const EXPIRY_MS: i64 = 15 * 24 * 3600 * 1000;
const NOT_FOUND: &str = "We can't find a handshake with the HandshakeId that you specified.";

fn limit_error() -> ServiceError {
    ModeledError::HandshakeConstraintViolationException.with_reason(
        Hcv::ACCOUNT_NUMBER_LIMIT_EXCEEDED.as_str(),
        "You attempted to exceed the number of accounts that you can have in an organization.",
    )
}

pub(super) async fn invite(
    em: &Emulator,
    cx: &RequestContext,
    input: InviteAccountToOrganizationRequest,
) -> Result<InviteAccountToOrganizationResponse, ServiceError> {
    let c = manager(em, cx).await?;
    let target = input.target;
    let target_type = match target.r#type {
        HandshakePartyType::ACCOUNT => {
            super::common::account_id(&target.id)?;
            "ACCOUNT"
        }
        HandshakePartyType::EMAIL => {
            if !target.id.contains('@') {
                return Err(invalid(
                    InvalidInputExceptionReason::INVALID_EMAIL_ADDRESS_TARGET,
                    "You specified an invalid email address for the invited account owner.",
                ));
            }
            "EMAIL"
        }
        HandshakePartyType::ORGANIZATION => {
            return Err(invalid(
                InvalidInputExceptionReason::INVALID_PARTY_TYPE_TARGET,
                "You specified the wrong type of entity (account, organization, or email) as \
                 a party.",
            ))
        }
    };
    if let Some(id) = AccountId::parse(&target.id) {
        if em
            .store
            .organization_of(&id)
            .await?
            .is_some_and(|o| o.id == c.org.id)
        {
            return Err(
                ModeledError::HandshakeConstraintViolationException.with_reason(
                    Hcv::ALREADY_IN_AN_ORGANIZATION.as_str(),
                    "The account is already a member of an organization.",
                ),
            );
        }
    }
    let mgmt = em.store.account(&c.org.management_account).await?;
    let now = em.clock.now_millis();
    let record = HandshakeRecord {
        id: format!("h-{}", hex_chars(em.ids.as_ref(), 32)),
        org_id: c.org.id.clone(),
        target_type: target_type.into(),
        target_id: target.id,
        state: "OPEN".into(),
        requested_ms: now,
        expires_ms: now + EXPIRY_MS,
        notes: input.notes,
        tags: tag_pairs(input.tags),
        management_account: c.org.management_account.clone(),
        master_email: management_email(em, &c.org).await?,
        master_name: mgmt.map_or_else(
            || default_account(&c.org.management_account).name,
            |a| a.name,
        ),
        feature_set: c.org.feature_set.clone(),
    };
    match em
        .store
        .insert_handshake(&record, em.settings.org_account_limit)
        .await?
    {
        InviteOutcome::New => Ok(InviteAccountToOrganizationResponse {
            handshake: Some(shape(&c.scope, &record, now)),
        }),
        InviteOutcome::Duplicate => Err(ModeledError::DuplicateHandshakeException
            .msg("A handshake with the same action and target already exists.")),
        InviteOutcome::LimitReached => Err(limit_error()),
    }
}

/// The state as of `now`: an OPEN invitation past its expiry reads EXPIRED (§6.2, lazily).
fn state(h: &HandshakeRecord, now: i64) -> String {
    if h.state == "OPEN" && h.expires_ms <= now {
        "EXPIRED".into()
    } else {
        h.state.clone()
    }
}

/// Whether `scope`'s account is the invitation's recipient.
async fn is_recipient(
    em: &Emulator,
    scope: &Scope,
    h: &HandshakeRecord,
) -> Result<bool, ServiceError> {
    if h.target_type == "ACCOUNT" {
        return Ok(h.target_id == scope.account.as_str());
    }
    let email = em
        .store
        .account(&scope.account)
        .await?
        .map_or_else(|| default_account(&scope.account).email, |a| a.email);
    Ok(h.target_id == email)
}

/// A handshake the caller is a party of (recipient, or the sending org's M/DA).
async fn visible(em: &Emulator, scope: &Scope, id: &str) -> Result<HandshakeRecord, ServiceError> {
    let h = em
        .store
        .handshake(id)
        .await?
        .ok_or_else(|| ModeledError::HandshakeNotFoundException.msg(NOT_FOUND))?;
    if is_recipient(em, scope, &h).await? {
        return Ok(h);
    }
    let sender = em
        .store
        .organization_of(&scope.account)
        .await?
        .is_some_and(|o| o.id == h.org_id);
    if sender {
        Ok(h)
    } else {
        Err(ModeledError::HandshakeNotFoundException.msg(NOT_FOUND))
    }
}

/// Moves a handshake to `target`, refusing what §6.2 forbids.
fn transition(h: &HandshakeRecord, now: i64, target: &str) -> Result<(), ServiceError> {
    let current = state(h, now);
    if current == target {
        return Err(ModeledError::HandshakeAlreadyInStateException
            .msg("The specified handshake is already in the requested state."));
    }
    if current != "OPEN" {
        return Err(ModeledError::InvalidHandshakeTransitionException
            .msg("You can't perform the operation on the handshake in its current state."));
    }
    Ok(())
}

pub(super) async fn accept(
    em: &Emulator,
    cx: &RequestContext,
    input: AcceptHandshakeRequest,
) -> Result<AcceptHandshakeResponse, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let mut h = visible(em, &scope, &input.handshake_id).await?;
    if !is_recipient(em, &scope, &h).await? {
        return Err(ModeledError::HandshakeNotFoundException.msg(NOT_FOUND));
    }
    let now = em.clock.now_millis();
    transition(&h, now, "ACCEPTED")?;
    if let Some(org) = em.store.organization_of(&scope.account).await? {
        if org.management_account == scope.account {
            return Err(ModeledError::MasterCannotLeaveOrganizationException.msg("You can't remove a management account from an organization. If you want the management account to become a member account in another organization, you must first delete the current organization of the management account."));
        }
    }
    let defaults = match em.store.account(&scope.account).await? {
        Some(a) => a,
        None => default_account(&scope.account),
    };
    match em
        .store
        .accept_invite(&h, &defaults, now, em.settings.org_account_limit)
        .await?
    {
        AcceptOutcome::Joined => {}
        AcceptOutcome::LimitReached => return Err(limit_error()),
        // §13 Q3: the legacy rule, a member of another org cannot accept.
        AcceptOutcome::AlreadyMember => {
            return Err(
                ModeledError::HandshakeConstraintViolationException.with_reason(
                    Hcv::ALREADY_IN_AN_ORGANIZATION.as_str(),
                    "The account is already a member of an organization.",
                ),
            )
        }
    }
    "ACCEPTED".clone_into(&mut h.state);
    Ok(AcceptHandshakeResponse {
        handshake: Some(shape(&scope, &h, now)),
    })
}

pub(super) async fn decline(
    em: &Emulator,
    cx: &RequestContext,
    input: DeclineHandshakeRequest,
) -> Result<DeclineHandshakeResponse, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let mut h = visible(em, &scope, &input.handshake_id).await?;
    if !is_recipient(em, &scope, &h).await? {
        return Err(ModeledError::HandshakeNotFoundException.msg(NOT_FOUND));
    }
    let now = em.clock.now_millis();
    transition(&h, now, "DECLINED")?;
    em.store.set_handshake_state(&h.id, "DECLINED").await?;
    "DECLINED".clone_into(&mut h.state);
    Ok(DeclineHandshakeResponse {
        handshake: Some(shape(&scope, &h, now)),
    })
}

pub(super) async fn cancel(
    em: &Emulator,
    cx: &RequestContext,
    input: CancelHandshakeRequest,
) -> Result<CancelHandshakeResponse, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let mut h = visible(em, &scope, &input.handshake_id).await?;
    // Only the sender (the inviting org's management account) cancels (§5.24).
    if h.management_account != scope.account {
        return Err(super::common::denied());
    }
    let now = em.clock.now_millis();
    transition(&h, now, "CANCELED")?;
    em.store.set_handshake_state(&h.id, "CANCELED").await?;
    "CANCELED".clone_into(&mut h.state);
    Ok(CancelHandshakeResponse {
        handshake: Some(shape(&scope, &h, now)),
    })
}

pub(super) async fn describe(
    em: &Emulator,
    cx: &RequestContext,
    input: DescribeHandshakeRequest,
) -> Result<DescribeHandshakeResponse, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let h = visible(em, &scope, &input.handshake_id).await?;
    Ok(DescribeHandshakeResponse {
        handshake: Some(shape(&scope, &h, em.clock.now_millis())),
    })
}

pub(super) async fn list_for_account(
    em: &Emulator,
    cx: &RequestContext,
    input: ListHandshakesForAccountRequest,
) -> Result<ListHandshakesForAccountResponse, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let email = em
        .store
        .account(&scope.account)
        .await?
        .map_or_else(|| default_account(&scope.account).email, |a| a.email);
    let all = em
        .store
        .received_handshakes(&scope.account, Some(&email))
        .await?;
    let (items, next) = filtered(
        all,
        "ListHandshakesForAccount",
        &input.filter,
        input.next_token.as_deref(),
        input.max_results,
    )?;
    let now = em.clock.now_millis();
    Ok(ListHandshakesForAccountResponse {
        handshakes: Some(items.iter().map(|h| shape(&scope, h, now)).collect()),
        next_token: next,
    })
}

pub(super) async fn list_for_org(
    em: &Emulator,
    cx: &RequestContext,
    input: ListHandshakesForOrganizationRequest,
) -> Result<ListHandshakesForOrganizationResponse, ServiceError> {
    let c: Caller = reader(em, cx).await?;
    let all = em.store.org_handshakes(&c.org.id).await?;
    let (items, next) = filtered(
        all,
        "ListHandshakesForOrganization",
        &input.filter,
        input.next_token.as_deref(),
        input.max_results,
    )?;
    let now = em.clock.now_millis();
    Ok(ListHandshakesForOrganizationResponse {
        handshakes: Some(items.iter().map(|h| shape(&c.scope, h, now)).collect()),
        next_token: next,
    })
}

type Filter = Option<sclocal_api::organizations::HandshakeFilter>;

/// Applies a HandshakeFilter (one member at most, §5.25) and pages.
fn filtered(
    all: Vec<HandshakeRecord>,
    kind: &str,
    filter: &Filter,
    token: Option<&str>,
    max: Option<i32>,
) -> Result<(Vec<HandshakeRecord>, Option<String>), ServiceError> {
    let mut kind = kind.to_string();
    let mut items = all;
    if let Some(f) = filter {
        if f.action_type.is_some() && f.parent_handshake_id.is_some() {
            return Err(invalid(
                InvalidInputExceptionReason::MAX_LIMIT_EXCEEDED_FILTER,
                "You can specify only one filter parameter for the operation.",
            ));
        }
        if let Some(action) = f.action_type {
            items.retain(|_| action == ActionType::INVITE);
            kind.push_str(action.as_str());
        }
        if f.parent_handshake_id.is_some() {
            // INVITE handshakes have no parent.
            items.clear();
            kind.push_str(":parent");
        }
    }
    paged(items, &kind, token, max)
}

/// The Handshake shape (§4): parties, and resources in AWS's order.
fn shape(scope: &Scope, h: &HandshakeRecord, now: i64) -> Handshake {
    let partition = scope.partition;
    let res = |t: HandshakeResourceType, v: &str, children: Option<Vec<HandshakeResource>>| {
        HandshakeResource {
            value: Some(v.to_string()),
            r#type: Some(t),
            resources: children,
        }
    };
    let target_kind = if h.target_type == "ACCOUNT" {
        HandshakeResourceType::ACCOUNT
    } else {
        HandshakeResourceType::EMAIL
    };
    let mut resources = vec![
        res(
            HandshakeResourceType::ORGANIZATION,
            &h.org_id,
            Some(vec![
                res(HandshakeResourceType::MASTER_EMAIL, &h.master_email, None),
                res(HandshakeResourceType::MASTER_NAME, &h.master_name, None),
                res(
                    HandshakeResourceType::ORGANIZATION_FEATURE_SET,
                    &h.feature_set,
                    None,
                ),
            ]),
        ),
        res(target_kind, &h.target_id, None),
    ];
    if let Some(notes) = &h.notes {
        resources.push(res(HandshakeResourceType::NOTES, notes, None));
    }
    Handshake {
        id: Some(h.id.clone()),
        arn: Some(format!(
            "arn:{partition}:organizations::{}:handshake/{}/invite/{}",
            h.management_account, h.org_id, h.id
        )),
        parties: Some(vec![
            HandshakeParty {
                id: h.org_id.clone(),
                r#type: HandshakePartyType::ORGANIZATION,
            },
            HandshakeParty {
                id: h.target_id.clone(),
                r#type: if h.target_type == "ACCOUNT" {
                    HandshakePartyType::ACCOUNT
                } else {
                    HandshakePartyType::EMAIL
                },
            },
        ]),
        state: HandshakeState::from_wire(&state(h, now)),
        requested_timestamp: Some(Timestamp::from_millis(h.requested_ms)),
        expiration_timestamp: Some(Timestamp::from_millis(h.expires_ms)),
        action: Some(ActionType::INVITE),
        resources: Some(resources),
    }
}
