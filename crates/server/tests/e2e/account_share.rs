//! Account-to-account sharing through the official Rust SDK, owner and recipient side.

use aws_sdk_servicecatalog::error::ProvideErrorMetadata;
use aws_sdk_servicecatalog::types::{
    DescribePortfolioShareType, OrganizationNode, OrganizationNodeType, PortfolioShareType,
    ShareStatus,
};
use aws_sdk_servicecatalog::Client;

use crate::helpers::{portfolio, spawn_app, spawn_with};

const OWNER: &str = "111111111111";
const RECIPIENT: &str = "222222222222";

async fn account_shares(sc: &Client, id: &str) -> Vec<(String, bool, bool, bool)> {
    sc.describe_portfolio_shares()
        .portfolio_id(id)
        .r#type(DescribePortfolioShareType::Account)
        .send()
        .await
        .unwrap()
        .portfolio_share_details()
        .iter()
        .map(|d| {
            assert_eq!(d.r#type(), Some(&DescribePortfolioShareType::Account));
            (
                d.principal_id().unwrap().to_string(),
                d.accepted(),
                d.share_tag_options(),
                d.share_principals(),
            )
        })
        .collect()
}

async fn imported(sc: &Client, t: PortfolioShareType) -> Vec<String> {
    sc.list_accepted_portfolio_shares()
        .portfolio_share_type(t)
        .send()
        .await
        .unwrap()
        .portfolio_details()
        .iter()
        .map(|p| p.arn().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn share_accept_and_see_it_as_the_recipient() {
    let app = spawn_app().await;
    let (owner, recipient) = (app.catalog(OWNER), app.catalog(RECIPIENT));
    let id = portfolio(&owner, "P").await;
    let out = owner
        .create_portfolio_share()
        .portfolio_id(&id)
        .account_id(RECIPIENT)
        .share_tag_options(true)
        .share_principals(false)
        .send()
        .await
        .unwrap();
    assert_eq!(
        out.portfolio_share_token(),
        None,
        "account shares have no token"
    );
    assert_eq!(
        account_shares(&owner, &id).await,
        [(RECIPIENT.to_string(), false, true, false)]
    );
    let access = owner
        .list_portfolio_access()
        .portfolio_id(&id)
        .send()
        .await
        .unwrap();
    assert_eq!(access.account_ids(), [RECIPIENT]);

    // Not visible before it is accepted.
    assert!(imported(&recipient, PortfolioShareType::Imported)
        .await
        .is_empty());
    let err = recipient
        .describe_portfolio()
        .id(&id)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(err.is_resource_not_found_exception());

    recipient
        .accept_portfolio_share()
        .portfolio_id(&id)
        .send()
        .await
        .unwrap();
    recipient
        .accept_portfolio_share()
        .portfolio_id(&id)
        .send()
        .await
        .unwrap(); // again: a no-op
    let arn = format!("arn:aws:catalog:us-east-1:{OWNER}:portfolio/{id}");
    assert_eq!(
        imported(&recipient, PortfolioShareType::Imported).await,
        std::slice::from_ref(&arn)
    );
    assert!(imported(&recipient, PortfolioShareType::AwsServicecatalog)
        .await
        .is_empty());
    assert_eq!(
        account_shares(&owner, &id).await,
        [(RECIPIENT.to_string(), true, true, false)]
    );
    let seen = recipient.describe_portfolio().id(&id).send().await.unwrap();
    assert_eq!(seen.portfolio_detail().unwrap().arn(), Some(arn.as_str()));

    // An imported portfolio stays the owner's: not listed, not changed, not re-shared.
    assert!(recipient
        .list_portfolios()
        .send()
        .await
        .unwrap()
        .portfolio_details()
        .is_empty());
    let e = recipient
        .update_portfolio()
        .id(&id)
        .display_name("x")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(e.is_resource_not_found_exception());
    let e = recipient
        .delete_portfolio()
        .id(&id)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(e.is_resource_not_found_exception());
    let e = recipient
        .create_portfolio_share()
        .portfolio_id(&id)
        .account_id("333333333333")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(e.is_resource_not_found_exception());
}

#[tokio::test]
async fn repeats_updates_and_deletes() {
    let app = spawn_app().await;
    let owner = app.catalog(OWNER);
    let id = portfolio(&owner, "P").await;
    owner
        .create_portfolio_share()
        .portfolio_id(&id)
        .account_id(RECIPIENT)
        .share_tag_options(true)
        .send()
        .await
        .unwrap();
    // A repeat is a no-op and does not change the flags (that is UpdatePortfolioShare's job).
    owner
        .create_portfolio_share()
        .portfolio_id(&id)
        .account_id(RECIPIENT)
        .share_tag_options(false)
        .send()
        .await
        .unwrap();
    assert_eq!(
        account_shares(&owner, &id).await,
        [(RECIPIENT.to_string(), false, true, false)]
    );

    let updated = owner
        .update_portfolio_share()
        .portfolio_id(&id)
        .account_id(RECIPIENT)
        .share_tag_options(false)
        .send()
        .await
        .unwrap();
    let token = updated.portfolio_share_token().unwrap().to_string();
    assert!(token.starts_with("share-") && token.len() == 19, "{token}");
    assert_eq!(updated.status(), Some(&ShareStatus::Completed));
    assert_eq!(
        account_shares(&owner, &id).await,
        [(RECIPIENT.to_string(), false, false, false)]
    );
    let status = owner
        .describe_portfolio_share_status()
        .portfolio_share_token(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(status.status(), Some(&ShareStatus::Completed));
    assert_eq!(status.portfolio_id(), Some(id.as_str()));

    let e = owner
        .delete_portfolio()
        .id(&id)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(e.is_resource_in_use_exception(), "{e:?}");

    let deleted = owner
        .delete_portfolio_share()
        .portfolio_id(&id)
        .account_id(RECIPIENT)
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.portfolio_share_token(), None);
    assert!(account_shares(&owner, &id).await.is_empty());
    // Deleting what is not there is not an error.
    owner
        .delete_portfolio_share()
        .portfolio_id(&id)
        .account_id(RECIPIENT)
        .send()
        .await
        .unwrap();
    let e = app
        .catalog(RECIPIENT)
        .accept_portfolio_share()
        .portfolio_id(&id)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(
        e.message(),
        Some(format!("Portfolio not found: {id}").as_str())
    );
    owner.delete_portfolio().id(&id).send().await.unwrap();
}

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
async fn rejecting_withdraws_the_offer_or_the_import() {
    let app = spawn_app().await;
    let (owner, recipient) = (app.catalog(OWNER), app.catalog(RECIPIENT));
    let id = portfolio(&owner, "P").await;
    owner
        .create_portfolio_share()
        .portfolio_id(&id)
        .account_id(RECIPIENT)
        .send()
        .await
        .unwrap();
    recipient
        .reject_portfolio_share()
        .portfolio_id(&id)
        .send()
        .await
        .unwrap();
    assert!(account_shares(&owner, &id).await.is_empty());
    let e = recipient
        .reject_portfolio_share()
        .portfolio_id(&id)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(e.is_resource_not_found_exception());

    owner
        .create_portfolio_share()
        .portfolio_id(&id)
        .account_id(RECIPIENT)
        .send()
        .await
        .unwrap();
    recipient
        .accept_portfolio_share()
        .portfolio_id(&id)
        .send()
        .await
        .unwrap();
    recipient
        .reject_portfolio_share()
        .portfolio_id(&id)
        .send()
        .await
        .unwrap();
    assert!(imported(&recipient, PortfolioShareType::Imported)
        .await
        .is_empty());
    assert_eq!(
        account_shares(&owner, &id).await,
        [(RECIPIENT.to_string(), false, false, false)]
    );
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
