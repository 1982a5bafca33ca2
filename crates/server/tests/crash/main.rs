//! Crash safety: the real binary is SIGKILLed in the middle of an organization-wide fan-out, of
//! a burst of writes and of provisioning records, restarted on the same data directory, and
//! must then finish the fan-out exactly once per account, still hold every acknowledged write,
//! and finish every acknowledged record exactly once.

use std::path::Path;

#[path = "../process/mod.rs"]
mod process;
mod provisioning;
mod shares;

use process::Server;

/// `sclocal serve --data-dir data` with `extra` arguments, healthy.
pub(crate) async fn start(data: &Path, extra: &[&str]) -> Server {
    let data = data.to_string_lossy().to_string();
    let mut args = vec!["--data-dir", data.as_str()];
    args.extend_from_slice(extra);
    Server::start(&args).await
}
