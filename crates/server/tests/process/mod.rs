//! The real `sclocal` binary as a child process, SDK clients pointed at it, and a database
//! on the test PostgreSQL server: what the tests that kill servers (`crash/`) or run several
//! over one database (`instances.rs`) share.

#![allow(dead_code)] // Each test binary uses its own part.

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use aws_sdk_servicecatalog::config::{BehaviorVersion, Credentials, Region};

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A running `sclocal serve`, killed (SIGKILL) when dropped.
pub struct Server {
    pub port: u16,
    child: Child,
}

impl Server {
    /// Starts `sclocal serve` on a free port with `args`, and waits until it is healthy.
    pub async fn start(args: &[&str]) -> Server {
        let port = free_port();
        let child = Command::new(env!("CARGO_BIN_EXE_sclocal"))
            .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start sclocal");
        let server = Server { port, child };
        healthy(port).await;
        server
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// SIGKILL, and wait for the process to be gone.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// The health check's JSON.
    pub async fn health(&self) -> serde_json::Value {
        let (status, body) = request(self.port, "GET", "/_sclocal/health").await;
        assert_eq!(status, 200, "{body}");
        serde_json::from_str(&body).unwrap()
    }

    /// POSTs to an admin endpoint and requires a 200.
    pub async fn post(&self, path: &str) {
        let (status, body) = request(self.port, "POST", path).await;
        assert_eq!(status, 200, "{body}");
    }

    pub fn catalog(&self, account: &str) -> aws_sdk_servicecatalog::Client {
        catalog(self.port, account)
    }

    pub fn organizations(&self, account: &str) -> aws_sdk_organizations::Client {
        aws_sdk_organizations::Client::from_conf(
            aws_sdk_organizations::Config::builder()
                .behavior_version(aws_sdk_organizations::config::BehaviorVersion::latest())
                .region(aws_sdk_organizations::config::Region::new("us-east-1"))
                .credentials_provider(Credentials::new(account, "secret", None, None, "test"))
                .endpoint_url(format!("http://127.0.0.1:{}", self.port))
                .http_client(aws_smithy_http_client::Builder::new().build_http())
                .retry_config(aws_sdk_organizations::config::retry::RetryConfig::disabled())
                .build(),
        )
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

/// A fresh schema of the test server, as a URL; `None` when there is no server to test.
pub fn database() -> Option<String> {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let Some(url) = std::env::var("SCLOCAL_TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty())
    else {
        assert!(
            std::env::var_os("SCLOCAL_REQUIRE_POSTGRES").is_none(),
            "SCLOCAL_REQUIRE_POSTGRES is set but SCLOCAL_TEST_DATABASE_URL is not"
        );
        eprintln!("SCLOCAL_TEST_DATABASE_URL is not set: no PostgreSQL to run two instances on");
        return None;
    };
    let name = format!(
        "instances_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    );
    Some(sclocal_store::fresh_schema(&url, &name).expect("a schema on the test server"))
}

pub async fn create_portfolio(
    server: &Server,
    account: &str,
    token: &str,
) -> Result<String, String> {
    server
        .catalog(account)
        .create_portfolio()
        .display_name("Platform")
        .provider_name("Me")
        .idempotency_token(token)
        .send()
        .await
        .map(|out| out.portfolio_detail().unwrap().id().unwrap().to_string())
        .map_err(|e| {
            e.as_service_error()
                .and_then(|e| e.meta().code())
                .unwrap_or("no answer")
                .to_string()
        })
}

/// One HTTP/1.1 request with an empty body; the status and the body.
pub async fn request(port: u16, method: &str, path: &str) -> (u16, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut s = tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .unwrap();
    let req = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 0\r\n\
         Connection: close\r\n\r\n"
    );
    s.write_all(req.as_bytes()).await.unwrap();
    let mut out = Vec::new();
    s.read_to_end(&mut out).await.unwrap();
    let text = String::from_utf8_lossy(&out).into_owned();
    let status = text
        .get(9..12)
        .and_then(|s| s.parse().ok())
        .unwrap_or_default();
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

/// Polls the health endpoint (bounded), so the test never waits on a fixed sleep.
pub async fn healthy(port: u16) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    for _ in 0..3000 {
        if let Ok(mut s) = tokio::net::TcpStream::connect(("127.0.0.1", port)).await {
            let req = format!("GET /_sclocal/health HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n");
            if s.write_all(req.as_bytes()).await.is_ok() {
                let mut out = Vec::new();
                let _ = s.read_to_end(&mut out).await;
                if out.starts_with(b"HTTP/1.1 200") {
                    return;
                }
            }
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("sclocal did not become healthy");
}

pub fn catalog(port: u16, account: &str) -> aws_sdk_servicecatalog::Client {
    catalog_with(
        port,
        Credentials::new(account, "secret", None, None, "test"),
    )
}

/// Service Catalog on `port` with explicit credentials (an STS session's).
pub fn catalog_with(port: u16, credentials: Credentials) -> aws_sdk_servicecatalog::Client {
    let config = aws_sdk_servicecatalog::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(credentials)
        .endpoint_url(format!("http://127.0.0.1:{port}"))
        .http_client(aws_smithy_http_client::Builder::new().build_http())
        .retry_config(aws_sdk_servicecatalog::config::retry::RetryConfig::disabled())
        .build();
    aws_sdk_servicecatalog::Client::from_conf(config)
}
