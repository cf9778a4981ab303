//! An area's life journey against a benchmark (its district, or the whole area): each stage's
//! conversion from the stage before, with a 95% Wilson interval, and a verdict in words.
//! Conversions come from published (rounded) counts; a stage needing a suppressed count is
//! not compared.

use crate::funnel::{ratio, Derived};
use crate::stats::{wilson, Interval, Verdict};
use crate::{Category, Count, Quarter};

#[derive(Clone, Debug, PartialEq)]
pub struct StageComparison {
    pub stage_id: String,
    pub stage_name: String,
    /// The area's conversion from the previous stage and its 95% interval.
    pub area: Derived<(f64, Interval)>,
    /// The benchmark's conversion from the previous stage.
    pub benchmark: Derived<(f64, Interval)>,
    /// Higher, similar or lower: whether the benchmark lies outside the area's interval.
    pub verdict: Option<Verdict>,
}

/// One comparison per stage after the first (the first stage has nothing before it).
pub fn compare_conversions(stages: &[Category], area: &[Count], benchmark: &[Count]) -> Vec<StageComparison> {
    (1..stages.len().min(area.len()).min(benchmark.len()))
        .map(|i| {
            let area_rate = conversion(area[i], area[i - 1]);
            let benchmark_rate = conversion(benchmark[i], benchmark[i - 1]);
            let verdict = match (area_rate, benchmark_rate) {
                (Derived::Value((_, interval)), Derived::Value((value, _))) => Some(Verdict::of(interval, value)),
                _ => None,
            };
            StageComparison {
                stage_id: stages[i].id.clone(),
                stage_name: stages[i].name.clone(),
                area: area_rate,
                benchmark: benchmark_rate,
                verdict,
            }
        })
        .collect()
}

fn conversion(part: Count, whole: Count) -> Derived<(f64, Interval)> {
    match (ratio(part, whole), part, whole) {
        (Derived::Value(_), Count::Value(x), Count::Value(n)) => match wilson(x, n) {
            Some(found) => Derived::Value(found),
            None => Derived::NotApplicable,
        },
        (Derived::Suppressed, ..) => Derived::Suppressed,
        _ => Derived::NotApplicable,
    }
}

/// One point of the trend: the number identified and the end-to-end conversion.
#[derive(Clone, Debug, PartialEq)]
pub struct TrendPoint {
    pub period: Quarter,
    pub identified: Count,
    /// Share of those identified who reached the last stage.
    pub end_to_end: Derived<f64>,
}

/// The trend over periods from each period's funnel counts (`None` where no row is published).
pub fn trend(rows: &[(Quarter, Option<&[Count]>)]) -> Vec<TrendPoint> {
    rows.iter()
        .filter_map(|(period, counts)| {
            let counts = (*counts)?;
            let first = *counts.first()?;
            let last = *counts.last()?;
            Some(TrendPoint { period: *period, identified: first, end_to_end: ratio(last, first) })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stages(n: usize) -> Vec<Category> {
        (0..n).map(|i| Category { id: format!("s{i}"), name: format!("Stage {i}"), definition: "d".into() }).collect()
    }

    #[test]
    fn worked_example_against_a_benchmark() {
        // Area: 263 assessed of whom 81 consented (30.8%, Wilson 25.5% to 36.6%, Newcombe 1998).
        // Benchmark: 2,000 assessed, 1,000 consented (50%): above the area's interval, so lower.
        let area = [Count::Value(263), Count::Value(81)];
        let benchmark = [Count::Value(2000), Count::Value(1000)];
        let compared = compare_conversions(&stages(2), &area, &benchmark);
        assert_eq!(compared.len(), 1);
        let (rate, interval) = compared[0].area.value().unwrap();
        assert!((rate - 81.0 / 263.0).abs() < 1e-12);
        assert!((interval.lower - 0.2553).abs() < 1e-4 && (interval.upper - 0.3662).abs() < 1e-4);
        assert_eq!(compared[0].verdict, Some(Verdict::Lower));
        // A benchmark of 33% lies inside the interval: similar.
        let similar = compare_conversions(&stages(2), &area, &[Count::Value(300), Count::Value(100)]);
        assert_eq!(similar[0].verdict, Some(Verdict::Similar));
    }

    #[test]
    fn suppressed_or_empty_stages_are_not_compared() {
        let compared = compare_conversions(
            &stages(3),
            &[Count::Value(100), Count::Suppressed, Count::Value(0)],
            &[Count::Value(100), Count::Value(50), Count::Value(20)],
        );
        assert_eq!(compared[0].area, Derived::Suppressed);
        assert_eq!(compared[0].verdict, None);
        assert_eq!(compared[1].area, Derived::Suppressed);
        let empty =
            compare_conversions(&stages(2), &[Count::Value(0), Count::Value(0)], &[Count::Value(10), Count::Value(10)]);
        assert_eq!(empty[0].area, Derived::NotApplicable);
    }

    #[test]
    fn trend_uses_each_period_s_own_published_counts() {
        let q1: Quarter = "2025-Q1".parse().unwrap();
        let q2 = q1.next();
        let a = [Count::Value(200), Count::Value(50)];
        let b = [Count::Suppressed, Count::Value(20)];
        let points = trend(&[(q1, Some(&a)), (q2, Some(&b)), (q2.next(), None)]);
        assert_eq!(points.len(), 2);
        assert_eq!(points[0].end_to_end, Derived::Value(0.25));
        assert_eq!(points[1].end_to_end, Derived::Suppressed);
    }
}
