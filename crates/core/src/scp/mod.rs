//! Service control policies (governance.md §6): what applies to an account (`levels`) and the
//! check in front of every request (`check`).

pub mod check;
mod levels;

pub use levels::*;
