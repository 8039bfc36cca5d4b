//! partnerdeck: parse the command line, run a command or the cockpit.

use std::process::ExitCode;

use clap::Parser;
use partnerdeck::cli::{self, Cli};

fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.log {
        cli::log::start();
    }
    let result = match &cli.command {
        Some(command) => cli::run(&cli, command),
        None => cli::run_cockpit(&cli),
    };
    match result {
        Ok(code) => {
            cli::log::line(&format!("done: {code:?}"));
            code
        }
        Err(failure) => {
            cli::log::line(&format!(
                "failed (exit {}): {}",
                failure.code, failure.message
            ));
            cli::output::note(&format!("partnerdeck: {}", failure.message));
            ExitCode::from(failure.code)
        }
    }
}
