//! What sharing does when the organization changes: Service Catalog's side of
//! `crate::events`, run inside the Organizations unit of work that caused the change.

use sclocal_api::ServiceError;

use super::audience;
use crate::events::{OrgEvent, OrgEventSink};
use crate::store::{WriteTx, SERVICE_CATALOG_PRINCIPAL};

/// Service Catalog, listening to Organizations.
#[derive(Debug, Default, Clone, Copy)]
pub struct CatalogListens;

impl OrgEventSink for CatalogListens {
    fn on_org_event(&self, tx: &dyn WriteTx, event: &OrgEvent<'_>) -> Result<(), ServiceError> {
        match *event {
            // Trusted access for Service Catalog switched off: organization shares stop
            // following the organization; "disabling access freezes what exists"
            // (aws-behavior.md §5.12, §6) — the accounts each share reaches now keep it,
            // whatever happens to the organization, until access is switched on again.
            OrgEvent::ServiceAccessChanged {
                org,
                principal,
                enabled,
            } if principal == SERVICE_CATALOG_PRINCIPAL => {
                let rows = if enabled {
                    Vec::new()
                } else {
                    audience::freeze(tx, org)?
                };
                tx.replace_frozen(org, &rows)?;
            }
            // A Service Catalog delegated administrator was deregistered: "Portfolio shares
            // that were created from that account are removed" and it "can no longer create
            // new portfolio shares" (aws-behavior.md §6) — the latter holds because every
            // organization share action checks the registration.
            OrgEvent::DelegatedAdminDeregistered {
                org,
                account,
                principal,
            } if principal == SERVICE_CATALOG_PRINCIPAL => {
                for share in tx.org_shares_in(org)? {
                    if share.owner == *account {
                        tx.delete_share(&share.portfolio_id, &share.target)?;
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }
}
