//! From true ward-level counts to the published tables: every level (county, districts, wards,
//! place plans) x period (quarters, whole financial years) x cohort (`all` included) x column,
//! each added up from true values, described as a [`CellSystem`] with every relation a reader has,
//! protected (primary and secondary suppression), and written as feed rows.

use super::config::Setup;
use super::journey::WardCounts;
use super::tables::WardMeasures;
use crate::aggregate::{AreaWards, Level, PeriodQuarters};
use crate::secondary::{CannotProtect, CellId, CellSystem, Protection};
use crate::{Category, Count, CountRow, DisclosurePolicy, Measure, MeasureValue, Period, Quarter};

/// What the table builder needs of a release: the published levels, code lists and policy.
/// `outcomes publish` takes it from its [`Setup`]; another generator (the demonstration, in
/// time) can build its own and publish through the same relations and secondary suppression.
pub struct Shape<'a> {
    pub periods: &'a [PeriodQuarters],
    pub areas: &'a [AreaWards],
    pub cohorts: &'a [Category],
    pub all_cohort: usize,
    pub other_route: usize,
    pub other_service: usize,
    pub handover_stage: usize,
    pub outcome_stage: usize,
    pub policy: &'a DisclosurePolicy,
    pub quarters: &'a [Quarter],
    pub catalogue: &'a [Measure],
    /// Protect against the margin reader (`secondary::MarginReader`), not only the
    /// single-unknown one: every release but one published with `--public-test-only`.
    pub margins: bool,
}

impl Setup {
    pub fn shape(&self) -> Shape<'_> {
        Shape {
            periods: &self.periods,
            areas: &self.areas,
            cohorts: &self.lists.cohorts,
            all_cohort: self.all_cohort,
            other_route: self.other_route,
            other_service: self.other_service,
            handover_stage: self.handover_stage,
            outcome_stage: self.outcome_stage,
            policy: &self.policy,
            quarters: &self.quarters,
            catalogue: &self.catalogue,
            margins: self.proof != super::Proof::PublicAudit,
        }
    }
}

/// Primary and secondary suppression against the reader `setup` asks for.
fn protect(system: &CellSystem, setup: &Shape, forced: &[CellId]) -> Result<Protection, CannotProtect> {
    if setup.margins {
        system.protect_forcing(setup.policy, &crate::secondary::MarginReader { policy: setup.policy }, forced)
    } else {
        system.protect_forcing(setup.policy, &crate::secondary::SingleUnknown, forced)
    }
}

/// How costly it is to hide a cell of an area: the more it sums, the more it tells.
fn level_weight(level: Level) -> u32 {
    match level {
        Level::Ward => 1,
        Level::Plan => 2,
        Level::District => 4,
        Level::County => 8,
    }
}

/// Positions of a row's cells: stages, drop-offs (latent), routes, the true "other" route
/// (latent), services, the true "other" service (latent), domains.
#[derive(Clone, Copy, Debug)]
struct Columns {
    stages: usize,
    routes: usize,
    services: usize,
    domains: usize,
}

impl Columns {
    fn drops(self) -> usize {
        self.stages
    }
    fn route(self) -> usize {
        self.stages + self.stages - 1
    }
    fn route_other_true(self) -> usize {
        self.route() + self.routes
    }
    fn service(self) -> usize {
        self.route_other_true() + 1
    }
    fn service_other_true(self) -> usize {
        self.service() + self.services
    }
    fn domain(self) -> usize {
        self.service_other_true() + 1
    }
    fn width(self) -> usize {
        self.domain() + self.domains
    }
}

/// The published journey tables and what protecting them took.
pub struct JourneyTables {
    pub funnel: Vec<CountRow>,
    pub entries: Vec<CountRow>,
    pub handovers: Vec<CountRow>,
    pub outcomes: Vec<CountRow>,
    pub protection: Protection,
    pub relations: usize,
    /// The cells and relations protected (for widening after an audit).
    pub system: CellSystem,
    columns: Columns,
    /// How many rows each table has (the rows may be moved out into a document).
    rows: usize,
}

impl JourneyTables {
    /// The cell of a published count: `table` 0 to 3 (funnel, entries, hand-overs, outcomes),
    /// its row in that table and its position in the row's counts.
    pub fn cell(&self, table: usize, row: usize, column: usize) -> Option<CellId> {
        let (first, count) = match table {
            0 => (0, self.columns.stages),
            1 => (self.columns.route(), self.columns.routes),
            2 => (self.columns.service(), self.columns.services),
            3 => (self.columns.domain(), self.columns.domains),
            _ => return None,
        };
        (column < count && row < self.rows).then(|| (row * self.columns.width() + first + column) as CellId)
    }
}

/// Builds and protects the journey tables; the cells of `forced` are hidden from the start.
pub fn journey_tables(setup: &Shape, counts: &WardCounts, forced: &[CellId]) -> Result<JourneyTables, CannotProtect> {
    let columns =
        Columns { stages: counts.stages, routes: counts.routes, services: counts.services, domains: counts.domains };
    let (periods, areas, cohorts) = (setup.periods, setup.areas, setup.cohorts.len());
    let width = columns.width();
    let base = counts.width();
    // True base columns per period, ward and cohort (`all` included), added up from records.
    let wards = counts.wards;
    let mut ward_period = vec![0u32; periods.len() * wards * cohorts * base];
    for (p, period) in periods.iter().enumerate() {
        for ward in 0..wards {
            for cohort in 0..cohorts {
                let start = ((p * wards + ward) * cohorts + cohort) * base;
                let target = &mut ward_period[start..start + base];
                for &quarter in &period.quarters {
                    for k in own_cohorts(cohort, setup.all_cohort, counts.cohorts) {
                        for (sum, value) in target.iter_mut().zip(counts.cell(quarter, ward, k)) {
                            *sum += value;
                        }
                    }
                }
            }
        }
    }
    let cell_id = |p: usize, a: usize, c: usize, column: usize| -> CellId {
        (((p * areas.len() + a) * cohorts + c) * width + column) as CellId
    };
    let mut system = CellSystem::new();
    let mut row_values = vec![0u32; base];
    for (p, period) in periods.iter().enumerate() {
        let period_weight = if period.quarters.len() > 1 { 2 } else { 1 };
        for area in areas {
            for c in 0..cohorts {
                row_values.iter_mut().for_each(|v| *v = 0);
                for &ward in &area.wards {
                    let start = ((p * wards + ward) * cohorts + c) * base;
                    for (sum, value) in row_values.iter_mut().zip(&ward_period[start..start + base]) {
                        *sum += value;
                    }
                }
                let weight = level_weight(area.level) * period_weight * if c == setup.all_cohort { 2 } else { 1 };
                let (stages, rest) = row_values.split_at(columns.stages);
                let (routes, rest) = rest.split_at(columns.routes);
                let (services, domains) = rest.split_at(columns.services);
                for &value in stages {
                    system.cell(value, weight);
                }
                for pair in stages.windows(2) {
                    system.latent(pair[0].saturating_sub(pair[1]));
                }
                for &value in routes {
                    system.cell(value, weight);
                }
                system.latent(routes[setup.other_route]);
                for &value in services {
                    system.cell(value, weight);
                }
                system.latent(services[setup.other_service]);
                for &value in domains {
                    system.cell(value, weight);
                }
            }
        }
    }
    // Relations inside each row.
    for p in 0..periods.len() {
        for a in 0..areas.len() {
            for c in 0..cohorts {
                let id = |column: usize| cell_id(p, a, c, column);
                for k in 0..columns.stages - 1 {
                    system.relation(&[(id(k), 1), (id(k + 1), -1), (id(columns.drops() + k), -1)]);
                }
                for (stage, first, count, other, other_true) in [
                    (0, columns.route(), columns.routes, setup.other_route, columns.route_other_true()),
                    (
                        setup.handover_stage,
                        columns.service(),
                        columns.services,
                        setup.other_service,
                        columns.service_other_true(),
                    ),
                ] {
                    let named: Vec<CellId> = (0..count).filter(|&i| i != other).map(|i| id(first + i)).collect();
                    let mut terms = vec![(id(stage), 1), (id(other_true), -1)];
                    terms.extend(named.iter().map(|&cell| (cell, -1)));
                    system.relation(&terms);
                    system.grouping(id(first + other), id(other_true), named);
                }
                let mut terms = vec![(id(setup.outcome_stage), 1)];
                terms.extend((0..columns.domains).map(|i| (id(columns.domain() + i), -1)));
                system.relation(&terms);
            }
        }
    }
    // Relations across rows, for every column that adds up (all but the grouped "other"s).
    let additive: Vec<usize> = (0..width)
        .filter(|&column| {
            column != columns.route() + setup.other_route && column != columns.service() + setup.other_service
        })
        .collect();
    let ward_area: Vec<usize> = (0..areas.len()).filter(|&a| areas[a].level == Level::Ward).collect();
    let district_areas: Vec<usize> = (0..areas.len()).filter(|&a| areas[a].level == Level::District).collect();
    let mut parts = Vec::new();
    for p in 0..periods.len() {
        for c in 0..cohorts {
            for &column in &additive {
                for (a, area) in areas.iter().enumerate() {
                    if area.level == Level::Ward {
                        continue;
                    }
                    parts.clear();
                    parts.extend(area.wards.iter().map(|&w| cell_id(p, ward_area[w], c, column)));
                    system.sum(cell_id(p, a, c, column), &parts);
                    if area.level == Level::County {
                        parts.clear();
                        parts.extend(district_areas.iter().map(|&d| cell_id(p, d, c, column)));
                        system.sum(cell_id(p, a, c, column), &parts);
                    }
                }
            }
        }
    }
    for p in 0..periods.len() {
        for a in 0..areas.len() {
            for &column in &additive {
                parts.clear();
                parts.extend((0..cohorts).filter(|&c| c != setup.all_cohort).map(|c| cell_id(p, a, c, column)));
                system.sum(cell_id(p, a, setup.all_cohort, column), &parts);
            }
        }
    }
    for (p, period) in periods.iter().enumerate() {
        if period.quarters.len() < 2 {
            continue;
        }
        for a in 0..areas.len() {
            for c in 0..cohorts {
                for &column in &additive {
                    parts.clear();
                    // Quarters come first in the list of periods, in the same order.
                    parts.extend(period.quarters.iter().map(|&q| cell_id(q, a, c, column)));
                    system.sum(cell_id(p, a, c, column), &parts);
                }
            }
        }
    }
    let protection = protect(&system, setup, forced)?;
    let mut tables = JourneyTables {
        funnel: Vec::new(),
        entries: Vec::new(),
        handovers: Vec::new(),
        outcomes: Vec::new(),
        relations: system.relations(),
        protection,
        system,
        columns,
        rows: 0,
    };
    for (p, period) in periods.iter().enumerate() {
        for (a, area) in areas.iter().enumerate() {
            for (c, cohort) in setup.cohorts.iter().enumerate() {
                let published = |first: usize, count: usize| -> Vec<Count> {
                    (first..first + count)
                        .map(|column| {
                            tables.protection.counts[cell_id(p, a, c, column) as usize].unwrap_or(Count::Suppressed)
                        })
                        .collect()
                };
                let row = |counts: Vec<Count>| CountRow {
                    period: period.period,
                    area: area.code.clone(),
                    cohort: cohort.id.clone(),
                    counts,
                };
                let funnel = row(published(0, columns.stages));
                let entries = row(published(columns.route(), columns.routes));
                let handovers = row(published(columns.service(), columns.services));
                let outcomes = row(published(columns.domain(), columns.domains));
                tables.funnel.push(funnel);
                tables.entries.push(entries);
                tables.handovers.push(handovers);
                tables.outcomes.push(outcomes);
            }
        }
    }
    tables.rows = tables.funnel.len();
    Ok(tables)
}

/// The own cohorts (positions without `all`) making up cohort `c` (a position with `all`).
pub(super) fn own_cohorts(c: usize, all: usize, own: usize) -> std::ops::Range<usize> {
    match c.cmp(&all) {
        std::cmp::Ordering::Equal => 0..own,
        std::cmp::Ordering::Less => c..c + 1,
        std::cmp::Ordering::Greater => c - 1..c,
    }
}

/// The published measure values and what protecting them took.
pub struct MeasureTable {
    pub values: Vec<MeasureValue>,
    pub protection: Protection,
    pub relations: usize,
    /// The cells and relations protected (for widening after an audit).
    pub system: CellSystem,
    /// For each of `values`, its numerator's and denominator's cells.
    pub cells: Vec<(CellId, CellId)>,
}

/// Numerators and denominators for every measure, quarter and area all of whose wards have a
/// value; each added up from true ward values, then protected like the journey counts.
/// Builds and protects the measure values; the cells of `forced` are hidden from the start.
pub fn measure_table(setup: &Shape, measures: &WardMeasures, forced: &[CellId]) -> Result<MeasureTable, CannotProtect> {
    let areas = setup.areas;
    let mut system = CellSystem::new();
    // (numerator, denominator) cells per measure, quarter and area, where published.
    let mut cells: Vec<Option<(CellId, CellId)>> = Vec::new();
    for measure in 0..measures.measures {
        for quarter in 0..measures.quarters {
            for area in areas {
                let values: Option<Vec<(u32, u32)>> =
                    area.wards.iter().map(|&ward| measures.get(measure, quarter, ward)).collect();
                cells.push(values.map(|values| {
                    let (numerator, denominator) =
                        values.iter().fold((0u32, 0u32), |(n, d), (x, y)| (n.saturating_add(*x), d.saturating_add(*y)));
                    let weight = level_weight(area.level);
                    (system.cell(numerator, weight), system.cell(denominator, weight))
                }));
            }
        }
    }
    // A percentage's numerator is at most its denominator: denominator = numerator + the rest,
    // the rest a latent quantity (the public reader knows this too).
    for measure in 0..measures.measures {
        if setup.catalogue.get(measure).is_some_and(|m| m.unit == crate::MeasureUnit::Percentage) {
            for quarter in 0..measures.quarters {
                for a in 0..areas.len() {
                    let index = (measure * measures.quarters + quarter) * areas.len() + a;
                    if let Some((numerator, denominator)) = cells[index] {
                        let rest = system.value(denominator).saturating_sub(system.value(numerator));
                        let rest = system.latent(rest);
                        system.sum(denominator, &[numerator, rest]);
                    }
                }
            }
        }
    }
    let slot =
        |measure: usize, quarter: usize, area: usize| (measure * measures.quarters + quarter) * areas.len() + area;
    let ward_area: Vec<usize> = (0..areas.len()).filter(|&a| areas[a].level == Level::Ward).collect();
    let district_areas: Vec<usize> = (0..areas.len()).filter(|&a| areas[a].level == Level::District).collect();
    for measure in 0..measures.measures {
        for quarter in 0..measures.quarters {
            for (a, area) in areas.iter().enumerate() {
                let Some(total) = cells[slot(measure, quarter, a)] else { continue };
                let mut part_lists = Vec::new();
                if area.level != Level::Ward {
                    part_lists.push(area.wards.iter().map(|&w| ward_area[w]).collect::<Vec<usize>>());
                }
                if area.level == Level::County {
                    part_lists.push(district_areas.clone());
                }
                for part_areas in part_lists {
                    let parts: Option<Vec<(CellId, CellId)>> =
                        part_areas.iter().map(|&p| cells[slot(measure, quarter, p)]).collect();
                    if let Some(parts) = parts {
                        system.sum(total.0, &parts.iter().map(|p| p.0).collect::<Vec<_>>());
                        system.sum(total.1, &parts.iter().map(|p| p.1).collect::<Vec<_>>());
                    }
                }
            }
        }
    }
    let protection = protect(&system, setup, forced)?;
    let mut values = Vec::new();
    let mut value_cells = Vec::new();
    for (measure, entry) in setup.catalogue.iter().enumerate() {
        for quarter in 0..measures.quarters {
            for (a, area) in areas.iter().enumerate() {
                let Some((numerator, denominator)) = cells[slot(measure, quarter, a)] else { continue };
                let count = |cell: CellId| protection.counts[cell as usize].unwrap_or(Count::Suppressed);
                value_cells.push((numerator, denominator));
                values.push(MeasureValue {
                    measure: entry.id.clone(),
                    period: setup.quarters[quarter],
                    area: area.code.clone(),
                    numerator: count(numerator),
                    denominator: count(denominator),
                });
            }
        }
    }
    Ok(MeasureTable { values, relations: system.relations(), protection, system, cells: value_cells })
}

/// The period of a published row (for the truth the check compares with).
pub fn period_quarters(setup: &Setup, period: Period) -> Option<Vec<usize>> {
    setup.periods.iter().find(|p| p.period == period).map(|p| p.quarters.clone())
}
