//! The job queue: background work claimed through the store as leases, so that any number of
//! workers — in one process or in several over one database — can process it, each job by
//! one worker at a time.
//!
//! A job is a row naming its work (a share operation, a CreateAccount request, …) and when it
//! is next due. A worker claims the oldest due job whose lease is free or has expired, setting
//! itself as the holder until a deadline; it runs one step, then either releases the job with
//! its next due time or finishes it. A worker that dies simply lets its lease expire and
//! another takes the job over. Each step's writes check the lease inside their own transaction
//! ([`JobWrites::holds_lease`]), so a worker that lost its lease writes nothing.

use super::error::StoreError;

/// What a job processes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum JobKind {
    /// An organization share operation (`share-…`): fan-out steps, then its end.
    ShareOperation,
    /// A CreateAccount request (`car-…`) that completes when its delay has passed.
    CreateAccount,
    /// A provisioning record (`rec-…`): the request it records, carried out.
    Provisioning,
    /// A provisioned product plan (`plan-…`) being created.
    ProvisioningPlan,
    /// A CopyProduct operation (`copyproduct-…`) being carried out.
    CopyProduct,
}

impl JobKind {
    /// Stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            JobKind::ShareOperation => "SHARE_OPERATION",
            JobKind::CreateAccount => "CREATE_ACCOUNT",
            JobKind::Provisioning => "PROVISIONING",
            JobKind::ProvisioningPlan => "PROVISIONING_PLAN",
            JobKind::CopyProduct => "COPY_PRODUCT",
        }
    }

    /// Parses [`JobKind::as_str`].
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "SHARE_OPERATION" => JobKind::ShareOperation,
            "CREATE_ACCOUNT" => JobKind::CreateAccount,
            "PROVISIONING" => JobKind::Provisioning,
            "PROVISIONING_PLAN" => JobKind::ProvisioningPlan,
            "COPY_PRODUCT" => JobKind::CopyProduct,
            _ => return None,
        })
    }
}

/// A job as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobRecord {
    /// What it processes.
    pub kind: JobKind,
    /// The id of the work (share token, request id), unique per kind.
    pub key: String,
    /// When it is next due, epoch milliseconds.
    pub due_ms: i64,
    /// The worker holding it, if any.
    pub lease_owner: Option<String>,
    /// Until when that worker holds it, epoch milliseconds.
    pub lease_until_ms: Option<i64>,
}

/// Reading the job queue.
pub trait JobReads {
    /// A job by kind and key.
    fn job(&self, kind: JobKind, key: &str) -> Result<Option<JobRecord>, StoreError>;

    /// The earliest time a queued job can be claimed: when it falls due, or when the lease
    /// another worker holds on it runs out, whichever is later. Workers sleep until then.
    fn next_job_due(&self) -> Result<Option<i64>, StoreError>;

    /// How many jobs are due at `now_ms`, leased or not (a drain waits for them all).
    fn jobs_due(&self, now_ms: i64) -> Result<usize, StoreError>;

    /// How many jobs are queued.
    fn job_count(&self) -> Result<usize, StoreError>;
}

/// Writing the job queue.
pub trait JobWrites {
    /// Queues a job due at `due_ms` (a job with the same kind and key is left as it is).
    fn enqueue_job(&self, kind: JobKind, key: &str, due_ms: i64) -> Result<(), StoreError>;

    /// Claims the oldest job due at `now_ms` whose lease is free or expired, for `worker`
    /// until `lease_until_ms`.
    fn claim_job(
        &self,
        worker: &str,
        now_ms: i64,
        lease_until_ms: i64,
    ) -> Result<Option<JobRecord>, StoreError>;

    /// Whether `worker` still holds the job's lease at `now_ms`.
    fn holds_lease(
        &self,
        kind: JobKind,
        key: &str,
        worker: &str,
        now_ms: i64,
    ) -> Result<bool, StoreError>;

    /// Gives the job back, due again at `due_ms`; `false` when `worker` no longer held it.
    fn release_job(
        &self,
        kind: JobKind,
        key: &str,
        worker: &str,
        due_ms: i64,
    ) -> Result<bool, StoreError>;

    /// Removes a finished job.
    fn finish_job(&self, kind: JobKind, key: &str) -> Result<(), StoreError>;
}
