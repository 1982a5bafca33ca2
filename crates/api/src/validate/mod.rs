//! Input validation driven by the model, before any behaviour runs.
//!
//! Two outcomes besides success: a document whose JSON types do not fit the shapes (AWS answers
//! `SerializationException`), and constraint violations (required, length, range, pattern, enum),
//! which AWS's front end reports as
//! `1 validation error detected: Value '12345' at 'accountId' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[0-9]{12}$`.
//! Patterns are matched in full (settled in `shared/spec/open-questions-resolved.md` §8.2).
//! Member paths are lowerCamelCase, dotted for nested members, `.N.member` (1-based) in lists.
//!
//! The pieces: [`Validator`] walks a document against the shapes (`validator.rs`), a failed
//! constraint is a [`Violation`] worded as AWS words it (`violation.rs`), and a model pattern
//! becomes a Rust regex matched in full ([`full_match`], `pattern.rs`).

mod pattern;
mod validator;
mod violation;

pub use pattern::full_match;
pub use validator::{lower_camel, Invalid, Validator};
pub use violation::{coral_message, Constraint, Violation};
