//! Hand-rolled argument reading: the command has three subcommands and three options, which does
//! not justify an argument-parsing dependency.

use std::ffi::OsString;
use std::path::PathBuf;

/// The arguments after the subcommand name, consumed front to back.
pub struct Arguments {
    remaining: std::collections::VecDeque<OsString>,
    /// Set once `--` has been seen: everything after it is a file name, even `--help`.
    only_names_from_here: bool,
}

/// One argument, classified.
pub enum Argument {
    /// `--help` or `-h`.
    Help,
    /// `--name value` or `--name=value`; `value` is `None` when it is missing.
    Option { name: String, value: Option<OsString> },
    /// Anything else: a file or directory name.
    Name(OsString),
}

impl Arguments {
    pub fn new(arguments: Vec<OsString>) -> Arguments {
        Arguments { remaining: arguments.into(), only_names_from_here: false }
    }

    /// The next argument as text, for subcommand names (a non-UTF-8 word is shown lossily).
    pub fn next_word(&mut self) -> Option<String> {
        self.remaining.pop_front().map(|word| word.to_string_lossy().into_owned())
    }

    /// The next argument, with `--name value` taken as one option. Option names are the ones
    /// the subcommand takes a value for; any other `-x` is returned as an option without value,
    /// for the subcommand to refuse.
    pub fn next(&mut self, options_with_values: &[&str]) -> Option<Argument> {
        let argument = self.remaining.pop_front()?;
        if self.only_names_from_here {
            return Some(Argument::Name(argument));
        }
        let Some(text) = argument.to_str() else {
            return Some(Argument::Name(argument));
        };
        if text == "--" {
            self.only_names_from_here = true;
            return self.next(options_with_values);
        }
        if text == "--help" || text == "-h" {
            return Some(Argument::Help);
        }
        if !text.starts_with('-') || text == "-" {
            return Some(Argument::Name(argument));
        }
        if let Some((name, value)) = text.split_once('=') {
            return Some(Argument::Option { name: name.to_owned(), value: Some(value.into()) });
        }
        let name = text.to_owned();
        let value = if options_with_values.contains(&name.as_str()) { self.remaining.pop_front() } else { None };
        Some(Argument::Option { name, value })
    }
}

/// A value given to an option, as a path.
pub fn as_path(value: OsString) -> PathBuf {
    PathBuf::from(value)
}
