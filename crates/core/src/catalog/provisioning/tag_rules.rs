//! TagOptions at launch (provisioning.md §8): which values each TagOption key allows on a
//! launch, and the tags a launch (or an update) ends up with.
//!
//! The TagOptions that apply are the active ones the caller sees on the path's portfolio and
//! on the product, grouped by key; where both constrain a key, the values both allow (an empty
//! intersection is a "TagOption conflict": the key is tagged
//! `sc-tagoption-conflict-<portfolioId>-<productId>` and the user must not send it, model doc
//! of ProvisionProduct). A tag with a TagOption key must carry an allowed value; a TagOption key
//! left out is refused unless it allows exactly one value, which is applied [inferred; the
//! console forces a choice]. Other keys are free.

use std::collections::BTreeMap;
use std::fmt;

use crate::store::TagOptionRecord;
use crate::tags::Tags;

/// The values one TagOption key allows on a launch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct KeyRule {
    /// The key.
    pub key: String,
    /// The allowed values; empty for a conflict.
    pub values: Vec<String>,
}

/// Groups the active TagOptions of the portfolio and of the product by key.
pub(crate) fn key_rules(
    portfolio: &[TagOptionRecord],
    product: &[TagOptionRecord],
) -> Vec<KeyRule> {
    let group = |options: &[TagOptionRecord]| {
        let mut by_key: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for o in options.iter().filter(|o| o.active) {
            let values = by_key.entry(o.key.clone()).or_default();
            if !values.contains(&o.value) {
                values.push(o.value.clone());
            }
        }
        by_key
    };
    let (mut from_portfolio, from_product) = (group(portfolio), group(product));
    for (key, values) in from_product {
        match from_portfolio.get_mut(&key) {
            Some(allowed) => allowed.retain(|v| values.contains(v)),
            None => {
                from_portfolio.insert(key, values);
            }
        }
    }
    from_portfolio
        .into_iter()
        .map(|(key, values)| KeyRule { key, values })
        .collect()
}

/// A tag that breaks a TagOption rule. DEVIATION(aws): AWS's texts are not public; the code is
/// InvalidParametersException [inferred].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TagRuleError {
    /// A value the key's TagOptions do not allow.
    NotAllowed {
        /// The key.
        key: String,
        /// The value given.
        value: String,
    },
    /// A TagOption key with several values, left out.
    Missing {
        /// The key.
        key: String,
        /// Its allowed values.
        values: Vec<String>,
    },
    /// A key whose TagOptions conflict, given.
    Conflict(String),
}

impl fmt::Display for TagRuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotAllowed { key, value } => {
                write!(
                    f,
                    "Tag value {value} is not allowed for TagOption key {key}"
                )
            }
            Self::Missing { key, values } => write!(
                f,
                "TagOption key {key} requires a tag with one of the values [{}]",
                values.join(", ")
            ),
            Self::Conflict(key) => write!(
                f,
                "TagOption key {key} has conflicting TagOptions; do not send a tag with this key"
            ),
        }
    }
}

/// The tags a launch ends up with: the given ones, checked against the rules, then the keys
/// the rules fill in (a single allowed value, or the conflict value `conflict`).
pub(crate) fn launch_tags(
    rules: &[KeyRule],
    given: Tags,
    conflict: &str,
) -> Result<Tags, TagRuleError> {
    let mut tags = given;
    for (key, value) in &tags {
        if let Some(rule) = rules.iter().find(|r| r.key == *key) {
            if rule.values.is_empty() {
                return Err(TagRuleError::Conflict(key.clone()));
            }
            if !rule.values.contains(value) {
                return Err(TagRuleError::NotAllowed {
                    key: key.clone(),
                    value: value.clone(),
                });
            }
        }
    }
    for rule in rules {
        if tags.iter().any(|(k, _)| *k == rule.key) {
            continue;
        }
        match rule.values.as_slice() {
            [] => tags.push((rule.key.clone(), conflict.to_string())),
            [only] => tags.push((rule.key.clone(), only.clone())),
            several => {
                return Err(TagRuleError::Missing {
                    key: rule.key.clone(),
                    values: several.to_vec(),
                })
            }
        }
    }
    Ok(tags)
}

/// The value of a conflicting key (model doc of DescribeProvisioningParameters TagOptions).
pub(crate) fn conflict_value(portfolio: &str, product: &str) -> String {
    format!("sc-tagoption-conflict-{portfolio}-{product}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{AccountId, TagOptionId};

    fn o(key: &str, value: &str, active: bool) -> TagOptionRecord {
        TagOptionRecord {
            id: TagOptionId::parse(&format!("tag-{key}{value}")).unwrap(),
            account: AccountId::parse("111111111111").unwrap(),
            region: "us-east-1".into(),
            key: key.into(),
            value: value.into(),
            active,
            created_ms: 0,
        }
    }

    fn t(pairs: &[(&str, &str)]) -> Tags {
        pairs
            .iter()
            .map(|(k, v)| ((*k).into(), (*v).into()))
            .collect()
    }

    #[test]
    fn both_sides_constraining_a_key_allow_what_both_allow() {
        let rules = key_rules(
            &[
                o("env", "dev", true),
                o("env", "prod", true),
                o("team", "a", true),
            ],
            &[
                o("env", "prod", true),
                o("env", "test", true),
                o("cost", "x", false),
            ],
        );
        assert_eq!(
            rules,
            vec![
                KeyRule {
                    key: "env".into(),
                    values: vec!["prod".into()]
                },
                KeyRule {
                    key: "team".into(),
                    values: vec!["a".into()]
                },
            ]
        );
        let conflict = key_rules(&[o("env", "dev", true)], &[o("env", "prod", true)]);
        assert!(conflict[0].values.is_empty());
    }

    #[test]
    fn launch_tags_follow_the_rules() {
        let rules = vec![
            KeyRule {
                key: "env".into(),
                values: vec!["dev".into(), "prod".into()],
            },
            KeyRule {
                key: "team".into(),
                values: vec!["a".into()],
            },
            KeyRule {
                key: "clash".into(),
                values: vec![],
            },
        ];
        let ok = launch_tags(&rules, t(&[("env", "dev"), ("free", "x")]), "sc-c").unwrap();
        assert_eq!(
            ok,
            t(&[
                ("env", "dev"),
                ("free", "x"),
                ("team", "a"),
                ("clash", "sc-c")
            ])
        );
        assert_eq!(
            launch_tags(&rules, t(&[("env", "qa")]), "sc-c")
                .unwrap_err()
                .to_string(),
            "Tag value qa is not allowed for TagOption key env"
        );
        assert!(matches!(
            launch_tags(&rules, t(&[]), "sc-c"),
            Err(TagRuleError::Missing { .. })
        ));
        assert!(matches!(
            launch_tags(&rules, t(&[("env", "dev"), ("clash", "v")]), "sc-c"),
            Err(TagRuleError::Conflict(_))
        ));
    }
}
