//! `outcomes publish`: from pseudonymised record-level journey data (and the contract returns,
//! ward measures and place-plan actions) to the anonymised feed, with disclosure control and a
//! full reconciliation. The user's guide is `docs/publishing.md`; the disclosure policy is
//! `docs/disclosure.md`.
//!
//! - Inputs are read from any [`BufRead`] the caller opens (the core never opens a file), one row
//!   at a time: memory depends on the geography and code lists, not on the number of rows.
//! - Every row read is either aggregated or rejected with its line and reason
//!   ([`RowNote`], [`FileReconciliation`]): rows read = rows aggregated + rows rejected.
//! - True counts are added up to every published level from the records, then protected by
//!   primary suppression, rounding and secondary suppression ([`crate::secondary`]).
//! - [`Release::verify`] is the independent check ([`check`]) the CLI runs on the exact bytes
//!   it is about to write; it refuses a release that fails.

pub(crate) mod build;
pub mod check;
pub mod config;
mod csv_reader;
pub(crate) mod journey;
pub(crate) mod tables;

pub use check::{verify, CheckSummary, Roles, TrueValues};
pub use config::{
    CodeLists, ContractTerms, KpiTerms, PlanTerms, Proof, ReleaseConfig, ReleasePublication, Setup, StageRoles,
};
pub use csv_reader::MAX_RECORD_BYTES;
pub use journey::{quarter_of, COLUMNS as JOURNEY_COLUMNS};
pub use tables::{ACTION_COLUMNS, CONTRACT_COLUMNS, MEASURE_COLUMNS};

use crate::audit::reader::CellLabel;
use crate::feed::*;
use crate::format::thousands;
use crate::{Count, DisclosurePolicy, JourneyTable, Period, Quarter};
use csv_reader::CsvReader;
use journey::WardCounts;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::BufRead;
use tables::WardMeasures;

/// The policy used when `release.json` gives none: the demo's minimum and base, with the rule
/// in words including secondary suppression.
pub fn default_publish_policy() -> DisclosurePolicy {
    DisclosurePolicy {
        rule: "Counts of 1 to 9 are suppressed and shown as [c]. Every other count is rounded to the nearest 5. Zero \
               is shown as 0. Further counts are suppressed where needed so that no suppressed count can be worked \
               out from totals, other cells of its table or the difference between two stages. Totals are \
               published in their own right from the record-level data, never made by adding suppressed or \
               rounded cells."
            .into(),
        ..crate::disclosure::default_policy()
    }
}

/// A row that was rejected (not counted) or flagged (counted, with a note).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NoteKind {
    Rejected,
    Flagged,
}

impl NoteKind {
    pub fn word(self) -> &'static str {
        match self {
            NoteKind::Rejected => "rejected",
            NoteKind::Flagged => "flagged",
        }
    }
}

/// One line of the reconciliation report. Never holds an id or any other record value beyond
/// the code that was not recognised.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowNote {
    pub file: &'static str,
    /// Physical line number in the file (the header is line 1).
    pub line: u64,
    pub kind: NoteKind,
    /// A short reason code, such as `unknown-lsoa` (listed in docs/publishing.md).
    pub code: &'static str,
    pub message: String,
}

/// Rows read, aggregated, rejected and flagged in one input file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct FileReconciliation {
    pub file: String,
    pub rows_read: u64,
    pub rows_aggregated: u64,
    pub rows_rejected: u64,
    /// Aggregated rows that also carry a note.
    pub rows_flagged: u64,
    pub rejected_by_reason: BTreeMap<String, u64>,
    pub flagged_by_reason: BTreeMap<String, u64>,
}

impl FileReconciliation {
    fn new(file: &str) -> FileReconciliation {
        FileReconciliation { file: file.into(), ..FileReconciliation::default() }
    }

    fn reject(&mut self, code: &str) {
        self.rows_rejected += 1;
        *self.rejected_by_reason.entry(code.into()).or_default() += 1;
    }

    fn flag(&mut self, code: &str) {
        *self.flagged_by_reason.entry(code.into()).or_default() += 1;
    }

    /// Rows read = rows aggregated + rows rejected.
    pub fn balances(&self) -> bool {
        self.rows_read == self.rows_aggregated + self.rows_rejected
    }

    /// `journey.csv: 1,000 rows read = 990 aggregated + 10 rejected (3 flagged)`.
    pub fn sentence(&self) -> String {
        format!(
            "{}: {} rows read = {} aggregated + {} rejected ({} flagged)",
            self.file,
            thousands(self.rows_read),
            thousands(self.rows_aggregated),
            thousands(self.rows_rejected),
            thousands(self.rows_flagged)
        )
    }
}

/// An input that cannot be read at all (a missing or misspelt column, an IO error): nothing is
/// published.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    pub file: String,
    pub message: String,
}

/// Why nothing could be published.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PublishError {
    Input(InputError),
    /// Secondary suppression could not finish (a bug, not a data problem).
    Protection(String),
    /// The release still fails the disclosure audit: each failing figure and its relations.
    Audit(Vec<String>),
}

impl std::fmt::Display for PublishError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PublishError::Input(error) => write!(f, "{}: {}", error.file, error.message),
            PublishError::Protection(message) => f.write_str(message),
            PublishError::Audit(lines) => f.write_str(&lines.join("\n")),
        }
    }
}

type Rejection = (&'static str, String);

fn reject(code: &'static str, message: impl Into<String>) -> Rejection {
    (code, message.into())
}

/// Reads the header: every column of `columns` once, in any order, and no other.
fn header<R: BufRead>(csv: &mut CsvReader<R>, file: &str, columns: &[&str]) -> Result<Vec<usize>, InputError> {
    let error = |message: String| InputError { file: file.into(), message };
    let expected = columns.join(",");
    let record = csv.next_record().map_err(|e| error(format!("cannot read: {e}")))?;
    let Some((_, record)) = record else {
        return Err(error(format!("is empty (expected a header row: {expected})")));
    };
    record.map_err(|broken| error(format!("line 1: {} (expected a header row: {expected})", broken.message)))?;
    let names: Vec<String> = (0..csv.len()).map(|i| csv.field(i).to_ascii_lowercase()).collect();
    let mut problems = Vec::new();
    let mut positions = Vec::new();
    for column in columns {
        match names.iter().filter(|name| name == column).count() {
            0 => problems.push(format!("no column {column:?}")),
            1 => positions.push(names.iter().position(|name| name == column).unwrap_or(0)),
            _ => problems.push(format!("column {column:?} appears twice")),
        }
    }
    for name in &names {
        if !columns.contains(&name.as_str()) {
            problems.push(format!("unknown column {name:?}"));
        }
    }
    if problems.is_empty() {
        Ok(positions)
    } else {
        Err(error(format!("line 1: {} (expected the columns {expected}, in any order)", problems.join("; "))))
    }
}

/// Reads every row after the header, calling `row` with the line and the fields in the order of
/// `columns`. The row function returns `Err` to reject the row, or pushes notes to flag it.
fn read_rows<R: BufRead>(
    reader: R,
    file: &'static str,
    columns: &[&str],
    notes: &mut dyn FnMut(&RowNote),
    mut row: impl FnMut(u64, &[&str], &mut Vec<Rejection>) -> Result<(), Rejection>,
) -> Result<FileReconciliation, InputError> {
    const MOST_COLUMNS: usize = 16;
    let mut csv = CsvReader::new(reader);
    let positions = header(&mut csv, file, columns)?;
    let mut tally = FileReconciliation::new(file);
    let mut flags: Vec<Rejection> = Vec::new();
    loop {
        let record =
            csv.next_record().map_err(|e| InputError { file: file.into(), message: format!("cannot read: {e}") })?;
        let Some((line, record)) = record else { break };
        tally.rows_read += 1;
        flags.clear();
        let outcome = match record {
            Err(broken) => Err((broken.code, broken.message)),
            Ok(()) if csv.len() != columns.len() => Err(reject(
                "malformed",
                format!("the row has {} fields (expected {}, as in the header)", csv.len(), columns.len()),
            )),
            Ok(()) => {
                let mut fields = [""; MOST_COLUMNS];
                for (slot, &position) in fields.iter_mut().zip(&positions) {
                    *slot = csv.field(position);
                }
                row(line, &fields[..columns.len().min(MOST_COLUMNS)], &mut flags)
            }
        };
        match outcome {
            Ok(()) => {
                tally.rows_aggregated += 1;
                if !flags.is_empty() {
                    tally.rows_flagged += 1;
                }
                for (code, message) in flags.drain(..) {
                    tally.flag(code);
                    notes(&RowNote { file, line, kind: NoteKind::Flagged, code, message });
                }
            }
            Err((code, message)) => {
                tally.reject(code);
                notes(&RowNote { file, line, kind: NoteKind::Rejected, code, message });
            }
        }
    }
    Ok(tally)
}

/// The four CSV inputs.
pub struct Inputs<J, M, C, A> {
    pub journey: J,
    pub measures: M,
    pub contract: C,
    pub actions: A,
}

/// What disclosure control did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct DisclosureSummary {
    pub minimum_count: u32,
    pub rounding_base: u32,
    /// Counts in the journey tables and measure values.
    pub counts_published: usize,
    /// Hidden because the count itself is small.
    pub suppressed_primary: usize,
    /// Hidden so that no hidden count can be worked out.
    pub suppressed_secondary: usize,
    /// Relations between counts that secondary suppression protected against.
    pub relations: usize,
    /// How many times the release was audited (each failing audit widens the suppression).
    pub audit_rounds: usize,
}

/// A protected release, ready to be checked and written.
pub struct Release {
    pub document: FeedDocument,
    pub reconciliation: Vec<FileReconciliation>,
    pub disclosure: DisclosureSummary,
    /// The disclosure audit the release passed (without earlier releases).
    pub audit: crate::audit::AuditSummary,
    setup: Setup,
    counts: WardCounts,
    measures: WardMeasures,
}

/// Reads the inputs and builds the protected release. Every rejected or flagged row is passed
/// to `notes` as it is found (the CLI writes them to the report file).
pub fn publish<J: BufRead, M: BufRead, C: BufRead, A: BufRead>(
    setup: &Setup,
    status: ReleaseStatus,
    inputs: Inputs<J, M, C, A>,
    notes: &mut dyn FnMut(&RowNote),
) -> Result<Release, PublishError> {
    let mut counts = WardCounts::new(setup);
    let journey_tally =
        journey::read_journey(setup, inputs.journey, &mut counts, notes).map_err(PublishError::Input)?;
    let (measures, measure_tally) =
        tables::read_measures(setup, inputs.measures, notes).map_err(PublishError::Input)?;
    let (kpis, contract_tally) = tables::read_contract(setup, inputs.contract, notes).map_err(PublishError::Input)?;
    let (actions, action_tally) = tables::read_actions(setup, inputs.actions, notes).map_err(PublishError::Input)?;
    let cannot = |what: &'static str| {
        move |failure: crate::secondary::CannotProtect| {
            PublishError::Protection(format!(
                "secondary suppression of the {what} could not protect cell {} (a bug in the publisher: please report it)",
                failure.cell
            ))
        }
    };
    let shape = setup.shape();
    let (mut forced_journey, mut forced_measures) = (Vec::new(), Vec::new());
    let mut rounds = 0;
    let (journey_tables, measure_table, document, audit) = loop {
        rounds += 1;
        let journey_tables =
            build::journey_tables(&shape, &counts, &forced_journey).map_err(cannot("journey tables"))?;
        let measure_table =
            build::measure_table(&shape, &measures, &forced_measures).map_err(cannot("measure values"))?;
        let document = release_document(setup, status, &kpis, &actions, &journey_tables, &measure_table);
        // The disclosure audit (docs/disclosure.md) on the release as written: every hidden
        // count a reader can narrow too far by linear programming over all relations, judged by
        // the publisher's rule on its true value (a true 1 shown as 0 to 2 fails it).
        let options = crate::audit::AuditOptions::default();
        let truth = |label: &CellLabel| true_value(&journey_tables, &measure_table, label);
        let judged = match setup.proof {
            Proof::PublicAudit => None,
            Proof::Judged | Proof::Required => Some(crate::audit::judge(&document, &options, &truth)),
        };
        // Then the public audit, exactly as `outcomes audit` runs it: its summary goes into the
        // manifest, so anyone can check it. (Judging passes only intervals the public test
        // passes too; should the public audit's own intervals fail, those counts are widened.)
        let report = match judged {
            Some(judged) if !judged.passes() => judged,
            _ => crate::audit::audit(&document, &[], &options),
        };
        // With `--prove`, then the publisher's proof, knowing the true values: every small hidden
        // count's interval shown to reach its margin both ways (docs/disclosure.md).
        let report = match (report.passes(), setup.proof) {
            (true, Proof::PublicAudit | Proof::Judged) => {
                break (journey_tables, measure_table, document, report.summary)
            }
            (true, Proof::Required) => {
                let proof = crate::audit::prove(&document, &options, &truth);
                if proof.passes() {
                    let mut summary = report.summary;
                    summary.proof = proof.summary.proof;
                    break (journey_tables, measure_table, document, summary);
                }
                proof
            }
            (false, _) => report,
        };
        let refuse = |why: &str| PublishError::Audit(audit_refusal(&report, rounds, why));
        if !report.inconsistencies.is_empty() {
            return Err(refuse("its figures contradict the relations the audit assumes (a bug in the publisher)"));
        }
        let (mut journey_failing, mut measure_failing) = (Vec::new(), Vec::new());
        for cell in report.cells.iter().filter(|cell| !cell.passes) {
            match parse_path(&cell.path) {
                Some(FigurePath::Journey { table, row, column }) => {
                    journey_failing.extend(journey_tables.cell(table, row, column))
                }
                Some(FigurePath::Measure { row, denominator }) => measure_failing.extend(
                    measure_table.cells.get(row).map(|&(numerator, d)| if denominator { d } else { numerator }),
                ),
                None => {}
            }
        }
        // Hide each failing count's cheapest protection pattern (the published counts that must
        // change for it to move by its margin both ways: docs/disclosure.md), then protect again.
        let policy = &setup.policy;
        let widen_journey = crate::audit::attacker::protection_cells(
            &journey_tables.system,
            &journey_tables.protection,
            policy,
            &journey_failing,
        );
        let widen_measures = crate::audit::attacker::protection_cells(
            &measure_table.system,
            &measure_table.protection,
            policy,
            &measure_failing,
        );
        let added = widen_journey.len() + widen_measures.len();
        forced_journey.extend(widen_journey);
        forced_measures.extend(widen_measures);
        if added == 0 || rounds >= MAX_AUDIT_ROUNDS {
            return Err(refuse("more suppression did not protect them"));
        }
    };
    let disclosure = DisclosureSummary {
        minimum_count: setup.policy.minimum_count,
        rounding_base: setup.policy.rounding_base,
        counts_published: [
            &journey_tables.funnel,
            &journey_tables.entries,
            &journey_tables.handovers,
            &journey_tables.outcomes,
        ]
        .iter()
        .flat_map(|rows| rows.iter())
        .map(|row| row.counts.len())
        .sum::<usize>()
            + 2 * measure_table.values.len(),
        suppressed_primary: journey_tables.protection.primary + measure_table.protection.primary,
        suppressed_secondary: journey_tables.protection.secondary + measure_table.protection.secondary,
        relations: journey_tables.relations + measure_table.relations,
        audit_rounds: rounds,
    };
    let mut audit_summary = audit;
    audit_summary.secondary_suppressions = disclosure.suppressed_secondary;
    Ok(Release {
        document,
        reconciliation: vec![journey_tally, measure_tally, contract_tally, action_tally],
        disclosure,
        audit: audit_summary,
        setup: setup.clone(),
        counts,
        measures,
    })
}

/// The true value of a figure of the release being built (the publisher's proof needs it).
pub(crate) fn true_value(
    journey: &build::JourneyTables,
    measures: &build::MeasureTable,
    label: &CellLabel,
) -> Option<i64> {
    match *label {
        CellLabel::Count { release: 0, table, row, column } => {
            let cell = journey.cell(table, row, column)?;
            journey.protection.true_values.get(cell as usize).map(|&v| i64::from(v))
        }
        CellLabel::Measure { release: 0, row, denominator } => {
            let (numerator, d) = *measures.cells.get(row)?;
            let cell = if denominator { d } else { numerator };
            measures.protection.true_values.get(cell as usize).map(|&v| i64::from(v))
        }
        _ => None,
    }
}

/// How many times `outcomes publish` audits and widens before it refuses to write the release.
const MAX_AUDIT_ROUNDS: usize = 12;

/// The feed document of a release from its protected tables.
fn release_document(
    setup: &Setup,
    status: ReleaseStatus,
    kpis: &[Kpi],
    actions: &[Vec<PlanAction>],
    journey_tables: &build::JourneyTables,
    measure_table: &build::MeasureTable,
) -> FeedDocument {
    let lists = &setup.lists;
    let publication = &setup.publication;
    FeedDocument {
        schema_version: SCHEMA_VERSION.into(),
        publication: Publication {
            title: publication.title.clone(),
            publisher: publication.publisher.clone(),
            licence: publication.licence.clone(),
            release_date: publication.release_date,
            next_release_date: publication.next_release_date,
            periods: publication.periods.clone(),
            status,
            demonstration: publication.demonstration,
            revisions: publication.revisions.clone(),
            contact: publication.contact.clone(),
        },
        disclosure: setup.policy.clone(),
        geography: setup.geography.clone(),
        place_plans: setup.plans.iter().zip(actions).map(|(terms, actions)| terms.to_plan(actions.clone())).collect(),
        journey: Journey {
            stages: lists.stages.clone(),
            cohorts: lists.cohorts.clone(),
            domains: lists.domains.clone(),
            entry_routes: lists.entry_routes.clone(),
            services: lists.services.clone(),
            funnel: journey_tables.funnel.clone(),
            entries: journey_tables.entries.clone(),
            handovers: journey_tables.handovers.clone(),
            outcomes: journey_tables.outcomes.clone(),
        },
        measures: Measures { catalogue: setup.catalogue.clone(), values: measure_table.values.clone() },
        contract: Contract {
            name: setup.contract.name.clone(),
            provider: setup.contract.provider.clone(),
            start_date: setup.contract.start_date,
            end_date: setup.contract.end_date,
            annual_outcome_payment_gbp: setup.contract.annual_outcome_payment_gbp,
            kpis: kpis.to_vec(),
        },
    }
}

/// A published figure named by its JSON path in the audit's report.
enum FigurePath {
    Journey { table: usize, row: usize, column: usize },
    Measure { row: usize, denominator: bool },
}

/// Reads `journey.funnel[12].counts[3]` or `measures.values[4].numerator`.
fn parse_path(path: &str) -> Option<FigurePath> {
    fn index(text: &str) -> Option<(usize, &str)> {
        let (number, rest) = text.strip_prefix('[')?.split_once(']')?;
        Some((number.parse().ok()?, rest))
    }
    if let Some(rest) = path.strip_prefix("journey.") {
        let table = crate::audit::reader::TABLES.iter().position(|name| rest.starts_with(&format!("{name}[")))?;
        let (row, rest) = index(&rest[crate::audit::reader::TABLES[table].len()..])?;
        let (column, rest) = index(rest.strip_prefix(".counts")?)?;
        return rest.is_empty().then_some(FigurePath::Journey { table, row, column });
    }
    let (row, rest) = index(path.strip_prefix("measures.values")?)?;
    match rest {
        ".numerator" => Some(FigurePath::Measure { row, denominator: false }),
        ".denominator" => Some(FigurePath::Measure { row, denominator: true }),
        _ => None,
    }
}

/// Why a release is not written: each figure that still fails, with the relations that pin it.
fn audit_refusal(report: &crate::audit::AuditReport, rounds: usize, why: &str) -> Vec<String> {
    // The public audit finds leaks; the publisher's proof finds counts it could not prove safe.
    let proof = report.summary.proof.is_some();
    let (failing, interval) = if proof {
        ("hidden figures could not be proven protected", "values a reader cannot rule out reach only")
    } else {
        ("hidden figures can be narrowed too far", "a reader can prove it lies in")
    };
    let mut lines = vec![format!(
        "the release fails the disclosure audit after {rounds} rounds of suppression ({why}): {} {failing}, {} relations contradict",
        report.summary.failures,
        report.inconsistencies.len()
    )];
    for cell in report.cells.iter().filter(|cell| !cell.passes) {
        let hi = cell.hi.map_or_else(|| "no upper bound".to_owned(), |hi| hi.to_string());
        if cell.undecided {
            lines.push(format!(
                "{}: not decided (too large to solve in whole numbers): a reader can prove no more than {} to {hi}",
                cell.path, cell.lo
            ));
        } else {
            lines.push(format!("{}: {interval} {} to {hi}", cell.path, cell.lo));
        }
        lines.extend(cell.relations.iter().map(|relation| format!("  by: {relation}")));
    }
    lines.extend(report.inconsistencies.iter().cloned());
    lines
}

impl Release {
    /// The feed as written: compact JSON with one final newline.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = serde_json::to_vec(&self.document).unwrap_or_default();
        bytes.push(b'\n');
        bytes
    }

    /// The independent check of `bytes` (which should be [`Release::to_bytes`]) against the
    /// true values: see [`check`].
    pub fn verify(&self, bytes: &[u8]) -> Result<CheckSummary, Vec<String>> {
        let stages = &self.setup.lists.stages;
        let roles = Roles {
            handover: stages[self.setup.handover_stage].id.clone(),
            outcome: stages[self.setup.outcome_stage].id.clone(),
        };
        check::verify(bytes, &roles, Some(self))
    }

    fn area_wards(&self, area: &str) -> Option<&[usize]> {
        self.setup.areas.iter().find(|a| a.code == area).map(|a| a.wards.as_slice())
    }
}

impl TrueValues for Release {
    fn journey_row(&self, table: JourneyTable, period: Period, area: &str, cohort: &str) -> Option<Vec<u32>> {
        let quarters = build::period_quarters(&self.setup, period)?;
        let wards = self.area_wards(area)?;
        let position = self.setup.lists.cohorts.iter().position(|c| c.id == cohort)?;
        let own = build::own_cohorts(position, self.setup.all_cohort, self.counts.cohorts);
        let mut sums = vec![0u32; self.counts.width()];
        for &quarter in &quarters {
            for &ward in wards {
                for k in own.clone() {
                    for (sum, value) in sums.iter_mut().zip(self.counts.cell(quarter, ward, k)) {
                        *sum += value;
                    }
                }
            }
        }
        let c = &self.counts;
        let range = match table {
            JourneyTable::Funnel => 0..c.stages,
            JourneyTable::Entries => c.stages..c.stages + c.routes,
            JourneyTable::Handovers => c.stages + c.routes..c.stages + c.routes + c.services,
            JourneyTable::Outcomes => c.stages + c.routes + c.services..c.width(),
        };
        Some(sums[range].to_vec())
    }

    fn measure_value(&self, measure: &str, period: Quarter, area: &str) -> Option<(u32, u32)> {
        let m = self.setup.catalogue.iter().position(|entry| entry.id == measure)?;
        let q = self.setup.quarters.iter().position(|quarter| *quarter == period)?;
        let values: Option<Vec<(u32, u32)>> =
            self.area_wards(area)?.iter().map(|&ward| self.measures.get(m, q, ward)).collect();
        Some(values?.iter().fold((0, 0), |(n, d), (x, y)| (n + x, d + y)))
    }
}

/// Replacing a published release needs a reason, which is added to the revisions log; a draft
/// (or nothing) may be replaced freely. Returns the revision added, if any.
///
/// The log of the new release is the previous release's log, then any revision in
/// `release.json` not already in it, then the new revision (dated the release date; its "what"
/// says how many published counts changed, and in which periods).
pub fn apply_revision(
    document: &mut FeedDocument,
    previous: Option<&FeedDocument>,
    reason: Option<&str>,
) -> Result<Option<Revision>, String> {
    let published = previous.filter(|feed| feed.publication.status == ReleaseStatus::Published);
    match (published, reason) {
        (None, None) => Ok(None),
        (None, Some(_)) => {
            Err("there is no published release to revise (expected --revision only when replacing a published release)"
                .into())
        }
        (Some(_), None) => Err(
            "would replace a published release (expected --revision \"reason\", which is added to the revisions log)"
                .into(),
        ),
        (Some(previous), Some(reason)) => {
            let mut log = previous.publication.revisions.clone();
            for revision in &document.publication.revisions {
                if !log.contains(revision) {
                    log.push(revision.clone());
                }
            }
            let revision = Revision {
                date: document.publication.release_date,
                what: change_summary(previous, document),
                why: reason.trim().to_owned(),
            };
            log.push(revision.clone());
            document.publication.revisions = log;
            Ok(Some(revision))
        }
    }
}

/// How many published counts differ between two releases, and in which periods.
pub fn change_summary(previous: &FeedDocument, next: &FeedDocument) -> String {
    let mut before: HashMap<(usize, Period, &str, &str), &[Count]> = HashMap::new();
    fn tables(doc: &FeedDocument) -> [&[CountRow]; 4] {
        let j = &doc.journey;
        [j.funnel.as_slice(), j.entries.as_slice(), j.handovers.as_slice(), j.outcomes.as_slice()]
    }
    for (t, rows) in tables(previous).into_iter().enumerate() {
        for row in rows {
            before.insert((t, row.period, row.area.as_str(), row.cohort.as_str()), &row.counts);
        }
    }
    let mut compared = 0usize;
    let mut changed = 0usize;
    let mut periods: BTreeSet<String> = BTreeSet::new();
    for (t, rows) in tables(next).into_iter().enumerate() {
        for row in rows {
            compared += row.counts.len();
            let old = before.get(&(t, row.period, row.area.as_str(), row.cohort.as_str()));
            let differing = match old {
                Some(old) if old.len() == row.counts.len() => {
                    old.iter().zip(&row.counts).filter(|(a, b)| a != b).count()
                }
                _ => row.counts.len(),
            };
            if differing > 0 {
                changed += differing;
                periods.insert(row.period.to_string());
            }
        }
    }
    let old_values: HashMap<(&str, Quarter, &str), (Count, Count)> = previous
        .measures
        .values
        .iter()
        .map(|v| ((v.measure.as_str(), v.period, v.area.as_str()), (v.numerator, v.denominator)))
        .collect();
    for value in &next.measures.values {
        compared += 2;
        let old = old_values.get(&(value.measure.as_str(), value.period, value.area.as_str()));
        let differing = match old {
            Some((n, d)) => usize::from(*n != value.numerator) + usize::from(*d != value.denominator),
            None => 2,
        };
        if differing > 0 {
            changed += differing;
            periods.insert(value.period.to_string());
        }
    }
    if changed == 0 {
        return format!("Release re-published; none of its {} published counts changed.", thousands(compared));
    }
    let listed: Vec<String> = periods.iter().take(12).cloned().collect();
    let more = if periods.len() > listed.len() {
        format!(" and {} more", periods.len() - listed.len())
    } else {
        String::new()
    };
    format!(
        "Release re-published: {} of {} published counts changed, in {}{more}.",
        thousands(changed),
        thousands(compared),
        listed.join(", ")
    )
}

/// An input file as the manifest records it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InputFile {
    /// The file's name, or the path given.
    pub path: String,
    pub bytes: u64,
    /// SHA-256 of the file's bytes, lower-case hex.
    pub sha256: String,
}

/// What `outcomes publish` adds to the release manifest (`manifest.json`, under
/// `extra.publish`): how the release was made, reconciled, protected and checked.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PublishRecord {
    pub generator: String,
    /// The inputs the release was made from, with their SHA-256.
    pub inputs: Vec<InputFile>,
    /// The reconciliation report (kept with the inputs, not published).
    pub report: InputFile,
    /// For each input: rows read = rows aggregated + rows rejected.
    pub reconciliation: Vec<FileReconciliation>,
    pub disclosure: DisclosureSummary,
    /// The independent check, passed (a release that fails is not written).
    pub check: CheckSummary,
    /// The revision this release added to the log, when it replaced a published release.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revision: Option<Revision>,
}

/// Reads through to `inner`, keeping the SHA-256 and size of everything read.
pub struct HashingReader<R> {
    inner: R,
    hasher: sha2::Sha256,
    bytes: u64,
}

impl<R: std::io::Read> HashingReader<R> {
    pub fn new(inner: R) -> HashingReader<R> {
        HashingReader { inner, hasher: <sha2::Sha256 as sha2::Digest>::new(), bytes: 0 }
    }

    /// Bytes read so far and their SHA-256 (lower-case hex).
    pub fn finish(self) -> (u64, String) {
        let digest = <sha2::Sha256 as sha2::Digest>::finalize(self.hasher);
        (self.bytes, digest.iter().map(|b| format!("{b:02x}")).collect())
    }
}

impl<R: std::io::Read> std::io::Read for HashingReader<R> {
    fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
        let read = self.inner.read(buffer)?;
        <sha2::Sha256 as sha2::Digest>::update(&mut self.hasher, &buffer[..read]);
        self.bytes += read as u64;
        Ok(read)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::disclosure::protect;

    fn example(file: &str) -> Vec<u8> {
        let path = format!("{}/../../tests/publish/{file}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read(&path).unwrap_or_else(|error| panic!("{path}: {error}"))
    }

    fn example_release(status: ReleaseStatus) -> (Release, Vec<RowNote>) {
        let config = ReleaseConfig::from_json(&example("release.json")).expect("the example configuration reads");
        let mut setup = Setup::new(config, None).expect("the example configuration is complete");
        // These tests are about reconciliation, the check and revisions: the quicker audit of
        // `--public-test-only` (crates/outcomes-cli/tests/audit.rs publishes the example by default).
        setup.proof = Proof::PublicAudit;
        let (journey, measures, contract, actions) =
            (example("journey.csv"), example("measures.csv"), example("contract.csv"), example("actions.csv"));
        let mut notes = Vec::new();
        let release = publish(
            &setup,
            status,
            Inputs { journey: &journey[..], measures: &measures[..], contract: &contract[..], actions: &actions[..] },
            &mut |note| notes.push(note.clone()),
        )
        .expect("the example publishes");
        (release, notes)
    }

    #[test]
    fn the_example_reconciles_and_passes_the_check() {
        let (release, notes) = example_release(ReleaseStatus::Published);
        let journey = &release.reconciliation[0];
        assert_eq!((journey.rows_read, journey.rows_aggregated, journey.rows_rejected), (2623, 2613, 10));
        assert!(release.reconciliation.iter().all(FileReconciliation::balances));
        assert_eq!(notes.iter().filter(|n| n.kind == NoteKind::Rejected).count(), 10);
        let summary = release.verify(&release.to_bytes()).expect("the example passes the check");
        assert_eq!(summary.suppressed, release.disclosure.suppressed_primary + release.disclosure.suppressed_secondary);
        assert!(release.disclosure.suppressed_secondary > 0);
    }

    /// Position of a suppressed funnel count whose true value is large enough to publish (so it
    /// was hidden by secondary suppression), with its protected true value.
    fn a_secondary_cell(release: &Release) -> (usize, usize, u32) {
        let policy = &release.document.disclosure;
        for (r, row) in release.document.journey.funnel.iter().enumerate() {
            let truth = release.journey_row(JourneyTable::Funnel, row.period, &row.area, &row.cohort).unwrap();
            for (j, count) in row.counts.iter().enumerate() {
                if let (Count::Suppressed, Count::Value(v)) = (count, protect(truth[j], policy)) {
                    if v > 0 {
                        return (r, j, v);
                    }
                }
            }
        }
        panic!("the example has no secondary suppression");
    }

    #[test]
    fn the_check_finds_a_hidden_count_that_publishing_its_complement_would_give_away() {
        let (mut release, _) = example_release(ReleaseStatus::Published);
        let (r, j, value) = a_secondary_cell(&release);
        release.document.journey.funnel[r].counts[j] = Count::Value(value);
        let failures = release.verify(&release.to_bytes()).expect_err("the check fails");
        assert!(failures.iter().any(|f| f.contains("is suppressed but can be worked out")), "{failures:?}");
    }

    #[test]
    fn the_check_finds_small_and_wrongly_rounded_counts() {
        let (mut release, _) = example_release(ReleaseStatus::Published);
        let policy = release.document.disclosure.clone();
        let funnel = &mut release.document.journey.funnel;
        let row = funnel.iter().position(|row| row.counts.iter().any(|c| c.value().is_some_and(|v| v >= 20))).unwrap();
        let column = funnel[row].counts.iter().position(|c| c.value().is_some_and(|v| v >= 20)).unwrap();
        let shown = funnel[row].counts[column].value().unwrap();
        funnel[row].counts[column] = Count::Value(shown + policy.rounding_base);
        let failures = release.verify(&release.to_bytes()).expect_err("a count off by one step fails");
        assert!(failures.iter().any(|f| f.contains("but the protected true value is")), "{failures:?}");

        // A small true count shown (as the minimum, so the policy alone cannot tell).
        let (mut release, _) = example_release(ReleaseStatus::Published);
        let minimum = release.document.disclosure.minimum_count;
        let (r, j) = release
            .document
            .journey
            .funnel
            .iter()
            .enumerate()
            .find_map(|(r, row)| {
                let truth = release.journey_row(JourneyTable::Funnel, row.period, &row.area, &row.cohort)?;
                truth.iter().position(|&t| (1..minimum).contains(&t)).map(|j| (r, j))
            })
            .expect("a small true count");
        release.document.journey.funnel[r].counts[j] = Count::Value(minimum);
        let failures = release.verify(&release.to_bytes()).expect_err("a small count shown fails");
        assert!(failures.iter().any(|f| f.contains("the true value is small and must be suppressed")), "{failures:?}");
    }

    #[test]
    fn a_published_release_needs_a_revision_and_keeps_its_log() {
        let (previous, _) = example_release(ReleaseStatus::Published);
        let (draft, _) = example_release(ReleaseStatus::Draft);
        let (mut next, _) = example_release(ReleaseStatus::Published);
        assert!(apply_revision(&mut next.document, Some(&previous.document), None).is_err());
        assert!(apply_revision(&mut next.document, Some(&draft.document), Some("why")).is_err());
        assert!(apply_revision(&mut next.document, None, Some("why")).is_err());
        assert_eq!(apply_revision(&mut next.document, Some(&draft.document), None), Ok(None));

        let mut old = previous.document.clone();
        old.publication.revisions = vec![Revision {
            date: crate::Date { year: 2026, month: 2, day: 12 },
            what: "earlier".into(),
            why: "earlier reason".into(),
        }];
        // Change one published count so the summary has something to say.
        let row = old.journey.funnel.iter().position(|r| r.counts[0].value().is_some_and(|v| v > 0)).unwrap();
        old.journey.funnel[row].counts[0] = Count::Value(old.journey.funnel[row].counts[0].value().unwrap() + 5);
        let added = apply_revision(&mut next.document, Some(&old), Some("  Late referrals added ")).unwrap().unwrap();
        assert_eq!(added.why, "Late referrals added");
        assert_eq!(added.date, next.document.publication.release_date);
        assert!(added.what.starts_with("Release re-published: 1 of "), "{}", added.what);
        assert_eq!(next.document.publication.revisions.len(), 2);
        assert_eq!(next.document.publication.revisions[0].what, "earlier");
        assert!(crate::validate(&next.to_bytes()).is_ok());
    }
}
