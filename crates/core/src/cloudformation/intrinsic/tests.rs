//! Unit tests of the evaluator's bounds and condition logic.

use serde_json::json;

use super::{EvalError, Evaluator};
use crate::cloudformation::pseudo::tests::context;
use crate::cloudformation::{ResolvedParameters, Template};

fn template(conditions: &serde_json::Value) -> Template {
    Template::from_value(json!({
        "Resources": {"R": {"Type": "X"}},
        "Conditions": conditions,
    }))
    .expect("template")
}

#[test]
fn conditions_compose_and_compare_as_text() {
    let t = template(&json!({
        "One": {"Fn::Equals": [1, "1"]},
        "Lists": {"Fn::Equals": [["a", 1], ["a", "1"]]},
        "Both": {"Fn::And": [{"Condition": "One"}, {"Condition": "Lists"}]},
        "Either": {"Fn::Or": [{"Fn::Not": [{"Condition": "One"}]}, {"Condition": "Lists"}]},
        "Region": {"Fn::Equals": [{"Ref": "AWS::Region"}, "eu-west-1"]},
    }));
    let (params, stack) = (ResolvedParameters::default(), context());
    let ev = Evaluator::new(&t, &params, &stack);
    for name in ["One", "Lists", "Both", "Either", "Region"] {
        assert_eq!(ev.condition(name), Ok(true), "{name}");
    }
    assert_eq!(
        ev.condition("Nope"),
        Err(EvalError::Unresolved("Nope".into()))
    );
}

#[test]
fn circular_conditions_are_refused() {
    let t = template(&json!({
        "A": {"Fn::Not": [{"Condition": "B"}]},
        "B": {"Fn::Not": [{"Condition": "A"}]},
    }));
    let (params, stack) = (ResolvedParameters::default(), context());
    let ev = Evaluator::new(&t, &params, &stack);
    assert_eq!(
        ev.condition("A"),
        Err(EvalError::Template(
            "Template error: Circular dependency between conditions [A, B, A]".into()
        ))
    );
}

#[test]
fn long_condition_chains_are_bounded_not_a_stack_overflow() {
    let mut conditions = serde_json::Map::new();
    for i in 0..50_000 {
        conditions.insert(format!("C{i}"), json!({"Condition": format!("C{}", i + 1)}));
    }
    conditions.insert("C50000".into(), json!(true));
    let t = template(&serde_json::Value::Object(conditions));
    let (params, stack) = (ResolvedParameters::default(), context());
    let ev = Evaluator::new(&t, &params, &stack);
    assert!(matches!(ev.condition("C0"), Err(EvalError::Template(_))));
}

#[test]
fn shared_conditions_are_evaluated_once() {
    // C_n = And(C_{n-1}, C_{n-1}): exponential without memoisation.
    let mut conditions = serde_json::Map::new();
    conditions.insert("C0".into(), json!(true));
    for i in 1..=60 {
        let prev = json!({"Condition": format!("C{}", i - 1)});
        conditions.insert(format!("C{i}"), json!({"Fn::And": [prev.clone(), prev]}));
    }
    let t = template(&serde_json::Value::Object(conditions));
    let (params, stack) = (ResolvedParameters::default(), context());
    let ev = Evaluator::new(&t, &params, &stack);
    // Without memoisation this would take 2^60 steps.
    assert_eq!(ev.condition("C60"), Ok(true));
    assert_eq!(ev.conditions.borrow().len(), 61);
}

#[test]
fn malformed_conditions_are_template_errors() {
    let t = template(&json!({"Bad": {"Ref": "AWS::Region"}, "Eq": {"Fn::Equals": ["a"]}}));
    let (params, stack) = (ResolvedParameters::default(), context());
    let ev = Evaluator::new(&t, &params, &stack);
    assert_eq!(
        ev.condition("Bad"),
        Err(EvalError::Template(
            "Template error: Conditions can only be boolean operations on parameters and other conditions".into()
        ))
    );
    assert!(matches!(ev.condition("Eq"), Err(EvalError::Template(_))));
}

#[test]
fn no_value_drops_out_of_lists_and_plain_objects_are_walked() {
    let t = template(&json!({}));
    let (params, stack) = (ResolvedParameters::default(), context());
    let ev = Evaluator::new(&t, &params, &stack);
    let v = ev
        .value(&json!({"k": [{"Ref": "AWS::NoValue"}, {"Ref": "AWS::Region"}], "n": {"Fn::Length": [1, 2]}}))
        .expect("evaluates");
    assert_eq!(v, json!({"k": ["eu-west-1"], "n": 2}));
    assert_eq!(
        ev.value(&json!({"Fn::ToJsonString": {"a": [1, {"Ref": "AWS::AccountId"}]}})),
        Ok(json!("{\"a\":[1,\"111111111111\"]}"))
    );
    assert_eq!(
        ev.value(&json!({"Fn::Nope": 1})),
        Err(EvalError::Unsupported)
    );
}

#[test]
fn mapping_entries_are_literals_and_never_evaluated() {
    let find = json!({"Fn::FindInMap": ["M", "k", "v"]});
    let t = Template::from_value(json!({
        "Resources": {"R": {"Type": "X"}},
        "Mappings": {"M": {"k": {"v": [find.clone(), find.clone()]}}},
    }))
    .expect("template");
    let (params, stack) = (ResolvedParameters::default(), context());
    let ev = Evaluator::new(&t, &params, &stack);
    assert_eq!(ev.value(&find), Ok(json!([find.clone(), find])));
    let defaulted =
        json!({"Fn::FindInMap": ["M", "x", "y", {"DefaultValue": {"Ref": "AWS::Region"}}]});
    assert_eq!(ev.value(&defaulted), Ok(json!("eu-west-1")));
}
