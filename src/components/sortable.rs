//! An accessible sortable table (GOV.UK table markup, the sorting pattern of the MOJ design
//! system's "sortable table"): each sortable column's header holds a real `<button>` (so Tab,
//! Enter and Space work with no extra code), the header carries `aria-sort`, and a polite live
//! region says what the order now is. Rows without a value for the sort column (a suppressed
//! `[c]` cell, `[x]`, `[z]`) always go last, in both directions: they are never ranked as zero.
//!
//! API (reusable by any page):
//!
//! ```ignore
//! use crate::components::sortable::{SortableTable, SortableColumn, SortKey, SortState, SortDirection};
//! let columns = vec![
//!     SortableColumn::new("name", "Ward", |row: &Row| row.name.clone().into_any())
//!         .row_header()                                   // <th scope="row"> in the body
//!         .sort_by(|row| SortKey::text(&row.name)),
//!     SortableColumn::new("value", "Value", |row: &Row| row.shown.clone().into_any())
//!         .numeric()                                      // right-aligned header and cells
//!         .sort_by(|row| row.value.map_or(SortKey::Missing, SortKey::Number)),
//!     SortableColumn::new("note", "Note", |row: &Row| row.note.clone().into_any()), // not sortable
//! ];
//! view! {
//!     <SortableTable caption="Wards ranked by …" columns rows=Signal::derive(move || rows.get())
//!         initial_sort=SortState { column: 1, direction: SortDirection::Descending }
//!         row_key=|row: &Row| row.code.clone()   // optional: becomes data-row on each <tr>
//!         class="app-table--compact"             // optional: extra classes on the <table>
//!         testid="wards-table" />
//! }
//! ```
//!
//! - `rows` is a signal, so a page can filter it (a search box) without losing the sort.
//! - Sorting is stable: rows with equal keys keep the order `rows` gives them, and before any
//!   header is pressed the table shows `rows` as given (or sorted by `initial_sort`).
//! - The sort state lives in the component (pressing a header must not rebuild the page and
//!   lose keyboard focus); pass `on_sort` to hear about changes.
//! - First press on a column sorts it ascending, the next press descending, and so on.
//! - `limit` (optional) shows only the first rows of the sorted table, with a button under it to
//!   show every row (and back): at national scale a table of 7,000 wards took 3 s to build.
//!   Sorting always orders every row before the first are taken.

use leptos::prelude::*;
use outcomes_core::format::thousands;
use std::cmp::Ordering;
use std::sync::Arc;

/// The value a cell is sorted by.
#[derive(Clone, Debug, PartialEq)]
pub enum SortKey {
    Number(f64),
    Text(String),
    /// No value (suppressed, not available, not applicable): always sorted last.
    Missing,
}

impl SortKey {
    /// Text compared without regard to case.
    pub fn text(value: &str) -> SortKey {
        SortKey::Text(value.to_lowercase())
    }

    /// A number, or `Missing` for `None` (and for NaN, which has no place in an order).
    pub fn number(value: Option<f64>) -> SortKey {
        match value {
            Some(v) if !v.is_nan() => SortKey::Number(v),
            _ => SortKey::Missing,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortDirection {
    Ascending,
    Descending,
}

impl SortDirection {
    pub fn aria(self) -> &'static str {
        match self {
            SortDirection::Ascending => "ascending",
            SortDirection::Descending => "descending",
        }
    }
}

/// Which column (its index in `columns`) the table is sorted by, and which way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SortState {
    pub column: usize,
    pub direction: SortDirection,
}

type CellFn<T> = Arc<dyn Fn(&T) -> AnyView + Send + Sync>;
type KeyFn<T> = Arc<dyn Fn(&T) -> SortKey + Send + Sync>;

/// One column: its heading, how to draw a cell, and (if sortable) what to sort by.
pub struct SortableColumn<T> {
    /// Written as `data-column` on the header and every cell (for tests and styling).
    pub id: &'static str,
    pub heading: String,
    pub numeric: bool,
    pub row_header: bool,
    pub cell: CellFn<T>,
    pub sort_key: Option<KeyFn<T>>,
}

impl<T> Clone for SortableColumn<T> {
    fn clone(&self) -> Self {
        SortableColumn {
            id: self.id,
            heading: self.heading.clone(),
            numeric: self.numeric,
            row_header: self.row_header,
            cell: self.cell.clone(),
            sort_key: self.sort_key.clone(),
        }
    }
}

impl<T> SortableColumn<T> {
    pub fn new(
        id: &'static str,
        heading: impl Into<String>,
        cell: impl Fn(&T) -> AnyView + Send + Sync + 'static,
    ) -> SortableColumn<T> {
        SortableColumn {
            id,
            heading: heading.into(),
            numeric: false,
            row_header: false,
            cell: Arc::new(cell),
            sort_key: None,
        }
    }

    /// Right-aligned header and cells (GOV.UK numeric table cells).
    pub fn numeric(mut self) -> Self {
        self.numeric = true;
        self
    }

    /// The cell is the row's header (`<th scope="row">`), e.g. the ward's name.
    pub fn row_header(mut self) -> Self {
        self.row_header = true;
        self
    }

    /// Makes the column sortable by this key.
    pub fn sort_by(mut self, key: impl Fn(&T) -> SortKey + Send + Sync + 'static) -> Self {
        self.sort_key = Some(Arc::new(key));
        self
    }
}

/// Orders two keys for a direction; `Missing` goes last whichever the direction.
pub fn compare_keys(a: &SortKey, b: &SortKey, direction: SortDirection) -> Ordering {
    let ordered = match (a, b) {
        (SortKey::Missing, SortKey::Missing) => return Ordering::Equal,
        (SortKey::Missing, _) => return Ordering::Greater,
        (_, SortKey::Missing) => return Ordering::Less,
        (SortKey::Number(x), SortKey::Number(y)) => x.total_cmp(y),
        (SortKey::Text(x), SortKey::Text(y)) => x.cmp(y),
        // Mixed kinds in one column: numbers before text, consistently.
        (SortKey::Number(_), SortKey::Text(_)) => Ordering::Less,
        (SortKey::Text(_), SortKey::Number(_)) => Ordering::Greater,
    };
    match direction {
        SortDirection::Ascending => ordered,
        SortDirection::Descending => ordered.reverse(),
    }
}

/// Stable sort of `rows` by `key` in `direction` (Missing last).
pub fn sort_rows<T>(rows: &mut [T], key: &dyn Fn(&T) -> SortKey, direction: SortDirection) {
    let mut keyed: Vec<(SortKey, usize)> = rows.iter().enumerate().map(|(i, row)| (key(row), i)).collect();
    keyed.sort_by(|(a, _), (b, _)| compare_keys(a, b, direction));
    let order: Vec<usize> = keyed.into_iter().map(|(_, i)| i).collect();
    apply_order(rows, &order);
}

/// Rearranges `rows` so that position k holds the row that was at `order[k]`.
fn apply_order<T>(rows: &mut [T], order: &[usize]) {
    // Cycle-following permutation without needing T: Clone.
    let mut placed = vec![false; rows.len()];
    for start in 0..rows.len() {
        if placed[start] {
            continue;
        }
        let mut current = start;
        loop {
            placed[current] = true;
            let source = order[current];
            if source == start {
                break;
            }
            rows.swap(current, source);
            current = source;
        }
    }
}

#[component]
pub fn SortableTable<T>(
    /// The table's caption (what the rows are); it may follow a page's selection.
    #[prop(into)]
    caption: Signal<String>,
    columns: Vec<SortableColumn<T>>,
    /// The rows in their default order.
    #[prop(into)]
    rows: Signal<Vec<T>>,
    /// The order before any header is pressed (`None`: as given).
    #[prop(optional)]
    initial_sort: Option<SortState>,
    /// Called with the new state each time a header is pressed.
    #[prop(optional, into)]
    on_sort: Option<Callback<SortState>>,
    /// Becomes `data-row` on each body row.
    #[prop(optional)]
    row_key: Option<fn(&T) -> String>,
    /// Becomes `data-testid` on the table.
    #[prop(optional, into)]
    testid: String,
    /// Size modifier of the caption, e.g. "govuk-table__caption--m" (the default).
    #[prop(optional, into)]
    caption_class: Option<String>,
    /// Extra classes for the table, e.g. "govuk-table--small-text-until-tablet".
    #[prop(optional, into)]
    class: String,
    /// Show at most this many rows (of the sorted rows) until the reader asks for all.
    #[prop(optional)]
    limit: Option<usize>,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
{
    let columns = Arc::new(columns);
    let sort = RwSignal::new(initial_sort);
    let announcement = RwSignal::new(String::new());

    let sorted = {
        let columns = columns.clone();
        Memo::new(move |_| {
            let mut rows = rows.get();
            if let Some(state) = sort.get() {
                if let Some(key) = columns.get(state.column).and_then(|c| c.sort_key.clone()) {
                    sort_rows(&mut rows, &*key, state.direction);
                }
            }
            // Memo needs PartialEq on its value; compare by identity of position only.
            SortedRows(rows)
        })
    };

    let press = {
        let columns = columns.clone();
        move |index: usize| {
            let direction = match sort.get_untracked() {
                Some(SortState { column, direction: SortDirection::Ascending }) if column == index => {
                    SortDirection::Descending
                }
                _ => SortDirection::Ascending,
            };
            let state = SortState { column: index, direction };
            sort.set(Some(state));
            let heading = columns.get(index).map(|c| c.heading.clone()).unwrap_or_default();
            announcement.set(format!("Table sorted by {heading}, {}.", direction.aria()));
            if let Some(callback) = on_sort {
                callback.run(state);
            }
        }
    };

    let header_cells = columns
        .iter()
        .enumerate()
        .map(|(index, column)| {
            let class =
                if column.numeric { "govuk-table__header govuk-table__header--numeric" } else { "govuk-table__header" };
            let heading = column.heading.clone();
            if column.sort_key.is_none() {
                return view! { <th scope="col" class=class data-column=column.id>{heading}</th> }.into_any();
            }
            let aria_sort = move || match sort.get() {
                Some(state) if state.column == index => state.direction.aria(),
                _ => "none",
            };
            let arrow = move || match sort.get() {
                Some(state) if state.column == index => match state.direction {
                    SortDirection::Ascending => "▲",
                    SortDirection::Descending => "▼",
                },
                _ => "↕",
            };
            let press = press.clone();
            view! {
                <th scope="col" class=class aria-sort=aria_sort data-column=column.id>
                    <button type="button" class="app-sortable__button" on:click=move |_| press(index)>
                        {heading}
                        <span class="app-sortable__arrow" aria-hidden="true">{arrow}</span>
                    </button>
                </th>
            }
            .into_any()
        })
        .collect_view();

    let show_all = RwSignal::new(false);
    // The rows there are, and how many are shown.
    let counts = Memo::new(move |_| {
        let total = rows.with(Vec::len);
        let shown = match limit {
            Some(limit) if !show_all.get() => total.min(limit),
            _ => total,
        };
        (shown, total)
    });
    let body = {
        let columns = columns.clone();
        move || {
            let SortedRows(rows) = sorted.get();
            let (shown, _) = counts.get();
            rows.into_iter()
                .take(shown)
                .map(|row| {
                    let key = row_key.map(|f| f(&row));
                    let cells = columns
                        .iter()
                        .map(|column| {
                            let content = (column.cell)(&row);
                            if column.row_header {
                                view! { <th scope="row" class="govuk-table__header" data-column=column.id>{content}</th> }
                                    .into_any()
                            } else {
                                let class = if column.numeric {
                                    "govuk-table__cell govuk-table__cell--numeric"
                                } else {
                                    "govuk-table__cell"
                                };
                                view! { <td class=class data-column=column.id>{content}</td> }.into_any()
                            }
                        })
                        .collect_view();
                    view! { <tr class="govuk-table__row" data-row=key>{cells}</tr> }
                })
                .collect_view()
        }
    };

    let caption_class =
        format!("govuk-table__caption {}", caption_class.unwrap_or_else(|| "govuk-table__caption--m".into()));
    view! {
        <table class=format!("govuk-table app-sortable {class}") data-testid=testid>
            <caption class=caption_class>
                {move || caption.get()}
                <span class="govuk-visually-hidden">" (column headers with buttons are sortable)"</span>
            </caption>
            <thead class="govuk-table__head">
                <tr class="govuk-table__row">{header_cells}</tr>
            </thead>
            <tbody class="govuk-table__body">{body}</tbody>
        </table>
        // Drawn once while there are more rows than the limit, so the button keeps focus as its
        // words change.
        <Show when=move || limit.is_some_and(|limit| counts.get().1 > limit)>
            <p class="govuk-body" data-testid="rows-shown">
                {move || {
                    let (shown, total) = counts.get();
                    if shown < total {
                        format!("The table shows the first {} of {} rows, in its order.", thousands(shown), thousands(total))
                    } else {
                        format!("The table shows all {} rows.", thousands(total))
                    }
                }}
            </p>
            <button type="button" class="govuk-button govuk-button--secondary app-no-print" data-testid="show-all-rows"
                on:click=move |_| show_all.update(|all| *all = !*all)>
                {move || {
                    let (shown, total) = counts.get();
                    if shown < total {
                        format!("Show all {} rows", thousands(total))
                    } else {
                        format!("Show the first {} rows only", thousands(limit.unwrap_or_default()))
                    }
                }}
            </button>
        </Show>
        <div class="govuk-visually-hidden" aria-live="polite" data-testid="sort-status">{move || announcement.get()}</div>
    }
}

/// The sorted rows. A new sort always produces a new value, so equality is never claimed:
/// the body re-renders whenever the memo reruns (which it does only when `rows` or the sort change).
#[derive(Clone)]
struct SortedRows<T>(Vec<T>);

impl<T> PartialEq for SortedRows<T> {
    fn eq(&self, _: &Self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(values: &[Option<f64>], direction: SortDirection) -> Vec<Option<f64>> {
        let mut rows = values.to_vec();
        sort_rows(&mut rows, &|v: &Option<f64>| SortKey::number(*v), direction);
        rows
    }

    #[test]
    fn missing_values_go_last_in_both_directions() {
        let values = [Some(2.0), None, Some(0.0), Some(5.0), None];
        assert_eq!(sorted(&values, SortDirection::Ascending), vec![Some(0.0), Some(2.0), Some(5.0), None, None]);
        assert_eq!(sorted(&values, SortDirection::Descending), vec![Some(5.0), Some(2.0), Some(0.0), None, None]);
    }

    #[test]
    fn sorting_is_stable_and_text_ignores_case() {
        let mut rows = vec![("b", 1), ("A", 2), ("a", 3), ("C", 4)];
        sort_rows(&mut rows, &|r: &(&str, i32)| SortKey::text(r.0), SortDirection::Ascending);
        assert_eq!(rows, vec![("A", 2), ("a", 3), ("b", 1), ("C", 4)]);
        sort_rows(&mut rows, &|r: &(&str, i32)| SortKey::text(r.0), SortDirection::Descending);
        assert_eq!(rows, vec![("C", 4), ("b", 1), ("A", 2), ("a", 3)]);
    }

    #[test]
    fn apply_order_is_a_permutation() {
        let mut rows = vec!['a', 'b', 'c', 'd', 'e'];
        apply_order(&mut rows, &[3, 0, 4, 1, 2]);
        assert_eq!(rows, vec!['d', 'a', 'e', 'b', 'c']);
    }
}
