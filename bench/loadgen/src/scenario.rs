//! Named scenarios: which operation each request calls, with which body, as which account,
//! and what each connection sets up before the clock starts.
//!
//! A scenario is data, not code: a protocol, an `X-Amz-Target` (or STS `Action`), a body
//! template and an optional list of setup steps. Templates use `${name}` placeholders:
//!
//! - `${account}`: the account of this request (the access key id is the account);
//! - `${owner}`: a second account per connection, used by setup steps that share *to* it;
//! - `${seq}`: a number unique to this request across the whole run;
//! - `${peer}`: a 12-digit account unique to this request (for share targets);
//! - any variable a setup step captured, such as `${portfolio_id}`.
//!
//! Adding a scenario is one entry in [`SCENARIOS`].

use std::collections::HashMap;

/// How a request is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wire {
    /// awsJson 1.1: `POST /`, `X-Amz-Target`, JSON body.
    AwsJson,
    /// awsQuery (STS): `POST /`, form body with `Action` and `Version`.
    AwsQuery,
}

/// One call: service (SigV4 scope name), wire, target and body template.
#[derive(Debug, Clone)]
pub struct Call {
    /// SigV4 service name (`servicecatalog`, `organizations`, `sts`).
    pub service: &'static str,
    /// Encoding.
    pub wire: Wire,
    /// `X-Amz-Target` for awsJson; unused for awsQuery (the action is in the body).
    pub target: String,
    /// Body template with `${…}` placeholders.
    pub body: String,
}

/// Who makes a setup call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum As {
    /// The connection's own account (`${account}`).
    Me,
    /// The connection's second account (`${owner}`).
    Owner,
}

/// A call made once per connection before measuring; `capture` stores a top-level or nested
/// field of the JSON answer (path of keys) under a variable name.
#[derive(Debug, Clone)]
pub struct Step {
    /// Caller.
    pub who: As,
    /// The call.
    pub call: Call,
    /// (`variable`, JSON path) to keep from the answer.
    pub capture: Option<(&'static str, &'static [&'static str])>,
}

/// A named load.
#[derive(Debug, Clone)]
pub struct Scenario {
    /// Name on the command line.
    pub name: &'static str,
    /// What it measures.
    pub about: &'static str,
    /// The measured call.
    pub call: Call,
    /// Per-connection setup.
    pub setup: Vec<Step>,
    /// When set, the caller's account changes every this many requests of a connection, so
    /// that write scenarios do not run into per-account quotas (100 portfolios).
    pub rotate_account_every: Option<u64>,
    /// Run the setup steps again for each new account of a rotation (so that each block of
    /// requests works on a fresh portfolio, below the 5,000-account share quota).
    pub setup_per_account: bool,
    /// Sign the measured call with the access key a setup step captured under this name (an
    /// STS session's, so the call acts as an assumed role) instead of the account's key.
    pub sign_as: Option<&'static str>,
    /// After each successful measured call, poll until what it started is done, and report
    /// that time too (`settle_*` in the report).
    pub settle: Option<Settle>,
    /// Every connection acts as one account (the run's first), e.g. to fill one account.
    pub one_account: bool,
}

/// Polling what a measured call started until it is done.
#[derive(Debug, Clone)]
pub struct Settle {
    /// The call polled (signed like the measured call).
    pub call: Call,
    /// (`variable`, JSON path) captured from the measured call's answer for the polled body.
    pub capture: (&'static str, &'static [&'static str]),
    /// The JSON path in the polled answer, and the values that end the polling: the first is
    /// success, any other a failure.
    pub done: (&'static [&'static str], &'static [&'static str]),
}

const SC: &str = "AWS242ServiceCatalogService.";

pub(crate) fn sc(op: &str, body: &str) -> Call {
    Call {
        service: "servicecatalog",
        wire: Wire::AwsJson,
        target: format!("{SC}{op}"),
        body: body.to_owned(),
    }
}

pub(crate) fn create_portfolio_step(who: As) -> Step {
    Step {
        who,
        call: sc(
            "CreatePortfolio",
            r#"{"DisplayName":"bench","ProviderName":"bench","IdempotencyToken":"setup-${account}"}"#,
        ),
        capture: Some(("portfolio_id", &["PortfolioDetail", "Id"])),
    }
}

/// Every built-in scenario except `raw`.
pub fn builtin() -> Vec<Scenario> {
    vec![
        plain(
            "list-portfolios",
            "ListPortfolios of an account",
            sc("ListPortfolios", "{}"),
        ),
        Scenario {
            setup: vec![create_portfolio_step(As::Me)],
            ..plain(
                "describe-portfolio",
                "DescribePortfolio of a portfolio each connection creates first",
                sc("DescribePortfolio", r#"{"Id":"${portfolio_id}"}"#),
            )
        },
        Scenario {
            rotate_account_every: Some(50),
            ..plain(
                "create-portfolio",
                "CreatePortfolio, a new account every 50 requests (quota is 100)",
                sc(
                    "CreatePortfolio",
                    r#"{"DisplayName":"bench-${seq}","ProviderName":"bench","IdempotencyToken":"tok-${seq}"}"#,
                ),
            )
        },
        plain(
            "get-caller-identity",
            "STS GetCallerIdentity (awsQuery)",
            Call {
                service: "sts",
                wire: Wire::AwsQuery,
                target: "GetCallerIdentity".into(),
                body: "Action=GetCallerIdentity&Version=2011-06-15".into(),
            },
        ),
    ]
    .into_iter()
    .chain(sharing())
    .collect()
}

pub(crate) fn plain(name: &'static str, about: &'static str, call: Call) -> Scenario {
    Scenario {
        name,
        about,
        call,
        setup: Vec::new(),
        rotate_account_every: None,
        setup_per_account: false,
        sign_as: None,
        settle: None,
        one_account: false,
    }
}

/// The portfolio-sharing scenarios; they run once the target answers those operations.
fn sharing() -> Vec<Scenario> {
    vec![
        Scenario {
            setup: vec![create_portfolio_step(As::Me)],
            // AWS allows 5,000 account shares per portfolio: a new portfolio (of a new
            // account) every 2,500 requests of a connection.
            rotate_account_every: Some(2500),
            setup_per_account: true,
            ..plain(
                "create-portfolio-share",
                "CreatePortfolioShare to a new account per request, a new portfolio every 2,500",
                sc(
                    "CreatePortfolioShare",
                    r#"{"PortfolioId":"${portfolio_id}","AccountId":"${peer}"}"#,
                ),
            )
        },
        Scenario {
            setup: vec![
                create_portfolio_step(As::Me),
                Step {
                    who: As::Me,
                    call: sc(
                        "CreatePortfolioShare",
                        r#"{"PortfolioId":"${portfolio_id}","AccountId":"${owner}"}"#,
                    ),
                    capture: None,
                },
            ],
            ..plain(
                "describe-portfolio-shares",
                "DescribePortfolioShares (ACCOUNT) of a portfolio shared once",
                sc(
                    "DescribePortfolioShares",
                    r#"{"PortfolioId":"${portfolio_id}","Type":"ACCOUNT"}"#,
                ),
            )
        },
        Scenario {
            // The connection's second account owns a portfolio, shares it to the
            // connection's account, which accepts it; then the connection lists.
            setup: vec![
                create_portfolio_step(As::Owner),
                Step {
                    who: As::Owner,
                    call: sc(
                        "CreatePortfolioShare",
                        r#"{"PortfolioId":"${portfolio_id}","AccountId":"${account}"}"#,
                    ),
                    capture: None,
                },
                Step {
                    who: As::Me,
                    call: sc(
                        "AcceptPortfolioShare",
                        r#"{"PortfolioId":"${portfolio_id}"}"#,
                    ),
                    capture: None,
                },
            ],
            ..plain(
                "list-accepted-portfolio-shares",
                "ListAcceptedPortfolioShares of an account that accepted one share",
                sc("ListAcceptedPortfolioShares", "{}"),
            )
        },
    ]
}

/// The `raw` scenario: any awsJson target and body (templates allowed). A body that uses
/// `${portfolio_id}` gets a portfolio created first on each connection.
pub fn raw(target: &str, body: &str) -> Scenario {
    let service = if target.starts_with("AWSOrganizations") {
        "organizations"
    } else {
        "servicecatalog"
    };
    let setup = if body.contains("${portfolio_id}") {
        vec![create_portfolio_step(As::Me)]
    } else {
        Vec::new()
    };
    Scenario {
        name: "raw",
        about: "any awsJson target and body",
        call: Call {
            service,
            wire: Wire::AwsJson,
            target: target.to_owned(),
            body: body.to_owned(),
        },
        setup,
        rotate_account_every: None,
        setup_per_account: false,
        sign_as: None,
        settle: None,
        one_account: false,
    }
}

/// Replaces every `${name}` in `template` with its value; unknown names stay as they are.
pub fn render(template: &str, vars: &HashMap<&str, String>) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        match after.find('}') {
            Some(end) if vars.contains_key(&after[..end]) => {
                out.push_str(&vars[&after[..end]]);
                rest = &after[end + 1..];
            }
            _ => {
                out.push_str("${");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_known_placeholders_only() {
        let vars = HashMap::from([("seq", "7".to_owned()), ("account", "1".to_owned())]);
        assert_eq!(
            render(r#"{"a":"${seq}","b":"${account}${nope}"}"#, &vars),
            r#"{"a":"7","b":"1${nope}"}"#
        );
    }

    #[test]
    fn names_are_unique() {
        let all = crate::provisioning::all();
        for (i, s) in all.iter().enumerate() {
            assert!(all[i + 1..].iter().all(|o| o.name != s.name), "{}", s.name);
        }
    }
}
