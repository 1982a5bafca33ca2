//! Provisioning records acknowledged CREATED survive a SIGKILL: after a restart on the same
//! data directory each finishes exactly once — one record per product, SUCCEEDED, the product
//! AVAILABLE with that record as its last successful one, and no job left behind.

use aws_sdk_servicecatalog::config::Credentials;
use aws_sdk_servicecatalog::types::{
    AccessLevelFilter, AccessLevelFilterKey, ListRecordHistorySearchFilter,
    ProvisionedProductStatus, ProvisioningArtifactProperties, RecordStatus,
};
use aws_sdk_servicecatalog::Client;

use super::process::{catalog, catalog_with};
use super::start;

const OWNER: &str = "123456789012";
const LAUNCHES: usize = 40;

/// A session of role Dev in OWNER, from STS AssumeRole on `port`.
async fn session(port: u16) -> Credentials {
    let sts = aws_sdk_sts::Client::from_conf(
        aws_sdk_sts::Config::builder()
            .behavior_version(aws_sdk_sts::config::BehaviorVersion::latest())
            .region(aws_sdk_sts::config::Region::new("us-east-1"))
            .credentials_provider(Credentials::new(OWNER, "secret", None, None, "test"))
            .endpoint_url(format!("http://127.0.0.1:{port}"))
            .http_client(aws_smithy_http_client::Builder::new().build_http())
            .build(),
    );
    let out = sts
        .assume_role()
        .role_arn(format!("arn:aws:iam::{OWNER}:role/Dev"))
        .role_session_name("crash")
        .send()
        .await
        .unwrap();
    let c = out.credentials().unwrap();
    Credentials::new(
        c.access_key_id(),
        c.secret_access_key(),
        Some(c.session_token().to_string()),
        None,
        "sts",
    )
}

/// A portfolio holding one opaque product that role Dev may launch: (product, artifact).
async fn catalog_for_dev(admin: &Client) -> (String, String) {
    let port = admin
        .create_portfolio()
        .display_name("P")
        .provider_name("Q")
        .idempotency_token("p")
        .send()
        .await
        .unwrap();
    let port = port.portfolio_detail().unwrap().id().unwrap().to_string();
    let product = admin
        .create_product()
        .name("App")
        .owner("Q")
        .product_type(aws_sdk_servicecatalog::types::ProductType::CloudFormationTemplate)
        .provisioning_artifact_parameters(
            ProvisioningArtifactProperties::builder()
                .info("LoadTemplateFromURL", "https://s3.amazonaws.com/b/t.yaml")
                .build(),
        )
        .idempotency_token("prod")
        .send()
        .await
        .unwrap();
    let prod = product
        .product_view_detail()
        .and_then(|d| d.product_view_summary())
        .and_then(|s| s.product_id())
        .unwrap()
        .to_string();
    let pa = product
        .provisioning_artifact_detail()
        .unwrap()
        .id()
        .unwrap()
        .to_string();
    admin
        .associate_product_with_portfolio()
        .product_id(&prod)
        .portfolio_id(&port)
        .send()
        .await
        .unwrap();
    admin
        .associate_principal_with_portfolio()
        .portfolio_id(&port)
        .principal_arn(format!("arn:aws:iam::{OWNER}:role/Dev"))
        .principal_type(aws_sdk_servicecatalog::types::PrincipalType::Iam)
        .send()
        .await
        .unwrap();
    (prod, pa)
}

#[tokio::test]
#[allow(
    clippy::too_many_lines,
    reason = "start, launch, kill, restart and check read best as one story"
)]
async fn acknowledged_records_finish_exactly_once_after_a_kill() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    // Held in progress long enough that the kill lands before any record finishes.
    let held = ["--provisioning-delay", "3s"];
    let mut server = start(&data, &held).await;
    let port = server.port;
    let (prod, pa) = catalog_for_dev(&catalog(port, OWNER)).await;
    let credentials = session(port).await;
    let dev = catalog_with(port, credentials.clone());
    let mut acknowledged = Vec::new();
    for i in 0..LAUNCHES {
        let out = dev
            .provision_product()
            .product_id(&prod)
            .provisioning_artifact_id(&pa)
            .provisioned_product_name(format!("app-{i}"))
            .provision_token(format!("t-{i}"))
            .send()
            .await
            .unwrap();
        let record = out.record_detail().unwrap();
        assert_eq!(record.status(), Some(&RecordStatus::Created));
        acknowledged.push(record.record_id().unwrap().to_string());
    }
    // The worker starts them (IN_PROGRESS) and holds them; then the process dies.
    server.post("/_sclocal/jobs/drain").await;
    let first = dev
        .describe_record()
        .id(&acknowledged[0])
        .send()
        .await
        .unwrap();
    assert_eq!(
        first.record_detail().unwrap().status(),
        Some(&RecordStatus::InProgress)
    );
    server.kill(); // SIGKILL

    let server = start(&data, &held).await;
    let port = server.port;
    let dev = catalog_with(port, credentials);
    // The records fall due once their delay has passed (and a dead worker's lease, if it held
    // one, has run out): poll, bounded, never a fixed sleep.
    let last = acknowledged.last().unwrap().clone();
    let mut finished = false;
    for _ in 0..600 {
        server.post("/_sclocal/jobs/drain").await;
        let record = dev.describe_record().id(&last).send().await.unwrap();
        if record.record_detail().unwrap().status() == Some(&RecordStatus::Succeeded) {
            finished = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(
        finished,
        "the held records never finished after the restart"
    );
    server.post("/_sclocal/jobs/drain").await;
    let all = AccessLevelFilter::builder()
        .key(AccessLevelFilterKey::Account)
        .value("self")
        .build();
    for id in &acknowledged {
        let record = dev.describe_record().id(id).send().await.unwrap();
        let record = record.record_detail().unwrap();
        assert_eq!(record.status(), Some(&RecordStatus::Succeeded), "{id}");
        let pp = record.provisioned_product_id().unwrap();
        let product = dev
            .describe_provisioned_product()
            .id(pp)
            .send()
            .await
            .unwrap();
        let product = product.provisioned_product_detail().unwrap();
        assert_eq!(product.status(), Some(&ProvisionedProductStatus::Available));
        assert_eq!(
            product.last_successful_provisioning_record_id(),
            Some(id.as_str())
        );
        let history = dev
            .list_record_history()
            .access_level_filter(all.clone())
            .search_filter(
                ListRecordHistorySearchFilter::builder()
                    .key("provisionedproduct")
                    .value(pp)
                    .build(),
            )
            .send()
            .await
            .unwrap();
        assert_eq!(history.record_details().len(), 1, "one record for {pp}");
    }
    let search = dev
        .search_provisioned_products()
        .page_size(100)
        .send()
        .await
        .unwrap();
    assert_eq!(
        search.total_results_count(),
        i32::try_from(LAUNCHES).unwrap()
    );
}
