//! Gruntwork's `control-tower-account-factory` module (provisioning.md §21.7), which is the
//! Terraform AWS provider's `aws_servicecatalog_provisioned_product` with the six parameters
//! and the active artifact found by the module itself (TF-24362: several artifacts share the
//! product's name, so it never names one). Replayed as the provider calls: ProvisionProduct,
//! then the ready waiter — DescribeProvisionedProduct until AVAILABLE twice in a row — and
//! the read (DescribeRecord of the last provisioning record, for the outputs); on destroy,
//! TerminateProvisionedProduct and DescribeProvisionedProduct until ResourceNotFoundException.

use std::time::Duration;

use aws_sdk_servicecatalog::error::ProvideErrorMetadata as _;
use aws_sdk_servicecatalog::types::ProvisionedProductStatus;

use super::{output, params, world_with};

#[tokio::test]
async fn the_terraform_resource_creates_waits_reads_and_destroys() {
    let w = world_with(Duration::from_millis(300)).await;
    let sc = &w.vendor;
    let artifact = sc
        .list_provisioning_artifacts()
        .product_id(&w.prod)
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
    let out = sc
        .provision_product()
        .product_id(&w.prod)
        .provisioning_artifact_id(&artifact)
        .provisioned_product_name("gw-prod")
        .set_provisioning_parameters(Some(params("gw-prod", "Workloads")))
        .provision_token("terraform-20261207")
        .send()
        .await
        .unwrap();
    let pp = out
        .record_detail()
        .unwrap()
        .provisioned_product_id()
        .unwrap()
        .to_string();

    // waitProvisionedProductReady: AVAILABLE on two consecutive reads (2 s minimum in the
    // provider; shortened here), UNDER_CHANGE before.
    let mut seen = Vec::new();
    let mut available = 0;
    while available < 2 {
        let d = sc
            .describe_provisioned_product()
            .id(&pp)
            .send()
            .await
            .unwrap();
        let status = d
            .provisioned_product_detail()
            .unwrap()
            .status()
            .cloned()
            .unwrap();
        available = if status == ProvisionedProductStatus::Available {
            available + 1
        } else {
            0
        };
        seen.push(status);
        assert!(seen.len() < 400, "never AVAILABLE: {seen:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(seen[0], ProvisionedProductStatus::UnderChange);

    // resourceProvisionedProductRead: the outputs of the last provisioning record.
    let d = sc
        .describe_provisioned_product()
        .id(&pp)
        .send()
        .await
        .unwrap();
    let last = d
        .provisioned_product_detail()
        .unwrap()
        .last_provisioning_record_id()
        .unwrap();
    let record = sc.describe_record().id(last).send().await.unwrap();
    let account = output(record.record_outputs(), "AccountId");
    assert_eq!(w.parent(&account).await, w.workloads);

    // Destroy, then waitProvisionedProductTerminated.
    sc.terminate_provisioned_product()
        .provisioned_product_id(&pp)
        .terminate_token("terraform-destroy")
        .send()
        .await
        .unwrap();
    let mut polls = 0;
    loop {
        match sc.describe_provisioned_product().id(&pp).send().await {
            Ok(_) => {
                polls += 1;
                assert!(polls < 400, "never terminated");
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            Err(e) => {
                assert_eq!(e.code(), Some("ResourceNotFoundException"));
                break;
            }
        }
    }
    assert_eq!(w.parent(&account).await, w.root);
}
