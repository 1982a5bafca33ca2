//! End-to-end tests: the official AWS SDK crates against a real listener running
//! `sclocal_server::run`, one fresh in-memory store per test.

mod access_report;
mod account_share;
mod auth_strict;
mod bootstrap;
mod bootstrap_http;
mod budgets_copy;
mod cbor;
mod helpers;
mod hostile;
mod org_share;
mod organizations;
mod portfolio;
mod products;
mod protocol;
mod provisioning;
mod races;
mod recipient;
mod service_actions;
mod service_actions_shared;
mod sts;
