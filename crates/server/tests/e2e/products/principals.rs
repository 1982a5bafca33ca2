//! Principal associations and the end user's view of the catalog.

use aws_sdk_servicecatalog::types::PrincipalType;
use aws_sdk_servicecatalog::Client;

use super::{add, failure, portfolio, product, session, OWNER};
use crate::helpers::spawn_app;

async fn associate(
    sc: &Client,
    port: &str,
    arn: &str,
    kind: PrincipalType,
) -> Result<(), (String, String)> {
    let r = sc
        .associate_principal_with_portfolio()
        .portfolio_id(port)
        .principal_arn(arn)
        .principal_type(kind)
        .send()
        .await;
    match r {
        Ok(_) => Ok(()),
        Err(e) => Err(failure::<(), _>(Err(e))),
    }
}

#[tokio::test]
async fn principal_arns_follow_aws_rules() {
    let app = spawn_app().await;
    let sc = app.catalog(OWNER);
    let port = portfolio(&sc, "Platform").await;
    let role = format!("arn:aws:iam::{OWNER}:role/Dev");
    associate(&sc, &port, &role, PrincipalType::Iam)
        .await
        .unwrap();
    // The identical association again changes nothing.
    associate(&sc, &port, &role, PrincipalType::Iam)
        .await
        .unwrap();
    let pattern = "arn:aws:iam:::role/team/*";
    associate(&sc, &port, pattern, PrincipalType::IamPattern)
        .await
        .unwrap();

    let wildcard_type = associate(
        &sc,
        &port,
        "arn:aws:iam:::*/Name",
        PrincipalType::IamPattern,
    );
    assert_eq!(
        wildcard_type.await.unwrap_err().0,
        "InvalidParametersException"
    );
    let no_account = associate(&sc, &port, "arn:aws:iam:::role/Dev", PrincipalType::Iam).await;
    let message = format!(
        "Resource not found, caller account id ({OWNER}) does not match input account id ()"
    );
    assert_eq!(
        no_account,
        Err(("ResourceNotFoundException".into(), message))
    );

    let listed = sc
        .list_principals_for_portfolio()
        .portfolio_id(&port)
        .send();
    let listed = listed.await.unwrap();
    let principals: Vec<_> = listed
        .principals()
        .iter()
        .map(|p| {
            (
                p.principal_arn().unwrap(),
                p.principal_type().unwrap().clone(),
            )
        })
        .collect();
    let expected = vec![
        (role.as_str(), PrincipalType::Iam),
        (pattern, PrincipalType::IamPattern),
    ];
    assert_eq!(principals, expected);

    let err = failure(sc.delete_portfolio().id(&port).send().await);
    let message = format!("Portfolio {port} still has associated Principals");
    assert_eq!(err, ("ResourceInUseException".into(), message));
    let disassociate = |arn: &str, kind: Option<PrincipalType>| {
        sc.disassociate_principal_from_portfolio()
            .portfolio_id(&port)
            .principal_arn(arn)
            .set_principal_type(kind)
            .send()
    };
    // PrincipalType must match the association's.
    let wrong = disassociate(&role, Some(PrincipalType::IamPattern)).await;
    assert_eq!(failure(wrong).0, "InvalidParametersException");
    disassociate(&role, Some(PrincipalType::Iam)).await.unwrap();
    disassociate(pattern, None).await.unwrap();
    assert_eq!(
        failure(disassociate(pattern, None).await).0,
        "ResourceNotFoundException"
    );
    sc.delete_portfolio().id(&port).send().await.unwrap();
}

#[tokio::test]
async fn at_most_ten_patterns_per_portfolio() {
    let app = spawn_app().await;
    let sc = app.catalog(OWNER);
    let port = portfolio(&sc, "Platform").await;
    for i in 0..10 {
        let arn = format!("arn:aws:iam:::user/u{i}*");
        associate(&sc, &port, &arn, PrincipalType::IamPattern)
            .await
            .unwrap();
    }
    let eleventh = associate(
        &sc,
        &port,
        "arn:aws:iam:::user/x*",
        PrincipalType::IamPattern,
    );
    assert_eq!(eleventh.await.unwrap_err().0, "LimitExceededException");
    // IAM associations do not count against it.
    let role = format!("arn:aws:iam::{OWNER}:role/Dev");
    associate(&sc, &port, &role, PrincipalType::Iam)
        .await
        .unwrap();
    // ListPrincipalsForPortfolio pages (at most 20 a page; 5 asked).
    let first = sc
        .list_principals_for_portfolio()
        .portfolio_id(&port)
        .page_size(5);
    let first = first.send().await.unwrap();
    assert_eq!(first.principals().len(), 5);
    let rest = sc
        .list_principals_for_portfolio()
        .portfolio_id(&port)
        .page_token(first.next_page_token().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(rest.principals().len(), 6);
    assert!(rest.next_page_token().is_none());
}

#[tokio::test]
async fn end_users_see_products_only_through_their_principal() {
    let app = spawn_app().await;
    let sc = app.catalog(OWNER);
    let (prod, pa) = product(&sc, "Bucket").await;
    let port = portfolio(&sc, "Platform").await;
    add(&sc, &prod, &port).await;
    sc.create_constraint()
        .portfolio_id(&port)
        .product_id(&prod)
        .r#type("LAUNCH")
        .parameters(r#"{"LocalRoleName":"Launch"}"#)
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
    let err = failure(dev.list_launch_paths().product_id(&prod).send().await);
    let message = format!("No launch paths found for resource: {prod}");
    assert_eq!(err, ("ResourceNotFoundException".into(), message));
    // The account root is no associated principal either.
    assert!(sc
        .search_products()
        .send()
        .await
        .unwrap()
        .product_view_summaries()
        .is_empty());

    // A pattern lets the session's role in.
    associate(
        &sc,
        &port,
        "arn:aws:iam:::role/Dev*",
        PrincipalType::IamPattern,
    )
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
    // Launch paths have ids of their own (`lpv3-…`), not the portfolio's.
    assert!(path.id().unwrap().starts_with("lpv3-"), "{path:?}");
    assert_eq!(path.name(), Some("Platform"));
    assert_eq!(path.constraint_summaries()[0].r#type(), Some("LAUNCH"));
    let view = dev.describe_product_view().id(summary.id().unwrap()).send();
    assert_eq!(
        view.await.unwrap().provisioning_artifacts()[0].id(),
        Some(pa.as_str())
    );
    // DescribeProduct names the same path as ListLaunchPaths.
    let described = dev.describe_product().id(&prod).send().await.unwrap();
    assert_eq!(described.launch_paths()[0].id(), path.id());
}

#[tokio::test]
async fn a_role_outside_the_pattern_needs_its_own_association() {
    let app = spawn_app().await;
    let sc = app.catalog(OWNER);
    let (prod, _) = product(&sc, "Bucket").await;
    let port = portfolio(&sc, "Platform").await;
    add(&sc, &prod, &port).await;
    associate(
        &sc,
        &port,
        "arn:aws:iam:::role/Dev*",
        PrincipalType::IamPattern,
    )
    .await
    .unwrap();

    let ops = session(&app, OWNER, "Ops").await;
    assert!(ops
        .search_products()
        .send()
        .await
        .unwrap()
        .product_view_summaries()
        .is_empty());
    let err = failure(ops.describe_product().id(&prod).send().await);
    assert_eq!(err.0, "ResourceNotFoundException");
    let role = format!("arn:aws:iam::{OWNER}:role/Ops");
    associate(&sc, &port, &role, PrincipalType::Iam)
        .await
        .unwrap();
    let found = ops.search_products().send().await.unwrap();
    assert_eq!(found.product_view_summaries().len(), 1);
}

#[tokio::test]
async fn a_user_from_the_strict_credentials_file_is_matched_by_its_arn() {
    use aws_sdk_servicecatalog::config::Credentials;

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("credentials.yaml");
    let yaml = format!(
        "credentials:\n  - access_key_id: AKIAADMIN\n    secret_access_key: s1\n    account_id: \"{OWNER}\"\n  - access_key_id: AKIAALICE\n    secret_access_key: s2\n    account_id: \"{OWNER}\"\n    principal_arn: arn:aws:iam::{OWNER}:user/eng/alice\n"
    );
    std::fs::write(&file, yaml).unwrap();
    let config = sclocal_server::Config {
        auth: sclocal_protocol::sigv4::AuthMode::Strict,
        credentials: Some(file),
        ..sclocal_server::Config::for_tests()
    };
    let app = crate::helpers::spawn_with(config).await;
    let creds = |key: &str, secret: &str| Credentials::new(key, secret, None, None, "file");
    let admin = app.catalog_with(creds("AKIAADMIN", "s1"), "us-east-1");
    let alice = app.catalog_with(creds("AKIAALICE", "s2"), "us-east-1");
    let (prod, _) = product(&admin, "Bucket").await;
    let port = portfolio(&admin, "Platform").await;
    add(&admin, &prod, &port).await;
    assert!(alice
        .search_products()
        .send()
        .await
        .unwrap()
        .product_view_summaries()
        .is_empty());

    let user = format!("arn:aws:iam::{OWNER}:user/eng/alice");
    associate(&admin, &port, &user, PrincipalType::Iam)
        .await
        .unwrap();
    let found = alice.search_products().send().await.unwrap();
    assert_eq!(
        found.product_view_summaries()[0].product_id(),
        Some(prod.as_str())
    );
    let paths = alice
        .list_launch_paths()
        .product_id(&prod)
        .send()
        .await
        .unwrap();
    let path = paths.launch_path_summaries()[0].id().unwrap();
    assert!(path.starts_with("lpv3-") && path != port, "{path}");
}
