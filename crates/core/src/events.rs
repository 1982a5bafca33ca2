//! What Organizations tells the services that build on it, inside the same unit of work:
//! the events half of the seam between Organizations and Service Catalog (the other half is
//! the membership query of `organizations::seam`). Organizations publishes without knowing
//! who listens; Service Catalog listens (`catalog::org_events`) without Organizations
//! importing it.

use sclocal_api::ServiceError;

use crate::ids::{AccountId, OrgId};
use crate::store::WriteTx;

/// A change to an organization that other services react to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrgEvent<'a> {
    /// Trusted access for `principal` was switched on or off in `org`.
    ServiceAccessChanged {
        /// The organization.
        org: &'a OrgId,
        /// The service principal.
        principal: &'a str,
        /// Its new state.
        enabled: bool,
    },
    /// `account` stopped being a delegated administrator of `org` for `principal`.
    DelegatedAdminDeregistered {
        /// The organization.
        org: &'a OrgId,
        /// The former delegated administrator.
        account: &'a AccountId,
        /// The service principal.
        principal: &'a str,
    },
}

/// Hears Organizations events, inside the unit of work that caused them, so that its
/// reaction commits (or rolls back) with the change itself.
pub trait OrgEventSink: Send + Sync {
    /// Reacts to `event`.
    fn on_org_event(&self, tx: &dyn WriteTx, event: &OrgEvent<'_>) -> Result<(), ServiceError>;
}

/// Nobody listens.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoEvents;

impl OrgEventSink for NoEvents {
    fn on_org_event(&self, _tx: &dyn WriteTx, _event: &OrgEvent<'_>) -> Result<(), ServiceError> {
        Ok(())
    }
}
