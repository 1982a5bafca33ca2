//! AWS Organizations (organizations-behavior.md): one module per resource, each holding the
//! operations on it as functions named after them; `generated.rs` (from sclocal-codegen)
//! implements the `Organizations` trait on [`Emulator`](crate::Emulator) by calling them.
//! Service Catalog reaches this module only through [`seam`].

mod account;
mod account_completion;
mod attachment;
pub mod bootstrap;
mod caller;
mod effective;
mod feature_set;
mod handshake;
mod handshake_shape;
mod membership;
mod organization;
mod policy;
pub(crate) mod policy_caller;
pub(crate) mod policy_shapes;
pub(crate) mod policy_type;
mod resource_policy;
pub(crate) mod seam;
mod service_access;
mod shapes;
mod tags;
mod transfer;
mod tree;
mod vended;

mod generated;

pub(crate) use account::create_account_step;
