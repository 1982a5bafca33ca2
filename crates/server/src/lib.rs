//! The sclocal server as a library: [`run`] serves a listener until `shutdown` resolves.
//! `main.rs` and the end-to-end tests both call it.

pub mod access_report;
pub mod admin;
pub mod admin_door;
pub mod app;
pub mod aws;
pub mod bootstrap;
pub mod config;
pub mod console;
pub mod fault_rules;
pub mod identities;
pub mod log_writer;
pub mod templates;
pub mod worker;

use std::future::Future;

use anyhow::Context as _;

pub use app::{build_app, App};
pub use config::Config;

/// Serves `listener` with `config` until `shutdown` completes, then stops accepting, lets
/// in-flight requests finish and returns.
///
/// # Errors
/// When the store cannot be opened or the listener fails.
pub async fn run(
    listener: tokio::net::TcpListener,
    config: Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let app = build_app(&config).context("starting sclocal")?;
    if let Some(file) = &config.bootstrap {
        bootstrap::load(app.emulator(), file).await?;
    }
    let (stop_worker, worker_stopped) = tokio::sync::watch::channel(false);
    let worker = app.spawn_worker(worker_stopped);
    let (door, generated) = admin_door::AdminDoor::for_listener(
        listener.local_addr()?,
        config.admin_token.clone(),
        &sclocal_core::clock::RandomIds::default(),
    );
    if let Some(token) = generated {
        // The one secret sclocal ever prints: the operator needs it to reach the console.
        eprintln!(
            "sclocal admin token (this listener is not loopback): {}\n  \
             send it as `Authorization: Bearer TOKEN`, or open /console?token=TOKEN once",
            token.expose()
        );
    }
    if door.is_locked() {
        tracing::info!("admin endpoints and the console ask for the admin token");
    }
    let router = app.router(door);
    let served = axum::serve(listener, router)
        .with_graceful_shutdown(shutdown)
        .await;
    // The worker finishes its current step (each step is one transaction) and stops.
    let _ = stop_worker.send(true);
    let _ = worker.await;
    served?;
    tracing::info!("sclocal stopped");
    Ok(())
}

/// Completes on SIGINT (Ctrl-C) or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
