//! The reader's system of relations, built from a published feed and nothing else: what
//! `docs/feed.md` promises about the figures, as a [`System`] over every published count.
//!
//! Unknowns and their boxes:
//! - every count of the four journey tables and every measure numerator and denominator: a
//!   published `v > 0` with rounding base `b` is a true value in `[v - floor(b/2), v + ceil(b/2) - 1]`
//!   (nearest multiple, halves up) and at least the minimum (smaller counts are never shown);
//!   a published `0` is exactly 0; a `[c]` is only known to be at least 0 (secondary
//!   suppression may hide any value);
//! - latent quantities a reader can reason about: the drop-off between adjacent funnel stages
//!   (at least 0: each stage is a subset of the one before) and the true "other" flow of an
//!   entries or hand-overs row before small flows are grouped into it (at least 0).
//!
//! Relations (each holds for the true values `outcomes publish` and `outcomes demo` write):
//! - a county, district or place-plan row is the sum of its wards' rows, column by column; the
//!   county is also the sum of its districts (plans are lists of wards, so plan/district overlaps
//!   are exact sums of the same ward unknowns);
//! - the `all` cohort is the sum of the other cohorts (each person is in exactly one; the
//!   publishers count everyone in one cohort of identification);
//! - a financial year is the sum of its quarters (every stage counts people first identified in
//!   the period, and a person is identified in exactly one quarter);
//! - funnel stage k = stage k+1 + drop-off k;
//! - the entry routes add up to the first stage, the hand-overs to the hand-over stage, the
//!   outcome domains to the outcome stage (the stage ids are in [`Roles`]);
//! - a published "other" flow is the true other flow plus every named flow shown `[c]`;
//! - measure numerators and denominators add up over wards and districts like counts, and a
//!   percentage's numerator is at most its denominator. (The feed publishes the numerator and
//!   the denominator, not the rate, so a rate adds nothing beyond them.)
//! - earlier releases (see [`Reader::add_previous`]): a count of the same period, area, cohort
//!   and column is the same true value unless the later release records a revision.

use super::system::{Sense, System, Var};
use crate::publish::check::Roles;
use crate::{Count, DisclosurePolicy, FeedDocument, MeasureUnit, Period, Quarter};
use std::collections::HashMap;

pub const TABLES: [&str; 4] = ["funnel", "entries", "handovers", "outcomes"];

/// Which published figure an unknown is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CellLabel {
    Count { release: usize, table: usize, row: usize, column: usize },
    Measure { release: usize, row: usize, denominator: bool },
    Latent,
}

/// What a relation says, for the report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RelationLabel {
    Wards { release: usize, table: usize, row: usize },
    Districts { release: usize, table: usize, row: usize },
    Cohorts { release: usize, table: usize, row: usize },
    Quarters { release: usize, table: usize, row: usize },
    Stages { release: usize, row: usize, stage: usize },
    Flows { release: usize, table: usize, row: usize },
    Other { release: usize, table: usize, row: usize },
    MeasureWards { release: usize, row: usize },
    MeasureDistricts { release: usize, row: usize },
    NumeratorAtMostDenominator { release: usize, row: usize },
    SameInEarlierRelease { release: usize, earlier: usize },
}

/// The names of releases in reports: 0 is the release audited, 1.. the earlier ones given.
fn release_prefix(release: usize) -> String {
    if release == 0 {
        String::new()
    } else {
        format!("previous[{}]:", release - 1)
    }
}

impl RelationLabel {
    pub fn describe(&self) -> String {
        let row = |release: usize, table: usize, row: usize| {
            format!("{}journey.{}[{row}]", release_prefix(release), TABLES[table])
        };
        match *self {
            RelationLabel::Wards { release, table, row: r } => {
                format!("{} is the sum of its wards' rows", row(release, table, r))
            }
            RelationLabel::Districts { release, table, row: r } => {
                format!("{} is the sum of its districts' rows", row(release, table, r))
            }
            RelationLabel::Cohorts { release, table, row: r } => {
                format!("{} (all) is the sum of the other cohorts' rows", row(release, table, r))
            }
            RelationLabel::Quarters { release, table, row: r } => {
                format!("{} (a financial year) is the sum of its quarters' rows", row(release, table, r))
            }
            RelationLabel::Stages { release, row: r, stage } => format!(
                "stage {} of {} is stage {} plus the drop-off between them",
                stage + 1,
                row(release, 0, r),
                stage + 2
            ),
            RelationLabel::Flows { release, table, row: r } => {
                format!("the counts of {} add up to its funnel stage", row(release, table, r))
            }
            RelationLabel::Other { release, table, row: r } => {
                format!("\"other\" in {} is the other flows plus the suppressed ones", row(release, table, r))
            }
            RelationLabel::MeasureWards { release, row } => {
                format!("{}measures.values[{row}] is the sum of its wards' values", release_prefix(release))
            }
            RelationLabel::MeasureDistricts { release, row } => {
                format!("{}measures.values[{row}] is the sum of its districts' values", release_prefix(release))
            }
            RelationLabel::NumeratorAtMostDenominator { release, row } => {
                format!(
                    "{}measures.values[{row}]: a percentage's numerator is at most its denominator",
                    release_prefix(release)
                )
            }
            RelationLabel::SameInEarlierRelease { release, .. } => format!(
                "a count of {} is the same true value in this release (no revision recorded since)",
                release_prefix(release).trim_end_matches(':')
            ),
        }
    }
}

impl CellLabel {
    /// The JSON path of a published figure (`None` for a latent quantity).
    pub fn path(&self) -> Option<String> {
        match *self {
            CellLabel::Count { release, table, row, column } => {
                Some(format!("{}journey.{}[{row}].counts[{column}]", release_prefix(release), TABLES[table]))
            }
            CellLabel::Measure { release, row, denominator } => Some(format!(
                "{}measures.values[{row}].{}",
                release_prefix(release),
                if denominator { "denominator" } else { "numerator" }
            )),
            CellLabel::Latent => None,
        }
    }
}

/// The reader's system, with what each unknown and relation is.
pub struct Reader {
    pub system: System,
    pub cells: Vec<CellLabel>,
    /// The published form of each unknown (`None` for latent ones).
    pub published: Vec<Option<Count>>,
    pub relations: Vec<RelationLabel>,
    /// The policy of the release audited (its minimum says which counts are sensitive).
    pub policy: DisclosurePolicy,
    /// Unknowns of each release's journey cells, by (table, period, area, cohort, column).
    keys: Vec<HashMap<CellKey, Var>>,
    releases: usize,
}

type CellKey = (usize, Period, String, String, usize);

/// The box a published count gives its true value.
pub fn count_box(count: Count, policy: &DisclosurePolicy) -> (i64, Option<i64>) {
    match count {
        Count::Suppressed => (0, None),
        Count::Value(0) => (0, Some(0)),
        Count::Value(v) => {
            let base = i64::from(policy.rounding_base.max(1));
            let v = i64::from(v);
            let lo = (v - base / 2).max(i64::from(policy.minimum_count)).max(1);
            let hi = v + (base + 1) / 2 - 1;
            (lo.min(hi), Some(hi))
        }
    }
}

impl Reader {
    /// The system of the release `doc` alone.
    pub fn new(doc: &FeedDocument, roles: &Roles) -> Reader {
        let mut reader = Reader {
            system: System::new(),
            cells: Vec::new(),
            published: Vec::new(),
            relations: Vec::new(),
            policy: doc.disclosure.clone(),
            keys: Vec::new(),
            releases: 0,
        };
        reader.add_release(doc, roles);
        reader
    }

    fn var(&mut self, count: Option<Count>, label: CellLabel, policy: &DisclosurePolicy) -> Var {
        let (lo, hi) = match count {
            Some(count) => count_box(count, policy),
            None => (0, None),
        };
        self.cells.push(label);
        self.published.push(count);
        self.system.var(lo, hi)
    }

    fn relate(&mut self, terms: &[(Var, i8)], sense: Sense, label: RelationLabel) {
        if terms.len() >= 2 {
            self.system.relate(terms, sense, self.relations.len() as u32);
            self.relations.push(label);
        }
    }

    fn sum(&mut self, total: Var, parts: &[Var], label: RelationLabel) {
        let mut terms = vec![(total, 1)];
        terms.extend(parts.iter().map(|&p| (p, -1)));
        self.relate(&terms, Sense::Equal, label);
    }

    /// Adds an earlier release: its own relations, and equal true values for the cells it shares
    /// with the release audited, unless the audited release records a revision after the earlier
    /// one was published (then the two may differ, and only their own relations link them).
    pub fn add_previous(&mut self, audited: &FeedDocument, earlier: &FeedDocument, roles: &Roles) {
        let release = self.add_release(earlier, roles);
        let earlier_date = earlier.publication.release_date;
        let revised = audited.publication.revisions.iter().any(|revision| revision.date > earlier_date);
        if revised {
            return;
        }
        let pairs: Vec<(Var, Var)> =
            self.keys[release].iter().filter_map(|(key, &var)| self.keys[0].get(key).map(|&now| (now, var))).collect();
        for (now, then) in pairs {
            self.relate(
                &[(now, 1), (then, -1)],
                Sense::Equal,
                RelationLabel::SameInEarlierRelease { release, earlier: 0 },
            );
        }
    }

    /// Whether an earlier release was linked cell by cell (no revision since).
    pub fn releases(&self) -> usize {
        self.releases
    }

    fn add_release(&mut self, doc: &FeedDocument, roles: &Roles) -> usize {
        let release = self.releases;
        self.releases += 1;
        self.keys.push(HashMap::new());
        let policy = doc.disclosure.clone();
        let journey = &doc.journey;
        let tables = [&journey.funnel, &journey.entries, &journey.handovers, &journey.outcomes];
        let stages = journey.stages.len();
        let position = |list: &[crate::Category], id: &str| list.iter().position(|item| item.id == id);
        let other = [None, position(&journey.entry_routes, "other"), position(&journey.services, "other"), None];
        let flow_stage =
            [None, Some(0), position(&journey.stages, &roles.handover), position(&journey.stages, &roles.outcome)];
        // Unknowns: each row's counts, then its latent quantities.
        let mut first: [Vec<Var>; 4] = Default::default();
        for (t, rows) in tables.iter().enumerate() {
            for (r, row) in rows.iter().enumerate() {
                first[t].push(self.system.vars() as Var);
                for (j, &count) in row.counts.iter().enumerate() {
                    let var = self.var(Some(count), CellLabel::Count { release, table: t, row: r, column: j }, &policy);
                    self.keys[release].insert((t, row.period, row.area.clone(), row.cohort.clone(), j), var);
                }
                let latent = if t == 0 { stages.saturating_sub(1) } else { usize::from(other[t].is_some()) };
                for _ in 0..latent {
                    self.var(None, CellLabel::Latent, &policy);
                }
            }
        }
        // The geography a reader sees.
        let county = doc.geography.county.code.as_str();
        let wards_of = crate::model::wards_of_areas(doc);
        let districts: Vec<&str> = doc.geography.districts.iter().map(|d| d.code.as_str()).collect();
        let cohorts: Vec<&str> = journey.cohorts.iter().map(|c| c.id.as_str()).filter(|&id| id != "all").collect();
        let funnel_index: HashMap<(Period, &str, &str), usize> = journey
            .funnel
            .iter()
            .enumerate()
            .map(|(r, row)| ((row.period, row.area.as_str(), row.cohort.as_str()), r))
            .collect();
        for (t, rows) in tables.iter().enumerate() {
            let index: HashMap<(Period, &str, &str), usize> = rows
                .iter()
                .enumerate()
                .map(|(r, row)| ((row.period, row.area.as_str(), row.cohort.as_str()), r))
                .collect();
            let width = rows.first().map_or(0, |row| row.counts.len());
            let latent = if t == 0 { stages.saturating_sub(1) } else { usize::from(other[t].is_some()) };
            // Columns that add up across rows: all but a grouped "other" (its true other does).
            let additive: Vec<usize> = (0..width + latent).filter(|&j| Some(j) != other[t]).collect();
            for (r, row) in rows.iter().enumerate() {
                if row.counts.len() != width {
                    continue; // validation refuses this; never relate cells of another shape
                }
                let cell = |row: usize, column: usize| first[t][row] + column as Var;
                let find = |period: Period, area: &str, cohort: &str| index.get(&(period, area, cohort)).copied();
                let mut sums: Vec<(Vec<usize>, RelationLabel)> = Vec::new();
                if let Some(wards) = wards_of.get(row.area.as_str()) {
                    if let Some(parts) =
                        wards.iter().map(|w| find(row.period, w, &row.cohort)).collect::<Option<Vec<_>>>()
                    {
                        sums.push((parts, RelationLabel::Wards { release, table: t, row: r }));
                    }
                }
                if row.area == county {
                    if let Some(parts) =
                        districts.iter().map(|d| find(row.period, d, &row.cohort)).collect::<Option<Vec<_>>>()
                    {
                        sums.push((parts, RelationLabel::Districts { release, table: t, row: r }));
                    }
                }
                if row.cohort == "all" && !cohorts.is_empty() {
                    if let Some(parts) =
                        cohorts.iter().map(|c| find(row.period, &row.area, c)).collect::<Option<Vec<_>>>()
                    {
                        sums.push((parts, RelationLabel::Cohorts { release, table: t, row: r }));
                    }
                }
                if let Period::Year(year) = row.period {
                    if let Some(parts) = year
                        .quarters()
                        .iter()
                        .map(|q| find((*q).into(), &row.area, &row.cohort))
                        .collect::<Option<Vec<_>>>()
                    {
                        sums.push((parts, RelationLabel::Quarters { release, table: t, row: r }));
                    }
                }
                for (parts, label) in sums {
                    if parts.iter().any(|&p| rows[p].counts.len() != width) {
                        continue;
                    }
                    for &j in &additive {
                        let part_cells: Vec<Var> = parts.iter().map(|&p| cell(p, j)).collect();
                        self.sum(cell(r, j), &part_cells, label.clone());
                    }
                }
                if t == 0 {
                    for k in 0..stages.saturating_sub(1) {
                        self.relate(
                            &[(cell(r, k), 1), (cell(r, k + 1), -1), (cell(r, width + k), -1)],
                            Sense::Equal,
                            RelationLabel::Stages { release, row: r, stage: k },
                        );
                    }
                    continue;
                }
                let (Some(stage), Some(&f)) =
                    (flow_stage[t], funnel_index.get(&(row.period, row.area.as_str(), row.cohort.as_str())))
                else {
                    continue;
                };
                if journey.funnel[f].counts.len() != stages {
                    continue;
                }
                let stage_cell = first[0][f] + stage as Var;
                let named: Vec<usize> = (0..width).filter(|&j| Some(j) != other[t]).collect();
                let mut terms = vec![(stage_cell, 1)];
                terms.extend(named.iter().map(|&j| (cell(r, j), -1)));
                if other[t].is_some() {
                    terms.push((cell(r, width), -1));
                }
                self.relate(&terms, Sense::Equal, RelationLabel::Flows { release, table: t, row: r });
                if let Some(o) = other[t] {
                    let mut terms = vec![(cell(r, o), 1), (cell(r, width), -1)];
                    terms.extend(named.iter().filter(|&&j| row.counts[j].is_suppressed()).map(|&j| (cell(r, j), -1)));
                    self.relate(&terms, Sense::Equal, RelationLabel::Other { release, table: t, row: r });
                }
            }
        }
        // Measures.
        let values = &doc.measures.values;
        let measure_first = self.system.vars() as Var;
        for (r, value) in values.iter().enumerate() {
            self.var(Some(value.numerator), CellLabel::Measure { release, row: r, denominator: false }, &policy);
            self.var(Some(value.denominator), CellLabel::Measure { release, row: r, denominator: true }, &policy);
        }
        let index: HashMap<(&str, Quarter, &str), usize> =
            values.iter().enumerate().map(|(r, v)| ((v.measure.as_str(), v.period, v.area.as_str()), r)).collect();
        let percentage: HashMap<&str, bool> =
            doc.measures.catalogue.iter().map(|m| (m.id.as_str(), m.unit == MeasureUnit::Percentage)).collect();
        for (r, value) in values.iter().enumerate() {
            let numerator = measure_first + 2 * r as Var;
            if percentage.get(value.measure.as_str()).copied().unwrap_or(false) {
                self.system.at_most(numerator, numerator + 1, self.relations.len() as u32);
                self.relations.push(RelationLabel::NumeratorAtMostDenominator { release, row: r });
            }
            let mut sums = Vec::new();
            if let Some(wards) = wards_of.get(value.area.as_str()) {
                sums.push((wards.clone(), RelationLabel::MeasureWards { release, row: r }));
            }
            if value.area == county {
                sums.push((districts.clone(), RelationLabel::MeasureDistricts { release, row: r }));
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
                    let part_cells: Vec<Var> = parts.iter().map(|&p| measure_first + 2 * p as Var + offset).collect();
                    self.sum(numerator + offset, &part_cells, label.clone());
                }
            }
        }
        release
    }

    /// Unknowns of the audited release shown `[c]`.
    pub fn suppressed(&self) -> Vec<Var> {
        (0..self.cells.len())
            .filter(|&v| {
                self.published[v] == Some(Count::Suppressed)
                    && matches!(
                        self.cells[v],
                        CellLabel::Count { release: 0, .. } | CellLabel::Measure { release: 0, .. }
                    )
            })
            .map(|v| v as Var)
            .collect()
    }
}
