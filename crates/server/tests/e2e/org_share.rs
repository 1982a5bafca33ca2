//! Organization-node sharing through the official Rust SDKs, across an organization built by
//! the bootstrap file: management account 111111111111, member 222222222222 under the root,
//! OU Apps with 333333333333 and 444444444444, OU Apps/Team with 555555555555.

use aws_sdk_organizations::Client as Orgs;
use aws_sdk_servicecatalog::error::ProvideErrorMetadata;
use aws_sdk_servicecatalog::types::{
    DescribePortfolioShareType, OrganizationNode, OrganizationNodeType, PortfolioShareType,
    ShareStatus,
};

use crate::helpers::{portfolio, spawn_with, TestApp};

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

/// A server with the test organization, plus the organization id and the OU ids.
pub struct World {
    pub app: TestApp,
    pub org_id: String,
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
    let root = orgs.list_roots().send().await.unwrap().roots()[0]
        .id()
        .unwrap()
        .to_string();
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
async fn terraform_and_puppet_call_sequences() {
    let w = world().await;
    let owner = w.app.catalog(MGMT);
    let id = portfolio(&owner, "P").await;
    // Terraform aws_servicecatalog_portfolio_share, type ORGANIZATIONAL_UNIT by ARN.
    let principal_id = format!(
        "arn:aws:organizations::{MGMT}:ou/{}/{}",
        w.org_id, w.apps_ou
    );
    let created = owner
        .create_portfolio_share()
        .portfolio_id(&id)
        .organization_node(node(
            OrganizationNodeType::OrganizationalUnit,
            &principal_id,
        ))
        .share_principals(true)
        .accept_language("en")
        .send()
        .await
        .unwrap();
    assert_eq!(
        settle(&w, created.portfolio_share_token().unwrap()).await.0,
        ShareStatus::Completed
    );
    let read = shares(&owner, &id, DescribePortfolioShareType::OrganizationalUnit).await;
    let hits: Vec<_> = read
        .portfolio_share_details()
        .iter()
        .filter(|d| {
            d.principal_id()
                .is_some_and(|p| !p.is_empty() && principal_id.contains(p))
        })
        .collect();
    assert_eq!(hits.len(), 1, "Terraform asserts exactly one match");
    assert!(hits[0].share_principals() && hits[0].accepted());
    let updated = owner
        .update_portfolio_share()
        .portfolio_id(&id)
        .organization_node(node(
            OrganizationNodeType::OrganizationalUnit,
            &principal_id,
        ))
        .share_principals(false)
        .send()
        .await
        .unwrap();
    assert_eq!(
        settle(&w, updated.portfolio_share_token().unwrap()).await.0,
        ShareStatus::Completed
    );
    let read = shares(&owner, &id, DescribePortfolioShareType::OrganizationalUnit).await;
    assert!(!read.portfolio_share_details()[0].share_principals());

    // aws-service-catalog-puppet, organizations mode: create on every run and poll.
    let again = owner
        .create_portfolio_share()
        .portfolio_id(&id)
        .organization_node(node(OrganizationNodeType::OrganizationalUnit, &w.apps_ou))
        .send()
        .await
        .unwrap();
    let (status, ok, _) = settle(&w, again.portfolio_share_token().unwrap()).await;
    assert_eq!((status, ok.len()), (ShareStatus::Completed, 3));
    assert_eq!(
        shares(&owner, &id, DescribePortfolioShareType::OrganizationalUnit)
            .await
            .portfolio_share_details()
            .len(),
        1
    );

    let deleted = owner
        .delete_portfolio_share()
        .portfolio_id(&id)
        .organization_node(node(
            OrganizationNodeType::OrganizationalUnit,
            &principal_id,
        ))
        .accept_language("en")
        .send()
        .await
        .unwrap();
    assert_eq!(
        settle(&w, deleted.portfolio_share_token().unwrap()).await.0,
        ShareStatus::Completed
    );
    assert!(
        shares(&owner, &id, DescribePortfolioShareType::OrganizationalUnit)
            .await
            .portfolio_share_details()
            .is_empty()
    );
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
