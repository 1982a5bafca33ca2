//! Service Catalog: one module per resource, each holding the operations on it as functions
//! named after them; `generated.rs` (from sclocal-codegen) implements the `ServiceCatalog`
//! trait on [`Emulator`](crate::Emulator) by calling them. Operations not emulated keep the
//! generated "not implemented" default.

pub mod access;
pub mod access_report;
pub mod account_factory;
pub mod audience;
pub mod org_events;
mod organizations_access;
mod portfolio;
pub mod share;

// products, provisioning artifacts, principals, TagOptions, constraints
mod artifact_template;
mod budget;
mod constraint;
pub(crate) mod copy_product;
mod end_user;
mod launch_path;
mod principal;
mod principal_arn;
mod product;
mod product_link;
mod product_search;
pub(crate) mod provisioning;
mod provisioning_artifact;
mod service_action;
mod tag_option;
mod tag_options_shown;
mod tagging;
mod views;

mod generated;
