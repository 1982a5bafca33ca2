//! Organizations, OUs and where accounts sit: the units of work that touch the tree.

use rusqlite::{params, Connection, OptionalExtension};
use sclocal_core::ids::AccountId;
use sclocal_core::store::{AccountRecord, Membership, OrgRecord, OuRecord, OuWrite, StoreError};

use super::rows::{org_of, ou_row, put_tags, OU_COLUMNS};
use crate::sqlite::{account, backend};

/// The end of the half-open range of paths that start with `prefix` (which ends in '/'):
/// '0' is the character after '/', so `[prefix, upper)` is exactly the paths below it.
fn path_upper(prefix: &str) -> String {
    let mut upper = prefix.trim_end_matches('/').to_string();
    upper.push('0');
    upper
}

pub(crate) fn membership(
    conn: &Connection,
    account_id: &AccountId,
) -> Result<Option<Membership>, StoreError> {
    conn.prepare_cached(
        "SELECT o.id, o.management_account, o.root_id, a.path FROM org_accounts a
         JOIN org_organizations o ON o.id = a.org_id WHERE a.id = ?1",
    )
    .map_err(backend)?
    .query_row(params![account_id.as_str()], |r| {
        let path: Option<String> = r.get(3)?;
        Ok(Membership {
            org_id: r.get(0)?,
            management_account: account(&r.get::<_, String>(1)?)?,
            root_id: r.get(2)?,
            ou_path: path
                .unwrap_or_default()
                .split('/')
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
        })
    })
    .optional()
    .map_err(backend)
}

pub(crate) fn accounts_under(
    conn: &Connection,
    org_id: &str,
    ou_id: Option<&str>,
) -> Result<Vec<AccountId>, StoreError> {
    let ids: Vec<String> = match ou_id {
        None => conn
            .prepare_cached("SELECT id FROM org_accounts WHERE org_id = ?1 ORDER BY seq")
            .map_err(backend)?
            .query_map(params![org_id], |r| r.get(0))
            .map_err(backend)?
            .collect::<rusqlite::Result<_>>()
            .map_err(backend)?,
        Some(ou) => {
            let path: Option<String> = conn
                .prepare_cached("SELECT path FROM org_units WHERE id = ?1 AND org_id = ?2")
                .map_err(backend)?
                .query_row(params![ou, org_id], |r| r.get(0))
                .optional()
                .map_err(backend)?;
            let Some(path) = path else {
                return Ok(Vec::new());
            };
            conn.prepare_cached(
                "SELECT id FROM org_accounts WHERE org_id = ?1 AND path >= ?2 AND path < ?3
                 ORDER BY seq",
            )
            .map_err(backend)?
            .query_map(params![org_id, path, path_upper(&path)], |r| r.get(0))
            .map_err(backend)?
            .collect::<rusqlite::Result<_>>()
            .map_err(backend)?
        }
    };
    ids.iter()
        .map(|s| account(s).map_err(backend))
        .collect::<Result<_, _>>()
}

pub(crate) fn create_organization(
    tx: &Connection,
    org: &OrgRecord,
    mgmt: &AccountRecord,
) -> Result<bool, StoreError> {
    if org_of(tx, mgmt.id.as_str())?.is_some() {
        return Ok(false);
    }
    tx.prepare_cached(
        "INSERT INTO org_organizations (id, management_account, root_id, feature_set, partition,
         created_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )
    .map_err(backend)?
    .execute(params![
        org.id,
        org.management_account.as_str(),
        org.root_id,
        org.feature_set,
        org.partition,
        org.created_ms
    ])
    .map_err(backend)?;
    join(
        tx,
        mgmt,
        &org.id,
        &org.root_id,
        "",
        org.created_ms,
        "INVITED",
    )?;
    Ok(true)
}

/// Places an account (new or known) in an org; a known account keeps its name and email.
pub(crate) fn join(
    conn: &Connection,
    a: &AccountRecord,
    org_id: &str,
    parent_id: &str,
    path: &str,
    now_ms: i64,
    method: &str,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO org_accounts (id, name, email, org_id, parent_id, path, joined_method,
         joined_ms, state) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'ACTIVE')
         ON CONFLICT (id) DO UPDATE SET org_id = excluded.org_id, parent_id = excluded.parent_id,
         path = excluded.path, joined_method = excluded.joined_method,
         joined_ms = excluded.joined_ms, state = 'ACTIVE'",
    )
    .map_err(backend)?
    .execute(params![
        a.id.as_str(),
        a.name,
        a.email,
        org_id,
        parent_id,
        path,
        method,
        now_ms
    ])
    .map_err(backend)?;
    Ok(())
}

pub(crate) fn delete_organization(tx: &Connection, org: &OrgRecord) -> Result<bool, StoreError> {
    let others: usize = tx
        .query_row(
            "SELECT COUNT(*) FROM org_accounts WHERE org_id = ?1 AND id <> ?2",
            params![org.id, org.management_account.as_str()],
            |r| r.get(0),
        )
        .map_err(backend)?;
    if others > 0 {
        return Ok(false);
    }
    tx.execute(
        "DELETE FROM org_tags WHERE resource_id = ?2
         OR resource_id IN (SELECT id FROM org_units WHERE org_id = ?1)",
        params![org.id, org.root_id],
    )
    .map_err(backend)?;
    for table in [
        "org_units",
        "org_create_account",
        "org_handshakes",
        "org_service_access",
        "org_delegated_admins",
    ] {
        tx.execute(
            &format!("DELETE FROM {table} WHERE org_id = ?1"),
            params![org.id],
        )
        .map_err(backend)?;
    }
    tx.execute(
        "UPDATE org_accounts SET org_id = NULL, parent_id = NULL, path = NULL,
         joined_method = NULL, joined_ms = NULL WHERE org_id = ?1",
        params![org.id],
    )
    .map_err(backend)?;
    tx.execute(
        "DELETE FROM org_organizations WHERE id = ?1",
        params![org.id],
    )
    .map_err(backend)?;
    Ok(true)
}

pub(crate) fn insert_ou(
    tx: &Connection,
    ou: &OuRecord,
    tags: &[(String, String)],
    limit: usize,
) -> Result<OuWrite, StoreError> {
    if sibling_named(tx, &ou.parent_id, &ou.name)? {
        return Ok(OuWrite::Duplicate);
    }
    let count: usize = tx
        .prepare_cached("SELECT COUNT(*) FROM org_units WHERE org_id = ?1")
        .map_err(backend)?
        .query_row(params![ou.org_id], |r| r.get(0))
        .map_err(backend)?;
    if count >= limit {
        return Ok(OuWrite::LimitReached);
    }
    insert_ou_row(tx, ou)?;
    put_tags(tx, &ou.id, tags, usize::MAX)?;
    Ok(OuWrite::Done)
}

pub(crate) fn insert_ou_row(conn: &Connection, ou: &OuRecord) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO org_units (id, org_id, parent_id, name, path) VALUES (?1, ?2, ?3, ?4, ?5)",
    )
    .map_err(backend)?
    .execute(params![ou.id, ou.org_id, ou.parent_id, ou.name, ou.path])
    .map_err(backend)?;
    Ok(())
}

fn sibling_named(conn: &Connection, parent_id: &str, name: &str) -> Result<bool, StoreError> {
    conn.prepare_cached("SELECT 1 FROM org_units WHERE parent_id = ?1 AND name = ?2")
        .map_err(backend)?
        .exists(params![parent_id, name])
        .map_err(backend)
}

pub(crate) fn rename_ou(tx: &Connection, id: &str, name: &str) -> Result<OuWrite, StoreError> {
    let Some(ou) = ou(tx, id)? else {
        return Ok(OuWrite::Done);
    };
    // Renaming to its own name is not a duplicate (§5.7).
    if ou.name != name && sibling_named(tx, &ou.parent_id, name)? {
        return Ok(OuWrite::Duplicate);
    }
    tx.execute(
        "UPDATE org_units SET name = ?2 WHERE id = ?1",
        params![id, name],
    )
    .map_err(backend)?;
    Ok(OuWrite::Done)
}

pub(crate) fn delete_ou(tx: &Connection, id: &str) -> Result<bool, StoreError> {
    let busy: bool = tx
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM org_accounts WHERE parent_id = ?1)
                 OR EXISTS (SELECT 1 FROM org_units WHERE parent_id = ?1)",
            params![id],
            |r| r.get(0),
        )
        .map_err(backend)?;
    if busy {
        return Ok(false);
    }
    tx.execute("DELETE FROM org_tags WHERE resource_id = ?1", params![id])
        .map_err(backend)?;
    tx.execute("DELETE FROM org_units WHERE id = ?1", params![id])
        .map_err(backend)?;
    Ok(true)
}

pub(crate) fn ou(conn: &Connection, id: &str) -> Result<Option<OuRecord>, StoreError> {
    conn.prepare_cached(&format!("SELECT {OU_COLUMNS} FROM org_units WHERE id = ?1"))
        .map_err(backend)?
        .query_row(params![id], ou_row)
        .optional()
        .map_err(backend)
}

pub(crate) fn child_ous(conn: &Connection, parent_id: &str) -> Result<Vec<OuRecord>, StoreError> {
    conn.prepare_cached(&format!(
        "SELECT {OU_COLUMNS} FROM org_units WHERE parent_id = ?1 ORDER BY seq"
    ))
    .map_err(backend)?
    .query_map(params![parent_id], ou_row)
    .map_err(backend)?
    .collect::<rusqlite::Result<_>>()
    .map_err(backend)
}
