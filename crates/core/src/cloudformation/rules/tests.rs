//! Unit tests of rule checking (§9.5), including the admin guide's examples.

use serde_json::{json, Map, Value};

use super::{check_rules, rules_usage_instruction, RuleError};
use crate::cloudformation::pseudo::tests::context;
use crate::cloudformation::{resolve_parameters, GivenParameter, GivenValue, ParameterSpec};

fn params(given: &[(&str, &str)]) -> crate::cloudformation::ResolvedParameters {
    let specs: Vec<ParameterSpec> = [
        ("Environment", json!({"Type": "String", "Default": "test"})),
        (
            "InstanceType",
            json!({"Type": "String", "Default": "m1.small"}),
        ),
        (
            "Subnets",
            json!({"Type": "List<AWS::EC2::Subnet::Id>", "Default": "s-1,s-2"}),
        ),
    ]
    .iter()
    .map(|(k, d)| ParameterSpec::from_template(k, d).expect("valid"))
    .collect();
    let given: Vec<GivenParameter> = given
        .iter()
        .map(|(k, v)| GivenParameter {
            key: (*k).into(),
            value: GivenValue::Value((*v).into()),
        })
        .collect();
    resolve_parameters(&specs, &given, None).expect("parameters")
}

fn rules(value: Value) -> Map<String, Value> {
    let Value::Object(map) = value else {
        panic!("rules are a mapping");
    };
    map
}

fn check(rule_set: &Value, given: &[(&str, &str)]) -> Result<(), RuleError> {
    check_rules(&rules(rule_set.clone()), &params(given), &context())
}

/// The admin guide's "Template constraint rules" example.
fn environment_rules() -> Value {
    json!({
        "Rule1": {
            "RuleCondition": {"Fn::Equals": [{"Ref": "Environment"}, "test"]},
            "Assertions": [{
                "Assert": {"Fn::Contains": [["m1.small"], {"Ref": "InstanceType"}]},
                "AssertDescription": "For the test environment, the instance type must be m1.small"
            }]
        },
        "Rule2": {
            "RuleCondition": {"Fn::Equals": [{"Ref": "Environment"}, "prod"]},
            "Assertions": [{
                "Assert": {"Fn::Contains": [["m1.large"], {"Ref": "InstanceType"}]},
                "AssertDescription": "For the prod environment, the instance type must be m1.large"
            }]
        }
    })
}

#[test]
fn a_rule_applies_only_when_its_condition_holds() {
    let r = environment_rules();
    assert_eq!(check(&r, &[]), Ok(()));
    assert_eq!(
        check(&r, &[("Environment", "prod"), ("InstanceType", "m1.large")]),
        Ok(())
    );
    assert_eq!(
        check(&r, &[("Environment", "dev"), ("InstanceType", "x")]),
        Ok(())
    );
    let err = check(&r, &[("Environment", "prod")]).expect_err("prod needs m1.large");
    assert_eq!(
        err,
        RuleError::Violation {
            rule: "Rule2".into(),
            description: Some(
                "For the prod environment, the instance type must be m1.large".into()
            )
        }
    );
    assert_eq!(
        err.to_string(),
        "For the prod environment, the instance type must be m1.large"
    );
    let err = check(&r, &[("InstanceType", "m1.large")]).expect_err("test needs m1.small");
    assert_eq!(
        err.to_string(),
        "For the test environment, the instance type must be m1.small"
    );
}

#[test]
fn a_rule_without_condition_always_applies_and_the_first_failure_wins() {
    let r = json!({
        "A": {"Assertions": [
            {"Assert": {"Fn::Not": [{"Fn::Equals": [{"Ref": "Environment"}, ""]}]}, "AssertDescription": "first"},
            {"Assert": {"Fn::Equals": [{"Ref": "AWS::Region"}, "us-east-1"]}, "AssertDescription": "region"}
        ]},
        "B": {"Assertions": [{"Assert": false, "AssertDescription": "never reached"}]}
    });
    assert_eq!(check(&r, &[]).expect_err("region").to_string(), "region");
    assert_eq!(
        check(&r, &[("Environment", "")])
            .expect_err("empty")
            .to_string(),
        "first"
    );
}

#[test]
fn list_functions_over_list_parameters() {
    let each_in = json!({"R": {"Assertions": [{"Assert": {"Fn::EachMemberIn": [{"Ref": "Subnets"}, ["s-1", "s-2", "s-3"]]}}]}});
    assert_eq!(check(&each_in, &[]), Ok(()));
    assert!(check(&each_in, &[("Subnets", "s-1,s-9")]).is_err());
    let each_eq = json!({"R": {"Assertions": [{"Assert": {"Fn::EachMemberEquals": [{"Ref": "Subnets"}, "s-1"]}}]}});
    assert!(check(&each_eq, &[]).is_err());
    assert_eq!(check(&each_eq, &[("Subnets", "s-1, s-1")]), Ok(()));
    let or = json!({"R": {"Assertions": [{"Assert": {"Fn::Or": [
        {"Fn::Contains": [{"Ref": "Subnets"}, "s-2"]}, {"Fn::Equals": ["a", "b"]}]}}]}});
    assert_eq!(check(&or, &[]), Ok(()));
    let and = json!({"R": {"Assertions": [{"Assert": {"Fn::And": [
        {"Fn::Contains": [{"Ref": "Subnets"}, "s-2"]}, {"Fn::Equals": ["a", "b"]}]}}]}});
    let err = check(&and, &[]).expect_err("and");
    assert_eq!(
        err.to_string(),
        "Template error: assertion of rule R failed"
    );
}

#[test]
fn account_resource_functions_are_unknown_and_never_refuse() {
    let vpc = json!({"R": {
        "RuleCondition": {"Fn::Equals": [{"Fn::ValueOf": ["Subnets", "VpcId"]}, "vpc-1"]},
        "Assertions": [{"Assert": false, "AssertDescription": "x"}]}});
    assert_eq!(
        check(&vpc, &[]),
        Ok(()),
        "an unknown condition does not apply the rule"
    );
    let assert_unknown = json!({"R": {"Assertions": [
        {"Assert": {"Fn::EachMemberIn": [{"Fn::ValueOfAll": ["AWS::EC2::Subnet::Id", "VpcId"]}, {"Fn::RefAll": "AWS::EC2::VPC::Id"}]}},
        {"Assert": {"Fn::Not": [{"Fn::Contains": [{"Fn::RefAll": "AWS::EC2::VPC::Id"}, "vpc-1"]}]}}
    ]}});
    assert_eq!(check(&assert_unknown, &[]), Ok(()));
    // A known false still decides an And, a known true still decides an Or.
    let and = json!({"R": {"Assertions": [{"Assert": {"Fn::And": [{"Fn::ValueOf": ["Subnets", "VpcId"]}, false]}, "AssertDescription": "known false"}]}});
    assert_eq!(
        check(&and, &[]).expect_err("false").to_string(),
        "known false"
    );
}

#[test]
fn malformed_rules_are_reported() {
    let cases = [
        json!({"R": {}}),
        json!({"R": {"Assertions": [{"AssertDescription": "no assert"}]}}),
        json!({"R": {"Assertions": [{"Assert": {"Fn::If": ["c", true, false]}}]}}),
        json!({"R": {"Assertions": [{"Assert": {"Fn::Equals": [{"Ref": "Nope"}, "x"]}}]}}),
        json!({"R": {"Assertions": [{"Assert": {"Fn::Equals": ["x"]}}]}}),
        json!({"R": {"Assertions": [{"Assert": "maybe"}]}}),
    ];
    for case in cases {
        let err = check(&case, &[]).expect_err("malformed");
        assert!(
            matches!(err, RuleError::Malformed { ref rule, .. } if rule == "R"),
            "{case}"
        );
        assert!(err
            .to_string()
            .starts_with("Template format error: rule R: "));
    }
}

#[test]
fn deep_rules_are_bounded() {
    // Constraint rules arrive through serde_json (recursion limit 128) and template rules
    // through the template parser (depth 100); the checker still bounds itself.
    let mut assert = json!(true);
    for _ in 0..200 {
        assert = json!({"Fn::Not": [assert]});
    }
    let r = json!({"R": {"Assertions": [{"Assert": assert}]}});
    assert!(matches!(check(&r, &[]), Err(RuleError::Malformed { .. })));
}

#[test]
fn usage_instruction_merges_constraint_rules() {
    assert_eq!(rules_usage_instruction(&[]), "{}");
    let a = rules(json!({"A": {"Assertions": []}}));
    let b = rules(json!({"B": {"Assertions": []}}));
    assert_eq!(
        rules_usage_instruction(&[&a, &b]),
        r#"{"A":{"Assertions":[]},"B":{"Assertions":[]}}"#
    );
}
