//! The declarative bootstrap (`sclocal serve --bootstrap FILE`) as one unit of work:
//! organizations, OUs and accounts are matched to what exists (an organization by its
//! management account, an OU by parent and name, an account by id), so a second run of the
//! same plan writes nothing. Parsing and validating the file is the server's job.
//! `--org-account-limit` does not apply.

use std::sync::{Arc, Mutex};

use sclocal_api::organizations::{AccountJoinedMethod, AccountStatus, OrganizationFeatureSet};
use sclocal_api::{InternalError, ServiceError};

use super::seam::switch_service_access;
use crate::clock::{alnum_chars, IdSource};
use crate::events::OrgEventSink;
use crate::ids::{AccountId, OrgId, OuId, ParentId, RootId};
use crate::store::{
    AccountRecord, DelegatedAdminRecord, Lock, OrgRecord, OuRecord, Placement, WriteTx,
    SERVICE_CATALOG_PRINCIPAL,
};
use crate::Emulator;

/// Organizations to stand up (or confirm).
#[derive(Debug, Clone, Default)]
pub struct BootstrapPlan {
    /// The organizations.
    pub orgs: Vec<BootstrapOrg>,
}

/// One organization of a bootstrap.
#[derive(Debug, Clone)]
pub struct BootstrapOrg {
    /// ARN partition.
    pub partition: String,
    /// The management account.
    pub management: BootstrapAccount,
    /// `Some(true)`: trusted access for Service Catalog on; `Some(false)`: off.
    pub service_catalog_access: Option<bool>,
    /// Service Catalog delegated administrators.
    pub delegated_administrators: Vec<AccountId>,
    /// Accounts directly under the root.
    pub accounts: Vec<BootstrapAccount>,
    /// OUs under the root.
    pub units: Vec<BootstrapUnit>,
    /// `Some(region)`: set up the Account Factory there (Service Catalog's part, run by the
    /// server after this plan, `catalog::account_factory`; provisioning.md §21.1).
    pub account_factory: Option<String>,
}

/// An OU of a bootstrap.
#[derive(Debug, Clone)]
pub struct BootstrapUnit {
    /// Name (unique among siblings).
    pub name: String,
    /// Accounts directly in it.
    pub accounts: Vec<BootstrapAccount>,
    /// Child OUs.
    pub units: Vec<BootstrapUnit>,
}

/// An account of a bootstrap.
#[derive(Debug, Clone)]
pub struct BootstrapAccount {
    /// Id.
    pub id: AccountId,
    /// Name.
    pub name: String,
    /// Email.
    pub email: String,
}

/// What a bootstrap did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BootstrapReport {
    /// Organizations created.
    pub orgs_created: usize,
    /// Accounts written (new, moved or renamed).
    pub accounts_written: usize,
}

/// Applies `plan` in one transaction; `progress` hears how many accounts were written so far.
/// The inner `Err` is a conflict with stored state (an account of another organization); then
/// nothing was written.
pub async fn apply(
    em: &Emulator,
    plan: BootstrapPlan,
    progress: &(dyn Fn(u64) + Send + Sync),
) -> Result<Result<BootstrapReport, String>, ServiceError> {
    let (ticks, mut ticked) = tokio::sync::mpsc::unbounded_channel();
    let conflict: Arc<Mutex<Option<String>>> = Arc::default();
    let mut cx = Ctx {
        now: em.now(),
        ids: em.ids.clone(),
        events: em.org_events.clone(),
        conflict: conflict.clone(),
        report: BootstrapReport::default(),
        written: 0,
        // Only fails once the caller stopped waiting; the work goes on regardless.
        tick: Box::new(move |n| {
            let _ = ticks.send(n);
        }),
    };
    let work = em.org_write(move |tx| {
        for org in &plan.orgs {
            cx.organization(tx, org)?;
        }
        cx.report.accounts_written = usize::try_from(cx.written).unwrap_or(usize::MAX);
        Ok(cx.report)
    });
    tokio::pin!(work);
    let result = loop {
        tokio::select! {
            result = &mut work => break result,
            Some(n) = ticked.recv() => progress(n),
        }
    };
    while let Ok(n) = ticked.try_recv() {
        progress(n);
    }
    match (result, conflict.lock().ok().and_then(|mut c| c.take())) {
        (Err(_), Some(conflict)) => Ok(Err(conflict)),
        (result, _) => result.map(Ok),
    }
}

/// The state of one bootstrap inside its unit of work.
struct Ctx {
    now: i64,
    ids: Arc<dyn IdSource>,
    events: Arc<dyn OrgEventSink>,
    /// A conflict that aborted the unit (so that it rolls back), for the caller to report.
    conflict: Arc<Mutex<Option<String>>>,
    report: BootstrapReport,
    written: u64,
    tick: Box<dyn Fn(u64) + Send>,
}

/// Where an account or OU goes: its organization, parent and the parent's OU path.
struct Spot<'a> {
    org: &'a OrgId,
    parent: ParentId,
    path: String,
}

impl Ctx {
    fn refuse(&self, conflict: String) -> ServiceError {
        let error = ServiceError::Internal(InternalError::new("bootstrap", conflict.clone()));
        if let Ok(mut slot) = self.conflict.lock() {
            *slot = Some(conflict);
        }
        error
    }

    fn organization(&mut self, tx: &dyn WriteTx, org: &BootstrapOrg) -> Result<(), ServiceError> {
        let mgmt = &org.management.id;
        // Instances started together over one database bootstrap the same file at once: the
        // second waits here, then finds the first one's organization and matches it.
        tx.lock(Lock::Account(mgmt))?;
        let record = match tx.organization_of(mgmt)? {
            Some(existing) if existing.management_account != *mgmt => {
                return Err(self.refuse(format!(
                    "management account {mgmt} is already a member of organization {}",
                    existing.id
                )))
            }
            Some(existing) => existing,
            None => {
                let record = OrgRecord {
                    id: OrgId::generate(self.ids.as_ref()),
                    management_account: mgmt.clone(),
                    root_id: RootId::generate(self.ids.as_ref()),
                    feature_set: OrganizationFeatureSet::ALL,
                    partition: org.partition.clone(),
                    created_ms: self.now,
                };
                tx.insert_organization(&record)?;
                self.report.orgs_created += 1;
                record
            }
        };
        // Its membership and quotas, as every Organizations write that changes them locks.
        tx.lock(Lock::Organization(&record.id))?;
        let root = Spot {
            org: &record.id,
            parent: ParentId::Root(record.root_id.clone()),
            path: String::new(),
        };
        self.place(tx, &org.management, &root, AccountJoinedMethod::INVITED)?;
        for a in &org.accounts {
            self.place(tx, a, &root, AccountJoinedMethod::CREATED)?;
        }
        self.units(tx, &record.root_id, &org.units, &root)?;
        self.access(tx, &record.id, org)
    }

    /// Puts an account where the plan says, writing only what differs.
    fn place(
        &mut self,
        tx: &dyn WriteTx,
        a: &BootstrapAccount,
        spot: &Spot<'_>,
        method: AccountJoinedMethod,
    ) -> Result<(), ServiceError> {
        let placement = |joined_method, joined_ms| Placement {
            org_id: spot.org.clone(),
            parent_id: spot.parent.clone(),
            path: spot.path.clone(),
            joined_method,
            joined_ms,
        };
        let record = match tx.account(&a.id)? {
            Some(found) => match &found.placement {
                Some(p) if p.org_id != *spot.org => {
                    return Err(self.refuse(format!(
                        "account {} is already a member of organization {}",
                        a.id, p.org_id
                    )))
                }
                Some(p) => {
                    if p.parent_id == spot.parent && found.name == a.name && found.email == a.email
                    {
                        return Ok(());
                    }
                    AccountRecord {
                        name: a.name.clone(),
                        email: a.email.clone(),
                        placement: Some(placement(p.joined_method, p.joined_ms)),
                        ..found.clone()
                    }
                }
                None => AccountRecord {
                    name: a.name.clone(),
                    email: a.email.clone(),
                    placement: Some(placement(method, self.now)),
                    ..found.clone()
                },
            },
            None => AccountRecord {
                id: a.id.clone(),
                name: a.name.clone(),
                email: a.email.clone(),
                placement: Some(placement(method, self.now)),
                status: AccountStatus::ACTIVE,
            },
        };
        tx.put_account(&record)?;
        self.written += 1;
        if self.written.is_multiple_of(1000) {
            (self.tick)(self.written);
        }
        Ok(())
    }

    fn units(
        &mut self,
        tx: &dyn WriteTx,
        root: &RootId,
        units: &[BootstrapUnit],
        parent: &Spot<'_>,
    ) -> Result<(), ServiceError> {
        for unit in units {
            let ou = if let Some(found) = tx.ou_named(&parent.parent, &unit.name)? {
                found
            } else {
                let id = OuId::with_suffix(root, &alnum_chars(self.ids.as_ref(), 8));
                let record = OuRecord {
                    path: format!("{}{id}/", parent.path),
                    id,
                    org_id: parent.org.clone(),
                    parent_id: parent.parent.clone(),
                    name: unit.name.clone(),
                };
                tx.insert_ou(&record)?;
                record
            };
            let spot = Spot {
                org: parent.org,
                parent: ParentId::Ou(ou.id),
                path: ou.path,
            };
            for a in &unit.accounts {
                self.place(tx, a, &spot, AccountJoinedMethod::CREATED)?;
            }
            self.units(tx, root, &unit.units, &spot)?;
        }
        Ok(())
    }

    /// Trusted access and delegated administrators for Service Catalog.
    fn access(
        &mut self,
        tx: &dyn WriteTx,
        org: &OrgId,
        plan: &BootstrapOrg,
    ) -> Result<(), ServiceError> {
        if let Some(on) = plan.service_catalog_access {
            let when = on.then_some(self.now);
            switch_service_access(
                tx,
                self.events.as_ref(),
                org,
                SERVICE_CATALOG_PRINCIPAL,
                when,
            )?;
        }
        for admin in &plan.delegated_administrators {
            tx.insert_delegated_admin(
                org,
                &DelegatedAdminRecord {
                    account: admin.clone(),
                    principal: SERVICE_CATALOG_PRINCIPAL.into(),
                    enabled_ms: self.now,
                },
            )?;
        }
        Ok(())
    }
}
