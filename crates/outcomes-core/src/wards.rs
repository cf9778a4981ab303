//! Ward comparisons: each ward's value on a measure with its 95% interval, its significance
//! against a benchmark, its rank, a summary of its deprivation (IMD 2019), and the gap between
//! the most and least deprived fifths of the wards compared.
//!
//! The interval methods are those of [`crate::stats`] (Wilson score for percentages; Byar's
//! approximation, exact Poisson limits below 10 events, for rates per 1,000), which are tested
//! there against published examples. This module only applies them to published numerators and
//! denominators and puts the results in order. Everything here is pure and works on published
//! (rounded or suppressed) counts: a suppressed count gives a withheld value (`[c]`), which is
//! never ranked, never compared and never treated as zero.
//!
//! # Deprivation summary
//!
//! A ward's deprivation score is the **average IMD 2019 national decile of its LSOAs, weighted
//! by households** (1 = most deprived, 10 = least deprived); see `docs/methods.md` for why this
//! and not the share of LSOAs in the most deprived 20%, which is also computed and shown.

use crate::funnel::Derived;
use crate::stats::{rate, wilson, Interval, Significance, Verdict};
use crate::{Count, Lsoa, MeasureUnit, Polarity};
use std::cmp::Ordering;

/// A measure's value with its 95% interval, in the units it is shown in: percent (0 to 100)
/// for a percentage, events per 1,000 for a rate.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Estimate {
    pub value: f64,
    pub interval: Interval,
}

/// The value of a measure from its published numerator and denominator, with its 95%
/// interval: Wilson for a percentage, Byar / exact Poisson for a rate per 1,000.
///
/// A suppressed numerator or denominator gives `Suppressed` (`[c]`); a denominator of zero (or,
/// for a percentage, a numerator above the denominator) gives `NotApplicable` (`[z]`).
pub fn estimate(unit: MeasureUnit, numerator: Count, denominator: Count) -> Derived<Estimate> {
    let (Count::Value(x), Count::Value(n)) = (numerator, denominator) else {
        return Derived::Suppressed;
    };
    let found = match unit {
        MeasureUnit::Percentage => wilson(x, n).map(|(p, i)| (p * 100.0, scale(i, 100.0))),
        MeasureUnit::RatePer1000 => rate(x, n, 1000.0),
    };
    match found {
        Some((value, interval)) => Derived::Value(Estimate { value, interval }),
        None => Derived::NotApplicable,
    }
}

fn scale(interval: Interval, by: f64) -> Interval {
    Interval { lower: interval.lower * by, upper: interval.upper * by }
}

/// Better, similar or worse than the benchmark value, read through the polarity; not compared
/// when either value is missing or the measure has no polarity.
pub fn significance(value: Derived<Estimate>, benchmark: Derived<Estimate>, polarity: Polarity) -> Significance {
    match (value, benchmark) {
        (Derived::Value(area), Derived::Value(benchmark)) => {
            Significance::of(Verdict::of(area.interval, benchmark.value), polarity)
        }
        _ => Significance::NotCompared,
    }
}

/// A value as the table shows it, one decimal place: `12.3%` for a percentage, `4.5` for a
/// rate (the column says "per 1,000"); symbols for values that are not shown.
pub fn format_value(unit: MeasureUnit, value: Derived<f64>) -> String {
    match value {
        Derived::Value(v) => match unit {
            MeasureUnit::Percentage => format!("{v:.1}%"),
            MeasureUnit::RatePer1000 => format!("{v:.1}"),
        },
        other => other.symbol().to_owned(),
    }
}

/// A value in a sentence: `12.3%` or `4.5 per 1,000`.
pub fn value_in_words(unit: MeasureUnit, value: f64) -> String {
    match unit {
        MeasureUnit::Percentage => format!("{value:.1}%"),
        MeasureUnit::RatePer1000 => format!("{value:.1} per 1,000"),
    }
}

/// What a difference between two values is measured in.
pub fn difference_unit(unit: MeasureUnit) -> &'static str {
    match unit {
        MeasureUnit::Percentage => "percentage points",
        MeasureUnit::RatePer1000 => "per 1,000",
    }
}

// ---------------------------------------------------------------------------------------------
// Deprivation

/// A ward's deprivation, summarised from its LSOAs' IMD 2019 national deciles.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Deprivation {
    /// How many LSOAs the ward has.
    pub lsoas: usize,
    /// How many of them are in national deciles 1 and 2 (the most deprived 20% in England).
    pub lsoas_most_deprived_20: usize,
    /// The average national decile of its LSOAs, weighted by households (unweighted when no
    /// LSOA has households): the ward's deprivation score, lower is more deprived.
    pub average_decile: f64,
}

impl Deprivation {
    /// Share of the ward's LSOAs in the most deprived 20% nationally (0 to 1).
    pub fn share_most_deprived_20(&self) -> f64 {
        self.lsoas_most_deprived_20 as f64 / self.lsoas as f64
    }

    pub fn band(&self) -> DeprivationBand {
        DeprivationBand::of(self.average_decile)
    }
}

/// Summarises a ward's LSOAs; `None` when the ward has none.
pub fn ward_deprivation<'a>(lsoas: impl IntoIterator<Item = &'a Lsoa>) -> Option<Deprivation> {
    let (mut count, mut deprived, mut weighted, mut households, mut plain) = (0usize, 0usize, 0f64, 0f64, 0f64);
    for lsoa in lsoas {
        let decile = f64::from(lsoa.imd_national_decile);
        count += 1;
        deprived += usize::from(lsoa.imd_national_decile <= 2);
        weighted += decile * f64::from(lsoa.households);
        households += f64::from(lsoa.households);
        plain += decile;
    }
    (count > 0).then(|| Deprivation {
        lsoas: count,
        lsoas_most_deprived_20: deprived,
        average_decile: if households > 0.0 { weighted / households } else { plain / count as f64 },
    })
}

/// Bands of the average national decile, for colouring a chart by deprivation. Fixed bands (not
/// fifths of the wards shown), so a colour means the same thing whichever wards are compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DeprivationBand {
    /// Average decile below 3.
    MostDeprived,
    /// 3 to below 5.
    MoreDeprived,
    /// 5 to below 7.
    Middle,
    /// 7 to below 9.
    LessDeprived,
    /// 9 or more.
    LeastDeprived,
}

impl DeprivationBand {
    pub const ALL: [DeprivationBand; 5] = [
        DeprivationBand::MostDeprived,
        DeprivationBand::MoreDeprived,
        DeprivationBand::Middle,
        DeprivationBand::LessDeprived,
        DeprivationBand::LeastDeprived,
    ];

    pub fn of(average_decile: f64) -> DeprivationBand {
        match average_decile {
            d if d < 3.0 => DeprivationBand::MostDeprived,
            d if d < 5.0 => DeprivationBand::MoreDeprived,
            d if d < 7.0 => DeprivationBand::Middle,
            d if d < 9.0 => DeprivationBand::LessDeprived,
            _ => DeprivationBand::LeastDeprived,
        }
    }

    /// The band's name alone, for table cells: "most deprived".
    pub fn name(self) -> &'static str {
        match self {
            DeprivationBand::MostDeprived => "most deprived",
            DeprivationBand::MoreDeprived => "more deprived",
            DeprivationBand::Middle => "middle",
            DeprivationBand::LessDeprived => "less deprived",
            DeprivationBand::LeastDeprived => "least deprived",
        }
    }

    /// The band's name with its range: "most deprived (average decile below 3)".
    pub fn words(self) -> &'static str {
        match self {
            DeprivationBand::MostDeprived => "most deprived (average decile below 3)",
            DeprivationBand::MoreDeprived => "more deprived (average decile 3 to 4.9)",
            DeprivationBand::Middle => "middle (average decile 5 to 6.9)",
            DeprivationBand::LessDeprived => "less deprived (average decile 7 to 8.9)",
            DeprivationBand::LeastDeprived => "least deprived (average decile 9 or more)",
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Ranking

/// One ward as it goes into a comparison.
#[derive(Clone, Debug, PartialEq)]
pub struct WardFigures {
    pub code: String,
    pub name: String,
    /// The ward's district code.
    pub district: String,
    /// The published numerator and denominator; `None` when the release has no value for the
    /// ward (`[x]`, not available).
    pub numerator: Option<Count>,
    pub denominator: Option<Count>,
    pub value: Derived<Estimate>,
    /// The benchmark's name and value (the county's, or the ward's district's).
    pub benchmark_name: String,
    pub benchmark: Derived<Estimate>,
    pub deprivation: Option<Deprivation>,
}

/// A ward after ranking.
#[derive(Clone, Debug, PartialEq)]
pub struct RankedWard {
    pub figures: WardFigures,
    pub significance: Significance,
    /// 1 is the best (or, for a measure with no polarity, the highest); wards with equal values
    /// share a rank ("1, 2, 2, 4"). `None` for a ward with no value, which is never ranked.
    pub rank: Option<usize>,
}

/// The wards of a comparison in rank order (wards without a value last, by name).
#[derive(Clone, Debug, PartialEq)]
pub struct Ranking {
    pub wards: Vec<RankedWard>,
    /// Wards left out of the ranking because their value is withheld (`[c]`).
    pub suppressed: usize,
    /// Wards left out because their value is not applicable (`[z]`, no denominator) or not
    /// available (`[x]`, not in the release).
    pub not_applicable: usize,
}

impl Ranking {
    pub fn ranked(&self) -> impl Iterator<Item = &RankedWard> {
        self.wards.iter().filter(|w| w.rank.is_some())
    }
}

/// Whether rank 1 is the highest value: yes unless lower is better.
pub fn highest_first(polarity: Polarity) -> bool {
    !matches!(polarity, Polarity::LowerIsBetter)
}

/// Ranks wards from best to worst (highest first when the measure has no polarity); equal
/// values share a rank and are listed by name. Wards without a value are not ranked.
pub fn rank_wards(wards: Vec<WardFigures>, polarity: Polarity) -> Ranking {
    let highest = highest_first(polarity);
    let mut with_value: Vec<(f64, WardFigures)> = Vec::new();
    let mut without: Vec<WardFigures> = Vec::new();
    let (mut suppressed, mut not_applicable) = (0, 0);
    for ward in wards {
        match ward.value {
            Derived::Value(estimate) if estimate.value.is_finite() => with_value.push((estimate.value, ward)),
            Derived::Suppressed => {
                suppressed += 1;
                without.push(ward);
            }
            _ => {
                not_applicable += 1;
                without.push(ward);
            }
        }
    }
    with_value.sort_by(|(a, wa), (b, wb)| {
        let by_value = if highest { b.total_cmp(a) } else { a.total_cmp(b) };
        by_value.then_with(|| wa.name.cmp(&wb.name)).then_with(|| wa.code.cmp(&wb.code))
    });
    without.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.code.cmp(&b.code)));
    let mut ranked = Vec::with_capacity(with_value.len() + without.len());
    let mut previous: Option<(f64, usize)> = None;
    for (position, (value, figures)) in with_value.into_iter().enumerate() {
        let rank = match previous {
            Some((last, rank)) if last == value => rank,
            _ => position + 1,
        };
        previous = Some((value, rank));
        let significance = significance(figures.value, figures.benchmark, polarity);
        ranked.push(RankedWard { figures, significance, rank: Some(rank) });
    }
    ranked.extend(without.into_iter().map(|figures| RankedWard {
        figures,
        significance: Significance::NotCompared,
        rank: None,
    }));
    Ranking { wards: ranked, suppressed, not_applicable }
}

/// How many ranked wards are better, similar, worse and not compared.
pub fn significance_counts(ranking: &Ranking) -> [(Significance, usize); 4] {
    let count = |s: Significance| ranking.wards.iter().filter(|w| w.significance == s).count();
    [
        (Significance::Better, count(Significance::Better)),
        (Significance::Similar, count(Significance::Similar)),
        (Significance::Worse, count(Significance::Worse)),
        (Significance::NotCompared, count(Significance::NotCompared)),
    ]
}

// ---------------------------------------------------------------------------------------------
// The deprivation gap

/// One fifth of the wards compared, by deprivation score.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fifth {
    pub wards: usize,
    /// The mean of the wards' values (each ward counts once).
    pub mean_value: f64,
    /// The lowest and highest average decile among its wards.
    pub decile_from: f64,
    pub decile_to: f64,
}

/// The gap between the most and the least deprived fifth of wards.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DeprivationGap {
    pub most_deprived: Fifth,
    pub least_deprived: Fifth,
    /// Most deprived fifth's mean minus the least deprived fifth's.
    pub difference: f64,
}

/// The fewest wards with a value and a deprivation score for which fifths are formed.
pub const MIN_WARDS_FOR_GAP: usize = 5;

/// Orders the wards that have both a value and a deprivation score by score (most deprived,
/// i.e. lowest average decile, first; equal scores by the order given), takes the first and the
/// last fifth (`n / 5` wards each, rounded down), and compares the mean of their values.
///
/// Mean values, not pooled numerators and denominators: the published counts are rounded and
/// may be suppressed, and adding them up would make a figure that was never published.
/// `points` are (deprivation score, value) pairs; `None` with fewer than five of them.
pub fn deprivation_gap(points: &[(f64, f64)]) -> Option<DeprivationGap> {
    let mut points: Vec<(f64, f64)> =
        points.iter().copied().filter(|(score, value)| score.is_finite() && value.is_finite()).collect();
    if points.len() < MIN_WARDS_FOR_GAP {
        return None;
    }
    points.sort_by(|a, b| a.0.partial_cmp(&b.0).unwrap_or(Ordering::Equal));
    let size = points.len() / 5;
    let fifth = |slice: &[(f64, f64)]| Fifth {
        wards: slice.len(),
        mean_value: slice.iter().map(|(_, v)| v).sum::<f64>() / slice.len() as f64,
        decile_from: slice.first().map_or(0.0, |p| p.0),
        decile_to: slice.last().map_or(0.0, |p| p.0),
    };
    let most_deprived = fifth(&points[..size]);
    let least_deprived = fifth(&points[points.len() - size..]);
    Some(DeprivationGap {
        most_deprived,
        least_deprived,
        difference: most_deprived.mean_value - least_deprived.mean_value,
    })
}

/// The gap in a sentence, read through the measure's polarity.
pub fn gap_in_words(gap: &DeprivationGap, unit: MeasureUnit, polarity: Polarity) -> String {
    let most = &gap.most_deprived;
    let least = &gap.least_deprived;
    let size = abs_rounded(gap.difference);
    let direction = if size == 0.0 {
        "no gap, to one decimal place".to_owned()
    } else {
        let higher_or_lower = if gap.difference > 0.0 { "higher" } else { "lower" };
        let judgement = match (polarity, gap.difference > 0.0) {
            (Polarity::NoJudgement, _) => String::new(),
            (Polarity::HigherIsBetter, true) | (Polarity::LowerIsBetter, false) => {
                " (better) in the most deprived wards".to_owned()
            }
            _ => " (worse) in the most deprived wards".to_owned(),
        };
        let judgement = if judgement.is_empty() { " in the most deprived wards".to_owned() } else { judgement };
        format!("a gap of {size:.1} {}, {higher_or_lower}{judgement}", difference_unit(unit))
    };
    format!(
        "The most deprived fifth of wards ({} wards, average decile {:.1} to {:.1}) averaged {}; the least deprived \
         fifth ({} wards, average decile {:.1} to {:.1}) averaged {}: {direction}.",
        crate::format::thousands(most.wards),
        most.decile_from,
        most.decile_to,
        value_in_words(unit, most.mean_value),
        crate::format::thousands(least.wards),
        least.decile_from,
        least.decile_to,
        value_in_words(unit, least.mean_value),
    )
}

/// |x| rounded to one decimal place, so the words agree with the figures shown.
fn abs_rounded(x: f64) -> f64 {
    (x.abs() * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tolerance: f64) -> bool {
        (a - b).abs() <= tolerance
    }

    fn lsoa(decile: u8, households: u32) -> Lsoa {
        Lsoa {
            code: "E01900001".into(),
            name: "Fenland 002C".into(),
            ward: "E05900001".into(),
            imd_national_decile: decile,
            imd_local_decile: decile,
            households,
        }
    }

    fn ward(name: &str, numerator: Count, denominator: Count, benchmark: f64) -> WardFigures {
        let unit = MeasureUnit::Percentage;
        WardFigures {
            code: format!("E05{name}"),
            name: name.into(),
            district: "E07000010".into(),
            numerator: Some(numerator),
            denominator: Some(denominator),
            value: estimate(unit, numerator, denominator),
            benchmark_name: "Fenland".into(),
            benchmark: Derived::Value(Estimate {
                value: benchmark,
                interval: Interval { lower: benchmark, upper: benchmark },
            }),
            deprivation: None,
        }
    }

    /// Worked example (Newcombe 1998, Table II, as in `stats`): 81 of 263 is 30.8%, Wilson
    /// 25.53% to 36.62%; as a percentage the interval is scaled by 100, nothing else.
    #[test]
    fn percentages_use_the_wilson_interval_in_percent() {
        let Derived::Value(e) = estimate(MeasureUnit::Percentage, Count::Value(81), Count::Value(263)) else {
            panic!("expected a value")
        };
        assert!(close(e.value, 30.798, 0.001));
        assert!(close(e.interval.lower, 25.53, 0.01) && close(e.interval.upper, 36.62, 0.01), "{e:?}");
    }

    /// Worked example: 100 events in 50,000 people is 2.0 per 1,000; Byar's limits for 100
    /// events are 81.37 and 121.63 (APHO TB3; exact 81.36, 121.63), so 1.627 to 2.433 per 1,000.
    /// 5 events in 2,000: exact Poisson limits 1.624 and 11.668 give 0.812 to 5.834 per 1,000.
    #[test]
    fn rates_use_byar_or_exact_poisson_limits_per_1000() {
        let Derived::Value(e) = estimate(MeasureUnit::RatePer1000, Count::Value(100), Count::Value(50_000)) else {
            panic!()
        };
        assert!(close(e.value, 2.0, 1e-12));
        assert!(close(e.interval.lower, 1.627, 0.001) && close(e.interval.upper, 2.433, 0.001), "{e:?}");
        let Derived::Value(small) = estimate(MeasureUnit::RatePer1000, Count::Value(5), Count::Value(2000)) else {
            panic!()
        };
        assert!(close(small.interval.lower, 0.812, 0.001) && close(small.interval.upper, 5.834, 0.001), "{small:?}");
    }

    #[test]
    fn suppressed_inputs_are_withheld_and_empty_denominators_not_applicable() {
        for unit in [MeasureUnit::Percentage, MeasureUnit::RatePer1000] {
            assert_eq!(estimate(unit, Count::Suppressed, Count::Value(100)), Derived::Suppressed);
            assert_eq!(estimate(unit, Count::Value(10), Count::Suppressed), Derived::Suppressed);
            assert_eq!(estimate(unit, Count::Value(0), Count::Value(0)), Derived::NotApplicable);
        }
        assert_eq!(format_value(MeasureUnit::Percentage, Derived::Suppressed), "[c]");
        assert_eq!(format_value(MeasureUnit::RatePer1000, Derived::NotApplicable), "[z]");
        assert_eq!(format_value(MeasureUnit::Percentage, Derived::Value(12.345)), "12.3%");
        assert_eq!(format_value(MeasureUnit::RatePer1000, Derived::Value(4.25)), "4.2");
    }

    /// Worked example: benchmark 50%. A: 81/263 (25.5% to 36.6%) lies wholly below it; B:
    /// 30/60 (37.8% to 62.2%) contains it; C: 90/100 (82.6% to 94.5%) lies above it. With
    /// "higher is better", C is better, B similar, A worse, and the order is C, B, A; with
    /// "lower is better" the verdicts and the order turn round. Suppressed D is not ranked.
    #[test]
    fn ranks_best_first_with_significance_through_polarity() {
        let wards = || {
            vec![
                ward("A", Count::Value(81), Count::Value(263), 50.0),
                ward("B", Count::Value(30), Count::Value(60), 50.0),
                ward("C", Count::Value(90), Count::Value(100), 50.0),
                ward("D", Count::Suppressed, Count::Value(40), 50.0),
                ward("E", Count::Value(0), Count::Value(0), 50.0),
            ]
        };
        let ranking = rank_wards(wards(), Polarity::HigherIsBetter);
        let order: Vec<(&str, Option<usize>, Significance)> =
            ranking.wards.iter().map(|w| (w.figures.name.as_str(), w.rank, w.significance)).collect();
        assert_eq!(
            order,
            vec![
                ("C", Some(1), Significance::Better),
                ("B", Some(2), Significance::Similar),
                ("A", Some(3), Significance::Worse),
                ("D", None, Significance::NotCompared),
                ("E", None, Significance::NotCompared),
            ]
        );
        assert_eq!((ranking.suppressed, ranking.not_applicable), (1, 1));
        assert_eq!(ranking.ranked().count(), 3);

        let lower = rank_wards(wards(), Polarity::LowerIsBetter);
        let order: Vec<(&str, Significance)> =
            lower.ranked().map(|w| (w.figures.name.as_str(), w.significance)).collect();
        assert_eq!(order, vec![("A", Significance::Better), ("B", Significance::Similar), ("C", Significance::Worse)]);

        let none = rank_wards(wards(), Polarity::NoJudgement);
        assert!(none.ranked().all(|w| w.significance == Significance::NotCompared));
        assert_eq!(none.wards[0].figures.name, "C", "highest first when there is no polarity");
    }

    #[test]
    fn equal_values_share_a_rank() {
        let ranking = rank_wards(
            vec![
                ward("Z", Count::Value(20), Count::Value(100), 50.0),
                ward("Y", Count::Value(10), Count::Value(50), 50.0),
                ward("X", Count::Value(50), Count::Value(100), 50.0),
                ward("W", Count::Value(5), Count::Value(100), 50.0),
            ],
            Polarity::HigherIsBetter,
        );
        let ranks: Vec<(&str, Option<usize>)> =
            ranking.wards.iter().map(|w| (w.figures.name.as_str(), w.rank)).collect();
        assert_eq!(ranks, vec![("X", Some(1)), ("Y", Some(2)), ("Z", Some(2)), ("W", Some(4))]);
    }

    #[test]
    fn a_missing_benchmark_means_not_compared() {
        let mut figures = ward("A", Count::Value(81), Count::Value(263), 50.0);
        figures.benchmark = Derived::Suppressed;
        let ranking = rank_wards(vec![figures], Polarity::HigherIsBetter);
        assert_eq!(ranking.wards[0].significance, Significance::NotCompared);
        assert_eq!(ranking.wards[0].rank, Some(1));
    }

    /// Worked example: LSOAs in deciles 1 (600 households), 2 (200) and 9 (200): two of three
    /// in the most deprived 20%; average decile weighted by households
    /// (1×600 + 2×200 + 9×200) / 1000 = 2.8; unweighted it would be 4.0.
    #[test]
    fn deprivation_is_the_household_weighted_average_decile() {
        let lsoas = [lsoa(1, 600), lsoa(2, 200), lsoa(9, 200)];
        let d = ward_deprivation(&lsoas).unwrap();
        assert_eq!((d.lsoas, d.lsoas_most_deprived_20), (3, 2));
        assert!(close(d.average_decile, 2.8, 1e-12));
        assert!(close(d.share_most_deprived_20(), 2.0 / 3.0, 1e-12));
        assert_eq!(d.band(), DeprivationBand::MostDeprived);
        let unweighted = ward_deprivation(&[lsoa(1, 0), lsoa(2, 0), lsoa(9, 0)]).unwrap();
        assert!(close(unweighted.average_decile, 4.0, 1e-12));
        assert_eq!(ward_deprivation(&[]), None);
    }

    #[test]
    fn deprivation_bands_have_fixed_edges() {
        assert_eq!(DeprivationBand::of(1.0), DeprivationBand::MostDeprived);
        assert_eq!(DeprivationBand::of(2.99), DeprivationBand::MostDeprived);
        assert_eq!(DeprivationBand::of(3.0), DeprivationBand::MoreDeprived);
        assert_eq!(DeprivationBand::of(6.5), DeprivationBand::Middle);
        assert_eq!(DeprivationBand::of(8.99), DeprivationBand::LessDeprived);
        assert_eq!(DeprivationBand::of(10.0), DeprivationBand::LeastDeprived);
    }

    /// Worked example: ten wards, scores 1..10 with values 30, 28, 20, 22, 18, 15, 12, 14, 10, 6.
    /// Fifths are two wards each: most deprived (scores 1 and 2) mean 29, least deprived
    /// (9 and 10) mean 8: a gap of 21 percentage points.
    #[test]
    fn gap_between_fifths_of_mean_values() {
        let values = [30.0, 28.0, 20.0, 22.0, 18.0, 15.0, 12.0, 14.0, 10.0, 6.0];
        // Given out of order, to check the sort.
        let mut points: Vec<(f64, f64)> = values.iter().enumerate().map(|(i, v)| ((i + 1) as f64, *v)).collect();
        points.reverse();
        let gap = deprivation_gap(&points).unwrap();
        assert_eq!(gap.most_deprived.wards, 2);
        assert!(close(gap.most_deprived.mean_value, 29.0, 1e-12));
        assert!(close(gap.least_deprived.mean_value, 8.0, 1e-12));
        assert!(close(gap.difference, 21.0, 1e-12));
        assert_eq!((gap.most_deprived.decile_from, gap.most_deprived.decile_to), (1.0, 2.0));
        assert_eq!((gap.least_deprived.decile_from, gap.least_deprived.decile_to), (9.0, 10.0));
        assert_eq!(
            gap_in_words(&gap, MeasureUnit::Percentage, Polarity::LowerIsBetter),
            "The most deprived fifth of wards (2 wards, average decile 1.0 to 2.0) averaged 29.0%; the least deprived \
             fifth (2 wards, average decile 9.0 to 10.0) averaged 8.0%: a gap of 21.0 percentage points, higher \
             (worse) in the most deprived wards."
        );
        // Eleven wards still make fifths of two (11 / 5 rounded down); four make none.
        points.push((5.5, 17.0));
        assert_eq!(deprivation_gap(&points).unwrap().most_deprived.wards, 2);
        assert_eq!(deprivation_gap(&points[..4]), None);
    }

    #[test]
    fn gap_words_follow_polarity_and_units() {
        let gap = DeprivationGap {
            most_deprived: Fifth { wards: 3, mean_value: 2.0, decile_from: 1.5, decile_to: 3.0 },
            least_deprived: Fifth { wards: 3, mean_value: 5.0, decile_from: 9.0, decile_to: 9.8 },
            difference: -3.0,
        };
        let words = gap_in_words(&gap, MeasureUnit::RatePer1000, Polarity::HigherIsBetter);
        assert!(words.ends_with("a gap of 3.0 per 1,000, lower (worse) in the most deprived wards."), "{words}");
        let neutral = gap_in_words(&gap, MeasureUnit::RatePer1000, Polarity::NoJudgement);
        assert!(neutral.ends_with("lower in the most deprived wards."), "{neutral}");
        let none = DeprivationGap { difference: 0.01, ..gap };
        assert!(gap_in_words(&none, MeasureUnit::Percentage, Polarity::HigherIsBetter)
            .ends_with("no gap, to one decimal place."));
    }
}
