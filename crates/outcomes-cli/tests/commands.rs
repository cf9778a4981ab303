//! The subcommands' contracts: usage errors exit 2 with the usage on stderr, `--help` exits 0
//! with it on stdout, the committed schema equals the generated one, and the demo writes a
//! compact, valid, reproducible feed.

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

fn scratch(name: &str) -> PathBuf {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::remove_dir_all(&path).ok();
    path
}

#[test]
fn bad_usage_exits_2_with_the_usage_on_stderr() {
    for arguments in [
        &[][..],
        &["frobnicate"][..],
        &["validate"][..],
        &["validate", "--strict", "feed.json"][..],
        &["schema", "--out"][..],
        &["schema", "extra"][..],
        &["demo"][..],
        &["demo", "--out"][..],
        &["demo", "--out", "x", "--seed", "minus-one"][..],
        &["demo", "--out", "x", "--colour", "red"][..],
        &["demo", "--out", "x", "--scale", "global"][..],
        &["demo", "--out", "x", "--scale"][..],
    ] {
        let output = outcomes(arguments);
        assert_eq!(output.status.code(), Some(2), "{arguments:?}");
        let stderr = text(&output.stderr);
        assert!(stderr.starts_with("outcomes: ") && stderr.contains("Usage: outcomes"), "{arguments:?}: {stderr}");
        assert!(output.stdout.is_empty(), "{arguments:?}");
    }
}

#[test]
fn help_exits_0_with_the_usage_on_stdout() {
    for (arguments, usage) in [
        (&["--help"][..], "Usage: outcomes <SUBCOMMAND>"),
        (&["help"][..], "Usage: outcomes <SUBCOMMAND>"),
        (&["validate", "--help"][..], "Usage: outcomes validate FILE..."),
        (&["schema", "-h"][..], "Usage: outcomes schema [--out FILE]"),
        (&["demo", "--help"][..], "Usage: outcomes demo --out DIR [--seed N]"),
    ] {
        let output = outcomes(arguments);
        assert_eq!(output.status.code(), Some(0), "{arguments:?}");
        assert!(text(&output.stdout).starts_with(usage), "{arguments:?}: {}", text(&output.stdout));
        assert!(output.stderr.is_empty());
    }
}

#[test]
fn the_committed_schema_is_the_generated_one() {
    let committed_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/feed.schema.json");
    let committed = std::fs::read_to_string(&committed_path).unwrap_or_default();
    let output = outcomes(&["schema"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(
        text(&output.stdout) == committed,
        "docs/feed.schema.json is out of date: run `cargo run -p outcomes-cli -- schema --out docs/feed.schema.json`"
    );

    let written = scratch("schema-out").with_extension("json");
    let output = outcomes(&["schema", "--out", written.to_str().expect("a UTF-8 temporary path")]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&written).expect("the written schema"), committed);
}

#[test]
fn the_schema_describes_every_field() {
    let schema: serde_json::Value = serde_json::from_slice(&outcomes(&["schema"]).stdout).expect("the schema is JSON");
    let mut undescribed = Vec::new();
    let definitions = schema["$defs"].as_object().expect("the schema has $defs");
    for (name, definition) in definitions.iter().chain([(&"(root)".to_owned(), &schema)]) {
        let Some(properties) = definition["properties"].as_object() else { continue };
        for (field, property) in properties {
            let described = property.get("description").is_some()
                || property["$ref"]
                    .as_str()
                    .and_then(|reference| definitions.get(reference.trim_start_matches("#/$defs/")))
                    .is_some_and(|target| target.get("description").is_some());
            if !described {
                undescribed.push(format!("{name}.{field}"));
            }
        }
    }
    assert!(undescribed.is_empty(), "fields without a description (add a doc comment in feed.rs): {undescribed:?}");
}

#[test]
fn the_demo_is_written_compact_valid_and_reproducible() {
    let directory = scratch("demo-out").join("nested/dir");
    // Without the disclosure audit (about a minute): `make` writes the demo with it, and the
    // end-to-end tests read its summary on /about.
    let output =
        outcomes(&["demo", "--out", directory.to_str().expect("a UTF-8 temporary path"), "--seed", "7", "--no-audit"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(text(&output.stdout).contains("feed.json: written, "));
    assert!(!text(&output.stdout).contains("disclosure audit"));
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(directory.join("manifest.json")).expect("the manifest")).expect("JSON");
    assert!(manifest.get("audit").is_none(), "no audit, no summary: {manifest}");
    let bytes = std::fs::read(directory.join("feed.json")).expect("the demo feed");
    assert!(
        bytes.ends_with(b"}\n") && !bytes[..bytes.len() - 1].contains(&b'\n'),
        "compact JSON with one final newline"
    );
    assert!(outcomes_core::validate(&bytes).is_ok());

    let again = scratch("demo-again");
    outcomes(&["demo", "--out", again.to_str().expect("a UTF-8 temporary path"), "--seed=7", "--no-audit"]);
    assert_eq!(
        std::fs::read(again.join("feed.json")).expect("the second demo feed"),
        bytes,
        "the same seed gives the same bytes"
    );
}

#[test]
fn the_demo_reports_a_directory_it_cannot_create() {
    let blocker = scratch("demo-blocker");
    std::fs::write(&blocker, b"a file, not a directory").expect("a temporary file");
    let output =
        outcomes(&["demo", "--out", blocker.join("sub").to_str().expect("a UTF-8 temporary path"), "--no-audit"]);
    std::fs::remove_file(&blocker).ok();
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("cannot create the directory"), "{}", text(&output.stderr));
}
