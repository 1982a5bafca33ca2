//! Management policy types (tag, backup, AI-services opt-out, chatbot, declarative EC2,
//! Security Hub, Inspector, upgrade rollout, Bedrock, S3, network security director,
//! GuardDuty): content validation (governance.md §2.6) and the effective-policy merge with
//! inheritance operators (§7.2, [`merge`]).
//!
//! A management document is one JSON object whose keys are settings; a setting is an object
//! holding either child settings or value operators (`@@assign`, `@@append`, `@@remove`), and
//! optionally `@@operators_allowed_for_child_policies` (Organizations User Guide,
//! orgs_manage_policies_inheritance_mgmt.md). Per-type schemas are out of scope (inferred).

pub mod merge;

#[cfg(test)]
mod examples;

use serde_json::{Map, Value};

use super::malformed::Malformed;

pub use merge::{effective_policy, EffectivePolicy, MergeIssue, MergeProblem};

/// `@@assign`.
pub const ASSIGN: &str = "@@assign";
/// `@@append`.
pub const APPEND: &str = "@@append";
/// `@@remove`.
pub const REMOVE: &str = "@@remove";
/// `@@operators_allowed_for_child_policies`.
pub const ALLOWED_FOR_CHILDREN: &str = "@@operators_allowed_for_child_policies";

/// A validated management policy document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManagementPolicyDocument {
    root: Map<String, Value>,
}

impl ManagementPolicyDocument {
    /// Parses and validates `text`: a JSON object of settings whose leaves are operator
    /// objects; unknown `@@` operators, `@@append`/`@@remove` on anything but a list, an
    /// `@@assign` of an object, and settings mixing values with child settings are refused.
    pub fn parse(text: &str) -> Result<ManagementPolicyDocument, Malformed> {
        // serde_json refuses nesting deeper than 128 levels, which bounds the recursion below.
        let value: Value = serde_json::from_str(text).map_err(|_| Malformed::NotJson)?;
        let Value::Object(root) = value else {
            return Err(Malformed::NotAnObject("policy document"));
        };
        validate_node(&root, "")?;
        Ok(ManagementPolicyDocument { root })
    }

    /// The document's top-level settings.
    pub fn settings(&self) -> &Map<String, Value> {
        &self.root
    }
}

fn validate_node(node: &Map<String, Value>, path: &str) -> Result<(), Malformed> {
    let mut has_value = false;
    let mut has_children = false;
    for (key, value) in node {
        match key.as_str() {
            ASSIGN => {
                has_value = true;
                let ok = match value {
                    Value::Array(items) => items.iter().all(is_scalar),
                    other => is_scalar(other),
                };
                if !ok {
                    return Err(Malformed::OperatorValue(ASSIGN));
                }
            }
            APPEND | REMOVE => {
                has_value = true;
                if !matches!(value, Value::Array(items) if items.iter().all(is_scalar)) {
                    return Err(Malformed::OperatorValue(if key == APPEND {
                        APPEND
                    } else {
                        REMOVE
                    }));
                }
            }
            ALLOWED_FOR_CHILDREN => {
                if parse_allowed(value).is_none() {
                    return Err(Malformed::OperatorValue(ALLOWED_FOR_CHILDREN));
                }
            }
            k if k.starts_with("@@") => return Err(Malformed::UnknownOperator(k.to_string())),
            _ => {
                has_children = true;
                let Value::Object(child) = value else {
                    return Err(Malformed::NotAnObject("setting"));
                };
                validate_node(child, &format!("{path}/{key}"))?;
            }
        }
    }
    if has_value && has_children {
        return Err(Malformed::MixedSetting(path.to_string()));
    }
    Ok(())
}

/// Non-null scalars; `@@assign` values are strings, numbers, booleans or lists of them.
fn is_scalar(v: &Value) -> bool {
    matches!(v, Value::String(_) | Value::Number(_) | Value::Bool(_))
}

/// The value-setting operators a child may use, as a bit set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AllowedOperators(u8);

impl AllowedOperators {
    /// `["@@all"]`, the default.
    pub const ALL: AllowedOperators = AllowedOperators(0b111);
    /// `["@@none"]`.
    pub const NONE: AllowedOperators = AllowedOperators(0);

    fn bit(op: &str) -> u8 {
        match op {
            ASSIGN => 0b001,
            APPEND => 0b010,
            REMOVE => 0b100,
            _ => 0,
        }
    }

    /// Whether `op` (`@@assign`, `@@append` or `@@remove`) is allowed.
    pub fn allows(self, op: &str) -> bool {
        self.0 & Self::bit(op) != 0
    }

    /// Both restrictions at once (several policies at one level: the intersection).
    #[must_use]
    pub fn intersect(self, other: AllowedOperators) -> AllowedOperators {
        AllowedOperators(self.0 & other.0)
    }
}

/// `["@@all"]`, `["@@none"]` or a non-empty subset of the three value operators.
pub(crate) fn parse_allowed(value: &Value) -> Option<AllowedOperators> {
    let Value::Array(items) = value else {
        return None;
    };
    let names: Option<Vec<&str>> = items.iter().map(Value::as_str).collect();
    match names?.as_slice() {
        [] => None,
        ["@@all"] => Some(AllowedOperators::ALL),
        ["@@none"] => Some(AllowedOperators::NONE),
        ops => ops.iter().try_fold(AllowedOperators::NONE, |acc, op| {
            let bit = AllowedOperators::bit(op);
            (bit != 0).then_some(AllowedOperators(acc.0 | bit))
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_documents_parse() {
        for text in [
            r#"{"tags":{"costcenter":{"tag_key":{"@@assign":"CostCenter"},"tag_value":{"@@assign":["A","B"]}}}}"#,
            r#"{"services":{"@@operators_allowed_for_child_policies":["@@none"],"default":{"opt_out_policy":{"@@assign":"optOut"}}}}"#,
            r#"{"securityhub":{"enabled_in_regions":{"@@append":["ALL_SUPPORTED"]},"disabled_in_regions":{"@@assign":[]}}}"#,
            r#"{"plans":{"p":{"rules":{"r":{"lifecycle":{"delete_after_days":{"@@assign":30}}}}}}}"#,
            r#"{"x":{"y":{"@@operators_allowed_for_child_policies":["@@append","@@remove"],"@@remove":["a"]}}}"#,
            "{}",
        ] {
            let doc =
                ManagementPolicyDocument::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(
                serde_json::to_value(doc.settings()).unwrap(),
                serde_json::from_str::<Value>(text).unwrap()
            );
        }
    }

    #[test]
    fn malformed_documents() {
        let cases: &[(&str, Malformed)] = &[
            ("nope", Malformed::NotJson),
            (r#"["tags"]"#, Malformed::NotAnObject("policy document")),
            (r#"{"tags":"x"}"#, Malformed::NotAnObject("setting")),
            (
                r#"{"t":{"k":{"@@set":"x"}}}"#,
                Malformed::UnknownOperator("@@set".into()),
            ),
            (
                r#"{"t":{"k":{"@@append":"x"}}}"#,
                Malformed::OperatorValue(APPEND),
            ),
            (
                r#"{"t":{"k":{"@@remove":5}}}"#,
                Malformed::OperatorValue(REMOVE),
            ),
            (
                r#"{"t":{"k":{"@@assign":{"a":1}}}}"#,
                Malformed::OperatorValue(ASSIGN),
            ),
            (
                r#"{"t":{"k":{"@@assign":null}}}"#,
                Malformed::OperatorValue(ASSIGN),
            ),
            (
                r#"{"t":{"k":{"@@assign":[["nested"]]}}}"#,
                Malformed::OperatorValue(ASSIGN),
            ),
            (
                r#"{"t":{"k":{"@@operators_allowed_for_child_policies":["@@all","@@none"]}}}"#,
                Malformed::OperatorValue(ALLOWED_FOR_CHILDREN),
            ),
            (
                r#"{"t":{"k":{"@@operators_allowed_for_child_policies":[]}}}"#,
                Malformed::OperatorValue(ALLOWED_FOR_CHILDREN),
            ),
            (
                r#"{"t":{"k":{"@@operators_allowed_for_child_policies":"@@all"}}}"#,
                Malformed::OperatorValue(ALLOWED_FOR_CHILDREN),
            ),
            (
                r#"{"t":{"k":{"@@assign":"x","sub":{"@@assign":"y"}}}}"#,
                Malformed::MixedSetting("/t/k".into()),
            ),
        ];
        for (text, reason) in cases {
            assert_eq!(
                &ManagementPolicyDocument::parse(text).unwrap_err(),
                reason,
                "{text}"
            );
        }
    }

    #[test]
    fn allowed_operator_sets() {
        let p = |v: &str| parse_allowed(&serde_json::from_str(v).unwrap());
        assert_eq!(p(r#"["@@all"]"#), Some(AllowedOperators::ALL));
        assert_eq!(p(r#"["@@none"]"#), Some(AllowedOperators::NONE));
        let ap = p(r#"["@@append"]"#).unwrap();
        assert!(ap.allows(APPEND) && !ap.allows(ASSIGN) && !ap.allows(REMOVE));
        let two = p(r#"["@@append","@@remove"]"#).unwrap();
        assert_eq!(two.intersect(ap), ap);
        assert_eq!(p(r#"["@@append","@@bogus"]"#), None);
        assert!(!AllowedOperators::NONE.allows(ASSIGN));
    }
}
