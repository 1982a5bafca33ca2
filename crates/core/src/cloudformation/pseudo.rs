//! The stack a template is evaluated for, and CloudFormation's pseudo parameters
//! (`AWS::AccountId`, `AWS::Region`, …; CloudFormation user guide, "Pseudo parameters"),
//! used by outputs (§16) and rules (§9.5).

use serde_json::Value;

/// The stack a provisioned product stands for. For a CFN_STACK product the stack is
/// `SC-<account>-<pp-id>` (spec provisioning §2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StackContext {
    /// `AWS::AccountId`: the launching account.
    pub account_id: String,
    /// `AWS::Region`.
    pub region: String,
    /// `AWS::StackName`.
    pub stack_name: String,
    /// `AWS::StackId`: the stack ARN.
    pub stack_id: String,
    /// `AWS::NotificationARNs`: the launch's NotificationArns.
    pub notification_arns: Vec<String>,
    /// What stable placeholders are derived from: the provisioned product id (§28), so
    /// repeated reads of one product agree and two products differ.
    pub placeholder_seed: String,
}

impl StackContext {
    /// The value of pseudo parameter `name`, `None` when `name` is none. `AWS::NoValue` is
    /// JSON null, which every consumer treats as "leave this out".
    pub fn pseudo_parameter(&self, name: &str) -> Option<Value> {
        Some(match name {
            "AWS::AccountId" => Value::String(self.account_id.clone()),
            "AWS::Region" => Value::String(self.region.clone()),
            "AWS::StackName" => Value::String(self.stack_name.clone()),
            "AWS::StackId" => Value::String(self.stack_id.clone()),
            "AWS::Partition" => Value::String(partition(&self.region).to_owned()),
            "AWS::URLSuffix" => Value::String(url_suffix(&self.region).to_owned()),
            "AWS::NotificationARNs" => Value::Array(
                self.notification_arns
                    .iter()
                    .cloned()
                    .map(Value::String)
                    .collect(),
            ),
            "AWS::NoValue" => Value::Null,
            _ => return None,
        })
    }

    /// The stand-in for something only a real stack would know: a resource's physical id
    /// (`<LogicalId>-<seed>`), one of its attributes (`<LogicalId>-<Attribute>-<seed>`) or an
    /// imported export (`<ExportName>-<seed>`). DEVIATION(aws): sclocal creates no resources;
    /// these strings are deterministic so every read of a product answers the same (§6.2, §28).
    pub fn placeholder(&self, parts: &[&str]) -> String {
        let mut text = parts.join("-");
        text.push('-');
        text.push_str(&self.placeholder_seed);
        text
    }
}

/// The partition of a region (`AWS::Partition`).
pub fn partition(region: &str) -> &'static str {
    if region.starts_with("cn-") {
        "aws-cn"
    } else if region.starts_with("us-gov-") {
        "aws-us-gov"
    } else if region.starts_with("us-isob-") {
        "aws-iso-b"
    } else if region.starts_with("us-iso-") {
        "aws-iso"
    } else {
        "aws"
    }
}

/// The domain suffix of a region's endpoints (`AWS::URLSuffix`).
pub fn url_suffix(region: &str) -> &'static str {
    match partition(region) {
        "aws-cn" => "amazonaws.com.cn",
        "aws-iso" => "c2s.ic.gov",
        "aws-iso-b" => "sc2s.sgov.gov",
        _ => "amazonaws.com",
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use serde_json::json;

    use super::{partition, url_suffix, StackContext};

    pub(crate) fn context() -> StackContext {
        StackContext {
            account_id: "111111111111".into(),
            region: "eu-west-1".into(),
            stack_name: "SC-111111111111-pp-abcd27bm4mldq".into(),
            stack_id: "arn:aws:cloudformation:eu-west-1:111111111111:stack/SC-111111111111-pp-abcd27bm4mldq/0f1e".into(),
            notification_arns: vec!["arn:aws:sns:eu-west-1:111111111111:t".into()],
            placeholder_seed: "pp-abcd27bm4mldq".into(),
        }
    }

    #[test]
    fn pseudo_parameters_come_from_the_stack() {
        let cx = context();
        assert_eq!(
            cx.pseudo_parameter("AWS::AccountId"),
            Some(json!("111111111111"))
        );
        assert_eq!(cx.pseudo_parameter("AWS::Region"), Some(json!("eu-west-1")));
        assert_eq!(cx.pseudo_parameter("AWS::Partition"), Some(json!("aws")));
        assert_eq!(
            cx.pseudo_parameter("AWS::URLSuffix"),
            Some(json!("amazonaws.com"))
        );
        assert_eq!(
            cx.pseudo_parameter("AWS::StackName"),
            Some(json!("SC-111111111111-pp-abcd27bm4mldq"))
        );
        assert_eq!(
            cx.pseudo_parameter("AWS::NotificationARNs"),
            Some(json!(["arn:aws:sns:eu-west-1:111111111111:t"]))
        );
        assert_eq!(cx.pseudo_parameter("AWS::NoValue"), Some(json!(null)));
        assert_eq!(cx.pseudo_parameter("AWS::Nope"), None);
        assert_eq!(cx.pseudo_parameter("Env"), None);
    }

    #[test]
    fn partitions_and_suffixes_follow_the_region() {
        assert_eq!(
            (partition("cn-north-1"), url_suffix("cn-north-1")),
            ("aws-cn", "amazonaws.com.cn")
        );
        assert_eq!(partition("us-gov-west-1"), "aws-us-gov");
        assert_eq!(url_suffix("us-gov-west-1"), "amazonaws.com");
        assert_eq!(
            (partition("us-iso-east-1"), url_suffix("us-iso-east-1")),
            ("aws-iso", "c2s.ic.gov")
        );
        assert_eq!(
            (partition("us-isob-east-1"), url_suffix("us-isob-east-1")),
            ("aws-iso-b", "sc2s.sgov.gov")
        );
        assert_eq!(partition("us-east-1"), "aws");
    }

    #[test]
    fn placeholders_are_deterministic_and_per_product() {
        let cx = context();
        assert_eq!(cx.placeholder(&["MyBucket"]), "MyBucket-pp-abcd27bm4mldq");
        assert_eq!(
            cx.placeholder(&["Db", "Endpoint.Address"]),
            "Db-Endpoint.Address-pp-abcd27bm4mldq"
        );
        let other = StackContext {
            placeholder_seed: "pp-other".into(),
            ..context()
        };
        assert_ne!(
            cx.placeholder(&["MyBucket"]),
            other.placeholder(&["MyBucket"])
        );
    }
}
