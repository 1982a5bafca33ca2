//! Products, provisioning artifacts, principals, TagOptions, constraints and the end
//! user's view through the official Rust SDK, as the portfolio owner and as other accounts.
//! What a share carries to its recipients is pinned in `recipient.rs`.

use aws_sdk_servicecatalog::config::Credentials;
use aws_sdk_servicecatalog::error::ProvideErrorMetadata;
use aws_sdk_servicecatalog::types::{ProductType, ProvisioningArtifactProperties};
use aws_sdk_servicecatalog::Client;

pub(crate) use crate::helpers::portfolio;
use crate::helpers::TestApp;

mod catalog;
mod constraints;
mod principals;
mod tag_options;

const OWNER: &str = "111111111111";
const OTHER: &str = "222222222222";
const TEMPLATE: &str = "https://s3.amazonaws.com/bucket/template.yaml";

/// `<prefix>` + 13 characters of `[a-z2-7]`, as every Service Catalog id.
fn is_catalog_id(id: &str, prefix: &str) -> bool {
    id.strip_prefix(prefix).is_some_and(|rest| {
        rest.len() == 13 && rest.bytes().all(|c| matches!(c, b'a'..=b'z' | b'2'..=b'7'))
    })
}

/// The code and message of a call that must fail.
pub(crate) fn failure<T: std::fmt::Debug, E: ProvideErrorMetadata + std::fmt::Debug>(
    result: Result<T, E>,
) -> (String, String) {
    let e = result.unwrap_err();
    (
        e.code().unwrap_or_default().to_string(),
        e.message().unwrap_or_default().to_string(),
    )
}

fn artifact(name: &str) -> ProvisioningArtifactProperties {
    ProvisioningArtifactProperties::builder()
        .name(name)
        .description("first")
        .info("LoadTemplateFromURL", TEMPLATE)
        .build()
}

/// A new product named `name` with version `v1`: (product id, artifact id).
pub(crate) async fn product(sc: &Client, name: &str) -> (String, String) {
    let out = sc
        .create_product()
        .name(name)
        .owner("Platform")
        .product_type(ProductType::CloudFormationTemplate)
        .provisioning_artifact_parameters(artifact("v1"))
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

/// Puts `prod` in `port`.
pub(crate) async fn add(sc: &Client, prod: &str, port: &str) {
    sc.associate_product_with_portfolio()
        .product_id(prod)
        .portfolio_id(port)
        .send()
        .await
        .unwrap();
}

/// Service Catalog as a session of `role` in `account`, from STS AssumeRole.
pub(crate) async fn session(app: &TestApp, account: &str, role: &str) -> Client {
    let out = app
        .sts(account)
        .assume_role()
        .role_arn(format!("arn:aws:iam::{account}:role/{role}"))
        .role_session_name("s1")
        .send()
        .await
        .unwrap();
    let c = out.credentials().unwrap();
    let creds = Credentials::new(
        c.access_key_id(),
        c.secret_access_key(),
        Some(c.session_token().to_string()),
        None,
        "sts",
    );
    app.catalog_with(creds, "us-east-1")
}
