//! An organization share as an asynchronous action: one action per portfolio at a time,
//! injected per-account failures in `ShareErrors`, and identical concurrent shares making one.

use aws_sdk_servicecatalog::error::ProvideErrorMetadata;
use aws_sdk_servicecatalog::types::{
    DescribePortfolioShareType, OrganizationNodeType, ShareStatus,
};

use super::{
    node, org_imports, settle, shares, sorted, world, world_with, APPS, MGMT, ROOT_MEMBER, TEAM,
};
use crate::helpers::portfolio;

#[tokio::test]
async fn one_share_action_at_a_time() {
    let w = world_with(std::time::Duration::from_hours(1)).await;
    let owner = w.app.catalog(MGMT);
    let id = portfolio(&owner, "P").await;
    let ou = node(OrganizationNodeType::OrganizationalUnit, &w.apps_ou);
    let token = owner
        .create_portfolio_share()
        .portfolio_id(&id)
        .organization_node(ou.clone())
        .send()
        .await
        .unwrap()
        .portfolio_share_token()
        .unwrap()
        .to_string();
    w.app.drain().await;
    let status = owner
        .describe_portfolio_share_status()
        .portfolio_share_token(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(
        status.status(),
        Some(&ShareStatus::InProgress),
        "held by --share-processing-delay"
    );
    let expected =
        "Cannot process more than one portfolio share action at the same time. Try again later.";
    let e = owner
        .create_portfolio_share()
        .portfolio_id(&id)
        .organization_node(node(OrganizationNodeType::Organization, &w.org_id))
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(e.is_invalid_state_exception());
    assert_eq!(e.message(), Some(expected));
    let e = owner
        .update_portfolio_share()
        .portfolio_id(&id)
        .organization_node(ou)
        .share_tag_options(true)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(
        (e.is_invalid_state_exception(), e.message()),
        (true, Some(expected))
    );
    // Another portfolio is not held up.
    let other = portfolio(&owner, "Q").await;
    owner
        .create_portfolio_share()
        .portfolio_id(&other)
        .account_id(ROOT_MEMBER)
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn injected_failures_surface_in_share_errors() {
    let w = world().await;
    w.app.put_share_faults(r#"{"faults": [{"account": "333333333333", "error": "ThrottlingException", "message": "Rate exceeded"}]}"#).await;
    let owner = w.app.catalog(MGMT);
    let id = portfolio(&owner, "P").await;
    let token = owner
        .create_portfolio_share()
        .portfolio_id(&id)
        .organization_node(node(OrganizationNodeType::OrganizationalUnit, &w.apps_ou))
        .send()
        .await
        .unwrap()
        .portfolio_share_token()
        .unwrap()
        .to_string();
    let (status, ok, errors) = settle(&w, &token).await;
    assert_eq!(status, ShareStatus::CompletedWithErrors);
    assert_eq!(ok, sorted(vec![APPS[1], TEAM]));
    assert_eq!(
        errors,
        [(
            vec![APPS[0].to_string()],
            "ThrottlingException".to_string(),
            "Rate exceeded".to_string()
        )]
    );
    assert!(org_imports(&w.app, APPS[0]).await.is_empty());
    assert_eq!(
        org_imports(&w.app, APPS[1]).await,
        std::slice::from_ref(&id)
    );

    // Every account failing is ERROR, never with an empty error list.
    w.app
        .put_share_faults(r#"{"faults": [{"account": "555555555555"}]}"#)
        .await;
    let solo = portfolio(&owner, "Solo").await;
    let token = owner
        .create_portfolio_share()
        .portfolio_id(&solo)
        .organization_node(node(OrganizationNodeType::Account, TEAM))
        .send()
        .await
        .unwrap()
        .portfolio_share_token()
        .unwrap()
        .to_string();
    let (status, ok, errors) = settle(&w, &token).await;
    assert_eq!((status, ok.len(), errors.len()), (ShareStatus::Error, 0, 1));
}

#[tokio::test]
async fn concurrent_identical_organization_shares_make_one_share() {
    let w = world().await;
    let owner = w.app.catalog(MGMT);
    let id = portfolio(&owner, "P").await;
    let calls: Vec<_> = (0..16)
        .map(|_| {
            let (owner, id, org) = (owner.clone(), id.clone(), w.org_id.clone());
            tokio::spawn(async move {
                owner
                    .create_portfolio_share()
                    .portfolio_id(id)
                    .organization_node(node(OrganizationNodeType::Organization, &org))
                    .send()
                    .await
            })
        })
        .collect();
    let mut tokens = Vec::new();
    for call in calls {
        match call.await.unwrap() {
            Ok(out) => tokens.push(out.portfolio_share_token().unwrap().to_string()),
            // A second action while the first is unfinished is refused, never duplicated.
            Err(e) => assert!(e.into_service_error().is_invalid_state_exception()),
        }
    }
    assert!(!tokens.is_empty());
    w.app.drain().await;
    for token in &tokens {
        let (status, ok, _) = settle(&w, token).await;
        assert_eq!((status, ok.len()), (ShareStatus::Completed, 4));
    }
    let shares = shares(&owner, &id, DescribePortfolioShareType::Organization).await;
    assert_eq!(shares.portfolio_share_details().len(), 1);
    assert_eq!(org_imports(&w.app, TEAM).await, [id]);
}
