//! Parses arguments, opens the store, dispatches. Thin on purpose.

use clap::Parser;
use revdesk::cli::{self, Cli};
use revdesk::domain::text::sanitize;
use std::process::ExitCode;

fn main() -> ExitCode {
    revdesk::store::configure_sqlite();
    let args = match Cli::try_parse() {
        Ok(a) => a,
        Err(e) => return usage_error(&e),
    };
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
            // Errors may quote the store (a name) or an argument: inert.
            eprintln!("revdesk: error: {}", sanitize(&chain.join(": ")));
            ExitCode::from(1)
        }
    }
}

/// clap's message for a bad command line (or --help, --version), each
/// line made inert: clap quotes the argument it refuses as given.
fn usage_error(e: &clap::Error) -> ExitCode {
    let text = e.render().to_string();
    let inert: String = text.lines().map(|l| sanitize(l) + "\n").collect();
    if e.use_stderr() {
        eprint!("{inert}");
    } else {
        print!("{inert}");
    }
    ExitCode::from(e.exit_code().clamp(0, 255) as u8)
}
