//! Routes whose pages are not built yet say so plainly, instead of being blank.

use super::set_page_title;
use leptos::prelude::*;

#[component]
pub fn NotBuilt(
    #[prop(into)] title: String,
    /// What the page will show, in a sentence.
    #[prop(into)]
    purpose: String,
) -> impl IntoView {
    set_page_title(&title);
    view! {
        <h1 class="govuk-heading-l">{title}</h1>
        <div class="govuk-inset-text" data-testid="not-built">
            <p class="govuk-body"><strong>"This page is not built yet."</strong></p>
            <p class="govuk-body">{purpose}</p>
        </div>
        <p class="govuk-body">
            "The life-journey funnel is ready now: "
            <a class="govuk-link" href="/journey">"see the life journey"</a>"."
        </p>
    }
}
