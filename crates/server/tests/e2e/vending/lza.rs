//! The Landing Zone Accelerator's calls, replayed (provisioning.md §21.7; LZA's Control Tower
//! account-creation Lambda): it associates its role with the portfolio it finds by name,
//! finds exactly one product by FullTextSearch, takes the first active artifact, provisions by
//! ProductName with the legacy VPC keys still in the parameters and the OU as a bare id, then
//! polls SearchProvisionedProducts (Account/self) by status, filtered by Type, and reads the
//! StatusMessage of products in ERROR.

use aws_sdk_servicecatalog::types::{
    AccessLevelFilter, AccessLevelFilterKey, PrincipalType, ProductViewFilterBy,
    ProvisionedProductViewFilterBy, ProvisioningParameter, RecordStatus,
};

use super::{bare_world, params, session, MGMT, PORTFOLIO, PRODUCT};

#[tokio::test]
#[expect(
    clippy::too_many_lines,
    reason = "a client's calls, replayed in its order, read best as one story"
)]
async fn lza_vends_by_product_name_with_legacy_keys_and_polls_by_status() {
    let w = bare_world(std::time::Duration::ZERO).await;
    let port = w
        .admin
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
    w.admin
        .associate_principal_with_portfolio()
        .portfolio_id(&port)
        .principal_arn(format!(
            "arn:aws:iam::{MGMT}:role/AWSAccelerator-CreateAccounts"
        ))
        .principal_type(PrincipalType::Iam)
        .send()
        .await
        .unwrap();
    let lza = session(&w.app, MGMT, "AWSAccelerator-CreateAccounts").await;

    let found = lza
        .search_products()
        .filters(
            ProductViewFilterBy::FullTextSearch,
            vec![PRODUCT.to_string()],
        )
        .send()
        .await
        .unwrap();
    assert_eq!(found.product_view_summaries().len(), 1);
    let product_id = found.product_view_summaries()[0].product_id().unwrap();
    let artifacts = lza
        .list_provisioning_artifacts()
        .product_id(product_id)
        .send()
        .await
        .unwrap();
    let artifact = artifacts
        .provisioning_artifact_details()
        .iter()
        .find(|a| a.active() == Some(true))
        .unwrap()
        .id()
        .unwrap()
        .to_string();

    let mut parameters = params("lza-dev", &w.workloads);
    for (k, v) in [
        ("VPCOptions", "No-Primary-VPC"),
        ("VPCRegion", "us-east-1"),
        ("VPCCidr", "10.0.0.0/16"),
        ("PeerVPC", "false"),
    ] {
        parameters.push(ProvisioningParameter::builder().key(k).value(v).build());
    }
    let provision = |name: &str, parameters: Vec<ProvisioningParameter>| {
        lza.provision_product()
            .product_name(PRODUCT)
            .provisioning_artifact_id(&artifact)
            .provisioned_product_name(name)
            .set_provisioning_parameters(Some(parameters))
            .provision_token(format!("lza-{name}"))
            .send()
    };
    let good = provision("lza-dev", parameters).await.unwrap();
    let mut bad = params("lza-bad", "Workloads");
    bad[1] = ProvisioningParameter::builder()
        .key("AccountEmail")
        .value("lza-dev@example.com")
        .build();
    let failing = provision("lza-bad", bad).await.unwrap();
    let good = w
        .settled(good.record_detail().unwrap().record_id().unwrap())
        .await;
    assert_eq!(good.status(), Some(&RecordStatus::Succeeded), "{good:?}");
    let failing = w
        .settled(failing.record_detail().unwrap().record_id().unwrap())
        .await;
    assert_eq!(failing.status(), Some(&RecordStatus::Failed));

    let by_status = |status: &'static str| {
        lza.search_provisioned_products()
            .access_level_filter(
                AccessLevelFilter::builder()
                    .key(AccessLevelFilterKey::Account)
                    .value("self")
                    .build(),
            )
            .filters(
                ProvisionedProductViewFilterBy::SearchQuery,
                vec![format!("status: {status}")],
            )
            .send()
    };
    for status in ["UNDER_CHANGE", "PLAN_IN_PROGRESS", "TAINTED"] {
        let out = by_status(status).await.unwrap();
        assert_eq!(out.provisioned_products().len(), 0, "{status}");
    }
    let errors = by_status("ERROR").await.unwrap();
    let errored: Vec<_> = errors
        .provisioned_products()
        .iter()
        .filter(|p| p.r#type() == Some("CONTROL_TOWER_ACCOUNT"))
        .collect();
    assert_eq!(errored.len(), 1);
    assert_eq!(errored[0].name(), Some("lza-bad"));
    assert!(errored[0]
        .status_message()
        .unwrap()
        .contains("the email address provided is associated with another account"));
    let available = by_status("AVAILABLE").await.unwrap();
    assert_eq!(available.provisioned_products()[0].name(), Some("lza-dev"));
    let account = available.provisioned_products()[0].physical_id().unwrap();
    assert_eq!(w.parent(account).await, w.workloads);
}
