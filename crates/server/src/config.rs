//! Command line and configuration.

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use sclocal_protocol::sigv4::AuthMode;

use crate::admin_door::AdminToken;

/// sclocal: AWS Service Catalog portfolio sharing, Organizations and STS on one port.
// The binary's name, not the crate's (`sclocal-server`), in `--version` and `--help`.
#[derive(Debug, Parser)]
#[command(name = "sclocal", version, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the server.
    Serve(Box<Config>),
    /// Print who can see and launch from every portfolio in a `--data-dir` or
    /// `--database-url` store, with a warning for every IAM_PATTERN principal shared into
    /// other accounts.
    AccessReport(ReportArgs),
}

/// `sclocal access-report` options.
#[derive(Debug, Clone, clap::Args)]
pub struct ReportArgs {
    /// Directory of the SQLite database written by `sclocal serve --data-dir`.
    #[arg(long, env = "SCLOCAL_DATA_DIR", default_value = "./.sclocal")]
    pub data_dir: PathBuf,
    /// The PostgreSQL database of `sclocal serve --database-url` (read while it runs).
    #[arg(long, env = "SCLOCAL_DATABASE_URL", conflicts_with = "data_dir")]
    pub database_url: Option<String>,
    /// Print JSON (the same document as `GET /_sclocal/access`) instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// Server configuration (`sclocal serve --help`).
#[derive(Debug, Clone, clap::Args)]
pub struct Config {
    /// Address to listen on; loopback unless told otherwise.
    #[arg(long, env = "SCLOCAL_LISTEN", default_value = "127.0.0.1:4566")]
    pub listen: String,
    /// Directory of the SQLite database; state survives restarts.
    #[arg(
        long,
        env = "SCLOCAL_DATA_DIR",
        default_value = "./.sclocal",
        conflicts_with = "in_memory"
    )]
    pub data_dir: PathBuf,
    /// Keep all state in memory (lost on exit).
    #[arg(long, env = "SCLOCAL_IN_MEMORY")]
    pub in_memory: bool,
    /// Keep state in this PostgreSQL database (`postgres://USER[:PASS]@HOST:PORT/DB`) instead
    /// of SQLite; every instance started with the same URL serves the same state.
    #[arg(long, env = "SCLOCAL_DATABASE_URL", conflicts_with_all = ["in_memory", "data_dir"])]
    pub database_url: Option<String>,
    /// Signature checking: `off` (no header needed), `lenient` (header must parse; the secret
    /// is not checked) or `strict` (signatures and the 5-minute clock window are enforced
    /// against `--credentials`).
    #[arg(long, env = "SCLOCAL_AUTH", default_value = "lenient", value_parser = parse_auth)]
    pub auth: AuthMode,
    /// YAML or JSON file of access keys: `credentials: [{access_key_id, secret_access_key,
    /// account_id, principal_arn?}]`.
    #[arg(long, env = "SCLOCAL_CREDENTIALS")]
    pub credentials: Option<PathBuf>,
    /// Account of access keys that name none (not 12 digits, not a structured key).
    #[arg(long, env = "SCLOCAL_DEFAULT_ACCOUNT", default_value = "000000000000", value_parser = parse_account)]
    pub default_account: String,
    /// Largest request body accepted, in bytes.
    #[arg(long, default_value_t = 8 * 1024 * 1024)]
    pub max_body_bytes: usize,
    /// Portfolios per account and region (AWS's default quota is 100).
    #[arg(long, default_value_t = 100)]
    pub portfolio_limit: usize,
    /// Accounts a portfolio may be shared with by account shares (AWS's default quota is 5,000).
    #[arg(long, default_value_t = 5000)]
    pub shared_accounts_limit: usize,
    /// Keep each organization share operation in progress at least this long (`2s`, `500ms`),
    /// to test polling and the one-action-at-a-time rule.
    #[arg(long, env = "SCLOCAL_SHARE_PROCESSING_DELAY", default_value = "0s", value_parser = parse_duration)]
    pub share_processing_delay: std::time::Duration,
    /// Accounts an organization share fan-out records per step (one transaction each).
    #[arg(long, default_value_t = sclocal_core::catalog::share::fanout::DEFAULT_BATCH, hide = true)]
    pub share_fanout_batch: usize,
    /// Accounts per organization, members plus open invitations (AWS's default quota is 10).
    /// The bootstrap ignores it.
    #[arg(long, env = "SCLOCAL_ORG_ACCOUNT_LIMIT", default_value_t = 10)]
    pub org_account_limit: usize,
    /// Milliseconds a CreateAccount request stays IN_PROGRESS before a read completes it.
    #[arg(long, env = "SCLOCAL_CREATE_ACCOUNT_DELAY_MS", default_value_t = 0)]
    pub create_account_delay_ms: u64,
    /// YAML (or JSON) file of organizations to stand up at start-up, idempotently
    /// (README "Bootstrap").
    #[arg(long, env = "SCLOCAL_BOOTSTRAP")]
    pub bootstrap: Option<PathBuf>,
    /// The token the admin endpoints and the console ask for when `--listen` is not a
    /// loopback address (default: a random one, printed once at start-up).
    #[arg(long, env = "SCLOCAL_ADMIN_TOKEN", hide_env_values = true)]
    pub admin_token: Option<AdminToken>,
    /// Service control policies: `on` evaluates every member account's request against the
    /// SCPs in effect for it (once SCPs are enabled on its root); `off` stores, lists and
    /// validates policies but never evaluates them.
    #[arg(long, env = "SCLOCAL_SCP_ENFORCEMENT", default_value = "on", value_parser = parse_switch, action = clap::ArgAction::Set)]
    pub scp_enforcement: bool,
    /// Directory of CloudFormation templates: an artifact's `LoadTemplateFromURL` for S3 object
    /// BUCKET/KEY is read from DIR/BUCKET/KEY (never outside DIR). Without it, templates are
    /// opaque: no parameters, no validation, no outputs.
    #[arg(long, env = "SCLOCAL_TEMPLATES")]
    pub templates: Option<PathBuf>,
    /// Keep each provisioning record in progress at least this long (`2s`, `500ms`), to test
    /// waiters and the UNDER_CHANGE rules.
    #[arg(long, env = "SCLOCAL_PROVISIONING_DELAY", default_value = "0s", value_parser = parse_duration)]
    pub provisioning_delay: std::time::Duration,
}

impl Config {
    /// A configuration for tests: in memory, lenient auth, defaults elsewhere.
    pub fn for_tests() -> Self {
        Config {
            listen: "127.0.0.1:0".into(),
            data_dir: PathBuf::from("./.sclocal"),
            in_memory: true,
            database_url: None,
            auth: AuthMode::Lenient,
            credentials: None,
            default_account: "000000000000".into(),
            max_body_bytes: 8 * 1024 * 1024,
            portfolio_limit: 100,
            shared_accounts_limit: 5000,
            share_processing_delay: std::time::Duration::ZERO,
            share_fanout_batch: sclocal_core::catalog::share::fanout::DEFAULT_BATCH,
            org_account_limit: 10,
            create_account_delay_ms: 0,
            bootstrap: None,
            admin_token: None,
            scp_enforcement: true,
            templates: None,
            provisioning_delay: std::time::Duration::ZERO,
        }
    }
}

fn parse_duration(s: &str) -> Result<std::time::Duration, String> {
    humantime::parse_duration(s)
        .map_err(|e| format!("{s:?} is not a duration like 2s or 500ms: {e}"))
}

fn parse_auth(s: &str) -> Result<AuthMode, String> {
    s.parse()
        .map_err(|_| format!("unknown auth mode {s:?}; expected off, lenient or strict"))
}

fn parse_switch(s: &str) -> Result<bool, String> {
    match s {
        "on" => Ok(true),
        "off" => Ok(false),
        _ => Err(format!("{s:?} is neither on nor off")),
    }
}

fn parse_account(s: &str) -> Result<String, String> {
    if s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit()) {
        Ok(s.to_string())
    } else {
        Err(format!("{s:?} is not a 12-digit account id"))
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser as _;

    use super::*;

    fn serve(args: &[&str]) -> Result<Config, clap::Error> {
        let cli = Cli::try_parse_from(["sclocal", "serve"].iter().chain(args))?;
        let Command::Serve(config) = cli.command else {
            unreachable!("serve parses as Serve")
        };
        Ok(*config)
    }

    #[test]
    fn scp_enforcement_is_on_unless_switched_off() {
        assert!(serve(&[]).unwrap().scp_enforcement);
        assert!(serve(&["--scp-enforcement", "on"]).unwrap().scp_enforcement);
        assert!(
            !serve(&["--scp-enforcement", "off"])
                .unwrap()
                .scp_enforcement
        );
        assert!(serve(&["--scp-enforcement", "maybe"]).is_err());
    }
}
