//! Self-service actions, their associations, budget associations and CopyProduct operations:
//! actions round-trip and are found by id (in their region), token and account; an update
//! changes name, description and definition only; associations are made once, listed both
//! ways in order, undone one by one or per artifact; budgets likewise per resource; copy
//! operations round-trip, are found by token and by idempotency token, and an update changes
//! their outcome only.

use std::collections::BTreeMap;

use sclocal_api::servicecatalog::{CopyProductStatus, ServiceActionDefinitionType};
use sclocal_core::ids::{AccountId, ArtifactId, CopyProductToken, ServiceActionId};
use sclocal_core::store::{CopyProductRecord, ServiceActionLink, ServiceActionRecord};

use super::harness::{acct, each_engine, read, write};
use super::products::prod;

fn aid(id: &str) -> ServiceActionId {
    ServiceActionId::parse(id).unwrap()
}

fn paid(id: &str) -> ArtifactId {
    ArtifactId::parse(id).unwrap()
}

fn action(id: &str, account: &AccountId, region: &str) -> ServiceActionRecord {
    ServiceActionRecord {
        id: aid(id),
        account: account.clone(),
        region: region.into(),
        name: format!("name-{id}"),
        description: Some("restarts".into()),
        definition_type: ServiceActionDefinitionType::SSM_AUTOMATION,
        definition: BTreeMap::from([
            ("Name".to_string(), "AWS-RestartEC2Instance".to_string()),
            (
                "Parameters".to_string(),
                r#"[{"Name":"InstanceId","Type":"TARGET"}]"#.to_string(),
            ),
        ]),
        created_ms: 1_700_000_000_000,
        idempotency_token: Some(format!("token-{id}")),
    }
}

fn link(action: &str, product: &str, artifact: &str) -> ServiceActionLink {
    ServiceActionLink {
        action_id: aid(action),
        product_id: prod(product),
        artifact_id: paid(artifact),
    }
}

#[tokio::test]
async fn service_actions_round_trip_update_and_go() {
    each_engine(|store| async move {
        let (one, two) = (acct(111_111_111_111), acct(222_222_222_222));
        let first = action("act-a", &one, "us-east-1");
        let second = ServiceActionRecord {
            description: None,
            idempotency_token: None,
            ..action("act-b", &one, "us-east-1")
        };
        let theirs = action("act-c", &two, "us-east-1");
        let rows = [first.clone(), second.clone(), theirs];
        write(&store, move |tx| {
            rows.iter().try_for_each(|a| tx.insert_service_action(a))
        })
        .await;
        let (x, y) = (one.clone(), two.clone());
        let found = read(&store, move |tx| {
            let ids = |v: Vec<ServiceActionRecord>| v.into_iter().map(|a| a.id).collect::<Vec<_>>();
            Ok((
                tx.service_action("us-east-1", &aid("act-b"))?,
                tx.service_action("eu-west-1", &aid("act-b"))?,
                tx.service_action_by_token(&x, "us-east-1", "token-act-a")?
                    .map(|a| a.id),
                tx.service_action_by_token(&y, "us-east-1", "token-act-a")?,
                ids(tx.account_service_actions(&x, "us-east-1")?),
                ids(tx.account_service_actions(&x, "eu-west-1")?),
            ))
        })
        .await;
        assert_eq!(
            found,
            (
                Some(second.clone()),
                None,
                Some(aid("act-a")),
                None,
                vec![aid("act-a"), aid("act-b")],
                vec![],
            )
        );
        let changed = ServiceActionRecord {
            name: "renamed".into(),
            description: Some("new".into()),
            definition: BTreeMap::from([("Name".to_string(), "Doc".to_string())]),
            created_ms: 5,
            ..second.clone()
        };
        let update = changed.clone();
        write(&store, move |tx| tx.update_service_action(&update)).await;
        let after = read(&store, |tx| tx.service_action("us-east-1", &aid("act-b"))).await;
        assert_eq!(
            after,
            Some(ServiceActionRecord {
                created_ms: second.created_ms,
                ..changed
            })
        );
        write(&store, |tx| tx.delete_service_action(&aid("act-b"))).await;
        let gone = read(&store, |tx| tx.service_action("us-east-1", &aid("act-b"))).await;
        assert_eq!(gone, None);
    })
    .await;
}

#[tokio::test]
async fn associations_are_made_once_and_listed_both_ways() {
    each_engine(|store| async move {
        let made = write(&store, |tx| {
            Ok((
                tx.link_service_action(&link("act-a", "prod-a", "pa-1"))?,
                tx.link_service_action(&link("act-b", "prod-a", "pa-1"))?,
                tx.link_service_action(&link("act-a", "prod-a", "pa-2"))?,
                tx.link_service_action(&link("act-a", "prod-a", "pa-1"))?,
            ))
        })
        .await;
        assert_eq!(made, (true, true, true, false));
        let listed = read(&store, |tx| {
            Ok((
                tx.artifact_service_action_links(&paid("pa-1"))?,
                tx.service_action_links(&aid("act-a"))?,
                tx.service_action_links(&aid("act-z"))?,
            ))
        })
        .await;
        assert_eq!(
            listed,
            (
                vec![
                    link("act-a", "prod-a", "pa-1"),
                    link("act-b", "prod-a", "pa-1")
                ],
                vec![
                    link("act-a", "prod-a", "pa-1"),
                    link("act-a", "prod-a", "pa-2")
                ],
                vec![],
            )
        );
        let undone = write(&store, |tx| {
            let once = tx.unlink_service_action(&link("act-a", "prod-a", "pa-2"))?;
            let twice = tx.unlink_service_action(&link("act-a", "prod-a", "pa-2"))?;
            tx.unlink_artifact_service_actions(&paid("pa-1"))?;
            Ok((once, twice))
        })
        .await;
        assert_eq!(undone, (true, false));
        let left = read(&store, |tx| {
            Ok((
                tx.service_action_links(&aid("act-a"))?,
                tx.service_action_links(&aid("act-b"))?,
            ))
        })
        .await;
        assert_eq!(left, (vec![], vec![]));
    })
    .await;
}

#[tokio::test]
async fn budgets_attach_once_per_resource() {
    each_engine(|store| async move {
        let made = write(&store, |tx| {
            Ok((
                tx.link_budget("prod-a", "Monthly")?,
                tx.link_budget("prod-a", "Annual")?,
                tx.link_budget("port-a", "Monthly")?,
                tx.link_budget("prod-a", "Monthly")?,
            ))
        })
        .await;
        assert_eq!(made, (true, true, true, false));
        let listed = read(&store, |tx| {
            Ok((
                tx.resource_budgets("prod-a")?,
                tx.resource_budgets("prod-z")?,
            ))
        })
        .await;
        assert_eq!(
            listed,
            (vec!["Monthly".to_string(), "Annual".to_string()], vec![])
        );
        let undone = write(&store, |tx| {
            let once = tx.unlink_budget("prod-a", "Monthly")?;
            let twice = tx.unlink_budget("prod-a", "Monthly")?;
            tx.unlink_resource_budgets("port-a")?;
            Ok((
                once,
                twice,
                tx.resource_budgets("prod-a")?,
                tx.resource_budgets("port-a")?,
            ))
        })
        .await;
        assert_eq!(undone, (true, false, vec!["Annual".to_string()], vec![]));
    })
    .await;
}

#[tokio::test]
async fn copy_operations_round_trip_and_record_their_outcome() {
    each_engine(|store| async move {
        let one = acct(111_111_111_111);
        let token = CopyProductToken::parse("copyproduct-a").unwrap();
        let op = CopyProductRecord {
            token: token.clone(),
            account: one.clone(),
            region: "eu-west-1".into(),
            source_product_id: prod("prod-a"),
            source_region: "us-east-1".into(),
            target_product_id: None,
            target_product_name: Some("Copy".into()),
            artifact_ids: vec![paid("pa-1"), paid("pa-2")],
            copy_tags: true,
            status: CopyProductStatus::IN_PROGRESS,
            status_detail: None,
            idempotency_token: "idem".into(),
            created_ms: 7,
        };
        let stored = op.clone();
        write(&store, move |tx| tx.insert_copy_product_op(&stored)).await;
        let (t, x) = (token.clone(), one.clone());
        let found = read(&store, move |tx| {
            Ok((
                tx.copy_product_op(&t)?,
                tx.copy_product_op(&CopyProductToken::parse("copyproduct-z").unwrap())?,
                tx.copy_product_op_by_token(&x, "eu-west-1", "idem")?
                    .map(|o| o.token),
                tx.copy_product_op_by_token(&x, "us-east-1", "idem")?,
            ))
        })
        .await;
        assert_eq!(found, (Some(op.clone()), None, Some(token.clone()), None));
        let done = CopyProductRecord {
            status: CopyProductStatus::FAILED,
            status_detail: Some("gone".into()),
            target_product_id: Some(prod("prod-b")),
            copy_tags: false,
            ..op.clone()
        };
        let update = done.clone();
        write(&store, move |tx| tx.update_copy_product_op(&update)).await;
        let after = read(&store, move |tx| tx.copy_product_op(&token)).await;
        assert_eq!(
            after,
            Some(CopyProductRecord {
                copy_tags: true,
                ..done
            })
        );
    })
    .await;
}
