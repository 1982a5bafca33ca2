//! The engines the conformance suite runs on, and the few helpers every part of it uses.
//!
//! Each engine configuration is one entry of [`engines`]: a name and a constructor that opens
//! a fresh, empty store (and, for an engine whose state outlives the store value, says how to
//! open the same database again). Test bodies only ever see `dyn Store`: nothing in them knows
//! which engine runs, so a new engine (PostgreSQL) joins the whole suite by one more line in
//! that list.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use sclocal_core::ids::{AccountId, PortfolioId};
use sclocal_core::store::{Cursor, Page, PortfolioRecord, ReadTx, Store, StoreError, WriteTx};
use sclocal_store::{PostgresStore, SqliteStore};

use super::postgres;

/// A store under test, with what must live as long as it.
pub struct Subject {
    /// The store.
    pub store: Arc<dyn Store>,
    /// Opens the same database again, for an engine whose state outlives the store value.
    reopen: Option<Box<dyn Fn() -> Arc<dyn Store> + Send + Sync>>,
    /// The temporary directory of a file database, removed when the subject is dropped.
    _dir: Option<tempfile::TempDir>,
}

impl Subject {
    /// Closes the store and opens its database again; `None` for an engine whose state lives
    /// only as long as the store.
    pub fn reopened(self) -> Option<Subject> {
        let Subject {
            store,
            reopen,
            _dir: dir,
        } = self;
        let reopen = reopen?;
        drop(store);
        Some(Subject {
            store: reopen(),
            reopen: Some(reopen),
            _dir: dir,
        })
    }
}

/// A subject being opened.
pub type Opening = Pin<Box<dyn Future<Output = Subject> + Send>>;

/// One engine configuration.
pub struct Engine {
    /// Shown when one of its tests fails.
    pub name: &'static str,
    /// Opens a fresh, empty store.
    pub open: fn() -> Opening,
}

/// Every engine configuration the suite runs against.
///
/// PostgreSQL joins when `SCLOCAL_TEST_DATABASE_URL` names a server (`scripts/test` starts a
/// throwaway one and sets it). A plain `cargo test` without it runs the SQLite engines only,
/// and says so on stderr; with `SCLOCAL_REQUIRE_POSTGRES` set (as `scripts/test` sets it) a
/// missing URL fails every test instead of leaving PostgreSQL out.
pub fn engines() -> Vec<Engine> {
    let mut engines = vec![
        Engine {
            name: "SQLite in memory",
            open: sqlite_in_memory,
        },
        Engine {
            name: "SQLite file (WAL)",
            open: sqlite_file,
        },
    ];
    if postgres::url().is_some() {
        engines.push(Engine {
            name: "PostgreSQL",
            open: postgres_schema,
        });
    }
    engines
}

fn sqlite_in_memory() -> Opening {
    Box::pin(async {
        Subject {
            store: Arc::new(SqliteStore::in_memory().expect("in-memory SQLite")),
            reopen: None,
            _dir: None,
        }
    })
}

fn sqlite_file() -> Opening {
    Box::pin(async {
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("sclocal.sqlite");
        let open =
            move || -> Arc<dyn Store> { Arc::new(SqliteStore::open(&path).expect("SQLite file")) };
        Subject {
            store: open(),
            reopen: Some(Box::new(open)),
            _dir: Some(dir),
        }
    })
}

fn postgres_schema() -> Opening {
    Box::pin(async {
        let url = postgres::fresh_schema_url();
        let open = move || -> Arc<dyn Store> {
            Arc::new(PostgresStore::open(&url).expect("PostgreSQL store"))
        };
        Subject {
            store: open(),
            reopen: Some(Box::new(open)),
            _dir: None,
        }
    })
}

/// Runs `suite` on a fresh store of every engine configuration in turn.
pub async fn each_engine<F, Fut>(suite: F)
where
    F: Fn(Arc<dyn Store>) -> Fut,
    Fut: Future<Output = ()>,
{
    for engine in engines() {
        // Printed with the output of a failing test, so the failure names its engine.
        eprintln!("conformance on {}", engine.name);
        let subject = (engine.open)().await;
        suite(subject.store.clone()).await;
    }
}

/// Runs `f` as a write unit of work that must succeed, and answers what it answered.
pub async fn write<T, F>(store: &Arc<dyn Store>, f: F) -> T
where
    T: Send + 'static,
    F: FnOnce(&dyn WriteTx) -> Result<T, StoreError> + Send + 'static,
{
    store
        .write(move |tx| Ok(f(tx)?))
        .await
        .expect("a write unit of work")
}

/// Runs `f` as a read unit of work that must succeed, and answers what it answered.
pub async fn read<T, F>(store: &Arc<dyn Store>, f: F) -> T
where
    T: Send + 'static,
    F: FnOnce(&dyn ReadTx) -> Result<T, StoreError> + Send + 'static,
{
    store
        .read(move |tx| Ok(f(tx)?))
        .await
        .expect("a read unit of work")
}

/// Everything a paged listing holds, read page by page of `limit` through its cursors;
/// checks that every page but the last is full and that the last has no cursor.
pub async fn every_page<T, F>(store: &Arc<dyn Store>, limit: usize, list: F) -> Vec<T>
where
    T: Send + 'static,
    F: Fn(&dyn ReadTx, Option<Cursor>) -> Result<Page<T>, StoreError> + Send + Clone + 'static,
{
    let mut items = Vec::new();
    let mut after = None;
    loop {
        let list = list.clone();
        let page = read(store, move |tx| list(tx, after)).await;
        let full = page.items.len() == limit;
        assert!(page.items.len() <= limit, "a page holds at most its limit");
        items.extend(page.items);
        match page.next {
            Some(next) => {
                assert!(full, "a page before the last is full");
                assert_ne!(Some(next), after, "a cursor moves forward");
                after = Some(next);
            }
            None => return items,
        }
    }
}

/// The account `n`, as 12 digits.
pub fn acct(n: u64) -> AccountId {
    AccountId::parse(&format!("{n:012}")).expect("12 digits")
}

/// A portfolio id.
pub fn pid(id: &str) -> PortfolioId {
    PortfolioId::parse(id).expect("a portfolio id")
}

/// A portfolio of `owner` in `region`, every optional field set.
pub fn portfolio(id: &str, owner: &AccountId, region: &str) -> PortfolioRecord {
    PortfolioRecord {
        id: pid(id),
        owner: owner.clone(),
        region: region.into(),
        arn: format!("arn:aws:catalog:{region}:{owner}:portfolio/{id}"),
        display_name: format!("Portfolio {id}"),
        description: Some("What it holds".into()),
        provider_name: "Platform team".into(),
        created_ms: 1_700_000_000_000,
        tags: vec![
            ("team".into(), "platform".into()),
            ("cost".into(), "42".into()),
        ],
        idempotency_token: Some(format!("token-{id}")),
    }
}
