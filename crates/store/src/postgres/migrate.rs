//! PostgreSQL migrations, applied when a store opens, under a session advisory lock so that
//! instances starting together over one database apply each migration once, in order.

use sclocal_core::store::StoreError;

use super::client::PgClient;

/// Migrations in order; `sclocal_migrations` records which have run.
///
/// `0001_schema.sql` is the SQLite schema as its migrations 0001–0006 left it (a PostgreSQL
/// database starts empty, so it needs no history); every later SQLite migration has its
/// PostgreSQL counterpart here, in the same order.
pub(super) const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/postgres/0001_schema.sql"),
    include_str!("../../migrations/postgres/0002_governance.sql"),
    include_str!("../../migrations/postgres/0003_provisioning.sql"),
    include_str!("../../migrations/postgres/0004_vending.sql"),
    include_str!("../../migrations/postgres/0005_service_actions.sql"),
];

/// The session advisory lock migrations run under. The two-key form, whose key space is
/// apart from the one-key form that units of work lock (`session::lock_hash`).
const MIGRATION_LOCK: (i32, i32) = (0x7363_6C6F, 1); // "sclo", 1

/// Applies the migrations this database has not run yet.
pub(super) fn migrate(client: &PgClient) -> Result<(), StoreError> {
    let pg = client.client();
    client.block_on(pg.execute(
        "SELECT pg_advisory_lock($1, $2)",
        &[&MIGRATION_LOCK.0, &MIGRATION_LOCK.1],
    ))?;
    let applied = apply(client);
    let unlocked = client.block_on(pg.execute(
        "SELECT pg_advisory_unlock($1, $2)",
        &[&MIGRATION_LOCK.0, &MIGRATION_LOCK.1],
    ));
    applied.and(unlocked.map(drop))
}

fn apply(client: &PgClient) -> Result<(), StoreError> {
    let pg = client.client();
    client.block_on(pg.batch_execute(
        "CREATE TABLE IF NOT EXISTS sclocal_migrations (
             version    BIGINT PRIMARY KEY,
             applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
         )",
    ))?;
    let done: i64 = client
        .block_on(pg.query_one(
            "SELECT COALESCE(MAX(version), 0) FROM sclocal_migrations",
            &[],
        ))?
        .get(0);
    let known = i64::try_from(MIGRATIONS.len()).unwrap_or(i64::MAX);
    if done > known {
        return Err(StoreError::Backend(
            format!(
                "the database's schema is at version {done}, newer than this sclocal knows \
                 ({known}); upgrade sclocal"
            )
            .into(),
        ));
    }
    for (version, sql) in (1_i64..)
        .zip(MIGRATIONS)
        .skip(usize::try_from(done).unwrap_or(0))
    {
        client.block_on(pg.batch_execute("BEGIN"))?;
        let ran = client
            .block_on(pg.batch_execute(sql))
            .and_then(|()| {
                client.block_on(pg.execute(
                    "INSERT INTO sclocal_migrations (version) VALUES ($1)",
                    &[&version],
                ))
            })
            .and_then(|_| client.block_on(pg.batch_execute("COMMIT")));
        if let Err(e) = ran {
            let _ = client.block_on(pg.batch_execute("ROLLBACK"));
            return Err(StoreError::Backend(
                format!("PostgreSQL migration {version:04} failed: {e}").into(),
            ));
        }
        tracing::info!(version, "applied PostgreSQL migration");
    }
    Ok(())
}
