//! Organization-node sharing through the official Rust SDKs, across an organization built by
//! the bootstrap file: management account 111111111111, member 222222222222 under the root,
//! OU Apps with 333333333333 and 444444444444, OU Apps/Team with 555555555555. This file builds
//! that world and holds the helpers; the tests are in `org_share/`, by theme.

use aws_sdk_organizations::Client as Orgs;
use aws_sdk_servicecatalog::types::{
    DescribePortfolioShareType, OrganizationNode, OrganizationNodeType, PortfolioShareType,
    ShareStatus,
};

use crate::helpers::{spawn_with, TestApp};

mod actions;
mod administrators;
mod reach;
mod tools;

const MGMT: &str = "111111111111";
const ROOT_MEMBER: &str = "222222222222";
const APPS: [&str; 2] = ["333333333333", "444444444444"];
const TEAM: &str = "555555555555";

pub(crate) const BOOTSTRAP: &str = r#"
organizations:
  - management_account: "111111111111"
    service_catalog_access: true
    accounts: ["222222222222"]
    units:
      - name: Apps
        accounts: ["333333333333", "444444444444"]
        units:
          - name: Team
            accounts: ["555555555555"]
"#;

/// A server with the test organization, plus the organization's, its root's and the OUs' ids.
pub struct World {
    pub app: TestApp,
    pub org_id: String,
    pub root: String,
    pub apps_ou: String,
    pub team_ou: String,
    _dir: tempfile::TempDir,
}

pub async fn world_with(delay: std::time::Duration) -> World {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("org.yaml");
    std::fs::write(&file, BOOTSTRAP).unwrap();
    let mut config = sclocal_server::Config::for_tests();
    config.bootstrap = Some(file);
    config.share_processing_delay = delay;
    let app = spawn_with(config).await;
    let orgs = app.organizations(MGMT);
    let org_id = orgs
        .describe_organization()
        .send()
        .await
        .unwrap()
        .organization()
        .unwrap()
        .id()
        .unwrap()
        .to_string();
    let root = orgs.list_roots().send().await.unwrap().roots()[0]
        .id()
        .unwrap()
        .to_string();
    let apps_ou = ou_named(&orgs, &root, "Apps").await;
    let team_ou = ou_named(&orgs, &apps_ou, "Team").await;
    World {
        app,
        org_id,
        root,
        apps_ou,
        team_ou,
        _dir: dir,
    }
}

pub async fn world() -> World {
    world_with(std::time::Duration::ZERO).await
}

async fn ou_named(orgs: &Orgs, parent: &str, name: &str) -> String {
    let ous = orgs
        .list_organizational_units_for_parent()
        .parent_id(parent)
        .send()
        .await
        .unwrap();
    ous.organizational_units()
        .iter()
        .find(|o| o.name() == Some(name))
        .unwrap()
        .id()
        .unwrap()
        .to_string()
}

/// The portfolio's shares of one type (DescribePortfolioShares).
async fn shares(
    sc: &aws_sdk_servicecatalog::Client,
    id: &str,
    t: DescribePortfolioShareType,
) -> aws_sdk_servicecatalog::operation::describe_portfolio_shares::DescribePortfolioSharesOutput {
    sc.describe_portfolio_shares()
        .portfolio_id(id)
        .r#type(t)
        .send()
        .await
        .unwrap()
}

fn node(t: OrganizationNodeType, value: &str) -> OrganizationNode {
    OrganizationNode::builder().r#type(t).value(value).build()
}

/// Runs pending share work and returns the operation's status, successes and errors.
async fn settle(
    w: &World,
    token: &str,
) -> (ShareStatus, Vec<String>, Vec<(Vec<String>, String, String)>) {
    w.app.drain().await;
    let out = w
        .app
        .catalog(MGMT)
        .describe_portfolio_share_status()
        .portfolio_share_token(token)
        .send()
        .await
        .unwrap();
    assert_eq!(out.portfolio_share_token(), Some(token));
    let details = out.share_details().unwrap();
    let errors = details
        .share_errors()
        .iter()
        .map(|e| {
            (
                e.accounts().to_vec(),
                e.error().unwrap().to_string(),
                e.message().unwrap().to_string(),
            )
        })
        .collect();
    (
        out.status().unwrap().clone(),
        details.successful_shares().to_vec(),
        errors,
    )
}

async fn org_imports(app: &TestApp, account: &str) -> Vec<String> {
    let out = app
        .catalog(account)
        .list_accepted_portfolio_shares()
        .portfolio_share_type(PortfolioShareType::AwsOrganizations)
        .send()
        .await
        .unwrap();
    out.portfolio_details()
        .iter()
        .map(|p| p.id().unwrap().to_string())
        .collect()
}

fn sorted(mut v: Vec<&str>) -> Vec<String> {
    v.sort_unstable();
    v.into_iter().map(str::to_string).collect()
}
