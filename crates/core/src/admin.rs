//! What the operator's side asks of the emulator (the admin endpoints of the server): reset
//! the state, finish background work now, inject fan-out faults, read engine messages. Everything goes through the
//! emulator like any other caller; nothing reaches around it into the store.

use sclocal_api::ServiceError;

use crate::jobs;
use crate::store::{EngineMessage, ShareFault};
use crate::Emulator;

impl Emulator {
    /// Wipes all state.
    pub async fn reset(&self) -> Result<(), ServiceError> {
        self.store.reset().await?;
        self.org_changed();
        if let Ok(mut cache) = self.audiences.lock() {
            *cache = None;
        }
        Ok(())
    }

    /// Runs the background work that is due now, until none is left; answers when the next
    /// held job falls due (`--share-processing-delay`), if any.
    pub async fn drain_jobs(&self) -> Result<Option<i64>, ServiceError> {
        jobs::run_until_idle(self).await
    }

    /// The failures injected into organization share fan-outs.
    pub async fn share_faults(&self) -> Result<Vec<ShareFault>, ServiceError> {
        self.store.read(|tx| Ok(tx.share_faults()?)).await
    }

    /// The messages external engines would have found in their queues (provisioning.md §20),
    /// oldest first; only `queue`'s when given.
    pub async fn engine_messages(
        &self,
        queue: Option<String>,
    ) -> Result<Vec<EngineMessage>, ServiceError> {
        self.store
            .read(move |tx| Ok(tx.engine_messages(queue.as_deref())?))
            .await
    }

    /// Replaces the failures injected into organization share fan-outs.
    pub async fn set_share_faults(&self, faults: Vec<ShareFault>) -> Result<(), ServiceError> {
        self.store
            .write(move |tx| Ok(tx.set_share_faults(&faults)?))
            .await
    }
}
