//! Unit tests of output resolution (§6.2, §16).

use super::{resolve_outputs, OutputError, ResolvedOutput};
use crate::cloudformation::pseudo::tests::context;
use crate::cloudformation::{resolve_parameters, GivenParameter, GivenValue, Template};

const TEMPLATE: &str = r#"
Parameters:
  Env: {Type: String, Default: dev}
  Password: {Type: String, NoEcho: true, Default: s3cret}
  Zones: {Type: CommaDelimitedList, Default: "a, b"}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  NotProd: !Not [!Condition IsProd]
Mappings:
  Sizes: {dev: {Instance: t3.micro}, prod: {Instance: m5.large}}
Resources:
  Bucket: {Type: AWS::S3::Bucket}
  Db: {Type: AWS::RDS::DBInstance}
Outputs:
  Literal: {Value: plain, Description: A literal}
  Number: {Value: 42}
  Env: {Value: !Ref Env}
  Password: {Value: !Ref Password}
  Region: {Value: !Sub '${AWS::Region}/${AWS::AccountId}/${AWS::Partition}/${AWS::URLSuffix}'}
  Stack: {Value: !Ref AWS::StackName}
  StackId: {Value: !Ref AWS::StackId}
  Notify: {Value: !Join ['|', !Ref AWS::NotificationARNs]}
  Joined: {Value: !Join ['-', [!Ref Env, x, 1]]}
  Zone: {Value: !Select [1, !Ref Zones]}
  ZonesOut: {Value: !Ref Zones}
  Split: {Value: !Select [2, !Split [',', 'p,q,r']]}
  Size: {Value: !FindInMap [Sizes, !Ref Env, Instance]}
  Chosen: {Value: !If [IsProd, big, small]}
  ProdOnly: {Value: yes, Condition: IsProd}
  NotProdOnly: {Value: yes, Condition: NotProd}
  Encoded: {Value: !Base64 hi}
  Az: {Value: !Select [0, !GetAZs '']}
  Subnet: {Value: !Select [1, !Cidr ['10.0.0.0/16', 2, 8]]}
  BucketName: {Value: !Ref Bucket}
  BucketArn: {Value: !GetAtt Bucket.Arn}
  DbAddress: {Value: !Sub 'jdbc://${Db.Endpoint.Address}:${Port}', Description: Where}
  Shared: {Value: !ImportValue SharedVpc}
  Macro: {Value: !Transform {Name: AWS::Include}}
  Escaped: {Value: !Sub 'a${!Literal}b'}
  Vars: {Value: !Sub ['${X}-${Env}', {X: !Ref Env}]}
  Gone: {Value: !If [IsProd, x, !Ref AWS::NoValue]}
"#;

fn outputs(given: &[(&str, &str)]) -> Result<Vec<ResolvedOutput>, OutputError> {
    let template_text = TEMPLATE.replace("${Port}", "5432");
    let template = Template::parse(template_text.as_bytes()).expect("template");
    let given: Vec<GivenParameter> = given
        .iter()
        .map(|(k, v)| GivenParameter {
            key: (*k).into(),
            value: GivenValue::Value((*v).into()),
        })
        .collect();
    let parameters = resolve_parameters(&template.parameters, &given, None).expect("parameters");
    resolve_outputs(&template, &parameters, &context())
}

fn value<'a>(outputs: &'a [ResolvedOutput], key: &str) -> Option<&'a str> {
    outputs
        .iter()
        .find(|o| o.key == key)
        .map(|o| o.value.as_str())
}

#[test]
fn literals_parameters_and_pseudo_parameters_resolve() {
    let out = outputs(&[]).expect("resolves");
    assert_eq!(value(&out, "Literal"), Some("plain"));
    assert_eq!(out[0].description.as_deref(), Some("A literal"));
    assert_eq!(value(&out, "Number"), Some("42"));
    assert_eq!(value(&out, "Env"), Some("dev"));
    assert_eq!(
        value(&out, "Password"),
        Some("s3cret"),
        "NoEcho values are output as given"
    );
    assert_eq!(
        value(&out, "Region"),
        Some("eu-west-1/111111111111/aws/amazonaws.com")
    );
    assert_eq!(
        value(&out, "Stack"),
        Some("SC-111111111111-pp-abcd27bm4mldq")
    );
    assert!(value(&out, "StackId").is_some_and(|v| v.starts_with("arn:aws:cloudformation:")));
    assert_eq!(
        value(&out, "Notify"),
        Some("arn:aws:sns:eu-west-1:111111111111:t")
    );
}

#[test]
fn list_and_string_functions_resolve() {
    let out = outputs(&[]).expect("resolves");
    assert_eq!(value(&out, "Joined"), Some("dev-x-1"));
    assert_eq!(value(&out, "Zone"), Some("b"));
    assert_eq!(value(&out, "ZonesOut"), Some("a,b"));
    assert_eq!(value(&out, "Split"), Some("r"));
    assert_eq!(value(&out, "Size"), Some("t3.micro"));
    assert_eq!(value(&out, "Encoded"), Some("aGk="));
    assert_eq!(value(&out, "Az"), Some("eu-west-1a"));
    assert_eq!(value(&out, "Subnet"), Some("10.0.1.0/24"));
    assert_eq!(value(&out, "Escaped"), Some("a${Literal}b"));
    assert_eq!(value(&out, "Vars"), Some("dev-dev"));
}

#[test]
fn conditions_choose_values_and_outputs() {
    let dev = outputs(&[]).expect("resolves");
    assert_eq!(value(&dev, "Chosen"), Some("small"));
    assert_eq!(value(&dev, "ProdOnly"), None);
    assert_eq!(value(&dev, "NotProdOnly"), Some("yes"));
    assert_eq!(
        value(&dev, "Gone"),
        None,
        "AWS::NoValue leaves the output out"
    );
    let prod = outputs(&[("Env", "prod")]).expect("resolves");
    assert_eq!(value(&prod, "Chosen"), Some("big"));
    assert_eq!(value(&prod, "ProdOnly"), Some("yes"));
    assert_eq!(value(&prod, "NotProdOnly"), None);
    assert_eq!(value(&prod, "Size"), Some("m5.large"));
    assert_eq!(value(&prod, "Gone"), Some("x"));
}

#[test]
fn resources_and_imports_become_stable_placeholders() {
    let out = outputs(&[]).expect("resolves");
    assert_eq!(value(&out, "BucketName"), Some("Bucket-pp-abcd27bm4mldq"));
    assert_eq!(
        value(&out, "BucketArn"),
        Some("Bucket-Arn-pp-abcd27bm4mldq")
    );
    assert_eq!(
        value(&out, "DbAddress"),
        Some("jdbc://Db-Endpoint.Address-pp-abcd27bm4mldq:5432")
    );
    assert_eq!(value(&out, "Shared"), Some("SharedVpc-pp-abcd27bm4mldq"));
    assert_eq!(value(&out, "Macro"), Some("Macro-pp-abcd27bm4mldq"));
    assert_eq!(outputs(&[]).expect("again"), out, "every read agrees");
    let api = out
        .iter()
        .find(|o| o.key == "DbAddress")
        .expect("present")
        .to_api();
    assert_eq!(api.description.as_deref(), Some("Where"));
}

fn single(output: &str) -> Result<Vec<ResolvedOutput>, OutputError> {
    let text = format!(
        "Parameters: {{P: {{Type: String, Default: v}}}}\nConditions: {{C: !Equals [a, a]}}\nResources: {{R: {{Type: X}}}}\nOutputs:\n{output}\n"
    );
    let template = Template::parse(text.as_bytes()).expect("template");
    let parameters = resolve_parameters(&template.parameters, &[], None).expect("parameters");
    resolve_outputs(&template, &parameters, &context())
}

#[test]
fn unknown_references_fail_with_cloudformation_text() {
    let err =
        single("  A: {Value: !Ref MyVPC}\n  B: {Value: !Sub '${Other}'}\n  C: {Value: !Ref MyVPC}")
            .expect_err("unresolved");
    assert_eq!(
        err.to_string(),
        "Unresolved resource dependencies [MyVPC, Other] in the Outputs block of the template"
    );
    assert_eq!(
        single("  A: {Value: !GetAtt Nope.Arn}")
            .expect_err("undefined")
            .to_string(),
        "Template error: instance of Fn::GetAtt references undefined resource Nope"
    );
}

#[test]
fn template_errors_carry_cloudformation_texts() {
    let err = |output: &str| single(output).expect_err("invalid").to_string();
    assert_eq!(
        err("  A: {Value: !Select [3, [a, b]]}"),
        "Template error: Fn::Select cannot select nonexistent value at index 3"
    );
    assert_eq!(
        err("  A: {Value: !FindInMap [M, k, v]}"),
        "Template error: Unable to get mapping for M::k::v"
    );
    assert_eq!(
        err("  A: {Value: !If [Missing, a, b]}"),
        "Template error: unresolved condition dependency Missing in Fn::If"
    );
    assert!(err("  A: {Value: !Join [',']}").starts_with("Template error: every Fn::Join object"));
    assert!(err("  A: {Value: !Sub [1, 2]}").starts_with("Template error: One or more Fn::Sub"));
    assert_eq!(
        err("  A: {Value: x, Condition: Nope}"),
        "Template format error: Unresolved dependencies [Nope] in the Condition of output A"
    );
}
