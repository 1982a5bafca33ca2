//! The six inheritance examples of the Organizations User Guide
//! (orgs_manage_policies_inheritance_mgmt.md), and the regression case governance.md §7.2
//! singles out, run through [`effective_policy`]. Test-only.

use serde_json::{json, Value};

use super::{effective_policy, ManagementPolicyDocument, MergeProblem};

fn doc(v: &Value) -> ManagementPolicyDocument {
    ManagementPolicyDocument::parse(&v.to_string()).unwrap()
}

/// Merges `levels` (each a list of documents in attachment order) and returns the content.
fn merge(levels: &[&[&ManagementPolicyDocument]]) -> Value {
    let levels: Vec<Vec<(&str, &ManagementPolicyDocument)>> = levels
        .iter()
        .map(|l| l.iter().map(|d| ("p-example", *d)).collect())
        .collect();
    let merged = effective_policy(&levels).unwrap();
    assert!(merged.issues.is_empty(), "{:?}", merged.issues);
    merged.content
}

fn policy_a() -> ManagementPolicyDocument {
    doc(&json!({"tags": {"costcenter": {
        "tag_key": {"@@assign": "CostCenter"},
        "tag_value": {"@@assign": ["Development", "Support"]}
    }}}))
}

#[test]
fn example_1_assign_overwrites_inherited_values() {
    let b = doc(&json!({"tags": {"costcenter": {
        "tag_key": {"@@assign": "CostCenter"},
        "tag_value": {"@@assign": ["Sandbox"]},
        "enforced_for": {"@@assign": ["redshift:*", "dynamodb:table"]}
    }}}));
    assert_eq!(
        merge(&[&[&policy_a()], &[&b]]),
        json!({"tags": {"costcenter": {
            "tag_key": "CostCenter",
            "tag_value": ["Sandbox"],
            "enforced_for": ["redshift:*", "dynamodb:table"]
        }}})
    );
}

fn policy_c() -> ManagementPolicyDocument {
    doc(&json!({"tags": {"costcenter": {
        "tag_key": {"@@assign": "CostCenter"},
        "tag_value": {"@@append": ["Marketing"]},
        "enforced_for": {"@@append": ["redshift:*", "dynamodb:table"]}
    }}}))
}

#[test]
fn example_2_append_adds_to_inherited_values() {
    assert_eq!(
        merge(&[&[&policy_a()], &[&policy_c()]]),
        json!({"tags": {"costcenter": {
            "tag_key": "CostCenter",
            "tag_value": ["Development", "Support", "Marketing"],
            "enforced_for": ["redshift:*", "dynamodb:table"]
        }}})
    );
}

#[test]
fn example_3_remove_takes_values_away_and_empties_remove_the_setting() {
    // Policy D as the guide intends it (its listing nests `enforced_for` inside `tag_value`,
    // a typo: the text says compliance is no longer enforced for the account).
    let d = doc(&json!({"tags": {"costcenter": {
        "tag_key": {"@@assign": "CostCenter"},
        "tag_value": {"@@remove": ["Development", "Marketing"]},
        "enforced_for": {"@@remove": ["redshift:*", "dynamodb:table"]}
    }}}));
    assert_eq!(
        merge(&[&[&policy_a()], &[&policy_c()], &[&d]]),
        json!({"tags": {"costcenter": {"tag_key": "CostCenter", "tag_value": ["Support"]}}})
    );
}

#[test]
fn example_4_child_control_operators_lock_settings() {
    let e = doc(&json!({"tags": {"project": {
        "tag_key": {"@@operators_allowed_for_child_policies": ["@@none"], "@@assign": "Project"},
        "tag_value": {
            "@@operators_allowed_for_child_policies": ["@@append"],
            "@@assign": ["Maintenance", "Escalations"]
        }
    }}}));
    let f = doc(&json!({"tags": {"project": {
        "tag_key": {"@@assign": "PROJECT"},
        "tag_value": {"@@append": ["Escalations - research"]}
    }}}));
    // governance.md §7.2: the child's disallowed @@assign is ignored and `Project` stays (the
    // guide's listing prints "project", which neither policy assigns).
    assert_eq!(
        merge(&[&[&e], &[&f]]),
        json!({"tags": {"project": {
            "tag_key": "Project",
            "tag_value": ["Maintenance", "Escalations", "Escalations - research"]
        }}})
    );
}

#[test]
fn example_5_restrictions_at_one_level_intersect() {
    let g = doc(&json!({"tags": {"project": {"tag_value": {
        "@@operators_allowed_for_child_policies": ["@@append"],
        "@@assign": ["Maintenance"]
    }}}}));
    let h = doc(&json!({"tags": {"project": {"tag_value": {
        "@@operators_allowed_for_child_policies": ["@@append", "@@remove"]
    }}}}));
    let child = doc(&json!({"tags": {"project": {"tag_value": {
        "@@remove": ["Maintenance"],
        "@@append": ["Research"]
    }}}}));
    assert_eq!(
        merge(&[&[&g, &h], &[&child]]),
        json!({"tags": {"project": {"tag_value": ["Maintenance", "Research"]}}})
    );
    // The two root policies do not restrict each other: H could still have removed.
    let h_removes =
        doc(&json!({"tags": {"project": {"tag_value": {"@@remove": ["Maintenance"]}}}}));
    assert_eq!(merge(&[&[&g, &h_removes]]), json!({}));
}

#[test]
fn example_6_first_attached_wins_at_one_level() {
    let j = doc(&json!({"tags": {"project": {
        "tag_key": {"@@assign": "PROJECT"},
        "tag_value": {"@@append": ["Maintenance"]}
    }}}));
    let k = doc(&json!({"tags": {"project": {"tag_key": {"@@assign": "project"}}}}));
    let expected =
        json!({"tags": {"project": {"tag_key": "PROJECT", "tag_value": ["Maintenance"]}}});
    assert_eq!(merge(&[&[&j, &k]]), expected);
    // Attached the other way round, K's value wins; at a lower level K overrides J.
    assert_eq!(
        merge(&[&[&k, &j]])["tags"]["project"]["tag_key"],
        json!("project")
    );
    assert_eq!(
        merge(&[&[&j], &[&k]])["tags"]["project"]["tag_key"],
        json!("project")
    );
}

#[test]
fn regression_case_of_the_spec() {
    let root = doc(&json!({"tags": {"costcenter": {
        "tag_key": {"@@assign": "CostCenter"},
        "tag_value": {"@@assign": ["Development", "Support"]}
    }}}));
    let ou = doc(&json!({"tags": {"costcenter": {
        "tag_value": {"@@append": ["Marketing"]},
        "enforced_for": {"@@assign": ["dynamodb:table"]}
    }}}));
    let child_ou =
        doc(&json!({"tags": {"costcenter": {"tag_value": {"@@remove": ["Development"]}}}}));
    let at = |levels: &[&[&ManagementPolicyDocument]]| merge(levels)["tags"]["costcenter"].clone();
    // Account directly under the root.
    assert_eq!(
        at(&[&[&root], &[]]),
        json!({"tag_key": "CostCenter", "tag_value": ["Development", "Support"]})
    );
    // Account in the OU.
    assert_eq!(
        at(&[&[&root], &[&ou], &[]]),
        json!({"tag_key": "CostCenter", "tag_value": ["Development", "Support", "Marketing"], "enforced_for": ["dynamodb:table"]})
    );
    // Account in the child OU.
    assert_eq!(
        at(&[&[&root], &[&ou], &[&child_ou], &[]]),
        json!({"tag_key": "CostCenter", "tag_value": ["Support", "Marketing"], "enforced_for": ["dynamodb:table"]})
    );
}

#[test]
fn no_policy_is_no_effective_policy_and_output_is_compact() {
    let none: Vec<Vec<(&str, &ManagementPolicyDocument)>> = vec![vec![], vec![]];
    assert!(effective_policy(&none).is_none());
    let a = policy_a();
    let merged = effective_policy(&[vec![("p-a", &a)]]).unwrap();
    assert_eq!(
        merged.content_text(),
        r#"{"tags":{"costcenter":{"tag_key":"CostCenter","tag_value":["Development","Support"]}}}"#
    );
}

#[test]
fn operators_on_the_wrong_kind_are_reported_with_their_policy() {
    let scalar = doc(&json!({"s": {"k": {"@@assign": "one"}}}));
    let append = doc(&json!({"s": {"k": {"@@append": ["two"]}}}));
    let remove = doc(&json!({"s": {"k": {"@@remove": ["one"]}}}));
    let merged = effective_policy(&[
        vec![("p-1", &scalar)],
        vec![("p-2", &append), ("p-3", &remove)],
    ])
    .unwrap();
    assert_eq!(merged.content, json!({"s": {"k": "one"}}));
    let problems: Vec<_> = merged
        .issues
        .iter()
        .map(|i| (i.path.as_str(), i.policy_id.as_str(), i.problem))
        .collect();
    assert_eq!(
        problems,
        [
            ("/s/k", "p-2", MergeProblem::AppendToScalar),
            ("/s/k", "p-3", MergeProblem::RemoveFromScalar)
        ]
    );
}

#[test]
fn restrictions_cover_the_whole_subtree() {
    let root = doc(&json!({"services": {
        "@@operators_allowed_for_child_policies": ["@@none"],
        "default": {"opt_out_policy": {"@@assign": "optOut"}}
    }}));
    let child = doc(&json!({"services": {
        "default": {"opt_out_policy": {"@@assign": "optIn"}},
        "s3": {"opt_out_policy": {"@@assign": "optIn"}}
    }}));
    assert_eq!(
        merge(&[&[&root], &[&child]]),
        json!({"services": {"default": {"opt_out_policy": "optOut"}}})
    );
}
