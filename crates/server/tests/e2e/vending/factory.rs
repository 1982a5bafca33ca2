//! The Account Factory a bootstrap sets up (provisioning.md §21.1): the portfolio and product
//! by their names and owner, one active artifact named after the product, the template's six
//! parameters with `ManagedOrganizationalUnit`'s AllowedValues following the OUs (a new OU
//! shows at once), a LAUNCH constraint, no principal; the same ids after a restart on the same
//! data directory; no factory without the key.

use aws_sdk_servicecatalog::error::ProvideErrorMetadata as _;

use super::{world, BOOTSTRAP, MGMT, PORTFOLIO, PRODUCT};
use crate::helpers::spawn_with;

#[tokio::test]
async fn the_factory_is_what_control_tower_creates_and_its_ous_follow_the_organization() {
    let w = world().await;
    let port = w
        .admin
        .describe_portfolio()
        .id(&w.port)
        .send()
        .await
        .unwrap();
    let detail = port.portfolio_detail().unwrap();
    assert_eq!(detail.display_name(), Some(PORTFOLIO));
    assert_eq!(detail.provider_name(), Some("AWS Control Tower"));
    let prod = w
        .admin
        .describe_product_as_admin()
        .id(&w.prod)
        .send()
        .await
        .unwrap();
    let summary = prod
        .product_view_detail()
        .and_then(|d| d.product_view_summary())
        .unwrap();
    assert_eq!(summary.name(), Some(PRODUCT));
    assert_eq!(summary.owner(), Some("AWS Control Tower"));
    let artifacts = prod.provisioning_artifact_summaries();
    assert_eq!(artifacts.len(), 1);
    assert_eq!(artifacts[0].name(), Some(PRODUCT));
    let constraints = w
        .admin
        .list_constraints_for_portfolio()
        .portfolio_id(&w.port)
        .send()
        .await
        .unwrap();
    assert_eq!(constraints.constraint_details().len(), 1);
    assert_eq!(constraints.constraint_details()[0].r#type(), Some("LAUNCH"));

    // Nobody was associated by the bootstrap: only the role the world associated.
    let principals = w
        .admin
        .list_principals_for_portfolio()
        .portfolio_id(&w.port)
        .send()
        .await
        .unwrap();
    assert_eq!(principals.principals().len(), 1);

    let keys = |out: &aws_sdk_servicecatalog::operation::describe_provisioning_parameters::DescribeProvisioningParametersOutput| {
        out.provisioning_artifact_parameters()
            .iter()
            .map(|p| p.parameter_key().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    let ou_values = |out: &aws_sdk_servicecatalog::operation::describe_provisioning_parameters::DescribeProvisioningParametersOutput| {
        out.provisioning_artifact_parameters()
            .iter()
            .find(|p| p.parameter_key() == Some("ManagedOrganizationalUnit"))
            .and_then(|p| p.parameter_constraints())
            .map(|c| c.allowed_values().to_vec())
            .unwrap()
    };
    let describe = || {
        w.vendor
            .describe_provisioning_parameters()
            .product_id(&w.prod)
            .provisioning_artifact_id(&w.pa)
            .send()
    };
    let before = describe().await.unwrap();
    assert_eq!(
        keys(&before),
        [
            "AccountName",
            "AccountEmail",
            "SSOUserFirstName",
            "SSOUserLastName",
            "SSOUserEmail",
            "ManagedOrganizationalUnit"
        ]
    );
    assert_eq!(
        ou_values(&before),
        [
            format!("Sandbox ({})", w.sandbox),
            format!("Workloads ({})", w.workloads),
            format!("Team ({})", w.team),
        ]
    );
    let made = w
        .orgs
        .create_organizational_unit()
        .parent_id(&w.root)
        .name("Security")
        .send()
        .await
        .unwrap();
    let security = made.organizational_unit().unwrap().id().unwrap();
    let after = describe().await.unwrap();
    assert!(ou_values(&after).contains(&format!("Security ({security})")));
}

/// The administrator's view of the artifact (DescribeProvisioningArtifact with its
/// parameters) lists the OUs as they are now, as DescribeProvisioningParameters does.
#[tokio::test]
async fn the_artifacts_parameters_list_the_organizations_ous_too() {
    let w = world().await;
    let artifact = w
        .admin
        .describe_provisioning_artifact()
        .product_id(&w.prod)
        .provisioning_artifact_id(&w.pa)
        .include_provisioning_artifact_parameters(true)
        .send()
        .await
        .unwrap();
    let listed = artifact
        .provisioning_artifact_parameters()
        .iter()
        .find(|p| p.parameter_key() == Some("ManagedOrganizationalUnit"))
        .and_then(|p| p.parameter_constraints())
        .map(|c| c.allowed_values().to_vec())
        .unwrap();
    assert_eq!(
        listed,
        [
            format!("Sandbox ({})", w.sandbox),
            format!("Workloads ({})", w.workloads),
            format!("Team ({})", w.team),
        ]
    );
}

#[tokio::test]
async fn a_restart_on_the_same_data_keeps_the_factory_and_its_ids() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("org.yaml");
    std::fs::write(&file, BOOTSTRAP).unwrap();
    let config = || {
        let mut c = sclocal_server::Config::for_tests();
        c.in_memory = false;
        c.data_dir = dir.path().join("data");
        c.bootstrap = Some(file.clone());
        c
    };
    let ids = |app: crate::helpers::TestApp| async move {
        let sc = app.catalog(MGMT);
        let prod = sc
            .describe_product_as_admin()
            .name(PRODUCT)
            .send()
            .await
            .unwrap();
        let ports = sc.list_portfolios().send().await.unwrap();
        (
            prod.product_view_detail()
                .unwrap()
                .product_arn()
                .unwrap()
                .to_string(),
            ports
                .portfolio_details()
                .iter()
                .map(|p| p.id().unwrap().to_string())
                .collect::<Vec<_>>(),
        )
    };
    let first = ids(spawn_with(config()).await).await;
    let second = ids(spawn_with(config()).await).await;
    assert_eq!(first.1.len(), 1);
    assert_eq!(first, second);
}

#[tokio::test]
async fn without_the_key_there_is_no_factory() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("org.yaml");
    std::fs::write(
        &file,
        BOOTSTRAP.replace("account_factory: true", "account_factory: false"),
    )
    .unwrap();
    let mut config = sclocal_server::Config::for_tests();
    config.bootstrap = Some(file);
    let app = spawn_with(config).await;
    let err = app
        .catalog(MGMT)
        .describe_product_as_admin()
        .name(PRODUCT)
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some("ResourceNotFoundException"));
    assert!(err.message().unwrap().contains(PRODUCT), "{err:?}");
}

#[test]
fn a_bad_factory_entry_is_refused_with_its_line() {
    let bad = BOOTSTRAP.replace("account_factory: true", "account_factory: {region: Mars}");
    let err = sclocal_server::bootstrap::parse("org.yaml", &bad).unwrap_err();
    assert!(
        err.to_string().contains("org.yaml line 5")
            && err.to_string().contains("\"Mars\" is not a region name"),
        "{err}"
    );
    let ok = BOOTSTRAP.replace(
        "account_factory: true",
        "account_factory: {region: eu-west-1}",
    );
    let plan = sclocal_server::bootstrap::parse("org.yaml", &ok).unwrap();
    assert_eq!(plan.orgs[0].account_factory.as_deref(), Some("eu-west-1"));
}
