//! What an account share request may not do: invalid combinations, principals and callers, the
//! per-portfolio limit on shared accounts (with paging over the shares), and identical concurrent
//! requests, which make one share.

use aws_sdk_servicecatalog::error::ProvideErrorMetadata;
use aws_sdk_servicecatalog::types::{
    DescribePortfolioShareType, OrganizationNode, OrganizationNodeType, PortfolioShareType,
};

use super::{account_shares, OWNER, RECIPIENT};
use crate::helpers::{portfolio, spawn_app, spawn_with};

#[tokio::test]
async fn invalid_share_requests() {
    let app = spawn_app().await;
    let owner = app.catalog(OWNER);
    let id = portfolio(&owner, "P").await;
    let node = OrganizationNode::builder()
        .r#type(OrganizationNodeType::Account)
        .value(RECIPIENT)
        .build();
    let both = owner
        .create_portfolio_share()
        .portfolio_id(&id)
        .account_id(RECIPIENT)
        .organization_node(node)
        .send()
        .await;
    assert!(both
        .unwrap_err()
        .into_service_error()
        .is_invalid_parameters_exception());
    let neither = owner
        .create_portfolio_share()
        .portfolio_id(&id)
        .send()
        .await;
    assert!(neither
        .unwrap_err()
        .into_service_error()
        .is_invalid_parameters_exception());
    let myself = owner
        .create_portfolio_share()
        .portfolio_id(&id)
        .account_id(OWNER)
        .send()
        .await;
    assert!(myself
        .unwrap_err()
        .into_service_error()
        .is_invalid_parameters_exception());
    let principals = owner
        .create_portfolio_share()
        .portfolio_id(&id)
        .account_id(RECIPIENT)
        .share_principals(true)
        .send()
        .await;
    assert!(principals
        .unwrap_err()
        .into_service_error()
        .is_invalid_parameters_exception());
    let foreign = app
        .catalog(RECIPIENT)
        .create_portfolio_share()
        .portfolio_id(&id)
        .account_id("333333333333")
        .send()
        .await;
    let e = foreign.unwrap_err().into_service_error();
    assert!(e.is_resource_not_found_exception());
    assert_eq!(
        e.message(),
        Some(format!("Portfolio not found: {id}").as_str())
    );

    // Organization shares need an organization administrator.
    let org = OrganizationNode::builder()
        .r#type(OrganizationNodeType::Organization)
        .value("o-abcdefghij")
        .build();
    let e = owner
        .create_portfolio_share()
        .portfolio_id(&id)
        .organization_node(org)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(e.is_operation_not_supported_exception(), "{e:?}");

    let e = owner
        .describe_portfolio_share_status()
        .portfolio_share_token("share-nothere")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(e.is_resource_not_found_exception());
    let e = app
        .catalog(RECIPIENT)
        .accept_portfolio_share()
        .portfolio_id(&id)
        .portfolio_share_type(PortfolioShareType::AwsServicecatalog)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(e.is_resource_not_found_exception());
}

#[tokio::test]
async fn shared_accounts_are_limited_per_portfolio() {
    let mut config = sclocal_server::Config::for_tests();
    config.shared_accounts_limit = 2;
    let app = spawn_with(config).await;
    let owner = app.catalog(OWNER);
    let id = portfolio(&owner, "P").await;
    for account in ["222222222222", "333333333333"] {
        owner
            .create_portfolio_share()
            .portfolio_id(&id)
            .account_id(account)
            .send()
            .await
            .unwrap();
    }
    let e = owner
        .create_portfolio_share()
        .portfolio_id(&id)
        .account_id("444444444444")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(e.is_limit_exceeded_exception(), "{e:?}");
    // Paging over the shares: one entry per principal, all of them seen once.
    let page = owner
        .describe_portfolio_shares()
        .portfolio_id(&id)
        .r#type(DescribePortfolioShareType::Account)
        .page_size(1)
        .send()
        .await
        .unwrap();
    assert_eq!(page.portfolio_share_details().len(), 1);
    let next = owner
        .describe_portfolio_shares()
        .portfolio_id(&id)
        .r#type(DescribePortfolioShareType::Account)
        .page_size(1)
        .page_token(page.next_page_token().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(
        next.portfolio_share_details()[0].principal_id(),
        Some("333333333333")
    );
    assert!(next.next_page_token().is_none());
}

#[tokio::test]
async fn concurrent_identical_shares_make_one_share() {
    let app = spawn_app().await;
    let owner = app.catalog(OWNER);
    let id = portfolio(&owner, "P").await;
    let calls = (0..32).map(|_| {
        let owner = owner.clone();
        let id = id.clone();
        tokio::spawn(async move {
            owner
                .create_portfolio_share()
                .portfolio_id(id)
                .account_id(RECIPIENT)
                .send()
                .await
        })
    });
    for call in calls {
        call.await.unwrap().unwrap();
    }
    assert_eq!(account_shares(&owner, &id).await.len(), 1);
}
