//! Organizations through the official Rust SDK.

use aws_sdk_organizations::error::ProvideErrorMetadata;
use aws_sdk_organizations::types::InvalidInputExceptionReason;

use crate::helpers::spawn_app;

#[tokio::test]
async fn invalid_input_carries_a_reason() {
    let app = spawn_app().await;
    let err = app
        .organizations("111111111111")
        .describe_account()
        .account_id("123")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    let aws_sdk_organizations::operation::describe_account::DescribeAccountError::InvalidInputException(e) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(
        e.reason(),
        Some(&InvalidInputExceptionReason::InvalidPattern)
    );
    assert_eq!(
        err.message(),
        Some("You provided a value that does not match the required pattern.")
    );
}
