//! Following what a measured call started until it is done (a scenario's [`Settle`]): the
//! polled call runs back to back on the same connection, signed like the measured call, and
//! the time from the measured call's start to the answer that says "done" goes into the
//! report's settle histogram.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use crate::client::Conn;
use crate::report::Tally;
use crate::scenario::{self, Scenario, Settle};
use crate::setup::{capture, signer};

/// Longest a measured call's work is followed before it counts as failed.
const SETTLE_LIMIT: Duration = Duration::from_secs(30);

/// Polls until the work the answer `started_by` names is done, then records the time since
/// `started` (or a failure).
pub async fn until_done(
    conn: &mut Conn,
    scenario: &Scenario,
    vars: &HashMap<&'static str, String>,
    started_by: &[u8],
    started: Instant,
    tally: &mut Tally,
) -> anyhow::Result<()> {
    let Some(settle) = &scenario.settle else {
        return Ok(());
    };
    let ok = follow(conn, scenario, settle, vars, started_by, started).await;
    if ok {
        let micros = u64::try_from(started.elapsed().as_micros()).unwrap_or(u64::MAX);
        tally.settle.record(micros.clamp(1, 60_000_000))?;
        tally.settled += 1;
    } else {
        tally.settle_failed += 1;
    }
    Ok(())
}

async fn follow(
    conn: &mut Conn,
    scenario: &Scenario,
    settle: &Settle,
    vars: &HashMap<&'static str, String>,
    started_by: &[u8],
    started: Instant,
) -> bool {
    let (name, path) = settle.capture;
    let Some(value) = capture(started_by, path) else {
        return false;
    };
    let mut vars = vars.clone();
    vars.insert(name, value);
    let body = scenario::render(&settle.call.body, &vars);
    let (done_path, done_values) = settle.done;
    while started.elapsed() < SETTLE_LIMIT {
        let answer = conn
            .send(
                &settle.call,
                signer(scenario, &vars),
                body.clone(),
                time::OffsetDateTime::now_utc(),
            )
            .await;
        let Ok(answer) = answer else {
            return false;
        };
        match capture(&answer.body, done_path) {
            Some(state) if state == done_values[0] => return true,
            Some(state) if done_values.contains(&state.as_str()) => return false,
            _ if !(200..300).contains(&answer.status) => return false,
            _ => {}
        }
    }
    false
}
