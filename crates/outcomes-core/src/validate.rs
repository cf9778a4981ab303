//! The rules of feed v1 beyond types: references resolve, ids are unique, funnels never grow,
//! every visible count obeys the disclosure policy, and a published release carries no drafts.
//! Each rule reports every breach it finds, with the path of the offending value.

use crate::feed::*;
use crate::parse::parse_document;
pub use crate::parse::{MAX_FEED_BYTES, MAX_TEXT_CHARS};
use crate::problem::Problem;
use crate::{Count, Feed, JourneyTable, Period, Quarter};
use std::collections::{HashMap, HashSet};

/// At most this many problems are listed; a line then says how many more there were.
pub const MAX_PROBLEMS: usize = 500;

/// Reads, types and checks a feed. Either a [`Feed`] that satisfies every rule, or every
/// problem found (each with its JSON path), never a panic, whatever the bytes.
pub fn validate(bytes: &[u8]) -> Result<Feed, Vec<Problem>> {
    let parsed = parse_document(bytes);
    let mut problems = parsed.problems;
    // Rules need a typed document; text problems do not stop them, so they are reported too.
    let Some(document) = parsed.document else {
        if problems.is_empty() {
            // Cannot happen (typing reports why it fails), but "Err with no reason" must not either.
            problems.push(Problem::document("the feed could not be read (expected a feed v1 document)"));
        }
        return Err(truncate(problems));
    };
    problems.extend(check_rules(&document));
    if problems.is_empty() {
        Ok(Feed::new(document))
    } else {
        Err(truncate(problems))
    }
}

/// The problem to report for a feed of `size` bytes, over [`MAX_FEED_BYTES`], without reading
/// it: a reader that knows the size first (the CLI) need not load a huge file to say so.
pub fn feed_too_large(size: u64) -> Problem {
    crate::parse::too_large(size)
}

fn truncate(mut problems: Vec<Problem>) -> Vec<Problem> {
    if problems.len() > MAX_PROBLEMS {
        let more = problems.len() - MAX_PROBLEMS;
        problems.truncate(MAX_PROBLEMS);
        problems.push(Problem::document(format!("… and {more} more problems not listed")));
    }
    problems
}

/// Every semantic rule, on an already typed document.
pub fn check_rules(doc: &FeedDocument) -> Vec<Problem> {
    let mut checker = Checker { doc, problems: Vec::new() };
    checker.publication();
    checker.disclosure_policy();
    let areas = checker.geography();
    checker.place_plans(&areas);
    checker.journey(&areas);
    checker.measures(&areas);
    checker.contract();
    checker.problems
}

struct Checker<'a> {
    doc: &'a FeedDocument,
    problems: Vec<Problem>,
}

/// What an area code in a table refers to, for checking references.
#[derive(Clone, Copy, PartialEq, Eq)]
enum AreaKind {
    County,
    District,
    Ward,
    Plan,
}

impl<'a> Checker<'a> {
    fn problem(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem::at(path, message));
    }

    fn publication(&mut self) {
        let publication = &self.doc.publication;
        if publication.periods.is_empty() {
            self.problem("publication.periods", "is empty (expected at least one quarter)");
        }
        for (i, pair) in publication.periods.windows(2).enumerate() {
            if pair[1].period <= pair[0].period {
                self.problem(
                    format!("publication.periods[{}].period", i + 1),
                    format!(
                        "{} does not follow {} (expected quarters oldest first, each once)",
                        pair[1].period, pair[0].period
                    ),
                );
            }
        }
        if publication.status == ReleaseStatus::Published {
            for (i, period) in publication.periods.iter().enumerate() {
                if period.status == PeriodStatus::Draft {
                    self.problem(
                        format!("publication.periods[{i}].status"),
                        format!("{} is a draft in a published release (expected final or provisional; publish the release as a draft instead)", period.period),
                    );
                }
            }
        }
        if let Some(next) = publication.next_release_date {
            if next <= publication.release_date {
                self.problem(
                    "publication.next_release_date",
                    format!(
                        "{next} is not after the release date {} (expected a later date)",
                        publication.release_date
                    ),
                );
            }
        }
        for (i, revision) in publication.revisions.iter().enumerate() {
            if revision.date > publication.release_date {
                self.problem(
                    format!("publication.revisions[{i}].date"),
                    format!(
                        "{} is after the release date {} (expected a revision already made)",
                        revision.date, publication.release_date
                    ),
                );
            }
        }
        if !publication.licence.url.starts_with("https://") {
            self.problem(
                "publication.licence.url",
                format!(
                    "{:?} is not an https:// address (expected the licence's web address, starting https://)",
                    publication.licence.url
                ),
            );
        }
        let email = &publication.contact.email;
        let plausible = email.split_once('@').is_some_and(|(user, host)| !user.is_empty() && host.contains('.'))
            && !email.contains(char::is_whitespace);
        if !plausible {
            self.problem(
                "publication.contact.email",
                format!("{email:?} is not an email address (expected an address such as data.team@council.gov.uk)"),
            );
        }
    }

    fn disclosure_policy(&mut self) {
        let policy = &self.doc.disclosure;
        if !(1..=1000).contains(&policy.minimum_count) {
            self.problem(
                "disclosure.minimum_count",
                format!("is {} (expected 1 to 1,000; 10 is usual)", policy.minimum_count),
            );
        }
        if !(1..=1000).contains(&policy.rounding_base) {
            self.problem(
                "disclosure.rounding_base",
                format!("is {} (expected 1 to 1,000; 5 is usual)", policy.rounding_base),
            );
        }
        if let Some(margin) = policy.protection_margin {
            if !(1..=1000).contains(&margin) {
                self.problem("disclosure.protection_margin", format!("is {margin} (expected 1 to 1,000; 3 is usual)"));
            }
        }
        if let Some(share) = policy.protection_share {
            if !(0.0..=1.0).contains(&share) {
                self.problem("disclosure.protection_share", format!("is {share} (expected 0 to 1; 0.5 is usual)"));
            }
        }
    }

    /// Checks geography and returns every area code with its kind (county, district, ward, plan).
    fn geography(&mut self) -> HashMap<&'a str, AreaKind> {
        let doc: &'a FeedDocument = self.doc;
        let geography = &doc.geography;
        let mut areas: HashMap<&'a str, AreaKind> = HashMap::new();
        if !is_gss(&doc.geography.county.code, &["E10", "E47", "E11"]) {
            self.problem(
                "geography.county.code",
                format!(
                    "{:?} is not a county or combined authority GSS code (expected E10, E11 or E47 and six digits)",
                    doc.geography.county.code
                ),
            );
        }
        claim_area(
            &mut areas,
            &mut self.problems,
            &doc.geography.county.code,
            "geography.county.code".into(),
            AreaKind::County,
        );
        for (i, district) in geography.districts.iter().enumerate() {
            if !is_gss(&district.code, &["E06", "E07", "E08", "E09"]) {
                self.problem(
                    format!("geography.districts[{i}].code"),
                    format!("{:?} is not a district GSS code (expected E06/E07/E08/E09 and six digits)", district.code),
                );
            }
            claim_area(
                &mut areas,
                &mut self.problems,
                &district.code,
                format!("geography.districts[{i}].code"),
                AreaKind::District,
            );
        }
        for (i, ward) in doc.geography.wards.iter().enumerate() {
            if !is_gss(&ward.code, &["E05"]) {
                self.problem(
                    format!("geography.wards[{i}].code"),
                    format!("{:?} is not a ward GSS code (expected E05 and six digits)", ward.code),
                );
            }
            claim_area(
                &mut areas,
                &mut self.problems,
                &ward.code,
                format!("geography.wards[{i}].code"),
                AreaKind::Ward,
            );
        }
        for (i, plan) in doc.place_plans.iter().enumerate() {
            if !is_id(&plan.id) {
                self.problem(
                    format!("place_plans[{i}].id"),
                    format!(
                        "{:?} is not an id (expected lower-case letters, digits, hyphens and underscores)",
                        plan.id
                    ),
                );
            }
            claim_area(&mut areas, &mut self.problems, &plan.id, format!("place_plans[{i}].id"), AreaKind::Plan);
        }
        for (i, ward) in doc.geography.wards.iter().enumerate() {
            if areas.get(ward.district.as_str()) != Some(&AreaKind::District) {
                self.problem(
                    format!("geography.wards[{i}].district"),
                    format!(
                        "{:?} is not a district of this feed (expected the code of a district in geography.districts)",
                        ward.district
                    ),
                );
            }
        }
        let mut lsoa_codes = HashSet::new();
        for (i, lsoa) in doc.geography.lsoas.iter().enumerate() {
            let path = format!("geography.lsoas[{i}]");
            if !is_gss(&lsoa.code, &["E01"]) {
                self.problem(
                    format!("{path}.code"),
                    format!("{:?} is not an LSOA GSS code (expected E01 and six digits)", lsoa.code),
                );
            }
            if !lsoa_codes.insert(lsoa.code.as_str()) {
                self.problem(
                    format!("{path}.code"),
                    format!("{:?} is listed twice (expected each LSOA once)", lsoa.code),
                );
            }
            if areas.get(lsoa.ward.as_str()) != Some(&AreaKind::Ward) {
                self.problem(
                    format!("{path}.ward"),
                    format!(
                        "{:?} is not a ward of this feed (expected the code of a ward in geography.wards)",
                        lsoa.ward
                    ),
                );
            }
            for (field, decile) in
                [("imd_national_decile", lsoa.imd_national_decile), ("imd_local_decile", lsoa.imd_local_decile)]
            {
                if !(1..=10).contains(&decile) {
                    self.problem(format!("{path}.{field}"), format!("is {decile} (expected a decile from 1 to 10)"));
                }
            }
        }
        areas
    }

    fn place_plans(&mut self, areas: &HashMap<&str, AreaKind>) {
        let doc = self.doc;
        let ward_district: HashMap<&str, &str> =
            doc.geography.wards.iter().map(|w| (w.code.as_str(), w.district.as_str())).collect();
        let measures: HashSet<&str> = doc.measures.catalogue.iter().map(|m| m.id.as_str()).collect();
        for (i, plan) in doc.place_plans.iter().enumerate() {
            let path = format!("place_plans[{i}]");
            if areas.get(plan.district.as_str()) != Some(&AreaKind::District) {
                self.problem(
                    format!("{path}.district"),
                    format!(
                        "{:?} is not a district of this feed (expected the code of a district in geography.districts)",
                        plan.district
                    ),
                );
            }
            if plan.wards.is_empty() {
                self.problem(format!("{path}.wards"), "is empty (expected the wards the plan covers)");
            }
            let mut seen = HashSet::new();
            for (j, ward) in plan.wards.iter().enumerate() {
                match ward_district.get(ward.as_str()) {
                    None => self.problem(format!("{path}.wards[{j}]"), format!("{ward:?} is not a ward of this feed (expected the code of a ward in geography.wards)")),
                    Some(district) if *district != plan.district => self.problem(
                        format!("{path}.wards[{j}]"),
                        format!("{ward:?} lies in district {district}, not in the plan's district {} (expected the plan's wards to lie in its district)", plan.district),
                    ),
                    Some(_) => {}
                }
                if !seen.insert(ward) {
                    self.problem(
                        format!("{path}.wards[{j}]"),
                        format!("{ward:?} is listed twice (expected each ward once)"),
                    );
                }
            }
            if plan.measures.is_empty() {
                self.problem(format!("{path}.measures"), "is empty (expected at least the plan's headline measure)");
            }
            let mut seen_measures = HashSet::new();
            for (j, measure) in plan.measures.iter().enumerate() {
                if !measures.contains(measure.as_str()) {
                    self.problem(format!("{path}.measures[{j}]"), format!("{measure:?} is not a measure of this feed (expected the id of a measure in measures.catalogue)"));
                }
                if !seen_measures.insert(measure.as_str()) {
                    self.problem(
                        format!("{path}.measures[{j}]"),
                        format!("{measure:?} is listed twice (expected each measure once)"),
                    );
                }
            }
            let mut action_ids = HashSet::new();
            for (j, action) in plan.actions.iter().enumerate() {
                if !action_ids.insert(action.id.as_str()) {
                    self.problem(
                        format!("{path}.actions[{j}].id"),
                        format!(
                            "{:?} is used by another action of this plan (expected each action id once in a plan)",
                            action.id
                        ),
                    );
                }
            }
        }
    }

    fn journey(&mut self, areas: &HashMap<&str, AreaKind>) {
        let doc = self.doc;
        let journey = &doc.journey;
        let lists: [(&str, &Vec<Category>); 5] = [
            ("stages", &journey.stages),
            ("cohorts", &journey.cohorts),
            ("domains", &journey.domains),
            ("entry_routes", &journey.entry_routes),
            ("services", &journey.services),
        ];
        for (name, items) in lists {
            self.code_list(&format!("journey.{name}"), items);
        }
        if journey.stages.len() < 2 {
            self.problem("journey.stages", format!("has {} stage(s) (expected at least 2)", journey.stages.len()));
        }
        if !journey.cohorts.iter().any(|c| c.id == "all") {
            self.problem(
                "journey.cohorts",
                "has no cohort with id \"all\" (expected everyone to be published as a cohort of its own)",
            );
        }
        let cohorts = Positions::new(journey.cohorts.iter().map(|c| c.id.as_str()));
        let area_positions = Positions::new(areas.keys().copied());
        let periods = Quarters::of(doc);
        let tables: [(&str, JourneyTable, &Vec<CountRow>, &Vec<Category>); 4] = [
            ("funnel", JourneyTable::Funnel, &journey.funnel, &journey.stages),
            ("entries", JourneyTable::Entries, &journey.entries, &journey.entry_routes),
            ("handovers", JourneyTable::Handovers, &journey.handovers, &journey.services),
            ("outcomes", JourneyTable::Outcomes, &journey.outcomes, &journey.domains),
        ];
        for (name, table, rows, columns) in tables {
            // Rows are told apart by a packed key of positions (millions of rows at national
            // scale); rows naming an unknown area or cohort, already reported, by their text.
            let mut keys = HashSet::with_capacity(rows.len());
            let mut unknown_keys = HashSet::new();
            let mut last_area: Option<(&str, usize)> = None;
            for (i, row) in rows.iter().enumerate() {
                // Paths are only written out when a rule fails: there are millions of rows.
                let path = || format!("journey.{name}[{i}]");
                if !row_period_published(row.period, &periods) {
                    self.reference_row_period(&format!("{}.period", path()), row.period, &periods);
                }
                // Rows of one area usually follow each other: remember the last one found.
                let area = match last_area {
                    Some((code, position)) if code == row.area => Some(position),
                    _ => area_positions.get(&row.area),
                };
                match area {
                    Some(position) => last_area = Some((row.area.as_str(), position)),
                    None => self.reference_area(&format!("{}.area", path()), &row.area, areas),
                }
                let cohort = cohorts.get(&row.cohort);
                if cohort.is_none() {
                    self.problem(
                        format!("{}.cohort", path()),
                        format!(
                            "{:?} is not a cohort of this feed (expected the id of a cohort in journey.cohorts)",
                            row.cohort
                        ),
                    );
                }
                let new = match (area, cohort) {
                    (Some(area), Some(cohort)) => keys.insert(crate::model::row_key(table, row.period, area, cohort)),
                    _ => unknown_keys.insert((row.period, row.area.as_str(), row.cohort.as_str())),
                };
                if !new {
                    self.problem(
                        path(),
                        format!(
                            "{} / {} / {} appears twice (expected one row per period, area and cohort)",
                            row.period, row.area, row.cohort
                        ),
                    );
                }
                if row.counts.len() != columns.len() {
                    self.problem(
                        format!("{}.counts", path()),
                        format!(
                            "has {} counts (expected {}, one for each of journey.{})",
                            row.counts.len(),
                            columns.len(),
                            match name {
                                "funnel" => "stages",
                                "entries" => "entry_routes",
                                "handovers" => "services",
                                _ => "domains",
                            }
                        ),
                    );
                }
                for (j, count) in row.counts.iter().enumerate() {
                    if self.disclosure_breach(*count) {
                        self.disclosed(&format!("{}.counts[{j}]", path()), *count);
                    }
                }
                if name == "funnel" {
                    self.funnel_never_grows(&path, row);
                }
            }
        }
    }

    /// Each stage is a subset of the stages before it, so no visible count may exceed an
    /// earlier visible count. (Rounding to a common base keeps this order.)
    fn funnel_never_grows(&mut self, path: &dyn Fn() -> String, row: &CountRow) {
        let stages = &self.doc.journey.stages;
        let mut smallest_before: Option<(usize, u32)> = None;
        for (j, count) in row.counts.iter().enumerate() {
            let Count::Value(value) = *count else { continue };
            if let Some((earlier, limit)) = smallest_before {
                if value > limit {
                    let name = |k: usize| stages.get(k).map_or("?", |s| s.name.as_str()).to_owned();
                    self.problem(
                        format!("{}.counts[{j}]", path()),
                        format!("{} at stage {:?} is more than {} at the earlier stage {:?} (expected each stage to be at most the one before)", value, name(j), limit, name(earlier)),
                    );
                    continue;
                }
            }
            if smallest_before.is_none_or(|(_, limit)| value <= limit) {
                smallest_before = Some((j, value));
            }
        }
    }

    fn measures(&mut self, areas: &HashMap<&str, AreaKind>) {
        let doc = self.doc;
        let mut ids = HashSet::new();
        for (i, measure) in doc.measures.catalogue.iter().enumerate() {
            let path = format!("measures.catalogue[{i}].id");
            if !is_id(&measure.id) {
                self.problem(
                    path.clone(),
                    format!(
                        "{:?} is not an id (expected lower-case letters, digits, hyphens and underscores)",
                        measure.id
                    ),
                );
            }
            if !ids.insert(measure.id.as_str()) {
                self.problem(
                    path,
                    format!("{:?} is used by another measure (expected each measure id once)", measure.id),
                );
            }
        }
        // A repeated id (reported above) means its last measure, as a map collected in order would.
        let catalogue: HashMap<&str, (usize, &Measure)> =
            doc.measures.catalogue.iter().enumerate().map(|(i, m)| (m.id.as_str(), (i, m))).collect();
        let short_catalogue = doc.measures.catalogue.len() <= 16;
        let find_measure = |id: &str| -> Option<(usize, &Measure)> {
            if short_catalogue {
                let catalogue = &doc.measures.catalogue;
                catalogue.iter().rposition(|m| m.id == id).map(|i| (i, &catalogue[i]))
            } else {
                catalogue.get(id).copied()
            }
        };
        let area_positions = Positions::new(areas.keys().copied());
        let periods = Quarters::of(doc);
        // As for journey rows: a packed key of positions, or the text for unknown references.
        let mut keys = HashSet::with_capacity(doc.measures.values.len());
        let mut unknown_keys = HashSet::new();
        for (i, value) in doc.measures.values.iter().enumerate() {
            // Paths are only written out when a rule fails: there can be hundreds of thousands.
            let path = || format!("measures.values[{i}]");
            let found = find_measure(&value.measure);
            let measure = found.map(|(_, measure)| measure);
            if measure.is_none() {
                self.problem(
                    format!("{}.measure", path()),
                    format!(
                        "{:?} is not a measure of this feed (expected the id of a measure in measures.catalogue)",
                        value.measure
                    ),
                );
            }
            if !periods.contains(&value.period) {
                self.reference_period(&format!("{}.period", path()), value.period, &periods);
            }
            let area = area_positions.get(&value.area);
            if area.is_none() {
                self.reference_area(&format!("{}.area", path()), &value.area, areas);
            }
            let new = match (found, area) {
                (Some((measure, _)), Some(area)) => {
                    let period = u128::from(value.period.year) * 8 + u128::from(value.period.quarter);
                    keys.insert(((measure as u128) << 96) | (period << 64) | area as u128)
                }
                _ => unknown_keys.insert((value.measure.as_str(), value.period, value.area.as_str())),
            };
            if !new {
                self.problem(
                    path(),
                    format!(
                        "{} / {} / {} appears twice (expected one value per measure, period and area)",
                        value.measure, value.period, value.area
                    ),
                );
            }
            if self.disclosure_breach(value.numerator) {
                self.disclosed(&format!("{}.numerator", path()), value.numerator);
            }
            if self.disclosure_breach(value.denominator) {
                self.disclosed(&format!("{}.denominator", path()), value.denominator);
            }
            if let (Count::Value(n), Count::Value(d), Some(Measure { unit: MeasureUnit::Percentage, .. })) =
                (value.numerator, value.denominator, measure)
            {
                if n > d {
                    self.problem(
                        format!("{}.numerator", path()),
                        format!("{n} is more than the denominator {d} (expected a part of the whole for a percentage)"),
                    );
                }
            }
        }
    }

    fn contract(&mut self) {
        let contract = &self.doc.contract;
        if contract.end_date <= contract.start_date {
            self.problem(
                "contract.end_date",
                format!(
                    "{} is not after the start date {} (expected a later date)",
                    contract.end_date, contract.start_date
                ),
            );
        }
        self.amount("contract.annual_outcome_payment_gbp", contract.annual_outcome_payment_gbp, 0.0, 1e10);
        let mut ids = HashSet::new();
        let mut total_weight = 0.0;
        for (i, kpi) in contract.kpis.iter().enumerate() {
            let path = format!("contract.kpis[{i}]");
            if !is_id(&kpi.id) {
                self.problem(
                    format!("{path}.id"),
                    format!("{:?} is not an id (expected lower-case letters, digits, hyphens and underscores)", kpi.id),
                );
            }
            if !ids.insert(kpi.id.as_str()) {
                self.problem(
                    format!("{path}.id"),
                    format!("{:?} is used by another KPI (expected each KPI id once)", kpi.id),
                );
            }
            if !(kpi.rag.amber_from > 0.0 && kpi.rag.amber_from <= kpi.rag.green_from && kpi.rag.green_from <= 10.0) {
                self.problem(
                    format!("{path}.rag"),
                    format!(
                        "amber from {} and green from {} (expected 0 < amber_from <= green_from <= 10)",
                        kpi.rag.amber_from, kpi.rag.green_from
                    ),
                );
            }
            self.amount(&format!("{path}.payment.weight"), kpi.payment.weight, 0.0, 1.0);
            self.amount(&format!("{path}.payment.cap"), kpi.payment.cap, 0.0, 10.0);
            total_weight += kpi.payment.weight;
            let ceiling = if kpi.unit == KpiUnit::Percentage { 100.0 } else { 1e9 };
            let mut previous: Option<Quarter> = None;
            for (j, quarter) in kpi.quarters.iter().enumerate() {
                let qpath = format!("{path}.quarters[{j}]");
                if previous.is_some_and(|p| quarter.period <= p) {
                    self.problem(
                        format!("{qpath}.period"),
                        format!(
                            "{} is out of order or repeated (expected quarters oldest first, each once)",
                            quarter.period
                        ),
                    );
                }
                previous = Some(quarter.period);
                if !(quarter.target > 0.0 && quarter.target <= ceiling) {
                    self.problem(
                        format!("{qpath}.target"),
                        format!("is {} (expected more than 0 and at most {ceiling})", quarter.target),
                    );
                }
                if let Some(actual) = quarter.actual {
                    self.amount(&format!("{qpath}.actual"), actual, 0.0, ceiling);
                }
            }
        }
        if total_weight > 1.0 + 1e-9 {
            self.problem("contract.kpis", format!("payment weights add up to {total_weight:.3} (expected at most 1)"));
        }
    }

    fn amount(&mut self, path: &str, value: f64, low: f64, high: f64) {
        if !(low..=high).contains(&value) {
            self.problem(path, format!("is {value} (expected {low} to {high})"));
        }
    }

    /// A visible count must be zero, or at least the minimum and a multiple of the rounding base.
    /// Whether a visible count breaks the disclosure policy (cheap: no path is formatted).
    fn disclosure_breach(&self, count: Count) -> bool {
        let Count::Value(value) = count else { return false };
        let policy = &self.doc.disclosure;
        value != 0 && (value < policy.minimum_count || (policy.rounding_base > 0 && value % policy.rounding_base != 0))
    }

    fn disclosed(&mut self, path: &str, count: Count) {
        let Count::Value(value) = count else { return };
        let policy = &self.doc.disclosure;
        if value == 0 {
            return;
        }
        if value < policy.minimum_count {
            self.problem(
                path,
                format!(
                    "{value} is below the disclosure minimum of {} (expected it to be suppressed as \"[c]\")",
                    policy.minimum_count
                ),
            );
        } else if policy.rounding_base > 0 && value % policy.rounding_base != 0 {
            self.problem(
                path,
                format!(
                    "{value} is not rounded to a multiple of {} (expected the published, rounded value)",
                    policy.rounding_base
                ),
            );
        }
    }

    fn code_list(&mut self, path: &str, items: &[Category]) {
        let mut ids = HashSet::new();
        if items.is_empty() {
            self.problem(path, "is empty (expected at least one item)");
        }
        for (i, item) in items.iter().enumerate() {
            if !is_id(&item.id) {
                self.problem(
                    format!("{path}[{i}].id"),
                    format!(
                        "{:?} is not an id (expected lower-case letters, digits, hyphens and underscores)",
                        item.id
                    ),
                );
            }
            if !ids.insert(item.id.as_str()) {
                self.problem(
                    format!("{path}[{i}].id"),
                    format!("{:?} is used by another item of this list (expected each id once)", item.id),
                );
            }
        }
    }

    /// A journey row's period: a quarter the release covers, or a financial year whose four
    /// quarters it all covers (a year is published in its own right, never part-covered).
    fn reference_row_period(&mut self, path: &str, period: Period, periods: &Quarters) {
        match period {
            Period::Quarter(quarter) => self.reference_period(path, quarter, periods),
            Period::Year(year) => {
                let missing: Vec<String> =
                    year.quarters().iter().filter(|q| !periods.contains(q)).map(ToString::to_string).collect();
                if !missing.is_empty() {
                    self.problem(
                        path,
                        format!(
                            "financial year {year} is not wholly covered: {} not in publication.periods (expected a year only when all four quarters are published)",
                            missing.join(", ")
                        ),
                    );
                }
            }
        }
    }

    fn reference_period(&mut self, path: &str, period: Quarter, periods: &Quarters) {
        if !periods.contains(&period) {
            self.problem(
                path,
                format!(
                    "{period} is not a period of this release (expected one of the quarters in publication.periods)"
                ),
            );
        }
    }

    fn reference_area(&mut self, path: &str, area: &str, areas: &HashMap<&str, AreaKind>) {
        if !areas.contains_key(area) {
            self.problem(
                path,
                format!(
                    "{area:?} is not an area of this feed (expected the county, a district, a ward or a place plan id)"
                ),
            );
        }
    }
}

/// Records an area code, reporting it if another area already has it.
fn claim_area<'a>(
    areas: &mut HashMap<&'a str, AreaKind>,
    problems: &mut Vec<Problem>,
    code: &'a str,
    path: String,
    kind: AreaKind,
) {
    if areas.insert(code, kind).is_some() {
        problems
            .push(Problem::at(path, format!("{code:?} is used by another area too (expected each area code once)")));
    }
}

/// Positions of ids or codes in a list (the first, if one is repeated): a short list (like the
/// cohorts) is searched in turn, which is faster than hashing for every row; a long one is hashed.
pub(crate) enum Positions<'a> {
    Short(Vec<&'a str>),
    Long(HashMap<&'a str, usize>),
}

impl<'a> Positions<'a> {
    pub(crate) fn new(items: impl Iterator<Item = &'a str>) -> Positions<'a> {
        let items: Vec<&str> = items.collect();
        if items.len() <= 16 {
            return Positions::Short(items);
        }
        let mut map = HashMap::with_capacity(items.len());
        for (position, item) in items.into_iter().enumerate() {
            map.entry(item).or_insert(position);
        }
        Positions::Long(map)
    }

    pub(crate) fn get(&self, item: &str) -> Option<usize> {
        match self {
            Positions::Short(items) => items.iter().position(|candidate| *candidate == item),
            Positions::Long(map) => map.get(item).copied(),
        }
    }
}

/// The quarters a release covers, sorted for binary search: looked up for every row, and
/// cheaper than hashing at national scale (a few dozen quarters, millions of rows).
struct Quarters(Vec<Quarter>);

impl Quarters {
    fn of(doc: &FeedDocument) -> Quarters {
        let mut quarters: Vec<Quarter> = doc.publication.periods.iter().map(|p| p.period).collect();
        quarters.sort_unstable();
        quarters.dedup();
        Quarters(quarters)
    }

    fn contains(&self, quarter: &Quarter) -> bool {
        self.0.binary_search(quarter).is_ok()
    }
}

/// Whether a journey row's period is covered (the check `reference_row_period` reports on).
fn row_period_published(period: Period, periods: &Quarters) -> bool {
    match period {
        Period::Quarter(quarter) => periods.contains(&quarter),
        Period::Year(year) => year.quarters().iter().all(|q| periods.contains(q)),
    }
}

/// A GSS code: a three-character prefix from `prefixes` and six digits.
fn is_gss(code: &str, prefixes: &[&str]) -> bool {
    let bytes = code.as_bytes();
    bytes.len() == 9
        && prefixes.iter().any(|prefix| bytes.starts_with(prefix.as_bytes()))
        && bytes[3..].iter().all(u8::is_ascii_digit)
}

/// Ids: 1-64 characters of lower-case letters, digits, `-` and `_`, starting with a letter or digit.
fn is_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id.bytes().next().is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}
