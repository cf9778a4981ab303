//! What a printed page says about itself. On paper there is no menu and no address bar, so the
//! shell prints a block at the top (title, release date, period, area, page address, and the
//! "demonstration data" label) and puts the same line in the top margin of every A4 page
//! (`@page` margin box in `_app.scss`, fed by the CSS custom property `--app-print-header`).
//!
//! Pages say which period and area they show with [`set_print_context`]; otherwise the query
//! string's `period` and `area` (the journey page's) are used, else the release's whole span and
//! the whole area.

use super::feed_boundary::use_feed;
use super::page_title::SERVICE_NAME;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_query_map};
use outcomes_core::{Feed, Quarter, ReleaseStatus};
use wasm_bindgen::JsCast;

/// The period and area a page shows, for the page at `path`.
#[derive(Clone, Debug, PartialEq)]
struct PrintScope {
    path: String,
    period: String,
    area: String,
}

#[derive(Clone, Copy)]
struct PrintContext(RwSignal<Option<PrintScope>>);

/// Called once by the app, above the routes.
pub fn provide_print_context() {
    provide_context(PrintContext(RwSignal::new(None)));
}

/// Pages call this with the period and area they show, in words.
pub fn set_print_context(period: impl Into<String>, area: impl Into<String>) {
    if let Some(PrintContext(scope)) = use_context::<PrintContext>() {
        let path = use_location().pathname.get_untracked();
        let next = Some(PrintScope { path, period: period.into(), area: area.into() });
        if scope.get_untracked() != next {
            scope.set(next);
        }
    }
}

/// The facts printed at the top of every page.
#[derive(Clone, Debug, PartialEq)]
struct PrintFacts {
    title: String,
    labels: Vec<&'static str>,
    released: String,
    period: String,
    area: String,
    address: String,
}

impl PrintFacts {
    /// One line for the page margin: "Think Communities outcomes · Demonstration data · ...".
    fn line(&self) -> String {
        let mut parts = vec![self.title.clone()];
        parts.extend(self.labels.iter().map(|l| (*l).to_owned()));
        parts.push(format!("Released {}", self.released));
        parts.push(self.period.clone());
        parts.push(self.area.clone());
        parts.join(" · ")
    }
}

#[component]
pub fn PrintHeader() -> impl IntoView {
    let feed = use_feed();
    let location = use_location();
    let query = use_query_map();
    let scope = use_context::<PrintContext>();
    let facts = Memo::new(move |_| {
        let feed = feed.get()?;
        let path = location.pathname.get();
        // Read so that the address below follows every change of the query string.
        let _ = location.search.get();
        let scoped = scope.and_then(|PrintContext(s)| s.get()).filter(|s| s.path == path);
        let (period, area) = match scoped {
            Some(scope) => (scope.period, scope.area),
            None => query.with(|q| from_query(&feed, q.get("period"), q.get("area"))),
        };
        let publication = feed.publication();
        let mut labels = Vec::new();
        if publication.demonstration {
            labels.push("Demonstration data");
        }
        if publication.status == ReleaseStatus::Draft {
            labels.push("Draft release: not for publication");
        }
        Some(PrintFacts {
            title: publication.title.clone(),
            labels,
            released: publication.release_date.long(),
            period,
            area,
            address: web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default(),
        })
    });
    Effect::new(move |_| {
        let line = facts.get().map(|f| f.line()).unwrap_or_else(|| SERVICE_NAME.to_owned());
        set_margin_line(&line);
    });
    move || {
        facts.get().map(|facts| {
            view! {
                <div class="app-print-header" data-testid="print-header">
                    <p class="app-print-header__title">
                        {facts.title.clone()}
                        {facts.labels.iter().map(|label| view! { " · " <strong>{*label}</strong> }).collect_view()}
                    </p>
                    <p class="app-print-header__facts">
                        {format!("Released {} · Period: {} · Area: {}", facts.released, facts.period, facts.area)}
                    </p>
                    <p class="app-print-header__facts">{format!("Printed from {}", facts.address)}</p>
                </div>
            }
        })
    }
}

/// The journey page's `period` and `area` when they are valid, else the release's span and the
/// whole area.
fn from_query(feed: &Feed, period: Option<String>, area: Option<String>) -> (String, String) {
    let periods = feed.periods();
    let period = period
        .and_then(|p| p.parse::<Quarter>().ok())
        .filter(|q| periods.contains(q))
        .map(|q| q.label())
        .unwrap_or_else(|| {
            let first = periods.first().copied().unwrap_or(feed.latest_period());
            format!("{} to {}", first.label(), feed.latest_period().label())
        });
    let area =
        area.and_then(|code| feed.area(&code).map(|a| a.name.clone())).unwrap_or_else(|| feed.county().name.clone());
    (period, area)
}

/// Sets `--app-print-header` on the root element as a CSS string. Every character but letters,
/// digits and spaces is written as a CSS escape, so no text can end the string early.
fn set_margin_line(line: &str) {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(root) = root {
        root.style().set_property("--app-print-header", &css_string(line)).ok();
    }
}

pub fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for ch in text.chars() {
        if ch.is_ascii_alphanumeric() || ch == ' ' {
            out.push(ch);
        } else {
            out.push_str(&format!("\\{:x} ", u32::from(ch)));
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::css_string;

    #[test]
    fn text_cannot_escape_the_css_string() {
        assert_eq!(css_string("Ely · \"x\"; } body {"), "\"Ely \\b7  \\22 x\\22 \\3b  \\7d  body \\7b \"");
    }
}
