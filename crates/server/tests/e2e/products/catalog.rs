//! Products, their versions and the portfolios holding them.

use aws_sdk_servicecatalog::types::{
    ProductSource, ProductType, ProductViewFilterBy, ProvisioningArtifactGuidance,
    ProvisioningArtifactProperties, Status, Tag,
};

use super::{add, artifact, failure, is_catalog_id, portfolio, product, OTHER, OWNER, TEMPLATE};
use crate::helpers::spawn_app;

#[tokio::test]
async fn create_product_with_its_first_version() {
    let app = spawn_app().await;
    let sc = app.catalog(OWNER);
    let create = || {
        sc.create_product()
            .name("Bucket")
            .owner("Platform")
            .description("An S3 bucket")
            .product_type(ProductType::CloudFormationTemplate)
            .provisioning_artifact_parameters(artifact("v1"))
            .idempotency_token("p1")
            .tags(Tag::builder().key("team").value("a").build().unwrap())
            .send()
    };
    let created = create().await.unwrap();
    let detail = created.product_view_detail().unwrap();
    let summary = detail.product_view_summary().unwrap();
    let id = summary.product_id().unwrap().to_string();
    assert!(is_catalog_id(&id, "prod-"), "{id}");
    assert!(is_catalog_id(summary.id().unwrap(), "prodview-"));
    assert_eq!(detail.status(), Some(&Status::Available));
    let arn = format!("arn:aws:catalog:us-east-1:{OWNER}:product/{id}");
    assert_eq!(detail.product_arn(), Some(arn.as_str()));
    assert_eq!(summary.r#type(), Some(&ProductType::CloudFormationTemplate));
    assert_eq!(summary.short_description(), Some("An S3 bucket"));
    let pa = created.provisioning_artifact_detail().unwrap();
    assert!(is_catalog_id(pa.id().unwrap(), "pa-"));
    assert_eq!((pa.name(), pa.active()), (Some("v1"), Some(true)));
    assert_eq!(created.tags().len(), 1);

    // The same token returns the first product.
    let again = create().await.unwrap();
    let summary = again.product_view_detail().unwrap().product_view_summary();
    assert_eq!(summary.unwrap().product_id(), Some(id.as_str()));

    // A version must name its template.
    let bad = sc
        .create_product()
        .name("Bad")
        .owner("Platform")
        .product_type(ProductType::CloudFormationTemplate)
        .provisioning_artifact_parameters(ProvisioningArtifactProperties::builder().build())
        .idempotency_token("bad")
        .send()
        .await;
    assert_eq!(failure(bad).0, "InvalidParametersException");
}

#[tokio::test]
async fn update_and_delete_products() {
    let app = spawn_app().await;
    let sc = app.catalog(OWNER);
    let (id, _) = product(&sc, "Bucket").await;
    let updated = sc
        .update_product()
        .id(&id)
        .name("Bucket v2")
        .add_tags(Tag::builder().key("env").value("dev").build().unwrap())
        .send()
        .await
        .unwrap();
    let summary = updated
        .product_view_detail()
        .unwrap()
        .product_view_summary();
    assert_eq!(summary.unwrap().name(), Some("Bucket v2"));
    assert_eq!(updated.tags().len(), 1);

    // Other accounts see nothing of it.
    let theirs = app.catalog(OTHER);
    let err = failure(theirs.describe_product_as_admin().id(&id).send().await);
    assert_eq!(err.0, "ResourceNotFoundException");
    let err = failure(theirs.delete_product().id(&id).send().await);
    assert_eq!(err.0, "ResourceNotFoundException");

    sc.delete_product().id(&id).send().await.unwrap();
    let err = failure(sc.describe_product_as_admin().id(&id).send().await);
    let message = format!("Product not found: {id}");
    assert_eq!(err, ("ResourceNotFoundException".into(), message));
}

#[tokio::test]
async fn provisioning_artifacts_lifecycle() {
    let app = spawn_app().await;
    let sc = app.catalog(OWNER);
    let (id, v1) = product(&sc, "Bucket").await;
    let v2 = sc
        .create_provisioning_artifact()
        .product_id(&id)
        .parameters(artifact("v2"))
        .idempotency_token("pa2")
        .send()
        .await
        .unwrap();
    let v2_id = v2.provisioning_artifact_detail().unwrap().id().unwrap();
    // AWS answers the template URL as `TemplateUrl` (CLI create-provisioning-artifact).
    let info = v2.info().unwrap();
    assert_eq!(info.get("TemplateUrl").map(String::as_str), Some(TEMPLATE));
    assert!(!info.contains_key("LoadTemplateFromURL"));
    let listed = sc.list_provisioning_artifacts().product_id(&id).send();
    assert_eq!(
        listed.await.unwrap().provisioning_artifact_details().len(),
        2
    );

    let deprecated = sc
        .update_provisioning_artifact()
        .product_id(&id)
        .provisioning_artifact_id(&v1)
        .guidance(ProvisioningArtifactGuidance::Deprecated)
        .active(false)
        .send()
        .await
        .unwrap();
    let detail = deprecated.provisioning_artifact_detail().unwrap();
    assert_eq!(detail.active(), Some(false));
    let described = sc
        .describe_provisioning_artifact()
        .product_id(&id)
        .provisioning_artifact_name("v1")
        .send()
        .await
        .unwrap();
    let guidance = described.provisioning_artifact_detail().unwrap().guidance();
    assert_eq!(guidance, Some(&ProvisioningArtifactGuidance::Deprecated));
    let admin = sc.describe_product_as_admin().id(&id).send().await.unwrap();
    assert_eq!(admin.provisioning_artifact_summaries().len(), 2);

    let delete = |pa: &str| {
        sc.delete_provisioning_artifact()
            .product_id(&id)
            .provisioning_artifact_id(pa)
            .send()
    };
    delete(&v1).await.unwrap();
    // Never the last version.
    assert_eq!(failure(delete(v2_id).await).0, "InvalidParametersException");
}

#[tokio::test]
async fn products_in_portfolios_block_deletion() {
    let app = spawn_app().await;
    let sc = app.catalog(OWNER);
    let (prod, _) = product(&sc, "Bucket").await;
    product(&sc, "Queue").await;
    let port = portfolio(&sc, "Platform").await;
    add(&sc, &prod, &port).await;
    // Again: no effect, no error.
    add(&sc, &prod, &port).await;

    let found = sc.search_products_as_admin().portfolio_id(&port).send();
    let found = found.await.unwrap();
    let ids: Vec<_> = found
        .product_view_details()
        .iter()
        .filter_map(|d| d.product_view_summary().and_then(|s| s.product_id()))
        .collect();
    assert_eq!(ids, vec![prod.as_str()]);
    let all = sc.search_products_as_admin().send().await.unwrap();
    assert_eq!(all.product_view_details().len(), 2);
    let queue = sc
        .search_products_as_admin()
        .filters(ProductViewFilterBy::FullTextSearch, vec!["queue".into()])
        .send();
    assert_eq!(queue.await.unwrap().product_view_details().len(), 1);
    // Nothing is imported into this account.
    let imported = sc
        .search_products_as_admin()
        .product_source(ProductSource::Account);
    assert!(imported
        .send()
        .await
        .unwrap()
        .product_view_details()
        .is_empty());
    let through = |source: &str| {
        sc.describe_product_as_admin()
            .id(&prod)
            .source_portfolio_id(source)
            .send()
    };
    through(&port).await.unwrap();
    let empty = portfolio(&sc, "Empty").await;
    assert_eq!(
        failure(through(&empty).await).0,
        "ResourceNotFoundException"
    );
    let holding = sc.list_portfolios_for_product().product_id(&prod).send();
    assert_eq!(
        holding.await.unwrap().portfolio_details()[0].id(),
        Some(port.as_str())
    );

    let err = failure(sc.delete_product().id(&prod).send().await);
    assert_eq!(err.0, "ResourceInUseException");
    let err = failure(sc.delete_portfolio().id(&port).send().await);
    let message = format!("Portfolio {port} still has associated Products");
    assert_eq!(err, ("ResourceInUseException".into(), message));

    let remove = || {
        sc.disassociate_product_from_portfolio()
            .product_id(&prod)
            .portfolio_id(&port)
            .send()
    };
    remove().await.unwrap();
    assert_eq!(failure(remove().await).0, "ResourceNotFoundException");
    sc.delete_product().id(&prod).send().await.unwrap();
    sc.delete_portfolio().id(&port).send().await.unwrap();
}

#[tokio::test]
async fn another_accounts_product_needs_an_imported_source() {
    let app = spawn_app().await;
    let sc = app.catalog(OWNER);
    let (prod, _) = product(&sc, "Bucket").await;
    let port = portfolio(&sc, "Platform").await;
    add(&sc, &prod, &port).await;

    let stranger = app.catalog(OTHER);
    let theirs = portfolio(&stranger, "Theirs").await;
    let without = stranger
        .associate_product_with_portfolio()
        .product_id(&prod)
        .portfolio_id(&theirs)
        .send()
        .await;
    assert_eq!(failure(without).0, "ResourceNotFoundException");
    // Not imported (no share was accepted): AWS's text for an unaccepted share.
    let with_source = stranger
        .associate_product_with_portfolio()
        .product_id(&prod)
        .portfolio_id(&theirs)
        .source_portfolio_id(&port)
        .send()
        .await;
    let message =
        format!("Portfolio {port} must be accepted before you can associate Products from it");
    assert_eq!(
        failure(with_source),
        ("InvalidParametersException".into(), message)
    );
    // Nor may it add its own product to the owner's portfolio.
    let (own, _) = product(&stranger, "Own").await;
    let into_foreign = stranger
        .associate_product_with_portfolio()
        .product_id(&own)
        .portfolio_id(&port)
        .send()
        .await;
    assert_eq!(failure(into_foreign).0, "ResourceNotFoundException");
}
