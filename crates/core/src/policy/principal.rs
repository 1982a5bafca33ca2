//! The `Principal` element, which RCPs (and the organization's resource policy) carry and SCPs
//! must not (governance.md §2.6, §5). Matched against the caller's `aws:PrincipalArn` and
//! `aws:PrincipalAccount` (IAM User Guide, reference_policies_elements_principal.html): `"*"`
//! is everyone; an account id or `arn:…:iam::A:root` is every principal of account A; any other
//! ARN names that principal (a role ARN covers its sessions, whose `aws:PrincipalArn` is the
//! role). Service, federated and canonical-user principals never call sclocal.

use serde_json::Value;

use super::context::{Context, PRINCIPAL_ACCOUNT, PRINCIPAL_ARN};
use super::malformed::Malformed;

/// The principals a statement names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Principals {
    /// `"*"` or `{"AWS": "*"}`.
    Everyone,
    /// The `AWS` entries (the other kinds are kept only as "matches nobody here").
    Aws(Vec<String>),
}

impl Principals {
    /// Parses a `Principal`/`NotPrincipal` value; `element` names it in errors.
    pub(crate) fn parse(value: &Value, element: &'static str) -> Result<Principals, Malformed> {
        match value {
            Value::String(s) if s == "*" => Ok(Principals::Everyone),
            Value::Object(map) if !map.is_empty() => {
                let mut aws = Vec::new();
                for (kind, ids) in map {
                    if !matches!(
                        kind.as_str(),
                        "AWS" | "Service" | "Federated" | "CanonicalUser"
                    ) {
                        return Err(Malformed::UnknownElement(format!("{element}.{kind}")));
                    }
                    let ids = strings(ids).ok_or(Malformed::WrongType(element))?;
                    if kind == "AWS" {
                        if ids.iter().any(|i| i == "*") {
                            return Ok(Principals::Everyone);
                        }
                        aws.extend(ids);
                    }
                }
                Ok(Principals::Aws(aws))
            }
            _ => Err(Malformed::WrongType(element)),
        }
    }

    /// Whether the caller described by `cx` is one of these principals.
    pub(crate) fn contains(&self, cx: &Context) -> bool {
        let ids = match self {
            Principals::Everyone => return true,
            Principals::Aws(ids) => ids,
        };
        let arn = cx.single(PRINCIPAL_ARN);
        let account = cx.single(PRINCIPAL_ACCOUNT);
        ids.iter().any(|id| {
            if let Some(acct) = root_account(id) {
                return account == Some(acct);
            }
            arn == Some(id.as_str())
        })
    }
}

/// The account of `123456789012` or `arn:<partition>:iam::123456789012:root`.
fn root_account(id: &str) -> Option<&str> {
    let is_account = |a: &str| a.len() == 12 && a.bytes().all(|b| b.is_ascii_digit());
    if is_account(id) {
        return Some(id);
    }
    let rest = id.strip_prefix("arn:")?;
    let (_partition, rest) = rest.split_once(':')?;
    let acct = rest.strip_prefix("iam::")?.strip_suffix(":root")?;
    is_account(acct).then_some(acct)
}

/// A string or a non-empty array of strings.
pub(crate) fn strings(value: &Value) -> Option<Vec<String>> {
    match value {
        Value::String(s) => Some(vec![s.clone()]),
        Value::Array(items) if !items.is_empty() => items
            .iter()
            .map(|v| v.as_str().map(str::to_string))
            .collect(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn caller(arn: &str, account: &str) -> Context {
        let mut cx = Context::new();
        cx.insert(PRINCIPAL_ARN, arn);
        cx.insert(PRINCIPAL_ACCOUNT, account);
        cx
    }

    #[test]
    fn principals_match_accounts_roots_and_arns() {
        let role = caller("arn:aws:iam::111111111111:role/Admin", "111111111111");
        let other = caller("arn:aws:iam::222222222222:root", "222222222222");
        let p = |v: Value| Principals::parse(&v, "Principal").unwrap();
        assert!(p(json!("*")).contains(&role));
        assert!(p(json!({"AWS": ["*"]})).contains(&other));
        assert!(p(json!({"AWS": "111111111111"})).contains(&role));
        assert!(p(json!({"AWS": "arn:aws:iam::111111111111:root"})).contains(&role));
        assert!(!p(json!({"AWS": "arn:aws:iam::111111111111:root"})).contains(&other));
        assert!(p(json!({"AWS": ["arn:aws:iam::111111111111:role/Admin"]})).contains(&role));
        assert!(!p(json!({"AWS": ["arn:aws:iam::111111111111:role/Dev"]})).contains(&role));
        assert!(!p(json!({"Service": "s3.amazonaws.com"})).contains(&role));
    }

    #[test]
    fn malformed_principals() {
        let bad = |v: Value| Principals::parse(&v, "Principal").unwrap_err();
        assert_eq!(bad(json!("someone")), Malformed::WrongType("Principal"));
        assert_eq!(bad(json!({})), Malformed::WrongType("Principal"));
        assert_eq!(bad(json!({"AWS": []})), Malformed::WrongType("Principal"));
        assert_eq!(bad(json!({"AWS": [1]})), Malformed::WrongType("Principal"));
        assert_eq!(
            bad(json!({"Robot": "x"})),
            Malformed::UnknownElement("Principal.Robot".into())
        );
        assert_eq!(
            root_account("arn:aws-us-gov:iam::123456789012:root"),
            Some("123456789012")
        );
        assert_eq!(root_account("arn:aws:iam::1234:root"), None);
    }
}
