//! Domain identifiers: each a type, parsed once at the edge (a request, a stored row) and
//! carried typed from there. Each `parse` is the one place its format rule lives; each
//! `generate` the one place its shape for new ids lives.

mod account;
mod arn;
mod catalog;
mod format;
mod organizations;

pub use account::*;
pub use arn::Arn;
pub use catalog::*;
pub use organizations::*;
