//! Launching what was shared: through an accepted account share and through an OU share
//! (with the owner's IAM_PATTERN carried by SharePrincipals), always in the caller's account;
//! and what a share taken back leaves: products launched through it stay (readable,
//! terminable), a new launch or an update through the lost path is refused.

use aws_sdk_servicecatalog::types::{
    OrganizationNode, OrganizationNodeType, PrincipalType, ProvisionedProductStatus, RecordStatus,
};

use super::{associate, failure, launch, param, session, settled, world, OWNER, RECIPIENT};

#[tokio::test]
async fn a_recipient_launches_from_an_accepted_share_in_its_own_account() {
    let w = world(None).await;
    w.admin
        .create_constraint()
        .portfolio_id(&w.port)
        .product_id(&w.prod)
        .r#type("LAUNCH")
        .parameters(r#"{"LocalRoleName":"SCLaunch"}"#)
        .idempotency_token("c1")
        .send()
        .await
        .unwrap();
    w.admin
        .create_portfolio_share()
        .portfolio_id(&w.port)
        .account_id(RECIPIENT)
        .send()
        .await
        .unwrap();
    let recipient = w.app.catalog(RECIPIENT);
    let user = session(&w.app, RECIPIENT, "Dev").await;
    // Not accepted yet: no path.
    let early = user
        .provision_product()
        .product_id(&w.prod)
        .provisioning_artifact_id(&w.pa)
        .provisioned_product_name("app")
        .provision_token("early")
        .send()
        .await;
    assert_eq!(failure(early).0, "ResourceNotFoundException");
    recipient
        .accept_portfolio_share()
        .portfolio_id(&w.port)
        .send()
        .await
        .unwrap();
    associate(
        &recipient,
        &w.port,
        &format!("arn:aws:iam::{RECIPIENT}:role/Dev"),
    )
    .await;
    let record = launch(&user, &w.prod, &w.pa, "app", vec![param("Env", "prod")]).await;
    // A LocalRoleName is the role of that name in the launching account.
    let role = format!("arn:aws:iam::{RECIPIENT}:role/SCLaunch");
    assert_eq!(record.launch_role_arn(), Some(role.as_str()));
    assert_eq!(record.product_id(), Some(w.prod.as_str()));
    let done = settled(&w.app, &user, &record).await;
    assert_eq!(done.status(), Some(&RecordStatus::Succeeded));
    let pp = done.provisioned_product_id().unwrap();
    let mine = recipient
        .describe_provisioned_product()
        .id(pp)
        .send()
        .await
        .unwrap();
    let arn = mine.provisioned_product_detail().unwrap().arn().unwrap();
    assert!(arn.contains(&format!(":{RECIPIENT}:stack/app/")), "{arn}");
    // Another account never sees it, the product's owner included.
    let owner_view = w.admin.describe_provisioned_product().id(pp).send().await;
    assert_eq!(failure(owner_view).0, "ResourceNotFoundException");
    let scan = w.admin.scan_provisioned_products().send().await.unwrap();
    assert!(scan.provisioned_products().is_empty());
}

#[tokio::test]
async fn a_member_of_a_shared_ou_launches_through_the_owners_pattern() {
    let o = crate::org_share::world().await;
    let owner = o.app.catalog("111111111111");
    let port = crate::helpers::portfolio(&owner, "Platform").await;
    let (prod, pa) = super::product_with(
        &owner,
        "App",
        super::OPAQUE,
        aws_sdk_servicecatalog::types::ProductType::CloudFormationTemplate,
    )
    .await;
    super::add(&owner, &prod, &port).await;
    owner
        .associate_principal_with_portfolio()
        .portfolio_id(&port)
        .principal_arn("arn:aws:iam:::role/Dev*")
        .principal_type(PrincipalType::IamPattern)
        .send()
        .await
        .unwrap();
    let ou = OrganizationNode::builder()
        .r#type(OrganizationNodeType::OrganizationalUnit)
        .value(&o.apps_ou)
        .build();
    owner
        .create_portfolio_share()
        .portfolio_id(&port)
        .organization_node(ou)
        .share_principals(true)
        .send()
        .await
        .unwrap();
    o.app.drain().await;
    // A member of the OU launches without accepting anything; the root member cannot.
    let member = session(&o.app, "333333333333", "Developer").await;
    let record = launch(&member, &prod, &pa, "svc", Vec::new()).await;
    let done = settled(&o.app, &member, &record).await;
    assert_eq!(done.status(), Some(&RecordStatus::Succeeded));
    let outside = session(&o.app, "222222222222", "Developer").await;
    let refused = outside
        .provision_product()
        .product_id(&prod)
        .provisioning_artifact_id(&pa)
        .provisioned_product_name("svc")
        .provision_token("t")
        .send()
        .await;
    assert_eq!(failure(refused).0, "ResourceNotFoundException");
    let theirs = o.app.catalog("333333333333");
    let search = theirs.search_provisioned_products().send().await.unwrap();
    assert_eq!(search.total_results_count(), 1);
}

#[tokio::test]
async fn a_share_taken_back_leaves_launched_products_but_no_path() {
    let w = world(None).await;
    w.admin
        .create_portfolio_share()
        .portfolio_id(&w.port)
        .account_id(RECIPIENT)
        .send()
        .await
        .unwrap();
    let recipient = w.app.catalog(RECIPIENT);
    recipient
        .accept_portfolio_share()
        .portfolio_id(&w.port)
        .send()
        .await
        .unwrap();
    associate(
        &recipient,
        &w.port,
        &format!("arn:aws:iam::{RECIPIENT}:role/Dev"),
    )
    .await;
    let user = session(&w.app, RECIPIENT, "Dev").await;
    let record = launch(&user, &w.prod, &w.pa, "app", Vec::new()).await;
    let pp = settled(&w.app, &user, &record)
        .await
        .provisioned_product_id()
        .unwrap()
        .to_string();
    w.admin
        .delete_portfolio_share()
        .portfolio_id(&w.port)
        .account_id(RECIPIENT)
        .send()
        .await
        .unwrap();
    assert_ne!(OWNER, RECIPIENT);

    // What was launched stays readable.
    let still = user
        .describe_provisioned_product()
        .id(&pp)
        .send()
        .await
        .unwrap();
    assert_eq!(
        still.provisioned_product_detail().unwrap().status(),
        Some(&ProvisionedProductStatus::Available)
    );
    let outputs = user
        .get_provisioned_product_outputs()
        .provisioned_product_id(&pp)
        .send()
        .await
        .unwrap();
    assert_eq!(outputs.outputs().len(), 1);
    user.describe_record()
        .id(record.record_id().unwrap())
        .send()
        .await
        .unwrap();
    // A new launch and an update through the lost path are refused like any launch without
    // a path.
    let no_path = format!("No launch paths found for resource: {}", w.prod);
    let relaunch = user
        .provision_product()
        .product_id(&w.prod)
        .provisioning_artifact_id(&w.pa)
        .provisioned_product_name("again")
        .provision_token("again")
        .send()
        .await;
    assert_eq!(
        failure(relaunch),
        ("ResourceNotFoundException".into(), no_path.clone())
    );
    let update = user
        .update_provisioned_product()
        .provisioned_product_id(&pp)
        .update_token("u")
        .send()
        .await;
    assert_eq!(
        failure(update),
        ("ResourceNotFoundException".into(), no_path)
    );
    // It can still be terminated.
    let end = user
        .terminate_provisioned_product()
        .provisioned_product_id(&pp)
        .terminate_token("end")
        .send()
        .await
        .unwrap();
    let done = settled(&w.app, &user, end.record_detail().unwrap()).await;
    assert_eq!(done.status(), Some(&RecordStatus::Succeeded));
}

#[tokio::test]
async fn the_access_report_lists_what_each_account_launched() {
    let w = world(None).await;
    w.admin
        .create_portfolio_share()
        .portfolio_id(&w.port)
        .account_id(RECIPIENT)
        .send()
        .await
        .unwrap();
    let recipient = w.app.catalog(RECIPIENT);
    recipient
        .accept_portfolio_share()
        .portfolio_id(&w.port)
        .send()
        .await
        .unwrap();
    associate(
        &recipient,
        &w.port,
        &format!("arn:aws:iam::{RECIPIENT}:role/Dev"),
    )
    .await;
    let user = session(&w.app, RECIPIENT, "Dev").await;
    let theirs = launch(&user, &w.prod, &w.pa, "theirs", Vec::new()).await;
    let mine = launch(&w.dev, &w.prod, &w.pa, "mine", Vec::new()).await;
    settled(&w.app, &user, &theirs).await;
    let (status, _, body) = w.app.raw("GET /_sclocal/access HTTP/1.1\r\n", b"").await;
    assert_eq!(status, 200);
    let report: serde_json::Value = serde_json::from_slice(&body).unwrap();
    let launched: Vec<_> = report["provisioned"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let p = &a["products"][0];
            (
                a["account"].as_str().unwrap(),
                p["name"].as_str().unwrap(),
                p["status"].as_str().unwrap(),
                p["portfolio_id"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        launched,
        [
            (OWNER, "mine", "AVAILABLE", w.port.as_str()),
            (RECIPIENT, "theirs", "AVAILABLE", w.port.as_str())
        ]
    );
    assert_eq!(
        report["provisioned"][0]["products"][0]["id"].as_str(),
        mine.provisioned_product_id()
    );
}
