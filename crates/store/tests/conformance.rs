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

// ---- organizations ----

mod organizations {
    use sclocal_core::ids::AccountId;
    use sclocal_core::store::{
        BootstrapAccount, BootstrapOrg, BootstrapPlan, BootstrapUnit, SERVICE_CATALOG_PRINCIPAL,
    };

    use super::each_engine;

    fn id(n: u64) -> AccountId {
        AccountId::parse(&format!("{n:012}")).unwrap()
    }

    fn acct(n: u64) -> BootstrapAccount {
        BootstrapAccount {
            id: id(n),
            name: format!("a{n}"),
            email: format!("a{n}@example.com"),
        }
    }

    fn unit(
        name: &str,
        suffix: &str,
        accounts: Vec<BootstrapAccount>,
        units: Vec<BootstrapUnit>,
    ) -> BootstrapUnit {
        BootstrapUnit {
            name: name.into(),
            id_suffix: suffix.into(),
            accounts,
            units,
        }
    }

    fn plan() -> BootstrapPlan {
        BootstrapPlan {
            orgs: vec![BootstrapOrg {
                org_id: "o-aaaaaaaaaa".into(),
                root_id: "r-abcd".into(),
                partition: "aws".into(),
                management: acct(111_111_111_111),
                service_catalog_access: Some(true),
                delegated_administrators: vec![id(222_222_222_222)],
                accounts: vec![acct(222_222_222_222)],
                units: vec![unit(
                    "Apps",
                    "apps0000",
                    vec![acct(333_333_333_333)],
                    vec![unit(
                        "Team",
                        "team0000",
                        vec![acct(444_444_444_444)],
                        vec![],
                    )],
                )],
            }],
        }
    }

    #[tokio::test]
    async fn sharing_reads_membership_and_descendants() {
        each_engine(|store| async move {
            let report = store.bootstrap(&plan(), 5, &|_| {}).await.unwrap().unwrap();
            assert_eq!(report.orgs_created, 1);
            assert_eq!(report.accounts_written, 4);
            let m = store
                .membership(&id(444_444_444_444))
                .await
                .unwrap()
                .unwrap();
            assert_eq!(m.org_id, "o-aaaaaaaaaa");
            assert_eq!(m.root_id, "r-abcd");
            assert_eq!(m.ou_path, vec!["ou-abcd-apps0000", "ou-abcd-team0000"]);
            assert!(
                m.is_management(&id(111_111_111_111)) && !m.is_management(&id(444_444_444_444))
            );
            let under_apps = store
                .accounts_under("o-aaaaaaaaaa", Some("ou-abcd-apps0000"))
                .await
                .unwrap();
            assert_eq!(under_apps, vec![id(333_333_333_333), id(444_444_444_444)]);
            let all = store.accounts_under("o-aaaaaaaaaa", None).await.unwrap();
            assert_eq!(all.len(), 4);
            assert_eq!(all[0], id(111_111_111_111));
            assert!(store
                .ou_in_org("o-aaaaaaaaaa", "ou-abcd-team0000")
                .await
                .unwrap());
            assert!(!store
                .ou_in_org("o-bbbbbbbbbb", "ou-abcd-team0000")
                .await
                .unwrap());
            assert!(store
                .service_access_enabled("o-aaaaaaaaaa", SERVICE_CATALOG_PRINCIPAL)
                .await
                .unwrap());
            assert!(store
                .is_delegated_admin(
                    "o-aaaaaaaaaa",
                    &id(222_222_222_222),
                    SERVICE_CATALOG_PRINCIPAL
                )
                .await
                .unwrap());
            assert!(store
                .membership(&id(999_999_999_999))
                .await
                .unwrap()
                .is_none());
            // A second run of the same plan writes nothing and keeps the ids.
            let mut again = plan();
            again.orgs[0].org_id = "o-cccccccccc".into();
            let report = store.bootstrap(&again, 9, &|_| {}).await.unwrap().unwrap();
            assert_eq!((report.orgs_created, report.accounts_written), (0, 0));
            assert!(report.access_changed.is_empty());
            assert_eq!(
                store
                    .membership(&id(444_444_444_444))
                    .await
                    .unwrap()
                    .unwrap()
                    .org_id,
                "o-aaaaaaaaaa"
            );
        })
        .await;
    }

    #[tokio::test]
    async fn a_conflicting_bootstrap_writes_nothing() {
        each_engine(|store| async move {
            store.bootstrap(&plan(), 5, &|_| {}).await.unwrap().unwrap();
            let mut other = plan();
            other.orgs[0].management = acct(555_555_555_555);
            other.orgs[0].org_id = "o-bbbbbbbbbb".into();
            other.orgs[0].root_id = "r-bcde".into();
            other.orgs[0].accounts = vec![acct(666_666_666_666), acct(333_333_333_333)];
            other.orgs[0].units.clear();
            let conflict = store
                .bootstrap(&other, 5, &|_| {})
                .await
                .unwrap()
                .unwrap_err();
            assert!(conflict.contains("333333333333"), "{conflict}");
            assert!(store
                .membership(&id(555_555_555_555))
                .await
                .unwrap()
                .is_none());
            assert!(store.account(&id(666_666_666_666)).await.unwrap().is_none());
        })
        .await;
    }

    #[tokio::test]
    async fn descendants_of_an_ou_in_a_large_org_are_an_index_range() {
        each_engine(|store| async move {
            let accounts: Vec<_> = (0..20_000).map(|i| acct(200_000_000_000 + i)).collect();
            let (a, b) = accounts.split_at(10_000);
            let mut p = plan();
            p.orgs[0].units = vec![
                unit("A", "aaaa0000", a.to_vec(), vec![]),
                unit("A2", "aaaa0001", b.to_vec(), vec![]),
            ];
            p.orgs[0].delegated_administrators.clear();
            store.bootstrap(&p, 5, &|_| {}).await.unwrap().unwrap();
            // "ou-abcd-aaaa0000/" must not match "ou-abcd-aaaa0001/".
            let under = store
                .accounts_under("o-aaaaaaaaaa", Some("ou-abcd-aaaa0000"))
                .await
                .unwrap();
            assert_eq!(under.len(), 10_000);
            assert_eq!(under[0], id(200_000_000_000));
        })
        .await;
    }
}
// ---------------------------------------------------------------------------------------
// Products, provisioning artifacts, links, principals, TagOptions and constraints
// ---------------------------------------------------------------------------------------

#[path = "conformance/products.rs"]
mod products;

// ---------------------------------------------------------------------------------------
// The access report's reads: every portfolio, a portfolio's shares, frozen audiences and
// rejections
// ---------------------------------------------------------------------------------------

mod access_report {
    use sclocal_core::ids::AccountId;
    use sclocal_core::store::{
        ShareAction, ShareActionOutcome, ShareKind, ShareRecord, ShareState,
    };

    use super::{each_engine, portfolio, scope};

    fn account_share(portfolio_id: &str, to: &str) -> ShareRecord {
        ShareRecord {
            seq: 0,
            portfolio_id: portfolio_id.into(),
            region: "us-east-1".into(),
            owner: AccountId::parse("111111111111").unwrap(),
            kind: ShareKind::Account,
            principal: to.into(),
            org_id: None,
            accepted: false,
            share_tag_options: true,
            share_principals: false,
            state: ShareState::Active,
            fanout_token: None,
            created_ms: 1,
        }
    }

    #[tokio::test]
    async fn every_portfolio_of_every_account_and_region_pages() {
        each_engine(|store| async move {
            let scopes = [
                scope("111111111111", "us-east-1"),
                scope("222222222222", "eu-west-1"),
                scope("111111111111", "eu-west-1"),
            ];
            for (i, s) in scopes.iter().enumerate() {
                let p = portfolio(&format!("port-{i}"), s, &format!("t{i}"));
                store.insert_portfolio(&p, 100).await.unwrap();
            }
            let first = store.all_portfolios(0, 2).await.unwrap();
            let ids: Vec<_> = first.items.iter().map(|p| p.id.as_str()).collect();
            assert_eq!(ids, ["port-0", "port-1"]);
            let rest = store.all_portfolios(first.next.unwrap(), 2).await.unwrap();
            assert_eq!(rest.items[0].owner.as_str(), "111111111111");
            assert_eq!(
                (rest.items[0].region.as_str(), rest.next),
                ("eu-west-1", None)
            );
        })
        .await;
    }

    #[tokio::test]
    async fn the_account_share_quota_counts_live_account_shares_of_one_portfolio() {
        each_engine(|store| async move {
            let create = |portfolio: &str, to: &str| ShareAction::CreateAccountShare {
                share: account_share(portfolio, to),
                limit: 2,
            };
            for to in ["222222222222", "333333333333"] {
                let done = store.share_action(create("port-a", to)).await.unwrap();
                assert!(matches!(done, ShareActionOutcome::Done(Some(_))));
            }
            let full = store
                .share_action(create("port-a", "444444444444"))
                .await
                .unwrap();
            assert_eq!(full, ShareActionOutcome::LimitReached);
            // Another portfolio has its own quota.
            let other = store
                .share_action(create("port-b", "444444444444"))
                .await
                .unwrap();
            assert!(matches!(other, ShareActionOutcome::Done(Some(_))));
            // A removed share frees its place.
            let removed = ShareAction::DeleteAccountShare {
                portfolio_id: "port-a".into(),
                account: AccountId::parse("222222222222").unwrap(),
            };
            store.share_action(removed).await.unwrap();
            let again = store
                .share_action(create("port-a", "444444444444"))
                .await
                .unwrap();
            assert!(matches!(again, ShareActionOutcome::Done(Some(_))));
        })
        .await;
    }

    #[tokio::test]
    async fn shares_frozen_audiences_and_rejections_of_a_portfolio() {
        each_engine(|store| async move {
            for to in ["222222222222", "333333333333"] {
                let action = ShareAction::CreateAccountShare {
                    share: account_share("port-a", to),
                    limit: 10,
                };
                let done = store.share_action(action).await.unwrap();
                assert!(matches!(done, ShareActionOutcome::Done(Some(_))));
            }
            let shares = store.portfolio_shares("port-a").await.unwrap();
            let to: Vec<_> = shares.iter().map(|s| s.principal.as_str()).collect();
            assert_eq!(to, ["222222222222", "333333333333"]);
            assert!(store.portfolio_shares("port-b").await.unwrap().is_empty());

            let a = AccountId::parse("444444444444").unwrap();
            let b = AccountId::parse("555555555555").unwrap();
            let rows = [(7, b.clone()), (7, a.clone()), (8, a.clone())];
            store.freeze("o-1", &rows).await.unwrap();
            assert_eq!(
                store.frozen_audience(7).await.unwrap(),
                [a.clone(), b.clone()]
            );
            store.unfreeze("o-1").await.unwrap();
            assert!(store.frozen_audience(7).await.unwrap().is_empty());

            store.set_org_rejection("port-a", &b, true).await.unwrap();
            store.set_org_rejection("port-a", &a, true).await.unwrap();
            store.set_org_rejection("port-a", &a, false).await.unwrap();
            assert_eq!(store.org_rejecters("port-a").await.unwrap(), [b]);
        })
        .await;
    }
}
