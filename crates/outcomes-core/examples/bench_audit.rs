//! Times the public disclosure audit of a feed and prints one JSON line:
//! `{"cells_audited":…,"relations":…,"secondary_suppressions":…,"seconds":…,"smallest_margin":…,
//!   "failures":…,"exact":…,"inner":…,"outer":…}`.
//!
//!     cargo run --release -p outcomes-core --example bench_audit -- assets/data/feed.json
//!
//! `secondary_suppressions` is read from the release manifest beside the feed when it has an
//! `audit` summary (only the publisher knows which counts it hid), else 0.
//!
//! With `--sample N`, only every N-th hidden count is audited, on one thread, and the line also
//! gives the cost per count and an estimate of the whole audit (`audit::sample`): for a feed
//! whose audit takes hours (the synthetic national one). With `--cells FILE`, the intervals
//! found are written to FILE as JSON, to compare the reports of two versions cell by cell.
//!
//! With `--judge-demo` instead of FEED, the county demonstration is generated and its public
//! audit judged by the publisher's rule on its true values (`demo::judge_demo`), which only the
//! generator knows; the line also gives `small_failures_by_interval` (each failing interval and
//! how many counts have it).

use outcomes_core::audit::{audit, sample, AuditOptions, AuditReport, Kind, Sharing};
use std::process::ExitCode;

const USAGE: &str = "usage: bench_audit FEED [--sample N] [--cells FILE] | bench_audit --judge-demo";

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    if args == ["--judge-demo"] {
        let report = outcomes_core::demo::judge_demo(&outcomes_core::demo::DemoOptions::default());
        let mut by_interval = std::collections::BTreeMap::<String, usize>::new();
        for cell in report.cells.iter().filter(|cell| !cell.passes) {
            let hi = cell.hi.map_or_else(|| "no upper bound".to_owned(), |hi| hi.to_string());
            *by_interval.entry(format!("{} to {hi}", cell.lo)).or_default() += 1;
        }
        let mut line = summary(&report);
        line["small_failures_by_interval"] = serde_json::json!(by_interval);
        println!("{line}");
        return ExitCode::SUCCESS;
    }
    let cells_file = match args.iter().position(|arg| arg == "--cells") {
        Some(at) if at + 1 < args.len() => Some(args.drain(at..at + 2).nth(1).expect("two drained")),
        Some(_) => {
            eprintln!("--cells needs a file\n{USAGE}");
            return ExitCode::from(2);
        }
        None => None,
    };
    let (path, every) = match args.as_slice() {
        [path] => (path, None),
        [path, flag, n] if flag == "--sample" => match n.parse::<usize>() {
            Ok(n) if n >= 1 => (path, Some(n)),
            _ => {
                eprintln!("--sample: {n:?} is not a whole number of at least 1\n{USAGE}");
                return ExitCode::from(2);
            }
        },
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let path = std::path::PathBuf::from(path);
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(error) => {
            eprintln!("{}: cannot read: {error}", path.display());
            return ExitCode::from(2);
        }
    };
    let feed = match outcomes_core::validate(&bytes) {
        Ok(feed) => feed,
        Err(problems) => {
            eprintln!("{}: not a valid feed ({} problems)", path.display(), problems.len());
            return ExitCode::from(2);
        }
    };
    drop(bytes); // the national feed's text is 300 MB the audit no longer needs
    let secondary = path
        .parent()
        .map(|dir| dir.join(outcomes_core::release::MANIFEST_FILE))
        .and_then(|manifest| std::fs::read(manifest).ok())
        .and_then(|bytes| serde_json::from_slice::<outcomes_core::release::Manifest>(&bytes).ok())
        .and_then(|manifest| manifest.audit)
        .map_or(0, |summary| summary.secondary_suppressions);
    let write_cells = |report: &AuditReport| match &cells_file {
        Some(file) => std::fs::write(file, serde_json::to_vec(&report.cells).expect("cells serialise"))
            .map_err(|error| eprintln!("{file}: cannot write: {error}")),
        None => Ok(()),
    };
    let mut line = match every {
        None => {
            let report = audit(feed.document(), &[], &AuditOptions::default());
            if write_cells(&report).is_err() {
                return ExitCode::from(2);
            }
            summary(&report)
        }
        Some(every) => {
            let options =
                AuditOptions { sharing: Sharing { threads: Some(1), ..Sharing::default() }, ..Default::default() };
            let cost = sample(feed.document(), &options, every);
            if write_cells(&cost.report).is_err() {
                return ExitCode::from(2);
            }
            let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
            let mut line = summary(&cost.report);
            let extra = serde_json::json!({
                "sample_every": every,
                "hidden_counts": cost.hidden_counts,
                "unknowns": cost.unknowns,
                "reader_seconds": round(cost.reader_seconds),
                "sample_seconds": round(cost.sample_seconds),
                "ms_per_count": round(cost.per_count() * 1e3),
                "cores": cores,
                "estimate_seconds_one_core": cost.estimate(1).round(),
                "estimate_seconds_all_cores": cost.estimate(cores).round(),
            });
            line.as_object_mut().expect("an object").extend(extra.as_object().expect("an object").clone());
            line
        }
    };
    line["secondary_suppressions"] = secondary.into();
    println!("{line}");
    ExitCode::SUCCESS
}

fn round(seconds: f64) -> f64 {
    (seconds * 1000.0).round() / 1000.0
}

fn summary(report: &AuditReport) -> serde_json::Value {
    let count = |kind: Kind| report.cells.iter().filter(|cell| cell.kind == kind).count();
    serde_json::json!({
        "cells_audited": report.summary.cells_audited,
        "relations": report.summary.relations,
        "seconds": round(report.seconds),
        "smallest_margin": report.summary.smallest_margin,
        "failures": report.summary.failures,
        "exact": count(Kind::Exact),
        "inner": count(Kind::Inner),
        "outer": count(Kind::Outer),
    })
}
