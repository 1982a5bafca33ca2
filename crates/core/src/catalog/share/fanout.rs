//! The background work of organization shares: one step of one operation at a time.
//!
//! An operation goes NOT_STARTED → IN_PROGRESS → COMPLETED | COMPLETED_WITH_ERRORS | ERROR
//! (aws-behavior.md §5.4). Each step records the outcome of a batch of accounts in one
//! transaction together with the cursor, and outcomes are keyed by (token, account): a crash
//! between steps resumes where the last committed step ended, and no account is processed
//! twice. The worker in `sclocal-server` is a thin loop around [`run_next_job`]; tests drain
//! with [`run_until_idle`].

use std::collections::HashMap;
use std::sync::Arc;

use sclocal_api::ServiceError;

use crate::ids::AccountId;
use crate::store::{AccountOutcome, OpAction, OpStatus, ShareKind, ShareOpRecord};
use crate::Emulator;

/// Accounts per step by default: large enough that a 100,000-account organization takes two
/// steps, small enough that one transaction stays short.
pub const DEFAULT_BATCH: usize = 50_000;

/// What [`run_next_job`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobOutcome {
    /// One step ran; there may be more.
    Ran,
    /// Nothing to do now; an operation held by the processing delay becomes due at this time
    /// (epoch milliseconds), if any.
    Idle(Option<i64>),
}

/// The accounts an operation reaches, remembered between its steps.
#[derive(Debug)]
pub struct Audience {
    token: String,
    accounts: Arc<Vec<AccountId>>,
}

/// Runs one step of the oldest operation that has work (or is due to finish).
pub async fn run_next_job(em: &Emulator) -> Result<JobOutcome, ServiceError> {
    let mut audience = em.jobs.lock().await;
    let now = em.clock.now_millis();
    let (op, due) = em.store.next_op(now).await?;
    let Some(op) = op else {
        *audience = None;
        return Ok(JobOutcome::Idle(due));
    };
    let targets = match audience.as_ref() {
        Some(a) if a.token == op.token => a.accounts.clone(),
        _ => {
            let accounts = Arc::new(targets(em, &op).await?);
            *audience = Some(Audience {
                token: op.token.clone(),
                accounts: accounts.clone(),
            });
            accounts
        }
    };
    step(em, &op, &targets, now).await?;
    Ok(JobOutcome::Ran)
}

/// Runs steps until nothing is left to do now.
pub async fn run_until_idle(em: &Emulator) -> Result<Option<i64>, ServiceError> {
    loop {
        if let JobOutcome::Idle(due) = run_next_job(em).await? {
            return Ok(due);
        }
    }
}

async fn step(
    em: &Emulator,
    op: &ShareOpRecord,
    targets: &[AccountId],
    now: i64,
) -> Result<(), ServiceError> {
    let total = i64::try_from(targets.len()).unwrap_or(i64::MAX);
    let cursor = usize::try_from(op.cursor.max(0))
        .unwrap_or(usize::MAX)
        .min(targets.len());
    if cursor < targets.len() || op.total.is_none() {
        let end = (cursor + em.settings.fanout_batch.max(1)).min(targets.len());
        let faults: HashMap<AccountId, (String, String)> = if op.action == OpAction::Delete {
            HashMap::new()
        } else {
            em.store
                .share_faults()
                .await?
                .into_iter()
                .map(|f| (f.account, (f.error, f.message)))
                .collect()
        };
        let outcomes: Vec<AccountOutcome> = targets[cursor..end]
            .iter()
            .map(|a| AccountOutcome {
                account: a.clone(),
                error: faults.get(a).cloned(),
            })
            .collect();
        let end = i64::try_from(end).unwrap_or(i64::MAX);
        em.store
            .record_step(&op.token, &outcomes, end, total, OpStatus::InProgress)
            .await?;
        return Ok(());
    }
    if now < op.not_before_ms {
        // All accounts are done; `--share-processing-delay` holds the operation open.
        return Ok(());
    }
    let (total, failed) = em.store.op_counts(&op.token).await?;
    em.store
        .finish_op(&op.token, terminal(total, failed))
        .await?;
    Ok(())
}

/// The terminal status for `total` accounts of which `failed` failed. An error status never
/// comes with an empty error list (Terraform fails the wait on that, TF-STATUS).
pub fn terminal(total: usize, failed: usize) -> OpStatus {
    if failed == 0 {
        OpStatus::Completed
    } else if failed < total {
        OpStatus::CompletedWithErrors
    } else {
        OpStatus::Error
    }
}

/// The accounts an operation reaches: everything under its node now, except the portfolio
/// owner (who does not import its own portfolio). A share that no longer exists reaches no
/// one (deleting a node that was never shared completes with nothing to do).
async fn targets(em: &Emulator, op: &ShareOpRecord) -> Result<Vec<AccountId>, ServiceError> {
    let Some(org_id) = op.org_id.as_deref() else {
        return Ok(Vec::new());
    };
    if em
        .store
        .share(&op.portfolio_id, op.kind, &op.principal)
        .await?
        .is_none()
    {
        return Ok(Vec::new());
    }
    // Accounts whose CreateAccount is due join the organization before the audience is
    // read, as they would have on AWS by now.
    crate::organizations::complete_due(em, org_id).await?;
    let mut accounts = match op.kind {
        ShareKind::Organization => em.store.accounts_under(org_id, None).await?,
        ShareKind::OrganizationalUnit => {
            em.store.accounts_under(org_id, Some(&op.principal)).await?
        }
        ShareKind::OrganizationMemberAccount | ShareKind::Account => {
            match AccountId::parse(&op.principal) {
                Some(a)
                    if em
                        .store
                        .membership(&a)
                        .await?
                        .is_some_and(|m| m.org_id == org_id) =>
                {
                    vec![a]
                }
                _ => Vec::new(),
            }
        }
    };
    accounts.retain(|a| *a != op.owner);
    accounts.sort();
    accounts.dedup();
    Ok(accounts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_status_never_reports_an_error_without_errors() {
        assert_eq!(terminal(0, 0), OpStatus::Completed);
        assert_eq!(terminal(5, 0), OpStatus::Completed);
        assert_eq!(terminal(5, 2), OpStatus::CompletedWithErrors);
        assert_eq!(terminal(5, 5), OpStatus::Error);
    }
}
