//! Whom an organization-node share reaches: every member without accepting; an OU's accounts as
//! they move in and out, frozen while organization access is disabled; and an account created
//! just before the share.

use aws_sdk_servicecatalog::error::ProvideErrorMetadata;
use aws_sdk_servicecatalog::types::{
    DescribePortfolioShareType, OrganizationNodeType, PortfolioShareType, ShareStatus,
};

use super::{node, org_imports, settle, shares, sorted, world, APPS, MGMT, ROOT_MEMBER, TEAM};
use crate::helpers::portfolio;

#[tokio::test]
async fn an_organization_share_reaches_every_member_without_accepting() {
    let w = world().await;
    let owner = w.app.catalog(MGMT);
    let id = portfolio(&owner, "P").await;
    let arn = format!("arn:aws:organizations::{MGMT}:organization/{}", w.org_id);
    let out = owner
        .create_portfolio_share()
        .portfolio_id(&id)
        .organization_node(node(OrganizationNodeType::Organization, &arn))
        .send()
        .await
        .unwrap();
    let token = out.portfolio_share_token().unwrap().to_string();
    assert!(token.starts_with("share-") && token.len() == 19, "{token}");
    let (status, ok, errors) = settle(&w, &token).await;
    assert_eq!(status, ShareStatus::Completed);
    assert_eq!(ok, sorted(vec![ROOT_MEMBER, APPS[0], APPS[1], TEAM]));
    assert!(errors.is_empty());
    let status = owner
        .describe_portfolio_share_status()
        .portfolio_share_token(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(status.organization_node_value(), Some(w.org_id.as_str()));

    for member in [ROOT_MEMBER, APPS[0], TEAM] {
        assert_eq!(org_imports(&w.app, member).await, std::slice::from_ref(&id));
        let sc = w.app.catalog(member);
        let imported = sc.list_accepted_portfolio_shares().send().await.unwrap();
        assert!(
            imported.portfolio_details().is_empty(),
            "IMPORTED lists account shares only"
        );
        sc.describe_portfolio().id(&id).send().await.unwrap();
    }
    let member = w.app.catalog(ROOT_MEMBER);
    let e = member
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
    member
        .accept_portfolio_share()
        .portfolio_id(&id)
        .portfolio_share_type(PortfolioShareType::AwsOrganizations)
        .send()
        .await
        .unwrap();
    assert!(
        org_imports(&w.app, MGMT).await.is_empty(),
        "the owner does not import its own portfolio"
    );

    let shares = shares(&owner, &id, DescribePortfolioShareType::Organization).await;
    let d = &shares.portfolio_share_details()[0];
    assert_eq!(
        (
            d.principal_id(),
            d.accepted(),
            shares.portfolio_share_details().len()
        ),
        (Some(w.org_id.as_str()), true, 1)
    );

    // The nodes ListOrganizationPortfolioAccess returns go straight back to DeletePortfolioShare.
    let nodes = owner
        .list_organization_portfolio_access()
        .portfolio_id(&id)
        .organization_node_type(OrganizationNodeType::Organization)
        .send()
        .await
        .unwrap();
    let listed = nodes.organization_nodes()[0].clone();
    assert_eq!(listed.value(), Some(w.org_id.as_str()));
    let deleted = owner
        .delete_portfolio_share()
        .portfolio_id(&id)
        .organization_node(listed)
        .send()
        .await
        .unwrap();
    let delete_token = deleted.portfolio_share_token().unwrap().to_string();
    assert_eq!(settle(&w, &delete_token).await.0, ShareStatus::Completed);
    assert!(org_imports(&w.app, ROOT_MEMBER).await.is_empty());
    // Both tokens stay describable after the share is gone.
    assert_eq!(settle(&w, &token).await.0, ShareStatus::Completed);
    owner.delete_portfolio().id(&id).send().await.unwrap();
}

#[tokio::test]
async fn an_ou_share_follows_the_organization_until_access_is_disabled() {
    let w = world().await;
    let owner = w.app.catalog(MGMT);
    let orgs = w.app.organizations(MGMT);
    let root = w.root.clone();
    let id = portfolio(&owner, "P").await;
    let ou_arn = format!(
        "arn:aws:organizations::{MGMT}:ou/{}/{}",
        w.org_id, w.apps_ou
    );
    let token = owner
        .create_portfolio_share()
        .portfolio_id(&id)
        .organization_node(node(OrganizationNodeType::OrganizationalUnit, &ou_arn))
        .send()
        .await
        .unwrap()
        .portfolio_share_token()
        .unwrap()
        .to_string();
    let (status, ok, _) = settle(&w, &token).await;
    assert_eq!(
        (status, ok),
        (ShareStatus::Completed, sorted(vec![APPS[0], APPS[1], TEAM]))
    );
    assert!(org_imports(&w.app, ROOT_MEMBER).await.is_empty());
    let shares = shares(&owner, &id, DescribePortfolioShareType::OrganizationalUnit).await;
    assert_eq!(
        shares.portfolio_share_details()[0].principal_id(),
        Some(w.apps_ou.as_str()),
        "the bare OU id, not the ARN"
    );
    let access = owner
        .list_portfolio_access()
        .portfolio_id(&id)
        .organization_parent_id(&w.apps_ou)
        .send()
        .await
        .unwrap();
    assert_eq!(access.account_ids(), sorted(vec![APPS[0], APPS[1], TEAM]));

    // Moving in gains access, moving out loses it.
    orgs.move_account()
        .account_id(ROOT_MEMBER)
        .source_parent_id(&root)
        .destination_parent_id(&w.team_ou)
        .send()
        .await
        .unwrap();
    orgs.move_account()
        .account_id(APPS[0])
        .source_parent_id(&w.apps_ou)
        .destination_parent_id(&root)
        .send()
        .await
        .unwrap();
    assert_eq!(
        org_imports(&w.app, ROOT_MEMBER).await,
        std::slice::from_ref(&id)
    );
    assert!(org_imports(&w.app, APPS[0]).await.is_empty());

    // With access disabled, what exists is frozen.
    w.app
        .catalog(MGMT)
        .disable_aws_organizations_access()
        .send()
        .await
        .unwrap();
    orgs.move_account()
        .account_id(APPS[1])
        .source_parent_id(&w.apps_ou)
        .destination_parent_id(&root)
        .send()
        .await
        .unwrap();
    assert_eq!(
        org_imports(&w.app, APPS[1]).await,
        std::slice::from_ref(&id)
    );
    let e = owner
        .create_portfolio_share()
        .portfolio_id(&id)
        .organization_node(node(OrganizationNodeType::Organization, &w.org_id))
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(e.is_operation_not_supported_exception(), "{e:?}");
    // Enabled again, the share follows the organization again.
    w.app
        .catalog(MGMT)
        .enable_aws_organizations_access()
        .send()
        .await
        .unwrap();
    assert!(org_imports(&w.app, APPS[1]).await.is_empty());
}

/// An account created just before an organization share is among the share's accounts, even
/// when nothing read the organization in between (CreateAccount completes lazily).
#[tokio::test]
async fn an_account_created_just_before_the_share_receives_it() {
    let w = world().await;
    let owner = w.app.catalog(MGMT);
    let id = portfolio(&owner, "P").await;
    let request = w
        .app
        .organizations(MGMT)
        .create_account()
        .email("late@example.com")
        .account_name("Late")
        .send()
        .await
        .unwrap()
        .create_account_status()
        .unwrap()
        .id()
        .unwrap()
        .to_string();
    let out = owner
        .create_portfolio_share()
        .portfolio_id(&id)
        .organization_node(node(OrganizationNodeType::Organization, &w.org_id))
        .send()
        .await
        .unwrap();
    let (status, ok, errors) = settle(&w, out.portfolio_share_token().unwrap()).await;
    assert_eq!(status, ShareStatus::Completed);
    assert!(errors.is_empty());
    let late = w
        .app
        .organizations(MGMT)
        .describe_create_account_status()
        .create_account_request_id(&request)
        .send()
        .await
        .unwrap()
        .create_account_status()
        .unwrap()
        .account_id()
        .unwrap()
        .to_string();
    let mut expected = vec![ROOT_MEMBER, APPS[0], APPS[1], TEAM, late.as_str()];
    expected.sort_unstable();
    assert_eq!(ok, expected);
    assert_eq!(org_imports(&w.app, &late).await, vec![id]);
}
