//! `outcomes demo --out DIR [--seed N] [--scale county|national]`: writes the demonstration
//! release to DIR: feed.json, the same figures as tidy CSV files under csv/, and manifest.json with
//! every file's size and SHA-256. At national scale (a synthetic England-sized geography, some
//! 300 MB of JSON) only feed.json, summary.json (the dashboard's first view), one file per
//! district (districts/<code>.json, a ward's or plan's figures) and manifest.json are written: the tidy CSVs would be about four times the feed's size, and the scale exists to
//! measure the dashboard, not to be downloaded.
//!
//! Compact JSON (the app downloads it; indentation would add a third to its size), UTF-8, one
//! final newline. The bytes are validated exactly as any published feed would be before anything
//! is written, so the demo can never ship a feed the dashboard would refuse.

use crate::arguments::{as_path, Argument, Arguments};
use crate::output::{line_err, line_out, shown_path};
use crate::summary::summary;
use crate::usage::{print_help, usage_error, DEMO};
use crate::Outcome;
use outcomes_core::audit::{audit, AuditOptions, AuditSummary};
use outcomes_core::demo::{demo_release, national_demo_release, DemoOptions, NationalShape};
use outcomes_core::release::{dashboard_files, manifest_file};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The name of the file written inside DIR.
pub const FEED_FILE_NAME: &str = "feed.json";

pub fn run(mut arguments: Arguments) -> Outcome {
    let mut out: Option<PathBuf> = None;
    let mut options = DemoOptions::default();
    let mut national = false;
    let mut audited = true;
    while let Some(argument) = arguments.next(&["--out", "--seed", "--scale"]) {
        match argument {
            Argument::Help => return print_help(DEMO),
            Argument::Option { name, value: None } if name == "--no-audit" => audited = false,
            Argument::Option { name, value: None } if name == "--out" || name == "--seed" || name == "--scale" => {
                return usage_error(DEMO, &format!("{name} needs a value"))
            }
            Argument::Option { name, value: Some(value) } if name == "--out" => out = Some(as_path(value)),
            Argument::Option { name, value: Some(value) } if name == "--scale" => match value.to_str() {
                Some("county") => national = false,
                Some("national") => national = true,
                _ => {
                    let shown = value.to_string_lossy();
                    return usage_error(
                        DEMO,
                        &format!("--scale {shown:?} is not a scale (expected county or national)"),
                    );
                }
            },
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
    if national {
        return write_national_demo(&directory, options.seed, audited);
    }
    write_demo(&directory, &options, audited)
}

/// Writes the county-scale release. Unless `audited` is false it is first audited as a reader
/// would audit it (`outcomes audit`, about a minute on two cores): it is written only if it
/// passes, and its manifest records the audit's summary with the secondary suppressions the
/// generator made, as `outcomes publish` records its own.
fn write_demo(directory: &Path, options: &DemoOptions, audited: bool) -> Outcome {
    let (document, secondary_suppressions) = demo_release(options);
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
    let audit = match audited.then(|| audit_before_writing(&feed, &shown, secondary_suppressions)).transpose() {
        Ok(summary) => summary,
        Err(outcome) => return outcome,
    };
    if let Err(message) = crate::write_release::write_release(directory, &feed, &bytes, audit.as_ref()) {
        line_err(&message);
        return Outcome::UsageOrInputOutput;
    }
    line_out(&format!("{shown}: written, {} bytes, {}", outcomes_core::format::thousands(bytes.len()), summary(&feed)));
    Outcome::Success
}

/// The disclosure audit of a generated release, as a reader would run it (`outcomes audit`): its
/// summary with the secondary suppressions the generator made, as `outcomes publish` records its
/// own, or the failures printed and the outcome to exit with (nothing is then written).
fn audit_before_writing(
    feed: &outcomes_core::Feed,
    shown: &str,
    secondary_suppressions: usize,
) -> Result<AuditSummary, Outcome> {
    let report = audit(feed.document(), &[], &AuditOptions::default());
    if !report.passes() {
        line_err(&format!("outcomes demo: the generated feed fails the disclosure audit, so {shown} was not written:"));
        crate::audit_command::print_report(shown, &report);
        return Err(Outcome::Invalid);
    }
    line_out(&format!(
        "{shown}: passes the disclosure audit: {} hidden counts, {} relations, {} of them checked only approximately, {} secondary suppressions, in {:.1} s",
        outcomes_core::format::thousands(report.summary.cells_audited),
        outcomes_core::format::thousands(report.summary.relations),
        outcomes_core::format::thousands(report.summary.unproven),
        outcomes_core::format::thousands(secondary_suppressions),
        report.seconds
    ));
    Ok(AuditSummary { secondary_suppressions, ..report.summary })
}

/// `--scale national`: generates, serialises and validates the national-scale feed, then writes
/// feed.json, its summary (the county and district rows the dashboard's first view loads, as at
/// county scale), each district's file and a manifest listing them (no tidy CSVs), and says how
/// long each step took. Unless `audited` is false it is audited first, as at county scale
/// (about 10 minutes and 11 GB on two cores).
fn write_national_demo(directory: &Path, seed: u64, audited: bool) -> Outcome {
    let started = Instant::now();
    let (document, secondary_suppressions) = national_demo_release(seed, &NationalShape::ENGLAND);
    let generated = started.elapsed();
    let serialised = serde_json::to_vec(&document);
    // The document is not needed once serialised: free it before validation builds its own.
    drop(document);
    let mut bytes = match serialised {
        Ok(bytes) => bytes,
        Err(error) => {
            line_err(&format!("outcomes demo: cannot write the feed as JSON: {error}"));
            return Outcome::Invalid;
        }
    };
    bytes.push(b'\n');
    let path = directory.join(FEED_FILE_NAME);
    let shown = shown_path(&path);
    let validating = Instant::now();
    let feed = match outcomes_core::validate(&bytes) {
        Ok(feed) => feed,
        Err(problems) => {
            line_err(&format!("outcomes demo: the generated feed does not validate, so {shown} was not written:"));
            for problem in problems.iter().take(50) {
                line_err(&format!("{shown}: {problem}"));
            }
            return Outcome::Invalid;
        }
    };
    let validated = validating.elapsed();
    let auditing = Instant::now();
    let audit = match audited.then(|| audit_before_writing(&feed, &shown, secondary_suppressions)).transpose() {
        Ok(summary) => summary,
        Err(outcome) => return outcome,
    };
    let audited_in = auditing.elapsed();
    let feed_bytes = bytes.len() as u64;
    let mut files = dashboard_files(&feed, &bytes);
    drop(bytes);
    let manifest = manifest_file(&feed, &files);
    files.push(manifest);
    if let Some(audit) = &audit {
        outcomes_core::release::record_audit(&mut files, audit);
    }
    for (name, _, _, contents) in &files {
        let target = directory.join(name);
        let folder = target.parent().unwrap_or(directory);
        let written = std::fs::create_dir_all(folder)
            .map_err(|error| format!("{}: cannot create the directory: {error}", shown_path(folder)))
            .and_then(|()| {
                std::fs::write(&target, contents)
                    .map_err(|error| format!("{}: cannot write: {error}", shown_path(&target)))
            });
        if let Err(message) = written {
            line_err(&message);
            return Outcome::UsageOrInputOutput;
        }
    }
    line_out(&format!(
        "{shown}: written, {} bytes, {}; generated in {:.1} s, validated in {:.1} s, audited in {:.1} s, {:.1} s in all",
        outcomes_core::format::thousands(feed_bytes),
        summary(&feed),
        generated.as_secs_f64(),
        validated.as_secs_f64(),
        audited_in.as_secs_f64(),
        started.elapsed().as_secs_f64()
    ));
    Outcome::Success
}
