//! `spawn_app()` and SDK clients pointed at it.

use std::net::SocketAddr;

use aws_sdk_servicecatalog::config::{BehaviorVersion, Credentials, Region};
use aws_smithy_http_client::Builder;
use sclocal_server::Config;
use tokio::sync::oneshot;

/// A running server; stops when dropped.
pub struct TestApp {
    pub addr: SocketAddr,
    pub endpoint: String,
    stop: Option<oneshot::Sender<()>>,
    /// The data directory when `SCLOCAL_E2E_STORE=file` moved an in-memory test to disk.
    _data: Option<tempfile::TempDir>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// A server with the test configuration (in memory, lenient auth).
pub async fn spawn_app() -> TestApp {
    spawn_with(Config::for_tests()).await
}

/// A server with a given configuration. With `SCLOCAL_E2E_STORE=file` (`scripts/test` runs
/// the suite that way too) a test that asks for an in-memory store gets a fresh file store
/// instead, so every scenario also runs through the group-committing writer and the read pool;
/// with `SCLOCAL_E2E_STORE=postgres`, a fresh schema of the PostgreSQL server at
/// `SCLOCAL_TEST_DATABASE_URL`.
pub async fn spawn_with(mut config: Config) -> TestApp {
    let engine = std::env::var("SCLOCAL_E2E_STORE").unwrap_or_default();
    let data =
        (config.in_memory && engine == "file").then(|| tempfile::tempdir().expect("data dir"));
    if let Some(dir) = &data {
        config.in_memory = false;
        config.data_dir = dir.path().to_path_buf();
    }
    if config.in_memory && engine == "postgres" {
        config.in_memory = false;
        config.database_url = Some(postgres_schema());
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let (stop, stopped) = oneshot::channel::<()>();
    tokio::spawn(async move {
        sclocal_server::run(listener, config, async {
            let _ = stopped.await;
        })
        .await
        .expect("server runs");
    });
    TestApp {
        addr,
        endpoint: format!("http://{addr}"),
        stop: Some(stop),
        _data: data,
    }
}

/// A fresh schema of the test PostgreSQL server, as a URL.
fn postgres_schema() -> String {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let url = std::env::var("SCLOCAL_TEST_DATABASE_URL").expect(
        "SCLOCAL_E2E_STORE=postgres needs SCLOCAL_TEST_DATABASE_URL (scripts/test sets both)",
    );
    let name = format!(
        "e2e_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    );
    sclocal_store::fresh_schema(&url, &name).expect("a schema on the test PostgreSQL server")
}

fn creds(access_key: &str) -> Credentials {
    Credentials::new(access_key, "secret", None, None, "test")
}

impl TestApp {
    /// Service Catalog as `account` in us-east-1.
    pub fn catalog(&self, account: &str) -> aws_sdk_servicecatalog::Client {
        self.catalog_in(account, "us-east-1")
    }

    /// Service Catalog as `account` in `region`.
    pub fn catalog_in(&self, account: &str, region: &str) -> aws_sdk_servicecatalog::Client {
        self.catalog_with(creds(account), region)
    }

    /// Service Catalog with explicit credentials.
    pub fn catalog_with(&self, creds: Credentials, region: &str) -> aws_sdk_servicecatalog::Client {
        let config = aws_sdk_servicecatalog::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new(region.to_string()))
            .credentials_provider(creds)
            .endpoint_url(&self.endpoint)
            .http_client(Builder::new().build_http())
            .retry_config(aws_sdk_servicecatalog::config::retry::RetryConfig::disabled())
            .build();
        aws_sdk_servicecatalog::Client::from_conf(config)
    }

    /// Organizations as `account`.
    pub fn organizations(&self, account: &str) -> aws_sdk_organizations::Client {
        let config = aws_sdk_organizations::Config::builder()
            .behavior_version(aws_sdk_organizations::config::BehaviorVersion::latest())
            .region(aws_sdk_organizations::config::Region::new("us-east-1"))
            .credentials_provider(creds(account))
            .endpoint_url(&self.endpoint)
            .http_client(Builder::new().build_http())
            .retry_config(aws_sdk_organizations::config::retry::RetryConfig::disabled())
            .build();
        aws_sdk_organizations::Client::from_conf(config)
    }

    /// STS as `account`.
    pub fn sts(&self, account: &str) -> aws_sdk_sts::Client {
        self.sts_with(creds(account))
    }

    /// STS with explicit credentials.
    pub fn sts_with(&self, creds: Credentials) -> aws_sdk_sts::Client {
        let config = aws_sdk_sts::Config::builder()
            .behavior_version(aws_sdk_sts::config::BehaviorVersion::latest())
            .region(aws_sdk_sts::config::Region::new("us-east-1"))
            .credentials_provider(creds)
            .endpoint_url(&self.endpoint)
            .http_client(Builder::new().build_http())
            .retry_config(aws_sdk_sts::config::retry::RetryConfig::disabled())
            .build();
        aws_sdk_sts::Client::from_conf(config)
    }

    /// Sends raw bytes as one HTTP/1.1 request and returns (status, headers, body).
    pub async fn raw(&self, head: &str, body: &[u8]) -> (u16, String, Vec<u8>) {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let mut stream = tokio::net::TcpStream::connect(self.addr)
            .await
            .expect("connect");
        let request = format!(
            "{head}Host: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            self.addr,
            body.len()
        );
        stream
            .write_all(request.as_bytes())
            .await
            .expect("write head");
        stream.write_all(body).await.expect("write body");
        let mut out = Vec::new();
        stream.read_to_end(&mut out).await.expect("read");
        let split = out
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("header end");
        let headers = String::from_utf8_lossy(&out[..split]).to_string();
        let status = headers
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .expect("status");
        (
            status,
            headers.to_ascii_lowercase(),
            out[split + 4..].to_vec(),
        )
    }
}

/// A syntactically valid SigV4 Authorization header (lenient mode does not check it).
pub fn auth_headers(account: &str, service: &str) -> String {
    format!(
        "X-Amz-Date: 20261129T053850Z\r\nAuthorization: AWS4-HMAC-SHA256 Credential={account}/20261129/us-east-1/{service}/aws4_request, SignedHeaders=host;x-amz-date, Signature={}\r\n",
        "0".repeat(64)
    )
}

impl TestApp {
    /// Runs pending share-operation work now (`POST /_sclocal/jobs/drain`).
    pub async fn drain(&self) {
        let (status, _, body) = self
            .raw("POST /_sclocal/jobs/drain HTTP/1.1\r\n", b"")
            .await;
        assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    }

    /// Sets the accounts that fail inside share fan-outs (`PUT /_sclocal/share-faults`).
    pub async fn put_share_faults(&self, json: &str) {
        let head = "PUT /_sclocal/share-faults HTTP/1.1\r\nContent-Type: application/json\r\n";
        let (status, _, body) = self.raw(head, json.as_bytes()).await;
        assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    }
}

/// A new portfolio named `name` (the name doubles as its idempotency token).
pub async fn portfolio(sc: &aws_sdk_servicecatalog::Client, name: &str) -> String {
    let out = sc
        .create_portfolio()
        .display_name(name)
        .provider_name("Platform")
        .idempotency_token(format!("tok-{name}"))
        .send()
        .await
        .unwrap();
    out.portfolio_detail().unwrap().id().unwrap().to_string()
}
