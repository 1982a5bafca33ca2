//! Provisioned products and records: every field round-trips, products are found by id (in
//! their region), by name and by PhysicalId (per account and region), listed in launch order
//! and paged across accounts; an update changes the mutable fields only; deleting a product
//! keeps its records; records are found by id, by token (per type) and listed per account and
//! per product in the order they were made.

use std::collections::BTreeMap;

use sclocal_api::servicecatalog::{ProvisionedProductStatus, RecordStatus, StackInstanceStatus};
use sclocal_core::cloudformation::{
    ParameterKind, ResolvedOutput, ResolvedParameter, ResolvedParameters, ValueSource,
};
use sclocal_core::ids::{
    AccountId, ArtifactId, LaunchPathId, PlanId, PortfolioId, ProductId, ProvisionedProductId,
    RecordId,
};
use sclocal_core::store::{
    ParameterInput, ProvisionedProductRecord, ProvisionedProductType, ProvisioningRecord,
    RecordErrorEntry, RecordType, StackInstance,
};

use super::harness::{acct, each_engine, every_page, read, write};

pub fn ppid(id: &str) -> ProvisionedProductId {
    ProvisionedProductId::parse(id).unwrap()
}

pub fn rid(id: &str) -> RecordId {
    RecordId::parse(id).unwrap()
}

/// A provisioned product of `account` in us-east-1, every optional field set.
pub fn provisioned(id: &str, account: &AccountId, name: &str) -> ProvisionedProductRecord {
    let path = LaunchPathId::of(
        &PortfolioId::parse("port-a").unwrap(),
        &ProductId::parse("prod-a").unwrap(),
    );
    ProvisionedProductRecord {
        id: ppid(id),
        account: account.clone(),
        region: "us-east-1".into(),
        arn: format!("arn:aws:servicecatalog:us-east-1:{account}:stack/{name}/{id}"),
        name: name.into(),
        product_type: ProvisionedProductType::CfnStackSet,
        status: ProvisionedProductStatus::UNDER_CHANGE,
        status_message: Some("why".into()),
        created_ms: 1_700_000_000_000,
        idempotency_token: Some(format!("token-{id}")),
        last_record_id: Some(rid("rec-last")),
        last_provisioning_record_id: Some(rid("rec-prov")),
        last_successful_provisioning_record_id: Some(rid("rec-ok")),
        product_id: ProductId::parse("prod-a").unwrap(),
        artifact_id: ArtifactId::parse("pa-a").unwrap(),
        path_id: Some(path),
        portfolio_id: Some(PortfolioId::parse("port-a").unwrap()),
        launch_role_arn: Some(format!("arn:aws:iam::{account}:role/Launch")),
        physical_id: Some(format!(
            "arn:aws:cloudformation:us-east-1:{account}:stack/{id}/1"
        )),
        user_arn: format!("arn:aws:iam::{account}:role/Dev"),
        user_arn_session: format!("arn:aws:sts::{account}:assumed-role/Dev/s"),
        tags: vec![("env".into(), "dev".into()), ("a".into(), "1".into())],
        parameters: ResolvedParameters::from_entries(vec![ResolvedParameter {
            key: "Size".into(),
            value: "2".into(),
            source: ValueSource::Default,
            no_echo: true,
            kind: ParameterKind::Number,
        }]),
        outputs: vec![ResolvedOutput {
            key: "Url".into(),
            value: "https://x".into(),
            description: Some("where".into()),
        }],
        notification_arns: vec!["arn:aws:sns:us-east-1:111111111111:t".into()],
        stack_instances: vec![StackInstance {
            account: "333333333333".into(),
            region: "eu-west-1".into(),
            status: StackInstanceStatus::OUTDATED,
        }],
    }
}

/// A record of `product`, every optional field set.
pub fn record(
    id: &str,
    product: &ProvisionedProductRecord,
    kind: RecordType,
) -> ProvisioningRecord {
    ProvisioningRecord {
        id: rid(id),
        account: product.account.clone(),
        region: product.region.clone(),
        provisioned_product_id: product.id.clone(),
        provisioned_product_name: product.name.clone(),
        provisioned_product_type: ProvisionedProductType::TerraformCloud,
        record_type: kind,
        status: RecordStatus::IN_PROGRESS_IN_ERROR,
        created_ms: 1_700_000_000_100,
        updated_ms: 1_700_000_000_200,
        product_id: ProductId::parse("prod-a").unwrap(),
        artifact_id: ArtifactId::parse("pa-b").unwrap(),
        path_id: product.path_id.clone(),
        launch_role_arn: Some("arn:aws:iam::111111111111:role/L".into()),
        user_arn: product.user_arn.clone(),
        user_arn_session: product.user_arn_session.clone(),
        token: Some(format!("token-{id}")),
        errors: vec![RecordErrorEntry {
            code: "ProvisioningFailed".into(),
            description: "it broke".into(),
        }],
        tags: vec![("env".into(), "dev".into())],
        outputs: product.outputs.clone(),
        parameters: vec![ParameterInput {
            key: "Size".into(),
            value: "3".into(),
            use_previous: true,
        }],
        ignore_errors: true,
        retain_physical_resources: true,
        properties: BTreeMap::from([("OWNER".to_string(), "arn:aws:iam::1:user/a".to_string())]),
        stack_instances: product.stack_instances.clone(),
        plan_id: Some(PlanId::parse("plan-a").unwrap()),
        workflow_token: Some("wf".into()),
        notify_token: Some("n".into()),
    }
}

#[tokio::test]
async fn provisioned_products_round_trip_and_are_found_by_id_name_and_physical_id() {
    each_engine(|store| async move {
        let (one, two) = (acct(111_111_111_111), acct(222_222_222_222));
        let web = provisioned("pp-a", &one, "web");
        let eu = ProvisionedProductRecord {
            region: "eu-west-1".into(),
            status_message: None,
            last_record_id: None,
            path_id: None,
            portfolio_id: None,
            physical_id: None,
            launch_role_arn: None,
            idempotency_token: None,
            ..provisioned("pp-b", &one, "web")
        };
        let theirs = provisioned("pp-c", &two, "web");
        let db = provisioned("pp-d", &one, "db");
        let rows = [web.clone(), eu.clone(), theirs.clone(), db.clone()];
        write(&store, move |tx| {
            rows.iter()
                .try_for_each(|p| tx.insert_provisioned_product(p))
        })
        .await;
        let (x, y) = (one.clone(), two.clone());
        let physical = web.physical_id.clone().unwrap();
        let found = read(&store, move |tx| {
            Ok((
                tx.provisioned_product("us-east-1", &ppid("pp-a"))?,
                tx.provisioned_product("eu-west-1", &ppid("pp-b"))?,
                tx.provisioned_product("eu-west-1", &ppid("pp-a"))?,
                tx.provisioned_product_named(&x, "us-east-1", "web")?
                    .map(|p| p.id),
                tx.provisioned_product_named(&y, "us-east-1", "web")?
                    .map(|p| p.id),
                tx.provisioned_product_named(&x, "us-east-1", "nope")?,
                tx.provisioned_product_by_physical_id(&x, "us-east-1", &physical)?
                    .map(|p| p.id),
                tx.provisioned_product_by_physical_id(&y, "us-east-1", &physical)?,
                tx.account_provisioned_products(&x, "us-east-1")?
                    .into_iter()
                    .map(|p| p.id)
                    .collect::<Vec<_>>(),
            ))
        })
        .await;
        assert_eq!(
            found,
            (
                Some(web),
                Some(eu),
                None,
                Some(ppid("pp-a")),
                Some(ppid("pp-c")),
                None,
                Some(ppid("pp-a")),
                None,
                vec![ppid("pp-a"), ppid("pp-d")],
            )
        );
        let mine = every_page(&store, 1, move |tx, after| {
            tx.account_provisioned_products_page(&acct(111_111_111_111), "us-east-1", after, 1)
        })
        .await;
        let ids: Vec<_> = mine.into_iter().map(|p| p.id).collect();
        assert_eq!(ids, [ppid("pp-a"), ppid("pp-d")]);
        let all = every_page(&store, 3, |tx, after| tx.all_provisioned_products(after, 3)).await;
        let ids: Vec<_> = all.into_iter().map(|p| p.id).collect();
        assert_eq!(
            ids,
            [ppid("pp-a"), ppid("pp-b"), ppid("pp-c"), ppid("pp-d")]
        );
    })
    .await;
}

#[tokio::test]
async fn an_update_changes_what_may_change_and_a_delete_keeps_the_records() {
    each_engine(|store| async move {
        let owner = acct(111_111_111_111);
        let first = provisioned("pp-a", &owner, "web");
        let rec = record("rec-1", &first, RecordType::ProvisionProduct);
        let (p, r) = (first.clone(), rec.clone());
        write(&store, move |tx| {
            tx.insert_provisioned_product(&p)?;
            tx.insert_record(&r)
        })
        .await;
        let changed = ProvisionedProductRecord {
            // Neither the account, the region, the creation time nor the token change.
            account: acct(999_999_999_999),
            region: "eu-west-1".into(),
            created_ms: 1,
            idempotency_token: None,
            status: ProvisionedProductStatus::TAINTED,
            status_message: None,
            name: "renamed".into(),
            tags: Vec::new(),
            outputs: Vec::new(),
            stack_instances: Vec::new(),
            parameters: ResolvedParameters::default(),
            user_arn: "arn:aws:iam::111111111111:user/new".into(),
            last_successful_provisioning_record_id: None,
            ..first.clone()
        };
        let update = changed.clone();
        write(&store, move |tx| tx.update_provisioned_product(&update)).await;
        let after = read(&store, |tx| {
            tx.provisioned_product("us-east-1", &ppid("pp-a"))
        })
        .await;
        let expected = ProvisionedProductRecord {
            account: first.account.clone(),
            region: first.region.clone(),
            created_ms: first.created_ms,
            idempotency_token: first.idempotency_token.clone(),
            ..changed
        };
        assert_eq!(after, Some(expected));

        write(&store, |tx| tx.delete_provisioned_product(&ppid("pp-a"))).await;
        let left = read(&store, |tx| {
            Ok((
                tx.provisioned_product("us-east-1", &ppid("pp-a"))?,
                tx.provisioned_product_records(&ppid("pp-a"))?,
            ))
        })
        .await;
        assert_eq!(left, (None, vec![rec]));
    })
    .await;
}

#[tokio::test]
async fn records_round_trip_and_are_found_by_id_token_account_and_product() {
    each_engine(|store| async move {
        let (one, two) = (acct(111_111_111_111), acct(222_222_222_222));
        let (first, second) = (
            provisioned("pp-a", &one, "a"),
            provisioned("pp-b", &one, "b"),
        );
        let r1 = record("rec-1", &first, RecordType::ProvisionProduct);
        let r2 = record("rec-2", &second, RecordType::ProvisionProduct);
        let r3 = ProvisioningRecord {
            token: Some("token-rec-1".into()),
            path_id: None,
            launch_role_arn: None,
            plan_id: None,
            workflow_token: None,
            notify_token: None,
            ..record("rec-3", &first, RecordType::TerminateProvisionedProduct)
        };
        let theirs = record(
            "rec-4",
            &provisioned("pp-c", &two, "c"),
            RecordType::ProvisionProduct,
        );
        let rows = [r1.clone(), r2.clone(), r3.clone(), theirs.clone()];
        write(&store, move |tx| {
            rows.iter().try_for_each(|r| tx.insert_record(r))
        })
        .await;
        let (x, y) = (one.clone(), two.clone());
        let found = read(&store, move |tx| {
            let ids = |v: Vec<ProvisioningRecord>| v.into_iter().map(|r| r.id).collect::<Vec<_>>();
            Ok((
                tx.record(&rid("rec-3"))?,
                tx.record(&rid("rec-9"))?,
                tx.record_by_token(&x, "us-east-1", RecordType::ProvisionProduct, "token-rec-1")?
                    .map(|r| r.id),
                tx.record_by_token(
                    &x,
                    "us-east-1",
                    RecordType::TerminateProvisionedProduct,
                    "token-rec-1",
                )?
                .map(|r| r.id),
                tx.record_by_token(&y, "us-east-1", RecordType::ProvisionProduct, "token-rec-1")?,
                ids(tx.account_records(&x, "us-east-1")?),
                ids(tx.account_records(&x, "eu-west-1")?),
                ids(tx.provisioned_product_records(&ppid("pp-a"))?),
                ids(tx.recent_records(2)?),
            ))
        })
        .await;
        assert_eq!(
            found,
            (
                Some(r3.clone()),
                None,
                Some(rid("rec-1")),
                Some(rid("rec-3")),
                None,
                vec![rid("rec-1"), rid("rec-2"), rid("rec-3")],
                vec![],
                vec![rid("rec-1"), rid("rec-3")],
                vec![theirs.id.clone(), rid("rec-3")],
            )
        );

        // An update changes the outcome, never what the record is about.
        let changed = ProvisioningRecord {
            provisioned_product_id: ppid("pp-z"),
            record_type: RecordType::ImportProvisionedProduct,
            created_ms: 5,
            token: Some("other".into()),
            status: RecordStatus::SUCCEEDED,
            updated_ms: 9,
            errors: Vec::new(),
            outputs: Vec::new(),
            tags: Vec::new(),
            stack_instances: Vec::new(),
            launch_role_arn: None,
            user_arn: "arn:aws:iam::111111111111:user/new".into(),
            workflow_token: None,
            notify_token: Some("done".into()),
            ..r1.clone()
        };
        let update = changed.clone();
        write(&store, move |tx| tx.update_record(&update)).await;
        let after = read(&store, |tx| tx.record(&rid("rec-1"))).await;
        let expected = ProvisioningRecord {
            provisioned_product_id: r1.provisioned_product_id.clone(),
            record_type: r1.record_type,
            created_ms: r1.created_ms,
            token: r1.token.clone(),
            ..changed
        };
        assert_eq!(after, Some(expected));
    })
    .await;
}
