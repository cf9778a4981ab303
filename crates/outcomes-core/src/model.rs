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

type RowKey = (JourneyTable, Period, String, String);

#[derive(Clone, Debug, PartialEq)]
pub struct Feed {
    document: FeedDocument,
    areas: Vec<Area>,
    area_index: HashMap<String, usize>,
    rows: HashMap<RowKey, usize>,
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
        let area_index = areas.iter().enumerate().map(|(i, a)| (a.code.clone(), i)).collect();
        let mut rows = HashMap::new();
        let journey = &document.journey;
        for (table, list) in [
            (JourneyTable::Funnel, &journey.funnel),
            (JourneyTable::Entries, &journey.entries),
            (JourneyTable::Handovers, &journey.handovers),
            (JourneyTable::Outcomes, &journey.outcomes),
        ] {
            for (i, row) in list.iter().enumerate() {
                rows.insert((table, row.period, row.area.clone(), row.cohort.clone()), i);
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
        let period = period.into();
        let index = *self.rows.get(&(table, period, area.to_owned(), cohort.to_owned()))?;
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
