//! Constraints at launch: TagOptions on the launched product's tags, RESOURCE_UPDATE (tag
//! updates allowed or not), STACKSET (accounts × regions as stack instances), TEMPLATE rules
//! over the parameters, and the LAUNCH role.

use aws_sdk_servicecatalog::types::{
    ProvisioningPreferences, RecordStatus, StackInstanceStatus, Tag, UpdateProvisioningParameter,
};
use aws_sdk_servicecatalog::Client;

use super::{failure, launch, launched, param, settled, world, World};

async fn constraint(w: &World, kind: &str, parameters: &str) {
    w.admin
        .create_constraint()
        .portfolio_id(&w.port)
        .product_id(&w.prod)
        .r#type(kind)
        .parameters(parameters)
        .idempotency_token(format!("c-{kind}"))
        .send()
        .await
        .unwrap();
}

async fn tag_option(w: &World, key: &str, value: &str, resource: &str) {
    let id = w
        .admin
        .create_tag_option()
        .key(key)
        .value(value)
        .send()
        .await
        .unwrap()
        .tag_option_detail()
        .unwrap()
        .id()
        .unwrap()
        .to_string();
    w.admin
        .associate_tag_option_with_resource()
        .resource_id(resource)
        .tag_option_id(id)
        .send()
        .await
        .unwrap();
}

fn tag(key: &str, value: &str) -> Tag {
    Tag::builder().key(key).value(value).build().unwrap()
}

async fn launch_tagged(
    sc: &Client,
    w: &World,
    name: &str,
    tags: Vec<Tag>,
) -> Result<String, (String, String)> {
    let r = sc
        .provision_product()
        .product_id(&w.prod)
        .provisioning_artifact_id(&w.pa)
        .provisioned_product_name(name)
        .set_tags(Some(tags))
        .provision_token(name)
        .send()
        .await;
    match r {
        Ok(out) => Ok(out
            .record_detail()
            .unwrap()
            .record_id()
            .unwrap()
            .to_string()),
        Err(e) => Err(failure::<(), _>(Err(e))),
    }
}

#[tokio::test]
async fn tag_options_decide_the_launched_products_tags() {
    let w = world(None).await;
    tag_option(&w, "env", "dev", &w.port).await;
    tag_option(&w, "env", "prod", &w.port).await;
    tag_option(&w, "team", "platform", &w.prod).await;
    let params = w
        .dev
        .describe_provisioning_parameters()
        .product_id(&w.prod)
        .provisioning_artifact_id(&w.pa)
        .send()
        .await
        .unwrap();
    let shown: Vec<_> = params
        .tag_options()
        .iter()
        .map(|o| (o.key().unwrap(), o.values().to_vec()))
        .collect();
    assert_eq!(
        shown,
        [
            ("env", vec!["dev".to_string(), "prod".to_string()]),
            ("team", vec!["platform".to_string()])
        ]
    );
    let wrong = launch_tagged(&w.dev, &w, "a", vec![tag("env", "qa")]).await;
    assert_eq!(
        wrong.unwrap_err(),
        (
            "InvalidParametersException".into(),
            "Tag value qa is not allowed for TagOption key env".into()
        )
    );
    let missing = launch_tagged(&w.dev, &w, "b", vec![]).await;
    assert_eq!(missing.unwrap_err().0, "InvalidParametersException");
    let ok = launch_tagged(&w.dev, &w, "c", vec![tag("env", "prod"), tag("free", "x")])
        .await
        .unwrap();
    let record = w.dev.describe_record().id(&ok).send().await.unwrap();
    let tags: Vec<_> = record
        .record_detail()
        .unwrap()
        .record_tags()
        .iter()
        .map(|t| (t.key().unwrap(), t.value().unwrap()))
        .collect();
    // The single-valued key is filled in.
    assert_eq!(tags, [("env", "prod"), ("free", "x"), ("team", "platform")]);
    // Nothing was created for the refused launches.
    let all = w.dev.search_provisioned_products().send().await.unwrap();
    assert_eq!(all.total_results_count(), 1);
}

#[tokio::test]
async fn tag_updates_need_a_resource_update_constraint() {
    let w = world(None).await;
    let pp = launched(&w, "web", Vec::new()).await;
    let update = |tags: Vec<Tag>, token: &str| {
        w.dev
            .update_provisioned_product()
            .provisioned_product_id(&pp)
            .set_tags(Some(tags))
            .update_token(token)
            .send()
    };
    let locked = update(vec![tag("k", "v")], "u1").await;
    assert_eq!(failure(locked).0, "InvalidParametersException");
    // The same tags again are no change (Terraform sends all tags on every update).
    update(Vec::new(), "u2").await.unwrap();
    w.app.drain().await;
    constraint(
        &w,
        "RESOURCE_UPDATE",
        r#"{"Version":"2.0","Properties":{"TagUpdateOnProvisionedProduct":"ALLOWED"}}"#,
    )
    .await;
    let allowed = update(vec![tag("k", "v")], "u3").await.unwrap();
    let done = settled(&w.app, &w.dev, allowed.record_detail().unwrap()).await;
    assert_eq!(done.status(), Some(&RecordStatus::Succeeded));
    let found = w.dev.search_provisioned_products().send().await.unwrap();
    let tags = found.provisioned_products()[0].tags();
    assert!(tags.iter().any(|t| t.key() == "k" && t.value() == "v"));
    assert!(tags
        .iter()
        .any(|t| t.key() == "aws:servicecatalog:provisionedProductArn"));
}

#[tokio::test]
async fn a_stackset_path_launches_stack_instances() {
    let w = world(None).await;
    constraint(
        &w,
        "STACKSET",
        r#"{"Version":"2.0","Properties":{"AccountList":["111111111111","333333333333"],"RegionList":["us-east-1","eu-west-1"],"AdminRole":"a","ExecutionRole":"e"}}"#,
    )
    .await;
    let outside = w
        .dev
        .provision_product()
        .product_id(&w.prod)
        .provisioning_artifact_id(&w.pa)
        .provisioned_product_name("set")
        .provisioning_preferences(
            ProvisioningPreferences::builder()
                .stack_set_accounts("999999999999")
                .build(),
        )
        .provision_token("t0")
        .send()
        .await;
    assert_eq!(failure(outside).0, "InvalidParametersException");
    let record = w
        .dev
        .provision_product()
        .product_id(&w.prod)
        .provisioning_artifact_id(&w.pa)
        .provisioned_product_name("set")
        .provisioning_preferences(
            ProvisioningPreferences::builder()
                .stack_set_regions("eu-west-1")
                .build(),
        )
        .provision_token("t1")
        .send()
        .await
        .unwrap();
    let record = record.record_detail().unwrap();
    assert_eq!(record.provisioned_product_type(), Some("CFN_STACKSET"));
    let done = settled(&w.app, &w.dev, record).await;
    let instances = w
        .dev
        .list_stack_instances_for_provisioned_product()
        .provisioned_product_id(done.provisioned_product_id().unwrap())
        .send()
        .await
        .unwrap();
    let seen: Vec<_> = instances
        .stack_instances()
        .iter()
        .map(|s| {
            (
                s.account().unwrap(),
                s.region().unwrap(),
                s.stack_instance_status().unwrap().clone(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("111111111111", "eu-west-1", StackInstanceStatus::Current),
            ("333333333333", "eu-west-1", StackInstanceStatus::Current)
        ]
    );
}

#[tokio::test]
async fn template_rules_and_the_launch_role_apply() {
    let w = world(Some(super::templates::TEMPLATE)).await;
    constraint(
        &w,
        "TEMPLATE",
        r#"{"Rules":{"ProdIsSmall":{"RuleCondition":{"Fn::Equals":[{"Ref":"Env"},"prod"]},"Assertions":[{"Assert":{"Fn::Contains":[["1","2"],{"Ref":"Size"}]},"AssertDescription":"prod must be small"}]}}}"#,
    )
    .await;
    constraint(
        &w,
        "LAUNCH",
        r#"{"RoleArn":"arn:aws:iam::111111111111:role/Launch"}"#,
    )
    .await;
    let big = launch(
        &w.dev,
        &w.prod,
        &w.pa,
        "big",
        vec![param("Env", "prod"), param("Size", "4")],
    )
    .await;
    assert_eq!(
        big.launch_role_arn(),
        Some("arn:aws:iam::111111111111:role/Launch")
    );
    let done = settled(&w.app, &w.dev, &big).await;
    assert_eq!(done.status(), Some(&RecordStatus::Failed));
    assert!(done.record_errors()[0]
        .description()
        .unwrap()
        .contains("prod must be small"));
    launched(&w, "dev", vec![param("Env", "dev"), param("Size", "4")]).await;
    let pp = launched(&w, "small", vec![param("Env", "prod")]).await;
    // An update that breaks the rule leaves the product TAINTED with the old values in force.
    let update = w
        .dev
        .update_provisioned_product()
        .provisioned_product_id(&pp)
        .provisioning_parameters(
            UpdateProvisioningParameter::builder()
                .key("Size")
                .value("5")
                .build(),
        )
        .update_token("grow")
        .send()
        .await
        .unwrap();
    let done = settled(&w.app, &w.dev, update.record_detail().unwrap()).await;
    assert_eq!(done.status(), Some(&RecordStatus::Failed));
    let detail = w
        .dev
        .describe_provisioned_product()
        .id(&pp)
        .send()
        .await
        .unwrap();
    assert_eq!(
        detail.provisioned_product_detail().unwrap().status(),
        Some(&aws_sdk_servicecatalog::types::ProvisionedProductStatus::Tainted)
    );
}
