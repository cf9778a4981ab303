//! `outcomes schema [--out FILE]`: the JSON Schema of feed v1, generated from the Rust types in
//! `outcomes_core::feed` (their doc comments become the descriptions), so it cannot disagree
//! with what the dashboard reads. The committed copy is `docs/feed.schema.json`; a test keeps
//! the two equal.

use crate::arguments::{as_path, Argument, Arguments};
use crate::output::{line_err, shown_path, text_out};
use crate::usage::{print_help, usage_error, SCHEMA};
use crate::Outcome;
use outcomes_core::validate::MAX_TEXT_CHARS;
use outcomes_core::FeedDocument;
use schemars::generate::SchemaSettings;
use schemars::transform::RecursiveTransform;
use schemars::Schema;
use std::path::PathBuf;

pub fn run(mut arguments: Arguments) -> Outcome {
    let mut out: Option<PathBuf> = None;
    while let Some(argument) = arguments.next(&["--out"]) {
        match argument {
            Argument::Help => return print_help(SCHEMA),
            Argument::Option { name, value: Some(value) } if name == "--out" => out = Some(as_path(value)),
            Argument::Option { name, value: None } if name == "--out" => {
                return usage_error(SCHEMA, "--out needs a FILE")
            }
            Argument::Option { name, .. } => return usage_error(SCHEMA, &format!("unknown option {name:?}")),
            Argument::Name(name) => {
                return usage_error(SCHEMA, &format!("unexpected argument {:?}", name.to_string_lossy()))
            }
        }
    }
    let schema = schema_text();
    match out {
        None => {
            text_out(&schema);
            Outcome::Success
        }
        Some(path) => match std::fs::write(&path, schema) {
            Ok(()) => Outcome::Success,
            Err(error) => {
                line_err(&format!("{}: cannot write the schema: {error}", shown_path(&path)));
                Outcome::UsageOrInputOutput
            }
        },
    }
}

/// The schema as pretty-printed JSON with a final newline, exactly as committed.
pub fn schema_text() -> String {
    let generator = SchemaSettings::draft2020_12().with_transform(RecursiveTransform(limit_text)).into_generator();
    let mut schema = generator.into_root_schema_for::<FeedDocument>();
    schema.insert("$id".into(), "https://outcomes-dashboard.invalid/feed/v1/feed.schema.json".into());
    schema.insert("title".into(), "Think Communities outcomes feed, version 1.0".into());
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// Every string in the feed is plain text of 1 to 2,000 characters (see docs/feed.md); say so
/// on each string schema that has no stricter pattern of its own.
fn limit_text(schema: &mut Schema) {
    let is_plain_string = schema.get("type").and_then(|kind| kind.as_str()) == Some("string")
        && schema.get("pattern").is_none()
        && schema.get("format").is_none()
        && schema.get("const").is_none()
        && schema.get("enum").is_none();
    if is_plain_string {
        schema.insert("minLength".into(), 1.into());
        schema.insert("maxLength".into(), MAX_TEXT_CHARS.into());
    }
}
