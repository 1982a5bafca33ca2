//! Read-only connections to a WAL file, one snapshot per read, used from the callers'
//! threads so that reads never queue behind the writer.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use rusqlite::Connection;
use sclocal_core::store::StoreError;

use super::guard::{configure, exec, guarded, lock};
use crate::sql::backend;

/// Read-only connections to a WAL file, used from the callers' threads.
pub(super) struct Readers {
    conns: Box<[Mutex<Connection>]>,
    next: AtomicUsize,
}

impl Readers {
    pub(super) fn open(path: &Path) -> Result<Self, StoreError> {
        // One per runtime thread, and a few for the background worker and admin requests.
        let n = std::thread::available_parallelism().map_or(2, std::num::NonZero::get) + 2;
        let conns = (0..n)
            .map(|_| {
                let conn = Connection::open(path).map_err(backend)?;
                configure(&conn)?;
                // A unit of work that writes through `read` fails loudly instead of racing
                // the writer thread.
                conn.execute_batch("PRAGMA query_only=ON;")
                    .map_err(backend)?;
                Ok(Mutex::new(conn))
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(Readers {
            conns: conns.into_boxed_slice(),
            next: AtomicUsize::new(0),
        })
    }

    pub(super) fn read<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, E>,
    ) -> Result<T, E> {
        let n = self.conns.len();
        let start = self.next.fetch_add(1, Ordering::Relaxed) % n;
        let conn = (0..n)
            .find_map(|i| self.conns[(start + i) % n].try_lock().ok())
            .unwrap_or_else(|| lock(&self.conns[start]));
        // One snapshot for all of `f`'s statements.
        exec(&conn, "BEGIN", &[])?;
        let result = guarded(&conn, f);
        if let Err(e) = exec(&conn, "COMMIT", &[]) {
            let _ = exec(&conn, "ROLLBACK", &[]);
            return Err(e.into());
        }
        result
    }
}
