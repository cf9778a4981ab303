//! `outcomes audit`: exit codes, the readable report and the JSON report, on the minimal feed
//! (whose county and ward rows contradict each other), a consistent hand-made feed, and the
//! release `outcomes publish` writes from `tests/publish`.

use std::path::PathBuf;
use std::process::{Command, Output};

fn outcomes(arguments: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_outcomes")).args(arguments).output().expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn scratch(name: &str) -> PathBuf {
    let directory = std::env::temp_dir().join(format!("outcomes-audit-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&directory);
    std::fs::create_dir_all(&directory).unwrap();
    directory
}

#[test]
fn usage_and_unreadable_or_invalid_feeds_exit_2() {
    let output = outcomes(&["audit"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("no FEED given"));
    let output = outcomes(&["audit", "/nonexistent/feed.json"]);
    assert_eq!(output.status.code(), Some(2));
    let broken = root().join("tests/feeds/broken");
    let any_broken = std::fs::read_dir(&broken)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "json"))
        .unwrap();
    let output = outcomes(&["audit", any_broken.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2), "{}", text(&output.stderr));
    assert!(outcomes(&["audit", "--help"]).status.success());
}

/// The minimal feed's tables are made up independently (its outcome domains do not add up to its
/// outcome stage): the audit says the relations cannot all hold rather than guess.
#[test]
fn figures_that_contradict_the_relations_fail_with_the_relations_named() {
    let minimal = root().join("tests/feeds/valid/minimal.json");
    let output = outcomes(&["audit", minimal.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stdout));
    let stdout = text(&output.stdout);
    assert!(stdout.contains("INCONSISTENT"), "{stdout}");
    assert!(stdout.contains("cannot all hold"), "{stdout}");
    assert!(stdout.contains("add up to its funnel stage"), "{stdout}");
}

/// A consistent feed with one row: its last stage is hidden and at most the stage before (10,
/// a true 10 to 12): the interval [0, 12] passes.
#[test]
fn a_protected_feed_passes_and_the_json_report_lists_every_cell() {
    let minimal = std::fs::read(root().join("tests/feeds/valid/minimal.json")).unwrap();
    let mut feed: serde_json::Value = serde_json::from_slice(&minimal).unwrap();
    feed["journey"]["funnel"] = serde_json::json!([{
        "period": "2025-Q3", "area": "E47000008", "cohort": "all",
        "counts": [60, 50, 45, 40, 30, 25, 10, "[c]"]
    }]);
    for table in ["entries", "handovers", "outcomes"] {
        feed["journey"][table] = serde_json::json!([]);
    }
    feed["measures"]["values"] = serde_json::json!([]);
    let directory = scratch("protected");
    let path = directory.join("feed.json");
    std::fs::write(&path, serde_json::to_vec(&feed).unwrap()).unwrap();
    let valid = outcomes(&["validate", path.to_str().unwrap()]);
    assert!(valid.status.success(), "{}", text(&valid.stderr));
    let output = outcomes(&["audit", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stdout));
    assert!(text(&output.stdout).contains("passes the disclosure audit"));
    let output = outcomes(&["audit", "--json", path.to_str().unwrap()]);
    assert!(output.status.success());
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["summary"]["cells_audited"], 1);
    assert_eq!(report["summary"]["failures"], 0);
    let cells = report["cells"].as_array().unwrap();
    assert_eq!(cells[0]["path"], "journey.funnel[0].counts[7]");
    assert!(cells.iter().all(|c| c["lo"] == 0 && c["hi"] == 12 && c["kind"] == "exact"), "{cells:?}");
}

/// The single-unknown reader is not enough: on the release `outcomes publish` writes from the
/// example inputs, the audit proves some hidden counts exactly (by rounding intervals across a
/// cohort split, a financial year and the funnel). Exit 1, each failure with its relations; the
/// manifest records the audit.
#[test]
fn the_audit_finds_what_the_single_unknown_reader_misses_in_the_publish_example() {
    let directory = scratch("publish");
    let input = directory.join("in");
    std::fs::create_dir_all(&input).unwrap();
    for entry in std::fs::read_dir(root().join("tests/publish")).unwrap() {
        let entry = entry.unwrap();
        if entry.path().is_file() {
            std::fs::copy(entry.path(), input.join(entry.file_name())).unwrap();
        }
    }
    let out = directory.join("out");
    let published = outcomes(&["publish", "--input", input.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(published.status.success(), "{}", text(&published.stderr));
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    let audit = &manifest["audit"];
    assert!(audit["cells_audited"].as_u64().unwrap() > 1000, "{audit}");
    assert!(audit["secondary_suppressions"].as_u64().unwrap() > 0);
    let output = outcomes(&["audit", out.join("feed.json").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let stdout = text(&output.stdout);
    assert!(stdout.contains("FAIL journey."), "{stdout}");
    assert!(stdout.contains("      by: "), "{stdout}");
    assert_eq!(audit["failures"].as_u64().unwrap() as usize, stdout.matches("  FAIL ").count());
}
