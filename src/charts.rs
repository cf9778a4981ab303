//! ECharts options as plain values, built with charming from core figures. Nothing here talks to
//! the browser, so every option can be checked in a native test.
//!
//! Safety: ECharts renders tooltips as HTML and does not escape. Every option goes through
//! [`finish`], which switches tooltips to `richText` (drawn on the canvas, never parsed as
//! HTML) and turns on ECharts' aria description. No formatter is ever built from feed text.

use charming::component::Title;
use charming::datatype::DataPointItem;
use charming::element::{Label, Orient, Sort, Tooltip, Trigger};
use charming::series::Funnel;
use charming::Chart;
use outcomes_core::funnel::FunnelStep;
use outcomes_core::Count;
use serde_json::{json, Value};

/// Accessible colours (at least 3:1 against white) used in order.
pub const PALETTE: [&str; 8] = ["#1d70b8", "#00703c", "#912b88", "#b58840", "#28a197", "#d4351c", "#505a5f", "#f47738"];

/// The life-journey funnel: one item per stage, in journey order (never re-sorted by value).
/// A suppressed stage is drawn as missing (`"-"`) and named with `[c]`, never as zero.
pub fn funnel_chart(title: &str, steps: &[FunnelStep]) -> Value {
    let data: Vec<DataPointItem> = steps
        .iter()
        .map(|step| match step.count {
            Count::Value(value) => DataPointItem::new(i64::from(value)).name(step.stage_name.clone()),
            Count::Suppressed => DataPointItem::new("-").name(format!("{} [c]", step.stage_name)),
        })
        .collect();
    let chart = Chart::new()
        .title(Title::new().text(title).left("center").show(false))
        .tooltip(Tooltip::new().trigger(Trigger::Item))
        .color(PALETTE.to_vec())
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
                .label(Label::new().show(true).position(charming::element::LabelPosition::Right).formatter("{b}: {c}"))
                .data(data),
        );
    finish(&chart)
}

/// Serialises a charming chart and adds what charming 0.6 cannot express: canvas-drawn tooltips
/// (`renderMode: richText`, so feed text is never parsed as HTML) and ECharts' aria support.
pub fn finish(chart: &Chart) -> Value {
    let mut option = serde_json::to_value(chart).unwrap_or_else(|_| json!({}));
    if let Some(object) = option.as_object_mut() {
        let tooltip = object.entry("tooltip").or_insert_with(|| json!({}));
        if let Some(tooltip) = tooltip.as_object_mut() {
            tooltip.insert("renderMode".into(), json!("richText"));
            tooltip.remove("formatter");
        }
        object.insert("aria".into(), json!({ "enabled": true }));
        object.insert("animation".into(), json!(false));
    }
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
        // Text from the feed stays data; the tooltip is drawn on the canvas, not as HTML.
        assert_eq!(option["tooltip"]["renderMode"], "richText");
        assert_eq!(option["aria"]["enabled"], true);
    }
}
