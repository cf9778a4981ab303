//! ECharts options as plain values, built with charming from core figures. Nothing here talks to
//! the browser, so every option can be checked in a native test. One module per page's charts.
//!
//! Safety: ECharts renders tooltips as HTML and does not escape. Every option goes through
//! [`finish`], which switches tooltips to `richText` (drawn on the canvas, never parsed as
//! HTML) and turns on ECharts' aria description. No formatter is ever built from feed text.

pub mod contract;
pub mod journey;
pub mod plans;
pub mod wards;

pub use contract::kpi_trend_chart;
pub use journey::{comparison_chart, domains_chart, flows_chart, funnel_chart, trend_chart};

use charming::datatype::{CompositeValue, DataPoint};
use charming::Chart;
use outcomes_core::Count;
use serde_json::{json, Value};

/// Accessible colours (at least 3:1 against white) used in order.
pub const PALETTE: [&str; 8] = ["#1d70b8", "#00703c", "#912b88", "#b58840", "#28a197", "#d4351c", "#505a5f", "#f47738"];

/// A missing point in an ECharts series: drawn as a gap, never as zero.
pub const MISSING: &str = "-";

pub fn point(value: f64) -> DataPoint {
    DataPoint::Value(CompositeValue::from(value))
}

pub fn point_missing() -> DataPoint {
    DataPoint::Value(CompositeValue::from(MISSING))
}

pub fn count_point(count: Count) -> DataPoint {
    match count {
        Count::Value(v) => DataPoint::Value(CompositeValue::from(i64::from(v))),
        Count::Suppressed => point_missing(),
    }
}

/// Gives each shown count of `series` its own label, `prefix` then the count with thousands
/// separators ("{b}: 991,650"), which ECharts' `{c}` cannot write. Missing points keep the
/// series' label. `prefix` is a fixed template (never feed text): names still come through `{b}`.
pub fn label_counts(series: &mut Value, counts: impl IntoIterator<Item = Count>, prefix: &str) {
    let Some(data) = series["data"].as_array_mut() else { return };
    for (item, count) in data.iter_mut().zip(counts) {
        let Count::Value(value) = count else { continue };
        let formatter = format!("{prefix}{}", outcomes_core::format::thousands(u64::from(value)));
        if !item.is_object() {
            *item = json!({ "value": item.take() });
        }
        item["label"] = json!({ "formatter": formatter });
    }
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
