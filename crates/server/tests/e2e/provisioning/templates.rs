//! Templates from `--templates DIR`: what DescribeProvisioningParameters shows, parameters
//! validated with CloudFormation's texts (in the failed record and the ERROR product, as AWS
//! reports them), outputs resolved, and templates that are refused (too large, too deep) or
//! never read (a URL that would leave DIR, a symlink out of it).

use aws_sdk_servicecatalog::types::{ProductType, ProvisionedProductStatus, RecordStatus};

use super::{failure, launch, param, product_with, settled, world, write_template, OWNER};

pub(crate) const TEMPLATE: &str = r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env: {Type: String, AllowedValues: [dev, prod]}
  Size: {Type: Number, Default: 2, MinValue: 1, MaxValue: 5}
  Secret: {Type: String, NoEcho: true, Default: hidden}
  Label:
    Type: String
    AllowedPattern: "[a-z]+"
    ConstraintDescription: lowercase letters only
    Default: app
Resources:
  Bucket: {Type: "AWS::S3::Bucket"}
Outputs:
  Where:
    Value: !Sub "${Env}-${AWS::Region}-${AWS::AccountId}"
    Description: the env and region
  BucketArn: {Value: !GetAtt Bucket.Arn}
  SecretOut: {Value: !Ref Secret}
"#;

#[tokio::test]
async fn provisioning_parameters_come_from_the_template() {
    let w = world(Some(TEMPLATE)).await;
    let out = w
        .dev
        .describe_provisioning_parameters()
        .product_id(&w.prod)
        .provisioning_artifact_id(&w.pa)
        .send()
        .await
        .unwrap();
    let params = out.provisioning_artifact_parameters();
    let keys: Vec<_> = params.iter().map(|p| p.parameter_key().unwrap()).collect();
    assert_eq!(keys, ["Env", "Size", "Secret", "Label"]);
    let size = &params[1];
    assert_eq!(size.default_value(), Some("2"));
    let c = size.parameter_constraints().unwrap();
    assert_eq!((c.min_value(), c.max_value()), (Some("1"), Some("5")));
    assert!(c.allowed_values().is_empty());
    assert!(params[2].is_no_echo());
    let usage: Vec<_> = out
        .usage_instructions()
        .iter()
        .map(|u| (u.r#type().unwrap(), u.value().unwrap()))
        .collect();
    assert_eq!(
        usage,
        [
            ("rules", "{}"),
            ("version", "2010-09-09"),
            ("tagUpdateOnProvisionedProduct", "NOT_ALLOWED")
        ]
    );
    let outputs: Vec<_> = out
        .provisioning_artifact_output_keys()
        .iter()
        .map(|o| o.key().unwrap())
        .collect();
    assert_eq!(outputs, ["Where", "BucketArn", "SecretOut"]);
    let artifact = w
        .admin
        .describe_provisioning_artifact()
        .product_id(&w.prod)
        .provisioning_artifact_id(&w.pa)
        .include_provisioning_artifact_parameters(true)
        .send()
        .await
        .unwrap();
    assert_eq!(artifact.provisioning_artifact_parameters().len(), 4);
}

#[tokio::test]
async fn bad_parameters_fail_the_record_with_cloudformations_text() {
    let w = world(Some(TEMPLATE)).await;
    let cases = [
        ("a", vec![], "Parameters: [Env] must have values"),
        (
            "b",
            vec![param("Env", "qa")],
            "Parameter 'Env' must be one of AllowedValues",
        ),
        (
            "c",
            vec![param("Env", "dev"), param("Label", "UP")],
            "Parameter 'Label' failed to satisfy constraint: lowercase letters only",
        ),
        (
            "d",
            vec![param("Env", "dev"), param("Size", "9")],
            "Parameter 'Size' must be a number not greater than 5",
        ),
        (
            "e",
            vec![param("Env", "dev"), param("Nope", "1")],
            "Parameters: [Nope] do not exist in the template",
        ),
    ];
    for (name, params, text) in cases {
        let record = launch(&w.dev, &w.prod, &w.pa, name, params).await;
        assert_eq!(record.status(), Some(&RecordStatus::Created));
        let done = settled(&w.app, &w.dev, &record).await;
        assert_eq!(done.status(), Some(&RecordStatus::Failed), "{name}");
        let description = done.record_errors()[0].description().unwrap();
        let prefix =
            format!("AmazonCloudFormationException  {text} (Service: AmazonCloudFormation;");
        assert!(description.starts_with(&prefix), "{description}");
        let pp = w
            .dev
            .describe_provisioned_product()
            .name(name)
            .send()
            .await
            .unwrap();
        let detail = pp.provisioned_product_detail().unwrap();
        assert_eq!(detail.status(), Some(&ProvisionedProductStatus::Error));
        assert_eq!(detail.status_message(), Some(description));
        assert_eq!(detail.last_successful_provisioning_record_id(), None);
    }
}

#[tokio::test]
async fn outputs_resolve_from_parameters_and_stay_stable() {
    let w = world(Some(TEMPLATE)).await;
    let pp = super::launched(
        &w,
        "web",
        vec![param("Env", "prod"), param("Secret", "s3cr3t")],
    )
    .await;
    let read = || async {
        w.dev
            .get_provisioned_product_outputs()
            .provisioned_product_id(&pp)
            .send()
            .await
            .unwrap()
            .outputs()
            .iter()
            .map(|o| {
                (
                    o.output_key().unwrap().to_string(),
                    o.output_value().unwrap().to_string(),
                )
            })
            .collect::<Vec<_>>()
    };
    let first = read().await;
    assert_eq!(
        first[0],
        ("Where".into(), format!("prod-us-east-1-{OWNER}"))
    );
    assert!(
        first[1].1.contains(&pp),
        "a placeholder derived from the product: {first:?}"
    );
    // CloudFormation shows a NoEcho value in outputs as given.
    assert_eq!(first[2], ("SecretOut".into(), "s3cr3t".into()));
    assert_eq!(first[3].0, "CloudformationStackARN");
    assert_eq!(read().await, first);
    let one = w
        .dev
        .get_provisioned_product_outputs()
        .provisioned_product_name("web")
        .output_keys("Where")
        .send()
        .await
        .unwrap();
    assert_eq!(one.outputs().len(), 1);
}

#[tokio::test]
async fn hostile_templates_are_refused_and_paths_never_leave_the_directory() {
    let w = world(Some(TEMPLATE)).await;
    let dir = w.dir.as_ref().unwrap().path();
    let huge = format!("Resources:\n  A: {{Type: X}}\n#{}\n", "x".repeat(1_100_000));
    write_template(dir, "bucket/huge.yaml", &huge);
    let deep = format!(
        "Resources:\n  A: {}x{}\n",
        "[".repeat(5000),
        "]".repeat(5000)
    );
    write_template(dir, "bucket/deep.yaml", &deep);
    for (key, text) in [
        (
            "huge.yaml",
            "Template may not exceed 1048576 bytes in size.",
        ),
        ("deep.yaml", "Template format error"),
    ] {
        let url = format!("https://bucket.s3.amazonaws.com/{key}");
        let refused = w
            .admin
            .create_product()
            .name(key)
            .owner("o")
            .product_type(ProductType::CloudFormationTemplate)
            .provisioning_artifact_parameters(
                aws_sdk_servicecatalog::types::ProvisioningArtifactProperties::builder()
                    .info("LoadTemplateFromURL", &url)
                    .build(),
            )
            .idempotency_token(key.replace('.', "-"))
            .send()
            .await;
        let (code, message) = failure(refused);
        assert_eq!(code, "InvalidParametersException", "{key}");
        assert!(message.starts_with(text), "{key}: {message}");
    }
    // A file outside DIR, reached by `..` in the URL or by a symlink inside DIR, is never read:
    // the artifact stays opaque (no parameters), as for a file that does not exist.
    let outside = tempfile::tempdir().unwrap();
    write_template(outside.path(), "secret.yaml", TEMPLATE);
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        outside.path().join("secret.yaml"),
        dir.join("bucket/link.yaml"),
    )
    .unwrap();
    let escape = format!(
        "https://s3.amazonaws.com/bucket/%2e%2e/%2e%2e{}/secret.yaml",
        outside.path().display()
    );
    for (name, url) in [
        ("escape", escape.as_str()),
        ("link", "https://bucket.s3.amazonaws.com/link.yaml"),
        ("absent", "https://bucket.s3.amazonaws.com/absent.yaml"),
    ] {
        let (prod, pa) =
            product_with(&w.admin, name, url, ProductType::CloudFormationTemplate).await;
        let artifact = w
            .admin
            .describe_provisioning_artifact()
            .product_id(&prod)
            .provisioning_artifact_id(&pa)
            .include_provisioning_artifact_parameters(true)
            .send()
            .await
            .unwrap();
        assert!(
            artifact.provisioning_artifact_parameters().is_empty(),
            "{name}"
        );
        assert_eq!(
            artifact
                .info()
                .unwrap()
                .get("TemplateUrl")
                .map(String::as_str),
            Some(url)
        );
    }
    // The server is still fine.
    w.admin.list_portfolios().send().await.unwrap();
}
