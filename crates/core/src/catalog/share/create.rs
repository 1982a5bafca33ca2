//! CreatePortfolioShare: every sentence of the API reference
//! (shared/seed/create_portfolio_share.txt) and aws-behavior.md §5.1.

use sclocal_api::servicecatalog::{
    CreatePortfolioShareInput, CreatePortfolioShareOutput, ModeledError,
};
use sclocal_api::{RequestContext, ServiceError};

use super::{
    new_op, one_target, org_admin, parse_node, perform, require_in_org, require_org_access, Target,
};
use crate::catalog::access::owned_portfolio;
use crate::catalog::product::contains_shared_product;
use crate::ids::Scope;
use crate::store::{
    OpAction, PortfolioRecord, ShareAction, ShareActionOutcome, ShareKind, ShareRecord, ShareState,
};
use crate::Emulator;

/// CreatePortfolioShare.
pub(crate) async fn create_portfolio_share(
    em: &Emulator,
    cx: &RequestContext,
    input: CreatePortfolioShareInput,
) -> Result<CreatePortfolioShareOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let target = one_target(
        input.account_id.as_deref(),
        input.organization_node.as_ref(),
    )?;
    // "You can't share a shared resource": a recipient does not own an imported portfolio, so
    // it is not found among the caller's own (the code real clients saw, puppet #595).
    let portfolio = owned_portfolio(em, &scope, &input.portfolio_id).await?;
    // "…including portfolios that contain a shared product."
    if contains_shared_product(em, &portfolio).await? {
        // DEVIATION(aws): the code and text are not public; the sentence is the API reference's.
        return Err(ModeledError::InvalidParametersException.msg(
            "You can't share a shared resource, including portfolios that contain a shared product.",
        ));
    }
    let flags = (
        input.share_tag_options.unwrap_or(false),
        input.share_principals.unwrap_or(false),
    );
    match target {
        Target::Account(account) => {
            share_with_account(em, &scope, &portfolio, account, flags).await
        }
        Target::Node(node) => {
            let node = parse_node(node)?;
            if flags.1 && node.kind == ShareKind::OrganizationMemberAccount {
                return Err(principals_only_for_nodes());
            }
            let org = org_admin(em, &scope).await?;
            require_org_access(em, &org).await?;
            require_in_org(em, &org, &node).await?;
            if node.id == scope.account.as_str() {
                return Err(self_share());
            }
            let share = share_record(
                &scope,
                &portfolio,
                node.kind,
                &node.id,
                Some(&org.org_id),
                flags,
                em,
            );
            let op = new_op(
                em,
                OpAction::Create,
                &portfolio.id,
                &scope,
                node.kind,
                &node.id,
                Some(&org.org_id),
            );
            let token = op.token.clone();
            perform(
                em,
                ShareAction::StartOp {
                    op,
                    share: Some(share),
                    flags: (None, None),
                },
            )
            .await?;
            Ok(CreatePortfolioShareOutput {
                portfolio_share_token: Some(token),
            })
        }
    }
}

/// An account share: no token; the recipient must accept it. A repeat is a no-op ("If the
/// portfolio share with the specified account or organization node already exists, this
/// action will have no effect and will not return an error").
async fn share_with_account(
    em: &Emulator,
    scope: &Scope,
    portfolio: &PortfolioRecord,
    account: &str,
    flags: (bool, bool),
) -> Result<CreatePortfolioShareOutput, ServiceError> {
    // SharePrincipals "is only supported for portfolios with an OrganizationalNode Type of
    // ORGANIZATION or ORGANIZATIONAL_UNIT"; `false` is accepted (Terraform always sends it).
    if flags.1 {
        return Err(principals_only_for_nodes());
    }
    if account == scope.account.as_str() {
        return Err(self_share());
    }
    let share = share_record(
        scope,
        portfolio,
        ShareKind::Account,
        account,
        None,
        flags,
        em,
    );
    let action = ShareAction::CreateAccountShare {
        share,
        limit: em.settings.account_share_limit,
    };
    if perform(em, action).await? == ShareActionOutcome::LimitReached {
        return Err(ModeledError::LimitExceededException.msg(format!(
            "Portfolio {} has reached the limit of {} shared accounts.",
            portfolio.id, em.settings.account_share_limit
        )));
    }
    Ok(CreatePortfolioShareOutput {
        portfolio_share_token: None,
    })
}

fn share_record(
    scope: &Scope,
    portfolio: &PortfolioRecord,
    kind: ShareKind,
    principal: &str,
    org_id: Option<&str>,
    (share_tag_options, share_principals): (bool, bool),
    em: &Emulator,
) -> ShareRecord {
    ShareRecord {
        seq: 0,
        portfolio_id: portfolio.id.clone(),
        region: scope.region.clone(),
        owner: scope.account.clone(),
        kind,
        principal: principal.to_string(),
        org_id: org_id.map(str::to_string),
        // "Accepted is always true for organization-node shares"; account shares wait for
        // AcceptPortfolioShare.
        accepted: kind.is_organization(),
        share_tag_options,
        share_principals,
        state: if kind.is_organization() {
            ShareState::Creating
        } else {
            ShareState::Active
        },
        fanout_token: None,
        created_ms: em.clock.now_millis(),
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
