//! Place plans: the progress of their actions (counts by status, overdue against the release
//! date, newly at risk), and an area's measures against a benchmark with 95% intervals
//! (Wilson for percentages, Byar / exact Poisson for rates per 1,000; see `stats`).

use crate::contract::round_to;
use crate::funnel::Derived;
use crate::stats::Significance;
use crate::wards::{estimate, significance, Estimate};
use crate::{
    ActionStatus, Date, Feed, Measure, MeasureUnit, MeasureValue, PartnerType, PlacePlan, PlanAction, Quarter,
};
use std::collections::HashMap;

/// The statuses in the order a reader expects them.
pub const STATUSES: [ActionStatus; 4] =
    [ActionStatus::NotStarted, ActionStatus::OnTrack, ActionStatus::AtRisk, ActionStatus::Complete];

/// "Not started", "On track", "At risk", "Complete".
pub fn status_words(status: ActionStatus) -> &'static str {
    match status {
        ActionStatus::NotStarted => "Not started",
        ActionStatus::OnTrack => "On track",
        ActionStatus::AtRisk => "At risk",
        ActionStatus::Complete => "Complete",
    }
}

/// The status as written in the feed and in the query string: "not_started", "at_risk"...
pub fn status_id(status: ActionStatus) -> &'static str {
    match status {
        ActionStatus::NotStarted => "not_started",
        ActionStatus::OnTrack => "on_track",
        ActionStatus::AtRisk => "at_risk",
        ActionStatus::Complete => "complete",
    }
}

pub fn status_from_id(id: &str) -> Option<ActionStatus> {
    STATUSES.into_iter().find(|&status| status_id(status) == id)
}

/// The kind of lead partner in words.
pub fn partner_words(partner: PartnerType) -> &'static str {
    match partner {
        PartnerType::Council => "Council",
        PartnerType::Health => "Health",
        PartnerType::Police => "Police",
        PartnerType::Vcs => "Voluntary and community sector",
        PartnerType::Housing => "Housing provider",
        PartnerType::Dwp => "Department for Work and Pensions",
        PartnerType::Education => "Education",
        PartnerType::Community => "Community",
    }
}

/// How many of a plan's actions are at each status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StatusCounts {
    pub not_started: usize,
    pub on_track: usize,
    pub at_risk: usize,
    pub complete: usize,
}

impl StatusCounts {
    pub fn of(actions: &[PlanAction]) -> StatusCounts {
        let mut counts = StatusCounts::default();
        for action in actions {
            *counts.slot(action.status) += 1;
        }
        counts
    }

    pub fn get(&self, status: ActionStatus) -> usize {
        match status {
            ActionStatus::NotStarted => self.not_started,
            ActionStatus::OnTrack => self.on_track,
            ActionStatus::AtRisk => self.at_risk,
            ActionStatus::Complete => self.complete,
        }
    }

    fn slot(&mut self, status: ActionStatus) -> &mut usize {
        match status {
            ActionStatus::NotStarted => &mut self.not_started,
            ActionStatus::OnTrack => &mut self.on_track,
            ActionStatus::AtRisk => &mut self.at_risk,
            ActionStatus::Complete => &mut self.complete,
        }
    }
}

/// An action is overdue when its due date is before the release date and it is not complete.
pub fn is_overdue(action: &PlanAction, release_date: Date) -> bool {
    action.due_date < release_date && action.status != ActionStatus::Complete
}

/// Whether an action became at risk since the previous release: `None` when the feed does not
/// say what its status was then.
pub fn is_newly_at_risk(action: &PlanAction) -> Option<bool> {
    let previous = action.previous_status?;
    Some(action.status == ActionStatus::AtRisk && previous != ActionStatus::AtRisk)
}

/// The plan's headline measure: the first of its measures.
pub fn headline_measure<'a>(feed: &'a Feed, plan: &PlacePlan) -> Option<&'a Measure> {
    let id = plan.measures.first()?;
    feed.document().measures.catalogue.iter().find(|m| &m.id == id)
}

// ---------------------------------------------------------------------------------------------
// Measures of an area

/// Measure values looked up by (measure, period, area), built once per page.
pub struct MeasureIndex<'a> {
    values: HashMap<(&'a str, Quarter, &'a str), &'a MeasureValue>,
}

impl<'a> MeasureIndex<'a> {
    pub fn new(feed: &'a Feed) -> MeasureIndex<'a> {
        let values = feed
            .document()
            .measures
            .values
            .iter()
            .map(|v| ((v.measure.as_str(), v.period, v.area.as_str()), v))
            .collect();
        MeasureIndex { values }
    }

    pub fn get(&self, measure: &str, period: Quarter, area: &str) -> Option<&'a MeasureValue> {
        self.values.get(&(measure, period, area)).copied()
    }

    /// The figure for a measure, period and area: `None` when not published ([x]).
    pub fn figure(&self, measure: &Measure, period: Quarter, area: &str) -> Option<Figure> {
        self.get(&measure.id, period, area).map(|value| Figure::of(measure.unit, value))
    }
}

/// A measure's value for one area and period, in the unit it is shown in (a percentage from 0
/// to 100, or a rate per 1,000), with its 95% interval: the ward comparisons' own
/// [`crate::wards::estimate`], so a ward shows the same figure on every page.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Figure {
    pub unit: MeasureUnit,
    pub estimate: Derived<Estimate>,
}

impl Figure {
    pub fn of(unit: MeasureUnit, value: &MeasureValue) -> Figure {
        Figure { unit, estimate: estimate(unit, value.numerator, value.denominator) }
    }

    /// The value rounded as shown (one decimal place), for comparisons between periods.
    pub fn shown_value(&self) -> Option<f64> {
        self.estimate.value().map(|e| round_to(e.value, 1))
    }

    /// "12.3%", "4.5 per 1,000", "[c]" or "[z]".
    pub fn value_text(&self) -> String {
        match self.estimate {
            Derived::Value(e) => self.with_unit(e.value),
            other => other.symbol().to_owned(),
        }
    }

    /// "11.2% to 13.4%", "3.9 to 5.2 per 1,000", "[c]" or "[z]".
    pub fn interval_text(&self) -> String {
        match self.estimate {
            Derived::Value(Estimate { interval: i, .. }) => match self.unit {
                MeasureUnit::Percentage => format!("{:.1}% to {:.1}%", round_to(i.lower, 1), round_to(i.upper, 1)),
                MeasureUnit::RatePer1000 => {
                    format!("{:.1} to {:.1} per 1,000", round_to(i.lower, 1), round_to(i.upper, 1))
                }
            },
            other => other.symbol().to_owned(),
        }
    }

    fn with_unit(&self, value: f64) -> String {
        match self.unit {
            MeasureUnit::Percentage => format!("{:.1}%", round_to(value, 1)),
            MeasureUnit::RatePer1000 => format!("{:.1} per 1,000", round_to(value, 1)),
        }
    }

    /// The area against a benchmark's value, read through the measure's polarity: better,
    /// similar, worse, or not compared when either figure is missing or withheld.
    pub fn against(&self, benchmark: Option<&Figure>, measure: &Measure) -> Significance {
        let benchmark = benchmark.map_or(Derived::NotApplicable, |b| b.estimate);
        significance(self.estimate, benchmark, measure.polarity)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Count, Polarity};

    fn action(status: ActionStatus, due: &str, previous: Option<ActionStatus>) -> PlanAction {
        PlanAction {
            id: "a".into(),
            title: "t".into(),
            lead_partner_type: PartnerType::Vcs,
            due_date: due.parse().unwrap(),
            status,
            previous_status: previous,
        }
    }

    #[test]
    fn counts_statuses_and_finds_overdue_and_newly_at_risk_actions() {
        let release: Date = "2026-11-12".parse().unwrap();
        let actions = [
            action(ActionStatus::Complete, "2025-02-05", Some(ActionStatus::Complete)),
            action(ActionStatus::AtRisk, "2025-05-27", Some(ActionStatus::OnTrack)),
            action(ActionStatus::AtRisk, "2026-11-12", Some(ActionStatus::AtRisk)),
            action(ActionStatus::OnTrack, "2027-01-28", None),
        ];
        let counts = StatusCounts::of(&actions);
        assert_eq!((counts.not_started, counts.on_track, counts.at_risk, counts.complete), (0, 1, 2, 1));
        // Due before the release date and not complete: overdue. Due on the release date: not yet.
        let overdue: Vec<bool> = actions.iter().map(|a| is_overdue(a, release)).collect();
        assert_eq!(overdue, [false, true, false, false]);
        let newly: Vec<Option<bool>> = actions.iter().map(is_newly_at_risk).collect();
        assert_eq!(newly, [Some(false), Some(true), Some(false), None]);
        assert_eq!(status_from_id("at_risk"), Some(ActionStatus::AtRisk));
        assert_eq!(status_from_id("late"), None);
    }

    fn measure(unit: MeasureUnit, polarity: Polarity) -> Measure {
        Measure {
            id: "m".into(),
            title: "M".into(),
            definition: "d".into(),
            numerator: "n".into(),
            denominator: "d".into(),
            unit,
            polarity,
            source: "s".into(),
        }
    }

    fn value(numerator: Count, denominator: Count) -> MeasureValue {
        MeasureValue {
            measure: "m".into(),
            period: "2026-Q2".parse().unwrap(),
            area: "E05900001".into(),
            numerator,
            denominator,
        }
    }

    /// Worked example: 81 of 263 (30.8%, Wilson 25.5% to 36.6%, Newcombe 1998) against a county
    /// value of 20%: the interval lies above it. Higher is better: better; lower is better: worse.
    #[test]
    fn a_percentage_against_the_county() {
        let m = measure(MeasureUnit::Percentage, Polarity::LowerIsBetter);
        let ward = Figure::of(m.unit, &value(Count::Value(81), Count::Value(263)));
        assert_eq!(ward.value_text(), "30.8%");
        assert_eq!(ward.interval_text(), "25.5% to 36.6%");
        let county = Figure::of(m.unit, &value(Count::Value(2000), Count::Value(10000)));
        assert_eq!(ward.against(Some(&county), &m), Significance::Worse);
        let higher = measure(MeasureUnit::Percentage, Polarity::HigherIsBetter);
        assert_eq!(ward.against(Some(&county), &higher), Significance::Better);
        let similar = Figure::of(m.unit, &value(Count::Value(3000), Count::Value(10000)));
        assert_eq!(ward.against(Some(&similar), &m), Significance::Similar);
        assert_eq!(ward.shown_value(), Some(30.8));
    }

    /// Rates: 100 events in 50,000 people is 2.0 per 1,000, Byar interval 1.6 to 2.4 (APHO TB3:
    /// exact limits for 100 are 81.36 to 121.63).
    #[test]
    fn a_rate_per_thousand() {
        let m = measure(MeasureUnit::RatePer1000, Polarity::LowerIsBetter);
        let ward = Figure::of(m.unit, &value(Count::Value(100), Count::Value(50_000)));
        assert_eq!(ward.value_text(), "2.0 per 1,000");
        assert_eq!(ward.interval_text(), "1.6 to 2.4 per 1,000");
    }

    #[test]
    fn withheld_or_empty_figures_are_not_compared() {
        let m = measure(MeasureUnit::Percentage, Polarity::LowerIsBetter);
        let suppressed = Figure::of(m.unit, &value(Count::Suppressed, Count::Value(100)));
        assert_eq!(suppressed.value_text(), "[c]");
        let empty = Figure::of(m.unit, &value(Count::Value(0), Count::Value(0)));
        assert_eq!(empty.value_text(), "[z]");
        let county = Figure::of(m.unit, &value(Count::Value(20), Count::Value(100)));
        assert_eq!(suppressed.against(Some(&county), &m), Significance::NotCompared);
        assert_eq!(county.against(None, &m), Significance::NotCompared);
        assert_eq!(county.against(Some(&suppressed), &m), Significance::NotCompared);
    }
}
