//! The access report (README "Access report"): for every portfolio of every account and
//! region, who sees it through which share, which principal names or patterns can launch
//! from it in which account, and a warning for every IAM_PATTERN association shared into
//! other accounts; and what every account has launched (its provisioned products, with the
//! portfolio each went through). Plain data; the server renders it as a table or JSON.
//!
//! Who a share reaches is asked of `catalog::audience`, the one home of that rule; whether
//! SCPs let a recipient accept or provision is asked of `scp`, as enforcement asks it.

use std::collections::{BTreeSet, HashMap};

use sclocal_api::ServiceError;
use serde::Serialize;

use sclocal_api::servicecatalog::PrincipalType;

use super::audience;
use crate::ids::{partition_of, AccountId};
use crate::policy::Decision;
use crate::scp::{governance, Documents, Governance};
use crate::store::{PortfolioRecord, PrincipalRecord, ReadTx};
use crate::Emulator;

mod launches;

use launches::launches;
pub use launches::{AccountLaunches, Launched};

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
            let mut scp = ScpCheck {
                documents: Documents::default(),
                now,
                governance: HashMap::new(),
            };
            let mut portfolios = Vec::new();
            let mut cursor = None;
            loop {
                let page = tx.all_portfolios(cursor, 500)?;
                for p in page.items {
                    portfolios.push(portfolio_access(tx, p, Some(&mut scp))?);
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

/// What asking SCPs about a report's recipients needs: the compiled documents, the time, and
/// each account's governance, read once for the whole report (an account that receives many
/// portfolios is asked about in each: 20,000 accounts sharing five portfolios read it 100,000
/// times).
#[derive(Debug)]
pub struct ScpCheck {
    documents: Documents,
    now: i64,
    governance: HashMap<AccountId, Governance>,
}

/// One portfolio's entry of the report (the operator's console shows it per portfolio).
/// `scp` (the report's [`ScpCheck`]) asks whether SCPs block each recipient; the console
/// leaves it out, as it costs a policy evaluation per recipient and a page of a
/// 100,000-account organization must stay fast.
///
/// # Errors
/// Store failures.
pub fn portfolio_access(
    tx: &dyn ReadTx,
    p: PortfolioRecord,
    scp: Option<&mut ScpCheck>,
) -> Result<PortfolioAccess, ServiceError> {
    let a = audiences(tx, &p)?;
    let rows = tx.principals(&p.id)?;
    let (launchers, warnings) = launchers(&p, rows, &a.recipients, &a.principal_audience);
    let blocked = match scp {
        Some(check) => blocked(tx, &p, &a, check)?,
        None => Vec::new(),
    };
    Ok(PortfolioAccess {
        id: p.id.to_string(),
        region: p.region,
        owner: p.owner.to_string(),
        name: p.display_name,
        shares: a.shares,
        launchers,
        warnings,
        blocked,
    })
}

/// The report's launchers of portfolio `p` that launch in `account` (the access report per
/// account), each listing just that account.
///
/// # Errors
/// Store failures.
pub fn launchers_in(
    tx: &dyn ReadTx,
    p: &PortfolioRecord,
    account: &AccountId,
) -> Result<Vec<Launcher>, ServiceError> {
    let a = audiences(tx, p)?;
    let rows = tx.principals(&p.id)?;
    let (all, _) = launchers(p, rows, &a.recipients, &a.principal_audience);
    let here = account.to_string();
    Ok(all
        .into_iter()
        .filter(|l| {
            if l.source == "SHARED" {
                a.principal_audience.contains(account)
            } else {
                l.accounts == [here.clone()]
            }
        })
        .map(|l| Launcher {
            accounts: vec![here.clone()],
            account_count: 1,
            ..l
        })
        .collect())
}

/// Who sees a portfolio: each share's entry, every recipient, the account-share recipients
/// (who must accept), and the recipients reached through a share carrying SharePrincipals.
struct Audiences {
    shares: Vec<ShareAccess>,
    recipients: BTreeSet<AccountId>,
    accepting: BTreeSet<AccountId>,
    principal_audience: BTreeSet<AccountId>,
}

/// Who sees portfolio `p`, share by share.
fn audiences(tx: &dyn ReadTx, p: &PortfolioRecord) -> Result<Audiences, ServiceError> {
    let rejecters: BTreeSet<AccountId> = tx.org_rejecters(&p.id)?.into_iter().collect();
    let mut a = Audiences {
        shares: Vec::new(),
        recipients: BTreeSet::new(),
        accepting: BTreeSet::new(),
        principal_audience: BTreeSet::new(),
    };
    for s in tx.portfolio_shares(&p.id)? {
        let (standing, audience) = audience::of_share(tx, &s, &rejecters)?;
        a.recipients.extend(audience.iter().cloned());
        // An account share's recipient must accept it, pending or not.
        if let crate::store::ShareTarget::Account(account) = &s.target {
            a.accepting.insert(account.clone());
        }
        if s.share_principals {
            a.principal_audience.extend(audience.iter().cloned());
        }
        a.shares.push(ShareAccess {
            kind: s.target.kind().as_str().to_string(),
            principal: s.target.principal().to_string(),
            status: standing.as_str().to_string(),
            share_tag_options: s.share_tag_options,
            share_principals: s.share_principals,
            account_count: audience.len(),
            accounts: capped(audience.iter()),
        });
    }
    Ok(a)
}

/// Recipients whose SCPs refuse AcceptPortfolioShare (account shares) or ProvisionProduct.
fn blocked(
    tx: &dyn ReadTx,
    p: &PortfolioRecord,
    a: &Audiences,
    check: &mut ScpCheck,
) -> Result<Vec<Blocked>, ServiceError> {
    let product_space = format!(
        "arn:{}:catalog:{}:{}:product/*",
        partition_of(&p.region),
        p.region,
        p.owner
    );
    let mut blocked = Vec::new();
    for account in a.recipients.union(&a.accepting) {
        let known = if let Some(g) = check.governance.get(account) {
            g.clone()
        } else {
            let g = governance(tx, account, &check.documents)?;
            check.governance.insert(account.clone(), g.clone());
            g
        };
        let Governance::Governed(levels) = known else {
            continue;
        };
        let mut asks = Vec::new();
        if a.accepting.contains(account) {
            asks.push(("servicecatalog:AcceptPortfolioShare", p.arn.as_str()));
        }
        if a.recipients.contains(account) {
            asks.push(("servicecatalog:ProvisionProduct", product_space.as_str()));
        }
        for (action, resource) in asks {
            let decision =
                levels.decide_for_root(account.as_str(), action, resource, &p.region, check.now);
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
    Ok(blocked)
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
mod tests;
