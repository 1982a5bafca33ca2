//! AWS Organizations: the `Organizations` trait implemented on [`Emulator`].

use crate::Emulator;

/// Not emulated yet: every operation answers "not implemented".
#[async_trait::async_trait]
impl sclocal_api::organizations::Organizations for Emulator {}
