//! UpdatePortfolioShare and DeletePortfolioShare (aws-behavior.md §5.2, §5.3).

use sclocal_api::servicecatalog::{
    DeletePortfolioShareInput, DeletePortfolioShareOutput, ModeledError, ShareStatus,
    UpdatePortfolioShareInput, UpdatePortfolioShareOutput,
};
use sclocal_api::{RequestContext, ServiceError};

use super::create::principals_only_for_nodes;
use super::{new_op, one_target, org_admin, parse_node, perform, Node, Target};
use crate::catalog::access::owned_portfolio;
use crate::ids::{AccountId, Scope};
use crate::store::{OpAction, OpStatus, ShareAction, ShareActionOutcome, ShareKind};
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
    let target = one_target(
        input.account_id.as_deref(),
        input.organization_node.as_ref(),
    )?;
    let portfolio = owned_portfolio(em, &scope, &input.portfolio_id).await?;
    let flags = (input.share_tag_options, input.share_principals);
    let (op, action) = match target {
        Target::Account(account) => {
            if flags.1 == Some(true) {
                return Err(principals_only_for_nodes());
            }
            let mut op = new_op(
                em,
                OpAction::Update,
                &portfolio.id,
                &scope,
                ShareKind::Account,
                account,
                None,
            );
            // Nothing fans out for an account share: the change is done when it is recorded.
            op.status = OpStatus::Completed;
            op.total = Some(0);
            (op.clone(), ShareAction::UpdateAccountShare { op, flags })
        }
        Target::Node(node) => {
            let node = parse_node(node)?;
            if flags.1 == Some(true) && node.kind == ShareKind::OrganizationMemberAccount {
                return Err(principals_only_for_nodes());
            }
            let org = org_admin(em, &scope).await?;
            let op = new_op(
                em,
                OpAction::Update,
                &portfolio.id,
                &scope,
                node.kind,
                &node.id,
                Some(&org.org_id),
            );
            (
                op.clone(),
                ShareAction::StartOp {
                    op,
                    share: None,
                    flags,
                },
            )
        }
    };
    if perform(em, action).await? == ShareActionOutcome::NotFound {
        return Err(share_not_found(&portfolio.id, &op.principal));
    }
    Ok(UpdatePortfolioShareOutput {
        portfolio_share_token: Some(op.token),
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
    let target = one_target(
        input.account_id.as_deref(),
        input.organization_node.as_ref(),
    )?;
    let portfolio = owned_portfolio(em, &scope, &input.portfolio_id).await?;
    match target {
        Target::Account(account) => {
            let account =
                AccountId::parse(account).ok_or_else(|| share_not_found(&portfolio.id, account))?;
            // Deleting an account share that does not exist "didn't seem to do anything"
            // (open-questions-resolved §3.4): no error.
            let action = ShareAction::DeleteAccountShare {
                portfolio_id: portfolio.id.clone(),
                account,
            };
            perform(em, action).await?;
            Ok(DeletePortfolioShareOutput {
                portfolio_share_token: None,
            })
        }
        Target::Node(node) => {
            let node = parse_node(node)?;
            let org = org_admin(em, &scope).await?;
            delete_node_share(em, &scope, &portfolio.id, &node, &org.org_id).await
        }
    }
}

async fn delete_node_share(
    em: &Emulator,
    scope: &Scope,
    portfolio_id: &str,
    node: &Node,
    org_id: &str,
) -> Result<DeletePortfolioShareOutput, ServiceError> {
    // A node that was never shared still gets a token, which completes with nothing to do
    // (open-questions-resolved §3.4: satisfies Terraform's wait and LZA's loop).
    let op = new_op(
        em,
        OpAction::Delete,
        portfolio_id,
        scope,
        node.kind,
        &node.id,
        Some(org_id),
    );
    let token = op.token.clone();
    perform(
        em,
        ShareAction::StartOp {
            op,
            share: None,
            flags: (None, None),
        },
    )
    .await?;
    Ok(DeletePortfolioShareOutput {
        portfolio_share_token: Some(token),
    })
}

fn share_not_found(portfolio_id: &str, principal: &str) -> ServiceError {
    // DEVIATION(aws): the text for updating a share that does not exist is not public.
    ModeledError::ResourceNotFoundException.msg(format!(
        "Portfolio share not found: {portfolio_id} is not shared with {principal}"
    ))
}
