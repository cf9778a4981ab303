//! `/plans`: the 22 place plans and the Cambridge City arrangement, with the progress of their
//! actions and each plan's headline measure. Filters (district, status) and the sort order live
//! in the query string; sorting is by buttons in the column headers (`aria-sort` says which).

use crate::charts::plans::{plan_chart_height, plan_progress_chart};
use crate::components::kpi::TravelWords;
use crate::components::plans::{kind_words, plan_rows, PlanRow};
use crate::components::print_header::set_print_context;
use crate::components::{set_page_title, CsvDownload, EChart, Needs, WithFeed};
use crate::filters::clip;
use leptos::prelude::*;
use leptos_router::components::Form;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::params::ParamsMap;
use leptos_router::NavigateOptions;
use outcomes_core::csv::to_csv;
use outcomes_core::format::thousands;
use outcomes_core::plans::{status_from_id, status_id, status_words, STATUSES};
use outcomes_core::{ActionStatus, AreaKind, Feed};
use std::cmp::Ordering;
use std::sync::Arc;

/// A column the index can be sorted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKey {
    Name,
    District,
    Wards,
    Status(ActionStatus),
}

impl SortKey {
    pub fn id(self) -> &'static str {
        match self {
            SortKey::Name => "name",
            SortKey::District => "district",
            SortKey::Wards => "wards",
            SortKey::Status(status) => status_id(status),
        }
    }

    pub fn from_id(id: &str) -> Option<SortKey> {
        match id {
            "name" => Some(SortKey::Name),
            "district" => Some(SortKey::District),
            "wards" => Some(SortKey::Wards),
            other => status_from_id(other).map(SortKey::Status),
        }
    }

    fn label(self) -> &'static str {
        match self {
            SortKey::Name => "Plan",
            SortKey::District => "District",
            SortKey::Wards => "Wards covered",
            SortKey::Status(status) => status_words(status),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    Ascending,
    Descending,
}

impl Order {
    fn id(self) -> &'static str {
        match self {
            Order::Ascending => "ascending",
            Order::Descending => "descending",
        }
    }
}

/// What the index shows: which district, which status, in which order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlansSelection {
    /// Only plans in this district.
    pub district: Option<String>,
    /// Only plans with at least one action at this status.
    pub status: Option<ActionStatus>,
    pub sort: SortKey,
    pub order: Order,
}

impl Default for PlansSelection {
    fn default() -> PlansSelection {
        PlansSelection { district: None, status: None, sort: SortKey::Name, order: Order::Ascending }
    }
}

impl PlansSelection {
    /// Reads `?district=E07000010&status=at_risk&sort=at_risk&order=descending`; each part is
    /// optional, and a value that is present but unknown is reported, not replaced.
    pub fn from_query(query: &ParamsMap, feed: &Feed) -> Result<PlansSelection, Vec<String>> {
        let mut selection = PlansSelection::default();
        let mut problems = Vec::new();
        match query.get("district").as_deref() {
            None | Some("") | Some("all") => {}
            Some(code) => match feed.area(code) {
                Some(area) if area.kind == AreaKind::District => selection.district = Some(code.to_owned()),
                _ => problems.push(format!("There is no district with the code “{}” in this release.", clip(code))),
            },
        }
        match query.get("status").as_deref() {
            None | Some("") | Some("any") => {}
            Some(id) => match status_from_id(id) {
                Some(status) => selection.status = Some(status),
                None => problems.push(format!(
                    "“{}” is not an action status. Choose not_started, on_track, at_risk or complete.",
                    clip(id)
                )),
            },
        }
        if let Some(sort) = query.get("sort") {
            match SortKey::from_id(&sort) {
                Some(key) => selection.sort = key,
                None => problems.push(format!("The plans cannot be sorted by “{}”.", clip(&sort))),
            }
        }
        match query.get("order").as_deref() {
            None | Some("ascending") => {}
            Some("descending") => selection.order = Order::Descending,
            Some(other) => problems.push(format!("“{}” is not an order. Choose ascending or descending.", clip(other))),
        }
        if problems.is_empty() {
            Ok(selection)
        } else {
            Err(problems)
        }
    }

    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        if let Some(district) = &self.district {
            parts.push(format!("district={district}"));
        }
        if let Some(status) = self.status {
            parts.push(format!("status={}", status_id(status)));
        }
        parts.push(format!("sort={}", self.sort.id()));
        parts.push(format!("order={}", self.order.id()));
        parts.join("&")
    }

    /// The rows to show: filtered, then sorted by the key with the plan's name breaking ties
    /// (the whole order reversed for descending).
    pub fn apply(&self, rows: &[PlanRow]) -> Vec<PlanRow> {
        let mut shown: Vec<PlanRow> = rows
            .iter()
            .filter(|r| self.district.as_ref().is_none_or(|d| &r.district_code == d))
            .filter(|r| self.status.is_none_or(|s| r.counts.get(s) > 0))
            .cloned()
            .collect();
        let name = |r: &PlanRow| r.name.to_lowercase();
        let key = self.sort;
        shown.sort_by(|a, b| {
            let primary = match key {
                SortKey::Name => Ordering::Equal,
                SortKey::District => a.district_name.to_lowercase().cmp(&b.district_name.to_lowercase()),
                SortKey::Wards => a.ward_names.len().cmp(&b.ward_names.len()),
                SortKey::Status(status) => a.counts.get(status).cmp(&b.counts.get(status)),
            };
            primary.then_with(|| name(a).cmp(&name(b)))
        });
        if self.order == Order::Descending {
            shown.reverse();
        }
        shown
    }

    /// The selection after pressing a column's sort button: the same column flips its order,
    /// another column starts ascending.
    fn sorted_by(&self, key: SortKey) -> PlansSelection {
        let order =
            if self.sort == key && self.order == Order::Ascending { Order::Descending } else { Order::Ascending };
        PlansSelection { sort: key, order, ..self.clone() }
    }
}

#[component]
pub fn PlansPage() -> impl IntoView {
    set_page_title("Place plans");
    view! {
        <h1 class="govuk-heading-l">"Place plans"</h1>
        <p class="govuk-body">
            "Each place plan was co-produced with a community: its priorities, the actions partners agreed to take, "
            "and the measures it watches. Cambridge City has a bespoke arrangement instead of a place plan."
        </p>
        <WithFeed needs=Needs::Plans children=|feed| view! { <PlansView feed /> } />
    }
}

#[component]
fn PlansView(feed: Arc<Feed>) -> impl IntoView {
    set_print_context(feed.latest_period().label(), format!("{}: every place plan", feed.county().name));
    let query = use_query_map();
    let selection = {
        let feed = feed.clone();
        Memo::new(move |_| query.with(|query| PlansSelection::from_query(query, &feed)))
    };
    let valid = Memo::new(move |_| selection.get().ok());
    let all_rows = StoredValue::new(plan_rows(&feed));
    let shown = Memo::new(move |_| valid.get().map(|s| all_rows.with_value(|rows| s.apply(rows))).unwrap_or_default());
    let navigate = use_navigate();
    let go = move |next: PlansSelection| {
        navigate(&format!("/plans?{}", next.to_query()), NavigateOptions { scroll: false, ..Default::default() });
    };

    let totals = all_rows.with_value(|rows| STATUSES.map(|s| (s, rows.iter().map(|r| r.counts.get(s)).sum::<usize>())));
    let plan_count = all_rows.with_value(Vec::len);
    let action_count: usize = totals.iter().map(|(_, n)| n).sum();
    let overview = format!(
        "{} plans with {} actions: {}.",
        thousands(plan_count),
        thousands(action_count),
        totals
            .iter()
            .map(|(s, n)| format!("{} {}", thousands(*n), status_words(*s).to_lowercase()))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let latest_label = feed.latest_period().label();
    let earlier_label = feed.latest_period().year_earlier().label();

    let header = move |key: SortKey, numeric: bool| {
        let go = go.clone();
        let class = if numeric { "govuk-table__header govuk-table__header--numeric" } else { "govuk-table__header" };
        view! {
            <th scope="col" class=class
                aria-sort=move || match valid.get() {
                    Some(s) if s.sort == key => s.order.id(),
                    _ => "none",
                }>
                <button type="button" class="app-sortable__button" data-sort=key.id()
                    on:click=move |_| {
                        if let Some(current) = valid.get_untracked() {
                            go(current.sorted_by(key));
                        }
                    }>
                    {key.label()}
                    <span class="app-sortable__arrow" aria-hidden="true">
                        {move || match valid.get() {
                            Some(s) if s.sort == key => match s.order {
                                Order::Ascending => "▲",
                                Order::Descending => "▼",
                            },
                            _ => "↕",
                        }}
                    </span>
                </button>
            </th>
        }
    };
    let districts: Vec<(String, String)> = feed
        .areas()
        .iter()
        .filter(|a| a.kind == AreaKind::District)
        .map(|a| (a.code.clone(), a.name.clone()))
        .collect();
    let chart_option = Signal::derive(move || {
        plan_progress_chart(&shown.with(|rows| rows.iter().map(|r| (r.name.clone(), r.counts)).collect::<Vec<_>>()))
    });
    // A row per plan: the chart grows with the plans shown, up to those it can name.
    let chart_height = Memo::new(move |_| plan_chart_height(shown.with(Vec::len)));
    let compact = Memo::new(move |_| shown.with(|rows| compact_note(rows.len())));
    let county_name = feed.county().name.clone();

    view! {
        {move || selection.get().err().map(|problems| view! {
            <crate::components::SelectionError title="This link does not match the published plans" problems=problems back_href="/plans" back_label="Show every place plan" />
        })}
        <div hidden=move || valid.get().is_none()>
            <p class="govuk-body" data-testid="plans-summary">{overview}</p>
            <Form method="GET" action="" noscroll=true>
                <fieldset class="govuk-fieldset app-no-print">
                    <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">"Filter the plans"</legend>
                    <div class="govuk-grid-row">
                        <div class="govuk-grid-column-one-third govuk-form-group">
                            <label class="govuk-label" for="district">"District"</label>
                            <select class="govuk-select app-select-full" id="district" name="district">
                                <option value="all" prop:selected=move || valid.get().is_some_and(|s| s.district.is_none())>"All districts"</option>
                                {districts.into_iter().map(|(code, name)| {
                                    let value = code.clone();
                                    view! {
                                        <option value=value prop:selected=move || valid.get().is_some_and(|s| s.district.as_deref() == Some(code.as_str()))>{name}</option>
                                    }
                                }).collect_view()}
                            </select>
                        </div>
                        <div class="govuk-grid-column-one-third govuk-form-group">
                            <label class="govuk-label" for="status">"Has actions that are"</label>
                            <select class="govuk-select app-select-full" id="status" name="status">
                                <option value="any" prop:selected=move || valid.get().is_some_and(|s| s.status.is_none())>"Any status"</option>
                                {STATUSES.into_iter().map(|status| view! {
                                    <option value=status_id(status) prop:selected=move || valid.get().is_some_and(|s| s.status == Some(status))>{status_words(status)}</option>
                                }).collect_view()}
                            </select>
                        </div>
                    </div>
                    <input type="hidden" name="sort" prop:value=move || valid.get().map(|s| s.sort.id()).unwrap_or("name") />
                    <input type="hidden" name="order" prop:value=move || valid.get().map(|s| s.order.id()).unwrap_or("ascending") />
                    <button type="submit" class="govuk-button govuk-button--secondary">"Apply filters"</button>
                </fieldset>
            </Form>
            <p class="govuk-body" aria-live="polite" data-testid="plans-shown">
                {move || valid.get().map(|s| shown_words(&s, shown.with(Vec::len), plan_count))}
            </p>
            <div class="app-table-wrapper">
                <table class="govuk-table app-table-compact" data-testid="plans-table">
                    <caption class="govuk-table__caption govuk-table__caption--s">
                        "Place plans: actions by status and headline measure. Sort with the buttons in the column headings."
                    </caption>
                    <thead class="govuk-table__head">
                        <tr class="govuk-table__row">
                            {header(SortKey::Name, false)}
                            {header(SortKey::District, false)}
                            {header(SortKey::Wards, false)}
                            {STATUSES.into_iter().map(|s| header(SortKey::Status(s), true)).collect_view()}
                            <th scope="col" class="govuk-table__header">{format!("Headline measure: {} and change since {}", feed.latest_period(), feed.latest_period().year_earlier())}</th>
                        </tr>
                    </thead>
                    <tbody class="govuk-table__body">
                        {move || shown.get().into_iter().map(|row| view! { <PlanIndexRow row /> }).collect_view()}
                    </tbody>
                </table>
            </div>
            <p class="govuk-body-s">
                {format!(
                    "Headline measure: the first measure each plan tracks, for the whole plan area, in {latest_label}, compared with {earlier_label}. Arrows show which way the value moved; the words say whether that is better. [c] means withheld to protect confidentiality; [x] not available."
                )}
            </p>
            {move || {
                let csv = plans_csv(&shown.get());
                view! { <CsvDownload filename="place-plans.csv" csv what="the place plans table" /> }
            }}
            <section aria-labelledby="progress-heading">
                <h2 class="govuk-heading-m" id="progress-heading">"Progress of actions by plan"</h2>
                <p class="govuk-body" data-testid="progress-summary">
                    {move || progress_sentence(&shown.get(), &county_name)}
                </p>
                {move || compact.get().map(|note| view! { <p class="govuk-body" data-testid="plans-chart-compact">{note}</p> })}
                <EChart label="Bar chart of each plan's actions by status" option=chart_option height=chart_height />
                <p class="govuk-body-s">"The table above has the same figures."</p>
            </section>
        </div>
    }
}

#[component]
fn PlanIndexRow(row: PlanRow) -> impl IntoView {
    let kind = (row.kind != outcomes_core::PlanKind::PlacePlan)
        .then(|| view! { <span class="app-table-note">{kind_words(row.kind)}</span> });
    view! {
        <tr class="govuk-table__row" data-plan=row.id.clone()>
            <th scope="row" class="govuk-table__header">
                <a class="govuk-link" href=format!("/plans/{}", row.id)>{row.name.clone()}</a>
                {kind}
            </th>
            <td class="govuk-table__cell" data-column="district">{row.district_name.clone()}</td>
            <td class="govuk-table__cell" data-column="wards">{format!("{}: {}", row.ward_names.len(), row.ward_names.join(", "))}</td>
            {STATUSES.into_iter().map(|s| view! {
                <td class="govuk-table__cell govuk-table__cell--numeric" data-column=status_id(s)>{row.counts.get(s)}</td>
            }).collect_view()}
            <td class="govuk-table__cell" data-column="headline">
                <span data-value="title">{row.headline_title.clone()}</span>
                <span class="app-table-note">
                    <span data-value="latest">{row.latest.map_or("[x]".into(), |f| f.value_text())}</span>
                    ", "
                    {match row.travel {
                        Some(travel) => view! { <TravelWords travel /> }.into_any(),
                        None => view! { <span data-travel="none">"change not available [x]"</span> }.into_any(),
                    }}
                </span>
            </td>
        </tr>
    }
}

fn shown_words(selection: &PlansSelection, shown: usize, total: usize) -> String {
    let order = match selection.order {
        Order::Ascending => "ascending",
        Order::Descending => "descending",
    };
    format!(
        "Showing {} of {} plans, sorted by {} ({order}).",
        thousands(shown),
        thousands(total),
        selection.sort.label().to_lowercase()
    )
}

/// What the progress chart shows when it has too many plans to name them (see
/// [`crate::charts::NAMED_ROWS_MAX`]); `None` when each is named.
fn compact_note(plans: usize) -> Option<String> {
    (!crate::charts::named(plans)).then(|| {
        format!(
            "The chart shows {} plans, too many to name on it: each plan is a thin bar of its actions by status, in the table's order. \
             Choose a district to chart each of its plans by name.",
            thousands(plans)
        )
    })
}

fn progress_sentence(rows: &[PlanRow], county: &str) -> String {
    if rows.is_empty() {
        return "No plan matches these filters.".into();
    }
    let most_at_risk = rows.iter().max_by_key(|r| (r.counts.at_risk, std::cmp::Reverse(r.name.to_lowercase())));
    let at_risk: usize = rows.iter().map(|r| r.counts.at_risk).sum();
    let complete: usize = rows.iter().map(|r| r.counts.complete).sum();
    let total: usize = rows.iter().map(|r| STATUSES.iter().map(|&s| r.counts.get(s)).sum::<usize>()).sum();
    let mut sentence = format!(
        "Across the {} plan{} shown in {county}, {} of {} actions are complete and {} are at risk.",
        thousands(rows.len()),
        if rows.len() == 1 { "" } else { "s" },
        thousands(complete),
        thousands(total),
        thousands(at_risk)
    );
    if let Some(row) = most_at_risk.filter(|r| r.counts.at_risk > 0) {
        sentence.push_str(&format!(" {} has the most actions at risk ({}).", row.name, row.counts.at_risk));
    }
    sentence
}

fn plans_csv(rows: &[PlanRow]) -> String {
    to_csv(
        &[
            "plan_id",
            "plan_name",
            "kind",
            "district_code",
            "district_name",
            "wards",
            "not_started",
            "on_track",
            "at_risk",
            "complete",
            "headline_measure",
            "headline_latest",
            "headline_year_earlier",
            "direction_of_travel",
        ],
        rows.iter().map(|r| {
            let mut cells = vec![
                r.id.clone(),
                r.name.clone(),
                kind_words(r.kind).to_owned(),
                r.district_code.clone(),
                r.district_name.clone(),
                r.ward_names.join("; "),
            ];
            cells.extend(STATUSES.iter().map(|&s| r.counts.get(s).to_string()));
            cells.push(r.headline_title.clone());
            cells.push(r.latest.map_or("[x]".into(), |f| f.value_text()));
            cells.push(r.year_earlier.map_or("[x]".into(), |f| f.value_text()));
            cells.push(r.travel.map_or("[x]".into(), |t| t.words().to_owned()));
            cells
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::compact_note;
    use crate::charts::NAMED_ROWS_MAX;

    #[test]
    fn a_compact_progress_chart_says_why_no_plan_is_named() {
        assert_eq!(compact_note(23), None);
        assert_eq!(compact_note(NAMED_ROWS_MAX), None);
        let note = compact_note(1_455).unwrap();
        assert!(note.starts_with("The chart shows 1,455 plans, too many to name on it"), "{note}");
        assert!(note.contains("Choose a district"), "{note}");
    }
}
