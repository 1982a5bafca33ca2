//! `sclocal serve --bootstrap FILE` and `POST /_sclocal/bootstrap`: parses and validates the
//! organizations document, then hands the plan to the core's one-transaction bulk load. Errors
//! name the file, the line and the problem; a bad document changes nothing. Schema (README
//! "Bootstrap"):
//!
//! ```yaml
//! organizations:
//!   - management_account: "111111111111"   # or {id, name, email}
//!     service_catalog_access: true
//!     delegated_administrators: ["222222222222"]
//!     accounts: ["222222222222", {id: "333333333333", name: Dev, email: dev@example.com}]
//!     units: [{name: Apps, accounts: [...], units: [...]}]
//!     account_factory: true                # or {region: eu-west-1}
//! ```
//!
//! Accounts given as a bare id get the name `account-<id>` and the email
//! `account-<id>@example.com`.

use std::cell::RefCell;
use std::collections::HashSet;
use std::io::IsTerminal as _;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use anyhow::{anyhow, Context as _};
use sclocal_api::ServiceError;
use sclocal_core::catalog::account_factory::set_up_account_factories;
use sclocal_core::ids::AccountId;
use sclocal_core::organizations::bootstrap::{
    BootstrapAccount, BootstrapOrg, BootstrapPlan, BootstrapReport, BootstrapUnit,
};
use sclocal_core::Emulator;
use serde::Deserialize;

use factory::{factories, FactoryEntry, FACTORY_REGION};

mod factory;

thread_local! {
    /// Account ids seen so far in the file being parsed: a duplicate is reported at its line.
    static SEEN: RefCell<HashSet<String>> = RefCell::new(HashSet::new());
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    organizations: Vec<OrgEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OrgEntry {
    management_account: AccountEntry,
    #[serde(default)]
    service_catalog_access: Option<bool>,
    #[serde(default)]
    delegated_administrators: Vec<Id>,
    #[serde(default)]
    accounts: Vec<AccountEntry>,
    #[serde(default)]
    units: Vec<UnitEntry>,
    #[serde(default)]
    account_factory: Option<FactoryEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitEntry {
    name: String,
    #[serde(default)]
    accounts: Vec<AccountEntry>,
    #[serde(default)]
    units: Vec<UnitEntry>,
}

/// A 12-digit account id, checked while parsing so the error carries the line.
struct Id(AccountId);

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(d)?;
        AccountId::parse(&raw)
            .map(Id)
            .ok_or_else(|| serde::de::Error::custom(format!("account id {raw:?} is not 12 digits")))
    }
}

/// An account entry: a bare id or `{id, name, email}`; each id may appear once in the file.
struct AccountEntry(BootstrapAccount);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FullAccount {
    id: String,
    name: Option<String>,
    email: Option<String>,
}

/// Visits a bare id or a map directly (not through an untagged enum, which buffers the node
/// and loses its line).
struct AccountVisitor;

impl<'de> serde::de::Visitor<'de> for AccountVisitor {
    type Value = AccountEntry;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an account id string or {id, name, email}")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<AccountEntry, E> {
        entry(v, None, None)
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<AccountEntry, A::Error> {
        let full = FullAccount::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
        entry(&full.id, full.name, full.email)
    }
}

fn entry<E: serde::de::Error>(
    raw: &str,
    name: Option<String>,
    email: Option<String>,
) -> Result<AccountEntry, E> {
    let id = AccountId::parse(raw)
        .ok_or_else(|| E::custom(format!("account id {raw:?} is not 12 digits")))?;
    if !SEEN.with(|s| s.borrow_mut().insert(raw.to_string())) {
        return Err(E::custom(format!(
            "account {raw} appears more than once in the file"
        )));
    }
    Ok(AccountEntry(BootstrapAccount {
        name: name.unwrap_or_else(|| format!("account-{id}")),
        email: email.unwrap_or_else(|| format!("account-{id}@example.com")),
        id,
    }))
}

impl<'de> Deserialize<'de> for AccountEntry {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(AccountVisitor)
    }
}

/// Parses and validates `text`; `name` prefixes every error.
///
/// # Errors
/// A message naming the line and the problem.
pub fn parse(name: &str, text: &str) -> anyhow::Result<BootstrapPlan> {
    SEEN.with(|s| s.borrow_mut().clear());
    let file: File = serde_yaml::from_str(text).map_err(|e| {
        let line = e.location().map(|l| l.line());
        let msg = e.to_string();
        // serde_yaml appends " at line L column C"; the line goes in front instead.
        let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
        match line {
            Some(l) => anyhow!("{name} line {l}: {msg}"),
            None => anyhow!("{name}: {msg}"),
        }
    })?;
    SEEN.with(|s| s.borrow_mut().clear());
    let mut plan = BootstrapPlan::default();
    for org in file.organizations {
        let mgmt = org.management_account.0;
        let mut members: HashSet<&AccountId> = HashSet::new();
        collect(&org.accounts, &org.units, &mut members);
        if org.service_catalog_access != Some(true) && !org.delegated_administrators.is_empty() {
            return Err(anyhow!(
                "{name}: organization of {}: delegated_administrators need \
                 service_catalog_access: true",
                mgmt.id
            ));
        }
        for admin in &org.delegated_administrators {
            if !members.contains(&admin.0) {
                return Err(anyhow!(
                    "{name}: organization of {}: delegated administrator {} is not a member \
                     account of it",
                    mgmt.id,
                    admin.0
                ));
            }
        }
        plan.orgs.push(BootstrapOrg {
            partition: "aws".into(),
            service_catalog_access: org.service_catalog_access,
            delegated_administrators: org
                .delegated_administrators
                .into_iter()
                .map(|a| a.0)
                .collect(),
            accounts: org.accounts.into_iter().map(|a| a.0).collect(),
            units: org.units.into_iter().map(unit).collect(),
            account_factory: match org.account_factory {
                Some(FactoryEntry::On(true)) => Some(FACTORY_REGION.to_string()),
                Some(FactoryEntry::In(r)) => Some(r.region),
                Some(FactoryEntry::On(false)) | None => None,
            },
            management: mgmt,
        });
    }
    Ok(plan)
}

fn collect<'a>(
    accounts: &'a [AccountEntry],
    units: &'a [UnitEntry],
    out: &mut HashSet<&'a AccountId>,
) {
    out.extend(accounts.iter().map(|a| &a.0.id));
    for u in units {
        collect(&u.accounts, &u.units, out);
    }
}

fn unit(u: UnitEntry) -> BootstrapUnit {
    BootstrapUnit {
        name: u.name,
        accounts: u.accounts.into_iter().map(|a| a.0).collect(),
        units: u.units.into_iter().map(unit).collect(),
    }
}

fn count(units: &[BootstrapUnit]) -> u64 {
    units
        .iter()
        .map(|u| u.accounts.len() as u64 + count(&u.units))
        .sum()
}

/// Loads `path` into the emulator in one transaction (and the Account Factories it asks for
/// in a second one).
///
/// # Errors
/// When the file cannot be read, is invalid, or conflicts with stored state.
pub async fn load(em: &Emulator, path: &Path) -> anyhow::Result<()> {
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().to_string(),
    );
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading bootstrap file {}", path.display()))?;
    let plan = parse(&name, &text)?;
    let total: u64 = plan
        .orgs
        .iter()
        .map(|o| 1 + o.accounts.len() as u64 + count(&o.units))
        .sum();
    let bar = Progress::new(total);
    let factories = factories(&plan);
    let report = sclocal_core::organizations::bootstrap::apply(em, plan, &|n| bar.tick(n))
        .await
        .map_err(|e| anyhow!("bootstrap failed: {e}"))?
        .map_err(|conflict| anyhow!(conflict_message(&name, &conflict)))?;
    bar.finish();
    set_up_account_factories(em, factories)
        .await
        .map_err(|e| anyhow!("bootstrap failed: {e}"))?;
    tracing::info!(
        organizations_created = report.orgs_created,
        accounts_written = report.accounts_written,
        "bootstrap applied"
    );
    Ok(())
}

/// The message for a document that conflicts with stored state, for the file and the endpoint.
fn conflict_message(name: &str, conflict: &str) -> String {
    format!("{name}: {conflict}; nothing was applied")
}

/// What the endpoint calls the document in its messages, where the file's name would stand.
const DOCUMENT: &str = "bootstrap";

/// Why a bootstrap document was not applied.
#[derive(Debug)]
pub enum DocumentRefused {
    /// The document is invalid or conflicts with stored state: the file-style message
    /// (`bootstrap line N: problem`). Nothing was applied.
    Bad(String),
    /// The store failed.
    Internal(ServiceError),
}

/// Applies a bootstrap document (YAML or JSON, as `--bootstrap FILE` takes) to the running
/// emulator with the same rules: all or nothing, idempotent (`POST /_sclocal/bootstrap`).
///
/// # Errors
/// A bad or conflicting document; a store failure.
pub async fn apply_document(
    em: &Emulator,
    body: &[u8],
) -> Result<BootstrapReport, DocumentRefused> {
    let Ok(text) = std::str::from_utf8(body) else {
        return Err(DocumentRefused::Bad(format!(
            "{DOCUMENT}: the document is not UTF-8"
        )));
    };
    let plan = parse(DOCUMENT, text).map_err(|e| DocumentRefused::Bad(e.to_string()))?;
    let factories = factories(&plan);
    match sclocal_core::organizations::bootstrap::apply(em, plan, &|_| {}).await {
        Ok(Ok(report)) => {
            set_up_account_factories(em, factories)
                .await
                .map_err(DocumentRefused::Internal)?;
            tracing::info!(
                organizations_created = report.orgs_created,
                accounts_written = report.accounts_written,
                "bootstrap applied"
            );
            Ok(report)
        }
        Ok(Err(conflict)) => Err(DocumentRefused::Bad(conflict_message(DOCUMENT, &conflict))),
        Err(e) => Err(DocumentRefused::Internal(e)),
    }
}

/// A progress bar on stderr, shown only on a terminal and only once the load has run for a
/// second.
struct Progress {
    bar: Option<Mutex<indicatif::ProgressBar>>,
    shown: AtomicBool,
    started: std::time::Instant,
}

impl Progress {
    #[expect(
        clippy::disallowed_methods,
        reason = "wall time decides only whether to draw a progress bar"
    )]
    fn new(total: u64) -> Self {
        let bar = std::io::stderr().is_terminal().then(|| {
            Mutex::new(indicatif::ProgressBar::with_draw_target(
                Some(total),
                indicatif::ProgressDrawTarget::hidden(),
            ))
        });
        Progress {
            bar,
            shown: AtomicBool::new(false),
            started: std::time::Instant::now(),
        }
    }

    fn tick(&self, done: u64) {
        let Some(bar) = &self.bar else { return };
        let bar = bar
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if !self.shown.load(Ordering::Relaxed) && self.started.elapsed().as_secs() >= 1 {
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            self.shown.store(true, Ordering::Relaxed);
        }
        bar.set_position(done);
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .finish_and_clear();
        }
    }
}
