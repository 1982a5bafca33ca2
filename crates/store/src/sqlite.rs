//! The SQLite store. One connection behind a mutex: SQLite has one writer anyway, and each
//! unit of work here is a short transaction, so callers hold the lock for microseconds.

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use async_trait::async_trait;
use rusqlite::{params, Connection, OptionalExtension, Row, TransactionBehavior};
use sclocal_core::ids::{AccountId, Scope};
use sclocal_core::store::{Inserted, Page, PortfolioRecord, SessionRecord, Store, StoreError};

/// Migrations in order; `PRAGMA user_version` records how many have run.
const MIGRATIONS: &[&str] = &[include_str!(
    "../migrations/sqlite/0001_portfolios_sessions.sql"
)];

/// Tables wiped by a reset, children first.
const TABLES: &[&str] = &["sessions", "portfolios"];

/// A `Store` on SQLite.
pub struct SqliteStore {
    conn: Mutex<Connection>,
}

impl std::fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteStore").finish_non_exhaustive()
    }
}

fn backend(e: impl std::error::Error + Send + Sync + 'static) -> StoreError {
    StoreError::Backend(Box::new(e))
}

impl SqliteStore {
    /// Opens (creating if needed) the database file `path`, in WAL mode, and migrates it.
    ///
    /// # Errors
    /// When the file cannot be opened or migrated.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let conn = Connection::open(path).map_err(backend)?;
        // WAL: readers never block the writer, and a commit is one append. synchronous=NORMAL
        // keeps every committed transaction across a process crash (SIGKILL); only an OS crash
        // or power loss can drop the last commits.
        conn.execute_batch(
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;
             PRAGMA busy_timeout=5000;",
        )
        .map_err(backend)?;
        Self::with_connection(conn)
    }

    /// A fresh in-memory database.
    ///
    /// # Errors
    /// When SQLite cannot allocate it.
    pub fn in_memory() -> Result<Self, StoreError> {
        let conn = Connection::open_in_memory().map_err(backend)?;
        conn.execute_batch("PRAGMA foreign_keys=ON;")
            .map_err(backend)?;
        Self::with_connection(conn)
    }

    fn with_connection(mut conn: Connection) -> Result<Self, StoreError> {
        migrate(&mut conn)?;
        Ok(SqliteStore {
            conn: Mutex::new(conn),
        })
    }

    fn conn(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave a transaction half-applied (rusqlite
        // rolls back on drop), so a poisoned lock is still safe to use.
        self.conn
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let done: usize = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(backend)?;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(done) {
        let tx = conn.transaction().map_err(backend)?;
        tx.execute_batch(sql).map_err(backend)?;
        tx.pragma_update(None, "user_version", i + 1)
            .map_err(backend)?;
        tx.commit().map_err(backend)?;
    }
    Ok(())
}

fn account(s: &str) -> rusqlite::Result<AccountId> {
    AccountId::parse(s).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Text,
            format!("stored account id {s:?} is not 12 digits").into(),
        )
    })
}

const PORTFOLIO_COLUMNS: &str = "id, owner, region, arn, display_name, description, \
     provider_name, created_ms, tags, idempotency_token, seq";

fn portfolio_row(row: &Row<'_>) -> rusqlite::Result<(i64, PortfolioRecord)> {
    let tags: String = row.get(8)?;
    let tags: Vec<(String, String)> = serde_json::from_str(&tags).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(8, rusqlite::types::Type::Text, Box::new(e))
    })?;
    Ok((
        row.get(10)?,
        PortfolioRecord {
            id: row.get(0)?,
            owner: account(&row.get::<_, String>(1)?)?,
            region: row.get(2)?,
            arn: row.get(3)?,
            display_name: row.get(4)?,
            description: row.get(5)?,
            provider_name: row.get(6)?,
            created_ms: row.get(7)?,
            tags,
            idempotency_token: row.get(9)?,
        },
    ))
}

fn tags_json(tags: &[(String, String)]) -> Result<String, StoreError> {
    serde_json::to_string(tags).map_err(backend)
}

#[async_trait]
impl Store for SqliteStore {
    async fn insert_portfolio(
        &self,
        p: &PortfolioRecord,
        limit: usize,
    ) -> Result<Inserted<PortfolioRecord>, StoreError> {
        let mut conn = self.conn();
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(backend)?;
        if let Some(token) = &p.idempotency_token {
            let existing = tx
                .prepare_cached(&format!(
                    "SELECT {PORTFOLIO_COLUMNS} FROM portfolios
                     WHERE owner = ?1 AND region = ?2 AND idempotency_token = ?3"
                ))
                .map_err(backend)?
                .query_row(params![p.owner.as_str(), p.region, token], portfolio_row)
                .optional()
                .map_err(backend)?;
            if let Some((_, existing)) = existing {
                return Ok(Inserted::Existing(existing));
            }
        }
        let count: usize = tx
            .prepare_cached("SELECT COUNT(*) FROM portfolios WHERE owner = ?1 AND region = ?2")
            .map_err(backend)?
            .query_row(params![p.owner.as_str(), p.region], |r| r.get(0))
            .map_err(backend)?;
        if count >= limit {
            return Ok(Inserted::LimitReached);
        }
        tx.prepare_cached(
            "INSERT INTO portfolios (id, owner, region, arn, display_name, description,
             provider_name, created_ms, tags, idempotency_token)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )
        .map_err(backend)?
        .execute(params![
            p.id,
            p.owner.as_str(),
            p.region,
            p.arn,
            p.display_name,
            p.description,
            p.provider_name,
            p.created_ms,
            tags_json(&p.tags)?,
            p.idempotency_token
        ])
        .map_err(backend)?;
        tx.commit().map_err(backend)?;
        Ok(Inserted::New(p.clone()))
    }

    async fn portfolio(
        &self,
        region: &str,
        id: &str,
    ) -> Result<Option<PortfolioRecord>, StoreError> {
        let conn = self.conn();
        let row = conn
            .prepare_cached(&format!(
                "SELECT {PORTFOLIO_COLUMNS} FROM portfolios WHERE id = ?1 AND region = ?2"
            ))
            .map_err(backend)?
            .query_row(params![id, region], portfolio_row)
            .optional()
            .map_err(backend)?;
        Ok(row.map(|(_, p)| p))
    }

    async fn update_portfolio(&self, p: &PortfolioRecord) -> Result<(), StoreError> {
        let conn = self.conn();
        conn.prepare_cached(
            "UPDATE portfolios SET display_name = ?2, description = ?3, provider_name = ?4,
             tags = ?5 WHERE id = ?1",
        )
        .map_err(backend)?
        .execute(params![
            p.id,
            p.display_name,
            p.description,
            p.provider_name,
            tags_json(&p.tags)?
        ])
        .map_err(backend)?;
        Ok(())
    }

    async fn delete_portfolio(&self, region: &str, id: &str) -> Result<bool, StoreError> {
        let conn = self.conn();
        let n = conn
            .prepare_cached("DELETE FROM portfolios WHERE id = ?1 AND region = ?2")
            .map_err(backend)?
            .execute(params![id, region])
            .map_err(backend)?;
        Ok(n > 0)
    }

    async fn list_portfolios(
        &self,
        scope: &Scope,
        cursor: i64,
        limit: usize,
    ) -> Result<Page<PortfolioRecord>, StoreError> {
        let conn = self.conn();
        let fetch = i64::try_from(limit).unwrap_or(i64::MAX - 1) + 1;
        let rows = conn
            .prepare_cached(&format!(
                "SELECT {PORTFOLIO_COLUMNS} FROM portfolios
                 WHERE owner = ?1 AND region = ?2 AND seq > ?3 ORDER BY seq LIMIT ?4"
            ))
            .map_err(backend)?
            .query_map(
                params![scope.account.as_str(), scope.region, cursor, fetch],
                portfolio_row,
            )
            .map_err(backend)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(backend)?;
        Ok(page(rows, limit))
    }

    async fn insert_session(&self, s: &SessionRecord) -> Result<(), StoreError> {
        let conn = self.conn();
        conn.prepare_cached(
            "INSERT OR REPLACE INTO sessions (access_key_id, secret_access_key, session_token,
             account, principal_arn, expires_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )
        .map_err(backend)?
        .execute(params![
            s.access_key_id,
            s.secret_access_key,
            s.session_token,
            s.account.as_str(),
            s.principal_arn,
            s.expires_ms
        ])
        .map_err(backend)?;
        Ok(())
    }

    async fn session(&self, access_key_id: &str) -> Result<Option<SessionRecord>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn
            .prepare_cached(
                "SELECT access_key_id, secret_access_key, session_token, account, principal_arn,
             expires_ms FROM sessions WHERE access_key_id = ?1",
            )
            .map_err(backend)?;
        let session = stmt
            .query_row(params![access_key_id], |r| {
                Ok(SessionRecord {
                    access_key_id: r.get(0)?,
                    secret_access_key: r.get(1)?,
                    session_token: r.get(2)?,
                    account: account(&r.get::<_, String>(3)?)?,
                    principal_arn: r.get(4)?,
                    expires_ms: r.get(5)?,
                })
            })
            .optional()
            .map_err(backend)?;
        Ok(session)
    }

    async fn reset(&self) -> Result<(), StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction().map_err(backend)?;
        for table in TABLES {
            tx.execute(&format!("DELETE FROM {table}"), [])
                .map_err(backend)?;
        }
        tx.commit().map_err(backend)
    }
}

/// Cuts a fetched `limit + 1` rows into a page and the cursor of the next one.
fn page<T>(mut rows: Vec<(i64, T)>, limit: usize) -> Page<T> {
    let next = if rows.len() > limit {
        rows.truncate(limit);
        rows.last().map(|(seq, _)| *seq)
    } else {
        None
    };
    Page {
        items: rows.into_iter().map(|(_, item)| item).collect(),
        next,
    }
}
