//! `/`: the overview committee members read first. Headline tiles for the programme's key
//! measures (people identified and end-to-end conversion for the whole area, and every contract
//! KPI), each with its latest value, its change since the previous quarter and since a year
//! earlier with the direction of travel in words, RAG status where there is a target, and a link
//! to the detail; then "what changed this quarter", generated from the figures.

use crate::components::kpi::{RagTag, TravelWords};
use crate::components::print_header::set_print_context;
use crate::components::{set_page_title, WithFeed};
use leptos::prelude::*;
use outcomes_core::contract::{assess, kpi_difference, kpi_value, ratio_percent, round_to, QuarterAssessment, Rag};
use outcomes_core::direction::{largest_changes, Change};
use outcomes_core::funnel::{ratio, Derived};
use outcomes_core::plans::is_newly_at_risk;
use outcomes_core::{ActionStatus, Count, Feed, JourneyTable, KpiUnit, Polarity, Quarter};
use std::sync::Arc;

#[component]
pub fn OverviewPage() -> impl IntoView {
    set_page_title("Overview");
    view! {
        <h1 class="govuk-heading-l">"Think Communities outcomes"</h1>
        <p class="govuk-body-l">
            "How the Think Communities social mobility programme is doing across Cambridgeshire and Peterborough: "
            "the people it reaches, where they leave the journey, and the outcomes they achieve."
        </p>
        <WithFeed children=|feed| view! { <OverviewView feed /> } />
    }
}

/// A figure on a tile: a value as shown, or a table symbol saying why there is none.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Shown {
    Value(f64),
    Symbol(&'static str),
}

impl Shown {
    fn value(self) -> Option<f64> {
        match self {
            Shown::Value(v) => Some(v),
            Shown::Symbol(_) => None,
        }
    }
}

/// One headline tile.
#[derive(Clone, Debug, PartialEq)]
struct Tile {
    id: String,
    title: String,
    unit: KpiUnit,
    polarity: Polarity,
    period: Quarter,
    latest: Shown,
    previous: Shown,
    year_ago: Shown,
    /// For a contract KPI: its latest quarter's assessment (target, achievement, RAG).
    target: Option<QuarterAssessment>,
    link: String,
    link_text: String,
}

impl Tile {
    fn text(&self, shown: Shown) -> String {
        match shown {
            Shown::Value(v) => kpi_value(self.unit, v),
            Shown::Symbol(symbol) => symbol.to_owned(),
        }
    }

    fn change(&self, earlier: Shown) -> Option<Change> {
        Some(Change::of(earlier.value()?, self.latest.value()?, self.polarity))
    }

    /// "+495 (+5.1%)" for a count, "+0.4 percentage points" for a percentage.
    fn change_text(&self, change: &Change) -> String {
        let difference = round_to(change.difference, 1);
        match self.unit {
            KpiUnit::Count => match change.relative {
                Some(relative) => format!(
                    "{} ({}%)",
                    kpi_difference(KpiUnit::Count, difference),
                    kpi_difference(KpiUnit::Percentage, relative * 100.0)
                ),
                None => kpi_difference(KpiUnit::Count, difference),
            },
            KpiUnit::Percentage => format!("{} percentage points", kpi_difference(KpiUnit::Percentage, difference)),
        }
    }
}

/// A count or a percentage rounded as shown, so that changes and directions agree with the
/// figures on the page.
fn shown_percent(value: Derived<f64>) -> Shown {
    match value {
        Derived::Value(v) => Shown::Value(round_to(v * 100.0, 1)),
        other => Shown::Symbol(other.symbol()),
    }
}

fn shown_count(count: Option<Count>) -> Shown {
    match count {
        Some(Count::Value(v)) => Shown::Value(f64::from(v)),
        Some(Count::Suppressed) => Shown::Symbol("[c]"),
        None => Shown::Symbol("[x]"),
    }
}

fn journey_tiles(feed: &Feed) -> Vec<Tile> {
    let county = feed.county().code.clone();
    let latest = feed.latest_period();
    let counts =
        |period: Quarter| feed.journey_row(JourneyTable::Funnel, period, &county, "all").map(|row| row.counts.clone());
    let identified = |period: Quarter| shown_count(counts(period).and_then(|c| c.first().copied()));
    let end_to_end = |period: Quarter| match counts(period) {
        Some(c) => match (c.first(), c.last()) {
            (Some(&first), Some(&last)) => shown_percent(ratio(last, first)),
            _ => Shown::Symbol("[x]"),
        },
        None => Shown::Symbol("[x]"),
    };
    let last_stage = feed.document().journey.stages.last().map(|s| s.name.clone()).unwrap_or_default();
    vec![
        Tile {
            id: "people-identified".into(),
            title: "People identified".into(),
            unit: KpiUnit::Count,
            polarity: Polarity::HigherIsBetter,
            period: latest,
            latest: identified(latest),
            previous: identified(latest.previous()),
            year_ago: identified(latest.year_earlier()),
            target: None,
            link: "/journey".into(),
            link_text: "See the life journey".into(),
        },
        Tile {
            id: "end-to-end".into(),
            title: format!("End-to-end conversion: identified to “{last_stage}”"),
            unit: KpiUnit::Percentage,
            polarity: Polarity::HigherIsBetter,
            period: latest,
            latest: end_to_end(latest),
            previous: end_to_end(latest.previous()),
            year_ago: end_to_end(latest.year_earlier()),
            target: None,
            link: "/journey".into(),
            link_text: "See where people leave the journey".into(),
        },
    ]
}

fn kpi_tiles(feed: &Feed) -> Vec<Tile> {
    let contract = &feed.document().contract;
    contract
        .kpis
        .iter()
        .filter_map(|kpi| {
            let assessed = assess(kpi, contract.annual_outcome_payment_gbp);
            let latest = assessed.iter().rev().find(|q| q.actual.is_some())?.clone();
            let actual_in = |period: Quarter| -> Shown {
                match assessed.iter().find(|q| q.period == period) {
                    Some(QuarterAssessment { actual: Some(a), .. }) => Shown::Value(round_to(*a, 1)),
                    _ => Shown::Symbol("[x]"),
                }
            };
            Some(Tile {
                id: format!("kpi-{}", kpi.id),
                title: kpi.title.clone(),
                unit: kpi.unit,
                polarity: kpi.polarity,
                period: latest.period,
                latest: actual_in(latest.period),
                previous: actual_in(latest.period.previous()),
                year_ago: actual_in(latest.period.year_earlier()),
                link: format!("/contract?year={}#kpi-{}", latest.period.financial_year(), kpi.id),
                link_text: "See the KPI quarter by quarter".into(),
                target: Some(latest),
            })
        })
        .collect()
}

#[component]
fn OverviewView(feed: Arc<Feed>) -> impl IntoView {
    let latest = feed.latest_period();
    set_print_context(latest.label(), feed.county().name.clone());
    let publication = feed.publication();
    let coverage = format!(
        "This release covers {} to {} and was published on {}.",
        feed.periods().first().map(|q| q.label()).unwrap_or_default(),
        latest.label(),
        publication.release_date.long()
    );
    let journey = journey_tiles(&feed);
    let kpis = kpi_tiles(&feed);
    let tiles: Vec<Tile> = journey.iter().chain(&kpis).cloned().collect();
    view! {
        <p class="govuk-body" data-testid="coverage">{coverage}</p>
        <section aria-labelledby="headlines-heading">
            <h2 class="govuk-heading-m" id="headlines-heading">{format!("Headline measures, {}", latest.label())}</h2>
            <p class="govuk-body">
                "Each tile gives the latest figure, how it changed since the quarter before and since the same quarter a year earlier, "
                "and whether that change is an improvement. Contract KPIs also show their status against target."
            </p>
            <h3 class="govuk-heading-s">{format!("The life journey in {}", feed.county().name)}</h3>
            <div class="govuk-grid-row app-tiles">
                {journey.into_iter().map(|tile| view! { <TileCard tile /> }).collect_view()}
            </div>
            <h3 class="govuk-heading-s">{format!("Contract KPIs: {}", feed.document().contract.name)}</h3>
            <div class="govuk-grid-row app-tiles">
                {kpis.into_iter().map(|tile| view! { <TileCard tile /> }).collect_view()}
            </div>
        </section>
        <WhatChanged feed=feed.clone() tiles />
        <p class="govuk-body app-no-print">
            <a class="govuk-link" href="/plans">"See the progress of every place plan"</a>
        </p>
    }
}

#[component]
fn TileCard(tile: Tile) -> impl IntoView {
    let change_row = |label: String, earlier: Shown, key: &'static str| {
        let content = match tile.change(earlier) {
            Some(change) => view! {
                <span data-value="change">{tile.change_text(&change)}</span>
                " "
                <TravelWords travel=change.travel />
            }
            .into_any(),
            None => view! { <span data-value="change">{format!("not available: {} then", tile.text(earlier))}</span> }
                .into_any(),
        };
        view! {
            <div class="govuk-summary-list__row" data-row=key>
                <dt class="govuk-summary-list__key">{label}</dt>
                <dd class="govuk-summary-list__value">{content}</dd>
            </div>
        }
    };
    let previous_row = change_row(format!("Since {}", tile.period.previous()), tile.previous, "previous");
    let year_row = change_row(format!("Since {}", tile.period.year_earlier()), tile.year_ago, "year");
    let target_row = tile.target.as_ref().map(|assessment| {
        view! {
            <div class="govuk-summary-list__row" data-row="target">
                <dt class="govuk-summary-list__key">"Against target"</dt>
                <dd class="govuk-summary-list__value">
                    <RagTag rag=assessment.rag />
                    " "
                    <span data-value="target">
                        {format!(
                            "target {}, achievement {}",
                            kpi_value(tile.unit, assessment.target),
                            assessment.achievement.map_or("[z]".into(), ratio_percent)
                        )}
                    </span>
                </dd>
            </div>
        }
    });
    let title_id = format!("tile-{}-title", tile.id);
    view! {
        <div class="govuk-grid-column-one-half">
            <div class="govuk-summary-card app-tile" data-tile=tile.id.clone()>
                <div class="govuk-summary-card__title-wrapper">
                    <h4 class="govuk-summary-card__title" id=title_id>{tile.title.clone()}</h4>
                </div>
                <div class="govuk-summary-card__content">
                    <dl class="govuk-summary-list">
                        <div class="govuk-summary-list__row" data-row="latest">
                            <dt class="govuk-summary-list__key">{format!("Latest, {}", tile.period)}</dt>
                            <dd class="govuk-summary-list__value">
                                <span class="app-key-figure" data-value="latest">{tile.text(tile.latest)}</span>
                            </dd>
                        </div>
                        {previous_row}
                        {year_row}
                        {target_row}
                    </dl>
                    <p class="govuk-body-s app-tile__link app-no-print">
                        <a class="govuk-link" href=tile.link.clone()>
                            {tile.link_text.clone()}
                            <span class="govuk-visually-hidden">{format!(": {}", tile.title)}</span>
                        </a>
                    </p>
                </div>
            </div>
        </div>
    }
}

/// "What changed this quarter": the largest improvements and deteriorations among the headline
/// measures, the KPIs whose RAG status changed, and the plans with actions newly at risk.
#[component]
fn WhatChanged(feed: Arc<Feed>, tiles: Vec<Tile>) -> impl IntoView {
    let latest = feed.latest_period();
    let previous = latest.previous();
    let current: Vec<&Tile> = tiles.iter().filter(|t| t.period == latest).collect();
    let items: Vec<(String, Change, Polarity)> = current
        .iter()
        .filter_map(|t| t.change(t.previous).map(|c| (format!("{}: {}", t.title, t.change_text(&c)), c, t.polarity)))
        .collect();
    let (better, worse) = largest_changes(&items, 3);
    let change_list = |list: Vec<(String, Change)>, testid: &'static str, empty: &'static str| {
        if list.is_empty() {
            view! { <p class="govuk-body" data-testid=testid>{empty}</p> }.into_any()
        } else {
            view! {
                <ul class="govuk-list govuk-list--bullet" data-testid=testid>
                    {list.into_iter().map(|(text, change)| view! {
                        <li>{text} " " <TravelWords travel=change.travel /></li>
                    }).collect_view()}
                </ul>
            }
            .into_any()
        }
    };

    let contract = &feed.document().contract;
    let rag_changes: Vec<(String, Rag, Rag)> = contract
        .kpis
        .iter()
        .filter_map(|kpi| {
            let assessed = assess(kpi, contract.annual_outcome_payment_gbp);
            let rag_in = |period: Quarter| assessed.iter().find(|q| q.period == period).and_then(|q| q.rag);
            let (before, now) = (rag_in(previous)?, rag_in(latest)?);
            (before != now).then(|| (kpi.title.clone(), before, now))
        })
        .collect();

    let plans = &feed.document().place_plans;
    let knows_history = plans.iter().flat_map(|p| &p.actions).any(|a| a.previous_status.is_some());
    let at_risk: Vec<(String, String, Vec<String>)> = plans
        .iter()
        .filter_map(|plan| {
            let titles: Vec<String> = plan
                .actions
                .iter()
                .filter(|a| {
                    if knows_history {
                        is_newly_at_risk(a) == Some(true)
                    } else {
                        a.status == ActionStatus::AtRisk
                    }
                })
                .map(|a| a.title.clone())
                .collect();
            (!titles.is_empty()).then(|| (plan.id.clone(), plan.name.clone(), titles))
        })
        .collect();
    let at_risk_heading = if knows_history {
        "Plans with actions newly at risk"
    } else {
        "Plans with actions at risk (this release does not say which are new)"
    };

    view! {
        <section aria-labelledby="changed-heading">
            <h2 class="govuk-heading-m" id="changed-heading">"What changed this quarter"</h2>
            <p class="govuk-body">{format!("From {} to {}, among the headline measures above. Changes are ranked by their size as a share of the earlier figure.", previous.label(), latest.label())}</p>
            <h3 class="govuk-heading-s">"Largest improvements"</h3>
            {change_list(better, "improvements", "None of the headline measures improved.")}
            <h3 class="govuk-heading-s">"Largest deteriorations"</h3>
            {change_list(worse, "deteriorations", "None of the headline measures got worse.")}
            <h3 class="govuk-heading-s">"KPIs whose status changed"</h3>
            {if rag_changes.is_empty() {
                view! { <p class="govuk-body" data-testid="rag-changes">"No KPI changed its RAG status."</p> }.into_any()
            } else {
                view! {
                    <ul class="govuk-list govuk-list--bullet" data-testid="rag-changes">
                        {rag_changes.into_iter().map(|(title, before, now)| {
                            let travel = if now > before { "improving" } else { "worsening" };
                            view! { <li data-rag-from=before.word() data-rag-to=now.word()>{format!("{title}: from {} to {} ({travel})", before.word(), now.word())}</li> }
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
            <h3 class="govuk-heading-s">{at_risk_heading}</h3>
            {if at_risk.is_empty() {
                view! { <p class="govuk-body" data-testid="newly-at-risk">"No plan has an action newly at risk."</p> }.into_any()
            } else {
                view! {
                    <ul class="govuk-list govuk-list--bullet" data-testid="newly-at-risk">
                        {at_risk.into_iter().map(|(id, name, titles)| view! {
                            <li data-plan=id.clone()>
                                <a class="govuk-link" href=format!("/plans/{id}")>{name}</a>
                                {format!(": {} action{}: {}", titles.len(), if titles.len() == 1 { "" } else { "s" }, titles.iter().map(|t| format!("“{t}”")).collect::<Vec<_>>().join("; "))}
                            </li>
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
}
