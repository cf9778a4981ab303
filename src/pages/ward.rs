//! One ward's profile (`/wards?…&ward=E05…`): its district and place plans, its deprivation and
//! LSOAs (national and local IMD 2019 deciles), a link to its life journey, and its value on
//! every measure against the benchmark chosen on the comparison, with the verdict in words.

use crate::components::sortable::{SortDirection, SortKey, SortState, SortableColumn, SortableTable};
use crate::components::wards::{deprivation_by_ward, measure_values, unit_heading, value_of};
use crate::components::{set_page_title, CsvDownload};
use crate::pages::wards::selection::WardsSelection;
use leptos::prelude::*;
use outcomes_core::csv::to_csv;
use outcomes_core::funnel::Derived;
use outcomes_core::stats::Significance;
use outcomes_core::wards::{format_value, significance, Estimate};
use outcomes_core::{Feed, Lsoa, Measure};
use std::sync::Arc;

/// One measure's row in the profile.
#[derive(Clone, Debug)]
struct MeasureRow {
    measure: Measure,
    value: Derived<Estimate>,
    missing: &'static str,
    benchmark: Derived<Estimate>,
    significance: Significance,
}

#[component]
pub fn WardProfile(feed: Arc<Feed>, selection: WardsSelection) -> impl IntoView {
    let document = feed.document();
    let Some(ward) =
        selection.ward.as_deref().and_then(|code| document.geography.wards.iter().find(|w| w.code == code)).cloned()
    else {
        return view! { <h1 class="govuk-heading-l">"Ward not found"</h1> }.into_any();
    };
    set_page_title(&format!("{} ward", ward.name));
    let district_name = feed.area(&ward.district).map(|a| a.name.clone()).unwrap_or_default();
    let plans: Vec<(String, String)> = document
        .place_plans
        .iter()
        .filter(|p| p.wards.contains(&ward.code))
        .map(|p| (p.id.clone(), p.name.clone()))
        .collect();
    let deprivation = deprivation_by_ward(&feed).get(ward.code.as_str()).copied();
    let lsoas: Vec<Lsoa> = document.geography.lsoas.iter().filter(|l| l.ward == ward.code).cloned().collect();
    let benchmark_code = selection.benchmark_code(&feed, &ward).to_owned();
    let benchmark_name = feed.area(&benchmark_code).map(|a| a.name.clone()).unwrap_or_default();

    let rows: Vec<MeasureRow> = document
        .measures
        .catalogue
        .iter()
        .map(|measure| {
            let values = measure_values(&feed, &measure.id, selection.period);
            let pair = values.get(ward.code.as_str());
            let value = value_of(measure.unit, pair);
            let benchmark = value_of(measure.unit, values.get(benchmark_code.as_str()));
            let missing = match (pair, value) {
                (None, _) => "[x]",
                (_, Derived::Suppressed) => "[c]",
                _ => "[z]",
            };
            MeasureRow {
                measure: measure.clone(),
                value,
                missing,
                benchmark,
                significance: significance(value, benchmark, measure.polarity),
            }
        })
        .collect();

    let back = selection.without_ward().href();
    let journey = format!("/journey?area={}", ward.code);
    let period_label = selection.period.label();

    let measure_csv = {
        let header = [
            "period",
            "ward_code",
            "ward_name",
            "measure_id",
            "measure",
            "unit",
            "value",
            "lower_95",
            "upper_95",
            "benchmark_area",
            "benchmark_value",
            "compared_with_benchmark",
        ];
        to_csv(
            &header,
            rows.iter().map(|row| {
                let number = |value: Derived<Estimate>, pick: fn(&Estimate) -> f64, missing: &str| match value {
                    Derived::Value(e) => format!("{:.2}", pick(&e)),
                    _ => missing.to_owned(),
                };
                let benchmark_missing = if matches!(row.benchmark, Derived::Suppressed) { "[c]" } else { "[x]" };
                vec![
                    selection.period.to_string(),
                    ward.code.clone(),
                    ward.name.clone(),
                    row.measure.id.clone(),
                    row.measure.title.clone(),
                    unit_heading(row.measure.unit).to_lowercase(),
                    number(row.value, |e| e.value, row.missing),
                    number(row.value, |e| e.interval.lower, row.missing),
                    number(row.value, |e| e.interval.upper, row.missing),
                    benchmark_name.clone(),
                    number(row.benchmark, |e| e.value, benchmark_missing),
                    row.significance.words().to_owned(),
                ]
            }),
        )
    };
    let lsoa_csv = to_csv(
        &["ward_code", "ward_name", "lsoa_code", "lsoa_name", "imd_national_decile", "imd_local_decile", "households"],
        lsoas.iter().map(|l| {
            vec![
                ward.code.clone(),
                ward.name.clone(),
                l.code.clone(),
                l.name.clone(),
                l.imd_national_decile.to_string(),
                l.imd_local_decile.to_string(),
                l.households.to_string(),
            ]
        }),
    );

    let measure_table = view! {
        <div class="app-table-wrapper">
            <table class="govuk-table govuk-table--small-text-until-tablet" data-testid="ward-measures-table">
                <caption class="govuk-table__caption govuk-table__caption--s">
                    {format!("{}: every measure, {period_label}, compared with {benchmark_name}", ward.name)}
                </caption>
                <thead class="govuk-table__head">
                    <tr class="govuk-table__row">
                        <th scope="col" class="govuk-table__header">"Measure"</th>
                        <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Value"</th>
                        <th scope="col" class="govuk-table__header govuk-table__header--numeric">"95% confidence interval"</th>
                        <th scope="col" class="govuk-table__header govuk-table__header--numeric">{format!("Benchmark ({benchmark_name})")}</th>
                        <th scope="col" class="govuk-table__header">"Compared with benchmark"</th>
                    </tr>
                </thead>
                <tbody class="govuk-table__body">
                    {rows.iter().map(|row| {
                        let unit = row.measure.unit;
                        let value = match row.value {
                            Derived::Value(e) => format_value(unit, Derived::Value(e.value)),
                            _ => row.missing.to_owned(),
                        };
                        let interval = match row.value {
                            Derived::Value(e) => format!(
                                "{} to {}",
                                format_value(unit, Derived::Value(e.interval.lower)),
                                format_value(unit, Derived::Value(e.interval.upper))
                            ),
                            _ => row.missing.to_owned(),
                        };
                        let benchmark = match row.benchmark {
                            Derived::Value(e) => format_value(unit, Derived::Value(e.value)),
                            Derived::Suppressed => "[c]".to_owned(),
                            Derived::NotApplicable => "[x]".to_owned(),
                        };
                        let ranking = selection_for_measure(&selection, &row.measure.id).href();
                        view! {
                            <tr class="govuk-table__row" data-measure=row.measure.id.clone()>
                                <th scope="row" class="govuk-table__header">
                                    {row.measure.title.clone()}
                                    <span class="app-table-note">{unit_heading(unit)}</span>
                                    <a class="govuk-link app-table-note" href=ranking>
                                        "Rank wards on this measure"
                                        <span class="govuk-visually-hidden">{format!(" ({})", row.measure.title)}</span>
                                    </a>
                                </th>
                                <td class="govuk-table__cell govuk-table__cell--numeric" data-column="value">{value}</td>
                                <td class="govuk-table__cell govuk-table__cell--numeric" data-column="interval">{interval}</td>
                                <td class="govuk-table__cell govuk-table__cell--numeric" data-column="benchmark">{benchmark}</td>
                                <td class="govuk-table__cell" data-column="significance">
                                    <strong class=tag_class(row.significance)>{row.significance.words()}</strong>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    };

    let lsoa_columns: Vec<SortableColumn<Lsoa>> = vec![
        SortableColumn::new("lsoa", "LSOA", |l: &Lsoa| l.name.clone().into_any())
            .row_header()
            .sort_by(|l| SortKey::text(&l.name)),
        SortableColumn::new("code", "Code", |l: &Lsoa| l.code.clone().into_any()).sort_by(|l| SortKey::text(&l.code)),
        SortableColumn::new("national", "National IMD decile", |l: &Lsoa| l.imd_national_decile.to_string().into_any())
            .numeric()
            .sort_by(|l| SortKey::Number(f64::from(l.imd_national_decile))),
        SortableColumn::new("local", "Local IMD decile", |l: &Lsoa| l.imd_local_decile.to_string().into_any())
            .numeric()
            .sort_by(|l| SortKey::Number(f64::from(l.imd_local_decile))),
        SortableColumn::new("households", "Households", |l: &Lsoa| {
            outcomes_core::format::thousands(l.households).into_any()
        })
        .numeric()
        .sort_by(|l| SortKey::Number(f64::from(l.households))),
    ];
    let lsoa_count = lsoas.len();

    view! {
        <a class="govuk-back-link" href=back.clone()>"Back to the ward comparison"</a>
        <span class="govuk-caption-l">{format!("Ward in {district_name}")}</span>
        <h1 class="govuk-heading-l" data-testid="ward-heading">{format!("{} ward", ward.name)}</h1>
        <dl class="govuk-summary-list" data-testid="ward-summary">
            <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">"District"</dt>
                <dd class="govuk-summary-list__value">{district_name.clone()}</dd>
            </div>
            <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">{if plans.len() == 1 { "Place plan" } else { "Place plans" }}</dt>
                <dd class="govuk-summary-list__value" data-testid="ward-plans">
                    {if plans.is_empty() {
                        view! { "Not in a place plan" }.into_any()
                    } else {
                        view! {
                            <ul class="govuk-list">
                                {plans.into_iter().map(|(id, name)| view! {
                                    <li>
                                        {name.clone()}" "
                                        <a class="govuk-link" href=format!("/journey?area={id}")>
                                            "life journey"<span class="govuk-visually-hidden">{format!(" for {name}")}</span>
                                        </a>
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </dd>
            </div>
            <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">"Deprivation (IMD 2019)"</dt>
                <dd class="govuk-summary-list__value" data-testid="ward-deprivation">
                    {match deprivation {
                        Some(d) => format!(
                            "Average national decile {:.1} (band: {}); {} of its {} LSOAs in the most deprived 20% in England.",
                            d.average_decile, d.band().name(), d.lsoas_most_deprived_20, d.lsoas
                        ),
                        None => "Not known: no LSOAs are listed for this ward.".to_owned(),
                    }}
                </dd>
            </div>
        </dl>
        <p class="govuk-body">
            <a class="govuk-link" href=journey data-testid="ward-journey-link">{format!("See the life journey for {}", ward.name)}</a>
        </p>

        <section aria-labelledby="ward-measures-heading">
            <h2 class="govuk-heading-m" id="ward-measures-heading">"Every measure against the benchmark"</h2>
            <p class="govuk-body">
                {format!("{period_label}. Better or worse means the ward's 95% confidence interval lies wholly on one side of {benchmark_name}'s value; similar means it includes it.")}
            </p>
            {measure_table}
            <CsvDownload filename=format!("ward-measures-{}-{}.csv", ward.code, selection.period) csv=measure_csv what="the measures table" />
        </section>

        <section aria-labelledby="ward-lsoas-heading" data-testid="ward-lsoas">
            <h2 class="govuk-heading-m" id="ward-lsoas-heading">{format!("LSOAs in {} ({lsoa_count})", ward.name)}</h2>
            <p class="govuk-body">
                "Decile 1 is the most deprived 10%: nationally among all LSOAs in England, locally among the LSOAs of the district."
            </p>
            <div class="app-table-wrapper">
                <SortableTable caption=format!("LSOAs in {} with their IMD 2019 deciles", ward.name) columns=lsoa_columns
                    rows=Signal::stored(lsoas)
                    initial_sort=SortState { column: 2, direction: SortDirection::Ascending }
                    row_key=|l: &Lsoa| l.code.clone()
                    caption_class="govuk-table__caption--s"
                    testid="lsoa-table" />
            </div>
            <CsvDownload filename=format!("ward-lsoas-{}.csv", ward.code) csv=lsoa_csv what="the LSOA table" />
        </section>
        <p class="govuk-body"><a class="govuk-link" href=back>"Back to the ward comparison"</a></p>
    }
    .into_any()
}

fn selection_for_measure(selection: &WardsSelection, measure: &str) -> WardsSelection {
    WardsSelection { measure: measure.to_owned(), ward: None, ..selection.clone() }
}

fn tag_class(significance: Significance) -> &'static str {
    match significance {
        Significance::Better => "govuk-tag",
        Significance::Similar => "govuk-tag govuk-tag--yellow",
        Significance::Worse => "govuk-tag govuk-tag--red",
        Significance::NotCompared => "govuk-tag govuk-tag--grey",
    }
}
