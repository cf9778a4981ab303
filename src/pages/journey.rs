//! `/journey`: how many people the programme reaches, where they leave the journey, and whether
//! it is getting better, for any period, area and cohort. The selection lives in the query
//! string (see `filters`); the panels live in `components::journey`.

use crate::components::journey::{ComparisonPanel, FlowsPanel, FunnelPanel, OutcomesPanel, TrendPanel};
use crate::components::{has_rows_for, set_page_title, use_feed, Needs, WithFeed};
use crate::filters::{Benchmark, JourneySelection};
use leptos::prelude::*;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;
use outcomes_core::{AreaKind, Feed, Period};
use std::sync::Arc;

#[component]
pub fn JourneyPage() -> impl IntoView {
    set_page_title("Life journey");
    // The county and districts are in the release's summary; a ward or a plan needs the whole
    // feed (an unknown code needs nothing more: the page says it is unknown).
    let query = use_query_map();
    let feed = use_feed();
    let needs_whole = Signal::derive(move || {
        let area = query.with(|query| query.get("area"));
        feed.with(|feed| match (feed, area) {
            (Some(feed), Some(area)) => feed.area(&area).is_some() && !has_rows_for(feed, &area),
            _ => false,
        })
    });
    view! {
        <h1 class="govuk-heading-l">"Life journey"</h1>
        <p class="govuk-body">
            "People are identified, assessed, agree to a joined-up response, get a lead worker, are handed over warmly to "
            "the services they need, and go on to achieve outcomes. The funnel shows how many reach each stage."
        </p>
        <WithFeed needs=Needs::When(needs_whole) children=|feed| view! { <JourneyView feed /> } />
    }
}

#[component]
fn JourneyView(feed: Arc<Feed>) -> impl IntoView {
    let query = use_query_map();
    let selection = {
        let feed = feed.clone();
        Memo::new(move |_| query.with(|query| JourneySelection::from_query(query, &feed)))
    };
    // The choices come first; the funnel, which answers the page's first question, a task later,
    // and each panel below it a task after that, so no single task holds the main thread for
    // long (Lighthouse's total blocking time on a phone).
    let panels_shown = RwSignal::new(0u8);
    fn show_next(panels_shown: RwSignal<u8>) {
        set_timeout(
            move || {
                if panels_shown.try_update(|shown| *shown += 1).is_some() && panels_shown.get_untracked() < 5 {
                    show_next(panels_shown);
                }
            },
            std::time::Duration::ZERO,
        );
    }
    show_next(panels_shown);
    move || {
        match selection.get() {
        Ok(selection) => {
            let feed = feed.clone();
            let area_name = feed.area(&selection.area).map(|a| a.name.clone()).unwrap_or_default();
            let cohort_name = feed.cohort(&selection.cohort).map(|c| c.name.clone()).unwrap_or_default();
            let heading = format!("{area_name}, {cohort_name}, {}", selection.period.label());
            let [feed0, feed1, feed2, feed3, feed4]: [Arc<Feed>; 5] = std::array::from_fn(|_| feed.clone());
            let [selection0, selection1, selection2, selection3, selection4]: [JourneySelection; 5] =
                std::array::from_fn(|_| selection.clone());
            let heading0 = heading.clone();
            view! {
                <SelectionForm feed=feed.clone() selection=selection.clone() />
                <div aria-live="polite" class="govuk-visually-hidden" data-testid="live-region">{format!("Showing figures for {heading}")}</div>
                <p class="govuk-heading-s" data-testid="selection-heading">{heading.clone()}</p>
                <Show when=move || { panels_shown.get() >= 1 }>
                    <FunnelPanel feed=feed0.clone() selection=selection0.clone() heading=heading0.clone() />
                </Show>
                <Show when=move || { panels_shown.get() >= 2 }>
                    <ComparisonPanel feed=feed1.clone() selection=selection1.clone() />
                </Show>
                <Show when=move || { panels_shown.get() >= 3 }>
                    <TrendPanel feed=feed2.clone() selection=selection2.clone() />
                </Show>
                <Show when=move || { panels_shown.get() >= 4 }>
                    <FlowsPanel feed=feed3.clone() selection=selection3.clone() />
                </Show>
                <Show when=move || { panels_shown.get() >= 5 }>
                    <OutcomesPanel feed=feed4.clone() selection=selection4.clone() />
                </Show>
            }
            .into_any()
        }
        Err(problems) => view! {
            <crate::components::SelectionError title="This link does not match the published figures" problems=problems back_href="/journey" back_label="Show the life journey for the whole area" />
        }
        .into_any(),
    }
    }
}

/// Choices for period, area, cohort and benchmark, as a GET form: submitting it writes the
/// query string, so the URL stays the single source of truth (and works without the app).
/// The area list is long (130+ wards), so a search box narrows it as you type.
#[component]
fn SelectionForm(feed: Arc<Feed>, selection: JourneySelection) -> impl IntoView {
    let periods = feed.periods();
    let years = feed.financial_years();
    let search = RwSignal::new(String::new());
    let groups: Vec<(&'static str, Vec<(String, String)>)> = [
        ("Whole area", AreaKind::County),
        ("Districts", AreaKind::District),
        ("Place plans", AreaKind::PlacePlan),
        ("Wards", AreaKind::Ward),
    ]
    .into_iter()
    .map(|(label, kind)| {
        let areas = feed.areas().iter().filter(|a| a.kind == kind).map(|a| (a.code.clone(), a.name.clone())).collect();
        (label, areas)
    })
    .collect();
    let selected_area = selection.area.clone();
    let area_options = move || {
        let needle = search.get().to_lowercase();
        groups
            .iter()
            .map(|(label, areas)| {
                let shown: Vec<_> = areas
                    .iter()
                    .filter(|(code, name)| {
                        needle.is_empty() || name.to_lowercase().contains(&needle) || *code == selected_area
                    })
                    .cloned()
                    .collect();
                let selected_area = selected_area.clone();
                (!shown.is_empty()).then(|| {
                    view! {
                        <optgroup label=*label>
                            {shown.into_iter().map(|(code, name)| {
                                let selected = code == selected_area;
                                view! { <option value=code selected=selected>{name}</option> }
                            }).collect_view()}
                        </optgroup>
                    }
                })
            })
            .collect_view()
    };
    let cohorts = feed.document().journey.cohorts.clone();
    let benchmark_is_county = selection.benchmark == Benchmark::County;
    view! {
        <Form method="GET" action="">
            <fieldset class="govuk-fieldset app-no-print">
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">"Choose what to show"</legend>
                <div class="govuk-grid-row">
                    <div class="govuk-grid-column-one-third govuk-form-group">
                        <label class="govuk-label" for="period">"Period"</label>
                        <select class="govuk-select app-select-full" id="period" name="period">
                            <optgroup label="Quarters">
                                {periods.into_iter().rev().map(|q| {
                                    let selected = Period::from(q) == selection.period;
                                    view! { <option value=q.to_string() selected=selected>{q.label()}</option> }
                                }).collect_view()}
                            </optgroup>
                            <optgroup label="Financial years">
                                {years.into_iter().rev().map(|year| {
                                    let selected = Period::from(year) == selection.period;
                                    view! { <option value=year.to_string() selected=selected>{year.label()}</option> }
                                }).collect_view()}
                            </optgroup>
                        </select>
                    </div>
                    <div class="govuk-grid-column-one-third govuk-form-group">
                        <label class="govuk-label" for="area-search">"Find an area"</label>
                        <div class="govuk-hint" id="area-search-hint">"Type part of a ward, plan or district name to shorten the list"</div>
                        <input class="govuk-input" id="area-search" type="search" autocomplete="off" aria-describedby="area-search-hint"
                            on:input=move |event| search.set(event_target_value(&event)) />
                        <label class="govuk-label" for="area">"Area"</label>
                        <select class="govuk-select app-select-full" id="area" name="area">{area_options}</select>
                    </div>
                    <div class="govuk-grid-column-one-third govuk-form-group">
                        <label class="govuk-label" for="cohort">"Cohort"</label>
                        <select class="govuk-select app-select-full" id="cohort" name="cohort">
                            {cohorts.into_iter().map(|c| {
                                let selected = c.id == selection.cohort;
                                view! { <option value=c.id.clone() selected=selected>{c.name.clone()}</option> }
                            }).collect_view()}
                        </select>
                        <label class="govuk-label" for="benchmark">"Compare with"</label>
                        <select class="govuk-select app-select-full" id="benchmark" name="benchmark">
                            <option value="district" selected=!benchmark_is_county>"Its district"</option>
                            <option value="county" selected=benchmark_is_county>"The whole area"</option>
                        </select>
                    </div>
                </div>
                <button type="submit" class="govuk-button govuk-button--secondary">"Show figures"</button>
            </fieldset>
        </Form>
    }
}
