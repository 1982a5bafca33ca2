//! AFT's calls, replayed (provisioning.md §21.7; aws-ia/terraform-aws-control_tower_account_factory
//! `aft_common/service_catalog.py`, `account_request_framework.py`): the current release finds
//! the product by name and its active artifact, associates AWSAFTService with the portfolio it
//! finds by name, checks the account name and email against ListAccounts, provisions with the
//! name's spaces turned into hyphens and a UUID token, counts the factory's products in flight
//! with SearchProvisionedProducts `type:CONTROL_TOWER_ACCOUNT`, finds the vended product by
//! `physicalId:`, reads AccountEmail through GetProvisionedProductOutputs, and changes the OU
//! with UpdateProvisionedProduct. The older release counts in-flight products with
//! ScanProvisionedProducts (Account/self), filtering by Type and ProductId.

use aws_sdk_servicecatalog::types::{
    AccessLevelFilter, AccessLevelFilterKey, PrincipalType, ProvisionedProductStatus,
    ProvisionedProductViewFilterBy, RecordStatus, UpdateProvisioningParameter,
};

use std::time::Duration;

use super::{bare_world, params, session, AFT_ROLE, MGMT, PORTFOLIO, PRODUCT};

/// Long enough to see the product UNDER_CHANGE.
const HELD: Duration = Duration::from_millis(500);

#[tokio::test]
#[expect(
    clippy::too_many_lines,
    reason = "a client's calls, replayed in its order, read best as one story"
)]
async fn aft_current_vends_then_moves_an_account() {
    let w = bare_world(HELD).await;
    let admin = &w.admin;
    // get_ct_product_id / get_ct_provisioning_artifact_id.
    let product = admin
        .describe_product_as_admin()
        .name(PRODUCT)
        .send()
        .await
        .unwrap();
    let product_id = product
        .product_view_detail()
        .and_then(|d| d.product_view_summary())
        .and_then(|s| s.product_id())
        .unwrap()
        .to_string();
    let mut artifact = None;
    for summary in product.provisioning_artifact_summaries() {
        let detail = admin
            .describe_provisioning_artifact()
            .product_name(PRODUCT)
            .provisioning_artifact_id(summary.id().unwrap())
            .send()
            .await
            .unwrap();
        if detail.provisioning_artifact_detail().unwrap().active() == Some(true) {
            artifact = summary.id().map(str::to_string);
        }
    }
    let artifact = artifact.expect("an active artifact");

    // ct_provisioning_access: the portfolio by name; associate AWSAFTService if missing.
    let portfolio = admin
        .list_portfolios()
        .send()
        .await
        .unwrap()
        .portfolio_details()
        .iter()
        .find(|p| p.display_name() == Some(PORTFOLIO))
        .unwrap()
        .id()
        .unwrap()
        .to_string();
    let role = format!("arn:aws:iam::{MGMT}:role/{AFT_ROLE}");
    let principals = admin
        .list_principals_for_portfolio()
        .portfolio_id(&portfolio)
        .send()
        .await
        .unwrap();
    assert!(!principals
        .principals()
        .iter()
        .any(|p| p.principal_arn() == Some(role.as_str())));
    admin
        .associate_principal_with_portfolio()
        .portfolio_id(&portfolio)
        .principal_arn(&role)
        .principal_type(PrincipalType::Iam)
        .send()
        .await
        .unwrap();
    let aft = session(&w.app, MGMT, AFT_ROLE).await;

    // new_account_request: name and email unused in the organization.
    let accounts = w.orgs.list_accounts().send().await.unwrap();
    assert!(!accounts
        .accounts()
        .iter()
        .any(|a| a.name() == Some("Team Dev") || a.email() == Some("team-dev@example.com")));
    let account_name = "Team Dev";
    let mut parameters = params("team-dev", "Team (TEAM)");
    parameters[0] = aws_sdk_servicecatalog::types::ProvisioningParameter::builder()
        .key("AccountName")
        .value(account_name)
        .build();
    parameters[5] = aws_sdk_servicecatalog::types::ProvisioningParameter::builder()
        .key("ManagedOrganizationalUnit")
        .value(format!("Team ({})", w.team))
        .build();
    let provisioned = aft
        .provision_product()
        .product_id(&product_id)
        .provisioning_artifact_id(&artifact)
        .provisioned_product_name(account_name.replace(' ', "-"))
        .set_provisioning_parameters(Some(parameters))
        .provision_token("6c1f1a3e-93a8-11ee-b9d1-0242ac120002")
        .send()
        .await
        .unwrap();
    let record = provisioned.record_detail().unwrap();

    // ct_request_is_under_change / concurrency: the factory's products in flight.
    let search = |query: String| {
        aft.search_provisioned_products()
            .filters(ProvisionedProductViewFilterBy::SearchQuery, vec![query])
            .page_size(100)
            .send()
    };
    let in_flight = search("type:CONTROL_TOWER_ACCOUNT".into()).await.unwrap();
    assert_eq!(in_flight.total_results_count(), 1);
    assert_eq!(
        in_flight.provisioned_products()[0].status(),
        Some(&ProvisionedProductStatus::UnderChange)
    );

    let done = w.settled(record.record_id().unwrap()).await;
    assert_eq!(done.status(), Some(&RecordStatus::Succeeded), "{done:?}");
    let account_id = w
        .orgs
        .list_accounts()
        .send()
        .await
        .unwrap()
        .accounts()
        .iter()
        .find(|a| a.name() == Some(account_name))
        .unwrap()
        .id()
        .unwrap()
        .to_string();
    // get_provisioned_product_from_account_id.
    let by_account = search(format!("physicalId:{account_id}")).await.unwrap();
    let pp = &by_account.provisioned_products()[0];
    assert_eq!(pp.r#type(), Some("CONTROL_TOWER_ACCOUNT"));
    assert_eq!(pp.physical_id(), Some(account_id.as_str()));
    let pp_id = pp.id().unwrap().to_string();
    // get_account_email_from_provisioned_product.
    let outputs = aft
        .get_provisioned_product_outputs()
        .provisioned_product_id(&pp_id)
        .output_keys("AccountEmail")
        .send()
        .await
        .unwrap();
    assert_eq!(outputs.outputs().len(), 1);
    assert_eq!(
        outputs.outputs()[0].output_value(),
        Some("team-dev@example.com")
    );

    // modify_ct_request: only ManagedOrganizationalUnit changes.
    let mut changed: Vec<UpdateProvisioningParameter> = params("team-dev", "")
        .into_iter()
        .map(|p| {
            let key = p.key().unwrap().to_string();
            let value = match key.as_str() {
                "AccountName" => account_name.to_string(),
                _ => p.value().unwrap().to_string(),
            };
            UpdateProvisioningParameter::builder()
                .key(key)
                .value(value)
                .build()
        })
        .collect();
    changed[5] = UpdateProvisioningParameter::builder()
        .key("ManagedOrganizationalUnit")
        .value("Sandbox")
        .build();
    let update = aft
        .update_provisioned_product()
        .provisioned_product_id(&pp_id)
        .product_id(&product_id)
        .provisioning_artifact_id(&artifact)
        .set_provisioning_parameters(Some(changed))
        .update_token("7d2a9b4e-93a8-11ee-b9d1-0242ac120002")
        .send()
        .await
        .unwrap();
    let done = w
        .settled(update.record_detail().unwrap().record_id().unwrap())
        .await;
    assert_eq!(done.status(), Some(&RecordStatus::Succeeded), "{done:?}");
    assert_eq!(w.parent(&account_id).await, w.sandbox);
}

#[tokio::test]
async fn aft_older_counts_in_flight_products_with_scan() {
    let w = super::world_with(HELD).await;
    let first = w
        .provision("older-one", params("older-one", "Sandbox"))
        .await;
    let scan = || {
        w.vendor
            .scan_provisioned_products()
            .access_level_filter(
                AccessLevelFilter::builder()
                    .key(AccessLevelFilterKey::Account)
                    .value("self")
                    .build(),
            )
            .send()
    };
    let in_flight = |out: &aws_sdk_servicecatalog::operation::scan_provisioned_products::ScanProvisionedProductsOutput| {
        out.provisioned_products()
            .iter()
            .filter(|p| {
                p.r#type() == Some("CONTROL_TOWER_ACCOUNT")
                    && p.product_id() == Some(w.prod.as_str())
                    && matches!(
                        p.status(),
                        Some(
                            ProvisionedProductStatus::UnderChange
                                | ProvisionedProductStatus::PlanInProgress
                        )
                    )
            })
            .count()
    };
    assert_eq!(in_flight(&scan().await.unwrap()), 1);
    let done = w.settled(first.record_id().unwrap()).await;
    assert_eq!(done.status(), Some(&RecordStatus::Succeeded));
    let after = scan().await.unwrap();
    assert_eq!(in_flight(&after), 0);
    assert_eq!(after.provisioned_products().len(), 1);
}
