//! Charts of the place-plan pages: the progress of every plan's actions, by status.

use super::Options;
use charming::component::{Axis, Grid, Legend};
use charming::datatype::{CompositeValue, DataPoint};
use charming::element::{AxisType, Label, LabelPosition, Tooltip, Trigger};
use charming::series::Bar;
use outcomes_core::plans::{status_words, StatusCounts, STATUSES};
use outcomes_core::ActionStatus;
use serde_json::{json, Value};

/// Colours of the statuses (GOV.UK tag colours, at least 3:1 against white); the bars also
/// carry ECharts' decal patterns and labels, so colour is never the only cue.
fn status_colour(status: ActionStatus) -> &'static str {
    match status {
        ActionStatus::NotStarted => "#505a5f",
        ActionStatus::OnTrack => "#1d70b8",
        ActionStatus::AtRisk => "#d4351c",
        ActionStatus::Complete => "#00703c",
    }
}

/// Pixels around the plot of the progress chart (the legend above, the axis below).
pub const CHART_PADDING: usize = 80;

/// The progress chart's height for `plans` rows: a row each up to [`super::NAMED_ROWS_MAX`],
/// else compact.
pub fn plan_chart_height(plans: usize) -> usize {
    super::rows_height(plans) + CHART_PADDING
}

/// One horizontal bar per plan, in the order given, stacked by action status. Up to
/// [`super::NAMED_ROWS_MAX`] plans each bar is named and its counts written on it; more are
/// drawn compact: no names or counts (the tooltip and the table have them), each bar at least a
/// pixel thick.
pub fn plan_progress_chart(plans: &[(String, StatusCounts)]) -> Value {
    let named = super::named(plans.len());
    let names: Vec<String> = plans.iter().map(|(name, _)| name.clone()).collect();
    let mut chart = Options::new()
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(Legend::new().top(0))
        .color(&STATUSES.map(status_colour))
        .grid(Grid::new().left(10).right(20).top(40).bottom(30).contain_label(true))
        .x_axis(
            Axis::new()
                .type_(AxisType::Value)
                .min(0)
                .min_interval(1)
                .name("Number of actions")
                .name_location(charming::element::NameLocation::Middle)
                .name_gap(25),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Category)
                .data(names)
                .inverse(true)
                .axis_label(charming::element::AxisLabel::new().show(named)),
        );
    for status in STATUSES {
        let data: Vec<DataPoint> =
            plans.iter().map(|(_, counts)| DataPoint::Value(CompositeValue::from(counts.get(status) as i64))).collect();
        chart = chart.series(
            Bar::new()
                .name(status_words(status))
                .stack("actions")
                .label(Label::new().show(named).position(LabelPosition::Inside).color("#ffffff"))
                .data(data),
        );
    }
    let mut option = chart.finish();
    // Patterns as well as colours, where a bar is thick enough to carry one.
    option["aria"]["decal"] = json!({ "show": named });
    if !named {
        option["yAxis"]["axisTick"] = json!({ "show": false });
    }
    // A status with no actions draws no bar; its "0" label would sit on the neighbour's edge.
    if let Some(series) = option["series"].as_array_mut() {
        if !named {
            // Rows thinner than a pixel: each bar drawn a pixel thick.
            for bar in series.iter_mut() {
                bar["barMinWidth"] = json!(1);
            }
        }
        for data in series.iter_mut().filter_map(|s| s["data"].as_array_mut()) {
            for item in data.iter_mut().filter(|item| **item == json!(0)) {
                *item = json!({ "value": 0, "label": { "show": false } });
            }
        }
    }
    option
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stacks_statuses_in_order_for_each_plan() {
        let plans = vec![
            ("Wisbech".to_owned(), StatusCounts { not_started: 1, on_track: 2, at_risk: 0, complete: 3 }),
            ("March".to_owned(), StatusCounts { not_started: 0, on_track: 1, at_risk: 2, complete: 0 }),
        ];
        let option = plan_progress_chart(&plans);
        assert_eq!(option["yAxis"]["data"], json!(["Wisbech", "March"]));
        let names: Vec<&str> =
            option["series"].as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
        assert_eq!(names, ["Not started", "On track", "At risk", "Complete"]);
        assert_eq!(option["series"][2]["data"], json!([{ "value": 0, "label": { "show": false } }, 2]));
        assert_eq!(option["aria"]["decal"]["show"], true);
        assert_eq!(option["yAxis"]["axisLabel"]["show"], true);
        assert_eq!(option["series"][0]["label"]["show"], true);
        assert!(option["series"][0].get("barMinWidth").is_none());
        assert_eq!(plan_chart_height(2), 2 * crate::charts::ROW_HEIGHT + CHART_PADDING);
    }

    #[test]
    fn more_plans_than_can_be_named_are_drawn_compact_at_a_fixed_height() {
        let counts = StatusCounts { not_started: 1, on_track: 2, at_risk: 0, complete: 3 };
        let plans: Vec<(String, StatusCounts)> =
            (0..crate::charts::NAMED_ROWS_MAX + 1).map(|i| (format!("Plan {i}"), counts)).collect();
        let option = plan_progress_chart(&plans);
        assert_eq!(option["yAxis"]["axisLabel"]["show"], false);
        assert_eq!(option["yAxis"]["axisTick"]["show"], false);
        assert_eq!(option["aria"]["decal"]["show"], false, "no pattern fits a bar a pixel thick");
        assert_eq!(option["yAxis"]["data"].as_array().unwrap().len(), plans.len());
        for series in option["series"].as_array().unwrap() {
            assert_eq!(series["label"]["show"], false);
            assert_eq!(series["barMinWidth"], 1);
            assert_eq!(series["data"].as_array().unwrap().len(), plans.len());
        }
        assert_eq!(plan_chart_height(plans.len()), crate::charts::COMPACT_PLOT_HEIGHT + CHART_PADDING);
        assert_eq!(plan_chart_height(455), plan_chart_height(plans.len()));
    }
}
