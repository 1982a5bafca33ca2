//! What a record held IN_PROGRESS (`--provisioning-delay`) means for its product: it stays
//! UNDER_CHANGE, updates and property changes are refused, a termination waits its turn, and
//! a plan is not executable before its change set exists.

use aws_sdk_servicecatalog::types::{ProvisionedProductStatus, RecordStatus};

use super::{failure, launch, settled, world_with, OWNER};

#[tokio::test]
async fn a_held_record_keeps_its_product_under_change() {
    // `--provisioning-delay 1h`: records stay IN_PROGRESS for the whole test.
    let w = world_with(None, std::time::Duration::from_hours(1)).await;
    let record = launch(&w.dev, &w.prod, &w.pa, "web", Vec::new()).await;
    let pp = record.provisioned_product_id().unwrap().to_string();
    let held = settled(&w.app, &w.dev, &record).await;
    assert_eq!(held.status(), Some(&RecordStatus::InProgress));
    let now = w
        .dev
        .describe_provisioned_product()
        .id(&pp)
        .send()
        .await
        .unwrap();
    assert_eq!(
        now.provisioned_product_detail().unwrap().status(),
        Some(&ProvisionedProductStatus::UnderChange)
    );
    let update = w
        .dev
        .update_provisioned_product()
        .provisioned_product_id(&pp)
        .update_token("u")
        .send()
        .await;
    assert_eq!(failure(update).0, "InvalidParametersException");
    let properties = w
        .dev
        .update_provisioned_product_properties()
        .provisioned_product_id(&pp)
        .provisioned_product_properties(
            aws_sdk_servicecatalog::types::PropertyKey::Owner,
            format!("arn:aws:iam::{OWNER}:user/bob"),
        )
        .idempotency_token("p")
        .send()
        .await;
    assert_eq!(failure(properties).0, "InvalidStateException");
    // A termination waits for the running record instead of being refused.
    let end = w
        .dev
        .terminate_provisioned_product()
        .provisioned_product_id(&pp)
        .terminate_token("end")
        .send()
        .await
        .unwrap();
    assert_eq!(
        end.record_detail().unwrap().status(),
        Some(&RecordStatus::Created)
    );
    let plan = w
        .dev
        .create_provisioned_product_plan()
        .plan_name("p")
        .plan_type(aws_sdk_servicecatalog::types::ProvisionedProductPlanType::Cloudformation)
        .product_id(&w.prod)
        .provisioning_artifact_id(&w.pa)
        .provisioned_product_name("planned")
        .idempotency_token("plan")
        .send()
        .await
        .unwrap();
    w.app.drain().await;
    let early = w
        .dev
        .execute_provisioned_product_plan()
        .plan_id(plan.plan_id().unwrap())
        .idempotency_token("x")
        .send()
        .await;
    assert_eq!(failure(early).0, "InvalidStateException");
}
