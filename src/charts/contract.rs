//! Charts of the contract page: one small trend per KPI, actual against target by quarter.

use super::{point, point_missing, Options};
use charming::component::{Axis, Grid, Legend};
use charming::datatype::DataPoint;
use charming::element::{AxisType, ItemStyle, LineStyle, LineStyleType, Symbol, Tooltip, Trigger};
use charming::series::Line;
use outcomes_core::contract::{round_to, QuarterAssessment};
use outcomes_core::KpiUnit;
use serde_json::Value;

/// Series names, also the legend: the target is dashed with square markers and the actual solid
/// with round ones, so the two differ by more than colour.
pub const ACTUAL: &str = "Actual";
pub const TARGET: &str = "Target";

/// A KPI's actual (solid line, circles) and target (dashed line, squares) by quarter. A quarter
/// not yet reported is a gap in the actual line, never a zero.
pub fn kpi_trend_chart(unit: KpiUnit, quarters: &[QuarterAssessment]) -> Value {
    let periods: Vec<String> = quarters.iter().map(|q| q.period.to_string()).collect();
    let actual: Vec<DataPoint> =
        quarters.iter().map(|q| q.actual.map_or_else(point_missing, |a| point(round_to(a, 1)))).collect();
    let target: Vec<DataPoint> = quarters.iter().map(|q| point(round_to(q.target, 1))).collect();
    let axis_name = match unit {
        KpiUnit::Count => "Number",
        KpiUnit::Percentage => "Per cent",
    };
    let chart = Options::new()
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(Legend::new().top(0))
        .grid(Grid::new().left(10).right(20).top(36).bottom(10).contain_label(true))
        .x_axis(Axis::new().type_(AxisType::Category).data(periods))
        .y_axis(Axis::new().type_(AxisType::Value).name(axis_name).scale(true))
        .series(
            Line::new()
                .name(ACTUAL)
                .symbol(Symbol::Circle)
                .symbol_size(9)
                .item_style(ItemStyle::new().color("#1d70b8"))
                .line_style(LineStyle::new().color("#1d70b8").width(3))
                .data(actual),
        )
        .series(
            Line::new()
                .name(TARGET)
                .symbol(Symbol::Rect)
                .symbol_size(8)
                .item_style(ItemStyle::new().color("#0b0c0c"))
                .line_style(LineStyle::new().color("#0b0c0c").width(2).type_(LineStyleType::Dashed))
                .data(target),
        );
    chart.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use outcomes_core::contract::assess;
    use outcomes_core::{Kpi, KpiQuarter, PaymentTerms, Polarity, RagThresholds};

    #[test]
    fn actual_and_target_by_quarter_with_a_gap_for_an_unreported_quarter() {
        let kpi = Kpi {
            id: "k".into(),
            title: "<b>KPI</b>".into(),
            definition: "d".into(),
            unit: KpiUnit::Percentage,
            polarity: Polarity::HigherIsBetter,
            rag: RagThresholds { green_from: 1.0, amber_from: 0.9 },
            payment: PaymentTerms { weight: 0.25, cap: 1.0 },
            quarters: vec![
                KpiQuarter { period: "2025-Q1".parse().unwrap(), target: 76.0, actual: Some(73.8) },
                KpiQuarter { period: "2025-Q2".parse().unwrap(), target: 76.0, actual: None },
            ],
        };
        let option = kpi_trend_chart(kpi.unit, &assess(&kpi, 1000.0));
        assert_eq!(option["xAxis"]["data"], serde_json::json!(["2025-Q1", "2025-Q2"]));
        assert_eq!(option["series"][0]["name"], ACTUAL);
        assert_eq!(option["series"][0]["data"], serde_json::json!([73.8, "-"]));
        assert_eq!(option["series"][1]["data"], serde_json::json!([76.0, 76.0]));
        assert_eq!(option["series"][1]["lineStyle"]["type"], "dashed");
        assert_eq!(option["tooltip"]["renderMode"], "richText");
    }
}
