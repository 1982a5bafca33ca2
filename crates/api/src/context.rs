//! Who is calling, where, and under which request id.

/// The verified facts about one request, handed to every operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestContext {
    /// The caller's 12-digit account.
    pub account_id: String,
    /// The caller's principal ARN (`arn:aws:iam::<account>:root` when none is known).
    pub principal_arn: String,
    /// The access key the request was signed with, if any.
    pub access_key_id: Option<String>,
    /// Region from the `SigV4` credential scope.
    pub region: String,
    /// The `x-amzn-RequestId` of this request.
    pub request_id: String,
}

impl RequestContext {
    /// The ARN partition of the region (`aws`, `aws-cn`, `aws-us-gov`).
    pub fn partition(&self) -> &'static str {
        partition_of(&self.region)
    }
}

/// The ARN partition of a region: `aws-cn` for `cn-…`, `aws-us-gov` for `us-gov-…`, else
/// `aws`.
pub fn partition_of(region: &str) -> &'static str {
    if region.starts_with("cn-") {
        "aws-cn"
    } else if region.starts_with("us-gov-") {
        "aws-us-gov"
    } else {
        "aws"
    }
}
