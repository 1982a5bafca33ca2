//! The declarative bootstrap's unit of work (`sclocal serve --bootstrap FILE`): fills in
//! candidate ids, applies the plan in one store transaction, then tells sharing about trusted
//! access that flipped. Parsing and validating the file is the server's job.

use sclocal_api::ServiceError;

use super::common::id_chars;
use crate::catalog::org_events;
use crate::store::{BootstrapPlan, BootstrapReport, BootstrapUnit};
use crate::Emulator;

fn fill_units(em: &Emulator, units: &mut [BootstrapUnit]) {
    for unit in units {
        if unit.id_suffix.is_empty() {
            unit.id_suffix = id_chars(em, 8);
        }
        fill_units(em, &mut unit.units);
    }
}

/// Applies `plan`. Organizations that exist keep their ids, so a re-run writes nothing. The
/// inner `Err` is a conflict with stored state (nothing was written).
pub async fn apply(
    em: &Emulator,
    mut plan: BootstrapPlan,
    progress: &(dyn Fn(u64) + Send + Sync),
) -> Result<Result<BootstrapReport, String>, ServiceError> {
    for org in &mut plan.orgs {
        if org.org_id.is_empty() {
            org.org_id = format!("o-{}", id_chars(em, 10));
        }
        if org.root_id.is_empty() {
            org.root_id = format!("r-{}", id_chars(em, 4));
        }
        fill_units(em, &mut org.units);
    }
    let report = match em
        .store
        .bootstrap(&plan, em.clock.now_millis(), progress)
        .await?
    {
        Ok(report) => report,
        Err(conflict) => return Ok(Err(conflict)),
    };
    for (org_id, enabled) in &report.access_changed {
        org_events::service_access_changed(em, org_id, *enabled).await?;
    }
    Ok(Ok(report))
}
