//! Constraints on products in portfolios.

use aws_sdk_servicecatalog::types::Status;

use super::{add, failure, is_catalog_id, portfolio, product, OTHER, OWNER};
use crate::helpers::spawn_app;

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
    let early = create("TEMPLATE", r#"{"Rules":{}}"#, "t0").await;
    assert_eq!(failure(early).0, "ResourceNotFoundException");
    add(&sc, &prod, &port).await;

    let launch = create("LAUNCH", r#"{"LocalRoleName":"Launch"}"#, "t1")
        .await
        .unwrap();
    let detail = launch.constraint_detail().unwrap();
    assert!(is_catalog_id(detail.constraint_id().unwrap(), "cons-"));
    assert_eq!(
        (detail.r#type(), detail.owner()),
        (Some("LAUNCH"), Some(OWNER))
    );
    assert_eq!(launch.status(), Some(&Status::Available));
    let second_launch = create("LAUNCH", r#"{"LocalRoleName":"Other"}"#, "t2").await;
    assert_eq!(failure(second_launch).0, "DuplicateResourceException");
    let empty = create("NOTIFICATION", r#"{"NotificationArns":[]}"#, "t3").await;
    assert_eq!(failure(empty).0, "InvalidParametersException");
    let unknown = create("BUDGET", "{}", "t4").await;
    assert_eq!(failure(unknown).0, "InvalidParametersException");
    let stackset = r#"{"Version":"2.0","Properties":{"AccountList":["111111111111"],"RegionList":["us-east-1"],"AdminRole":"a","ExecutionRole":"e"}}"#;
    // Never STACKSET beside LAUNCH.
    assert_eq!(
        failure(create("STACKSET", stackset, "t5").await).0,
        "InvalidParametersException"
    );
    create("TEMPLATE", r#"{"Rules":{"R":{"Assertions":[]}}}"#, "t6")
        .await
        .unwrap();
    create("TEMPLATE", r#"{"Rules":{"S":{"Assertions":[]}}}"#, "t7")
        .await
        .unwrap();
    let update = r#"{"Version":"2.0","Properties":{"TagUpdateOnProvisionedProduct":"ALLOWED"}}"#;
    create("RESOURCE_UPDATE", update, "t8").await.unwrap();
    let listed = sc
        .list_constraints_for_portfolio()
        .portfolio_id(&port)
        .send();
    assert_eq!(listed.await.unwrap().constraint_details().len(), 4);
}

#[tokio::test]
async fn constraints_hold_products_in_portfolios() {
    let app = spawn_app().await;
    let sc = app.catalog(OWNER);
    let (prod, _) = product(&sc, "Bucket").await;
    let port = portfolio(&sc, "Platform").await;
    add(&sc, &prod, &port).await;
    let launch = sc
        .create_constraint()
        .portfolio_id(&port)
        .product_id(&prod)
        .r#type("LAUNCH")
        .parameters(format!(
            r#"{{"RoleArn":"arn:aws:iam::{OWNER}:role/Launch"}}"#
        ))
        .idempotency_token("c1")
        .send()
        .await
        .unwrap();
    let id = launch.constraint_detail().unwrap().constraint_id().unwrap();

    let updated = sc.update_constraint().id(id).description("new").send();
    let updated = updated.await.unwrap();
    assert_eq!(
        updated.constraint_detail().unwrap().description(),
        Some("new")
    );
    let bad = sc.update_constraint().id(id).parameters("{}").send().await;
    assert_eq!(failure(bad).0, "InvalidParametersException");
    let described = sc.describe_constraint().id(id).send().await.unwrap();
    let role = format!(r#"{{"RoleArn":"arn:aws:iam::{OWNER}:role/Launch"}}"#);
    assert_eq!(described.constraint_parameters(), Some(role.as_str()));
    let theirs = app.catalog(OTHER).describe_constraint().id(id).send().await;
    assert_eq!(failure(theirs).0, "ResourceNotFoundException");

    let remove = || {
        sc.disassociate_product_from_portfolio()
            .product_id(&prod)
            .portfolio_id(&port)
            .send()
    };
    assert_eq!(failure(remove().await).0, "ResourceInUseException");
    let err = failure(sc.delete_portfolio().id(&port).send().await);
    assert_eq!(
        err.1,
        format!("Portfolio {port} still has associated Products")
    );
    sc.delete_constraint().id(id).send().await.unwrap();
    let gone = sc.describe_constraint().id(id).send().await;
    assert_eq!(failure(gone).0, "ResourceNotFoundException");
    remove().await.unwrap();
    sc.delete_portfolio().id(&port).send().await.unwrap();
}
