//! The effective management policy of an account (governance.md §7.2; Organizations User
//! Guide, orgs_manage_policies_inheritance_mgmt.md and its six examples).
//!
//! Levels are walked root → OUs → account, and within a level the policies in attachment
//! order. At each setting:
//! * `@@assign` replaces the inherited value (scalar or list) or adds it; when two policies of
//!   the **same level** assign one setting, the one attached first wins (example 6).
//! * `@@append` adds list values (kept in order, without duplicates — inferred).
//! * `@@remove` removes list values; a list left empty removes the setting (example 3).
//! * `@@operators_allowed_for_child_policies` limits what policies of **lower levels** may do
//!   to the setting and everything under it; several at one level intersect (example 5); an
//!   operator a child may not use is ignored (example 4).
//!
//! The output is the merged tree with every operator stripped; settings never given a value
//! are absent.

use serde_json::{Map, Value};

use super::{
    parse_allowed, AllowedOperators, ManagementPolicyDocument, ALLOWED_FOR_CHILDREN, APPEND,
    ASSIGN, REMOVE,
};

/// The merged policy of one account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EffectivePolicy {
    /// The merged settings, operators stripped (always a JSON object).
    pub content: Value,
    /// Operators that could not apply to what they inherited (reported by
    /// ListEffectivePolicyValidationErrors, §7.3).
    pub issues: Vec<MergeIssue>,
}

impl EffectivePolicy {
    /// `PolicyContent` as DescribeEffectivePolicy returns it: compact JSON text.
    pub fn content_text(&self) -> String {
        self.content.to_string()
    }
}

/// An operator of some policy that the inherited value did not fit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeIssue {
    /// Setting path, `/`-separated from the top (`/tags/costcenter/tag_value`).
    pub path: String,
    /// Id of the policy holding the operator.
    pub policy_id: String,
    /// What went wrong.
    pub problem: MergeProblem,
}

/// Kinds of [`MergeIssue`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MergeProblem {
    /// `@@append` onto an inherited scalar.
    AppendToScalar,
    /// `@@remove` from an inherited scalar.
    RemoveFromScalar,
    /// One policy assigned a value where another defined child settings; the value wins.
    ValueAndChildren,
}

#[derive(Debug, Default)]
struct Node {
    children: Vec<(String, Node)>,
    value: Option<Value>,
    /// Level index of the `@@assign` that set `value`, for first-wins within a level.
    assigned_at: Option<usize>,
    /// Restriction from earlier levels (`None`: unrestricted).
    restriction: Option<AllowedOperators>,
    /// Restriction declared at the level being merged, applied when it ends.
    pending: Option<AllowedOperators>,
}

impl Node {
    fn child(&mut self, key: &str) -> &mut Node {
        let i = self
            .children
            .iter()
            .position(|(k, _)| k == key)
            .unwrap_or_else(|| {
                self.children.push((key.to_string(), Node::default()));
                self.children.len() - 1
            });
        &mut self.children[i].1
    }

    fn end_level(&mut self) {
        if let Some(p) = self.pending.take() {
            self.restriction = Some(self.restriction.map_or(p, |r| r.intersect(p)));
        }
        for (_, c) in &mut self.children {
            c.end_level();
        }
    }

    fn output(&self, path: &str, issues: &mut Vec<MergeIssue>) -> Option<Value> {
        if let Some(v) = &self.value {
            if self
                .children
                .iter()
                .any(|(k, c)| c.output(&format!("{path}/{k}"), &mut Vec::new()).is_some())
            {
                issues.push(MergeIssue {
                    path: path.to_string(),
                    policy_id: String::new(),
                    problem: MergeProblem::ValueAndChildren,
                });
            }
            return Some(v.clone());
        }
        let mut map = Map::new();
        for (k, c) in &self.children {
            if let Some(v) = c.output(&format!("{path}/{k}"), issues) {
                map.insert(k.clone(), v);
            }
        }
        (!map.is_empty()).then_some(Value::Object(map))
    }
}

/// Merges the policies of `levels` (root first; each level's `(policy id, document)` pairs in
/// attachment order). `None` when no policy applies at all (DescribeEffectivePolicy's
/// `EffectivePolicyNotFoundException`).
pub fn effective_policy<'a, L>(levels: &[L]) -> Option<EffectivePolicy>
where
    L: AsRef<[(&'a str, &'a ManagementPolicyDocument)]>,
{
    if levels.iter().all(|l| l.as_ref().is_empty()) {
        return None;
    }
    let mut root = Node::default();
    let mut issues = Vec::new();
    for (level, policies) in levels.iter().enumerate() {
        for (id, doc) in policies.as_ref() {
            let mut walk = Walk {
                level,
                policy_id: id,
                issues: &mut issues,
            };
            walk.node(doc.settings(), &mut root, AllowedOperators::ALL, "");
        }
        root.end_level();
    }
    let content = root
        .output("", &mut issues)
        .unwrap_or_else(|| Value::Object(Map::new()));
    Some(EffectivePolicy { content, issues })
}

struct Walk<'a> {
    level: usize,
    policy_id: &'a str,
    issues: &'a mut Vec<MergeIssue>,
}

impl Walk<'_> {
    fn node(
        &mut self,
        policy: &Map<String, Value>,
        merged: &mut Node,
        inherited: AllowedOperators,
        path: &str,
    ) {
        let allowed = merged
            .restriction
            .map_or(inherited, |r| inherited.intersect(r));
        if let Some(set) = policy.get(ALLOWED_FOR_CHILDREN).and_then(parse_allowed) {
            merged.pending = Some(merged.pending.map_or(set, |p| p.intersect(set)));
        }
        // A fixed order whatever the key order: assign, then append, then remove.
        if let Some(v) = policy.get(ASSIGN).filter(|_| allowed.allows(ASSIGN)) {
            if merged.assigned_at != Some(self.level) {
                merged.value = Some(v.clone());
                merged.assigned_at = Some(self.level);
            }
        }
        if let Some(Value::Array(add)) = policy.get(APPEND).filter(|_| allowed.allows(APPEND)) {
            self.append(merged, add, path);
        }
        if let Some(Value::Array(drop)) = policy.get(REMOVE).filter(|_| allowed.allows(REMOVE)) {
            self.remove(merged, drop, path);
        }
        for (key, child) in policy {
            if let Value::Object(child) = child {
                if !key.starts_with("@@") {
                    self.node(child, merged.child(key), allowed, &format!("{path}/{key}"));
                }
            }
        }
    }

    fn append(&mut self, merged: &mut Node, add: &[Value], path: &str) {
        match &mut merged.value {
            None => {
                let mut list = Vec::new();
                push_new(&mut list, add);
                merged.value = Some(Value::Array(list));
            }
            Some(Value::Array(list)) => push_new(list, add),
            Some(_) => self.issue(path, MergeProblem::AppendToScalar),
        }
    }

    fn remove(&mut self, merged: &mut Node, drop: &[Value], path: &str) {
        match &mut merged.value {
            None => {}
            Some(Value::Array(list)) => {
                list.retain(|v| !drop.contains(v));
                if list.is_empty() {
                    merged.value = None;
                }
            }
            Some(_) => self.issue(path, MergeProblem::RemoveFromScalar),
        }
    }

    fn issue(&mut self, path: &str, problem: MergeProblem) {
        self.issues.push(MergeIssue {
            path: path.to_string(),
            policy_id: self.policy_id.to_string(),
            problem,
        });
    }
}

fn push_new(list: &mut Vec<Value>, add: &[Value]) {
    for v in add {
        if !list.contains(v) {
            list.push(v.clone());
        }
    }
}
