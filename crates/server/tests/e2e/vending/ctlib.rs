//! Schuberg Philis' `awscontroltowerlib` (provisioning.md §21.7), replayed: the product by
//! Owner "AWS Control Tower", its active artifact, a launch, then SearchProvisionedProducts by
//! `physicalId:` and unfiltered (kept to Type CONTROL_TOWER_ACCOUNT, read with its Status),
//! and DescribeRecord of the product's LastRecordId for SSOUserEmail and SSOUserPortal.

use aws_sdk_servicecatalog::types::{
    ProductViewFilterBy, ProvisionedProductStatus, ProvisionedProductViewFilterBy,
};

use super::{output, params, world};

#[tokio::test]
async fn ctlib_finds_the_factory_by_owner_and_the_account_by_physical_id() {
    let w = world().await;
    let sc = &w.vendor;
    let found = sc
        .search_products()
        .filters(ProductViewFilterBy::Owner, vec!["AWS Control Tower".into()])
        .send()
        .await
        .unwrap();
    assert_eq!(found.product_view_summaries().len(), 1);
    let product_id = found.product_view_summaries()[0].product_id().unwrap();
    let artifact = sc
        .list_provisioning_artifacts()
        .product_id(product_id)
        .send()
        .await
        .unwrap()
        .provisioning_artifact_details()
        .iter()
        .find(|a| a.active() == Some(true))
        .unwrap()
        .id()
        .unwrap()
        .to_string();
    let launched = sc
        .provision_product()
        .product_id(product_id)
        .provisioning_artifact_id(&artifact)
        .provisioned_product_name("ctlib-dev")
        .set_provisioning_parameters(Some(params("ctlib-dev", "Sandbox")))
        .provision_token("ctlib-1")
        .send()
        .await
        .unwrap();
    let done = w
        .settled(launched.record_detail().unwrap().record_id().unwrap())
        .await;
    let described = sc
        .describe_record()
        .id(done.record_id().unwrap())
        .send()
        .await
        .unwrap();
    let account = output(described.record_outputs(), "AccountId");

    let by_id = sc
        .search_provisioned_products()
        .filters(
            ProvisionedProductViewFilterBy::SearchQuery,
            vec![format!("physicalId:{account}")],
        )
        .send()
        .await
        .unwrap();
    assert_eq!(by_id.provisioned_products().len(), 1);
    let all = sc.search_provisioned_products().send().await.unwrap();
    let accounts: Vec<_> = all
        .provisioned_products()
        .iter()
        .filter(|p| p.r#type() == Some("CONTROL_TOWER_ACCOUNT"))
        .collect();
    assert_eq!(accounts.len(), 1);
    assert_eq!(
        accounts[0].status(),
        Some(&ProvisionedProductStatus::Available)
    );
    let last = accounts[0].last_record_id().unwrap();
    let record = sc.describe_record().id(last).send().await.unwrap();
    assert_eq!(
        output(record.record_outputs(), "SSOUserEmail"),
        "sso-ctlib-dev@example.com"
    );
    assert!(output(record.record_outputs(), "SSOUserPortal").ends_with(".awsapps.com/start"));
}
