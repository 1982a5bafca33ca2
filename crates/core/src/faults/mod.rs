//! The operator's request-level fault rules (README "Fault rules"): `PUT /_sclocal/faults`
//! makes matching AWS requests wait, fail with a chosen error, or both, before the operation
//! runs, so clients can test their retries and timeouts. This module is pure: the rules'
//! document and its validation ([`rule`]), the rule set with matching and spending
//! ([`set`]), and the [`FaultHook`] that plugs the set into the per-operation hook
//! (`sclocal_api::hook`, DESIGN.md house rule 18).
//!
//! The fan-out faults of `PUT /_sclocal/share-faults` are a different thing (an account that
//! fails inside an organization share's fan-out) and stay in the store (`store::ShareFault`).

mod hook;
mod rule;
mod set;

pub use hook::FaultHook;
pub use rule::{parse_rules, FaultRule, FaultService, InjectedError, MAX_LATENCY_MS, MAX_RULES};
pub use set::{Fault, FaultSet};
