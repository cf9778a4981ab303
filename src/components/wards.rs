//! The ward comparison panels: wards ranked with 95% intervals against a benchmark (chart, key in
//! words, sortable table, CSV), and the measure against deprivation (scatter, the gap between the
//! most and least deprived fifths in words, a table). The figures come from
//! `outcomes_core::wards`; this module only gathers the feed's rows and renders.

use super::sortable::{SortDirection, SortKey, SortState, SortableColumn, SortableTable};
use super::{CsvDownload, EChart};
use crate::charts::wards::{
    deprivation_scatter, ranked_chart, ranked_chart_height, ChartWard, FifthLine, Group, ScatterWard,
};
use crate::pages::wards::selection::{Colouring, WardsSelection};
use leptos::prelude::*;
use outcomes_core::csv::to_csv;
use outcomes_core::format::thousands;
use outcomes_core::funnel::Derived;
use outcomes_core::stats::Significance;
use outcomes_core::wards::{
    deprivation_gap, estimate, format_value, gap_in_words, highest_first, rank_wards, significance_counts,
    value_in_words, ward_deprivation, Deprivation, DeprivationBand, Estimate, RankedWard, Ranking, WardFigures,
};
use outcomes_core::{Count, Feed, Measure, MeasureUnit, Polarity, Quarter};
use std::collections::HashMap;
use std::sync::Arc;

// ---------------------------------------------------------------------------------------------
// Gathering the figures

/// Published (numerator, denominator) of one measure in one quarter, by area code.
pub fn measure_values<'a>(feed: &'a Feed, measure: &str, period: Quarter) -> HashMap<&'a str, (Count, Count)> {
    feed.document()
        .measures
        .values
        .iter()
        .filter(|v| v.measure == measure && v.period == period)
        .map(|v| (v.area.as_str(), (v.numerator, v.denominator)))
        .collect()
}

/// Each ward's deprivation summary from its LSOAs.
pub fn deprivation_by_ward(feed: &Feed) -> HashMap<&str, Deprivation> {
    let mut lsoas: HashMap<&str, Vec<&outcomes_core::Lsoa>> = HashMap::new();
    for lsoa in &feed.document().geography.lsoas {
        lsoas.entry(lsoa.ward.as_str()).or_default().push(lsoa);
    }
    lsoas.into_iter().filter_map(|(ward, list)| ward_deprivation(list).map(|d| (ward, d))).collect()
}

/// The value of a published (numerator, denominator) pair, `[x]` (as not applicable) if absent.
pub fn value_of(unit: MeasureUnit, pair: Option<&(Count, Count)>) -> Derived<Estimate> {
    match pair {
        Some((numerator, denominator)) => estimate(unit, *numerator, *denominator),
        None => Derived::NotApplicable,
    }
}

/// Everything the comparison shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    pub measure: Measure,
    pub ranking: Ranking,
    /// The benchmark in words: the county's name, or "each ward's district".
    pub benchmark_words: String,
}

pub fn compare(feed: &Feed, selection: &WardsSelection) -> Option<Comparison> {
    let measure = selection.measure(feed)?.clone();
    let values = measure_values(feed, &measure.id, selection.period);
    let deprivation = deprivation_by_ward(feed);
    let figures: Vec<WardFigures> = selection
        .wards(feed)
        .into_iter()
        .map(|ward| {
            let pair = values.get(ward.code.as_str());
            let benchmark_code = selection.benchmark_code(feed, ward);
            WardFigures {
                code: ward.code.clone(),
                name: ward.name.clone(),
                district: ward.district.clone(),
                numerator: pair.map(|p| p.0),
                denominator: pair.map(|p| p.1),
                value: value_of(measure.unit, pair),
                benchmark_name: feed.area(benchmark_code).map(|a| a.name.clone()).unwrap_or_default(),
                benchmark: value_of(measure.unit, values.get(benchmark_code)),
                deprivation: deprivation.get(ward.code.as_str()).copied(),
            }
        })
        .collect();
    let benchmark_words = match selection.benchmark {
        crate::filters::Benchmark::County => feed.county().name.clone(),
        crate::filters::Benchmark::District => "each ward's district".to_owned(),
    };
    Some(Comparison { ranking: rank_wards(figures, measure.polarity), measure, benchmark_words })
}

// ---------------------------------------------------------------------------------------------
// Words, colours and symbols

/// Colours for significance (blue / yellow / red / white, each named in words in the legend and
/// the table, so colour is never the only signal). Pale fills are drawn with an outline.
pub fn significance_group(significance: Significance) -> Group {
    let (colour, outlined) = match significance {
        Significance::Better => ("#1d70b8", false),
        Significance::Similar => ("#ffdd00", true),
        Significance::Worse => ("#d4351c", false),
        Significance::NotCompared => ("#ffffff", true),
    };
    Group { name: capitalise(significance.words()), colour, outlined }
}

pub const SIGNIFICANCE_ORDER: [Significance; 4] =
    [Significance::Better, Significance::Similar, Significance::Worse, Significance::NotCompared];

/// Colours for deprivation bands: darker is more deprived.
pub fn deprivation_group(band: Option<DeprivationBand>) -> Group {
    let (colour, outlined) = match band {
        Some(DeprivationBand::MostDeprived) => ("#0d0887", false),
        Some(DeprivationBand::MoreDeprived) => ("#6a00a8", false),
        Some(DeprivationBand::Middle) => ("#b12a90", false),
        Some(DeprivationBand::LessDeprived) => ("#e16462", false),
        Some(DeprivationBand::LeastDeprived) => ("#fca636", true),
        None => ("#ffffff", true),
    };
    let name = band.map_or("Deprivation not known (no LSOAs)".to_owned(), |b| capitalise(b.words()));
    Group { name, colour, outlined }
}

fn capitalise(words: &str) -> String {
    let mut chars = words.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// The GOV.UK tag class that goes with a significance (the words are always inside the tag).
fn significance_tag(significance: Significance) -> &'static str {
    match significance {
        Significance::Better => "govuk-tag",
        Significance::Similar => "govuk-tag govuk-tag--yellow",
        Significance::Worse => "govuk-tag govuk-tag--red",
        Significance::NotCompared => "govuk-tag govuk-tag--grey",
    }
}

/// The symbol shown where a value is missing: `[c]` withheld, `[x]` not in the release, `[z]`
/// not applicable.
pub fn missing_symbol(figures: &WardFigures) -> &'static str {
    match (figures.numerator, figures.value) {
        (None, _) => "[x]",
        (_, Derived::Suppressed) => "[c]",
        _ => "[z]",
    }
}

fn shown(unit: MeasureUnit, value: Derived<Estimate>, pick: fn(&Estimate) -> f64, missing: &str) -> String {
    match value {
        Derived::Value(estimate) => format_value(unit, Derived::Value(pick(&estimate))),
        _ => missing.to_owned(),
    }
}

/// The column heading for values: "Percentage" or "Rate per 1,000".
pub fn unit_heading(unit: MeasureUnit) -> &'static str {
    match unit {
        MeasureUnit::Percentage => "Percentage",
        MeasureUnit::RatePer1000 => "Rate per 1,000",
    }
}

pub fn polarity_words(polarity: Polarity) -> &'static str {
    match polarity {
        Polarity::HigherIsBetter => "A higher value is better.",
        Polarity::LowerIsBetter => "A lower value is better.",
        Polarity::NoJudgement => {
            "Neither a higher nor a lower value is better: wards are not judged against the benchmark."
        }
    }
}

fn plain(value: f64) -> String {
    format!("{value:.1}")
}

fn csv_count(count: Option<Count>) -> String {
    match count {
        Some(Count::Value(v)) => v.to_string(),
        Some(Count::Suppressed) => "[c]".into(),
        None => "[x]".into(),
    }
}

fn csv_number(value: Derived<Estimate>, pick: fn(&Estimate) -> f64, missing: &str) -> String {
    match value {
        Derived::Value(estimate) => format!("{:.2}", pick(&estimate)),
        _ => missing.to_owned(),
    }
}

// ---------------------------------------------------------------------------------------------
// The ranked panel

/// A row of the ranked table.
#[derive(Clone, Debug, PartialEq)]
pub struct WardRow {
    pub ward: RankedWard,
    pub district_name: String,
    pub href: String,
    pub unit: MeasureUnit,
}

impl WardRow {
    fn missing(&self) -> &'static str {
        missing_symbol(&self.ward.figures)
    }
}

fn matches_filter(row: &WardRow, needle: &str) -> bool {
    needle.is_empty()
        || row.ward.figures.name.to_lowercase().contains(needle)
        || row.district_name.to_lowercase().contains(needle)
}

fn significance_rank(significance: Significance) -> SortKey {
    match significance {
        Significance::Better => SortKey::Number(0.0),
        Significance::Similar => SortKey::Number(1.0),
        Significance::Worse => SortKey::Number(2.0),
        Significance::NotCompared => SortKey::Missing,
    }
}

fn value_key(pick: fn(&Estimate) -> f64) -> impl Fn(&WardRow) -> SortKey + Send + Sync + 'static {
    move |row: &WardRow| SortKey::number(row.ward.figures.value.value().map(|e| pick(&e)))
}

fn ward_columns(colour: Colouring, name_benchmark: bool) -> Vec<SortableColumn<WardRow>> {
    let mut columns = vec![
        SortableColumn::new("rank", "Rank", |row: &WardRow| {
            row.ward.rank.map_or("not ranked".to_owned(), |r| r.to_string()).into_any()
        })
        .numeric()
        .sort_by(|row| SortKey::number(row.ward.rank.map(|r| r as f64))),
        SortableColumn::new("ward", "Ward", |row: &WardRow| {
            view! { <a class="govuk-link" href=row.href.clone()>{row.ward.figures.name.clone()}</a> }.into_any()
        })
        .row_header()
        .sort_by(|row| SortKey::text(&row.ward.figures.name)),
        SortableColumn::new("district", "District", |row: &WardRow| row.district_name.clone().into_any())
            .sort_by(|row| SortKey::text(&row.district_name)),
        SortableColumn::new("value", "Value", |row: &WardRow| {
            shown(row.unit, row.ward.figures.value, |e| e.value, row.missing()).into_any()
        })
        .numeric()
        .sort_by(value_key(|e| e.value)),
        SortableColumn::new("lower", "Lower 95% limit", |row: &WardRow| {
            shown(row.unit, row.ward.figures.value, |e| e.interval.lower, row.missing()).into_any()
        })
        .numeric()
        .sort_by(value_key(|e| e.interval.lower)),
        SortableColumn::new("upper", "Upper 95% limit", |row: &WardRow| {
            shown(row.unit, row.ward.figures.value, |e| e.interval.upper, row.missing()).into_any()
        })
        .numeric()
        .sort_by(value_key(|e| e.interval.upper)),
        SortableColumn::new("benchmark", "Benchmark", move |row: &WardRow| {
            let figures = &row.ward.figures;
            let missing = if matches!(figures.benchmark, Derived::Suppressed) { "[c]" } else { "[x]" };
            view! {
                {shown(row.unit, figures.benchmark, |e| e.value, missing)}
                {name_benchmark.then(|| view! { <span class="app-table-note">{figures.benchmark_name.clone()}</span> })}
            }
            .into_any()
        })
        .numeric()
        .sort_by(|row| SortKey::number(row.ward.figures.benchmark.value().map(|e| e.value))),
        SortableColumn::new("significance", "Compared with benchmark", |row: &WardRow| {
            view! { <strong class=significance_tag(row.ward.significance)>{row.ward.significance.words()}</strong> }
                .into_any()
        })
        .sort_by(|row| significance_rank(row.ward.significance)),
        SortableColumn::new("imd", "Average IMD decile", |row: &WardRow| {
            row.ward.figures.deprivation.map_or("[x]".to_owned(), |d| plain(d.average_decile)).into_any()
        })
        .numeric()
        .sort_by(|row| SortKey::number(row.ward.figures.deprivation.map(|d| d.average_decile))),
        SortableColumn::new("most-deprived", "LSOAs in most deprived 20%", |row: &WardRow| {
            row.ward
                .figures
                .deprivation
                .map_or("[x]".to_owned(), |d| format!("{} of {}", d.lsoas_most_deprived_20, d.lsoas))
                .into_any()
        })
        .numeric()
        .sort_by(|row| SortKey::number(row.ward.figures.deprivation.map(|d| d.share_most_deprived_20()))),
    ];
    if colour == Colouring::Deprivation {
        columns.push(
            SortableColumn::new("band", "Deprivation band", |row: &WardRow| {
                row.ward.figures.deprivation.map_or("not known".to_owned(), |d| d.band().name().to_owned()).into_any()
            })
            .sort_by(|row| SortKey::number(row.ward.figures.deprivation.map(|d| d.average_decile))),
        );
    }
    columns
}

/// The main finding in words.
pub fn ranking_summary(comparison: &Comparison) -> String {
    let ranking = &comparison.ranking;
    let unit = comparison.measure.unit;
    let ranked: Vec<&RankedWard> = ranking.ranked().collect();
    let (Some(first), Some(last)) = (ranked.first(), ranked.last()) else {
        return "No ward has a published value for this measure and period, so none can be ranked.".into();
    };
    let value = |w: &RankedWard| w.figures.value.value().map(|e| value_in_words(unit, e.value)).unwrap_or_default();
    let ends = if comparison.measure.polarity == Polarity::NoJudgement {
        format!("Highest: {} ({}); lowest: {} ({}).", first.figures.name, value(first), last.figures.name, value(last))
    } else {
        format!("Best: {} ({}); worst: {} ({}).", first.figures.name, value(first), last.figures.name, value(last))
    };
    let counts = significance_counts(ranking);
    let verdicts = if comparison.measure.polarity == Polarity::NoJudgement {
        String::new()
    } else {
        format!(
            " Compared with {}: {} better, {} similar, {} worse{}.",
            comparison.benchmark_words,
            thousands(counts[0].1),
            thousands(counts[1].1),
            thousands(counts[2].1),
            if counts[3].1 > ranking.suppressed + ranking.not_applicable {
                format!(
                    ", {} not compared (no benchmark value)",
                    thousands(counts[3].1 - ranking.suppressed - ranking.not_applicable)
                )
            } else {
                String::new()
            }
        )
    };
    format!("{} wards ranked. {ends}{verdicts}", thousands(ranked.len()))
}

/// How the ranking is ordered, in words.
fn order_words(polarity: Polarity) -> &'static str {
    match (polarity, highest_first(polarity)) {
        (Polarity::NoJudgement, _) => "Ranked from the highest value to the lowest (rank 1 is the highest).",
        (_, true) => "Ranked from best to worst: rank 1 has the highest value, and a higher value is better.",
        (_, false) => "Ranked from best to worst: rank 1 has the lowest value, and a lower value is better.",
    }
}

/// The rows of the ranked table, in rank order.
fn ward_rows(feed: &Feed, selection: &WardsSelection, comparison: &Comparison) -> Vec<WardRow> {
    let unit = comparison.measure.unit;
    comparison
        .ranking
        .wards
        .iter()
        .map(|ward| WardRow {
            district_name: feed.area(&ward.figures.district).map(|a| a.name.clone()).unwrap_or_default(),
            href: selection.with_ward(&ward.figures.code).href(),
            ward: ward.clone(),
            unit,
        })
        .collect()
}

/// The colour groups of the chart and the key, in the key's order.
fn groups_for(colour: Colouring) -> Vec<Group> {
    match colour {
        Colouring::Significance => SIGNIFICANCE_ORDER.iter().map(|s| significance_group(*s)).collect(),
        Colouring::Deprivation => {
            DeprivationBand::ALL.iter().map(|b| deprivation_group(Some(*b))).chain([deprivation_group(None)]).collect()
        }
    }
}

/// The index in [`groups_for`] of a ward's group.
fn group_of(colour: Colouring, ward: &RankedWard) -> usize {
    match colour {
        Colouring::Significance => SIGNIFICANCE_ORDER.iter().position(|s| *s == ward.significance).unwrap_or(3),
        Colouring::Deprivation => ward.figures.deprivation.map_or(DeprivationBand::ALL.len(), |d| {
            DeprivationBand::ALL.iter().position(|b| *b == d.band()).unwrap_or(0)
        }),
    }
}

/// The benchmarks' names, each once, in order.
fn benchmark_names(comparison: &Comparison) -> Vec<String> {
    let mut names: Vec<String> = comparison.ranking.wards.iter().map(|w| w.figures.benchmark_name.clone()).collect();
    names.sort();
    names.dedup();
    names
}

/// Why some wards are not ranked, in words (none if every ward is).
/// The rows of the ward table shown until the reader asks for all (a table of 7,000 wards took
/// 3 of the 4 to 5 seconds to the ranked chart at national scale).
pub const TABLE_ROWS_SHOWN: usize = 300;

/// What the ranked chart shows when it has too many wards to name them (see
/// [`crate::charts::NAMED_ROWS_MAX`]); `None` when each is named.
pub fn compact_note(charted: usize) -> Option<String> {
    (!crate::charts::named(charted)).then(|| {
        format!(
            "The chart ranks {} wards, too many to name on it: each ward is a thin bar (its 95% confidence interval) with a dot (its value), \
             in rank order. The table names every ward. Narrow them to {} or fewer with \u{201c}Find a ward\u{201d} to chart each one by name.",
            thousands(charted),
            crate::charts::NAMED_ROWS_MAX
        )
    })
}

fn unranked_note(ranking: &Ranking) -> Option<String> {
    (ranking.suppressed + ranking.not_applicable > 0).then(|| {
        let mut parts = Vec::new();
        if ranking.suppressed > 0 {
            parts.push(format!(
                "{} {} a value withheld to protect confidentiality ([c])",
                thousands(ranking.suppressed),
                if ranking.suppressed == 1 { "ward has" } else { "wards have" }
            ));
        }
        if ranking.not_applicable > 0 {
            parts.push(format!(
                "{} {} no value ([z] not applicable, or [x] not available)",
                thousands(ranking.not_applicable),
                if ranking.not_applicable == 1 { "ward has" } else { "wards have" }
            ));
        }
        format!(
            "{}. They are not ranked and not charted (never counted as zero), and are listed at the end of the table.",
            parts.join("; ")
        )
    })
}

/// The ranked table as CSV: the context columns, then every ward (ranked or not), symbols kept.
fn ward_csv(feed: &Feed, selection: &WardsSelection, comparison: &Comparison, rows: &[WardRow]) -> String {
    let unit = comparison.measure.unit;
    let context = csv_context(feed, selection, &comparison.measure);
    to_csv(
        &[
            "measure_id",
            "measure",
            "period",
            "wards_compared",
            "benchmark_choice",
            "rank",
            "ward_code",
            "ward_name",
            "district",
            "numerator",
            "denominator",
            "value",
            "lower_95",
            "upper_95",
            "unit",
            "benchmark_area",
            "benchmark_value",
            "compared_with_benchmark",
            "imd_average_national_decile",
            "lsoas",
            "lsoas_in_most_deprived_20_percent",
        ],
        rows.iter().map(|row| {
            let figures = &row.ward.figures;
            let missing = row.missing();
            let mut cells = context.clone();
            cells.extend([
                row.ward.rank.map_or("[z]".to_owned(), |r| r.to_string()),
                figures.code.clone(),
                figures.name.clone(),
                row.district_name.clone(),
                csv_count(figures.numerator),
                csv_count(figures.denominator),
                csv_number(figures.value, |e| e.value, missing),
                csv_number(figures.value, |e| e.interval.lower, missing),
                csv_number(figures.value, |e| e.interval.upper, missing),
                unit_heading(unit).to_lowercase(),
                figures.benchmark_name.clone(),
                csv_number(
                    figures.benchmark,
                    |e| e.value,
                    if matches!(figures.benchmark, Derived::Suppressed) { "[c]" } else { "[x]" },
                ),
                row.ward.significance.words().to_owned(),
                figures.deprivation.map_or("[x]".into(), |d| format!("{:.2}", d.average_decile)),
                figures.deprivation.map_or("[x]".into(), |d| d.lsoas.to_string()),
                figures.deprivation.map_or("[x]".into(), |d| d.lsoas_most_deprived_20.to_string()),
            ]);
            cells
        }),
    )
}

/// The wards ranked with their intervals: chart, key in words, sortable table, CSV. The panel
/// follows the selection: a change gives the chart and the table new figures (the chart is not
/// made again, and the search text and the table's order stay); the table alone is rebuilt when
/// its columns change (colouring by deprivation adds one).
#[component]
pub fn RankedPanel(
    feed: Arc<Feed>,
    #[prop(into)] selection: Signal<WardsSelection>,
    #[prop(into)] comparison: Signal<Comparison>,
) -> impl IntoView {
    let rows = {
        let feed = feed.clone();
        Memo::new(move |_| selection.with(|selection| comparison.with(|c| ward_rows(&feed, selection, c))))
    };
    let filter = RwSignal::new(String::new());
    let filtered = Memo::new(move |_| {
        let needle = filter.with(|filter| filter.trim().to_lowercase());
        rows.with(|rows| rows.iter().filter(|row| matches_filter(row, &needle)).cloned().collect::<Vec<_>>())
    });
    let colour = Memo::new(move |_| selection.with(|s| s.colour));
    let unit = Memo::new(move |_| comparison.with(|c| c.measure.unit));
    let polarity = Memo::new(move |_| comparison.with(|c| c.measure.polarity));
    let names = Memo::new(move |_| comparison.with(benchmark_names));
    // A phone's width gives the ward names a narrower margin; it follows the window (a phone
    // turned round).
    let is_narrow = || {
        web_sys::window().and_then(|w| w.inner_width().ok()).and_then(|w| w.as_f64()).is_some_and(|width| width < 641.0)
    };
    let narrow = RwSignal::new(is_narrow());
    let resized = window_event_listener(leptos::ev::resize, move |_| {
        narrow.try_set(is_narrow());
    });
    on_cleanup(move || resized.remove());
    let chart_wards = Memo::new(move |_| {
        let colour = colour.get();
        filtered.with(|rows| {
            rows.iter()
                .filter_map(|row| {
                    let estimate = row.ward.figures.value.value()?;
                    row.ward.rank?;
                    Some(ChartWard {
                        name: row.ward.figures.name.clone(),
                        value: estimate.value,
                        lower: estimate.interval.lower,
                        upper: estimate.interval.upper,
                        benchmark: row.ward.figures.benchmark.value().map(|e| e.value),
                        group: group_of(colour, &row.ward),
                    })
                })
                .collect::<Vec<_>>()
        })
    });
    let charted = Memo::new(move |_| chart_wards.with(|wards| !wards.is_empty()));
    // While no ward is charted the chart is not on the page; it keeps its last option meanwhile.
    let option = Memo::new(move |previous: Option<&serde_json::Value>| {
        let benchmark_label = names.with(|names| match names.as_slice() {
            [only] => format!("Benchmark: {only}"),
            _ => "Benchmark".to_owned(),
        });
        chart_wards.with(|wards| {
            if wards.is_empty() {
                return previous.cloned().unwrap_or_default();
            }
            ranked_chart(wards, &groups_for(colour.get()), unit_heading(unit.get()), &benchmark_label, narrow.get())
        })
    });
    let height = Memo::new(move |_| ranked_chart_height(chart_wards.with(Vec::len)));
    let compact = Memo::new(move |_| chart_wards.with(|wards| compact_note(wards.len())));
    let chart = move || {
        view! {
            <Show when=move || charted.get() fallback=|| view! {
                <p class="govuk-body" data-testid="wards-chart-empty">"No ranked ward matches: there is nothing to chart."</p>
            }>
                {move || compact.get().map(|note| view! { <p class="govuk-body" data-testid="wards-chart-compact">{note}</p> })}
                <div class="app-wards-chart-scroll" tabindex="0" role="region" aria-label="Ranked chart of wards (scrolls)">
                    <div class="app-wards-chart">
                        <EChart label="Wards ranked with 95% confidence intervals" option height />
                    </div>
                </div>
            </Show>
        }
    };

    // The key, in words, with how many wards each colour covers.
    let key = move || {
        let colour = colour.get();
        let counts: Vec<(Group, usize)> = comparison.with(|comparison| {
            groups_for(colour)
                .into_iter()
                .enumerate()
                .map(|(index, group)| {
                    (group, comparison.ranking.ranked().filter(|w| group_of(colour, w) == index).count())
                })
                .collect()
        });
        let line = names.with(|names| match names.as_slice() {
            [only] => format!("Dashed line: the benchmark, {only}"),
            _ => "Black bar: the benchmark for the ward (its district)".to_owned(),
        });
        view! {
            <ul class="govuk-list app-key" data-testid="wards-key">
                <li><span class="app-key__point" aria-hidden="true"></span>"Circle: the ward's value"</li>
                <li><span class="app-key__line" aria-hidden="true"></span>{line}</li>
                {counts.into_iter().map(|(group, count)| view! {
                    <li>
                        <span class="app-key__swatch" class:app-key__swatch--outlined=group.outlined
                            style:background-color=group.colour aria-hidden="true"></span>
                        {format!("Bar (95% confidence interval): {} ({} {})", group.name, thousands(count), if count == 1 { "ward" } else { "wards" })}
                    </li>
                }).collect_view()}
            </ul>
        }
    };

    let download = {
        let feed = feed.clone();
        Memo::new(move |_| {
            selection.with(|selection| {
                comparison.with(|comparison| {
                    let file_name = format!(
                        "ward-comparison-{}-{}-{}.csv",
                        selection.measure,
                        selection.period,
                        selection.within_code()
                    );
                    (file_name, rows.with(|rows| ward_csv(&feed, selection, comparison, rows)))
                })
            })
        })
    };
    let caption = Memo::new(move |_| {
        selection.with(|selection| {
            comparison.with(|comparison| {
                format!(
                    "{} by ward, {}, {}, compared with {}",
                    comparison.measure.title,
                    selection.period.label(),
                    selection.within_words(&feed),
                    comparison.benchmark_words
                )
            })
        })
    });
    let unranked = Memo::new(move |_| comparison.with(|c| unranked_note(&c.ranking)));
    // The columns: a band column when coloured by deprivation, the benchmark's name under each
    // value when each ward has its own.
    let shape = Memo::new(move |_| selection.with(|s| (s.colour, s.benchmark == crate::filters::Benchmark::District)));
    let table = move || {
        let (colour, name_benchmark) = shape.get();
        view! {
            <SortableTable caption columns=ward_columns(colour, name_benchmark) rows=filtered
                initial_sort=SortState { column: 0, direction: SortDirection::Ascending }
                row_key=|row: &WardRow| row.ward.figures.code.clone()
                limit=TABLE_ROWS_SHOWN
                class="govuk-table--small-text-until-tablet app-table--compact"
                testid="wards-table" />
        }
    };
    view! {
        <section aria-labelledby="ranked-heading" data-panel="ranked">
            <h2 class="govuk-heading-m" id="ranked-heading">"Wards ranked, with 95% confidence intervals"</h2>
            <p class="govuk-body">{move || order_words(polarity.get())}" "
                {move || match colour.get() {
                    Colouring::Significance => "Colours show whether each ward is better, similar or worse than the benchmark: its 95% confidence interval lies wholly on one side of the benchmark, or includes it.",
                    Colouring::Deprivation => "Colours show each ward's deprivation: the average IMD 2019 national decile of its LSOAs, weighted by households (1 = most deprived 10% in England).",
                }}
            </p>
            {move || unranked.get().map(|note| view! { <p class="govuk-inset-text" data-testid="unranked-note">{note}</p> })}
            <div class="govuk-form-group app-no-print">
                <label class="govuk-label" for="ward-filter">"Find a ward"</label>
                <div class="govuk-hint" id="ward-filter-hint">"Type part of a ward or district name to shorten the chart and the table"</div>
                <input class="govuk-input govuk-!-width-one-half app-input-full-mobile" id="ward-filter" type="search" autocomplete="off"
                    aria-describedby="ward-filter-hint" aria-controls="wards-table-region"
                    on:input=move |event| filter.set(event_target_value(&event)) />
            </div>
            <p class="govuk-body" aria-live="polite" data-testid="wards-shown">
                {move || {
                    let (shown, total) = (filtered.with(Vec::len), rows.with(Vec::len));
                    let (shown, total) = (thousands(shown), thousands(total));
                    if shown == total { format!("Showing all {total} wards.") } else { format!("Showing {shown} of {total} wards.") }
                }}
            </p>
            {key}
            {chart}
            <div class="app-table-wrapper" id="wards-table-region">{table}</div>
            <p class="govuk-body-s">
                "Values are shown to one decimal place. [c] means withheld to protect confidentiality; [z] not applicable; [x] not available. "
                "The 95% confidence intervals use the Wilson score method for percentages and Byar's method (exact Poisson limits below 10 events) for rates per 1,000, "
                "on the published, rounded counts."
            </p>
            {move || download.with(|(filename, csv)| view! {
                <CsvDownload filename=filename.clone() csv=csv.clone() what="the ward table" />
            })}
        </section>
    }
}

/// Measure, period, wards compared and benchmark: the first columns of every CSV of the page.
pub fn csv_context(feed: &Feed, selection: &WardsSelection, measure: &Measure) -> Vec<String> {
    vec![
        measure.id.clone(),
        measure.title.clone(),
        selection.period.to_string(),
        selection.within_words(feed),
        match selection.benchmark {
            crate::filters::Benchmark::County => "county".to_owned(),
            crate::filters::Benchmark::District => "district".to_owned(),
        },
    ]
}

// ---------------------------------------------------------------------------------------------
// The deprivation panel

/// What the deprivation panel shows: the finding in words, the scatter and the fifths.
#[derive(Clone, Debug, PartialEq)]
struct DeprivationModel {
    summary: String,
    option: serde_json::Value,
    gap: Option<outcomes_core::wards::DeprivationGap>,
    unit: MeasureUnit,
}

fn deprivation_model(comparison: &Comparison) -> DeprivationModel {
    let unit = comparison.measure.unit;
    let points: Vec<(&RankedWard, Deprivation, f64)> = comparison
        .ranking
        .ranked()
        .filter_map(|w| Some((w, w.figures.deprivation?, w.figures.value.value()?.value)))
        .collect();
    // Equal scores keep ward-code order, so the fifths do not depend on the ranking.
    let mut by_code = points.clone();
    by_code.sort_by(|a, b| a.0.figures.code.cmp(&b.0.figures.code));
    let gap = deprivation_gap(&by_code.iter().map(|(_, d, v)| (d.average_decile, *v)).collect::<Vec<_>>());
    let summary = match &gap {
        Some(gap) => gap_in_words(gap, unit, comparison.measure.polarity),
        None => format!(
            "Too few wards have both a value and a deprivation score ({} of at least 5) to compare the most and least deprived fifths.",
            points.len()
        ),
    };
    let scatter_wards: Vec<ScatterWard> = points
        .iter()
        .map(|(w, d, v)| ScatterWard { name: w.figures.name.clone(), average_decile: d.average_decile, value: *v })
        .collect();
    let option = deprivation_scatter(
        &scatter_wards,
        unit_heading(unit),
        gap.map(|g| {
            [g.most_deprived, g.least_deprived].map(|f| FifthLine {
                decile_from: f.decile_from,
                decile_to: f.decile_to,
                mean: f.mean_value,
            })
        }),
    );
    DeprivationModel { summary, option, gap, unit }
}

/// The measure against deprivation; it follows the selection, giving its chart new figures.
#[component]
pub fn DeprivationPanel(#[prop(into)] comparison: Signal<Comparison>) -> impl IntoView {
    let model = Memo::new(move |_| comparison.with(deprivation_model));
    let option = Memo::new(move |_| model.with(|model| model.option.clone()));
    let table = move || {
        model.with(|model| {
            let unit = model.unit;
            model.gap.map(|gap| {
                let row = |name: &'static str, fifth: outcomes_core::wards::Fifth| {
                    view! {
                        <tr class="govuk-table__row">
                            <th scope="row" class="govuk-table__header">{name}</th>
                            <td class="govuk-table__cell govuk-table__cell--numeric">{fifth.wards}</td>
                            <td class="govuk-table__cell govuk-table__cell--numeric">{format!("{:.1} to {:.1}", fifth.decile_from, fifth.decile_to)}</td>
                            <td class="govuk-table__cell govuk-table__cell--numeric">{format_value(unit, Derived::Value(fifth.mean_value))}</td>
                        </tr>
                    }
                };
                view! {
                    <div class="app-table-wrapper">
                        <table class="govuk-table govuk-table--small-text-until-tablet" data-testid="gap-table">
                            <caption class="govuk-table__caption govuk-table__caption--s">"The most and least deprived fifths of the wards compared"</caption>
                            <thead class="govuk-table__head">
                                <tr class="govuk-table__row">
                                    <th scope="col" class="govuk-table__header">"Fifth"</th>
                                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Wards"</th>
                                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Average IMD decile"</th>
                                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">{format!("Mean value ({})", unit_heading(unit).to_lowercase())}</th>
                                </tr>
                            </thead>
                            <tbody class="govuk-table__body">
                                {row("Most deprived fifth", gap.most_deprived)}
                                {row("Least deprived fifth", gap.least_deprived)}
                                <tr class="govuk-table__row">
                                    <th scope="row" class="govuk-table__header">"Gap (most minus least deprived)"</th>
                                    <td class="govuk-table__cell govuk-table__cell--numeric"></td>
                                    <td class="govuk-table__cell govuk-table__cell--numeric"></td>
                                    <td class="govuk-table__cell govuk-table__cell--numeric" data-testid="gap-value">{format!("{:.1} {}", gap.difference, outcomes_core::wards::difference_unit(unit))}</td>
                                </tr>
                            </tbody>
                        </table>
                    </div>
                }
            })
        })
    };
    view! {
        <section aria-labelledby="deprivation-heading" data-panel="deprivation">
            <h2 class="govuk-heading-m" id="deprivation-heading">"The measure and deprivation"</h2>
            <p class="govuk-body" data-testid="gap-summary">{move || model.with(|model| model.summary.clone())}</p>
            <EChart label="Scatter chart of the measure against deprivation" option />
            {table}
            <p class="govuk-body-s">
                "Deprivation is the average IMD 2019 national decile of the ward's LSOAs, weighted by households (1 = most deprived 10% in England, 10 = least deprived). "
                "The wards compared that have a value are put in order of deprivation and split into fifths (equal scores in ward-code order); "
                "each fifth's figure is the mean of its wards' values, each ward counting once. The ward table above has every ward's value and decile."
            </p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::compact_note;
    use crate::charts::NAMED_ROWS_MAX;

    #[test]
    fn a_compact_ranking_says_why_no_ward_is_named_and_how_to_name_them() {
        assert_eq!(compact_note(0), None);
        assert_eq!(compact_note(NAMED_ROWS_MAX), None);
        let note = compact_note(7_000).unwrap();
        assert!(note.starts_with("The chart ranks 7,000 wards, too many to name on it"), "{note}");
        assert!(note.contains("Narrow them to 300 or fewer"), "{note}");
        assert!(compact_note(NAMED_ROWS_MAX + 1).unwrap().contains("ranks 301 wards"));
    }
}
