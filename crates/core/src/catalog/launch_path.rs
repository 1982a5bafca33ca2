//! Launch paths: the one home of "who may launch what, through which portfolio"
//! (provisioning.md §4; aws-behavior.md §7). A product is launchable by a principal only
//! through a portfolio holding it that the caller's account reaches (owned, an accepted account
//! share, an organization share — asked of `access`, which asks `audience`) and whose
//! effective principal associations name the principal (by ARN — an assumed-role session
//! counts as its role — or through an IAM_PATTERN, the owner's only with SharePrincipals).
//! The end user's catalog (SearchProducts, DescribeProduct, ListLaunchPaths) and every
//! provisioning operation ask here.
//!
//! Path ids are `lpv3-…` ([`LaunchPathId::of`]), derived from the portfolio and the product.

use sclocal_api::servicecatalog::ModeledError;
use sclocal_api::ServiceError;

use super::access::{is_live, live_links, reachable_portfolios, visible_portfolio, Visible};
use super::{principal, principal_arn};
use crate::ids::{LaunchPathId, PortfolioId, ProductId, Scope};
use crate::store::{ProductRecord, ReadTx};

/// One path through which the caller may launch a product.
#[derive(Debug, Clone)]
pub(crate) struct LaunchPath {
    /// Its id.
    pub id: LaunchPathId,
    /// The portfolio, and how the caller reaches it.
    pub visible: Visible,
}

impl LaunchPath {
    /// The path's name: the portfolio's display name (puppet passes it as PathName).
    pub fn name(&self) -> &str {
        &self.visible.portfolio.display_name
    }
}

/// A product the caller may launch, with its paths.
#[derive(Debug, Clone)]
pub(crate) struct Launchable {
    /// The product.
    pub product: ProductRecord,
    /// The paths, at least one.
    pub paths: Vec<LaunchPath>,
}

/// `No launch paths found for resource: <prod-id>` (observed: AFT-33, aws-cdk #8404).
pub(crate) fn no_launch_paths(product_id: &str) -> ServiceError {
    ModeledError::ResourceNotFoundException
        .msg(format!("No launch paths found for resource: {product_id}"))
}

/// Whether the principal is associated with a portfolio the caller reaches.
fn launches_from(
    tx: &dyn ReadTx,
    scope: &Scope,
    principal_arn: &str,
    visible: &Visible,
) -> Result<bool, ServiceError> {
    let principals = principal::effective(tx, scope, visible)?;
    Ok(principal_arn::allows(&principals, principal_arn))
}

/// Every product the principal may launch, each with its paths, in the order of the
/// portfolios and of the products within them.
pub(crate) fn launchable(
    tx: &dyn ReadTx,
    scope: &Scope,
    principal_arn: &str,
) -> Result<Vec<Launchable>, ServiceError> {
    let mut out: Vec<Launchable> = Vec::new();
    let mut seen = Vec::new();
    for visible in reachable_portfolios(tx, scope)? {
        // A portfolio reached through several shares is one launch path.
        if seen.contains(&visible.portfolio.id) {
            continue;
        }
        seen.push(visible.portfolio.id.clone());
        if !launches_from(tx, scope, principal_arn, &visible)? {
            continue;
        }
        for link in live_links(tx, scope, &visible.portfolio)? {
            let path = LaunchPath {
                id: LaunchPathId::of(&visible.portfolio.id, &link.product_id),
                visible: visible.clone(),
            };
            if let Some(entry) = out.iter_mut().find(|l| l.product.id == link.product_id) {
                entry.paths.push(path);
            } else if let Some(product) = tx.product(&scope.region, &link.product_id)? {
                out.push(Launchable {
                    product,
                    paths: vec![path],
                });
            }
        }
    }
    Ok(out)
}

/// The paths through which the principal may launch `product`, in the order the product was
/// added to their portfolios. Empty when it may not launch it.
pub(crate) fn paths_to(
    tx: &dyn ReadTx,
    scope: &Scope,
    principal_arn: &str,
    product: &ProductRecord,
) -> Result<Vec<LaunchPath>, ServiceError> {
    let mut out: Vec<LaunchPath> = Vec::new();
    for link in tx.product_links(&product.id)? {
        if out
            .iter()
            .any(|p| p.visible.portfolio.id == link.portfolio_id)
        {
            continue;
        }
        let Ok(visible) = visible_portfolio(tx, scope, link.portfolio_id.as_str()) else {
            continue;
        };
        if !launches_from(tx, scope, principal_arn, &visible)? {
            continue;
        }
        if is_live(tx, scope, &link) {
            out.push(LaunchPath {
                id: LaunchPathId::of(&visible.portfolio.id, &product.id),
                visible,
            });
        }
    }
    Ok(out)
}

/// The portfolio a path goes through, while it still holds the product.
pub(crate) fn portfolio_of(
    tx: &dyn ReadTx,
    product: &ProductId,
    path: &LaunchPathId,
) -> Result<Option<PortfolioId>, ServiceError> {
    Ok(tx
        .product_links(product)?
        .into_iter()
        .map(|l| l.portfolio_id)
        .find(|p| LaunchPathId::of(p, product) == *path))
}

/// The path a request names: `PathId` (one of the caller's paths for the product), else
/// `PathName` (a portfolio's display name), else the only path (provisioning.md §4).
pub(crate) fn choose(
    paths: Vec<LaunchPath>,
    product_id: &str,
    path_id: Option<&str>,
    path_name: Option<&str>,
) -> Result<LaunchPath, ServiceError> {
    if paths.is_empty() {
        return Err(no_launch_paths(product_id));
    }
    let invalid = |m: String| ModeledError::InvalidParametersException.msg(m);
    match (path_id, path_name) {
        (Some(_), Some(_)) => Err(invalid(
            "Specify either PathId or PathName, not both.".into(),
        )),
        // DEVIATION(aws): the texts for a path that is not the caller's are ours.
        (Some(id), None) => paths.into_iter().find(|p| p.id == *id).ok_or_else(|| {
            invalid(format!(
                "Launch path {id} is not a launch path of product {product_id} for the caller."
            ))
        }),
        (None, Some(name)) => {
            let mut named: Vec<LaunchPath> =
                paths.into_iter().filter(|p| p.name() == name).collect();
            match named.len() {
                0 => Err(invalid(format!(
                    "No launch path named {name} for product {product_id}."
                ))),
                1 => Ok(named.remove(0)),
                _ => Err(more_than_one()),
            }
        }
        (None, None) if paths.len() == 1 => Ok(paths
            .into_iter()
            .next()
            .unwrap_or_else(|| unreachable!("one path was just counted"))),
        (None, None) => Err(more_than_one()),
    }
}

/// Observed (IDEALO PR 48): two paths and neither PathId nor PathName.
fn more_than_one() -> ServiceError {
    ModeledError::InvalidParametersException
        .msg("More than one launch path ids exist. Please specify the launch path id")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::access::Reach;
    use crate::ids::AccountId;
    use crate::store::PortfolioRecord;

    fn path(portfolio: &str, name: &str) -> LaunchPath {
        let id = PortfolioId::parse(portfolio).unwrap();
        LaunchPath {
            id: LaunchPathId::of(&id, &ProductId::parse("prod-a").unwrap()),
            visible: Visible {
                portfolio: PortfolioRecord {
                    id,
                    owner: AccountId::parse("111111111111").unwrap(),
                    region: "us-east-1".into(),
                    arn: "arn".into(),
                    display_name: name.into(),
                    description: None,
                    provider_name: "p".into(),
                    created_ms: 0,
                    tags: Vec::new(),
                    idempotency_token: None,
                },
                reach: Reach::Owner,
            },
        }
    }

    fn code(r: Result<LaunchPath, ServiceError>) -> String {
        r.err()
            .and_then(|e| e.code().map(str::to_string))
            .unwrap_or_default()
    }

    #[test]
    fn a_path_is_chosen_by_id_by_name_or_as_the_only_one() {
        let two = || vec![path("port-a", "A"), path("port-b", "B")];
        let b = two()[1].id.clone();
        assert_eq!(
            choose(two(), "prod-a", Some(b.as_str()), None).unwrap().id,
            b
        );
        assert_eq!(
            choose(two(), "prod-a", None, Some("A")).unwrap().name(),
            "A"
        );
        let only = choose(vec![path("port-a", "A")], "prod-a", None, None).unwrap();
        assert_eq!(only.name(), "A");
        let err = choose(two(), "prod-a", None, None).unwrap_err();
        assert_eq!(
            err.message(),
            Some("More than one launch path ids exist. Please specify the launch path id")
        );
        assert_eq!(
            code(choose(two(), "prod-a", Some("port-a"), None)),
            "InvalidParametersException"
        );
        assert_eq!(
            code(choose(Vec::new(), "prod-a", None, None)),
            "ResourceNotFoundException"
        );
        assert_eq!(
            code(choose(two(), "prod-a", Some(b.as_str()), Some("B"))),
            "InvalidParametersException"
        );
    }
}
