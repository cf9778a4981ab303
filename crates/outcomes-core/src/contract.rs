//! The outcomes-based VCS Infrastructure Support contract: each KPI's achievement and RAG status,
//! its year-to-date and cumulative position, and the outcome payments the rules in
//! `docs/feed.md` ("How the dashboard reads the contract") produce.
//!
//! - **Achievement** is actual ÷ target, or target ÷ actual when lower is better, so 1.0 means
//!   "on target" and more is better either way. An actual of 0 when lower is better cannot be
//!   beaten: it has no ratio ([z]) and counts as above every threshold and the cap.
//! - **RAG**: green at or above `green_from`, amber at or above `amber_from`, red below.
//! - **Year to date** (within a financial year, April to March) and **cumulative** (every quarter
//!   of the contract in the release) add up the reported quarters for a count KPI, and take the
//!   mean of the quarters' percentages (unweighted: the feed carries no denominators) for a
//!   percentage KPI, for targets and actuals alike. A quarter with no actual yet is left out of
//!   both sides.
//! - **Outcome payment** for a KPI in a quarter: annual outcome payment × weight ÷ 4 ×
//!   min(achievement, cap), rounded to the penny. Totals add the rounded quarterly payments, as
//!   an invoice would. Nothing is earned for a quarter with no actual.

use crate::{FinancialYear, Kpi, KpiQuarter, KpiUnit, Polarity, Quarter, RagThresholds};

/// RAG status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rag {
    Red,
    Amber,
    Green,
}

impl Rag {
    pub fn of(achievement: f64, thresholds: &RagThresholds) -> Rag {
        if achievement >= thresholds.green_from {
            Rag::Green
        } else if achievement >= thresholds.amber_from {
            Rag::Amber
        } else {
            Rag::Red
        }
    }

    /// "Green", "Amber" or "Red".
    pub fn word(self) -> &'static str {
        match self {
            Rag::Red => "Red",
            Rag::Amber => "Amber",
            Rag::Green => "Green",
        }
    }
}

/// How far the actual meets the target: actual ÷ target, or target ÷ actual when lower is
/// better (1.0 is on target, above 1.0 is better than target). `f64::INFINITY` for an actual of
/// 0 when lower is better; `None` for a target that is not above 0 (refused by validation).
pub fn achievement(polarity: Polarity, target: f64, actual: f64) -> Option<f64> {
    if target <= 0.0 || !target.is_finite() || !actual.is_finite() || actual < 0.0 {
        return None;
    }
    match polarity {
        Polarity::LowerIsBetter if actual == 0.0 => Some(f64::INFINITY),
        Polarity::LowerIsBetter => Some(target / actual),
        Polarity::HigherIsBetter | Polarity::NoJudgement => Some(actual / target),
    }
}

/// A KPI's RAG thresholds in words, for the page: what green, amber and red mean for it.
pub fn thresholds_in_words(kpi: &Kpi) -> String {
    let RagThresholds { green_from, amber_from } = kpi.rag;
    match kpi.polarity {
        Polarity::LowerIsBetter => format!(
            "Lower is better. Achievement is the target divided by the actual. Green: achievement of at least {} \
             (the actual at most {} of the target). Amber: at least {} (the actual at most {} of the target). \
             Red: below {}.",
            percent_text(green_from),
            percent_text(1.0 / green_from),
            percent_text(amber_from),
            percent_text(1.0 / amber_from),
            percent_text(amber_from)
        ),
        _ => format!(
            "Higher is better. Achievement is the actual divided by the target. Green: achievement of at least {} \
             of the target. Amber: at least {}. Red: below {}.",
            percent_text(green_from),
            percent_text(amber_from),
            percent_text(amber_from)
        ),
    }
}

/// How the KPI's year-to-date and cumulative figures are made, in words.
pub fn aggregation_in_words(unit: KpiUnit) -> &'static str {
    match unit {
        KpiUnit::Count => "a count: year to date and cumulative figures are the sums of the quarters reported",
        KpiUnit::Percentage => {
            "a percentage: year to date and cumulative figures are the means of the quarters reported \
             (each quarter counts equally)"
        }
    }
}

/// A position over several quarters: year to date or cumulative.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Position {
    /// Sum (count KPI) or mean (percentage KPI) of the reported quarters' actuals.
    pub actual: f64,
    /// The same for the targets of the same quarters.
    pub target: f64,
    /// How many quarters were reported.
    pub quarters: usize,
    pub achievement: Option<f64>,
    pub rag: Option<Rag>,
}

/// The position over `quarters` (those with an actual), or `None` if none is reported.
pub fn position<'a>(kpi: &Kpi, quarters: impl IntoIterator<Item = &'a KpiQuarter>) -> Option<Position> {
    let reported: Vec<(f64, f64)> = quarters.into_iter().filter_map(|q| q.actual.map(|a| (q.target, a))).collect();
    if reported.is_empty() {
        return None;
    }
    let target_sum: f64 = reported.iter().map(|(t, _)| t).sum();
    let actual_sum: f64 = reported.iter().map(|(_, a)| a).sum();
    let n = reported.len() as f64;
    let (target, actual) = match kpi.unit {
        KpiUnit::Count => (target_sum, actual_sum),
        KpiUnit::Percentage => (target_sum / n, actual_sum / n),
    };
    let achievement = achievement(kpi.polarity, target, actual);
    Some(Position {
        actual,
        target,
        quarters: reported.len(),
        achievement,
        rag: achievement.map(|a| Rag::of(a, &kpi.rag)),
    })
}

/// The outcome payment for one KPI in one quarter.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Payment {
    /// The annual outcome payment, in pounds.
    pub annual_gbp: f64,
    pub weight: f64,
    pub cap: f64,
    /// annual × weight ÷ 4: what the quarter pays at 100% achievement, in pence.
    pub share_pence: u64,
    /// share × cap: the most the quarter can pay, in pence.
    pub maximum_pence: u64,
    /// min(achievement, cap), or `None` while no actual is reported.
    pub paid_achievement: Option<f64>,
    /// True when the achievement was above the cap and was paid at the cap.
    pub capped: bool,
    /// share × min(achievement, cap), rounded to the penny; 0 while no actual is reported.
    pub earned_pence: u64,
}

impl Payment {
    pub fn of(annual_gbp: f64, kpi: &Kpi, achievement: Option<f64>) -> Payment {
        let (weight, cap) = (kpi.payment.weight, kpi.payment.cap);
        let share = annual_gbp * weight / 4.0;
        let paid_achievement = achievement.map(|a| a.min(cap));
        Payment {
            annual_gbp,
            weight,
            cap,
            share_pence: pence(share),
            maximum_pence: pence(share * cap),
            paid_achievement,
            capped: achievement.is_some_and(|a| a > cap),
            earned_pence: paid_achievement.map_or(0, |paid| pence(share * paid)),
        }
    }

    /// The rule that produced the figure, in words, e.g. "£200,000 a year × 15% weight ÷ 4
    /// quarters = £7,500.00; × 93.9% achievement = £7,045.71".
    pub fn rule_in_words(&self) -> String {
        let share = format!(
            "{} a year × {} weight ÷ 4 quarters = {}",
            money_whole_pounds(self.annual_gbp),
            percent_text(self.weight),
            money(self.share_pence)
        );
        match self.paid_achievement {
            None => format!("{share}; nothing is earned until the quarter's actual is reported"),
            Some(_) if self.capped => format!(
                "{share}; achievement is above the cap of {}, so it is paid at {}: {}",
                percent_text(self.cap),
                percent_text(self.cap),
                money(self.earned_pence)
            ),
            Some(paid) => {
                format!("{share}; × {} achievement = {}", percent_text(paid), money(self.earned_pence))
            }
        }
    }
}

/// One quarter of a KPI, assessed.
#[derive(Clone, Debug, PartialEq)]
pub struct QuarterAssessment {
    pub period: Quarter,
    pub target: f64,
    /// `None` until reported ([x]).
    pub actual: Option<f64>,
    /// actual - target (percentage points for a percentage KPI).
    pub variance: Option<f64>,
    pub achievement: Option<f64>,
    pub rag: Option<Rag>,
    /// From the first quarter of this quarter's financial year to this quarter.
    pub year_to_date: Option<Position>,
    /// From the KPI's first quarter in the release to this quarter.
    pub cumulative: Option<Position>,
    pub payment: Payment,
}

/// Every quarter of a KPI in the release, oldest first.
pub fn assess(kpi: &Kpi, annual_gbp: f64) -> Vec<QuarterAssessment> {
    kpi.quarters
        .iter()
        .enumerate()
        .map(|(index, quarter)| {
            let so_far = &kpi.quarters[..=index];
            let year = quarter.period.financial_year();
            let achievement = quarter.actual.and_then(|actual| achievement(kpi.polarity, quarter.target, actual));
            QuarterAssessment {
                period: quarter.period,
                target: quarter.target,
                actual: quarter.actual,
                variance: quarter.actual.map(|actual| actual - quarter.target),
                achievement,
                rag: achievement.map(|a| Rag::of(a, &kpi.rag)),
                year_to_date: position(kpi, so_far.iter().filter(|q| q.period.financial_year() == year)),
                cumulative: position(kpi, so_far),
                payment: Payment::of(annual_gbp, kpi, achievement),
            }
        })
        .collect()
}

/// Outcome payments of one KPI over a set of quarters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PaymentTotal {
    /// Quarters in the set.
    pub quarters: usize,
    /// Of which reported (with an actual).
    pub reported: usize,
    pub earned_pence: u64,
    /// What the quarters in the set pay at 100% achievement.
    pub at_target_pence: u64,
    /// The most the quarters in the set can pay (share × cap each).
    pub maximum_pence: u64,
}

impl PaymentTotal {
    pub fn of<'a>(assessments: impl IntoIterator<Item = &'a QuarterAssessment>) -> PaymentTotal {
        assessments.into_iter().fold(PaymentTotal::default(), |total, a| PaymentTotal {
            quarters: total.quarters + 1,
            reported: total.reported + usize::from(a.actual.is_some()),
            earned_pence: total.earned_pence + a.payment.earned_pence,
            at_target_pence: total.at_target_pence + a.payment.share_pence,
            maximum_pence: total.maximum_pence + a.payment.maximum_pence,
        })
    }

    pub fn plus(self, other: PaymentTotal) -> PaymentTotal {
        PaymentTotal {
            quarters: self.quarters + other.quarters,
            reported: self.reported + other.reported,
            earned_pence: self.earned_pence + other.earned_pence,
            at_target_pence: self.at_target_pence + other.at_target_pence,
            maximum_pence: self.maximum_pence + other.maximum_pence,
        }
    }
}

/// The financial years the KPIs have quarters in, oldest first.
pub fn financial_years(kpis: &[Kpi]) -> Vec<FinancialYear> {
    let mut years: Vec<FinancialYear> =
        kpis.iter().flat_map(|k| k.quarters.iter().map(|q| q.period.financial_year())).collect();
    years.sort();
    years.dedup();
    years
}

// ---------------------------------------------------------------------------------------------
// Formatting shared by the pages, the CSV and the tests' expectations

pub use crate::format::round_to;

/// A KPI value as shown: a count with thousands separators (one decimal place only if it has a
/// fraction), or a percentage to one decimal place: "8,220", "73.2%".
pub fn kpi_value(unit: KpiUnit, value: f64) -> String {
    match unit {
        KpiUnit::Count => number(value),
        KpiUnit::Percentage => format!("{:.1}%", round_to(value, 1)),
    }
}

/// A difference with its sign ("+330", "−530", "+1.3", "0"): counts as whole numbers (one
/// decimal if fractional), percentages in percentage points to one decimal place.
pub fn kpi_difference(unit: KpiUnit, value: f64) -> String {
    let rounded = round_to(value, 1);
    let magnitude = match unit {
        KpiUnit::Count => number(rounded.abs()),
        KpiUnit::Percentage => format!("{:.1}", rounded.abs()),
    };
    if rounded > 0.0 {
        format!("+{magnitude}")
    } else if rounded < 0.0 {
        format!("\u{2212}{magnitude}")
    } else {
        magnitude
    }
}

/// A count with thousands separators: "10,495"; a fraction keeps one decimal place: "12.5".
pub fn number(value: f64) -> String {
    let rounded = round_to(value, 1);
    let whole = rounded.trunc();
    let sign = if rounded < 0.0 { "-" } else { "" };
    let grouped = crate::format::thousands(whole.abs() as u64);
    if rounded.fract() == 0.0 {
        format!("{sign}{grouped}")
    } else {
        let tenth = ((rounded.abs() - whole.abs()) * 10.0).round() as u64;
        format!("{sign}{grouped}.{tenth}")
    }
}

/// An achievement or other ratio as a percentage to one decimal place: 0.9394 -> "93.9%";
/// infinite (an actual of 0 when lower is better) -> "[z]".
pub fn ratio_percent(ratio: f64) -> String {
    if ratio.is_finite() {
        format!("{:.1}%", round_to(ratio * 100.0, 1))
    } else {
        "[z]".to_owned()
    }
}

/// A ratio as a short percentage for sentences: 1.0 -> "100%", 0.95 -> "95%", 1/0.9 -> "111.1%".
fn percent_text(ratio: f64) -> String {
    let value = round_to(ratio * 100.0, 1);
    if value.fract() == 0.0 {
        format!("{value:.0}%")
    } else {
        format!("{value:.1}%")
    }
}

/// Pounds and pence: 704571 -> "£7,045.71".
pub fn money(pence: u64) -> String {
    format!("£{}.{:02}", crate::format::thousands(pence / 100), pence % 100)
}

/// Pounds without pence when whole: 200000.0 -> "£200,000".
pub fn money_whole_pounds(pounds: f64) -> String {
    let total = self::pence(pounds);
    if total.is_multiple_of(100) {
        format!("£{}", crate::format::thousands(total / 100))
    } else {
        money(total)
    }
}

fn pence(pounds: f64) -> u64 {
    let value = (pounds * 100.0).round();
    if value.is_finite() && value > 0.0 {
        value as u64
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::PaymentTerms;

    fn kpi(unit: KpiUnit, polarity: Polarity, weight: f64, cap: f64, quarters: &[(&str, f64, Option<f64>)]) -> Kpi {
        Kpi {
            id: "k".into(),
            title: "KPI".into(),
            definition: "d".into(),
            unit,
            polarity,
            rag: RagThresholds { green_from: 1.0, amber_from: 0.9 },
            payment: PaymentTerms { weight, cap },
            quarters: quarters
                .iter()
                .map(|&(period, target, actual)| KpiQuarter { period: period.parse().unwrap(), target, actual })
                .collect(),
        }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    /// Worked example (the demonstration contract's first KPI, 2024-Q3): target 8,750, actual
    /// 8,220. Achievement 8,220 / 8,750 = 0.93943 (93.9%): at least 90% but below 100%, so amber.
    /// Payment: £200,000 × 0.15 ÷ 4 = £7,500 a quarter; × 0.93943 = £7,045.71.
    #[test]
    fn worked_example_higher_is_better() {
        let k = kpi(KpiUnit::Count, Polarity::HigherIsBetter, 0.15, 1.1, &[("2024-Q3", 8750.0, Some(8220.0))]);
        let [q] = assess(&k, 200_000.0).try_into().unwrap();
        assert!(close(q.achievement.unwrap(), 8220.0 / 8750.0));
        assert_eq!(ratio_percent(q.achievement.unwrap()), "93.9%");
        assert_eq!(q.rag, Some(Rag::Amber));
        assert_eq!(q.variance, Some(-530.0));
        assert_eq!(kpi_difference(KpiUnit::Count, -530.0), "\u{2212}530");
        assert_eq!(q.payment.share_pence, 750_000);
        assert_eq!(q.payment.earned_pence, 704_571);
        assert_eq!(money(q.payment.earned_pence), "£7,045.71");
        assert_eq!(
            q.payment.rule_in_words(),
            "£200,000 a year × 15% weight ÷ 4 quarters = £7,500.00; × 93.9% achievement = £7,045.71"
        );
    }

    /// Lower is better: target 55 re-referrals, actual 65. Achievement 55 / 65 = 0.846 (84.6%),
    /// below 90%: red. Payment: £200,000 × 0.10 ÷ 4 = £5,000; × 0.84615 = £4,230.77.
    /// Actual 45 against target 50: 50 / 45 = 1.111, green, paid at the cap of 1.1: £5,500.00.
    #[test]
    fn worked_example_lower_is_better_and_the_cap() {
        let k = kpi(
            KpiUnit::Count,
            Polarity::LowerIsBetter,
            0.10,
            1.1,
            &[("2025-Q3", 55.0, Some(65.0)), ("2026-Q1", 50.0, Some(45.0)), ("2026-Q2", 50.0, Some(0.0))],
        );
        let q = assess(&k, 200_000.0);
        assert!(close(q[0].achievement.unwrap(), 55.0 / 65.0));
        assert_eq!(q[0].rag, Some(Rag::Red));
        assert_eq!(q[0].payment.earned_pence, 423_077);
        assert_eq!(q[1].rag, Some(Rag::Green));
        assert!(q[1].payment.capped);
        assert_eq!(q[1].payment.earned_pence, 550_000);
        assert_eq!(q[1].payment.maximum_pence, 550_000);
        assert_eq!(
            q[1].payment.rule_in_words(),
            "£200,000 a year × 10% weight ÷ 4 quarters = £5,000.00; achievement is above the cap of 110%, so it is paid at 110%: £5,500.00"
        );
        // Nobody re-referred: the best possible result, no ratio, green and paid at the cap.
        assert_eq!(q[2].achievement, Some(f64::INFINITY));
        assert_eq!(ratio_percent(f64::INFINITY), "[z]");
        assert_eq!(q[2].rag, Some(Rag::Green));
        assert_eq!(q[2].payment.earned_pence, 550_000);
    }

    #[test]
    fn rag_thresholds_are_inclusive() {
        let thresholds = RagThresholds { green_from: 1.0, amber_from: 0.9 };
        // 45 / 50 is exactly 0.9 in floating point too: amber, not red.
        assert_eq!(Rag::of(45.0 / 50.0, &thresholds), Rag::Amber);
        assert_eq!(Rag::of(44.0 / 50.0, &thresholds), Rag::Red);
        assert_eq!(Rag::of(50.0 / 50.0, &thresholds), Rag::Green);
        let strict = RagThresholds { green_from: 1.0, amber_from: 0.95 };
        assert_eq!(Rag::of(19.0 / 20.0, &strict), Rag::Amber);
        assert_eq!(achievement(Polarity::HigherIsBetter, 0.0, 5.0), None);
    }

    /// Year to date and cumulative, counts: quarters 2024-Q4 (target 40, actual 41), 2025-Q1
    /// (45, 44), 2025-Q2 (45, 38), 2025-Q3 (45, not reported). At 2025-Q3 the year to date (2025-26)
    /// is 44 + 38 = 82 against 45 + 45 = 90 (91.1%, amber); cumulative 41 + 44 + 38 = 123
    /// against 130 (94.6%, amber). The 2024-25 year to date at 2024-Q4 is 41 of 40 (green).
    #[test]
    fn year_to_date_and_cumulative_for_a_count() {
        let k = kpi(
            KpiUnit::Count,
            Polarity::HigherIsBetter,
            0.15,
            1.2,
            &[
                ("2024-Q4", 40.0, Some(41.0)),
                ("2025-Q1", 45.0, Some(44.0)),
                ("2025-Q2", 45.0, Some(38.0)),
                ("2025-Q3", 45.0, None),
            ],
        );
        let q = assess(&k, 200_000.0);
        let ytd = q[3].year_to_date.unwrap();
        assert_eq!((ytd.actual, ytd.target, ytd.quarters), (82.0, 90.0, 2));
        assert_eq!(ytd.rag, Some(Rag::Amber));
        let cumulative = q[3].cumulative.unwrap();
        assert_eq!((cumulative.actual, cumulative.target, cumulative.quarters), (123.0, 130.0, 3));
        assert_eq!(ratio_percent(cumulative.achievement.unwrap()), "94.6%");
        let first_year = q[0].year_to_date.unwrap();
        assert_eq!((first_year.actual, first_year.target, first_year.rag), (41.0, 40.0, Some(Rag::Green)));
        // The unreported quarter: [x], no RAG, nothing earned, but its share is still available.
        assert_eq!((q[3].actual, q[3].rag, q[3].payment.earned_pence), (None, None, 0));
        assert!(q[3].payment.rule_in_words().ends_with("nothing is earned until the quarter's actual is reported"));
        let year = PaymentTotal::of(q.iter().filter(|a| a.period.year == 2025));
        assert_eq!((year.quarters, year.reported), (3, 2));
        // £200,000 × 0.15 ÷ 4 = £7,500 a quarter; 44/45 and 38/45 of it: £7,333.33 + £6,333.33.
        assert_eq!(year.earned_pence, 733_333 + 633_333);
        assert_eq!(year.at_target_pence, 3 * 750_000);
        assert_eq!(year.maximum_pence, 3 * 900_000);
    }

    /// Percentages: the mean of the quarters. 2025-Q1 73.8% (target 76.0), 2025-Q2 74.3% (76.0):
    /// year to date 74.05% against 76.0%, achievement 97.4%: amber (green from 100%, amber from
    /// 90%). Lower is better, 21.6% and 20.0% against 19.5%: mean 20.8% against 19.5%,
    /// achievement 19.5 / 20.8 = 93.75%.
    #[test]
    fn year_to_date_for_a_percentage_is_the_mean() {
        let k = kpi(
            KpiUnit::Percentage,
            Polarity::HigherIsBetter,
            0.25,
            1.0,
            &[("2025-Q1", 76.0, Some(73.8)), ("2025-Q2", 76.0, Some(74.3))],
        );
        let ytd = assess(&k, 200_000.0)[1].year_to_date.unwrap();
        assert!(close(ytd.actual, 74.05) && close(ytd.target, 76.0));
        assert_eq!(ytd.rag, Some(Rag::Amber));
        let lower = kpi(
            KpiUnit::Percentage,
            Polarity::LowerIsBetter,
            0.15,
            1.0,
            &[("2025-Q1", 19.5, Some(21.6)), ("2025-Q2", 19.5, Some(20.0))],
        );
        let ytd = assess(&lower, 200_000.0)[1].year_to_date.unwrap();
        assert!(close(ytd.actual, 20.8));
        assert!((ytd.achievement.unwrap() - 0.9375).abs() < 1e-12);
        assert_eq!(kpi_value(KpiUnit::Percentage, ytd.actual), "20.8%");
    }

    #[test]
    fn thresholds_and_aggregation_in_words() {
        let higher = kpi(KpiUnit::Count, Polarity::HigherIsBetter, 0.1, 1.0, &[]);
        assert_eq!(
            thresholds_in_words(&higher),
            "Higher is better. Achievement is the actual divided by the target. Green: achievement of at least 100% of \
             the target. Amber: at least 90%. Red: below 90%."
        );
        let lower = kpi(KpiUnit::Count, Polarity::LowerIsBetter, 0.1, 1.0, &[]);
        assert!(thresholds_in_words(&lower).contains("Amber: at least 90% (the actual at most 111.1% of the target)"));
        assert!(aggregation_in_words(KpiUnit::Percentage).contains("means"));
        assert!(aggregation_in_words(KpiUnit::Count).contains("sums"));
    }

    #[test]
    fn formats_values_differences_and_money() {
        assert_eq!(kpi_value(KpiUnit::Count, 10495.0), "10,495");
        assert_eq!(kpi_value(KpiUnit::Count, 12.5), "12.5");
        assert_eq!(kpi_value(KpiUnit::Percentage, 75.25), "75.3%");
        assert_eq!(kpi_difference(KpiUnit::Percentage, 73.2 - 74.5), "\u{2212}1.3");
        assert_eq!(kpi_difference(KpiUnit::Percentage, -0.25), "\u{2212}0.3");
        assert_eq!(kpi_difference(KpiUnit::Count, 645.0), "+645");
        assert_eq!(kpi_difference(KpiUnit::Count, 0.0), "0");
        assert_eq!(money(0), "£0.00");
        assert_eq!(money(123_456_789), "£1,234,567.89");
        assert_eq!(round_to(-0.25, 1), -0.3);
    }

    #[test]
    fn financial_years_of_the_kpis() {
        let k = kpi(
            KpiUnit::Count,
            Polarity::HigherIsBetter,
            0.1,
            1.0,
            &[("2024-Q4", 1.0, None), ("2025-Q1", 1.0, None), ("2026-Q2", 1.0, None)],
        );
        let years: Vec<String> = financial_years(&[k]).iter().map(ToString::to_string).collect();
        assert_eq!(years, ["2024-25", "2025-26", "2026-27"]);
    }
}
