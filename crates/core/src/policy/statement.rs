//! One policy statement: parsed from its JSON object into compiled matchers, and matched
//! against a request (governance.md §6.3: action, resource, principal and condition must all
//! hold).

use serde_json::{Map, Value};

use super::condition::{parse_block, Condition};
use super::context::Request;
use super::glob::{Glob, GlobKind};
use super::malformed::Malformed;
use super::principal::{strings, Principals};

/// The policy types whose documents use the IAM grammar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grammar {
    /// Service control policies: no `Principal`/`NotPrincipal`.
    ServiceControl,
    /// Resource control policies: `Principal` required; the element table lists no
    /// `NotPrincipal` or `NotAction` (RCP syntax page).
    ResourceControl,
    /// The organization's resource policy (governance.md §5): an IAM resource-based policy,
    /// `Principal` or `NotPrincipal` required, `Allow` and `Deny` both allowed.
    OrganizationResource,
}

/// `Allow` or `Deny`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// `"Effect": "Allow"`.
    Allow,
    /// `"Effect": "Deny"`.
    Deny,
}

/// `Action`/`NotAction` or `Resource`/`NotResource`: a list of patterns, perhaps inverted.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Matcher {
    /// The `Not…` form: matches when no pattern does.
    inverted: bool,
    globs: Vec<Glob>,
    /// Not inverted and one pattern is `*`: matches whatever the text.
    everything: bool,
}

impl Matcher {
    fn matches(&self, text: &str, request: &Request<'_>) -> bool {
        self.globs.iter().any(|g| g.matches(text, request.context)) != self.inverted
    }
}

/// A compiled statement.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    sid: Option<String>,
    effect: Effect,
    actions: Matcher,
    /// `None` when the statement names no resource (the same as `"Resource": "*"`).
    resources: Option<Matcher>,
    /// `Some((inverted, principals))` for `Principal`/`NotPrincipal`.
    principals: Option<(bool, Principals)>,
    conditions: Vec<Condition>,
}

impl Statement {
    /// The statement's `Sid`, if any.
    pub fn sid(&self) -> Option<&str> {
        self.sid.as_deref()
    }

    /// Its effect.
    pub fn effect(&self) -> Effect {
        self.effect
    }

    /// Whether the statement's match does not depend on the request's resource (no
    /// `Resource`, or one that includes `*`), so a caller may skip looking the resource up.
    pub fn any_resource(&self) -> bool {
        self.resources.as_ref().is_none_or(|r| r.everything)
    }

    /// Whether the statement applies to `request`: action, resource, principal, conditions.
    pub fn matches(&self, request: &Request<'_>) -> bool {
        self.actions.matches(request.action, request)
            && self
                .resources
                .as_ref()
                .is_none_or(|r| r.matches(request.resource, request))
            && self
                .principals
                .as_ref()
                .is_none_or(|(inverted, p)| p.contains(request.context) != *inverted)
            && self.conditions.iter().all(|c| c.holds(request.context))
    }

    /// Parses one statement object of a document of `grammar`; `variables` says whether
    /// policy variables are interpreted (version `2012-10-17`).
    pub(crate) fn parse(
        value: &Value,
        grammar: Grammar,
        variables: bool,
    ) -> Result<Statement, Malformed> {
        let Value::Object(map) = value else {
            return Err(Malformed::NotAnObject("Statement"));
        };
        for key in map.keys() {
            let known = match key.as_str() {
                "Sid" | "Effect" | "Action" | "Resource" | "NotResource" | "Condition"
                | "Principal" => true,
                "NotAction" | "NotPrincipal" => grammar != Grammar::ResourceControl,
                _ => false,
            };
            if !known {
                return Err(Malformed::UnknownElement(key.clone()));
            }
        }
        let sid = match map.get("Sid") {
            None => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(_) => return Err(Malformed::WrongType("Sid")),
        };
        let effect = match map.get("Effect").and_then(Value::as_str) {
            Some("Allow") => Effect::Allow,
            Some("Deny") => Effect::Deny,
            _ => return Err(Malformed::BadEffect),
        };
        let actions = pair(map, "Action", "NotAction", GlobKind::Action, variables)?
            .ok_or(Malformed::ElementPair("Action, NotAction"))?;
        if let Some(bad) = actions.1.iter().find(|a| !valid_action(a)) {
            return Err(Malformed::BadAction(bad.clone()));
        }
        let resources = pair(map, "Resource", "NotResource", GlobKind::Arn, variables)?;
        if let Some((_, raw, _)) = &resources {
            if let Some(bad) = raw.iter().find(|r| *r != "*" && !r.starts_with("arn:")) {
                return Err(Malformed::BadResource(bad.clone()));
            }
        }
        let principals = principals(map, grammar)?;
        let conditions = match map.get("Condition") {
            Some(block) => parse_block(block, variables)?,
            None => Vec::new(),
        };
        Ok(Statement {
            sid,
            effect,
            actions: actions.2,
            resources: resources.map(|r| r.2),
            principals,
            conditions,
        })
    }
}

/// One of `positive`/`negative` (not both): `(inverted, raw values, matcher)`.
fn pair(
    map: &Map<String, Value>,
    positive: &'static str,
    negative: &'static str,
    kind: GlobKind,
    variables: bool,
) -> Result<Option<(bool, Vec<String>, Matcher)>, Malformed> {
    let (inverted, name, value) = match (map.get(positive), map.get(negative)) {
        (Some(_), Some(_)) => {
            return Err(Malformed::ElementPair(if positive == "Action" {
                "Action, NotAction"
            } else {
                "Resource, NotResource"
            }))
        }
        (Some(v), None) => (false, positive, v),
        (None, Some(v)) => (true, negative, v),
        (None, None) => return Ok(None),
    };
    let raw = strings(value).ok_or(Malformed::WrongType(name))?;
    if raw.iter().any(String::is_empty) {
        return Err(Malformed::WrongType(name));
    }
    let globs = raw
        .iter()
        .map(|r| Glob::compile(r, kind, variables))
        .collect();
    let everything = !inverted && raw.iter().any(|r| r == "*");
    Ok(Some((
        inverted,
        raw,
        Matcher {
            inverted,
            globs,
            everything,
        },
    )))
}

/// `*`, or `service:action` whose service prefix is letters, digits and hyphens and whose
/// action part is non-empty (it may hold wildcards anywhere).
fn valid_action(action: &str) -> bool {
    if action == "*" {
        return true;
    }
    let Some((service, name)) = action.split_once(':') else {
        return false;
    };
    !service.is_empty()
        && service
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !name.is_empty()
}

/// `Principal`/`NotPrincipal` per grammar (governance.md §2.6).
fn principals(
    map: &Map<String, Value>,
    grammar: Grammar,
) -> Result<Option<(bool, Principals)>, Malformed> {
    let found = match (map.get("Principal"), map.get("NotPrincipal")) {
        (Some(_), Some(_)) => return Err(Malformed::ElementPair("Principal, NotPrincipal")),
        (Some(p), None) => Some((false, "Principal", p)),
        (None, Some(p)) => Some((true, "NotPrincipal", p)),
        (None, None) => None,
    };
    match (grammar, found) {
        (Grammar::ServiceControl, Some(_)) => Err(Malformed::Principal(
            "service control policies cannot name principals",
        )),
        (Grammar::ServiceControl, None) => Ok(None),
        (Grammar::ResourceControl | Grammar::OrganizationResource, None) => Err(
            Malformed::Principal("resource-based policy statements need a Principal"),
        ),
        (
            Grammar::ResourceControl | Grammar::OrganizationResource,
            Some((inverted, name, value)),
        ) => Ok(Some((inverted, Principals::parse(value, name)?))),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::policy::context::Context;

    fn scp(v: &Value) -> Result<Statement, Malformed> {
        Statement::parse(v, Grammar::ServiceControl, true)
    }

    fn req<'a>(action: &'a str, resource: &'a str, cx: &'a Context) -> Request<'a> {
        Request {
            action,
            resource,
            context: cx,
        }
    }

    #[test]
    fn action_and_resource_matching_with_their_negations() {
        let cx = Context::new();
        let s = scp(&json!({"Effect": "Deny", "Action": "ServiceCatalog:*PORTFOLIO"})).unwrap();
        assert!(s.matches(&req("servicecatalog:CreatePortfolio", "*", &cx)));
        assert!(!s.matches(&req("servicecatalog:ListPortfolios", "*", &cx)));
        let not = scp(&json!({"Effect": "Allow", "NotAction": ["servicecatalog:DeletePortfolio"]}))
            .unwrap();
        assert!(!not.matches(&req("servicecatalog:DeletePortfolio", "*", &cx)));
        assert!(not.matches(&req("sts:AssumeRole", "*", &cx)));
        let port = "arn:aws:catalog:eu-west-1:111111111111:portfolio/port-abc";
        let r = scp(&json!({"Effect": "Deny", "Action": "*", "Resource": "arn:aws:catalog:*:*:portfolio/*"})).unwrap();
        assert!(r.matches(&req("servicecatalog:DeletePortfolio", port, &cx)));
        assert!(!r.matches(&req(
            "servicecatalog:CreatePortfolio",
            "arn:aws:catalog:eu-west-1:111111111111:*",
            &cx
        )));
        let nr = scp(&json!({"Effect": "Deny", "Action": "*", "NotResource": ["arn:aws:catalog:*:*:portfolio/*"]})).unwrap();
        assert!(!nr.matches(&req("servicecatalog:DeletePortfolio", port, &cx)));
        assert!(nr.matches(&req("sts:AssumeRole", "arn:aws:iam::1:role/x", &cx)));
        assert_eq!(r.effect(), Effect::Deny);
        assert_eq!(r.sid(), None);
    }

    #[test]
    fn malformed_statements() {
        let bad = |v: Value| scp(&v).unwrap_err();
        assert_eq!(bad(json!("x")), Malformed::NotAnObject("Statement"));
        assert_eq!(
            bad(json!({"Effect": "allow", "Action": "*"})),
            Malformed::BadEffect
        );
        assert_eq!(bad(json!({"Action": "*"})), Malformed::BadEffect);
        assert_eq!(
            bad(json!({"Effect": "Allow"})),
            Malformed::ElementPair("Action, NotAction")
        );
        assert_eq!(
            bad(json!({"Effect": "Allow", "Action": "*", "NotAction": "*"})),
            Malformed::ElementPair("Action, NotAction")
        );
        assert_eq!(
            bad(json!({"Effect": "Allow", "Action": "*", "Resource": "*", "NotResource": "*"})),
            Malformed::ElementPair("Resource, NotResource")
        );
        assert_eq!(
            bad(json!({"Effect": "Allow", "Action": []})),
            Malformed::WrongType("Action")
        );
        assert_eq!(
            bad(json!({"Effect": "Allow", "Action": [""]})),
            Malformed::WrongType("Action")
        );
        assert_eq!(
            bad(json!({"Effect": "Allow", "Action": "s3"})),
            Malformed::BadAction("s3".into())
        );
        assert_eq!(
            bad(json!({"Effect": "Allow", "Action": "s*3:Get"})),
            Malformed::BadAction("s*3:Get".into())
        );
        assert_eq!(
            bad(json!({"Effect": "Allow", "Action": "s3:"})),
            Malformed::BadAction("s3:".into())
        );
        assert_eq!(
            bad(json!({"Effect": "Allow", "Action": "*", "Resource": "bucket"})),
            Malformed::BadResource("bucket".into())
        );
        assert_eq!(
            bad(json!({"Effect": "Allow", "Action": "*", "Sid": 1})),
            Malformed::WrongType("Sid")
        );
        assert_eq!(
            bad(json!({"Effect": "Allow", "Action": "*", "Principal": "*"})),
            Malformed::Principal("service control policies cannot name principals")
        );
        assert_eq!(
            bad(json!({"Effect": "Allow", "Action": "*", "Bogus": 1})),
            Malformed::UnknownElement("Bogus".into())
        );
    }

    #[test]
    fn resource_control_grammar() {
        let rcp = |v: Value| Statement::parse(&v, Grammar::ResourceControl, true);
        let ok =
            rcp(json!({"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"}))
                .unwrap();
        let mut cx = Context::new();
        cx.insert("aws:PrincipalArn", "arn:aws:iam::1:root");
        assert!(ok.matches(&req("s3:GetObject", "arn:aws:s3:::b/k", &cx)));
        assert_eq!(
            rcp(json!({"Effect": "Deny", "Action": "s3:*"})).unwrap_err(),
            Malformed::Principal("resource-based policy statements need a Principal")
        );
        assert_eq!(
            rcp(json!({"Effect": "Deny", "Principal": "*", "NotAction": "s3:*"})).unwrap_err(),
            Malformed::UnknownElement("NotAction".into())
        );
        assert_eq!(
            rcp(json!({"Effect": "Deny", "NotPrincipal": "*", "Action": "s3:*"})).unwrap_err(),
            Malformed::UnknownElement("NotPrincipal".into())
        );
    }
}
