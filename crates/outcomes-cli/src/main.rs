//! `outcomes`: the command-line companion of the outcomes dashboard.
//!
//! The binary is glue: every rule lives in `outcomes-core`. Each subcommand is a module with a
//! `run` function that takes its arguments and returns the exit code; this file only picks one.
//! Exit codes are the same everywhere: 0 success, 1 a feed that does not validate, 2 bad usage
//! or an input/output error.

mod arguments;
mod audit_command;
mod demo_command;
mod output;
mod publish_command;
mod read_feed;
mod schema_command;
mod summary;
mod usage;
mod validate_command;
mod write_release;

use arguments::Arguments;
use std::process::ExitCode;

/// What a run of the command ended in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    Success = 0,
    Invalid = 1,
    UsageOrInputOutput = 2,
}

fn main() -> ExitCode {
    // Arguments are read as OS strings: a file name that is not UTF-8 is still a file name.
    let mut arguments = Arguments::new(std::env::args_os().skip(1).collect());
    let outcome = match arguments.next_word().as_deref() {
        None => usage::usage_error(usage::MAIN, "no subcommand given"),
        Some("--help" | "-h" | "help") => usage::print_help(usage::MAIN),
        Some("--version" | "-V") => {
            output::line_out(&format!("outcomes {}", env!("CARGO_PKG_VERSION")));
            Outcome::Success
        }
        Some("validate") => validate_command::run(arguments),
        Some("schema") => schema_command::run(arguments),
        Some("demo") => demo_command::run(arguments),
        Some("publish") => publish_command::run(arguments),
        Some("audit") => audit_command::run(arguments),
        Some(other) => usage::usage_error(usage::MAIN, &format!("unknown subcommand {other:?}")),
    };
    ExitCode::from(outcome as u8)
}
