//! Charts of the ward comparison page: wards ranked with their 95% intervals against a
//! benchmark, and the measure against deprivation.
//!
//! The options are written as JSON (clearer than charming's builders for stacked floating bars),
//! on top of an [`Options`] with only a tooltip, so the app-wide safety settings (canvas-drawn
//! `richText` tooltips, aria) are the same as everywhere else. The only label formatter is the
//! constant `"{b}"`; no formatter is built from feed text.

use super::{named, rows_height, Options, MISSING};
use charming::element::{Tooltip, Trigger};
use serde_json::{json, Value};

/// Name of the series of ward values (points) in the ranked chart.
pub const VALUE_SERIES: &str = "Value";
/// Name of the transparent series the interval bars stand on.
pub const INTERVAL_BASE_SERIES: &str = "interval-base";
/// Name of the series of per-ward benchmarks (when wards have different benchmarks).
pub const BENCHMARK_SERIES: &str = "Benchmark";

/// Pixels around the ranked chart's plot (the axis at the top).
pub const CHART_PADDING: usize = 70;

/// The ranked chart's height for `wards` rows: it grows with the wards, inside a scrolling box,
/// up to [`NAMED_ROWS_MAX`]; more get a compact ranking of a fixed height.
pub fn ranked_chart_height(wards: usize) -> usize {
    rows_height(wards) + CHART_PADDING
}

/// A group of wards drawn in one colour, named in words (the legend).
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    pub name: String,
    pub colour: &'static str,
    /// Drawn with a dark outline (for a pale fill that would not stand out from the page).
    pub outlined: bool,
}

/// One ward's row in the ranked chart.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartWard {
    pub name: String,
    pub value: f64,
    pub lower: f64,
    pub upper: f64,
    /// The ward's benchmark value, if published.
    pub benchmark: Option<f64>,
    /// Index into the groups.
    pub group: usize,
}

/// Values in the chart are rounded to two decimal places (the table shows one).
pub fn round2(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

/// Wards in the order given (rank order), top to bottom: each ward's interval as a floating bar
/// coloured by its group, its value as a point, and the benchmark as one dashed line when all
/// wards share it (else as a mark on each ward's row). Up to [`NAMED_ROWS_MAX`] wards each row
/// is named; more are a compact ranking: no names (the tooltip and the table have them), each
/// interval at least a pixel thick, small points.
pub fn ranked_chart(
    wards: &[ChartWard],
    groups: &[Group],
    axis_name: &str,
    benchmark_name: &str,
    narrow: bool,
) -> Value {
    let names: Vec<&str> = wards.iter().map(|w| w.name.as_str()).collect();
    let named = named(wards.len());
    // A compact ranking's rows are thinner than a pixel: each bar is drawn a pixel thick.
    let bar_width = |bar: &mut Value| {
        bar["barWidth"] = json!("60%");
        if !named {
            bar["barMinWidth"] = json!(1);
        }
    };
    let base: Vec<Value> = wards.iter().map(|w| json!(round2(w.lower))).collect();
    let mut first = json!({
        "type": "bar",
        "name": INTERVAL_BASE_SERIES,
        "stack": "interval",
        "silent": true,
        "itemStyle": { "color": "transparent" },
        "tooltip": { "show": false },
        "data": base,
    });
    bar_width(&mut first);
    let mut series = vec![first];
    for (index, group) in groups.iter().enumerate() {
        let data: Vec<Value> = wards
            .iter()
            .map(|w| if w.group == index { json!(round2(round2(w.upper) - round2(w.lower))) } else { json!(MISSING) })
            .collect();
        let mut item_style = json!({ "color": group.colour });
        // A compact ranking's bars are a pixel thick, and an outline would hide their fill: only
        // a white fill keeps its outline there, or its wards' bars would not be seen.
        if group.outlined && (named || group.colour == "#ffffff") {
            item_style["borderColor"] = json!("#505a5f");
            item_style["borderWidth"] = json!(1);
        }
        let mut bar = json!({
            "type": "bar",
            "name": group.name,
            "stack": "interval",
            "itemStyle": item_style,
            "tooltip": { "show": false },
            "data": data,
        });
        bar_width(&mut bar);
        series.push(bar);
    }
    let benchmarks: Vec<Option<f64>> = wards.iter().map(|w| w.benchmark.map(round2)).collect();
    let shared = benchmarks.first().copied().flatten().filter(|first| benchmarks.iter().all(|b| *b == Some(*first)));
    let mut values = json!({
        "type": "scatter",
        "name": VALUE_SERIES,
        "symbol": "circle",
        "symbolSize": if named { 9 } else { 3 },
        "z": 4,
        "itemStyle": if named {
            json!({ "color": "#ffffff", "borderColor": "#0b0c0c", "borderWidth": 2 })
        } else {
            json!({ "color": "#0b0c0c" })
        },
        "data": wards.iter().map(|w| json!(round2(w.value))).collect::<Vec<_>>(),
    });
    if let Some(value) = shared {
        values["markLine"] = json!({
            "silent": true,
            "symbol": "none",
            "lineStyle": { "color": "#0b0c0c", "type": "dashed", "width": 2 },
            // Not named on the canvas: along a line the full height of the wards its words ran
            // down over the bars. The key in words above the chart names it.
            "label": { "show": false },
            "data": [{ "name": benchmark_name, "xAxis": value }],
        });
    }
    series.push(values);
    if shared.is_none() {
        series.push(json!({
            "type": "scatter",
            "name": BENCHMARK_SERIES,
            "symbol": "rect",
            "symbolSize": if named { [3, 18] } else { [3, 1] },
            "z": 3,
            "itemStyle": { "color": "#0b0c0c" },
            "data": benchmarks.iter().map(|b| b.map_or(json!(MISSING), |v| json!(v))).collect::<Vec<_>>(),
        }));
    }
    let mut option = Options::new().tooltip(Tooltip::new().trigger(Trigger::Item)).finish();
    let label_width = if narrow { 90 } else { 190 };
    if let Some(object) = option.as_object_mut() {
        object.insert("color".into(), json!(groups.iter().map(|g| g.colour).collect::<Vec<_>>()));
        // No legend drawn on the canvas: the key in words sits above the chart, outside the
        // scrolling box, where it stays readable at any width and reaches screen readers.
        object.insert("grid".into(), json!({ "left": 4, "right": 24, "top": 50, "bottom": 10, "containLabel": true }));
        object.insert(
            "xAxis".into(),
            json!({ "type": "value", "position": "top", "min": 0, "name": axis_name, "nameLocation": "middle",
                    "nameGap": 24, "axisLabel": { "color": "#0b0c0c" } }),
        );
        object.insert(
            "yAxis".into(),
            json!({ "type": "category", "inverse": true, "data": names, "axisTick": { "show": false },
                    "axisLabel": { "show": named, "interval": 0, "width": label_width, "overflow": "truncate", "color": "#0b0c0c" } }),
        );
        object.insert("series".into(), Value::Array(series));
    }
    option
}

/// One ward in the scatter: its deprivation score and value.
#[derive(Clone, Debug, PartialEq)]
pub struct ScatterWard {
    pub name: String,
    pub average_decile: f64,
    pub value: f64,
}

/// Name of the scatter's series of wards.
pub const SCATTER_SERIES: &str = "Wards";
pub const MOST_DEPRIVED_SERIES: &str = "Mean of the most deprived fifth";
pub const LEAST_DEPRIVED_SERIES: &str = "Mean of the least deprived fifth";

/// One fifth's mean, drawn as a short horizontal line across the deciles its wards cover.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FifthLine {
    pub decile_from: f64,
    pub decile_to: f64,
    pub mean: f64,
}

/// The measure (vertical) against the average IMD decile (horizontal, most deprived on the
/// left), with each fifth's mean drawn as a short line across its deciles.
pub fn deprivation_scatter(wards: &[ScatterWard], axis_name: &str, fifths: Option<[FifthLine; 2]>) -> Value {
    let data: Vec<Value> =
        wards.iter().map(|w| json!({ "name": w.name, "value": [round2(w.average_decile), round2(w.value)] })).collect();
    let mut series = vec![json!({
        "type": "scatter",
        "name": SCATTER_SERIES,
        "symbol": "circle",
        "symbolSize": 9,
        "itemStyle": { "color": "#1d70b8", "opacity": 0.85 },
        "data": data,
    })];
    let mut legend = vec![SCATTER_SERIES];
    if let Some([most, least]) = fifths {
        for (name, FifthLine { decile_from: from, decile_to: to, mean }, colour, dash) in
            [(MOST_DEPRIVED_SERIES, most, "#912b88", "solid"), (LEAST_DEPRIVED_SERIES, least, "#00703c", "dashed")]
        {
            legend.push(name);
            series.push(json!({
                "type": "line",
                "name": name,
                "symbol": "none",
                "lineStyle": { "color": colour, "width": 3, "type": dash },
                "itemStyle": { "color": colour },
                "data": [[round2(from), round2(mean)], [round2(to), round2(mean)]],
            }));
        }
    }
    let mut option = Options::new().tooltip(Tooltip::new().trigger(Trigger::Item)).finish();
    if let Some(object) = option.as_object_mut() {
        object.insert(
            "legend".into(),
            json!({ "top": 0, "left": 0, "selectedMode": false, "data": legend, "textStyle": { "color": "#0b0c0c" } }),
        );
        object.insert("grid".into(), json!({ "left": 10, "right": 20, "top": 70, "bottom": 40, "containLabel": true }));
        object.insert(
            "xAxis".into(),
            json!({ "type": "value", "min": 1, "max": 10, "interval": 1, "name": "Average IMD decile (1 = most deprived)",
                    "nameLocation": "middle", "nameGap": 28, "axisLabel": { "color": "#0b0c0c" } }),
        );
        object.insert(
            "yAxis".into(),
            json!({ "type": "value", "min": 0, "name": axis_name, "nameLocation": "end", "axisLabel": { "color": "#0b0c0c" },
                    "nameTextStyle": { "color": "#0b0c0c", "align": "left" } }),
        );
        object.insert("series".into(), Value::Array(series));
    }
    option
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::{COMPACT_PLOT_HEIGHT, NAMED_ROWS_MAX, ROW_HEIGHT};

    fn groups() -> Vec<Group> {
        vec![
            Group { name: "Better".into(), colour: "#1d70b8", outlined: false },
            Group { name: "Worse".into(), colour: "#d4351c", outlined: false },
        ]
    }

    fn ward(name: &str, value: f64, lower: f64, upper: f64, benchmark: Option<f64>, group: usize) -> ChartWard {
        ChartWard { name: name.into(), value, lower, upper, benchmark, group }
    }

    #[test]
    fn intervals_stand_on_a_transparent_base_in_their_group_s_series() {
        let wards = [ward("<b>A</b>", 30.0, 25.531, 36.618, Some(20.0), 1), ward("B", 10.0, 8.0, 12.0, Some(20.0), 0)];
        let option = ranked_chart(&wards, &groups(), "Percentage", "County", false);
        let series = option["series"].as_array().unwrap();
        assert_eq!(series[0]["name"], INTERVAL_BASE_SERIES);
        assert_eq!(series[0]["data"], json!([25.53, 8.0]));
        assert_eq!(series[1]["name"], "Better");
        assert_eq!(series[1]["data"], json!([MISSING, 4.0]));
        assert_eq!(series[2]["data"], json!([11.09, MISSING]));
        assert_eq!(series[3]["name"], VALUE_SERIES);
        assert_eq!(series[3]["data"], json!([30.0, 10.0]));
        // One shared benchmark: a dashed line, no per-ward series.
        assert_eq!(series[3]["markLine"]["data"][0]["xAxis"], 20.0);
        assert_eq!(series[3]["markLine"]["label"]["show"], false, "no words over the bars");
        assert_eq!(series.len(), 4);
        // Feed text stays data: names are category labels, tooltips are drawn on the canvas.
        assert_eq!(option["yAxis"]["data"][0], "<b>A</b>");
        assert_eq!(option["tooltip"]["renderMode"], "richText");
    }

    #[test]
    fn different_benchmarks_are_marked_on_each_row() {
        let wards = [ward("A", 30.0, 25.0, 36.0, Some(20.0), 1), ward("B", 10.0, 8.0, 12.0, None, 0)];
        let option = ranked_chart(&wards, &groups(), "Percentage", "District", true);
        let series = option["series"].as_array().unwrap();
        assert!(series[3].get("markLine").is_none());
        assert_eq!(series[4]["name"], BENCHMARK_SERIES);
        assert_eq!(series[4]["data"], json!([20.0, MISSING]));
    }

    #[test]
    fn more_wards_than_can_be_named_are_a_compact_ranking_of_a_fixed_height() {
        let many = |n: usize| -> Vec<ChartWard> {
            (0..n)
                .map(|i| ward(&format!("Ward {i}"), i as f64, i as f64 - 1.0, i as f64 + 1.0, Some(5.0), i % 2))
                .collect()
        };
        // Named, a row each, up to the limit: the chart grows with them.
        let option = ranked_chart(&many(NAMED_ROWS_MAX), &groups(), "Percentage", "County", false);
        assert_eq!(option["yAxis"]["axisLabel"]["show"], true);
        assert!(option["series"][0].get("barMinWidth").is_none());
        assert_eq!(option["series"][3]["symbolSize"], 9);
        assert_eq!(ranked_chart_height(NAMED_ROWS_MAX), NAMED_ROWS_MAX * ROW_HEIGHT + CHART_PADDING);
        // Named at three device pixels to each of ours, the tallest chart fits a canvas.
        assert!(ranked_chart_height(NAMED_ROWS_MAX) * 3 <= 32_767);
        // One more, and all of England's: every ward still charted, none named, bars at least a
        // pixel thick, and the height fixed (a national ranking named row by row was 182,070
        // pixels tall, a canvas no browser draws).
        for n in [NAMED_ROWS_MAX + 1, 7_000] {
            let option = ranked_chart(&many(n), &groups(), "Percentage", "County", false);
            assert_eq!(option["yAxis"]["axisLabel"]["show"], false);
            assert_eq!(option["yAxis"]["data"].as_array().unwrap().len(), n);
            let series = option["series"].as_array().unwrap();
            for bar in &series[..3] {
                assert_eq!(bar["barMinWidth"], 1);
                assert_eq!(bar["data"].as_array().unwrap().len(), n);
            }
            assert_eq!(series[3]["name"], VALUE_SERIES);
            assert_eq!(series[3]["symbolSize"], 3);
            // A pale fill loses its outline (a pixel-thick bar would be all outline), except
            // white, which would not be seen without it.
            let pale = [
                Group { name: "Similar".into(), colour: "#ffdd00", outlined: true },
                Group { name: "Not compared".into(), colour: "#ffffff", outlined: true },
            ];
            for (compact, outlines) in [(true, [false, true]), (false, [true, true])] {
                let option = ranked_chart(&many(if compact { n } else { 2 }), &pale, "Percentage", "County", false);
                let outlined: Vec<bool> =
                    (1..=2).map(|s| option["series"][s]["itemStyle"].get("borderColor").is_some()).collect();
                assert_eq!(outlined, outlines, "compact: {compact}");
            }
            assert_eq!(ranked_chart_height(n), COMPACT_PLOT_HEIGHT + CHART_PADDING);
        }
    }

    #[test]
    fn scatter_places_wards_by_decile_and_value() {
        let wards = [ScatterWard { name: "A".into(), average_decile: 2.346, value: 12.0 }];
        let option = deprivation_scatter(
            &wards,
            "Percentage",
            Some([
                FifthLine { decile_from: 1.0, decile_to: 2.0, mean: 20.0 },
                FifthLine { decile_from: 9.0, decile_to: 10.0, mean: 5.0 },
            ]),
        );
        assert_eq!(option["series"][0]["data"][0]["value"], json!([2.35, 12.0]));
        assert_eq!(option["series"][1]["name"], MOST_DEPRIVED_SERIES);
        assert_eq!(option["series"][2]["data"], json!([[9.0, 5.0], [10.0, 5.0]]));
    }
}
