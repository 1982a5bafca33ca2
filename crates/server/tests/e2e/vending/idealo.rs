//! idealo's Terraform provider and Pulumi's `awscontroltower` (provisioning.md §21.7;
//! idealo/terraform-provider-controltower `resource_aws_account.go`), replayed: one product by
//! FullTextSearch, its active artifact, the launch path passed explicitly, DescribeRecord
//! until SUCCEEDED, the outputs AccountId/AccountEmail/SSOUserEmail; on read,
//! DescribeProvisionedProduct's record pointers and DescribeRecord, then Organizations
//! DescribeAccount, ListParents and TagResource on the account; a FAILED record's first
//! RecordError; terminate waited on the same way.

use aws_sdk_organizations::types::Tag;
use aws_sdk_servicecatalog::types::{ProductViewFilterBy, RecordStatus};

use super::{output, params, world};

#[tokio::test]
#[expect(
    clippy::too_many_lines,
    reason = "a client's calls, replayed in its order, read best as one story"
)]
async fn idealo_creates_reads_tags_and_deletes_an_account() {
    let w = world().await;
    let sc = &w.vendor;
    let found = sc
        .search_products()
        .filters(
            ProductViewFilterBy::FullTextSearch,
            vec![super::PRODUCT.to_string()],
        )
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
    let paths = sc
        .list_launch_paths()
        .product_id(product_id)
        .send()
        .await
        .unwrap();
    assert_eq!(paths.launch_path_summaries().len(), 1);
    let path = paths.launch_path_summaries()[0].id().unwrap();
    let created = sc
        .provision_product()
        .product_id(product_id)
        .provisioning_artifact_id(&artifact)
        .path_id(path)
        .provisioned_product_name("idealo-dev")
        .set_provisioning_parameters(Some(params("idealo-dev", "Workloads")))
        .provision_token("idealo-1")
        .send()
        .await
        .unwrap();
    let record = w
        .settled(created.record_detail().unwrap().record_id().unwrap())
        .await;
    assert_eq!(record.status(), Some(&RecordStatus::Succeeded));
    let described = sc
        .describe_record()
        .id(record.record_id().unwrap())
        .send()
        .await
        .unwrap();
    let account = output(described.record_outputs(), "AccountId");
    assert_eq!(
        output(described.record_outputs(), "AccountEmail"),
        "idealo-dev@example.com"
    );
    assert_eq!(
        output(described.record_outputs(), "SSOUserEmail"),
        "sso-idealo-dev@example.com"
    );

    // Read: the product's record pointers lead to the same outputs.
    let pp = sc
        .describe_provisioned_product()
        .id(record.provisioned_product_id().unwrap())
        .send()
        .await
        .unwrap();
    let detail = pp.provisioned_product_detail().unwrap();
    assert_eq!(
        detail.last_successful_provisioning_record_id(),
        record.record_id()
    );
    assert_eq!(detail.last_provisioning_record_id(), record.record_id());
    let again = sc
        .describe_record()
        .id(detail.last_successful_provisioning_record_id().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(output(again.record_outputs(), "AccountId"), account);
    let a = w
        .orgs
        .describe_account()
        .account_id(&account)
        .send()
        .await
        .unwrap();
    assert_eq!(a.account().unwrap().name(), Some("idealo-dev"));
    assert_eq!(w.parent(&account).await, w.workloads);
    w.orgs
        .tag_resource()
        .resource_id(&account)
        .tags(Tag::builder().key("team").value("search").build().unwrap())
        .send()
        .await
        .unwrap();
    let tags = w
        .orgs
        .list_tags_for_resource()
        .resource_id(&account)
        .send()
        .await
        .unwrap();
    assert_eq!(tags.tags().len(), 1);

    // A failure surfaces as RecordErrors[0].Description.
    let failed = sc
        .provision_product()
        .product_id(product_id)
        .provisioning_artifact_id(&artifact)
        .path_id(path)
        .provisioned_product_name("idealo-bad")
        .set_provisioning_parameters(Some(params("idealo-bad", "Nowhere")))
        .provision_token("idealo-2")
        .send()
        .await
        .unwrap();
    let failed = w
        .settled(failed.record_detail().unwrap().record_id().unwrap())
        .await;
    assert_eq!(failed.status(), Some(&RecordStatus::Failed));
    assert!(failed.record_errors()[0]
        .description()
        .unwrap()
        .contains("Nowhere"));

    // Delete: terminate, wait for the record.
    let terminated = sc
        .terminate_provisioned_product()
        .provisioned_product_id(record.provisioned_product_id().unwrap())
        .terminate_token("idealo-3")
        .send()
        .await
        .unwrap();
    let done = w
        .settled(terminated.record_detail().unwrap().record_id().unwrap())
        .await;
    assert_eq!(done.status(), Some(&RecordStatus::Succeeded));
    assert_eq!(w.parent(&account).await, w.root);
}
