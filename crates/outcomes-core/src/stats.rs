//! Confidence intervals and benchmark comparisons as used by UK public-health profile tools
//! (Fingertips): Wilson score intervals for proportions, Byar's approximation (with exact
//! Poisson limits for small counts) for rates, and "higher / similar / lower" verdicts read by
//! whether the benchmark lies outside the area's 95% interval.
//!
//! Source: APHO Technical Briefing 3, "Commonly used public health statistics and their
//! confidence intervals" (2008), and the Fingertips technical guidance.

use crate::Polarity;

/// The 97.5th percentile of the standard normal distribution (two-sided 95%).
pub const Z_95: f64 = 1.959_963_984_540_054;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Interval {
    pub lower: f64,
    pub upper: f64,
}

impl Interval {
    pub fn contains(self, value: f64) -> bool {
        self.lower <= value && value <= self.upper
    }
}

/// A proportion `successes / trials` with its 95% Wilson score interval; `None` when there are
/// no trials (the proportion is not defined) or more successes than trials.
pub fn wilson(successes: u32, trials: u32) -> Option<(f64, Interval)> {
    if trials == 0 || successes > trials {
        return None;
    }
    let n = f64::from(trials);
    let p = f64::from(successes) / n;
    let z2 = Z_95 * Z_95;
    let centre = p + z2 / (2.0 * n);
    let spread = Z_95 * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    let denominator = 1.0 + z2 / n;
    let interval = Interval {
        lower: ((centre - spread) / denominator).max(0.0),
        upper: ((centre + spread) / denominator).min(1.0),
    };
    Some((p, interval))
}

/// 95% limits for a Poisson count `observed`: exact below 10 (chi-squared quantiles by
/// bisection on the Poisson distribution), Byar's approximation from 10 up, as in APHO TB3.
pub fn poisson_count_interval(observed: u32) -> Interval {
    let o = f64::from(observed);
    if observed < 10 {
        return exact_poisson_interval(observed);
    }
    let lower = o * (1.0 - 1.0 / (9.0 * o) - Z_95 / (3.0 * o.sqrt())).powi(3);
    let o1 = o + 1.0;
    let upper = o1 * (1.0 - 1.0 / (9.0 * o1) + Z_95 / (3.0 * o1.sqrt())).powi(3);
    Interval { lower, upper }
}

/// A rate per `per` (e.g. 1,000) with its 95% interval: events over population.
pub fn rate(events: u32, population: u32, per: f64) -> Option<(f64, Interval)> {
    if population == 0 {
        return None;
    }
    let n = f64::from(population);
    let limits = poisson_count_interval(events);
    Some((f64::from(events) / n * per, Interval { lower: limits.lower / n * per, upper: limits.upper / n * per }))
}

/// Exact (Garwood) limits: the means at which P(X >= o) = 2.5% and P(X <= o) = 2.5%.
fn exact_poisson_interval(observed: u32) -> Interval {
    let lower = if observed == 0 {
        0.0
    } else {
        // P(X >= o | mu) increases with mu: find mu where it equals 0.025.
        bisect(|mu| 1.0 - poisson_cdf(observed - 1, mu) - 0.025, 0.0, 100.0)
    };
    // P(X <= o | mu) decreases with mu: find mu where it equals 0.025.
    let upper = bisect(|mu| 0.025 - poisson_cdf(observed, mu), 0.0, 100.0);
    Interval { lower, upper }
}

fn poisson_cdf(k: u32, mu: f64) -> f64 {
    let mut term = (-mu).exp();
    let mut sum = term;
    for i in 1..=k {
        term *= mu / f64::from(i);
        sum += term;
    }
    sum
}

/// Root of an increasing function on [low, high] by bisection (60 halvings: far below display precision).
fn bisect(f: impl Fn(f64) -> f64, mut low: f64, mut high: f64) -> f64 {
    for _ in 0..60 {
        let mid = (low + high) / 2.0;
        if f(mid) < 0.0 {
            low = mid;
        } else {
            high = mid;
        }
    }
    (low + high) / 2.0
}

/// How an area compares with its benchmark.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Verdict {
    Higher,
    Similar,
    Lower,
}

impl Verdict {
    /// Higher when the whole interval is above the benchmark, lower when below, else similar.
    pub fn of(interval: Interval, benchmark: f64) -> Verdict {
        if interval.lower > benchmark {
            Verdict::Higher
        } else if interval.upper < benchmark {
            Verdict::Lower
        } else {
            Verdict::Similar
        }
    }

    pub fn words(self) -> &'static str {
        match self {
            Verdict::Higher => "higher than",
            Verdict::Similar => "similar to",
            Verdict::Lower => "lower than",
        }
    }
}

/// The verdict read through a measure's polarity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Significance {
    Better,
    Similar,
    Worse,
    NotCompared,
}

impl Significance {
    pub fn of(verdict: Verdict, polarity: Polarity) -> Significance {
        match (verdict, polarity) {
            (_, Polarity::NoJudgement) => Significance::NotCompared,
            (Verdict::Similar, _) => Significance::Similar,
            (Verdict::Higher, Polarity::HigherIsBetter) | (Verdict::Lower, Polarity::LowerIsBetter) => {
                Significance::Better
            }
            _ => Significance::Worse,
        }
    }

    pub fn words(self) -> &'static str {
        match self {
            Significance::Better => "better than benchmark",
            Significance::Similar => "similar to benchmark",
            Significance::Worse => "worse than benchmark",
            Significance::NotCompared => "not compared",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tolerance: f64) -> bool {
        (a - b).abs() <= tolerance
    }

    /// Newcombe R.G. (1998) "Two-sided confidence intervals for the single proportion:
    /// comparison of seven methods", Statistics in Medicine 17:857-872, Table II, method 3
    /// (Wilson score without continuity correction), to 4 decimal places.
    #[test]
    fn wilson_matches_newcombe_1998() {
        for (x, n, lower, upper) in
            [(81, 263, 0.2553, 0.3662), (15, 148, 0.0624, 0.1605), (0, 20, 0.0, 0.1611), (1, 29, 0.0061, 0.1718)]
        {
            let (_, interval) = wilson(x, n).unwrap();
            assert!(
                close(interval.lower, lower, 0.00006) && close(interval.upper, upper, 0.00006),
                "{x}/{n}: {interval:?}"
            );
        }
    }

    #[test]
    fn wilson_is_undefined_without_trials_or_with_more_successes_than_trials() {
        assert_eq!(wilson(0, 0), None);
        assert_eq!(wilson(5, 4), None);
        let (p, interval) = wilson(20, 20).unwrap();
        assert_eq!(p, 1.0);
        assert_eq!(interval.upper, 1.0);
    }

    /// Exact Poisson 95% limits (tables in APHO TB3 and Breslow & Day 1987, Appendix II):
    /// 0 -> (0, 3.689), 1 -> (0.0253, 5.572), 5 -> (1.624, 11.668), 9 -> (4.115, 17.085).
    #[test]
    fn small_counts_use_exact_poisson_limits() {
        for (o, lower, upper) in [(0, 0.0, 3.689), (1, 0.0253, 5.572), (5, 1.624, 11.668), (9, 4.115, 17.085)] {
            let interval = poisson_count_interval(o);
            assert!(close(interval.lower, lower, 0.001) && close(interval.upper, upper, 0.001), "{o}: {interval:?}");
        }
    }

    /// Byar's approximation agrees with the exact limits to about 0.01 at 10 and beyond:
    /// exact limits for 10 are (4.795, 18.390), for 100 (81.36, 121.63).
    #[test]
    fn byar_approximation_from_ten_events() {
        for (o, lower, upper) in [(10, 4.795, 18.390), (100, 81.36, 121.63)] {
            let interval = poisson_count_interval(o);
            assert!(close(interval.lower, lower, 0.02) && close(interval.upper, upper, 0.02), "{o}: {interval:?}");
        }
        let (value, interval) = rate(100, 50_000, 1000.0).unwrap();
        assert!(close(value, 2.0, 1e-12));
        assert!(close(interval.lower, 81.36 / 50.0, 0.001) && close(interval.upper, 121.63 / 50.0, 0.001));
    }

    #[test]
    fn verdicts_read_the_interval_against_the_benchmark_through_polarity() {
        let interval = Interval { lower: 0.40, upper: 0.50 };
        assert_eq!(Verdict::of(interval, 0.30), Verdict::Higher);
        assert_eq!(Verdict::of(interval, 0.45), Verdict::Similar);
        assert_eq!(Verdict::of(interval, 0.60), Verdict::Lower);
        assert_eq!(Significance::of(Verdict::Higher, Polarity::HigherIsBetter), Significance::Better);
        assert_eq!(Significance::of(Verdict::Higher, Polarity::LowerIsBetter), Significance::Worse);
        assert_eq!(Significance::of(Verdict::Lower, Polarity::LowerIsBetter), Significance::Better);
        assert_eq!(Significance::of(Verdict::Similar, Polarity::LowerIsBetter), Significance::Similar);
        assert_eq!(Significance::of(Verdict::Lower, Polarity::NoJudgement), Significance::NotCompared);
    }
}
