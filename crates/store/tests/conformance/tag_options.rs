//! TagOptions: records round-trip and are found by id (in their region) and by key and value
//! (per account and region); an update changes the value and the active flag only; a
//! TagOption is associated with a resource once, and deleting it ends its associations.

use sclocal_core::ids::TagOptionId;
use sclocal_core::store::TagOptionRecord;

use super::catalog_links::tag_option;
use super::harness::{acct, each_engine, read, write};

fn tid(id: &str) -> TagOptionId {
    TagOptionId::parse(id).unwrap()
}

#[tokio::test]
async fn tag_options_round_trip_and_are_found_by_id_and_by_value() {
    each_engine(|store| async move {
        let (one, two) = (acct(111_111_111_111), acct(222_222_222_222));
        let rows = vec![
            tag_option("tag-9", &one, "team", "platform"),
            TagOptionRecord {
                active: false,
                created_ms: 5,
                ..tag_option("tag-1", &one, "team", "data")
            },
            tag_option("tag-5", &one, "cost", "platform"),
            tag_option("tag-theirs", &two, "team", "platform"),
            TagOptionRecord {
                region: "eu-west-1".into(),
                ..tag_option("tag-eu", &one, "team", "platform")
            },
        ];
        let stored = rows.clone();
        write(&store, move |tx| {
            stored.iter().try_for_each(|t| tx.insert_tag_option(t))
        })
        .await;
        let (a, b) = (one.clone(), two.clone());
        let found = read(&store, move |tx| {
            Ok((
                tx.tag_option("us-east-1", &tid("tag-1"))?,
                tx.tag_option("eu-west-1", &tid("tag-1"))?,
                tx.tag_option("eu-west-1", &tid("tag-eu"))?.is_some(),
                tx.tag_option_by_value(&a, "us-east-1", "team", "platform")?,
                tx.tag_option_by_value(&b, "us-east-1", "team", "platform")?
                    .map(|t| t.id),
                tx.tag_option_by_value(&a, "us-east-1", "team", "missing")?,
                tx.tag_option_by_value(&a, "eu-west-1", "cost", "platform")?,
            ))
        })
        .await;
        let expected = (
            Some(rows[1].clone()),
            None,
            true,
            Some(rows[0].clone()),
            Some(tid("tag-theirs")),
            None,
            None,
        );
        assert_eq!(found, expected);
        let listed = read(&store, move |tx| {
            Ok((
                tx.account_tag_options(&one, "us-east-1")?,
                tx.account_tag_options(&two, "eu-west-1")?,
            ))
        })
        .await;
        assert_eq!(listed, (rows[..3].to_vec(), vec![]), "in creation order");
    })
    .await;
}

#[tokio::test]
async fn an_update_changes_the_value_and_the_active_flag_only() {
    each_engine(|store| async move {
        let owner = acct(111_111_111_111);
        let original = tag_option("tag-1", &owner, "team", "platform");
        let stored = original.clone();
        write(&store, move |tx| tx.insert_tag_option(&stored)).await;
        let changed = TagOptionRecord {
            value: "data".into(),
            active: false,
            ..original.clone()
        };
        let attempt = TagOptionRecord {
            key: "other".into(),
            created_ms: 1,
            ..changed.clone()
        };
        write(&store, move |tx| tx.update_tag_option(&attempt)).await;
        let owner2 = owner.clone();
        let found = read(&store, move |tx| {
            Ok((
                tx.tag_option("us-east-1", &tid("tag-1"))?,
                tx.tag_option_by_value(&owner2, "us-east-1", "team", "data")?
                    .is_some(),
                tx.tag_option_by_value(&owner2, "us-east-1", "team", "platform")?,
            ))
        })
        .await;
        assert_eq!(found, (Some(changed), true, None));
    })
    .await;
}

#[tokio::test]
async fn a_tag_option_is_associated_with_a_resource_once() {
    each_engine(|store| async move {
        let owner = acct(111_111_111_111);
        let (a, b) = (
            tag_option("tag-a", &owner, "k", "a"),
            tag_option("tag-b", &owner, "k", "b"),
        );
        let (ra, rb) = (a.clone(), b.clone());
        let linked = write(&store, move |tx| {
            tx.insert_tag_option(&ra)?;
            tx.insert_tag_option(&rb)?;
            Ok([
                tx.link_tag_option(&rb.id, "port-1")?,
                tx.link_tag_option(&ra.id, "port-1")?,
                tx.link_tag_option(&ra.id, "port-1")?,
                tx.link_tag_option(&ra.id, "prod-1")?,
            ])
        })
        .await;
        assert_eq!(linked, [true, true, false, true]);
        let found = read(&store, |tx| {
            Ok((
                tx.resource_tag_options("port-1")?,
                tx.tag_option_resources(&tid("tag-a"))?,
                tx.resource_tag_options("port-none")?,
            ))
        })
        .await;
        let expected = (vec![b.clone(), a.clone()], vec!["port-1", "prod-1"], vec![]);
        assert_eq!(
            (
                found.0,
                found.1.iter().map(String::as_str).collect(),
                found.2
            ),
            expected,
            "in association order"
        );
        let unlinked = write(&store, |tx| {
            Ok([
                tx.unlink_tag_option(&tid("tag-a"), "port-1")?,
                tx.unlink_tag_option(&tid("tag-a"), "port-1")?,
                tx.unlink_tag_option(&tid("tag-b"), "prod-1")?,
            ])
        })
        .await;
        assert_eq!(unlinked, [true, false, false]);
        // Deleting a TagOption ends its associations and its lookups.
        write(&store, |tx| tx.delete_tag_option(&tid("tag-b"))).await;
        let left = read(&store, move |tx| {
            Ok((
                tx.tag_option("us-east-1", &tid("tag-b"))?,
                tx.tag_option_resources(&tid("tag-b"))?,
                tx.resource_tag_options("port-1")?,
                tx.account_tag_options(&owner, "us-east-1")?,
            ))
        })
        .await;
        assert_eq!(left, (None, vec![], vec![], vec![a]));
    })
    .await;
}
