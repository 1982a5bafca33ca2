//! The `organizations` API: generated shapes, operations, errors, the [`Organizations`] trait and its dispatcher.
mod generated;
pub use generated::*;
