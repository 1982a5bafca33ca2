//! Races (issue 6): concurrent identical requests must not create duplicates.

use std::collections::BTreeSet;

use crate::helpers::spawn_app;

/// 32 concurrent CreatePortfolio calls with one IdempotencyToken make exactly one portfolio,
/// and every caller gets its id.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_create_portfolio_with_one_token_makes_one() {
    let app = spawn_app().await;
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..32 {
        let sc = app.catalog("111111111111");
        tasks.spawn(async move {
            sc.create_portfolio()
                .display_name("Raced")
                .provider_name("p")
                .idempotency_token("one-token")
                .send()
                .await
                .unwrap()
                .portfolio_detail()
                .unwrap()
                .id()
                .unwrap()
                .to_owned()
        });
    }
    let mut ids = BTreeSet::new();
    let mut answers = 0;
    while let Some(id) = tasks.join_next().await {
        ids.insert(id.unwrap());
        answers += 1;
    }
    assert_eq!(answers, 32);
    assert_eq!(ids.len(), 1, "{ids:?}");
    let listed = app
        .catalog("111111111111")
        .list_portfolios()
        .send()
        .await
        .unwrap();
    assert_eq!(listed.portfolio_details().len(), 1);
    assert_eq!(
        listed.portfolio_details()[0].id(),
        ids.first().map(String::as_str)
    );
}
