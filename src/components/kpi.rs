//! The contract's KPIs on the page: RAG tags and direction-of-travel words, the summary and
//! payments tables, and one section per KPI (thresholds in words, a small trend chart, the
//! quarter-by-quarter table and how each payment was worked out).

use super::EChart;
use crate::charts;
use leptos::prelude::*;
use outcomes_core::contract::{
    aggregation_in_words, assess, kpi_difference, kpi_value, money, ratio_percent, thresholds_in_words, Position,
    QuarterAssessment, Rag,
};
use outcomes_core::csv::to_csv;
use outcomes_core::direction::{Direction, Travel};
use outcomes_core::{Contract, Kpi, KpiUnit, Polarity, Quarter};

/// A RAG status as a GOV.UK tag: the word is always there, the colour only repeats it.
#[component]
pub fn RagTag(rag: Option<Rag>) -> impl IntoView {
    match rag {
        Some(rag) => {
            let colour = match rag {
                Rag::Green => "govuk-tag--green",
                Rag::Amber => "govuk-tag--yellow",
                Rag::Red => "govuk-tag--red",
            };
            view! { <strong class=format!("govuk-tag {colour}") data-rag=rag.word()>{rag.word()}</strong> }.into_any()
        }
        None => view! { <span data-rag="none">"[x]"</span> }.into_any(),
    }
}

/// An arrow for the movement and the word for its meaning ("↑ improving"); the arrow is
/// decoration for sighted readers, the word carries the meaning.
#[component]
pub fn TravelWords(travel: Travel) -> impl IntoView {
    let modifier = match travel.direction {
        Direction::Improving => "app-travel--improving",
        Direction::Worsening => "app-travel--worsening",
        Direction::NoChange | Direction::Changed => "app-travel--level",
    };
    view! {
        <span class=format!("app-travel {modifier}") data-travel=travel.words()>
            <span class="app-travel__arrow" aria-hidden="true">{travel.arrow()}</span>
            " "
            {travel.words()}
        </span>
    }
}

/// "higher is better" / "lower is better" for a sentence.
pub fn polarity_words(polarity: Polarity) -> &'static str {
    match polarity {
        Polarity::HigherIsBetter => "higher is better",
        Polarity::LowerIsBetter => "lower is better",
        Polarity::NoJudgement => "neither higher nor lower is better",
    }
}

/// A position (year to date or cumulative) in one cell: "18,395 against 19,700 (93.4%, Amber)".
pub fn position_text(unit: KpiUnit, position: Option<Position>) -> String {
    match position {
        Some(p) => format!(
            "{} against {} ({}, {})",
            kpi_value(unit, p.actual),
            kpi_value(unit, p.target),
            p.achievement.map_or("[z]".into(), ratio_percent),
            p.rag.map_or("[x]", Rag::word)
        ),
        None => "[x]".to_owned(),
    }
}

/// The quarters of a KPI that the page shows.
pub fn shown_quarters(kpi: &Kpi, annual_gbp: f64, include: impl Fn(Quarter) -> bool) -> Vec<QuarterAssessment> {
    assess(kpi, annual_gbp).into_iter().filter(|q| include(q.period)).collect()
}

/// The latest reported quarter among `quarters`.
pub fn latest_reported(quarters: &[QuarterAssessment]) -> Option<&QuarterAssessment> {
    quarters.iter().rev().find(|q| q.actual.is_some())
}

/// One KPI: definition, thresholds, how it adds up, a sentence, a trend chart, its table.
#[component]
pub fn KpiSection(kpi: Kpi, quarters: Vec<QuarterAssessment>) -> impl IntoView {
    let unit = kpi.unit;
    let heading_id = format!("kpi-{}-heading", kpi.id);
    let labelled_by = heading_id.clone();
    let anchor = format!("kpi-{}", kpi.id);
    let finding = match latest_reported(&quarters) {
        Some(q) => format!(
            "In {} the actual was {} against a target of {} (achievement {}): {}. Year to date: {}. {} earned in the quarter.",
            q.period.label(),
            kpi_value(unit, q.actual.unwrap_or_default()),
            kpi_value(unit, q.target),
            q.achievement.map_or("[z]".into(), ratio_percent),
            q.rag.map_or("[x]", Rag::word).to_lowercase(),
            position_text(unit, q.year_to_date),
            money(q.payment.earned_pence)
        ),
        None => "No quarter of this KPI is reported yet in the period shown ([x]).".to_owned(),
    };
    let option = charts::kpi_trend_chart(unit, &quarters);
    let variance_header = match unit {
        KpiUnit::Count => "Variance (actual − target)",
        KpiUnit::Percentage => "Variance (percentage points)",
    };
    let rules = quarters
        .iter()
        .map(|q| view! { <li data-period=q.period.to_string()>{format!("{}: {}.", q.period.label(), q.payment.rule_in_words())}</li> })
        .collect_view();
    let rows = quarters
        .iter()
        .map(|q| {
            view! {
                <tr class="govuk-table__row" data-period=q.period.to_string()>
                    <th scope="row" class="govuk-table__header">{q.period.label()}</th>
                    <td class="govuk-table__cell govuk-table__cell--numeric" data-column="target">{kpi_value(unit, q.target)}</td>
                    <td class="govuk-table__cell govuk-table__cell--numeric" data-column="actual">{q.actual.map_or("[x]".into(), |a| kpi_value(unit, a))}</td>
                    <td class="govuk-table__cell govuk-table__cell--numeric" data-column="variance">{q.variance.map_or("[x]".into(), |v| kpi_difference(unit, v))}</td>
                    <td class="govuk-table__cell govuk-table__cell--numeric" data-column="achievement">{match q.actual { Some(_) => q.achievement.map_or("[z]".into(), ratio_percent), None => "[x]".into() }}</td>
                    <td class="govuk-table__cell" data-column="rag"><RagTag rag=q.rag /></td>
                    <td class="govuk-table__cell" data-column="year-to-date">{position_text(unit, q.year_to_date)}</td>
                    <td class="govuk-table__cell" data-column="cumulative">{position_text(unit, q.cumulative)}</td>
                    <td class="govuk-table__cell govuk-table__cell--numeric" data-column="earned">{money(q.payment.earned_pence)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="app-kpi" aria-labelledby=labelled_by data-kpi-section=kpi.id.clone() id=anchor>
            <h2 class="govuk-heading-m" id=heading_id>{kpi.title.clone()}</h2>
            <p class="govuk-body">{kpi.definition.clone()}</p>
            <p class="govuk-body" data-testid="thresholds">{thresholds_in_words(&kpi)}</p>
            <p class="govuk-body" data-testid="aggregation">{format!("This KPI is {}.", aggregation_in_words(unit))}</p>
            <p class="govuk-body" data-testid="kpi-finding">{finding}</p>
            <div class="app-chart-small">
                <EChart label=format!("Trend of {} against target", kpi.title) option=Signal::stored(option) />
            </div>
            <div class="app-table-wrapper">
                <table class="govuk-table app-table-compact" data-testid="kpi-table">
                    <caption class="govuk-table__caption govuk-table__caption--s">{format!("{}: quarter by quarter", kpi.title)}</caption>
                    <thead class="govuk-table__head">
                        <tr class="govuk-table__row">
                            <th scope="col" class="govuk-table__header">"Quarter"</th>
                            <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Target"</th>
                            <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Actual"</th>
                            <th scope="col" class="govuk-table__header govuk-table__header--numeric">{variance_header}</th>
                            <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Achievement"</th>
                            <th scope="col" class="govuk-table__header">"Status"</th>
                            <th scope="col" class="govuk-table__header">"Year to date"</th>
                            <th scope="col" class="govuk-table__header">"Cumulative"</th>
                            <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Outcome payment earned"</th>
                        </tr>
                    </thead>
                    <tbody class="govuk-table__body">{rows}</tbody>
                </table>
            </div>
            <h3 class="govuk-heading-s">"How each payment was worked out"</h3>
            <ul class="govuk-list govuk-body-s" data-testid="payment-rules">{rules}</ul>
        </section>
    }
}

/// The KPI table as CSV: every KPI, every quarter shown, with the contract and period context.
pub fn kpi_csv(contract: &Contract, sections: &[(Kpi, Vec<QuarterAssessment>)]) -> String {
    let number = |v: f64| format!("{}", outcomes_core::contract::round_to(v, 2));
    let position = |p: Option<Position>| -> [String; 3] {
        match p {
            Some(p) => [number(p.actual), number(p.target), p.rag.map_or("[x]", Rag::word).to_owned()],
            None => ["[x]".into(), "[x]".into(), "[x]".into()],
        }
    };
    to_csv(
        &[
            "contract",
            "provider",
            "financial_year",
            "period",
            "kpi_id",
            "kpi_title",
            "unit",
            "polarity",
            "target",
            "actual",
            "variance",
            "achievement_percent",
            "rag",
            "year_to_date_actual",
            "year_to_date_target",
            "year_to_date_rag",
            "cumulative_actual",
            "cumulative_target",
            "cumulative_rag",
            "payment_earned_gbp",
            "payment_rule",
        ],
        sections.iter().flat_map(|(kpi, quarters)| {
            quarters.iter().map(move |q| {
                let [ytd_actual, ytd_target, ytd_rag] = position(q.year_to_date);
                let [cum_actual, cum_target, cum_rag] = position(q.cumulative);
                vec![
                    contract.name.clone(),
                    contract.provider.clone(),
                    q.period.financial_year().to_string(),
                    q.period.to_string(),
                    kpi.id.clone(),
                    kpi.title.clone(),
                    match kpi.unit {
                        KpiUnit::Count => "count".into(),
                        KpiUnit::Percentage => "percentage".into(),
                    },
                    match kpi.polarity {
                        Polarity::HigherIsBetter => "higher_is_better".into(),
                        Polarity::LowerIsBetter => "lower_is_better".into(),
                        Polarity::NoJudgement => "no_judgement".into(),
                    },
                    number(q.target),
                    q.actual.map_or("[x]".into(), number),
                    q.variance.map_or("[x]".into(), number),
                    match (q.actual, q.achievement) {
                        (None, _) => "[x]".into(),
                        (Some(_), Some(a)) if a.is_finite() => {
                            format!("{:.1}", outcomes_core::contract::round_to(a * 100.0, 1))
                        }
                        _ => "[z]".into(),
                    },
                    q.rag.map_or("[x]", Rag::word).to_owned(),
                    ytd_actual,
                    ytd_target,
                    ytd_rag,
                    cum_actual,
                    cum_target,
                    cum_rag,
                    format!("{}.{:02}", q.payment.earned_pence / 100, q.payment.earned_pence % 100),
                    q.payment.rule_in_words(),
                ]
            })
        }),
    )
}
