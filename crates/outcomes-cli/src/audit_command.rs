//! `outcomes audit FEED [--previous FEED...] [--json]`: the disclosure audit of a published
//! feed (docs/disclosure.md). For every suppressed figure, the interval a reader can prove from
//! everything published; the audit fails when one is narrower than the protection rule allows.
//!
//! Readable report on stdout (or, with `--json`, the whole report as one JSON document); exit 0
//! when every figure passes, 1 when one fails or the figures contradict the relations, 2 when a
//! file cannot be read or is not a valid feed.

use crate::arguments::{Argument, Arguments};
use crate::output::{line_err, line_out, shown_path};
use crate::read_feed::{read_feed, FeedBytes};
use crate::usage::{print_help, usage_error, AUDIT};
use crate::Outcome;
use outcomes_core::audit::{audit, AuditOptions, AuditReport, Kind};
use outcomes_core::format::thousands;
use outcomes_core::FeedDocument;
use std::path::{Path, PathBuf};

/// At most this many passing cells are listed in the readable report (all failures are).
const MOST_LISTED: usize = 40;

pub fn run(mut arguments: Arguments) -> Outcome {
    let mut feed: Option<PathBuf> = None;
    let mut previous: Vec<PathBuf> = Vec::new();
    let mut json = false;
    let mut expecting_previous = false;
    while let Some(argument) = arguments.next(&["--previous"]) {
        match argument {
            Argument::Help => return print_help(AUDIT),
            Argument::Option { name, .. } if name == "--json" => json = true,
            Argument::Option { name, value: None } if name == "--previous" => {
                return usage_error(AUDIT, "--previous needs a FEED")
            }
            Argument::Option { name, value: Some(value) } if name == "--previous" => {
                previous.push(PathBuf::from(value));
                expecting_previous = true;
            }
            Argument::Option { name, .. } => return usage_error(AUDIT, &format!("unknown option {name:?}")),
            // `--previous A B C`: names after --previous are earlier releases too.
            Argument::Name(name) if expecting_previous && feed.is_some() => previous.push(PathBuf::from(name)),
            Argument::Name(name) if feed.is_none() => feed = Some(PathBuf::from(name)),
            Argument::Name(name) => {
                return usage_error(AUDIT, &format!("unexpected argument {:?}", name.to_string_lossy()))
            }
        }
    }
    let Some(feed) = feed else {
        return usage_error(AUDIT, "no FEED given");
    };
    let audited = match load(&feed) {
        Ok(document) => document,
        Err(outcome) => return outcome,
    };
    let mut earlier = Vec::new();
    for path in &previous {
        match load(path) {
            Ok(document) => earlier.push(document),
            Err(outcome) => return outcome,
        }
    }
    let report = audit(&audited, &earlier, &AuditOptions::default());
    if json {
        match serde_json::to_string_pretty(&report) {
            Ok(text) => line_out(&text),
            Err(error) => {
                line_err(&format!("outcomes audit: cannot write the report as JSON: {error}"));
                return Outcome::UsageOrInputOutput;
            }
        }
    } else {
        print_report(&shown_path(&feed), &report);
    }
    if report.passes() {
        Outcome::Success
    } else {
        Outcome::Invalid
    }
}

/// Reads and validates a feed; a file that cannot be read or is not valid is exit 2.
fn load(path: &Path) -> Result<FeedDocument, Outcome> {
    let shown = shown_path(path);
    let bytes = match read_feed(path) {
        Ok(FeedBytes::Complete(bytes)) => bytes,
        Ok(FeedBytes::TooLarge(size)) => {
            line_err(&format!("{shown}: {}", outcomes_core::validate::feed_too_large(size)));
            return Err(Outcome::UsageOrInputOutput);
        }
        Err(message) => {
            line_err(&format!("{shown}: {message}"));
            return Err(Outcome::UsageOrInputOutput);
        }
    };
    match outcomes_core::validate(&bytes) {
        Ok(feed) => Ok(feed.document().clone()),
        Err(problems) => {
            line_err(&format!(
                "{shown}: is not a valid feed, so it cannot be audited ({} problems; run outcomes validate):",
                problems.len()
            ));
            for problem in problems.iter().take(10) {
                line_err(&format!("{shown}: {problem}"));
            }
            Err(Outcome::UsageOrInputOutput)
        }
    }
}

pub(crate) fn print_report(shown: &str, report: &AuditReport) {
    let summary = &report.summary;
    let count = |kind: Kind| report.cells.iter().filter(|cell| cell.kind == kind).count();
    line_out(&format!(
        "{shown}: {} suppressed figures audited against {} relations ({} earlier releases) in {:.1} s",
        thousands(summary.cells_audited),
        thousands(summary.relations),
        summary.previous_releases,
        report.seconds
    ));
    line_out(&format!(
        "  intervals: {} exact, {} inner (proved at least this wide), {} outer (neighbourhood only: a pass is not a proof)",
        thousands(count(Kind::Exact)),
        thousands(count(Kind::Inner)),
        thousands(count(Kind::Outer))
    ));
    match summary.smallest_margin {
        Some(margin) => line_out(&format!("  smallest margin of a figure that could be small: ±{margin}")),
        None => line_out("  no suppressed figure could be a small count"),
    }
    for problem in &report.inconsistencies {
        line_out(&format!("  INCONSISTENT: {problem}"));
    }
    let interval = |lo: i64, hi: Option<i64>| match hi {
        Some(hi) => format!("[{lo}, {hi}]"),
        None => format!("[{lo}, no upper bound]"),
    };
    for cell in report.cells.iter().filter(|cell| !cell.passes) {
        if cell.undecided {
            line_out(&format!(
                "  FAIL {}: not decided (too large to solve in whole numbers): a reader can prove no more than {} ({:?})",
                cell.path,
                interval(cell.lo, cell.hi),
                cell.kind
            ));
        } else {
            line_out(&format!(
                "  FAIL {}: a reader can prove {} ({:?})",
                cell.path,
                interval(cell.lo, cell.hi),
                cell.kind
            ));
        }
        for relation in &cell.relations {
            line_out(&format!("      by: {relation}"));
        }
    }
    let passing: Vec<_> = report.cells.iter().filter(|cell| cell.passes).collect();
    for cell in passing.iter().take(MOST_LISTED) {
        line_out(&format!("  pass {}: {} ({:?})", cell.path, interval(cell.lo, cell.hi), cell.kind));
    }
    if passing.len() > MOST_LISTED {
        line_out(&format!("  … and {} more passing (--json lists every one)", thousands(passing.len() - MOST_LISTED)));
    }
    if report.passes() {
        line_out(&format!("{shown}: passes the disclosure audit"));
    } else {
        line_out(&format!(
            "{shown}: FAILS the disclosure audit: {} figures fail, {} inconsistencies",
            summary.failures,
            report.inconsistencies.len()
        ));
    }
}
