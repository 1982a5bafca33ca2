//! Portfolio shares and share operations on SQLite.

use async_trait::async_trait;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row};
use sclocal_core::ids::AccountId;
use sclocal_core::store::{
    AccountOutcome, OpAction, OpStatus, Page, ShareAction, ShareActionOutcome, ShareFault,
    ShareKind, ShareOpRecord, ShareRecord, ShareState, ShareStore, StoreError,
};

use super::{account, backend, page, SqliteStore};
use super::{share_audience, share_ops};

pub(super) const SHARE_COLUMNS: &str =
    "seq, portfolio_id, region, owner, kind, principal, org_id, accepted, \
     share_tag_options, share_principals, state, fanout_token, created_ms";

pub(super) fn bad(column: usize, what: &str, value: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        column,
        rusqlite::types::Type::Text,
        format!("stored {what} {value:?} is not valid").into(),
    )
}

pub(super) fn share_row(r: &Row<'_>) -> rusqlite::Result<ShareRecord> {
    let kind: String = r.get(4)?;
    let state: String = r.get(10)?;
    Ok(ShareRecord {
        seq: r.get(0)?,
        portfolio_id: r.get(1)?,
        region: r.get(2)?,
        owner: account(&r.get::<_, String>(3)?)?,
        kind: ShareKind::parse(&kind).ok_or_else(|| bad(4, "share kind", &kind))?,
        principal: r.get(5)?,
        org_id: r.get(6)?,
        accepted: r.get(7)?,
        share_tag_options: r.get(8)?,
        share_principals: r.get(9)?,
        state: ShareState::parse(&state).ok_or_else(|| bad(10, "share state", &state))?,
        fanout_token: r.get(11)?,
        created_ms: r.get(12)?,
    })
}

/// Runs a query returning whole share rows.
pub(super) fn shares_where(
    conn: &rusqlite::Connection,
    sql: &str,
    args: impl rusqlite::Params,
) -> Result<Vec<ShareRecord>, StoreError> {
    let rows = conn
        .prepare_cached(sql)
        .map_err(backend)?
        .query_map(args, share_row)
        .map_err(backend)?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(backend)?;
    Ok(rows)
}

pub(super) fn find_share(
    tx: &Connection,
    portfolio_id: &str,
    kind: ShareKind,
    principal: &str,
) -> rusqlite::Result<Option<ShareRecord>> {
    tx.prepare_cached(&format!(
        "SELECT {SHARE_COLUMNS} FROM shares WHERE portfolio_id = ?1 AND kind = ?2 AND principal = ?3"
    ))?
    .query_row(params![portfolio_id, kind.as_str(), principal], share_row)
    .optional()
}

fn insert_share(tx: &Connection, s: &ShareRecord) -> rusqlite::Result<ShareRecord> {
    tx.prepare_cached(
        "INSERT INTO shares (portfolio_id, region, owner, kind, principal, org_id, accepted,
         share_tag_options, share_principals, state, fanout_token, created_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        s.portfolio_id,
        s.region,
        s.owner.as_str(),
        s.kind.as_str(),
        s.principal,
        s.org_id,
        s.accepted,
        s.share_tag_options,
        s.share_principals,
        s.state.as_str(),
        s.fanout_token,
        s.created_ms
    ])?;
    Ok(ShareRecord {
        seq: tx.last_insert_rowid(),
        ..s.clone()
    })
}

pub(super) fn insert_op(tx: &Connection, op: &ShareOpRecord) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO share_ops (token, action, portfolio_id, region, owner, kind, principal,
         org_id, status, not_before_ms, cursor, total, created_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        op.token,
        op.action.as_str(),
        op.portfolio_id,
        op.region,
        op.owner.as_str(),
        op.kind.as_str(),
        op.principal,
        op.org_id,
        op.status.as_str(),
        op.not_before_ms,
        op.cursor,
        op.total,
        op.created_ms
    ])?;
    Ok(())
}

fn set_flags(
    tx: &Connection,
    seq: i64,
    flags: (Option<bool>, Option<bool>),
) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "UPDATE shares SET share_tag_options = COALESCE(?2, share_tag_options),
         share_principals = COALESCE(?3, share_principals) WHERE seq = ?1",
    )?
    .execute(params![seq, flags.0, flags.1])?;
    Ok(())
}

fn reload(tx: &Connection, seq: i64) -> rusqlite::Result<ShareRecord> {
    tx.prepare_cached(&format!(
        "SELECT {SHARE_COLUMNS} FROM shares WHERE seq = ?1"
    ))?
    .query_row(params![seq], share_row)
}

fn busy(tx: &Connection, portfolio_id: &str) -> rusqlite::Result<bool> {
    tx.prepare_cached(
        "SELECT EXISTS(SELECT 1 FROM share_ops WHERE portfolio_id = ?1
         AND status IN ('NOT_STARTED', 'IN_PROGRESS'))",
    )?
    .query_row(params![portfolio_id], |r| r.get(0))
}

pub(super) fn remove_share(tx: &Connection, seq: i64) -> rusqlite::Result<()> {
    tx.prepare_cached("DELETE FROM share_frozen WHERE share_seq = ?1")?
        .execute(params![seq])?;
    tx.prepare_cached("DELETE FROM shares WHERE seq = ?1")?
        .execute(params![seq])?;
    Ok(())
}

/// The body of [`ShareStore::share_action`], inside its transaction.
fn apply(tx: &Connection, action: &ShareAction) -> rusqlite::Result<ShareActionOutcome> {
    let portfolio = match action {
        ShareAction::CreateAccountShare { share, .. } => &share.portfolio_id,
        ShareAction::StartOp { op, .. } | ShareAction::UpdateAccountShare { op, .. } => {
            &op.portfolio_id
        }
        ShareAction::DeleteAccountShare { portfolio_id, .. } => portfolio_id,
    };
    if busy(tx, portfolio)? {
        return Ok(ShareActionOutcome::Busy);
    }
    match action {
        ShareAction::CreateAccountShare { share, limit } => {
            if let Some(existing) =
                find_share(tx, &share.portfolio_id, share.kind, &share.principal)?
            {
                return Ok(ShareActionOutcome::AlreadyExists(existing));
            }
            let count: i64 = tx
                .prepare_cached(
                    "SELECT COALESCE((SELECT n FROM share_account_counts WHERE portfolio_id = ?1), 0)",
                )?
                .query_row(params![share.portfolio_id], |r| r.get(0))?;
            if usize::try_from(count).unwrap_or(usize::MAX) >= *limit {
                return Ok(ShareActionOutcome::LimitReached);
            }
            Ok(ShareActionOutcome::Done(Some(insert_share(tx, share)?)))
        }
        ShareAction::StartOp { op, share, flags } => {
            let existing = find_share(tx, &op.portfolio_id, op.kind, &op.principal)?;
            let target = match (op.action, existing, share) {
                (OpAction::Create, Some(s), _) => Some(s),
                (OpAction::Create, None, Some(new)) => Some(insert_share(tx, new)?),
                (OpAction::Update, Some(s), _) => {
                    set_flags(tx, s.seq, *flags)?;
                    Some(reload(tx, s.seq)?)
                }
                (OpAction::Update, None, _) => return Ok(ShareActionOutcome::NotFound),
                (OpAction::Delete, Some(s), _) => {
                    tx.prepare_cached("UPDATE shares SET state = 'DELETING' WHERE seq = ?1")?
                        .execute(params![s.seq])?;
                    Some(reload(tx, s.seq)?)
                }
                (_, None, _) => None,
            };
            insert_op(tx, op)?;
            Ok(ShareActionOutcome::Done(target))
        }
        ShareAction::UpdateAccountShare { op, flags } => {
            let Some(s) = find_share(tx, &op.portfolio_id, ShareKind::Account, &op.principal)?
            else {
                return Ok(ShareActionOutcome::NotFound);
            };
            set_flags(tx, s.seq, *flags)?;
            insert_op(tx, op)?;
            Ok(ShareActionOutcome::Done(Some(reload(tx, s.seq)?)))
        }
        ShareAction::DeleteAccountShare {
            portfolio_id,
            account,
        } => {
            let existing = find_share(tx, portfolio_id, ShareKind::Account, account.as_str())?;
            if let Some(s) = &existing {
                remove_share(tx, s.seq)?;
            }
            Ok(ShareActionOutcome::Done(existing))
        }
    }
}

#[async_trait]
impl ShareStore for SqliteStore {
    async fn share_action(&self, action: ShareAction) -> Result<ShareActionOutcome, StoreError> {
        self.write(move |tx| apply(tx, &action).map_err(backend))
            .await
    }

    async fn share(
        &self,
        portfolio_id: &str,
        kind: ShareKind,
        principal: &str,
    ) -> Result<Option<ShareRecord>, StoreError> {
        self.read(|conn| find_share(conn, portfolio_id, kind, principal).map_err(backend))
    }

    async fn shares_of_portfolio(
        &self,
        portfolio_id: &str,
        kind: ShareKind,
        cursor: i64,
        limit: usize,
    ) -> Result<Page<ShareRecord>, StoreError> {
        let fetch = i64::try_from(limit).unwrap_or(i64::MAX - 1) + 1;
        let rows = self.read(|conn| {
            conn.prepare_cached(&format!(
                "SELECT {SHARE_COLUMNS} FROM shares WHERE portfolio_id = ?1 AND kind = ?2
                 AND seq > ?3 ORDER BY seq LIMIT ?4"
            ))
            .map_err(backend)?
            .query_map(params![portfolio_id, kind.as_str(), cursor, fetch], |r| {
                share_row(r).map(|s| (s.seq, s))
            })
            .map_err(backend)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(backend)
        })?;
        Ok(page(rows, limit))
    }

    async fn portfolio_has_shares(&self, portfolio_id: &str) -> Result<bool, StoreError> {
        self.read(|conn| {
            conn.prepare_cached("SELECT EXISTS(SELECT 1 FROM shares WHERE portfolio_id = ?1)")
                .map_err(backend)?
                .query_row(params![portfolio_id], |r| r.get(0))
                .map_err(backend)
        })
    }

    async fn set_accepted(&self, share_seq: i64, accepted: bool) -> Result<(), StoreError> {
        self.write(move |tx| {
            tx.prepare_cached("UPDATE shares SET accepted = ?2 WHERE seq = ?1")
                .map_err(backend)?
                .execute(params![share_seq, accepted])
                .map_err(backend)?;
            Ok(())
        })
        .await
    }

    async fn delete_share(&self, share_seq: i64) -> Result<(), StoreError> {
        self.write(move |tx| remove_share(tx, share_seq).map_err(backend))
            .await
    }

    async fn account_shares_to(
        &self,
        region: &str,
        account: &AccountId,
        accepted_only: bool,
    ) -> Result<Vec<ShareRecord>, StoreError> {
        self.read(|conn| {
            shares_where(
                conn,
                &format!(
                    "SELECT {SHARE_COLUMNS} FROM shares WHERE principal = ?1 AND region = ?2
                     AND kind = 'ACCOUNT' AND (accepted OR NOT ?3) ORDER BY seq"
                ),
                params![account.as_str(), region, accepted_only],
            )
        })
    }

    async fn org_shares_to(
        &self,
        region: &str,
        org_id: &str,
        principals: &[String],
    ) -> Result<Vec<ShareRecord>, StoreError> {
        if principals.is_empty() {
            return Ok(Vec::new());
        }
        let marks = vec!["?"; principals.len()].join(", ");
        let sql = format!(
            "SELECT {SHARE_COLUMNS} FROM shares WHERE region = ? AND org_id = ?
             AND kind != 'ACCOUNT' AND state IN ('ACTIVE', 'DELETING') AND principal IN ({marks})
             ORDER BY seq"
        );
        let mut args: Vec<&str> = vec![region, org_id];
        args.extend(principals.iter().map(String::as_str));
        self.read(|conn| shares_where(conn, &sql, params_from_iter(args)))
    }

    async fn org_shares_in(&self, org_id: &str) -> Result<Vec<ShareRecord>, StoreError> {
        self.read(|conn| {
            shares_where(
                conn,
                &format!(
                    "SELECT {SHARE_COLUMNS} FROM shares WHERE org_id = ?1 AND kind != 'ACCOUNT'
                     ORDER BY seq"
                ),
                params![org_id],
            )
        })
    }

    async fn failed_in(&self, token: &str, account: &AccountId) -> Result<bool, StoreError> {
        self.read(|conn| {
            conn.prepare_cached(
                "SELECT EXISTS(SELECT 1 FROM share_op_accounts WHERE token = ?1 AND account = ?2
                 AND error IS NOT NULL)",
            )
            .map_err(backend)?
            .query_row(params![token, account.as_str()], |r| r.get(0))
            .map_err(backend)
        })
    }

    async fn freeze(&self, org_id: &str, rows: &[(i64, AccountId)]) -> Result<(), StoreError> {
        let (org_id, rows) = (org_id.to_owned(), rows.to_vec());
        self.write(move |tx| share_audience::freeze(tx, &org_id, &rows))
            .await
    }

    async fn unfreeze(&self, org_id: &str) -> Result<(), StoreError> {
        let org_id = org_id.to_owned();
        self.write(move |tx| share_audience::unfreeze(tx, &org_id))
            .await
    }

    async fn frozen_shares_for(
        &self,
        region: &str,
        account: &AccountId,
    ) -> Result<Vec<ShareRecord>, StoreError> {
        self.read(|conn| share_audience::frozen_shares_for(conn, region, account))
    }

    async fn portfolio_shares(&self, portfolio_id: &str) -> Result<Vec<ShareRecord>, StoreError> {
        self.read(|conn| {
            shares_where(
                conn,
                &format!("SELECT {SHARE_COLUMNS} FROM shares WHERE portfolio_id = ?1 ORDER BY seq"),
                params![portfolio_id],
            )
        })
    }

    async fn frozen_audience(&self, share_seq: i64) -> Result<Vec<AccountId>, StoreError> {
        self.read(|conn| share_audience::frozen_audience(conn, share_seq))
    }

    async fn org_rejecters(&self, portfolio_id: &str) -> Result<Vec<AccountId>, StoreError> {
        self.read(|conn| share_audience::org_rejecters(conn, portfolio_id))
    }

    async fn set_org_rejection(
        &self,
        portfolio_id: &str,
        account: &AccountId,
        rejected: bool,
    ) -> Result<(), StoreError> {
        let (portfolio_id, account) = (portfolio_id.to_owned(), account.clone());
        self.write(move |tx| {
            share_audience::set_org_rejection(tx, &portfolio_id, &account, rejected)
        })
        .await
    }

    async fn org_rejections(&self, account: &AccountId) -> Result<Vec<String>, StoreError> {
        self.read(|conn| share_audience::org_rejections(conn, account))
    }

    async fn share_op(&self, token: &str) -> Result<Option<ShareOpRecord>, StoreError> {
        self.read(|conn| share_ops::share_op(conn, token))
    }

    async fn op_counts(&self, token: &str) -> Result<(usize, usize), StoreError> {
        self.read(|conn| share_ops::op_counts(conn, token))
    }

    async fn op_outcomes(&self, token: &str) -> Result<Vec<AccountOutcome>, StoreError> {
        self.read(|conn| share_ops::op_outcomes(conn, token))
    }

    async fn next_op(
        &self,
        now_ms: i64,
    ) -> Result<(Option<ShareOpRecord>, Option<i64>), StoreError> {
        self.read(|conn| share_ops::next_op(conn, now_ms))
    }

    async fn record_step(
        &self,
        token: &str,
        outcomes: &[AccountOutcome],
        cursor: i64,
        total: i64,
        status: OpStatus,
    ) -> Result<(), StoreError> {
        let (token, outcomes) = (token.to_owned(), outcomes.to_vec());
        self.write(move |tx| share_ops::record_step(tx, &token, &outcomes, cursor, total, status))
            .await
    }

    async fn finish_op(&self, token: &str, status: OpStatus) -> Result<(), StoreError> {
        let token = token.to_owned();
        self.write(move |tx| share_ops::finish_op(tx, &token, status))
            .await
    }

    async fn set_share_faults(&self, faults: &[ShareFault]) -> Result<(), StoreError> {
        let faults = faults.to_vec();
        self.write(move |tx| share_ops::set_share_faults(tx, &faults))
            .await
    }

    async fn share_faults(&self) -> Result<Vec<ShareFault>, StoreError> {
        self.read(share_ops::share_faults)
    }
}

/// The account column of a one-parameter query.
pub(super) fn accounts_of(
    conn: &Connection,
    sql: &str,
    param: &dyn rusqlite::ToSql,
) -> Result<Vec<AccountId>, StoreError> {
    conn.prepare_cached(sql)
        .map_err(backend)?
        .query_map([param], |r| account(&r.get::<_, String>(0)?))
        .map_err(backend)?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(backend)
}
