//! The engine-neutral face of SQL that every unit of work is written against.
//!
//! Units of work (the store's operation-shaped transactions) are written once, against
//! [`Conn`], and every engine runs them: SQLite (one writer thread, group commit) and
//! PostgreSQL (a pool, row and advisory locks). Statements use a portable subset of SQL that
//! both engines accept unchanged: `?N` placeholders (an engine that numbers them `$N` rewrites
//! them when it prepares the statement), `INSERT … ON CONFLICT … DO NOTHING / DO UPDATE`,
//! `RETURNING`, integers for flags, no engine-specific functions.
//!
//! Decisions are not made here: a unit of work gathers the facts, asks the rule in
//! `sclocal-core` (a pure function) and writes what it decided.

use sclocal_core::store::StoreError;

/// A statement argument.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Arg<'a> {
    /// SQL NULL.
    Null,
    /// An integer (64 bits in every engine).
    Int(i64),
    /// Text.
    Text(&'a str),
}

impl From<i64> for Arg<'_> {
    fn from(v: i64) -> Self {
        Arg::Int(v)
    }
}

impl From<bool> for Arg<'_> {
    /// Flags are integers 0 and 1 in every engine, so one statement text fits all.
    fn from(v: bool) -> Self {
        Arg::Int(i64::from(v))
    }
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(v: &'a str) -> Self {
        Arg::Text(v)
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(v: &'a String) -> Self {
        Arg::Text(v)
    }
}

impl<'a, T> From<Option<T>> for Arg<'a>
where
    T: Into<Arg<'a>>,
{
    fn from(v: Option<T>) -> Self {
        v.map_or(Arg::Null, Into::into)
    }
}

/// Builds the argument slice of a statement: `args![id, region, limit]`.
#[macro_export]
macro_rules! args {
    ($($a:expr),* $(,)?) => {
        &[$($crate::sql::Arg::from($a)),*][..]
    };
}

/// One result row. Columns are read by position, in the order of the statement's `SELECT`.
pub trait Row {
    /// A non-null integer (flags and `EXISTS` too: engines that answer booleans give 0 or 1).
    fn int(&self, column: usize) -> Result<i64, StoreError>;
    /// A nullable integer.
    fn opt_int(&self, column: usize) -> Result<Option<i64>, StoreError>;
    /// Non-null text.
    fn text(&self, column: usize) -> Result<String, StoreError>;
    /// Nullable text.
    fn opt_text(&self, column: usize) -> Result<Option<String>, StoreError>;

    /// A flag stored as 0 or 1.
    fn flag(&self, column: usize) -> Result<bool, StoreError> {
        Ok(self.int(column)? != 0)
    }
}

/// Parses an optional stored value into a domain type.
pub fn parsed_opt<T>(
    row: &dyn Row,
    column: usize,
    parse: impl FnOnce(&str) -> Option<T>,
) -> Result<Option<T>, StoreError> {
    match row.opt_text(column)? {
        None => Ok(None),
        Some(text) => parse(&text).map(Some).ok_or_else(|| corrupt(column, &text)),
    }
}

/// Parses a stored value into a domain type (the `dyn Row` form of [`Row::parsed`]).
pub fn parsed<T>(
    row: &dyn Row,
    column: usize,
    parse: impl FnOnce(&str) -> Option<T>,
) -> Result<T, StoreError> {
    let text = row.text(column)?;
    parse(&text).ok_or_else(|| corrupt(column, &text))
}

/// The error for a stored value that is not what the schema promises.
pub fn corrupt(column: usize, value: &str) -> StoreError {
    StoreError::Backend(format!("stored value {value:?} in column {column} is not valid").into())
}

/// A connection inside a unit of work (a read snapshot or a write transaction).
pub trait Conn {
    /// Runs a statement; the number of rows it changed.
    fn execute(&self, sql: &str, args: &[Arg<'_>]) -> Result<u64, StoreError>;

    /// Runs a query and calls `each` for every row, in order.
    fn query(
        &self,
        sql: &str,
        args: &[Arg<'_>],
        each: &mut dyn FnMut(&dyn Row) -> Result<(), StoreError>,
    ) -> Result<(), StoreError>;

    /// Serializes the writers that decide on `key` (a portfolio, an organization, an account
    /// and region) until the transaction ends. An engine with one writer has nothing to do;
    /// an engine with concurrent writers takes a lock, so a rule checked inside the unit of
    /// work still holds when it commits.
    fn lock(&self, key: &str) -> Result<(), StoreError>;

    /// What a `SELECT … LIMIT 1` that picks a row to update in the same transaction ends
    /// with, so that concurrent transactions pick different rows: `" FOR UPDATE SKIP
    /// LOCKED"` where writers run concurrently, nothing where there is one writer.
    fn skip_locked(&self) -> &'static str {
        ""
    }

    /// What a `SELECT` of a row that decides this transaction's writes ends with, so that a
    /// concurrent transaction changing that row waits for this one (and this one sees its
    /// change if it committed first): `" FOR UPDATE"` where writers run concurrently, nothing
    /// where there is one writer.
    fn for_update(&self) -> &'static str {
        ""
    }
}

impl dyn Conn + '_ {
    /// Every row, mapped.
    pub fn all<T>(
        &self,
        sql: &str,
        args: &[Arg<'_>],
        mut map: impl FnMut(&dyn Row) -> Result<T, StoreError>,
    ) -> Result<Vec<T>, StoreError> {
        let mut out = Vec::new();
        self.query(sql, args, &mut |row| {
            out.push(map(row)?);
            Ok(())
        })?;
        Ok(out)
    }

    /// The first row, mapped, if there is one.
    pub fn first<T>(
        &self,
        sql: &str,
        args: &[Arg<'_>],
        map: impl FnOnce(&dyn Row) -> Result<T, StoreError>,
    ) -> Result<Option<T>, StoreError> {
        let mut map = Some(map);
        let mut out = None;
        self.query(sql, args, &mut |row| {
            if let Some(map) = map.take() {
                out = Some(map(row)?);
            }
            Ok(())
        })?;
        Ok(out)
    }

    /// The one integer a query answers (`COUNT(*)`, `EXISTS(…)`); 0 when it answers no row.
    pub fn int(&self, sql: &str, args: &[Arg<'_>]) -> Result<i64, StoreError> {
        Ok(self.first(sql, args, |r| r.int(0))?.unwrap_or(0))
    }

    /// Whether a query answers any row.
    pub fn exists(&self, sql: &str, args: &[Arg<'_>]) -> Result<bool, StoreError> {
        Ok(self.first(sql, args, |_| Ok(()))?.is_some())
    }

    /// A count as `usize`.
    pub fn count(&self, sql: &str, args: &[Arg<'_>]) -> Result<usize, StoreError> {
        Ok(usize::try_from(self.int(sql, args)?).unwrap_or(0))
    }
}

/// Where units of work run. Each engine decides how a read gets its snapshot and how a write
/// becomes one atomic, durable transaction; the units of work are the same for all.
pub trait Engine: Send + Sync + 'static {
    /// Runs `f` on a consistent snapshot. `f` must not write.
    fn read<T, F>(&self, f: F) -> impl std::future::Future<Output = Result<T, StoreError>> + Send
    where
        T: Send + 'static,
        F: FnOnce(&dyn Conn) -> Result<T, StoreError> + Send + 'static;

    /// Runs `f` as one atomic unit of work and answers once it is durable; when `f` fails
    /// nothing it did is kept.
    fn write<T, F>(&self, f: F) -> impl std::future::Future<Output = Result<T, StoreError>> + Send
    where
        T: Send + 'static,
        F: FnOnce(&dyn Conn) -> Result<T, StoreError> + Send + 'static;
}

/// A backend error from any engine's driver.
pub fn backend(e: impl std::error::Error + Send + Sync + 'static) -> StoreError {
    StoreError::Backend(Box::new(e))
}
