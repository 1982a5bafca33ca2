//! Who reaches a portfolio or a product, and how: its owner, or a recipient through an
//! accepted account share or an organization share. Every operation that reads a portfolio or
//! product on behalf of a possible recipient asks here, so these rules live in one place; the
//! rules of who an organization share reaches live in `catalog::audience`, which this asks.

mod portfolios;
mod products;
mod reach;

pub(crate) use portfolios::*;
pub(crate) use products::*;
pub use reach::*;
