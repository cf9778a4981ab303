//! Place plans on the page: status tags, one summary row per plan (for the index), the actions
//! table, and a plan's wards on its measures against the whole area.

use super::CsvDownload;
use leptos::prelude::*;
use outcomes_core::csv::to_csv;
use outcomes_core::direction::Travel;
use outcomes_core::plans::{
    headline_measure, is_overdue, partner_words, status_id, status_words, Figure, MeasureIndex, StatusCounts,
};
use outcomes_core::stats::Significance;
use outcomes_core::{ActionStatus, Date, Feed, PlacePlan, PlanKind};

/// An action's status as a GOV.UK tag, in words.
#[component]
pub fn StatusTag(status: ActionStatus) -> impl IntoView {
    let class = match status {
        ActionStatus::NotStarted => "govuk-tag govuk-tag--grey",
        // The default tag is blue (GOV.UK Frontend 6 has no `govuk-tag--blue`).
        ActionStatus::OnTrack => "govuk-tag",
        ActionStatus::AtRisk => "govuk-tag govuk-tag--red",
        ActionStatus::Complete => "govuk-tag govuk-tag--green",
    };
    view! { <strong class=class data-status=status_id(status)>{status_words(status)}</strong> }
}

/// "Place plan" or "City arrangement".
pub fn kind_words(kind: PlanKind) -> &'static str {
    match kind {
        PlanKind::PlacePlan => "Place plan",
        PlanKind::CityArrangement => "City arrangement",
    }
}

/// Everything the index shows about one plan.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanRow {
    pub id: String,
    pub name: String,
    pub kind: PlanKind,
    pub district_code: String,
    pub district_name: String,
    pub ward_names: Vec<String>,
    pub counts: StatusCounts,
    pub headline_title: String,
    /// The headline measure in the latest quarter, and a year earlier.
    pub latest: Option<Figure>,
    pub year_earlier: Option<Figure>,
    /// From a year earlier to the latest quarter, at the precision shown.
    pub travel: Option<Travel>,
}

/// One row per plan, in the feed's order.
pub fn plan_rows(feed: &Feed) -> Vec<PlanRow> {
    let index = MeasureIndex::new(feed);
    let latest_period = feed.latest_period();
    let earlier = latest_period.year_earlier();
    let has_earlier = feed.periods().contains(&earlier);
    feed.document()
        .place_plans
        .iter()
        .map(|plan| {
            let measure = headline_measure(feed, plan);
            let latest = measure.and_then(|m| index.figure(m, latest_period, &plan.id));
            let year_earlier = measure.filter(|_| has_earlier).and_then(|m| index.figure(m, earlier, &plan.id));
            let travel =
                match (measure, latest.and_then(|f| f.shown_value()), year_earlier.and_then(|f| f.shown_value())) {
                    (Some(m), Some(now), Some(then)) => Some(Travel::of(then, now, m.polarity)),
                    _ => None,
                };
            PlanRow {
                id: plan.id.clone(),
                name: plan.name.clone(),
                kind: plan.kind,
                district_code: plan.district.clone(),
                district_name: feed.area(&plan.district).map(|a| a.name.clone()).unwrap_or_default(),
                ward_names: ward_names(feed, plan),
                counts: StatusCounts::of(&plan.actions),
                headline_title: measure.map(|m| m.title.clone()).unwrap_or_default(),
                latest,
                year_earlier,
                travel,
            }
        })
        .collect()
}

pub fn ward_names(feed: &Feed, plan: &PlacePlan) -> Vec<String> {
    plan.wards.iter().map(|code| feed.area(code).map_or_else(|| code.clone(), |a| a.name.clone())).collect()
}

/// The plan's actions: what, who leads, when due, status, and whether overdue at the release.
#[component]
pub fn ActionsTable(plan: PlacePlan, release_date: Date) -> impl IntoView {
    let overdue = plan.actions.iter().filter(|a| is_overdue(a, release_date)).count();
    let rows = plan
        .actions
        .iter()
        .map(|action| {
            let late = is_overdue(action, release_date);
            view! {
                <tr class="govuk-table__row" data-action=action.id.clone()>
                    <th scope="row" class="govuk-table__header app-table-text">{action.title.clone()}</th>
                    <td class="govuk-table__cell" data-column="lead">{partner_words(action.lead_partner_type)}</td>
                    <td class="govuk-table__cell" data-column="due">{action.due_date.long()}</td>
                    <td class="govuk-table__cell" data-column="status"><StatusTag status=action.status /></td>
                    <td class="govuk-table__cell" data-column="overdue">
                        {if late {
                            view! { <strong class="govuk-tag govuk-tag--orange">"Overdue"</strong> }.into_any()
                        } else {
                            "No".into_any()
                        }}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p class="govuk-body" data-testid="actions-summary">
            {format!(
                "{} actions: {}. {} overdue (due before the release date of {} and not complete).",
                plan.actions.len(),
                outcomes_core::plans::STATUSES
                    .iter()
                    .map(|&s| format!("{} {}", StatusCounts::of(&plan.actions).get(s), status_words(s).to_lowercase()))
                    .collect::<Vec<_>>()
                    .join(", "),
                overdue,
                release_date.long()
            )}
        </p>
        <div class="app-table-wrapper">
            <table class="govuk-table app-table-compact" data-testid="actions-table">
                <caption class="govuk-table__caption govuk-table__caption--s">{format!("Actions of {}", plan.name)}</caption>
                <thead class="govuk-table__head">
                    <tr class="govuk-table__row">
                        <th scope="col" class="govuk-table__header">"Action"</th>
                        <th scope="col" class="govuk-table__header">"Lead partner"</th>
                        <th scope="col" class="govuk-table__header">"Due"</th>
                        <th scope="col" class="govuk-table__header">"Status"</th>
                        <th scope="col" class="govuk-table__header">"Overdue"</th>
                    </tr>
                </thead>
                <tbody class="govuk-table__body">{rows}</tbody>
            </table>
        </div>
    }
}

/// Each of the plan's measures: the plan area and each of its wards against the whole area, in
/// the latest quarter, with 95% intervals and a verdict read through the measure's polarity.
#[component]
pub fn WardMeasures(feed: std::sync::Arc<Feed>, plan: PlacePlan) -> impl IntoView {
    let index = MeasureIndex::new(&feed);
    let period = feed.latest_period();
    let county = feed.county().clone();
    let catalogue = &feed.document().measures.catalogue;
    let mut csv_rows: Vec<Vec<String>> = Vec::new();
    let tables = plan
        .measures
        .iter()
        .filter_map(|id| catalogue.iter().find(|m| &m.id == id))
        .map(|measure| {
            let benchmark = index.figure(measure, period, &county.code);
            let mut areas: Vec<(String, String)> = vec![(plan.id.clone(), format!("{} (whole plan area)", plan.name))];
            areas.extend(plan.wards.iter().map(|code| {
                (code.clone(), feed.area(code).map_or_else(|| code.clone(), |a| a.name.clone()))
            }));
            let figures: Vec<(String, String, Option<Figure>, Significance)> = areas
                .into_iter()
                .map(|(code, name)| {
                    let figure = index.figure(measure, period, &code);
                    let significance = figure.map_or(Significance::NotCompared, |f| f.against(benchmark.as_ref(), measure));
                    (code, name, figure, significance)
                })
                .collect();
            let wards = &figures[1..];
            let tally = |s: Significance| wards.iter().filter(|(.., sig)| *sig == s).count();
            let finding = format!(
                "Of the plan's {} ward{}, {} {} worse than {}, {} similar and {} better{}.",
                wards.len(),
                if wards.len() == 1 { "" } else { "s" },
                tally(Significance::Worse),
                if tally(Significance::Worse) == 1 { "is" } else { "are" },
                county.name,
                tally(Significance::Similar),
                tally(Significance::Better),
                match tally(Significance::NotCompared) {
                    0 => String::new(),
                    n => format!("; {n} cannot be compared (a figure is withheld or not published)"),
                }
            );
            for (code, name, figure, significance) in &figures {
                csv_rows.push(vec![
                    period.to_string(),
                    plan.id.clone(),
                    measure.id.clone(),
                    measure.title.clone(),
                    code.clone(),
                    name.clone(),
                    figure.map_or("[x]".into(), |f| csv_value(&f)),
                    figure.map_or("[x]".into(), |f| csv_bound(&f, true)),
                    figure.map_or("[x]".into(), |f| csv_bound(&f, false)),
                    benchmark.map_or("[x]".into(), |f| csv_value(&f)),
                    significance.words().to_owned(),
                ]);
            }
            let rows = figures
                .iter()
                .map(|(code, name, figure, significance)| {
                    view! {
                        <tr class="govuk-table__row" data-area=code.clone()>
                            <th scope="row" class="govuk-table__header">{name.clone()}</th>
                            <td class="govuk-table__cell govuk-table__cell--numeric" data-column="value">{figure.map_or("[x]".into(), |f| f.value_text())}</td>
                            <td class="govuk-table__cell govuk-table__cell--numeric" data-column="interval">{figure.map_or("[x]".into(), |f| f.interval_text())}</td>
                            <td class="govuk-table__cell" data-column="significance">{significance.words()}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <section class="app-measure" data-measure=measure.id.clone()>
                    <h3 class="govuk-heading-s">{measure.title.clone()}</h3>
                    <p class="govuk-body-s">{format!("{} Source: {}.", measure.definition, measure.source)}</p>
                    <p class="govuk-body" data-testid="measure-finding">{finding}</p>
                    <div class="app-table-wrapper">
                        <table class="govuk-table app-table-compact" data-testid="ward-measure-table">
                            <caption class="govuk-table__caption govuk-table__caption--s">
                                {format!("{}, {}: the plan's wards against {} ({})", measure.title, period.label(), county.name, benchmark.map_or("[x]".into(), |f| f.value_text()))}
                            </caption>
                            <thead class="govuk-table__head">
                                <tr class="govuk-table__row">
                                    <th scope="col" class="govuk-table__header">"Area"</th>
                                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Value"</th>
                                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"95% confidence interval"</th>
                                    <th scope="col" class="govuk-table__header">{format!("Compared with {}", county.name)}</th>
                                </tr>
                            </thead>
                            <tbody class="govuk-table__body">{rows}</tbody>
                        </table>
                    </div>
                </section>
            }
        })
        .collect_view();
    let csv = to_csv(
        &[
            "period",
            "plan_id",
            "measure_id",
            "measure",
            "area_code",
            "area_name",
            "value",
            "lower_95",
            "upper_95",
            "benchmark_value",
            "compared_with_benchmark",
        ],
        csv_rows,
    );
    view! {
        {tables}
        <p class="govuk-body-s">
            "Percentages have 95% Wilson score intervals; rates per 1,000 have Byar's (exact Poisson below 10 events) 95% intervals, on the published, rounded counts. "
            "“Better” or “worse” means the whole-area value lies outside the area's interval, read by whether a higher value is better for the measure; otherwise the difference could be chance. "
            "[c] means withheld to protect confidentiality; [x] not available; [z] not applicable."
        </p>
        <CsvDownload filename=format!("plan-measures-{}-{}.csv", plan.id, period) csv what="the ward measures tables" />
    }
}

fn csv_value(figure: &Figure) -> String {
    match figure.estimate.value() {
        Some(e) => format!("{:.1}", outcomes_core::contract::round_to(e.value, 1)),
        None => figure.value_text(),
    }
}

fn csv_bound(figure: &Figure, lower: bool) -> String {
    match figure.estimate.value() {
        Some(e) => {
            let bound = if lower { e.interval.lower } else { e.interval.upper };
            format!("{:.1}", outcomes_core::contract::round_to(bound, 1))
        }
        None => figure.value_text(),
    }
}
