//! What sharing must do when the organization changes. The Organizations side calls these;
//! sharing owns what they do.

use std::collections::BTreeSet;

use sclocal_api::ServiceError;

use crate::ids::AccountId;
use crate::store::{ShareKind, ShareState};
use crate::Emulator;

/// Trusted access for `servicecatalog.amazonaws.com` was switched in `org_id` (through
/// Organizations' Enable/DisableAWSServiceAccess or Service Catalog's
/// Enable/DisableAWSOrganizationsAccess). While it is off, organization shares stop following
/// the organization: "disabling access freezes what exists" (aws-behavior.md §5.12, §6) — the
/// accounts each share reaches now keep it, whatever happens to the organization, until
/// access is switched on again.
pub async fn service_access_changed(
    em: &Emulator,
    org_id: &str,
    enabled: bool,
) -> Result<(), ServiceError> {
    if enabled {
        em.store.unfreeze(org_id).await?;
        return Ok(());
    }
    let mut rows: Vec<(i64, AccountId)> = Vec::new();
    for share in em.store.org_shares_in(org_id).await? {
        if share.state == ShareState::Creating {
            continue;
        }
        let audience = match share.kind {
            ShareKind::Organization => em.store.accounts_under(org_id, None).await?,
            ShareKind::OrganizationalUnit => {
                em.store
                    .accounts_under(org_id, Some(&share.principal))
                    .await?
            }
            _ => AccountId::parse(&share.principal).into_iter().collect(),
        };
        let failed = failed_accounts(em, share.fanout_token.as_deref()).await?;
        rows.extend(
            audience
                .into_iter()
                .filter(|a| *a != share.owner && !failed.contains(a))
                .map(|a| (share.seq, a)),
        );
    }
    em.store.freeze(org_id, &rows).await?;
    Ok(())
}

/// The accounts that failed in a fan-out.
pub(crate) async fn failed_accounts(
    em: &Emulator,
    token: Option<&str>,
) -> Result<BTreeSet<AccountId>, ServiceError> {
    let Some(token) = token else {
        return Ok(BTreeSet::new());
    };
    Ok(em
        .store
        .op_outcomes(token)
        .await?
        .into_iter()
        .filter(|o| o.error.is_some())
        .map(|o| o.account)
        .collect())
}

/// `account` stopped being a Service Catalog delegated administrator of `org_id`: "Portfolio
/// shares that were created from that account are removed" and it "can no longer create new
/// portfolio shares" (aws-behavior.md §6) — the latter holds because every organization
/// share action checks the registration.
pub async fn delegated_admin_deregistered(
    em: &Emulator,
    org_id: &str,
    account: &AccountId,
) -> Result<(), ServiceError> {
    for share in em.store.org_shares_in(org_id).await? {
        if share.owner == *account {
            em.store.delete_share(share.seq).await?;
        }
    }
    Ok(())
}
