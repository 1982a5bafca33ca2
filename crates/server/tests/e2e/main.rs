//! End-to-end tests: the official AWS SDK crates against a real listener running
//! `sclocal_server::run`, one fresh in-memory store per test.

mod auth_strict;
mod cbor;
mod crash;
mod helpers;
mod hostile;
mod organizations;
mod portfolio;
mod protocol;
mod races;
mod sts;
