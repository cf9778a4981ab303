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

/// One horizontal bar per plan, in the order given, stacked by action status.
pub fn plan_progress_chart(plans: &[(String, StatusCounts)]) -> Value {
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
        .y_axis(Axis::new().type_(AxisType::Category).data(names).inverse(true));
    for status in STATUSES {
        let data: Vec<DataPoint> =
            plans.iter().map(|(_, counts)| DataPoint::Value(CompositeValue::from(counts.get(status) as i64))).collect();
        chart = chart.series(
            Bar::new()
                .name(status_words(status))
                .stack("actions")
                .label(Label::new().show(true).position(LabelPosition::Inside).color("#ffffff"))
                .data(data),
        );
    }
    let mut option = chart.finish();
    option["aria"]["decal"] = json!({ "show": true });
    // A status with no actions draws no bar; its "0" label would sit on the neighbour's edge.
    if let Some(series) = option["series"].as_array_mut() {
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
    }
}
