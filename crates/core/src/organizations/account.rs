//! CreateAccount, DescribeCreateAccountStatus, ListCreateAccountStatus
//! (organizations-behavior.md §5.12–5.14, state machine §6.1). Creation is asynchronous: the
//! request is recorded IN_PROGRESS and completed lazily by the next read of statuses or
//! accounts once `Settings::create_account_delay_ms` has passed.

use sclocal_api::organizations::{
    ConstraintViolationExceptionReason as Cv, CreateAccountFailureReason, CreateAccountRequest,
    CreateAccountResponse, CreateAccountState, CreateAccountStatus,
    DescribeCreateAccountStatusRequest, DescribeCreateAccountStatusResponse,
    InvalidInputExceptionReason, ListCreateAccountStatusRequest, ListCreateAccountStatusResponse,
    ModeledError,
};
use sclocal_api::primitives::Timestamp;
use sclocal_api::{RequestContext, ServiceError};

use super::common::{constraint, invalid, manager, paged, reader, tag_pairs, MAX_TAGS};
use super::tags::check_tags;
use crate::clock::{digits, hex_chars};
use crate::ids::AccountId;
use crate::store::{AccountRecord, CompleteOutcome, CreateAccountRecord};
use crate::Emulator;

/// CreateAccount requests in flight per organization (§8).
const MAX_IN_PROGRESS: usize = 5;

pub(super) async fn create(
    em: &Emulator,
    cx: &RequestContext,
    input: CreateAccountRequest,
) -> Result<CreateAccountResponse, ServiceError> {
    let c = manager(em, cx).await?;
    if input
        .role_name
        .as_deref()
        .is_some_and(|r| r.starts_with("AWSServiceRoleFor"))
    {
        return Err(invalid(
            InvalidInputExceptionReason::INVALID_ROLE_NAME,
            "You provided a role name that isn't valid. A role name can't begin with the \
             reserved prefix AWSServiceRoleFor.",
        ));
    }
    let tags = tag_pairs(input.tags);
    check_tags(&tags)?;
    if tags.len() > MAX_TAGS {
        return Err(constraint(
            Cv::MAX_TAG_LIMIT_EXCEEDED,
            "You have exceeded the number of tags allowed on this resource.",
        ));
    }
    let record = CreateAccountRecord {
        id: format!("car-{}", hex_chars(em.ids.as_ref(), 32)),
        org_id: c.org.id.clone(),
        account_name: input.account_name,
        email: input.email,
        state: "IN_PROGRESS".into(),
        requested_ms: em.clock.now_millis(),
        completed_ms: None,
        account_id: None,
        failure_reason: None,
        tags,
    };
    if !em
        .store
        .insert_create_account(&record, MAX_IN_PROGRESS)
        .await?
    {
        return Err(constraint(
            Cv::ACCOUNT_CREATION_RATE_LIMIT_EXCEEDED,
            "You attempted to exceed the number of accounts that you can create in one day.",
        ));
    }
    Ok(CreateAccountResponse {
        create_account_status: Some(status(&record)),
    })
}

/// Completes the org's IN_PROGRESS requests whose delay has passed (§6.1): a fresh random
/// 12-digit id not used by any account, under the root; or FAILED. Requests complete lazily,
/// when something looks at the organization (its reads, a share fan-out over it).
pub(crate) async fn complete_due(em: &Emulator, org_id: &str) -> Result<(), ServiceError> {
    let now = em.clock.now_millis();
    let due = em
        .store
        .create_account_statuses(org_id)
        .await?
        .into_iter()
        .filter(|r| {
            r.state == "IN_PROGRESS" && r.requested_ms + em.settings.create_account_delay_ms <= now
        });
    for request in due {
        loop {
            let id = new_account_id(em);
            let account = AccountRecord {
                id,
                name: request.account_name.clone(),
                email: request.email.clone(),
                org_id: None,
                parent_id: None,
                path: None,
                joined_method: None,
                joined_ms: None,
                state: "ACTIVE".into(),
            };
            let outcome = em
                .store
                .complete_create_account(&request, &account, now, em.settings.org_account_limit)
                .await?;
            if outcome == CompleteOutcome::Done {
                break;
            }
        }
    }
    Ok(())
}

fn new_account_id(em: &Emulator) -> AccountId {
    loop {
        let candidate = digits(em.ids.as_ref(), 12);
        // A leading zero is legal but AWS ids rarely have one; any 12 digits parse.
        if let Some(id) = AccountId::parse(&candidate) {
            return id;
        }
    }
}

pub(super) async fn describe_status(
    em: &Emulator,
    cx: &RequestContext,
    input: DescribeCreateAccountStatusRequest,
) -> Result<DescribeCreateAccountStatusResponse, ServiceError> {
    let c = reader(em, cx).await?;
    complete_due(em, &c.org.id).await?;
    let record = em
        .store
        .create_account_status(&input.create_account_request_id)
        .await?
        .filter(|r| r.org_id == c.org.id)
        .ok_or_else(|| {
            ModeledError::CreateAccountStatusNotFoundException.msg(
                "We can't find an create account request with the CreateAccountRequestId \
                 that you specified.",
            )
        })?;
    Ok(DescribeCreateAccountStatusResponse {
        create_account_status: Some(status(&record)),
    })
}

pub(super) async fn list_status(
    em: &Emulator,
    cx: &RequestContext,
    input: ListCreateAccountStatusRequest,
) -> Result<ListCreateAccountStatusResponse, ServiceError> {
    let c = reader(em, cx).await?;
    complete_due(em, &c.org.id).await?;
    let states: Vec<&str> = input.states.iter().flatten().map(|s| s.as_str()).collect();
    let records: Vec<CreateAccountRecord> = em
        .store
        .create_account_statuses(&c.org.id)
        .await?
        .into_iter()
        .filter(|r| states.is_empty() || states.contains(&r.state.as_str()))
        .collect();
    let kind = format!("ListCreateAccountStatus:{}", states.join(","));
    let (records, next) = paged(
        records,
        &kind,
        input.next_token.as_deref(),
        input.max_results,
    )?;
    Ok(ListCreateAccountStatusResponse {
        create_account_statuses: Some(records.iter().map(status).collect()),
        next_token: next,
    })
}

/// The CreateAccountStatus shape (§4): AccountId only on SUCCEEDED, FailureReason only on
/// FAILED, CompletedTimestamp only when done.
fn status(r: &CreateAccountRecord) -> CreateAccountStatus {
    CreateAccountStatus {
        id: Some(r.id.clone()),
        account_name: Some(r.account_name.clone()),
        state: CreateAccountState::from_wire(&r.state),
        requested_timestamp: Some(Timestamp::from_millis(r.requested_ms)),
        completed_timestamp: r.completed_ms.map(Timestamp::from_millis),
        account_id: r.account_id.as_ref().map(ToString::to_string),
        gov_cloud_account_id: None,
        failure_reason: r
            .failure_reason
            .as_deref()
            .and_then(CreateAccountFailureReason::from_wire),
    }
}
