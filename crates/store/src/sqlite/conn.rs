//! [`Conn`] on a rusqlite connection: statements are prepared once per connection and cached
//! (`prepare_cached`), arguments bound by position.

use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{Connection, ToSql};
use sclocal_core::store::StoreError;

use crate::sql::{backend, Arg, Conn, Row};

impl ToSql for Arg<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            Arg::Null => ToSqlOutput::Borrowed(ValueRef::Null),
            Arg::Int(v) => ToSqlOutput::Borrowed(ValueRef::Integer(*v)),
            Arg::Text(v) => ToSqlOutput::Borrowed(ValueRef::Text(v.as_bytes())),
        })
    }
}

/// A row of a rusqlite query.
struct SqliteRow<'a, 'b>(&'a rusqlite::Row<'b>);

impl Row for SqliteRow<'_, '_> {
    fn int(&self, column: usize) -> Result<i64, StoreError> {
        self.0.get(column).map_err(backend)
    }

    fn opt_int(&self, column: usize) -> Result<Option<i64>, StoreError> {
        self.0.get(column).map_err(backend)
    }

    fn text(&self, column: usize) -> Result<String, StoreError> {
        self.0.get(column).map_err(backend)
    }

    fn opt_text(&self, column: usize) -> Result<Option<String>, StoreError> {
        self.0.get(column).map_err(backend)
    }
}

impl Conn for Connection {
    fn execute(&self, sql: &str, args: &[Arg<'_>]) -> Result<u64, StoreError> {
        let changed = self
            .prepare_cached(sql)
            .map_err(backend)?
            .execute(rusqlite::params_from_iter(args))
            .map_err(backend)?;
        Ok(u64::try_from(changed).unwrap_or(u64::MAX))
    }

    fn query(
        &self,
        sql: &str,
        args: &[Arg<'_>],
        each: &mut dyn FnMut(&dyn Row) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let mut statement = self.prepare_cached(sql).map_err(backend)?;
        let mut rows = statement
            .query(rusqlite::params_from_iter(args))
            .map_err(backend)?;
        while let Some(row) = rows.next().map_err(backend)? {
            each(&SqliteRow(row))?;
        }
        Ok(())
    }

    /// SQLite has one writer: every write transaction is already serialized.
    fn lock(&self, _key: &str) -> Result<(), StoreError> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::args;

    #[test]
    fn statements_bind_every_argument_kind_and_map_rows() {
        let conn = Connection::open_in_memory().unwrap();
        let c: &dyn Conn = &conn;
        c.execute(
            "CREATE TABLE t (n INTEGER PRIMARY KEY, name TEXT, flag INTEGER NOT NULL)",
            args![],
        )
        .unwrap();
        let none: Option<&str> = None;
        assert_eq!(
            c.execute(
                "INSERT INTO t (n, name, flag) VALUES (?1, ?2, ?3), (?4, ?5, ?6)",
                args![1_i64, "one", true, 2_i64, none, false],
            )
            .unwrap(),
            2
        );
        let rows = c
            .all("SELECT n, name, flag FROM t ORDER BY n", args![], |r| {
                Ok((r.int(0)?, r.opt_text(1)?, r.flag(2)?))
            })
            .unwrap();
        assert_eq!(
            rows,
            vec![(1, Some("one".to_string()), true), (2, None, false)]
        );
        assert!(c
            .exists("SELECT 1 FROM t WHERE n = ?1", args![2_i64])
            .unwrap());
        assert_eq!(c.count("SELECT COUNT(*) FROM t", args![]).unwrap(), 2);
        assert!(c
            .first("SELECT n FROM t WHERE n = ?1", args![9_i64], |r| r.int(0))
            .unwrap()
            .is_none());
    }
}
