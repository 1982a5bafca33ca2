//! A whole SCP or RCP document: parsed once from its JSON text into compiled statements
//! (governance.md §2.6, §10 "Store `Content` verbatim; parse once for validation and
//! evaluation"), and the AWS-managed `FullAWSAccess` documents (§1.3).

use std::collections::HashSet;

use serde_json::Value;

use super::malformed::Malformed;
use super::statement::{Effect, Grammar, Statement};

/// `p-FullAWSAccess`'s content, byte for byte (§1.3).
pub const FULL_AWS_ACCESS_CONTENT: &str =
    r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#;

/// `p-RCPFullAWSAccess`'s content (§1.3).
pub const RCP_FULL_AWS_ACCESS_CONTENT: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}"#;

/// A compiled SCP or RCP.
#[derive(Debug, Clone, PartialEq)]
pub struct PolicyDocument {
    grammar: Grammar,
    statements: Vec<Statement>,
}

impl PolicyDocument {
    /// Parses a customer document of `grammar`, applying every rule CreatePolicy and
    /// UpdatePolicy apply, including "Allow only in RCPFullAWSAccess" for RCPs.
    pub fn parse(text: &str, grammar: Grammar) -> Result<PolicyDocument, Malformed> {
        let doc = parse_any(text, grammar)?;
        if grammar == Grammar::ResourceControl
            && doc.statements.iter().any(|s| s.effect() == Effect::Allow)
        {
            return Err(Malformed::AllowInResourceControlPolicy);
        }
        Ok(doc)
    }

    /// The compiled `p-FullAWSAccess`.
    pub fn full_aws_access() -> PolicyDocument {
        parse_managed(FULL_AWS_ACCESS_CONTENT, Grammar::ServiceControl)
    }

    /// The compiled `p-RCPFullAWSAccess`.
    pub fn rcp_full_aws_access() -> PolicyDocument {
        parse_managed(RCP_FULL_AWS_ACCESS_CONTENT, Grammar::ResourceControl)
    }

    /// The grammar the document was parsed with.
    pub fn grammar(&self) -> Grammar {
        self.grammar
    }

    /// Whether no statement's match depends on the request's resource
    /// ([`Statement::any_resource`]).
    pub fn any_resource(&self) -> bool {
        self.statements.iter().all(Statement::any_resource)
    }

    /// Its statements, in document order.
    pub fn statements(&self) -> &[Statement] {
        &self.statements
    }
}

/// The managed documents are constants that parse; a failure would be a bug caught by the
/// tests below, so it degrades to an empty (allow-nothing) document rather than a panic.
fn parse_managed(text: &str, grammar: Grammar) -> PolicyDocument {
    parse_any(text, grammar).unwrap_or(PolicyDocument {
        grammar,
        statements: Vec::new(),
    })
}

fn parse_any(text: &str, grammar: Grammar) -> Result<PolicyDocument, Malformed> {
    // serde_json refuses nesting deeper than 128 levels, which bounds hostile input.
    let value: Value = serde_json::from_str(text).map_err(|_| Malformed::NotJson)?;
    let Value::Object(top) = value else {
        return Err(Malformed::NotAnObject("policy document"));
    };
    if let Some(key) = top
        .keys()
        .find(|k| !matches!(k.as_str(), "Version" | "Id" | "Statement"))
    {
        return Err(Malformed::UnknownElement(key.clone()));
    }
    if top.get("Id").is_some_and(|id| !id.is_string()) {
        return Err(Malformed::WrongType("Id"));
    }
    // Policy variables exist only in the 2012-10-17 language (reference_policies_variables).
    let variables = match top.get("Version") {
        None => return Err(Malformed::MissingVersion),
        Some(Value::String(v)) if v == "2012-10-17" => true,
        // Inferred (governance.md §2.6): the SCP/RCP pages name only 2012-10-17; the older
        // version is accepted as IAM accepts it.
        Some(Value::String(v)) if v == "2008-10-17" => false,
        Some(other) => return Err(Malformed::BadVersion(other.to_string())),
    };
    let raw: Vec<&Value> = match top.get("Statement") {
        Some(Value::Array(items)) if !items.is_empty() => items.iter().collect(),
        Some(one @ Value::Object(_)) => vec![one],
        Some(Value::Array(_)) | None => return Err(Malformed::MissingStatement),
        Some(_) => return Err(Malformed::NotAnObject("Statement")),
    };
    let mut sids = HashSet::new();
    let mut statements = Vec::with_capacity(raw.len());
    for value in raw {
        let statement = Statement::parse(value, grammar, variables)?;
        // "The Sid value must be unique within a JSON policy" (IAM, reference_policies_elements_sid).
        if let Some(sid) = statement.sid().filter(|s| !s.is_empty()) {
            if !sids.insert(sid.to_string()) {
                return Err(Malformed::DuplicateSid(sid.to_string()));
            }
        }
        statements.push(statement);
    }
    Ok(PolicyDocument {
        grammar,
        statements,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::context::{Context, Request};

    fn scp(text: &str) -> Result<PolicyDocument, Malformed> {
        PolicyDocument::parse(text, Grammar::ServiceControl)
    }

    #[test]
    fn any_resource_says_whether_evaluation_needs_the_resource() {
        assert!(PolicyDocument::full_aws_access().any_resource());
        let star = scp(r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"sts:*"},{"Effect":"Allow","Action":"*","Resource":["arn:aws:s3:::b","*"]}]}"#).unwrap();
        assert!(star.any_resource());
        let named = scp(r#"{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"*","Resource":"arn:aws:catalog:*:*:portfolio/*"}}"#).unwrap();
        assert!(!named.any_resource());
        let not = scp(r#"{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"*","NotResource":"*"}}"#).unwrap();
        assert!(!not.any_resource());
    }

    #[test]
    fn the_organization_resource_policy_allows_with_principals() {
        let text = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Action":"organizations:Describe*","Resource":"*"}]}"#;
        let doc = PolicyDocument::parse(text, Grammar::OrganizationResource).unwrap();
        assert_eq!(doc.statements().len(), 1);
        let no_principal = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#;
        assert!(PolicyDocument::parse(no_principal, Grammar::OrganizationResource).is_err());
    }

    #[test]
    fn managed_documents_parse_and_allow_everything() {
        let cx = Context::new();
        let req = Request {
            action: "sts:AssumeRole",
            resource: "arn:aws:iam::1:role/x",
            context: &cx,
        };
        for doc in [
            PolicyDocument::full_aws_access(),
            PolicyDocument::rcp_full_aws_access(),
        ] {
            assert_eq!(doc.statements().len(), 1);
            assert!(doc.statements()[0].matches(&req));
        }
        assert!(scp(FULL_AWS_ACCESS_CONTENT).is_ok());
        assert_eq!(
            PolicyDocument::parse(RCP_FULL_AWS_ACCESS_CONTENT, Grammar::ResourceControl)
                .unwrap_err(),
            Malformed::AllowInResourceControlPolicy
        );
        assert_eq!(
            PolicyDocument::rcp_full_aws_access().grammar(),
            Grammar::ResourceControl
        );
    }

    #[test]
    fn statement_may_be_an_object_or_an_array() {
        let one = scp(r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*"}}"#)
            .unwrap();
        assert_eq!(one.statements().len(), 1);
        let two = scp(r#"{"Version":"2012-10-17","Id":"x","Statement":[
            {"Sid":"A","Effect":"Allow","Action":"*","Resource":"*"},
            {"Sid":"B","Effect":"Deny","Action":"s3:*","Resource":"*"}]}"#)
        .unwrap();
        assert_eq!(two.statements()[1].sid(), Some("B"));
    }

    #[test]
    fn malformed_documents() {
        let cases: &[(&str, Malformed)] = &[
            ("", Malformed::NotJson),
            ("{", Malformed::NotJson),
            ("[]", Malformed::NotAnObject("policy document")),
            (
                r#"{"Statement":{"Effect":"Allow","Action":"*"}}"#,
                Malformed::MissingVersion,
            ),
            (
                r#"{"Version":"2020-01-01","Statement":{"Effect":"Allow","Action":"*"}}"#,
                Malformed::BadVersion("\"2020-01-01\"".into()),
            ),
            (r#"{"Version":"2012-10-17"}"#, Malformed::MissingStatement),
            (
                r#"{"Version":"2012-10-17","Statement":[]}"#,
                Malformed::MissingStatement,
            ),
            (
                r#"{"Version":"2012-10-17","Statement":"x"}"#,
                Malformed::NotAnObject("Statement"),
            ),
            (
                r#"{"Version":"2012-10-17","Statement":["x"]}"#,
                Malformed::NotAnObject("Statement"),
            ),
            (
                r#"{"Version":"2012-10-17","Id":1,"Statement":{"Effect":"Allow","Action":"*"}}"#,
                Malformed::WrongType("Id"),
            ),
            (
                r#"{"Version":"2012-10-17","Extra":1,"Statement":{"Effect":"Allow","Action":"*"}}"#,
                Malformed::UnknownElement("Extra".into()),
            ),
            (
                r#"{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Action":"*"},{"Sid":"A","Effect":"Deny","Action":"*"}]}"#,
                Malformed::DuplicateSid("A".into()),
            ),
        ];
        for (text, reason) in cases {
            assert_eq!(&scp(text).unwrap_err(), reason, "{text}");
        }
        let deep = "[".repeat(100_000);
        assert_eq!(scp(&deep).unwrap_err(), Malformed::NotJson);
    }

    #[test]
    fn old_version_turns_variables_off() {
        let text = |v: &str| {
            format!(
                r#"{{"Version":"{v}","Statement":{{"Effect":"Deny","Action":"*","Resource":"arn:aws:iam::${{aws:PrincipalAccount}}:role/x"}}}}"#
            )
        };
        let mut cx = Context::new();
        cx.insert("aws:PrincipalAccount", "111111111111");
        let req = Request {
            action: "sts:AssumeRole",
            resource: "arn:aws:iam::111111111111:role/x",
            context: &cx,
        };
        assert!(scp(&text("2012-10-17")).unwrap().statements()[0].matches(&req));
        assert!(!scp(&text("2008-10-17")).unwrap().statements()[0].matches(&req));
    }
}
