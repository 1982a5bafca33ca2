//! Who keeps or refuses an organization share on SQLite: the audiences frozen while trusted
//! access is off, and members' rejections. The `ShareStore` impl in `shares.rs` delegates here.

use rusqlite::params;
use sclocal_core::ids::AccountId;
use sclocal_core::store::{ShareRecord, StoreError};

use rusqlite::Connection;

use super::backend;
use super::shares::{accounts_of, shares_where, SHARE_COLUMNS};

pub(super) fn freeze(
    tx: &Connection,
    org_id: &str,
    rows: &[(i64, AccountId)],
) -> Result<(), StoreError> {
    tx.execute(
        "DELETE FROM share_frozen WHERE org_id = ?1",
        params![org_id],
    )
    .map_err(backend)?;
    {
        let mut insert = tx
            .prepare_cached(
                "INSERT OR IGNORE INTO share_frozen (share_seq, account, org_id) VALUES (?1, ?2, ?3)",
            )
            .map_err(backend)?;
        for (seq, acct) in rows {
            insert
                .execute(params![seq, acct.as_str(), org_id])
                .map_err(backend)?;
        }
    }
    Ok(())
}

pub(super) fn unfreeze(conn: &Connection, org_id: &str) -> Result<(), StoreError> {
    conn.execute(
        "DELETE FROM share_frozen WHERE org_id = ?1",
        params![org_id],
    )
    .map_err(backend)?;
    Ok(())
}

pub(super) fn frozen_shares_for(
    conn: &Connection,
    region: &str,
    account: &AccountId,
) -> Result<Vec<ShareRecord>, StoreError> {
    let cols = SHARE_COLUMNS
        .split(", ")
        .map(|c| format!("s.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    shares_where(
        conn,
        &format!(
            "SELECT {cols} FROM share_frozen f JOIN shares s ON s.seq = f.share_seq
             WHERE f.account = ?1 AND s.region = ?2 AND s.state IN ('ACTIVE', 'DELETING')
             ORDER BY s.seq"
        ),
        params![account.as_str(), region],
    )
}

pub(super) fn frozen_audience(
    conn: &Connection,
    share_seq: i64,
) -> Result<Vec<AccountId>, StoreError> {
    accounts_of(
        conn,
        "SELECT account FROM share_frozen WHERE share_seq = ?1 ORDER BY account",
        &share_seq,
    )
}

pub(super) fn org_rejecters(
    conn: &Connection,
    portfolio_id: &str,
) -> Result<Vec<AccountId>, StoreError> {
    accounts_of(
        conn,
        "SELECT account FROM share_org_rejections WHERE portfolio_id = ?1 ORDER BY account",
        &portfolio_id,
    )
}

pub(super) fn set_org_rejection(
    conn: &Connection,
    portfolio_id: &str,
    account: &AccountId,
    rejected: bool,
) -> Result<(), StoreError> {
    let sql = if rejected {
        "INSERT OR IGNORE INTO share_org_rejections (portfolio_id, account) VALUES (?1, ?2)"
    } else {
        "DELETE FROM share_org_rejections WHERE portfolio_id = ?1 AND account = ?2"
    };
    conn.prepare_cached(sql)
        .map_err(backend)?
        .execute(params![portfolio_id, account.as_str()])
        .map_err(backend)?;
    Ok(())
}

pub(super) fn org_rejections(
    conn: &Connection,
    account: &AccountId,
) -> Result<Vec<String>, StoreError> {
    let rows = conn
        .prepare_cached("SELECT portfolio_id FROM share_org_rejections WHERE account = ?1")
        .map_err(backend)?
        .query_map(params![account.as_str()], |r| r.get(0))
        .map_err(backend)?
        .collect::<rusqlite::Result<Vec<String>>>()
        .map_err(backend)?;
    Ok(rows)
}
