//! End-to-end tests: the official AWS SDK crates against a real listener running
//! `sclocal_server::run`, one fresh in-memory store per test.

mod access_report;
mod account_share;
mod admin_door;
mod auth_strict;
mod bootstrap;
mod bootstrap_http;
mod browser;
mod budgets_copy;
mod cbor;
mod console;
mod faults;
mod helpers;
mod hostile;
mod org_effective;
mod org_moto_differences;
mod org_policies;
mod org_share;
mod organizations;
mod portfolio;
mod products;
mod protocol;
mod provisioning;
mod races;
mod recipient;
mod scp_access_report;
mod scp_enforcement;
mod service_actions;
mod service_actions_shared;
mod sts;
mod sts_flows;
mod vending;
