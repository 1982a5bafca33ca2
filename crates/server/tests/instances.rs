//! Two sclocal processes over one PostgreSQL database behave as one sclocal: what one writes
//! the other reads, an IdempotencyToken raced through both makes one portfolio, a quota and
//! the one-share-action-at-a-time rule hold across them, both bootstrap one organization, and
//! an organization share of 20,000 accounts fanned out while both run workers survives the
//! death (SIGKILL) of the instance running it: each account exactly once.
//!
//! Needs `SCLOCAL_TEST_DATABASE_URL` (`scripts/test` starts a throwaway server and sets it);
//! without it these tests have nothing to run against and say so, unless
//! `SCLOCAL_REQUIRE_POSTGRES` is set, when they fail.

use std::process::Command;
use std::sync::Arc;
use std::time::Duration;

use aws_sdk_servicecatalog::types::{
    OrganizationNode, OrganizationNodeType, PortfolioShareType, ShareStatus,
};
use sclocal_core::store::{JobKind, Store};
use sclocal_store::PostgresStore;

mod process;

use process::{create_portfolio, database, Server};

const MGMT: &str = "100000000000";
const MEMBERS: u64 = 20_000;

/// Runs `n` creates at once, alternating between the two instances; their answers.
async fn race(
    a: &Arc<Server>,
    b: &Arc<Server>,
    n: usize,
    account: &str,
    token: impl Fn(usize) -> String,
) -> Vec<Result<String, String>> {
    let tasks: Vec<_> = (0..n)
        .map(|i| {
            let server = if i % 2 == 0 { a.clone() } else { b.clone() };
            let (account, token) = (account.to_string(), token(i));
            tokio::spawn(async move { create_portfolio(&server, &account, &token).await })
        })
        .collect();
    let mut answers = Vec::new();
    for task in tasks {
        answers.push(task.await.unwrap());
    }
    answers
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[expect(
    clippy::too_many_lines,
    reason = "one story over one pair of instances"
)]
async fn two_instances_answer_as_one_sclocal() {
    let Some(url) = database() else { return };
    let args = [
        "--database-url",
        url.as_str(),
        "--portfolio-limit",
        "6",
        "--share-processing-delay",
        "5s",
    ];
    let (a, b) = tokio::join!(Server::start(&args), Server::start(&args));
    let (a, b) = (Arc::new(a), Arc::new(b));
    assert_eq!(a.health().await["store"], "postgres");
    assert_ne!(a.health().await["worker"], b.health().await["worker"]);

    // What one instance writes, the other reads.
    let id = create_portfolio(&a, "111111111111", "first").await.unwrap();
    let described = b
        .catalog("111111111111")
        .describe_portfolio()
        .id(&id)
        .send()
        .await
        .unwrap();
    assert_eq!(
        described.portfolio_detail().unwrap().display_name(),
        Some("Platform")
    );
    let listed = b
        .catalog("111111111111")
        .list_portfolios()
        .send()
        .await
        .unwrap();
    assert_eq!(listed.portfolio_details()[0].id(), Some(id.as_str()));

    // One IdempotencyToken raced through both instances: one portfolio, every caller gets it.
    let answers = race(&a, &b, 16, "222222222222", |_| "same-token".into()).await;
    let ids: std::collections::BTreeSet<_> = answers.iter().map(|r| r.clone().unwrap()).collect();
    assert_eq!(ids.len(), 1, "{answers:?}");
    let listed = a
        .catalog("222222222222")
        .list_portfolios()
        .send()
        .await
        .unwrap();
    assert_eq!(listed.portfolio_details().len(), 1);

    // The portfolio quota (6 here) holds across instances: 12 racing creates, 6 succeed.
    let answers = race(&a, &b, 12, "333333333333", |i| format!("token-{i}")).await;
    let made = answers.iter().filter(|r| r.is_ok()).count();
    let refused = answers
        .iter()
        .filter(|r| r.as_ref().err().map(String::as_str) == Some("LimitExceededException"))
        .count();
    assert_eq!((made, refused), (6, 6), "{answers:?}");

    // One share action at a time, across instances: an organization share raced through
    // both is made once; the other is refused while the operation is open (5 s here).
    a.organizations(MGMT)
        .create_organization()
        .send()
        .await
        .unwrap();
    let org = b
        .organizations(MGMT)
        .describe_organization()
        .send()
        .await
        .unwrap()
        .organization()
        .unwrap()
        .id()
        .unwrap()
        .to_string();
    b.catalog(MGMT)
        .enable_aws_organizations_access()
        .send()
        .await
        .unwrap();
    let portfolio = create_portfolio(&a, MGMT, "shared").await.unwrap();
    let node = OrganizationNode::builder()
        .r#type(OrganizationNodeType::Organization)
        .value(&org)
        .build();
    let share = |server: &Arc<Server>| {
        server
            .catalog(MGMT)
            .create_portfolio_share()
            .portfolio_id(&portfolio)
            .organization_node(node.clone())
            .send()
    };
    let (ra, rb) = tokio::join!(share(&a), share(&b));
    let codes: Vec<_> = [&ra, &rb]
        .iter()
        .map(|r| match r {
            Ok(_) => "ok".to_string(),
            Err(e) => e
                .as_service_error()
                .unwrap()
                .meta()
                .code()
                .unwrap()
                .to_string(),
        })
        .collect();
    let mut sorted = codes.clone();
    sorted.sort();
    assert_eq!(sorted, ["InvalidStateException", "ok"], "{codes:?}");
    let again = b
        .catalog(MGMT)
        .update_portfolio_share()
        .portfolio_id(&portfolio)
        .organization_node(node.clone())
        .share_tag_options(true)
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        again.as_service_error().unwrap().meta().code(),
        Some("InvalidStateException")
    );

    // The access report reads the same database while both serve it.
    let report = Command::new(env!("CARGO_BIN_EXE_sclocal"))
        .args(["access-report", "--json", "--database-url", url.as_str()])
        .output()
        .unwrap();
    assert!(report.status.success(), "{report:?}");
    let report: serde_json::Value = serde_json::from_slice(&report.stdout).unwrap();
    let reported: Vec<_> = report["portfolios"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap().to_string())
        .collect();
    assert!(
        reported.contains(&id) && reported.contains(&portfolio),
        "{reported:?}"
    );
}

fn write_bootstrap(path: &std::path::Path) {
    let accounts: Vec<String> = (0..MEMBERS)
        .map(|i| format!("\"{:012}\"", 200_000_000_000 + i))
        .collect();
    let doc = format!(
        "{{\"organizations\": [{{\"management_account\": \"{MGMT}\", \
         \"service_catalog_access\": true, \"accounts\": [{}]}}]}}",
        accounts.join(",")
    );
    std::fs::write(path, doc).unwrap();
}

/// Sends `signal` (`STOP`, `CONT`) to the server's process.
fn signal(server: &Server, signal: &str) {
    let status = Command::new("kill")
        .args([format!("-{signal}"), server.pid().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[expect(
    clippy::too_many_lines,
    reason = "start, share, kill and check read best as one story"
)]
async fn a_fan_out_survives_the_death_of_the_instance_running_it() {
    let Some(url) = database() else { return };
    let dir = tempfile::tempdir().unwrap();
    let boot = dir.path().join("org.json");
    write_bootstrap(&boot);
    let boot = boot.to_string_lossy().to_string();
    // Both bootstrap the same organization at once; small steps, so the kill lands between
    // committed steps of the fan-out.
    let args = [
        "--database-url",
        url.as_str(),
        "--bootstrap",
        boot.as_str(),
        "--share-fanout-batch",
        "500",
    ];
    let (a, b) = tokio::join!(Server::start(&args), Server::start(&args));
    let mut servers = [a, b];
    let org = |s: &Server| {
        let orgs = s.organizations(MGMT);
        async move {
            let out = orgs.describe_organization().send().await.unwrap();
            out.organization().unwrap().id().unwrap().to_string()
        }
    };
    let org_id = org(&servers[0]).await;
    assert_eq!(
        org_id,
        org(&servers[1]).await,
        "one organization, bootstrapped twice"
    );

    let portfolio = create_portfolio(&servers[0], MGMT, "fan-out")
        .await
        .unwrap();
    let token = servers[0]
        .catalog(MGMT)
        .create_portfolio_share()
        .portfolio_id(&portfolio)
        .organization_node(
            OrganizationNode::builder()
                .r#type(OrganizationNodeType::Organization)
                .value(&org_id)
                .build(),
        )
        .send()
        .await
        .unwrap()
        .portfolio_share_token()
        .unwrap()
        .to_string();

    // Freeze whichever instance holds the operation's lease mid-fan-out, check that it still
    // holds it, and kill it; if it had just let go, let it run again and try once more.
    let observer: Arc<dyn Store> = Arc::new(PostgresStore::open(&url).unwrap());
    let workers = [
        servers[0].health().await["worker"]
            .as_str()
            .unwrap()
            .to_string(),
        servers[1].health().await["worker"]
            .as_str()
            .unwrap()
            .to_string(),
    ];
    let holder = |observer: Arc<dyn Store>, token: String| async move {
        observer
            .read(move |tx| Ok(tx.job(JobKind::ShareOperation, &token)?))
            .await
            .unwrap()
            .and_then(|job| job.lease_owner)
    };
    let mut killed = None;
    for _ in 0..5000 {
        let progress = servers[0]
            .catalog(MGMT)
            .describe_portfolio_share_status()
            .portfolio_share_token(&token)
            .send()
            .await
            .unwrap();
        assert_ne!(
            progress.status(),
            Some(&ShareStatus::Completed),
            "finished before the kill"
        );
        let done = progress
            .share_details()
            .map_or(0, |d| d.successful_shares().len());
        let owner = holder(observer.clone(), token.clone()).await;
        if let (true, Some(i)) = (
            done > 0,
            workers.iter().position(|w| Some(w) == owner.as_ref()),
        ) {
            signal(&servers[i], "STOP");
            if holder(observer.clone(), token.clone()).await.as_ref() == Some(&workers[i]) {
                servers[i].kill();
                killed = Some(i);
                break;
            }
            signal(&servers[i], "CONT");
        }
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    let dead = killed.expect("the fan-out was never caught mid-way under a lease");
    let survivor = &servers[1 - dead];

    // The survivor takes the operation over once the dead one's lease runs out (5 s), and
    // finishes it exactly.
    let mut finished = None;
    for _ in 0..600 {
        let status = survivor
            .catalog(MGMT)
            .describe_portfolio_share_status()
            .portfolio_share_token(&token)
            .send()
            .await
            .unwrap();
        if status.status() == Some(&ShareStatus::Completed) {
            finished = Some(status);
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let status = finished.expect("the survivor finished the fan-out within 30 s");
    let mut ok = status.share_details().unwrap().successful_shares().to_vec();
    let n = ok.len();
    ok.sort();
    ok.dedup();
    let members = usize::try_from(MEMBERS).unwrap();
    assert_eq!(
        (n, ok.len()),
        (members, members),
        "each account exactly once"
    );
    let last = format!("{:012}", 200_000_000_000 + MEMBERS - 1);
    let seen = survivor
        .catalog(&last)
        .list_accepted_portfolio_shares()
        .portfolio_share_type(PortfolioShareType::AwsOrganizations)
        .send()
        .await
        .unwrap();
    assert_eq!(seen.portfolio_details()[0].id(), Some(portfolio.as_str()));
}
