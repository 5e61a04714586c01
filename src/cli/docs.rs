//! The command line describing itself: shell completions (clap_complete)
//! and manual pages (clap_mangen), both generated from the same clap
//! definitions as `--help`, so they never disagree with it.

use super::Cli;
use anyhow::{Context, Result, bail};
use clap::CommandFactory;
use std::io::Write;
use std::path::Path;

/// `revdesk completions SHELL`: the completion script on standard output.
pub fn completions(shell: clap_complete::Shell) -> Result<i32> {
    let mut cmd = Cli::command();
    let mut out = std::io::stdout().lock();
    clap_complete::generate(shell, &mut cmd, "revdesk", &mut out);
    out.flush()?;
    Ok(0)
}

/// `revdesk manpage [COMMAND] [--out DIR]`: one page in roff on standard
/// output, or every page into a folder.
pub fn manpage(command: Option<&str>, out: Option<&Path>) -> Result<i32> {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    if let Some(dir) = out {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        clap_mangen::generate_to(cmd, dir)
            .with_context(|| format!("cannot write the pages into {}", dir.display()))?;
        eprintln!("wrote the manual pages into {}", dir.display());
        return Ok(0);
    }
    cmd.build();
    let page = match command {
        None => cmd,
        Some(name) => {
            let mut found = &cmd;
            for word in name.split_whitespace() {
                found = match found.find_subcommand(word) {
                    Some(c) => c,
                    None => bail!("COMMAND: no command {name:?} (see revdesk --help)"),
                };
            }
            found.clone()
        }
    };
    let mut buf = Vec::new();
    clap_mangen::Man::new(page).render(&mut buf)?;
    std::io::stdout().lock().write_all(&buf)?;
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every argument of every command, options and positionals alike,
    /// says what it is for: a new subcommand without descriptions fails here.
    #[test]
    fn every_argument_is_described() {
        fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
            for a in cmd.get_arguments() {
                let id = a.get_id().as_str();
                if id == "help" || id == "version" {
                    continue;
                }
                let said = a.get_help().or(a.get_long_help());
                if said.is_none_or(|h| h.to_string().trim().is_empty()) {
                    missing.push(format!("{path} {id}"));
                }
            }
            for sub in cmd.get_subcommands() {
                if sub.get_about().is_none() && sub.get_long_about().is_none() {
                    missing.push(format!("{path} {} (the command itself)", sub.get_name()));
                }
                walk(sub, &format!("{path} {}", sub.get_name()), missing);
            }
        }
        let mut cmd = Cli::command();
        cmd.build();
        let mut missing = Vec::new();
        walk(&cmd, "revdesk", &mut missing);
        assert!(
            missing.is_empty(),
            "arguments without a description:\n  {}",
            missing.join("\n  ")
        );
    }

    #[test]
    fn the_definitions_are_sound() {
        Cli::command().debug_assert();
    }
}
