//! The `servicecatalog` API: generated shapes, operations, errors, the [`ServiceCatalog`] trait and its dispatcher.
mod generated;
pub use generated::*;
