//! The share-operation worker: a thin loop around `run_next_job` that waits for new work (a
//! notification from the operation that queued it) or for a held operation to fall due, backs
//! off on errors, and stops on shutdown after finishing its current step.

use std::sync::Arc;
use std::time::Duration;

use sclocal_core::clock::Clock;
use sclocal_core::jobs::{run_next_job, JobOutcome};
use sclocal_core::{Emulator, JobSignal};
use tokio::sync::{watch, Notify};

/// Wakes the worker.
#[derive(Debug, Default)]
pub struct WorkerSignal(pub Notify);

impl JobSignal for WorkerSignal {
    fn notify(&self) {
        self.0.notify_one();
    }
}

/// Longest idle wait: a safety net, since every queued operation notifies.
const IDLE_WAIT: Duration = Duration::from_secs(1);

/// Runs until `shutdown` turns true.
pub async fn run(
    emulator: Arc<Emulator>,
    signal: Arc<WorkerSignal>,
    clock: Arc<dyn Clock>,
    mut shutdown: watch::Receiver<bool>,
) {
    let mut backoff = Duration::from_millis(50);
    while !*shutdown.borrow() {
        let wait = match run_next_job(&emulator).await {
            Ok(JobOutcome::Ran) => {
                backoff = Duration::from_millis(50);
                tokio::task::yield_now().await;
                continue;
            }
            Ok(JobOutcome::Idle(due)) => due.map_or(IDLE_WAIT, |due| {
                let ms = u64::try_from(due - clock.now_millis()).unwrap_or(0);
                Duration::from_millis(ms.max(1)).min(IDLE_WAIT)
            }),
            Err(e) => {
                tracing::error!(error = %e, "share operation step failed; retrying");
                backoff = (backoff * 2).min(Duration::from_secs(5));
                backoff
            }
        };
        tokio::select! {
            () = signal.0.notified() => {}
            () = tokio::time::sleep(wait) => {}
            _ = shutdown.changed() => {}
        }
    }
    tracing::debug!("share worker stopped");
}
