//! Plans, artifact templates and engine messages: plans round-trip and are found by id, token,
//! account and provisioned product, an update changes their outcome only, a delete removes
//! them; an artifact keeps the first template text it was given and loses it with the
//! artifact; engine messages are kept in order and read per queue; reset wipes all of it.

use sclocal_api::servicecatalog::{ChangeAction, ProvisionedProductPlanStatus, Replacement};
use sclocal_core::ids::{
    AccountId, ArtifactId, LaunchPathId, PlanId, PortfolioId, ProductId, ProvisionedProductId,
};
use sclocal_core::store::{EngineMessage, ParameterInput, PlanChange, PlanRecord, RecordType};

use super::harness::{acct, each_engine, read, write};
use super::products::{artifact, product};
use super::provisioning::{ppid, provisioned, record, rid};

fn plid(id: &str) -> PlanId {
    PlanId::parse(id).unwrap()
}

/// A plan of `account` for provisioned product `pp`, every optional field set.
fn plan(id: &str, account: &AccountId, pp: &str) -> PlanRecord {
    let (port, prod) = (
        PortfolioId::parse("port-a").unwrap(),
        ProductId::parse("prod-a").unwrap(),
    );
    PlanRecord {
        id: plid(id),
        account: account.clone(),
        region: "us-east-1".into(),
        name: format!("plan {id}"),
        provisioned_product_id: ProvisionedProductId::parse(pp).unwrap(),
        provisioned_product_name: "web".into(),
        path_id: LaunchPathId::of(&port, &prod),
        product_id: prod,
        artifact_id: ArtifactId::parse("pa-a").unwrap(),
        portfolio_id: port,
        status: ProvisionedProductPlanStatus::CREATE_FAILED,
        status_message: Some("why".into()),
        created_ms: 1_700_000_000_000,
        updated_ms: 1_700_000_000_001,
        notification_arns: vec!["arn:aws:sns:us-east-1:111111111111:t".into()],
        parameters: vec![ParameterInput {
            key: "Env".into(),
            value: "dev".into(),
            use_previous: false,
        }],
        tags: vec![("env".into(), "dev".into())],
        changes: vec![PlanChange {
            action: ChangeAction::MODIFY,
            logical_id: "Bucket".into(),
            resource_type: "AWS::S3::Bucket".into(),
            replacement: Some(Replacement::CONDITIONAL),
        }],
        idempotency_token: Some(format!("token-{id}")),
        user_arn: "arn:aws:iam::111111111111:role/Dev".into(),
        user_arn_session: "arn:aws:sts::111111111111:assumed-role/Dev/s".into(),
        creates_product: true,
        record_id: Some(rid("rec-a")),
    }
}

#[tokio::test]
async fn plans_round_trip_update_their_outcome_and_go() {
    each_engine(|store| async move {
        let (one, two) = (acct(111_111_111_111), acct(222_222_222_222));
        let first = plan("plan-a", &one, "pp-a");
        let second = PlanRecord {
            status_message: None,
            idempotency_token: None,
            record_id: None,
            changes: Vec::new(),
            ..plan("plan-b", &one, "pp-b")
        };
        let theirs = plan("plan-c", &two, "pp-a");
        let rows = [first.clone(), second.clone(), theirs];
        write(&store, move |tx| {
            rows.iter().try_for_each(|p| tx.insert_plan(p))
        })
        .await;
        let (x, y) = (one.clone(), two.clone());
        let found = read(&store, move |tx| {
            let ids = |v: Vec<PlanRecord>| v.into_iter().map(|p| p.id).collect::<Vec<_>>();
            Ok((
                tx.plan(&plid("plan-b"))?,
                tx.plan(&plid("plan-z"))?,
                tx.plan_by_token(&x, "us-east-1", "token-plan-a")?
                    .map(|p| p.id),
                tx.plan_by_token(&y, "us-east-1", "token-plan-a")?,
                ids(tx.account_plans(&x, "us-east-1")?),
                ids(tx.account_plans(&x, "eu-west-1")?),
                ids(tx.provisioned_product_plans(&ppid("pp-a"))?),
            ))
        })
        .await;
        assert_eq!(
            found,
            (
                Some(second.clone()),
                None,
                Some(plid("plan-a")),
                None,
                vec![plid("plan-a"), plid("plan-b")],
                vec![],
                vec![plid("plan-a"), plid("plan-c")],
            )
        );

        let changed = PlanRecord {
            name: "renamed".into(),
            status: ProvisionedProductPlanStatus::EXECUTE_SUCCESS,
            status_message: Some("done".into()),
            updated_ms: 9,
            changes: first.changes.clone(),
            record_id: Some(rid("rec-b")),
            ..second.clone()
        };
        let update = changed.clone();
        write(&store, move |tx| tx.update_plan(&update)).await;
        let after = read(&store, |tx| tx.plan(&plid("plan-b"))).await;
        assert_eq!(
            after,
            Some(PlanRecord {
                name: second.name.clone(),
                ..changed
            })
        );
        write(&store, |tx| tx.delete_plan(&plid("plan-b"))).await;
        let gone = read(&store, |tx| tx.plan(&plid("plan-b"))).await;
        assert_eq!(gone, None);
    })
    .await;
}

#[tokio::test]
async fn an_artifact_keeps_its_first_template_until_it_goes() {
    each_engine(|store| async move {
        let owner = acct(111_111_111_111);
        write(&store, move |tx| {
            tx.insert_product(&product("prod-a", &owner))?;
            tx.insert_artifact(&artifact("pa-a", "prod-a"))?;
            let id = ArtifactId::parse("pa-a").unwrap();
            tx.insert_artifact_template(&id, "Resources: {}")?;
            tx.insert_artifact_template(&id, "second")
        })
        .await;
        let id = ArtifactId::parse("pa-a").unwrap();
        let kept = read(&store, {
            let id = id.clone();
            move |tx| {
                Ok((
                    tx.artifact_template(&id)?,
                    tx.artifact_template(&ArtifactId::parse("pa-z").unwrap())?,
                ))
            }
        })
        .await;
        assert_eq!(kept, (Some("Resources: {}".to_string()), None));
        write(&store, |tx| {
            tx.delete_artifact(&ArtifactId::parse("pa-a").unwrap())
        })
        .await;
        let after = read(&store, move |tx| tx.artifact_template(&id)).await;
        assert_eq!(after, None);
    })
    .await;
}

#[tokio::test]
async fn engine_messages_are_kept_in_order_per_queue() {
    each_engine(|store| async move {
        let message = |queue: &str, record: &str, n: i64| EngineMessage {
            queue: queue.into(),
            account: acct(111_111_111_111),
            region: "us-east-1".into(),
            record_id: rid(record),
            body: format!("{{\"n\":{n}}}"),
            created_ms: n,
        };
        let rows = [
            message("ProvisionQueue", "rec-a", 1),
            message("TerminateQueue", "rec-b", 2),
            message("ProvisionQueue", "rec-c", 3),
        ];
        let stored = rows.clone();
        write(&store, move |tx| {
            stored.iter().try_for_each(|m| tx.insert_engine_message(m))
        })
        .await;
        let found = read(&store, |tx| {
            Ok((
                tx.engine_messages(None)?,
                tx.engine_messages(Some("ProvisionQueue"))?,
                tx.engine_messages(Some("Nope"))?,
            ))
        })
        .await;
        assert_eq!(
            found,
            (
                rows.to_vec(),
                vec![rows[0].clone(), rows[2].clone()],
                Vec::new()
            )
        );
    })
    .await;
}

#[tokio::test]
async fn reset_wipes_provisioning() {
    each_engine(|store| async move {
        let owner = acct(111_111_111_111);
        let p = provisioned("pp-a", &owner, "web");
        write(&store, move |tx| {
            tx.insert_provisioned_product(&p)?;
            tx.insert_record(&record("rec-a", &p, RecordType::ProvisionProduct))?;
            tx.insert_plan(&plan("plan-a", &p.account, "pp-a"))
        })
        .await;
        store.reset().await.unwrap();
        let owner = acct(111_111_111_111);
        let left = read(&store, move |tx| {
            Ok((
                tx.account_provisioned_products(&owner, "us-east-1")?.len(),
                tx.account_records(&owner, "us-east-1")?.len(),
                tx.account_plans(&owner, "us-east-1")?.len(),
                tx.engine_messages(None)?.len(),
            ))
        })
        .await;
        assert_eq!(left, (0, 0, 0, 0));
    })
    .await;
}
