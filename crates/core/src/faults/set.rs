//! The rule set in force: replaced whole, read with each rule's remaining count, and asked
//! for every AWS request. The first rule (in the order given) that names the request, has
//! uses left and wins its probability roll applies, and only that one; applying it spends
//! one use. A rule that loses its roll is not spent. Rules live in the process, not in the
//! store: they are the operator's test set-up, like a proxy in front of AWS, and
//! `POST /_sclocal/reset` clears them with the rest of the state.

use std::sync::{Mutex, MutexGuard, PoisonError};

use super::rule::{FaultRule, InjectedError};

/// What happens to a request a rule applies to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    /// Milliseconds to wait first.
    pub latency_ms: u64,
    /// Then the error to answer with, if any.
    pub error: Option<InjectedError>,
}

#[derive(Debug, Clone)]
struct Armed {
    rule: FaultRule,
    /// Uses left; `None` for unlimited.
    remaining: Option<u64>,
}

/// The fault rules in force.
#[derive(Debug, Default)]
pub struct FaultSet {
    rules: Mutex<Vec<Armed>>,
}

impl FaultSet {
    fn lock(&self) -> MutexGuard<'_, Vec<Armed>> {
        // A panic while holding the lock cannot leave the vector half-changed.
        self.rules.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Replaces the rules (each with its full count).
    pub fn replace(&self, rules: Vec<FaultRule>) {
        *self.lock() = rules
            .into_iter()
            .map(|rule| Armed {
                remaining: rule.count,
                rule,
            })
            .collect();
    }

    /// Removes every rule.
    pub fn clear(&self) {
        self.lock().clear();
    }

    /// The rules with their remaining uses (`None`: unlimited), in order.
    pub fn rules(&self) -> Vec<(FaultRule, Option<u64>)> {
        self.lock()
            .iter()
            .map(|a| (a.rule.clone(), a.remaining))
            .collect()
    }

    /// The rules as `GET /_sclocal/faults` shows them.
    pub fn to_json(&self) -> Vec<serde_json::Value> {
        self.rules()
            .iter()
            .map(|(rule, remaining)| rule.to_json(*remaining))
            .collect()
    }

    /// The fault for a request to `operation` of `service` by `account`, spending a use of
    /// the rule that applies. `roll` draws a number in `[0, 1)`; it is called only for rules
    /// whose probability is below 1.
    pub fn decide(
        &self,
        service: &str,
        operation: &str,
        account: &str,
        mut roll: impl FnMut() -> f64,
    ) -> Option<Fault> {
        let mut rules = self.lock();
        for armed in rules.iter_mut() {
            if armed.remaining == Some(0) || !armed.rule.matches(service, operation, account) {
                continue;
            }
            if armed.rule.probability < 1.0 && roll() >= armed.rule.probability {
                continue;
            }
            if let Some(left) = &mut armed.remaining {
                *left -= 1;
            }
            return Some(Fault {
                latency_ms: armed.rule.latency_ms,
                error: armed.rule.error.clone(),
            });
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::faults::parse_rules;

    fn set(json: &str) -> FaultSet {
        let set = FaultSet::default();
        set.replace(parse_rules(json.as_bytes()).unwrap());
        set
    }

    #[test]
    fn a_count_is_spent_per_match_and_then_the_rule_rests() {
        let s = set(
            r#"{"rules": [{"service": "servicecatalog", "operation": "CreatePortfolioShare", "error": "ThrottlingException", "message": "Rate exceeded", "count": 2}]}"#,
        );
        let never = || panic!("probability 1 needs no roll");
        assert!(s
            .decide("servicecatalog", "ListPortfolios", "111111111111", never)
            .is_none());
        for left in [1, 0] {
            let fault = s
                .decide(
                    "servicecatalog",
                    "CreatePortfolioShare",
                    "111111111111",
                    never,
                )
                .unwrap();
            assert_eq!(fault.error.unwrap().code, "ThrottlingException");
            assert_eq!(s.rules()[0].1, Some(left));
        }
        assert!(s
            .decide(
                "servicecatalog",
                "CreatePortfolioShare",
                "111111111111",
                never
            )
            .is_none());
        assert_eq!(s.to_json()[0]["remaining"], 0);
    }

    #[test]
    fn the_first_applicable_rule_wins_and_unlimited_rules_never_run_out() {
        let s = set(r#"{"rules": [
            {"service": "sts", "account": "111111111111", "error": "First", "count": 1},
            {"service": "sts", "latency_ms": 5}]}"#);
        let first = s
            .decide("sts", "GetCallerIdentity", "111111111111", || 0.0)
            .unwrap();
        assert_eq!(first.error.unwrap().code, "First");
        for _ in 0..3 {
            let then = s
                .decide("sts", "GetCallerIdentity", "111111111111", || 0.0)
                .unwrap();
            assert_eq!((then.latency_ms, then.error), (5, None));
        }
        assert_eq!(s.rules()[1].1, None);
    }

    #[test]
    fn a_lost_roll_spends_nothing() {
        let s = set(
            r#"{"rules": [{"service": "organizations", "error": "TooManyRequestsException", "probability": 0.25, "count": 1}]}"#,
        );
        assert!(s
            .decide("organizations", "ListAccounts", "111111111111", || 0.25)
            .is_none());
        assert_eq!(s.rules()[0].1, Some(1));
        assert!(s
            .decide("organizations", "ListAccounts", "111111111111", || 0.1)
            .is_some());
        assert_eq!(s.rules()[0].1, Some(0));
    }

    #[test]
    fn replacing_and_clearing() {
        let s = set(r#"{"rules": [{"service": "sts", "error": "X", "count": 1}]}"#);
        s.decide("sts", "GetCallerIdentity", "111111111111", || 0.0);
        s.replace(
            parse_rules(br#"{"rules": [{"service": "sts", "error": "X", "count": 1}]}"#).unwrap(),
        );
        assert_eq!(
            s.rules()[0].1,
            Some(1),
            "a replaced set starts with full counts"
        );
        s.clear();
        assert!(s.rules().is_empty());
    }
}
