//! `outcomes publish` on the example in tests/publish: exit codes, the reconciliation report, the
//! manifest (every file's SHA-256), `--status`, `--revision` and `--reference`.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn outcomes(arguments: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_outcomes"))
        .args(arguments)
        .stdin(Stdio::null())
        .output()
        .expect("the outcomes binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/publish")
}

fn scratch(name: &str) -> PathBuf {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("publish").join(name);
    std::fs::remove_dir_all(&path).ok();
    std::fs::create_dir_all(&path).expect("a scratch directory");
    path
}

fn s(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

/// A copy of the example inputs, to change.
fn copy_example(name: &str) -> PathBuf {
    let directory = scratch(name);
    for file in ["release.json", "journey.csv", "measures.csv", "contract.csv", "actions.csv"] {
        std::fs::copy(example().join(file), directory.join(file)).expect("the example copies");
    }
    directory
}

/// `outcomes publish` with `--public-test-only`: these tests are about reading, reconciling,
/// writing and revising a release, not about how much the audit hides, and the default (the
/// publisher's rule on the audit's intervals) takes minutes on the example. tests/audit.rs
/// publishes the example by default.
fn publish(input: &Path, out: &Path, report: &Path, extra: &[&str]) -> Output {
    let mut arguments =
        vec!["publish", "--input", s(input), "--out", s(out), "--report", s(report), "--public-test-only"];
    arguments.extend_from_slice(extra);
    outcomes(&arguments)
}

fn json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).expect("the file exists")).expect("the file is JSON")
}

fn sha256_hex(bytes: &[u8]) -> String {
    outcomes_core::release::sha256_hex(bytes)
}

#[test]
fn the_example_is_published_with_a_report_and_a_manifest() {
    let work = scratch("example");
    let (out, report) = (work.join("release"), work.join("report.csv"));
    let output = publish(&example(), &out, &report, &[]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    assert!(stdout.contains("feed.json: written, "), "{stdout}");
    assert!(stdout.contains("journey.csv: 2,623 rows read = 2,613 aggregated + 10 rejected (1 flagged)"), "{stdout}");
    // The first rejected rows are on stderr with the file and line.
    assert!(text(&output.stderr).contains("journey.csv:2611: rejected (unknown-lsoa)"), "{}", text(&output.stderr));

    let bytes = std::fs::read(out.join("feed.json")).expect("the feed");
    let feed = outcomes_core::validate(&bytes).expect("the published feed is valid");
    assert_eq!(feed.publication().status, outcomes_core::ReleaseStatus::Draft, "draft unless --status published");

    // The report: one line per rejected or flagged row, with its line number and reason.
    let report_text = std::fs::read_to_string(&report).expect("the report");
    let lines: Vec<&str> = report_text.lines().collect();
    assert_eq!(lines[0], "file,line,outcome,reason,message");
    let reasons: Vec<String> =
        lines[1..].iter().map(|line| line.split(',').take(4).collect::<Vec<_>>().join(",")).collect();
    assert_eq!(
        reasons,
        [
            "journey.csv,2611,rejected,unknown-lsoa",
            "journey.csv,2612,rejected,impossible-date",
            "journey.csv,2613,rejected,impossible-date",
            "journey.csv,2614,rejected,outside-release",
            "journey.csv,2617,rejected,stage-regression",
            "journey.csv,2618,rejected,duplicate-event",
            "journey.csv,2619,rejected,skipped-stage",
            "journey.csv,2621,flagged,changed-lsoa",
            "journey.csv,2622,rejected,unsorted",
            "journey.csv,2623,rejected,no-identification",
            "journey.csv,2624,rejected,malformed",
        ]
    );
    assert!(!report_text.contains("q0000"), "the report never shows an id");

    // The manifest: every file of the release with its true size and SHA-256, and the publish record.
    let manifest = json(&out.join("manifest.json"));
    let files = manifest["files"].as_array().expect("a file list");
    assert!(files.len() >= 2);
    for file in files {
        let path = file["path"].as_str().expect("a path");
        let contents = std::fs::read(out.join(path)).expect("a listed file exists");
        assert_eq!(file["bytes"].as_u64(), Some(contents.len() as u64), "{path}");
        assert_eq!(file["sha256"].as_str(), Some(sha256_hex(&contents).as_str()), "{path}");
    }
    // One file per district with its wards and plans, listed, each a valid feed on its own
    // (`outcomes validate` exits 0) holding rows of its district's wards and plans only.
    let feed = json(&out.join("feed.json"));
    for district in feed["geography"]["districts"].as_array().expect("districts") {
        let code = district["code"].as_str().unwrap();
        let path = format!("districts/{code}.json");
        assert!(files.iter().any(|file| file["path"] == path.as_str()), "{path} is listed");
        let validated = outcomes(&["validate", out.join(&path).to_str().unwrap()]);
        assert_eq!(validated.status.code(), Some(0), "{path}: {}", text(&validated.stderr));
        let detail = json(&out.join(&path));
        assert!(detail["geography"]["wards"].as_array().unwrap().iter().all(|ward| ward["district"] == code));
        assert_eq!(detail["geography"]["districts"].as_array().unwrap().len(), 1);
    }
    // One file per measure with every ward's values of it, listed, each a valid feed on its own;
    // together, exactly the feed's values of wards.
    let wards: std::collections::HashSet<&str> =
        feed["geography"]["wards"].as_array().unwrap().iter().map(|w| w["code"].as_str().unwrap()).collect();
    let mut in_measure_files = 0;
    for measure in feed["measures"]["catalogue"].as_array().expect("measures") {
        let id = measure["id"].as_str().unwrap();
        let path = format!("measures/{id}.json");
        assert!(files.iter().any(|file| file["path"] == path.as_str()), "{path} is listed");
        let validated = outcomes(&["validate", out.join(&path).to_str().unwrap()]);
        assert_eq!(validated.status.code(), Some(0), "{path}: {}", text(&validated.stderr));
        let values = json(&out.join(&path))["measures"]["values"].as_array().unwrap().clone();
        assert!(values.iter().all(|v| v["measure"] == id && wards.contains(v["area"].as_str().unwrap())), "{path}");
        in_measure_files += values.len();
    }
    let ward_values = feed["measures"]["values"].as_array().unwrap().iter();
    assert_eq!(in_measure_files, ward_values.filter(|v| wards.contains(v["area"].as_str().unwrap())).count());
    // The plans' file: listed, valid on its own, every plan and exactly the feed's plan values.
    assert!(files.iter().any(|file| file["path"] == "plans.json"), "plans.json is listed");
    let validated = outcomes(&["validate", out.join("plans.json").to_str().unwrap()]);
    assert_eq!(validated.status.code(), Some(0), "plans.json: {}", text(&validated.stderr));
    let plans_file = json(&out.join("plans.json"));
    assert_eq!(plans_file["place_plans"], feed["place_plans"]);
    let plan_ids: std::collections::HashSet<&str> =
        feed["place_plans"].as_array().unwrap().iter().map(|p| p["id"].as_str().unwrap()).collect();
    assert!(!plan_ids.is_empty());
    let plan_values: Vec<_> = feed["measures"]["values"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| plan_ids.contains(v["area"].as_str().unwrap()))
        .collect();
    let in_plans_file: Vec<_> = plans_file["measures"]["values"].as_array().unwrap().iter().collect();
    assert!(!in_plans_file.is_empty());
    assert_eq!(in_plans_file, plan_values);
    let record = &manifest["extra"]["publish"];
    for tally in record["reconciliation"].as_array().expect("a reconciliation") {
        let read = tally["rows_read"].as_u64().unwrap();
        assert_eq!(read, tally["rows_aggregated"].as_u64().unwrap() + tally["rows_rejected"].as_u64().unwrap());
    }
    assert_eq!(record["reconciliation"][0]["rejected_by_reason"]["impossible-date"], 2);
    let journey_input = &record["inputs"][0];
    assert_eq!(journey_input["path"], "journey.csv");
    let journey_bytes = std::fs::read(example().join("journey.csv")).unwrap();
    assert_eq!(journey_input["sha256"].as_str(), Some(sha256_hex(&journey_bytes).as_str()));
    assert_eq!(record["report"]["sha256"].as_str(), Some(sha256_hex(report_text.as_bytes()).as_str()));
    let disclosure = &record["disclosure"];
    let suppressed =
        disclosure["suppressed_primary"].as_u64().unwrap() + disclosure["suppressed_secondary"].as_u64().unwrap();
    assert_eq!(record["check"]["suppressed"].as_u64(), Some(suppressed));
}

#[test]
fn a_published_release_is_replaced_only_with_a_revision() {
    let work = scratch("revision");
    let (out, report) = (work.join("release"), work.join("report.csv"));
    let feed_path = out.join("feed.json");

    // A draft may be replaced freely, but not "revised".
    assert_eq!(publish(&example(), &out, &report, &[]).status.code(), Some(0));
    let output = publish(&example(), &out, &report, &["--revision", "why"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("no published release to revise"), "{}", text(&output.stderr));
    assert_eq!(publish(&example(), &out, &report, &["--status", "published"]).status.code(), Some(0));
    let published = std::fs::read(&feed_path).unwrap();
    assert_eq!(json(&feed_path)["publication"]["status"], "published");

    // Without --revision: refused, nothing touched.
    let output = publish(&example(), &out, &report, &["--status", "published"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output.stderr).contains("is a published release; refusing to replace it"),
        "{}",
        text(&output.stderr)
    );
    assert_eq!(std::fs::read(&feed_path).unwrap(), published);

    // With --revision: replaced, the reason added to the log.
    let before = json(&feed_path)["publication"]["revisions"].as_array().map_or(0, Vec::len);
    let output = publish(&example(), &out, &report, &["--status", "published", "--revision", "Late referrals added"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let revisions = json(&feed_path)["publication"]["revisions"].as_array().cloned().unwrap_or_default();
    assert_eq!(revisions.len(), before + 1);
    let last = revisions.last().unwrap();
    assert_eq!(last["why"], "Late referrals added");
    assert_eq!(last["date"], "2026-05-14");
    assert!(last["what"].as_str().unwrap().contains("none of its"), "the same inputs change no count: {last}");
    assert_eq!(json(&out.join("manifest.json"))["extra"]["publish"]["revision"]["why"], "Late referrals added");

    // A feed that cannot be read is never replaced.
    std::fs::write(&feed_path, b"{ not a feed").unwrap();
    let output = publish(&example(), &out, &report, &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("refusing to replace it"), "{}", text(&output.stderr));
}

#[test]
fn a_release_that_fails_the_rules_or_rejects_too_much_is_not_written() {
    let input = copy_example("failing-input");
    let work = scratch("failing");
    let (out, report) = (work.join("release"), work.join("report.csv"));
    // A draft quarter cannot be published.
    let config = std::fs::read_to_string(input.join("release.json")).unwrap();
    let draft = config.replacen("\"status\": \"provisional\"", "\"status\": \"draft\"", 1);
    assert_ne!(draft, config);
    std::fs::write(input.join("release.json"), draft).unwrap();
    let output = publish(&input, &out, &report, &["--status", "published"]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    assert!(text(&output.stderr).contains("fails the check"), "{}", text(&output.stderr));
    assert!(text(&output.stderr).contains("is a draft in a published release"), "{}", text(&output.stderr));
    assert!(!out.join("feed.json").exists());
    // The same as a draft release is fine.
    assert_eq!(publish(&input, &out, &report, &["--status", "draft"]).status.code(), Some(0));

    let work = scratch("too-many-rejected");
    let (out, report) = (work.join("release"), work.join("report.csv"));
    let output = publish(&example(), &out, &report, &["--max-rejected", "0.1"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stderr).contains("more than the 0.1% allowed"), "{}", text(&output.stderr));
    assert!(!out.join("feed.json").exists());
    assert!(report.exists(), "the report still says why");
}

#[test]
fn unreadable_inputs_and_bad_usage_exit_2() {
    let work = scratch("usage");
    let (out, report) = (work.join("release"), work.join("report.csv"));
    for arguments in [
        &["publish"][..],
        &["publish", "--input", "x"][..],
        &["publish", "--input", "x", "--out", "y", "--status", "final"][..],
        &["publish", "--input", "x", "--out", "y", "--revision", " "][..],
        &["publish", "--input", "x", "--out", "y", "--max-rejected", "200"][..],
        &["publish", "--input", "x", "--out", "y", "--colour", "red"][..],
        &["publish", "--input", "x", "--out", "y", "--prove", "--public-test-only"][..],
        &["publish", "--input", "x", "--out", "y", "--public-test-only", "--prove"][..],
    ] {
        let output = outcomes(arguments);
        assert_eq!(output.status.code(), Some(2), "{arguments:?}");
        assert!(text(&output.stderr).contains("Usage: outcomes publish"), "{arguments:?}");
    }
    let help = outcomes(&["publish", "--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(text(&help.stdout).starts_with("Usage: outcomes publish"));

    // A missing file, a misspelt column and a broken configuration each name the file.
    let input = copy_example("missing-file");
    std::fs::remove_file(input.join("contract.csv")).unwrap();
    let output = publish(&input, &out, &report, &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("contract.csv: cannot open"), "{}", text(&output.stderr));

    let input = copy_example("bad-column");
    let journey = std::fs::read_to_string(input.join("journey.csv")).unwrap().replacen("lsoa", "lsoa_code", 1);
    std::fs::write(input.join("journey.csv"), journey).unwrap();
    let output = publish(&input, &out, &report, &[]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("journey.csv: line 1: no column \"lsoa\"; unknown column \"lsoa_code\""), "{stderr}");

    let input = copy_example("bad-config");
    let config = std::fs::read_to_string(input.join("release.json")).unwrap().replacen("\"final\"", "\"finished\"", 1);
    std::fs::write(input.join("release.json"), config).unwrap();
    let output = publish(&input, &out, &report, &[]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("release.json: publication.periods[0].status: unknown variant `finished`"), "{stderr}");
    assert!(!out.join("feed.json").exists());
}

#[test]
fn reference_sections_can_come_from_a_previous_feed() {
    let work = scratch("reference");
    let first = work.join("first");
    assert_eq!(publish(&example(), &first, &work.join("r1.csv"), &[]).status.code(), Some(0));
    // The same inputs with only the publication metadata in release.json.
    let input = copy_example("reference-input");
    let mut config = json(&input.join("release.json"));
    let object = config.as_object_mut().unwrap();
    for section in ["geography", "code_lists", "place_plans", "measures", "contract"] {
        object.remove(section);
    }
    std::fs::write(input.join("release.json"), serde_json::to_vec_pretty(&config).unwrap()).unwrap();
    let second = work.join("second");
    let output = publish(&input, &second, &work.join("r2.csv"), &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("geography: is missing"), "{}", text(&output.stderr));
    let reference = first.join("feed.json");
    let output = publish(&input, &second, &work.join("r2.csv"), &["--reference", s(&reference)]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let (a, b) = (json(&reference), json(&second.join("feed.json")));
    assert_eq!(a["journey"], b["journey"]);
    assert_eq!(a["geography"], b["geography"]);
    assert_eq!(a["measures"], b["measures"]);
    // Actions carry their status in the reference release as previous_status.
    assert_eq!(b["place_plans"][0]["actions"][0]["previous_status"], a["place_plans"][0]["actions"][0]["status"]);
}
