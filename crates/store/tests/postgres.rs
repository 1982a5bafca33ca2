//! What only the PostgreSQL engine has to get right: a pooled connection that the server
//! closed (a restart, an administrator ending sessions) is replaced before a unit of work
//! uses it, and several stores (instances) over one database migrate it once.

use std::sync::Arc;

use sclocal_core::ids::AccountId;
use sclocal_core::store::{SessionRecord, Store};
use sclocal_store::PostgresStore;

#[path = "conformance/postgres.rs"]
mod postgres;

fn session(key: &str) -> SessionRecord {
    SessionRecord {
        access_key_id: key.into(),
        secret_access_key: "secret".into(),
        session_token: "token".into(),
        account: AccountId::parse("222222222222").unwrap(),
        principal_arn: "arn:aws:sts::222222222222:assumed-role/Admin/s1".into(),
        expires_ms: 1_700_000_900_000,
        scoped_policies: 0,
        source_identity: None,
    }
}

#[tokio::test]
async fn a_connection_the_server_closed_is_replaced() {
    if postgres::url().is_none() {
        return;
    }
    let url = format!(
        "{}&application_name=sclocal_closed_connection_test",
        postgres::fresh_schema_url()
    );
    let store: Arc<dyn Store> = Arc::new(PostgresStore::open_with_pool(&url, 1).unwrap());
    store
        .write(|tx| Ok(tx.insert_session(&session("ASIABEFORE"))?))
        .await
        .unwrap();
    // End the store's one connection from outside, as a server restart would.
    let (client, connection) = tokio_postgres::connect(&url, tokio_postgres::NoTls)
        .await
        .unwrap();
    let driver = tokio::spawn(connection);
    let ended = client
        .query_one(
            "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity
             WHERE application_name = 'sclocal_closed_connection_test' AND pid <> pg_backend_pid()",
            &[],
        )
        .await
        .unwrap()
        .get::<_, i64>(0);
    assert_eq!(ended, 1, "the store held one connection");
    drop(client);
    let _ = driver.await;
    // Give the server a moment to close the socket.
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    let found = store
        .read(|tx| Ok(tx.session("ASIABEFORE")?))
        .await
        .expect("a new connection serves the read");
    assert_eq!(found, Some(session("ASIABEFORE")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn instances_opening_together_migrate_once() {
    if postgres::url().is_none() {
        return;
    }
    let url = postgres::fresh_schema_url();
    let opening: Vec<_> = (0..4)
        .map(|_| {
            let url = url.clone();
            std::thread::spawn(move || PostgresStore::open(&url).map(drop))
        })
        .collect();
    for open in opening {
        open.join().unwrap().expect("every instance opens");
    }
    let store: Arc<dyn Store> = Arc::new(PostgresStore::open(&url).unwrap());
    store
        .write(|tx| Ok(tx.insert_session(&session("ASIAAFTER"))?))
        .await
        .unwrap();
}
