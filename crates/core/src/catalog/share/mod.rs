//! Portfolio sharing (https://docs.aws.amazon.com/servicecatalog/latest/dg/API_CreatePortfolioShare.html;
//! spec: shared/spec/aws-behavior.md §3, §5–§9, open-questions-resolved.md).
//!
//! Two mechanisms: account shares, which the recipient accepts, and organization-node shares
//! (organization, OU, member account), which only the management account or a Service Catalog
//! delegated administrator may create, only while organization access is enabled, and which
//! change through asynchronous operations (`share-…` tokens) processed by [`fanout`].
//! This module holds what the operations share: caller checks, node parsing, errors.

pub mod accept;
pub mod change;
pub mod create;
pub mod fanout;
pub mod listing;
pub mod status;

use sclocal_api::servicecatalog::{ModeledError, OrganizationNode, OrganizationNodeType};
use sclocal_api::ServiceError;

use crate::ids::{catalog_id, AccountId, Scope};
use crate::store::{
    Membership, OpAction, OpStatus, ShareAction, ShareActionOutcome, ShareKind, ShareOpRecord,
    SERVICE_CATALOG_PRINCIPAL,
};
use crate::Emulator;

/// "Cannot process more than one portfolio share action at the same time. Try again later."
/// — the exact text AWS returns (LZA-893, aws-behavior.md §10).
pub(crate) fn busy() -> ServiceError {
    ModeledError::InvalidStateException.msg(
        "Cannot process more than one portfolio share action at the same time. Try again later.",
    )
}

/// The refusal for callers that are neither the management account nor a Service Catalog
/// delegated administrator. The text is Service Catalog's own (XP-233, open-questions-resolved
/// §1.2); the code is the one every organization operation models.
pub(crate) fn not_org_admin() -> ServiceError {
    ModeledError::OperationNotSupportedException.msg(
        "Account must either be the master or delegated admin of an organization and must have IAM permission for ListDelegatedAdministrator operation.",
    )
}

/// Performs a share action; an unfinished operation on the portfolio refuses it with the
/// one-action-at-a-time error, and queued work wakes the worker.
pub(crate) async fn perform(
    em: &Emulator,
    action: ShareAction,
) -> Result<ShareActionOutcome, ServiceError> {
    // Only actions that queue a share operation give the worker something to do; waking it
    // for account shares would cost a queue scan per request.
    let queues_op = matches!(
        action,
        ShareAction::StartOp { .. } | ShareAction::UpdateAccountShare { .. }
    );
    match em.store.share_action(action).await? {
        ShareActionOutcome::Busy => Err(busy()),
        outcome => {
            if queues_op {
                em.signal.notify();
            }
            Ok(outcome)
        }
    }
}

/// The caller's organization, when it may administer organization shares.
pub(crate) async fn org_admin(em: &Emulator, scope: &Scope) -> Result<Membership, ServiceError> {
    let membership = em
        .store
        .membership(&scope.account)
        .await?
        .ok_or_else(not_org_admin)?;
    if membership.is_management(&scope.account)
        || em
            .store
            .is_delegated_admin(
                &membership.org_id,
                &scope.account,
                SERVICE_CATALOG_PRINCIPAL,
            )
            .await?
    {
        Ok(membership)
    } else {
        Err(not_org_admin())
    }
}

/// "AWSOrganizationsAccess must be enabled in order to create a portfolio share to an
/// organization node." (CreatePortfolioShare API reference.)
pub(crate) async fn require_org_access(
    em: &Emulator,
    org: &Membership,
) -> Result<(), ServiceError> {
    if em
        .store
        .service_access_enabled(&org.org_id, SERVICE_CATALOG_PRINCIPAL)
        .await?
    {
        Ok(())
    } else {
        // DEVIATION(aws): AWS's code and text for this case are not public; the sentence is
        // the API reference's own.
        Err(ModeledError::OperationNotSupportedException.msg(
            "AWSOrganizationsAccess must be enabled in order to create a portfolio share to an organization node.",
        ))
    }
}

/// An organization node with its value reduced to the bare id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Node {
    pub kind: ShareKind,
    pub id: String,
}

impl Node {
    /// The wire node type of this share kind.
    pub fn wire_type(&self) -> OrganizationNodeType {
        match self.kind {
            ShareKind::Organization => OrganizationNodeType::ORGANIZATION,
            ShareKind::OrganizationalUnit => OrganizationNodeType::ORGANIZATIONAL_UNIT,
            ShareKind::Account | ShareKind::OrganizationMemberAccount => {
                OrganizationNodeType::ACCOUNT
            }
        }
    }
}

/// The share kind an OrganizationNode type addresses.
pub(crate) fn kind_of(t: OrganizationNodeType) -> ShareKind {
    match t {
        OrganizationNodeType::ORGANIZATION => ShareKind::Organization,
        OrganizationNodeType::ORGANIZATIONAL_UNIT => ShareKind::OrganizationalUnit,
        OrganizationNodeType::ACCOUNT => ShareKind::OrganizationMemberAccount,
    }
}

/// Parses an OrganizationNode: the value may be an id or an ARN and is always reported back
/// as the bare id (Terraform's acceptance tests share by ARN and read the id back, TF-TEST).
pub(crate) fn parse_node(node: &OrganizationNode) -> Result<Node, ServiceError> {
    let (Some(t), Some(value)) = (node.r#type, node.value.as_deref()) else {
        return Err(ModeledError::InvalidParametersException
            .msg("OrganizationNode requires both Type and Value."));
    };
    let id = if value.starts_with("arn:") {
        value.rsplit('/').next().unwrap_or(value)
    } else {
        value
    };
    let kind = kind_of(t);
    let fits = match kind {
        ShareKind::Organization => id.starts_with("o-"),
        ShareKind::OrganizationalUnit => id.starts_with("ou-"),
        _ => AccountId::parse(id).is_some(),
    };
    if fits {
        Ok(Node {
            kind,
            id: id.to_string(),
        })
    } else {
        Err(ModeledError::InvalidParametersException.msg(format!(
            "The organization node value {value} is not a valid {t} identifier."
        )))
    }
}

/// Checks that `node` belongs to the caller's organization ("AWS doesn't allow sharing of
/// portfolios with external Organizations and OU", open-questions-resolved §1.3).
pub(crate) async fn require_in_org(
    em: &Emulator,
    org: &Membership,
    node: &Node,
) -> Result<(), ServiceError> {
    let inside = match node.kind {
        ShareKind::Organization => node.id == org.org_id,
        ShareKind::OrganizationalUnit => em.store.ou_in_org(&org.org_id, &node.id).await?,
        ShareKind::OrganizationMemberAccount | ShareKind::Account => {
            match AccountId::parse(&node.id) {
                Some(a) => em
                    .store
                    .membership(&a)
                    .await?
                    .is_some_and(|m| m.org_id == org.org_id),
                None => false,
            }
        }
    };
    if inside {
        Ok(())
    } else {
        // DEVIATION(aws): AWS's code and text are not public; InvalidParametersException is
        // what every client surfaces (open-questions-resolved §1.3).
        Err(ModeledError::InvalidParametersException.msg(format!(
            "The organization node {} does not belong to organization {}.",
            node.id, org.org_id
        )))
    }
}

/// Exactly one of AccountId and OrganizationNode ("You must provide the accountId or
/// organization node in the input, but not both", UpdatePortfolioShare API reference).
pub(crate) fn one_target<'a>(
    account: Option<&'a str>,
    node: Option<&'a OrganizationNode>,
) -> Result<Target<'a>, ServiceError> {
    match (account, node) {
        (Some(a), None) => Ok(Target::Account(a)),
        (None, Some(n)) => Ok(Target::Node(n)),
        _ => Err(ModeledError::InvalidParametersException.msg(
            "You must provide the AccountId or the OrganizationNode in the input, but not both.",
        )),
    }
}

/// What a share call addresses.
pub(crate) enum Target<'a> {
    /// An account share.
    Account(&'a str),
    /// An organization-node share.
    Node(&'a OrganizationNode),
}

/// A new operation on a share, NOT_STARTED, held unfinished for the processing delay.
pub(crate) fn new_op(
    em: &Emulator,
    action: OpAction,
    portfolio_id: &str,
    scope: &Scope,
    kind: ShareKind,
    principal: &str,
    org_id: Option<&str>,
) -> ShareOpRecord {
    let now = em.clock.now_millis();
    ShareOpRecord {
        seq: 0,
        token: catalog_id("share", em.ids.as_ref()),
        action,
        portfolio_id: portfolio_id.to_string(),
        region: scope.region.clone(),
        owner: scope.account.clone(),
        kind,
        principal: principal.to_string(),
        org_id: org_id.map(str::to_string),
        status: OpStatus::NotStarted,
        not_before_ms: now + em.settings.share_processing_delay_ms,
        cursor: 0,
        total: None,
        created_ms: now,
    }
}
