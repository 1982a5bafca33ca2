//! Background work: share operations, CreateAccount requests, provisioning records and plans,
//! claimed from the store's job
//! queue as leases (`store/jobs.rs`), so any number of workers — in this process or in other
//! instances over the same database — share the work, each job held by one worker at a time.
//! A worker that dies lets its lease run out; another takes the job over and carries on from
//! what the last step committed.
//!
//! The server's worker is a loop around [`run_next_job`]; `POST /_sclocal/jobs/drain` and
//! tests run [`run_until_idle`].

use std::time::Duration;

use sclocal_api::ServiceError;

use crate::catalog::copy_product::job::copy_product_step;
use crate::catalog::provisioning::job::{provisioning_steps, steps_in, StepSettings};
use crate::catalog::provisioning::plan_job::plan_step;
use crate::catalog::share::fanout::share_operation_step;
use crate::ids::ShareToken;
use crate::organizations::create_account_step;
use crate::store::{JobKind, JobRecord, WriteTx};
use crate::Emulator;

/// How long a claim lasts: far longer than any step (one transaction), short enough that
/// another instance takes over a dead one's work within seconds.
pub const DEFAULT_LEASE_MS: i64 = 5_000;

/// What [`run_next_job`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobOutcome {
    /// One step ran; there may be more.
    Ran,
    /// Nothing is claimable now; the next job can be claimed at this time (epoch
    /// milliseconds), if any is queued.
    Idle(Option<i64>),
}

/// Jobs claimed at once: a burst of launches is claimed, and its records carried out, in a
/// few transactions instead of two per record.
const CLAIM_BATCH: usize = 64;

/// Claims the oldest due jobs (up to [`CLAIM_BATCH`]) and runs one step of each. Provisioning
/// records are stepped in the very transaction that claims them (so a burst of launches costs
/// one transaction); if that fails, the jobs are claimed alone and stepped apart.
pub async fn run_next_job(em: &Emulator) -> Result<JobOutcome, ServiceError> {
    let now = em.now();
    let until = now + em.settings.job_lease_ms;
    let (worker, ids, settings) = (em.worker.clone(), em.ids.clone(), StepSettings::of(em));
    let claimed = em
        .store
        .write(move |tx| {
            let (records, others) = claim_batch(tx, &worker, now, until)?;
            let changed = steps_in(tx, &records, &worker, now, ids.as_ref(), settings, false)?;
            Ok((records.len(), changed, others))
        })
        .await;
    let others = match claimed {
        Ok((0, _, others)) if others.is_empty() => {
            let next = em.store.read(|tx| Ok(tx.next_job_due()?)).await?;
            return Ok(JobOutcome::Idle(next));
        }
        Ok((_, organizations_changed, others)) => {
            if organizations_changed {
                em.org_changed();
            }
            others
        }
        Err(e) => {
            tracing::warn!(error = %e, "claiming and stepping a batch failed; claiming alone");
            let worker = em.worker.clone();
            let (records, others) = em
                .store
                .write(move |tx| claim_batch(tx, &worker, now, until))
                .await?;
            if records.is_empty() && others.is_empty() {
                return Ok(JobOutcome::Ran);
            }
            provisioning_steps(em, records).await?;
            others
        }
    };
    for job in others {
        run_one(em, job).await?;
    }
    Ok(JobOutcome::Ran)
}

/// Claims up to [`CLAIM_BATCH`] due jobs: the keys of provisioning records, and the others.
fn claim_batch(
    tx: &dyn WriteTx,
    worker: &str,
    now: i64,
    until: i64,
) -> Result<(Vec<String>, Vec<JobRecord>), ServiceError> {
    let mut records = Vec::new();
    let mut others = Vec::new();
    while records.len() + others.len() < CLAIM_BATCH {
        match tx.claim_job(worker, now, until)? {
            Some(job) if job.kind == JobKind::Provisioning => records.push(job.key),
            Some(job) => others.push(job),
            None => break,
        }
    }
    Ok((records, others))
}

/// One step of a job that is not a provisioning record.
async fn run_one(em: &Emulator, job: JobRecord) -> Result<(), ServiceError> {
    match job.kind {
        JobKind::ShareOperation => {
            if let Some(token) = ShareToken::parse(&job.key) {
                share_operation_step(em, &token).await?;
            } else {
                // Not a share token: nothing can ever process it.
                let key = job.key;
                em.store
                    .write(move |tx| Ok(tx.finish_job(JobKind::ShareOperation, &key)?))
                    .await?;
            }
        }
        JobKind::CreateAccount => create_account_step(em, &job.key).await?,
        JobKind::Provisioning => provisioning_steps(em, vec![job.key]).await?,
        JobKind::ProvisioningPlan => plan_step(em, &job.key).await?,
        JobKind::CopyProduct => copy_product_step(em, &job.key).await?,
    }
    Ok(())
}

/// Runs steps until nothing is due now, including work another worker holds (it waits for
/// that worker to finish its step). Answers when the next held job falls due (an operation
/// kept open by `--share-processing-delay`), if any.
pub async fn run_until_idle(em: &Emulator) -> Result<Option<i64>, ServiceError> {
    loop {
        if let JobOutcome::Idle(next) = run_next_job(em).await? {
            let now = em.now();
            let held_elsewhere = em.store.read(move |tx| Ok(tx.jobs_due(now)?)).await? > 0;
            if !held_elsewhere {
                return Ok(next);
            }
            // Due work under another worker's lease: it releases it within a step.
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
    }
}
