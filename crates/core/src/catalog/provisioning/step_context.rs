//! What one step of the provisioning job runs with (`job.rs`, and `vending.rs` for the
//! Account Factory's records): the job's key and worker, the time, the id source, and the
//! settings that shape a step.

use std::cell::Cell;

use crate::clock::IdSource;
use crate::Emulator;

/// The settings a step obeys.
#[derive(Debug, Clone, Copy)]
pub(crate) struct StepSettings {
    /// `--provisioning-delay`, milliseconds.
    pub delay_ms: i64,
    /// `--org-account-limit` (vending creates accounts, §21.3).
    pub org_account_limit: usize,
}

impl StepSettings {
    /// The emulator's.
    pub(crate) fn of(em: &Emulator) -> Self {
        StepSettings {
            delay_ms: em.settings.provisioning_delay_ms,
            org_account_limit: em.settings.org_account_limit,
        }
    }
}

/// What one step of one record runs with.
pub(crate) struct StepCx<'a> {
    /// The job's key (the record id).
    pub key: &'a str,
    /// This worker.
    pub worker: &'a str,
    /// Now, epoch milliseconds.
    pub now: i64,
    /// Where fresh ids come from.
    pub ids: &'a dyn IdSource,
    /// The settings.
    pub settings: StepSettings,
    /// Set by a step that changed organization state (vending), so the runner moves the
    /// Organizations epoch on once the unit of work has committed (`Emulator::org_changed`).
    pub organizations_changed: &'a Cell<bool>,
}
