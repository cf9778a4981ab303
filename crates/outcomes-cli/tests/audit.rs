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

/// The single-unknown reader is not enough: on the example inputs, the release protected against
/// it alone has hidden counts the audit proves exactly (by rounding intervals across a cohort
/// split, a financial year and the funnel). `outcomes publish` audits what it built and adds
/// the protection pattern of each such count until the audit passes: the release it writes
/// passes `outcomes audit` (exit 0), and its manifest records that audit, with no failure and
/// more secondary suppressions than the single-unknown reader needed (379, docs/disclosure.md),
/// and more than `--public-test-only` hides (467): by default the publisher also judges the
/// audit's intervals by its rule on the true values, which the public test cannot.
#[test]
fn publish_adds_suppressions_until_the_audit_passes_on_the_publish_example() {
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
    assert!(audit["secondary_suppressions"].as_u64().unwrap() > 467, "{audit}");
    assert_eq!(audit["failures"].as_u64(), Some(0), "{audit}");
    let output = outcomes(&["audit", out.join("feed.json").to_str().unwrap()]);
    let stdout = text(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(!stdout.contains("FAIL "), "{stdout}");
    assert!(stdout.contains("passes the disclosure audit"), "{stdout}");
}

/// `--previous`: a ward's hidden count that is safe in this release alone is narrowed by an
/// earlier release that published its neighbour, linked cell by cell because nothing was revised
/// since. The feed's policy asks for a margin of 5. Fenland (E07000010) has two wards here, W1
/// and W2; in 2025-Q3 their last stage is hidden in this release; the earlier release published
/// W2's as 15 (13 to 17). Then W1 = Fenland - W2 lies in [18 - 17, 22 - 13] = [1, 9], and no
/// value there has 5 either side inside it: a failure, named with the earlier release.
/// Without `--previous`, or when this release records a revision since the earlier one (so its
/// cells are not the same counts), W1 can be anything from 1 to 12 and passes.
#[test]
fn previous_releases_join_the_system_unless_revised_since() {
    let minimal = std::fs::read(root().join("tests/feeds/valid/minimal.json")).unwrap();
    let base: serde_json::Value = serde_json::from_slice(&minimal).unwrap();
    let release = |date: &str, w2_last: serde_json::Value, revisions: serde_json::Value| {
        let mut feed = base.clone();
        feed["publication"]["release_date"] = date.into();
        feed["publication"]["revisions"] = revisions;
        feed["disclosure"]["protection_margin"] = 5.into();
        let row = |area: &str, counts: serde_json::Value| serde_json::json!({"period": "2025-Q3", "area": area, "cohort": "all", "counts": counts});
        feed["journey"]["funnel"] = serde_json::json!([
            row("E07000010", serde_json::json!([60, 50, 45, 40, 30, 25, 25, 20])),
            row("E05900001", serde_json::json!([30, 25, 20, 20, 15, 10, 10, "[c]"])),
            row("E05900002", serde_json::json!([30, 25, 25, 20, 15, 15, 15, w2_last])),
        ]);
        for table in ["entries", "handovers", "outcomes"] {
            feed["journey"][table] = serde_json::json!([]);
        }
        feed["measures"]["values"] = serde_json::json!([]);
        feed
    };
    let directory = scratch("previous");
    let write = |name: &str, feed: &serde_json::Value| {
        let path = directory.join(name);
        std::fs::write(&path, serde_json::to_vec(feed).unwrap()).unwrap();
        let valid = outcomes(&["validate", path.to_str().unwrap()]);
        assert!(valid.status.success(), "{name}: {}", text(&valid.stderr));
        path.to_str().unwrap().to_owned()
    };
    let earlier = write("earlier.json", &release("2026-02-12", 15.into(), serde_json::json!([])));
    let now = write("now.json", &release("2026-05-14", "[c]".into(), serde_json::json!([])));
    let revision = serde_json::json!([{"date": "2026-04-01", "what": "Fenland revised", "why": "Late returns"}]);
    let revised = write("revised.json", &release("2026-05-14", "[c]".into(), revision));

    let w1 = |report: &serde_json::Value| {
        let cells = report["cells"].as_array().unwrap();
        let cell = cells.iter().find(|c| c["path"] == "journey.funnel[1].counts[7]").expect("W1's last stage audited");
        (cell["lo"].as_i64().unwrap(), cell["hi"].as_i64().unwrap())
    };
    let json = |arguments: &[&str]| -> (Option<i32>, serde_json::Value) {
        let output = outcomes(arguments);
        (output.status.code(), serde_json::from_slice(&output.stdout).expect("a JSON report"))
    };

    let (code, alone) = json(&["audit", "--json", &now]);
    assert_eq!(code, Some(0), "{alone}");
    assert_eq!(w1(&alone), (1, 12));
    assert_eq!(alone["summary"]["previous_releases"], 0);

    let (code, linked) = json(&["audit", "--json", &now, "--previous", &earlier]);
    assert_eq!(code, Some(1), "{linked}");
    assert_eq!(w1(&linked), (1, 9));
    assert_eq!(linked["summary"]["previous_releases"], 1);
    assert_eq!(linked["summary"]["failures"], 1);
    let readable = outcomes(&["audit", &now, "--previous", &earlier]);
    let stdout = text(&readable.stdout);
    assert_eq!(readable.status.code(), Some(1));
    assert!(stdout.contains("FAIL journey.funnel[1].counts[7]"), "{stdout}");
    assert!(stdout.to_lowercase().contains("earlier release"), "{stdout}");

    let (code, unlinked) = json(&["audit", "--json", &revised, "--previous", &earlier]);
    assert_eq!(code, Some(0), "{unlinked}");
    assert_eq!(w1(&unlinked), (1, 12));
}
