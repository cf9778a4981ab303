//! The broken-feed corpus: every file in `tests/feeds/broken/` gets the exit code, JSON path and
//! message its row in `expected.tsv` says, and no file is left out of the manifest. Also: the
//! valid fixture passes, several problems in one file are all reported, and the reading of
//! files (missing, a directory, too large, standard input) gives the documented exit codes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn repository_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn feeds() -> PathBuf {
    repository_root().join("tests/feeds")
}

fn outcomes(arguments: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_outcomes"))
        .args(arguments)
        .stdin(Stdio::null())
        .output()
        .expect("the outcomes binary runs")
}

fn validate(paths: &[&Path]) -> Output {
    let mut arguments: Vec<&std::ffi::OsStr> = vec!["validate".as_ref()];
    arguments.extend(paths.iter().map(|path| path.as_os_str()));
    outcomes(&arguments)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Panic output, or a problem line that is not one line of plain text, is never acceptable.
fn assert_no_panic(output: &Output, what: &str) {
    let stderr = text(&output.stderr);
    assert!(
        !stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE") && output.status.code().is_some(),
        "{what}: the command panicked or was killed:\n{stderr}"
    );
}

struct Expectation {
    file: String,
    exit_code: i32,
    path: String,
    fragment: String,
}

fn manifest() -> Vec<Expectation> {
    let manifest = std::fs::read_to_string(feeds().join("broken/expected.tsv")).expect("expected.tsv is readable");
    let mut lines = manifest.lines();
    assert_eq!(lines.next(), Some("file\texit_code\texpected_path\texpected_message_fragment"), "manifest header");
    lines
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let columns: Vec<&str> = line.split('\t').collect();
            assert_eq!(columns.len(), 4, "manifest row {line:?} needs 4 tab-separated columns");
            Expectation {
                file: columns[0].to_owned(),
                exit_code: columns[1].parse().expect("exit code is a number"),
                path: columns[2].to_owned(),
                fragment: columns[3].to_owned(),
            }
        })
        .collect()
}

#[test]
fn every_broken_feed_gets_its_exit_code_path_and_message() {
    let expectations = manifest();
    assert!(expectations.len() >= 35, "the corpus has only {} broken feeds", expectations.len());
    let mut failures = Vec::new();
    for expectation in &expectations {
        let path = feeds().join("broken").join(&expectation.file);
        let output = validate(&[&path]);
        assert_no_panic(&output, &expectation.file);
        let stderr = text(&output.stderr);
        let wanted = format!("{}: {}", expectation.path, expectation.fragment);
        if output.status.code() != Some(expectation.exit_code) {
            failures.push(format!(
                "{}: exit code {:?}, expected {}\n{stderr}",
                expectation.file,
                output.status.code(),
                expectation.exit_code
            ));
        } else if !stderr.contains(&wanted) {
            failures.push(format!("{}: stderr lacks {wanted:?}; it says:\n{stderr}", expectation.file));
        } else if !output.stdout.is_empty() {
            failures.push(format!("{}: an invalid feed printed on stdout: {}", expectation.file, text(&output.stdout)));
        }
        let prefix = format!("{}: ", path.display());
        if let Some(line) = stderr.lines().find(|line| !line.starts_with(&prefix)) {
            failures.push(format!("{}: a stderr line does not start with the file name: {line:?}", expectation.file));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} broken feeds failed:\n\n{}",
        failures.len(),
        expectations.len(),
        failures.join("\n\n")
    );
}

#[test]
fn every_file_in_the_corpus_is_in_the_manifest_and_each_fault_once() {
    let listed: Vec<String> = manifest().into_iter().map(|expectation| expectation.file).collect();
    let mut unique = listed.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), listed.len(), "a file is listed twice in expected.tsv");
    let mut on_disk: Vec<String> = std::fs::read_dir(feeds().join("broken"))
        .expect("the corpus directory is readable")
        .map(|entry| entry.expect("a directory entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name != "expected.tsv")
        .collect();
    on_disk.sort();
    let missing_from_manifest: Vec<&String> = on_disk.iter().filter(|name| !unique.contains(name)).collect();
    let missing_from_disk: Vec<&String> = unique.iter().filter(|name| !on_disk.contains(name)).collect();
    assert!(
        missing_from_manifest.is_empty(),
        "files in tests/feeds/broken/ without a row in expected.tsv: {missing_from_manifest:?}"
    );
    assert!(missing_from_disk.is_empty(), "rows in expected.tsv without a file: {missing_from_disk:?}");
}

#[test]
fn the_minimal_fixture_is_valid() {
    let output = validate(&[&feeds().join("valid/minimal.json")]);
    assert_no_panic(&output, "minimal.json");
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(output.stderr.is_empty(), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    assert!(
        stdout.ends_with("minimal.json: valid — 2 quarters, 9 areas, 8 funnel rows, demonstration figures\n"),
        "{stdout}"
    );
}

#[test]
fn three_independent_faults_give_three_lines() {
    for (file, paths) in [
        (
            "three_faults.json",
            [
                "measures.catalogue[0].title: ",
                "geography.lsoas[1].imd_national_decile: ",
                "journey.entries[1].counts[0]: ",
            ],
        ),
        (
            "three_type_faults.json",
            ["publication.release_date: ", "journey.funnel[5].counts[2]: ", "contract.kpis[0].colour: "],
        ),
    ] {
        let output = validate(&[&feeds().join("multiple").join(file)]);
        assert_no_panic(&output, file);
        assert_eq!(output.status.code(), Some(1));
        let stderr = text(&output.stderr);
        assert_eq!(stderr.lines().count(), 3, "{file}:\n{stderr}");
        for path in paths {
            assert!(stderr.contains(path), "{file} does not report {path}:\n{stderr}");
        }
    }
}

#[test]
fn every_file_is_checked_and_the_worst_outcome_is_the_exit_code() {
    let valid = feeds().join("valid/minimal.json");
    let broken = feeds().join("broken/negative_count.json");
    let output = validate(&[&valid, &broken]);
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stdout).contains("minimal.json: valid"));
    assert!(text(&output.stderr).contains("negative_count.json: journey.entries[0].counts[2]: "));

    let missing = feeds().join("no-such-feed.json");
    let output = validate(&[&broken, &missing, &valid]);
    assert_eq!(output.status.code(), Some(2), "an unreadable file outranks an invalid one");
    let stderr = text(&output.stderr);
    assert!(stderr.contains(&format!("{}: cannot open the file: ", missing.display())), "{stderr}");
    assert!(text(&output.stdout).contains("minimal.json: valid"), "files after the missing one are still checked");
}

#[test]
fn a_directory_is_an_input_error_that_names_it() {
    let directory = feeds().join("valid");
    let output = validate(&[&directory]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(text(&output.stderr), format!("{}: is a directory (expected a feed file)\n", directory.display()));
}

#[test]
fn a_file_over_512_mib_is_refused_without_reading_it() {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("corpus-too-large.json");
    let file = std::fs::File::create(&path).expect("a temporary file");
    // A sparse file: 512 MiB + 1 byte on paper, nothing on disk.
    file.set_len(512 * 1024 * 1024 + 1).expect("set the file's length");
    let output = validate(&[&path]);
    std::fs::remove_file(&path).ok();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr).contains("(document): the feed is 536,870,913 bytes, larger than the 536,870,912 bytes"),
        "{}",
        text(&output.stderr)
    );
}

#[test]
fn standard_input_is_read_for_a_dash() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_outcomes"))
        .args(["validate", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the outcomes binary runs");
    let bytes = std::fs::read(feeds().join("valid/minimal.json")).expect("the fixture");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin.write_all(&bytes).expect("write the feed");
    }
    let output = child.wait_with_output().expect("the command ends");
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(text(&output.stdout).starts_with("(standard input): valid — "));
}
