//! `/journey`: the life-journey funnel for the chosen period, area and cohort, as a chart with
//! its data table. The selection lives in the query string (see `filters`).

use crate::charts::funnel_chart;
use crate::components::{set_page_title, EChart, FunnelTable, WithFeed};
use crate::filters::JourneySelection;
use leptos::prelude::*;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;
use outcomes_core::funnel::funnel;
use outcomes_core::{AreaKind, Feed, JourneyTable};
use std::sync::Arc;

#[component]
pub fn JourneyPage() -> impl IntoView {
    set_page_title("Life journey");
    view! {
        <h1 class="govuk-heading-l">"Life journey"</h1>
        <p class="govuk-body">
            "People are identified, assessed, agree to a joined-up response, get a lead worker, are handed over warmly to "
            "the services they need, and go on to achieve outcomes. The funnel shows how many reach each stage."
        </p>
        <WithFeed children=|feed| view! { <JourneyView feed /> } />
    }
}

#[component]
fn JourneyView(feed: Arc<Feed>) -> impl IntoView {
    let query = use_query_map();
    let selection = {
        let feed = feed.clone();
        Memo::new(move |_| query.with(|query| JourneySelection::from_query(query, &feed)))
    };
    move || match selection.get() {
        Ok(selection) => view! { <SelectionForm feed=feed.clone() selection=selection.clone() /> <FunnelSection feed=feed.clone() selection /> }.into_any(),
        Err(problems) => view! {
            <div class="govuk-error-summary" data-testid="selection-error">
                <div role="alert">
                    <h2 class="govuk-error-summary__title">"This link does not match the published figures"</h2>
                    <div class="govuk-error-summary__body">
                        <ul class="govuk-list">{problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                        <p class="govuk-body"><a class="govuk-link" href="/journey">"Show the life journey for the whole area"</a></p>
                    </div>
                </div>
            </div>
        }.into_any(),
    }
}

/// Choices for period, area and cohort, as a GET form: submitting it writes the query string,
/// so the URL stays the single source of truth and works without the app too.
#[component]
fn SelectionForm(feed: Arc<Feed>, selection: JourneySelection) -> impl IntoView {
    let periods = feed.periods();
    let group = |kind: AreaKind| -> Vec<(String, String)> {
        feed.areas().iter().filter(|a| a.kind == kind).map(|a| (a.code.clone(), a.name.clone())).collect()
    };
    let area_groups = [
        ("Whole area", group(AreaKind::County)),
        ("Districts", group(AreaKind::District)),
        ("Place plans", group(AreaKind::PlacePlan)),
        ("Wards", group(AreaKind::Ward)),
    ];
    let cohorts = feed.document().journey.cohorts.clone();
    view! {
        <Form method="GET" action="">
            <div class="govuk-grid-row app-no-print">
                <div class="govuk-grid-column-one-quarter govuk-form-group">
                    <label class="govuk-label" for="period">"Period"</label>
                    <select class="govuk-select" id="period" name="period">
                        {periods.into_iter().rev().map(|q| {
                            let selected = q == selection.period;
                            view! { <option value=q.to_string() selected=selected>{q.label()}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="govuk-grid-column-one-half govuk-form-group">
                    <label class="govuk-label" for="area">"Area"</label>
                    <select class="govuk-select" id="area" name="area">
                        {area_groups.into_iter().map(|(label, areas)| view! {
                            <optgroup label=label>
                                {areas.into_iter().map(|(code, name)| {
                                    let selected = code == selection.area;
                                    view! { <option value=code selected=selected>{name}</option> }
                                }).collect_view()}
                            </optgroup>
                        }).collect_view()}
                    </select>
                </div>
                <div class="govuk-grid-column-one-quarter govuk-form-group">
                    <label class="govuk-label" for="cohort">"Cohort"</label>
                    <select class="govuk-select" id="cohort" name="cohort">
                        {cohorts.into_iter().map(|c| {
                            let selected = c.id == selection.cohort;
                            view! { <option value=c.id.clone() selected=selected>{c.name.clone()}</option> }
                        }).collect_view()}
                    </select>
                </div>
            </div>
            <button type="submit" class="govuk-button govuk-button--secondary app-no-print">"Show figures"</button>
        </Form>
    }
}

#[component]
fn FunnelSection(feed: Arc<Feed>, selection: JourneySelection) -> impl IntoView {
    let area_name = feed.area(&selection.area).map(|a| a.name.clone()).unwrap_or_default();
    let cohort_name = feed.cohort(&selection.cohort).map(|c| c.name.clone()).unwrap_or_default();
    let heading = format!("{area_name}, {cohort_name}, {}", selection.period.label());
    let Some(row) = feed.journey_row(JourneyTable::Funnel, selection.period, &selection.area, &selection.cohort) else {
        return view! {
            <h2 class="govuk-heading-m">{heading}</h2>
            <p class="govuk-body" data-testid="no-figures">"No figures are published for this selection ([x], not available)."</p>
        }
        .into_any();
    };
    let steps = funnel(&feed.document().journey.stages, &row.counts);
    let summary = funnel_summary(&steps);
    let option = funnel_chart(&heading, &steps);
    view! {
        <h2 class="govuk-heading-m" data-testid="selection-heading">{heading.clone()}</h2>
        <p class="govuk-body" data-testid="funnel-summary">{summary}</p>
        <EChart label="Life-journey funnel chart" option=Signal::stored(option) />
        <FunnelTable caption=format!("People at each stage of the life journey: {heading}") steps />
    }
    .into_any()
}

/// The main finding in words: how many were identified and how many reached the last stage.
fn funnel_summary(steps: &[outcomes_core::funnel::FunnelStep]) -> String {
    let (Some(first), Some(last)) = (steps.first(), steps.last()) else {
        return String::new();
    };
    let reached = match last.conversion_from_first.value() {
        Some(share) => format!("{} ({} of those identified) reached “{}”.", last.count, outcomes_core::format::percent(share), last.stage_name),
        None => format!("The number reaching “{}” is withheld to protect confidentiality.", last.stage_name),
    };
    format!("{} people were identified. {reached}", first.count)
}
