//! CreatePortfolioShare: every sentence of the API reference
//! (shared/seed/create_portfolio_share.txt) and aws-behavior.md §5.1. All its checks run
//! inside the unit of work that writes, so nothing can change between check and write (a
//! concurrent DisableAWSOrganizationsAccess, another share action).

use sclocal_api::servicecatalog::{
    CreatePortfolioShareInput, CreatePortfolioShareOutput, ModeledError,
};
use sclocal_api::{RequestContext, ServiceError};

use super::rules::ensure_idle;
use super::{
    org_admin, parse_node, require_in_org, require_org_access, start_op, Addressed, OpStamp,
};
use crate::catalog::access::{contains_shared_product, owned_portfolio};
use crate::ids::{AccountId, OrgId, Scope};
use crate::store::{OpAction, PortfolioRecord, ShareRecord, ShareState, ShareTarget, WriteTx};
use crate::Emulator;

/// CreatePortfolioShare.
pub(crate) async fn create_portfolio_share(
    em: &Emulator,
    cx: &RequestContext,
    input: CreatePortfolioShareInput,
) -> Result<CreatePortfolioShareOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let flags = Flags {
        share_tag_options: input.share_tag_options.unwrap_or(false),
        share_principals: input.share_principals.unwrap_or(false),
    };
    let now = em.now();
    let limit = em.settings.account_share_limit;
    let (account, node) = (input.account_id, input.organization_node);
    let stamp = OpStamp::new(em);
    let portfolio_id = input.portfolio_id;
    let token = em
        .store
        .write(move |tx| {
            let addressed = Addressed::of(account.as_deref(), node.as_ref())?;
            // "You can't share a shared resource": a recipient does not own an imported
            // portfolio, so it is not found among the caller's own (the code real clients
            // saw, puppet #595).
            let portfolio = owned_portfolio(tx, &scope, &portfolio_id)?;
            // "…including portfolios that contain a shared product."
            if contains_shared_product(tx, &portfolio)? {
                // DEVIATION(aws): the code and text are not public; the sentence is the API
                // reference's.
                return Err(ModeledError::InvalidParametersException.msg(
                    "You can't share a shared resource, including portfolios that contain a shared product.",
                ));
            }
            let share = |target: ShareTarget, org_id: Option<OrgId>| {
                new_share(&scope, &portfolio, target, org_id, flags, now)
            };
            match addressed {
                Addressed::Account(account) => {
                    share_with_account(tx, &scope, &portfolio, account, flags, limit, share)?;
                    Ok(None)
                }
                Addressed::Node(node) => {
                    let target = parse_node(node)?;
                    // SharePrincipals "is only supported for portfolios with an
                    // OrganizationalNode Type of ORGANIZATION or ORGANIZATIONAL_UNIT".
                    if flags.share_principals && matches!(target, ShareTarget::MemberAccount(_)) {
                        return Err(principals_only_for_nodes());
                    }
                    let org = org_admin(tx, &scope)?;
                    require_org_access(tx, &org)?;
                    require_in_org(tx, &org, &target)?;
                    if target.principal() == scope.account.as_str() {
                        return Err(self_share());
                    }
                    ensure_idle(tx, &portfolio.id)?;
                    // "If the portfolio share … already exists, this action will have no
                    // effect": the share stays, the operation re-applies it.
                    if tx.share(&portfolio.id, &target)?.is_none() {
                        tx.insert_share(&share(target.clone(), Some(org.org_id.clone())))?;
                    }
                    let op = stamp.op(
                        OpAction::Create,
                        &portfolio.id,
                        &scope,
                        target,
                        Some(org.org_id),
                    );
                    start_op(tx, &op)?;
                    Ok(Some(op.token))
                }
            }
        })
        .await?;
    if token.is_some() {
        em.signal.notify();
    }
    Ok(CreatePortfolioShareOutput {
        portfolio_share_token: token.map(String::from),
    })
}

/// ShareTagOptions and SharePrincipals.
#[derive(Debug, Clone, Copy)]
struct Flags {
    share_tag_options: bool,
    share_principals: bool,
}

/// An account share: no token; the recipient must accept it. A repeat is a no-op ("If the
/// portfolio share with the specified account or organization node already exists, this
/// action will have no effect and will not return an error").
fn share_with_account(
    tx: &dyn WriteTx,
    scope: &Scope,
    portfolio: &PortfolioRecord,
    account: &str,
    flags: Flags,
    limit: usize,
    share: impl Fn(ShareTarget, Option<OrgId>) -> ShareRecord,
) -> Result<(), ServiceError> {
    // SharePrincipals is for organization nodes; `false` is accepted (Terraform always sends
    // it).
    if flags.share_principals {
        return Err(principals_only_for_nodes());
    }
    if account == scope.account.as_str() {
        return Err(self_share());
    }
    let account = AccountId::parse(account).ok_or_else(|| {
        ModeledError::InvalidParametersException.msg(format!("Invalid account id: {account}"))
    })?;
    let target = ShareTarget::Account(account);
    ensure_idle(tx, &portfolio.id)?;
    if tx.share(&portfolio.id, &target)?.is_some() {
        return Ok(());
    }
    if tx.account_share_count(&portfolio.id)? >= limit {
        return Err(ModeledError::LimitExceededException.msg(format!(
            "Portfolio {} has reached the limit of {limit} shared accounts.",
            portfolio.id
        )));
    }
    tx.insert_share(&share(target, None))?;
    Ok(())
}

fn new_share(
    scope: &Scope,
    portfolio: &PortfolioRecord,
    target: ShareTarget,
    org_id: Option<OrgId>,
    flags: Flags,
    now: i64,
) -> ShareRecord {
    let organization = target.kind().is_organization();
    ShareRecord {
        portfolio_id: portfolio.id.clone(),
        region: scope.region.clone(),
        owner: scope.account.clone(),
        target,
        org_id,
        // "Accepted is always true for organization-node shares"; account shares wait for
        // AcceptPortfolioShare.
        accepted: organization,
        share_tag_options: flags.share_tag_options,
        share_principals: flags.share_principals,
        state: if organization {
            ShareState::Creating
        } else {
            ShareState::Active
        },
        fanout_token: None,
        created_ms: now,
    }
}

pub(crate) fn principals_only_for_nodes() -> ServiceError {
    ModeledError::InvalidParametersException.msg(
        "SharePrincipals is only supported for portfolio shares to an OrganizationNode of type ORGANIZATION or ORGANIZATIONAL_UNIT.",
    )
}

fn self_share() -> ServiceError {
    // DEVIATION(aws): AWS's answer to sharing with yourself is not public (LZA avoids it);
    // InvalidParametersException is the modeled code that fits.
    ModeledError::InvalidParametersException
        .msg("You cannot share a portfolio with your own account.")
}
