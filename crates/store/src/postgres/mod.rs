//! The PostgreSQL store: several sclocal instances over one database serve one state.
//!
//! Every unit of work is a closure over the engine-neutral `Conn` (`sql.rs`), run on a
//! pooled connection (`pool.rs`, `client.rs`):
//!
//! - a read in one REPEATABLE READ, read-only transaction: one snapshot for all its
//!   statements, as a SQLite reader has;
//! - a write in one READ COMMITTED transaction, acknowledged once its commit is durable. The
//!   rules that must hold under concurrent writers (quotas, idempotency tokens, one share
//!   action at a time, an organization's membership) lock what they decide on first
//!   (`WriteTx::lock`): a transaction-scoped advisory lock on a stable hash of the key
//!   (`session.rs`), so writers deciding on the same thing — in this instance or another —
//!   run one after the other, each seeing what the previous one committed;
//! - the job queue's claims pick rows `FOR UPDATE SKIP LOCKED` and its lease checks lock the
//!   job's row (`tx/jobs.rs`), so each job is processed by one worker at a time across
//!   instances.
//!
//! Text columns are declared `COLLATE "C"`, so text sorts and compares by bytes as in SQLite
//! and listings page identically on both engines. The schema is kept by migrations of its own
//! (`migrations/postgres/`, `migrate.rs`).

use std::str::FromStr as _;
use std::sync::Arc;

use async_trait::async_trait;
use sclocal_core::store::{Answer, ReadUnit, Store, StoreError, StoreFuture, WriteUnit};

use crate::args;
use crate::tx::Tx;

mod client;
mod migrate;
mod pool;
mod session;

use client::PgClient;
use pool::Pool;
use session::Mode;

/// Connections per store. A unit of work holds one while it runs; a few per core keep the
/// server busy while others wait on the network, and two instances at this size stay far
/// below PostgreSQL's default of 100 connections.
pub const DEFAULT_POOL_SIZE: usize = 16;

/// A `Store` on PostgreSQL.
pub struct PostgresStore {
    pool: Arc<Pool>,
}

impl std::fmt::Debug for PostgresStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PostgresStore").finish_non_exhaustive()
    }
}

impl PostgresStore {
    /// Connects to the database at `url` (`postgres://USER[:PASS]@HOST:PORT/DB`), applies the
    /// migrations it lacks, and answers a store with up to [`DEFAULT_POOL_SIZE`] connections.
    ///
    /// # Errors
    /// When the URL is not a PostgreSQL URL, the server cannot be reached, or a migration
    /// fails.
    pub fn open(url: &str) -> Result<Self, StoreError> {
        Self::open_with_pool(url, DEFAULT_POOL_SIZE)
    }

    /// [`PostgresStore::open`] with up to `size` connections.
    ///
    /// # Errors
    /// As [`PostgresStore::open`].
    pub fn open_with_pool(url: &str, size: usize) -> Result<Self, StoreError> {
        let mut config = tokio_postgres::Config::from_str(url).map_err(|e| {
            StoreError::Backend(format!("{}: not a PostgreSQL URL: {e}", redacted(url)).into())
        })?;
        if config.get_application_name().is_none() {
            config.application_name("sclocal");
        }
        // Connecting drives a runtime of its own (`client.rs`), which cannot start on a thread
        // that already runs async tasks: do it on a thread of its own, from sync and async
        // callers alike.
        let first = config.clone();
        std::thread::spawn(move || {
            let client = PgClient::connect(&first)?;
            migrate::migrate(&client)
        })
        .join()
        .map_err(|_| StoreError::Backend("connecting to PostgreSQL panicked".into()))??;
        Ok(PostgresStore {
            pool: Arc::new(Pool::new(config, size)),
        })
    }
}

/// Makes an empty schema `name` in the database at `url` (dropping one of that name first)
/// and answers a URL whose connections work in it: a private database inside a shared one,
/// for tests that run side by side on one server. `name` is an identifier (letters, digits,
/// `_`).
///
/// # Errors
/// When `name` is not such an identifier, or the server refuses.
pub fn fresh_schema(url: &str, name: &str) -> Result<String, StoreError> {
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        return Err(StoreError::Backend(
            format!("{name:?} is not a schema name").into(),
        ));
    }
    let config = tokio_postgres::Config::from_str(url).map_err(|e| {
        StoreError::Backend(format!("{}: not a PostgreSQL URL: {e}", redacted(url)).into())
    })?;
    let sql = format!("DROP SCHEMA IF EXISTS {name} CASCADE; CREATE SCHEMA {name}");
    std::thread::spawn(move || {
        let client = PgClient::connect(&config)?;
        client.block_on(client.client().batch_execute(&sql))
    })
    .join()
    .map_err(|_| StoreError::Backend("creating a schema panicked".into()))??;
    let separator = if url.contains('?') { '&' } else { '?' };
    Ok(format!("{url}{separator}options=-c%20search_path%3D{name}"))
}

/// `url` without its password, for messages.
fn redacted(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = &url[scheme + 3..at];
            match credentials.find(':') {
                Some(colon) => format!(
                    "{}{}:***{}",
                    &url[..scheme + 3],
                    &credentials[..colon],
                    &url[at..]
                ),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

#[async_trait]
impl Store for PostgresStore {
    fn run_read(&self, unit: ReadUnit) -> StoreFuture<'_, Answer> {
        Box::pin(self.pool.unit(Mode::Read, move |conn| unit(&Tx::new(conn))))
    }

    fn run_write(&self, unit: WriteUnit) -> StoreFuture<'_, Answer> {
        Box::pin(
            self.pool
                .unit(Mode::Write, move |conn| unit(&Tx::new(conn))),
        )
    }

    async fn reset(&self) -> Result<(), StoreError> {
        self.pool
            .unit(Mode::Write, |conn| -> Result<(), StoreError> {
                let tables = conn.all(
                    "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()
                     AND tablename <> 'sclocal_migrations' ORDER BY tablename",
                    args![],
                    |r| r.text(0),
                )?;
                if tables.is_empty() {
                    return Ok(());
                }
                let list: Vec<String> = tables
                    .iter()
                    .map(|t| format!("\"{}\"", t.replace('"', "\"\"")))
                    .collect();
                // Every table at once (foreign keys among them are satisfied), and the `seq`
                // counters from 1 again, as SQLite's reset leaves them.
                conn.execute(
                    &format!("TRUNCATE {} RESTART IDENTITY", list.join(", ")),
                    args![],
                )?;
                Ok(())
            })
            .await
            .map_err(|e: StoreError| StoreError::Backend(format!("reset: {e}").into()))
    }
}

#[cfg(test)]
mod tests {
    use super::redacted;

    #[test]
    fn passwords_are_kept_out_of_messages() {
        assert_eq!(
            redacted("postgres://sc:secret@127.0.0.1:5432/db"),
            "postgres://sc:***@127.0.0.1:5432/db"
        );
        assert_eq!(redacted("postgres://sc@h/db"), "postgres://sc@h/db");
        assert_eq!(redacted("nonsense"), "nonsense");
    }
}
