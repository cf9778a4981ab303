//! ECharts options as plain values, built with charming from core figures. Nothing here talks to
//! the browser, so every option can be checked in a native test. One module per page's charts.
//!
//! Safety: ECharts renders tooltips as HTML and does not escape. Every option goes through
//! [`Options::finish`], which switches tooltips to `richText` (drawn on the canvas, never parsed as
//! HTML) and turns on ECharts' aria description. No formatter is ever built from feed text.

pub mod contract;
pub mod journey;
pub mod plans;
pub mod wards;

pub use contract::kpi_trend_chart;
pub use journey::{comparison_chart, domains_chart, flows_chart, funnel_chart, trend_chart};

use charming::component::{Axis, Grid, Legend, Title};
use charming::datatype::{CompositeValue, DataPoint};
use charming::element::Tooltip;
use outcomes_core::Count;
use serde::Serialize;
use serde_json::{json, Map, Value};

/// Accessible colours (at least 3:1 against white) used in order.
pub const PALETTE: [&str; 8] = ["#1d70b8", "#00703c", "#912b88", "#b58840", "#28a197", "#d4351c", "#505a5f", "#f47738"];

/// The most rows (wards, place plans) a bar chart names, a row each. All of England's 7,000
/// wards named so made a chart 182,070 pixels tall, a canvas on which Chromium 156 draws nothing
/// (it draws one 65,535 tall; MDN gives 32,767 for other browsers), and no one reads 7,000 names
/// down a chart: more are drawn compact, without names, at a fixed height. 300 rows fit 32,767
/// pixels at three device pixels to each of ours (a phone).
pub const NAMED_ROWS_MAX: usize = 300;
/// Pixels per named row.
pub const ROW_HEIGHT: usize = 26;
/// The height of a compact chart's plot.
pub const COMPACT_PLOT_HEIGHT: usize = 470;

/// Whether a chart of `rows` rows names each (else it is drawn compact).
pub fn named(rows: usize) -> bool {
    rows <= NAMED_ROWS_MAX
}

/// The height of the plot of a chart of `rows` rows: a row each when named, else compact.
pub fn rows_height(rows: usize) -> usize {
    if named(rows) {
        rows.max(1) * ROW_HEIGHT
    } else {
        COMPACT_PLOT_HEIGHT
    }
}

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
        let formatter = format!("{prefix}{}", outcomes_core::format::thousands(value));
        if !item.is_object() {
            *item = json!({ "value": item.take() });
        }
        item["label"] = json!({ "formatter": formatter });
    }
}

/// An ECharts option assembled from charming's typed parts: the title, tooltip, legend, grids,
/// axes and series a chart has, each serialised on its own. Serialising charming's whole `Chart`
/// instead compiles the serialisers of every part ECharts has (23 series types, 3D axes, maps,
/// calendars, data zoom, ...) into the wasm whether a chart uses them or not (measured in
/// docs/performance.md). The JSON is the same as `Chart`'s for the parts used: one axis is an
/// object and several a list, titles, grids and colours are lists.
#[derive(Default)]
pub struct Options {
    object: Map<String, Value>,
    x_axis: Vec<Value>,
    y_axis: Vec<Value>,
    series: Vec<Value>,
}

impl Options {
    pub fn new() -> Options {
        Options::default()
    }

    pub fn title(self, title: Title) -> Options {
        self.push("title", part(&title))
    }

    pub fn tooltip(self, tooltip: Tooltip) -> Options {
        self.set("tooltip", part(&tooltip))
    }

    pub fn legend(self, legend: Legend) -> Options {
        self.set("legend", part(&legend))
    }

    pub fn grid(self, grid: Grid) -> Options {
        self.push("grid", part(&grid))
    }

    /// The colours of the series, in order.
    pub fn color(self, colours: &[&str]) -> Options {
        self.set("color", json!(colours))
    }

    pub fn x_axis(mut self, axis: Axis) -> Options {
        self.x_axis.push(part(&axis));
        self
    }

    pub fn y_axis(mut self, axis: Axis) -> Options {
        self.y_axis.push(part(&axis));
        self
    }

    /// One series: a charming series type (`Bar`, `Line`, `Funnel`, ...), which names its own
    /// `type`.
    pub fn series(mut self, series: impl Serialize) -> Options {
        self.series.push(part(&series));
        self
    }

    /// The option as ECharts takes it, with what charming 0.6 cannot express: canvas-drawn
    /// tooltips (`renderMode: richText`, so feed text is never parsed as HTML), ECharts' aria
    /// support, and no animation.
    pub fn finish(self) -> Value {
        let Options { mut object, x_axis, y_axis, series } = self;
        for (key, axes) in [("xAxis", x_axis), ("yAxis", y_axis)] {
            match axes.len() {
                0 => {}
                1 => {
                    object.insert(key.into(), axes.into_iter().next().unwrap_or_default());
                }
                _ => {
                    object.insert(key.into(), Value::Array(axes));
                }
            }
        }
        if !series.is_empty() {
            object.insert("series".into(), Value::Array(series));
        }
        let tooltip = object.entry("tooltip").or_insert_with(|| json!({}));
        if let Some(tooltip) = tooltip.as_object_mut() {
            tooltip.insert("renderMode".into(), json!("richText"));
            tooltip.remove("formatter");
        }
        object.insert("aria".into(), json!({ "enabled": true }));
        object.insert("animation".into(), json!(false));
        Value::Object(object)
    }

    fn set(mut self, key: &str, value: Value) -> Options {
        self.object.insert(key.into(), value);
        self
    }

    fn push(mut self, key: &str, value: Value) -> Options {
        match self.object.entry(key).or_insert_with(|| Value::Array(Vec::new())) {
            Value::Array(items) => items.push(value),
            other => *other = Value::Array(vec![value]),
        }
        self
    }
}

/// One part of an option as JSON. charming's parts hold only text, numbers and lists, which
/// always serialise; `null` (ECharts' default) should that ever change.
fn part(value: &impl Serialize) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

#[cfg(test)]
mod tests {
    use super::*;
    use charming::element::Trigger;
    use charming::series::{Bar, Line};

    #[test]
    fn options_write_each_part_as_echarts_reads_it() {
        let option = Options::new()
            .title(Title::new().text("<b>Title</b>"))
            .tooltip(Tooltip::new().trigger(Trigger::Axis))
            .legend(Legend::new().top(0))
            .color(&[PALETTE[0], "#0b0c0c"])
            .grid(Grid::new().left(10))
            .x_axis(Axis::new().data(vec!["2025-Q1".to_owned()]))
            .y_axis(Axis::new().name("People"))
            .y_axis(Axis::new().name("Per cent"))
            .series(Bar::new().name("People").data(vec![point(3.0)]))
            .series(Line::new().name("Per cent").data(vec![point_missing()]))
            .finish();
        // Titles, grids, colours and series are lists; one axis is an object, two a list.
        assert_eq!(option["title"][0]["text"], "<b>Title</b>");
        assert_eq!(option["grid"][0]["left"], 10);
        assert_eq!(option["color"], json!(["#1d70b8", "#0b0c0c"]));
        assert_eq!(option["xAxis"]["data"], json!(["2025-Q1"]));
        assert_eq!(option["yAxis"][1]["name"], "Per cent");
        assert_eq!(option["series"][0]["type"], "bar");
        assert_eq!(option["series"][1]["type"], "line");
        assert_eq!(option["series"][1]["data"], json!([MISSING]));
        assert_eq!(option["legend"]["top"], 0);
        // What every option carries: canvas-drawn tooltips, aria, no animation.
        assert_eq!(option["tooltip"]["trigger"], "axis");
        assert_eq!(option["tooltip"]["renderMode"], "richText");
        assert_eq!(option["aria"]["enabled"], true);
        assert_eq!(option["animation"], false);
        // An option with no parts still gets the safe tooltip.
        let bare = Options::new().finish();
        assert_eq!(bare["tooltip"]["renderMode"], "richText");
        assert!(bare.get("series").is_none() && bare.get("xAxis").is_none());
    }
}
