//! `/wards`: which wards do well or badly on a measure, whether the difference from a benchmark
//! is real (95% confidence intervals), and how it relates to deprivation; `?ward=` opens one
//! ward's profile (`pages::ward`). The selection lives in the query string (`selection`); the
//! panels live in `components::wards`.

pub mod selection;

use crate::components::feed_boundary::Figures;
use crate::components::wards::{
    compare, polarity_words, unit_heading, Comparison as Compared, DeprivationPanel, RankedPanel,
};
use crate::components::{set_page_title, use_feed, Needs, WithFeed};
use crate::filters::Benchmark;
use crate::pages::ward::WardProfile;
use leptos::prelude::*;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;
use outcomes_core::{Feed, Measure};
use selection::{Colouring, WardSet, WardsSelection};
use std::sync::Arc;

#[component]
pub fn WardsPage() -> impl IntoView {
    let query = use_query_map();
    let feed = use_feed();
    // Worked out from the summary with the same parsing as the page: a ward's profile and the
    // wards of a district or a place plan need one district's file; all wards need the measure's
    // file (every ward's values of it).
    let figures = Memo::new(move |_| match feed.get() {
        Some(feed) => query.with(|query| figures_for(&WardsSelection::from_query(query, &feed), &feed)),
        None => Figures::Summary,
    });
    view! { <WithFeed needs=Needs::Figures(figures.into()) children=|feed| view! { <WardsView feed /> } /> }
}

/// The figures a selection of `/wards` draws on (see [`Figures`]); a link with a problem shows
/// only the problem, from the summary.
pub fn figures_for(selection: &Result<WardsSelection, Vec<String>>, feed: &Feed) -> Figures {
    let Ok(selection) = selection else { return Figures::Summary };
    let measure = || selection.measure.clone();
    match (&selection.ward, &selection.within) {
        (Some(ward), _) => Figures::of_area(feed, ward),
        (None, WardSet::District(code)) => Figures::WardsOf { district: code.clone(), measure: measure() },
        (None, WardSet::PlacePlan(id)) => match Figures::of_area(feed, id) {
            Figures::District(district) => Figures::WardsOf { district, measure: measure() },
            other => other,
        },
        (None, WardSet::All) => Figures::Measure(measure()),
    }
}

/// What `/wards` shows for a link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shown {
    Comparison,
    Profile,
    Problem,
}

#[component]
fn WardsView(feed: Arc<Feed>) -> impl IntoView {
    let query = use_query_map();
    let selection = {
        let feed = feed.clone();
        Memo::new(move |_| query.with(|query| WardsSelection::from_query(query, &feed)))
    };
    // The view is rebuilt only when what it shows changes kind; within the comparison a change of
    // selection gives the choices, the words, the tables and the charts their new values.
    let shown = Memo::new(move |_| {
        selection.with(|selection| match selection {
            Ok(selection) if selection.ward.is_some() => Shown::Profile,
            Ok(_) => Shown::Comparison,
            Err(_) => Shown::Problem,
        })
    });
    move || match shown.get() {
        Shown::Profile => {
            let feed = feed.clone();
            (move || selection.get().ok().map(|selection| view! { <WardProfile feed=feed.clone() selection /> }))
                .into_any()
        }
        Shown::Comparison => {
            set_page_title("Ward comparisons");
            let Some(initial) = selection.get_untracked().ok() else { return ().into_any() };
            let compared = Memo::new(move |previous: Option<&WardsSelection>| {
                selection.with(|selection| match selection {
                    Ok(selection) if selection.ward.is_none() => selection.clone(),
                    // Only for the moment before the view changes kind.
                    _ => previous.cloned().unwrap_or_else(|| initial.clone()),
                })
            });
            view! { <Comparison feed=feed.clone() selection=compared /> }.into_any()
        }
        Shown::Problem => {
            set_page_title("Ward comparisons");
            // From one link with problems to another (back and forward), the list follows.
            let problems = move || selection.with(|selection| selection.as_ref().err().cloned());
            view! {
                <h1 class="govuk-heading-l">"Ward comparisons"</h1>
                {move || problems().map(|problems| view! {
                    <crate::components::SelectionError title="This link does not match the published figures" problems=problems back_href="/wards" back_label="Compare all wards on the first measure" />
                })}
            }
            .into_any()
        }
    }
}

#[component]
fn Comparison(feed: Arc<Feed>, selection: Memo<WardsSelection>) -> impl IntoView {
    // A valid selection always names a measure of the catalogue, which does not change while
    // the view is shown: only a release without measures has nothing to compare.
    let Some(first) = selection.with_untracked(|selection| compare(&feed, selection)) else {
        return view! { <h1 class="govuk-heading-l">"Ward comparisons"</h1> }.into_any();
    };
    let comparison = {
        let feed = feed.clone();
        Memo::new(move |previous: Option<&Compared>| {
            selection
                .with(|selection| compare(&feed, selection))
                .or_else(|| previous.cloned())
                .unwrap_or_else(|| first.clone())
        })
    };
    let heading = {
        let feed = feed.clone();
        Memo::new(move |_| {
            selection.with(|selection| {
                comparison.with(|comparison| {
                    format!(
                        "{}: {}, {}",
                        comparison.measure.title,
                        selection.within_words(&feed),
                        selection.period.label()
                    )
                })
            })
        })
    };
    let measure = Memo::new(move |_| comparison.with(|comparison| comparison.measure.clone()));
    let about = move |part: fn(&Measure) -> String| move || measure.with(part);
    view! {
        <h1 class="govuk-heading-l">"Ward comparisons"</h1>
        <p class="govuk-body">
            "Rank the wards on a measure, see whether each differs from a benchmark by more than chance would explain, "
            "and see how the measure follows deprivation. Open a ward for its LSOAs, place plans and every measure."
        </p>
        <SelectionForm feed=feed.clone() chosen=selection />
        <DistrictLinks feed=feed.clone() selection />
        <div aria-live="polite" class="govuk-visually-hidden">{move || format!("Showing {}", heading.get())}</div>
        <h2 class="govuk-heading-m" data-testid="selection-heading">{heading}</h2>
        <details class="govuk-details">
            <summary class="govuk-details__summary">
                <span class="govuk-details__summary-text">"About this measure"</span>
            </summary>
            <div class="govuk-details__text">
                <dl class="govuk-summary-list">
                    <div class="govuk-summary-list__row">
                        <dt class="govuk-summary-list__key">"What it measures"</dt>
                        <dd class="govuk-summary-list__value">{about(|m| m.definition.clone())}</dd>
                    </div>
                    <div class="govuk-summary-list__row">
                        <dt class="govuk-summary-list__key">"Numerator"</dt>
                        <dd class="govuk-summary-list__value">{about(|m| m.numerator.clone())}</dd>
                    </div>
                    <div class="govuk-summary-list__row">
                        <dt class="govuk-summary-list__key">"Denominator"</dt>
                        <dd class="govuk-summary-list__value">{about(|m| m.denominator.clone())}</dd>
                    </div>
                    <div class="govuk-summary-list__row">
                        <dt class="govuk-summary-list__key">"Shown as"</dt>
                        <dd class="govuk-summary-list__value">{about(|m| format!("{}. {}", unit_heading(m.unit), polarity_words(m.polarity)))}</dd>
                    </div>
                    <div class="govuk-summary-list__row">
                        <dt class="govuk-summary-list__key">"Source"</dt>
                        <dd class="govuk-summary-list__value">{about(|m| m.source.clone())}</dd>
                    </div>
                </dl>
            </div>
        </details>
        <p class="govuk-body govuk-!-font-weight-bold" data-testid="wards-summary">
            {move || comparison.with(crate::components::wards::ranking_summary)}
        </p>
        <RankedPanel feed=feed.clone() selection comparison />
        <DeprivationPanel comparison />
    }
    .into_any()
}

/// Choices as a GET form: submitting it writes the query string (and works without the app).
/// It is built once for the selection it starts with; later ones (`chosen`) only set each list's
/// value, so a change never rebuilds the lists (755 districts and plans at national scale).
#[component]
fn SelectionForm(feed: Arc<Feed>, chosen: Memo<WardsSelection>) -> impl IntoView {
    let selection = chosen.get_untracked();
    let value_of = move |part: fn(&WardsSelection) -> String| move || chosen.with(part);
    let document = feed.document();
    let measures = document.measures.catalogue.clone();
    let periods = feed.periods();
    let districts = document.geography.districts.clone();
    let plans: Vec<(String, String)> = document.place_plans.iter().map(|p| (p.id.clone(), p.name.clone())).collect();
    let within_code = selection.within_code().to_owned();
    let within_is = move |code: &str| code == within_code;
    let county_name = feed.county().name.clone();
    let benchmark_is_district = selection.benchmark == Benchmark::District;
    let colour_is_deprivation = selection.colour == Colouring::Deprivation;
    view! {
        <Form method="GET" action="">
            <fieldset class="govuk-fieldset app-no-print">
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">"Choose what to compare"</legend>
                <div class="govuk-grid-row">
                    <div class="govuk-grid-column-one-half govuk-form-group">
                        <label class="govuk-label" for="measure">"Measure"</label>
                        <select class="govuk-select app-select-full" id="measure" name="measure" prop:value=value_of(|s| s.measure.clone())>
                            {measures.into_iter().map(|m| {
                                let selected = m.id == selection.measure;
                                view! { <option value=m.id.clone() selected=selected>{m.title.clone()}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="govuk-grid-column-one-half govuk-form-group">
                        <label class="govuk-label" for="period">"Period"</label>
                        <select class="govuk-select app-select-full" id="period" name="period" prop:value=value_of(|s| s.period.to_string())>
                            {periods.into_iter().rev().map(|q| {
                                let selected = q == selection.period;
                                view! { <option value=q.to_string() selected=selected>{q.label()}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                </div>
                <div class="govuk-grid-row">
                    <div class="govuk-grid-column-one-third govuk-form-group">
                        <label class="govuk-label" for="within">"Wards to compare"</label>
                        <select class="govuk-select app-select-full" id="within" name="within" prop:value=value_of(|s| s.within_code().to_owned())>
                            <option value="all" selected=within_is("all")>{format!("All wards in {county_name}")}</option>
                            <optgroup label="Wards in a district">
                                {districts.into_iter().map(|d| {
                                    let selected = within_is(&d.code);
                                    view! { <option value=d.code.clone() selected=selected>{d.name.clone()}</option> }
                                }).collect_view()}
                            </optgroup>
                            <optgroup label="Wards in a place plan">
                                {plans.into_iter().map(|(id, name)| {
                                    let selected = within_is(&id);
                                    view! { <option value=id selected=selected>{name}</option> }
                                }).collect_view()}
                            </optgroup>
                        </select>
                    </div>
                    <div class="govuk-grid-column-one-third govuk-form-group">
                        <label class="govuk-label" for="benchmark">"Compare with"</label>
                        <select class="govuk-select app-select-full" id="benchmark" name="benchmark" prop:value=value_of(|s| s.benchmark.as_str().to_owned())>
                            <option value="county" selected=!benchmark_is_district>"The whole area"</option>
                            <option value="district" selected=benchmark_is_district>"Each ward's district"</option>
                        </select>
                    </div>
                    <div class="govuk-grid-column-one-third govuk-form-group">
                        <label class="govuk-label" for="colour">"Colour the chart by"</label>
                        <select class="govuk-select app-select-full" id="colour" name="colour" prop:value=value_of(|s| s.colour.as_str().to_owned())>
                            <option value="significance" selected=!colour_is_deprivation>"Compared with the benchmark"</option>
                            <option value="deprivation" selected=colour_is_deprivation>"Deprivation (IMD 2019)"</option>
                        </select>
                    </div>
                </div>
                <button type="submit" class="govuk-button govuk-button--secondary">"Show wards"</button>
            </fieldset>
        </Form>
    }
}

/// Above this many districts the district links are left out: the list of wards to compare
/// already holds every district, and a wall of links (300 at national scale) helps no one.
pub const DISTRICT_LINKS_MAX: usize = 30;

/// One link per district (and all wards): a quick way to narrow the comparison, by keyboard
/// with Tab and Enter alone. Only for a release of a few districts (see [`DISTRICT_LINKS_MAX`]).
#[component]
pub fn DistrictLinks(feed: Arc<Feed>, selection: Memo<WardsSelection>) -> impl IntoView {
    let districts = &feed.document().geography.districts;
    if districts.len() > DISTRICT_LINKS_MAX {
        return ().into_any();
    }
    let mut choices = vec![(WardSet::All, "All wards".to_owned())];
    choices.extend(districts.iter().map(|d| (WardSet::District(d.code.clone()), d.name.clone())));
    view! {
        <nav aria-label="Wards to compare by district" class="app-no-print" data-testid="district-links">
            <p class="govuk-body govuk-!-margin-bottom-1">"Compare wards in:"</p>
            <ul class="govuk-list app-inline-list">
                {move || selection.with(|selection| choices.iter().map(|(within, name)| {
                    let current = *within == selection.within;
                    let href = selection.within(within.clone()).href();
                    let name = name.clone();
                    view! {
                        <li>
                            <a class="govuk-link" href=href aria-current=current.then_some("page")>
                                {if current { view! { <strong>{name}</strong> }.into_any() } else { name.into_any() }}
                            </a>
                        </li>
                    }
                }).collect_view())}
            </ul>
        </nav>
    }
    .into_any()
}
