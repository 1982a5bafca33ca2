//! TagOptions and their associations with portfolios and products.

use rusqlite::{params, Connection, OptionalExtension, Row};
use sclocal_core::ids::AccountId;
use sclocal_core::store::{Inserted, Removal, StoreError, TagOptionRecord};

use super::super::{account, backend};

const COLUMNS: &str = "o.id, o.account, o.region, o.key, o.value, o.active, o.created_ms";

fn row(r: &Row<'_>) -> rusqlite::Result<TagOptionRecord> {
    Ok(TagOptionRecord {
        id: r.get(0)?,
        account: account(&r.get::<_, String>(1)?)?,
        region: r.get(2)?,
        key: r.get(3)?,
        value: r.get(4)?,
        active: r.get(5)?,
        created_ms: r.get(6)?,
    })
}

pub(super) fn insert(
    tx: &Connection,
    t: &TagOptionRecord,
) -> Result<Inserted<TagOptionRecord>, StoreError> {
    let existing = tx
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM sc_tag_options o
             WHERE o.account = ?1 AND o.region = ?2 AND o.key = ?3 AND o.value = ?4"
        ))
        .map_err(backend)?
        .query_row(params![t.account.as_str(), t.region, t.key, t.value], row)
        .optional()
        .map_err(backend)?;
    if let Some(existing) = existing {
        return Ok(Inserted::Existing(existing));
    }
    tx.prepare_cached(
        "INSERT INTO sc_tag_options (id, account, region, key, value, active, created_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )
    .map_err(backend)?
    .execute(params![
        t.id,
        t.account.as_str(),
        t.region,
        t.key,
        t.value,
        t.active,
        t.created_ms
    ])
    .map_err(backend)?;
    Ok(Inserted::New(t.clone()))
}

pub(super) fn by_id(
    conn: &Connection,
    region: &str,
    id: &str,
) -> Result<Option<TagOptionRecord>, StoreError> {
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM sc_tag_options o WHERE o.id = ?1 AND o.region = ?2"
    ))
    .map_err(backend)?
    .query_row(params![id, region], row)
    .optional()
    .map_err(backend)
}

pub(super) fn of_account(
    conn: &Connection,
    account: &AccountId,
    region: &str,
) -> Result<Vec<TagOptionRecord>, StoreError> {
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM sc_tag_options o
         WHERE o.account = ?1 AND o.region = ?2 ORDER BY o.seq"
    ))
    .map_err(backend)?
    .query_map(params![account.as_str(), region], row)
    .map_err(backend)?
    .collect::<rusqlite::Result<Vec<_>>>()
    .map_err(backend)
}

pub(super) fn update(tx: &Connection, t: &TagOptionRecord) -> Result<bool, StoreError> {
    let clash: i64 = tx
        .prepare_cached(
            "SELECT COUNT(*) FROM sc_tag_options
             WHERE account = ?1 AND region = ?2 AND key = ?3 AND value = ?4 AND id <> ?5",
        )
        .map_err(backend)?
        .query_row(
            params![t.account.as_str(), t.region, t.key, t.value, t.id],
            |r| r.get(0),
        )
        .map_err(backend)?;
    if clash > 0 {
        return Ok(false);
    }
    tx.prepare_cached("UPDATE sc_tag_options SET value = ?2, active = ?3 WHERE id = ?1")
        .map_err(backend)?
        .execute(params![t.id, t.value, t.active])
        .map_err(backend)?;
    Ok(true)
}

pub(super) fn delete(tx: &Connection, region: &str, id: &str) -> Result<Removal, StoreError> {
    let linked: i64 = tx
        .prepare_cached("SELECT COUNT(*) FROM sc_tag_option_links WHERE tag_option_id = ?1")
        .map_err(backend)?
        .query_row(params![id], |r| r.get(0))
        .map_err(backend)?;
    if linked > 0 {
        return Ok(Removal::InUse);
    }
    let n = tx
        .prepare_cached("DELETE FROM sc_tag_options WHERE id = ?1 AND region = ?2")
        .map_err(backend)?
        .execute(params![id, region])
        .map_err(backend)?;
    Ok(if n > 0 {
        Removal::Removed
    } else {
        Removal::Missing
    })
}

pub(super) fn link(
    conn: &Connection,
    option_id: &str,
    resource_id: &str,
) -> Result<bool, StoreError> {
    let n = conn
        .prepare_cached(
            "INSERT OR IGNORE INTO sc_tag_option_links (tag_option_id, resource_id) VALUES (?1, ?2)",
        )
        .map_err(backend)?
        .execute(params![option_id, resource_id])
        .map_err(backend)?;
    Ok(n > 0)
}

pub(super) fn unlink(
    conn: &Connection,
    option_id: &str,
    resource_id: &str,
) -> Result<bool, StoreError> {
    let n = conn
        .prepare_cached(
            "DELETE FROM sc_tag_option_links WHERE tag_option_id = ?1 AND resource_id = ?2",
        )
        .map_err(backend)?
        .execute(params![option_id, resource_id])
        .map_err(backend)?;
    Ok(n > 0)
}

pub(super) fn of_resource(
    conn: &Connection,
    resource_id: &str,
) -> Result<Vec<TagOptionRecord>, StoreError> {
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM sc_tag_option_links l JOIN sc_tag_options o ON o.id = l.tag_option_id
         WHERE l.resource_id = ?1 ORDER BY l.seq"
    ))
    .map_err(backend)?
    .query_map(params![resource_id], row)
    .map_err(backend)?
    .collect::<rusqlite::Result<Vec<_>>>()
    .map_err(backend)
}

pub(super) fn resources(conn: &Connection, option_id: &str) -> Result<Vec<String>, StoreError> {
    conn.prepare_cached(
        "SELECT resource_id FROM sc_tag_option_links WHERE tag_option_id = ?1 ORDER BY seq",
    )
    .map_err(backend)?
    .query_map(params![option_id], |r| r.get(0))
    .map_err(backend)?
    .collect::<rusqlite::Result<Vec<_>>>()
    .map_err(backend)
}
