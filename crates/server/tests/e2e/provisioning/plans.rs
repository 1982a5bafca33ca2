//! Plans (a change set proposed, then executed) for a new and for an existing product, and
//! ImportAsProvisionedProduct.

use aws_sdk_servicecatalog::types::{
    ChangeAction, ProvisionedProductPlanStatus, ProvisionedProductPlanType,
    ProvisionedProductStatus, RecordStatus, UpdateProvisioningParameter,
};

use super::templates::TEMPLATE;
use super::{failure, launched, param, settled, world, World, OWNER};

fn p(key: &str, value: &str) -> UpdateProvisioningParameter {
    UpdateProvisioningParameter::builder()
        .key(key)
        .value(value)
        .build()
}

async fn plan(
    w: &World,
    name: &str,
    token: &str,
    params: Vec<UpdateProvisioningParameter>,
) -> String {
    w.dev
        .create_provisioned_product_plan()
        .plan_name(format!("plan-for-{name}"))
        .plan_type(ProvisionedProductPlanType::Cloudformation)
        .product_id(&w.prod)
        .provisioning_artifact_id(&w.pa)
        .provisioned_product_name(name)
        .set_provisioning_parameters(Some(params))
        .idempotency_token(token)
        .send()
        .await
        .unwrap()
        .plan_id()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn a_plan_for_a_new_product_is_created_then_executed() {
    let w = world(Some(TEMPLATE)).await;
    let id = plan(&w, "web", "p1", vec![p("Env", "dev"), p("Secret", "shh")]).await;
    let pending = w
        .dev
        .describe_provisioned_product()
        .name("web")
        .send()
        .await
        .unwrap();
    assert_eq!(
        pending.provisioned_product_detail().unwrap().status(),
        Some(&ProvisionedProductStatus::PlanInProgress)
    );
    w.app.drain().await;
    let described = w
        .dev
        .describe_provisioned_product_plan()
        .plan_id(&id)
        .send()
        .await
        .unwrap();
    let details = described.provisioned_product_plan_details().unwrap();
    assert_eq!(
        details.status(),
        Some(&ProvisionedProductPlanStatus::CreateSuccess)
    );
    // NoEcho values are masked.
    let secret = details
        .provisioning_parameters()
        .iter()
        .find(|g| g.key() == Some("Secret"))
        .unwrap();
    assert_eq!(secret.value(), Some("****"));
    let changes: Vec<_> = described
        .resource_changes()
        .iter()
        .map(|c| {
            (
                c.action().unwrap().clone(),
                c.logical_resource_id().unwrap(),
            )
        })
        .collect();
    assert_eq!(changes, [(ChangeAction::Add, "Bucket")]);
    let listed = w.dev.list_provisioned_product_plans().send().await.unwrap();
    assert_eq!(
        listed.provisioned_product_plans()[0].plan_id(),
        Some(id.as_str())
    );

    let run = w
        .dev
        .execute_provisioned_product_plan()
        .plan_id(&id)
        .idempotency_token("run")
        .send()
        .await
        .unwrap();
    let record = run.record_detail().unwrap();
    assert_eq!(record.record_type(), Some("PROVISION_PRODUCT"));
    let done = settled(&w.app, &w.dev, record).await;
    assert_eq!(done.status(), Some(&RecordStatus::Succeeded));
    let after = w
        .dev
        .describe_provisioned_product_plan()
        .plan_id(&id)
        .send()
        .await
        .unwrap();
    assert_eq!(
        after.provisioned_product_plan_details().unwrap().status(),
        Some(&ProvisionedProductPlanStatus::ExecuteSuccess)
    );
    // Deleting an executed plan keeps its product.
    w.dev
        .delete_provisioned_product_plan()
        .plan_id(&id)
        .send()
        .await
        .unwrap();
    w.dev
        .describe_provisioned_product()
        .name("web")
        .send()
        .await
        .unwrap();
    let gone = w
        .dev
        .describe_provisioned_product_plan()
        .plan_id(&id)
        .send()
        .await;
    assert_eq!(failure(gone).0, "ResourceNotFoundException");
}

#[tokio::test]
async fn plans_for_existing_products_validate_and_compare() {
    let w = world(Some(TEMPLATE)).await;
    launched(&w, "web", vec![param("Env", "dev")]).await;
    // Nothing changes: CloudFormation refuses the change set.
    let same = plan(&w, "web", "same", vec![p("Env", "dev")]).await;
    w.app.drain().await;
    let d = w
        .dev
        .describe_provisioned_product_plan()
        .plan_id(&same)
        .send()
        .await
        .unwrap();
    let d = d.provisioned_product_plan_details().unwrap();
    assert_eq!(
        d.status(),
        Some(&ProvisionedProductPlanStatus::CreateFailed)
    );
    assert!(d
        .status_message()
        .unwrap()
        .contains("didn't contain changes"));
    w.dev
        .delete_provisioned_product_plan()
        .plan_id(&same)
        .send()
        .await
        .unwrap();

    let bad = plan(&w, "web", "bad", vec![p("Nope", "1")]).await;
    w.app.drain().await;
    let d = w
        .dev
        .describe_provisioned_product_plan()
        .plan_id(&bad)
        .send()
        .await
        .unwrap();
    assert_eq!(
        d.provisioned_product_plan_details()
            .unwrap()
            .status_message(),
        Some(
            "Error calling API cloudformation:CreateChangeSet. ErrorCode: ValidationError, \
             Message: Parameters: [Nope] do not exist in the template"
        )
    );
    // One plan per product.
    let second = w
        .dev
        .create_provisioned_product_plan()
        .plan_name("again")
        .plan_type(ProvisionedProductPlanType::Cloudformation)
        .product_id(&w.prod)
        .provisioning_artifact_id(&w.pa)
        .provisioned_product_name("web")
        .idempotency_token("again")
        .send()
        .await;
    assert_eq!(failure(second).0, "InvalidStateException");
    w.dev
        .delete_provisioned_product_plan()
        .plan_id(&bad)
        .send()
        .await
        .unwrap();

    let change = plan(&w, "web", "change", vec![p("Env", "prod")]).await;
    w.app.drain().await;
    let d = w
        .dev
        .describe_provisioned_product_plan()
        .plan_id(&change)
        .send()
        .await
        .unwrap();
    let modified: Vec<_> = d
        .resource_changes()
        .iter()
        .map(|c| c.action().unwrap().clone())
        .collect();
    assert_eq!(modified, [ChangeAction::Modify]);
    let run = w
        .dev
        .execute_provisioned_product_plan()
        .plan_id(&change)
        .idempotency_token("run")
        .send()
        .await
        .unwrap();
    assert_eq!(
        run.record_detail().unwrap().record_type(),
        Some("UPDATE_PROVISIONED_PRODUCT")
    );
    let done = settled(&w.app, &w.dev, run.record_detail().unwrap()).await;
    assert_eq!(done.status(), Some(&RecordStatus::Succeeded));
}

#[tokio::test]
async fn a_stack_is_imported_as_a_provisioned_product() {
    let w = world(None).await;
    let stack = format!("arn:aws:cloudformation:us-east-1:{OWNER}:stack/legacy/0a1b2c");
    let import = |name: &str, physical: &str, token: &str| {
        w.dev
            .import_as_provisioned_product()
            .product_id(&w.prod)
            .provisioning_artifact_id(&w.pa)
            .provisioned_product_name(name)
            .physical_id(physical)
            .idempotency_token(token)
            .send()
    };
    let record = import("legacy", &stack, "i1").await.unwrap();
    let record = record.record_detail().unwrap();
    assert_eq!(record.record_type(), Some("IMPORT_PROVISIONED_PRODUCT"));
    let done = settled(&w.app, &w.dev, record).await;
    assert_eq!(done.status(), Some(&RecordStatus::Succeeded));
    let found = w
        .dev
        .search_provisioned_products()
        .filters(
            aws_sdk_servicecatalog::types::ProvisionedProductViewFilterBy::SearchQuery,
            vec![format!("physicalId:{stack}")],
        )
        .send()
        .await
        .unwrap();
    assert_eq!(found.provisioned_products()[0].name(), Some("legacy"));
    let twice = import("other", &stack, "i2").await;
    assert_eq!(failure(twice).0, "DuplicateResourceException");
    let malformed = import(
        "x",
        "arn:aws:cloudformation:us-east-1:999999999999:stack/a/b",
        "i3",
    )
    .await;
    assert_eq!(failure(malformed).0, "InvalidParametersException");
}
