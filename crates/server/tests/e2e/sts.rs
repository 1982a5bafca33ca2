//! STS through the official Rust SDK.

use aws_sdk_servicecatalog::config::Credentials;
use aws_sdk_sts::error::ProvideErrorMetadata;

use crate::helpers::spawn_app;

#[tokio::test]
async fn caller_identity_is_the_access_key_account() {
    let app = spawn_app().await;
    let me = app
        .sts("111111111111")
        .get_caller_identity()
        .send()
        .await
        .unwrap();
    assert_eq!(me.account(), Some("111111111111"));
    assert_eq!(me.arn(), Some("arn:aws:iam::111111111111:root"));
    assert_eq!(me.user_id(), Some("111111111111"));
    let anon = app.sts("test").get_caller_identity().send().await.unwrap();
    assert_eq!(anon.account(), Some("000000000000"));
}

#[tokio::test]
async fn assumed_role_acts_as_the_role_account() {
    let app = spawn_app().await;
    let out = app
        .sts("111111111111")
        .assume_role()
        .role_arn("arn:aws:iam::222222222222:role/Admin")
        .role_session_name("s1")
        .send()
        .await
        .unwrap();
    let c = out.credentials().unwrap();
    assert!(c.access_key_id().starts_with("ASIA"));
    let user = out.assumed_role_user().unwrap();
    assert_eq!(
        user.arn(),
        "arn:aws:sts::222222222222:assumed-role/Admin/s1"
    );
    assert!(user.assumed_role_id().starts_with("AROA") && user.assumed_role_id().ends_with(":s1"));

    let temp = Credentials::new(
        c.access_key_id(),
        c.secret_access_key(),
        Some(c.session_token().to_string()),
        None,
        "assumed",
    );
    let me = app
        .sts_with(temp.clone())
        .get_caller_identity()
        .send()
        .await
        .unwrap();
    assert_eq!(me.account(), Some("222222222222"));
    assert_eq!(
        me.arn(),
        Some("arn:aws:sts::222222222222:assumed-role/Admin/s1")
    );
    assert_eq!(me.user_id(), Some(user.assumed_role_id()));

    let sc = app.catalog_with(temp, "us-east-1");
    let p = sc
        .create_portfolio()
        .display_name("P")
        .provider_name("Q")
        .idempotency_token("t")
        .send()
        .await
        .unwrap();
    assert!(p
        .portfolio_detail()
        .unwrap()
        .arn()
        .unwrap()
        .contains(":222222222222:portfolio/"));
    assert!(app
        .catalog("111111111111")
        .list_portfolios()
        .send()
        .await
        .unwrap()
        .portfolio_details()
        .is_empty());
}

#[tokio::test]
async fn assume_role_validates_its_input() {
    let app = spawn_app().await;
    let err = app
        .sts("111111111111")
        .assume_role()
        .role_arn("bad")
        .role_session_name("s1")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(err.code(), Some("ValidationError"));
    assert_eq!(
        err.message(),
        Some("1 validation error detected: Value 'bad' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20")
    );
}
