//! One suite for every engine configuration: a SQLite file and SQLite in memory.

use sclocal_core::ids::{AccountId, Scope};
use sclocal_core::store::{Inserted, PortfolioRecord, PortfolioStore, SessionRecord, Store};
use sclocal_store::SqliteStore;

fn scope(account: &str, region: &str) -> Scope {
    Scope {
        account: AccountId::parse(account).unwrap(),
        region: region.into(),
        partition: "aws",
    }
}

fn portfolio(id: &str, s: &Scope, token: &str) -> PortfolioRecord {
    PortfolioRecord {
        id: id.into(),
        owner: s.account.clone(),
        region: s.region.clone(),
        arn: format!("arn:aws:catalog:{}:{}:portfolio/{id}", s.region, s.account),
        display_name: "P".into(),
        description: None,
        provider_name: "Q".into(),
        created_ms: 1_700_000_000_000,
        tags: vec![("k".into(), "v".into())],
        idempotency_token: Some(token.into()),
    }
}

/// Runs `suite` against both engine configurations.
async fn each_engine<F, Fut>(suite: F)
where
    F: Fn(Box<dyn Store>) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    suite(Box::new(SqliteStore::in_memory().unwrap())).await;
    let dir = tempfile::tempdir().unwrap();
    suite(Box::new(
        SqliteStore::open(&dir.path().join("db.sqlite")).unwrap(),
    ))
    .await;
}

#[tokio::test]
async fn portfolios_round_trip() {
    each_engine(|store| async move {
        let s = scope("111111111111", "us-east-1");
        let p = portfolio("port-aaaaaaaaaaaaa", &s, "t1");
        assert_eq!(
            store.insert_portfolio(&p, 100).await.unwrap(),
            Inserted::New(p.clone())
        );
        assert_eq!(
            store.portfolio("us-east-1", &p.id).await.unwrap(),
            Some(p.clone())
        );
        assert_eq!(store.portfolio("eu-west-1", &p.id).await.unwrap(), None);
        let mut changed = p.clone();
        changed.display_name = "P2".into();
        changed.tags.push(("x".into(), "y".into()));
        store.update_portfolio(&changed).await.unwrap();
        assert_eq!(
            store.portfolio("us-east-1", &p.id).await.unwrap(),
            Some(changed)
        );
        assert!(store.delete_portfolio("us-east-1", &p.id).await.unwrap());
        assert!(!store.delete_portfolio("us-east-1", &p.id).await.unwrap());
        assert_eq!(store.portfolio("us-east-1", &p.id).await.unwrap(), None);
    })
    .await;
}

#[tokio::test]
async fn idempotency_tokens_and_quota() {
    each_engine(|store| async move {
        let s = scope("111111111111", "us-east-1");
        let first = portfolio("port-aaaaaaaaaaaaa", &s, "same");
        store.insert_portfolio(&first, 2).await.unwrap();
        let again = portfolio("port-bbbbbbbbbbbbb", &s, "same");
        assert_eq!(
            store.insert_portfolio(&again, 2).await.unwrap(),
            Inserted::Existing(first.clone())
        );
        let second = portfolio("port-ccccccccccccc", &s, "other");
        assert!(matches!(
            store.insert_portfolio(&second, 2).await.unwrap(),
            Inserted::New(_)
        ));
        let third = portfolio("port-ddddddddddddd", &s, "third");
        assert_eq!(
            store.insert_portfolio(&third, 2).await.unwrap(),
            Inserted::LimitReached
        );
        // Another account has its own quota and tokens.
        let t = scope("222222222222", "us-east-1");
        assert!(matches!(
            store
                .insert_portfolio(&portfolio("port-eeeeeeeeeeeee", &t, "same"), 2)
                .await
                .unwrap(),
            Inserted::New(_)
        ));
    })
    .await;
}

#[tokio::test]
async fn listing_pages_by_scope() {
    each_engine(|store| async move {
        let s = scope("111111111111", "us-east-1");
        for i in 0..5 {
            store
                .insert_portfolio(
                    &portfolio(&format!("port-{i:013}"), &s, &format!("t{i}")),
                    100,
                )
                .await
                .unwrap();
        }
        let other = scope("111111111111", "eu-west-1");
        store
            .insert_portfolio(&portfolio("port-zzzzzzzzzzzzz", &other, "t"), 100)
            .await
            .unwrap();
        let first = store.list_portfolios(&s, 0, 2).await.unwrap();
        assert_eq!(first.items.len(), 2);
        let cursor = first.next.unwrap();
        let second = store.list_portfolios(&s, cursor, 10).await.unwrap();
        assert_eq!(second.items.len(), 3);
        assert!(second.next.is_none());
        let ids: Vec<_> = first
            .items
            .iter()
            .chain(&second.items)
            .map(|p| p.id.clone())
            .collect();
        assert_eq!(
            ids,
            (0..5).map(|i| format!("port-{i:013}")).collect::<Vec<_>>()
        );
        assert_eq!(
            store
                .list_portfolios(&other, 0, 10)
                .await
                .unwrap()
                .items
                .len(),
            1
        );
    })
    .await;
}

#[tokio::test]
async fn sessions_and_reset() {
    each_engine(|store| async move {
        let session = SessionRecord {
            access_key_id: "ASIAEXAMPLE".into(),
            secret_access_key: "s".into(),
            session_token: "t".into(),
            account: AccountId::parse("222222222222").unwrap(),
            principal_arn: "arn:aws:sts::222222222222:assumed-role/Admin/s1".into(),
            expires_ms: 1,
        };
        store.insert_session(&session).await.unwrap();
        assert_eq!(store.session("ASIAEXAMPLE").await.unwrap(), Some(session));
        let s = scope("111111111111", "us-east-1");
        store
            .insert_portfolio(&portfolio("port-aaaaaaaaaaaaa", &s, "t"), 100)
            .await
            .unwrap();
        store.reset().await.unwrap();
        assert_eq!(store.session("ASIAEXAMPLE").await.unwrap(), None);
        assert!(store
            .list_portfolios(&s, 0, 10)
            .await
            .unwrap()
            .items
            .is_empty());
    })
    .await;
}

#[tokio::test]
async fn a_file_store_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite");
    let s = scope("111111111111", "us-east-1");
    let p = portfolio("port-aaaaaaaaaaaaa", &s, "t");
    {
        let store = SqliteStore::open(&path).unwrap();
        store.insert_portfolio(&p, 100).await.unwrap();
    }
    let store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.portfolio("us-east-1", &p.id).await.unwrap(), Some(p));
}

// ---------------------------------------------------------------------------------------
// Products, provisioning artifacts, links, principals, TagOptions and constraints
// ---------------------------------------------------------------------------------------

#[path = "conformance/products.rs"]
mod products;
