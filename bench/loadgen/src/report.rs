//! What a run measured: per-worker tallies, merged into one report, printed for people or
//! as JSON for scripts (`bench/compare.sh` reads `throughput_rps`, `p50_us`, `p99_us`).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use hdrhistogram::Histogram;
use serde_json::json;

/// One worker's tallies.
pub struct Tally {
    /// Latencies of measured requests, in microseconds.
    pub latency: Histogram<u64>,
    /// Measured requests, successful or not.
    pub requests: u64,
    /// Measured requests that failed (transport error, timeout or non-2xx status).
    pub errors: u64,
    /// Measured answers by HTTP status (0 for transport errors and timeouts).
    pub statuses: BTreeMap<u16, u64>,
    /// Error codes seen (`__type`, XML `<Code>` or the transport error), with counts.
    pub codes: BTreeMap<String, u64>,
    /// Connections opened, including reconnects.
    pub connects: u64,
    /// For scenarios that settle: time from the measured call to what it started being done,
    /// in microseconds.
    pub settle: Histogram<u64>,
    /// Measured calls whose work ended successfully.
    pub settled: u64,
    /// Measured calls whose work ended in failure (or could not be followed).
    pub settle_failed: u64,
}

impl Tally {
    /// An empty tally.
    pub fn new() -> anyhow::Result<Self> {
        Ok(Tally {
            // 1 µs to 60 s at 3 significant digits.
            latency: Histogram::new_with_bounds(1, 60_000_000, 3)?,
            requests: 0,
            errors: 0,
            statuses: BTreeMap::new(),
            codes: BTreeMap::new(),
            connects: 0,
            settle: Histogram::new_with_bounds(1, 60_000_000, 3)?,
            settled: 0,
            settle_failed: 0,
        })
    }

    /// Adds another worker's tallies.
    pub fn merge(&mut self, other: &Tally) -> anyhow::Result<()> {
        self.latency.add(&other.latency)?;
        self.settle.add(&other.settle)?;
        self.settled += other.settled;
        self.settle_failed += other.settle_failed;
        self.requests += other.requests;
        self.errors += other.errors;
        self.connects += other.connects;
        for (k, v) in &other.statuses {
            *self.statuses.entry(*k).or_default() += v;
        }
        for (k, v) in &other.codes {
            *self.codes.entry(k.clone()).or_default() += v;
        }
        Ok(())
    }
}

/// The run's parameters, echoed in the report.
pub struct RunInfo<'a> {
    /// Scenario name.
    pub scenario: &'a str,
    /// Endpoint.
    pub endpoint: &'a str,
    /// Connections.
    pub connections: usize,
    /// Measured wall time in seconds.
    pub elapsed_s: f64,
}

/// The report as JSON.
#[expect(
    clippy::cast_precision_loss,
    reason = "request counts stay far below 2^52"
)]
pub fn to_json(info: &RunInfo<'_>, t: &Tally) -> serde_json::Value {
    let h = &t.latency;
    let rps = if info.elapsed_s > 0.0 {
        t.requests as f64 / info.elapsed_s
    } else {
        0.0
    };
    let mut doc = json!({
        "scenario": info.scenario,
        "endpoint": info.endpoint,
        "connections": info.connections,
        "elapsed_s": round2(info.elapsed_s),
        "requests": t.requests,
        "errors": t.errors,
        "throughput_rps": round2(rps),
        "p50_us": h.value_at_quantile(0.50),
        "p90_us": h.value_at_quantile(0.90),
        "p99_us": h.value_at_quantile(0.99),
        "max_us": h.max(),
        "mean_us": round2(h.mean()),
        "connects": t.connects,
        "statuses": t.statuses.iter().map(|(k, v)| (k.to_string(), json!(v))).collect::<serde_json::Map<_, _>>(),
        "error_codes": t.codes,
    });
    if t.settled + t.settle_failed > 0 {
        doc["settled"] = json!(t.settled);
        doc["settle_failed"] = json!(t.settle_failed);
    }
    // Percentiles only of work that was seen to finish.
    if t.settled > 0 {
        let s = &t.settle;
        doc["settle_p50_us"] = json!(s.value_at_quantile(0.50));
        doc["settle_p99_us"] = json!(s.value_at_quantile(0.99));
        doc["settle_max_us"] = json!(s.max());
    }
    doc
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// The report for people.
pub fn to_text(info: &RunInfo<'_>, t: &Tally) -> String {
    let j = to_json(info, t);
    let ms = |key: &str| j[key].as_u64().map_or(0.0, micros_to_ms);
    let mut out = format!(
        "scenario     {}\nendpoint     {}\nconnections  {}\nelapsed      {:.2} s\nrequests     {}\nerrors       {}\nthroughput   {:.0} req/s\nlatency      p50 {:.3} ms  p90 {:.3} ms  p99 {:.3} ms  max {:.3} ms\nconnects     {}\n",
        info.scenario,
        info.endpoint,
        info.connections,
        info.elapsed_s,
        t.requests,
        t.errors,
        j["throughput_rps"].as_f64().unwrap_or(0.0),
        ms("p50_us"),
        ms("p90_us"),
        ms("p99_us"),
        ms("max_us"),
        t.connects,
    );
    if t.settled + t.settle_failed > 0 {
        let _ = writeln!(
            out,
            "settled      {} ok, {} failed; p50 {:.3} ms  p99 {:.3} ms  max {:.3} ms",
            t.settled,
            t.settle_failed,
            ms("settle_p50_us"),
            ms("settle_p99_us"),
            ms("settle_max_us"),
        );
    }
    for (status, n) in &t.statuses {
        let _ = writeln!(out, "status {status}   {n}");
    }
    for (code, n) in &t.codes {
        let _ = writeln!(out, "error  {code}   {n}");
    }
    out
}

#[expect(
    clippy::cast_precision_loss,
    reason = "latencies in µs stay far below 2^52"
)]
fn micros_to_ms(us: u64) -> f64 {
    us as f64 / 1000.0
}
