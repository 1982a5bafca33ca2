//! Principal associations: Associate, Disassociate and ListPrincipalsForPortfolio, and who
//! they let launch (aws-behavior.md §7.1, §7.3–7.5;
//! https://docs.aws.amazon.com/servicecatalog/latest/dg/API_AssociatePrincipalWithPortfolio.html).
//!
//! Each association belongs to the account that made it: the owner's are the portfolio's
//! own; a recipient's on an imported portfolio are visible and effective for it alone. With
//! SharePrincipals, the owner's IAM_PATTERN associations (never its IAM ones) also apply in
//! recipient accounts.

use sclocal_api::servicecatalog::{
    AssociatePrincipalWithPortfolioInput, AssociatePrincipalWithPortfolioOutput,
    DisassociatePrincipalFromPortfolioInput, DisassociatePrincipalFromPortfolioOutput,
    ListPrincipalsForPortfolioInput, ListPrincipalsForPortfolioOutput, ModeledError, Principal,
    PrincipalType,
};
use sclocal_api::{RequestContext, ServiceError};

use super::access::{visible_portfolio, Visible};
use super::principal_arn::check_arn;
use crate::ids::{AccountId, Scope};
use crate::page::Api;
use crate::store::{Lock, PrincipalRecord, ReadTx};
use crate::Emulator;

/// IAM_PATTERN associations per portfolio (API_AssociatePrincipalWithPortfolio: "up to 10").
const MAX_PATTERNS: usize = 10;

/// AssociatePrincipalWithPortfolio. Owners and importing recipients may both associate
/// (§3.3, LZA-PROP, NUKE-801); re-associating the identical principal is a no-op
/// (open-questions-resolved.md §3.1).
pub(crate) async fn associate_principal_with_portfolio(
    em: &Emulator,
    cx: &RequestContext,
    input: AssociatePrincipalWithPortfolioInput,
) -> Result<AssociatePrincipalWithPortfolioOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    em.store
        .write(move |tx| {
            let visible = visible_portfolio(tx, &scope, &input.portfolio_id)?;
            check_arn(&scope, &input.principal_arn, input.principal_type)?;
            tx.lock(Lock::Portfolio(&visible.portfolio.id))?;
            let existing = tx.principals(&visible.portfolio.id)?;
            let own: Vec<&PrincipalRecord> = existing
                .iter()
                .filter(|p| p.account == scope.account)
                .collect();
            if own.iter().any(|p| p.arn == input.principal_arn) {
                return Ok(AssociatePrincipalWithPortfolioOutput {});
            }
            let patterns = own
                .iter()
                .filter(|p| p.principal_type == PrincipalType::IAM_PATTERN)
                .count();
            if input.principal_type == PrincipalType::IAM_PATTERN && patterns >= MAX_PATTERNS {
                // DEVIATION(aws): the text is ours; the limit is documented.
                return Err(ModeledError::LimitExceededException.msg(format!(
                    "A portfolio can have at most {MAX_PATTERNS} principals of type IAM_PATTERN."
                )));
            }
            tx.insert_principal(&PrincipalRecord {
                portfolio_id: visible.portfolio.id,
                account: scope.account,
                arn: input.principal_arn,
                principal_type: input.principal_type,
            })?;
            Ok(AssociatePrincipalWithPortfolioOutput {})
        })
        .await
}

/// DisassociatePrincipalFromPortfolio: an account removes its own association; PrincipalType,
/// when given, must be the association's (API reference).
pub(crate) async fn disassociate_principal_from_portfolio(
    em: &Emulator,
    cx: &RequestContext,
    input: DisassociatePrincipalFromPortfolioInput,
) -> Result<DisassociatePrincipalFromPortfolioOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    em.store
        .write(move |tx| {
            let visible = visible_portfolio(tx, &scope, &input.portfolio_id)?;
            let own = tx
                .principals(&visible.portfolio.id)?
                .into_iter()
                .find(|p| p.account == scope.account && p.arn == input.principal_arn)
                .ok_or_else(|| {
                    ModeledError::ResourceNotFoundException.msg(format!(
                        "Principal {} is not associated with portfolio {}",
                        input.principal_arn, visible.portfolio.id
                    ))
                })?;
            if let Some(t) = input.principal_type {
                if t != own.principal_type {
                    return Err(ModeledError::InvalidParametersException.msg(format!(
                        "Principal {} is associated with PrincipalType {}, not {t}",
                        own.arn, own.principal_type
                    )));
                }
            }
            tx.delete_principal(&own.portfolio_id, &scope.account, &own.arn)?;
            Ok(DisassociatePrincipalFromPortfolioOutput {})
        })
        .await
}

/// ListPrincipalsForPortfolio: the associations that count for the caller.
pub(crate) async fn list_principals_for_portfolio(
    em: &Emulator,
    cx: &RequestContext,
    input: ListPrincipalsForPortfolioInput,
) -> Result<ListPrincipalsForPortfolioOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let size = Api::Catalog.size(input.page_size);
    em.store
        .read(move |tx| {
            let visible = visible_portfolio(tx, &scope, &input.portfolio_id)?;
            let principals = effective(tx, &scope, &visible)?;
            let (page, next) = Api::Catalog.slice(
                principals,
                "ListPrincipalsForPortfolio",
                input.page_token.as_deref(),
                size,
            )?;
            Ok(ListPrincipalsForPortfolioOutput {
                principals: Some(
                    page.into_iter()
                        .map(|p| Principal {
                            principal_type: Some(p.principal_type),
                            principal_arn: Some(p.arn),
                        })
                        .collect(),
                ),
                next_page_token: next,
            })
        })
        .await
}

/// The associations that count for the caller in `scope` on a portfolio it reaches.
pub(crate) fn effective(
    tx: &dyn ReadTx,
    scope: &Scope,
    visible: &Visible,
) -> Result<Vec<PrincipalRecord>, ServiceError> {
    let rows = tx.principals(&visible.portfolio.id)?;
    Ok(effective_of(rows, &scope.account, visible))
}

/// Of a portfolio's associations, those that count for `caller`: its own, plus the owner's
/// IAM_PATTERN ones when the caller imported the portfolio through a share that carries
/// principals (§7.1). The owner's IAM associations never reach recipients (AG-IMPORT).
fn effective_of(
    rows: Vec<PrincipalRecord>,
    caller: &AccountId,
    visible: &Visible,
) -> Vec<PrincipalRecord> {
    let shared = visible.shares_principals();
    let owner = &visible.portfolio.owner;
    rows.into_iter()
        .filter(|p| {
            p.account == *caller
                || (shared && p.account == *owner && p.principal_type == PrincipalType::IAM_PATTERN)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::principal_arn::allows;

    fn rec(arn: &str, kind: &str) -> PrincipalRecord {
        PrincipalRecord {
            portfolio_id: crate::ids::PortfolioId::parse("port-a").unwrap(),
            account: AccountId::parse("222222222222").unwrap(),
            arn: arn.into(),
            principal_type: PrincipalType::from_wire(kind).unwrap(),
        }
    }

    fn portfolio(owner: &str) -> crate::store::PortfolioRecord {
        crate::store::PortfolioRecord {
            id: crate::ids::PortfolioId::parse("port-a").unwrap(),
            owner: AccountId::parse(owner).unwrap(),
            region: "us-east-1".into(),
            arn: format!("arn:aws:catalog:us-east-1:{owner}:portfolio/port-a"),
            display_name: "P".into(),
            description: None,
            provider_name: "Q".into(),
            created_ms: 0,
            tags: Vec::new(),
            idempotency_token: None,
        }
    }

    fn imported(share_principals: bool) -> Visible {
        Visible {
            portfolio: portfolio("111111111111"),
            reach: super::super::access::Reach::Imported(super::super::access::Import {
                via_organization: true,
                share_tag_options: false,
                share_principals,
            }),
        }
    }

    fn by(account: &str, arn: &str, kind: &str) -> PrincipalRecord {
        PrincipalRecord {
            account: AccountId::parse(account).unwrap(),
            ..rec(arn, kind)
        }
    }

    /// The owner (111…) associated a pattern and an IAM role; the recipient (222…) its own
    /// role; a third account (333…) imported the same portfolio.
    fn rows() -> Vec<PrincipalRecord> {
        vec![
            by("111111111111", "arn:aws:iam:::role/Dev*", "IAM_PATTERN"),
            by(
                "111111111111",
                "arn:aws:iam::111111111111:role/Admin",
                "IAM",
            ),
            by("222222222222", "arn:aws:iam::222222222222:role/Ops", "IAM"),
        ]
    }

    #[test]
    fn shared_principals_carry_only_the_owners_patterns() {
        let recipient = AccountId::parse("222222222222").unwrap();
        let arns = |v: Vec<PrincipalRecord>| v.into_iter().map(|p| p.arn).collect::<Vec<_>>();
        assert_eq!(
            arns(effective_of(rows(), &recipient, &imported(true))),
            vec![
                "arn:aws:iam:::role/Dev*",
                "arn:aws:iam::222222222222:role/Ops"
            ]
        );
        assert_eq!(
            arns(effective_of(rows(), &recipient, &imported(false))),
            vec!["arn:aws:iam::222222222222:role/Ops"]
        );
        // A recipient's own associations are invisible to every other account.
        let third = AccountId::parse("333333333333").unwrap();
        assert_eq!(
            arns(effective_of(rows(), &third, &imported(true))),
            vec!["arn:aws:iam:::role/Dev*"]
        );
        let owner = Visible {
            portfolio: portfolio("111111111111"),
            reach: super::super::access::Reach::Owner,
        };
        let owner_id = AccountId::parse("111111111111").unwrap();
        assert_eq!(
            arns(effective_of(rows(), &owner_id, &owner)),
            vec![
                "arn:aws:iam:::role/Dev*",
                "arn:aws:iam::111111111111:role/Admin"
            ]
        );
    }

    #[test]
    fn a_recipient_session_launches_through_a_shared_pattern_only_when_shared() {
        let recipient = AccountId::parse("222222222222").unwrap();
        let dev = "arn:aws:sts::222222222222:assumed-role/Developer/s1";
        assert!(allows(
            &effective_of(rows(), &recipient, &imported(true)),
            dev
        ));
        assert!(!allows(
            &effective_of(rows(), &recipient, &imported(false)),
            dev
        ));
        let ops = "arn:aws:sts::222222222222:assumed-role/Ops/s1";
        assert!(allows(
            &effective_of(rows(), &recipient, &imported(false)),
            ops
        ));
        // The owner's IAM role association means nothing in the recipient account.
        let admin = "arn:aws:sts::222222222222:assumed-role/Admin/s1";
        assert!(!allows(
            &effective_of(rows(), &recipient, &imported(true)),
            admin
        ));
    }
}
