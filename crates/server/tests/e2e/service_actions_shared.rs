//! Self-service actions across a share: the recipient of an accepted portfolio share sees the
//! owner's actions on the shared version, cannot associate actions with it (the owner's
//! artifact), and runs them on the products it launched in its own account.

use aws_sdk_servicecatalog::types::RecordStatus;

use crate::products::failure;
use crate::provisioning::{associate, launch, session, settled, world, RECIPIENT};
use crate::service_actions::action;

#[tokio::test]
async fn a_recipient_runs_the_owners_action_on_its_own_product() {
    let w = world(None).await;
    let act = action(&w.admin, "Restart").await;
    w.admin
        .associate_service_action_with_provisioning_artifact()
        .service_action_id(&act)
        .product_id(&w.prod)
        .provisioning_artifact_id(&w.pa)
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
    let listed = recipient
        .list_service_actions_for_provisioning_artifact()
        .product_id(&w.prod)
        .provisioning_artifact_id(&w.pa)
        .send()
        .await
        .unwrap();
    let ids: Vec<_> = listed
        .service_action_summaries()
        .iter()
        .filter_map(|s| s.id())
        .collect();
    assert_eq!(ids, vec![act.as_str()]);
    // The version is the owner's: the recipient's own action cannot go on it.
    let theirs = action(&recipient, "Theirs").await;
    let refused = recipient
        .associate_service_action_with_provisioning_artifact()
        .service_action_id(&theirs)
        .product_id(&w.prod)
        .provisioning_artifact_id(&w.pa)
        .send()
        .await;
    assert_eq!(failure(refused).0, "ResourceNotFoundException");
    // Nor does the recipient administer the owner's action.
    let hidden = recipient
        .list_provisioning_artifacts_for_service_action()
        .service_action_id(&act)
        .send()
        .await;
    assert_eq!(failure(hidden).0, "ResourceNotFoundException");

    let user = session(&w.app, RECIPIENT, "Dev").await;
    let launched = launch(&user, &w.prod, &w.pa, "app", Vec::new()).await;
    let launched = settled(&w.app, &user, &launched).await;
    let pp = launched.provisioned_product_id().unwrap();
    let record = user
        .execute_provisioned_product_service_action()
        .provisioned_product_id(pp)
        .service_action_id(&act)
        .execute_token("run")
        .send()
        .await
        .unwrap()
        .record_detail()
        .unwrap()
        .clone();
    let done = settled(&w.app, &user, &record).await;
    assert_eq!(done.status(), Some(&RecordStatus::Succeeded));
    assert_eq!(done.provisioned_product_id(), Some(pp));
    // The owner's account has no such product to run it on.
    let elsewhere = w
        .dev
        .execute_provisioned_product_service_action()
        .provisioned_product_id(pp)
        .service_action_id(&act)
        .execute_token("run")
        .send()
        .await;
    assert_eq!(failure(elsewhere).0, "ResourceNotFoundException");
}
