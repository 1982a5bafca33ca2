//! AWS Organizations (organizations-behavior.md): one module per resource, each holding the
//! operations on it as functions named after them; `generated.rs` (from sclocal-codegen)
//! implements the `Organizations` trait on [`Emulator`](crate::Emulator) by calling them.
//! Policies, EnableAllFeatures, responsibility transfers and resource policies keep the
//! generated "not implemented" default. Service Catalog reaches this module only through
//! [`seam`].

mod account;
pub mod bootstrap;
mod caller;
mod handshake;
mod handshake_shape;
mod membership;
mod organization;
pub(crate) mod seam;
mod service_access;
mod shapes;
mod tags;
mod tree;
mod vended;

mod generated;

pub(crate) use account::create_account_step;
