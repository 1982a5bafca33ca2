//! Background work shared by several workers over one store, through the job queue's leases:
//! two emulators (as two instances would be) fan out one organization share together, each
//! account exactly once; a worker that stops holding a job mid-operation loses it to another
//! once its lease runs out, and what it had committed stays. On PostgreSQL the two emulators
//! have a store each over one database, as two sclocal processes would.

use std::sync::Arc;

use sclocal_api::servicecatalog::{
    CreatePortfolioInput, CreatePortfolioShareInput, DescribePortfolioShareStatusInput,
    OrganizationNode, OrganizationNodeType, ServiceCatalog, ShareStatus,
};
use sclocal_api::RequestContext;
use sclocal_core::clock::{FixedClock, RandomIds};
use sclocal_core::ids::AccountId;
use sclocal_core::jobs::{run_next_job, run_until_idle, JobOutcome};
use sclocal_core::organizations::bootstrap::{
    apply, BootstrapAccount, BootstrapOrg, BootstrapPlan, BootstrapUnit,
};
use sclocal_core::store::{JobKind, Store};
use sclocal_core::{Emulator, Settings};
use sclocal_store::{PostgresStore, SqliteStore};

#[path = "conformance/postgres.rs"]
mod postgres;

const MANAGEMENT: &str = "100000000000";
const MEMBERS: u64 = 600;

fn account(n: u64) -> BootstrapAccount {
    let id = AccountId::parse(&format!("{:012}", 200_000_000_000 + n)).unwrap();
    BootstrapAccount {
        name: format!("a{n}"),
        email: format!("a{n}@example.com"),
        id,
    }
}

fn emulator(store: &Arc<dyn Store>, clock: &Arc<FixedClock>, lease_ms: i64) -> Emulator {
    sclocal_core::new(
        store.clone(),
        clock.clone(),
        Arc::new(RandomIds::default()),
        Settings {
            fanout_batch: 50,
            job_lease_ms: lease_ms,
            ..Settings::default()
        },
    )
}

fn cx() -> RequestContext {
    RequestContext {
        account_id: MANAGEMENT.into(),
        principal_arn: format!("arn:aws:iam::{MANAGEMENT}:root"),
        access_key_id: None,
        region: "us-east-1".into(),
        request_id: "r".into(),
    }
}

/// An organization whose OU holds `MEMBERS` accounts, and an OU share of a new portfolio
/// queued on it; answers the share token.
async fn queued_share(em: &Emulator) -> String {
    let plan = BootstrapPlan {
        orgs: vec![BootstrapOrg {
            partition: "aws".into(),
            management: BootstrapAccount {
                id: AccountId::parse(MANAGEMENT).unwrap(),
                name: "m".into(),
                email: "m@example.com".into(),
            },
            service_catalog_access: Some(true),
            delegated_administrators: Vec::new(),
            accounts: Vec::new(),
            units: vec![BootstrapUnit {
                name: "Workloads".into(),
                accounts: (0..MEMBERS).map(account).collect(),
                units: Vec::new(),
            }],
            account_factory: None,
        }],
    };
    apply(em, plan, &|_| {}).await.unwrap().unwrap();
    let ou = em
        .store()
        .read(|tx| {
            let m = tx.membership(&account(0).id)?.unwrap();
            Ok(m.ou_path[0].to_string())
        })
        .await
        .unwrap();
    let portfolio = em
        .create_portfolio(
            &cx(),
            CreatePortfolioInput {
                display_name: "P".into(),
                provider_name: "Q".into(),
                idempotency_token: "t".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap()
        .portfolio_detail
        .unwrap()
        .id
        .unwrap();
    em.create_portfolio_share(
        &cx(),
        CreatePortfolioShareInput {
            portfolio_id: portfolio,
            organization_node: Some(OrganizationNode {
                r#type: Some(OrganizationNodeType::ORGANIZATIONAL_UNIT),
                value: Some(ou),
            }),
            ..Default::default()
        },
    )
    .await
    .unwrap()
    .portfolio_share_token
    .unwrap()
}

/// The operation's status and how many accounts succeeded, each listed once.
async fn outcome(em: &Emulator, token: &str) -> (Option<ShareStatus>, usize) {
    let status = em
        .describe_portfolio_share_status(
            &cx(),
            DescribePortfolioShareStatusInput {
                portfolio_share_token: token.into(),
            },
        )
        .await
        .unwrap();
    let ok = status.share_details.unwrap().successful_shares.unwrap();
    let mut unique = ok.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ok.len(), "an account was reported twice");
    (status.status, ok.len())
}

/// Two handles on one database (the same store for SQLite, whose stores are one per
/// process; two stores, as two instances, for PostgreSQL), and what must outlive them.
struct Shared {
    a: Arc<dyn Store>,
    b: Arc<dyn Store>,
    _dir: Option<tempfile::TempDir>,
}

fn databases() -> Vec<Shared> {
    let dir = tempfile::tempdir().unwrap();
    let file: Arc<dyn Store> = Arc::new(SqliteStore::open(&dir.path().join("db")).unwrap());
    let memory: Arc<dyn Store> = Arc::new(SqliteStore::in_memory().unwrap());
    let mut all = vec![
        Shared {
            a: memory.clone(),
            b: memory,
            _dir: None,
        },
        Shared {
            a: file.clone(),
            b: file,
            _dir: Some(dir),
        },
    ];
    if postgres::url().is_some() {
        let url = postgres::fresh_schema_url();
        all.push(Shared {
            a: Arc::new(PostgresStore::open(&url).unwrap()),
            b: Arc::new(PostgresStore::open(&url).unwrap()),
            _dir: None,
        });
    }
    all
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_workers_fan_out_one_share_each_account_once() {
    for db in databases() {
        let clock = Arc::new(FixedClock::new(1_700_000_000_000));
        let a = Arc::new(emulator(&db.a, &clock, 60_000));
        let b = Arc::new(emulator(&db.b, &clock, 60_000));
        let token = queued_share(&a).await;
        let (ra, rb) = tokio::join!(
            tokio::spawn({
                let a = a.clone();
                async move { run_until_idle(&a).await }
            }),
            tokio::spawn({
                let b = b.clone();
                async move { run_until_idle(&b).await }
            })
        );
        ra.unwrap().unwrap();
        rb.unwrap().unwrap();
        assert_eq!(
            outcome(&a, &token).await,
            (
                Some(ShareStatus::COMPLETED),
                usize::try_from(MEMBERS).unwrap()
            )
        );
        let left = db.b.read(|tx| Ok(tx.job_count()?)).await.unwrap();
        assert_eq!(left, 0, "every job finished");
    }
}

#[tokio::test]
async fn a_lease_that_runs_out_mid_operation_is_taken_over() {
    for db in databases() {
        let (store, other) = (db.a.clone(), db.b.clone());
        let clock = Arc::new(FixedClock::new(1_700_000_000_000));
        let first = emulator(&store, &clock, 1_000);
        let second = emulator(&other, &clock, 1_000);
        let token = queued_share(&first).await;
        // The first worker claims the job and records one batch, then stops (it died).
        assert_eq!(run_next_job(&first).await.unwrap(), JobOutcome::Ran);
        // Its step released the job, due again now: claim it again and stop holding it.
        let worker_held = store
            .write(|tx| Ok(tx.claim_job("dead-worker", 1_700_000_000_000, 1_700_000_001_000)?))
            .await
            .unwrap();
        assert!(worker_held.is_some());
        // While the lease holds, nobody else gets the job.
        assert!(matches!(
            run_next_job(&second).await.unwrap(),
            JobOutcome::Idle(Some(_))
        ));
        let (_, done_so_far) = outcome(&first, &token).await;
        assert_eq!(done_so_far, 50, "the first batch stays committed");
        // The lease runs out; the second worker takes the job over.
        clock.advance(1_001);
        assert_eq!(run_next_job(&second).await.unwrap(), JobOutcome::Ran);
        // The dead worker no longer holds it: it can neither write for it nor release it.
        let now = 1_700_000_001_001;
        let key = token.clone();
        let (holds, released) = store
            .write(move |tx| {
                Ok((
                    tx.holds_lease(JobKind::ShareOperation, &key, "dead-worker", now)?,
                    tx.release_job(JobKind::ShareOperation, &key, "dead-worker", 0)?,
                ))
            })
            .await
            .unwrap();
        assert!(!holds && !released);
        // The second worker finishes exactly.
        run_until_idle(&second).await.unwrap();
        assert_eq!(
            outcome(&second, &token).await,
            (
                Some(ShareStatus::COMPLETED),
                usize::try_from(MEMBERS).unwrap()
            )
        );
    }
}
