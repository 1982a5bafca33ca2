//! The store's primitives over records, written once in portable SQL (see `sql.rs`) and run
//! by every engine: [`Tx`] implements core's `…Reads` / `…Writes` traits on any [`Conn`].
//! One file per domain; each holds its table's columns, its row mapping and its statements.

use sclocal_core::ids::AccountId;
use sclocal_core::store::{Cursor, Lock, Page, StoreError, WriteTx};

use crate::sql::{parsed, Conn, Row};

mod copy_products;
mod jobs;
mod organizations;
mod plans;
mod policies;
mod portfolios;
mod products;
mod provisioning;
mod service_actions;
mod sessions;
mod share_ops;
mod shares;
mod vending;

/// A unit of work's view of the store: a read snapshot or a write transaction.
pub struct Tx<'a> {
    conn: &'a dyn Conn,
}

impl<'a> Tx<'a> {
    /// The primitives over `conn`.
    pub fn new(conn: &'a dyn Conn) -> Self {
        Tx { conn }
    }
}

impl WriteTx for Tx<'_> {
    fn lock(&self, lock: Lock<'_>) -> Result<(), StoreError> {
        self.conn.lock(&lock.key())
    }
}

/// The stored account id in `column`.
pub(crate) fn account(row: &dyn Row, column: usize) -> Result<AccountId, StoreError> {
    parsed(row, column, AccountId::parse)
}

/// Tags kept as a JSON array of `[key, value]` pairs in insertion order: a list, not a
/// record, so its disk form does not follow any Rust type's field names.
pub(crate) fn tags_to_json(tags: &[(String, String)]) -> String {
    serde_json::to_string(tags).unwrap_or_else(|_| "[]".into())
}

/// Reads a [`tags_to_json`] column.
pub(crate) fn tags_from_json(
    row: &dyn Row,
    column: usize,
) -> Result<Vec<(String, String)>, StoreError> {
    let text = row.text(column)?;
    serde_json::from_str(&text).map_err(|_| crate::sql::corrupt(column, &text))
}

/// A list or map kept as JSON (parameters, outputs, errors): written by its serde form.
pub(crate) fn to_json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".into())
}

/// Reads a [`to_json`] column.
pub(crate) fn from_json<T: serde::de::DeserializeOwned>(
    row: &dyn Row,
    column: usize,
) -> Result<T, StoreError> {
    let text = row.text(column)?;
    serde_json::from_str(&text).map_err(|_| crate::sql::corrupt(column, &text))
}

/// The page size plus one, so a fetch can tell whether another page follows.
pub(crate) fn fetch_limit(limit: usize) -> i64 {
    limit_arg(limit).min(i64::MAX - 1) + 1
}

/// A row count as an SQL `LIMIT` argument (SQL integers are signed; a count past `i64::MAX`
/// means "all of them").
pub(crate) fn limit_arg(limit: usize) -> i64 {
    i64::try_from(limit).unwrap_or(i64::MAX)
}

/// Cuts `limit + 1` fetched rows, each with its sequence number, into a page and the cursor
/// of the next one.
pub(crate) fn page<T>(mut rows: Vec<(i64, T)>, limit: usize) -> Page<T> {
    let next = if rows.len() > limit {
        rows.truncate(limit);
        rows.last().map(|(seq, _)| Cursor::new(*seq))
    } else {
        None
    };
    Page {
        items: rows.into_iter().map(|(_, item)| item).collect(),
        next,
    }
}

/// The position after which a page starts (0: the first page).
pub(crate) fn after(cursor: Option<Cursor>) -> i64 {
    cursor.map_or(0, Cursor::position)
}
