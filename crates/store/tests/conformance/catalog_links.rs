//! What hangs off a portfolio: product links (each pair once), principal associations (per
//! associating account), constraints (every type, scoped lookups, mutable description and
//! parameters), and deleting a portfolio taking all of them and its TagOption links along.

use std::sync::Arc;

use sclocal_api::servicecatalog::PrincipalType;
use sclocal_core::ids::{AccountId, ConstraintId, TagOptionId};
use sclocal_core::store::{
    ConstraintRecord, ConstraintType, PrincipalRecord, ProductLink, Store, TagOptionRecord,
};

use super::harness::{acct, each_engine, pid, portfolio, read, write};
use super::products::{prod, product};

pub fn link(portfolio: &str, product: &str, source: Option<&str>) -> ProductLink {
    ProductLink {
        portfolio_id: pid(portfolio),
        product_id: prod(product),
        source_portfolio_id: source.map(pid),
    }
}

/// A LAUNCH constraint of account 111111111111 in us-east-1.
pub fn constraint(id: &str, portfolio: &str, product: &str) -> ConstraintRecord {
    ConstraintRecord {
        id: ConstraintId::parse(id).unwrap(),
        account: acct(111_111_111_111),
        region: "us-east-1".into(),
        portfolio_id: pid(portfolio),
        product_id: prod(product),
        constraint_type: ConstraintType::Launch,
        description: Some("launch as".into()),
        parameters: r#"{"LocalRoleName":"Launcher"}"#.into(),
        idempotency_token: Some(format!("token-{id}")),
    }
}

/// An active TagOption of `account` in us-east-1.
pub fn tag_option(id: &str, account: &AccountId, key: &str, value: &str) -> TagOptionRecord {
    TagOptionRecord {
        id: TagOptionId::parse(id).unwrap(),
        account: account.clone(),
        region: "us-east-1".into(),
        key: key.into(),
        value: value.into(),
        active: true,
        created_ms: 1_700_000_000_000,
    }
}

fn principal(portfolio: &str, account: u64, arn: &str, t: PrincipalType) -> PrincipalRecord {
    PrincipalRecord {
        portfolio_id: pid(portfolio),
        account: acct(account),
        arn: arn.into(),
        principal_type: t,
    }
}

/// Portfolios port-own (111111111111) and port-local (222222222222), products prod-a and
/// prod-b of 111111111111.
async fn catalog(store: &Arc<dyn Store>) {
    write(store, |tx| {
        let (owner, other) = (acct(111_111_111_111), acct(222_222_222_222));
        tx.insert_portfolio(&portfolio("port-own", &owner, "us-east-1"))?;
        tx.insert_portfolio(&portfolio("port-local", &other, "us-east-1"))?;
        tx.insert_product(&product("prod-a", &owner))?;
        tx.insert_product(&product("prod-b", &owner))
    })
    .await;
}

#[tokio::test]
async fn a_product_is_linked_to_a_portfolio_once() {
    each_engine(|store| async move {
        catalog(&store).await;
        let added = write(&store, |tx| {
            Ok([
                tx.insert_link(&link("port-own", "prod-b", None))?,
                tx.insert_link(&link("port-own", "prod-a", None))?,
                tx.insert_link(&link("port-own", "prod-a", None))?,
                tx.insert_link(&link("port-local", "prod-a", Some("port-own")))?,
            ])
        })
        .await;
        assert_eq!(added, [true, true, false, true]);
        let found = read(&store, |tx| {
            Ok((
                tx.portfolio_links(&pid("port-own"))?,
                tx.portfolio_links(&pid("port-local"))?,
                tx.product_links(&prod("prod-a"))?,
            ))
        })
        .await;
        let own = vec![
            link("port-own", "prod-b", None),
            link("port-own", "prod-a", None),
        ];
        let imported = link("port-local", "prod-a", Some("port-own"));
        let of_a = vec![link("port-own", "prod-a", None), imported.clone()];
        assert_eq!(
            found,
            (own, vec![imported], of_a),
            "in the order they were added"
        );
        let removed = write(&store, |tx| {
            Ok((
                tx.delete_link(&pid("port-own"), &prod("prod-a"))?,
                tx.delete_link(&pid("port-own"), &prod("prod-a"))?,
                tx.product_links(&prod("prod-a"))?.len(),
            ))
        })
        .await;
        assert_eq!(removed, (true, false, 1));
    })
    .await;
}

#[tokio::test]
async fn principals_belong_to_the_account_that_associated_them() {
    each_engine(|store| async move {
        catalog(&store).await;
        let rows = vec![
            principal(
                "port-own",
                111_111_111_111,
                "arn:aws:iam::111111111111:role/A",
                PrincipalType::IAM,
            ),
            principal(
                "port-own",
                222_222_222_222,
                "arn:aws:iam:::role/B*",
                PrincipalType::IAM_PATTERN,
            ),
            principal(
                "port-own",
                111_111_111_111,
                "arn:aws:iam:::role/B*",
                PrincipalType::IAM_PATTERN,
            ),
            principal(
                "port-local",
                222_222_222_222,
                "arn:aws:iam:::role/C",
                PrincipalType::IAM,
            ),
        ];
        let stored = rows.clone();
        write(&store, move |tx| {
            stored.iter().try_for_each(|p| tx.insert_principal(p))
        })
        .await;
        let found = read(&store, |tx| {
            Ok((
                tx.principals(&pid("port-own"))?,
                tx.principals(&pid("port-local"))?,
            ))
        })
        .await;
        assert_eq!(
            found,
            (rows[..3].to_vec(), rows[3..].to_vec()),
            "in association order"
        );
        // Removing one account's association leaves the other account's of the same ARN.
        let removed = write(&store, |tx| {
            let arn = "arn:aws:iam:::role/B*";
            Ok((
                tx.delete_principal(&pid("port-own"), &acct(222_222_222_222), arn)?,
                tx.delete_principal(&pid("port-own"), &acct(222_222_222_222), arn)?,
                tx.delete_principal(
                    &pid("port-local"),
                    &acct(111_111_111_111),
                    "arn:aws:iam:::role/C",
                )?,
            ))
        })
        .await;
        assert_eq!(removed, (true, false, false));
        let left = read(&store, |tx| tx.principals(&pid("port-own"))).await;
        assert_eq!(left, vec![rows[0].clone(), rows[2].clone()]);
    })
    .await;
}

#[tokio::test]
async fn constraints_round_trip_every_type_and_update_description_and_parameters() {
    each_engine(|store| async move {
        catalog(&store).await;
        let mut rows: Vec<ConstraintRecord> = [
            ConstraintType::Launch,
            ConstraintType::Notification,
            ConstraintType::ResourceUpdate,
            ConstraintType::StackSet,
            ConstraintType::Template,
        ]
        .into_iter()
        .enumerate()
        .map(|(i, t)| ConstraintRecord {
            constraint_type: t,
            ..constraint(
                &format!("cons-{}", 9 - i),
                "port-own",
                if i % 2 == 0 { "prod-a" } else { "prod-b" },
            )
        })
        .collect();
        rows.push(ConstraintRecord {
            account: acct(222_222_222_222),
            description: None,
            idempotency_token: None,
            ..constraint("cons-local", "port-local", "prod-a")
        });
        let stored = rows.clone();
        write(&store, move |tx| {
            stored.iter().try_for_each(|c| tx.insert_constraint(c))
        })
        .await;
        let ids: Vec<_> = rows.iter().map(|c| c.id.clone()).collect();
        let found = read(&store, move |tx| {
            ids.iter()
                .map(|id| tx.constraint("us-east-1", id))
                .collect::<Result<Vec<_>, _>>()
        })
        .await;
        assert_eq!(found, rows.iter().cloned().map(Some).collect::<Vec<_>>());
        let scoped = read(&store, |tx| {
            let c9 = ConstraintId::parse("cons-9").unwrap();
            let (one, two) = (acct(111_111_111_111), acct(222_222_222_222));
            Ok((
                tx.constraint("eu-west-1", &c9)?,
                tx.constraint_by_token(&one, "us-east-1", "token-cons-8")?
                    .map(|c| c.id.to_string()),
                tx.constraint_by_token(&two, "us-east-1", "token-cons-8")?,
                tx.constraint_by_token(&one, "eu-west-1", "token-cons-8")?,
                tx.portfolio_constraints(&pid("port-own"))?,
            ))
        })
        .await;
        assert_eq!(
            scoped,
            (None, Some("cons-8".into()), None, None, rows[..5].to_vec())
        );

        let changed = ConstraintRecord {
            description: None,
            parameters: r#"{"RoleArn":"arn:aws:iam::111111111111:role/L"}"#.into(),
            ..rows[0].clone()
        };
        let attempt = ConstraintRecord {
            constraint_type: ConstraintType::Template,
            idempotency_token: None,
            ..changed.clone()
        };
        let done = write(&store, move |tx| {
            tx.update_constraint(&attempt)?;
            let id = ConstraintId::parse("cons-local").unwrap();
            Ok((tx.delete_constraint(&id)?, tx.delete_constraint(&id)?))
        })
        .await;
        assert_eq!(done, (true, false));
        let after = read(&store, |tx| {
            Ok((
                tx.constraint("us-east-1", &ConstraintId::parse("cons-9").unwrap())?,
                tx.portfolio_constraints(&pid("port-local"))?,
            ))
        })
        .await;
        assert_eq!(after, (Some(changed), vec![]));
    })
    .await;
}

#[tokio::test]
async fn deleting_a_portfolio_takes_its_links_principals_constraints_and_tag_option_links() {
    each_engine(|store| async move {
        catalog(&store).await;
        let owner = acct(111_111_111_111);
        write(&store, move |tx| {
            let tag = tag_option("tag-1", &owner, "k", "v");
            tx.insert_tag_option(&tag)?;
            for p in ["port-own", "port-local"] {
                tx.insert_link(&link(p, "prod-a", None))?;
                tx.insert_principal(&principal(
                    p,
                    111_111_111_111,
                    "arn:aws:iam:::role/R",
                    PrincipalType::IAM,
                ))?;
                tx.insert_constraint(&constraint(&format!("cons-{p}"), p, "prod-a"))?;
                tx.link_tag_option(&tag.id, p)?;
            }
            tx.delete_portfolio("us-east-1", &pid("port-own"))
        })
        .await;
        let left = read(&store, |tx| {
            let own = pid("port-own");
            Ok((
                (
                    tx.portfolio_links(&own)?,
                    tx.principals(&own)?,
                    tx.portfolio_constraints(&own)?,
                ),
                tx.resource_tag_options("port-own")?,
                tx.product_links(&prod("prod-a"))?,
                tx.tag_option_resources(&TagOptionId::parse("tag-1").unwrap())?,
                tx.principals(&pid("port-local"))?.len()
                    + tx.portfolio_constraints(&pid("port-local"))?.len(),
                tx.product("us-east-1", &prod("prod-a"))?.is_some(),
            ))
        })
        .await;
        assert_eq!(left.0, (vec![], vec![], vec![]));
        assert_eq!(left.1, vec![]);
        assert_eq!(left.2, vec![link("port-local", "prod-a", None)]);
        assert_eq!(left.3, ["port-local"]);
        assert_eq!(
            (left.4, left.5),
            (2, true),
            "the other portfolio and the product stay"
        );
    })
    .await;
}
