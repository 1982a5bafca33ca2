//! Implementations of `sclocal_core::store::Store`. SQL lives here and nowhere else.
//!
//! The primitives over records (`tx/`) are written once, in portable SQL (`sql.rs`), and run
//! by every engine. SQLite is the embedded engine: a file (WAL journal) for state that
//! survives restarts, or an in-memory database for throwaway state. PostgreSQL is the shared
//! one: several sclocal instances over one database serve one state (`postgres/`).

mod postgres;
pub mod sql;
mod sqlite;
mod tx;

pub use postgres::{fresh_schema, PostgresStore, DEFAULT_POOL_SIZE};
pub use sqlite::SqliteStore;
