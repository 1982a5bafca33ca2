//! `sclocal access-report`: the access report (`sclocal_core::catalog::access_report`) of a
//! `--data-dir` or `--database-url` store (a PostgreSQL one may be read while instances
//! serve it), as JSON (`--json`, the same document as `GET /_sclocal/access`, which
//! `admin.rs` serves) or as a plain-text table for the terminal. The report itself is built in
//! core.

use std::fmt::Write as _;

use anyhow::Context as _;
use sclocal_core::catalog::access_report::{
    access_report, AccessReport, AccountLaunches, PortfolioAccess,
};

use crate::app::build_app;
use crate::config::{Config, ReportArgs};

/// Runs `sclocal access-report`: reads the store in `args.data_dir` (or the database at
/// `args.database_url`) and prints the report.
///
/// # Errors
/// When there is no store there or it cannot be read.
pub async fn run_cli(args: &ReportArgs) -> anyhow::Result<String> {
    if args.database_url.is_none() {
        let db = args.data_dir.join("sclocal.db");
        anyhow::ensure!(
            db.exists(),
            "no sclocal store at {} (start `sclocal serve --data-dir {}` first)",
            db.display(),
            args.data_dir.display()
        );
    }
    let config = Config {
        data_dir: args.data_dir.clone(),
        in_memory: false,
        database_url: args.database_url.clone(),
        ..Config::for_tests()
    };
    let app = build_app(&config)?;
    let report = access_report(app.emulator())
        .await
        .context("building the access report")?;
    if args.json {
        Ok(serde_json::to_string_pretty(&report)? + "\n")
    } else {
        Ok(table(&report))
    }
}

/// The report as a table for the terminal: one block per portfolio, then one per account
/// that launched products.
pub fn table(report: &AccessReport) -> String {
    let mut out = String::new();
    if report.portfolios.is_empty() {
        out.push_str("No portfolios.\n");
    }
    for p in &report.portfolios {
        block(&mut out, p);
    }
    for a in &report.provisioned {
        launches(&mut out, a);
    }
    out
}

fn launches(out: &mut String, a: &AccountLaunches) {
    // Writing to a String cannot fail.
    let _ = writeln!(
        out,
        "PROVISIONED  account {}  region {}",
        a.account, a.region
    );
    let _ = writeln!(
        out,
        "  {:<18} {:<24} {:<16} {:<18} {:<18} OWNER",
        "ID", "NAME", "STATUS", "PRODUCT", "PORTFOLIO"
    );
    for p in &a.products {
        let _ = writeln!(
            out,
            "  {:<18} {:<24} {:<16} {:<18} {:<18} {}",
            p.id,
            p.name,
            p.status,
            p.product_id,
            p.portfolio_id.as_deref().unwrap_or("-"),
            p.owner
        );
    }
    out.push('\n');
}

fn more(count: usize, listed: usize) -> String {
    if count > listed {
        format!(" (+{} more)", count - listed)
    } else {
        String::new()
    }
}

fn block(out: &mut String, p: &PortfolioAccess) {
    // Writing to a String cannot fail.
    let _ = writeln!(
        out,
        "PORTFOLIO {} \"{}\"  owner {}  region {}",
        p.id, p.name, p.owner, p.region
    );
    let _ = writeln!(
        out,
        "  {:<28} {:<14} {:<10} {:<5} {:<5} ACCOUNTS",
        "SHARE", "PRINCIPAL", "STATUS", "TAGS", "PRINC"
    );
    if p.shares.is_empty() {
        let _ = writeln!(out, "  (not shared)");
    }
    for s in &p.shares {
        let _ = writeln!(
            out,
            "  {:<28} {:<14} {:<10} {:<5} {:<5} {}{}",
            s.kind,
            s.principal,
            s.status,
            s.share_tag_options,
            s.share_principals,
            s.accounts.join(","),
            more(s.account_count, s.accounts.len())
        );
    }
    let _ = writeln!(
        out,
        "  {:<48} {:<12} {:<10} ACCOUNTS",
        "LAUNCHER", "TYPE", "SOURCE"
    );
    if p.launchers.is_empty() {
        let _ = writeln!(out, "  (no principals)");
    }
    for l in &p.launchers {
        let _ = writeln!(
            out,
            "  {:<48} {:<12} {:<10} {}{}",
            l.principal,
            l.principal_type,
            l.source,
            l.accounts.join(","),
            more(l.account_count, l.accounts.len())
        );
    }
    for b in &p.blocked {
        let _ = writeln!(
            out,
            "  BLOCKED {} {} by {}",
            b.account,
            b.action,
            b.policy
                .as_deref()
                .unwrap_or("no service control policy allowing it")
        );
    }
    for w in &p.warnings {
        let _ = writeln!(out, "  {w}");
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use sclocal_core::catalog::access_report::Launched;

    use super::*;

    #[test]
    fn launched_products_get_a_block_per_account() {
        let report = AccessReport {
            portfolios: Vec::new(),
            provisioned: vec![AccountLaunches {
                account: "222222222222".into(),
                region: "us-east-1".into(),
                products: vec![Launched {
                    id: "pp-abc".into(),
                    name: "web".into(),
                    status: "AVAILABLE".into(),
                    product_id: "prod-x".into(),
                    portfolio_id: None,
                    owner: "arn:aws:sts::222222222222:assumed-role/Dev/s".into(),
                }],
            }],
        };
        let text = table(&report);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "No portfolios.");
        assert_eq!(
            lines[1],
            "PROVISIONED  account 222222222222  region us-east-1"
        );
        assert!(lines[3].contains("pp-abc") && lines[3].contains("web"));
        assert!(lines[3].contains(" - ") && lines[3].ends_with("assumed-role/Dev/s"));
    }
}
