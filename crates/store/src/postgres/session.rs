//! [`Conn`] on a PostgreSQL connection: one unit of work's transaction.
//!
//! The portable statements (`sql.rs`) number their arguments `?N`; PostgreSQL numbers them
//! `$N`, so each text is rewritten once, when its statement is prepared. Arguments are bound
//! to whatever type the server inferred for each placeholder (an integer flag compared with a
//! `BIGINT` column is bound as `int8`, the same flag in `LIMIT` too), and columns are read
//! back whatever integer or text type the server answers (`COUNT(*)` is `int8`, `EXISTS` is
//! `bool`, `SELECT 1` is `int4`).

use std::cell::Cell;
use std::error::Error;

use bytes::BytesMut;
use sclocal_core::store::StoreError;
use tokio_postgres::types::{to_sql_checked, FromSql, IsNull, ToSql, Type};
use tokio_postgres::Statement;

use super::client::PgClient;
use crate::sql::{backend, Arg, Conn, Row};

/// How a unit of work's transaction is opened: the statement that begins it, sent with the
/// unit's first statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    /// A read: one snapshot for every statement of the unit (REPEATABLE READ), read-only.
    Read,
    /// A write: READ COMMITTED, so that a statement run after `lock` sees everything the
    /// previous holder of that lock committed. Rules that must hold under concurrent writers
    /// take their lock first (core's `WriteTx::lock`).
    Write,
}

impl Mode {
    fn begin(self) -> &'static str {
        match self {
            Mode::Read => "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY",
            Mode::Write => "BEGIN ISOLATION LEVEL READ COMMITTED",
        }
    }
}

/// One unit of work on a connection. The transaction begins with the first statement.
pub(super) struct Session<'a> {
    client: &'a PgClient,
    mode: Mode,
    began: Cell<bool>,
    failed: Cell<bool>,
}

impl<'a> Session<'a> {
    pub(super) fn new(client: &'a PgClient, mode: Mode) -> Self {
        Session {
            client,
            mode,
            began: Cell::new(false),
            failed: Cell::new(false),
        }
    }

    /// Whether a transaction was opened (a unit that ran no statement opened none).
    pub(super) fn began(&self) -> bool {
        self.began.get()
    }

    /// Whether a statement failed (PostgreSQL then refuses the rest of the transaction).
    pub(super) fn failed(&self) -> bool {
        self.failed.get()
    }

    /// The prepared statement for `sql`, and the `BEGIN` still to send with the request
    /// that runs it, when it is the unit's first (preparing it may already have carried the
    /// `BEGIN`).
    fn prepared(&self, sql: &str) -> Result<(Statement, Option<&'static str>), StoreError> {
        let begin = (!self.began.get()).then(|| self.mode.begin());
        // From here the transaction is open (or the connection is gone): whatever happens,
        // the unit ends it.
        self.began.set(true);
        let (statement, sent) = self.client.statement(sql, begin)?;
        Ok((statement, begin.filter(|_| !sent)))
    }

    /// Runs `request`, pipelined behind `begin` when there is one; a failure is remembered.
    fn send<T>(
        &self,
        begin: Option<&str>,
        request: impl std::future::Future<Output = Result<T, tokio_postgres::Error>>,
    ) -> Result<T, StoreError> {
        let answer = match begin {
            Some(begin) => self
                .client
                .pipelined(self.client.client().batch_execute(begin), request)
                .map(|((), answer)| answer),
            None => self.client.block_on(request),
        };
        self.failed.set(self.failed.get() || answer.is_err());
        answer
    }
}

/// The arguments as the driver takes them.
fn params<'a>(args: &'a [Arg<'a>]) -> Vec<&'a (dyn ToSql + Sync)> {
    args.iter().map(|a| a as &(dyn ToSql + Sync)).collect()
}

impl Conn for Session<'_> {
    fn execute(&self, sql: &str, args: &[Arg<'_>]) -> Result<u64, StoreError> {
        let (statement, begin) = self.prepared(sql).inspect_err(|_| self.failed.set(true))?;
        let params = params(args);
        self.send(begin, self.client.client().execute(&statement, &params))
    }

    fn query(
        &self,
        sql: &str,
        args: &[Arg<'_>],
        each: &mut dyn FnMut(&dyn Row) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let (statement, begin) = self.prepared(sql).inspect_err(|_| self.failed.set(true))?;
        let params = params(args);
        let rows = self.send(begin, self.client.client().query(&statement, &params))?;
        for row in &rows {
            each(&PgRow(row))?;
        }
        Ok(())
    }

    /// A transaction-scoped advisory lock on a 64-bit hash of the key: released when the
    /// unit commits or rolls back, so a crashed instance never leaves one behind.
    fn lock(&self, key: &str) -> Result<(), StoreError> {
        self.execute(
            "SELECT pg_advisory_xact_lock(?1)",
            &[Arg::Int(lock_hash(key))],
        )
        .map(drop)
    }

    fn skip_locked(&self) -> &'static str {
        " FOR UPDATE SKIP LOCKED"
    }

    fn for_update(&self) -> &'static str {
        " FOR UPDATE"
    }
}

/// The advisory lock key of `key`: the first 8 bytes of its SHA-256, so every instance (and
/// every version of sclocal) computes the same number for the same key.
pub(super) fn lock_hash(key: &str) -> i64 {
    use sha2::Digest as _;
    let digest = sha2::Sha256::digest(key.as_bytes());
    let mut first = [0_u8; 8];
    first.copy_from_slice(&digest[..8]);
    i64::from_be_bytes(first)
}

impl ToSql for Arg<'_> {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut BytesMut,
    ) -> Result<IsNull, Box<dyn Error + Sync + Send>> {
        match *self {
            Arg::Null => Ok(IsNull::Yes),
            Arg::Int(v) => match *ty {
                Type::INT8 => v.to_sql(ty, out),
                Type::INT4 => i32::try_from(v)?.to_sql(ty, out),
                Type::INT2 => i16::try_from(v)?.to_sql(ty, out),
                Type::BOOL => (v != 0).to_sql(ty, out),
                _ => v.to_string().as_str().to_sql(ty, out),
            },
            Arg::Text(v) => v.to_sql(ty, out),
        }
    }

    fn accepts(ty: &Type) -> bool {
        matches!(*ty, Type::INT8 | Type::INT4 | Type::INT2 | Type::BOOL)
            || <&str as ToSql>::accepts(ty)
    }

    to_sql_checked!();
}

/// An integer column of any width, or a boolean as 0 / 1.
struct AnyInt(i64);

impl<'a> FromSql<'a> for AnyInt {
    fn from_sql(ty: &Type, raw: &'a [u8]) -> Result<Self, Box<dyn Error + Sync + Send>> {
        Ok(AnyInt(match *ty {
            Type::INT8 => i64::from_sql(ty, raw)?,
            Type::INT4 => i64::from(i32::from_sql(ty, raw)?),
            Type::INT2 => i64::from(i16::from_sql(ty, raw)?),
            _ => i64::from(bool::from_sql(ty, raw)?),
        }))
    }

    fn accepts(ty: &Type) -> bool {
        matches!(*ty, Type::INT8 | Type::INT4 | Type::INT2 | Type::BOOL)
    }
}

struct PgRow<'a>(&'a tokio_postgres::Row);

impl Row for PgRow<'_> {
    fn int(&self, column: usize) -> Result<i64, StoreError> {
        self.0
            .try_get::<_, AnyInt>(column)
            .map(|v| v.0)
            .map_err(backend)
    }

    fn opt_int(&self, column: usize) -> Result<Option<i64>, StoreError> {
        self.0
            .try_get::<_, Option<AnyInt>>(column)
            .map(|v| v.map(|v| v.0))
            .map_err(backend)
    }

    fn text(&self, column: usize) -> Result<String, StoreError> {
        self.0.try_get(column).map_err(backend)
    }

    fn opt_text(&self, column: usize) -> Result<Option<String>, StoreError> {
        self.0.try_get(column).map_err(backend)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_keys_hash_stably() {
        // Pinned: every instance and every version must lock the same number for a key.
        assert_eq!(
            lock_hash("portfolio/port-abc"),
            lock_hash("portfolio/port-abc")
        );
        assert_ne!(
            lock_hash("portfolio/port-abc"),
            lock_hash("portfolio/port-abd")
        );
        assert_eq!(
            lock_hash(""),
            i64::from_be_bytes(*b"\xe3\xb0\xc4\x42\x98\xfc\x1c\x14")
        );
    }
}
