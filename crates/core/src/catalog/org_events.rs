//! What sharing must do when the organization changes. The Organizations side calls these;
//! sharing owns what they do.

use sclocal_api::ServiceError;

use crate::ids::AccountId;
use crate::Emulator;

/// Trusted access for `servicecatalog.amazonaws.com` was switched in `org_id` (through
/// Organizations' Enable/DisableAWSServiceAccess or Service Catalog's
/// Enable/DisableAWSOrganizationsAccess). While it is off, organization shares stop following
/// the organization: "disabling access freezes what exists" (aws-behavior.md §5.12, §6).
#[expect(
    clippy::unused_async,
    reason = "sharing fills this in; callers already await it"
)]
pub async fn service_access_changed(
    em: &Emulator,
    org_id: &str,
    enabled: bool,
) -> Result<(), ServiceError> {
    let _ = (em, org_id, enabled);
    Ok(())
}

/// `account` stopped being a Service Catalog delegated administrator of `org_id`: "Portfolio
/// shares that were created from that account are removed" (aws-behavior.md §6).
#[expect(
    clippy::unused_async,
    reason = "sharing fills this in; callers already await it"
)]
pub async fn delegated_admin_deregistered(
    em: &Emulator,
    org_id: &str,
    account: &AccountId,
) -> Result<(), ServiceError> {
    let _ = (em, org_id, account);
    Ok(())
}
