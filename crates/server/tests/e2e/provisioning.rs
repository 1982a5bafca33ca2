//! Provisioning through the official Rust SDK: an end user (an assumed-role session) launches
//! products from its own portfolio, an accepted share and an organization share; records and
//! provisioned products go through their states in the background (`POST
//! /_sclocal/jobs/drain` finishes them); templates from `--templates` validate parameters and
//! resolve outputs. One file per theme below.

use std::path::Path;

use aws_sdk_servicecatalog::types::{
    PrincipalType, ProductType, ProvisioningArtifactProperties, ProvisioningParameter,
    RecordDetail, RecordStatus,
};
use aws_sdk_servicecatalog::Client;

use crate::helpers::{portfolio, spawn_with, TestApp};
pub(crate) use crate::products::{add, failure, session};

mod constraints;
mod engine;
mod held;
mod lifecycle;
mod plans;
mod search;
mod shares;
mod templates;

pub(crate) const OWNER: &str = "111111111111";
pub(crate) const RECIPIENT: &str = "222222222222";
/// The URL of a template that no `--templates` directory holds: the artifact is opaque.
pub(crate) const OPAQUE: &str = "https://s3.amazonaws.com/bucket/none.yaml";

/// A portfolio, a product in it and an end user allowed to launch it.
pub(crate) struct World {
    pub app: TestApp,
    /// The owner account's administrator (root).
    pub admin: Client,
    /// A session of role `Dev` in the owner account, associated with the portfolio.
    pub dev: Client,
    pub port: String,
    pub prod: String,
    pub pa: String,
    /// The template directory, when the app has one.
    pub dir: Option<tempfile::TempDir>,
}

/// A world whose product's template is `template` (a file in a fresh `--templates`
/// directory), or opaque when `None`.
pub(crate) async fn world(template: Option<&str>) -> World {
    world_with(template, std::time::Duration::ZERO).await
}

/// A world whose records stay in progress for `delay` (`--provisioning-delay`).
pub(crate) async fn world_with(template: Option<&str>, delay: std::time::Duration) -> World {
    let dir = template.map(|text| {
        let dir = tempfile::tempdir().unwrap();
        write_template(dir.path(), "bucket/app.yaml", text);
        dir
    });
    let mut config = sclocal_server::Config::for_tests();
    config.templates = dir.as_ref().map(|d| d.path().to_path_buf());
    config.provisioning_delay = delay;
    let app = spawn_with(config).await;
    let admin = app.catalog(OWNER);
    let port = portfolio(&admin, "Platform").await;
    let url = if template.is_some() {
        "https://bucket.s3.amazonaws.com/app.yaml"
    } else {
        OPAQUE
    };
    let (prod, pa) = product_with(&admin, "App", url, ProductType::CloudFormationTemplate).await;
    add(&admin, &prod, &port).await;
    associate(&admin, &port, &format!("arn:aws:iam::{OWNER}:role/Dev")).await;
    let dev = session(&app, OWNER, "Dev").await;
    World {
        app,
        admin,
        dev,
        port,
        prod,
        pa,
        dir,
    }
}

/// Writes `text` at `relative` below `dir`, making its directories.
pub(crate) fn write_template(dir: &Path, relative: &str, text: &str) {
    let path = dir.join(relative);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A new product of `kind` whose first version's template is at `url`: (product, artifact).
pub(crate) async fn product_with(
    sc: &Client,
    name: &str,
    url: &str,
    kind: ProductType,
) -> (String, String) {
    let out = sc
        .create_product()
        .name(name)
        .owner("Platform")
        .product_type(kind)
        .provisioning_artifact_parameters(
            ProvisioningArtifactProperties::builder()
                .name("v1")
                .info("LoadTemplateFromURL", url)
                .build(),
        )
        .idempotency_token(format!("tok-{name}"))
        .send()
        .await
        .unwrap();
    let id = out
        .product_view_detail()
        .and_then(|d| d.product_view_summary())
        .and_then(|s| s.product_id())
        .unwrap()
        .to_string();
    let pa = out.provisioning_artifact_detail().unwrap().id().unwrap();
    (id, pa.to_string())
}

/// Associates an IAM principal with a portfolio.
pub(crate) async fn associate(sc: &Client, port: &str, arn: &str) {
    sc.associate_principal_with_portfolio()
        .portfolio_id(port)
        .principal_arn(arn)
        .principal_type(PrincipalType::Iam)
        .send()
        .await
        .unwrap();
}

/// A parameter.
pub(crate) fn param(key: &str, value: &str) -> ProvisioningParameter {
    ProvisioningParameter::builder()
        .key(key)
        .value(value)
        .build()
}

/// Launches `prod` version `pa` as `name` with `params`; the record it answers.
pub(crate) async fn launch(
    sc: &Client,
    prod: &str,
    pa: &str,
    name: &str,
    params: Vec<ProvisioningParameter>,
) -> RecordDetail {
    sc.provision_product()
        .product_id(prod)
        .provisioning_artifact_id(pa)
        .provisioned_product_name(name)
        .set_provisioning_parameters(Some(params))
        .provision_token(format!("launch-{name}"))
        .send()
        .await
        .unwrap()
        .record_detail()
        .unwrap()
        .clone()
}

/// Finishes the background work and answers the record as it is then.
pub(crate) async fn settled(app: &TestApp, sc: &Client, record: &RecordDetail) -> RecordDetail {
    app.drain().await;
    sc.describe_record()
        .id(record.record_id().unwrap())
        .send()
        .await
        .unwrap()
        .record_detail()
        .unwrap()
        .clone()
}

/// Launches and waits for the record to finish successfully: the provisioned product id.
pub(crate) async fn launched(w: &World, name: &str, params: Vec<ProvisioningParameter>) -> String {
    let record = launch(&w.dev, &w.prod, &w.pa, name, params).await;
    let done = settled(&w.app, &w.dev, &record).await;
    assert_eq!(done.status(), Some(&RecordStatus::Succeeded), "{done:?}");
    done.provisioned_product_id().unwrap().to_string()
}

/// `AccessLevelFilter {Key: Account, Value: self}`.
pub(crate) fn account_level() -> aws_sdk_servicecatalog::types::AccessLevelFilter {
    aws_sdk_servicecatalog::types::AccessLevelFilter::builder()
        .key(aws_sdk_servicecatalog::types::AccessLevelFilterKey::Account)
        .value("self")
        .build()
}
