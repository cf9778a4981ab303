//! `outcomes publish --input DIR --out DIR ...`: record-level journey data to the anonymised
//! feed (see docs/publishing.md). This module opens and writes files; every rule is in
//! `outcomes_core::publish`.
//!
//! Order of work: read the release configuration (and the reference feed); refuse early to
//! replace a published release without `--revision`; stream the four CSV files through the
//! publisher, writing each rejected or flagged row to the report as it is found; refuse when too
//! many journey rows were rejected; run the independent check on the exact bytes to be written;
//! only then write the release (feed, tidy CSVs, manifest), each file through a temporary file
//! renamed into place.

use crate::arguments::{as_path, Argument, Arguments};
use crate::output::{line_err, line_out, shown_path};
use crate::read_feed::{read_feed, FeedBytes};
use crate::usage::{print_help, usage_error, PUBLISH};
use crate::Outcome;
use outcomes_core::publish::{
    apply_revision, publish, FileReconciliation, HashingReader, InputFile, Inputs, NoteKind, Proof, PublishError,
    PublishRecord, ReleaseConfig, RowNote, Setup,
};
use outcomes_core::release::{release_files, sha256_hex, Manifest, MANIFEST_FILE};
use outcomes_core::{FeedDocument, ReleaseStatus};
use std::ffi::OsString;
use std::fs::File;
use std::io::{BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

/// The input files, by fixed name inside `--input DIR`.
pub const CONFIG_FILE: &str = "release.json";
const CSV_FILES: [&str; 4] = ["journey.csv", "measures.csv", "contract.csv", "actions.csv"];
/// The report's name inside the input directory when `--report` is not given.
pub const DEFAULT_REPORT: &str = "publish-report.csv";
/// Rejected rows echoed on stderr before "and N more".
const ECHOED_NOTES: usize = 10;
/// The largest release.json read.
const MAX_CONFIG_BYTES: u64 = 64 * 1024 * 1024;

struct Options {
    input: PathBuf,
    out: PathBuf,
    report: Option<PathBuf>,
    reference: Option<PathBuf>,
    status: ReleaseStatus,
    revision: Option<String>,
    /// Largest share of journey rows (percent) that may be rejected.
    max_rejected: f64,
    /// How far the audit goes: `--public-test-only`, the default (the publisher's rule on the
    /// audit's intervals), or `--prove`.
    proof: Proof,
}

pub fn run(mut arguments: Arguments) -> Outcome {
    match options(&mut arguments) {
        Ok(Some(options)) => publish_release(&options),
        Ok(None) => print_help(PUBLISH),
        Err(mistake) => usage_error(PUBLISH, &mistake),
    }
}

fn options(arguments: &mut Arguments) -> Result<Option<Options>, String> {
    const WITH_VALUES: [&str; 7] =
        ["--input", "--out", "--report", "--reference", "--status", "--revision", "--max-rejected"];
    let mut input = None;
    let mut out = None;
    let mut report = None;
    let mut reference = None;
    let mut status = ReleaseStatus::Draft;
    let mut revision = None;
    let mut max_rejected = 1.0;
    let mut proof = Proof::default();
    while let Some(argument) = arguments.next(&WITH_VALUES) {
        let (name, value) = match argument {
            Argument::Help => return Ok(None),
            Argument::Option { name, value: None } if name == "--prove" || name == "--public-test-only" => {
                let chosen = if name == "--prove" { Proof::Required } else { Proof::PublicAudit };
                if proof != Proof::default() && proof != chosen {
                    return Err("--prove and --public-test-only cannot both be given".into());
                }
                proof = chosen;
                continue;
            }
            Argument::Name(name) => return Err(format!("unexpected argument {:?}", name.to_string_lossy())),
            Argument::Option { name, .. } if !WITH_VALUES.contains(&name.as_str()) => {
                return Err(format!("unknown option {name:?}"))
            }
            Argument::Option { name, value: None } => return Err(format!("{name} needs a value")),
            Argument::Option { name, value: Some(value) } => (name, value),
        };
        let text = |value: &OsString| value.to_str().map(str::to_owned);
        match name.as_str() {
            "--input" => input = Some(as_path(value)),
            "--out" => out = Some(as_path(value)),
            "--report" => report = Some(as_path(value)),
            "--reference" => reference = Some(as_path(value)),
            "--status" => {
                status = match text(&value).as_deref() {
                    Some("draft") => ReleaseStatus::Draft,
                    Some("published") => ReleaseStatus::Published,
                    _ => return Err(format!("--status {:?} is not draft or published", value.to_string_lossy())),
                }
            }
            "--revision" => match text(&value) {
                Some(reason) if !reason.trim().is_empty() => revision = Some(reason),
                _ => return Err("--revision needs a reason in words".into()),
            },
            _ => {
                max_rejected =
                    text(&value).and_then(|t| t.parse::<f64>().ok()).filter(|p| (0.0..=100.0).contains(p)).ok_or_else(
                        || format!("--max-rejected {:?} is not a percentage from 0 to 100", value.to_string_lossy()),
                    )?;
            }
        }
    }
    let input = input.ok_or("--input DIR is required")?;
    let out = out.ok_or("--out DIR is required")?;
    Ok(Some(Options { input, out, report, reference, status, revision, max_rejected, proof }))
}

fn publish_release(options: &Options) -> Outcome {
    match try_publish(options) {
        Ok(outcome) => outcome,
        Err(Failure(outcome, lines)) => {
            for line in lines {
                line_err(&line);
            }
            outcome
        }
    }
}

/// Lines for stderr and the exit code.
struct Failure(Outcome, Vec<String>);

fn io_failure(line: String) -> Failure {
    Failure(Outcome::UsageOrInputOutput, vec![line])
}

fn try_publish(options: &Options) -> Result<Outcome, Failure> {
    let config_path = options.input.join(CONFIG_FILE);
    let config_shown = shown_path(&config_path);
    let config_bytes = read_small(&config_path).map_err(|message| io_failure(format!("{config_shown}: {message}")))?;
    let config =
        ReleaseConfig::from_json(&config_bytes).map_err(|message| io_failure(format!("{config_shown}: {message}")))?;
    let reference = match &options.reference {
        None => None,
        Some(path) => Some(read_reference(path)?),
    };
    let mut setup = Setup::new(config, reference.as_ref()).map_err(|problems| {
        Failure(Outcome::UsageOrInputOutput, problems.iter().map(|p| format!("{config_shown}: {p}")).collect())
    })?;
    setup.proof = options.proof;
    let feed_path = options.out.join("feed.json");
    let previous = read_previous(&feed_path)?;
    // Refuse before reading millions of rows.
    let replacing_published = previous.as_ref().is_some_and(|feed| feed.publication.status == ReleaseStatus::Published);
    match (replacing_published, &options.revision) {
        (true, None) => {
            return Err(io_failure(format!(
                "{}: is a published release; refusing to replace it (expected --revision \"reason\", which is added to its revisions log)",
                shown_path(&feed_path)
            )))
        }
        (false, Some(_)) => {
            return Err(io_failure(format!(
                "{}: there is no published release to revise (expected --revision only when replacing a published release)",
                shown_path(&feed_path)
            )))
        }
        _ => {}
    }

    let mut readers = Vec::new();
    for name in CSV_FILES {
        let path = options.input.join(name);
        let file =
            File::open(&path).map_err(|error| io_failure(format!("{}: cannot open: {error}", shown_path(&path))))?;
        readers.push(HashingReader::new(file));
    }
    let report_path = options.report.clone().unwrap_or_else(|| options.input.join(DEFAULT_REPORT));
    let partial_path = temporary_beside(&report_path);
    let report_file = File::create(&partial_path)
        .map_err(|error| io_failure(format!("{}: cannot write the report: {error}", shown_path(&partial_path))))?;
    let mut report = Report::new(BufWriter::new(report_file), &options.input);
    let [journey, measures, contract, actions] = &mut readers[..] else {
        return Err(io_failure("internal error: four inputs expected".into()));
    };
    let result = publish(
        &setup,
        options.status,
        Inputs {
            journey: BufReader::with_capacity(1 << 16, journey),
            measures: BufReader::new(measures),
            contract: BufReader::new(contract),
            actions: BufReader::new(actions),
        },
        &mut |note| report.note(note),
    );
    let report_written = report.finish(&partial_path, &report_path);
    let mut release = match result {
        Ok(release) => release,
        Err(PublishError::Input(error)) => {
            let path = options.input.join(&error.file);
            return Err(io_failure(format!("{}: {}", shown_path(&path), error.message)));
        }
        Err(error @ PublishError::Protection(_)) => {
            return Err(Failure(Outcome::Invalid, vec![format!("outcomes publish: {error}")]))
        }
        Err(PublishError::Audit(lines)) => {
            let mut lines: Vec<String> = lines.into_iter().map(|line| format!("outcomes publish: {line}")).collect();
            lines.push("outcomes publish: nothing was written (docs/disclosure.md)".into());
            return Err(Failure(Outcome::Invalid, lines));
        }
    };
    report_written.map_err(io_failure)?;
    let report_shown = shown_path(&report_path);
    let inputs: Vec<InputFile> = CSV_FILES
        .iter()
        .zip(readers)
        .map(|(name, reader)| {
            let (bytes, sha256) = reader.finish();
            InputFile { path: (*name).into(), bytes, sha256 }
        })
        .chain(std::iter::once(InputFile {
            path: CONFIG_FILE.into(),
            bytes: config_bytes.len() as u64,
            sha256: sha256_hex(&config_bytes),
        }))
        .collect();

    let sentences: Vec<String> = release.reconciliation.iter().map(FileReconciliation::sentence).collect();
    if let Some(unbalanced) = release.reconciliation.iter().find(|tally| !tally.balances()) {
        return Err(Failure(
            Outcome::Invalid,
            vec![format!("outcomes publish: {} does not reconcile (a bug: please report it)", unbalanced.sentence())],
        ));
    }
    let journey = &release.reconciliation[0];
    let rejected_share =
        if journey.rows_read == 0 { 0.0 } else { 100.0 * journey.rows_rejected as f64 / journey.rows_read as f64 };
    if rejected_share > options.max_rejected {
        let mut lines = sentences.clone();
        lines.push(format!(
            "outcomes publish: {rejected_share:.2}% of journey rows were rejected, more than the {}% allowed (--max-rejected); nothing was written. The reasons are in {report_shown}.",
            options.max_rejected
        ));
        return Err(Failure(Outcome::Invalid, lines));
    }

    let revision = apply_revision(&mut release.document, previous.as_ref(), options.revision.as_deref())
        .map_err(|message| io_failure(format!("{}: {message}", shown_path(&feed_path))))?;
    let bytes = release.to_bytes();
    let feed_shown = shown_path(&feed_path);
    let check = match release.verify(&bytes) {
        Ok(check) => check,
        Err(failures) => {
            let mut lines =
                vec![format!("outcomes publish: the release fails the check, so {feed_shown} was not written:")];
            lines.extend(failures.iter().map(|failure| format!("{feed_shown}: {failure}")));
            return Err(Failure(Outcome::Invalid, lines));
        }
    };
    let feed = outcomes_core::validate(&bytes)
        .map_err(|_| Failure(Outcome::Invalid, vec!["internal error: the checked feed does not validate".into()]))?;
    // The public disclosure audit the release passed: `publish` audits every release it builds
    // and widens the suppression until no hidden figure can be narrowed too far.
    let audit = release.audit.clone();
    let record = PublishRecord {
        generator: format!("outcomes publish {}", env!("CARGO_PKG_VERSION")),
        inputs,
        report: InputFile {
            path: report_path.to_string_lossy().into_owned(),
            bytes: std::fs::metadata(&report_path).map(|m| m.len()).unwrap_or(0),
            sha256: std::fs::read(&report_path).map(|b| sha256_hex(&b)).unwrap_or_default(),
        },
        reconciliation: release.reconciliation.clone(),
        disclosure: release.disclosure.clone(),
        check,
        revision,
    };
    write_files(&options.out, &feed, &bytes, &record, &audit)?;
    line_out(&format!(
        "{feed_shown}: written, {} bytes, {}",
        outcomes_core::format::thousands(bytes.len()),
        crate::summary::summary(&feed)
    ));
    for sentence in sentences {
        line_out(&sentence);
    }
    let d = &release.disclosure;
    line_out(&format!(
        "disclosure: {} counts, {} suppressed as small, {} more suppressed so that none can be worked out; check passed",
        outcomes_core::format::thousands(d.counts_published),
        outcomes_core::format::thousands(d.suppressed_primary),
        outcomes_core::format::thousands(d.suppressed_secondary),
    ));
    line_out(&format!("report: {report_shown}"));
    Ok(Outcome::Success)
}

/// Writes the feed, the tidy CSVs and the manifest (with the publish record under
/// `extra.publish`), each through a temporary file renamed into place.
fn write_files(
    directory: &Path,
    feed: &outcomes_core::Feed,
    bytes: &[u8],
    record: &PublishRecord,
    audit: &outcomes_core::audit::AuditSummary,
) -> Result<(), Failure> {
    let mut files = release_files(feed, bytes);
    outcomes_core::release::record_audit(&mut files, audit);
    if let Some(entry) = files.iter_mut().find(|(path, ..)| path == MANIFEST_FILE) {
        let mut manifest: Manifest = serde_json::from_slice(&entry.3).map_err(|error| {
            Failure(Outcome::Invalid, vec![format!("internal error: the manifest cannot be read: {error}")])
        })?;
        let value = serde_json::to_value(record)
            .map_err(|error| Failure(Outcome::Invalid, vec![format!("internal error: the publish record: {error}")]))?;
        manifest.extra.insert("publish".into(), value);
        let mut json = serde_json::to_vec_pretty(&manifest).unwrap_or_default();
        json.push(b'\n');
        entry.3 = json;
    }
    for (relative, _, _, contents) in &files {
        let path = directory.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|error| io_failure(format!("{}: cannot create the directory: {error}", shown_path(parent))))?;
        }
        let partial = temporary_beside(&path);
        std::fs::write(&partial, contents)
            .and_then(|()| std::fs::rename(&partial, &path))
            .map_err(|error| io_failure(format!("{}: cannot write: {error}", shown_path(&path))))?;
    }
    Ok(())
}

fn temporary_beside(path: &Path) -> PathBuf {
    let mut name = path.file_name().map(OsString::from).unwrap_or_default();
    name.push(".partial");
    path.with_file_name(name)
}

fn read_small(path: &Path) -> Result<Vec<u8>, String> {
    let metadata = std::fs::metadata(path).map_err(|error| format!("cannot open: {error}"))?;
    if metadata.is_dir() {
        return Err("is a directory (expected a file)".into());
    }
    if metadata.len() > MAX_CONFIG_BYTES {
        return Err(format!("is {} bytes (expected at most {MAX_CONFIG_BYTES})", metadata.len()));
    }
    std::fs::read(path).map_err(|error| format!("cannot read: {error}"))
}

/// A previous feed whose reference sections fill what release.json leaves out: it must be valid.
fn read_reference(path: &Path) -> Result<FeedDocument, Failure> {
    let shown = shown_path(path);
    match read_feed(path) {
        Err(message) => Err(io_failure(format!("{shown}: {message}"))),
        Ok(FeedBytes::TooLarge(size)) => {
            Err(io_failure(format!("{shown}: {}", outcomes_core::validate::feed_too_large(size))))
        }
        Ok(FeedBytes::Complete(bytes)) => match outcomes_core::validate(&bytes) {
            Ok(feed) => Ok(feed.document().clone()),
            Err(problems) => {
                let mut lines =
                    vec![format!("{shown}: the reference feed is not valid (expected a valid previous release):")];
                lines.extend(problems.iter().map(|p| format!("{shown}: {p}")));
                Err(Failure(Outcome::UsageOrInputOutput, lines))
            }
        },
    }
}

/// The release already in the output directory, if any. One that cannot be read as a feed is
/// refused: whether it is published cannot be known.
fn read_previous(path: &Path) -> Result<Option<FeedDocument>, Failure> {
    if !path.exists() {
        return Ok(None);
    }
    let shown = shown_path(path);
    let unreadable = |why: String| {
        io_failure(format!(
            "{shown}: {why}, so whether it is a published release cannot be told; refusing to replace it (move it away first)"
        ))
    };
    match read_feed(path) {
        Ok(FeedBytes::Complete(bytes)) => serde_json::from_slice::<FeedDocument>(&bytes)
            .map(Some)
            .map_err(|error| unreadable(format!("cannot be read as a feed ({error})"))),
        Ok(FeedBytes::TooLarge(_)) => Err(unreadable("is too large to be a feed".into())),
        Err(message) => Err(unreadable(message)),
    }
}

/// The reconciliation report: a CSV file of every rejected or flagged row, written as found,
/// plus the first few rejected rows on stderr.
struct Report {
    writer: BufWriter<File>,
    input: PathBuf,
    echoed: usize,
    rejected: u64,
    error: Option<std::io::Error>,
}

impl Report {
    fn new(mut writer: BufWriter<File>, input: &Path) -> Report {
        let error = writer.write_all(b"file,line,outcome,reason,message\r\n").err();
        Report { writer, input: input.to_owned(), echoed: 0, rejected: 0, error }
    }

    fn note(&mut self, note: &RowNote) {
        if note.kind == NoteKind::Rejected {
            self.rejected += 1;
            if self.echoed < ECHOED_NOTES {
                self.echoed += 1;
                line_err(&format!(
                    "{}:{}: rejected ({}): {}",
                    shown_path(&self.input.join(note.file)),
                    note.line,
                    note.code,
                    note.message
                ));
            }
        }
        if self.error.is_none() {
            let message = note.message.replace('"', "\"\"");
            let result =
                write!(self.writer, "{},{},{},{},\"{message}\"\r\n", note.file, note.line, note.kind.word(), note.code);
            self.error = result.err();
        }
    }

    /// Flushes and moves the report into place; says how many rejected rows were not echoed.
    fn finish(mut self, partial: &Path, path: &Path) -> Result<(), String> {
        if self.rejected > self.echoed as u64 {
            line_err(&format!(
                "… and {} more rejected rows, every one in {}",
                outcomes_core::format::thousands(self.rejected - self.echoed as u64),
                shown_path(path)
            ));
        }
        let flushed = match self.error.take() {
            Some(error) => Err(error),
            None => self.writer.flush(),
        };
        flushed
            .and_then(|()| std::fs::rename(partial, path))
            .map_err(|error| format!("{}: cannot write the report: {error}", shown_path(path)))
    }
}
