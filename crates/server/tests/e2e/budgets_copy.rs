//! Budgets and CopyProduct through the Rust SDK. Budgets attach once to the owner's portfolios
//! and products, are listed, shown by DescribePortfolio / DescribeProductAsAdmin /
//! DescribeProduct, and detached. CopyProduct copies a product the caller owns into another
//! region, or one shared with it (accepted) into its own account, asynchronously: the token's
//! status ends SUCCEEDED with the new product, which has the source's versions (new ids, same
//! names and templates); a product the caller cannot reach is ResourceNotFoundException.

use aws_sdk_servicecatalog::types::{
    CopyOption, CopyProductStatus, ProvisioningArtifactPropertyName,
};
use aws_sdk_servicecatalog::Client;

use crate::products::failure;
use crate::provisioning::{world, RECIPIENT};

#[tokio::test]
async fn budgets_attach_to_portfolios_and_products_once() {
    let w = world(None).await;
    for (resource, budget) in [(&w.prod, "Monthly"), (&w.prod, "Annual"), (&w.port, "Team")] {
        w.admin
            .associate_budget_with_resource()
            .resource_id(resource)
            .budget_name(budget)
            .send()
            .await
            .unwrap();
    }
    let again = w
        .admin
        .associate_budget_with_resource()
        .resource_id(&w.prod)
        .budget_name("Monthly")
        .send()
        .await;
    assert_eq!(failure(again).0, "DuplicateResourceException");
    let unknown = w
        .admin
        .associate_budget_with_resource()
        .resource_id("prod-nope")
        .budget_name("Monthly")
        .send()
        .await;
    assert_eq!(failure(unknown).0, "ResourceNotFoundException");
    let page = w
        .admin
        .list_budgets_for_resource()
        .resource_id(&w.prod)
        .page_size(1)
        .send()
        .await
        .unwrap();
    assert_eq!(page.budgets()[0].budget_name(), Some("Monthly"));
    assert!(page.next_page_token().is_some());
    let portfolio = w
        .admin
        .describe_portfolio()
        .id(&w.port)
        .send()
        .await
        .unwrap();
    let names: Vec<_> = portfolio
        .budgets()
        .iter()
        .filter_map(|b| b.budget_name())
        .collect();
    assert_eq!(names, vec!["Team"]);
    let admin = w
        .admin
        .describe_product_as_admin()
        .id(&w.prod)
        .send()
        .await
        .unwrap();
    assert_eq!(admin.budgets().len(), 2);
    let user = w.dev.describe_product().id(&w.prod).send().await.unwrap();
    assert_eq!(user.budgets().len(), 2);
    w.admin
        .disassociate_budget_from_resource()
        .resource_id(&w.prod)
        .budget_name("Monthly")
        .send()
        .await
        .unwrap();
    let twice = w
        .admin
        .disassociate_budget_from_resource()
        .resource_id(&w.prod)
        .budget_name("Monthly")
        .send()
        .await;
    assert_eq!(failure(twice).0, "ResourceNotFoundException");
    let left = w
        .admin
        .list_budgets_for_resource()
        .resource_id(&w.prod)
        .send()
        .await
        .unwrap();
    let names: Vec<_> = left
        .budgets()
        .iter()
        .filter_map(|b| b.budget_name())
        .collect();
    assert_eq!(names, vec!["Annual"]);
}

/// The product ARN of `prod` as its owner sees it.
async fn arn_of(sc: &Client, prod: &str) -> String {
    let out = sc
        .describe_product_as_admin()
        .id(prod)
        .send()
        .await
        .unwrap();
    out.product_view_detail()
        .unwrap()
        .product_arn()
        .unwrap()
        .to_string()
}

/// Waits for the copy `token` (draining the job queue) and answers the new product's id.
async fn copied(app: &crate::helpers::TestApp, sc: &Client, token: &str) -> String {
    app.drain().await;
    let status = sc
        .describe_copy_product_status()
        .copy_product_token(token)
        .send()
        .await
        .unwrap();
    assert_eq!(
        status.copy_product_status(),
        Some(&CopyProductStatus::Succeeded),
        "{status:?}"
    );
    status.target_product_id().unwrap().to_string()
}

#[tokio::test]
async fn the_owner_copies_a_product_into_another_region_with_its_tags() {
    let w = world(None).await;
    w.admin
        .update_product()
        .id(&w.prod)
        .add_tags(
            aws_sdk_servicecatalog::types::Tag::builder()
                .key("team")
                .value("platform")
                .build()
                .unwrap(),
        )
        .send()
        .await
        .unwrap();
    let arn = arn_of(&w.admin, &w.prod).await;
    let eu = w.app.catalog_in(crate::provisioning::OWNER, "eu-west-1");
    let token = eu
        .copy_product()
        .source_product_arn(&arn)
        .target_product_name("App EU")
        .copy_options(CopyOption::CopyTags)
        .idempotency_token("copy-1")
        .send()
        .await
        .unwrap()
        .copy_product_token()
        .unwrap()
        .to_string();
    assert!(token.starts_with("copyproduct-"), "{token}");
    let same = eu
        .copy_product()
        .source_product_arn(&arn)
        .idempotency_token("copy-1")
        .send()
        .await
        .unwrap();
    assert_eq!(same.copy_product_token(), Some(token.as_str()));
    let target = copied(&w.app, &eu, &token).await;
    assert_ne!(target, w.prod);
    let out = eu
        .describe_product_as_admin()
        .id(&target)
        .send()
        .await
        .unwrap();
    let view = out.product_view_detail().unwrap();
    assert_eq!(view.product_view_summary().unwrap().name(), Some("App EU"));
    assert!(view.product_arn().unwrap().contains(":eu-west-1:"));
    let versions = out.provisioning_artifact_summaries();
    assert_eq!(versions.len(), 1);
    assert_eq!(versions[0].name(), Some("v1"));
    assert_ne!(versions[0].id(), Some(w.pa.as_str()));
    assert_eq!(out.tags().len(), 1);
    // The other region's own status list does not know the token.
    let elsewhere = w
        .admin
        .describe_copy_product_status()
        .copy_product_token(&token)
        .send()
        .await;
    assert_eq!(failure(elsewhere).0, "ResourceNotFoundException");
}

#[tokio::test]
async fn a_recipient_copies_a_shared_product_into_its_own_account() {
    let w = world(None).await;
    let arn = arn_of(&w.admin, &w.prod).await;
    let recipient = w.app.catalog(RECIPIENT);
    let refused = recipient
        .copy_product()
        .source_product_arn(&arn)
        .idempotency_token("early")
        .send()
        .await;
    assert_eq!(failure(refused).0, "ResourceNotFoundException");
    w.admin
        .create_portfolio_share()
        .portfolio_id(&w.port)
        .account_id(RECIPIENT)
        .send()
        .await
        .unwrap();
    recipient
        .accept_portfolio_share()
        .portfolio_id(&w.port)
        .send()
        .await
        .unwrap();
    let bad_version = recipient
        .copy_product()
        .source_product_arn(&arn)
        .source_provisioning_artifact_identifiers(
            [(ProvisioningArtifactPropertyName::Id, "pa-nope".to_string())].into(),
        )
        .idempotency_token("bad-version")
        .send()
        .await;
    assert_eq!(failure(bad_version).0, "ResourceNotFoundException");
    let token = recipient
        .copy_product()
        .source_product_arn(&arn)
        .source_provisioning_artifact_identifiers(
            [(ProvisioningArtifactPropertyName::Id, w.pa.clone())].into(),
        )
        .idempotency_token("copy")
        .send()
        .await
        .unwrap()
        .copy_product_token()
        .unwrap()
        .to_string();
    let target = copied(&w.app, &recipient, &token).await;
    // The copy is the recipient's own: it updates it, and it has no tags without CopyTags.
    let out = recipient
        .update_product()
        .id(&target)
        .description("ours now")
        .send()
        .await
        .unwrap();
    let summary = out
        .product_view_detail()
        .unwrap()
        .product_view_summary()
        .unwrap();
    assert_eq!(summary.name(), Some("App"));
    assert!(out.tags().is_empty());
    let malformed = recipient
        .copy_product()
        .source_product_arn("arn:aws:catalog:us-east-1:111111111111:portfolio/port-x")
        .idempotency_token("malformed")
        .send()
        .await;
    assert_eq!(failure(malformed).0, "InvalidParametersException");
    let unknown = recipient
        .describe_copy_product_status()
        .copy_product_token("copyproduct-nope")
        .send()
        .await;
    assert_eq!(failure(unknown).0, "ResourceNotFoundException");
}
