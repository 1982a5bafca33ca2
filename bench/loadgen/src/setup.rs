//! What a connection does before the clock starts: its accounts, the scenario's setup calls
//! (capturing values from their answers, JSON or STS's XML), and one probe of the measured
//! call; and who signs the measured call.

use std::collections::HashMap;

use anyhow::{bail, Context as _};

use crate::client::Conn;
use crate::scenario::{self, As, Scenario};

/// The access key the measured call is signed with: a captured session's, or the account's.
pub fn signer<'a>(scenario: &Scenario, vars: &'a HashMap<&'static str, String>) -> &'a str {
    scenario
        .sign_as
        .and_then(|name| vars.get(name))
        .unwrap_or(&vars["account"])
}

/// The text at `path` in an answer: a JSON document's nested members, or for an XML answer
/// (STS) the text of the element named by the path's last key.
pub fn capture(body: &[u8], path: &[&str]) -> Option<String> {
    if let Ok(doc) = serde_json::from_slice::<serde_json::Value>(body) {
        // A key that is a number indexes an array (`["Items", "0", "Id"]`).
        return path
            .iter()
            .fold(&doc, |d, k| match k.parse::<usize>() {
                Ok(i) if d.is_array() => &d[i],
                _ => &d[*k],
            })
            .as_str()
            .map(str::to_owned);
    }
    let text = String::from_utf8_lossy(body);
    let name = path.last()?;
    let (_, rest) = text.split_once(&format!("<{name}>"))?;
    let (value, _) = rest.split_once(&format!("</{name}>"))?;
    Some(value.to_owned())
}

/// The accounts of connection `i`: its own (rotating in blocks when the scenario asks) and a
/// second one for setup steps that need another party.
pub fn account(salt: u64, conn: usize, block: u64) -> String {
    format!(
        "{}",
        100_000_000_000 + salt * 1_000_000_000 + (conn as u64) * 1_000_000 + block
    )
}

pub fn owner(salt: u64, conn: usize) -> String {
    format!("{}", 990_000_000_000 + salt * 1_000 + conn as u64)
}

pub fn placeholders(scenario: &Scenario, salt: u64, i: usize) -> HashMap<&'static str, String> {
    let i = if scenario.one_account { 0 } else { i };
    let mut vars = HashMap::from([("account", account(salt, i, 0)), ("owner", owner(salt, i))]);
    for (name, _) in scenario.setup.iter().filter_map(|s| s.capture) {
        vars.insert(name, "port-benchbenchbe".to_owned());
    }
    vars
}

/// Runs the scenario's setup steps as connection `i` in account block `block`.
pub async fn setup(
    conn: &mut Conn,
    scenario: &Scenario,
    salt: u64,
    i: usize,
    block: u64,
) -> anyhow::Result<HashMap<&'static str, String>> {
    let i = if scenario.one_account { 0 } else { i };
    let mut vars = HashMap::from([
        ("account", account(salt, i, block)),
        ("owner", owner(salt, i)),
    ]);
    for step in &scenario.setup {
        let who = match step.who {
            As::Me => vars["account"].clone(),
            As::Owner => vars["owner"].clone(),
        };
        let body = scenario::render(&step.call.body, &vars);
        let answer = conn
            .send(&step.call, &who, body, time::OffsetDateTime::now_utc())
            .await?;
        if answer.status != 200 {
            bail!(
                "setup call {} failed with {}: {}",
                step.call.target,
                answer.status,
                String::from_utf8_lossy(&answer.body)
            );
        }
        if let Some((name, path)) = step.capture {
            let value = capture(&answer.body, path)
                .with_context(|| format!("no {path:?} in the answer to {}", step.call.target))?;
            vars.insert(name, value);
        }
    }
    Ok(vars)
}

/// One request before measuring: a target that does not emulate the operation yet (501) or
/// rejects the request stops the run with its answer instead of producing a table of errors.
pub async fn probe(
    conns: &mut [(Conn, HashMap<&'static str, String>)],
    scenario: &Scenario,
    salt: u64,
) -> anyhow::Result<()> {
    let Some((conn, vars)) = conns.first_mut() else {
        return Ok(());
    };
    let mut vars = vars.clone();
    vars.insert("seq", "0".into());
    vars.insert("peer", format!("{}", 200_000_000_000 + salt * 1_000_000));
    let body = scenario::render(&scenario.call.body, &vars);
    let answer = conn
        .send(
            &scenario.call,
            signer(scenario, &vars),
            body,
            time::OffsetDateTime::now_utc(),
        )
        .await?;
    if !(200..300).contains(&answer.status) {
        bail!(
            "{} answers {} to {}: {}",
            scenario.name,
            answer.status,
            scenario.call.target,
            String::from_utf8_lossy(&answer.body)
        );
    }
    Ok(())
}
