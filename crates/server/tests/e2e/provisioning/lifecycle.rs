//! A product's life in its owner's account: launch (records CREATED, then SUCCEEDED in the
//! background; the product UNDER_CHANGE, then AVAILABLE), idempotency and name rules, who has
//! no launch path, update, owner change and termination.

use aws_sdk_servicecatalog::types::{ProvisionedProductStatus, RecordStatus};

use super::{account_level, failure, launch, launched, param, settled, world, OWNER};

#[tokio::test]
async fn a_launch_is_created_then_succeeds_in_the_background() {
    let w = world(None).await;
    let record = launch(&w.dev, &w.prod, &w.pa, "web", vec![param("Env", "dev")]).await;
    assert_eq!(record.status(), Some(&RecordStatus::Created));
    assert_eq!(record.record_type(), Some("PROVISION_PRODUCT"));
    assert_eq!(record.provisioned_product_type(), Some("CFN_STACK"));
    assert!(record.record_id().unwrap().starts_with("rec-"));
    let pp = record.provisioned_product_id().unwrap().to_string();
    assert!(pp.starts_with("pp-"), "{pp}");
    assert!(record.path_id().unwrap().starts_with("lpv3-"));
    assert!(record.record_errors().is_empty() && record.record_tags().is_empty());

    // Describable the moment ProvisionProduct answers (puppet polls at once).
    let now = w
        .dev
        .describe_provisioned_product()
        .id(&pp)
        .send()
        .await
        .unwrap();
    let detail = now.provisioned_product_detail().unwrap();
    assert_eq!(detail.idempotency_token(), Some("launch-web"));
    assert_eq!(
        detail.arn(),
        Some(format!("arn:aws:servicecatalog:us-east-1:{OWNER}:stack/web/{pp}").as_str())
    );

    // The same ProvisionToken answers the same record; no second product.
    let again = w
        .dev
        .provision_product()
        .product_id(&w.prod)
        .provisioning_artifact_id(&w.pa)
        .provisioned_product_name("web")
        .provision_token("launch-web")
        .send()
        .await
        .unwrap();
    assert_eq!(
        again.record_detail().unwrap().record_id(),
        record.record_id()
    );

    let done = settled(&w.app, &w.dev, &record).await;
    assert_eq!(done.status(), Some(&RecordStatus::Succeeded));
    let out = w
        .dev
        .describe_record()
        .id(record.record_id().unwrap())
        .send()
        .await
        .unwrap();
    let outputs: Vec<_> = out
        .record_outputs()
        .iter()
        .map(|o| o.output_key().unwrap())
        .collect();
    assert_eq!(outputs, ["CloudformationStackARN"]);
    let detail = w
        .dev
        .describe_provisioned_product()
        .name("web")
        .send()
        .await
        .unwrap();
    let detail = detail.provisioned_product_detail().unwrap();
    assert_eq!(detail.status(), Some(&ProvisionedProductStatus::Available));
    assert_eq!(
        detail.last_successful_provisioning_record_id(),
        record.record_id()
    );
    // A second read still says AVAILABLE (Terraform needs the target twice in a row).
    let twice = w
        .dev
        .describe_provisioned_product()
        .id(&pp)
        .send()
        .await
        .unwrap();
    assert_eq!(
        twice.provisioned_product_detail().unwrap().status(),
        Some(&ProvisionedProductStatus::Available)
    );
}

#[tokio::test]
async fn names_are_unique_and_only_associated_principals_launch() {
    let w = world(None).await;
    launched(&w, "web", Vec::new()).await;
    let taken = w
        .dev
        .provision_product()
        .product_id(&w.prod)
        .provisioning_artifact_id(&w.pa)
        .provisioned_product_name("web")
        .provision_token("other")
        .send()
        .await;
    assert_eq!(
        failure(taken),
        (
            "InvalidParametersException".into(),
            "A stack named web already exists.".into()
        )
    );
    // The account root and an unassociated role have no launch path; nothing is created.
    let stranger = super::session(&w.app, OWNER, "Ops").await;
    for sc in [&w.admin, &stranger] {
        let refused = sc
            .provision_product()
            .product_id(&w.prod)
            .provisioning_artifact_id(&w.pa)
            .provisioned_product_name("mine")
            .provision_token("t-mine")
            .send()
            .await;
        assert_eq!(
            failure(refused),
            (
                "ResourceNotFoundException".into(),
                format!("No launch paths found for resource: {}", w.prod)
            )
        );
    }
    let none = w
        .admin
        .describe_provisioned_product()
        .name("mine")
        .send()
        .await;
    assert_eq!(failure(none).0, "ResourceNotFoundException");
}

#[tokio::test]
async fn two_paths_need_a_path_id_or_name() {
    let w = world(None).await;
    let second = crate::helpers::portfolio(&w.admin, "Second").await;
    super::add(&w.admin, &w.prod, &second).await;
    super::associate(&w.admin, &second, &format!("arn:aws:iam::{OWNER}:role/Dev")).await;
    let ambiguous = w
        .dev
        .provision_product()
        .product_id(&w.prod)
        .provisioning_artifact_id(&w.pa)
        .provisioned_product_name("web")
        .provision_token("t1")
        .send()
        .await;
    assert_eq!(
        failure(ambiguous),
        (
            "InvalidParametersException".into(),
            "More than one launch path ids exist. Please specify the launch path id".into()
        )
    );
    let paths = w
        .dev
        .list_launch_paths()
        .product_id(&w.prod)
        .send()
        .await
        .unwrap();
    let second_path = paths
        .launch_path_summaries()
        .iter()
        .find(|p| p.name() == Some("Second"))
        .and_then(|p| p.id())
        .unwrap()
        .to_string();
    let by_id = w
        .dev
        .provision_product()
        .product_id(&w.prod)
        .provisioning_artifact_id(&w.pa)
        .provisioned_product_name("web")
        .path_id(&second_path)
        .provision_token("t2")
        .send()
        .await
        .unwrap();
    assert_eq!(
        by_id.record_detail().unwrap().path_id(),
        Some(second_path.as_str())
    );
    let by_name = w
        .dev
        .provision_product()
        .product_name("App")
        .provisioning_artifact_name("v1")
        .provisioned_product_name("db")
        .path_name("Platform")
        .provision_token("t3")
        .send()
        .await
        .unwrap();
    assert_ne!(
        by_name.record_detail().unwrap().path_id(),
        Some(second_path.as_str())
    );
}

#[tokio::test]
#[expect(
    clippy::too_many_lines,
    reason = "update, owner change and termination of one product read best as one story"
)]
async fn update_owner_change_and_terminate() {
    let w = world(None).await;
    let pp = launched(&w, "web", vec![param("A", "1"), param("B", "2")]).await;
    let update = w
        .dev
        .update_provisioned_product()
        .provisioned_product_id(&pp)
        .provisioning_parameters(
            aws_sdk_servicecatalog::types::UpdateProvisioningParameter::builder()
                .key("B")
                .value("3")
                .build(),
        )
        .update_token("u1")
        .send()
        .await
        .unwrap();
    let record = update.record_detail().unwrap();
    assert_eq!(record.record_type(), Some("UPDATE_PROVISIONED_PRODUCT"));
    let done = settled(&w.app, &w.dev, record).await;
    assert_eq!(done.status(), Some(&RecordStatus::Succeeded));

    let new_owner = format!("arn:aws:iam::{OWNER}:user/alice");
    let props = w
        .dev
        .update_provisioned_product_properties()
        .provisioned_product_id(&pp)
        .provisioned_product_properties(
            aws_sdk_servicecatalog::types::PropertyKey::Owner,
            &new_owner,
        )
        .idempotency_token("p1")
        .send()
        .await
        .unwrap();
    assert_eq!(props.status(), Some(&RecordStatus::Created));
    let bad = w
        .dev
        .update_provisioned_product_properties()
        .provisioned_product_id(&pp)
        .provisioned_product_properties(
            aws_sdk_servicecatalog::types::PropertyKey::LaunchRole,
            &new_owner,
        )
        .idempotency_token("p2")
        .send()
        .await;
    assert_eq!(failure(bad).0, "InvalidParametersException");
    w.app.drain().await;
    let search = w.dev.search_provisioned_products().send().await.unwrap();
    let found = &search.provisioned_products()[0];
    assert_eq!(found.user_arn(), Some(new_owner.as_str()));

    let end = w
        .dev
        .terminate_provisioned_product()
        .provisioned_product_id(&pp)
        .terminate_token("t1")
        .send()
        .await
        .unwrap();
    let end = end.record_detail().unwrap();
    assert_eq!(
        (end.record_type(), end.status()),
        (
            Some("TERMINATE_PROVISIONED_PRODUCT"),
            Some(&RecordStatus::Created)
        )
    );
    let done = settled(&w.app, &w.dev, end).await;
    assert_eq!(done.status(), Some(&RecordStatus::Succeeded));
    let gone = w.dev.describe_provisioned_product().id(&pp).send().await;
    assert_eq!(failure(gone).0, "ResourceNotFoundException");
    let again = w
        .dev
        .terminate_provisioned_product()
        .provisioned_product_id(&pp)
        .terminate_token("t2")
        .send()
        .await;
    assert_eq!(failure(again).0, "ResourceNotFoundException");
    // Records stay; the name is free again.
    let history = w
        .dev
        .list_record_history()
        .access_level_filter(account_level())
        .send()
        .await
        .unwrap();
    let kinds: Vec<_> = history
        .record_details()
        .iter()
        .map(|r| r.record_type().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "TERMINATE_PROVISIONED_PRODUCT",
            "UPDATE_PROVISIONED_PRODUCT_PROPERTIES",
            "UPDATE_PROVISIONED_PRODUCT",
            "PROVISION_PRODUCT"
        ]
    );
    let reuse = w
        .dev
        .provision_product()
        .product_id(&w.prod)
        .provisioning_artifact_id(&w.pa)
        .provisioned_product_name("web")
        .provision_token("relaunch")
        .send()
        .await
        .unwrap();
    assert_ne!(
        reuse.record_detail().unwrap().provisioned_product_id(),
        Some(pp.as_str())
    );
}
