//! Row mappers and shared helpers for the Organizations tables.

use rusqlite::{params, Connection, OptionalExtension, Row};
use sclocal_core::store::{
    AccountRecord, CreateAccountRecord, HandshakeRecord, OrgRecord, OuRecord, StoreError,
};

use crate::sqlite::{account, backend};

pub(crate) const ACCOUNT_COLUMNS: &str =
    "id, name, email, org_id, parent_id, path, joined_method, joined_ms, state, seq";
pub(crate) const OU_COLUMNS: &str = "id, org_id, parent_id, name, path";
pub(crate) const CAR_COLUMNS: &str = "id, org_id, account_name, email, state, requested_ms, \
     completed_ms, account_id, failure_reason, tags";
pub(crate) const HANDSHAKE_COLUMNS: &str = "id, org_id, target_type, target_id, state, \
     requested_ms, expires_ms, notes, tags, org_arn_mgmt, master_email, master_name, feature_set";

pub(crate) fn org_row(r: &Row<'_>) -> rusqlite::Result<OrgRecord> {
    Ok(OrgRecord {
        id: r.get(0)?,
        management_account: account(&r.get::<_, String>(1)?)?,
        root_id: r.get(2)?,
        feature_set: r.get(3)?,
        partition: r.get(4)?,
        created_ms: r.get(5)?,
    })
}

pub(crate) fn account_row(r: &Row<'_>) -> rusqlite::Result<(i64, AccountRecord)> {
    Ok((
        r.get(9)?,
        AccountRecord {
            id: account(&r.get::<_, String>(0)?)?,
            name: r.get(1)?,
            email: r.get(2)?,
            org_id: r.get(3)?,
            parent_id: r.get(4)?,
            path: r.get(5)?,
            joined_method: r.get(6)?,
            joined_ms: r.get(7)?,
            state: r.get(8)?,
        },
    ))
}

pub(crate) fn ou_row(r: &Row<'_>) -> rusqlite::Result<OuRecord> {
    Ok(OuRecord {
        id: r.get(0)?,
        org_id: r.get(1)?,
        parent_id: r.get(2)?,
        name: r.get(3)?,
        path: r.get(4)?,
    })
}

fn tags_from(r: &Row<'_>, i: usize) -> rusqlite::Result<Vec<(String, String)>> {
    let raw: String = r.get(i)?;
    serde_json::from_str(&raw).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

pub(crate) fn tags_json(tags: &[(String, String)]) -> Result<String, StoreError> {
    serde_json::to_string(tags).map_err(backend)
}

pub(crate) fn car_row(r: &Row<'_>) -> rusqlite::Result<CreateAccountRecord> {
    let account_id: Option<String> = r.get(7)?;
    Ok(CreateAccountRecord {
        id: r.get(0)?,
        org_id: r.get(1)?,
        account_name: r.get(2)?,
        email: r.get(3)?,
        state: r.get(4)?,
        requested_ms: r.get(5)?,
        completed_ms: r.get(6)?,
        account_id: account_id.as_deref().map(account).transpose()?,
        failure_reason: r.get(8)?,
        tags: tags_from(r, 9)?,
    })
}

pub(crate) fn handshake_row(r: &Row<'_>) -> rusqlite::Result<HandshakeRecord> {
    Ok(HandshakeRecord {
        id: r.get(0)?,
        org_id: r.get(1)?,
        target_type: r.get(2)?,
        target_id: r.get(3)?,
        state: r.get(4)?,
        requested_ms: r.get(5)?,
        expires_ms: r.get(6)?,
        notes: r.get(7)?,
        tags: tags_from(r, 8)?,
        management_account: account(&r.get::<_, String>(9)?)?,
        master_email: r.get(10)?,
        master_name: r.get(11)?,
        feature_set: r.get(12)?,
    })
}

/// Members plus open invitations: what counts toward the account quota (§7.10).
pub(crate) fn quota_used(conn: &Connection, org_id: &str) -> Result<usize, StoreError> {
    conn.prepare_cached(
        "SELECT (SELECT COUNT(*) FROM org_accounts WHERE org_id = ?1)
              + (SELECT COUNT(*) FROM org_handshakes WHERE org_id = ?1 AND state = 'OPEN')",
    )
    .map_err(backend)?
    .query_row(params![org_id], |r| r.get(0))
    .map_err(backend)
}

/// Upserts tags on a resource; `false` (nothing written) when it would exceed `max`.
pub(crate) fn put_tags(
    conn: &Connection,
    resource_id: &str,
    tags: &[(String, String)],
    max: usize,
) -> Result<bool, StoreError> {
    let existing: Vec<String> = conn
        .prepare_cached("SELECT key FROM org_tags WHERE resource_id = ?1")
        .map_err(backend)?
        .query_map(params![resource_id], |r| r.get(0))
        .map_err(backend)?
        .collect::<rusqlite::Result<_>>()
        .map_err(backend)?;
    let added = tags.iter().filter(|(k, _)| !existing.contains(k)).count();
    if existing.len() + added > max {
        return Ok(false);
    }
    let mut stmt = conn
        .prepare_cached(
            "INSERT INTO org_tags (resource_id, key, value) VALUES (?1, ?2, ?3)
             ON CONFLICT (resource_id, key) DO UPDATE SET value = excluded.value",
        )
        .map_err(backend)?;
    for (k, v) in tags {
        stmt.execute(params![resource_id, k, v]).map_err(backend)?;
    }
    Ok(true)
}

/// The organization an account belongs to.
pub(crate) fn org_of(conn: &Connection, account: &str) -> Result<Option<OrgRecord>, StoreError> {
    conn.prepare_cached(
        "SELECT o.id, o.management_account, o.root_id, o.feature_set, o.partition, o.created_ms
         FROM org_accounts a JOIN org_organizations o ON o.id = a.org_id WHERE a.id = ?1",
    )
    .map_err(backend)?
    .query_row(params![account], org_row)
    .optional()
    .map_err(backend)
}
