//! The SQLite store. Every unit of work is a closure run through [`db::Db`]: reads on a
//! snapshot, writes atomically and acknowledged only once committed (see `db.rs` for the
//! group-committing writer thread of a file store).

use std::path::Path;

use async_trait::async_trait;
use rusqlite::Connection;
use sclocal_core::store::{Answer, ReadUnit, Store, StoreError, StoreFuture, WriteUnit};

use crate::tx::Tx;
use checkpoint::Checkpointer;

mod checkpoint;
mod conn;
mod db;
mod guard;
mod readers;

/// Migrations in order; `PRAGMA user_version` records how many have run.
const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/sqlite/0001_portfolios_sessions.sql"),
    include_str!("../../migrations/sqlite/0002_organizations.sql"),
    include_str!("../../migrations/sqlite/0003_shares.sql"),
    include_str!("../../migrations/sqlite/0004_products.sql"),
    include_str!("../../migrations/sqlite/0005_share_counts.sql"),
    include_str!("../../migrations/sqlite/0006_columns_and_jobs.sql"),
    include_str!("../../migrations/sqlite/0007_governance.sql"),
    include_str!("../../migrations/sqlite/0008_provisioning.sql"),
    include_str!("../../migrations/sqlite/0009_vending.sql"),
    include_str!("../../migrations/sqlite/0010_service_actions.sql"),
];

/// A `Store` on SQLite.
pub struct SqliteStore {
    db: db::Db,
    /// Stops the checkpointer thread of a file store when the store is dropped.
    _checkpointer: Option<Checkpointer>,
}

impl std::fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteStore").finish_non_exhaustive()
    }
}

use crate::sql::backend;

impl SqliteStore {
    /// Opens (creating if needed) the database file `path`, in WAL mode, and migrates it.
    ///
    /// # Errors
    /// When the file cannot be opened or migrated.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let mut conn = Connection::open(path).map_err(backend)?;
        // WAL: readers never block the writer, and a commit is one append. synchronous=NORMAL
        // keeps every committed transaction across a process crash (SIGKILL); only an OS crash
        // or power loss can drop the last commits.
        // Checkpoints run on their own thread (`checkpoint.rs`), not inside commits.
        conn.execute_batch(
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;
             PRAGMA busy_timeout=5000; PRAGMA wal_autocheckpoint=0;",
        )
        .map_err(backend)?;
        migrate(&mut conn)?;
        Ok(SqliteStore {
            db: db::Db::wal(path, conn)?,
            _checkpointer: Some(Checkpointer::start(path)?),
        })
    }

    /// A fresh in-memory database.
    ///
    /// # Errors
    /// When SQLite cannot allocate it.
    pub fn in_memory() -> Result<Self, StoreError> {
        let mut conn = Connection::open_in_memory().map_err(backend)?;
        migrate(&mut conn)?;
        Ok(SqliteStore {
            db: db::Db::single(conn)?,
            _checkpointer: None,
        })
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

#[async_trait]
impl Store for SqliteStore {
    fn run_read(&self, unit: ReadUnit) -> StoreFuture<'_, Answer> {
        // On a file store the read runs right here, on the caller's thread, on a read-only
        // connection of its own (see `db.rs`): nothing to wait for.
        let answer = self.db.read(|conn| unit(&Tx::new(conn)));
        Box::pin(std::future::ready(answer))
    }

    fn run_write(&self, unit: WriteUnit) -> StoreFuture<'_, Answer> {
        Box::pin(self.db.write(move |conn| unit(&Tx::new(conn))))
    }

    async fn reset(&self) -> Result<(), StoreError> {
        self.db
            .write(|tx: &Connection| -> Result<(), StoreError> {
                let tables: Vec<String> = tx
                    .prepare(
                        "SELECT name FROM sqlite_master
                     WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
                    )
                    .map_err(backend)?
                    .query_map([], |r| r.get(0))
                    .map_err(backend)?
                    .collect::<rusqlite::Result<_>>()
                    .map_err(backend)?;
                for table in tables {
                    tx.execute(&format!("DELETE FROM \"{table}\""), [])
                        .map_err(backend)?;
                }
                Ok(())
            })
            .await
    }
}
