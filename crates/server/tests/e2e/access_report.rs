//! The access report on a real example: an organization share carrying SharePrincipals
//! with an IAM_PATTERN association, read from `GET /_sclocal/access` and from
//! `sclocal access-report --json` over the data directory of a stopped server.

use std::path::Path;

use aws_sdk_servicecatalog::types::{OrganizationNode, OrganizationNodeType, PrincipalType};
use serde_json::Value;

use crate::helpers::{spawn_with, TestApp};
use crate::org_share::BOOTSTRAP;
use crate::products::portfolio;

const OWNER: &str = "111111111111";
const MEMBERS: [&str; 4] = [
    "222222222222",
    "333333333333",
    "444444444444",
    "555555555555",
];
const OUTSIDER: &str = "999999999999";
const PATTERN: &str = "arn:aws:iam:::role/Dev*";

/// A server with the test organization, in memory or over `data_dir`.
async fn org_app(dir: &Path, data_dir: Option<&Path>) -> TestApp {
    let file = dir.join("org.yaml");
    std::fs::write(&file, BOOTSTRAP).unwrap();
    let mut config = sclocal_server::Config::for_tests();
    config.bootstrap = Some(file);
    if let Some(d) = data_dir {
        config.in_memory = false;
        config.data_dir = d.to_path_buf();
    }
    spawn_with(config).await
}

async fn associate(sc: &aws_sdk_servicecatalog::Client, port: &str, arn: &str, t: PrincipalType) {
    sc.associate_principal_with_portfolio()
        .portfolio_id(port)
        .principal_arn(arn)
        .principal_type(t)
        .send()
        .await
        .unwrap();
}

/// The example: the owner's portfolio with a pattern and an exact ARN, shared with the whole
/// organization (SharePrincipals) and with an outside account (not accepted); a member adds
/// its own role. Returns (portfolio id, organization id).
async fn example(app: &TestApp) -> (String, String) {
    let owner = app.catalog(OWNER);
    let port = portfolio(&owner, "Platform").await;
    associate(&owner, &port, PATTERN, PrincipalType::IamPattern).await;
    let admin = format!("arn:aws:iam::{OWNER}:role/Admin");
    associate(&owner, &port, &admin, PrincipalType::Iam).await;
    let org = app
        .organizations(OWNER)
        .describe_organization()
        .send()
        .await;
    let org_id = org
        .unwrap()
        .organization()
        .unwrap()
        .id()
        .unwrap()
        .to_string();
    let node = OrganizationNode::builder()
        .r#type(OrganizationNodeType::Organization)
        .value(&org_id)
        .build();
    owner
        .create_portfolio_share()
        .portfolio_id(&port)
        .organization_node(node)
        .share_principals(true)
        .send()
        .await
        .unwrap();
    // One share action at a time per portfolio: the organization share finishes first.
    app.drain().await;
    owner
        .create_portfolio_share()
        .portfolio_id(&port)
        .account_id(OUTSIDER)
        .send()
        .await
        .unwrap();
    app.drain().await;
    let member = app.catalog(MEMBERS[0]);
    let own = format!("arn:aws:iam::{}:role/Builder", MEMBERS[0]);
    associate(&member, &port, &own, PrincipalType::Iam).await;
    (port, org_id)
}

fn strs(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap())
        .collect()
}

/// What both the endpoint and the CLI must show for the example.
fn check(report: &Value, port: &str, org_id: &str) {
    let portfolios = report["portfolios"].as_array().unwrap();
    assert_eq!(portfolios.len(), 1);
    let p = &portfolios[0];
    assert_eq!(
        (p["id"].as_str(), p["owner"].as_str(), p["region"].as_str()),
        (Some(port), Some(OWNER), Some("us-east-1"))
    );
    let shares = p["shares"].as_array().unwrap();
    assert_eq!(shares.len(), 2);
    let org = &shares[0];
    assert_eq!(
        (
            org["kind"].as_str(),
            org["principal"].as_str(),
            org["status"].as_str()
        ),
        (Some("ORGANIZATION"), Some(org_id), Some("ACTIVE"))
    );
    assert_eq!(org["share_principals"], Value::Bool(true));
    assert_eq!(strs(&org["accounts"]), MEMBERS);
    assert_eq!(org["account_count"], 4);
    let outsider = &shares[1];
    assert_eq!(
        (outsider["kind"].as_str(), outsider["status"].as_str()),
        (Some("ACCOUNT"), Some("PENDING"))
    );
    assert!(strs(&outsider["accounts"]).is_empty());

    let launchers: Vec<(&str, &str, Vec<&str>)> = p["launchers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["principal"].as_str().unwrap(),
                l["source"].as_str().unwrap(),
                strs(&l["accounts"]),
            )
        })
        .collect();
    let admin = format!("arn:aws:iam::{OWNER}:role/Admin");
    let builder = format!("arn:aws:iam::{}:role/Builder", MEMBERS[0]);
    assert!(launchers.contains(&(PATTERN, "OWNER", vec![OWNER])));
    assert!(launchers.contains(&(PATTERN, "SHARED", MEMBERS.to_vec())));
    assert!(launchers.contains(&(admin.as_str(), "OWNER", vec![OWNER])));
    assert!(launchers.contains(&(builder.as_str(), "RECIPIENT", vec![MEMBERS[0]])));
    assert_eq!(launchers.len(), 4, "the owner's IAM ARN is never shared");

    let warnings = strs(&p["warnings"]);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let w = warnings[0];
    assert!(
        w.starts_with("WARNING: IAM_PATTERN principal arn:aws:iam:::role/Dev*"),
        "{w}"
    );
    assert!(w.contains("into 4 other account(s)"), "{w}");
    assert!(
        w.contains("could create a role that matches a principal name association"),
        "{w}"
    );
    assert!(
        w.contains("Service Catalog recommends using PrincipalType as IAM"),
        "{w}"
    );
}

#[tokio::test]
async fn the_endpoint_warns_about_a_shared_pattern() {
    let dir = tempfile::tempdir().unwrap();
    let app = org_app(dir.path(), None).await;
    let (status, _, body) = app.raw("GET /_sclocal/access HTTP/1.1\r\n", b"").await;
    assert_eq!(status, 200);
    let empty: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(empty["portfolios"], Value::Array(vec![]));

    let (port, org_id) = example(&app).await;
    let (status, headers, body) = app.raw("GET /_sclocal/access HTTP/1.1\r\n", b"").await;
    assert_eq!(status, 200);
    assert!(
        headers.contains("content-type: application/json"),
        "{headers}"
    );
    check(&serde_json::from_slice(&body).unwrap(), &port, &org_id);
}

fn cli(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_sclocal"))
        .arg("access-report")
        .args(args)
        .env_remove("SCLOCAL_DATA_DIR")
        .output()
        .unwrap()
}

#[tokio::test]
async fn the_cli_reads_a_stopped_servers_store() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let app = org_app(dir.path(), Some(&data)).await;
    let (port, org_id) = example(&app).await;
    drop(app);
    // The server finishes in-flight work and closes; the report reads the file after it.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;

    let data_arg = data.to_str().unwrap();
    let out = cli(&["--data-dir", data_arg, "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    check(
        &serde_json::from_slice(&out.stdout).unwrap(),
        &port,
        &org_id,
    );

    let table = cli(&["--data-dir", data_arg]);
    assert!(table.status.success());
    let text = String::from_utf8(table.stdout).unwrap();
    assert!(
        text.contains(&format!("PORTFOLIO {port} \"Platform\"  owner {OWNER}")),
        "{text}"
    );
    assert!(
        text.contains("222222222222,333333333333,444444444444,555555555555"),
        "{text}"
    );
    assert!(
        text.contains("WARNING: IAM_PATTERN principal arn:aws:iam:::role/Dev*"),
        "{text}"
    );

    let missing = cli(&["--data-dir", dir.path().join("nothing").to_str().unwrap()]);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no sclocal store at"));
}

async fn report(app: &TestApp) -> Value {
    let (status, _, body) = app.raw("GET /_sclocal/access HTTP/1.1\r\n", b"").await;
    assert_eq!(status, 200);
    serde_json::from_slice(&body).unwrap()
}

#[tokio::test]
async fn rejections_and_frozen_audiences_are_followed() {
    use aws_sdk_servicecatalog::types::PortfolioShareType;

    let dir = tempfile::tempdir().unwrap();
    let app = org_app(dir.path(), None).await;
    let (port, _) = example(&app).await;
    // A member that rejects the portfolio no longer sees it, nor launches from it.
    app.catalog(MEMBERS[3])
        .reject_portfolio_share()
        .portfolio_id(&port)
        .portfolio_share_type(PortfolioShareType::AwsOrganizations)
        .send()
        .await
        .unwrap();
    let r = report(&app).await;
    let p = &r["portfolios"][0];
    assert_eq!(strs(&p["shares"][0]["accounts"]), MEMBERS[..3]);
    assert!(p["warnings"][0]
        .as_str()
        .unwrap()
        .contains("into 3 other account(s)"));

    // With trusted access off, the audience is frozen as it was.
    app.catalog(OWNER)
        .disable_aws_organizations_access()
        .send()
        .await
        .unwrap();
    let r = report(&app).await;
    let share = &r["portfolios"][0]["shares"][0];
    assert_eq!(share["status"].as_str(), Some("FROZEN"));
    assert_eq!(strs(&share["accounts"]), MEMBERS[..3]);
}
