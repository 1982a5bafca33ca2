//! The `Condition` element: parsed once into [`Condition`]s, evaluated per request
//! (governance.md §6.3). Every operator block must hold (AND across operators and keys); the
//! values of one key are alternatives (OR).
//!
//! A key the request does not carry ("missing") makes the condition false, except: negated
//! operators (`…Not…`) are true, `…IfExists` is true, `Null` tests presence, and
//! `ForAllValues:` is true (an empty set satisfies "all"); `ForAnyValue:` is false (IAM
//! condition operators page, "ForAllValues" / "ForAnyValue" and "…IfExists").

use serde_json::Value;

use super::context::Context;
use super::malformed::Malformed;
use super::operator::{Family, Operator, SetQualifier, Values};

/// One operator applied to one key.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Condition {
    operator: Operator,
    /// Lower-case key.
    key: String,
    values: Values,
}

/// Parses a `Condition` object: `{ operator: { key: value | [values] } }`.
pub(crate) fn parse_block(block: &Value, variables: bool) -> Result<Vec<Condition>, Malformed> {
    let Value::Object(operators) = block else {
        return Err(Malformed::WrongType("Condition"));
    };
    let mut out = Vec::new();
    for (name, keys) in operators {
        let operator =
            Operator::parse(name).ok_or_else(|| Malformed::BadConditionOperator(name.clone()))?;
        let Value::Object(keys) = keys else {
            return Err(Malformed::WrongType("Condition"));
        };
        for (key, raw) in keys {
            if !key.contains(':') || key.starts_with(':') {
                return Err(Malformed::BadConditionKey(key.clone()));
            }
            let raw = condition_values(raw)?;
            let values = Values::compile(operator.family, &raw, variables).map_err(|value| {
                Malformed::BadConditionValue {
                    operator: name.clone(),
                    value,
                }
            })?;
            out.push(Condition {
                operator,
                key: key.to_ascii_lowercase(),
                values,
            });
        }
    }
    Ok(out)
}

/// A condition value: a string, number or boolean, or a non-empty array of them.
fn condition_values(raw: &Value) -> Result<Vec<String>, Malformed> {
    let scalar = |v: &Value| match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    };
    match raw {
        Value::Array(items) if !items.is_empty() => items
            .iter()
            .map(|v| scalar(v).ok_or(Malformed::WrongType("Condition value")))
            .collect(),
        other => scalar(other)
            .map(|v| vec![v])
            .ok_or(Malformed::WrongType("Condition value")),
    }
}

impl Condition {
    /// Whether this condition holds for the request context `cx`.
    pub(crate) fn holds(&self, cx: &Context) -> bool {
        let op = self.operator;
        let present = cx.get(&self.key);
        if op.family == Family::Null {
            // `"Null": {"k": "true"}` holds when k is missing; `"false"` when it is present.
            return self
                .values
                .bools()
                .iter()
                .any(|&absent| absent == present.is_none());
        }
        let Some(request) = present else {
            return match op.set {
                SetQualifier::ForAllValues => true,
                SetQualifier::ForAnyValue => false,
                SetQualifier::Single => op.if_exists || op.negated,
            };
        };
        let one = |v: &String| self.values.any_matches(op.family, v, cx) != op.negated;
        match op.set {
            SetQualifier::ForAllValues => request.iter().all(one),
            SetQualifier::ForAnyValue => request.iter().any(one),
            SetQualifier::Single => {
                // The negated operator is the negation of its positive form over every value.
                request
                    .iter()
                    .any(|v| self.values.any_matches(op.family, v, cx))
                    != op.negated
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// Whether the block holds (every condition of it) for a context built from `keys`.
    fn holds(block: &Value, keys: &[(&str, &[&str])]) -> bool {
        let mut cx = Context::new();
        for (k, vs) in keys {
            cx.insert_all(k.to_string(), vs.iter().copied());
        }
        parse_block(block, true)
            .unwrap()
            .iter()
            .all(|c| c.holds(&cx))
    }

    const REGION: &str = "aws:RequestedRegion";

    #[test]
    fn string_operators() {
        let eq = json!({"StringEquals": {REGION: ["us-east-1", "us-west-2"]}});
        assert!(holds(&eq, &[(REGION, &["us-west-2"])]));
        assert!(!holds(&eq, &[(REGION, &["US-WEST-2"])]));
        assert!(!holds(&eq, &[]), "missing key: false");
        let ne = json!({"StringNotEquals": {REGION: ["us-east-1", "us-west-2"]}});
        assert!(holds(&ne, &[(REGION, &["eu-west-1"])]));
        assert!(!holds(&ne, &[(REGION, &["us-east-1"])]));
        assert!(holds(&ne, &[]), "missing key: negated operators are true");
        let ic = json!({"StringEqualsIgnoreCase": {"aws:username": "Alice"}});
        assert!(holds(&ic, &[("aws:username", &["aLICE"])]));
        let nic = json!({"StringNotEqualsIgnoreCase": {"aws:username": "Alice"}});
        assert!(!holds(&nic, &[("aws:username", &["ALICE"])]));
        let like = json!({"StringLike": {REGION: "eu-*"}});
        assert!(holds(&like, &[(REGION, &["eu-central-1"])]));
        assert!(!holds(&like, &[(REGION, &["us-east-1"])]));
        let not_like = json!({"StringNotLike": {REGION: "eu-*"}});
        assert!(holds(&not_like, &[(REGION, &["us-east-1"])]));
        assert!(holds(&not_like, &[]));
    }

    #[test]
    fn if_exists_is_true_when_missing_and_normal_when_present() {
        let b = json!({"StringEqualsIfExists": {REGION: "us-east-1"}});
        assert!(holds(&b, &[]));
        assert!(holds(&b, &[(REGION, &["us-east-1"])]));
        assert!(!holds(&b, &[(REGION, &["eu-west-1"])]));
        let n = json!({"NumericLessThanIfExists": {"aws:MultiFactorAuthAge": "3600"}});
        assert!(holds(&n, &[]));
        assert!(!holds(&n, &[("aws:MultiFactorAuthAge", &["7200"])]));
    }

    #[test]
    fn set_qualifiers() {
        let all = json!({"ForAllValues:StringEquals": {"aws:TagKeys": ["Team", "Env"]}});
        assert!(holds(&all, &[("aws:TagKeys", &["Team"])]));
        assert!(holds(&all, &[("aws:TagKeys", &["Team", "Env"])]));
        assert!(!holds(&all, &[("aws:TagKeys", &["Team", "Cost"])]));
        assert!(holds(&all, &[]), "ForAllValues with a missing key is true");
        let any = json!({"ForAnyValue:StringEquals": {"aws:TagKeys": ["Team", "Env"]}});
        assert!(holds(&any, &[("aws:TagKeys", &["Cost", "Env"])]));
        assert!(!holds(&any, &[("aws:TagKeys", &["Cost"])]));
        assert!(!holds(&any, &[]), "ForAnyValue with a missing key is false");
        // Negated with a qualifier: each value is tested against the whole list.
        let any_not = json!({"ForAnyValue:StringNotEquals": {"aws:TagKeys": ["Team"]}});
        assert!(holds(&any_not, &[("aws:TagKeys", &["Team", "Env"])]));
        assert!(!holds(&any_not, &[("aws:TagKeys", &["Team"])]));
        let all_not = json!({"ForAllValues:StringNotLike": {"aws:TagKeys": ["aws:*"]}});
        assert!(holds(&all_not, &[("aws:TagKeys", &["Team"])]));
        assert!(!holds(&all_not, &[("aws:TagKeys", &["Team", "aws:x"])]));
    }

    #[test]
    fn null_tests_presence() {
        let absent = json!({"Null": {"aws:ResourceTag/Team": "true"}});
        assert!(holds(&absent, &[]));
        assert!(!holds(&absent, &[("aws:ResourceTag/Team", &["x"])]));
        let present = json!({"Null": {"aws:ResourceTag/Team": false}});
        assert!(holds(&present, &[("aws:resourcetag/team", &["x"])]));
        assert!(!holds(&present, &[]));
    }

    #[test]
    fn numeric_date_bool_ip_and_arn_families() {
        let n = json!({"NumericNotEquals": {"s3:max-keys": 10}});
        assert!(holds(&n, &[("s3:max-keys", &["11"])]) && !holds(&n, &[("s3:max-keys", &["10"])]));
        let d = json!({"DateLessThan": {"aws:CurrentTime": "2025-01-01T00:00:00Z"}});
        assert!(holds(&d, &[("aws:CurrentTime", &["2024-12-31T23:59:59Z"])]));
        assert!(!holds(
            &d,
            &[("aws:CurrentTime", &["2025-01-01T00:00:00Z"])]
        ));
        let e = json!({"DateGreaterThanEquals": {"aws:EpochTime": "1700000000"}});
        assert!(holds(&e, &[("aws:EpochTime", &["1700000000"])]));
        let b = json!({"Bool": {"aws:SecureTransport": "false"}});
        assert!(holds(&b, &[("aws:SecureTransport", &["false"])]));
        assert!(!holds(&b, &[("aws:SecureTransport", &["true"])]) && !holds(&b, &[]));
        let ip = json!({"NotIpAddress": {"aws:SourceIp": ["192.0.2.0/24"]}});
        assert!(holds(&ip, &[("aws:SourceIp", &["127.0.0.1"])]));
        assert!(!holds(&ip, &[("aws:SourceIp", &["192.0.2.9"])]));
        let arn = json!({"ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/PlatformAdmin"}});
        assert!(!holds(
            &arn,
            &[(
                "aws:PrincipalArn",
                &["arn:aws:iam::222222222222:role/PlatformAdmin"]
            )]
        ));
        assert!(holds(
            &arn,
            &[("aws:PrincipalArn", &["arn:aws:iam::222222222222:root"])]
        ));
    }

    #[test]
    fn blocks_and_across_operators_and_keys() {
        let b = json!({
            "StringEquals": {REGION: "us-east-1", "aws:PrincipalAccount": "111111111111"},
            "Bool": {"aws:SecureTransport": "true"}
        });
        let ok: &[(&str, &[&str])] = &[
            (REGION, &["us-east-1"]),
            ("aws:PrincipalAccount", &["111111111111"]),
            ("aws:SecureTransport", &["true"]),
        ];
        assert!(holds(&b, ok));
        assert!(!holds(&b, &ok[..2]));
    }

    #[test]
    fn variables_in_condition_values() {
        let b = json!({"StringEquals": {"aws:ResourceAccount": "${aws:PrincipalAccount}"}});
        let same: &[(&str, &[&str])] = &[
            ("aws:ResourceAccount", &["1"]),
            ("aws:PrincipalAccount", &["1"]),
        ];
        let other: &[(&str, &[&str])] = &[
            ("aws:ResourceAccount", &["2"]),
            ("aws:PrincipalAccount", &["1"]),
        ];
        assert!(holds(&b, same));
        assert!(!holds(&b, other));
    }

    #[test]
    fn missing_keys_across_every_operator() {
        let ops = [
            ("StringEquals", "x", false),
            ("StringNotEquals", "x", true),
            ("StringEqualsIgnoreCase", "x", false),
            ("StringNotEqualsIgnoreCase", "x", true),
            ("StringLike", "x*", false),
            ("StringNotLike", "x*", true),
            ("ArnEquals", "arn:aws:iam::*:root", false),
            ("ArnLike", "arn:aws:iam::*:root", false),
            ("ArnNotEquals", "arn:aws:iam::*:root", true),
            ("ArnNotLike", "arn:aws:iam::*:root", true),
            ("NumericEquals", "1", false),
            ("NumericNotEquals", "1", true),
            ("NumericLessThan", "1", false),
            ("NumericLessThanEquals", "1", false),
            ("NumericGreaterThan", "1", false),
            ("NumericGreaterThanEquals", "1", false),
            ("DateEquals", "2024-01-01", false),
            ("DateNotEquals", "2024-01-01", true),
            ("DateLessThan", "2024-01-01", false),
            ("DateLessThanEquals", "2024-01-01", false),
            ("DateGreaterThan", "2024-01-01", false),
            ("DateGreaterThanEquals", "2024-01-01", false),
            ("Bool", "true", false),
            ("BinaryEquals", "QmluYXJ5", false),
            ("IpAddress", "10.0.0.0/8", false),
            ("NotIpAddress", "10.0.0.0/8", true),
        ];
        for (op, value, when_missing) in ops {
            let block = |name: String| json!({ name: {"aws:Missing": value} });
            assert_eq!(holds(&block(op.to_string()), &[]), when_missing, "{op}");
            assert!(holds(&block(format!("{op}IfExists")), &[]), "{op}IfExists");
            assert!(
                holds(&block(format!("ForAllValues:{op}")), &[]),
                "ForAllValues:{op}"
            );
            assert!(
                !holds(&block(format!("ForAnyValue:{op}")), &[]),
                "ForAnyValue:{op}"
            );
        }
        let arn_like = json!({"ArnLike": {"aws:SourceArn": "arn:aws:sns:*:111111111111:*"}});
        assert!(holds(
            &arn_like,
            &[(
                "aws:SourceArn",
                &["arn:aws:sns:us-east-1:111111111111:topic"]
            )]
        ));
        let arn_eq =
            json!({"ArnEquals": {"aws:SourceArn": "arn:aws:sns:us-east-1:111111111111:topic"}});
        assert!(!holds(
            &arn_eq,
            &[(
                "aws:SourceArn",
                &["arn:aws:sns:us-east-1:111111111111:other"]
            )]
        ));
    }

    #[test]
    fn malformed_blocks() {
        let bad = |b: Value| parse_block(&b, true).unwrap_err();
        assert_eq!(bad(json!("x")), Malformed::WrongType("Condition"));
        assert_eq!(
            bad(json!({"StringEquals": "x"})),
            Malformed::WrongType("Condition")
        );
        assert_eq!(
            bad(json!({"StringMaybe": {"aws:x": "y"}})),
            Malformed::BadConditionOperator("StringMaybe".into())
        );
        assert_eq!(
            bad(json!({"StringEquals": {"nokey": "y"}})),
            Malformed::BadConditionKey("nokey".into())
        );
        assert_eq!(
            bad(json!({"StringEquals": {"aws:x": []}})),
            Malformed::WrongType("Condition value")
        );
        assert_eq!(
            bad(json!({"StringEquals": {"aws:x": {"a": 1}}})),
            Malformed::WrongType("Condition value")
        );
        assert_eq!(
            bad(json!({"DateLessThan": {"aws:CurrentTime": "tomorrow"}})),
            Malformed::BadConditionValue {
                operator: "DateLessThan".into(),
                value: "tomorrow".into()
            }
        );
        assert_eq!(
            bad(json!({"Null": {"aws:x": "maybe"}})).to_string(),
            "invalid value maybe for Null"
        );
    }
}
