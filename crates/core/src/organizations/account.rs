//! CreateAccount, DescribeCreateAccountStatus, ListCreateAccountStatus
//! (organizations-behavior.md §5.12–5.14, state machine §6.1). Creation is asynchronous: the
//! request is recorded IN_PROGRESS and a job completes it once
//! `Settings::create_account_delay_ms` has passed; anything that reads the organization
//! completes due requests first, so the outcome never depends on when the worker runs.

use std::sync::Arc;

use sclocal_api::organizations::{
    ConstraintViolationExceptionReason as Cv, CreateAccountRequest, CreateAccountResponse,
    CreateAccountState, CreateAccountStatus, DescribeCreateAccountStatusRequest,
    DescribeCreateAccountStatusResponse, InvalidInputExceptionReason,
    ListCreateAccountStatusRequest, ListCreateAccountStatusResponse, ModeledError,
};
use sclocal_api::primitives::Timestamp;
use sclocal_api::{RequestContext, ServiceError};

use super::account_completion::complete_request;
use super::caller::{constraint, invalid, manager, reader};
use super::tags::{request_tags, MAX_TAGS};
use crate::clock::IdSource;
use crate::ids::{CreateAccountRequestId, OrgId};
use crate::page::Api;
use crate::store::{CreateAccountRecord, JobKind, Lock, WriteTx};
use crate::Emulator;

/// CreateAccount requests in flight per organization (§8).
const MAX_IN_PROGRESS: usize = 5;

/// CreateAccount: records the request IN_PROGRESS and queues its completion.
pub(crate) async fn create_account(
    em: &Emulator,
    cx: &RequestContext,
    input: CreateAccountRequest,
) -> Result<CreateAccountResponse, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let id = CreateAccountRequestId::generate(em.ids.as_ref());
    let now = em.now();
    let due = now + em.settings.create_account_delay_ms;
    let record = em.org_write(move |tx| {
            let c = manager(tx, &scope)?;
            if input
                .role_name
                .as_deref()
                .is_some_and(|r| r.starts_with("AWSServiceRoleFor"))
            {
                return Err(invalid(
                    InvalidInputExceptionReason::INVALID_ROLE_NAME,
                    "You provided a role name that isn't valid. A role name can't begin with \
                     the reserved prefix AWSServiceRoleFor.",
                ));
            }
            let tags = request_tags(input.tags, MAX_TAGS)?;
            tx.lock(Lock::Organization(&c.org.id))?;
            let in_progress = tx
                .create_account_requests(&c.org.id)?
                .iter()
                .filter(|r| r.state == CreateAccountState::IN_PROGRESS)
                .count();
            if in_progress >= MAX_IN_PROGRESS {
                return Err(constraint(
                    Cv::ACCOUNT_CREATION_RATE_LIMIT_EXCEEDED,
                    "You attempted to exceed the number of accounts that you can create in one day.",
                ));
            }
            let record = CreateAccountRecord {
                id,
                org_id: c.org.id,
                account_name: input.account_name,
                email: input.email,
                state: CreateAccountState::IN_PROGRESS,
                requested_ms: now,
                completed_ms: None,
                account_id: None,
                failure_reason: None,
                tags,
            };
            tx.put_create_account_request(&record)?;
            tx.enqueue_job(JobKind::CreateAccount, record.id.as_str(), due)?;
            Ok(record)
        })
        .await?;
    em.signal.notify();
    Ok(CreateAccountResponse {
        create_account_status: Some(status(&record)),
    })
}

/// Completes the org's IN_PROGRESS requests whose delay has passed: called by everything that
/// reads the organization's membership (its reads, a share fan-out over it).
pub(crate) async fn complete_due_accounts(em: &Emulator, org: &OrgId) -> Result<(), ServiceError> {
    let now = em.now();
    let delay = em.settings.create_account_delay_ms;
    let org = org.clone();
    let due: Vec<CreateAccountRequestId> = em
        .store
        .read(move |tx| {
            Ok(tx
                .create_account_requests(&org)?
                .into_iter()
                .filter(|r| {
                    r.state == CreateAccountState::IN_PROGRESS && r.requested_ms + delay <= now
                })
                .map(|r| r.id)
                .collect())
        })
        .await?;
    for id in due {
        complete_create_account(em, id, None).await?;
    }
    Ok(())
}

/// The CreateAccount job: completes the request once due (and finishes the job), or gives
/// the job back until then.
pub(crate) async fn create_account_step(em: &Emulator, key: &str) -> Result<(), ServiceError> {
    let Some(id) = CreateAccountRequestId::parse(key) else {
        // Not a request id: nothing can ever complete it.
        let key = key.to_string();
        return em
            .org_write(move |tx| Ok(tx.finish_job(JobKind::CreateAccount, &key)?))
            .await;
    };
    complete_create_account(em, id, Some(em.worker.clone())).await
}

/// Completes one request if it is IN_PROGRESS and due: a fresh random 12-digit id not used by
/// any account, under the root; or FAILED. With `worker`, the completion runs as that
/// worker's job step: it writes only while the worker holds the job's lease, and finishes or
/// re-schedules the job.
async fn complete_create_account(
    em: &Emulator,
    id: CreateAccountRequestId,
    worker: Option<String>,
) -> Result<(), ServiceError> {
    let ids: Arc<dyn IdSource> = em.ids.clone();
    let clock = em.clock.clone();
    let (delay, limit) = (
        em.settings.create_account_delay_ms,
        em.settings.org_account_limit,
    );
    em.org_write(move |tx| {
        let now = clock.now_millis();
        if let Some(w) = &worker {
            if !tx.holds_lease(JobKind::CreateAccount, id.as_str(), w, now)? {
                return Ok(());
            }
        }
        let Some(r) = tx.create_account_request(&id)? else {
            return finish(tx, &id, worker.as_deref());
        };
        if r.state != CreateAccountState::IN_PROGRESS {
            return finish(tx, &id, worker.as_deref());
        }
        if r.requested_ms + delay > now {
            if let Some(w) = &worker {
                tx.release_job(
                    JobKind::CreateAccount,
                    id.as_str(),
                    w,
                    r.requested_ms + delay,
                )?;
            }
            return Ok(());
        }
        tx.lock(Lock::Organization(&r.org_id))?;
        // Under the lock, read the request again: another instance's worker (or a read
        // that completes due requests) may have completed it while this unit waited, and
        // completing it twice would fail the second time on the account's own email.
        let Some(mut r) = tx
            .create_account_request(&id)?
            .filter(|r| r.state == CreateAccountState::IN_PROGRESS)
        else {
            return finish(tx, &id, worker.as_deref());
        };
        // The request itself records how it ended.
        let _account = complete_request(tx, ids.as_ref(), &mut r, None, now, limit)?;
        tx.put_create_account_request(&r)?;
        finish(tx, &id, worker.as_deref())
    })
    .await
}

fn finish(
    tx: &dyn WriteTx,
    id: &CreateAccountRequestId,
    worker: Option<&str>,
) -> Result<(), ServiceError> {
    if worker.is_some() {
        tx.finish_job(JobKind::CreateAccount, id.as_str())?;
    }
    Ok(())
}

/// DescribeCreateAccountStatus.
pub(crate) async fn describe_create_account_status(
    em: &Emulator,
    cx: &RequestContext,
    input: DescribeCreateAccountStatusRequest,
) -> Result<DescribeCreateAccountStatusResponse, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let org = caller_org(em, &scope).await?;
    complete_due_accounts(em, &org).await?;
    em.store
        .read(move |tx| {
            let c = reader(tx, &scope)?;
            let record = CreateAccountRequestId::parse(&input.create_account_request_id)
                .map(|id| tx.create_account_request(&id))
                .transpose()?
                .flatten()
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
        })
        .await
}

/// ListCreateAccountStatus, optionally by state.
pub(crate) async fn list_create_account_status(
    em: &Emulator,
    cx: &RequestContext,
    input: ListCreateAccountStatusRequest,
) -> Result<ListCreateAccountStatusResponse, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let org = caller_org(em, &scope).await?;
    complete_due_accounts(em, &org).await?;
    let size = Api::Organizations.size(input.max_results);
    em.store
        .read(move |tx| {
            let c = reader(tx, &scope)?;
            let states: Vec<CreateAccountState> = input.states.into_iter().flatten().collect();
            let records: Vec<CreateAccountRecord> = tx
                .create_account_requests(&c.org.id)?
                .into_iter()
                .filter(|r| states.is_empty() || states.contains(&r.state))
                .collect();
            let kind = format!(
                "ListCreateAccountStatus:{}",
                states
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(",")
            );
            let (records, next) =
                Api::Organizations.slice(records, &kind, input.next_token.as_deref(), size)?;
            Ok(ListCreateAccountStatusResponse {
                create_account_statuses: Some(records.iter().map(status).collect()),
                next_token: next,
            })
        })
        .await
}

/// The caller's organization, so that its due requests complete before a read; a caller in
/// none is refused by the read itself.
pub(super) async fn caller_org(
    em: &Emulator,
    scope: &crate::ids::Scope,
) -> Result<OrgId, ServiceError> {
    let account = scope.account.clone();
    let org = em
        .store
        .read(move |tx| Ok(tx.organization_of(&account)?.map(|o| o.id)))
        .await?;
    org.ok_or_else(|| {
        ModeledError::AWSOrganizationsNotInUseException.msg(super::caller::NOT_IN_USE)
    })
}

/// The CreateAccountStatus shape (§4): AccountId only on SUCCEEDED, FailureReason only on
/// FAILED, CompletedTimestamp only when done.
fn status(r: &CreateAccountRecord) -> CreateAccountStatus {
    CreateAccountStatus {
        id: Some(r.id.to_string()),
        account_name: Some(r.account_name.clone()),
        state: Some(r.state),
        requested_timestamp: Some(Timestamp::from_millis(r.requested_ms)),
        completed_timestamp: r.completed_ms.map(Timestamp::from_millis),
        account_id: r.account_id.as_ref().map(ToString::to_string),
        gov_cloud_account_id: None,
        failure_reason: r.failure_reason,
    }
}
