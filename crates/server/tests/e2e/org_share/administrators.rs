//! Who may share with organization nodes and read a share's status (the management account, and
//! delegated administrators until they are deregistered), and which nodes are refused.

use aws_sdk_servicecatalog::types::{
    DescribePortfolioShareType, OrganizationNodeType, ShareStatus,
};

use super::{node, org_imports, settle, shares, world, MGMT, ROOT_MEMBER, TEAM};
use crate::helpers::portfolio;

#[tokio::test]
async fn only_administrators_share_with_the_organization_and_read_status() {
    let w = world().await;
    let member = w.app.catalog(ROOT_MEMBER);
    let own = portfolio(&member, "Mine").await;
    let org = node(OrganizationNodeType::Organization, &w.org_id);
    let e = member
        .create_portfolio_share()
        .portfolio_id(&own)
        .organization_node(org.clone())
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(e.is_operation_not_supported_exception(), "{e:?}");

    let owner = w.app.catalog(MGMT);
    let id = portfolio(&owner, "P").await;
    let token = owner
        .create_portfolio_share()
        .portfolio_id(&id)
        .organization_node(org.clone())
        .send()
        .await
        .unwrap()
        .portfolio_share_token()
        .unwrap()
        .to_string();
    let e = member
        .describe_portfolio_share_status()
        .portfolio_share_token(&token)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(
        e.is_operation_not_supported_exception(),
        "status is private: {e:?}"
    );
    let e = member
        .list_organization_portfolio_access()
        .portfolio_id(&own)
        .organization_node_type(OrganizationNodeType::Organization)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(e.is_operation_not_supported_exception());

    // Nodes outside the organization, and nodes of the wrong type.
    for (t, v) in [
        (OrganizationNodeType::Organization, "o-zzzzzzzzzz"),
        (OrganizationNodeType::OrganizationalUnit, "ou-zzzz-zzzzzzzz"),
        (OrganizationNodeType::Account, "999999999999"),
        (OrganizationNodeType::OrganizationalUnit, w.org_id.as_str()),
    ] {
        w.app.drain().await;
        let e = owner
            .create_portfolio_share()
            .portfolio_id(&id)
            .organization_node(node(t.clone(), v))
            .send()
            .await
            .unwrap_err()
            .into_service_error();
        assert!(e.is_invalid_parameters_exception(), "{v}: {e:?}");
    }
    let e = owner
        .create_portfolio_share()
        .portfolio_id(&id)
        .organization_node(node(OrganizationNodeType::Account, ROOT_MEMBER))
        .share_principals(true)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(e.is_invalid_parameters_exception());

    // A member account node is listed as ORGANIZATION_MEMBER_ACCOUNT.
    w.app.drain().await;
    let token = owner
        .create_portfolio_share()
        .portfolio_id(&id)
        .organization_node(node(OrganizationNodeType::Account, TEAM))
        .send()
        .await
        .unwrap()
        .portfolio_share_token()
        .unwrap()
        .to_string();
    assert_eq!(settle(&w, &token).await.1, [TEAM]);
    let shares = shares(
        &owner,
        &id,
        DescribePortfolioShareType::OrganizationMemberAccount,
    )
    .await;
    assert_eq!(
        shares.portfolio_share_details()[0].principal_id(),
        Some(TEAM)
    );
}

#[tokio::test]
async fn delegated_administrators_share_until_deregistered() {
    let w = world().await;
    let orgs = w.app.organizations(MGMT);
    orgs.register_delegated_administrator()
        .account_id(ROOT_MEMBER)
        .service_principal("servicecatalog.amazonaws.com")
        .send()
        .await
        .unwrap();
    let da = w.app.catalog(ROOT_MEMBER);
    let id = portfolio(&da, "DA").await;
    let token = da
        .create_portfolio_share()
        .portfolio_id(&id)
        .organization_node(node(OrganizationNodeType::Organization, &w.org_id))
        .send()
        .await
        .unwrap()
        .portfolio_share_token()
        .unwrap()
        .to_string();
    w.app.drain().await;
    let status = da
        .describe_portfolio_share_status()
        .portfolio_share_token(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(status.status(), Some(&ShareStatus::Completed));
    // The management account is an ordinary recipient of a delegated administrator's share.
    assert!(status
        .share_details()
        .unwrap()
        .successful_shares()
        .contains(&MGMT.to_string()));
    assert_eq!(org_imports(&w.app, MGMT).await, std::slice::from_ref(&id));
    let e = w
        .app
        .catalog(MGMT)
        .disable_aws_organizations_access()
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(
        e.is_invalid_state_exception(),
        "disabling is refused while delegated administrators exist: {e:?}"
    );

    orgs.deregister_delegated_administrator()
        .account_id(ROOT_MEMBER)
        .service_principal("servicecatalog.amazonaws.com")
        .send()
        .await
        .unwrap();
    assert!(
        org_imports(&w.app, MGMT).await.is_empty(),
        "its shares are removed"
    );
    let e = da
        .create_portfolio_share()
        .portfolio_id(&id)
        .organization_node(node(OrganizationNodeType::Organization, &w.org_id))
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(e.is_operation_not_supported_exception());
}
