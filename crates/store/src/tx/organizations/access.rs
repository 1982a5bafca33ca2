//! Trusted access, delegated administrators and tags on accounts, OUs and roots.

use sclocal_core::ids::OrgId;
use sclocal_core::store::{DelegatedAdminRecord, ServiceAccessRecord, StoreError};

use super::super::{account, Tx};
use crate::args;

pub(super) fn set_service_access(
    tx: &Tx<'_>,
    org: &OrgId,
    principal: &str,
    enabled_ms: Option<i64>,
) -> Result<bool, StoreError> {
    let changed = match enabled_ms {
        Some(ms) => tx.conn.execute(
            "INSERT INTO org_service_access (org_id, principal, enabled_ms) VALUES (?1, ?2, ?3)
             ON CONFLICT DO NOTHING",
            args![org.as_str(), principal, ms],
        )?,
        None => tx.conn.execute(
            "DELETE FROM org_service_access WHERE org_id = ?1 AND principal = ?2",
            args![org.as_str(), principal],
        )?,
    };
    Ok(changed > 0)
}

pub(super) fn service_access(
    tx: &Tx<'_>,
    org: &OrgId,
) -> Result<Vec<ServiceAccessRecord>, StoreError> {
    tx.conn.all(
        "SELECT principal, enabled_ms FROM org_service_access WHERE org_id = ?1 ORDER BY seq",
        args![org.as_str()],
        |r| {
            Ok(ServiceAccessRecord {
                principal: r.text(0)?,
                enabled_ms: r.int(1)?,
            })
        },
    )
}

pub(super) fn delegated_admins(
    tx: &Tx<'_>,
    org: &OrgId,
) -> Result<Vec<DelegatedAdminRecord>, StoreError> {
    tx.conn.all(
        "SELECT account, principal, enabled_ms FROM org_delegated_admins WHERE org_id = ?1
         ORDER BY seq",
        args![org.as_str()],
        |r| {
            Ok(DelegatedAdminRecord {
                account: account(r, 0)?,
                principal: r.text(1)?,
                enabled_ms: r.int(2)?,
            })
        },
    )
}

pub(super) fn insert_delegated_admin(
    tx: &Tx<'_>,
    org: &OrgId,
    d: &DelegatedAdminRecord,
) -> Result<(), StoreError> {
    tx.conn.execute(
        "INSERT INTO org_delegated_admins (org_id, account, principal, enabled_ms)
         VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
        args![org.as_str(), d.account.as_str(), &d.principal, d.enabled_ms],
    )?;
    Ok(())
}

/// Replaces a resource's tags, keeping the insertion order of the keys that stay (a key's
/// row, and so its place, survives a change of value).
pub(super) fn set_org_tags(
    tx: &Tx<'_>,
    resource: &str,
    tags: &[(String, String)],
) -> Result<(), StoreError> {
    let existing: Vec<String> = tx.conn.all(
        "SELECT key FROM org_tags WHERE resource_id = ?1",
        args![resource],
        |r| r.text(0),
    )?;
    for key in existing
        .iter()
        .filter(|k| !tags.iter().any(|(t, _)| t == *k))
    {
        tx.conn.execute(
            "DELETE FROM org_tags WHERE resource_id = ?1 AND key = ?2",
            args![resource, key],
        )?;
    }
    for (key, value) in tags {
        tx.conn.execute(
            "INSERT INTO org_tags (resource_id, key, value) VALUES (?1, ?2, ?3)
             ON CONFLICT (resource_id, key) DO UPDATE SET value = excluded.value",
            args![resource, key, value],
        )?;
    }
    Ok(())
}
