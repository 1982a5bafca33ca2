//! Self-service actions (provisioning.md §22;
//! https://docs.aws.amazon.com/servicecatalog/latest/dg/API_CreateServiceAction.html and
//! siblings): the actions themselves (`action.rs`), their associations with provisioning
//! artifacts (`association.rs`), and the rules both share (`rules.rs`). Running an action on a
//! provisioned product is provisioning's (`provisioning/service_action_run.rs`).

pub(crate) mod action;
pub(crate) mod association;
pub(crate) mod rules;
