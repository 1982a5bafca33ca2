//! Unit tests of parameter declarations and their DescribeProvisioningParameters view.

use serde_json::json;

use super::{ParameterKind, ParameterSpec};
use crate::cloudformation::TemplateError;

#[test]
fn types_map_to_kinds() {
    let cases = [
        ("String", Some(ParameterKind::String)),
        ("Number", Some(ParameterKind::Number)),
        ("List<Number>", Some(ParameterKind::NumberList)),
        (
            "CommaDelimitedList",
            Some(ParameterKind::CommaDelimitedList),
        ),
        (
            "AWS::EC2::VPC::Id",
            Some(ParameterKind::AwsSpecific { list: false }),
        ),
        (
            "List<AWS::EC2::Subnet::Id>",
            Some(ParameterKind::AwsSpecific { list: true }),
        ),
        (
            "AWS::SSM::Parameter::Value<String>",
            Some(ParameterKind::Ssm),
        ),
        ("AWS::SSM::Parameter::Name", Some(ParameterKind::Ssm)),
        ("string", None),
        ("Integer", None),
        ("List<String>", None),
    ];
    for (name, kind) in cases {
        assert_eq!(ParameterKind::from_type(name), kind, "{name}");
    }
    assert!(ParameterKind::CommaDelimitedList.is_list());
    assert!(!ParameterKind::Ssm.is_list());
}

#[test]
fn a_full_declaration_is_read_with_strings_for_numbers() {
    let decl = json!({
        "Type": "Number", "Default": 2, "AllowedValues": [1, 2, "3"],
        "MinValue": "1", "MaxValue": 10.5, "NoEcho": "True",
        "Description": "How many", "ConstraintDescription": "between 1 and 10"
    });
    let spec = ParameterSpec::from_template("Count", &decl).expect("valid");
    assert_eq!(spec.kind, ParameterKind::Number);
    assert_eq!(spec.default.as_deref(), Some("2"));
    assert_eq!(spec.allowed_values, ["1", "2", "3"]);
    assert_eq!(spec.min_value.as_ref().map(|b| b.value), Some(1.0));
    assert_eq!(
        spec.max_value.as_ref().map(|b| b.text.as_str()),
        Some("10.5")
    );
    assert!(spec.no_echo);

    let api = spec.to_api();
    assert_eq!(api.parameter_key.as_deref(), Some("Count"));
    assert_eq!(api.default_value.as_deref(), Some("2"));
    assert_eq!(api.parameter_type.as_deref(), Some("Number"));
    assert_eq!(api.is_no_echo, Some(true));
    let c = api.parameter_constraints.expect("constraints");
    assert_eq!(
        c.allowed_values,
        Some(vec!["1".into(), "2".into(), "3".into()])
    );
    assert_eq!(c.min_value.as_deref(), Some("1"));
    assert_eq!(c.max_value.as_deref(), Some("10.5"));
    assert_eq!(
        c.constraint_description.as_deref(),
        Some("between 1 and 10")
    );
    assert_eq!(c.min_length, None);
}

#[test]
fn a_bare_declaration_shows_empty_allowed_values_and_no_echo_false() {
    let spec = ParameterSpec::from_template("Name", &json!({"Type": "String"})).expect("valid");
    let api = spec.to_api();
    assert_eq!(api.is_no_echo, Some(false));
    assert_eq!(api.default_value, None);
    let c = api.parameter_constraints.expect("constraints");
    assert_eq!(c.allowed_values, Some(vec![]));
    assert_eq!(c.allowed_pattern, None);
}

#[test]
fn lengths_are_integers_and_shown_as_strings() {
    let decl = json!({"Type": "String", "MinLength": "3", "MaxLength": 8});
    let spec = ParameterSpec::from_template("P", &decl).expect("valid");
    assert_eq!((spec.min_length, spec.max_length), (Some(3), Some(8)));
    let c = spec.to_api().parameter_constraints.expect("constraints");
    assert_eq!(c.min_length.as_deref(), Some("3"));
    assert_eq!(c.max_length.as_deref(), Some("8"));
}

#[test]
fn a_list_default_is_read_comma_joined() {
    let decl = json!({"Type": "CommaDelimitedList", "Default": ["a", "b"]});
    let spec = ParameterSpec::from_template("L", &decl).expect("valid");
    assert_eq!(spec.default.as_deref(), Some("a,b"));
}

#[test]
fn malformed_declarations_are_template_format_errors() {
    let err = |key: &str, decl: serde_json::Value| {
        ParameterSpec::from_template(key, &decl)
            .expect_err("invalid")
            .to_string()
    };
    assert_eq!(
        err("P", json!({"Default": "x"})),
        "Template format error: [/Parameters/P] Every Parameters object must contain a Type member."
    );
    assert_eq!(
        err("P", json!("String")),
        "Template format error: [/Parameters/P] Every Parameters object must contain a Type member."
    );
    assert_eq!(
        err("P", json!({"Type": "Strin"})),
        "Template format error: Unrecognized parameter type: Strin"
    );
    assert_eq!(
        err("my-param", json!({"Type": "String"})),
        "Template format error: Parameter name my-param is non alphanumeric."
    );
    assert!(matches!(
        ParameterSpec::from_template("P", &json!({"Type": "String", "MinLength": "x"})),
        Err(TemplateError::Format(_))
    ));
    assert!(matches!(
        ParameterSpec::from_template("P", &json!({"Type": "String", "MaxLength": -1})),
        Err(TemplateError::Format(_))
    ));
    assert!(matches!(
        ParameterSpec::from_template("P", &json!({"Type": "Number", "MinValue": "low"})),
        Err(TemplateError::Format(_))
    ));
    assert!(matches!(
        ParameterSpec::from_template("P", &json!({"Type": "String", "AllowedValues": "a"})),
        Err(TemplateError::Format(_))
    ));
    assert!(matches!(
        ParameterSpec::from_template("P", &json!({"Type": "String", "Default": {"a": 1}})),
        Err(TemplateError::Format(_))
    ));
}
