//! Organizations policies as pure functions (governance.md §2.6, §2.7, §6, §7): the IAM policy
//! language of service and resource control policies — parsed once into compiled statements,
//! validated per policy type, evaluated per request — the refusal texts, the per-type quotas,
//! and the management policy types with their effective-policy merge.
//!
//! Nothing here reads a store, a clock or the network: callers pass the documents, the
//! organization path and the request context in, and get a decision or an error out.

mod condition;
pub mod content;
pub mod context;
pub mod denial;
pub mod document;
pub mod evaluate;
mod glob;
pub mod malformed;
pub mod management;
pub(crate) mod operator;
pub(crate) mod principal;
pub mod quota;
pub mod statement;

#[cfg(test)]
mod worked_cases;

pub use content::{arn_type_segment, validate_content, ContentError, PolicyFamily, ValidContent};
pub use context::{CallerFacts, Context, PrincipalType, Request};
pub use denial::{denial_message, explicit_deny_message, implicit_deny_message, ControlPolicyKind};
pub use document::{PolicyDocument, FULL_AWS_ACCESS_CONTENT, RCP_FULL_AWS_ACCESS_CONTENT};
pub use evaluate::{evaluate, AttachedPolicy, AttachedPolicyRef, Decision};
pub use malformed::{Malformed, MALFORMED_POLICY_MESSAGE};
pub use management::{effective_policy, EffectivePolicy, ManagementPolicyDocument};
pub use quota::{PolicyQuota, QuotaViolation};
pub use statement::{Effect, Grammar, Statement};
