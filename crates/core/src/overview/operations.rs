//! Background operations as the console shows them, every kind in one list: organization
//! share operations (`share-…`), CreateAccount requests (`car-…`) and provisioning records
//! (`rec-…`), in progress and recent. Each kind is one function from the store to rows
//! ([`SOURCES`]). Statuses are the stored ones the API answers (DescribePortfolioShareStatus,
//! DescribeCreateAccountStatus, DescribeRecord).

use sclocal_api::organizations::CreateAccountState;
use sclocal_api::ServiceError;

use crate::catalog::provisioning::rules::is_finished;
use crate::ids::{AccountId, OrgId, OuId, PortfolioId};
use crate::store::{ReadTx, ShareTarget};
use crate::Emulator;

/// What kind of background work a row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OperationKind {
    /// An organization share operation.
    ShareOperation,
    /// A CreateAccount request.
    CreateAccount,
    /// A provisioning record (ProvisionProduct, an update, a termination, …).
    ProvisioningRecord,
}

impl OperationKind {
    /// How the console names the kind.
    pub fn label(self) -> &'static str {
        match self {
            OperationKind::ShareOperation => "Share operation",
            OperationKind::CreateAccount => "CreateAccount request",
            OperationKind::ProvisioningRecord => "Provisioning record",
        }
    }
}

/// Something a row refers to, which the console links to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    /// A portfolio in a region.
    Portfolio(String, PortfolioId),
    /// An organization.
    Organization(OrgId),
    /// An account.
    Account(AccountId),
    /// An organizational unit.
    Unit(OuId),
    /// Not linked: plain text.
    Text,
}

/// One fact about a row: a label, a value, and what the value names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    /// What the value is (`Portfolio`, `Shared with`, …).
    pub label: &'static str,
    /// The value.
    pub value: String,
    /// What it names.
    pub link: Link,
}

/// One operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationRow {
    /// Its kind.
    pub kind: OperationKind,
    /// Its id (`share-…`, `car-…`).
    pub id: String,
    /// Its status as the API spells it.
    pub status: String,
    /// Whether it has finished.
    pub finished: bool,
    /// When it started, epoch milliseconds.
    pub started_ms: i64,
    /// What it is about.
    pub subjects: Vec<Subject>,
}

/// Operations split as the console shows them, newest first in each part.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Operations {
    /// Not finished.
    pub in_progress: Vec<OperationRow>,
    /// Finished, the latest.
    pub recent: Vec<OperationRow>,
}

/// A kind of background work: its latest `limit` rows, newest first.
type Source = fn(&dyn ReadTx, usize) -> Result<Vec<OperationRow>, ServiceError>;

/// Every kind the console lists.
const SOURCES: &[Source] = &[
    share_operations,
    create_account_requests,
    provisioning_records,
];

/// The latest `limit` rows of every kind, split into in progress and recent.
pub async fn operations(em: &Emulator, limit: usize) -> Result<Operations, ServiceError> {
    em.store
        .read(move |tx| {
            let mut rows = Vec::new();
            for source in SOURCES {
                rows.extend(source(tx, limit)?);
            }
            rows.sort_by(|a, b| b.started_ms.cmp(&a.started_ms).then(b.id.cmp(&a.id)));
            let (in_progress, mut recent): (Vec<_>, Vec<_>) =
                rows.into_iter().partition(|r| !r.finished);
            recent.truncate(limit);
            Ok(Operations {
                in_progress,
                recent,
            })
        })
        .await
}

fn share_operations(tx: &dyn ReadTx, limit: usize) -> Result<Vec<OperationRow>, ServiceError> {
    Ok(tx
        .recent_share_ops(limit)?
        .into_iter()
        .map(|op| {
            let mut subjects = vec![
                Subject {
                    label: "Action",
                    value: op.action.as_str().to_string(),
                    link: Link::Text,
                },
                Subject {
                    label: "Portfolio",
                    value: op.portfolio_id.to_string(),
                    link: Link::Portfolio(op.region.clone(), op.portfolio_id.clone()),
                },
                Subject {
                    label: "Shared with",
                    value: op.target.principal().to_string(),
                    link: match &op.target {
                        ShareTarget::Organization(o) => Link::Organization(o.clone()),
                        ShareTarget::Account(a) | ShareTarget::MemberAccount(a) => {
                            Link::Account(a.clone())
                        }
                        ShareTarget::OrganizationalUnit(o) => Link::Unit(o.clone()),
                    },
                },
                Subject {
                    label: "Owner",
                    value: op.owner.to_string(),
                    link: Link::Account(op.owner.clone()),
                },
            ];
            if let Some(total) = op.total {
                subjects.push(Subject {
                    label: "Accounts",
                    value: total.to_string(),
                    link: Link::Text,
                });
            }
            OperationRow {
                kind: OperationKind::ShareOperation,
                id: op.token.to_string(),
                status: op.status.as_str().to_string(),
                finished: op.status.is_terminal(),
                started_ms: op.created_ms,
                subjects,
            }
        })
        .collect())
}

fn create_account_requests(
    tx: &dyn ReadTx,
    limit: usize,
) -> Result<Vec<OperationRow>, ServiceError> {
    Ok(tx
        .recent_create_account_requests(limit)?
        .into_iter()
        .map(|r| {
            let mut subjects = vec![
                Subject {
                    label: "Organization",
                    value: r.org_id.to_string(),
                    link: Link::Organization(r.org_id.clone()),
                },
                Subject {
                    label: "Account name",
                    value: r.account_name.clone(),
                    link: Link::Text,
                },
            ];
            if let Some(a) = &r.account_id {
                subjects.push(Subject {
                    label: "Account",
                    value: a.to_string(),
                    link: Link::Account(a.clone()),
                });
            }
            if let Some(reason) = r.failure_reason {
                subjects.push(Subject {
                    label: "Failure",
                    value: reason.as_str().to_string(),
                    link: Link::Text,
                });
            }
            OperationRow {
                kind: OperationKind::CreateAccount,
                id: r.id.to_string(),
                status: r.state.as_str().to_string(),
                finished: r.state != CreateAccountState::IN_PROGRESS,
                started_ms: r.requested_ms,
                subjects,
            }
        })
        .collect())
}

fn provisioning_records(tx: &dyn ReadTx, limit: usize) -> Result<Vec<OperationRow>, ServiceError> {
    Ok(tx
        .recent_records(limit)?
        .into_iter()
        .map(|r| {
            let mut subjects = vec![
                Subject {
                    label: "Type",
                    value: r.record_type.as_str().to_string(),
                    link: Link::Text,
                },
                Subject {
                    label: "Provisioned product",
                    value: r.provisioned_product_name.clone(),
                    link: Link::Text,
                },
                Subject {
                    label: "Product",
                    value: r.product_id.to_string(),
                    link: Link::Text,
                },
                Subject {
                    label: "Account",
                    value: r.account.to_string(),
                    link: Link::Account(r.account.clone()),
                },
            ];
            // A vending record's output names the account it made (provisioning.md §21.4).
            if let Some(vended) = r
                .outputs
                .iter()
                .find(|o| o.key == "AccountId")
                .and_then(|o| AccountId::parse(&o.value))
            {
                subjects.push(Subject {
                    label: "Vended account",
                    value: vended.to_string(),
                    link: Link::Account(vended),
                });
            }
            if let Some(e) = r.errors.first() {
                subjects.push(Subject {
                    label: "Failure",
                    value: e.description.clone(),
                    link: Link::Text,
                });
            }
            OperationRow {
                kind: OperationKind::ProvisioningRecord,
                id: r.id.to_string(),
                status: r.status.as_str().to_string(),
                finished: is_finished(r.status),
                started_ms: r.created_ms,
                subjects,
            }
        })
        .collect())
}
