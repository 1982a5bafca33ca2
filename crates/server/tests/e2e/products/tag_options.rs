//! TagOptions and their associations.

use aws_sdk_servicecatalog::types::ListTagOptionsFilters;

use super::{failure, is_catalog_id, portfolio, product, OWNER};
use crate::helpers::spawn_app;

#[tokio::test]
async fn tag_options_are_unique_per_key_and_value() {
    let app = spawn_app().await;
    let sc = app.catalog(OWNER);
    let created = sc
        .create_tag_option()
        .key("cost-center")
        .value("cc-1")
        .send();
    let created = created.await.unwrap();
    let tag = created.tag_option_detail().unwrap();
    assert!(is_catalog_id(tag.id().unwrap(), "tag-"), "{tag:?}");
    assert_eq!((tag.active(), tag.owner()), (Some(true), Some(OWNER)));
    let again = sc
        .create_tag_option()
        .key("cost-center")
        .value("cc-1")
        .send();
    assert_eq!(failure(again.await).0, "DuplicateResourceException");
    let second = sc
        .create_tag_option()
        .key("cost-center")
        .value("cc-2")
        .send();
    let second = second.await.unwrap();
    let second_id = second.tag_option_detail().unwrap().id().unwrap();

    let filter = ListTagOptionsFilters::builder().value("cc-2").build();
    let listed = sc.list_tag_options().filters(filter).send().await.unwrap();
    assert_eq!(listed.tag_option_details()[0].id(), Some(second_id));
    // Renaming onto an existing key and value is refused.
    let clash = sc
        .update_tag_option()
        .id(second_id)
        .value("cc-1")
        .send()
        .await;
    assert_eq!(failure(clash).0, "DuplicateResourceException");
    let inactive = sc.update_tag_option().id(second_id).active(false).send();
    let inactive = inactive.await.unwrap();
    assert_eq!(inactive.tag_option_detail().unwrap().active(), Some(false));
    // Other accounts do not see it.
    let theirs = app
        .catalog("222222222222")
        .describe_tag_option()
        .id(second_id)
        .send();
    assert_eq!(failure(theirs.await).0, "ResourceNotFoundException");
}

#[tokio::test]
async fn tag_options_on_portfolios_and_products() {
    let app = spawn_app().await;
    let sc = app.catalog(OWNER);
    let port = portfolio(&sc, "Platform").await;
    let (prod, _) = product(&sc, "Bucket").await;
    let tag = sc
        .create_tag_option()
        .key("env")
        .value("dev")
        .send()
        .await
        .unwrap();
    let tag_id = tag.tag_option_detail().unwrap().id().unwrap().to_string();
    let attach = |resource: &str| {
        sc.associate_tag_option_with_resource()
            .resource_id(resource)
            .tag_option_id(&tag_id)
            .send()
    };
    attach(&port).await.unwrap();
    attach(&prod).await.unwrap();
    assert_eq!(failure(attach(&port).await).0, "DuplicateResourceException");

    let described = sc.describe_portfolio().id(&port).send().await.unwrap();
    assert_eq!(described.tag_options()[0].id(), Some(tag_id.as_str()));
    let admin = sc
        .describe_product_as_admin()
        .id(&prod)
        .send()
        .await
        .unwrap();
    assert_eq!(admin.tag_options()[0].key(), Some("env"));
    let resources = sc.list_resources_for_tag_option().tag_option_id(&tag_id);
    let resources = resources.resource_type("Portfolio").send().await.unwrap();
    let details = resources.resource_details();
    assert_eq!((details.len(), details[0].name()), (1, Some("Platform")));

    let in_use = sc.delete_tag_option().id(&tag_id).send().await;
    assert_eq!(failure(in_use).0, "ResourceInUseException");
    for resource in [&port, &prod] {
        sc.disassociate_tag_option_from_resource()
            .resource_id(resource)
            .tag_option_id(&tag_id)
            .send()
            .await
            .unwrap();
    }
    assert!(sc
        .describe_portfolio()
        .id(&port)
        .send()
        .await
        .unwrap()
        .tag_options()
        .is_empty());
    sc.delete_tag_option().id(&tag_id).send().await.unwrap();
    let gone = sc.describe_tag_option().id(&tag_id).send().await;
    assert_eq!(failure(gone).0, "ResourceNotFoundException");
}
