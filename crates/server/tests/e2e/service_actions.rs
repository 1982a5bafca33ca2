//! Self-service actions through the Rust SDK: the owner creates (idempotently), describes,
//! updates, lists and deletes actions; associates them with artifacts one at a time and in
//! batches whose bad entries are listed, not fatal; lists both ways across an association;
//! an end user reads an action's parameters on its provisioned product and executes it, which
//! makes an EXECUTE_PROVISIONED_PRODUCT_SERVICE_ACTION record that the job carries to
//! SUCCEEDED without changing the product.

use aws_sdk_servicecatalog::types::{
    ProvisionedProductStatus, RecordStatus, ServiceActionAssociation,
    ServiceActionAssociationErrorCode, ServiceActionDefinitionKey, ServiceActionDefinitionType,
};
use aws_sdk_servicecatalog::Client;

use crate::products::failure;
use crate::provisioning::{launched, settled, world};

/// A new action named `name` whose definition declares a TARGET and a TEXT_VALUE parameter.
pub(crate) async fn action(sc: &Client, name: &str) -> String {
    sc.create_service_action()
        .name(name)
        .definition_type(ServiceActionDefinitionType::SsmAutomation)
        .definition(ServiceActionDefinitionKey::Name, "AWS-RestartEC2Instance")
        .definition(ServiceActionDefinitionKey::Version, "1")
        .definition(ServiceActionDefinitionKey::AssumeRole, "LAUNCH_ROLE")
        .definition(
            ServiceActionDefinitionKey::Parameters,
            r#"[{"Name":"InstanceId","Type":"TARGET"},{"Name":"Reason","Type":"TEXT_VALUE"}]"#,
        )
        .idempotency_token(format!("tok-{name}"))
        .send()
        .await
        .unwrap()
        .service_action_detail()
        .unwrap()
        .service_action_summary()
        .unwrap()
        .id()
        .unwrap()
        .to_string()
}

fn pair(act: &str, prod: &str, pa: &str) -> ServiceActionAssociation {
    ServiceActionAssociation::builder()
        .service_action_id(act)
        .product_id(prod)
        .provisioning_artifact_id(pa)
        .build()
        .unwrap()
}

#[tokio::test]
async fn actions_are_created_once_read_updated_listed_and_deleted() {
    let w = world(None).await;
    let id = action(&w.admin, "Restart").await;
    assert!(id.starts_with("act-") && id.len() == 17, "{id}");
    // The same token answers the same action.
    assert_eq!(action(&w.admin, "Restart").await, id);
    let detail = w
        .admin
        .describe_service_action()
        .id(&id)
        .send()
        .await
        .unwrap();
    let detail = detail.service_action_detail().unwrap();
    assert_eq!(
        detail.service_action_summary().unwrap().name(),
        Some("Restart")
    );
    assert_eq!(
        detail.definition().unwrap()[&ServiceActionDefinitionKey::AssumeRole],
        "LAUNCH_ROLE"
    );
    let updated = w
        .admin
        .update_service_action()
        .id(&id)
        .name("Reboot")
        .description("reboots")
        .send()
        .await
        .unwrap();
    let summary = updated
        .service_action_detail()
        .unwrap()
        .service_action_summary()
        .unwrap();
    assert_eq!(
        (summary.name(), summary.description()),
        (Some("Reboot"), Some("reboots"))
    );
    let second = action(&w.admin, "Stop").await;
    let page = w
        .admin
        .list_service_actions()
        .page_size(1)
        .send()
        .await
        .unwrap();
    assert_eq!(page.service_action_summaries()[0].id(), Some(id.as_str()));
    let rest = w
        .admin
        .list_service_actions()
        .page_token(page.next_page_token().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(
        rest.service_action_summaries()[0].id(),
        Some(second.as_str())
    );
    assert!(rest.next_page_token().is_none());
    // Another account neither sees nor changes it.
    let other = w.app.catalog(crate::provisioning::RECIPIENT);
    let hidden = other.describe_service_action().id(&id).send().await;
    assert_eq!(failure(hidden).0, "ResourceNotFoundException");
    // A definition without a document is refused.
    let bad = w
        .admin
        .create_service_action()
        .name("Bad")
        .definition_type(ServiceActionDefinitionType::SsmAutomation)
        .definition(ServiceActionDefinitionKey::Version, "1")
        .idempotency_token("bad")
        .send()
        .await;
    assert_eq!(failure(bad).0, "InvalidParametersException");
    // Associated actions cannot be deleted.
    w.admin
        .associate_service_action_with_provisioning_artifact()
        .service_action_id(&id)
        .product_id(&w.prod)
        .provisioning_artifact_id(&w.pa)
        .send()
        .await
        .unwrap();
    let busy = w.admin.delete_service_action().id(&id).send().await;
    assert_eq!(failure(busy).0, "ResourceInUseException");
    w.admin
        .disassociate_service_action_from_provisioning_artifact()
        .service_action_id(&id)
        .product_id(&w.prod)
        .provisioning_artifact_id(&w.pa)
        .send()
        .await
        .unwrap();
    w.admin
        .delete_service_action()
        .id(&id)
        .send()
        .await
        .unwrap();
    let gone = w.admin.describe_service_action().id(&id).send().await;
    assert_eq!(failure(gone).0, "ResourceNotFoundException");
}

#[tokio::test]
async fn associations_are_listed_both_ways_and_batches_report_bad_entries() {
    let w = world(None).await;
    let (a, b) = (action(&w.admin, "A").await, action(&w.admin, "B").await);
    let out = w
        .admin
        .batch_associate_service_action_with_provisioning_artifact()
        .service_action_associations(pair(&a, &w.prod, &w.pa))
        .service_action_associations(pair(&b, &w.prod, &w.pa))
        .service_action_associations(pair(&a, &w.prod, &w.pa))
        .service_action_associations(pair("act-nope", &w.prod, &w.pa))
        .service_action_associations(pair(&a, &w.prod, "pa-nope"))
        .send()
        .await
        .unwrap();
    let codes: Vec<_> = out
        .failed_service_action_associations()
        .iter()
        .map(|f| f.error_code().cloned().unwrap())
        .collect();
    assert_eq!(
        codes,
        vec![
            ServiceActionAssociationErrorCode::DuplicateResourceException,
            ServiceActionAssociationErrorCode::ResourceNotFoundException,
            ServiceActionAssociationErrorCode::ResourceNotFoundException,
        ]
    );
    let again = w
        .admin
        .associate_service_action_with_provisioning_artifact()
        .service_action_id(&a)
        .product_id(&w.prod)
        .provisioning_artifact_id(&w.pa)
        .send()
        .await;
    assert_eq!(failure(again).0, "DuplicateResourceException");
    let on_artifact = w
        .admin
        .list_service_actions_for_provisioning_artifact()
        .product_id(&w.prod)
        .provisioning_artifact_id(&w.pa)
        .send()
        .await
        .unwrap();
    let ids: Vec<_> = on_artifact
        .service_action_summaries()
        .iter()
        .map(|s| s.id().unwrap().to_string())
        .collect();
    assert_eq!(ids, vec![a.clone(), b.clone()]);
    let views = w
        .admin
        .list_provisioning_artifacts_for_service_action()
        .service_action_id(&a)
        .send()
        .await
        .unwrap();
    let view = &views.provisioning_artifact_views()[0];
    assert_eq!(
        view.product_view_summary().unwrap().product_id(),
        Some(w.prod.as_str())
    );
    assert_eq!(
        view.provisioning_artifact().unwrap().id(),
        Some(w.pa.as_str())
    );
    let out = w
        .admin
        .batch_disassociate_service_action_from_provisioning_artifact()
        .service_action_associations(pair(&a, &w.prod, &w.pa))
        .service_action_associations(pair(&a, &w.prod, &w.pa))
        .send()
        .await
        .unwrap();
    assert_eq!(out.failed_service_action_associations().len(), 1);
    let missing = w
        .admin
        .disassociate_service_action_from_provisioning_artifact()
        .service_action_id(&a)
        .product_id(&w.prod)
        .provisioning_artifact_id(&w.pa)
        .send()
        .await;
    assert_eq!(failure(missing).0, "ResourceNotFoundException");
}

#[tokio::test]
async fn an_end_user_executes_an_associated_action_through_a_record() {
    let w = world(None).await;
    let act = action(&w.admin, "Restart").await;
    let pp = launched(&w, "app", Vec::new()).await;
    // Not associated yet.
    let early = w
        .dev
        .execute_provisioned_product_service_action()
        .provisioned_product_id(&pp)
        .service_action_id(&act)
        .execute_token("early")
        .send()
        .await;
    assert_eq!(failure(early).0, "InvalidParametersException");
    w.admin
        .associate_service_action_with_provisioning_artifact()
        .service_action_id(&act)
        .product_id(&w.prod)
        .provisioning_artifact_id(&w.pa)
        .send()
        .await
        .unwrap();
    let params = w
        .dev
        .describe_service_action_execution_parameters()
        .provisioned_product_id(&pp)
        .service_action_id(&act)
        .send()
        .await
        .unwrap();
    let names: Vec<_> = params
        .service_action_parameters()
        .iter()
        .map(|p| (p.name().unwrap(), p.r#type().unwrap()))
        .collect();
    assert_eq!(
        names,
        vec![("InstanceId", "TARGET"), ("Reason", "TEXT_VALUE")]
    );
    let unknown = w
        .dev
        .execute_provisioned_product_service_action()
        .provisioned_product_id(&pp)
        .service_action_id(&act)
        .execute_token("bad-param")
        .parameters("Nope", vec!["x".into()])
        .send()
        .await;
    assert_eq!(failure(unknown).0, "InvalidParametersException");
    let record = w
        .dev
        .execute_provisioned_product_service_action()
        .provisioned_product_id(&pp)
        .service_action_id(&act)
        .execute_token("run-1")
        .parameters("Reason", vec!["patching".into()])
        .send()
        .await
        .unwrap()
        .record_detail()
        .unwrap()
        .clone();
    assert_eq!(record.status(), Some(&RecordStatus::Created));
    assert_eq!(
        record.record_type(),
        Some("EXECUTE_PROVISIONED_PRODUCT_SERVICE_ACTION")
    );
    // The same token answers the same record.
    let again = w
        .dev
        .execute_provisioned_product_service_action()
        .provisioned_product_id(&pp)
        .service_action_id(&act)
        .execute_token("run-1")
        .send()
        .await
        .unwrap();
    assert_eq!(
        again.record_detail().unwrap().record_id(),
        record.record_id()
    );
    let done = settled(&w.app, &w.dev, &record).await;
    assert_eq!(done.status(), Some(&RecordStatus::Succeeded));
    let product = w
        .dev
        .describe_provisioned_product()
        .id(&pp)
        .send()
        .await
        .unwrap();
    let detail = product.provisioned_product_detail().unwrap();
    assert_eq!(detail.status(), Some(&ProvisionedProductStatus::Available));
    assert_eq!(detail.last_record_id(), record.record_id());
    // The action is not a provisioning record.
    assert_ne!(detail.last_provisioning_record_id(), record.record_id());
    let unknown_action = w
        .dev
        .execute_provisioned_product_service_action()
        .provisioned_product_id(&pp)
        .service_action_id("act-nope")
        .execute_token("run-2")
        .send()
        .await;
    assert_eq!(failure(unknown_action).0, "ResourceNotFoundException");
}
