//! The `sts` API: generated shapes, operations, errors, the [`Sts`] trait and its dispatcher.
mod generated;
pub use generated::*;
