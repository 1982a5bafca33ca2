//! Products, provisioning artifacts, principals, TagOptions, constraints and the end
//! user's view through the official Rust SDK, as the portfolio owner and as other accounts.
//! Recipient-side rules (what an import carries) are unit-tested in sclocal-core until
//! sharing is emulated.

use aws_sdk_servicecatalog::config::Credentials;
use aws_sdk_servicecatalog::error::ProvideErrorMetadata;
use aws_sdk_servicecatalog::types::{
    PrincipalType, ProductSource, ProductType, ProductViewFilterBy, ProvisioningArtifactGuidance,
    ProvisioningArtifactProperties, Status,
};
use aws_sdk_servicecatalog::Client;

use crate::helpers::{spawn_app, TestApp};

const OWNER: &str = "111111111111";
const OTHER: &str = "222222222222";
const TEMPLATE: &str = "https://s3.amazonaws.com/bucket/template.yaml";

fn is_catalog_id(id: &str, prefix: &str) -> bool {
    id.strip_prefix(prefix).is_some_and(|rest| {
        rest.len() == 13 && rest.bytes().all(|c| matches!(c, b'a'..=b'z' | b'2'..=b'7'))
    })
}

fn artifact(name: &str) -> ProvisioningArtifactProperties {
    ProvisioningArtifactProperties::builder()
        .name(name)
        .description("first")
        .info("LoadTemplateFromURL", TEMPLATE)
        .build()
}

async fn product(sc: &Client, name: &str) -> (String, String) {
    let out = sc
        .create_product()
        .name(name)
        .owner("Platform")
        .product_type(ProductType::CloudFormationTemplate)
        .provisioning_artifact_parameters(artifact("v1"))
        .idempotency_token(format!("tok-{name}"))
        .send()
        .await
        .unwrap();
    let id = out
        .product_view_detail()
        .and_then(|d| d.product_view_summary())
        .and_then(|s| s.product_id())
        .unwrap()
        .to_string();
    let pa = out.provisioning_artifact_detail().unwrap().id().unwrap();
    (id, pa.to_string())
}

async fn portfolio(sc: &Client, name: &str) -> String {
    sc.create_portfolio()
        .display_name(name)
        .provider_name("Platform")
        .idempotency_token(format!("tok-{name}"))
        .send()
        .await
        .unwrap()
        .portfolio_detail()
        .unwrap()
        .id()
        .unwrap()
        .to_string()
}

/// Service Catalog as a session of `role` in `account`, from STS AssumeRole.
async fn session(app: &TestApp, account: &str, role: &str) -> Client {
    let out = app
        .sts(account)
        .assume_role()
        .role_arn(format!("arn:aws:iam::{account}:role/{role}"))
        .role_session_name("s1")
        .send()
        .await
        .unwrap();
    let c = out.credentials().unwrap();
    let creds = Credentials::new(
        c.access_key_id(),
        c.secret_access_key(),
        Some(c.session_token().to_string()),
        None,
        "sts",
    );
    app.catalog_with(creds, "us-east-1")
}

#[tokio::test]
async fn products_and_their_versions() {
    let app = spawn_app().await;
    let sc = app.catalog(OWNER);
    let created = sc
        .create_product()
        .name("Bucket")
        .owner("Platform")
        .description("An S3 bucket")
        .support_email("ops@example.com")
        .product_type(ProductType::CloudFormationTemplate)
        .provisioning_artifact_parameters(artifact("v1"))
        .idempotency_token("p1")
        .tags(
            aws_sdk_servicecatalog::types::Tag::builder()
                .key("team")
                .value("a")
                .build()
                .unwrap(),
        )
        .send()
        .await
        .unwrap();
    let detail = created.product_view_detail().unwrap();
    let summary = detail.product_view_summary().unwrap();
    let id = summary.product_id().unwrap().to_string();
    assert!(is_catalog_id(&id, "prod-"), "{id}");
    assert!(is_catalog_id(summary.id().unwrap(), "prodview-"));
    assert_eq!(detail.status(), Some(&Status::Available));
    assert_eq!(
        detail.product_arn(),
        Some(format!("arn:aws:catalog:us-east-1:{OWNER}:product/{id}").as_str())
    );
    assert_eq!(summary.r#type(), Some(&ProductType::CloudFormationTemplate));
    assert_eq!(summary.short_description(), Some("An S3 bucket"));
    let pa = created.provisioning_artifact_detail().unwrap();
    let pa_id = pa.id().unwrap().to_string();
    assert!(is_catalog_id(&pa_id, "pa-"), "{pa_id}");
    assert_eq!((pa.name(), pa.active()), (Some("v1"), Some(true)));
    assert_eq!(created.tags().len(), 1);

    // The same token returns the first product.
    let again = sc
        .create_product()
        .name("Bucket")
        .owner("Platform")
        .product_type(ProductType::CloudFormationTemplate)
        .provisioning_artifact_parameters(artifact("v1"))
        .idempotency_token("p1")
        .send()
        .await
        .unwrap();
    let again_id = again
        .product_view_detail()
        .unwrap()
        .product_view_summary()
        .unwrap()
        .product_id();
    assert_eq!(again_id, Some(id.as_str()));

    let updated = sc
        .update_product()
        .id(&id)
        .name("Bucket v2")
        .remove_tags("team")
        .send()
        .await
        .unwrap();
    assert_eq!(
        updated
            .product_view_detail()
            .unwrap()
            .product_view_summary()
            .unwrap()
            .name(),
        Some("Bucket v2")
    );
    assert!(updated.tags().is_empty());

    let v2 = sc
        .create_provisioning_artifact()
        .product_id(&id)
        .parameters(artifact("v2"))
        .idempotency_token("pa2")
        .send()
        .await
        .unwrap();
    let v2_id = v2
        .provisioning_artifact_detail()
        .unwrap()
        .id()
        .unwrap()
        .to_string();
    assert_eq!(
        v2.info()
            .unwrap()
            .get("LoadTemplateFromURL")
            .map(String::as_str),
        Some(TEMPLATE)
    );
    let listed = sc
        .list_provisioning_artifacts()
        .product_id(&id)
        .send()
        .await
        .unwrap();
    assert_eq!(listed.provisioning_artifact_details().len(), 2);

    let deprecated = sc
        .update_provisioning_artifact()
        .product_id(&id)
        .provisioning_artifact_id(&pa_id)
        .guidance(ProvisioningArtifactGuidance::Deprecated)
        .active(false)
        .send()
        .await
        .unwrap();
    assert_eq!(
        deprecated.provisioning_artifact_detail().unwrap().active(),
        Some(false)
    );
    let described = sc
        .describe_provisioning_artifact()
        .product_id(&id)
        .provisioning_artifact_name("v1")
        .send()
        .await
        .unwrap();
    assert_eq!(
        described.provisioning_artifact_detail().unwrap().guidance(),
        Some(&ProvisioningArtifactGuidance::Deprecated)
    );
    let admin = sc.describe_product_as_admin().id(&id).send().await.unwrap();
    assert_eq!(admin.provisioning_artifact_summaries().len(), 2);

    sc.delete_provisioning_artifact()
        .product_id(&id)
        .provisioning_artifact_id(&pa_id)
        .send()
        .await
        .unwrap();
    let err = sc
        .delete_provisioning_artifact()
        .product_id(&id)
        .provisioning_artifact_id(&v2_id)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(err.code(), Some("InvalidParametersException"), "{err:?}");

    // A template without a template key is refused.
    let err = sc
        .create_product()
        .name("Bad")
        .owner("Platform")
        .product_type(ProductType::CloudFormationTemplate)
        .provisioning_artifact_parameters(
            ProvisioningArtifactProperties::builder().name("v1").build(),
        )
        .idempotency_token("bad")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(err.code(), Some("InvalidParametersException"));

    // Other accounts see nothing of it.
    let err = app
        .catalog(OTHER)
        .describe_product_as_admin()
        .id(&id)
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        err.into_service_error().code(),
        Some("ResourceNotFoundException")
    );

    sc.delete_product().id(&id).send().await.unwrap();
    let err = sc
        .describe_product_as_admin()
        .id(&id)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(err.code(), Some("ResourceNotFoundException"));
    assert_eq!(
        err.message(),
        Some(format!("Product not found: {id}").as_str())
    );
}

#[tokio::test]
async fn products_in_portfolios_block_deletion() {
    let app = spawn_app().await;
    let sc = app.catalog(OWNER);
    let (prod, _) = product(&sc, "Bucket").await;
    let (other_prod, _) = product(&sc, "Queue").await;
    let port = portfolio(&sc, "Platform").await;
    sc.associate_product_with_portfolio()
        .product_id(&prod)
        .portfolio_id(&port)
        .send()
        .await
        .unwrap();
    // Again: no effect, no error.
    sc.associate_product_with_portfolio()
        .product_id(&prod)
        .portfolio_id(&port)
        .send()
        .await
        .unwrap();

    let in_portfolio = sc
        .search_products_as_admin()
        .portfolio_id(&port)
        .send()
        .await
        .unwrap();
    let ids: Vec<_> = in_portfolio
        .product_view_details()
        .iter()
        .filter_map(|d| d.product_view_summary().and_then(|s| s.product_id()))
        .collect();
    assert_eq!(ids, vec![prod.as_str()]);
    let all = sc.search_products_as_admin().send().await.unwrap();
    assert_eq!(all.product_view_details().len(), 2);
    let found = sc
        .search_products_as_admin()
        .filters(ProductViewFilterBy::FullTextSearch, vec!["queue".into()])
        .send()
        .await
        .unwrap();
    assert_eq!(found.product_view_details().len(), 1);
    // Nothing is imported into this account.
    let imported = sc
        .search_products_as_admin()
        .product_source(ProductSource::Account)
        .send()
        .await
        .unwrap();
    assert!(imported.product_view_details().is_empty());
    let portfolios = sc
        .list_portfolios_for_product()
        .product_id(&prod)
        .send()
        .await
        .unwrap();
    assert_eq!(portfolios.portfolio_details()[0].id(), Some(port.as_str()));

    let err = sc
        .delete_product()
        .id(&prod)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(err.code(), Some("ResourceInUseException"), "{err:?}");
    let err = sc
        .delete_portfolio()
        .id(&port)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(err.code(), Some("ResourceInUseException"));
    assert_eq!(
        err.message(),
        Some(format!("Portfolio {port} still has associated Products").as_str())
    );

    // Another account cannot put the product in its portfolio, with or without a source.
    let stranger = app.catalog(OTHER);
    let theirs = portfolio(&stranger, "Theirs").await;
    let err = stranger
        .associate_product_with_portfolio()
        .product_id(&prod)
        .portfolio_id(&theirs)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(err.code(), Some("ResourceNotFoundException"));
    let err = stranger
        .associate_product_with_portfolio()
        .product_id(&prod)
        .portfolio_id(&theirs)
        .source_portfolio_id(&port)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(err.code(), Some("InvalidParametersException"));
    assert_eq!(
        err.message(),
        Some(
            format!("Portfolio {port} must be accepted before you can associate Products from it")
                .as_str()
        )
    );

    sc.disassociate_product_from_portfolio()
        .product_id(&prod)
        .portfolio_id(&port)
        .send()
        .await
        .unwrap();
    let err = sc
        .disassociate_product_from_portfolio()
        .product_id(&prod)
        .portfolio_id(&port)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(err.code(), Some("ResourceNotFoundException"));
    sc.delete_product().id(&prod).send().await.unwrap();
    sc.delete_portfolio().id(&port).send().await.unwrap();
    sc.delete_product().id(&other_prod).send().await.unwrap();
}

#[tokio::test]
async fn principal_associations_follow_aws_rules() {
    let app = spawn_app().await;
    let sc = app.catalog(OWNER);
    let port = portfolio(&sc, "Platform").await;
    let associate = |arn: &str, kind: PrincipalType| {
        sc.associate_principal_with_portfolio()
            .portfolio_id(&port)
            .principal_arn(arn)
            .principal_type(kind)
            .send()
    };
    associate(
        &format!("arn:aws:iam::{OWNER}:role/Dev"),
        PrincipalType::Iam,
    )
    .await
    .unwrap();
    associate(
        &format!("arn:aws:iam::{OWNER}:role/Dev"),
        PrincipalType::Iam,
    )
    .await
    .unwrap();
    associate("arn:aws:iam:::role/team/*", PrincipalType::IamPattern)
        .await
        .unwrap();

    let err = associate("arn:aws:iam:::*/Name", PrincipalType::IamPattern)
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(err.code(), Some("InvalidParametersException"));
    let err = associate("arn:aws:iam:::role/Dev", PrincipalType::Iam)
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(err.code(), Some("ResourceNotFoundException"));
    assert_eq!(
        err.message(),
        Some(format!("Resource not found, caller account id ({OWNER}) does not match input account id ()").as_str())
    );
    for i in 1..10 {
        associate(
            &format!("arn:aws:iam:::user/u{i}*"),
            PrincipalType::IamPattern,
        )
        .await
        .unwrap();
    }
    let err = associate("arn:aws:iam:::user/eleven*", PrincipalType::IamPattern)
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(err.code(), Some("LimitExceededException"));

    let listed = sc
        .list_principals_for_portfolio()
        .portfolio_id(&port)
        .send()
        .await
        .unwrap();
    assert_eq!(listed.principals().len(), 11);
    assert_eq!(
        listed.principals()[0].principal_type(),
        Some(&PrincipalType::Iam)
    );

    let err = sc
        .disassociate_principal_from_portfolio()
        .portfolio_id(&port)
        .principal_arn(format!("arn:aws:iam::{OWNER}:role/Dev"))
        .principal_type(PrincipalType::IamPattern)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(err.code(), Some("InvalidParametersException"));
    let err = sc
        .delete_portfolio()
        .id(&port)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(
        err.message(),
        Some(format!("Portfolio {port} still has associated Principals").as_str())
    );

    for p in listed.principals() {
        sc.disassociate_principal_from_portfolio()
            .portfolio_id(&port)
            .principal_arn(p.principal_arn().unwrap())
            .send()
            .await
            .unwrap();
    }
    sc.delete_portfolio().id(&port).send().await.unwrap();
}

#[tokio::test]
async fn end_users_see_products_only_through_their_principal() {
    let app = spawn_app().await;
    let sc = app.catalog(OWNER);
    let (prod, pa) = product(&sc, "Bucket").await;
    let port = portfolio(&sc, "Platform").await;
    sc.associate_product_with_portfolio()
        .product_id(&prod)
        .portfolio_id(&port)
        .send()
        .await
        .unwrap();
    sc.create_constraint()
        .portfolio_id(&port)
        .product_id(&prod)
        .r#type("LAUNCH")
        .parameters(format!(
            r#"{{"RoleArn":"arn:aws:iam::{OWNER}:role/Launch"}}"#
        ))
        .description("launch as Launch")
        .idempotency_token("c1")
        .send()
        .await
        .unwrap();

    let dev = session(&app, OWNER, "Developer").await;
    assert!(dev
        .search_products()
        .send()
        .await
        .unwrap()
        .product_view_summaries()
        .is_empty());
    let err = dev
        .list_launch_paths()
        .product_id(&prod)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(err.code(), Some("ResourceNotFoundException"));
    assert_eq!(
        err.message(),
        Some(format!("No launch paths found for resource: {prod}").as_str())
    );
    // The account root is no associated principal either.
    assert!(sc
        .search_products()
        .send()
        .await
        .unwrap()
        .product_view_summaries()
        .is_empty());

    // A pattern lets the session's role in.
    sc.associate_principal_with_portfolio()
        .portfolio_id(&port)
        .principal_arn("arn:aws:iam:::role/Dev*")
        .principal_type(PrincipalType::IamPattern)
        .send()
        .await
        .unwrap();
    let found = dev.search_products().send().await.unwrap();
    let summary = &found.product_view_summaries()[0];
    assert_eq!(summary.product_id(), Some(prod.as_str()));
    let paths = dev
        .list_launch_paths()
        .product_id(&prod)
        .send()
        .await
        .unwrap();
    let path = &paths.launch_path_summaries()[0];
    assert_eq!(
        (path.id(), path.name()),
        (Some(port.as_str()), Some("Platform"))
    );
    assert_eq!(path.constraint_summaries()[0].r#type(), Some("LAUNCH"));
    let view = dev
        .describe_product_view()
        .id(summary.id().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(view.provisioning_artifacts()[0].id(), Some(pa.as_str()));
    let described = dev.describe_product().id(&prod).send().await.unwrap();
    assert_eq!(described.launch_paths()[0].id(), Some(port.as_str()));

    // Another role is not matched by the pattern, but by its own ARN.
    let ops = session(&app, OWNER, "Ops").await;
    assert!(ops
        .search_products()
        .send()
        .await
        .unwrap()
        .product_view_summaries()
        .is_empty());
    sc.associate_principal_with_portfolio()
        .portfolio_id(&port)
        .principal_arn(format!("arn:aws:iam::{OWNER}:role/Ops"))
        .principal_type(PrincipalType::Iam)
        .send()
        .await
        .unwrap();
    assert_eq!(
        ops.search_products()
            .send()
            .await
            .unwrap()
            .product_view_summaries()
            .len(),
        1
    );
}

#[tokio::test]
async fn tag_options_on_portfolios() {
    let app = spawn_app().await;
    let sc = app.catalog(OWNER);
    let port = portfolio(&sc, "Platform").await;
    let created = sc
        .create_tag_option()
        .key("cost-center")
        .value("cc-1")
        .send()
        .await
        .unwrap();
    let tag = created.tag_option_detail().unwrap();
    let tag_id = tag.id().unwrap().to_string();
    assert!(is_catalog_id(&tag_id, "tag-"), "{tag_id}");
    assert_eq!((tag.active(), tag.owner()), (Some(true), Some(OWNER)));
    let err = sc
        .create_tag_option()
        .key("cost-center")
        .value("cc-1")
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        err.into_service_error().code(),
        Some("DuplicateResourceException")
    );
    sc.create_tag_option()
        .key("cost-center")
        .value("cc-2")
        .send()
        .await
        .unwrap();
    let listed = sc
        .list_tag_options()
        .filters(
            aws_sdk_servicecatalog::types::ListTagOptionsFilters::builder()
                .value("cc-2")
                .build(),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(listed.tag_option_details().len(), 1);

    sc.associate_tag_option_with_resource()
        .resource_id(&port)
        .tag_option_id(&tag_id)
        .send()
        .await
        .unwrap();
    let err = sc
        .associate_tag_option_with_resource()
        .resource_id(&port)
        .tag_option_id(&tag_id)
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        err.into_service_error().code(),
        Some("DuplicateResourceException")
    );
    let described = sc.describe_portfolio().id(&port).send().await.unwrap();
    assert_eq!(described.tag_options()[0].id(), Some(tag_id.as_str()));
    let resources = sc
        .list_resources_for_tag_option()
        .tag_option_id(&tag_id)
        .send()
        .await
        .unwrap();
    assert_eq!(resources.resource_details()[0].name(), Some("Platform"));

    let err = sc.delete_tag_option().id(&tag_id).send().await.unwrap_err();
    assert_eq!(
        err.into_service_error().code(),
        Some("ResourceInUseException")
    );
    let updated = sc
        .update_tag_option()
        .id(&tag_id)
        .active(false)
        .send()
        .await
        .unwrap();
    assert_eq!(updated.tag_option_detail().unwrap().active(), Some(false));
    sc.disassociate_tag_option_from_resource()
        .resource_id(&port)
        .tag_option_id(&tag_id)
        .send()
        .await
        .unwrap();
    assert!(sc
        .describe_portfolio()
        .id(&port)
        .send()
        .await
        .unwrap()
        .tag_options()
        .is_empty());
    sc.delete_tag_option().id(&tag_id).send().await.unwrap();
    let err = sc
        .describe_tag_option()
        .id(&tag_id)
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        err.into_service_error().code(),
        Some("ResourceNotFoundException")
    );
}

#[tokio::test]
async fn constraints_are_checked_per_type() {
    let app = spawn_app().await;
    let sc = app.catalog(OWNER);
    let (prod, _) = product(&sc, "Bucket").await;
    let port = portfolio(&sc, "Platform").await;
    let create = |kind: &str, params: &str, token: &str| {
        sc.create_constraint()
            .portfolio_id(&port)
            .product_id(&prod)
            .r#type(kind)
            .parameters(params)
            .idempotency_token(token)
            .send()
    };
    // The product must be in the portfolio first.
    let err = create("TEMPLATE", r#"{"Rules":{}}"#, "t0")
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(err.code(), Some("ResourceNotFoundException"));
    sc.associate_product_with_portfolio()
        .product_id(&prod)
        .portfolio_id(&port)
        .send()
        .await
        .unwrap();

    let launch = create("LAUNCH", r#"{"LocalRoleName":"Launch"}"#, "t1")
        .await
        .unwrap();
    let detail = launch.constraint_detail().unwrap();
    let id = detail.constraint_id().unwrap().to_string();
    assert!(is_catalog_id(&id, "cons-"), "{id}");
    assert_eq!(
        (detail.r#type(), detail.owner()),
        (Some("LAUNCH"), Some(OWNER))
    );
    assert_eq!(launch.status(), Some(&Status::Available));
    let err = create("LAUNCH", r#"{"LocalRoleName":"Other"}"#, "t2")
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(err.code(), Some("DuplicateResourceException"));
    let err = create("NOTIFICATION", r#"{"NotificationArns":[]}"#, "t3")
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(err.code(), Some("InvalidParametersException"));
    create("TEMPLATE", r#"{"Rules":{"R":{"Assertions":[]}}}"#, "t4")
        .await
        .unwrap();
    create(
        "RESOURCE_UPDATE",
        r#"{"Version":"2.0","Properties":{"TagUpdateOnProvisionedProduct":"ALLOWED"}}"#,
        "t5",
    )
    .await
    .unwrap();

    let listed = sc
        .list_constraints_for_portfolio()
        .portfolio_id(&port)
        .send()
        .await
        .unwrap();
    assert_eq!(listed.constraint_details().len(), 3);
    let updated = sc
        .update_constraint()
        .id(&id)
        .description("new")
        .send()
        .await
        .unwrap();
    assert_eq!(
        updated.constraint_detail().unwrap().description(),
        Some("new")
    );
    let described = sc.describe_constraint().id(&id).send().await.unwrap();
    assert_eq!(
        described.constraint_parameters(),
        Some(r#"{"LocalRoleName":"Launch"}"#)
    );
    let err = app
        .catalog(OTHER)
        .describe_constraint()
        .id(&id)
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        err.into_service_error().code(),
        Some("ResourceNotFoundException")
    );

    // Constraints hold the product in the portfolio.
    let err = sc
        .disassociate_product_from_portfolio()
        .product_id(&prod)
        .portfolio_id(&port)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(err.code(), Some("ResourceInUseException"));
    for c in listed.constraint_details() {
        sc.delete_constraint()
            .id(c.constraint_id().unwrap())
            .send()
            .await
            .unwrap();
    }
    sc.disassociate_product_from_portfolio()
        .product_id(&prod)
        .portfolio_id(&port)
        .send()
        .await
        .unwrap();
}
