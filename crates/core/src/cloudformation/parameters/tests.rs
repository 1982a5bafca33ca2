//! Unit tests of parameter resolution and CloudFormation's validation texts (§7, §13).

use serde_json::json;

use super::{
    resolve_parameters, GivenParameter, GivenValue, ParameterError, ResolvedParameters,
    ValueSource, NO_ECHO_MASK,
};
use crate::cloudformation::ParameterSpec;
use sclocal_api::servicecatalog::{ProvisioningParameter, UpdateProvisioningParameter};

fn specs(decls: serde_json::Value) -> Vec<ParameterSpec> {
    let serde_json::Value::Object(decls) = decls else {
        panic!("declarations are a mapping");
    };
    decls
        .into_iter()
        .map(|(k, d)| ParameterSpec::from_template(&k, &d).expect("valid"))
        .collect()
}

fn given(pairs: &[(&str, &str)]) -> Vec<GivenParameter> {
    pairs
        .iter()
        .map(|(k, v)| GivenParameter {
            key: (*k).into(),
            value: GivenValue::Value((*v).into()),
        })
        .collect()
}

fn keep(key: &str) -> GivenParameter {
    GivenParameter {
        key: key.into(),
        value: GivenValue::UsePrevious,
    }
}

fn error(decls: serde_json::Value, pairs: &[(&str, &str)]) -> String {
    resolve_parameters(&specs(decls), &given(pairs), None)
        .expect_err("invalid")
        .to_string()
}

#[test]
fn given_values_then_defaults_in_template_order() {
    let s = specs(
        json!({"A": {"Type": "String", "Default": "a"}, "B": {"Type": "String"},
                         "C": {"Type": "Number", "Default": 3}}),
    );
    let r = resolve_parameters(&s, &given(&[("B", "b")]), None).expect("valid");
    let got: Vec<(&str, &str, ValueSource)> = r
        .iter()
        .map(|e| (e.key.as_str(), e.value.as_str(), e.source))
        .collect();
    assert_eq!(
        got,
        [
            ("A", "a", ValueSource::Default),
            ("B", "b", ValueSource::Given),
            ("C", "3", ValueSource::Default)
        ]
    );
}

#[test]
fn missing_values_are_listed_together_in_template_order() {
    let decls = json!({"KeyName": {"Type": "String"}, "Env": {"Type": "String"},
                       "Size": {"Type": "Number", "Default": "1"}});
    assert_eq!(
        error(decls.clone(), &[]),
        "Parameters: [KeyName, Env] must have values"
    );
    assert_eq!(
        error(decls, &[("Env", "x")]),
        "Parameters: [KeyName] must have values"
    );
}

#[test]
fn unknown_keys_come_first_and_are_listed_once() {
    let decls = json!({"A": {"Type": "String"}});
    assert_eq!(
        error(
            decls,
            &[("MyParameter", "x"), ("Other", "y"), ("MyParameter", "z")]
        ),
        "Parameters: [MyParameter, Other] do not exist in the template"
    );
}

#[test]
fn allowed_values_and_constraint_description() {
    let decls = json!({"Env": {"Type": "String", "AllowedValues": ["dev", "prod"]}});
    assert_eq!(
        error(decls.clone(), &[("Env", "test")]),
        "Parameter 'Env' must be one of AllowedValues"
    );
    assert!(resolve_parameters(&specs(decls), &given(&[("Env", "prod")]), None).is_ok());
    let described = json!({"Env": {"Type": "String", "AllowedValues": ["dev"],
                                   "ConstraintDescription": "must be dev"}});
    assert_eq!(
        error(described, &[("Env", "x")]),
        "Parameter 'Env' failed to satisfy constraint: must be dev"
    );
}

#[test]
fn allowed_pattern_must_match_the_whole_value() {
    let decls = json!({"P": {"Type": "String", "AllowedPattern": "[a-z]+"}});
    assert_eq!(
        error(decls.clone(), &[("P", "abc1")]),
        "Parameter 'P' must match pattern [a-z]+"
    );
    assert_eq!(
        error(decls.clone(), &[("P", "1abc")]),
        "Parameter 'P' must match pattern [a-z]+"
    );
    assert!(resolve_parameters(&specs(decls), &given(&[("P", "abc")]), None).is_ok());
    // An alternation is anchored as a whole.
    let alt = json!({"P": {"Type": "String", "AllowedPattern": "a|b"}});
    assert!(resolve_parameters(&specs(alt.clone()), &given(&[("P", "a")]), None).is_ok());
    assert!(resolve_parameters(&specs(alt), &given(&[("P", "ab")]), None).is_err());
    let described = json!({"P": {"Type": "String", "AllowedPattern": "[a-z]+",
                                 "ConstraintDescription": "lower-case letters only"}});
    assert_eq!(
        error(described, &[("P", "ABC")]),
        "Parameter 'P' failed to satisfy constraint: lower-case letters only"
    );
}

#[test]
fn the_account_factory_email_pattern() {
    let decls = json!({"AccountEmail": {"Type": "String",
                                        "AllowedPattern": r"[^\s@]+@[^\s@]+\.[^\s@]+"}});
    assert!(resolve_parameters(
        &specs(decls.clone()),
        &given(&[("AccountEmail", "a@b.io")]),
        None
    )
    .is_ok());
    assert_eq!(
        error(decls, &[("AccountEmail", "not an email")]),
        r"Parameter 'AccountEmail' must match pattern [^\s@]+@[^\s@]+\.[^\s@]+"
    );
}

#[test]
fn lengths_count_characters() {
    let decls = json!({"P": {"Type": "String", "MinLength": 2, "MaxLength": 3}});
    assert_eq!(
        error(decls.clone(), &[("P", "a")]),
        "Parameter 'P' must contain at least 2 characters"
    );
    assert_eq!(
        error(decls.clone(), &[("P", "abcd")]),
        "Parameter 'P' must contain at most 3 characters"
    );
    assert!(resolve_parameters(&specs(decls), &given(&[("P", "éé")]), None).is_ok());
}

#[test]
fn numbers_and_their_bounds() {
    let decls = json!({"N": {"Type": "Number", "MinValue": "1", "MaxValue": 10.5}});
    assert_eq!(
        error(decls.clone(), &[("N", "abc")]),
        "Parameter 'N' must be a number"
    );
    assert_eq!(
        error(decls.clone(), &[("N", "NaN")]),
        "Parameter 'N' must be a number"
    );
    assert_eq!(
        error(decls.clone(), &[("N", "0")]),
        "Parameter 'N' must be a number not less than 1"
    );
    assert_eq!(
        error(decls.clone(), &[("N", "11")]),
        "Parameter 'N' must be a number not greater than 10.5"
    );
    assert!(resolve_parameters(&specs(decls), &given(&[("N", "2.5")]), None).is_ok());
}

#[test]
fn list_types_check_each_member() {
    let decls = json!({"Ns": {"Type": "List<Number>", "MaxValue": 5},
                       "Zones": {"Type": "CommaDelimitedList", "AllowedValues": ["a", "b"]},
                       "Names": {"Type": "CommaDelimitedList", "AllowedPattern": "[a-z]+"}});
    let base = [("Ns", "1, 2"), ("Zones", "a, b"), ("Names", "x,y")];
    assert!(resolve_parameters(&specs(decls.clone()), &given(&base), None).is_ok());
    assert_eq!(
        error(decls.clone(), &[("Ns", "1,x"), base[1], base[2]]),
        "Parameter 'Ns' must be a number"
    );
    assert_eq!(
        error(decls.clone(), &[("Ns", "1,6"), base[1], base[2]]),
        "Parameter 'Ns' must be a number not greater than 5"
    );
    assert_eq!(
        error(decls.clone(), &[base[0], ("Zones", "a,c"), base[2]]),
        "Parameter 'Zones' must be one of AllowedValues"
    );
    assert_eq!(
        error(decls, &[base[0], base[1], ("Names", "x,Y")]),
        "Parameter 'Names' must match pattern [a-z]+"
    );
}

#[test]
fn defaults_are_validated_too() {
    let decls = json!({"Env": {"Type": "String", "Default": "qa", "AllowedValues": ["dev"]}});
    assert_eq!(
        error(decls, &[]),
        "Parameter 'Env' must be one of AllowedValues"
    );
}

#[test]
fn aws_specific_types_are_checked_as_strings() {
    let decls = json!({"Vpc": {"Type": "AWS::EC2::VPC::Id", "MinLength": 1},
                       "Subnets": {"Type": "List<AWS::EC2::Subnet::Id>"}});
    assert_eq!(
        error(decls.clone(), &[("Vpc", ""), ("Subnets", "s")]),
        "Parameter 'Vpc' must contain at least 1 characters"
    );
    let r = resolve_parameters(
        &specs(decls),
        &given(&[("Vpc", "vpc-1"), ("Subnets", "s-1, s-2")]),
        None,
    )
    .expect("valid");
    assert_eq!(r.reference("Subnets"), Some(json!(["s-1", "s-2"])));
    assert_eq!(r.reference("Vpc"), Some(json!("vpc-1")));
    assert_eq!(r.reference("Nope"), None);
}

#[test]
fn no_echo_values_are_masked_in_answers_only() {
    let decls = json!({"Password": {"Type": "String", "NoEcho": true}, "User": {"Type": "String"}});
    let r = resolve_parameters(
        &specs(decls),
        &given(&[("Password", "s3cret"), ("User", "u")]),
        None,
    )
    .expect("valid");
    assert_eq!(
        r.masked(),
        [
            ("Password".to_owned(), NO_ECHO_MASK.to_owned()),
            ("User".to_owned(), "u".to_owned())
        ]
    );
    assert_eq!(r.value("Password"), Some("s3cret"));
    assert_eq!(NO_ECHO_MASK, "****");
}

#[test]
fn updates_keep_given_values_and_take_new_defaults() {
    let v1 = specs(
        json!({"A": {"Type": "String"}, "B": {"Type": "String", "Default": "b1"},
                          "C": {"Type": "String", "Default": "c1"}}),
    );
    let first =
        resolve_parameters(&v1, &given(&[("A", "a1"), ("C", "mine")]), None).expect("valid");
    let v2 = specs(
        json!({"A": {"Type": "String"}, "B": {"Type": "String", "Default": "b2"},
                          "C": {"Type": "String", "Default": "c2"}, "D": {"Type": "String", "Default": "d"}}),
    );
    let second = resolve_parameters(&v2, &[], Some(&first)).expect("valid");
    let got: Vec<(&str, &str, ValueSource)> = second
        .iter()
        .map(|e| (e.key.as_str(), e.value.as_str(), e.source))
        .collect();
    assert_eq!(
        got,
        [
            ("A", "a1", ValueSource::Previous),
            ("B", "b2", ValueSource::Default),
            ("C", "mine", ValueSource::Previous),
            ("D", "d", ValueSource::Default),
        ]
    );
}

#[test]
fn use_previous_value_keeps_the_old_value_and_ignores_the_new_one() {
    let s = specs(json!({"A": {"Type": "String"}}));
    let first = resolve_parameters(&s, &given(&[("A", "old")]), None).expect("valid");
    let api = UpdateProvisioningParameter {
        key: Some("A".into()),
        value: Some("ignored".into()),
        use_previous_value: Some(true),
    };
    let second =
        resolve_parameters(&s, &[GivenParameter::from(&api)], Some(&first)).expect("valid");
    assert_eq!(second.value("A"), Some("old"));
    let err = resolve_parameters(&s, &[keep("A")], None).expect_err("nothing to keep");
    assert_eq!(err, ParameterError::NoPreviousValue("A".into()));
    assert_eq!(
        err.to_string(),
        "Cannot specify usePreviousValue as true for a parameter key not in the previous template"
    );
}

#[test]
fn api_parameters_convert() {
    let p = ProvisioningParameter {
        key: Some("K".into()),
        value: None,
    };
    assert_eq!(
        GivenParameter::from(&p),
        GivenParameter {
            key: "K".into(),
            value: GivenValue::Value(String::new())
        }
    );
    let u = UpdateProvisioningParameter {
        key: Some("K".into()),
        value: Some("v".into()),
        use_previous_value: Some(false),
    };
    assert_eq!(
        GivenParameter::from(&u).value,
        GivenValue::Value("v".into())
    );
}

#[test]
fn the_last_of_repeated_keys_counts_and_resolved_sets_round_trip() {
    let s = specs(json!({"A": {"Type": "CommaDelimitedList"}}));
    let r = resolve_parameters(&s, &given(&[("A", "x"), ("A", "y,z")]), None).expect("valid");
    assert_eq!(r.reference("A"), Some(json!(["y", "z"])));
    let stored = serde_json::to_string(&r).expect("serializes");
    let back: ResolvedParameters = serde_json::from_str(&stored).expect("deserializes");
    assert_eq!(back, r);
}
