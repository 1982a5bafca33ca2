//! The call sequences of real tools against organization shares: Terraform's
//! `aws_servicecatalog_portfolio_share` (an OU by ARN, read back, updated, deleted) and
//! aws-service-catalog-puppet (create on every run, then poll).

use aws_sdk_servicecatalog::types::{
    DescribePortfolioShareType, OrganizationNodeType, ShareStatus,
};

use super::{node, settle, shares, world, MGMT};
use crate::helpers::portfolio;

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
