//! What Service Catalog asks of Organizations — the query half of the seam between them
//! (the events half is `crate::events`): the organization as it is now (CreateAccount
//! requests that are due complete before anything reads the membership), and the switch of
//! trusted access that Service Catalog's own Enable/DisableAWSOrganizationsAccess flips.
//! The Account Factory's vending (`vended.rs`) makes and moves accounts through it too.
//! Service Catalog imports this module and nothing else of Organizations; Organizations never
//! imports Service Catalog.

use sclocal_api::ServiceError;

use crate::events::{OrgEvent, OrgEventSink};
use crate::ids::OrgId;
use crate::store::WriteTx;

pub(crate) use super::account::complete_due_accounts;
pub(crate) use super::vended::{create_vended_account, org_units, place_vended_account};

/// Switches trusted access for `principal` in `org` (`Some(now)` on, `None` off) and, when
/// that changed anything, tells the services that listen.
pub(crate) fn switch_service_access(
    tx: &dyn WriteTx,
    events: &dyn OrgEventSink,
    org: &OrgId,
    principal: &str,
    enabled_ms: Option<i64>,
) -> Result<(), ServiceError> {
    if tx.set_service_access(org, principal, enabled_ms)? {
        events.on_org_event(
            tx,
            &OrgEvent::ServiceAccessChanged {
                org,
                principal,
                enabled: enabled_ms.is_some(),
            },
        )?;
    }
    Ok(())
}
