//! The job queue and its leases (see core's `store/jobs.rs` for the protocol).

use sclocal_core::store::{JobKind, JobReads, JobRecord, JobWrites, StoreError};

use super::Tx;
use crate::args;
use crate::sql::{parsed, Row};

const COLUMNS: &str = "kind, key, due_ms, lease_owner, lease_until_ms";

fn row(r: &dyn Row) -> Result<JobRecord, StoreError> {
    Ok(JobRecord {
        kind: parsed(r, 0, JobKind::parse)?,
        key: r.text(1)?,
        due_ms: r.int(2)?,
        lease_owner: r.opt_text(3)?,
        lease_until_ms: r.opt_int(4)?,
    })
}

impl JobReads for Tx<'_> {
    fn job(&self, kind: JobKind, key: &str) -> Result<Option<JobRecord>, StoreError> {
        self.conn.first(
            &format!("SELECT {COLUMNS} FROM jobs WHERE kind = ?1 AND key = ?2"),
            args![kind.as_str(), key],
            row,
        )
    }

    fn next_job_due(&self) -> Result<Option<i64>, StoreError> {
        Ok(self
            .conn
            .first(
                "SELECT MIN(CASE WHEN lease_until_ms > due_ms THEN lease_until_ms
                 ELSE due_ms END) FROM jobs",
                args![],
                |r| r.opt_int(0),
            )?
            .flatten())
    }

    fn jobs_due(&self, now_ms: i64) -> Result<usize, StoreError> {
        self.conn.count(
            "SELECT COUNT(*) FROM jobs WHERE due_ms <= ?1",
            args![now_ms],
        )
    }

    fn job_count(&self) -> Result<usize, StoreError> {
        self.conn.count("SELECT COUNT(*) FROM jobs", args![])
    }
}

impl JobWrites for Tx<'_> {
    fn enqueue_job(&self, kind: JobKind, key: &str, due_ms: i64) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO jobs (kind, key, due_ms) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
            args![kind.as_str(), key, due_ms],
        )?;
        Ok(())
    }

    fn claim_job(
        &self,
        worker: &str,
        now_ms: i64,
        lease_until_ms: i64,
    ) -> Result<Option<JobRecord>, StoreError> {
        // The oldest due job nobody holds (or whose holder's lease ran out). Engines with
        // concurrent writers lock the chosen row so two workers never claim the same job.
        let chosen = self.conn.first(
            &format!(
                "SELECT seq FROM jobs WHERE due_ms <= ?1
                 AND (lease_until_ms IS NULL OR lease_until_ms <= ?1)
                 ORDER BY due_ms, seq LIMIT 1{}",
                self.conn.skip_locked()
            ),
            args![now_ms],
            |r| r.int(0),
        )?;
        let Some(seq) = chosen else {
            return Ok(None);
        };
        self.conn.first(
            &format!(
                "UPDATE jobs SET lease_owner = ?2, lease_until_ms = ?3 WHERE seq = ?1
                 RETURNING {COLUMNS}"
            ),
            args![seq, worker, lease_until_ms],
            row,
        )
    }

    fn holds_lease(
        &self,
        kind: JobKind,
        key: &str,
        worker: &str,
        now_ms: i64,
    ) -> Result<bool, StoreError> {
        // The job's row stays locked until the step commits, so no other worker can claim
        // it (its claim skips locked rows) between this check and the step's writes.
        self.conn.exists(
            &format!(
                "SELECT 1 FROM jobs WHERE kind = ?1 AND key = ?2 AND lease_owner = ?3
                 AND lease_until_ms > ?4{}",
                self.conn.for_update()
            ),
            args![kind.as_str(), key, worker, now_ms],
        )
    }

    fn release_job(
        &self,
        kind: JobKind,
        key: &str,
        worker: &str,
        due_ms: i64,
    ) -> Result<bool, StoreError> {
        Ok(self.conn.execute(
            "UPDATE jobs SET due_ms = ?4, lease_owner = NULL, lease_until_ms = NULL
             WHERE kind = ?1 AND key = ?2 AND lease_owner = ?3",
            args![kind.as_str(), key, worker, due_ms],
        )? > 0)
    }

    fn finish_job(&self, kind: JobKind, key: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "DELETE FROM jobs WHERE kind = ?1 AND key = ?2",
            args![kind.as_str(), key],
        )?;
        Ok(())
    }
}
