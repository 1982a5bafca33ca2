//! Share operations (`share-…` tokens) on SQLite: their rows, per-account outcomes, the
//! worker's queue and the injected faults. The `ShareStore` impl in `shares.rs` delegates here.

use rusqlite::{params, Connection, OptionalExtension, Row};
use sclocal_core::store::{
    AccountOutcome, OpAction, OpStatus, ShareFault, ShareKind, ShareOpRecord, ShareRecord,
    ShareState, StoreError,
};

use super::shares::{bad, find_share, remove_share};
use super::{account, backend};

pub(super) const OP_COLUMNS: &str =
    "seq, token, action, portfolio_id, region, owner, kind, principal, \
     org_id, status, not_before_ms, cursor, total, created_ms";

pub(super) fn op_row(r: &Row<'_>) -> rusqlite::Result<ShareOpRecord> {
    let action: String = r.get(2)?;
    let kind: String = r.get(6)?;
    let status: String = r.get(9)?;
    Ok(ShareOpRecord {
        seq: r.get(0)?,
        token: r.get(1)?,
        action: OpAction::parse(&action).ok_or_else(|| bad(2, "action", &action))?,
        portfolio_id: r.get(3)?,
        region: r.get(4)?,
        owner: account(&r.get::<_, String>(5)?)?,
        kind: ShareKind::parse(&kind).ok_or_else(|| bad(6, "share kind", &kind))?,
        principal: r.get(7)?,
        org_id: r.get(8)?,
        status: OpStatus::parse(&status).ok_or_else(|| bad(9, "status", &status))?,
        not_before_ms: r.get(10)?,
        cursor: r.get(11)?,
        total: r.get(12)?,
        created_ms: r.get(13)?,
    })
}

pub(super) fn share_op(
    conn: &Connection,
    token: &str,
) -> Result<Option<ShareOpRecord>, StoreError> {
    let op = conn
        .prepare_cached(&format!(
            "SELECT {OP_COLUMNS} FROM share_ops WHERE token = ?1"
        ))
        .map_err(backend)?
        .query_row(params![token], op_row)
        .optional()
        .map_err(backend)?;
    Ok(op)
}

pub(super) fn op_counts(conn: &Connection, token: &str) -> Result<(usize, usize), StoreError> {
    let (total, failed): (i64, i64) = conn
        .prepare_cached("SELECT COUNT(*), COUNT(error) FROM share_op_accounts WHERE token = ?1")
        .map_err(backend)?
        .query_row(params![token], |r| Ok((r.get(0)?, r.get(1)?)))
        .map_err(backend)?;
    Ok((
        usize::try_from(total).unwrap_or(0),
        usize::try_from(failed).unwrap_or(0),
    ))
}

pub(super) fn op_outcomes(
    conn: &Connection,
    token: &str,
) -> Result<Vec<AccountOutcome>, StoreError> {
    let rows = conn
        .prepare_cached(
            "SELECT account, error, message FROM share_op_accounts WHERE token = ?1 ORDER BY account",
        )
        .map_err(backend)?
        .query_map(params![token], |r| {
            let error: Option<String> = r.get(1)?;
            let message: Option<String> = r.get(2)?;
            Ok(AccountOutcome {
                account: account(&r.get::<_, String>(0)?)?,
                error: error.map(|e| (e, message.unwrap_or_default())),
            })
        })
        .map_err(backend)?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(backend)?;
    Ok(rows)
}

pub(super) fn next_op(
    conn: &Connection,
    now_ms: i64,
) -> Result<(Option<ShareOpRecord>, Option<i64>), StoreError> {
    let op = conn
        .prepare_cached(&format!(
            "SELECT {OP_COLUMNS} FROM share_ops WHERE status IN ('NOT_STARTED', 'IN_PROGRESS')
             AND (total IS NULL OR cursor < total OR not_before_ms <= ?1) ORDER BY seq LIMIT 1"
        ))
        .map_err(backend)?
        .query_row(params![now_ms], op_row)
        .optional()
        .map_err(backend)?;
    let due: Option<i64> = conn
        .prepare_cached(
            "SELECT MIN(not_before_ms) FROM share_ops WHERE status IN ('NOT_STARTED', 'IN_PROGRESS')",
        )
        .map_err(backend)?
        .query_row([], |r| r.get(0))
        .map_err(backend)?;
    Ok((op, due))
}

pub(super) fn record_step(
    tx: &Connection,
    token: &str,
    outcomes: &[AccountOutcome],
    cursor: i64,
    total: i64,
    status: OpStatus,
) -> Result<(), StoreError> {
    {
        let mut insert = tx
            .prepare_cached(
                "INSERT OR IGNORE INTO share_op_accounts (token, account, error, message)
                 VALUES (?1, ?2, ?3, ?4)",
            )
            .map_err(backend)?;
        for o in outcomes {
            let (error, message) = match &o.error {
                Some((e, m)) => (Some(e.as_str()), Some(m.as_str())),
                None => (None, None),
            };
            insert
                .execute(params![token, o.account.as_str(), error, message])
                .map_err(backend)?;
        }
    }
    tx.prepare_cached("UPDATE share_ops SET cursor = ?2, total = ?3, status = ?4 WHERE token = ?1")
        .map_err(backend)?
        .execute(params![token, cursor, total, status.as_str()])
        .map_err(backend)?;
    Ok(())
}

pub(super) fn finish_op(tx: &Connection, token: &str, status: OpStatus) -> Result<(), StoreError> {
    let op = tx
        .prepare_cached(&format!(
            "SELECT {OP_COLUMNS} FROM share_ops WHERE token = ?1"
        ))
        .map_err(backend)?
        .query_row(params![token], op_row)
        .optional()
        .map_err(backend)?;
    if let Some(op) = op {
        tx.prepare_cached("UPDATE share_ops SET status = ?2 WHERE token = ?1")
            .map_err(backend)?
            .execute(params![token, status.as_str()])
            .map_err(backend)?;
        let share = find_share(tx, &op.portfolio_id, op.kind, &op.principal).map_err(backend)?;
        if let Some(share) = share {
            finish_share(tx, &op, &share, status).map_err(backend)?;
        }
    }
    Ok(())
}

pub(super) fn set_share_faults(tx: &Connection, faults: &[ShareFault]) -> Result<(), StoreError> {
    tx.execute("DELETE FROM share_faults", [])
        .map_err(backend)?;
    for f in faults {
        tx.execute(
            "INSERT OR REPLACE INTO share_faults (account, error, message) VALUES (?1, ?2, ?3)",
            params![f.account.as_str(), f.error, f.message],
        )
        .map_err(backend)?;
    }
    Ok(())
}

pub(super) fn share_faults(conn: &Connection) -> Result<Vec<ShareFault>, StoreError> {
    let rows = conn
        .prepare_cached("SELECT account, error, message FROM share_faults ORDER BY account")
        .map_err(backend)?
        .query_map([], |r| {
            Ok(ShareFault {
                account: account(&r.get::<_, String>(0)?)?,
                error: r.get(1)?,
                message: r.get(2)?,
            })
        })
        .map_err(backend)?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(backend)?;
    Ok(rows)
}

/// Applies a finished operation to its share.
fn finish_share(
    tx: &Connection,
    op: &ShareOpRecord,
    share: &ShareRecord,
    status: OpStatus,
) -> rusqlite::Result<()> {
    match op.action {
        OpAction::Delete => remove_share(tx, share.seq),
        // A create whose every account failed leaves nothing shared, unless the share was
        // already in force before this (repeated) create.
        OpAction::Create if status == OpStatus::Error && share.state == ShareState::Creating => {
            remove_share(tx, share.seq)
        }
        OpAction::Create | OpAction::Update => {
            tx.prepare_cached(
                "UPDATE shares SET state = 'ACTIVE', fanout_token = ?2 WHERE seq = ?1",
            )?
            .execute(params![share.seq, op.token])?;
            Ok(())
        }
    }
}
