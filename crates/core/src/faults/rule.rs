//! One fault rule and the document that carries a rule set:
//! `{"rules": [{"service": "servicecatalog", "operation": "CreatePortfolioShare", "account":
//! "111111111111", "error": "ThrottlingException", "message": "Rate exceeded", "status": 400,
//! "count": 2, "probability": 1.0, "latency_ms": 0}]}`. Parsing validates everything, so a
//! set that parses is one the hook can apply; a bad document is refused whole with a message
//! naming the rule and the problem.

use sclocal_api::model::ServiceModel;
use sclocal_api::{organizations, servicecatalog, sts};
use serde::Deserialize;

use crate::ids::AccountId;

/// Most rules in one set (hostile documents stay bounded).
pub const MAX_RULES: usize = 100;
/// Longest latency a rule may add, in milliseconds (two minutes: past every SDK's default
/// read timeout, so timeouts can be tested, yet bounded).
pub const MAX_LATENCY_MS: u64 = 120_000;
/// Longest error code and message.
const MAX_CODE: usize = 128;
const MAX_MESSAGE: usize = 2048;

/// The services a rule can name, by their SigV4 signing name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FaultService {
    /// `servicecatalog`.
    ServiceCatalog,
    /// `organizations`.
    Organizations,
    /// `sts`.
    Sts,
}

impl FaultService {
    /// Every service, in the order the console lists them.
    pub const ALL: [FaultService; 3] = [
        FaultService::ServiceCatalog,
        FaultService::Organizations,
        FaultService::Sts,
    ];

    /// The service's model.
    pub fn model(self) -> &'static ServiceModel {
        match self {
            FaultService::ServiceCatalog => &servicecatalog::MODEL,
            FaultService::Organizations => &organizations::MODEL,
            FaultService::Sts => &sts::MODEL,
        }
    }

    /// The signing name (`servicecatalog`, `organizations`, `sts`).
    pub fn as_str(self) -> &'static str {
        self.model().signing_name
    }

    /// The service whose signing name is `name`.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == name)
    }
}

/// The error a rule answers with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InjectedError {
    /// Error code (`__type`, the CBOR shape name, awsQuery `<Code>`).
    pub code: String,
    /// Message.
    pub message: String,
    /// HTTP status, 400 to 599.
    pub status: u16,
}

/// A validated fault rule.
#[derive(Debug, Clone, PartialEq)]
pub struct FaultRule {
    /// The service it applies to.
    pub service: FaultService,
    /// The operation (an operation of the service's model), or every operation.
    pub operation: Option<&'static str>,
    /// The calling account, or every account.
    pub account: Option<AccountId>,
    /// The error to answer with, if any.
    pub error: Option<InjectedError>,
    /// How many matching requests it applies to; `None` for every one.
    pub count: Option<u64>,
    /// The chance it applies to a matching request, 0.0 to 1.0.
    pub probability: f64,
    /// How long a request it applies to waits first, in milliseconds.
    pub latency_ms: u64,
}

impl FaultRule {
    /// Whether a request to `operation` of `service` by `account` is one this rule names.
    pub fn matches(&self, service: &str, operation: &str, account: &str) -> bool {
        self.service.as_str() == service
            && self.operation.is_none_or(|o| o == operation)
            && self.account.as_ref().is_none_or(|a| a.as_str() == account)
    }

    /// The rule as the document that would set it, with `remaining` (GET /_sclocal/faults).
    pub fn to_json(&self, remaining: Option<u64>) -> serde_json::Value {
        let mut m = serde_json::Map::new();
        m.insert("service".into(), self.service.as_str().into());
        if let Some(op) = self.operation {
            m.insert("operation".into(), op.into());
        }
        if let Some(a) = &self.account {
            m.insert("account".into(), a.as_str().into());
        }
        if let Some(e) = &self.error {
            m.insert("error".into(), e.code.clone().into());
            m.insert("message".into(), e.message.clone().into());
            m.insert("status".into(), e.status.into());
        }
        m.insert("count".into(), self.count.into());
        m.insert("probability".into(), self.probability.into());
        m.insert("latency_ms".into(), self.latency_ms.into());
        m.insert("remaining".into(), remaining.into());
        serde_json::Value::Object(m)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesDoc {
    rules: Vec<RuleDoc>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleDoc {
    service: String,
    operation: Option<String>,
    account: Option<String>,
    error: Option<String>,
    message: Option<String>,
    status: Option<u16>,
    count: Option<u64>,
    probability: Option<f64>,
    latency_ms: Option<u64>,
}

/// Parses and validates a rule-set document. The message of a refusal names the rule
/// (`rule 2: …`, counted from 1) and the problem.
pub fn parse_rules(body: &[u8]) -> Result<Vec<FaultRule>, String> {
    let doc: RulesDoc = serde_json::from_slice(body).map_err(|e| format!("invalid JSON: {e}"))?;
    if doc.rules.len() > MAX_RULES {
        return Err(format!(
            "at most {MAX_RULES} rules, got {}",
            doc.rules.len()
        ));
    }
    doc.rules
        .into_iter()
        .enumerate()
        .map(|(i, r)| validate(&r).map_err(|e| format!("rule {}: {e}", i + 1)))
        .collect()
}

fn validate(r: &RuleDoc) -> Result<FaultRule, String> {
    let service = FaultService::parse(&r.service).ok_or_else(|| {
        format!(
            "unknown service {:?}; expected servicecatalog, organizations or sts",
            r.service
        )
    })?;
    let operation = match &r.operation {
        None => None,
        Some(name) => Some(
            service
                .model()
                .operation(name)
                .map(|o| o.name)
                .ok_or_else(|| format!("{} has no operation {name:?}", service.as_str()))?,
        ),
    };
    let account = match &r.account {
        None => None,
        Some(a) => {
            Some(AccountId::parse(a).ok_or_else(|| format!("{a:?} is not a 12-digit account id"))?)
        }
    };
    let error = injected_error(r)?;
    if error.is_none() && r.latency_ms.is_none() {
        return Err("a rule needs an error, a latency_ms, or both".into());
    }
    let latency_ms = r.latency_ms.unwrap_or(0);
    if latency_ms > MAX_LATENCY_MS {
        return Err(format!("latency_ms must be at most {MAX_LATENCY_MS}"));
    }
    if r.count == Some(0) {
        return Err("count must be at least 1 (leave it out for every request)".into());
    }
    let probability = r.probability.unwrap_or(1.0);
    if !(0.0..=1.0).contains(&probability) {
        return Err("probability must be between 0.0 and 1.0".into());
    }
    Ok(FaultRule {
        service,
        operation,
        account,
        error,
        count: r.count,
        probability,
        latency_ms,
    })
}

/// The rule's error: a code shaped like an AWS error name, a message (the code itself when
/// none is given) and a status that reads as an error (400–599, default 400).
fn injected_error(r: &RuleDoc) -> Result<Option<InjectedError>, String> {
    let Some(code) = &r.error else {
        if r.message.is_some() || r.status.is_some() {
            return Err("message and status need an error".into());
        }
        return Ok(None);
    };
    let shaped = code.len() <= MAX_CODE
        && code.starts_with(|c: char| c.is_ascii_alphabetic())
        && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '.');
    if !shaped {
        return Err(format!(
            "error {code:?} must be a name such as ThrottlingException (letters and digits, \
             at most {MAX_CODE})"
        ));
    }
    let status = r.status.unwrap_or(400);
    if !(400..=599).contains(&status) {
        return Err(format!("status {status} must be between 400 and 599"));
    }
    let message = r.message.clone().unwrap_or_else(|| code.clone());
    if message.len() > MAX_MESSAGE {
        return Err(format!("message must be at most {MAX_MESSAGE} bytes"));
    }
    Ok(Some(InjectedError {
        code: code.clone(),
        message,
        status,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(json: &str) -> Result<FaultRule, String> {
        parse_rules(format!("{{\"rules\": [{json}]}}").as_bytes()).map(|mut v| v.remove(0))
    }

    #[test]
    fn the_issue_example_parses_with_every_field() {
        let rule = one(
            r#"{"service": "servicecatalog", "operation": "CreatePortfolioShare",
                "account": "111111111111", "error": "ThrottlingException",
                "message": "Rate exceeded", "status": 400, "count": 2, "probability": 1.0,
                "latency_ms": 0}"#,
        )
        .unwrap();
        assert_eq!(rule.service, FaultService::ServiceCatalog);
        assert_eq!(rule.operation, Some("CreatePortfolioShare"));
        assert_eq!(
            rule.account.as_ref().map(AccountId::as_str),
            Some("111111111111")
        );
        assert_eq!(
            rule.error,
            Some(InjectedError {
                code: "ThrottlingException".into(),
                message: "Rate exceeded".into(),
                status: 400
            })
        );
        assert_eq!((rule.count, rule.latency_ms), (Some(2), 0));
        assert!((rule.probability - 1.0).abs() < f64::EPSILON);
        let json = rule.to_json(Some(1));
        assert_eq!(json["remaining"], 1);
        assert_eq!(json["operation"], "CreatePortfolioShare");
    }

    #[test]
    fn defaults_fill_what_is_left_out() {
        let rule = one(r#"{"service": "sts", "error": "ServiceUnavailable"}"#).unwrap();
        let e = rule.error.unwrap();
        assert_eq!((e.status, e.message.as_str()), (400, "ServiceUnavailable"));
        assert_eq!(
            (rule.count, rule.latency_ms, rule.operation),
            (None, 0, None)
        );
        let slow = one(r#"{"service": "organizations", "latency_ms": 250}"#).unwrap();
        assert!(slow.error.is_none());
        assert_eq!(slow.latency_ms, 250);
    }

    #[test]
    fn bad_rules_are_refused_with_their_number() {
        let cases = [
            (r#"{"service": "s3", "error": "X"}"#, "unknown service"),
            (
                r#"{"service": "sts", "operation": "CreatePortfolio", "error": "X"}"#,
                "no operation",
            ),
            (
                r#"{"service": "sts", "account": "12", "error": "X"}"#,
                "12-digit",
            ),
            (r#"{"service": "sts"}"#, "needs an error, a latency_ms"),
            (
                r#"{"service": "sts", "error": "X", "status": 200}"#,
                "between 400 and 599",
            ),
            (
                r#"{"service": "sts", "error": "Bad Code"}"#,
                "must be a name",
            ),
            (
                r#"{"service": "sts", "error": "X", "count": 0}"#,
                "at least 1",
            ),
            (
                r#"{"service": "sts", "error": "X", "probability": 1.5}"#,
                "probability",
            ),
            (
                r#"{"service": "sts", "latency_ms": 999999999}"#,
                "latency_ms must be at most",
            ),
            (
                r#"{"service": "sts", "latency_ms": 1, "message": "m"}"#,
                "need an error",
            ),
            (
                r#"{"service": "sts", "error": "X", "colour": "red"}"#,
                "unknown field",
            ),
        ];
        for (rule, expected) in cases {
            let err = parse_rules(
                format!(r#"{{"rules": [{{"service": "sts", "error": "Ok"}}, {rule}]}}"#).as_bytes(),
            )
            .unwrap_err();
            assert!(
                err.starts_with("rule 2: ") || err.contains(expected),
                "{rule}: {err}"
            );
            assert!(err.contains(expected), "{rule}: {err}");
        }
        assert!(parse_rules(b"not json")
            .unwrap_err()
            .starts_with("invalid JSON"));
        assert!(parse_rules(b"{}").is_err(), "rules is required");
        let many = format!(
            r#"{{"rules": [{}]}}"#,
            vec![r#"{"service":"sts","error":"X"}"#; 101].join(",")
        );
        assert!(parse_rules(many.as_bytes())
            .unwrap_err()
            .contains("at most 100"));
    }

    #[test]
    fn matching_narrows_by_operation_and_account() {
        let rule = one(r#"{"service": "servicecatalog", "operation": "CreatePortfolio", "account": "111111111111", "error": "X"}"#).unwrap();
        assert!(rule.matches("servicecatalog", "CreatePortfolio", "111111111111"));
        assert!(!rule.matches("servicecatalog", "CreatePortfolio", "222222222222"));
        assert!(!rule.matches("servicecatalog", "ListPortfolios", "111111111111"));
        assert!(!rule.matches("organizations", "CreatePortfolio", "111111111111"));
        let wide = one(r#"{"service": "organizations", "error": "X"}"#).unwrap();
        assert!(wide.matches("organizations", "ListAccounts", "333333333333"));
    }
}
