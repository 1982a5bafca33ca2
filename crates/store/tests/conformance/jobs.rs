//! The job queue and its leases (core's `store/jobs.rs`): enqueueing is idempotent per
//! (kind, key); a claim takes the oldest due job that nobody holds (or whose lease ran out)
//! and never a future one; racing workers never hold one job at once; a worker whose lease
//! ran out and was taken over can no longer write through it; and the sleep and drain
//! figures (`next_job_due`, `jobs_due`) account for leases.

use std::collections::HashMap;

use sclocal_core::store::{JobKind, JobRecord};

use super::harness::{each_engine, read, write};

const SHARE: JobKind = JobKind::ShareOperation;
const CAR: JobKind = JobKind::CreateAccount;

#[tokio::test]
async fn enqueueing_is_idempotent_per_kind_and_key_and_finishing_removes() {
    each_engine(|store| async move {
        write(&store, |tx| {
            tx.enqueue_job(SHARE, "share-a", 100)?;
            // Same kind and key: left as it is, whatever the new due time.
            tx.enqueue_job(SHARE, "share-a", 5)?;
            // Same key, other kind: another job.
            tx.enqueue_job(CAR, "share-a", 7)
        })
        .await;
        let found = read(&store, |tx| {
            Ok((
                tx.job(SHARE, "share-a")?,
                tx.job(CAR, "share-a")?.map(|j| j.due_ms),
                tx.job(SHARE, "share-b")?,
                tx.job_count()?,
            ))
        })
        .await;
        let unleased = JobRecord {
            kind: SHARE,
            key: "share-a".into(),
            due_ms: 100,
            lease_owner: None,
            lease_until_ms: None,
        };
        assert_eq!(found, (Some(unleased), Some(7), None, 2));
        write(&store, |tx| {
            tx.finish_job(SHARE, "share-a")?;
            // Finishing what is not queued changes nothing.
            tx.finish_job(SHARE, "share-missing")
        })
        .await;
        let left = read(&store, |tx| {
            Ok((tx.job(SHARE, "share-a")?, tx.job_count()?))
        })
        .await;
        assert_eq!(left, (None, 1));
    })
    .await;
}

#[tokio::test]
async fn a_claim_takes_the_oldest_due_job_nobody_holds_and_never_a_future_one() {
    each_engine(|store| async move {
        write(&store, |tx| {
            tx.enqueue_job(SHARE, "share-late", 300)?;
            tx.enqueue_job(CAR, "car-early", 100)?;
            tx.enqueue_job(SHARE, "share-tie", 200)?;
            tx.enqueue_job(CAR, "car-tie", 200)?;
            tx.enqueue_job(SHARE, "share-future", 10_000)
        })
        .await;
        let claims = write(&store, |tx| {
            let mut keys = Vec::new();
            // Bounded, so that a claim that ignores leases fails instead of looping.
            for _ in 0..10 {
                let Some(job) = tx.claim_job("w1", 1_000, 20_000)? else {
                    break;
                };
                assert_eq!(job.lease_owner.as_deref(), Some("w1"));
                assert_eq!(job.lease_until_ms, Some(20_000));
                keys.push(job.key);
            }
            Ok(keys)
        })
        .await;
        // By due time, ties in the order they were queued; the future job stays.
        assert_eq!(claims, ["car-early", "share-tie", "car-tie", "share-late"]);
        let future = read(&store, |tx| tx.job(SHARE, "share-future")).await;
        assert_eq!(future.and_then(|j| j.lease_owner), None);
        // Once it falls due (and the others are still held) it is the one claimed.
        let later = write(&store, |tx| tx.claim_job("w2", 10_000, 30_000)).await;
        assert_eq!(later.map(|j| j.key).as_deref(), Some("share-future"));
        let none = write(&store, |tx| tx.claim_job("w3", 15_000, 40_000)).await;
        assert_eq!(none, None, "every due job is held");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn racing_workers_never_hold_the_same_job() {
    each_engine(|store| async move {
        let keys = ["share-r1", "share-r2", "share-r3", "car-r4", "car-r5"];
        write(&store, move |tx| {
            for (i, key) in (0..).zip(keys) {
                let kind = if key.starts_with("car") { CAR } else { SHARE };
                tx.enqueue_job(kind, key, i)?;
            }
            Ok(())
        })
        .await;
        for round in 0..2_i64 {
            // Round 0 at t=1000, leases until 2000; round 1 at t=1500, while they hold.
            let now = 1_000 + round * 500;
            let tasks: Vec<_> = (0..40)
                .map(|w| {
                    let store = store.clone();
                    tokio::spawn(async move {
                        let worker = format!("worker-{round}-{w}");
                        let name = worker.clone();
                        let job = write(&store, move |tx| tx.claim_job(&name, now, 2_000)).await;
                        job.map(|j| (j.key, worker))
                    })
                })
                .collect();
            let mut holders: HashMap<String, String> = HashMap::new();
            for task in tasks {
                if let Some((key, worker)) = task.await.unwrap() {
                    let earlier = holders.insert(key.clone(), worker);
                    assert_eq!(earlier, None, "{key} claimed twice");
                }
            }
            let expected = if round == 0 { keys.len() } else { 0 };
            assert_eq!(holders.len(), expected, "round {round}");
            // Leases are checked where a worker writes: in a write unit.
            let stored = write(&store, move |tx| {
                holders
                    .into_iter()
                    .map(|(key, worker)| {
                        let kind = if key.starts_with("car") { CAR } else { SHARE };
                        let job = tx.job(kind, &key)?.expect("claimed job");
                        Ok((
                            job.lease_owner == Some(worker.clone()),
                            tx.holds_lease(kind, &key, &worker, now)?,
                        ))
                    })
                    .collect::<Result<Vec<_>, _>>()
            })
            .await;
            assert!(stored.iter().all(|&(owner, holds)| owner && holds));
        }
    })
    .await;
}

#[tokio::test]
async fn a_lease_that_ran_out_passes_to_another_worker_and_the_first_writes_nothing() {
    each_engine(|store| async move {
        write(&store, |tx| tx.enqueue_job(SHARE, "share-op", 0)).await;
        let first = write(&store, |tx| tx.claim_job("first", 10, 100)).await;
        assert_eq!(first.and_then(|j| j.lease_owner).as_deref(), Some("first"));
        let holds = write(&store, |tx| {
            Ok((
                tx.next_job_due()?,
                tx.jobs_due(50)?,
                // A lease holds until, not at, its end.
                tx.holds_lease(SHARE, "share-op", "first", 99)?,
                tx.holds_lease(SHARE, "share-op", "first", 100)?,
                tx.holds_lease(SHARE, "share-op", "second", 99)?,
                tx.holds_lease(CAR, "share-op", "first", 99)?,
            ))
        })
        .await;
        // The job is due (leased) and can be claimed again when the lease runs out.
        assert_eq!(holds, (Some(100), 1, true, false, false, false));
        // Nobody else can take it while the lease holds.
        let early = write(&store, |tx| tx.claim_job("second", 99, 200)).await;
        assert_eq!(early, None);

        // The first worker stalls past its lease; the second takes the job over.
        let second = write(&store, |tx| tx.claim_job("second", 100, 250)).await;
        assert_eq!(
            second.and_then(|j| j.lease_owner).as_deref(),
            Some("second")
        );
        let (held, released) = write(&store, |tx| {
            Ok((
                tx.holds_lease(SHARE, "share-op", "first", 150)?,
                tx.release_job(SHARE, "share-op", "first", 9_999)?,
            ))
        })
        .await;
        assert!(!held && !released);
        let job = read(&store, |tx| tx.job(SHARE, "share-op")).await.unwrap();
        let taken_over = JobRecord {
            kind: SHARE,
            key: "share-op".into(),
            due_ms: 0,
            lease_owner: Some("second".into()),
            lease_until_ms: Some(250),
        };
        assert_eq!(
            job, taken_over,
            "the first worker's release changed nothing"
        );

        // The holder releases it, due again later, with no lease.
        let released = write(&store, |tx| {
            Ok((
                tx.holds_lease(SHARE, "share-op", "second", 150)?,
                tx.release_job(SHARE, "share-op", "second", 500)?,
            ))
        })
        .await;
        assert_eq!(released, (true, true));
        let job = read(&store, |tx| tx.job(SHARE, "share-op")).await.unwrap();
        let queued = JobRecord {
            due_ms: 500,
            lease_owner: None,
            lease_until_ms: None,
            ..taken_over
        };
        assert_eq!(job, queued);
        let third = write(&store, |tx| tx.claim_job("third", 499, 900)).await;
        assert_eq!(third, None, "released to a later due time");
        let third = write(&store, |tx| tx.claim_job("third", 500, 900)).await;
        assert_eq!(third.map(|j| j.key).as_deref(), Some("share-op"));
    })
    .await;
}

#[tokio::test]
async fn next_job_due_and_jobs_due_account_for_leases() {
    each_engine(|store| async move {
        let empty = read(&store, |tx| {
            Ok((tx.next_job_due()?, tx.jobs_due(i64::MAX)?))
        })
        .await;
        assert_eq!(empty, (None, 0));
        write(&store, |tx| {
            tx.enqueue_job(SHARE, "share-a", 100)?;
            tx.enqueue_job(CAR, "car-b", 300)?;
            tx.enqueue_job(SHARE, "share-c", 700)
        })
        .await;
        let before = read(&store, |tx| {
            Ok((
                tx.next_job_due()?,
                tx.jobs_due(99)?,
                tx.jobs_due(300)?,
                tx.jobs_due(700)?,
            ))
        })
        .await;
        assert_eq!(before, (Some(100), 0, 2, 3));
        // share-a is held until 500: the earliest claimable is now car-b at 300.
        let claimed = write(&store, |tx| tx.claim_job("w", 100, 500)).await;
        assert_eq!(claimed.map(|j| j.key).as_deref(), Some("share-a"));
        let leased = read(&store, |tx| Ok((tx.next_job_due()?, tx.jobs_due(300)?))).await;
        assert_eq!(
            leased,
            (Some(300), 2),
            "a leased due job still counts as due"
        );
        // With car-b held until 900, share-a's lease end (500) comes first.
        let claimed = write(&store, |tx| tx.claim_job("w", 300, 900)).await;
        assert_eq!(claimed.map(|j| j.key).as_deref(), Some("car-b"));
        let next = read(&store, |tx| tx.next_job_due()).await;
        assert_eq!(next, Some(500));
        write(&store, |tx| {
            tx.finish_job(SHARE, "share-a")?;
            tx.finish_job(CAR, "car-b")
        })
        .await;
        let last = read(&store, |tx| Ok((tx.next_job_due()?, tx.jobs_due(700)?))).await;
        assert_eq!(last, (Some(700), 1));
    })
    .await;
}
