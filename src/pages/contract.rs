//! `/contract`: the outcomes-based VCS Infrastructure Support contract for commissioners. Every
//! KPI quarter by quarter against its target with RAG status, year-to-date and cumulative
//! positions, and the outcome payments earned with the rule behind each figure. The financial
//! year shown is in the query string (`?year=2025-26`, or `?year=all`).

use crate::components::kpi::{kpi_csv, latest_reported, position_text, shown_quarters, KpiSection, RagTag};
use crate::components::print_header::set_print_context;
use crate::components::{set_page_title, CsvDownload, WithFeed};
use crate::filters::clip;
use leptos::prelude::*;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;
use outcomes_core::contract::{
    financial_years, kpi_value, money, money_whole_pounds, PaymentTotal, QuarterAssessment, Rag,
};
use outcomes_core::{Feed, FinancialYear, Kpi, Quarter};
use std::sync::Arc;

/// Which quarters the contract page shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum YearChoice {
    /// Every quarter in the release.
    All,
    Year(FinancialYear),
}

/// What the contract page shows: one financial year (by default the latest), or all of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ContractSelection {
    pub year: YearChoice,
}

impl ContractSelection {
    pub fn default_for(feed: &Feed) -> ContractSelection {
        let latest = financial_years(&feed.document().contract.kpis).last().copied();
        ContractSelection { year: latest.map_or(YearChoice::All, YearChoice::Year) }
    }

    /// Reads `?year=2025-26` or `?year=all`; a year the release does not cover is a problem
    /// reported in words, never silently replaced.
    pub fn from_query(query: &ParamsMap, feed: &Feed) -> Result<ContractSelection, Vec<String>> {
        let Some(year) = query.get("year") else {
            return Ok(ContractSelection::default_for(feed));
        };
        if year == "all" {
            return Ok(ContractSelection { year: YearChoice::All });
        }
        let years = financial_years(&feed.document().contract.kpis);
        match year.parse::<FinancialYear>() {
            Ok(chosen) if years.contains(&chosen) => Ok(ContractSelection { year: YearChoice::Year(chosen) }),
            Ok(chosen) => Err(vec![format!(
                "This release has no contract figures for {chosen}. It covers {}.",
                years.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
            )]),
            Err(_) => Err(vec![format!("“{}” is not a financial year. Years look like 2025-26.", clip(&year))]),
        }
    }

    pub fn to_query(&self) -> String {
        match self.year {
            YearChoice::All => "year=all".into(),
            YearChoice::Year(year) => format!("year={year}"),
        }
    }

    pub fn includes(&self, quarter: Quarter) -> bool {
        match self.year {
            YearChoice::All => true,
            YearChoice::Year(year) => quarter.financial_year() == year,
        }
    }

    /// "2025-26 (April 2025 to March 2026)" or "every quarter in this release".
    pub fn words(&self, feed: &Feed) -> String {
        match self.year {
            YearChoice::Year(year) => year_words(year),
            YearChoice::All => {
                let periods = feed.periods();
                let first = periods.first().copied().unwrap_or(feed.latest_period());
                format!("every quarter in this release ({} to {})", first.label(), feed.latest_period().label())
            }
        }
    }
}

fn year_words(year: FinancialYear) -> String {
    format!("{year} (April {} to March {})", year.start_year, year.start_year + 1)
}

/// The same, short enough for a select on a phone: "2025-26 (Apr 2025 to Mar 2026)".
fn year_option(year: FinancialYear) -> String {
    format!("{year} (Apr {} to Mar {})", year.start_year, year.start_year + 1)
}

#[component]
pub fn ContractPage() -> impl IntoView {
    set_page_title("Contract outcomes");
    view! {
        <h1 class="govuk-heading-l">"Contract outcomes"</h1>
        <WithFeed children=|feed| view! { <ContractView feed /> } />
    }
}

#[component]
fn ContractView(feed: Arc<Feed>) -> impl IntoView {
    let query = use_query_map();
    let selection = {
        let feed = feed.clone();
        Memo::new(move |_| query.with(|query| ContractSelection::from_query(query, &feed)))
    };
    let contract = feed.document().contract.clone();
    let intro = format!(
        "The {}, held by {}, runs from {} to {}. Outcome payments of up to {} a year depend on {} key performance indicators (KPIs), each compared with its target every quarter.",
        contract.name,
        contract.provider,
        contract.start_date.long(),
        contract.end_date.long(),
        money_whole_pounds(contract.annual_outcome_payment_gbp),
        contract.kpis.len()
    );
    view! {
        <p class="govuk-body-l">{intro}</p>
        {move || match selection.get() {
            Ok(selection) => view! { <ContractFigures feed=feed.clone() selection /> }.into_any(),
            Err(problems) => view! {
                <crate::components::SelectionError title="This link does not match the published figures" problems=problems back_href="/contract" back_label="Show the latest financial year" />
            }
            .into_any(),
        }}
    }
}

#[component]
fn ContractFigures(feed: Arc<Feed>, selection: ContractSelection) -> impl IntoView {
    let contract = feed.document().contract.clone();
    let period_words = selection.words(&feed);
    set_print_context(
        match selection.year {
            YearChoice::Year(year) => year_words(year),
            YearChoice::All => period_words.clone(),
        },
        feed.county().name.clone(),
    );
    let annual = contract.annual_outcome_payment_gbp;
    let sections: Vec<(Kpi, Vec<QuarterAssessment>)> =
        contract.kpis.iter().map(|kpi| (kpi.clone(), shown_quarters(kpi, annual, |q| selection.includes(q)))).collect();
    let csv = kpi_csv(&contract, &sections);
    let filename = format!(
        "contract-kpis-{}.csv",
        match selection.year {
            YearChoice::All => "all-years".to_owned(),
            YearChoice::Year(year) => year.to_string(),
        }
    );
    let summary = summary_sentence(&sections);
    let totals: Vec<PaymentTotal> = sections.iter().map(|(_, q)| PaymentTotal::of(q)).collect();
    let total = totals.iter().fold(PaymentTotal::default(), |sum, t| sum.plus(*t));
    let reported_target = reported_at_target(&sections);
    let payment_sentence = format!(
        "{} was earned in outcome payments over {}: {} of the {} the quarters reported would pay at 100% achievement. The most they could pay, with over-delivery up to each KPI's cap, is {}. The contract's annual outcome payment is {}.",
        money(total.earned_pence),
        period_words,
        percent_of(total.earned_pence, reported_target),
        money(reported_target),
        money(total.maximum_pence),
        money_whole_pounds(annual),
    );
    let summary_rows = sections
        .iter()
        .map(|(kpi, quarters)| {
            let latest = latest_reported(quarters);
            let unit = kpi.unit;
            view! {
                <tr class="govuk-table__row" data-kpi=kpi.id.clone()>
                    <th scope="row" class="govuk-table__header">
                        <a class="govuk-link" href=format!("#kpi-{}", kpi.id)>{kpi.title.clone()}</a>
                    </th>
                    <td class="govuk-table__cell" data-column="quarter">{latest.map_or("[x]".into(), |q| q.period.label())}</td>
                    <td class="govuk-table__cell govuk-table__cell--numeric" data-column="target">{latest.map_or("[x]".into(), |q| kpi_value(unit, q.target))}</td>
                    <td class="govuk-table__cell govuk-table__cell--numeric" data-column="actual">{latest.and_then(|q| q.actual).map_or("[x]".into(), |a| kpi_value(unit, a))}</td>
                    <td class="govuk-table__cell" data-column="rag"><RagTag rag=latest.and_then(|q| q.rag) /></td>
                    <td class="govuk-table__cell" data-column="year-to-date">{position_text(unit, latest.and_then(|q| q.year_to_date))}</td>
                    <td class="govuk-table__cell govuk-table__cell--numeric" data-column="earned">{money(PaymentTotal::of(quarters).earned_pence)}</td>
                </tr>
            }
        })
        .collect_view();
    let payment_rows = sections
        .iter()
        .zip(&totals)
        .map(|((kpi, quarters), total)| {
            let rule = quarters.first().map(|q| {
                format!(
                    "Each quarter: {}, × achievement up to the cap of {}",
                    share_rule(annual, kpi.payment.weight, q.payment.share_pence),
                    percent_plain(kpi.payment.cap)
                )
            });
            view! {
                <tr class="govuk-table__row" data-kpi=kpi.id.clone()>
                    <th scope="row" class="govuk-table__header">{kpi.title.clone()}</th>
                    <td class="govuk-table__cell govuk-table__cell--numeric" data-column="weight">{percent_plain(kpi.payment.weight)}</td>
                    <td class="govuk-table__cell govuk-table__cell--numeric" data-column="reported">{format!("{} of {}", total.reported, total.quarters)}</td>
                    <td class="govuk-table__cell govuk-table__cell--numeric" data-column="earned">{money(total.earned_pence)}</td>
                    <td class="govuk-table__cell govuk-table__cell--numeric" data-column="at-target">{money(total.at_target_pence)}</td>
                    <td class="govuk-table__cell govuk-table__cell--numeric" data-column="maximum">{money(total.maximum_pence)}</td>
                    <td class="govuk-table__cell" data-column="rule">{rule.unwrap_or_else(|| "No quarters in the period shown.".into())}</td>
                </tr>
            }
        })
        .collect_view();
    let kpi_sections = sections.into_iter().map(|(kpi, quarters)| view! { <KpiSection kpi quarters /> }).collect_view();
    let years = financial_years(&contract.kpis);
    view! {
        <YearForm years selection />
        <div aria-live="polite" class="govuk-visually-hidden" data-testid="live-region">{format!("Showing contract figures for {period_words}")}</div>
        <section aria-labelledby="summary-heading">
            <h2 class="govuk-heading-m" id="summary-heading">{format!("Summary for {period_words}")}</h2>
            <p class="govuk-body" data-testid="contract-summary">{summary}</p>
            <div class="app-table-wrapper">
                <table class="govuk-table app-table-compact" data-testid="kpi-summary">
                    <caption class="govuk-table__caption govuk-table__caption--s">"Each KPI in its latest reported quarter, with its year-to-date position"</caption>
                    <thead class="govuk-table__head">
                        <tr class="govuk-table__row">
                            <th scope="col" class="govuk-table__header">"KPI"</th>
                            <th scope="col" class="govuk-table__header">"Latest quarter"</th>
                            <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Target"</th>
                            <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Actual"</th>
                            <th scope="col" class="govuk-table__header">"Status"</th>
                            <th scope="col" class="govuk-table__header">"Year to date"</th>
                            <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Earned in the period shown"</th>
                        </tr>
                    </thead>
                    <tbody class="govuk-table__body">{summary_rows}</tbody>
                </table>
            </div>
            <p class="govuk-body-s">"[x] means not available: the quarter's actual is not reported yet. [z] means not applicable."</p>
            <CsvDownload filename csv what="the KPI table" />
            <RulesInWords />
        </section>
        <section aria-labelledby="payments-heading">
            <h2 class="govuk-heading-m" id="payments-heading">"Outcome payments"</h2>
            <p class="govuk-body" data-testid="payments-summary">{payment_sentence}</p>
            <div class="app-table-wrapper">
                <table class="govuk-table app-table-compact" data-testid="payments-table">
                    <caption class="govuk-table__caption govuk-table__caption--s">{format!("Outcome payments by KPI, {period_words}")}</caption>
                    <thead class="govuk-table__head">
                        <tr class="govuk-table__row">
                            <th scope="col" class="govuk-table__header">"KPI"</th>
                            <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Weight"</th>
                            <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Quarters reported"</th>
                            <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Earned"</th>
                            <th scope="col" class="govuk-table__header govuk-table__header--numeric">"At 100% achievement"</th>
                            <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Most possible (at the cap)"</th>
                            <th scope="col" class="govuk-table__header">"Rule"</th>
                        </tr>
                    </thead>
                    <tbody class="govuk-table__body">
                        {payment_rows}
                        <tr class="govuk-table__row app-total-row" data-kpi="total">
                            <th scope="row" class="govuk-table__header">"All KPIs"</th>
                            <td class="govuk-table__cell govuk-table__cell--numeric" data-column="weight">{percent_plain(contract.kpis.iter().map(|k| k.payment.weight).sum())}</td>
                            <td class="govuk-table__cell govuk-table__cell--numeric" data-column="reported">{format!("{} of {}", total.reported, total.quarters)}</td>
                            <td class="govuk-table__cell govuk-table__cell--numeric" data-column="earned">{money(total.earned_pence)}</td>
                            <td class="govuk-table__cell govuk-table__cell--numeric" data-column="at-target">{money(total.at_target_pence)}</td>
                            <td class="govuk-table__cell govuk-table__cell--numeric" data-column="maximum">{money(total.maximum_pence)}</td>
                            <td class="govuk-table__cell" data-column="rule">"The sum of the KPIs' quarterly payments, each rounded to the penny"</td>
                        </tr>
                    </tbody>
                </table>
            </div>
        </section>
        {kpi_sections}
    }
}

/// "3 of 6 KPIs were green in their latest reported quarter, 2 amber and 1 red."
fn summary_sentence(sections: &[(Kpi, Vec<QuarterAssessment>)]) -> String {
    let latest: Vec<Option<Rag>> = sections.iter().map(|(_, q)| latest_reported(q).and_then(|q| q.rag)).collect();
    let count = |rag: Rag| latest.iter().filter(|r| **r == Some(rag)).count();
    let not_reported = latest.iter().filter(|r| r.is_none()).count();
    let mut sentence = format!(
        "In their latest reported quarter, {} of {} KPIs were green, {} amber and {} red.",
        count(Rag::Green),
        sections.len(),
        count(Rag::Amber),
        count(Rag::Red)
    );
    if not_reported > 0 {
        sentence.push_str(&format!(" {not_reported} had no quarter reported in the period shown."));
    }
    sentence
}

/// What the reported quarters pay at 100% achievement.
fn reported_at_target(sections: &[(Kpi, Vec<QuarterAssessment>)]) -> u64 {
    sections.iter().flat_map(|(_, q)| q.iter()).filter(|q| q.actual.is_some()).map(|q| q.payment.share_pence).sum()
}

fn percent_of(part: u64, whole: u64) -> String {
    if whole == 0 {
        "[z]".into()
    } else {
        format!("{:.1}%", outcomes_core::contract::round_to(part as f64 / whole as f64 * 100.0, 1))
    }
}

fn percent_plain(ratio: f64) -> String {
    let value = outcomes_core::contract::round_to(ratio * 100.0, 1);
    if value.fract() == 0.0 {
        format!("{value:.0}%")
    } else {
        format!("{value:.1}%")
    }
}

fn share_rule(annual: f64, weight: f64, share_pence: u64) -> String {
    format!("{} × {} ÷ 4 = {}", money_whole_pounds(annual), percent_plain(weight), money(share_pence))
}

/// The rules behind RAG, year to date and payments, once, in words.
#[component]
fn RulesInWords() -> impl IntoView {
    view! {
        <div class="govuk-inset-text" data-testid="rules">
            <p class="govuk-body"><strong>"How the figures are worked out"</strong></p>
            <ul class="govuk-list govuk-list--bullet">
                <li>"Achievement is the actual divided by the target, or the target divided by the actual when a lower figure is better, so 100% is exactly on target."</li>
                <li>"Status (RAG) compares achievement with each KPI's thresholds, stated with the KPI below: green at or above the green threshold, amber at or above the amber threshold, red below it."</li>
                <li>"Year to date runs from April to the quarter; cumulative runs from the KPI's first quarter in this release. For a count KPI they add up the quarters reported; for a percentage KPI they take the mean of the quarters' percentages (each quarter counts equally). Quarters not yet reported are left out."</li>
                <li>"Each quarter's outcome payment is the annual outcome payment × the KPI's weight ÷ 4 × achievement, with achievement paid up to the KPI's cap, rounded to the penny. Nothing is earned for a quarter not yet reported."</li>
            </ul>
        </div>
    }
}

/// The financial year, as a GET form: submitting it writes the query string.
#[component]
fn YearForm(years: Vec<FinancialYear>, selection: ContractSelection) -> impl IntoView {
    view! {
        <Form method="GET" action="" noscroll=true>
            <div class="govuk-form-group app-no-print">
                <label class="govuk-label" for="year">"Financial year"</label>
                <div class="app-inline-form">
                    <select class="govuk-select" id="year" name="year">
                        {years.into_iter().rev().map(|year| {
                            let selected = selection.year == YearChoice::Year(year);
                            view! { <option value=year.to_string() selected=selected>{year_option(year)}</option> }
                        }).collect_view()}
                        <option value="all" selected=selection.year == YearChoice::All>"All years in this release"</option>
                    </select>
                    <button type="submit" class="govuk-button govuk-button--secondary">"Show figures"</button>
                </div>
            </div>
        </Form>
    }
}
