//! `outcomes validate FILE...`: every problem of every file, one a line on stderr as
//! `FILE: json.path: message`; a summary line on stdout for each valid file.

use crate::arguments::{Argument, Arguments};
use crate::output::{line_err, line_out, shown_path};
use crate::read_feed::{read_feed, FeedBytes, STANDARD_INPUT};
use crate::summary::summary;
use crate::usage::{print_help, usage_error, VALIDATE};
use crate::Outcome;
use outcomes_core::validate::feed_too_large;
use outcomes_core::Problem;
use std::path::{Path, PathBuf};

pub fn run(mut arguments: Arguments) -> Outcome {
    let mut files: Vec<PathBuf> = Vec::new();
    while let Some(argument) = arguments.next(&[]) {
        match argument {
            Argument::Help => return print_help(VALIDATE),
            Argument::Option { name, .. } => return usage_error(VALIDATE, &format!("unknown option {name:?}")),
            Argument::Name(name) => files.push(PathBuf::from(name)),
        }
    }
    if files.is_empty() {
        return usage_error(VALIDATE, "no FILE given");
    }
    // Every file is checked, even after a bad one; the exit code is the worst outcome.
    files.iter().map(|file| validate_file(file)).max().unwrap_or(Outcome::Success)
}

fn validate_file(path: &Path) -> Outcome {
    let shown = if path.as_os_str() == STANDARD_INPUT { "(standard input)".to_owned() } else { shown_path(path) };
    match read_feed(path) {
        Err(message) => {
            line_err(&format!("{shown}: {message}"));
            Outcome::UsageOrInputOutput
        }
        Ok(FeedBytes::TooLarge(size)) => report(&shown, &[feed_too_large(size)]),
        Ok(FeedBytes::Complete(bytes)) => match outcomes_core::validate(&bytes) {
            Ok(feed) => {
                line_out(&format!("{shown}: {}", summary(&feed)));
                Outcome::Success
            }
            Err(problems) => report(&shown, &problems),
        },
    }
}

fn report(shown: &str, problems: &[Problem]) -> Outcome {
    for problem in problems {
        line_err(&format!("{shown}: {problem}"));
    }
    Outcome::Invalid
}
