//! How every connection of the store is set up, and how one unit of work is kept from taking
//! a connection (or the thread that owns it) down with it.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Mutex, MutexGuard};

use rusqlite::Connection;
use sclocal_core::store::StoreError;

use crate::sql::backend;

/// Prepared statements kept per connection. The store has a few hundred distinct statements;
/// rusqlite's default of 16 would re-prepare most of them on every use.
const STATEMENT_CACHE: usize = 512;

/// Settings every connection gets. Checkpoints run on their own thread (see
/// `super::checkpoint`), never inside a commit.
const CONNECTION_PRAGMAS: &str = "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;";

/// Gives a new connection the settings every connection of the store has.
pub(super) fn configure(conn: &Connection) -> Result<(), StoreError> {
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    conn.execute_batch(CONNECTION_PRAGMAS).map_err(backend)
}

/// Runs one (cached) statement; the number of rows it changed.
pub(super) fn exec(
    conn: &Connection,
    sql: &str,
    args: &[&dyn rusqlite::ToSql],
) -> Result<usize, StoreError> {
    conn.prepare_cached(sql)
        .map_err(backend)?
        .execute(args)
        .map_err(backend)
}

pub(super) fn lock(conn: &Mutex<Connection>) -> MutexGuard<'_, Connection> {
    // A panic while holding the lock cannot leave a unit of work half-applied (it is rolled
    // back), so a poisoned lock is still safe to use.
    conn.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Runs `f`, turning a panic into an error so that one bad unit of work cannot take the
/// connection (or the writer thread) down with it.
pub(super) fn guarded<T, E: From<StoreError>>(
    conn: &Connection,
    f: impl FnOnce(&Connection) -> Result<T, E>,
) -> Result<T, E> {
    catch_unwind(AssertUnwindSafe(|| f(conn))).unwrap_or_else(|_| {
        Err(StoreError::Backend("a unit of work panicked; it was rolled back".into()).into())
    })
}
