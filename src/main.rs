//! Parses arguments, opens the store, dispatches. Thin on purpose.

use clap::Parser;
use revdesk::cli::{self, Cli};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = Cli::parse();
    if args.command.is_some() {
        // Headless output piped into `head` ends quietly, as Unix tools do.
        // SAFETY: restoring the default disposition of SIGPIPE at start-up.
        unsafe { libc::signal(libc::SIGPIPE, libc::SIG_DFL) };
    }
    let result = match &args.command {
        Some(command) => cli::run(&args, command),
        None => cli::default_view(&args),
    };
    match result {
        Ok(code) => ExitCode::from(code as u8),
        Err(e) => {
            // One line: the error and its causes, never a panic or a backtrace.
            let chain: Vec<String> = e.chain().map(|c| c.to_string()).collect();
            eprintln!("revdesk: error: {}", chain.join(": "));
            ExitCode::from(1)
        }
    }
}
