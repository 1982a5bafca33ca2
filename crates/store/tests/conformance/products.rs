//! Products and provisioning artifacts: every field and enum value round-trips, lookups are
//! scoped to their region (and account), updates change the mutable fields only, and deleting
//! a product takes its artifacts, links, constraints and TagOption links with it.

use std::collections::BTreeMap;

use sclocal_api::servicecatalog::{
    ProductType, ProvisioningArtifactGuidance, ProvisioningArtifactType,
};
use sclocal_core::ids::{AccountId, ArtifactId, ProductId, ProductViewId, TagOptionId};
use sclocal_core::store::{ArtifactRecord, ProductRecord};

use super::catalog_links::{constraint, link, tag_option};
use super::harness::{acct, each_engine, pid, portfolio, read, write};

pub fn prod(id: &str) -> ProductId {
    ProductId::parse(id).unwrap()
}

/// A product of `account` in us-east-1, every optional field set.
pub fn product(id: &str, account: &AccountId) -> ProductRecord {
    ProductRecord {
        id: prod(id),
        view_id: ProductViewId::parse(&format!("prodview-{id}")).unwrap(),
        account: account.clone(),
        region: "us-east-1".into(),
        arn: format!("arn:aws:catalog:us-east-1:{account}:product/{id}"),
        name: format!("Product {id}"),
        owner: "Publisher".into(),
        description: Some("Short description".into()),
        distributor: Some("Distributor".into()),
        support_description: Some("Call us".into()),
        support_email: Some("support@example.com".into()),
        support_url: Some("https://support.example.com".into()),
        product_type: ProductType::CLOUD_FORMATION_TEMPLATE,
        tags: vec![("z".into(), "1".into()), ("a".into(), "2".into())],
        created_ms: 1_700_000_000_000,
        idempotency_token: Some(format!("token-{id}")),
    }
}

/// An artifact of `product`.
pub fn artifact(id: &str, product: &str) -> ArtifactRecord {
    ArtifactRecord {
        id: ArtifactId::parse(id).unwrap(),
        product_id: prod(product),
        name: Some("v1".into()),
        description: Some("first".into()),
        artifact_type: ProvisioningArtifactType::CLOUD_FORMATION_TEMPLATE,
        info: BTreeMap::from([
            (
                "LoadTemplateFromURL".to_string(),
                "https://x/t.yaml".to_string(),
            ),
            ("ImportFromPhysicalId".to_string(), "stack/1".to_string()),
        ]),
        active: true,
        guidance: ProvisioningArtifactGuidance::DEFAULT,
        created_ms: 1_700_000_000_001,
        idempotency_token: Some(format!("token-{id}")),
    }
}

#[tokio::test]
async fn products_round_trip_every_field_and_type_and_update_their_mutable_fields() {
    each_engine(|store| async move {
        let (one, two) = (acct(111_111_111_111), acct(222_222_222_222));
        let mut mine: Vec<ProductRecord> = ProductType::ALL
            .iter()
            .enumerate()
            .map(|(i, t)| ProductRecord {
                product_type: *t,
                ..product(&format!("prod-{}", 9 - i), &one)
            })
            .collect();
        mine.push(ProductRecord {
            description: None,
            distributor: None,
            support_description: None,
            support_email: None,
            support_url: None,
            tags: vec![],
            idempotency_token: None,
            ..product("prod-bare", &one)
        });
        let theirs = product("prod-theirs", &two);
        let elsewhere = ProductRecord {
            region: "eu-west-1".into(),
            ..product("prod-elsewhere", &one)
        };
        let stored: Vec<_> = mine.iter().chain([&theirs, &elsewhere]).cloned().collect();
        write(&store, move |tx| {
            stored.iter().try_for_each(|p| tx.insert_product(p))
        })
        .await;

        let ids: Vec<_> = mine.iter().map(|p| p.id.clone()).collect();
        let found = read(&store, move |tx| {
            ids.iter()
                .map(|id| tx.product("us-east-1", id))
                .collect::<Result<Vec<_>, _>>()
        })
        .await;
        assert_eq!(found, mine.iter().cloned().map(Some).collect::<Vec<_>>());
        let (a, b) = (one.clone(), two.clone());
        let scoped = read(&store, move |tx| {
            Ok((
                tx.product("eu-west-1", &prod("prod-9"))?,
                tx.product("eu-west-1", &prod("prod-elsewhere"))?.is_some(),
                tx.product_by_token(&a, "us-east-1", "token-prod-8")?
                    .map(|p| p.id),
                tx.product_by_token(&b, "us-east-1", "token-prod-8")?,
                tx.product_by_token(&a, "eu-west-1", "token-prod-8")?,
                tx.account_products(&a, "us-east-1")?,
                tx.account_products(&b, "eu-west-1")?,
            ))
        })
        .await;
        let expected = (
            None,
            true,
            Some(prod("prod-8")),
            None,
            None,
            mine.clone(),
            vec![],
        );
        assert_eq!(scoped, expected, "in creation order, not id order");

        let changed = ProductRecord {
            name: "Renamed".into(),
            owner: "Another publisher".into(),
            description: None,
            distributor: Some("Other".into()),
            support_description: None,
            support_email: Some("help@example.com".into()),
            support_url: None,
            tags: vec![("new".into(), "tag".into())],
            ..mine[0].clone()
        };
        let attempt = ProductRecord {
            view_id: ProductViewId::parse("prodview-other").unwrap(),
            arn: "arn:other".into(),
            product_type: ProductType::EXTERNAL,
            created_ms: 1,
            idempotency_token: None,
            ..changed.clone()
        };
        write(&store, move |tx| tx.update_product(&attempt)).await;
        let updated = read(&store, |tx| tx.product("us-east-1", &prod("prod-9"))).await;
        assert_eq!(updated, Some(changed));
    })
    .await;
}

#[tokio::test]
async fn artifacts_round_trip_every_type_and_guidance_and_update_their_mutable_fields() {
    each_engine(|store| async move {
        let owner = acct(111_111_111_111);
        let mut versions = Vec::new();
        for (i, t) in ProvisioningArtifactType::ALL.iter().enumerate() {
            for (j, g) in ProvisioningArtifactGuidance::ALL.iter().enumerate() {
                versions.push(ArtifactRecord {
                    artifact_type: *t,
                    guidance: *g,
                    active: j == 0,
                    ..artifact(&format!("pa-{}{j}", 9 - i), "prod-a")
                });
            }
        }
        versions.push(ArtifactRecord {
            name: None,
            description: None,
            info: BTreeMap::new(),
            idempotency_token: None,
            ..artifact("pa-bare", "prod-a")
        });
        let other = artifact("pa-other", "prod-b");
        let stored: Vec<_> = versions.iter().chain([&other]).cloned().collect();
        let (a, b) = (product("prod-a", &owner), product("prod-b", &owner));
        write(&store, move |tx| {
            tx.insert_product(&a)?;
            tx.insert_product(&b)?;
            stored.iter().try_for_each(|v| tx.insert_artifact(v))
        })
        .await;
        let listed = read(&store, |tx| {
            Ok((
                tx.artifacts(&prod("prod-a"))?,
                tx.artifacts(&prod("prod-b"))?,
            ))
        })
        .await;
        assert_eq!(listed, (versions.clone(), vec![other]), "in creation order");

        let changed = ArtifactRecord {
            name: Some("v2".into()),
            description: None,
            active: false,
            guidance: ProvisioningArtifactGuidance::DEPRECATED,
            ..versions[0].clone()
        };
        let attempt = ArtifactRecord {
            artifact_type: ProvisioningArtifactType::EXTERNAL,
            info: BTreeMap::new(),
            created_ms: 1,
            idempotency_token: Some("other".into()),
            ..changed.clone()
        };
        write(&store, move |tx| {
            tx.update_artifact(&attempt)?;
            tx.delete_artifact(&ArtifactId::parse("pa-bare").unwrap())?;
            tx.delete_artifact(&ArtifactId::parse("pa-missing").unwrap())
        })
        .await;
        let after = read(&store, |tx| tx.artifacts(&prod("prod-a"))).await;
        let mut expected = versions.clone();
        expected[0] = changed;
        expected.pop();
        assert_eq!(after, expected);
    })
    .await;
}

#[tokio::test]
async fn deleting_a_product_takes_its_artifacts_links_constraints_and_tag_option_links() {
    each_engine(|store| async move {
        let owner = acct(111_111_111_111);
        let (p1, p2) = (
            portfolio("port-1", &owner, "us-east-1"),
            portfolio("port-2", &owner, "us-east-1"),
        );
        let (gone, kept) = (product("prod-gone", &owner), product("prod-kept", &owner));
        let tag = tag_option("tag-1", &owner, "k", "v");
        write(&store, move |tx| {
            tx.insert_portfolio(&p1)?;
            tx.insert_portfolio(&p2)?;
            tx.insert_product(&gone)?;
            tx.insert_product(&kept)?;
            tx.insert_artifact(&artifact("pa-gone", "prod-gone"))?;
            tx.insert_artifact(&artifact("pa-kept", "prod-kept"))?;
            tx.insert_tag_option(&tag)?;
            for (portfolio, product) in [
                ("port-1", "prod-gone"),
                ("port-2", "prod-gone"),
                ("port-1", "prod-kept"),
            ] {
                tx.insert_link(&link(portfolio, product, None))?;
                tx.insert_constraint(&constraint(
                    &format!("cons-{portfolio}-{product}"),
                    portfolio,
                    product,
                ))?;
            }
            for resource in ["prod-gone", "prod-kept", "port-1"] {
                tx.link_tag_option(&tag.id, resource)?;
            }
            tx.delete_product(&prod("prod-gone"))
        })
        .await;
        let left = read(&store, |tx| {
            let tag = TagOptionId::parse("tag-1").unwrap();
            Ok((
                tx.product("us-east-1", &prod("prod-gone"))?,
                tx.artifacts(&prod("prod-gone"))?,
                tx.product_links(&prod("prod-gone"))?,
                tx.portfolio_links(&pid("port-1"))?,
                tx.portfolio_links(&pid("port-2"))?,
                tx.portfolio_constraints(&pid("port-1"))?
                    .into_iter()
                    .map(|c| c.id.to_string())
                    .collect::<Vec<_>>(),
                tx.portfolio_constraints(&pid("port-2"))?,
                tx.tag_option_resources(&tag)?,
                tx.resource_tag_options("prod-gone")?,
                tx.artifacts(&prod("prod-kept"))?.len(),
            ))
        })
        .await;
        assert_eq!(left.0, None);
        assert_eq!((left.1, left.2), (vec![], vec![]));
        assert_eq!(
            (left.3, left.4),
            (vec![link("port-1", "prod-kept", None)], vec![])
        );
        assert_eq!(
            (left.5, left.6),
            (vec!["cons-port-1-prod-kept".to_string()], vec![])
        );
        assert_eq!(left.7, ["prod-kept", "port-1"]);
        assert_eq!((left.8, left.9), (vec![], 1));
    })
    .await;
}
