//! `/plans/{id}`: one place plan. Its priorities, its actions (with overdue ones flagged
//! against the release date), the plan area's life journey (the journey page's own panels,
//! reused), and its wards on its measures against the whole area.

use crate::components::journey::{FunnelPanel, TrendPanel};
use crate::components::plans::{kind_words, ward_names, ActionsTable, WardMeasures};
use crate::components::print_header::set_print_context;
use crate::components::{set_page_title, Needs, WithFeed};
use crate::filters::JourneySelection;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use outcomes_core::{Feed, PlacePlan};
use std::sync::Arc;

#[component]
pub fn PlanPage() -> impl IntoView {
    let params = use_params_map();
    // The plan, its wards and the county: its district's file is enough.
    let id = Signal::derive(move || params.with(|p| p.get("id")));
    view! {
        <WithFeed needs=Needs::Area(id) children=move |feed| {
            // The route is reused from one plan to the next: follow the id.
            move || {
                let id = params.with(|p| p.get("id").unwrap_or_default());
                let plan = feed.document().place_plans.iter().find(|p| p.id == id).cloned();
                match plan {
                    Some(plan) => view! { <PlanView feed=feed.clone() plan /> }.into_any(),
                    None => view! { <UnknownPlan id /> }.into_any(),
                }
            }
        } />
    }
}

#[component]
fn UnknownPlan(id: String) -> impl IntoView {
    set_page_title("Place plan not found");
    let shown: String = id.chars().take(60).collect();
    view! {
        <h1 class="govuk-heading-l">"Place plan not found"</h1>
        <div class="govuk-error-summary" data-testid="unknown-plan">
            <div role="alert">
                <h2 class="govuk-error-summary__title">"There is no place plan with this address"</h2>
                <div class="govuk-error-summary__body">
                    <p class="govuk-body">{format!("This release has no place plan with the id “{shown}”. It may have been renamed, or the link may be mistyped.")}</p>
                    <p class="govuk-body"><a class="govuk-link" href="/plans">"See every place plan"</a></p>
                </div>
            </div>
        </div>
    }
}

#[component]
fn PlanView(feed: Arc<Feed>, plan: PlacePlan) -> impl IntoView {
    set_page_title(&plan.name);
    let district = feed.area(&plan.district).map(|a| a.name.clone()).unwrap_or_default();
    let latest = feed.latest_period();
    set_print_context(latest.label(), plan.name.clone());
    let wards = ward_names(&feed, &plan);
    let release_date = feed.publication().release_date;
    // The journey panels take the journey page's selection: this plan, everyone, latest quarter.
    let selection = JourneySelection { area: plan.id.clone(), ..JourneySelection::default_for(&feed) };
    let cohort = feed.cohort("all").map(|c| c.name.clone()).unwrap_or_default();
    let heading = format!("{}, {cohort}, {}", plan.name, latest.label());
    let journey_link = format!("/journey?{}", selection.to_query());
    view! {
        <span class="govuk-caption-l">{format!("{} · {district}", kind_words(plan.kind))}</span>
        <h1 class="govuk-heading-l">{plan.name.clone()}</h1>
        <p class="govuk-body" data-testid="plan-wards">
            {format!("Covers {} ward{} in {district}: {}.", wards.len(), if wards.len() == 1 { "" } else { "s" }, wards.join(", "))}
        </p>
        <p class="govuk-body app-no-print"><a class="govuk-link" href="/plans">"Back to every place plan"</a></p>

        <h2 class="govuk-heading-m">"Priorities"</h2>
        <ul class="govuk-list govuk-list--bullet" data-testid="priorities">
            {plan.priorities.iter().map(|p| view! { <li>{p.clone()}</li> }).collect_view()}
        </ul>

        <h2 class="govuk-heading-m">"Actions"</h2>
        <ActionsTable plan=plan.clone() release_date />

        <h2 class="govuk-heading-l app-section-heading">"Life journey in the plan area"</h2>
        <p class="govuk-body">
            {format!("Residents of the plan area in {}. ", latest.label())}
            <a class="govuk-link app-no-print" href=journey_link>"Compare with other areas, periods and cohorts on the life journey page"</a>
        </p>
        <FunnelPanel feed=feed.clone() selection=selection.clone() heading />
        <TrendPanel feed=feed.clone() selection />

        <h2 class="govuk-heading-l app-section-heading">"The plan's measures, ward by ward"</h2>
        <p class="govuk-body">{format!("Each measure the plan tracks, for the whole plan area and each of its wards, against {} in {}.", feed.county().name, latest.label())}</p>
        <WardMeasures feed=feed.clone() plan />
    }
}
