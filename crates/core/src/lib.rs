//! The emulator's behaviour: who may do what to which portfolio, share, organization and
//! identity. Implements the generated service traits of `sclocal-api` on [`Emulator`].
//! Knows nothing of HTTP or SQL: state goes through the [`store::Store`] trait, time and
//! randomness through [`clock`].
//!
//! This file is the composition root: it declares the modules and wires Organizations'
//! events to Service Catalog ([`new`]); no module imports it.
pub mod admin;
pub mod catalog;
pub mod clock;
pub mod cloudformation;
pub mod emulator;
pub mod events;
pub mod faults;
pub mod hook;
pub mod ids;
pub mod jobs;
pub mod organizations;
pub mod overview;
pub mod page;
pub mod policy;
pub mod resources;
pub mod scp;
pub mod search_query;
pub mod store;
pub mod sts;
pub mod tags;

use std::sync::Arc;

pub use emulator::{Emulator, JobSignal, NoSignal, Settings};

/// An emulator over `store` with Service Catalog listening to Organizations' events.
pub fn new(
    store: Arc<dyn store::Store>,
    clock: Arc<dyn clock::Clock>,
    ids: Arc<dyn clock::IdSource>,
    settings: Settings,
) -> Emulator {
    Emulator::new(store, clock, ids, settings)
        .with_org_events(Arc::new(catalog::org_events::CatalogListens))
}
