//! The emulator's behaviour: who may do what to which portfolio, share, organization and
//! identity. Implements the generated service traits of `sclocal-api` on [`Emulator`].
//! Knows nothing of HTTP or SQL: state goes through the [`store::Store`] trait, time and
//! randomness through [`clock`].
pub mod admin;
pub mod catalog;
pub mod clock;
pub mod emulator;
pub mod ids;
pub mod organizations;
pub mod page;
pub mod store;
pub mod sts;

pub use emulator::{Emulator, JobSignal, NoSignal, Settings};
