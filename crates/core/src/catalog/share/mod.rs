//! Portfolio sharing (https://docs.aws.amazon.com/servicecatalog/latest/dg/API_CreatePortfolioShare.html;
//! spec: shared/spec/aws-behavior.md §3, §5–§9, open-questions-resolved.md).
//!
//! Two mechanisms: account shares, which the recipient accepts, and organization-node shares
//! (organization, OU, member account), which only the management account or a Service Catalog
//! delegated administrator may create, only while organization access is enabled, and which
//! change through asynchronous operations (`share-…` tokens) processed by [`fanout`].
//! This module holds what the operations share: who may administer organization shares,
//! what a request addresses, and the operation records they start.

pub mod accept;
pub mod change;
pub mod create;
pub mod fanout;
pub mod listing;
pub mod rules;
pub mod status;

use sclocal_api::servicecatalog::{ModeledError, OrganizationNode, OrganizationNodeType};
use sclocal_api::ServiceError;

use crate::ids::{AccountId, OrgId, OuId, PortfolioId, Scope, ShareToken};
use crate::store::{
    JobKind, Membership, OpAction, OpStatus, ReadTx, ShareOpRecord, ShareTarget, WriteTx,
    SERVICE_CATALOG_PRINCIPAL,
};
use crate::Emulator;

/// The refusal for callers that are neither the management account nor a Service Catalog
/// delegated administrator. The text is Service Catalog's own (XP-233, open-questions-resolved
/// §1.2); the code is the one every organization operation models.
pub(crate) fn not_org_admin() -> ServiceError {
    ModeledError::OperationNotSupportedException.msg(
        "Account must either be the master or delegated admin of an organization and must have IAM permission for ListDelegatedAdministrator operation.",
    )
}

/// The caller's organization, when it may administer organization shares: its management
/// account, or a Service Catalog delegated administrator ("Note that if a delegated admin is
/// de-registered, they can no longer create portfolio shares").
pub(crate) fn org_admin(tx: &dyn ReadTx, scope: &Scope) -> Result<Membership, ServiceError> {
    let membership = tx.membership(&scope.account)?.ok_or_else(not_org_admin)?;
    if membership.is_management(&scope.account)
        || tx.is_delegated_admin(
            &membership.org_id,
            &scope.account,
            SERVICE_CATALOG_PRINCIPAL,
        )?
    {
        Ok(membership)
    } else {
        Err(not_org_admin())
    }
}

/// "AWSOrganizationsAccess must be enabled in order to create a portfolio share to an
/// organization node." (CreatePortfolioShare API reference.)
pub(crate) fn require_org_access(tx: &dyn ReadTx, org: &Membership) -> Result<(), ServiceError> {
    if tx.service_access_enabled(&org.org_id, SERVICE_CATALOG_PRINCIPAL)? {
        Ok(())
    } else {
        // DEVIATION(aws): AWS's code and text for this case are not public; the sentence is
        // the API reference's own.
        Err(ModeledError::OperationNotSupportedException.msg(
            "AWSOrganizationsAccess must be enabled in order to create a portfolio share to an organization node.",
        ))
    }
}

/// The wire node type of a share target.
pub(crate) fn wire_type(target: &ShareTarget) -> OrganizationNodeType {
    match target {
        ShareTarget::Organization(_) => OrganizationNodeType::ORGANIZATION,
        ShareTarget::OrganizationalUnit(_) => OrganizationNodeType::ORGANIZATIONAL_UNIT,
        ShareTarget::Account(_) | ShareTarget::MemberAccount(_) => OrganizationNodeType::ACCOUNT,
    }
}

/// Parses an OrganizationNode: the value may be an id or an ARN and is always reported back
/// as the bare id (Terraform's acceptance tests share by ARN and read the id back, TF-TEST).
pub(crate) fn parse_node(node: &OrganizationNode) -> Result<ShareTarget, ServiceError> {
    let (Some(t), Some(value)) = (node.r#type, node.value.as_deref()) else {
        return Err(ModeledError::InvalidParametersException
            .msg("OrganizationNode requires both Type and Value."));
    };
    let id = if value.starts_with("arn:") {
        value.rsplit('/').next().unwrap_or(value)
    } else {
        value
    };
    let target = match t {
        OrganizationNodeType::ORGANIZATION => OrgId::parse(id).map(ShareTarget::Organization),
        OrganizationNodeType::ORGANIZATIONAL_UNIT => {
            OuId::parse(id).map(ShareTarget::OrganizationalUnit)
        }
        OrganizationNodeType::ACCOUNT => AccountId::parse(id).map(ShareTarget::MemberAccount),
    };
    target.ok_or_else(|| {
        ModeledError::InvalidParametersException.msg(format!(
            "The organization node value {value} is not a valid {t} identifier."
        ))
    })
}

/// Checks that `target` belongs to the caller's organization ("AWS doesn't allow sharing of
/// portfolios with external Organizations and OU", open-questions-resolved §1.3).
pub(crate) fn require_in_org(
    tx: &dyn ReadTx,
    org: &Membership,
    target: &ShareTarget,
) -> Result<(), ServiceError> {
    let inside = match target {
        ShareTarget::Organization(o) => *o == org.org_id,
        ShareTarget::OrganizationalUnit(ou) => tx.ou(ou)?.is_some_and(|o| o.org_id == org.org_id),
        ShareTarget::MemberAccount(a) | ShareTarget::Account(a) => {
            tx.membership(a)?.is_some_and(|m| m.org_id == org.org_id)
        }
    };
    if inside {
        Ok(())
    } else {
        // DEVIATION(aws): AWS's code and text are not public; InvalidParametersException is
        // what every client surfaces (open-questions-resolved §1.3).
        Err(ModeledError::InvalidParametersException.msg(format!(
            "The organization node {} does not belong to organization {}.",
            target.principal(),
            org.org_id
        )))
    }
}

/// What a share call addresses: exactly one of AccountId and OrganizationNode ("You must
/// provide the accountId or organization node in the input, but not both",
/// UpdatePortfolioShare API reference).
pub(crate) enum Addressed<'a> {
    /// An account share.
    Account(&'a str),
    /// An organization-node share.
    Node(&'a OrganizationNode),
}

impl<'a> Addressed<'a> {
    /// The one target of a request.
    pub(crate) fn of(
        account: Option<&'a str>,
        node: Option<&'a OrganizationNode>,
    ) -> Result<Self, ServiceError> {
        match (account, node) {
            (Some(a), None) => Ok(Addressed::Account(a)),
            (None, Some(n)) => Ok(Addressed::Node(n)),
            _ => Err(ModeledError::InvalidParametersException.msg(
                "You must provide the AccountId or the OrganizationNode in the input, but not both.",
            )),
        }
    }
}

/// What a new share operation takes from the emulator before its unit of work runs: its
/// token and its times.
#[derive(Debug, Clone)]
pub(crate) struct OpStamp {
    token: ShareToken,
    now: i64,
    not_before: i64,
}

impl OpStamp {
    /// A fresh token, now, and the end of the processing delay.
    pub(crate) fn new(em: &Emulator) -> Self {
        let now = em.now();
        OpStamp {
            token: ShareToken::generate(em.ids.as_ref()),
            now,
            not_before: now + em.settings.share_processing_delay_ms,
        }
    }

    /// A new operation on a share, NOT_STARTED, held unfinished for the processing delay.
    pub(crate) fn op(
        self,
        action: OpAction,
        portfolio_id: &PortfolioId,
        scope: &Scope,
        target: ShareTarget,
        org_id: Option<OrgId>,
    ) -> ShareOpRecord {
        ShareOpRecord {
            token: self.token,
            action,
            portfolio_id: portfolio_id.clone(),
            region: scope.region.clone(),
            owner: scope.account.clone(),
            target,
            org_id,
            status: OpStatus::NotStarted,
            not_before_ms: self.not_before,
            cursor: 0,
            total: None,
            created_ms: self.now,
        }
    }
}

/// Records an operation and queues its background work.
pub(crate) fn start_op(tx: &dyn WriteTx, op: &ShareOpRecord) -> Result<(), ServiceError> {
    tx.insert_share_op(op)?;
    if !op.status.is_terminal() {
        tx.enqueue_job(JobKind::ShareOperation, op.token.as_str(), op.created_ms)?;
    }
    Ok(())
}
