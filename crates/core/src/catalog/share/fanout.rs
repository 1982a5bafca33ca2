//! The background work of organization shares: one step of one operation per job claim.
//!
//! An operation goes NOT_STARTED → IN_PROGRESS → COMPLETED | COMPLETED_WITH_ERRORS | ERROR
//! (aws-behavior.md §5.4). Each step records the outcome of a batch of accounts together with
//! the cursor in one transaction, and outcomes are keyed by (token, account): a crash, or a
//! worker losing its lease, between steps resumes where the last committed step ended, and no
//! account is processed twice. Every step's transaction first checks that this worker still
//! holds the job's lease (`crate::jobs`), so a worker that lost it writes nothing.
//!
//! The cursor is the last account processed, in account order, not a position in a list: a
//! worker that takes an operation over computes the audience afresh, and carries on after that
//! account whatever changed in between, so no account is skipped.

use std::collections::HashMap;
use std::sync::Arc;

use sclocal_api::ServiceError;

use super::rules::{finish, terminal, Finish};
use crate::catalog::audience;
use crate::ids::{AccountId, ShareToken};
use crate::organizations::seam;
use crate::store::{
    AccountOutcome, JobKind, OpAction, OpStatus, ShareOpRecord, ShareState, WriteTx,
};
use crate::Emulator;

/// Accounts per step by default: large enough that a 100,000-account organization takes two
/// steps, small enough that one transaction stays short.
pub const DEFAULT_BATCH: usize = 50_000;

/// Runs one step of the share operation `token`, whose job this worker holds.
pub(crate) async fn share_operation_step(
    em: &Emulator,
    token: &ShareToken,
) -> Result<(), ServiceError> {
    let read_token = token.clone();
    let op = em
        .store
        .read(move |tx| Ok(tx.share_op(&read_token)?))
        .await?;
    let Some(op) = op.filter(|op| !op.status.is_terminal()) else {
        return settle(em, token.clone(), Settle::Finish).await;
    };
    let targets = targets(em, &op).await?;
    let now = em.now();
    let start = targets.partition_point(|a| a.number() <= op.cursor);
    let end = (start + em.settings.fanout_batch.max(1)).min(targets.len());
    if start < end || op.total.is_none() {
        let batch = &targets[start..end];
        let outcomes = outcomes(em, &op, batch).await?;
        let next_due = if end < targets.len() {
            now
        } else {
            now.max(op.not_before_ms)
        };
        let cursor = batch.last().map_or(op.cursor, AccountId::number);
        return settle(
            em,
            op.token,
            Settle::Record {
                outcomes,
                cursor,
                total: as_i64(targets.len()),
                next_due,
            },
        )
        .await;
    }
    if now < op.not_before_ms {
        // Every account is done; `--share-processing-delay` holds the operation open.
        return settle(em, op.token, Settle::Hold(op.not_before_ms)).await;
    }
    settle(em, op.token.clone(), Settle::End(op)).await
}

/// What a step writes.
enum Settle {
    /// A batch of outcomes and the new cursor; the job is due again at `next_due`.
    Record {
        outcomes: Vec<AccountOutcome>,
        cursor: i64,
        total: i64,
        next_due: i64,
    },
    /// Nothing; the job is due again then.
    Hold(i64),
    /// The operation's end: its terminal status, applied to its share.
    End(ShareOpRecord),
    /// The job has nothing left to do.
    Finish,
}

/// Writes what a step decided, if this worker still holds the job's lease.
async fn settle(em: &Emulator, token: ShareToken, what: Settle) -> Result<(), ServiceError> {
    let worker = em.worker.clone();
    let clock = em.clock.clone();
    em.store
        .write(move |tx| {
            let key = token.as_str();
            if !tx.holds_lease(JobKind::ShareOperation, key, &worker, clock.now_millis())? {
                // Another worker took the job over; it redoes this step.
                return Ok(());
            }
            match what {
                Settle::Record {
                    outcomes,
                    cursor,
                    total,
                    next_due,
                } => {
                    tx.record_outcomes(&token, &outcomes)?;
                    tx.set_op_progress(&token, cursor, total, OpStatus::InProgress)?;
                    tx.release_job(JobKind::ShareOperation, key, &worker, next_due)?;
                }
                Settle::Hold(due) => {
                    tx.release_job(JobKind::ShareOperation, key, &worker, due)?;
                }
                Settle::End(op) => {
                    end_operation(tx, &op)?;
                    tx.finish_job(JobKind::ShareOperation, key)?;
                }
                Settle::Finish => tx.finish_job(JobKind::ShareOperation, key)?,
            }
            Ok(())
        })
        .await
}

/// Sets an operation's terminal status and applies it to its share.
fn end_operation(tx: &dyn WriteTx, op: &ShareOpRecord) -> Result<(), ServiceError> {
    let (total, failed) = tx.op_counts(&op.token)?;
    let status = terminal(total, failed);
    tx.set_op_status(&op.token, status)?;
    if let Some(share) = tx.share(&op.portfolio_id, &op.target)? {
        match finish(op.action, status, share.state) {
            Finish::Remove => tx.delete_share(&op.portfolio_id, &op.target)?,
            Finish::Activate => tx.set_share_state(
                &op.portfolio_id,
                &op.target,
                ShareState::Active,
                Some(&op.token),
            )?,
        }
    }
    Ok(())
}

/// The outcome of each account of a batch: success, or the fault injected for it (faults
/// never apply to a delete, which cannot fail for an account).
async fn outcomes(
    em: &Emulator,
    op: &ShareOpRecord,
    accounts: &[AccountId],
) -> Result<Vec<AccountOutcome>, ServiceError> {
    let faults: HashMap<AccountId, (String, String)> = if op.action == OpAction::Delete {
        HashMap::new()
    } else {
        em.store
            .read(|tx| Ok(tx.share_faults()?))
            .await?
            .into_iter()
            .map(|f| (f.account, (f.error, f.message)))
            .collect()
    };
    Ok(accounts
        .iter()
        .map(|a| AccountOutcome {
            account: a.clone(),
            error: faults.get(a).cloned(),
        })
        .collect())
}

/// The accounts an operation reaches (`audience::fanout_targets`), computed once per
/// operation and worker. A share that no longer exists reaches no one (deleting a node that
/// was never shared completes with nothing to do).
async fn targets(em: &Emulator, op: &ShareOpRecord) -> Result<Arc<Vec<AccountId>>, ServiceError> {
    if let Some((token, accounts)) = cached(em) {
        if token == op.token {
            return Ok(accounts);
        }
    }
    let accounts = match &op.org_id {
        None => Vec::new(),
        Some(org) => {
            // Accounts whose CreateAccount is due join the organization before the audience
            // is read, as they would have on AWS by now.
            seam::complete_due_accounts(em, org).await?;
            let op = op.clone();
            em.store
                .read(move |tx| {
                    let Some(org) = &op.org_id else {
                        return Ok(Vec::new());
                    };
                    if tx.share(&op.portfolio_id, &op.target)?.is_none() {
                        return Ok(Vec::new());
                    }
                    audience::fanout_targets(tx, org, &op.target, &op.owner)
                })
                .await?
        }
    };
    let accounts = Arc::new(accounts);
    if let Ok(mut cache) = em.audiences.lock() {
        *cache = Some((op.token.clone(), accounts.clone()));
    }
    Ok(accounts)
}

fn cached(em: &Emulator) -> Option<(ShareToken, Arc<Vec<AccountId>>)> {
    em.audiences.lock().ok().and_then(|c| c.clone())
}

fn as_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}
