//! Charts of the life-journey page (also used by the place-plan pages).

use super::{count_point, label_counts, point, point_missing, Options, MISSING, PALETTE};
use charming::component::{Axis, Grid, Legend, Title};
use charming::datatype::{DataPoint, DataPointItem};
use charming::element::{AxisType, ItemStyle, Label, LabelPosition, Orient, Sort, Symbol, Tooltip, Trigger};
use charming::series::{Bar, Funnel, Line, Sankey, SankeyLink, SankeyNode, Scatter};
use outcomes_core::compare::{StageComparison, TrendPoint};
use outcomes_core::funnel::{Derived, FunnelStep};
use outcomes_core::Count;
use serde_json::{json, Value};

/// The life-journey funnel: one item per stage, in journey order (never re-sorted by value).
/// A suppressed stage is drawn as missing (`"-"`) and named with `[c]`, never as zero.
pub fn funnel_chart(title: &str, steps: &[FunnelStep]) -> Value {
    let data: Vec<DataPointItem> = steps
        .iter()
        .map(|step| match step.count {
            Count::Value(value) => DataPointItem::new(i64::from(value)).name(step.stage_name.clone()),
            Count::Suppressed => DataPointItem::new(MISSING).name(format!("{} [c]", step.stage_name)),
        })
        .collect();
    let chart = Options::new()
        .title(Title::new().text(title).left("center").show(false))
        .tooltip(Tooltip::new().trigger(Trigger::Item))
        .color(&PALETTE)
        .series(
            Funnel::new()
                .name("People reaching each stage")
                .sort(Sort::None)
                .orient(Orient::Vertical)
                .left("5%")
                .width("60%")
                .top(10)
                .bottom(10)
                .gap(2.0)
                .min_size("8%")
                .label(
                    Label::new()
                        .show(true)
                        .position(charming::element::LabelPosition::Right)
                        .formatter("{b}: {c}")
                        .color("#0b0c0c"),
                )
                .data(data),
        );
    let mut option = chart.finish();
    // charming 0.6 writes `Sort::None` as null, which ECharts reads as its default (descending):
    // the funnel must keep journey order, so say "none" explicitly.
    option["series"][0]["sort"] = json!("none");
    label_counts(&mut option["series"][0], steps.iter().map(|step| step.count), "{b}: ");
    option
}

/// Conversions against a benchmark: the area's 95% interval as a floating bar, its value as a
/// point and the benchmark as a diamond, one row per stage. Stages not compared are gaps.
pub fn comparison_chart(area_name: &str, benchmark_name: &str, comparisons: &[StageComparison]) -> Value {
    let stages: Vec<String> = comparisons.iter().map(|c| c.stage_name.clone()).collect();
    let percent = |value: f64| (value * 1000.0).round() / 10.0;
    let area = |pick: fn(f64, outcomes_core::stats::Interval) -> f64| -> Vec<DataPoint> {
        comparisons
            .iter()
            .map(|c| match c.area {
                Derived::Value((value, interval)) => point(percent(pick(value, interval))),
                _ => point_missing(),
            })
            .collect()
    };
    let interval_width: Vec<DataPoint> = comparisons
        .iter()
        .map(|c| match c.area {
            Derived::Value((_, interval)) => point(percent(interval.upper) - percent(interval.lower)),
            _ => point_missing(),
        })
        .collect();
    let benchmark: Vec<DataPoint> = comparisons
        .iter()
        .map(|c| match c.benchmark {
            Derived::Value((value, _)) => point(percent(value)),
            _ => point_missing(),
        })
        .collect();
    let interval_name = "95% confidence interval";
    let chart = Options::new()
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(
            Legend::new().data(vec![interval_name.to_owned(), area_name.to_owned(), benchmark_name.to_owned()]).top(0),
        )
        .grid(Grid::new().left(10).right(30).top(40).bottom(30).contain_label(true))
        .x_axis(
            Axis::new()
                .type_(AxisType::Value)
                .min(0)
                .max(100)
                .name("Conversion from previous stage (%)")
                .name_location(charming::element::NameLocation::Middle)
                .name_gap(25),
        )
        .y_axis(Axis::new().type_(AxisType::Category).data(stages).inverse(true))
        .series(
            Bar::new()
                .name("interval-base")
                .stack("interval")
                .item_style(ItemStyle::new().color("transparent"))
                .data(area(|_, i| i.lower)),
        )
        .series(
            Bar::new()
                .name(interval_name)
                .stack("interval")
                .item_style(ItemStyle::new().color("#9fc1e2"))
                .bar_width("40%")
                .data(interval_width),
        )
        .series(
            Scatter::new()
                .name(area_name)
                .symbol(Symbol::Circle)
                .symbol_size(12)
                .item_style(ItemStyle::new().color("#1d70b8"))
                .data(area(|v, _| v)),
        )
        .series(
            Scatter::new()
                .name(benchmark_name)
                .symbol(Symbol::Diamond)
                .symbol_size(14)
                .item_style(ItemStyle::new().color("#0b0c0c"))
                .data(benchmark),
        );
    let mut option = chart.finish();
    // The interval bars are drawing aids: the tooltip shows the values, the table the bounds.
    for index in 0..2 {
        option["series"][index]["tooltip"] = json!({ "show": false });
    }
    option
}

/// People identified (bars, left axis) and end-to-end conversion (line, right axis) by period.
pub fn trend_chart(points: &[TrendPoint]) -> Value {
    let periods: Vec<String> = points.iter().map(|p| p.period.to_string()).collect();
    let identified: Vec<DataPoint> = points.iter().map(|p| count_point(p.identified)).collect();
    let conversion: Vec<DataPoint> = points
        .iter()
        .map(|p| match p.end_to_end {
            Derived::Value(v) => point((v * 1000.0).round() / 10.0),
            _ => point_missing(),
        })
        .collect();
    let chart = Options::new()
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(Legend::new().top(0))
        .color(&[PALETTE[0], "#0b0c0c"])
        .grid(Grid::new().left(10).right(10).top(40).bottom(10).contain_label(true))
        .x_axis(Axis::new().type_(AxisType::Category).data(periods))
        .y_axis(Axis::new().type_(AxisType::Value).name("People identified").min(0))
        .y_axis(Axis::new().type_(AxisType::Value).name("Conversion (%)").min(0).max(100))
        .series(Bar::new().name("People identified").data(identified))
        .series(
            Line::new()
                .name("End-to-end conversion (%)")
                .y_axis_index(1)
                .symbol(Symbol::Circle)
                .symbol_size(8)
                .data(conversion),
        );
    chart.finish()
}

/// Front doors into the journey and hand-overs out of it, as a Sankey diagram through one
/// middle node. Suppressed and zero flows are left out of the drawing (the tables keep them).
pub fn flows_chart(middle: &str, entries: &[(String, Count)], handovers: &[(String, Count)]) -> Value {
    let entry_names: Vec<String> = entries.iter().map(|(name, _)| name.clone()).collect();
    // Node names must be unique: a service with the same name as a front door is suffixed.
    let service_name = |name: &str| {
        if entry_names.iter().any(|entry| entry == name) || name == middle {
            format!("{name} (hand-over)")
        } else {
            name.to_owned()
        }
    };
    let mut nodes = vec![SankeyNode::new(middle)];
    let mut links = Vec::new();
    for (name, count) in entries {
        if let Count::Value(value @ 1..) = count {
            nodes.push(SankeyNode::new(name.as_str()));
            links.push(SankeyLink::from((name.clone(), middle.to_owned(), f64::from(*value))));
        }
    }
    for (name, count) in handovers {
        if let Count::Value(value @ 1..) = count {
            let node = service_name(name);
            nodes.push(SankeyNode::new(node.as_str()));
            links.push(SankeyLink::from((middle.to_owned(), node, f64::from(*value))));
        }
    }
    let chart = Options::new().tooltip(Tooltip::new().trigger(Trigger::Item)).color(&PALETTE).series(
        Sankey::new()
            .left(10)
            .right(160)
            .top(10)
            .bottom(10)
            .label(Label::new().color("#0b0c0c"))
            .data(nodes)
            .links(links),
    );
    chart.finish()
}

/// Outcomes achieved by domain of need, as horizontal bars in the feed's domain order.
pub fn domains_chart(domains: &[(String, Count)]) -> Value {
    let names: Vec<String> = domains.iter().map(|(name, _)| name.clone()).collect();
    let values: Vec<DataPoint> = domains.iter().map(|(_, count)| count_point(*count)).collect();
    let chart = Options::new()
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .color(&[PALETTE[1]])
        .grid(Grid::new().left(10).right(40).top(10).bottom(10).contain_label(true))
        .x_axis(Axis::new().type_(AxisType::Value).min(0))
        .y_axis(Axis::new().type_(AxisType::Category).data(names).inverse(true))
        .series(
            Bar::new()
                .name("People achieving an outcome")
                .label(Label::new().show(true).position(LabelPosition::Right).color("#0b0c0c"))
                .data(values),
        );
    let mut option = chart.finish();
    label_counts(&mut option["series"][0], domains.iter().map(|(_, count)| *count), "");
    option
}

#[cfg(test)]
mod tests {
    use super::*;
    use outcomes_core::{funnel::funnel, Category};

    fn stage(id: &str, name: &str) -> Category {
        Category { id: id.into(), name: name.into(), definition: "d".into() }
    }

    #[test]
    fn funnel_keeps_stage_order_and_marks_suppressed_stages() {
        let stages = [stage("a", "Identified"), stage("b", "Assessed"), stage("c", "<img src=x onerror=alert(1)>")];
        let steps = funnel(&stages, &[Count::Value(120), Count::Suppressed, Count::Value(10)]);
        let option = funnel_chart("Funnel", &steps);
        let series = &option["series"][0];
        assert_eq!(series["type"], "funnel");
        assert_eq!(series["sort"], "none");
        assert_eq!(series["data"][0]["value"], 120);
        assert_eq!(series["data"][1]["value"], "-");
        assert_eq!(series["data"][1]["name"], "Assessed [c]");
        assert_eq!(series["data"][2]["value"], 10);
        // Counts are labelled with thousands separators (ECharts' `{c}` has none); names stay
        // `{b}`, never written into a formatter.
        assert_eq!(series["data"][0]["label"]["formatter"], "{b}: 120");
        assert!(series["data"][1].get("label").is_none());
        let big = funnel_chart("Funnel", &funnel(&stages[..1], &[Count::Value(991_650)]));
        assert_eq!(big["series"][0]["data"][0]["label"]["formatter"], "{b}: 991,650");
        // Text from the feed stays data; the tooltip is drawn on the canvas, not as HTML.
        assert_eq!(option["tooltip"]["renderMode"], "richText");
        assert_eq!(option["aria"]["enabled"], true);
    }

    #[test]
    fn domain_bars_label_counts_with_separators_and_leave_withheld_ones_missing() {
        let option = domains_chart(&[("Housing".into(), Count::Value(12_345)), ("Debt".into(), Count::Suppressed)]);
        let data = &option["series"][0]["data"];
        assert_eq!(data[0]["value"], 12_345);
        assert_eq!(data[0]["label"]["formatter"], "12,345");
        assert_eq!(data[1], "-");
    }
}
