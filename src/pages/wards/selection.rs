//! What `/wards` shows, read from the query string (the single source of truth for the view):
//!
//! `/wards?measure=out-of-work-benefits&period=2026-Q2&within=E07000010&benchmark=county&colour=significance&ward=E05…`
//!
//! - `measure`: an id from the feed's `measures.catalogue` (default: the first);
//! - `period`: a quarter of the release (default: the latest);
//! - `within`: `all` (every ward), a district's code, or a place plan's id: the wards compared;
//! - `benchmark`: `county` (default) or `district` (each ward's own district);
//! - `colour`: `significance` (default) or `deprivation`;
//! - `ward`: a ward's code, to open that ward's profile.
//!
//! Anything missing takes its default; anything present but unknown is a problem reported in
//! words, never replaced by a different view.

use crate::filters::Benchmark;
use crate::filters::{clip, encode};
use leptos_router::params::ParamsMap;
use outcomes_core::{AreaKind, Feed, Measure, Quarter, Ward};

/// Which wards are compared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WardSet {
    All,
    District(String),
    PlacePlan(String),
}

/// What the colours of the ranked chart show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Colouring {
    Significance,
    Deprivation,
}

impl Colouring {
    /// As written in the query string.
    pub fn as_str(self) -> &'static str {
        match self {
            Colouring::Significance => "significance",
            Colouring::Deprivation => "deprivation",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WardsSelection {
    pub measure: String,
    pub period: Quarter,
    pub within: WardSet,
    pub benchmark: Benchmark,
    pub colour: Colouring,
    /// A ward whose profile is open.
    pub ward: Option<String>,
}

impl WardsSelection {
    /// The first measure, the latest quarter, every ward against the whole area, coloured by
    /// significance. `None` when the release has no measures at all.
    pub fn default_for(feed: &Feed) -> Option<WardsSelection> {
        let measure = feed.document().measures.catalogue.first()?;
        Some(WardsSelection {
            measure: measure.id.clone(),
            period: feed.latest_period(),
            within: WardSet::All,
            benchmark: Benchmark::County,
            colour: Colouring::Significance,
            ward: None,
        })
    }

    pub fn from_query(query: &ParamsMap, feed: &Feed) -> Result<WardsSelection, Vec<String>> {
        WardsSelection::from_lookup(|key| query.get(key), feed)
    }

    /// `from_query` over any key lookup (natively testable: `ParamsMap::get` decodes through
    /// the browser's `decodeURIComponent`).
    pub fn from_lookup(query: impl Fn(&str) -> Option<String>, feed: &Feed) -> Result<WardsSelection, Vec<String>> {
        let Some(mut selection) = WardsSelection::default_for(feed) else {
            return Err(vec!["This release publishes no ward measures, so there is nothing to compare.".into()]);
        };
        let mut problems = Vec::new();
        if let Some(measure) = query("measure") {
            if feed.document().measures.catalogue.iter().any(|m| m.id == measure) {
                selection.measure = measure;
            } else {
                problems.push(format!("There is no measure called “{}” in this release.", clip(&measure)));
            }
        }
        if let Some(period) = query("period") {
            match period.parse::<Quarter>() {
                Ok(quarter) if feed.periods().contains(&quarter) => selection.period = quarter,
                Ok(quarter) => problems.push(format!(
                    "This release has no figures for {quarter}. It covers {} to {}.",
                    feed.periods().first().map(ToString::to_string).unwrap_or_default(),
                    feed.latest_period()
                )),
                Err(_) => problems.push(format!("“{}” is not a period. Periods look like 2025-Q3.", clip(&period))),
            }
        }
        if let Some(within) = query("within") {
            match (within.as_str(), feed.area(&within).map(|a| a.kind)) {
                ("all", _) | (_, Some(AreaKind::County)) => selection.within = WardSet::All,
                (_, Some(AreaKind::District)) => selection.within = WardSet::District(within),
                (_, Some(AreaKind::PlacePlan)) => selection.within = WardSet::PlacePlan(within),
                (_, Some(AreaKind::Ward)) => problems.push(format!(
                    "“{}” is a single ward. Choose all wards, a district or a place plan to compare wards in.",
                    clip(&within)
                )),
                (_, None) => {
                    problems.push(format!("There is no district or place plan “{}” in this release.", clip(&within)))
                }
            }
        }
        match query("benchmark").as_deref() {
            None | Some("county") => {}
            Some("district") => selection.benchmark = Benchmark::District,
            Some(other) => problems.push(format!("“{}” is not a benchmark. Choose county or district.", clip(other))),
        }
        match query("colour").as_deref() {
            None | Some("significance") => {}
            Some("deprivation") => selection.colour = Colouring::Deprivation,
            Some(other) => {
                problems.push(format!("“{}” is not a colouring. Choose significance or deprivation.", clip(other)))
            }
        }
        if let Some(ward) = query("ward") {
            match feed.area(&ward).map(|a| a.kind) {
                Some(AreaKind::Ward) => selection.ward = Some(ward),
                _ => problems.push(format!("There is no ward with the code “{}” in this release.", clip(&ward))),
            }
        }
        if problems.is_empty() {
            Ok(selection)
        } else {
            Err(problems)
        }
    }

    /// The query string that reopens exactly this view.
    pub fn to_query(&self) -> String {
        let within = encode(self.within_code());
        let (benchmark, colour) = (self.benchmark.as_str(), self.colour.as_str());
        let mut query = format!(
            "measure={}&period={}&within={within}&benchmark={benchmark}&colour={colour}",
            encode(&self.measure),
            self.period
        );
        if let Some(ward) = &self.ward {
            query.push_str(&format!("&ward={}", encode(ward)));
        }
        query
    }

    /// The code of the wards compared, as the query string and the form's list name it: "all",
    /// or a district's or a place plan's code.
    pub fn within_code(&self) -> &str {
        match &self.within {
            WardSet::All => "all",
            WardSet::District(code) | WardSet::PlacePlan(code) => code,
        }
    }

    /// `/wards?…` for this selection.
    pub fn href(&self) -> String {
        format!("/wards?{}", self.to_query())
    }

    /// The same view with another set of wards (and no ward open).
    pub fn within(&self, within: WardSet) -> WardsSelection {
        WardsSelection { within, ward: None, ..self.clone() }
    }

    /// The same view with a ward's profile open.
    pub fn with_ward(&self, ward: &str) -> WardsSelection {
        WardsSelection { ward: Some(ward.to_owned()), ..self.clone() }
    }

    /// The comparison this profile was opened from.
    pub fn without_ward(&self) -> WardsSelection {
        WardsSelection { ward: None, ..self.clone() }
    }

    pub fn measure<'a>(&self, feed: &'a Feed) -> Option<&'a Measure> {
        feed.document().measures.catalogue.iter().find(|m| m.id == self.measure)
    }

    /// The wards compared, in the feed's order.
    pub fn wards<'a>(&self, feed: &'a Feed) -> Vec<&'a Ward> {
        let wards = &feed.document().geography.wards;
        match &self.within {
            WardSet::All => wards.iter().collect(),
            WardSet::District(code) => wards.iter().filter(|w| &w.district == code).collect(),
            WardSet::PlacePlan(id) => {
                let plan = feed.document().place_plans.iter().find(|p| &p.id == id);
                let codes: Vec<&String> = plan.map(|p| p.wards.iter().collect()).unwrap_or_default();
                wards.iter().filter(|w| codes.contains(&&w.code)).collect()
            }
        }
    }

    /// Words for the wards compared: "all wards", "wards in Fenland", "wards in the Wisbech place plan".
    pub fn within_words(&self, feed: &Feed) -> String {
        match &self.within {
            WardSet::All => format!("all wards in {}", feed.county().name),
            WardSet::District(code) | WardSet::PlacePlan(code) => {
                format!("wards in {}", feed.area(code).map(|a| a.name.as_str()).unwrap_or(code))
            }
        }
    }

    /// The code of the area a ward is compared with: the county, or the ward's district.
    pub fn benchmark_code<'a>(&self, feed: &'a Feed, ward: &'a Ward) -> &'a str {
        match self.benchmark {
            Benchmark::County => &feed.county().code,
            Benchmark::District => &ward.district,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use outcomes_core::demo::{demo_feed, DemoOptions};
    use std::collections::HashMap;

    fn feed() -> Feed {
        let document = demo_feed(&DemoOptions { quarters: 2, ..DemoOptions::default() });
        let bytes = serde_json::to_vec(&document).unwrap();
        outcomes_core::validate(&bytes).unwrap()
    }

    fn query(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    /// Splits a query string (the values written by `to_query` need no decoding here).
    fn parse(query_string: &str) -> HashMap<String, String> {
        query(&query_string.split('&').filter_map(|pair| pair.split_once('=')).collect::<Vec<_>>())
    }

    fn from(map: &HashMap<String, String>, feed: &Feed) -> Result<WardsSelection, Vec<String>> {
        WardsSelection::from_lookup(|key| map.get(key).cloned(), feed)
    }

    #[test]
    fn defaults_and_round_trip() {
        let feed = feed();
        let default = from(&HashMap::new(), &feed).unwrap();
        assert_eq!(default.within, WardSet::All);
        assert_eq!(default.benchmark, Benchmark::County);
        assert_eq!(default.period, feed.latest_period());
        let ward = feed.document().geography.wards[3].code.clone();
        let plan = feed.document().place_plans[0].id.clone();
        for selection in [
            default.clone(),
            WardsSelection {
                measure: feed.document().measures.catalogue[2].id.clone(),
                within: WardSet::District("E07000010".into()),
                benchmark: Benchmark::District,
                colour: Colouring::Deprivation,
                ward: Some(ward),
                ..default.clone()
            },
            default.within(WardSet::PlacePlan(plan)),
        ] {
            let reopened = from(&parse(&selection.to_query()), &feed).unwrap();
            assert_eq!(reopened, selection);
        }
    }

    #[test]
    fn unknown_values_are_reported_not_replaced() {
        let feed = feed();
        let ward = feed.document().geography.wards[0].code.clone();
        let problems = from(
            &query(&[
                ("measure", "nope"),
                ("period", "1999-Q1"),
                ("within", &ward),
                ("benchmark", "region"),
                ("colour", "red"),
                ("ward", "E01900001"),
            ]),
            &feed,
        )
        .unwrap_err();
        assert_eq!(problems.len(), 6, "{problems:?}");
        assert!(problems[0].contains("no measure called “nope”"));
        assert!(problems[2].contains("single ward"));
    }

    #[test]
    fn wards_of_a_district_or_plan() {
        let feed = feed();
        let default = WardsSelection::default_for(&feed).unwrap();
        assert_eq!(default.wards(&feed).len(), feed.document().geography.wards.len());
        let fenland = default.within(WardSet::District("E07000010".into()));
        assert!(fenland.wards(&feed).iter().all(|w| w.district == "E07000010"));
        let plan = &feed.document().place_plans[1];
        let in_plan = default.within(WardSet::PlacePlan(plan.id.clone()));
        let codes: Vec<String> = in_plan.wards(&feed).iter().map(|w| w.code.clone()).collect();
        assert_eq!(codes.len(), plan.wards.len());
        assert!(codes.iter().all(|c| plan.wards.contains(c)));
    }

    /// What `/wards` loads beyond the summary: one district's file for a ward; for a district or a
    /// plan (the plan's district), its file unless the measure's is held; the measure's file for
    /// all wards; nothing for a link with a problem.
    #[test]
    fn figures_a_selection_needs() {
        use crate::components::feed_boundary::Figures;
        use crate::pages::wards::figures_for;
        let feed = feed();
        let document = feed.document();
        let default = WardsSelection::default_for(&feed).unwrap();
        assert_eq!(figures_for(&Ok(default.clone()), &feed), Figures::Measure(default.measure.clone()));
        let fenland = default.within(WardSet::District("E07000010".into()));
        let measure = default.measure.clone();
        assert_eq!(
            figures_for(&Ok(fenland), &feed),
            Figures::WardsOf { district: "E07000010".into(), measure: measure.clone() }
        );
        let plan = &document.place_plans[1];
        let in_plan = default.within(WardSet::PlacePlan(plan.id.clone()));
        assert_eq!(figures_for(&Ok(in_plan), &feed), Figures::WardsOf { district: plan.district.clone(), measure });
        let ward = &document.geography.wards[3];
        let profile = WardsSelection { ward: Some(ward.code.clone()), ..default.clone() };
        assert_eq!(figures_for(&Ok(profile), &feed), Figures::District(ward.district.clone()));
        assert_eq!(figures_for(&Err(vec!["no such measure".into()]), &feed), Figures::Summary);
    }
}
