//! The access report (README "Access report"): for every portfolio of every account and
//! region, who sees it through which share, which principal names or patterns can launch
//! from it in which account, and a warning for every IAM_PATTERN association shared into
//! other accounts; and what every account has launched (its provisioned products, with the
//! portfolio each went through). Plain data; the server renders it as a table or JSON.
//!
//! Who a share reaches is asked of `catalog::audience`, the one home of that rule; whether
//! SCPs let a recipient accept or provision is asked of `scp`, as enforcement asks it.

use std::collections::BTreeSet;

use sclocal_api::ServiceError;
use serde::Serialize;

use sclocal_api::servicecatalog::PrincipalType;

use super::audience;
use crate::ids::{partition_of, AccountId};
use crate::policy::Decision;
use crate::scp::{governance, Documents, Governance};
use crate::store::{PortfolioRecord, PrincipalRecord, ReadTx};
use crate::Emulator;

/// Accounts listed per share and per launcher; the count says how many there are in all
/// (an organization may hold 100,000 accounts).
pub const ACCOUNT_CAP: usize = 1000;

/// The seed's note on CreatePortfolioShare, as the warning's explanation and advice.
pub const ESCALATION_ADVICE: &str = "A user in a recipient account who is not a Service \
     Catalog Admin, but still has the ability to create Principals (Users/Groups/Roles), could \
     create a role that matches a principal name association for the portfolio and launch its \
     products. Service Catalog recommends using PrincipalType as IAM: associate exact principal \
     ARNs instead of IAM_PATTERN, or share without SharePrincipals.";

/// The whole report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccessReport {
    /// Every portfolio, by region, owner and creation.
    pub portfolios: Vec<PortfolioAccess>,
    /// Every account's provisioned products, by region and account.
    pub provisioned: Vec<AccountLaunches>,
}

/// What one account launched in one region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccountLaunches {
    /// The account.
    pub account: String,
    /// Region.
    pub region: String,
    /// Its provisioned products, in launch order.
    pub products: Vec<Launched>,
}

/// One provisioned product.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Launched {
    /// `pp-…`.
    pub id: String,
    /// Its name.
    pub name: String,
    /// `AVAILABLE`, `UNDER_CHANGE`, `TAINTED`, `ERROR` or `PLAN_IN_PROGRESS`.
    pub status: String,
    /// The product launched (`prod-…`, the owner's id).
    pub product_id: String,
    /// The portfolio it was launched through, when known.
    pub portfolio_id: Option<String>,
    /// Its owner (UserArnSession).
    pub owner: String,
}

/// One portfolio's access.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PortfolioAccess {
    /// `port-…`.
    pub id: String,
    /// Region.
    pub region: String,
    /// Owner account.
    pub owner: String,
    /// DisplayName.
    pub name: String,
    /// Its shares, in creation order.
    pub shares: Vec<ShareAccess>,
    /// Who can launch from it, in which account.
    pub launchers: Vec<Launcher>,
    /// Escalation warnings, one per IAM_PATTERN association shared into other accounts.
    pub warnings: Vec<String>,
    /// Recipient accounts whose service control policies refuse what sharing is for
    /// (governance.md §6): `servicecatalog:AcceptPortfolioShare` (account shares) or
    /// `servicecatalog:ProvisionProduct`.
    pub blocked: Vec<Blocked>,
}

/// A recipient account that SCPs keep from using the portfolio.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Blocked {
    /// The account.
    pub account: String,
    /// The refused action.
    pub action: String,
    /// The denying policy's ARN; `None` when no SCP allows the action (implicit deny).
    pub policy: Option<String>,
}

/// One share and the accounts that see the portfolio through it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShareAccess {
    /// `ACCOUNT`, `ORGANIZATION`, `ORGANIZATIONAL_UNIT` or `ORGANIZATION_MEMBER_ACCOUNT`.
    pub kind: String,
    /// Account id, `o-…` or `ou-…`.
    pub principal: String,
    /// Account shares: `ACCEPTED` or `PENDING`. Organization shares: `ACTIVE`, `CREATING`,
    /// `DELETING`, or `FROZEN` while trusted access is off.
    pub status: String,
    /// ShareTagOptions.
    pub share_tag_options: bool,
    /// SharePrincipals.
    pub share_principals: bool,
    /// The accounts that see the portfolio through it now, at most [`ACCOUNT_CAP`].
    pub accounts: Vec<String>,
    /// How many accounts see it through this share.
    pub account_count: usize,
}

/// A principal name or pattern that can launch from the portfolio.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Launcher {
    /// PrincipalARN.
    pub principal: String,
    /// `IAM` or `IAM_PATTERN`.
    pub principal_type: String,
    /// `OWNER` (the owner's association), `RECIPIENT` (a recipient's own association on the
    /// import) or `SHARED` (the owner's IAM_PATTERN one, carried by SharePrincipals).
    pub source: String,
    /// The accounts in which it launches, at most [`ACCOUNT_CAP`].
    pub accounts: Vec<String>,
    /// How many accounts.
    pub account_count: usize,
}

/// Builds the report over the whole store, on one consistent snapshot.
///
/// # Errors
/// Store failures.
pub async fn access_report(em: &Emulator) -> Result<AccessReport, ServiceError> {
    let now = em.now();
    em.store
        .read(move |tx| {
            let documents = Documents::default();
            let mut portfolios = Vec::new();
            let mut cursor = None;
            loop {
                let page = tx.all_portfolios(cursor, 500)?;
                for p in page.items {
                    portfolios.push(portfolio_access(tx, p, &documents, now)?);
                }
                match page.next {
                    Some(next) => cursor = Some(next),
                    None => break,
                }
            }
            portfolios.sort_by(|a, b| (&a.region, &a.owner).cmp(&(&b.region, &b.owner)));
            Ok(AccessReport {
                portfolios,
                provisioned: launches(tx)?,
            })
        })
        .await
}

fn portfolio_access(
    tx: &dyn ReadTx,
    p: PortfolioRecord,
    documents: &Documents,
    now: i64,
) -> Result<PortfolioAccess, ServiceError> {
    let rejecters: BTreeSet<AccountId> = tx.org_rejecters(&p.id)?.into_iter().collect();
    // Account-share recipients must accept; every recipient provisions.
    let mut accepting: BTreeSet<AccountId> = BTreeSet::new();
    let mut shares = Vec::new();
    // Accounts reached through a share carrying SharePrincipals.
    let mut principal_audience: BTreeSet<AccountId> = BTreeSet::new();
    let mut recipients: BTreeSet<AccountId> = BTreeSet::new();
    for s in tx.portfolio_shares(&p.id)? {
        let (standing, audience) = audience::of_share(tx, &s, &rejecters)?;
        recipients.extend(audience.iter().cloned());
        // An account share's recipient must accept it, pending or not.
        if let crate::store::ShareTarget::Account(a) = &s.target {
            accepting.insert(a.clone());
        }
        if s.share_principals {
            principal_audience.extend(audience.iter().cloned());
        }
        shares.push(ShareAccess {
            kind: s.target.kind().as_str().to_string(),
            principal: s.target.principal().to_string(),
            status: standing.as_str().to_string(),
            share_tag_options: s.share_tag_options,
            share_principals: s.share_principals,
            account_count: audience.len(),
            accounts: capped(audience.iter()),
        });
    }
    let rows = tx.principals(&p.id)?;
    let (launchers, warnings) = launchers(&p, rows, &recipients, &principal_audience);
    let mut blocked = Vec::new();
    for account in recipients.union(&accepting) {
        let Governance::Governed(levels) = governance(tx, account, documents)? else {
            continue;
        };
        let product_space = format!(
            "arn:{}:catalog:{}:{}:product/*",
            partition_of(&p.region),
            p.region,
            p.owner
        );
        let mut asks = Vec::new();
        if recipients.contains(account) {
            asks.push(("servicecatalog:ProvisionProduct", product_space));
        }
        if accepting.contains(account) {
            asks.insert(0, ("servicecatalog:AcceptPortfolioShare", p.arn.clone()));
        }
        for (action, resource) in asks {
            let decision =
                levels.decide_for_root(account.as_str(), action, &resource, &p.region, now);
            if decision != Decision::Allow {
                blocked.push(Blocked {
                    account: account.to_string(),
                    action: action.into(),
                    policy: match decision {
                        Decision::ExplicitDeny { policy } => Some(policy),
                        _ => None,
                    },
                });
            }
        }
    }
    Ok(PortfolioAccess {
        id: p.id.to_string(),
        region: p.region,
        owner: p.owner.to_string(),
        name: p.display_name,
        shares,
        launchers,
        warnings,
        blocked,
    })
}

/// Every account's provisioned products, grouped by region and account.
fn launches(tx: &dyn ReadTx) -> Result<Vec<AccountLaunches>, ServiceError> {
    let mut by_account: std::collections::BTreeMap<(String, String), Vec<Launched>> =
        std::collections::BTreeMap::new();
    let mut cursor = None;
    loop {
        let page = tx.all_provisioned_products(cursor, 500)?;
        for p in page.items {
            by_account
                .entry((p.region.clone(), p.account.to_string()))
                .or_default()
                .push(Launched {
                    id: p.id.to_string(),
                    name: p.name,
                    status: p.status.as_str().to_string(),
                    product_id: p.product_id.to_string(),
                    portfolio_id: p.portfolio_id.map(|id| id.to_string()),
                    owner: p.user_arn_session,
                });
        }
        match page.next {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    Ok(by_account
        .into_iter()
        .map(|((region, account), products)| AccountLaunches {
            account,
            region,
            products,
        })
        .collect())
}

fn capped<'a>(accounts: impl Iterator<Item = &'a AccountId>) -> Vec<String> {
    accounts
        .take(ACCOUNT_CAP)
        .map(ToString::to_string)
        .collect()
}

/// Who launches from portfolio `p` given its associations, and the escalation warnings.
fn launchers(
    p: &PortfolioRecord,
    rows: Vec<PrincipalRecord>,
    recipients: &BTreeSet<AccountId>,
    principal_audience: &BTreeSet<AccountId>,
) -> (Vec<Launcher>, Vec<String>) {
    let mut out = Vec::new();
    let mut warnings = Vec::new();
    for r in rows {
        let shared = r.account == p.owner
            && r.principal_type == PrincipalType::IAM_PATTERN
            && !principal_audience.is_empty();
        if r.account == p.owner {
            out.push(one(&r, "OWNER", &r.account));
        } else if recipients.contains(&r.account) {
            // A recipient's own association counts only while it still imports the portfolio.
            out.push(one(&r, "RECIPIENT", &r.account));
        }
        if shared {
            out.push(Launcher {
                principal: r.arn.clone(),
                principal_type: r.principal_type.as_str().to_string(),
                source: "SHARED".into(),
                accounts: capped(principal_audience.iter()),
                account_count: principal_audience.len(),
            });
            warnings.push(format!(
                "WARNING: IAM_PATTERN principal {} of portfolio {} (owner {}) is shared by \
                 SharePrincipals into {} other account(s); any role or user whose name matches \
                 it there can launch products. {ESCALATION_ADVICE}",
                r.arn,
                p.id,
                p.owner,
                principal_audience.len()
            ));
        }
    }
    (out, warnings)
}

fn one(r: &PrincipalRecord, source: &str, account: &AccountId) -> Launcher {
    Launcher {
        principal: r.arn.clone(),
        principal_type: r.principal_type.as_str().to_string(),
        source: source.into(),
        accounts: vec![account.to_string()],
        account_count: 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn acct(s: &str) -> AccountId {
        AccountId::parse(s).unwrap()
    }

    fn rec(account: &str, arn: &str, kind: &str) -> PrincipalRecord {
        PrincipalRecord {
            portfolio_id: crate::ids::PortfolioId::parse("port-a").unwrap(),
            account: acct(account),
            arn: arn.into(),
            principal_type: PrincipalType::from_wire(kind).unwrap(),
        }
    }

    fn portfolio() -> PortfolioRecord {
        PortfolioRecord {
            id: crate::ids::PortfolioId::parse("port-a").unwrap(),
            owner: acct("111111111111"),
            region: "us-east-1".into(),
            arn: "arn".into(),
            display_name: "P".into(),
            description: None,
            provider_name: "Q".into(),
            created_ms: 0,
            tags: vec![],
            idempotency_token: None,
        }
    }

    fn rows() -> Vec<PrincipalRecord> {
        vec![
            rec("111111111111", "arn:aws:iam:::role/Dev*", "IAM_PATTERN"),
            rec("111111111111", "arn:aws:iam::111111111111:role/A", "IAM"),
            rec("222222222222", "arn:aws:iam::222222222222:role/B", "IAM"),
            rec("333333333333", "arn:aws:iam::333333333333:role/C", "IAM"),
        ]
    }

    #[test]
    fn a_pattern_shared_by_share_principals_is_a_warning() {
        let recipients: BTreeSet<_> = [acct("222222222222")].into();
        let (launchers, warnings) = launchers(&portfolio(), rows(), &recipients, &recipients);
        let seen: Vec<_> = launchers
            .iter()
            .map(|l| (l.principal.as_str(), l.source.as_str()))
            .collect();
        assert_eq!(
            seen,
            [
                ("arn:aws:iam:::role/Dev*", "OWNER"),
                ("arn:aws:iam:::role/Dev*", "SHARED"),
                ("arn:aws:iam::111111111111:role/A", "OWNER"),
                ("arn:aws:iam::222222222222:role/B", "RECIPIENT"),
            ],
            "a former recipient's association no longer launches"
        );
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].contains("into 1 other account(s)"));
        assert!(warnings[0].ends_with(ESCALATION_ADVICE));
    }

    #[test]
    fn listed_accounts_are_capped_and_counted_apart() {
        let many: BTreeSet<AccountId> = (0..1500_u64)
            .map(|i| acct(&format!("{:012}", 100_000_000_000 + i)))
            .collect();
        let listed = capped(many.iter());
        assert_eq!((listed.len(), many.len()), (ACCOUNT_CAP, 1500));
        assert_eq!(listed[0], "100000000000");
    }

    #[test]
    fn without_share_principals_there_is_no_warning() {
        let recipients: BTreeSet<_> = [acct("222222222222")].into();
        let (launchers, warnings) = launchers(&portfolio(), rows(), &recipients, &BTreeSet::new());
        assert!(warnings.is_empty());
        assert!(launchers.iter().all(|l| l.source != "SHARED"));
    }
}
