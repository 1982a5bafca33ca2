//! How the store reaches SQLite: every unit of work is a closure over a `&Connection`, run
//! either as a read or as a write.
//!
//! Writes go to one writer thread that owns the read-write connection and commits in groups:
//! it takes every unit of work that is waiting, runs each in its own SAVEPOINT inside one
//! transaction (a lone unit needs none), commits once and only then answers them all. A commit
//! writes the changed pages (to the WAL, or to an in-memory journal) once per group instead of
//! once per request, and a request never blocks a runtime thread on the write lock: it waits
//! on a channel.
//!
//! - A file database (WAL) reads on the caller's thread from a small pool of read-only
//!   connections, each in its own snapshot; reads never wait for the writer (WAL readers see
//!   the last commit).
//! - An in-memory database cannot be shared between connections, so reads take the writer's
//!   connection between groups (the writer holds it only while a group runs).
//!
//! Either way a write is acknowledged only after its transaction committed ("nothing
//! acknowledged is ever lost"), and a unit of work that fails is rolled back alone.

use std::path::Path;
use std::sync::{mpsc, Arc, Mutex};
use std::thread::JoinHandle;

use rusqlite::Connection;
use sclocal_core::store::StoreError;

use super::guard::{configure, exec, guarded, lock};
use super::readers::Readers;
use crate::sql::backend;

/// The most units of work committed together: bounds how long the first of a group waits
/// for the others, and how much one failed commit takes down with it.
const MAX_GROUP: usize = 256;

/// A unit of work for the writer thread: runs against the connection inside the open group
/// transaction (in its own savepoint when the group has others) and returns whether it
/// succeeded and how to deliver its result once the group's commit is known.
type Job = Box<dyn FnOnce(&Connection, Isolation) -> (bool, Deliver) + Send>;
/// Sends a job's result: `None` when the group committed, or the commit's error.
type Deliver = Box<dyn FnOnce(Option<&str>) + Send>;

/// How a unit of work is kept apart from the others of its group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Isolation {
    /// It is alone in the transaction: when it fails the whole transaction rolls back.
    Alone,
    /// It shares the transaction: it runs in a savepoint that a failure rolls back.
    Savepoint,
}

/// The database behind a `SqliteStore`: the writer, and where reads run.
pub(crate) struct Db {
    writer: Writer,
    reads: Reads,
}

enum Reads {
    /// The writer's own connection, between groups (an in-memory database).
    Shared(Arc<Mutex<Connection>>),
    /// Read-only connections to a WAL file.
    Pool(Readers),
}

impl Db {
    /// An in-memory database on `conn` (already migrated).
    pub(crate) fn single(conn: Connection) -> Result<Self, StoreError> {
        configure(&conn)?;
        let conn = Arc::new(Mutex::new(conn));
        Ok(Db {
            writer: Writer::start(conn.clone())?,
            reads: Reads::Shared(conn),
        })
    }

    /// A WAL database file at `path` whose writer connection is `conn` (already migrated).
    pub(crate) fn wal(path: &Path, conn: Connection) -> Result<Self, StoreError> {
        configure(&conn)?;
        let readers = Readers::open(path)?;
        Ok(Db {
            writer: Writer::start(Arc::new(Mutex::new(conn)))?,
            reads: Reads::Pool(readers),
        })
    }

    /// Runs `f` on a consistent snapshot of the database. `f` must not write: on a file
    /// store the connection is read-only and a write fails.
    pub(crate) fn read<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, E>,
    ) -> Result<T, E> {
        match &self.reads {
            // The writer holds the connection for a whole group, commit included, so what a
            // read sees between groups is committed.
            Reads::Shared(conn) => f(&lock(conn)),
            Reads::Pool(readers) => readers.read(f),
        }
    }

    /// Runs `f` as one atomic unit of work and answers once it is committed. When `f` fails
    /// (or panics) nothing it did is kept.
    pub(crate) async fn write<T, E, F>(&self, f: F) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
        F: FnOnce(&Connection) -> Result<T, E> + Send + 'static,
    {
        self.writer.write(f).await
    }
}

/// The writer thread's handle.
pub(crate) struct Writer {
    jobs: Option<mpsc::Sender<Job>>,
    thread: Option<JoinHandle<()>>,
}

impl Writer {
    fn start(conn: Arc<Mutex<Connection>>) -> Result<Self, StoreError> {
        let (jobs, queue) = mpsc::channel::<Job>();
        let thread = std::thread::Builder::new()
            .name("sqlite-writer".into())
            .spawn(move || run_writer(&conn, &queue))
            .map_err(backend)?;
        Ok(Writer {
            jobs: Some(jobs),
            thread: Some(thread),
        })
    }

    async fn write<T, E, F>(&self, f: F) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
        F: FnOnce(&Connection) -> Result<T, E> + Send + 'static,
    {
        let (answer, answered) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move |conn: &Connection, isolation| {
            let result = match isolation {
                Isolation::Savepoint => in_savepoint(conn, f),
                Isolation::Alone => guarded(conn, f),
            };
            let ok = result.is_ok();
            let deliver = Box::new(move |commit_error: Option<&str>| {
                let result = match commit_error {
                    None => result,
                    Some(e) => Err(StoreError::Backend(
                        format!("commit failed, nothing was written: {e}").into(),
                    )
                    .into()),
                };
                // The caller may have gone away (its client disconnected); the work is
                // committed either way.
                let _ = answer.send(result);
            }) as Deliver;
            (ok, deliver)
        });
        self.jobs
            .as_ref()
            .and_then(|jobs| jobs.send(job).ok())
            .ok_or_else(|| StoreError::Backend("the store is closed".into()))?;
        answered
            .await
            .map_err(|_| StoreError::Backend("the store's writer stopped".into()))?
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        // Closing the queue lets the thread finish what is queued and stop.
        drop(self.jobs.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// One unit of work inside the group transaction.
fn in_savepoint<T, E: From<StoreError>>(
    conn: &Connection,
    f: impl FnOnce(&Connection) -> Result<T, E>,
) -> Result<T, E> {
    exec(conn, "SAVEPOINT unit", &[])?;
    let result = guarded(conn, f);
    if result.is_err() {
        exec(conn, "ROLLBACK TO unit", &[])?;
    }
    exec(conn, "RELEASE unit", &[])?;
    result
}

fn run_writer(conn: &Mutex<Connection>, queue: &mpsc::Receiver<Job>) {
    let mut group: Vec<Job> = Vec::with_capacity(MAX_GROUP);
    let mut delivers: Vec<Deliver> = Vec::with_capacity(MAX_GROUP);
    while let Ok(first) = queue.recv() {
        group.push(first);
        group.extend(queue.try_iter().take(MAX_GROUP - 1));
        // Held for the group only: an in-memory database's reads run between groups, and
        // answers are sent after the lock is released.
        let commit_error = run_group(&lock(conn), &mut group, &mut delivers).err();
        // Units that never ran (BEGIN failed) drop their answer channel: their callers get
        // an error too.
        group.clear();
        for deliver in delivers.drain(..) {
            deliver(commit_error.as_deref());
        }
    }
}

/// Runs `group` in one transaction; the units' answers go to `delivers`.
fn run_group(
    conn: &Connection,
    group: &mut Vec<Job>,
    delivers: &mut Vec<Deliver>,
) -> Result<(), String> {
    exec(conn, "BEGIN IMMEDIATE", &[]).map_err(|e| e.to_string())?;
    if group.len() == 1 {
        // A lone unit needs no savepoint (two statements fewer on the common path at low
        // load): when it fails, rolling the transaction back undoes exactly its work.
        let job = group.pop().expect("one job");
        let (ok, deliver) = job(conn, Isolation::Alone);
        delivers.push(deliver);
        if !ok {
            // The unit's own error is its answer; a failed rollback shows up as the next
            // group's failed BEGIN.
            let _ = exec(conn, "ROLLBACK", &[]);
            return Ok(());
        }
    } else {
        delivers.extend(group.drain(..).map(|job| job(conn, Isolation::Savepoint).1));
    }
    exec(conn, "COMMIT", &[]).map(drop).map_err(|e| {
        let _ = exec(conn, "ROLLBACK", &[]);
        tracing::error!(error = %e, units = delivers.len(), "group commit failed");
        e.to_string()
    })
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    const TABLE: &str = "CREATE TABLE t (n INTEGER PRIMARY KEY, who TEXT NOT NULL);";

    fn memory_db() -> Db {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(TABLE).unwrap();
        Db::single(conn).unwrap()
    }

    fn file_db(dir: &Path) -> Db {
        let path = dir.join("t.db");
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "PRAGMA journal_mode=WAL; CREATE TABLE t (n INTEGER PRIMARY KEY, who TEXT NOT NULL);",
        )
        .unwrap();
        Db::wal(&path, conn).unwrap()
    }

    fn insert(tx: &Connection, n: i64) -> Result<(), StoreError> {
        tx.execute("INSERT INTO t (n, who) VALUES (?1, 'unit')", [n])
            .map_err(backend)?;
        Ok(())
    }

    /// Many concurrent units land in shared groups: the ones that fail (after writing) or
    /// panic leave nothing behind, the others are all committed, and each caller gets its own
    /// answer.
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn a_failing_unit_rolls_back_alone_inside_a_group() {
        let dir = tempfile::tempdir().unwrap();
        units_in_groups(Arc::new(file_db(dir.path()))).await;
        units_in_groups(Arc::new(memory_db())).await;
    }

    async fn units_in_groups(db: Arc<Db>) {
        let mut tasks = Vec::new();
        for n in 0..400_i64 {
            let db = db.clone();
            tasks.push(tokio::spawn(async move {
                db.write(move |tx| {
                    insert(tx, n)?;
                    match n % 4 {
                        1 => Err(StoreError::Backend("refused".into())),
                        2 if n % 8 == 2 => panic!("unit {n} panics"),
                        _ => Ok(n),
                    }
                })
                .await
            }));
        }
        let mut answered = Vec::new();
        for (n, task) in (0_i64..).zip(tasks) {
            let answer = task.await.unwrap();
            let should_fail = n % 4 == 1 || n % 8 == 2;
            assert_eq!(answer.is_err(), should_fail, "unit {n}: {answer:?}");
            if let Ok(v) = answer {
                assert_eq!(v, n);
                answered.push(n);
            }
        }
        let stored: Vec<i64> = db
            .read(|c| {
                c.prepare("SELECT n FROM t ORDER BY n")
                    .unwrap()
                    .query_map([], |r| r.get(0))
                    .unwrap()
                    .collect::<rusqlite::Result<_>>()
                    .map_err(backend)
            })
            .unwrap();
        assert_eq!(stored, answered);
    }

    /// Reads run on read-only connections: a write through `read` fails instead of racing
    /// the writer thread.
    #[tokio::test]
    async fn reads_cannot_write() {
        let dir = tempfile::tempdir().unwrap();
        let db = file_db(dir.path());
        let wrote = db.read(|c| insert(c, 1));
        assert!(wrote.is_err());
        db.write(|tx| insert(tx, 2)).await.unwrap();
        let n: i64 = db
            .read(|c| {
                c.query_row("SELECT COUNT(*) FROM t", [], |r| r.get(0))
                    .map_err(backend)
            })
            .unwrap();
        assert_eq!(n, 1);
    }
}
