//! The declarative bootstrap as one transaction: organizations, OUs and accounts are matched
//! to what exists (org by management account, OU by parent and name, account by id), so a
//! second run of the same plan writes nothing. Prepared statements and one transaction keep
//! 100,000 accounts well under a second.

use rusqlite::{params, Connection, OptionalExtension};
use sclocal_core::store::{
    BootstrapAccount, BootstrapOrg, BootstrapPlan, BootstrapReport, BootstrapUnit, StoreError,
    SERVICE_CATALOG_PRINCIPAL,
};

use super::rows::org_of;
use super::tree::insert_ou_row;
use crate::sqlite::{backend, SqliteStore};

/// A conflict with stored state, reported to the user; the transaction is dropped.
type Conflict = String;

/// A conflict on its way out of the unit of work: as an error, so that everything the plan
/// wrote before it is rolled back ("nothing is written then").
#[derive(Debug)]
struct Conflicted(Conflict);

impl std::fmt::Display for Conflicted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "bootstrap conflict: {}", self.0)
    }
}

impl std::error::Error for Conflicted {}

struct Ctx<'a> {
    tx: &'a Connection,
    org_id: String,
    root_id: String,
    now_ms: i64,
    written: u64,
    report: BootstrapReport,
    progress: &'a (dyn Fn(u64) + Send + Sync),
}

/// Runs the plan as one write unit. The writer may run it on another thread, so `progress`
/// (borrowed) is fed from a channel while the unit runs.
pub(crate) async fn bootstrap(
    store: &SqliteStore,
    plan: &BootstrapPlan,
    now_ms: i64,
    progress: &(dyn Fn(u64) + Send + Sync),
) -> Result<Result<BootstrapReport, Conflict>, StoreError> {
    let plan = plan.clone();
    let (ticks, mut ticked) = tokio::sync::mpsc::unbounded_channel();
    let work = store.write(move |tx| {
        let tick = move |n| {
            // Only fails once the caller stopped waiting; the work goes on regardless.
            let _ = ticks.send(n);
        };
        match apply(tx, &plan, now_ms, &tick)? {
            Ok(report) => Ok(report),
            Err(c) => Err(StoreError::Backend(Box::new(Conflicted(c)))),
        }
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
    match result {
        Ok(report) => Ok(Ok(report)),
        Err(StoreError::Backend(e)) => match e.downcast::<Conflicted>() {
            Ok(c) => Ok(Err(c.0)),
            Err(e) => Err(StoreError::Backend(e)),
        },
    }
}

fn apply(
    tx: &Connection,
    plan: &BootstrapPlan,
    now_ms: i64,
    progress: &(dyn Fn(u64) + Send + Sync),
) -> Result<Result<BootstrapReport, Conflict>, StoreError> {
    let mut report = BootstrapReport::default();
    let mut written = 0;
    for org in &plan.orgs {
        let (org_id, root_id) = match ensure_org(tx, org, now_ms, &mut report)? {
            Ok(ids) => ids,
            Err(c) => return Ok(Err(c)),
        };
        let mut cx = Ctx {
            tx,
            org_id,
            root_id: root_id.clone(),
            now_ms,
            written,
            report: std::mem::take(&mut report),
            progress,
        };
        if let Err(c) = place(&mut cx, &org.management, &root_id, "", "INVITED")? {
            return Ok(Err(c));
        }
        for a in &org.accounts {
            if let Err(c) = place(&mut cx, a, &root_id, "", "CREATED")? {
                return Ok(Err(c));
            }
        }
        if let Err(c) = units(&mut cx, &org.units, &root_id, "")? {
            return Ok(Err(c));
        }
        access(&mut cx, org)?;
        written = cx.written;
        report = cx.report;
    }
    report.accounts_written = usize::try_from(written).unwrap_or(usize::MAX);
    Ok(Ok(report))
}

fn ensure_org(
    tx: &Connection,
    org: &BootstrapOrg,
    now_ms: i64,
    report: &mut BootstrapReport,
) -> Result<Result<(String, String), Conflict>, StoreError> {
    let mgmt = org.management.id.as_str();
    if let Some(existing) = org_of(tx, mgmt)? {
        if existing.management_account.as_str() != mgmt {
            return Ok(Err(format!(
                "management account {mgmt} is already a member of organization {}",
                existing.id
            )));
        }
        return Ok(Ok((existing.id, existing.root_id)));
    }
    tx.execute(
        "INSERT INTO org_organizations (id, management_account, root_id, feature_set, partition,
         created_ms) VALUES (?1, ?2, ?3, 'ALL', ?4, ?5)",
        params![org.org_id, mgmt, org.root_id, org.partition, now_ms],
    )
    .map_err(backend)?;
    report.orgs_created += 1;
    Ok(Ok((org.org_id.clone(), org.root_id.clone())))
}

type Placed = (Option<String>, String, String, String);

/// Puts an account where the plan says, writing only what differs.
fn place(
    cx: &mut Ctx<'_>,
    a: &BootstrapAccount,
    parent_id: &str,
    path: &str,
    method: &str,
) -> Result<Result<(), Conflict>, StoreError> {
    let found: Option<Placed> = cx
        .tx
        .prepare_cached("SELECT org_id, parent_id, name, email FROM org_accounts WHERE id = ?1")
        .map_err(backend)?
        .query_row(params![a.id.as_str()], |r| {
            Ok((
                r.get(0)?,
                r.get::<_, Option<String>>(1)?.unwrap_or_default(),
                r.get(2)?,
                r.get(3)?,
            ))
        })
        .optional()
        .map_err(backend)?;
    match found {
        Some((Some(org), ..)) if org != cx.org_id => {
            return Ok(Err(format!(
                "account {} is already a member of organization {org}",
                a.id
            )))
        }
        Some((Some(_), parent, name, email)) => {
            if parent == parent_id && name == a.name && email == a.email {
                return Ok(Ok(()));
            }
            cx.tx
                .prepare_cached(
                    "UPDATE org_accounts SET parent_id = ?2, path = ?3, name = ?4, email = ?5
                     WHERE id = ?1",
                )
                .map_err(backend)?
                .execute(params![a.id.as_str(), parent_id, path, a.name, a.email])
                .map_err(backend)?;
        }
        _ => {
            cx.tx
                .prepare_cached(
                    "INSERT INTO org_accounts (id, name, email, org_id, parent_id, path,
                     joined_method, joined_ms, state) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,
                     'ACTIVE') ON CONFLICT (id) DO UPDATE SET name = excluded.name,
                     email = excluded.email, org_id = excluded.org_id,
                     parent_id = excluded.parent_id, path = excluded.path,
                     joined_method = excluded.joined_method, joined_ms = excluded.joined_ms",
                )
                .map_err(backend)?
                .execute(params![
                    a.id.as_str(),
                    a.name,
                    a.email,
                    cx.org_id,
                    parent_id,
                    path,
                    method,
                    cx.now_ms
                ])
                .map_err(backend)?;
        }
    }
    cx.written += 1;
    if cx.written.is_multiple_of(1000) {
        (cx.progress)(cx.written);
    }
    Ok(Ok(()))
}

fn units(
    cx: &mut Ctx<'_>,
    units_: &[BootstrapUnit],
    parent_id: &str,
    parent_path: &str,
) -> Result<Result<(), Conflict>, StoreError> {
    for unit in units_ {
        let existing: Option<(String, String)> = cx
            .tx
            .prepare_cached("SELECT id, path FROM org_units WHERE parent_id = ?1 AND name = ?2")
            .map_err(backend)?
            .query_row(params![parent_id, unit.name], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()
            .map_err(backend)?;
        let (id, path) = if let Some(found) = existing {
            found
        } else {
            let root_suffix = cx.root_id.trim_start_matches("r-");
            let id = format!("ou-{root_suffix}-{}", unit.id_suffix);
            let path = format!("{parent_path}{id}/");
            insert_ou_row(
                cx.tx,
                &sclocal_core::store::OuRecord {
                    id: id.clone(),
                    org_id: cx.org_id.clone(),
                    parent_id: parent_id.to_string(),
                    name: unit.name.clone(),
                    path: path.clone(),
                },
            )?;
            (id, path)
        };
        for a in &unit.accounts {
            if let Err(c) = place(cx, a, &id, &path, "CREATED")? {
                return Ok(Err(c));
            }
        }
        if let Err(c) = units(cx, &unit.units, &id, &path)? {
            return Ok(Err(c));
        }
    }
    Ok(Ok(()))
}

/// Trusted access and delegated administrators for Service Catalog.
fn access(cx: &mut Ctx<'_>, org: &BootstrapOrg) -> Result<(), StoreError> {
    let changed = match org.service_catalog_access {
        Some(true) => cx
            .tx
            .execute(
                "INSERT OR IGNORE INTO org_service_access (org_id, principal, enabled_ms)
                 VALUES (?1, ?2, ?3)",
                params![cx.org_id, SERVICE_CATALOG_PRINCIPAL, cx.now_ms],
            )
            .map_err(backend)?,
        Some(false) => cx
            .tx
            .execute(
                "DELETE FROM org_service_access WHERE org_id = ?1 AND principal = ?2",
                params![cx.org_id, SERVICE_CATALOG_PRINCIPAL],
            )
            .map_err(backend)?,
        None => 0,
    };
    if changed > 0 {
        cx.report
            .access_changed
            .push((cx.org_id.clone(), org.service_catalog_access == Some(true)));
    }
    for admin in &org.delegated_administrators {
        cx.tx
            .execute(
                "INSERT OR IGNORE INTO org_delegated_admins (org_id, account, principal,
                 enabled_ms) VALUES (?1, ?2, ?3, ?4)",
                params![
                    cx.org_id,
                    admin.as_str(),
                    SERVICE_CATALOG_PRINCIPAL,
                    cx.now_ms
                ],
            )
            .map_err(backend)?;
    }
    Ok(())
}
