//! Crash safety (issue 6): SIGKILL the real `sclocal` binary in the middle of a burst of
//! writes, restart it on the same data directory, and check that every write it acknowledged
//! is there, and nothing it was never asked for.

use std::collections::BTreeMap;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use aws_sdk_servicecatalog::config::{BehaviorVersion, Credentials, Region};
use aws_smithy_http_client::Builder;

/// Writers in the burst, each as its own account (the portfolio quota is per account).
const WRITERS: usize = 8;
/// Acknowledged writes to wait for before the kill.
const KILL_AFTER: usize = 120;

/// The server process; SIGKILLed when dropped, so a failing assertion leaves nothing behind.
struct Server(Child);

impl Server {
    fn kill(&mut self) {
        let _ = self.0.kill(); // SIGKILL: no graceful shutdown, no final checkpoint.
        let _ = self.0.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

fn start(dir: &std::path::Path, port: u16) -> Server {
    let child = Command::new(env!("CARGO_BIN_EXE_sclocal"))
        .args([
            "serve",
            "--listen",
            &format!("127.0.0.1:{port}"),
            "--data-dir",
        ])
        .arg(dir)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start sclocal");
    Server(child)
}

async fn wait_healthy(port: u16) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    for _ in 0..500 {
        if let Ok(mut s) = tokio::net::TcpStream::connect(("127.0.0.1", port)).await {
            let req = b"GET /_sclocal/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
            let mut out = Vec::new();
            if s.write_all(req).await.is_ok()
                && s.read_to_end(&mut out).await.is_ok()
                && out.starts_with(b"HTTP/1.1 200")
            {
                return;
            }
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("sclocal on port {port} never became healthy");
}

fn client(port: u16, account: &str) -> aws_sdk_servicecatalog::Client {
    let config = aws_sdk_servicecatalog::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new(account, "secret", None, None, "t"))
        .endpoint_url(format!("http://127.0.0.1:{port}"))
        .http_client(Builder::new().build_http())
        .retry_config(aws_sdk_servicecatalog::config::retry::RetryConfig::disabled())
        .build();
    aws_sdk_servicecatalog::Client::from_conf(config)
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// account → (ids acknowledged, requests sent)
type Ledger = Arc<Mutex<BTreeMap<String, (Vec<String>, usize)>>>;

async fn writer(port: u16, account: String, ledger: Ledger) {
    let sc = client(port, &account);
    for n in 0..95 {
        ledger.lock().unwrap().entry(account.clone()).or_default().1 += 1;
        let result = sc
            .create_portfolio()
            .display_name(format!("burst-{n}"))
            .provider_name("crash")
            .idempotency_token(format!("burst-{n}"))
            .send()
            .await;
        match result {
            Ok(out) => {
                let id = out.portfolio_detail().unwrap().id().unwrap().to_owned();
                ledger.lock().unwrap().get_mut(&account).unwrap().0.push(id);
            }
            // The server is gone: this write may or may not have committed.
            Err(_) => return,
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_writes_survive_sigkill() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let mut child = start(dir.path(), port);
    wait_healthy(port).await;

    let ledger: Ledger = Arc::default();
    let mut tasks = tokio::task::JoinSet::new();
    for w in 0..WRITERS {
        tasks.spawn(writer(port, format!("5555000000{w:02}"), ledger.clone()));
    }
    let acked = || {
        ledger
            .lock()
            .unwrap()
            .values()
            .map(|v| v.0.len())
            .sum::<usize>()
    };
    for _ in 0..1000 {
        if acked() >= KILL_AFTER {
            break;
        }
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    child.kill();
    while tasks.join_next().await.is_some() {}
    let ledger = ledger.lock().unwrap().clone();
    let total: usize = ledger.values().map(|v| v.0.len()).sum();
    assert!(total >= KILL_AFTER, "only {total} writes before the kill");
    let sent: usize = ledger.values().map(|v| v.1).sum();
    assert!(sent < WRITERS * 95, "the kill came after the burst ended");

    let port = free_port();
    let mut child = start(dir.path(), port);
    wait_healthy(port).await;
    for (account, (ids, sent)) in &ledger {
        let sc = client(port, account);
        let listed = sc.list_portfolios().page_size(100).send().await.unwrap();
        let found: Vec<&str> = listed
            .portfolio_details()
            .iter()
            .filter_map(|p| p.id())
            .collect();
        for id in ids {
            assert!(
                found.contains(&id.as_str()),
                "{account}: acknowledged {id} lost"
            );
            sc.describe_portfolio().id(id).send().await.unwrap();
        }
        // At most the one request in flight at the kill may have committed unacknowledged.
        assert!(
            found.len() >= ids.len() && found.len() <= *sent,
            "{account}: {found:?}"
        );
    }
    child.kill();
}
