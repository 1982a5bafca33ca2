//! Unit tests of the YAML reader: short forms, scalars, and hostile input.

use std::fmt::Write as _;

use serde_json::json;

use super::to_json;
use crate::cloudformation::{TemplateError, MAX_TEMPLATE_BYTES, MAX_TEMPLATE_DEPTH};

#[test]
fn every_short_form_becomes_its_long_form() {
    let doc = r"
a: !Ref Env
b: !Sub 'arn:${AWS::Partition}:s3:::${Bucket}'
c: !Sub ['${A}-x', {A: !Ref Env}]
d: !GetAtt Db.Endpoint.Address
e: !GetAtt [Db, Arn]
f: !Join [',', [a, b]]
g: !If [IsProd, !Ref Big, !Ref 'AWS::NoValue']
h: !Equals [!Ref Env, prod]
i: !Select [0, !GetAZs '']
j: !Split [',', !ImportValue Shared]
k: !FindInMap [Map, !Ref 'AWS::Region', Ami]
l: !Base64 text
m: !Cidr [10.0.0.0/16, 4, 8]
n: !Not [!Condition IsProd]
o: !And [!Condition A, !Or [!Condition B, !Condition C]]
p: !Contains [[a, b], !Ref Env]
q: !EachMemberEquals [!Ref Subnets, x]
r: !EachMemberIn [!Ref Subnets, [x, y]]
s: !RefAll AWS::EC2::VPC::Id
t: !ValueOf [Vpc, Tags.Name]
u: !ValueOfAll [AWS::EC2::VPC::Id, Tags.Name]
v: !Transform {Name: M}
w: !ToJsonString {a: 1}
x: !Length [1, 2]
";
    let value = to_json(doc).expect("parses");
    let expected = json!({
        "a": {"Ref": "Env"},
        "b": {"Fn::Sub": "arn:${AWS::Partition}:s3:::${Bucket}"},
        "c": {"Fn::Sub": ["${A}-x", {"A": {"Ref": "Env"}}]},
        "d": {"Fn::GetAtt": ["Db", "Endpoint.Address"]},
        "e": {"Fn::GetAtt": ["Db", "Arn"]},
        "f": {"Fn::Join": [",", ["a", "b"]]},
        "g": {"Fn::If": ["IsProd", {"Ref": "Big"}, {"Ref": "AWS::NoValue"}]},
        "h": {"Fn::Equals": [{"Ref": "Env"}, "prod"]},
        "i": {"Fn::Select": [0, {"Fn::GetAZs": ""}]},
        "j": {"Fn::Split": [",", {"Fn::ImportValue": "Shared"}]},
        "k": {"Fn::FindInMap": ["Map", {"Ref": "AWS::Region"}, "Ami"]},
        "l": {"Fn::Base64": "text"},
        "m": {"Fn::Cidr": ["10.0.0.0/16", 4, 8]},
        "n": {"Fn::Not": [{"Condition": "IsProd"}]},
        "o": {"Fn::And": [{"Condition": "A"}, {"Fn::Or": [{"Condition": "B"}, {"Condition": "C"}]}]},
        "p": {"Fn::Contains": [["a", "b"], {"Ref": "Env"}]},
        "q": {"Fn::EachMemberEquals": [{"Ref": "Subnets"}, "x"]},
        "r": {"Fn::EachMemberIn": [{"Ref": "Subnets"}, ["x", "y"]]},
        "s": {"Fn::RefAll": "AWS::EC2::VPC::Id"},
        "t": {"Fn::ValueOf": ["Vpc", "Tags.Name"]},
        "u": {"Fn::ValueOfAll": ["AWS::EC2::VPC::Id", "Tags.Name"]},
        "v": {"Fn::Transform": {"Name": "M"}},
        "w": {"Fn::ToJsonString": {"a": 1}},
        "x": {"Fn::Length": [1, 2]},
    });
    assert_eq!(value, expected);
}

#[test]
fn plain_scalars_resolve_like_json_and_keep_their_text_otherwise() {
    let doc = "
n1: ~
n2:
n3: null
t: true
f: False
i: 42
neg: -7
zero: 0
lead: 0123
float: 2.50
big: 123456789012345678901234567890
yes: yes
quoted: '42'
dq: \"true\"
forced: !!str 42
ver: 2010-09-09
acct: 012345678901
";
    let value = to_json(doc).expect("parses");
    let expected = json!({
        "n1": null, "n2": null, "n3": null, "t": true, "f": false, "i": 42, "neg": -7,
        "zero": 0, "lead": "0123", "float": "2.50", "big": "123456789012345678901234567890",
        "yes": "yes", "quoted": "42", "dq": "true", "forced": "42", "ver": "2010-09-09",
        "acct": "012345678901",
    });
    assert_eq!(value, expected);
}

#[test]
fn keys_keep_their_text_and_order() {
    let value = to_json("z: 1\ntrue: 2\n10: 3\na: 4\n").expect("parses");
    let keys: Vec<&String> = value.as_object().expect("map").keys().collect();
    assert_eq!(keys, ["z", "true", "10", "a"]);
}

#[test]
fn aliases_are_refused_as_cloudformation_refuses_them() {
    let err = to_json("a: &x [1, 2]\nb: *x\n").expect_err("alias");
    assert_eq!(err, TemplateError::YamlAlias);
    assert_eq!(
        err.to_string(),
        "Template error: YAML aliases are not allowed in CloudFormation templates"
    );
    // Anchors alone are harmless and ignored.
    assert_eq!(to_json("a: &x [1]\n").expect("anchor"), json!({"a": [1]}));
}

#[test]
fn a_billion_laughs_bomb_is_refused_at_its_first_alias() {
    let mut doc = String::from("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for level in 1..=9 {
        let prev = level - 1;
        let refs = vec![format!("*l{prev}"); 9].join(", ");
        writeln!(doc, "l{level}: &l{level} [{refs}]").expect("writes to a String");
    }
    assert_eq!(to_json(&doc), Err(TemplateError::YamlAlias));
}

#[test]
fn deep_nesting_is_refused_before_it_is_built() {
    let levels = 100_000;
    let flow = format!("a: {}{}", "[".repeat(levels), "]".repeat(levels));
    assert!(flow.len() < MAX_TEMPLATE_BYTES);
    assert_eq!(to_json(&flow), Err(TemplateError::TooDeep));

    let mut block = String::new();
    for depth in 0..1_000 {
        block.push_str(&" ".repeat(depth));
        block.push_str("k:\n");
    }
    assert!(block.len() < MAX_TEMPLATE_BYTES);
    assert_eq!(to_json(&block), Err(TemplateError::TooDeep));

    let tags = format!("a: {}x", "!Not [".repeat(levels));
    assert_eq!(to_json(&tags), Err(TemplateError::TooDeep));
}

#[test]
fn nesting_up_to_the_limit_is_accepted() {
    // The document's own mapping is level 1.
    let inner = MAX_TEMPLATE_DEPTH - 1;
    let ok = format!("a: {}{}", "[".repeat(inner), "]".repeat(inner));
    assert!(to_json(&ok).is_ok());
    let over = format!("a: {}{}", "[".repeat(inner + 1), "]".repeat(inner + 1));
    assert_eq!(to_json(&over), Err(TemplateError::TooDeep));
}

#[test]
fn unknown_and_unsupported_tags_are_refused() {
    assert_eq!(
        to_json("a: !Foo x\n"),
        Err(TemplateError::UnsupportedTag("!Foo".into()))
    );
    for tag in ["binary", "set", "omap", "pairs", "timestamp"] {
        let doc = format!("a: !!{tag} x\n");
        assert_eq!(
            to_json(&doc),
            Err(TemplateError::UnsupportedTag(format!("!!{tag}"))),
            "{tag}"
        );
    }
}

#[test]
fn malformed_yaml_reports_line_and_column() {
    let err = to_json("a: 1\nb: [1, 2\nc: 3\n").expect_err("unclosed");
    assert!(
        matches!(err, TemplateError::Yaml { line: 3.., .. }),
        "{err:?}"
    );
    assert!(err
        .to_string()
        .starts_with("Template format error: YAML not well-formed. (line "));
    assert!(matches!(
        to_json("a: 1\n---\nb: 2\n"),
        Err(TemplateError::Yaml { .. })
    ));
    assert!(matches!(
        to_json("? [a, b]\n: c\n"),
        Err(TemplateError::Yaml { .. })
    ));
}

#[test]
fn an_empty_document_is_no_template() {
    assert_eq!(to_json(""), Err(TemplateError::UnsupportedStructure));
    assert_eq!(
        to_json("# only a comment\n"),
        Err(TemplateError::UnsupportedStructure)
    );
}
