//! What the operator's console shows: read models of organizations, OUs, accounts,
//! portfolios and background operations, each built in one unit of work
//! (`em.store.read`) from the store's primitives and core's existing rules — who a share
//! reaches (`catalog::audience`), what an account sees (`catalog::access`), who launches
//! (`catalog::access_report`). Nothing here decides anything new: a page that disagreed with
//! the API would be a bug in this module, not a second rule. Plain data; the server renders
//! it as HTML.

mod account;
mod operations;
mod organization;
mod portfolio;

pub use account::{account, AccountView, Imported, LaunchRight};
pub use operations::{operations, Link, OperationKind, OperationRow, Operations, Subject};
pub use organization::{node, organization, organizations, NodeView, OrgSummary};
pub use portfolio::{portfolio, portfolios, share_accounts, PortfolioView, ShareView};
