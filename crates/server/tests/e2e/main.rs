//! End-to-end tests: the official AWS SDK crates against a real listener running
//! `sclocal_server::run`, one fresh in-memory store per test.

mod cbor;
mod helpers;
mod organizations;
mod portfolio;
mod products;
mod protocol;
mod sts;
