//! Reading `journey.csv`: one row per person per stage reached, streamed, each row either
//! aggregated into the true ward-level counts or rejected with its line and reason.
//!
//! The file must be sorted by `id` (byte order, as `LC_ALL=C sort` gives), and within an id in
//! journey order. Then everything known about a person is the state of the current id: one
//! small record (stage reached, date, quarter, ward, cohort, route, line), whatever the size of
//! the file. A row whose id sorts before the previous row's is rejected (`unsorted`), so rows of
//! one id are always read together and a person is never counted twice.
//!
//! A person is counted in the quarter, ward (from the LSOA) and cohort of their row for the first
//! stage (identification); every later stage they reach is counted there too, whenever it
//! happens, so each published funnel follows the people identified in its period.

use super::config::Setup;
use super::{read_rows, reject, FileReconciliation, InputError, Rejection, RowNote};
use crate::Date;
use std::collections::HashMap;
use std::io::BufRead;

pub const COLUMNS: [&str; 8] = ["id", "stage", "date", "lsoa", "cohort", "entry_route", "service", "domain"];
const ID: usize = 0;
const STAGE: usize = 1;
const DATE: usize = 2;
const LSOA: usize = 3;
const COHORT: usize = 4;
const ROUTE: usize = 5;
const SERVICE: usize = 6;
const DOMAIN: usize = 7;

/// The longest id accepted: pseudonymous ids are hashes or sequence numbers.
const MAX_ID_CHARS: usize = 128;

/// True counts per quarter, ward and cohort (without `all`): for each, the stages, then the entry
/// routes, services and domains, in the order of their code lists.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WardCounts {
    pub quarters: usize,
    pub wards: usize,
    pub cohorts: usize,
    pub stages: usize,
    pub routes: usize,
    pub services: usize,
    pub domains: usize,
    data: Vec<u32>,
}

impl WardCounts {
    pub fn new(setup: &Setup) -> WardCounts {
        let lists = &setup.lists;
        let mut counts = WardCounts {
            quarters: setup.quarters.len(),
            wards: setup.geography.wards.len(),
            cohorts: lists.cohorts.len() - 1,
            stages: lists.stages.len(),
            routes: lists.entry_routes.len(),
            services: lists.services.len(),
            domains: lists.domains.len(),
            data: Vec::new(),
        };
        counts.data = vec![0; counts.quarters * counts.wards * counts.cohorts * counts.width()];
        counts
    }

    /// Counts from another source of true ward values (the demonstration's model): `fill` writes
    /// the columns of each quarter, ward and cohort (without `all`), in the order of [`Self::new`].
    pub(crate) fn from_model(
        quarters: usize,
        wards: usize,
        cohorts: usize,
        [stages, routes, services, domains]: [usize; 4],
        mut fill: impl FnMut(usize, usize, usize, &mut [u32]),
    ) -> WardCounts {
        let mut counts = WardCounts { quarters, wards, cohorts, stages, routes, services, domains, data: Vec::new() };
        let width = counts.width();
        counts.data = vec![0; quarters * wards * cohorts * width];
        for (index, cell) in counts.data.chunks_mut(width).enumerate() {
            let (rest, cohort) = (index / cohorts, index % cohorts);
            fill(rest / wards, rest % wards, cohort, cell);
        }
        counts
    }

    /// Columns per quarter, ward and cohort.
    pub fn width(&self) -> usize {
        self.stages + self.routes + self.services + self.domains
    }

    /// The columns of one quarter, ward and cohort (cohort without `all`).
    pub fn cell(&self, quarter: usize, ward: usize, cohort: usize) -> &[u32] {
        let start = ((quarter * self.wards + ward) * self.cohorts + cohort) * self.width();
        &self.data[start..start + self.width()]
    }

    fn add(&mut self, person: &Person, column: usize) {
        let width = self.width();
        let start = ((person.quarter * self.wards + person.ward) * self.cohorts + person.cohort) * width;
        self.data[start + column] += 1;
    }
}

/// What is kept about the current id: about 100 bytes plus the id, whatever the size of the file.
#[derive(Clone, Debug, Default)]
struct Person {
    id: String,
    /// The highest stage accepted for this id, if any.
    stage: Option<usize>,
    date: Option<Date>,
    line: u64,
    quarter: usize,
    ward: usize,
    lsoa: usize,
    cohort: usize,
    route: usize,
}

/// Positions of the code lists' ids, for looking up each row's codes.
struct Codes<'a> {
    stages: HashMap<&'a str, usize>,
    cohorts: HashMap<&'a str, usize>,
    routes: HashMap<&'a str, usize>,
    services: HashMap<&'a str, usize>,
    domains: HashMap<&'a str, usize>,
    lsoas: HashMap<&'a str, (usize, usize)>,
    quarters: HashMap<crate::Quarter, usize>,
}

impl<'a> Codes<'a> {
    fn new(setup: &'a Setup) -> Codes<'a> {
        let index = |list: &'a [crate::Category]| list.iter().enumerate().map(|(i, c)| (c.id.as_str(), i)).collect();
        // Cohort positions skip `all`, which is everyone and never a row's cohort.
        let cohorts =
            setup.lists.cohorts.iter().filter(|c| c.id != "all").enumerate().map(|(i, c)| (c.id.as_str(), i)).collect();
        Codes {
            stages: index(&setup.lists.stages),
            cohorts,
            routes: index(&setup.lists.entry_routes),
            services: index(&setup.lists.services),
            domains: index(&setup.lists.domains),
            lsoas: setup
                .geography
                .lsoas
                .iter()
                .enumerate()
                .filter_map(|(i, lsoa)| setup.lsoa_ward.get(&lsoa.code).map(|&ward| (lsoa.code.as_str(), (i, ward))))
                .collect(),
            quarters: setup.quarters.iter().enumerate().map(|(i, q)| (*q, i)).collect(),
        }
    }
}

/// Reads every row of `journey.csv` into `counts`, reporting each rejected or flagged row.
pub fn read_journey<R: BufRead>(
    setup: &Setup,
    reader: R,
    counts: &mut WardCounts,
    notes: &mut dyn FnMut(&RowNote),
) -> Result<FileReconciliation, InputError> {
    let codes = Codes::new(setup);
    let mut person = Person::default();
    read_rows(reader, "journey.csv", &COLUMNS, notes, |line, fields, flags| {
        read_row(setup, &codes, fields, line, &mut person, counts, flags)
    })
}

/// Checks one row against the current person and, if it is accepted, counts it.
fn read_row(
    setup: &Setup,
    codes: &Codes,
    field: &[&str],
    line: u64,
    person: &mut Person,
    counts: &mut WardCounts,
    flags: &mut Vec<Rejection>,
) -> Result<(), Rejection> {
    let id = field[ID];
    if id.is_empty() {
        return Err(reject("missing-value", "id is empty (expected the pseudonymous id)"));
    }
    if id.chars().count() > MAX_ID_CHARS || id.chars().any(char::is_control) {
        return Err(reject("malformed", format!("id is not a plain id of at most {MAX_ID_CHARS} characters")));
    }
    match id.as_bytes().cmp(person.id.as_bytes()) {
        std::cmp::Ordering::Less => {
            return Err(reject(
                "unsorted",
                "id sorts before the previous row's id (expected rows sorted by id, as LC_ALL=C sort gives)",
            ))
        }
        std::cmp::Ordering::Greater => {
            person.id.clear();
            person.id.push_str(id);
            person.stage = None;
            person.date = None;
        }
        std::cmp::Ordering::Equal => {}
    }
    let stage_id = field[STAGE];
    let &stage = codes.stages.get(stage_id).ok_or_else(|| {
        reject("unknown-code", format!("stage {stage_id:?} is not a stage of the release (expected a stage id)"))
    })?;
    let date_text = field[DATE];
    let date: Date = date_text.parse().map_err(|_| {
        reject("impossible-date", format!("date {date_text:?} is not a date (expected an existing date as YYYY-MM-DD)"))
    })?;
    if date > setup.extract_date {
        return Err(reject(
            "impossible-date",
            format!("date {date} is after the extract date {} (expected a date already passed)", setup.extract_date),
        ));
    }
    let lsoa = optional_code(field[LSOA], &codes.lsoas, "unknown-lsoa", "LSOA", "an LSOA of the geography")?;
    let cohort = optional_code(field[COHORT], &codes.cohorts, "unknown-code", "cohort", "a cohort other than \"all\"")?;
    let route = optional_code(field[ROUTE], &codes.routes, "unknown-code", "entry_route", "an entry route id")?;
    let service = optional_code(field[SERVICE], &codes.services, "unknown-code", "service", "a service id")?;
    let domain = optional_code(field[DOMAIN], &codes.domains, "unknown-code", "domain", "a domain id")?;
    let stage_name = |k: usize| setup.lists.stages[k].id.as_str();
    let role_value = |wanted: usize, given: Option<usize>, column: &str| -> Result<Option<usize>, Rejection> {
        match (stage == wanted, given) {
            (true, None) => Err(reject(
                "missing-value",
                format!("{column} is empty (expected it on the row for stage {:?})", stage_name(wanted)),
            )),
            (true, given) => Ok(given),
            (false, _) => Ok(None),
        }
    };
    let service = {
        let kept = role_value(setup.handover_stage, service, "service")?;
        if kept.is_none() && service.is_some() {
            flags.push(reject("ignored-value", "service given on a row that is not a hand-over; not counted"));
        }
        kept
    };
    let domain = {
        let kept = role_value(setup.outcome_stage, domain, "domain")?;
        if kept.is_none() && domain.is_some() {
            flags.push(reject("ignored-value", "domain given on a row that is not an outcome; not counted"));
        }
        kept
    };
    if stage == 0 {
        if let Some(reached) = person.stage {
            return Err(repeated(stage, reached, person.line, &stage_name));
        }
        let (Some((lsoa, ward)), Some(cohort), Some(route)) = (lsoa, cohort, route) else {
            return Err(reject(
                "missing-value",
                format!("lsoa, cohort and entry_route are needed on the row for stage {:?}", stage_name(0)),
            ));
        };
        let quarter = quarter_of(date);
        let Some(&quarter_index) = quarter.as_ref().and_then(|q| codes.quarters.get(q)) else {
            let named = quarter.map_or_else(|| "a quarter".to_owned(), |q| q.to_string());
            return Err(reject(
                "outside-release",
                format!("identified on {date}, in {named}, which this release does not cover (expected a date in one of its quarters)"),
            ));
        };
        *person = Person {
            id: std::mem::take(&mut person.id),
            stage: Some(0),
            date: Some(date),
            line,
            quarter: quarter_index,
            ward,
            lsoa,
            cohort,
            route,
        };
    } else {
        let Some(reached) = person.stage else {
            return Err(reject(
                "no-identification",
                format!(
                    "no accepted row for stage {:?} comes before this one for this id (expected one first)",
                    stage_name(0)
                ),
            ));
        };
        if stage <= reached {
            return Err(repeated(stage, reached, person.line, &stage_name));
        }
        if stage > reached + 1 {
            return Err(reject(
                "skipped-stage",
                format!(
                    "stage {:?} without stage {:?} for this id (expected every stage in between)",
                    stage_name(stage),
                    stage_name(reached + 1)
                ),
            ));
        }
        if let Some(previous) = person.date {
            if date < previous {
                return Err(reject(
                    "impossible-date",
                    format!(
                        "date {date} is before {previous}, the date of the previous stage for this id (at line {})",
                        person.line
                    ),
                ));
            }
        }
        if lsoa.is_some_and(|(given, _)| given != person.lsoa) {
            flags.push(reject(
                "changed-lsoa",
                "lsoa differs from the identification row; counted in the area of identification",
            ));
        }
        if cohort.is_some_and(|given| given != person.cohort) {
            flags.push(reject(
                "changed-cohort",
                "cohort differs from the identification row; counted in the cohort of identification",
            ));
        }
        if route.is_some_and(|given| given != person.route) {
            flags.push(reject(
                "changed-entry-route",
                "entry_route differs from the identification row; the first is counted",
            ));
        }
        person.stage = Some(stage);
        person.date = Some(date);
        person.line = line;
    }
    counts.add(person, stage);
    if stage == 0 {
        counts.add(person, counts.stages + person.route);
    }
    if let Some(service) = service {
        counts.add(person, counts.stages + counts.routes + service);
    }
    if let Some(domain) = domain {
        counts.add(person, counts.stages + counts.routes + counts.services + domain);
    }
    Ok(())
}

/// A stage already reached, again (a duplicate) or after a later one (a regression).
fn repeated<'s>(stage: usize, reached: usize, line: u64, name: &dyn Fn(usize) -> &'s str) -> Rejection {
    if stage == reached {
        reject("duplicate-event", format!("stage {:?} is already recorded for this id at line {line}", name(stage)))
    } else {
        reject(
            "stage-regression",
            format!(
                "stage {:?} comes after the later stage {:?} for this id (line {line}) (expected stages in journey order)",
                name(stage),
                name(reached)
            ),
        )
    }
}

/// An optional code: empty is `None`, a known code its value, anything else a rejection.
fn optional_code<T: Copy>(
    text: &str,
    known: &HashMap<&str, T>,
    code: &'static str,
    column: &str,
    expected: &str,
) -> Result<Option<T>, Rejection> {
    if text.is_empty() {
        return Ok(None);
    }
    known
        .get(text)
        .copied()
        .map(Some)
        .ok_or_else(|| reject(code, format!("{column} {text:?} is not known (expected {expected})")))
}

/// The financial-year quarter a date falls in: April to June is Q1 of the year it starts.
pub fn quarter_of(date: Date) -> Option<crate::Quarter> {
    let (year, quarter) = match date.month {
        1..=3 => (date.year.checked_sub(1)?, 4),
        4..=6 => (date.year, 1),
        7..=9 => (date.year, 2),
        _ => (date.year, 3),
    };
    crate::Quarter::new(year, quarter)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_fall_in_financial_year_quarters() {
        let quarter = |text: &str| quarter_of(text.parse().unwrap()).map(|q| q.to_string());
        assert_eq!(quarter("2025-04-01").as_deref(), Some("2025-Q1"));
        assert_eq!(quarter("2025-09-30").as_deref(), Some("2025-Q2"));
        assert_eq!(quarter("2025-12-31").as_deref(), Some("2025-Q3"));
        assert_eq!(quarter("2026-03-31").as_deref(), Some("2025-Q4"));
        assert_eq!(quarter("1950-06-01"), None);
    }
}
