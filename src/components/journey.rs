//! The life-journey panels: funnel, comparison with a benchmark, trend, front doors and
//! hand-overs, outcomes by domain. Each states its main finding in a sentence, draws a chart,
//! and gives the data table (the accessible alternative and the source of the numbers) with a
//! CSV download. The journey page and the place-plan pages both use these.

use super::{CsvDownload, EChart, FunnelTable};
use crate::charts;
use crate::filters::JourneySelection;
use leptos::prelude::*;
use outcomes_core::compare::{compare_conversions, trend, StageComparison};
use outcomes_core::csv::to_csv;
use outcomes_core::funnel::{funnel, Derived};
use outcomes_core::{Category, Count, Feed, JourneyTable};
use std::sync::Arc;

/// The row of counts for the selection in one journey table, if published.
fn counts<'a>(feed: &'a Feed, table: JourneyTable, selection: &JourneySelection) -> Option<&'a [Count]> {
    feed.journey_row(table, selection.period, &selection.area, &selection.cohort).map(|row| row.counts.as_slice())
}

/// Period, area and cohort: the first columns of every CSV, so a downloaded file says what it is.
fn context_columns(feed: &Feed, selection: &JourneySelection) -> Vec<String> {
    let area_name = feed.area(&selection.area).map(|a| a.name.clone()).unwrap_or_default();
    vec![selection.period.to_string(), selection.area.clone(), area_name, selection.cohort.clone()]
}

const CONTEXT_HEADER: [&str; 4] = ["period", "area_code", "area_name", "cohort"];

fn header(extra: &[&'static str]) -> Vec<&'static str> {
    CONTEXT_HEADER.iter().chain(extra).copied().collect()
}

fn file_name(what: &str, selection: &JourneySelection) -> String {
    format!("{what}-{}-{}-{}.csv", selection.area, selection.period, selection.cohort)
}

/// Plain numbers for CSV (no thousands separators), symbols kept.
fn csv_count(count: Count) -> String {
    match count {
        Count::Value(v) => v.to_string(),
        Count::Suppressed => "[c]".into(),
    }
}

fn csv_percent(value: Derived<f64>) -> String {
    match value {
        Derived::Value(v) => format!("{:.1}", outcomes_core::format::round_to(v * 100.0, 1)),
        other => other.percent(),
    }
}

#[component]
fn NoFigures() -> impl IntoView {
    view! { <p class="govuk-body" data-testid="no-figures">"No figures are published for this selection ([x], not available)."</p> }
}

/// A chart's option that stays at the last one drawn while the panel has no figures: the
/// panel then removes the chart, which so never draws an empty option on the way out.
fn chart_option<M: PartialEq + Send + Sync + 'static>(
    model: Memo<Option<M>>,
    option: fn(&M) -> serde_json::Value,
) -> Signal<serde_json::Value> {
    Memo::new(move |previous: Option<&serde_json::Value>| {
        model.with(|model| model.as_ref().map(option)).or_else(|| previous.cloned()).unwrap_or_default()
    })
    .into()
}

/// Everything the funnel panel shows for one selection.
#[derive(Clone, Debug, PartialEq)]
struct FunnelModel {
    steps: Vec<outcomes_core::funnel::FunnelStep>,
    summary: String,
    option: serde_json::Value,
    caption: String,
    filename: String,
    csv: String,
}

fn funnel_model(feed: &Feed, selection: &JourneySelection, heading: &str) -> Option<FunnelModel> {
    let row = counts(feed, JourneyTable::Funnel, selection)?;
    let steps = funnel(&feed.document().journey.stages, row);
    let context = context_columns(feed, selection);
    let csv = to_csv(
        &header(&["stage", "people", "conversion_from_previous_percent", "conversion_from_first_percent", "drop_off"]),
        steps.iter().map(|step| {
            let mut row = context.clone();
            row.extend([
                step.stage_name.clone(),
                csv_count(step.count),
                csv_percent(step.conversion_from_previous),
                csv_percent(step.conversion_from_first),
                match step.drop_off {
                    Derived::Value(v) => v.to_string(),
                    other => other.to_string(),
                },
            ]);
            row
        }),
    );
    Some(FunnelModel {
        summary: funnel_summary(&steps),
        option: charts::funnel_chart(heading, &steps),
        caption: format!("People at each stage of the life journey: {heading}"),
        filename: file_name("life-journey-funnel", selection),
        csv,
        steps,
    })
}

/// The funnel for a selection. The selection may change while the panel is shown (the journey
/// page's choices): the chart is then given the new figures, not made again.
#[component]
pub fn FunnelPanel(
    feed: Arc<Feed>,
    #[prop(into)] selection: Signal<JourneySelection>,
    #[prop(into)] heading: Signal<String>,
) -> impl IntoView {
    let stages = feed.document().journey.stages.clone();
    let model =
        Memo::new(move |_| selection.with(|selection| heading.with(|heading| funnel_model(&feed, selection, heading))));
    let option = chart_option(model, |model| model.option.clone());
    let shown = move |part: fn(&FunnelModel) -> String| move || model.with(|model| model.as_ref().map(part));
    view! {
        <Show when=move || model.with(Option::is_some) fallback=|| view! { <NoFigures /> }>
            <section aria-labelledby="funnel-heading" data-panel="funnel">
                <h2 class="govuk-heading-m" id="funnel-heading">"People at each stage"</h2>
                <p class="govuk-body" data-testid="funnel-summary">{shown(|m| m.summary.clone())}</p>
                <EChart label="Life-journey funnel chart" option />
                {move || model.with(|model| model.clone().map(|model| view! {
                    <FunnelTable caption=model.caption steps=model.steps />
                    <CsvDownload filename=model.filename csv=model.csv what="the funnel table" />
                }))}
                <StageDefinitions stages=stages.clone() />
            </section>
        </Show>
    }
}

/// The main finding in words: how many were identified and how many reached the last stage.
pub fn funnel_summary(steps: &[outcomes_core::funnel::FunnelStep]) -> String {
    let (Some(first), Some(last)) = (steps.first(), steps.last()) else {
        return String::new();
    };
    let reached = match last.conversion_from_first.value() {
        Some(share) => format!(
            "{} ({} of those identified) reached “{}”.",
            last.count,
            outcomes_core::format::percent(share),
            last.stage_name
        ),
        None => format!("The number reaching “{}” is withheld to protect confidentiality.", last.stage_name),
    };
    match first.count {
        Count::Value(_) => format!("{} people were identified. {reached}", first.count),
        Count::Suppressed => format!("The number identified is withheld to protect confidentiality. {reached}"),
    }
}

/// "What the stages mean", one click away from every funnel.
#[component]
pub fn StageDefinitions(stages: Vec<Category>) -> impl IntoView {
    view! {
        <details class="govuk-details" data-testid="stage-definitions">
            <summary class="govuk-details__summary">
                <span class="govuk-details__summary-text">"What the stages mean"</span>
            </summary>
            <div class="govuk-details__text">
                <dl class="govuk-summary-list">
                    {stages.into_iter().map(|stage| view! {
                        <div class="govuk-summary-list__row">
                            <dt class="govuk-summary-list__key">{stage.name}</dt>
                            <dd class="govuk-summary-list__value">{stage.definition}</dd>
                        </div>
                    }).collect_view()}
                </dl>
            </div>
        </details>
    }
}

/// What the comparison panel shows for one selection.
#[derive(Clone, Debug, PartialEq)]
enum ComparisonState {
    /// The selection is the whole area, which is everyone's benchmark.
    NoBenchmark,
    NoFigures,
    Figures(ComparisonModel),
}

#[derive(Clone, Debug, PartialEq)]
struct ComparisonModel {
    area_name: String,
    benchmark_name: String,
    comparisons: Vec<StageComparison>,
    summary: String,
    option: serde_json::Value,
    filename: String,
    csv: String,
}

fn comparison_state(feed: &Feed, selection: &JourneySelection) -> ComparisonState {
    let area_name = feed.area(&selection.area).map(|a| a.name.clone()).unwrap_or_default();
    let Some(benchmark) = selection.benchmark_area(feed).cloned() else {
        return ComparisonState::NoBenchmark;
    };
    let stages = &feed.document().journey.stages;
    let benchmark_selection = JourneySelection { area: benchmark.code.clone(), ..selection.clone() };
    let (Some(area_counts), Some(benchmark_counts)) =
        (counts(feed, JourneyTable::Funnel, selection), counts(feed, JourneyTable::Funnel, &benchmark_selection))
    else {
        return ComparisonState::NoFigures;
    };
    let comparisons = compare_conversions(stages, area_counts, benchmark_counts);
    let mut context = context_columns(feed, selection);
    context.extend([benchmark.code.clone(), benchmark.name.clone()]);
    let csv = to_csv(
        &header(&[
            "benchmark_code",
            "benchmark_name",
            "stage",
            "conversion_percent",
            "lower_95_percent",
            "upper_95_percent",
            "benchmark_conversion_percent",
            "verdict",
        ]),
        comparisons.iter().map(|c| {
            let mut row = context.clone();
            let bounds = match c.area {
                Derived::Value((_, i)) => {
                    [i.lower, i.upper].map(|bound| format!("{:.1}", outcomes_core::format::round_to(bound * 100.0, 1)))
                }
                other => [other.symbol().to_owned(), other.symbol().to_owned()],
            };
            let [lower, upper] = bounds;
            row.extend([
                c.stage_name.clone(),
                csv_percent(c.area.map_value(|(v, _)| v)),
                lower,
                upper,
                csv_percent(c.benchmark.map_value(|(v, _)| v)),
                c.verdict.map_or("not compared".into(), |v| {
                    v.words().trim_end_matches(" than").trim_end_matches(" to").to_owned()
                }),
            ]);
            row
        }),
    );
    ComparisonState::Figures(ComparisonModel {
        summary: comparison_summary(&area_name, &benchmark.name, &comparisons),
        option: charts::comparison_chart(&area_name, &benchmark.name, &comparisons),
        filename: file_name("life-journey-comparison", selection),
        csv,
        area_name,
        benchmark_name: benchmark.name,
        comparisons,
    })
}

#[component]
fn ComparisonTable(model: ComparisonModel) -> impl IntoView {
    let percent = |value: Derived<(f64, outcomes_core::stats::Interval)>| match value {
        Derived::Value((v, _)) => outcomes_core::format::percent(v),
        other => other.symbol().to_owned(),
    };
    let interval = |value: Derived<(f64, outcomes_core::stats::Interval)>| match value {
        Derived::Value((_, i)) => {
            format!("{} to {}", outcomes_core::format::percent(i.lower), outcomes_core::format::percent(i.upper))
        }
        other => other.symbol().to_owned(),
    };
    let verdict =
        |c: &StageComparison| c.verdict.map_or("not compared".to_owned(), |v| format!("{} {}", v.words(), "benchmark"));
    let rows = model
        .comparisons
        .iter()
        .map(|c| {
            view! {
                <tr class="govuk-table__row" data-stage=c.stage_id.clone()>
                    <th scope="row" class="govuk-table__header">{c.stage_name.clone()}</th>
                    <td class="govuk-table__cell govuk-table__cell--numeric" data-column="conversion">{percent(c.area)}</td>
                    <td class="govuk-table__cell govuk-table__cell--numeric" data-column="interval">{interval(c.area)}</td>
                    <td class="govuk-table__cell govuk-table__cell--numeric" data-column="benchmark">{percent(c.benchmark)}</td>
                    <td class="govuk-table__cell" data-column="verdict">{verdict(c)}</td>
                </tr>
            }
        })
        .collect_view();
    let ComparisonModel { area_name, benchmark_name, .. } = model;
    view! {
        <div class="app-table-wrapper">
            <table class="govuk-table" data-testid="comparison-table">
                <caption class="govuk-table__caption govuk-table__caption--s">{format!("Conversion from the previous stage: {area_name} compared with {benchmark_name}")}</caption>
                <thead class="govuk-table__head">
                    <tr class="govuk-table__row">
                        <th scope="col" class="govuk-table__header">"Stage"</th>
                        <th scope="col" class="govuk-table__header govuk-table__header--numeric">{area_name.clone()}</th>
                        <th scope="col" class="govuk-table__header govuk-table__header--numeric">"95% confidence interval"</th>
                        <th scope="col" class="govuk-table__header govuk-table__header--numeric">{benchmark_name.clone()}</th>
                        <th scope="col" class="govuk-table__header">"Compared with benchmark"</th>
                    </tr>
                </thead>
                <tbody class="govuk-table__body">{rows}</tbody>
            </table>
        </div>
    }
}

#[component]
pub fn ComparisonPanel(feed: Arc<Feed>, #[prop(into)] selection: Signal<JourneySelection>) -> impl IntoView {
    let state = Memo::new(move |_| selection.with(|selection| comparison_state(&feed, selection)));
    let model = Memo::new(move |_| {
        state.with(|state| match state {
            ComparisonState::Figures(model) => Some(model.clone()),
            _ => None,
        })
    });
    let option = chart_option(model, |model| model.option.clone());
    let otherwise = move || {
        state.with(|state| match state {
            ComparisonState::NoBenchmark => view! {
                <section aria-labelledby="comparison-heading" data-panel="comparison">
                    <h2 class="govuk-heading-m" id="comparison-heading">"Compared with a benchmark"</h2>
                    <p class="govuk-body">"The whole area is the benchmark for districts, wards and place plans. Choose one of those to compare it."</p>
                </section>
            }
            .into_any(),
            _ => view! { <NoFigures /> }.into_any(),
        })
    };
    let shown = move |part: fn(&ComparisonModel) -> String| move || model.with(|model| model.as_ref().map(part));
    view! {
        <Show when=move || model.with(Option::is_some) fallback=move || otherwise>
            <section aria-labelledby="comparison-heading" data-panel="comparison">
                <h2 class="govuk-heading-m" id="comparison-heading">{shown(|m| format!("Compared with {}", m.benchmark_name))}</h2>
                <p class="govuk-body" data-testid="comparison-summary">{shown(|m| m.summary.clone())}</p>
                <EChart label="Conversion compared with the benchmark chart" option />
                {move || model.with(|model| model.clone().map(|model| view! { <ComparisonTable model /> }))}
                <p class="govuk-body-s">"Intervals are 95% Wilson score intervals on the published, rounded counts. “Higher” or “lower” means the benchmark lies outside the interval; otherwise the difference could be chance."</p>
                {move || model.with(|model| model.clone().map(|model| view! {
                    <CsvDownload filename=model.filename csv=model.csv what="the comparison table" />
                }))}
            </section>
        </Show>
    }
}

fn comparison_summary(area: &str, benchmark: &str, comparisons: &[StageComparison]) -> String {
    use outcomes_core::stats::Verdict;
    let names = |verdict: Verdict| -> Vec<String> {
        comparisons.iter().filter(|c| c.verdict == Some(verdict)).map(|c| format!("“{}”", c.stage_name)).collect()
    };
    let (higher, similar, lower) = (names(Verdict::Higher), names(Verdict::Similar), names(Verdict::Lower));
    let not_compared = comparisons.iter().filter(|c| c.verdict.is_none()).count();
    let mut parts = vec![format!(
        "Compared with {benchmark}, conversion in {area} was lower at {} stage{}, similar at {} and higher at {}.",
        lower.len(),
        if lower.len() == 1 { "" } else { "s" },
        similar.len(),
        higher.len()
    )];
    if !lower.is_empty() {
        parts.push(format!("Lower: {}.", lower.join(", ")));
    }
    if !higher.is_empty() {
        parts.push(format!("Higher: {}.", higher.join(", ")));
    }
    if not_compared > 0 {
        parts.push(format!("{not_compared} stage(s) could not be compared because a figure is withheld or nobody reached the stage before."));
    }
    parts.join(" ")
}

/// What the trend panel shows for one selection.
#[derive(Clone, Debug, PartialEq)]
struct TrendModel {
    points: Vec<outcomes_core::compare::TrendPoint>,
    summary: String,
    option: serde_json::Value,
    filename: String,
    csv: String,
}

fn trend_model(feed: &Feed, selection: &JourneySelection) -> Option<TrendModel> {
    let rows: Vec<_> = feed
        .periods()
        .iter()
        .map(|&period| {
            (
                period,
                counts(feed, JourneyTable::Funnel, &JourneySelection { period: period.into(), ..selection.clone() }),
            )
        })
        .collect();
    let points = trend(&rows);
    let (first, last) = (points.first()?, points.last()?);
    let summary = format!(
        "People identified: {} in {} and {} in {}. End-to-end conversion (identified to the last stage): {} then {}.",
        first.identified,
        first.period.label(),
        last.identified,
        last.period.label(),
        first.end_to_end.percent(),
        last.end_to_end.percent()
    );
    let context = context_columns(feed, selection);
    let csv = to_csv(
        &header(&["people_identified", "end_to_end_conversion_percent"]),
        points.iter().map(|p| {
            let mut row = context.clone();
            row[0] = p.period.to_string();
            row.extend([csv_count(p.identified), csv_percent(p.end_to_end)]);
            row
        }),
    );
    Some(TrendModel {
        summary,
        option: charts::trend_chart(&points),
        filename: file_name("life-journey-trend", selection),
        csv,
        points,
    })
}

#[component]
fn TrendTable(points: Vec<outcomes_core::compare::TrendPoint>) -> impl IntoView {
    let table_rows = points
        .iter()
        .map(|p| {
            view! {
                <tr class="govuk-table__row" data-period=p.period.to_string()>
                    <th scope="row" class="govuk-table__header">{p.period.label()}</th>
                    <td class="govuk-table__cell govuk-table__cell--numeric" data-column="identified">{p.identified.to_string()}</td>
                    <td class="govuk-table__cell govuk-table__cell--numeric" data-column="end-to-end">{p.end_to_end.percent()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="app-table-wrapper">
            <table class="govuk-table" data-testid="trend-table">
                <caption class="govuk-table__caption govuk-table__caption--s">"People identified and end-to-end conversion by quarter"</caption>
                <thead class="govuk-table__head">
                    <tr class="govuk-table__row">
                        <th scope="col" class="govuk-table__header">"Quarter"</th>
                        <th scope="col" class="govuk-table__header govuk-table__header--numeric">"People identified"</th>
                        <th scope="col" class="govuk-table__header govuk-table__header--numeric">"End-to-end conversion"</th>
                    </tr>
                </thead>
                <tbody class="govuk-table__body">{table_rows}</tbody>
            </table>
        </div>
    }
}

#[component]
pub fn TrendPanel(feed: Arc<Feed>, #[prop(into)] selection: Signal<JourneySelection>) -> impl IntoView {
    let model = Memo::new(move |_| selection.with(|selection| trend_model(&feed, selection)));
    let option = chart_option(model, |model| model.option.clone());
    view! {
        <Show when=move || model.with(Option::is_some) fallback=|| view! { <NoFigures /> }>
            <section aria-labelledby="trend-heading" data-panel="trend">
                <h2 class="govuk-heading-m" id="trend-heading">"Trend"</h2>
                <p class="govuk-body" data-testid="trend-summary">{move || model.with(|m| m.as_ref().map(|m| m.summary.clone()))}</p>
                <EChart label="Trend chart of people identified and end-to-end conversion" option />
                {move || model.with(|model| model.clone().map(|model| view! {
                    <TrendTable points=model.points />
                    <CsvDownload filename=model.filename csv=model.csv what="the trend table" />
                }))}
            </section>
        </Show>
    }
}

/// Names and counts of one categorised table (entries, hand-overs or outcomes) for the selection.
fn categorised(
    feed: &Feed,
    table: JourneyTable,
    categories: &[Category],
    selection: &JourneySelection,
) -> Option<Vec<(String, Count)>> {
    let row = counts(feed, table, selection)?;
    Some(categories.iter().zip(row).map(|(category, count)| (category.name.clone(), *count)).collect())
}

fn largest(items: &[(String, Count)]) -> Option<&(String, Count)> {
    items.iter().filter(|(_, c)| c.value().is_some_and(|v| v > 0)).max_by_key(|(_, c)| c.value())
}

#[component]
fn CountTable(
    #[prop(into)] caption: String,
    #[prop(into)] column: String,
    items: Vec<(String, Count)>,
    #[prop(into)] testid: String,
) -> impl IntoView {
    view! {
        <div class="app-table-wrapper">
            <table class="govuk-table" data-testid=testid>
                <caption class="govuk-table__caption govuk-table__caption--s">{caption}</caption>
                <thead class="govuk-table__head">
                    <tr class="govuk-table__row">
                        <th scope="col" class="govuk-table__header">{column}</th>
                        <th scope="col" class="govuk-table__header govuk-table__header--numeric">"People"</th>
                    </tr>
                </thead>
                <tbody class="govuk-table__body">
                    {items.into_iter().map(|(name, count)| view! {
                        <tr class="govuk-table__row">
                            <th scope="row" class="govuk-table__header">{name}</th>
                            <td class="govuk-table__cell govuk-table__cell--numeric">{count.to_string()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

fn categorised_csv(
    feed: &Feed,
    selection: &JourneySelection,
    column: &'static str,
    items: &[(String, Count)],
) -> String {
    let context = context_columns(feed, selection);
    to_csv(
        &header(&[column, "people"]),
        items.iter().map(|(name, count)| {
            let mut row = context.clone();
            row.extend([name.clone(), csv_count(*count)]);
            row
        }),
    )
}

/// What the front doors and hand-overs panel shows for one selection.
#[derive(Clone, Debug, PartialEq)]
struct FlowsModel {
    entries: Vec<(String, Count)>,
    handovers: Vec<(String, Count)>,
    summary: String,
    option: serde_json::Value,
    entries_csv: String,
    handovers_csv: String,
    entries_file: String,
    handovers_file: String,
}

fn flows_model(feed: &Feed, selection: &JourneySelection) -> Option<FlowsModel> {
    let journey = &feed.document().journey;
    let entries = categorised(feed, JourneyTable::Entries, &journey.entry_routes, selection)?;
    let handovers = categorised(feed, JourneyTable::Handovers, &journey.services, selection)?;
    let mut summary = Vec::new();
    if let Some((name, count)) = largest(&entries) {
        summary.push(format!("Most people came in through “{name}” ({count})."));
    }
    if let Some((name, count)) = largest(&handovers) {
        summary.push(format!("Most warm hand-overs were to “{name}” ({count})."));
    }
    let withheld = entries.iter().chain(&handovers).filter(|(_, c)| c.is_suppressed()).count();
    summary.push("Flows too small to publish are grouped as “other” by the publisher.".into());
    if withheld > 0 {
        summary.push(format!("{withheld} flow(s) are withheld ([c]) and left out of the diagram."));
    }
    Some(FlowsModel {
        summary: summary.join(" "),
        option: charts::flows_chart("Life journey", &entries, &handovers),
        entries_csv: categorised_csv(feed, selection, "entry_route", &entries),
        handovers_csv: categorised_csv(feed, selection, "service", &handovers),
        entries_file: file_name("life-journey-entry-routes", selection),
        handovers_file: file_name("life-journey-handovers", selection),
        entries,
        handovers,
    })
}

#[component]
pub fn FlowsPanel(feed: Arc<Feed>, #[prop(into)] selection: Signal<JourneySelection>) -> impl IntoView {
    let model = Memo::new(move |_| selection.with(|selection| flows_model(&feed, selection)));
    let option = chart_option(model, |model| model.option.clone());
    view! {
        <section aria-labelledby="flows-heading" data-panel="flows">
            <h2 class="govuk-heading-m" id="flows-heading">"Front doors and hand-overs"</h2>
            <Show when=move || model.with(Option::is_some) fallback=|| view! { <NoFigures /> }>
                <p class="govuk-body" data-testid="flows-summary">{move || model.with(|m| m.as_ref().map(|m| m.summary.clone()))}</p>
                <EChart label="Sankey diagram of entry routes into the journey and warm hand-overs to services" option />
                {move || model.with(|model| model.clone().map(|model| view! {
                    <div class="govuk-grid-row">
                        <div class="govuk-grid-column-one-half">
                            <CountTable caption="People entering by each front door" column="Front door" items=model.entries testid="entries-table" />
                            <CsvDownload filename=model.entries_file csv=model.entries_csv what="the front doors table" />
                        </div>
                        <div class="govuk-grid-column-one-half">
                            <CountTable caption="Warm hand-overs to each service" column="Service" items=model.handovers testid="handovers-table" />
                            <CsvDownload filename=model.handovers_file csv=model.handovers_csv what="the hand-overs table" />
                        </div>
                    </div>
                }))}
            </Show>
        </section>
    }
}

/// What the outcomes panel shows for one selection.
#[derive(Clone, Debug, PartialEq)]
struct OutcomesModel {
    domains: Vec<(String, Count)>,
    summary: String,
    option: serde_json::Value,
    filename: String,
    csv: String,
}

fn outcomes_model(feed: &Feed, selection: &JourneySelection) -> Option<OutcomesModel> {
    let journey = &feed.document().journey;
    let domains = categorised(feed, JourneyTable::Outcomes, &journey.domains, selection)?;
    let summary = match largest(&domains) {
        Some((name, count)) => format!("The most outcomes were achieved in “{name}” ({count})."),
        None => "No outcomes can be shown for this selection: the figures are zero or withheld.".into(),
    };
    Some(OutcomesModel {
        summary,
        option: charts::domains_chart(&domains),
        filename: file_name("life-journey-outcomes", selection),
        csv: categorised_csv(feed, selection, "domain", &domains),
        domains,
    })
}

#[component]
pub fn OutcomesPanel(feed: Arc<Feed>, #[prop(into)] selection: Signal<JourneySelection>) -> impl IntoView {
    let model = Memo::new(move |_| selection.with(|selection| outcomes_model(&feed, selection)));
    let option = chart_option(model, |model| model.option.clone());
    view! {
        <section aria-labelledby="outcomes-heading" data-panel="outcomes">
            <h2 class="govuk-heading-m" id="outcomes-heading">"Outcomes by domain of need"</h2>
            <Show when=move || model.with(Option::is_some) fallback=|| view! { <NoFigures /> }>
                <p class="govuk-body" data-testid="outcomes-summary">{move || model.with(|m| m.as_ref().map(|m| m.summary.clone()))}</p>
                <EChart label="Bar chart of outcomes achieved by domain of need" option />
                {move || model.with(|model| model.clone().map(|model| view! {
                    <CountTable caption="People achieving an outcome, by domain of need" column="Domain of need" items=model.domains testid="outcomes-table" />
                    <CsvDownload filename=model.filename csv=model.csv what="the outcomes table" />
                }))}
            </Show>
        </section>
    }
}
