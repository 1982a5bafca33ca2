//! Implementations of `sclocal_core::store::Store`. SQL lives here and nowhere else.
//!
//! The primitives over records (`tx/`) are written once, in portable SQL (`sql.rs`), and run
//! by every engine. SQLite is the engine: a file (WAL journal) for state that survives
//! restarts, or an in-memory database for throwaway state; the same code and migrations serve
//! both.

pub mod sql;
mod sqlite;
mod tx;

pub use sqlite::SqliteStore;
