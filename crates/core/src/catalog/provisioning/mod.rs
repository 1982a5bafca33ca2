//! Provisioning (provisioning.md §1–§20): an end user launches what was shared. A launch goes
//! through a launch path (`catalog::launch_path`), in the caller's account; it makes a
//! provisioned product and a record, which the job queue carries out asynchronously
//! (`job.rs`), as AWS does. One module per resource: launching (`launch.rs`), records, reading
//! and searching provisioned products, updating, terminating and their properties, plans,
//! imports, the external-engine flow, and vending accounts from the Account Factory
//! (`vending.rs`).

mod access_level;
mod constraints;
pub(crate) mod engine;
pub(crate) mod import;
pub(crate) mod job;
pub(crate) mod launch;
mod outcome;
pub(crate) mod parameters;
pub(crate) mod plan;
pub(crate) mod plan_execute;
pub(crate) mod plan_job;
pub(crate) mod read;
pub(crate) mod record;
mod records;
pub(crate) mod rules;
pub(crate) mod search;
pub(crate) mod service_action_run;
mod settle;
mod step_context;
mod tag_rules;
mod target;
pub(crate) mod terminate;
pub(crate) mod update;
mod vending;
mod views;
