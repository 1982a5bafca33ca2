//! The `sclocal` binary: parse the command line, set up logging, run.

use clap::Parser;
use sclocal_server::config::{Cli, Command};

/// How much of a burst of log lines is gathered into one write to stdout.
const LOG_BUFFER_BYTES: usize = 64 * 1024;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    // Log lines are written by a background thread, so a request never waits on the terminal
    // or the log file; the writer blocks rather than drops lines when it falls behind. The
    // thread takes every line waiting in its channel, then flushes: the buffer turns a burst
    // of lines into one write instead of one per line, and a line logged while the server is
    // idle is still written at once.
    let (writer, _flush_on_exit) = tracing_appender::non_blocking::NonBlockingBuilder::default()
        .lossy(false)
        .finish(std::io::BufWriter::with_capacity(
            LOG_BUFFER_BYTES,
            std::io::stdout(),
        ));
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stdout()))
        .with_target(false)
        .with_writer(writer)
        .init();
    match cli.command {
        Command::Serve(config) => {
            let listener = tokio::net::TcpListener::bind(&config.listen).await?;
            tracing::info!(address = %listener.local_addr()?, "sclocal listening");
            sclocal_server::run(listener, config, sclocal_server::shutdown_signal()).await
        }
        Command::AccessReport(args) => {
            let text = sclocal_server::access_report::run_cli(&args).await?;
            print!("{text}");
            Ok(())
        }
    }
}
