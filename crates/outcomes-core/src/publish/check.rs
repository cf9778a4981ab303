//! The independent check of a release, run on the bytes about to be written and sharing nothing
//! with the code that protected them but the feed types:
//!
//! 1. the bytes pass [`crate::validate`] (every rule of `docs/feed.md`);
//! 2. every visible count obeys the policy: 0, or at least the minimum and a multiple of the base;
//! 3. no suppressed count can be worked out by a reader who knows every published count exactly
//!    and repeatedly solves any relation with exactly one unknown, using the relations the
//!    published feed itself reveals: each county, district and place-plan row against its wards'
//!    rows, the county against its districts, `all` against the other cohorts, a financial year
//!    against its quarters, each funnel stage against the next stage plus the drop-off between
//!    them (drop-offs add up across areas, cohorts and periods like any count), each row of entry
//!    routes, hand-overs and outcome domains against its funnel stage, and each "other" column
//!    against the true other flows plus the suppressed routes grouped into it;
//! 4. given the true values (the publisher has them), every visible count is exactly the
//!    protected true value, and every count whose true value is small is suppressed.
//!
//! The check is deliberately written from the published document's point of view (row keys and
//! area codes), not from the publisher's cell layout, so a mistake in one is not repeated in the other.

use crate::disclosure::protect;
use crate::{Count, CountRow, DisclosurePolicy, FeedDocument, JourneyTable, Period, Quarter};
use std::collections::HashMap;

/// Which funnel stages the hand-over and outcome tables add up to (the first stage is the
/// entries' total). The feed does not say so; the publisher does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Roles {
    pub handover: String,
    pub outcome: String,
}

/// True values, as only the publisher knows them.
pub trait TrueValues {
    /// The true counts of a journey row, one per item of the table's code list. For entries and
    /// hand-overs, the "other" item holds the other flows alone, before small flows are grouped.
    fn journey_row(&self, table: JourneyTable, period: Period, area: &str, cohort: &str) -> Option<Vec<u32>>;
    /// True numerator and denominator.
    fn measure_value(&self, measure: &str, period: Quarter, area: &str) -> Option<(u32, u32)>;
}

/// What the check looked at.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct CheckSummary {
    /// Counts in the journey tables and measure values.
    pub counts: usize,
    pub suppressed: usize,
    /// Relations the reader was given.
    pub relations: usize,
}

/// At most this many failures are listed.
const MOST_FAILURES: usize = 200;

const TABLES: [(&str, JourneyTable); 4] = [
    ("funnel", JourneyTable::Funnel),
    ("entries", JourneyTable::Entries),
    ("handovers", JourneyTable::Handovers),
    ("outcomes", JourneyTable::Outcomes),
];

/// Checks a release. `Err` lists every failure (at most 200, then how many more).
pub fn verify(bytes: &[u8], roles: &Roles, truth: Option<&dyn TrueValues>) -> Result<CheckSummary, Vec<String>> {
    let feed =
        crate::validate(bytes).map_err(|problems| problems.iter().map(ToString::to_string).collect::<Vec<_>>())?;
    let doc = feed.document();
    let mut failures = Vec::new();
    policy_failures(doc, &mut failures);
    let reader = Reader::build(doc, roles, &mut failures);
    let summary = reader.summary();
    reader.solve(&mut failures);
    if let Some(truth) = truth {
        truth_failures(doc, truth, &mut failures);
    }
    if failures.is_empty() {
        Ok(summary)
    } else {
        if failures.len() > MOST_FAILURES {
            let more = failures.len() - MOST_FAILURES;
            failures.truncate(MOST_FAILURES);
            failures.push(format!("… and {more} more failures not listed"));
        }
        Err(failures)
    }
}

fn journey_rows(doc: &FeedDocument) -> [&Vec<CountRow>; 4] {
    let journey = &doc.journey;
    [&journey.funnel, &journey.entries, &journey.handovers, &journey.outcomes]
}

fn count_path(table: usize, row: usize, column: usize) -> String {
    format!("journey.{}[{row}].counts[{column}]", TABLES[table].0)
}

/// Visible counts: 0, or at least the minimum and a multiple of the base.
fn policy_failures(doc: &FeedDocument, failures: &mut Vec<String>) {
    let policy = &doc.disclosure;
    let obeys = |count: Count| match count {
        Count::Suppressed | Count::Value(0) => true,
        Count::Value(v) => v >= policy.minimum_count && v % policy.rounding_base.max(1) == 0,
    };
    for (t, rows) in journey_rows(doc).into_iter().enumerate() {
        for (r, row) in rows.iter().enumerate() {
            for (j, &count) in row.counts.iter().enumerate() {
                if !obeys(count) {
                    failures.push(format!("{}: {count} does not obey the disclosure policy", count_path(t, r, j)));
                }
            }
        }
    }
    for (r, value) in doc.measures.values.iter().enumerate() {
        for (field, count) in [("numerator", value.numerator), ("denominator", value.denominator)] {
            if !obeys(count) {
                failures.push(format!("measures.values[{r}].{field}: {count} does not obey the disclosure policy"));
            }
        }
    }
}

/// What a reader knows: cells (published counts, and latent quantities they can reason about)
/// and the relations between them.
struct Reader {
    known: Vec<bool>,
    /// Published and suppressed: the cells that must stay unknown.
    suppressed: Vec<bool>,
    labels: Vec<CellLabel>,
    relations: Vec<Vec<u32>>,
    relation_labels: Vec<RelationLabel>,
}

#[derive(Clone, Copy)]
enum CellLabel {
    Count { table: usize, row: usize, column: usize },
    Measure { row: usize, denominator: bool },
    Latent,
}

#[derive(Clone, Copy)]
enum RelationLabel {
    Wards { table: usize, row: usize },
    Districts { table: usize, row: usize },
    Cohorts { table: usize, row: usize },
    Quarters { table: usize, row: usize },
    StageDifference { row: usize, stage: usize },
    FlowsAddUp { table: usize, row: usize },
    OtherGrouping { table: usize, row: usize },
    MeasureWards { row: usize },
    MeasureDistricts { row: usize },
}

impl RelationLabel {
    fn describe(self) -> String {
        let row = |table: usize, row: usize| format!("journey.{}[{row}]", TABLES[table].0);
        match self {
            RelationLabel::Wards { table, row: r } => format!("{} is the sum of its wards' rows", row(table, r)),
            RelationLabel::Districts { table, row: r } => {
                format!("{} is the sum of its districts' rows", row(table, r))
            }
            RelationLabel::Cohorts { table, row: r } => {
                format!("{} (all) is the sum of the other cohorts' rows", row(table, r))
            }
            RelationLabel::Quarters { table, row: r } => {
                format!("{} (a financial year) is the sum of its quarters' rows", row(table, r))
            }
            RelationLabel::StageDifference { row: r, stage } => {
                format!("stage {} of journey.funnel[{r}] is the next stage plus the drop-off between them", stage + 1)
            }
            RelationLabel::FlowsAddUp { table, row: r } => {
                format!("the counts of {} add up to its funnel stage", row(table, r))
            }
            RelationLabel::OtherGrouping { table, row: r } => {
                format!("\"other\" in {} is the other flows plus the suppressed ones", row(table, r))
            }
            RelationLabel::MeasureWards { row } => format!("measures.values[{row}] is the sum of its wards' values"),
            RelationLabel::MeasureDistricts { row } => {
                format!("measures.values[{row}] is the sum of its districts' values")
            }
        }
    }
}

impl Reader {
    fn cell(&mut self, count: Option<Count>, label: CellLabel) -> u32 {
        let id = self.known.len() as u32;
        self.known.push(matches!(count, Some(Count::Value(_))));
        self.suppressed.push(count == Some(Count::Suppressed));
        self.labels.push(label);
        id
    }

    fn relate(&mut self, terms: Vec<u32>, label: RelationLabel) {
        if terms.len() >= 2 {
            self.relations.push(terms);
            self.relation_labels.push(label);
        }
    }

    fn build(doc: &FeedDocument, roles: &Roles, failures: &mut Vec<String>) -> Reader {
        let mut reader = Reader {
            known: Vec::new(),
            suppressed: Vec::new(),
            labels: Vec::new(),
            relations: Vec::new(),
            relation_labels: Vec::new(),
        };
        let journey = &doc.journey;
        let stages = journey.stages.len();
        let position = |list: &[crate::Category], id: &str| list.iter().position(|item| item.id == id);
        let other = [None, position(&journey.entry_routes, "other"), position(&journey.services, "other"), None];
        let (Some(handover), Some(outcome)) =
            (position(&journey.stages, &roles.handover), position(&journey.stages, &roles.outcome))
        else {
            failures.push(format!(
                "the hand-over stage {:?} or outcome stage {:?} is not a stage of the feed",
                roles.handover, roles.outcome
            ));
            return reader;
        };
        // Cells: each row's counts, then its latent cells (funnel: drop-offs; flows: true other).
        let mut first_cell: [Vec<u32>; 4] = Default::default();
        let mut additive: [Vec<usize>; 4] = Default::default();
        for (t, rows) in journey_rows(doc).into_iter().enumerate() {
            let width = rows.first().map_or(0, |row| row.counts.len());
            for (r, row) in rows.iter().enumerate() {
                first_cell[t].push(reader.known.len() as u32);
                for (j, &count) in row.counts.iter().enumerate() {
                    reader.cell(Some(count), CellLabel::Count { table: t, row: r, column: j });
                }
                let latent = if t == 0 { stages - 1 } else { usize::from(other[t].is_some()) };
                for _ in 0..latent {
                    reader.cell(None, CellLabel::Latent);
                }
            }
            // Columns that add up across rows: all but a grouped "other" (its latent true other does).
            additive[t] = (0..width + if t == 0 { stages - 1 } else { usize::from(other[t].is_some()) })
                .filter(|&j| Some(j) != other[t])
                .collect();
        }
        let measure_first = reader.known.len() as u32;
        for (r, value) in doc.measures.values.iter().enumerate() {
            reader.cell(Some(value.numerator), CellLabel::Measure { row: r, denominator: false });
            reader.cell(Some(value.denominator), CellLabel::Measure { row: r, denominator: true });
        }

        // The geography a reader sees.
        let county = doc.geography.county.code.as_str();
        let wards_of = crate::model::wards_of_areas(doc);
        let districts: Vec<&str> = doc.geography.districts.iter().map(|d| d.code.as_str()).collect();
        let cohorts: Vec<&str> = journey.cohorts.iter().map(|c| c.id.as_str()).filter(|&id| id != "all").collect();

        for (t, rows) in journey_rows(doc).into_iter().enumerate() {
            let index: HashMap<(Period, &str, &str), usize> = rows
                .iter()
                .enumerate()
                .map(|(r, row)| ((row.period, row.area.as_str(), row.cohort.as_str()), r))
                .collect();
            let funnel_index: HashMap<(Period, &str, &str), usize> = journey
                .funnel
                .iter()
                .enumerate()
                .map(|(r, row)| ((row.period, row.area.as_str(), row.cohort.as_str()), r))
                .collect();
            for (r, row) in rows.iter().enumerate() {
                let cell = |row: usize, column: usize| first_cell[t][row] + column as u32;
                let find = |period: Period, area: &str, cohort: &str| index.get(&(period, area, cohort)).copied();
                let mut sums: Vec<(Vec<usize>, RelationLabel)> = Vec::new();
                if let Some(wards) = wards_of.get(row.area.as_str()) {
                    if let Some(parts) =
                        wards.iter().map(|w| find(row.period, w, &row.cohort)).collect::<Option<Vec<_>>>()
                    {
                        sums.push((parts, RelationLabel::Wards { table: t, row: r }));
                    }
                }
                if row.area == county {
                    if let Some(parts) =
                        districts.iter().map(|d| find(row.period, d, &row.cohort)).collect::<Option<Vec<_>>>()
                    {
                        sums.push((parts, RelationLabel::Districts { table: t, row: r }));
                    }
                }
                if row.cohort == "all" {
                    if let Some(parts) =
                        cohorts.iter().map(|c| find(row.period, &row.area, c)).collect::<Option<Vec<_>>>()
                    {
                        sums.push((parts, RelationLabel::Cohorts { table: t, row: r }));
                    }
                }
                if let Period::Year(year) = row.period {
                    let quarters = year.quarters();
                    if let Some(parts) =
                        quarters.iter().map(|q| find((*q).into(), &row.area, &row.cohort)).collect::<Option<Vec<_>>>()
                    {
                        sums.push((parts, RelationLabel::Quarters { table: t, row: r }));
                    }
                }
                for (parts, label) in sums {
                    for &j in &additive[t] {
                        let mut terms = vec![cell(r, j)];
                        terms.extend(parts.iter().map(|&part| cell(part, j)));
                        reader.relate(terms, label);
                    }
                }
                let width = row.counts.len();
                if t == 0 {
                    for k in 0..stages.saturating_sub(1) {
                        reader.relate(
                            vec![cell(r, k), cell(r, k + 1), cell(r, width + k)],
                            RelationLabel::StageDifference { row: r, stage: k },
                        );
                    }
                    continue;
                }
                let stage = [0, 0, handover, outcome][t];
                let Some(&f) = funnel_index.get(&(row.period, row.area.as_str(), row.cohort.as_str())) else {
                    continue;
                };
                let stage_cell = first_cell[0][f] + stage as u32;
                let named: Vec<usize> = (0..width).filter(|&j| Some(j) != other[t]).collect();
                let mut terms = vec![stage_cell];
                terms.extend(named.iter().map(|&j| cell(r, j)));
                if other[t].is_some() {
                    terms.push(cell(r, width));
                }
                reader.relate(terms, RelationLabel::FlowsAddUp { table: t, row: r });
                if let Some(o) = other[t] {
                    let mut terms = vec![cell(r, o), cell(r, width)];
                    terms.extend(named.iter().filter(|&&j| row.counts[j].is_suppressed()).map(|&j| cell(r, j)));
                    reader.relate(terms, RelationLabel::OtherGrouping { table: t, row: r });
                }
            }
        }

        let values = &doc.measures.values;
        let index: HashMap<(&str, Quarter, &str), usize> =
            values.iter().enumerate().map(|(r, v)| ((v.measure.as_str(), v.period, v.area.as_str()), r)).collect();
        for (r, value) in values.iter().enumerate() {
            let mut sums = Vec::new();
            if let Some(wards) = wards_of.get(value.area.as_str()) {
                sums.push((wards.clone(), RelationLabel::MeasureWards { row: r }));
            }
            if value.area == county {
                sums.push((districts.clone(), RelationLabel::MeasureDistricts { row: r }));
            }
            for (areas, label) in sums {
                let Some(parts) = areas
                    .iter()
                    .map(|a| index.get(&(value.measure.as_str(), value.period, *a)).copied())
                    .collect::<Option<Vec<_>>>()
                else {
                    continue;
                };
                for offset in 0..2 {
                    let mut terms = vec![measure_first + 2 * r as u32 + offset];
                    terms.extend(parts.iter().map(|&p| measure_first + 2 * p as u32 + offset));
                    reader.relate(terms, label);
                }
            }
        }
        reader
    }

    fn summary(&self) -> CheckSummary {
        let counts = self.labels.iter().filter(|label| !matches!(label, CellLabel::Latent)).count();
        CheckSummary {
            counts,
            suppressed: self.suppressed.iter().filter(|&&s| s).count(),
            relations: self.relations.len(),
        }
    }

    /// Solves relations with one unknown until none is left; a suppressed count solved fails.
    fn solve(mut self, failures: &mut Vec<String>) {
        let mut solved_by = vec![usize::MAX; self.known.len()];
        let mut changed = true;
        while changed {
            changed = false;
            for (r, terms) in self.relations.iter().enumerate() {
                let mut unknown = None;
                let mut unknowns = 0;
                for &cell in terms {
                    if !self.known[cell as usize] {
                        unknowns += 1;
                        unknown = Some(cell);
                        if unknowns > 1 {
                            break;
                        }
                    }
                }
                if let (1, Some(cell)) = (unknowns, unknown) {
                    self.known[cell as usize] = true;
                    solved_by[cell as usize] = r;
                    changed = true;
                }
            }
        }
        for (cell, &relation) in solved_by.iter().enumerate() {
            if relation == usize::MAX || !self.suppressed[cell] {
                continue;
            }
            let path = match self.labels[cell] {
                CellLabel::Count { table, row, column } => count_path(table, row, column),
                CellLabel::Measure { row, denominator } => {
                    format!("measures.values[{row}].{}", if denominator { "denominator" } else { "numerator" })
                }
                CellLabel::Latent => continue,
            };
            failures.push(format!(
                "{path}: is suppressed but can be worked out from published counts ({})",
                self.relation_labels[relation].describe()
            ));
        }
    }
}

/// Every visible count is the protected true value; every small true value is suppressed.
fn truth_failures(doc: &FeedDocument, truth: &dyn TrueValues, failures: &mut Vec<String>) {
    let policy = &doc.disclosure;
    let journey = &doc.journey;
    let other = [
        None,
        journey.entry_routes.iter().position(|c| c.id == "other"),
        journey.services.iter().position(|c| c.id == "other"),
        None,
    ];
    for (t, rows) in journey_rows(doc).into_iter().enumerate() {
        for (r, row) in rows.iter().enumerate() {
            let Some(values) = truth.journey_row(TABLES[t].1, row.period, &row.area, &row.cohort) else {
                failures.push(format!("journey.{}[{r}]: no true values for this row", TABLES[t].0));
                continue;
            };
            if values.len() != row.counts.len() {
                failures.push(format!("journey.{}[{r}]: the true values have another length", TABLES[t].0));
                continue;
            }
            for (j, &count) in row.counts.iter().enumerate() {
                let mut expected = values[j];
                if Some(j) == other[t] {
                    expected += (0..values.len())
                        .filter(|&i| Some(i) != other[t] && row.counts[i].is_suppressed())
                        .map(|i| values[i])
                        .sum::<u32>();
                }
                compare(&count_path(t, r, j), count, expected, policy, failures);
            }
        }
    }
    for (r, value) in doc.measures.values.iter().enumerate() {
        let Some((numerator, denominator)) = truth.measure_value(&value.measure, value.period, &value.area) else {
            failures.push(format!("measures.values[{r}]: no true values for this value"));
            continue;
        };
        compare(&format!("measures.values[{r}].numerator"), value.numerator, numerator, policy, failures);
        compare(&format!("measures.values[{r}].denominator"), value.denominator, denominator, policy, failures);
    }
}

fn compare(path: &str, published: Count, true_value: u32, policy: &DisclosurePolicy, failures: &mut Vec<String>) {
    match (published, protect(true_value, policy)) {
        (Count::Suppressed, _) => {}
        (Count::Value(shown), Count::Value(expected)) if shown == expected => {}
        (Count::Value(shown), Count::Value(expected)) => {
            failures.push(format!("{path}: {shown} is published, but the protected true value is {expected}"))
        }
        (Count::Value(shown), Count::Suppressed) => {
            failures.push(format!("{path}: {shown} is published, but the true value is small and must be suppressed"))
        }
    }
}
