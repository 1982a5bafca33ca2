//! One PostgreSQL connection, driven synchronously from the thread that runs a unit of work.
//!
//! Why this shape: units of work are synchronous closures over `&dyn Conn` (`sql.rs`), so each
//! statement must answer before the closure goes on. The store runs every unit on a blocking
//! thread (`spawn_blocking`), and that thread drives its connection itself: each connection
//! owns a small current-thread tokio runtime and polls `tokio_postgres`'s connection future
//! in the same `block_on` as the request, exactly as the synchronous `postgres` crate does.
//! A statement therefore costs one write and one read on the socket by the waiting thread —
//! no hop to a connection task on another thread and back (what `tokio-postgres` or
//! `deadpool-postgres` driven through `Handle::block_on` would cost twice per statement). We
//! use `tokio_postgres` directly rather than the `postgres` crate for one thing it does not
//! expose: **pipelining**. A unit's `BEGIN` travels in the same packet as its first
//! statement, and a read's `COMMIT` is sent without waiting for its answer (the next use of
//! the connection reads it), so a read of one statement costs one round trip.
//!
//! Statements are prepared once per connection and cached, so a statement is bound and run in
//! one message exchange.

use std::cell::RefCell;
use std::collections::HashMap;
use std::future::{poll_fn, Future};
use std::pin::{pin, Pin};
use std::task::Poll;

use sclocal_core::store::StoreError;
use tokio_postgres::tls::NoTlsStream;
use tokio_postgres::{Client, Config, NoTls, Socket, Statement};

use crate::sql::backend;

/// The most statements kept prepared per connection. The store has a few hundred distinct
/// statements; the cap only guards against a caller that builds statement texts freely.
const STATEMENT_CACHE: usize = 1024;

/// A current-thread runtime that is shut down without waiting when dropped, so that a
/// connection may be dropped anywhere (a plain `Runtime` panics when dropped inside an async
/// context, as a store dropped by a test or at shutdown would be).
struct OwnRuntime(Option<tokio::runtime::Runtime>);

impl Drop for OwnRuntime {
    fn drop(&mut self) {
        if let Some(runtime) = self.0.take() {
            runtime.shutdown_background();
        }
    }
}

type Driver = Pin<Box<tokio_postgres::Connection<Socket, NoTlsStream>>>;

/// One connection to the server, used by one thread at a time.
pub(super) struct PgClient {
    client: Client,
    /// The protocol's state machine: reads answers, writes queued requests.
    driver: RefCell<Driver>,
    statements: RefCell<HashMap<String, Statement>>,
    /// Set once the connection failed; the pool drops it instead of reusing it.
    broken: std::cell::Cell<bool>,
    // Last: dropped after the socket that is registered with it.
    runtime: OwnRuntime,
}

impl PgClient {
    /// Connects. Must run on a thread that may block (never inside an async task).
    pub(super) fn connect(config: &Config) -> Result<Self, StoreError> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(backend)?;
        let (client, connection) = runtime.block_on(config.connect(NoTls)).map_err(backend)?;
        Ok(PgClient {
            client,
            driver: RefCell::new(Box::pin(connection)),
            statements: RefCell::new(HashMap::new()),
            broken: std::cell::Cell::new(false),
            runtime: OwnRuntime(Some(runtime)),
        })
    }

    /// Whether the connection may be used again.
    pub(super) fn usable(&self) -> bool {
        if self.broken() {
            return false;
        }
        // Reads whatever the server sent while the connection sat idle (the answer to a
        // read's COMMIT, or the end of a connection the server closed) without waiting: the
        // yield lets the runtime look at the socket once before the driver is polled.
        let mut driver = self.driver.borrow_mut();
        let ended = self.runtime().block_on(async {
            tokio::task::yield_now().await;
            poll_fn(|cx| Poll::Ready(driver.as_mut().poll(cx).is_ready())).await
        });
        if ended {
            self.broken.set(true);
        }
        !ended
    }

    /// Whether the connection is known to be unusable.
    pub(super) fn broken(&self) -> bool {
        self.broken.get() || self.client.is_closed()
    }

    /// Marks the connection as not to be reused.
    pub(super) fn discard(&self) {
        self.broken.set(true);
    }

    pub(super) fn client(&self) -> &Client {
        &self.client
    }

    fn runtime(&self) -> &tokio::runtime::Runtime {
        self.runtime
            .0
            .as_ref()
            .expect("the runtime lives as long as the client")
    }

    /// Runs `request` to completion, driving the connection meanwhile.
    pub(super) fn block_on<T>(
        &self,
        request: impl Future<Output = Result<T, tokio_postgres::Error>>,
    ) -> Result<T, StoreError> {
        let mut driver = self.driver.borrow_mut();
        let mut request = pin!(request);
        let answer = self.runtime().block_on(poll_fn(|cx| {
            // The driver first: it writes what earlier requests queued and hands out what the
            // server answered. It only ever completes when the connection ends.
            if let Poll::Ready(end) = driver.as_mut().poll(cx) {
                return Poll::Ready(Err(end.err().map_or_else(closed, backend)));
            }
            request.as_mut().poll(cx).map_err(backend)
        }));
        if answer.is_err() && self.client.is_closed() {
            self.broken.set(true);
        }
        answer
    }

    /// Runs `first` and `second` pipelined: both are sent before either answer is awaited
    /// (requests go out in the order they are first polled, and `first` is polled first).
    pub(super) fn pipelined<A, B>(
        &self,
        first: impl Future<Output = Result<A, tokio_postgres::Error>>,
        second: impl Future<Output = Result<B, tokio_postgres::Error>>,
    ) -> Result<(A, B), StoreError> {
        let (mut first, mut second) = (pin!(first), pin!(second));
        let (mut a, mut b) = (None, None);
        self.block_on(poll_fn(|cx| {
            if a.is_none() {
                if let Poll::Ready(r) = first.as_mut().poll(cx) {
                    a = Some(r);
                }
            }
            if b.is_none() {
                if let Poll::Ready(r) = second.as_mut().poll(cx) {
                    b = Some(r);
                }
            }
            match (a.take(), b.take()) {
                (Some(ra), Some(rb)) => Poll::Ready(Ok((ra, rb))),
                (ra, rb) => {
                    (a, b) = (ra, rb);
                    Poll::Pending
                }
            }
        }))
        .and_then(|(ra, rb)| Ok((ra.map_err(backend)?, rb.map_err(backend)?)))
    }

    /// Sends a simple statement (`COMMIT` of a read) and returns without waiting for its
    /// answer; the connection reads and drops that answer the next time it is driven. The
    /// server runs requests in order, so whatever is sent next runs after it.
    pub(super) fn send_only(&self, sql: &str) -> Result<(), StoreError> {
        let mut request = pin!(self.client.batch_execute(sql));
        let mut driver = self.driver.borrow_mut();
        self.runtime()
            .block_on(poll_fn(|cx| {
                // Polling the request queues it; polling the driver then writes it out.
                let _ = request.as_mut().poll(cx);
                if let Poll::Ready(end) = driver.as_mut().poll(cx) {
                    return Poll::Ready(Err(end.err().map_or_else(closed, backend)));
                }
                Poll::Ready(Ok(()))
            }))
            .inspect_err(|_| self.broken.set(true))
    }

    /// The prepared statement for `sql` (portable text, `?N` placeholders), prepared on first
    /// use.
    /// `begin`, when given, is sent in the same packet as the preparation.
    pub(super) fn statement(
        &self,
        sql: &str,
        begin: Option<&str>,
    ) -> Result<(Statement, bool), StoreError> {
        if let Some(statement) = self.statements.borrow().get(sql) {
            return Ok((statement.clone(), false));
        }
        let statement = match begin {
            Some(begin) => {
                let text = numbered(sql);
                self.pipelined(self.client.batch_execute(begin), self.client.prepare(&text))?
                    .1
            }
            None => self.block_on(self.client.prepare(&numbered(sql)))?,
        };
        let mut statements = self.statements.borrow_mut();
        if statements.len() >= STATEMENT_CACHE {
            statements.clear();
        }
        statements.insert(sql.to_string(), statement.clone());
        Ok((statement, begin.is_some()))
    }
}

/// `sql` with `?N` placeholders renumbered `$N` (outside quoted text).
pub(super) fn numbered(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut quoted = None;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (None, '\'' | '"') => quoted = Some(c),
            (Some(q), _) if c == q => quoted = None,
            (None, '?') if chars.peek().is_some_and(char::is_ascii_digit) => {
                out.push('$');
                continue;
            }
            _ => {}
        }
        out.push(c);
    }
    out
}

fn closed() -> StoreError {
    StoreError::Backend("the PostgreSQL connection closed".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_renumbered_outside_quotes() {
        assert_eq!(
            numbered("SELECT a FROM t WHERE b = ?1 AND c = '?2' AND \"d?3\" = ?12"),
            "SELECT a FROM t WHERE b = $1 AND c = '?2' AND \"d?3\" = $12"
        );
        assert_eq!(numbered("SELECT ? , ?x"), "SELECT ? , ?x");
    }
}
