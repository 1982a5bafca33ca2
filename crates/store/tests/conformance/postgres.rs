//! The PostgreSQL server the tests run against: `SCLOCAL_TEST_DATABASE_URL` (set by
//! `scripts/test`, which starts a throwaway server). Each store under test gets a schema of
//! its own in that database, so tests running in parallel never see each other's rows.

use std::sync::atomic::{AtomicU64, Ordering};

/// The server's URL, if the tests were given one. With `SCLOCAL_REQUIRE_POSTGRES` set, a
/// missing URL is a failure, not a reason to leave PostgreSQL out.
pub fn url() -> Option<String> {
    match std::env::var("SCLOCAL_TEST_DATABASE_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            assert!(
                std::env::var_os("SCLOCAL_REQUIRE_POSTGRES").is_none(),
                "SCLOCAL_REQUIRE_POSTGRES is set but SCLOCAL_TEST_DATABASE_URL is not: \
                 the PostgreSQL tests cannot run (scripts/test starts a server and sets both)"
            );
            eprintln!(
                "SCLOCAL_TEST_DATABASE_URL is not set: PostgreSQL is left out of these tests \
                 (scripts/test runs them)"
            );
            None
        }
    }
}

/// A URL of the test server whose connections work in a new, empty schema.
pub fn fresh_schema_url() -> String {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let url = url().expect("a PostgreSQL URL");
    let name = format!(
        "store_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    );
    sclocal_store::fresh_schema(&url, &name).expect("a schema on the test PostgreSQL server")
}
