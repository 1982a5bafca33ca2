//! The `sclocal` binary: parse the command line, set up logging, run.

use clap::Parser;
use sclocal_server::config::{Cli, Command};

/// mimalloc instead of the system allocator: requests allocate and free many small objects
/// across the runtime's threads. Built with `no_thp`: with transparent huge pages its first
/// arena doubled idle memory (10 → 18 MiB) for no measurable throughput.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let filter = || {
        tracing_subscriber::EnvFilter::try_from_default_env()
            .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"))
    };
    match cli.command {
        Command::Serve(config) => {
            // Log lines are written by a background thread in batches, so a request never
            // waits on the terminal or the log file, and nothing is dropped (see `log_writer`).
            let (writer, _flush_on_exit) = sclocal_server::log_writer::BatchedStdout::start()?;
            tracing_subscriber::fmt()
                .with_env_filter(filter())
                .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stdout()))
                .with_target(false)
                .with_writer(writer)
                .init();
            let listener = tokio::net::TcpListener::bind(&config.listen).await?;
            tracing::info!(address = %listener.local_addr()?, "sclocal listening");
            sclocal_server::run(listener, *config, sclocal_server::shutdown_signal()).await
        }
        Command::AccessReport(args) => {
            // The report is the standard output (`--json` is read by programs); what the
            // store logs while opening (a migration applied) goes to the standard error.
            tracing_subscriber::fmt()
                .with_env_filter(filter())
                .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
                .with_target(false)
                .with_writer(std::io::stderr)
                .init();
            let text = sclocal_server::access_report::run_cli(&args).await?;
            print!("{text}");
            Ok(())
        }
    }
}
