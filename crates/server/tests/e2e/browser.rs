//! The console in a real headless Chromium, driven over WebDriver (fantoccini): a person
//! clicks from the server's address through organization → OU → account → portfolio →
//! share, and watches a share operation go from IN_PROGRESS to COMPLETED on the Operations
//! page without reloading it. Every page must load nothing from anywhere but the server and
//! log no error in the browser console.
//!
//! The WebDriver endpoint is `SCLOCAL_WEBDRIVER` (scripts/test starts one chromedriver for
//! the run), else a chromedriver this test starts on a free port. Without chromedriver and
//! Chromium the tests fail: `apt-get install -y chromium chromium-driver` (scripts/test does).
//! With `SCLOCAL_SCREENSHOTS=DIR` the pages are also saved there as PNG (docs/ holds the
//! README's).

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use aws_sdk_servicecatalog::types::{OrganizationNode, OrganizationNodeType, PrincipalType};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

use crate::helpers::portfolio;
use crate::org_share::{world, world_with};

/// A chromedriver this test started; stopped when dropped.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A browser session and what keeps it alive.
struct Browser {
    client: Client,
    webdriver: String,
    _driver: Option<Driver>,
    _profile: tempfile::TempDir,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

async fn start_driver() -> (String, Driver) {
    let binary = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
    let port = free_port();
    let child = Command::new(&binary)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| {
            panic!(
                "cannot start {binary} ({e}): the browser tests need Chromium and chromedriver \
                 (apt-get install -y chromium chromium-driver; scripts/test installs them)"
            )
        });
    let driver = Driver(child);
    let url = format!("http://127.0.0.1:{port}");
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            return (url, driver);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{binary} did not listen on port {port}");
}

async fn browser() -> Browser {
    let (webdriver, driver) = if let Ok(url) = std::env::var("SCLOCAL_WEBDRIVER") {
        (url, None)
    } else {
        let (url, driver) = start_driver().await;
        (url, Some(driver))
    };
    let profile = tempfile::tempdir().expect("a profile directory");
    let mut options = json!({
        "args": [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--window-size=1280,1000",
            format!("--user-data-dir={}", profile.path().display()),
        ],
    });
    let binary = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if std::path::Path::new(&binary).exists() {
        options["binary"] = json!(binary);
    }
    let mut caps = serde_json::Map::new();
    caps.insert("browserName".into(), json!("chrome"));
    caps.insert("goog:chromeOptions".into(), options);
    caps.insert("goog:loggingPrefs".into(), json!({ "browser": "ALL" }));
    let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&webdriver)
        .await
        .unwrap_or_else(|e| panic!("no browser session at {webdriver}: {e}"));
    Browser {
        client,
        webdriver,
        _driver: driver,
        _profile: profile,
    }
}

impl Browser {
    /// The browser console's entries since the last call (chromedriver's log endpoint).
    async fn console_log(&self) -> Vec<Value> {
        use http_body_util::BodyExt as _;
        let session = self.client.session_id().await.unwrap().expect("a session");
        let request = http::Request::post(format!("{}/session/{session}/se/log", self.webdriver))
            .header("content-type", "application/json")
            .body(http_body_util::Full::new(bytes::Bytes::from_static(
                br#"{"type":"browser"}"#,
            )))
            .unwrap();
        let http =
            hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
                .build_http();
        let answer = http.request(request).await.expect("chromedriver answers");
        let body = answer.into_body().collect().await.unwrap().to_bytes();
        let doc: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
        doc["value"].as_array().cloned().unwrap_or_default()
    }

    /// Fails on any error in the browser console, or any resource loaded from elsewhere
    /// than `origin`, on the page now shown.
    async fn assert_clean(&self, origin: &str) {
        let errors: Vec<Value> = self
            .console_log()
            .await
            .into_iter()
            .filter(|e| e["level"] == "SEVERE" || e["level"] == "WARNING")
            .collect();
        assert!(errors.is_empty(), "browser console: {errors:?}");
        let loaded = self
            .client
            .execute(
                "return [location.href].concat(performance.getEntriesByType('resource').map(function (e) { return e.name; }));",
                vec![],
            )
            .await
            .unwrap();
        for url in loaded.as_array().unwrap() {
            let url = url.as_str().unwrap();
            assert!(url.starts_with(origin), "{url} does not come from {origin}");
        }
    }

    async fn heading(&self) -> String {
        self.client
            .find(Locator::Css("h1"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    }

    async fn click(&self, text: &str) {
        self.client
            .find(Locator::LinkText(text))
            .await
            .unwrap_or_else(|e| panic!("no link {text:?}: {e}"))
            .click()
            .await
            .unwrap();
    }

    async fn screenshot(&self, name: &str) {
        let png = self.client.screenshot().await.unwrap();
        assert!(png.starts_with(b"\x89PNG"), "a PNG");
        if let Ok(dir) = std::env::var("SCLOCAL_SCREENSHOTS") {
            std::fs::write(std::path::Path::new(&dir).join(name), png).unwrap();
        }
    }
}

fn ou_node(ou: &str) -> OrganizationNode {
    OrganizationNode::builder()
        .r#type(OrganizationNodeType::OrganizationalUnit)
        .value(ou)
        .build()
}

#[tokio::test]
async fn a_person_clicks_from_the_organization_to_a_share() {
    let w = world().await;
    let app = &w.app;
    let owner = app.catalog("111111111111");
    let port = portfolio(&owner, "Platform").await;
    owner
        .associate_principal_with_portfolio()
        .portfolio_id(&port)
        .principal_arn("arn:aws:iam:::role/Developer*")
        .principal_type(PrincipalType::IamPattern)
        .send()
        .await
        .unwrap();
    owner
        .create_portfolio_share()
        .portfolio_id(&port)
        .organization_node(ou_node(&w.apps_ou))
        .share_principals(true)
        .send()
        .await
        .unwrap();
    app.drain().await;
    owner
        .create_portfolio_share()
        .portfolio_id(&port)
        .account_id("999999999999")
        .send()
        .await
        .unwrap();
    let b = browser().await;
    b.client.goto(&format!("{}/", app.endpoint)).await.unwrap();
    assert_eq!(b.client.current_url().await.unwrap().path(), "/console");
    assert_eq!(b.heading().await, "Organizations and portfolios");
    b.assert_clean(&app.endpoint).await;
    b.screenshot("console-home.png").await;

    b.click(&w.org_id).await;
    assert_eq!(b.heading().await, format!("Organization {}", w.org_id));
    b.assert_clean(&app.endpoint).await;
    b.screenshot("console-organization.png").await;
    b.click("Apps").await;
    assert_eq!(b.heading().await, "Organizational unit Apps");
    b.click("Team").await;
    assert_eq!(b.heading().await, "Organizational unit Team");
    b.click("555555555555").await;
    assert_eq!(b.heading().await, "Account 555555555555");
    b.assert_clean(&app.endpoint).await;

    // The account sees the portfolio through the OU share above its own OU.
    b.click(&port).await;
    assert_eq!(b.heading().await, "Portfolio Platform");
    let warning = b
        .client
        .find(Locator::Css(".warning"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        warning.contains("arn:aws:iam:::role/Developer*"),
        "{warning}"
    );
    assert!(
        warning.contains("Service Catalog recommends using PrincipalType as IAM"),
        "{warning}"
    );
    b.assert_clean(&app.endpoint).await;
    b.screenshot("console-portfolio.png").await;
    b.click(&w.apps_ou).await;
    assert_eq!(
        b.heading().await,
        format!("Share of {port} with {}", w.apps_ou)
    );
    let reached = b
        .client
        .find(Locator::Css("main ul"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for a in ["333333333333", "444444444444", "555555555555"] {
        assert!(reached.contains(a), "{a} in {reached}");
    }
    b.assert_clean(&app.endpoint).await;
    b.client.close().await.unwrap();
}

#[tokio::test]
async fn a_share_operation_completes_before_the_persons_eyes() {
    let w = world_with(Duration::from_secs(3)).await;
    let app = &w.app;
    let owner = app.catalog("111111111111");
    let port = portfolio(&owner, "Live").await;
    let b = browser().await;
    b.client
        .goto(&format!("{}/console/operations", app.endpoint))
        .await
        .unwrap();
    b.client
        .execute("window.stayed = true; return null;", vec![])
        .await
        .unwrap();
    let token = owner
        .create_portfolio_share()
        .portfolio_id(&port)
        .organization_node(ou_node(&w.apps_ou))
        .send()
        .await
        .unwrap()
        .portfolio_share_token()
        .unwrap()
        .to_string();
    let cell = format!("tr[data-operation=\"{token}\"] .op-status");
    let mut seen = Vec::new();
    // The page refreshes itself every second; the operation is held for 3 s, then the
    // server's worker completes it.
    for _ in 0..150 {
        if let Ok(e) = b.client.find(Locator::Css(&cell)).await {
            let status = e.text().await.unwrap_or_default();
            if seen.last() != Some(&status) {
                if status == "IN_PROGRESS" {
                    b.screenshot("console-operations.png").await;
                }
                seen.push(status.clone());
            }
            if status == "COMPLETED" {
                break;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(seen.contains(&"IN_PROGRESS".to_string()), "{seen:?}");
    assert_eq!(
        seen.last().map(String::as_str),
        Some("COMPLETED"),
        "{seen:?}"
    );
    let stayed = b
        .client
        .execute("return window.stayed === true;", vec![])
        .await
        .unwrap();
    assert_eq!(stayed, json!(true), "the page was not reloaded");
    b.assert_clean(&app.endpoint).await;
    b.client.close().await.unwrap();
}
