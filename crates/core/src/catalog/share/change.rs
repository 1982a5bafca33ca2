//! UpdatePortfolioShare and DeletePortfolioShare (aws-behavior.md §5.2, §5.3).

use sclocal_api::servicecatalog::{
    DeletePortfolioShareInput, DeletePortfolioShareOutput, ModeledError, ShareStatus,
    UpdatePortfolioShareInput, UpdatePortfolioShareOutput,
};
use sclocal_api::{RequestContext, ServiceError};

use super::create::principals_only_for_nodes;
use super::rules::ensure_idle;
use super::{org_admin, parse_node, start_op, Addressed, OpStamp};
use crate::catalog::access::owned_portfolio;
use crate::ids::AccountId;
use crate::store::{OpAction, OpStatus, ShareState, ShareTarget};
use crate::Emulator;

/// UpdatePortfolioShare: changes only the flags given, and answers a token and a Status for
/// both kinds of share ("tracks the update for external account to account or
/// organizational type sharing", model documentation).
pub(crate) async fn update_portfolio_share(
    em: &Emulator,
    cx: &RequestContext,
    input: UpdatePortfolioShareInput,
) -> Result<UpdatePortfolioShareOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let flags = (input.share_tag_options, input.share_principals);
    let stamp = OpStamp::new(em);
    let op = em
        .store
        .write(move |tx| {
            let addressed = Addressed::of(
                input.account_id.as_deref(),
                input.organization_node.as_ref(),
            )?;
            let portfolio = owned_portfolio(tx, &scope, &input.portfolio_id)?;
            let op = match addressed {
                Addressed::Account(account) => {
                    if flags.1 == Some(true) {
                        return Err(principals_only_for_nodes());
                    }
                    let target = ShareTarget::Account(
                        AccountId::parse(account)
                            .ok_or_else(|| share_not_found(portfolio.id.as_str(), account))?,
                    );
                    let mut op = stamp.op(OpAction::Update, &portfolio.id, &scope, target, None);
                    // Nothing fans out for an account share: the change is done when recorded.
                    op.status = OpStatus::Completed;
                    op.total = Some(0);
                    op
                }
                Addressed::Node(node) => {
                    let target = parse_node(node)?;
                    if flags.1 == Some(true) && matches!(target, ShareTarget::MemberAccount(_)) {
                        return Err(principals_only_for_nodes());
                    }
                    let org = org_admin(tx, &scope)?;
                    stamp.op(
                        OpAction::Update,
                        &portfolio.id,
                        &scope,
                        target,
                        Some(org.org_id),
                    )
                }
            };
            ensure_idle(tx, &portfolio.id)?;
            if tx.share(&portfolio.id, &op.target)?.is_none() {
                return Err(share_not_found(
                    portfolio.id.as_str(),
                    op.target.principal(),
                ));
            }
            tx.set_share_flags(&portfolio.id, &op.target, flags.0, flags.1)?;
            start_op(tx, &op)?;
            Ok(op)
        })
        .await?;
    if !op.status.is_terminal() {
        em.signal.notify();
    }
    Ok(UpdatePortfolioShareOutput {
        portfolio_share_token: Some(op.token.into()),
        status: ShareStatus::from_wire(op.status.as_str()),
    })
}

/// DeletePortfolioShare: an account share goes at once and answers no token; an
/// organization share is removed by an operation whose token stays describable afterwards.
pub(crate) async fn delete_portfolio_share(
    em: &Emulator,
    cx: &RequestContext,
    input: DeletePortfolioShareInput,
) -> Result<DeletePortfolioShareOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let stamp = OpStamp::new(em);
    let token = em
        .store
        .write(move |tx| {
            let addressed = Addressed::of(
                input.account_id.as_deref(),
                input.organization_node.as_ref(),
            )?;
            let portfolio = owned_portfolio(tx, &scope, &input.portfolio_id)?;
            let target = match addressed {
                Addressed::Account(account) => ShareTarget::Account(
                    AccountId::parse(account)
                        .ok_or_else(|| share_not_found(portfolio.id.as_str(), account))?,
                ),
                Addressed::Node(node) => parse_node(node)?,
            };
            if let ShareTarget::Account(_) = target {
                // Deleting an account share that does not exist "didn't seem to do anything"
                // (open-questions-resolved §3.4): no error.
                ensure_idle(tx, &portfolio.id)?;
                if tx.share(&portfolio.id, &target)?.is_some() {
                    tx.delete_share(&portfolio.id, &target)?;
                }
                return Ok(None);
            }
            let org = org_admin(tx, &scope)?;
            ensure_idle(tx, &portfolio.id)?;
            // A node that was never shared still gets a token, which completes with nothing
            // to do (open-questions-resolved §3.4: satisfies Terraform's wait and LZA's loop).
            if tx.share(&portfolio.id, &target)?.is_some() {
                tx.set_share_state(&portfolio.id, &target, ShareState::Deleting, None)?;
            }
            let op = stamp.op(
                OpAction::Delete,
                &portfolio.id,
                &scope,
                target,
                Some(org.org_id),
            );
            start_op(tx, &op)?;
            Ok(Some(op.token))
        })
        .await?;
    if token.is_some() {
        em.signal.notify();
    }
    Ok(DeletePortfolioShareOutput {
        portfolio_share_token: token.map(String::from),
    })
}

fn share_not_found(portfolio_id: &str, principal: &str) -> ServiceError {
    // DEVIATION(aws): the text for updating a share that does not exist is not public.
    ModeledError::ResourceNotFoundException.msg(format!(
        "Portfolio share not found: {portfolio_id} is not shared with {principal}"
    ))
}
