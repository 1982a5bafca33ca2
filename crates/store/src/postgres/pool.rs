//! The connections of a [`super::PostgresStore`] and the units of work run on them.
//!
//! A unit waits (asynchronously) for one of `size` permits, then runs on a blocking thread
//! with a connection of its own: an idle one, or a new one opened there. Connections are
//! reused last-in first-out, so the busiest keep their prepared statements warm. Writing the
//! pool by hand rather than taking `deadpool`/`r2d2`: it must hand a connection to a blocking
//! thread that drives it (see `client.rs`), open and drop connections only on such threads,
//! and wait for a permit without blocking a runtime thread; that is these few lines.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex};

use sclocal_core::store::StoreError;
use tokio::sync::Semaphore;
use tokio_postgres::Config;

use super::client::PgClient;
use super::session::{Mode, Session};
use crate::sql::Conn;

/// The connections of one store.
pub(super) struct Pool {
    config: Config,
    idle: Mutex<Vec<PgClient>>,
    permits: Arc<Semaphore>,
}

impl Pool {
    pub(super) fn new(config: Config, size: usize) -> Self {
        Pool {
            config,
            idle: Mutex::new(Vec::new()),
            permits: Arc::new(Semaphore::new(size.max(1))),
        }
    }

    /// Runs `f` as one unit of work: on a consistent snapshot (`Mode::Read`) or as one
    /// transaction (`Mode::Write`) that commits, durably, only if `f` answers `Ok`.
    pub(super) async fn unit<T, E, F>(self: &Arc<Self>, mode: Mode, f: F) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
        F: FnOnce(&dyn Conn) -> Result<T, E> + Send + 'static,
    {
        let permit = self
            .permits
            .clone()
            .acquire_owned()
            .await
            .map_err(|_| StoreError::Backend("the store is closed".into()))?;
        let pool = self.clone();
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let client = pool.checkout()?;
            let answer = run_unit(&client, mode, f);
            pool.checkin(client);
            answer
        })
        .await
        .map_err(|e| StoreError::Backend(format!("a unit of work did not finish: {e}").into()))?
    }

    /// An idle connection, or a new one.
    fn checkout(&self) -> Result<PgClient, StoreError> {
        loop {
            let idle = self
                .idle
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .pop();
            match idle {
                Some(client) if client.usable() => return Ok(client),
                // A connection the server closed while it sat idle: open another.
                Some(_) => {}
                None => return PgClient::connect(&self.config),
            }
        }
    }

    fn checkin(&self, client: PgClient) {
        if !client.broken() {
            self.idle
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .push(client);
        }
    }
}

/// One unit of work on `client`: the transaction opens with the unit's first statement; a
/// write commits and waits for the commit (durable when it answers); a read's end, and any
/// rollback, is sent without waiting (the connection runs it before anything sent after).
fn run_unit<T, E: From<StoreError>>(
    client: &PgClient,
    mode: Mode,
    f: impl FnOnce(&dyn Conn) -> Result<T, E>,
) -> Result<T, E> {
    let session = Session::new(client, mode);
    let answer = catch_unwind(AssertUnwindSafe(|| f(&session))).unwrap_or_else(|_| {
        client.discard();
        Err(StoreError::Backend("a unit of work panicked; it was rolled back".into()).into())
    });
    if !session.began() {
        return answer;
    }
    match answer {
        Ok(_) if session.failed() => {
            // PostgreSQL aborted the transaction at the failed statement: nothing of it can
            // commit, whatever the unit made of the error.
            client.send_only("ROLLBACK")?;
            Err(StoreError::Backend(
                "a statement of the unit of work failed; it was rolled back".into(),
            )
            .into())
        }
        Ok(value) => {
            match mode {
                Mode::Read => client.send_only("COMMIT")?,
                Mode::Write => client.block_on(client.client().batch_execute("COMMIT"))?,
            }
            Ok(value)
        }
        Err(e) => {
            client.send_only("ROLLBACK")?;
            Err(e)
        }
    }
}
