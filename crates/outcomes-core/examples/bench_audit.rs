//! Times the public disclosure audit of a feed and prints one JSON line:
//! `{"cells_audited":…,"relations":…,"secondary_suppressions":…,"seconds":…,"smallest_margin":…,
//!   "failures":…,"exact":…,"inner":…,"outer":…}`.
//!
//!     cargo run --release -p outcomes-core --example bench_audit -- assets/data/feed.json
//!
//! `secondary_suppressions` is read from the release manifest beside the feed when it has an
//! `audit` summary (only the publisher knows which counts it hid), else 0.

use outcomes_core::audit::{audit, AuditOptions, Kind};
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: bench_audit FEED");
        return ExitCode::from(2);
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
    let secondary = path
        .parent()
        .map(|dir| dir.join(outcomes_core::release::MANIFEST_FILE))
        .and_then(|manifest| std::fs::read(manifest).ok())
        .and_then(|bytes| serde_json::from_slice::<outcomes_core::release::Manifest>(&bytes).ok())
        .and_then(|manifest| manifest.audit)
        .map_or(0, |summary| summary.secondary_suppressions);
    let report = audit(feed.document(), &[], &AuditOptions::default());
    let count = |kind: Kind| report.cells.iter().filter(|cell| cell.kind == kind).count();
    let line = serde_json::json!({
        "cells_audited": report.summary.cells_audited,
        "relations": report.summary.relations,
        "secondary_suppressions": secondary,
        "seconds": (report.seconds * 1000.0).round() / 1000.0,
        "smallest_margin": report.summary.smallest_margin,
        "failures": report.summary.failures,
        "exact": count(Kind::Exact),
        "inner": count(Kind::Inner),
        "outer": count(Kind::Outer),
    });
    println!("{line}");
    ExitCode::SUCCESS
}
