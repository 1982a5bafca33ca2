//! Units of work: `Store::run_read` / `run_write` (and `read` / `write` over them) run a
//! closure atomically, keep nothing of a unit that fails or panics, show readers what writers
//! committed, land every one of many concurrent writers, and serialize the units that
//! `WriteTx::lock` the same thing.

use std::any::Any;
use std::sync::Arc;

use sclocal_core::ids::{AccountId, OrgId};
use sclocal_core::store::{JobKind, Lock, SessionRecord, Store, StoreError};

use super::harness::{acct, each_engine, engines, pid, portfolio, read, write};

fn session(key: &str) -> SessionRecord {
    SessionRecord {
        access_key_id: key.into(),
        secret_access_key: "secret".into(),
        session_token: "token".into(),
        account: acct(222_222_222_222),
        principal_arn: "arn:aws:sts::222222222222:assumed-role/Admin/s1".into(),
        expires_ms: 1_700_000_900_000,
        scoped_policies: 0,
        source_identity: None,
    }
}

/// The error a unit of work refuses with.
fn refused() -> sclocal_api::ServiceError {
    StoreError::Backend("refused by the unit".into()).into()
}

#[tokio::test]
async fn run_read_and_run_write_answer_the_box_their_unit_made() {
    each_engine(|store| async move {
        let s = session("ASIARUNWRITE");
        let stored = s.clone();
        let answer = store
            .run_write(Box::new(move |tx| {
                tx.insert_session(&stored)?;
                Ok(Box::new(7_u32) as Box<dyn Any + Send>)
            }))
            .await
            .unwrap();
        assert_eq!(*answer.downcast::<u32>().unwrap(), 7);
        let answer = store
            .run_read(Box::new(|tx| {
                Ok(Box::new(tx.session("ASIARUNWRITE")?) as Box<dyn Any + Send>)
            }))
            .await
            .unwrap();
        assert_eq!(
            *answer.downcast::<Option<SessionRecord>>().unwrap(),
            Some(s)
        );
        // A unit's refusal is its answer, and what it wrote is not kept.
        let refusal = store
            .run_write(Box::new(|tx| {
                tx.insert_session(&session("ASIAREFUSED"))?;
                Err(refused())
            }))
            .await;
        assert!(refusal.is_err());
        assert_eq!(read(&store, |tx| tx.session("ASIAREFUSED")).await, None);
    })
    .await;
}

#[tokio::test]
async fn a_unit_that_fails_leaves_nothing_behind() {
    each_engine(|store| async move {
        let owner = acct(111_111_111_111);
        let p = portfolio("port-rollback", &owner, "us-east-1");
        let failed = store
            .write(move |tx| {
                tx.insert_portfolio(&p)?;
                tx.insert_session(&session("ASIAROLLBACK"))?;
                tx.enqueue_job(JobKind::ShareOperation, "share-rollback", 1)?;
                tx.set_org_tags("r-abcd", &[("k".into(), "v".into())])?;
                // Its own writes are visible to the unit before it fails.
                assert!(tx.portfolio("us-east-1", &pid("port-rollback"))?.is_some());
                Err::<(), _>(refused())
            })
            .await;
        assert!(failed.is_err());
        let left = read(&store, move |tx| {
            Ok((
                tx.portfolio_count(&owner, "us-east-1")?,
                tx.session("ASIAROLLBACK")?,
                tx.job_count()?,
                tx.org_tags("r-abcd")?,
            ))
        })
        .await;
        assert_eq!(left, (0, None, 0, vec![]));
    })
    .await;
}

#[tokio::test]
async fn a_panicking_unit_leaves_nothing_behind_and_the_store_keeps_working() {
    each_engine(|store| async move {
        let owner = acct(111_111_111_111);
        let p = portfolio("port-panics", &owner, "us-east-1");
        let panicked = store
            .write(move |tx| -> Result<(), _> {
                tx.insert_portfolio(&p)?;
                panic!("a unit of work panics after writing");
            })
            .await;
        assert!(panicked.is_err());
        // A read that panics must not take the store down either (whether the engine
        // answers it with an error or lets the panic reach the caller).
        let reader = store.clone();
        let read_panic = tokio::spawn(async move {
            reader
                .read(|_| -> Result<(), _> { panic!("a read unit panics") })
                .await
        })
        .await;
        assert!(!matches!(read_panic, Ok(Ok(()))));
        let kept = write(&store, move |tx| {
            tx.insert_portfolio(&portfolio("port-after", &owner, "us-east-1"))?;
            tx.portfolio_count(&owner, "us-east-1")
        })
        .await;
        assert_eq!(kept, 1);
        let found = read(&store, |tx| {
            Ok((
                tx.portfolio("us-east-1", &pid("port-panics"))?,
                tx.portfolio("us-east-1", &pid("port-after"))?.is_some(),
            ))
        })
        .await;
        assert_eq!(found, (None, true));
    })
    .await;
}

#[tokio::test]
async fn a_read_sees_what_a_write_committed() {
    each_engine(|store| async move {
        let owner = acct(111_111_111_111);
        for i in 0..20 {
            let p = portfolio(&format!("port-seen-{i}"), &owner, "us-east-1");
            write(&store, move |tx| tx.insert_portfolio(&p)).await;
            // Every acknowledged write is visible to the very next read.
            let id = pid(&format!("port-seen-{i}"));
            let seen = read(&store, move |tx| tx.portfolio("us-east-1", &id)).await;
            assert_eq!(
                seen.map(|p| p.id.to_string()),
                Some(format!("port-seen-{i}"))
            );
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_writes_from_many_tasks_all_land() {
    each_engine(|store| async move {
        let owner = acct(111_111_111_111);
        let tasks: Vec<_> = (0..200)
            .map(|i| {
                let store = store.clone();
                let owner = owner.clone();
                tokio::spawn(async move {
                    let p = portfolio(&format!("port-many-{i:03}"), &owner, "us-east-1");
                    write(&store, move |tx| {
                        tx.insert_portfolio(&p)?;
                        tx.enqueue_job(JobKind::CreateAccount, &format!("car-many{i:04}"), i)
                    })
                    .await;
                })
            })
            .collect();
        for task in tasks {
            task.await.unwrap();
        }
        let (count, jobs, page) = read(&store, move |tx| {
            Ok((
                tx.portfolio_count(&owner, "us-east-1")?,
                tx.job_count()?,
                tx.all_portfolios(None, 1_000)?,
            ))
        })
        .await;
        assert_eq!((count, jobs, page.items.len()), (200, 200, 200));
        let mut ids: Vec<String> = page.items.iter().map(|p| p.id.to_string()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 200);
    })
    .await;
}

/// `n` concurrent units that each lock `lock`, count the portfolios of `(owner, region)` and
/// insert one named after the count: a lost update shows as two units seeing the same count.
async fn count_then_insert(store: &Arc<dyn Store>, kind: usize, owner: &AccountId, region: &str) {
    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let (store, owner, region) = (store.clone(), owner.clone(), region.to_string());
            tokio::spawn(async move {
                write(&store, move |tx| {
                    let org = OrgId::parse("o-lockedorg1").unwrap();
                    let p = pid(&format!("port-{region}"));
                    tx.lock(match kind {
                        0 => Lock::AccountRegion(&owner, &region),
                        1 => Lock::Portfolio(&p),
                        2 => Lock::Organization(&org),
                        _ => Lock::Account(&owner),
                    })?;
                    let n = tx.portfolio_count(&owner, &region)?;
                    let id = format!("port-{region}-{n:02}");
                    tx.insert_portfolio(&portfolio(&id, &owner, &region))?;
                    Ok(n)
                })
                .await
            })
        })
        .collect();
    let mut seen = Vec::new();
    for task in tasks {
        seen.push(task.await.unwrap());
    }
    seen.sort_unstable();
    assert_eq!(seen, (0..20).collect::<Vec<_>>(), "lock kind {kind}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn units_that_lock_the_same_thing_never_lose_an_update() {
    each_engine(|store| async move {
        let owner = acct(111_111_111_111);
        for (kind, region) in ["r-account-region", "r-portfolio", "r-org", "r-account"]
            .into_iter()
            .enumerate()
        {
            count_then_insert(&store, kind, &owner, region).await;
        }
    })
    .await;
}

#[tokio::test]
async fn what_a_durable_engine_committed_survives_reopening() {
    let mut durable = 0;
    for engine in engines() {
        let subject = (engine.open)().await;
        let owner = acct(111_111_111_111);
        let p = portfolio("port-durable", &owner, "us-east-1");
        let stored = p.clone();
        write(&subject.store, move |tx| {
            tx.insert_portfolio(&stored)?;
            tx.enqueue_job(JobKind::ShareOperation, "share-durable", 5)
        })
        .await;
        // An engine whose state lives only as long as the store has nothing to reopen.
        let Some(again) = subject.reopened() else {
            continue;
        };
        durable += 1;
        let found = read(&again.store, |tx| {
            Ok((
                tx.portfolio("us-east-1", &pid("port-durable"))?,
                tx.job(JobKind::ShareOperation, "share-durable")?
                    .map(|j| j.due_ms),
            ))
        })
        .await;
        assert_eq!(found, (Some(p), Some(5)), "{}", engine.name);
    }
    assert!(durable > 0, "no engine configuration keeps its state");
}
