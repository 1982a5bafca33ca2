//! Portfolios through the official Rust SDK, as several accounts and regions.

use aws_sdk_servicecatalog::error::ProvideErrorMetadata;
use aws_sdk_servicecatalog::types::Tag;

use crate::helpers::spawn_app;

fn tag(k: &str, v: &str) -> Tag {
    Tag::builder().key(k).value(v).build().unwrap()
}

#[tokio::test]
async fn create_describe_update_list_delete() {
    let app = spawn_app().await;
    let sc = app.catalog("111111111111");
    let created = sc
        .create_portfolio()
        .display_name("Platform")
        .provider_name("Platform team")
        .description("Shared products")
        .idempotency_token("tok-1")
        .tags(tag("team", "platform"))
        .send()
        .await
        .unwrap();
    let detail = created.portfolio_detail().unwrap();
    let id = detail.id().unwrap().to_string();
    assert!(id.starts_with("port-") && id.len() == 18, "{id}");
    assert!(
        id[5..]
            .bytes()
            .all(|c| matches!(c, b'a'..=b'z' | b'2'..=b'7')),
        "{id}"
    );
    assert_eq!(
        detail.arn(),
        Some(format!("arn:aws:catalog:us-east-1:111111111111:portfolio/{id}").as_str())
    );
    assert_eq!(detail.display_name(), Some("Platform"));
    assert_eq!(detail.provider_name(), Some("Platform team"));
    assert_eq!(detail.description(), Some("Shared products"));
    assert!(detail.created_time().is_some());
    assert_eq!(created.tags(), &[tag("team", "platform")]);

    let described = sc.describe_portfolio().id(&id).send().await.unwrap();
    assert_eq!(
        described.portfolio_detail().unwrap().id(),
        Some(id.as_str())
    );
    assert_eq!(described.tags().len(), 1);

    let updated = sc
        .update_portfolio()
        .id(&id)
        .display_name("Platform v2")
        .add_tags(tag("env", "dev"))
        .remove_tags("team")
        .send()
        .await
        .unwrap();
    assert_eq!(
        updated.portfolio_detail().unwrap().display_name(),
        Some("Platform v2")
    );
    assert_eq!(updated.tags(), &[tag("env", "dev")]);

    let listed = sc.list_portfolios().send().await.unwrap();
    assert_eq!(listed.portfolio_details().len(), 1);
    assert!(listed.next_page_token().is_none());

    sc.delete_portfolio().id(&id).send().await.unwrap();
    let err = sc
        .describe_portfolio()
        .id(&id)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(err.is_resource_not_found_exception(), "{err:?}");
    assert_eq!(
        err.message(),
        Some(format!("Portfolio not found: {id}").as_str())
    );
}

#[tokio::test]
async fn idempotency_token_returns_the_same_portfolio() {
    let app = spawn_app().await;
    let sc = app.catalog("111111111111");
    let mut ids = Vec::new();
    for _ in 0..3 {
        let out = sc
            .create_portfolio()
            .display_name("P")
            .provider_name("Q")
            .idempotency_token("same-token")
            .send()
            .await
            .unwrap();
        ids.push(out.portfolio_detail().unwrap().id().unwrap().to_string());
    }
    assert!(ids.windows(2).all(|w| w[0] == w[1]), "{ids:?}");
    assert_eq!(
        sc.list_portfolios()
            .send()
            .await
            .unwrap()
            .portfolio_details()
            .len(),
        1
    );
}

#[tokio::test]
async fn accounts_and_regions_are_isolated() {
    let app = spawn_app().await;
    let owner = app.catalog("111111111111");
    let id = owner
        .create_portfolio()
        .display_name("P")
        .provider_name("Q")
        .idempotency_token("t")
        .send()
        .await
        .unwrap()
        .portfolio_detail()
        .unwrap()
        .id()
        .unwrap()
        .to_string();
    let other = app.catalog("222222222222");
    assert!(other
        .list_portfolios()
        .send()
        .await
        .unwrap()
        .portfolio_details()
        .is_empty());
    let err = other
        .describe_portfolio()
        .id(&id)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(err.is_resource_not_found_exception());
    let err = other
        .delete_portfolio()
        .id(&id)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(err.is_resource_not_found_exception());
    let err = other
        .update_portfolio()
        .id(&id)
        .display_name("x")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(err.is_resource_not_found_exception());

    let elsewhere = app.catalog_in("111111111111", "eu-west-1");
    let err = elsewhere
        .describe_portfolio()
        .id(&id)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(err.is_resource_not_found_exception());
    let eu = elsewhere
        .create_portfolio()
        .display_name("P")
        .provider_name("Q")
        .idempotency_token("t")
        .send()
        .await
        .unwrap();
    assert!(eu
        .portfolio_detail()
        .unwrap()
        .arn()
        .unwrap()
        .starts_with("arn:aws:catalog:eu-west-1:111111111111:portfolio/"));
    // The owner still sees exactly its us-east-1 portfolio.
    assert_eq!(
        owner
            .list_portfolios()
            .send()
            .await
            .unwrap()
            .portfolio_details()
            .len(),
        1
    );
}

#[tokio::test]
async fn list_portfolios_pages_with_opaque_tokens() {
    let app = spawn_app().await;
    let sc = app.catalog("111111111111");
    for i in 0..5 {
        sc.create_portfolio()
            .display_name(format!("P{i}"))
            .provider_name("Q")
            .idempotency_token(format!("t{i}"))
            .send()
            .await
            .unwrap();
    }
    let mut seen = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let page = sc
            .list_portfolios()
            .page_size(2)
            .set_page_token(token.clone())
            .send()
            .await
            .unwrap();
        assert!(page.portfolio_details().len() <= 2);
        seen.extend(
            page.portfolio_details()
                .iter()
                .map(|p| p.display_name().unwrap().to_string()),
        );
        match page.next_page_token() {
            Some(t) => token = Some(t.to_string()),
            None => break,
        }
    }
    assert_eq!(seen, ["P0", "P1", "P2", "P3", "P4"]);
    let err = sc
        .list_portfolios()
        .page_token("bogus")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(err.is_invalid_parameters_exception(), "{err:?}");
}

#[tokio::test]
async fn validation_errors_use_aws_wording() {
    let app = spawn_app().await;
    let sc = app.catalog("111111111111");
    let err = sc
        .describe_portfolio()
        .id("a b")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(err.code(), Some("ValidationException"));
    assert_eq!(
        err.message(),
        Some("1 validation error detected: Value 'a b' at 'id' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9_\\-]*")
    );
    let err = sc
        .create_portfolio_share()
        .portfolio_id("port-abc")
        .account_id("12345")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(
        err.message(),
        Some("1 validation error detected: Value '12345' at 'accountId' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[0-9]{12}$")
    );
    let err = sc
        .list_portfolios()
        .page_size(101)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(
        err.message(),
        Some("1 validation error detected: Value '101' at 'pageSize' failed to satisfy constraint: Member must have value less than or equal to 100")
    );
}

#[tokio::test]
async fn portfolio_quota_is_enforced() {
    let mut config = sclocal_server::Config::for_tests();
    config.portfolio_limit = 2;
    let app = crate::helpers::spawn_with(config).await;
    let sc = app.catalog("111111111111");
    for i in 0..2 {
        sc.create_portfolio()
            .display_name("P")
            .provider_name("Q")
            .idempotency_token(format!("t{i}"))
            .send()
            .await
            .unwrap();
    }
    let err = sc
        .create_portfolio()
        .display_name("P")
        .provider_name("Q")
        .idempotency_token("t9")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(err.is_limit_exceeded_exception(), "{err:?}");
}
