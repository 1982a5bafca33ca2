//! The emulator's operation hook (ARCHITECTURE.md "Request flow", step 3): the checks that
//! run before every operation, in order. Each is a field with its own switch; the first that
//! refuses answers for the operation, which then never runs.
//!
//! 1. SCP enforcement (governance.md §6; `--scp-enforcement`).
//!
//! The operator's fault rules (`crate::faults::FaultHook`) are a hook of their own that the
//! server chains in front of this one (`sclocal_api::hook::Hooks`, server `app.rs`): a
//! throttled request is refused at the front door, before any policy is read.

use std::sync::Arc;

use async_trait::async_trait;
use sclocal_api::hook::{Call, OperationHook};
use sclocal_api::ServiceError;

use crate::scp::check::ScpEnforcer;
use crate::Emulator;

/// The hook the server installs in front of every operation.
#[derive(Debug)]
pub struct EmulatorHook {
    em: Arc<Emulator>,
    /// `None` when SCP enforcement is off.
    scp: Option<ScpEnforcer>,
}

impl EmulatorHook {
    /// The checks for `em`, with SCP enforcement on or off.
    pub fn new(em: Arc<Emulator>, scp_enforcement: bool) -> Self {
        EmulatorHook {
            em,
            scp: scp_enforcement.then(ScpEnforcer::default),
        }
    }
}

#[async_trait]
impl OperationHook for EmulatorHook {
    async fn before(&self, call: &Call<'_>) -> Result<(), ServiceError> {
        if let Some(scp) = &self.scp {
            scp.check(&self.em, call).await?;
        }
        Ok(())
    }
}
