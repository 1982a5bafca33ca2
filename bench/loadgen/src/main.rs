//! `sclocal-loadgen`: drives N keep-alive connections of SigV4-signed requests against a
//! loopback endpoint for a bounded time (or request count) and reports throughput, errors and
//! latency percentiles. See `BENCHMARKS.md` for how the published figures were made.

mod client;
mod provisioning;
mod report;
mod scenario;
mod settle;
mod setup;
mod vending;

use std::collections::HashMap;
use std::net::{SocketAddr, ToSocketAddrs as _};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context as _};
use clap::Parser;

use crate::client::Conn;
use crate::report::{RunInfo, Tally};
use crate::scenario::Scenario;
use crate::setup::{account, placeholders, probe, setup, signer};

/// Load generator for sclocal (and moto, and the bare ceiling server).
#[derive(Debug, Parser)]
#[command(version, about)]
struct Args {
    /// Endpoint URL; must be a loopback address (`http://127.0.0.1:4566`). Several, comma
    /// separated, spread the connections over them in turn (instances over one database).
    #[arg(long, default_value = "http://127.0.0.1:4566", value_delimiter = ',')]
    endpoint: Vec<String>,
    /// Scenario name (`--list` shows them); `raw` needs `--target` and `--body`.
    #[arg(long, short, default_value = "list-portfolios")]
    scenario: String,
    /// Concurrent keep-alive connections.
    #[arg(long, short, default_value_t = 16)]
    connections: usize,
    /// Measured seconds (after the warm-up); also the cap when `--requests` is given.
    #[arg(long, short, default_value_t = 10.0)]
    duration: f64,
    /// Stop after this many measured requests (or `--duration`, whichever comes first).
    #[arg(long, short)]
    requests: Option<u64>,
    /// Unmeasured seconds before measuring.
    #[arg(long, default_value_t = 1.0)]
    warmup: f64,
    /// SigV4 region.
    #[arg(long, default_value = "us-east-1")]
    region: String,
    /// `X-Amz-Target` for the `raw` scenario.
    #[arg(long)]
    target: Option<String>,
    /// JSON body template for the `raw` scenario (`${seq}`, `${account}`, `${portfolio_id}`…).
    #[arg(long)]
    body: Option<String>,
    /// Number that keeps this run's accounts apart from earlier runs on the same server
    /// (0..800); defaults to the clock.
    #[arg(long)]
    salt: Option<u64>,
    /// Skip the scenario's setup calls and use a fixed value for what they would capture
    /// (for targets that answer `{}` to everything, such as `sclocal-bare`).
    #[arg(long)]
    no_setup: bool,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
    /// List the scenarios and exit.
    #[arg(long)]
    list: bool,
}

/// Longest run accepted, so that a typo cannot leave a load running for hours.
const MAX_SECONDS: f64 = 600.0;
/// A request that takes longer than this counts as an error.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(5);

/// What every worker shares.
struct Plan {
    scenario: Scenario,
    salt: u64,
    measure_from: Instant,
    until: Instant,
    budget: Option<AtomicU64>,
    seq: AtomicU64,
    /// `--no-setup`: placeholders instead of setup calls (the bare server).
    no_setup: bool,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    if args.list {
        for s in provisioning::all() {
            println!("{:32} {}", s.name, s.about);
        }
        println!("{:32} any awsJson --target with a --body template", "raw");
        return Ok(());
    }
    let scenario = pick(&args)?;
    let endpoints = args
        .endpoint
        .iter()
        .map(|e| loopback(e))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let durations_ok = args.duration > 0.0
        && args.duration <= MAX_SECONDS
        && (0.0..=MAX_SECONDS).contains(&args.warmup);
    if !durations_ok {
        bail!("--duration must be in (0, {MAX_SECONDS}] and --warmup in [0, {MAX_SECONDS}]");
    }
    if args.connections == 0 || args.connections > 1000 {
        bail!("--connections must be 1..=1000");
    }
    let salt = args.salt.unwrap_or_else(|| {
        u64::try_from(time::OffsetDateTime::now_utc().unix_timestamp()).unwrap_or(0)
    }) % 800;
    let mut conns = Vec::with_capacity(args.connections);
    for i in 0..args.connections {
        let (addr, host) = &endpoints[i % endpoints.len()];
        let mut conn = Conn::new(*addr, host.clone(), args.region.clone());
        let vars = if args.no_setup {
            placeholders(&scenario, salt, i)
        } else {
            setup(&mut conn, &scenario, salt, i, 0).await?
        };
        conns.push((conn, vars));
    }
    probe(&mut conns, &scenario, salt).await?;
    #[expect(clippy::disallowed_methods, reason = "a benchmark measures wall time")]
    let start = Instant::now();
    let measure_from = start + Duration::from_secs_f64(args.warmup);
    let plan = Arc::new(Plan {
        scenario,
        salt,
        measure_from,
        until: measure_from + Duration::from_secs_f64(args.duration),
        budget: args.requests.map(AtomicU64::new),
        seq: AtomicU64::new(1),
        no_setup: args.no_setup,
    });
    let mut tasks = Vec::new();
    for (i, (conn, vars)) in conns.into_iter().enumerate() {
        tasks.push(tokio::spawn(worker(plan.clone(), i, conn, vars)));
    }
    let mut total = Tally::new()?;
    for task in tasks {
        total.merge(&task.await??)?;
    }
    #[expect(clippy::disallowed_methods, reason = "a benchmark measures wall time")]
    let elapsed = Instant::now().saturating_duration_since(measure_from);
    let info = RunInfo {
        scenario: plan.scenario.name,
        endpoint: &args.endpoint.join(","),
        connections: args.connections,
        elapsed_s: elapsed.as_secs_f64(),
    };
    if args.json {
        println!("{}", report::to_json(&info, &total));
    } else {
        print!("{}", report::to_text(&info, &total));
    }
    Ok(())
}

fn pick(args: &Args) -> anyhow::Result<Scenario> {
    if args.scenario == "raw" {
        let target = args.target.as_deref().context("raw needs --target")?;
        return Ok(scenario::raw(target, args.body.as_deref().unwrap_or("{}")));
    }
    provisioning::all()
        .into_iter()
        .find(|s| s.name == args.scenario)
        .with_context(|| format!("unknown scenario {:?}; see --list", args.scenario))
}

/// Resolves the endpoint and refuses anything but loopback: this tool is for local servers.
fn loopback(endpoint: &str) -> anyhow::Result<(SocketAddr, String)> {
    let rest = endpoint
        .strip_prefix("http://")
        .context("the endpoint must be http://host:port (no TLS)")?;
    let host = rest.split('/').next().unwrap_or(rest).to_owned();
    let with_port = if host.contains(':') && !host.ends_with(']') {
        host.clone()
    } else {
        format!("{host}:80")
    };
    let addrs: Vec<SocketAddr> = with_port.to_socket_addrs()?.collect();
    match addrs.iter().find(|a| a.ip().is_loopback()) {
        Some(a) if addrs.iter().all(|a| a.ip().is_loopback()) => Ok((*a, host)),
        _ => {
            bail!("{endpoint} is not a loopback address; sclocal-loadgen only targets this machine")
        }
    }
}

async fn worker(
    plan: Arc<Plan>,
    i: usize,
    mut conn: Conn,
    mut vars: HashMap<&'static str, String>,
) -> anyhow::Result<Tally> {
    let mut tally = Tally::new()?;
    let mut sent: u64 = 0;
    let mut set_up_for: u64 = 0;
    loop {
        #[expect(clippy::disallowed_methods, reason = "a benchmark measures wall time")]
        let started = Instant::now();
        if started >= plan.until {
            break;
        }
        let measured = started >= plan.measure_from;
        if measured {
            if let Some(budget) = &plan.budget {
                let taken =
                    budget.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_sub(1));
                if taken.is_err() {
                    break;
                }
            }
        }
        let seq = plan.seq.fetch_add(1, Ordering::Relaxed);
        let block = plan.scenario.rotate_account_every.map_or(0, |n| sent / n);
        if plan.scenario.setup_per_account && block != set_up_for && !plan.no_setup {
            // A new account gets its own setup (a fresh portfolio below its quotas); the
            // call is not measured.
            vars.extend(setup(&mut conn, &plan.scenario, plan.salt, i, block).await?);
            set_up_for = block;
        }
        let who = if plan.scenario.one_account { 0 } else { i };
        vars.insert("account", account(plan.salt, who, block));
        vars.insert("seq", seq.to_string());
        vars.insert(
            "peer",
            format!("{}", 200_000_000_000 + plan.salt * 1_000_000_000 + seq),
        );
        let body = scenario::render(&plan.scenario.call.body, &vars);
        let result = tokio::time::timeout(
            REQUEST_TIMEOUT,
            conn.send(
                &plan.scenario.call,
                signer(&plan.scenario, &vars),
                body,
                time::OffsetDateTime::now_utc(),
            ),
        )
        .await;
        sent += 1;
        let started_work = match (&result, &plan.scenario.settle) {
            (Ok(Ok(a)), Some(_)) if (200..300).contains(&a.status) => Some(a.body.clone()),
            _ => None,
        };
        if measured {
            record(&mut tally, started, result)?;
            if let Some(body) = started_work {
                settle::until_done(&mut conn, &plan.scenario, &vars, &body, started, &mut tally)
                    .await?;
            }
        }
    }
    tally.connects = conn.connects;
    Ok(tally)
}

fn record(
    tally: &mut Tally,
    started: Instant,
    result: Result<anyhow::Result<client::Answer>, tokio::time::error::Elapsed>,
) -> anyhow::Result<()> {
    let micros = u64::try_from(started.elapsed().as_micros()).unwrap_or(u64::MAX);
    tally.latency.record(micros.clamp(1, 60_000_000))?;
    tally.requests += 1;
    let (status, code) = match result {
        Ok(Ok(answer)) if (200..300).contains(&answer.status) => (answer.status, None),
        Ok(Ok(answer)) => (answer.status, Some(error_code(&answer.body))),
        Ok(Err(e)) => (0, Some(format!("transport: {e}"))),
        Err(_) => (0, Some("timeout".to_owned())),
    };
    *tally.statuses.entry(status).or_default() += 1;
    if let Some(code) = code {
        tally.errors += 1;
        *tally.codes.entry(code).or_default() += 1;
    }
    Ok(())
}

/// `__type` of a JSON error, `<Code>` of an XML one, or `?`.
fn error_code(body: &[u8]) -> String {
    if let Ok(doc) = serde_json::from_slice::<serde_json::Value>(body) {
        if let Some(t) = doc["__type"].as_str() {
            return t.rsplit('#').next().unwrap_or(t).to_owned();
        }
    }
    let text = String::from_utf8_lossy(body);
    text.split_once("<Code>")
        .and_then(|(_, rest)| rest.split_once("</Code>"))
        .map_or_else(|| "?".to_owned(), |(code, _)| code.to_owned())
}
