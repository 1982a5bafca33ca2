//! Store conformance: products, provisioning artifacts, links, principals, TagOptions and
//! constraints (run on every engine by `each_engine`).

use sclocal_core::ids::AccountId;
use sclocal_core::store::{
    ArtifactRecord, ConstraintRecord, Inserted, PortfolioUsage, PrincipalRecord, ProductLink,
    ProductRecord, Removal, TagOptionRecord,
};

use super::{each_engine, portfolio, scope};

fn acct(a: &str) -> AccountId {
    AccountId::parse(a).unwrap()
}

fn product(id: &str, account: &str, token: &str) -> ProductRecord {
    ProductRecord {
        id: id.into(),
        view_id: format!("prodview-{id}"),
        account: acct(account),
        region: "us-east-1".into(),
        arn: format!("arn:aws:catalog:us-east-1:{account}:product/{id}"),
        name: "N".into(),
        owner: "O".into(),
        description: Some("D".into()),
        distributor: None,
        support_description: None,
        support_email: None,
        support_url: None,
        product_type: "CLOUD_FORMATION_TEMPLATE".into(),
        tags: vec![("k".into(), "v".into())],
        created_ms: 1,
        idempotency_token: Some(token.into()),
    }
}

fn artifact(id: &str, product_id: &str, token: &str) -> ArtifactRecord {
    ArtifactRecord {
        id: id.into(),
        product_id: product_id.into(),
        name: Some("v1".into()),
        description: None,
        artifact_type: "CLOUD_FORMATION_TEMPLATE".into(),
        info: [("LoadTemplateFromURL".to_string(), "https://x".to_string())].into(),
        active: true,
        guidance: "DEFAULT".into(),
        created_ms: 1,
        idempotency_token: Some(token.into()),
    }
}

fn link(portfolio_id: &str, product_id: &str, source: Option<&str>) -> ProductLink {
    ProductLink {
        portfolio_id: portfolio_id.into(),
        product_id: product_id.into(),
        source_portfolio_id: source.map(str::to_string),
    }
}

fn principal(portfolio_id: &str, account: &str, arn: &str, kind: &str) -> PrincipalRecord {
    PrincipalRecord {
        portfolio_id: portfolio_id.into(),
        account: acct(account),
        arn: arn.into(),
        principal_type: kind.into(),
    }
}

#[tokio::test]
async fn products_and_artifacts_round_trip() {
    each_engine(|store| async move {
        let p = product("prod-a", "111111111111", "t");
        let a = artifact("pa-1", "prod-a", "t");
        assert_eq!(
            store.insert_product(&p, Some(&a)).await.unwrap(),
            Inserted::New(p.clone())
        );
        let again = product("prod-b", "111111111111", "t");
        assert_eq!(
            store.insert_product(&again, None).await.unwrap(),
            Inserted::Existing(p.clone())
        );
        assert_eq!(
            store.product("us-east-1", "prod-a").await.unwrap(),
            Some(p.clone())
        );
        assert_eq!(store.product("eu-west-1", "prod-a").await.unwrap(), None);
        let mut changed = p.clone();
        changed.name = "N2".into();
        store.update_product(&changed).await.unwrap();
        assert_eq!(
            store
                .account_products(&acct("111111111111"), "us-east-1")
                .await
                .unwrap(),
            vec![changed]
        );
        let b = artifact("pa-2", "prod-a", "t2");
        assert_eq!(
            store.insert_artifact(&b).await.unwrap(),
            Inserted::New(b.clone())
        );
        assert_eq!(
            store
                .insert_artifact(&artifact("pa-3", "prod-a", "t2"))
                .await
                .unwrap(),
            Inserted::Existing(b.clone())
        );
        assert_eq!(
            store.artifacts("prod-a").await.unwrap(),
            vec![a.clone(), b.clone()]
        );
        assert_eq!(
            store.delete_artifact("prod-a", "pa-9").await.unwrap(),
            Removal::Missing
        );
        assert_eq!(
            store.delete_artifact("prod-a", "pa-1").await.unwrap(),
            Removal::Removed
        );
        assert_eq!(
            store.delete_artifact("prod-a", "pa-2").await.unwrap(),
            Removal::InUse
        );
        assert_eq!(
            store.delete_product("us-east-1", "prod-a").await.unwrap(),
            Removal::Removed
        );
        assert!(store.artifacts("prod-a").await.unwrap().is_empty());
        assert_eq!(
            store.delete_product("us-east-1", "prod-a").await.unwrap(),
            Removal::Missing
        );
    })
    .await;
}

#[tokio::test]
async fn links_hold_products_and_portfolios() {
    each_engine(|store| async move {
        let owner = scope("111111111111", "us-east-1");
        let recipient = scope("222222222222", "us-east-1");
        store
            .insert_portfolio(&portfolio("port-own", &owner, "a"), 100)
            .await
            .unwrap();
        store
            .insert_portfolio(&portfolio("port-local", &recipient, "b"), 100)
            .await
            .unwrap();
        store
            .insert_product(&product("prod-a", "111111111111", "t"), None)
            .await
            .unwrap();
        assert!(store
            .link_product(&link("port-own", "prod-a", None))
            .await
            .unwrap());
        assert!(!store
            .link_product(&link("port-own", "prod-a", None))
            .await
            .unwrap());
        let imported = link("port-local", "prod-a", Some("port-own"));
        assert!(store.link_product(&imported).await.unwrap());
        assert_eq!(
            store.portfolio_links("port-local").await.unwrap(),
            vec![imported]
        );
        assert_eq!(store.product_links("prod-a").await.unwrap().len(), 2);
        // The owner's portfolio holds the product back.
        assert_eq!(
            store.delete_product("us-east-1", "prod-a").await.unwrap(),
            Removal::InUse
        );
        assert_eq!(
            store
                .portfolio_usage("port-own", &owner.account)
                .await
                .unwrap(),
            PortfolioUsage {
                products: 1,
                principals: 0,
                constraints: 0
            }
        );
        let local_constraint = ConstraintRecord {
            id: "cons-local".into(),
            account: acct("222222222222"),
            region: "us-east-1".into(),
            portfolio_id: "port-local".into(),
            product_id: "prod-a".into(),
            constraint_type: "TEMPLATE".into(),
            description: None,
            parameters: "{}".into(),
            idempotency_token: None,
        };
        store.insert_constraint(&local_constraint).await.unwrap();
        // Taking it out of the source takes it out of the recipient's portfolio too, with
        // the recipient's constraints on it there.
        assert_eq!(
            store.unlink_product("port-own", "prod-a").await.unwrap(),
            Removal::Removed
        );
        assert!(store.product_links("prod-a").await.unwrap().is_empty());
        assert!(store
            .portfolio_constraints("port-local")
            .await
            .unwrap()
            .is_empty());
        assert_eq!(
            store.unlink_product("port-own", "prod-a").await.unwrap(),
            Removal::Missing
        );
    })
    .await;
}

#[tokio::test]
async fn principals_belong_to_the_account_that_associated_them() {
    each_engine(|store| async move {
        let owner = scope("111111111111", "us-east-1");
        store
            .insert_portfolio(&portfolio("port-own", &owner, "a"), 100)
            .await
            .unwrap();
        let mine = principal(
            "port-own",
            "111111111111",
            "arn:aws:iam:::role/A*",
            "IAM_PATTERN",
        );
        assert_eq!(
            store.associate_principal(&mine, 2).await.unwrap(),
            Inserted::New(mine.clone())
        );
        assert_eq!(
            store.associate_principal(&mine, 2).await.unwrap(),
            Inserted::Existing(mine.clone())
        );
        let second = principal(
            "port-own",
            "111111111111",
            "arn:aws:iam:::role/B*",
            "IAM_PATTERN",
        );
        store.associate_principal(&second, 2).await.unwrap();
        let third = principal(
            "port-own",
            "111111111111",
            "arn:aws:iam:::role/C*",
            "IAM_PATTERN",
        );
        assert_eq!(
            store.associate_principal(&third, 2).await.unwrap(),
            Inserted::LimitReached
        );
        // The limit counts per associating account.
        let theirs = principal(
            "port-own",
            "222222222222",
            "arn:aws:iam:::role/C*",
            "IAM_PATTERN",
        );
        assert_eq!(
            store.associate_principal(&theirs, 2).await.unwrap(),
            Inserted::New(theirs.clone())
        );
        assert_eq!(store.principals("port-own").await.unwrap().len(), 3);
        assert_eq!(
            store
                .portfolio_usage("port-own", &owner.account)
                .await
                .unwrap()
                .principals,
            2
        );
        assert!(store
            .disassociate_principal("port-own", &acct("222222222222"), &theirs.arn)
            .await
            .unwrap());
        assert!(!store
            .disassociate_principal("port-own", &acct("222222222222"), &theirs.arn)
            .await
            .unwrap());
        // Deleting the portfolio drops its associations.
        store
            .delete_portfolio("us-east-1", "port-own")
            .await
            .unwrap();
        assert!(store.principals("port-own").await.unwrap().is_empty());
    })
    .await;
}

#[tokio::test]
async fn tag_options_and_their_links() {
    each_engine(|store| async move {
        let owner = scope("111111111111", "us-east-1");
        store
            .insert_portfolio(&portfolio("port-own", &owner, "a"), 100)
            .await
            .unwrap();
        let t = TagOptionRecord {
            id: "tag-a".into(),
            account: acct("111111111111"),
            region: "us-east-1".into(),
            key: "k".into(),
            value: "v".into(),
            active: true,
            created_ms: 1,
        };
        assert_eq!(
            store.insert_tag_option(&t).await.unwrap(),
            Inserted::New(t.clone())
        );
        let same = TagOptionRecord {
            id: "tag-b".into(),
            ..t.clone()
        };
        assert_eq!(
            store.insert_tag_option(&same).await.unwrap(),
            Inserted::Existing(t.clone())
        );
        let other = TagOptionRecord {
            id: "tag-c".into(),
            value: "w".into(),
            ..t.clone()
        };
        store.insert_tag_option(&other).await.unwrap();
        // Updating to another option's key and value is refused.
        assert!(!store
            .update_tag_option(&TagOptionRecord {
                value: "v".into(),
                ..other.clone()
            })
            .await
            .unwrap());
        assert!(store
            .update_tag_option(&TagOptionRecord {
                active: false,
                ..other.clone()
            })
            .await
            .unwrap());
        assert!(
            !store
                .tag_option("us-east-1", "tag-c")
                .await
                .unwrap()
                .unwrap()
                .active
        );
        assert_eq!(
            store
                .account_tag_options(&acct("111111111111"), "us-east-1")
                .await
                .unwrap()
                .len(),
            2
        );
        assert!(store.link_tag_option("tag-a", "port-own").await.unwrap());
        assert!(!store.link_tag_option("tag-a", "port-own").await.unwrap());
        assert_eq!(
            store.resource_tag_options("port-own").await.unwrap(),
            vec![t.clone()]
        );
        assert_eq!(
            store.tag_option_resources("tag-a").await.unwrap(),
            vec!["port-own".to_string()]
        );
        assert_eq!(
            store.delete_tag_option("us-east-1", "tag-a").await.unwrap(),
            Removal::InUse
        );
        // Deleting the portfolio drops the link.
        store
            .delete_portfolio("us-east-1", "port-own")
            .await
            .unwrap();
        assert!(store
            .tag_option_resources("tag-a")
            .await
            .unwrap()
            .is_empty());
        assert_eq!(
            store.delete_tag_option("us-east-1", "tag-a").await.unwrap(),
            Removal::Removed
        );
        assert_eq!(
            store.delete_tag_option("us-east-1", "tag-a").await.unwrap(),
            Removal::Missing
        );
    })
    .await;
}

#[tokio::test]
async fn constraints_round_trip_and_hold_their_product() {
    each_engine(|store| async move {
        let owner = scope("111111111111", "us-east-1");
        store
            .insert_portfolio(&portfolio("port-own", &owner, "a"), 100)
            .await
            .unwrap();
        store
            .insert_product(&product("prod-a", "111111111111", "t"), None)
            .await
            .unwrap();
        store
            .link_product(&link("port-own", "prod-a", None))
            .await
            .unwrap();
        let c = ConstraintRecord {
            id: "cons-a".into(),
            account: acct("111111111111"),
            region: "us-east-1".into(),
            portfolio_id: "port-own".into(),
            product_id: "prod-a".into(),
            constraint_type: "LAUNCH".into(),
            description: None,
            parameters: r#"{"LocalRoleName":"L"}"#.into(),
            idempotency_token: Some("c".into()),
        };
        assert_eq!(
            store.insert_constraint(&c).await.unwrap(),
            Inserted::New(c.clone())
        );
        let again = ConstraintRecord {
            id: "cons-b".into(),
            ..c.clone()
        };
        assert_eq!(
            store.insert_constraint(&again).await.unwrap(),
            Inserted::Existing(c.clone())
        );
        let changed = ConstraintRecord {
            description: Some("d".into()),
            ..c.clone()
        };
        store.update_constraint(&changed).await.unwrap();
        assert_eq!(
            store.constraint("us-east-1", "cons-a").await.unwrap(),
            Some(changed.clone())
        );
        assert_eq!(
            store.portfolio_constraints("port-own").await.unwrap(),
            vec![changed]
        );
        assert_eq!(
            store.unlink_product("port-own", "prod-a").await.unwrap(),
            Removal::InUse
        );
        assert_eq!(
            store
                .portfolio_usage("port-own", &owner.account)
                .await
                .unwrap()
                .constraints,
            1
        );
        assert!(store
            .delete_constraint("us-east-1", "cons-a")
            .await
            .unwrap());
        assert!(!store
            .delete_constraint("us-east-1", "cons-a")
            .await
            .unwrap());
    })
    .await;
}

#[tokio::test]
async fn reset_wipes_the_catalog_contents() {
    each_engine(|store| async move {
        let owner = scope("111111111111", "us-east-1");
        store
            .insert_portfolio(&portfolio("port-own", &owner, "a"), 100)
            .await
            .unwrap();
        store
            .insert_product(
                &product("prod-a", "111111111111", "t"),
                Some(&artifact("pa-1", "prod-a", "t")),
            )
            .await
            .unwrap();
        store
            .link_product(&link("port-own", "prod-a", None))
            .await
            .unwrap();
        let t = TagOptionRecord {
            id: "tag-a".into(),
            account: acct("111111111111"),
            region: "us-east-1".into(),
            key: "k".into(),
            value: "v".into(),
            active: true,
            created_ms: 1,
        };
        store.insert_tag_option(&t).await.unwrap();
        store.link_tag_option("tag-a", "prod-a").await.unwrap();
        store.reset().await.unwrap();
        assert_eq!(store.product("us-east-1", "prod-a").await.unwrap(), None);
        assert_eq!(store.tag_option("us-east-1", "tag-a").await.unwrap(), None);
        assert!(store.product_links("prod-a").await.unwrap().is_empty());
    })
    .await;
}
