//! What the operator's side asks of the emulator (the admin endpoints of the server): reset
//! the state, finish background work now, inject fan-out faults. Everything goes through the
//! emulator like any other caller; nothing reaches around it into the store.

use sclocal_api::ServiceError;

use crate::jobs;
use crate::store::ShareFault;
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

    /// Replaces the failures injected into organization share fan-outs.
    pub async fn set_share_faults(&self, faults: Vec<ShareFault>) -> Result<(), ServiceError> {
        self.store
            .write(move |tx| Ok(tx.set_share_faults(&faults)?))
            .await
    }
}
