//! Implementations of `sclocal_core::store::Store`. SQL lives here and nowhere else.
//! SQLite is the engine: a file (WAL journal) for state that survives restarts, or an
//! in-memory database for throwaway state; the same code and migrations serve both.

mod sqlite;

pub use sqlite::SqliteStore;
