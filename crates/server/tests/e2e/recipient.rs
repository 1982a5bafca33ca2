//! What a share carries, seen from the recipient's side through the official Rust SDK:
//! the imported portfolio's products and constraints, products taken into a local portfolio,
//! the recipient's own principals, the owner's shared IAM_PATTERN principals (SharePrincipals)
//! and TagOptions (ShareTagOptions), and what happens when the owner takes them back.

use aws_sdk_servicecatalog::types::{OrganizationNode, OrganizationNodeType, PrincipalType};
use aws_sdk_servicecatalog::Client;

use crate::helpers::{spawn_app, TestApp};
use crate::org_share::world;
use crate::products::{add, failure, portfolio, product, session};

const OWNER: &str = "111111111111";
const RECIPIENT: &str = "222222222222";
const THIRD: &str = "333333333333";

/// Shares `port` with `account` (account share) and, if `accept`, accepts it there.
async fn share(app: &TestApp, port: &str, account: &str, accept: bool) {
    app.catalog(OWNER)
        .create_portfolio_share()
        .portfolio_id(port)
        .account_id(account)
        .share_tag_options(true)
        .send()
        .await
        .unwrap();
    if accept {
        let sc = app.catalog(account);
        sc.accept_portfolio_share()
            .portfolio_id(port)
            .send()
            .await
            .unwrap();
    }
}

/// The product ids `sc` sees in `port` with SearchProductsAsAdmin.
async fn admin_products(sc: &Client, port: &str) -> Vec<String> {
    let out = sc
        .search_products_as_admin()
        .portfolio_id(port)
        .send()
        .await
        .unwrap();
    out.product_view_details()
        .iter()
        .map(|d| {
            let s = d.product_view_summary().unwrap();
            s.product_id().unwrap().to_string()
        })
        .collect()
}

/// The principal ARNs `sc` sees on `port`.
async fn principals(sc: &Client, port: &str) -> Vec<(String, String)> {
    let out = sc
        .list_principals_for_portfolio()
        .portfolio_id(port)
        .send()
        .await
        .unwrap();
    out.principals()
        .iter()
        .map(|p| {
            let kind = p.principal_type().unwrap().as_str().to_string();
            (p.principal_arn().unwrap().to_string(), kind)
        })
        .collect()
}

async fn associate(sc: &Client, port: &str, arn: &str, kind: PrincipalType) {
    sc.associate_principal_with_portfolio()
        .portfolio_id(port)
        .principal_arn(arn)
        .principal_type(kind)
        .send()
        .await
        .unwrap();
}

/// The product ids an end user finds with SearchProducts.
async fn found(sc: &Client) -> Vec<String> {
    let out = sc.search_products().send().await.unwrap();
    out.product_view_summaries()
        .iter()
        .map(|s| s.product_id().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn a_recipient_sees_the_imported_products_and_constraints() {
    let app = spawn_app().await;
    let owner = app.catalog(OWNER);
    let (prod, _) = product(&owner, "Bucket").await;
    let port = portfolio(&owner, "Platform").await;
    add(&owner, &prod, &port).await;
    owner
        .create_constraint()
        .portfolio_id(&port)
        .product_id(&prod)
        .r#type("LAUNCH")
        .parameters(r#"{"LocalRoleName":"Launch"}"#)
        .idempotency_token("c1")
        .send()
        .await
        .unwrap();
    share(&app, &port, RECIPIENT, true).await;

    let sc = app.catalog(RECIPIENT);
    assert_eq!(admin_products(&sc, &port).await, [prod.as_str()]);
    let described = sc
        .describe_product_as_admin()
        .id(&prod)
        .source_portfolio_id(&port)
        .send()
        .await
        .unwrap();
    let summary = described
        .product_view_detail()
        .unwrap()
        .product_view_summary()
        .unwrap();
    assert_eq!(
        (summary.name(), summary.owner()),
        (Some("Bucket"), Some("Platform"))
    );
    assert_eq!(described.provisioning_artifact_summaries().len(), 1);
    let constraints = sc
        .list_constraints_for_portfolio()
        .portfolio_id(&port)
        .send()
        .await
        .unwrap();
    let c = &constraints.constraint_details()[0];
    assert_eq!(
        (c.r#type(), c.owner(), c.product_id()),
        (Some("LAUNCH"), Some(OWNER), Some(prod.as_str()))
    );
}

#[tokio::test]
async fn imported_products_go_into_a_local_portfolio_that_cannot_be_shared() {
    let app = spawn_app().await;
    let owner = app.catalog(OWNER);
    let (prod, _) = product(&owner, "Bucket").await;
    let port = portfolio(&owner, "Platform").await;
    add(&owner, &prod, &port).await;
    share(&app, &port, RECIPIENT, false).await;

    let sc = app.catalog(RECIPIENT);
    let local = portfolio(&sc, "Local").await;
    let take = || {
        sc.associate_product_with_portfolio()
            .product_id(&prod)
            .portfolio_id(&local)
            .source_portfolio_id(&port)
            .send()
    };
    let early = failure(take().await);
    let message =
        format!("Portfolio {port} must be accepted before you can associate Products from it");
    assert_eq!(early, ("InvalidParametersException".into(), message));
    sc.accept_portfolio_share()
        .portfolio_id(&port)
        .send()
        .await
        .unwrap();
    take().await.unwrap();
    assert_eq!(admin_products(&sc, &local).await, [prod.as_str()]);

    let reshare = sc
        .create_portfolio_share()
        .portfolio_id(&local)
        .account_id(THIRD)
        .send()
        .await;
    assert_eq!(
        failure(reshare),
        (
            "InvalidParametersException".into(),
            "You can't share a shared resource, including portfolios that contain a shared product."
                .into()
        )
    );
}

#[tokio::test]
async fn a_recipients_principals_are_its_own() {
    let app = spawn_app().await;
    let owner = app.catalog(OWNER);
    let port = portfolio(&owner, "Platform").await;
    let own = format!("arn:aws:iam::{OWNER}:role/Admin");
    associate(&owner, &port, &own, PrincipalType::Iam).await;
    share(&app, &port, RECIPIENT, true).await;
    share(&app, &port, THIRD, true).await;

    let sc = app.catalog(RECIPIENT);
    let mine = format!("arn:aws:iam::{RECIPIENT}:role/Builder");
    associate(&sc, &port, &mine, PrincipalType::Iam).await;
    assert_eq!(principals(&sc, &port).await, [(mine, "IAM".into())]);
    assert_eq!(principals(&owner, &port).await, [(own, "IAM".into())]);
    assert!(principals(&app.catalog(THIRD), &port).await.is_empty());
}

fn org_node(org_id: &str) -> OrganizationNode {
    let arn = format!("arn:aws:organizations::{OWNER}:organization/{org_id}");
    OrganizationNode::builder()
        .r#type(OrganizationNodeType::Organization)
        .value(arn)
        .build()
}

#[tokio::test]
async fn shared_patterns_let_recipient_sessions_launch_until_switched_off() {
    let w = world().await;
    let owner = w.app.catalog(OWNER);
    let (prod, _) = product(&owner, "Bucket").await;
    let port = portfolio(&owner, "Platform").await;
    add(&owner, &prod, &port).await;
    let pattern = "arn:aws:iam:::role/Dev*";
    associate(&owner, &port, pattern, PrincipalType::IamPattern).await;
    let admin = format!("arn:aws:iam::{OWNER}:role/Admin");
    associate(&owner, &port, &admin, PrincipalType::Iam).await;
    owner
        .create_portfolio_share()
        .portfolio_id(&port)
        .organization_node(org_node(&w.org_id))
        .share_principals(true)
        .send()
        .await
        .unwrap();
    w.app.drain().await;

    let sc = w.app.catalog(RECIPIENT);
    let shown = principals(&sc, &port).await;
    assert_eq!(shown, [(pattern.to_string(), "IAM_PATTERN".into())]);
    let dev = session(&w.app, RECIPIENT, "DevOps").await;
    assert_eq!(found(&dev).await, [prod.as_str()]);
    let paths = dev
        .list_launch_paths()
        .product_id(&prod)
        .send()
        .await
        .unwrap();
    assert_eq!(paths.launch_path_summaries()[0].name(), Some("Platform"));
    assert!(paths.launch_path_summaries()[0]
        .id()
        .is_some_and(|id| id.starts_with("lpv3-")));

    owner
        .update_portfolio_share()
        .portfolio_id(&port)
        .organization_node(org_node(&w.org_id))
        .share_principals(false)
        .send()
        .await
        .unwrap();
    w.app.drain().await;
    assert!(principals(&sc, &port).await.is_empty());
    assert!(found(&dev).await.is_empty());
    let gone = failure(dev.list_launch_paths().product_id(&prod).send().await);
    let message = format!("No launch paths found for resource: {prod}");
    assert_eq!(gone, ("ResourceNotFoundException".into(), message));
}

/// The TagOption keys `sc` sees on `port` with DescribePortfolio.
async fn portfolio_tag_options(sc: &Client, port: &str) -> Vec<(String, String)> {
    let out = sc.describe_portfolio().id(port).send().await.unwrap();
    out.tag_options()
        .iter()
        .map(|t| (t.key().unwrap().to_string(), t.value().unwrap().to_string()))
        .collect()
}

async fn share_tag_options(app: &TestApp, port: &str, on: bool) {
    app.catalog(OWNER)
        .update_portfolio_share()
        .portfolio_id(port)
        .account_id(RECIPIENT)
        .share_tag_options(on)
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn shared_tag_options_follow_the_share_flag() {
    let app = spawn_app().await;
    let owner = app.catalog(OWNER);
    let port = portfolio(&owner, "Platform").await;
    let option = owner
        .create_tag_option()
        .key("CostCenter")
        .value("42")
        .send()
        .await
        .unwrap();
    let option_id = option
        .tag_option_detail()
        .unwrap()
        .id()
        .unwrap()
        .to_string();
    owner
        .associate_tag_option_with_resource()
        .resource_id(&port)
        .tag_option_id(option_id)
        .send()
        .await
        .unwrap();
    share(&app, &port, RECIPIENT, true).await;

    let sc = app.catalog(RECIPIENT);
    let expected = [("CostCenter".to_string(), "42".to_string())];
    assert_eq!(portfolio_tag_options(&sc, &port).await, expected);
    share_tag_options(&app, &port, false).await;
    assert!(portfolio_tag_options(&sc, &port).await.is_empty());
    assert_eq!(portfolio_tag_options(&owner, &port).await, expected);
    share_tag_options(&app, &port, true).await;
    assert_eq!(portfolio_tag_options(&sc, &port).await, expected);
}

/// A recipient with `prod` from shared `port` in its local portfolio, launchable by its role
/// `Builder`: (local portfolio, the Builder session).
async fn taken_into_local(app: &TestApp, prod: &str, port: &str) -> (String, Client) {
    let sc = app.catalog(RECIPIENT);
    let local = portfolio(&sc, "Local").await;
    sc.associate_product_with_portfolio()
        .product_id(prod)
        .portfolio_id(&local)
        .source_portfolio_id(port)
        .send()
        .await
        .unwrap();
    let builder = format!("arn:aws:iam::{RECIPIENT}:role/Builder");
    associate(&sc, &local, &builder, PrincipalType::Iam).await;
    let user = session(app, RECIPIENT, "Builder").await;
    assert_eq!(found(&user).await, [prod.to_string()]);
    (local, user)
}

#[tokio::test]
async fn taking_a_product_or_the_share_back_empties_the_recipients_view() {
    let app = spawn_app().await;
    let owner = app.catalog(OWNER);
    let (prod, _) = product(&owner, "Bucket").await;
    let port = portfolio(&owner, "Platform").await;
    add(&owner, &prod, &port).await;
    share(&app, &port, RECIPIENT, true).await;
    let sc = app.catalog(RECIPIENT);

    let (local, user) = taken_into_local(&app, &prod, &port).await;
    owner
        .disassociate_product_from_portfolio()
        .product_id(&prod)
        .portfolio_id(&port)
        .send()
        .await
        .unwrap();
    assert!(admin_products(&sc, &local).await.is_empty());
    assert!(found(&user).await.is_empty());

    // Put back, taken again, then the whole share goes.
    add(&owner, &prod, &port).await;
    sc.associate_product_with_portfolio()
        .product_id(&prod)
        .portfolio_id(&local)
        .source_portfolio_id(&port)
        .send()
        .await
        .unwrap();
    assert_eq!(found(&user).await, [prod.as_str()]);
    owner
        .delete_portfolio_share()
        .portfolio_id(&port)
        .account_id(RECIPIENT)
        .send()
        .await
        .unwrap();
    assert!(admin_products(&sc, &local).await.is_empty());
    assert!(found(&user).await.is_empty());
}
