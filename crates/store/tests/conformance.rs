//! The store conformance suite: every primitive of the storage contract (core's
//! `store/*.rs`), every unit-of-work guarantee and the job queue's lease protocol, checked
//! against every engine configuration listed in `conformance/harness.rs`.

#[path = "conformance/harness.rs"]
mod harness;

#[path = "conformance/postgres.rs"]
mod postgres;

#[path = "conformance/units.rs"]
mod units;

#[path = "conformance/portfolios.rs"]
mod portfolios;

#[path = "conformance/jobs.rs"]
mod jobs;

#[path = "conformance/org_fixtures.rs"]
mod org_fixtures;

#[path = "conformance/org_tree.rs"]
mod org_tree;

#[path = "conformance/org_records.rs"]
mod org_records;

#[path = "conformance/org_delete.rs"]
mod org_delete;

#[path = "conformance/policies.rs"]
mod policies;

#[path = "conformance/products.rs"]
mod products;

#[path = "conformance/catalog_links.rs"]
mod catalog_links;

#[path = "conformance/tag_options.rs"]
mod tag_options;

#[path = "conformance/shares.rs"]
mod shares;

#[path = "conformance/share_ops.rs"]
mod share_ops;

#[path = "conformance/provisioning.rs"]
mod provisioning;

#[path = "conformance/plans.rs"]
mod plans;

#[path = "conformance/service_actions.rs"]
mod service_actions;

#[path = "conformance/reset.rs"]
mod reset;

#[path = "conformance/coverage.rs"]
mod coverage;

#[path = "conformance/console_reads.rs"]
mod console_reads;
#[path = "conformance/vending.rs"]
mod vending;
