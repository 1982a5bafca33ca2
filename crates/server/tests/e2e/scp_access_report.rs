//! The access report takes SCPs into account (governance.md §6, issue 11 item 4): a recipient
//! whose SCPs deny `servicecatalog:ProvisionProduct` (or, for account shares,
//! `servicecatalog:AcceptPortfolioShare`) is listed as blocked, with the denying policy.

use aws_sdk_organizations::types::PolicyType;
use aws_sdk_servicecatalog::types::{OrganizationNode, OrganizationNodeType};
use serde_json::Value;

use crate::helpers::portfolio;
use crate::org_share::world;
use crate::scp_enforcement::{attach, enable, scp};

const MGMT: &str = "111111111111";

#[tokio::test]
async fn recipients_that_scps_block_are_named_with_the_policy() {
    let w = world().await;
    let orgs = w.app.organizations(MGMT);
    let sc = w.app.catalog(MGMT);
    let port = portfolio(&sc, "shared").await;
    sc.create_portfolio_share()
        .portfolio_id(&port)
        .organization_node(
            OrganizationNode::builder()
                .r#type(OrganizationNodeType::Organization)
                .value(&w.org_id)
                .build(),
        )
        .send()
        .await
        .unwrap();
    w.app.drain().await;
    sc.create_portfolio_share()
        .portfolio_id(&port)
        .account_id("222222222222")
        .send()
        .await
        .unwrap();
    w.app.drain().await;
    let root = w.root.clone();
    enable(&orgs, &root, PolicyType::ServiceControlPolicy).await;
    let no_launch = r#"{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"servicecatalog:ProvisionProduct","Resource":"*"}}"#;
    let (launch_deny, launch_arn) = scp(&orgs, "no-launch", no_launch).await;
    attach(&orgs, &launch_deny, &w.team_ou).await;
    let no_accept = r#"{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"servicecatalog:AcceptPortfolioShare","Resource":"arn:aws:catalog:*:*:portfolio/*"}}"#;
    let (accept_deny, accept_arn) = scp(&orgs, "no-accept", no_accept).await;
    attach(&orgs, &accept_deny, "222222222222").await;

    let (status, _, body) = w.app.raw("GET /_sclocal/access HTTP/1.1\r\n", b"").await;
    assert_eq!(status, 200);
    let report: Value = serde_json::from_slice(&body).unwrap();
    let entry = report["portfolios"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == port.as_str())
        .unwrap();
    let blocked = entry["blocked"].as_array().unwrap();
    assert_eq!(
        blocked,
        &vec![
            serde_json::json!({"account": "222222222222", "action": "servicecatalog:AcceptPortfolioShare", "policy": accept_arn}),
            serde_json::json!({"account": "555555555555", "action": "servicecatalog:ProvisionProduct", "policy": launch_arn}),
        ]
    );
}
