//! The WAL checkpointer of a file store: its own connection on its own thread, so no request
//! pays for copying the log back into the database (SQLite's automatic checkpoint runs inside
//! the commit that crosses its threshold and syncs the database file: the write tail).
//!
//! Each round is a PASSIVE checkpoint, which copies what it can without waiting for the writer
//! or readers. That alone never lets the log start over under a steady stream of writes: SQLite
//! rewinds the WAL only when a write begins after a checkpoint has copied every frame, and by
//! the time a PASSIVE round ends the writer has appended more; nor does it ever shrink the
//! file. Measured on 2026-12-07 (12 s of CreatePortfolioShare at 16 connections, about 27,000
//! writes a second): a 60 MB database had a 3 GB WAL, and kept it after the load stopped.
//!
//! So a round also truncates the log (a TRUNCATE checkpoint: it holds new writes back while it
//! copies what PASSIVE left, syncs the database and cuts the file to zero bytes; readers are
//! never blocked, and it gives up at once while one is still on the log) once the writer has
//! been idle since the previous round, when holding writes back costs nobody anything. Not
//! under load: truncating whenever the log passed a cap took that benchmark's p99 from 3-4 ms
//! to 37-42 ms with a 64 MiB cap and to 223-325 ms with a 1 GiB one. A log therefore grows for
//! as long as writes never pause for a quarter of a second, and is cut at the first pause
//! (BENCHMARKS.md, "What is left").

use std::path::Path;
use std::sync::mpsc::{channel, RecvTimeoutError, Sender};
use std::time::Duration;

use rusqlite::Connection;
use sclocal_core::store::StoreError;

use crate::sql::backend;

/// How often the WAL is checkpointed.
const EVERY: Duration = Duration::from_millis(250);

/// The running checkpointer; dropping it stops the thread.
pub(super) struct Checkpointer {
    stop: Sender<()>,
}

impl Checkpointer {
    /// Starts checkpointing the WAL of the database file `path`.
    pub(super) fn start(path: &Path) -> Result<Self, StoreError> {
        let conn = open(path).map_err(backend)?;
        let (stop, stopped) = channel::<()>();
        std::thread::Builder::new()
            .name("sqlite-checkpoint".into())
            .spawn(move || {
                let mut last = 0;
                while let Err(RecvTimeoutError::Timeout) = stopped.recv_timeout(EVERY) {
                    if let Err(e) = round(&conn, &mut last) {
                        tracing::warn!(error = %e, "WAL checkpoint failed; retrying");
                    }
                }
            })
            .map_err(backend)?;
        Ok(Checkpointer { stop })
    }
}

/// The checkpointer's connection to `path`.
fn open(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open(path)?;
    // No busy handler (rusqlite's default is five seconds): a TRUNCATE holds writes back for
    // as long as it waits, so when a read is still on the log (a long access report, another
    // process) it gives up at once and the next idle round tries again.
    conn.busy_timeout(Duration::ZERO)?;
    Ok(conn)
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        let _ = self.stop.send(());
    }
}

/// One round: a PASSIVE checkpoint, then a TRUNCATE one when the log holds frames and none
/// was added since the previous round (`last`, the log's length then). A TRUNCATE that gives
/// up (busy: a read is on the log, or a write began) is tried again next round.
fn round(conn: &Connection, last: &mut i64) -> rusqlite::Result<()> {
    // `PRAGMA wal_checkpoint` answers (busy, frames in the log, frames checkpointed).
    let frames: i64 = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| r.get(1))?;
    let idle = frames == *last;
    *last = frames;
    if frames > 0 && idle {
        let (busy, left): (i64, i64) =
            conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        if busy == 0 {
            *last = left;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wal_len(dir: &Path) -> u64 {
        std::fs::metadata(dir.join("db-wal")).map_or(0, |m| m.len())
    }

    /// A log that readers kept from rewinding (under load some read always holds an old
    /// snapshot), as the writer left it: `n` rows written while a reader held on.
    fn grown_log(dir: &Path, n: i64) -> (Connection, Connection) {
        let path = dir.join("db");
        let writer = Connection::open(&path).unwrap();
        writer
            .execute_batch(
                "PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0;
                 CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, v BLOB);",
            )
            .unwrap();
        let checkpointer = open(&path).unwrap();
        let reader = Connection::open(&path).unwrap();
        reader.execute_batch("BEGIN").unwrap();
        let _: i64 = reader
            .query_row("SELECT count(*) FROM t", [], |r| r.get(0))
            .unwrap();
        for _ in 0..n {
            writer
                .execute("INSERT INTO t (v) VALUES (zeroblob(3000))", [])
                .unwrap();
        }
        reader.execute_batch("COMMIT").unwrap();
        (writer, checkpointer)
    }

    fn rows(conn: &Connection) -> i64 {
        conn.query_row("SELECT count(*) FROM t", [], |r| r.get(0))
            .unwrap()
    }

    #[test]
    #[expect(
        clippy::disallowed_methods,
        reason = "checks that a round does not wait"
    )]
    fn the_log_is_truncated_once_the_writer_rests_not_while_it_writes() {
        let dir = tempfile::tempdir().unwrap();
        let (writer, checkpointer) = grown_log(dir.path(), 2_000);
        let grown = wal_len(dir.path());
        assert!(grown > 4_000_000, "the log grew: {grown} bytes");
        // A read that began on the log before the round: the idle round gives up at once
        // instead of holding writes back while it waits.
        let reader = Connection::open(dir.path().join("db")).unwrap();
        reader.execute_batch("BEGIN").unwrap();
        assert_eq!(rows(&reader), 2_000);
        let mut last = 0;
        round(&checkpointer, &mut last).unwrap();
        assert_eq!(
            wal_len(dir.path()),
            grown,
            "written since the last round: kept"
        );
        let started = std::time::Instant::now();
        round(&checkpointer, &mut last).unwrap();
        assert!(
            started.elapsed() < Duration::from_secs(1),
            "it did not wait"
        );
        assert_eq!(wal_len(dir.path()), grown, "a reader is on it: kept");
        reader.execute_batch("COMMIT").unwrap();

        round(&checkpointer, &mut last).unwrap();
        assert_eq!(wal_len(dir.path()), 0, "nothing written since: truncated");
        assert_eq!(rows(&writer), 2_000, "nothing is lost");
        // And the next write starts a new log that the next idle round truncates again.
        writer
            .execute("INSERT INTO t (v) VALUES (zeroblob(3000))", [])
            .unwrap();
        round(&checkpointer, &mut last).unwrap();
        round(&checkpointer, &mut last).unwrap();
        assert_eq!(wal_len(dir.path()), 0);
        assert_eq!(rows(&writer), 2_001);
    }
}
