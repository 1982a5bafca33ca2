//! Unit tests of template parsing: both formats, the sections, and the bounds.

use serde_json::json;

use super::Template;
use crate::cloudformation::{ParameterKind, TemplateError, MAX_TEMPLATE_BYTES, MAX_TEMPLATE_DEPTH};

/// The shape of Control Tower's Account Factory template (spec §21.1, §21.2).
const ACCOUNT_FACTORY: &str = r#"AWSTemplateFormatVersion: 2010-09-09
Description: AWS Control Tower Account Factory Template (DO NOT DELETE)
Metadata:
  AWS::CloudFormation::Interface:
    ParameterGroups:
      - Label: {default: Account}
        Parameters: [AccountName, AccountEmail]
Parameters:
  AccountName:
    Type: String
    AllowedPattern: ".+"
  AccountEmail:
    Type: String
    AllowedPattern: "[^\\s@]+@[^\\s@]+\\.[^\\s@]+"
  ManagedOrganizationalUnit:
    Type: String
    AllowedValues: ["Sandbox (ou-ab12-cdefgh34)"]
Resources:
  WaitHandle:
    Type: AWS::CloudFormation::WaitConditionHandle
  Wait:
    Type: AWS::CloudFormation::WaitCondition
    Condition: Always
    Properties:
      Handle: !Ref WaitHandle
Conditions:
  Always: !Equals [a, a]
Outputs:
  AccountEmail:
    Description: Email Id associated with the Account
    Value: !Ref AccountEmail
"#;

#[test]
fn a_yaml_template_is_read_section_by_section() {
    let t = Template::parse(ACCOUNT_FACTORY.as_bytes()).expect("parses");
    assert_eq!(t.format_version.as_deref(), Some("2010-09-09"));
    assert_eq!(
        t.description.as_deref(),
        Some("AWS Control Tower Account Factory Template (DO NOT DELETE)")
    );
    let keys: Vec<&str> = t.parameters.iter().map(|p| p.key.as_str()).collect();
    assert_eq!(
        keys,
        ["AccountName", "AccountEmail", "ManagedOrganizationalUnit"]
    );
    assert_eq!(
        t.parameter("AccountEmail")
            .and_then(|p| p.allowed_pattern.as_deref()),
        Some(r"[^\s@]+@[^\s@]+\.[^\s@]+")
    );
    assert_eq!(t.resources.len(), 2);
    assert_eq!(
        t.resources[1].resource_type,
        "AWS::CloudFormation::WaitCondition"
    );
    assert_eq!(t.resources[1].condition.as_deref(), Some("Always"));
    assert!(t.has_resource("WaitHandle"));
    assert!(!t.has_resource("AccountName"));
    assert_eq!(t.outputs.len(), 1);
    assert_eq!(t.outputs[0].value, json!({"Ref": "AccountEmail"}));
    assert_eq!(
        t.outputs[0].to_api().description.as_deref(),
        Some("Email Id associated with the Account")
    );
    assert_eq!(t.conditions["Always"], json!({"Fn::Equals": ["a", "a"]}));
    assert!(t.metadata.contains_key("AWS::CloudFormation::Interface"));
}

#[test]
fn a_json_template_is_read_the_same_way() {
    let text = r#"
    {
      "AWSTemplateFormatVersion": "2010-09-09",
      "Parameters": {"Env": {"Type": "String", "Default": "dev", "AllowedValues": ["dev", "prod"]},
                     "Subnets": {"Type": "List<AWS::EC2::Subnet::Id>"}},
      "Mappings": {"M": {"us-east-1": {"Ami": "ami-1"}}},
      "Rules": {"R": {"Assertions": [{"Assert": {"Fn::Equals": ["a", "a"]}}]}},
      "Resources": {"B": {"Type": "AWS::S3::Bucket"}},
      "Outputs": {"Name": {"Value": {"Ref": "B"}, "Condition": "C"}},
      "Transform": "AWS::Serverless-2016-10-31"
    }"#;
    let t = Template::parse(text.as_bytes()).expect("parses");
    assert_eq!(t.parameters[0].default.as_deref(), Some("dev"));
    assert_eq!(
        t.parameters[1].kind,
        ParameterKind::AwsSpecific { list: true }
    );
    assert_eq!(t.mappings["M"]["us-east-1"]["Ami"], "ami-1");
    assert!(t.rules.contains_key("R"));
    assert_eq!(t.outputs[0].condition.as_deref(), Some("C"));
    assert_eq!(t.transform, Some(json!("AWS::Serverless-2016-10-31")));
}

#[test]
fn a_yaml_flow_mapping_with_tags_falls_back_from_json() {
    let text = "{Resources: {B: {Type: 'AWS::S3::Bucket'}}, Outputs: {O: {Value: !Ref B}}}";
    let t = Template::parse(text.as_bytes()).expect("parses as YAML");
    assert_eq!(t.outputs[0].value, json!({"Ref": "B"}));
}

#[test]
fn format_errors_carry_cloudformation_texts() {
    let err = |text: &str| {
        Template::parse(text.as_bytes())
            .expect_err("invalid")
            .to_string()
    };
    assert_eq!(
        err("{\"Resources\": {,}}"),
        "Template format error: JSON not well-formed. (line 1, column 16)"
    );
    assert_eq!(
        err("Parameters: {}\n"),
        "Template format error: At least one Resources member must be defined."
    );
    assert_eq!(
        err("Resources: {B: {Properties: {}}}\n"),
        "Template format error: [/Resources/B] Every Resources object must contain a Type member."
    );
    assert_eq!(
        err("Resources: {B: {Type: X}}\nOutputs: {O: {Description: d}}\n"),
        "Template format error: [/Outputs/O] Every Outputs member must contain a Value object"
    );
    assert_eq!(
        err("Resources: {B: {Type: X}}\nResource: {}\nFoo: 1\n"),
        "Template format error: Invalid template property or properties [Resource, Foo]"
    );
    assert_eq!(
        err("just text\n"),
        "Template format error: unsupported structure."
    );
    assert_eq!(
        err("- a\n- b\n"),
        "Template format error: unsupported structure."
    );
}

#[test]
fn size_is_bounded_before_parsing() {
    let mut big = b"Resources: {B: {Type: X}}\n#".to_vec();
    big.resize(MAX_TEMPLATE_BYTES + 1, b'x');
    assert_eq!(
        Template::parse(&big),
        Err(TemplateError::TooLarge {
            limit: MAX_TEMPLATE_BYTES
        })
    );
    assert_eq!(
        TemplateError::TooLarge {
            limit: MAX_TEMPLATE_BYTES
        }
        .to_string(),
        "Template may not exceed 1048576 bytes in size."
    );
    big.truncate(MAX_TEMPLATE_BYTES);
    assert!(Template::parse(&big).is_ok(), "exactly the limit is read");
}

#[test]
fn deep_json_is_refused_before_serde_builds_it() {
    let levels = 100_000;
    let text = format!("{{\"a\": {}{}}}", "[".repeat(levels), "]".repeat(levels));
    assert_eq!(
        Template::parse(text.as_bytes()),
        Err(TemplateError::TooDeep)
    );
    // Brackets inside strings are text, not nesting.
    let quoted = format!(
        "{{\"Resources\": {{\"B\": {{\"Type\": \"{}\"}}}}}}",
        "[".repeat(MAX_TEMPLATE_DEPTH * 2)
    );
    assert!(Template::parse(quoted.as_bytes()).is_ok());
    let escaped = r#"{"Resources": {"B": {"Type": "a\"[[["}}}"#;
    assert!(Template::parse(escaped.as_bytes()).is_ok());
}

#[test]
fn non_utf8_and_bom() {
    assert_eq!(Template::parse(b"\xff\xfe"), Err(TemplateError::NotUtf8));
    let with_bom = "\u{feff}Resources: {B: {Type: X}}\n";
    assert!(Template::parse(with_bom.as_bytes()).is_ok());
}

#[test]
fn a_section_of_the_wrong_shape_is_refused() {
    assert!(matches!(
        Template::parse(b"Resources: {B: {Type: X}}\nParameters: [a]\n"),
        Err(TemplateError::Format(_))
    ));
    assert!(matches!(
        Template::parse(b"Resources: {B: {Type: X}}\nParameters: {P: {Type: Nope}}\n"),
        Err(TemplateError::Format(_))
    ));
}
