//! What the operator's admin endpoints (`/_sclocal/…`, moto's `/moto-api/reset`) do, as
//! methods of the [`Emulator`]: the server reaches state through core, like every other caller,
//! and never through the store directly. No AWS operation calls these.

use sclocal_api::ServiceError;

use crate::catalog::share::fanout::run_until_idle;
use crate::store::ShareFault;
use crate::Emulator;

impl Emulator {
    /// Wipes all state: every account, region and service.
    pub async fn reset(&self) -> Result<(), ServiceError> {
        Ok(self.store.reset().await?)
    }

    /// Runs pending organization-share work now, until nothing due is left (tests call this
    /// instead of sleeping). Operations held by `--share-processing-delay` stay held; the
    /// answer is when the first of them falls due (epoch milliseconds), if any is held.
    pub async fn drain_share_jobs(&self) -> Result<Option<i64>, ServiceError> {
        run_until_idle(self).await
    }

    /// The failures injected into organization share fan-outs.
    pub async fn share_faults(&self) -> Result<Vec<ShareFault>, ServiceError> {
        Ok(self.store.share_faults().await?)
    }

    /// Replaces the failures injected into organization share fan-outs: from now on these
    /// accounts fail inside fan-outs with the given error (reported in ShareErrors), so
    /// clients can test their COMPLETED_WITH_ERRORS handling. An empty list clears them.
    pub async fn set_share_faults(&self, faults: &[ShareFault]) -> Result<(), ServiceError> {
        Ok(self.store.set_share_faults(faults).await?)
    }
}
