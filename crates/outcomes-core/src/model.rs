//! The validated feed: the document plus the indexes every view needs, built once after load.
//! Views accept only a [`Feed`], so they can rely on every rule in `validate` holding.

use crate::feed::*;
use crate::{FinancialYear, Period, Quarter};
use std::collections::HashMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AreaKind {
    County,
    District,
    Ward,
    PlacePlan,
}

impl AreaKind {
    pub fn label(self) -> &'static str {
        match self {
            AreaKind::County => "Whole area",
            AreaKind::District => "District",
            AreaKind::Ward => "Ward",
            AreaKind::PlacePlan => "Place plan",
        }
    }
}

/// An area a table can be about: the county, a district, a ward or a place plan.
#[derive(Clone, Debug, PartialEq)]
pub struct Area {
    pub code: String,
    pub name: String,
    pub kind: AreaKind,
    /// The district a ward or plan lies in; `None` for the county and districts.
    pub district: Option<String>,
}

/// Which per-area table of the journey section.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum JourneyTable {
    Funnel,
    Entries,
    Handovers,
    Outcomes,
}

/// A journey row's table, period, area (its position in `areas`) and cohort (its position in
/// `journey.cohorts`), packed into one integer: no strings are copied or hashed per row, which
/// matters at national scale (millions of rows).
type RowKey = u128;

pub(crate) fn row_key(table: JourneyTable, period: Period, area: usize, cohort: usize) -> RowKey {
    let table = match table {
        JourneyTable::Funnel => 0u128,
        JourneyTable::Entries => 1,
        JourneyTable::Handovers => 2,
        JourneyTable::Outcomes => 3,
    };
    // A quarter as year * 8 + quarter (1 to 4); a financial year as year * 8 (quarter 0).
    let period = match period {
        Period::Quarter(quarter) => u128::from(quarter.year) * 8 + u128::from(quarter.quarter),
        Period::Year(year) => u128::from(year.start_year) * 8,
    };
    (table << 120) | (period << 96) | ((cohort as u128 & 0xFFFF_FFFF) << 64) | area as u128
}

#[derive(Clone, Debug, PartialEq)]
pub struct Feed {
    document: FeedDocument,
    areas: Vec<Area>,
    area_index: HashMap<String, usize>,
    rows: HashMap<RowKey, usize>,
}

/// The wards each area a reader can add up is made of, as the document publishes them: the
/// county (every ward), each district (its wards) and each place plan (its listed wards). Used by
/// the publisher's independent check and by the disclosure audit.
pub fn wards_of_areas(doc: &FeedDocument) -> HashMap<&str, Vec<&str>> {
    let mut wards_of: HashMap<&str, Vec<&str>> = HashMap::new();
    wards_of.insert(doc.geography.county.code.as_str(), doc.geography.wards.iter().map(|w| w.code.as_str()).collect());
    for ward in &doc.geography.wards {
        wards_of.entry(ward.district.as_str()).or_default().push(ward.code.as_str());
    }
    for plan in &doc.place_plans {
        wards_of.insert(plan.id.as_str(), plan.wards.iter().map(String::as_str).collect());
    }
    wards_of
}

impl Feed {
    /// Builds the indexes. Only `validate` calls this, after every rule has passed.
    pub(crate) fn new(document: FeedDocument) -> Feed {
        let geography = &document.geography;
        let mut areas = vec![Area {
            code: geography.county.code.clone(),
            name: geography.county.name.clone(),
            kind: AreaKind::County,
            district: None,
        }];
        areas.extend(geography.districts.iter().map(|d| Area {
            code: d.code.clone(),
            name: d.name.clone(),
            kind: AreaKind::District,
            district: None,
        }));
        areas.extend(geography.wards.iter().map(|w| Area {
            code: w.code.clone(),
            name: w.name.clone(),
            kind: AreaKind::Ward,
            district: Some(w.district.clone()),
        }));
        areas.extend(document.place_plans.iter().map(|p| Area {
            code: p.id.clone(),
            name: p.name.clone(),
            kind: AreaKind::PlacePlan,
            district: Some(p.district.clone()),
        }));
        let area_index: HashMap<String, usize> = areas.iter().enumerate().map(|(i, a)| (a.code.clone(), i)).collect();
        let journey = &document.journey;
        let cohorts = crate::validate::Positions::new(journey.cohorts.iter().map(|c| c.id.as_str()));
        let tables = [
            (JourneyTable::Funnel, &journey.funnel),
            (JourneyTable::Entries, &journey.entries),
            (JourneyTable::Handovers, &journey.handovers),
            (JourneyTable::Outcomes, &journey.outcomes),
        ];
        let mut rows = HashMap::with_capacity(tables.iter().map(|(_, list)| list.len()).sum());
        // Rows of one area usually follow each other (one per cohort): remember the last area.
        let mut last_area: Option<(&str, usize)> = None;
        for (table, list) in tables {
            for (i, row) in list.iter().enumerate() {
                let area = match last_area {
                    Some((code, index)) if code == row.area => Some(index),
                    _ => area_index.get(row.area.as_str()).copied(),
                };
                // Validation guarantees every row's area and cohort exist; a row that did not
                // would simply not be found.
                let (Some(area), Some(cohort)) = (area, cohorts.get(&row.cohort)) else { continue };
                last_area = Some((row.area.as_str(), area));
                rows.insert(row_key(table, row.period, area, cohort), i);
            }
        }
        Feed { document, areas, area_index, rows }
    }

    pub fn document(&self) -> &FeedDocument {
        &self.document
    }

    pub fn publication(&self) -> &Publication {
        &self.document.publication
    }

    /// Every quarter the release covers, oldest first.
    pub fn periods(&self) -> Vec<Quarter> {
        self.document.publication.periods.iter().map(|p| p.period).collect()
    }

    /// Financial years published in their own right (all four quarters covered), oldest first.
    pub fn financial_years(&self) -> Vec<FinancialYear> {
        let mut years: Vec<FinancialYear> = self
            .document
            .journey
            .funnel
            .iter()
            .filter_map(|row| match row.period {
                Period::Year(year) => Some(year),
                Period::Quarter(_) => None,
            })
            .collect();
        years.sort();
        years.dedup();
        years
    }

    pub fn latest_period(&self) -> Quarter {
        // Validation guarantees at least one period, oldest first.
        self.document.publication.periods.last().map(|p| p.period).unwrap_or(Quarter { year: 2000, quarter: 1 })
    }

    pub fn county(&self) -> &Area {
        &self.areas[0]
    }

    pub fn areas(&self) -> &[Area] {
        &self.areas
    }

    pub fn area(&self, code: &str) -> Option<&Area> {
        self.area_index.get(code).map(|&i| &self.areas[i])
    }

    pub fn cohort(&self, id: &str) -> Option<&Category> {
        self.document.journey.cohorts.iter().find(|c| c.id == id)
    }

    /// The row of a journey table for one period, area and cohort, if the release has it.
    pub fn journey_row(
        &self,
        table: JourneyTable,
        period: impl Into<Period>,
        area: &str,
        cohort: &str,
    ) -> Option<&CountRow> {
        let area = *self.area_index.get(area)?;
        let cohort = self.document.journey.cohorts.iter().position(|c| c.id == cohort)?;
        let index = *self.rows.get(&row_key(table, period.into(), area, cohort))?;
        let journey = &self.document.journey;
        let list = match table {
            JourneyTable::Funnel => &journey.funnel,
            JourneyTable::Entries => &journey.entries,
            JourneyTable::Handovers => &journey.handovers,
            JourneyTable::Outcomes => &journey.outcomes,
        };
        list.get(index)
    }
}
