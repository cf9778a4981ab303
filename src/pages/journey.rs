//! `/journey`: how many people the programme reaches, where they leave the journey, and whether
//! it is getting better, for any period, area and cohort. The selection lives in the query
//! string (see `filters`); the panels live in `components::journey`.

use crate::components::journey::{ComparisonPanel, FlowsPanel, FunnelPanel, OutcomesPanel, TrendPanel};
use crate::components::{set_page_title, Needs, WithFeed};
use crate::filters::{AreaList, Benchmark, JourneySelection};
use leptos::prelude::*;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;
use outcomes_core::{Feed, Period};
use std::sync::Arc;

#[component]
pub fn JourneyPage() -> impl IntoView {
    set_page_title("Life journey");
    // The county and districts are in the release's summary; a ward or a plan needs its
    // district's file (an unknown code needs nothing more: the page says it is unknown).
    let query = use_query_map();
    let area = Signal::derive(move || query.with(|query| query.get("area")));
    view! {
        <h1 class="govuk-heading-l">"Life journey"</h1>
        <p class="govuk-body">
            "People are identified, assessed, agree to a joined-up response, get a lead worker, are handed over warmly to "
            "the services they need, and go on to achieve outcomes. The funnel shows how many reach each stage."
        </p>
        <WithFeed needs=Needs::Area(area) children=|feed| view! { <JourneyView feed /> } />
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
    // The choices stay on the page while the selection changes (at national scale the area list
    // has 7,000+ entries: rebuilding it for every change was most of a change's time); only what
    // the selection shows is rebuilt.
    let chosen = Memo::new(move |_| selection.with(|selection| selection.as_ref().ok().cloned()));
    let form = {
        let feed = feed.clone();
        move || {
            chosen.with_untracked(|current| current.clone()).map(|initial| {
                view! { <SelectionForm feed=feed.clone() initial chosen /> }
            })
        }
    };
    let chosen_at_all = Memo::new(move |_| chosen.with(Option::is_some));
    // The panels stay too: each follows the selection and gives its chart the new figures, so a
    // change redraws five charts instead of making them again. They are rebuilt only when the
    // link goes from valid to not.
    let problems = Memo::new(move |_| selection.with(|selection| selection.as_ref().err().cloned()));
    let current = {
        let feed = feed.clone();
        Signal::derive(move || chosen.get().unwrap_or_else(|| JourneySelection::default_for(&feed)))
    };
    // On a change the funnel, the page's first answer, is redrawn at once and each panel below it
    // a task later (as on first load), so a change never holds the main thread for all five
    // charts: `staged[k]` catches up with `current` k + 1 tasks after it changes.
    let staged: [RwSignal<JourneySelection>; 4] = std::array::from_fn(|_| RwSignal::new(current.get_untracked()));
    fn catch_up(current: Signal<JourneySelection>, staged: [RwSignal<JourneySelection>; 4], next: usize) {
        set_timeout(
            move || {
                let (Some(stage), Some(latest)) = (staged.get(next), current.try_get_untracked()) else { return };
                if stage.try_with_untracked(|stage| *stage != latest) == Some(true) {
                    stage.try_set(latest);
                }
                if next + 1 < staged.len() {
                    catch_up(current, staged, next + 1);
                }
            },
            std::time::Duration::ZERO,
        );
    }
    Effect::new(move |_| {
        current.track();
        catch_up(current, staged, 0);
    });
    let heading = {
        let feed = feed.clone();
        Memo::new(move |_| {
            current.with(|selection| {
                let area_name = feed.area(&selection.area).map(|a| a.name.clone()).unwrap_or_default();
                let cohort_name = feed.cohort(&selection.cohort).map(|c| c.name.clone()).unwrap_or_default();
                format!("{area_name}, {cohort_name}, {}", selection.period.label())
            })
        })
    };
    let shown = move || {
        match problems.get() {
        None => {
            let [feed0, feed1, feed2, feed3, feed4]: [Arc<Feed>; 5] = std::array::from_fn(|_| feed.clone());
            view! {
                <div aria-live="polite" class="govuk-visually-hidden" data-testid="live-region">{move || format!("Showing figures for {}", heading.get())}</div>
                <p class="govuk-heading-s" data-testid="selection-heading">{heading}</p>
                <Show when=move || { panels_shown.get() >= 1 }>
                    <FunnelPanel feed=feed0.clone() selection=current heading />
                </Show>
                <Show when=move || { panels_shown.get() >= 2 }>
                    <ComparisonPanel feed=feed1.clone() selection=staged[0] />
                </Show>
                <Show when=move || { panels_shown.get() >= 3 }>
                    <TrendPanel feed=feed2.clone() selection=staged[1] />
                </Show>
                <Show when=move || { panels_shown.get() >= 4 }>
                    <FlowsPanel feed=feed3.clone() selection=staged[2] />
                </Show>
                <Show when=move || { panels_shown.get() >= 5 }>
                    <OutcomesPanel feed=feed4.clone() selection=staged[3] />
                </Show>
            }
            .into_any()
        }
        Some(problems) => view! {
            <crate::components::SelectionError title="This link does not match the published figures" problems=problems back_href="/journey" back_label="Show the life journey for the whole area" />
        }
        .into_any(),
    }
    };
    view! {
        // Rebuilt only when the link goes from valid to not (the form is not shown for a link
        // that does not match the figures), not on every change of selection.
        {move || chosen_at_all.get().then(form.clone())}
        {shown}
    }
}

/// Choices for period, area, cohort and benchmark, as a GET form: submitting it writes the
/// query string, so the URL stays the single source of truth (and works without the app).
/// The area list is long (130+ wards; 7,000+ at national scale), so a search box narrows it as
/// you type. The form is built once for `initial`; later selections (`chosen`) only set each
/// list's value, so a change of selection never rebuilds the lists.
#[component]
fn SelectionForm(feed: Arc<Feed>, initial: JourneySelection, chosen: Memo<Option<JourneySelection>>) -> impl IntoView {
    let selection = initial;
    let value_of = move |part: fn(&JourneySelection) -> String| {
        move || chosen.with(|chosen| chosen.as_ref().map(part).unwrap_or_default())
    };
    let periods = feed.periods();
    let years = feed.financial_years();
    let search = RwSignal::new(String::new());
    let list = AreaList::new(&feed);
    let long_list = list.is_long();
    let chosen_area = value_of(|s| s.area.clone());
    let listed = Memo::new(move |_| {
        let search = search.get();
        // A full list (no search, short list) shows every area whatever is chosen, so it need
        // not follow the selection; any other list always keeps the chosen area, so it does.
        let chosen = if search.trim().is_empty() && !long_list { untrack(chosen_area) } else { chosen_area() };
        let (groups, note) = list.shown(&search, &chosen);
        (groups, note, chosen)
    });
    let area_options = move || {
        listed.with(|(groups, _, chosen)| {
            groups
                .iter()
                .map(|(label, areas)| {
                    view! {
                        <optgroup label=*label>
                            {areas.iter().map(|(code, name)| {
                                let selected = code == chosen;
                                view! { <option value=code.clone() selected=selected>{name.clone()}</option> }
                            }).collect_view()}
                        </optgroup>
                    }
                })
                .collect_view()
        })
    };
    let note = move || {
        listed.with(|(_, note, _)| {
            // Not a live region: it changes with every key pressed. The search box and the list
            // are described by it, so it is read when either is reached.
            note.clone()
                .map(|note| view! { <p class="govuk-hint" id="area-list-note" data-testid="area-list-note">{note}</p> })
        })
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
                        <select class="govuk-select app-select-full" id="period" name="period" prop:value=value_of(|s| s.period.to_string())>
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
                        <div class="govuk-hint" id="area-search-hint">
                            {if long_list { "Type part of a ward, plan or district name to list it" } else { "Type part of a ward, plan or district name to shorten the list" }}
                        </div>
                        <input class="govuk-input" id="area-search" type="search" autocomplete="off" aria-describedby=if long_list { "area-search-hint area-list-note" } else { "area-search-hint" }
                            on:input=move |event| search.set(event_target_value(&event)) />
                        <label class="govuk-label" for="area">"Area"</label>
                        <select class="govuk-select app-select-full" id="area" name="area" aria-describedby=long_list.then_some("area-list-note") prop:value=move || {
                            // Set again whenever the options are rebuilt, so the list always shows the chosen area.
                            listed.track();
                            chosen_area()
                        }>{area_options}</select>
                        {note}
                    </div>
                    <div class="govuk-grid-column-one-third govuk-form-group">
                        <label class="govuk-label" for="cohort">"Cohort"</label>
                        <select class="govuk-select app-select-full" id="cohort" name="cohort" prop:value=value_of(|s| s.cohort.clone())>
                            {cohorts.into_iter().map(|c| {
                                let selected = c.id == selection.cohort;
                                view! { <option value=c.id.clone() selected=selected>{c.name.clone()}</option> }
                            }).collect_view()}
                        </select>
                        <label class="govuk-label" for="benchmark">"Compare with"</label>
                        <select class="govuk-select app-select-full" id="benchmark" name="benchmark" prop:value=value_of(|s| s.benchmark.as_str().to_owned())>
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
