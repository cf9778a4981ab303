//! What a page shows when its address asks for something the release does not have: every
//! problem in words and a way back, never a blank or silently different view.

use leptos::prelude::*;

#[component]
pub fn SelectionError(
    /// The summary's title, e.g. "This link does not match the published figures".
    #[prop(into)]
    title: String,
    problems: Vec<String>,
    /// Where the way back leads, and its words.
    #[prop(into)]
    back_href: String,
    #[prop(into)] back_label: String,
) -> impl IntoView {
    view! {
        <div class="govuk-error-summary" data-testid="selection-error">
            <div role="alert">
                <h2 class="govuk-error-summary__title">{title}</h2>
                <div class="govuk-error-summary__body">
                    <ul class="govuk-list">{problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                    <p class="govuk-body"><a class="govuk-link" href=back_href>{back_label}</a></p>
                </div>
            </div>
        </div>
    }
}
