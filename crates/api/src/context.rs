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

/// The ARN partition of a region (botocore's endpoints partitions): `aws-cn` for `cn-…`,
/// `aws-us-gov` for `us-gov-…`, `aws-iso` for `us-iso-…`, `aws-iso-b` for `us-isob-…`,
/// `aws-iso-e` for `eu-isoe-…`, `aws-iso-f` for `us-isof-…`, else `aws`.
pub fn partition_of(region: &str) -> &'static str {
    const PARTITIONS: [(&str, &str); 6] = [
        ("cn-", "aws-cn"),
        ("us-gov-", "aws-us-gov"),
        ("us-iso-", "aws-iso"),
        ("us-isob-", "aws-iso-b"),
        ("eu-isoe-", "aws-iso-e"),
        ("us-isof-", "aws-iso-f"),
    ];
    PARTITIONS
        .iter()
        .find(|(prefix, _)| region.starts_with(prefix))
        .map_or("aws", |(_, partition)| partition)
}
