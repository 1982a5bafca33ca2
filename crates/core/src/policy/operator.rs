//! Condition operators and their values (governance.md §6.3; IAM User Guide
//! reference_policies_elements_condition_operators.html): the operator name with its
//! `…IfExists` suffix and `ForAllValues:`/`ForAnyValue:` prefix, and the policy values compiled
//! to the operator's type once, when the document is parsed.

use std::net::IpAddr;

use ipnet::IpNet;
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, OffsetDateTime};

use super::context::Context;
use super::glob::{Glob, GlobKind};

/// Comparison of the numeric and date operators: request value against policy value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cmp {
    Eq,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Cmp {
    fn holds<T: PartialOrd>(self, request: &T, policy: &T) -> bool {
        match self {
            Cmp::Eq => request == policy,
            Cmp::Lt => request < policy,
            Cmp::Le => request <= policy,
            Cmp::Gt => request > policy,
            Cmp::Ge => request >= policy,
        }
    }
}

/// What an operator compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Family {
    /// `String…`: the glob kind says exact, case-insensitive or `Like`.
    String(GlobKind),
    /// `Arn…` (`ArnEquals` behaves as `ArnLike`, as IAM documents).
    Arn,
    Numeric(Cmp),
    Date(Cmp),
    Bool,
    Binary,
    Ip,
    Null,
}

/// `ForAllValues:`/`ForAnyValue:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SetQualifier {
    Single,
    ForAllValues,
    ForAnyValue,
}

/// A parsed operator name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Operator {
    pub(crate) family: Family,
    /// `…Not…` operators: the negation of their positive form.
    pub(crate) negated: bool,
    pub(crate) if_exists: bool,
    pub(crate) set: SetQualifier,
}

impl Operator {
    /// Parses `ForAnyValue:StringLikeIfExists` and the like; names compare case-insensitively.
    pub(crate) fn parse(name: &str) -> Option<Operator> {
        let lower = name.to_ascii_lowercase();
        let (set, rest) = if let Some(r) = lower.strip_prefix("forallvalues:") {
            (SetQualifier::ForAllValues, r)
        } else if let Some(r) = lower.strip_prefix("foranyvalue:") {
            (SetQualifier::ForAnyValue, r)
        } else {
            (SetQualifier::Single, lower.as_str())
        };
        let (if_exists, base) = match rest.strip_suffix("ifexists") {
            Some(b) => (true, b),
            None => (false, rest),
        };
        let (family, negated) = match base {
            "stringequals" => (Family::String(GlobKind::Literal), false),
            "stringnotequals" => (Family::String(GlobKind::Literal), true),
            "stringequalsignorecase" => (Family::String(GlobKind::LiteralIgnoreCase), false),
            "stringnotequalsignorecase" => (Family::String(GlobKind::LiteralIgnoreCase), true),
            "stringlike" => (Family::String(GlobKind::Text), false),
            "stringnotlike" => (Family::String(GlobKind::Text), true),
            "arnequals" | "arnlike" => (Family::Arn, false),
            "arnnotequals" | "arnnotlike" => (Family::Arn, true),
            "bool" => (Family::Bool, false),
            "binaryequals" => (Family::Binary, false),
            "ipaddress" => (Family::Ip, false),
            "notipaddress" => (Family::Ip, true),
            "null" => (Family::Null, false),
            other => ordered(other)?,
        };
        // `Null` tests presence itself: no qualifier, no IfExists.
        if family == Family::Null && (if_exists || set != SetQualifier::Single) {
            return None;
        }
        Some(Operator {
            family,
            negated,
            if_exists,
            set,
        })
    }
}

/// `Numeric…` and `Date…`.
fn ordered(base: &str) -> Option<(Family, bool)> {
    let (numeric, cmp) = if let Some(c) = base.strip_prefix("numeric") {
        (true, c)
    } else {
        (false, base.strip_prefix("date")?)
    };
    let (cmp, negated) = match cmp {
        "equals" => (Cmp::Eq, false),
        "notequals" => (Cmp::Eq, true),
        "lessthan" => (Cmp::Lt, false),
        "lessthanequals" => (Cmp::Le, false),
        "greaterthan" => (Cmp::Gt, false),
        "greaterthanequals" => (Cmp::Ge, false),
        _ => return None,
    };
    Some((
        if numeric {
            Family::Numeric(cmp)
        } else {
            Family::Date(cmp)
        },
        negated,
    ))
}

/// The policy values of one condition key, typed for its operator.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Values {
    Patterns(Vec<Glob>),
    Numbers(Vec<f64>),
    Dates(Vec<i64>),
    Bools(Vec<bool>),
    Text(Vec<String>),
    Nets(Vec<IpNet>),
}

impl Values {
    /// Types `raw` for `family`; `Err` names the first value the operator cannot use.
    pub(crate) fn compile(
        family: Family,
        raw: &[String],
        variables: bool,
    ) -> Result<Values, String> {
        fn all<T>(raw: &[String], f: impl Fn(&str) -> Option<T>) -> Result<Vec<T>, String> {
            raw.iter().map(|v| f(v).ok_or_else(|| v.clone())).collect()
        }
        Ok(match family {
            Family::String(kind) => Values::Patterns(
                raw.iter()
                    .map(|v| Glob::compile(v, kind, variables))
                    .collect(),
            ),
            Family::Arn => Values::Patterns(
                raw.iter()
                    .map(|v| Glob::compile(v, GlobKind::Arn, variables))
                    .collect(),
            ),
            Family::Numeric(_) => Values::Numbers(all(raw, parse_number)?),
            Family::Date(_) => Values::Dates(all(raw, parse_date_millis)?),
            Family::Bool | Family::Null => Values::Bools(all(raw, parse_bool)?),
            Family::Binary => Values::Text(raw.to_vec()),
            Family::Ip => Values::Nets(all(raw, parse_net)?),
        })
    }

    /// Whether the request value `value` matches any policy value (the positive form of the
    /// operator; [`Family::Null`] is handled by the caller).
    pub(crate) fn any_matches(&self, family: Family, value: &str, cx: &Context) -> bool {
        match (self, family) {
            (Values::Patterns(globs), _) => globs.iter().any(|g| g.matches(value, cx)),
            (Values::Numbers(ns), Family::Numeric(cmp)) => {
                parse_number(value).is_some_and(|v| ns.iter().any(|n| cmp.holds(&v, n)))
            }
            (Values::Dates(ds), Family::Date(cmp)) => {
                parse_date_millis(value).is_some_and(|v| ds.iter().any(|d| cmp.holds(&v, d)))
            }
            (Values::Bools(bs), _) => parse_bool(value).is_some_and(|v| bs.contains(&v)),
            (Values::Text(ts), _) => ts.iter().any(|t| t == value),
            (Values::Nets(nets), _) => value
                .parse::<IpAddr>()
                .is_ok_and(|ip| nets.iter().any(|n| n.contains(&ip))),
            _ => false,
        }
    }

    /// For `Null`: the policy's `true`/`false` values.
    pub(crate) fn bools(&self) -> &[bool] {
        match self {
            Values::Bools(b) => b,
            _ => &[],
        }
    }
}

fn parse_number(v: &str) -> Option<f64> {
    v.trim().parse::<f64>().ok().filter(|n| n.is_finite())
}

fn parse_bool(v: &str) -> Option<bool> {
    if v.eq_ignore_ascii_case("true") {
        Some(true)
    } else if v.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

/// A CIDR block, or a bare address meaning that address alone.
fn parse_net(v: &str) -> Option<IpNet> {
    v.parse::<IpNet>()
        .ok()
        .or_else(|| v.parse::<IpAddr>().ok().map(IpNet::from))
}

/// Epoch seconds, an ISO 8601 date-time (`2024-05-01T12:00:00Z`, offsets and fractions
/// allowed) or a date (`2024-05-01`, midnight UTC), in milliseconds.
pub(crate) fn parse_date_millis(v: &str) -> Option<i64> {
    if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
        return v.parse::<i64>().ok()?.checked_mul(1000);
    }
    if let Ok(t) = OffsetDateTime::parse(v, &Rfc3339) {
        return i64::try_from(t.unix_timestamp_nanos() / 1_000_000).ok();
    }
    let date = Date::parse(v, format_description!("[year]-[month]-[day]")).ok()?;
    Some(date.midnight().assume_utc().unix_timestamp() * 1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op(name: &str) -> Operator {
        Operator::parse(name).unwrap_or_else(|| panic!("{name}"))
    }

    #[test]
    fn operator_names_parse_with_prefixes_and_suffixes() {
        let o = op("ForAnyValue:StringNotLikeIfExists");
        assert_eq!(o.set, SetQualifier::ForAnyValue);
        assert!(o.negated && o.if_exists);
        assert_eq!(o.family, Family::String(GlobKind::Text));
        assert_eq!(op("ArnEquals").family, Family::Arn);
        assert!(op("ArnNotLike").negated);
        assert_eq!(op("NumericLessThanEquals").family, Family::Numeric(Cmp::Le));
        assert!(op("DateNotEquals").negated);
        assert_eq!(op("DateGreaterThan").family, Family::Date(Cmp::Gt));
        assert!(op("NotIpAddress").negated);
        assert_eq!(
            op("stringequalsignorecase").family,
            Family::String(GlobKind::LiteralIgnoreCase)
        );
        assert_eq!(
            op("ForAllValues:StringEquals").set,
            SetQualifier::ForAllValues
        );
        for bad in [
            "StringSorta",
            "NullIfExists",
            "ForAllValues:Null",
            "NumericAbout",
            "Date",
            "",
        ] {
            assert!(Operator::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn values_are_typed_per_operator() {
        let raw = |v: &[&str]| v.iter().map(|s| (*s).to_string()).collect::<Vec<_>>();
        assert_eq!(
            Values::compile(Family::Numeric(Cmp::Eq), &raw(&["x"]), true),
            Err("x".into())
        );
        assert_eq!(
            Values::compile(Family::Date(Cmp::Eq), &raw(&["soon"]), true),
            Err("soon".into())
        );
        assert_eq!(
            Values::compile(Family::Bool, &raw(&["yes"]), true),
            Err("yes".into())
        );
        assert_eq!(
            Values::compile(Family::Ip, &raw(&["10.0.0.0/33"]), true),
            Err("10.0.0.0/33".into())
        );
        let cx = Context::new();
        let lt = Values::compile(Family::Numeric(Cmp::Lt), &raw(&["10"]), true).unwrap();
        assert!(lt.any_matches(Family::Numeric(Cmp::Lt), "9.5", &cx));
        assert!(!lt.any_matches(Family::Numeric(Cmp::Lt), "10", &cx));
        assert!(!lt.any_matches(Family::Numeric(Cmp::Lt), "ten", &cx));
        let ge = Values::compile(Family::Date(Cmp::Ge), &raw(&["2024-05-01"]), true).unwrap();
        assert!(ge.any_matches(Family::Date(Cmp::Ge), "2024-05-01T00:00:00Z", &cx));
        assert!(ge.any_matches(Family::Date(Cmp::Ge), "1714564800", &cx));
        assert!(!ge.any_matches(Family::Date(Cmp::Ge), "2024-04-30T23:59:59+00:00", &cx));
        let ip = Values::compile(
            Family::Ip,
            &raw(&["203.0.113.0/24", "2001:db8::/32", "10.1.2.3"]),
            true,
        )
        .unwrap();
        assert!(ip.any_matches(Family::Ip, "203.0.113.7", &cx));
        assert!(ip.any_matches(Family::Ip, "2001:db8::1", &cx));
        assert!(ip.any_matches(Family::Ip, "10.1.2.3", &cx));
        assert!(!ip.any_matches(Family::Ip, "10.1.2.4", &cx));
        assert!(!ip.any_matches(Family::Ip, "not-an-ip", &cx));
        let b = Values::compile(Family::Bool, &raw(&["TRUE"]), true).unwrap();
        assert!(
            b.any_matches(Family::Bool, "true", &cx) && !b.any_matches(Family::Bool, "false", &cx)
        );
        let bin = Values::compile(Family::Binary, &raw(&["QmluYXJ5"]), true).unwrap();
        assert!(bin.any_matches(Family::Binary, "QmluYXJ5", &cx));
        assert!(!bin.any_matches(Family::Binary, "QmluYXJ6", &cx));
    }

    #[test]
    fn dates_parse_in_the_documented_forms() {
        assert_eq!(parse_date_millis("0"), Some(0));
        assert_eq!(parse_date_millis("1970-01-02"), Some(86_400_000));
        assert_eq!(parse_date_millis("1970-01-01T00:00:01.5Z"), Some(1500));
        assert_eq!(parse_date_millis("1970-01-01T01:00:00+01:00"), Some(0));
        assert_eq!(parse_date_millis("yesterday"), None);
        assert_eq!(parse_date_millis("99999999999999999999"), None);
    }
}
