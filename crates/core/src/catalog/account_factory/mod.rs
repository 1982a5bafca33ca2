//! The AWS Control Tower Account Factory (provisioning.md §21.1): what Control Tower creates in
//! the management account, made by a bootstrap that says `account_factory` (`set_up`), and the
//! rules of its one parameter that is not free text, `ManagedOrganizationalUnit` (`ou.rs`):
//! its AllowedValues follow the organization's OUs (computed on read), and the forms a request
//! may name an OU in. Vending itself is a provisioning job (`provisioning::vending`).

mod names;
mod ou;
mod set_up;

pub(crate) use names::OU_PARAMETER;
pub use names::{OWNER, PORTFOLIO_NAME, PRODUCT_NAME};
pub(crate) use ou::{resolve_ou, with_ou_values};
pub use set_up::{set_up_account_factories, FactoryRequest};
