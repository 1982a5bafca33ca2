//! The external-engine flow: a Terraform product's records wait IN_PROGRESS for the engine,
//! which reads its queue (`GET /_sclocal/engine/messages`) and reports back with
//! Notify…EngineWorkflowResult; `drain` does not finish them.

use aws_sdk_servicecatalog::types::{
    EngineWorkflowStatus, ProductType, ProvisionedProductStatus, RecordOutput, RecordStatus,
};

use super::{add, associate, failure, launch, product_with, session, settled, OWNER};
use crate::helpers::{portfolio, spawn_app, TestApp};

/// The messages of `queue` (`GET /_sclocal/engine/messages?queue=…`).
async fn messages(app: &TestApp, queue: &str) -> Vec<serde_json::Value> {
    let head = format!("GET /_sclocal/engine/messages?queue={queue} HTTP/1.1\r\n");
    let (status, _, body) = app.raw(&head, b"").await;
    assert_eq!(status, 200);
    let doc: serde_json::Value = serde_json::from_slice(&body).unwrap();
    doc["messages"].as_array().unwrap().clone()
}

#[tokio::test]
#[expect(
    clippy::too_many_lines,
    reason = "one engine-driven product from launch to its end reads best as one story"
)]
async fn a_terraform_product_waits_for_its_engine() {
    let app = spawn_app().await;
    let admin = app.catalog(OWNER);
    let port = portfolio(&admin, "Platform").await;
    let (prod, pa) = product_with(
        &admin,
        "Tf",
        "https://bucket.s3.amazonaws.com/tf.tar.gz",
        ProductType::TerraformOpenSource,
    )
    .await;
    add(&admin, &prod, &port).await;
    associate(&admin, &port, &format!("arn:aws:iam::{OWNER}:role/Dev")).await;
    let dev = session(&app, OWNER, "Dev").await;
    let record = launch(&dev, &prod, &pa, "tf", vec![super::param("Region", "eu")]).await;
    assert_eq!(
        record.provisioned_product_type(),
        Some("TERRAFORM_OPEN_SOURCE")
    );
    // drain does not finish it: the engine has to.
    let waiting = settled(&app, &dev, &record).await;
    assert_eq!(waiting.status(), Some(&RecordStatus::InProgress));
    let pp = waiting.provisioned_product_id().unwrap().to_string();
    let queue = "ServiceCatalogTerraformOSProvisionOperationQueue";
    let sent = messages(&app, queue).await;
    assert_eq!(sent.len(), 1);
    let body = &sent[0]["body"];
    assert_eq!(body["recordId"], record.record_id().unwrap());
    assert_eq!(body["operation"], "PROVISION_PRODUCT");
    assert_eq!(body["artifact"]["path"], "s3://bucket/tf.tar.gz");
    assert_eq!(body["parameters"][0]["key"], "Region");
    let token = body["token"].as_str().unwrap().to_string();

    let notify = |token: String, idempotency: &str, status: EngineWorkflowStatus| {
        admin
            .notify_provision_product_engine_workflow_result()
            .workflow_token(token)
            .record_id(record.record_id().unwrap())
            .status(status)
            .outputs(
                RecordOutput::builder()
                    .output_key("Url")
                    .output_value("https://tf")
                    .build(),
            )
            .idempotency_token(idempotency)
            .send()
    };
    let wrong = notify("nope".into(), "n0", EngineWorkflowStatus::Succeeded).await;
    assert_eq!(failure(wrong).0, "InvalidParametersException");
    notify(token.clone(), "n1", EngineWorkflowStatus::Succeeded)
        .await
        .unwrap();
    // The same report again changes nothing; a different one for a finished record is refused.
    notify(token.clone(), "n1", EngineWorkflowStatus::Succeeded)
        .await
        .unwrap();
    let late = notify(token, "n2", EngineWorkflowStatus::Failed).await;
    assert_eq!(failure(late).0, "InvalidParametersException");
    let outputs = dev
        .get_provisioned_product_outputs()
        .provisioned_product_id(&pp)
        .send()
        .await
        .unwrap();
    assert_eq!(outputs.outputs()[0].output_value(), Some("https://tf"));

    // A failed termination leaves the product TAINTED; with IgnoreErrors it goes anyway.
    for (ignore, expected) in [
        (false, Some(ProvisionedProductStatus::Tainted)),
        (true, None),
    ] {
        let end = dev
            .terminate_provisioned_product()
            .provisioned_product_id(&pp)
            .ignore_errors(ignore)
            .terminate_token(format!("end-{ignore}"))
            .send()
            .await
            .unwrap();
        let end = end.record_detail().unwrap();
        app.drain().await;
        let sent = messages(&app, "ServiceCatalogTerraformOSTerminateOperationQueue").await;
        let body = &sent.last().unwrap()["body"];
        assert_eq!(body["recordId"], end.record_id().unwrap());
        admin
            .notify_terminate_provisioned_product_engine_workflow_result()
            .workflow_token(body["token"].as_str().unwrap())
            .record_id(end.record_id().unwrap())
            .status(EngineWorkflowStatus::Failed)
            .failure_reason("terraform destroy failed")
            .idempotency_token(format!("t-{ignore}"))
            .send()
            .await
            .unwrap();
        let record = dev
            .describe_record()
            .id(end.record_id().unwrap())
            .send()
            .await
            .unwrap();
        let record = record.record_detail().unwrap();
        assert_eq!(record.status(), Some(&RecordStatus::Failed));
        assert_eq!(
            record.record_errors()[0].description(),
            Some("terraform destroy failed")
        );
        let now = dev.describe_provisioned_product().id(&pp).send().await;
        match expected {
            Some(status) => assert_eq!(
                now.unwrap().provisioned_product_detail().unwrap().status(),
                Some(&status)
            ),
            None => assert_eq!(failure(now).0, "ResourceNotFoundException"),
        }
    }
}
