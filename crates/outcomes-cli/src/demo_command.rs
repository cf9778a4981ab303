//! `outcomes demo --out DIR [--seed N]`: writes the demonstration release to DIR: feed.json, the
//! same figures as tidy CSV files under csv/, and manifest.json with every file's size and SHA-256.
//!
//! Compact JSON (the app downloads it; indentation would add a third to its size), UTF-8, one
//! final newline. The bytes are validated exactly as any published feed would be before anything
//! is written, so the demo can never ship a feed the dashboard would refuse.

use crate::arguments::{as_path, Argument, Arguments};
use crate::output::{line_err, line_out, shown_path};
use crate::summary::summary;
use crate::usage::{print_help, usage_error, DEMO};
use crate::Outcome;
use outcomes_core::demo::{demo_feed, DemoOptions};
use std::path::{Path, PathBuf};

/// The name of the file written inside DIR.
pub const FEED_FILE_NAME: &str = "feed.json";

pub fn run(mut arguments: Arguments) -> Outcome {
    let mut out: Option<PathBuf> = None;
    let mut options = DemoOptions::default();
    while let Some(argument) = arguments.next(&["--out", "--seed"]) {
        match argument {
            Argument::Help => return print_help(DEMO),
            Argument::Option { name, value: None } if name == "--out" || name == "--seed" => {
                return usage_error(DEMO, &format!("{name} needs a value"))
            }
            Argument::Option { name, value: Some(value) } if name == "--out" => out = Some(as_path(value)),
            Argument::Option { name, value: Some(value) } if name == "--seed" => {
                match value.to_str().and_then(|text| text.parse::<u64>().ok()) {
                    Some(seed) => options.seed = seed,
                    None => {
                        let shown = value.to_string_lossy();
                        return usage_error(
                            DEMO,
                            &format!("--seed {shown:?} is not a whole number from 0 to 18446744073709551615"),
                        );
                    }
                }
            }
            Argument::Option { name, .. } => return usage_error(DEMO, &format!("unknown option {name:?}")),
            Argument::Name(name) => {
                return usage_error(DEMO, &format!("unexpected argument {:?}", name.to_string_lossy()))
            }
        }
    }
    let Some(directory) = out else {
        return usage_error(DEMO, "--out DIR is required");
    };
    write_demo(&directory, &options)
}

fn write_demo(directory: &Path, options: &DemoOptions) -> Outcome {
    let document = demo_feed(options);
    let mut bytes = match serde_json::to_vec(&document) {
        Ok(bytes) => bytes,
        Err(error) => {
            line_err(&format!("outcomes demo: cannot write the feed as JSON: {error}"));
            return Outcome::Invalid;
        }
    };
    bytes.push(b'\n');
    let path = directory.join(FEED_FILE_NAME);
    let shown = shown_path(&path);
    let feed = match outcomes_core::validate(&bytes) {
        Ok(feed) => feed,
        Err(problems) => {
            line_err(&format!("outcomes demo: the generated feed does not validate, so {shown} was not written:"));
            for problem in problems {
                line_err(&format!("{shown}: {problem}"));
            }
            return Outcome::Invalid;
        }
    };
    if let Err(message) = crate::write_release::write_release(directory, &feed, &bytes) {
        line_err(&message);
        return Outcome::UsageOrInputOutput;
    }
    line_out(&format!(
        "{shown}: written, {} bytes, {}",
        outcomes_core::format::thousands(bytes.len() as u64),
        summary(&feed)
    ));
    Outcome::Success
}
