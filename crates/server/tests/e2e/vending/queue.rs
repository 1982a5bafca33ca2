//! At most five vending operations run at once (provisioning.md §21.3): with records held
//! IN_PROGRESS by `--provisioning-delay`, the first five launches finish after one delay and
//! the next ones only after a second, having waited for a slot; all of them succeed. The
//! accounts count toward the organization's quota: a launch beyond it fails with
//! CreateAccount's reason.

use std::time::Duration;

use tokio::time::Instant;

use aws_sdk_servicecatalog::types::RecordStatus;

use super::{params, world_with};

const DELAY: Duration = Duration::from_millis(1500);

#[tokio::test]
async fn a_sixth_and_seventh_vending_wait_for_a_slot() {
    let w = world_with(DELAY).await;
    // From before the first launch: the last two cannot finish before two delays from here.
    let started = Instant::now();
    let mut ids = Vec::new();
    for n in 0..7 {
        let name = format!("queued-{n}");
        let r = w.provision(&name, params(&name, "Sandbox")).await;
        ids.push(r.record_id().unwrap().to_string());
    }
    let status = |id: String| {
        let sc = w.vendor.clone();
        async move {
            sc.describe_record()
                .id(id)
                .send()
                .await
                .unwrap()
                .record_detail()
                .unwrap()
                .status()
                .cloned()
                .unwrap()
        }
    };
    // Wait until the first five succeed: the other two hold a slot's wait plus a delay, so
    // they are still in progress (they cannot finish before two delays from `started`).
    let mut first = Vec::new();
    let mut succeeded = 0;
    while succeeded < 5 && started.elapsed() < DELAY * 4 {
        tokio::time::sleep(Duration::from_millis(50)).await;
        first.clear();
        for id in &ids {
            first.push(status(id.clone()).await);
        }
        succeeded = first
            .iter()
            .filter(|s| **s == RecordStatus::Succeeded)
            .count();
    }
    let waiting = first
        .iter()
        .filter(|s| **s == RecordStatus::InProgress)
        .count();
    assert_eq!(succeeded, 5, "{first:?}");
    assert_eq!(waiting, 2, "{first:?}");
    // Then every one of them.
    for id in &ids {
        let done = w.settled(id).await;
        assert_eq!(done.status(), Some(&RecordStatus::Succeeded), "{id}");
    }
    assert!(
        started.elapsed() >= DELAY * 2,
        "the last two waited a second delay"
    );
}

#[tokio::test]
async fn vending_beyond_the_quota_fails_with_create_accounts_reason() {
    // The test configuration allows 10 accounts; the management account is one of them.
    let w = world_with(Duration::ZERO).await;
    for n in 0..9 {
        w.vend(&format!("fill-{n}"), "Sandbox").await;
    }
    let r = w
        .provision("one-too-many", params("one-too-many", "Sandbox"))
        .await;
    let done = w.settled(r.record_id().unwrap()).await;
    assert_eq!(done.status(), Some(&RecordStatus::Failed));
    assert!(
        done.record_errors()[0]
            .description()
            .unwrap()
            .contains("ACCOUNT_LIMIT_EXCEEDED"),
        "{done:?}"
    );
}
