use crate::components::set_page_title;
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    set_page_title("Page not found");
    view! {
        <h1 class="govuk-heading-l">"Page not found"</h1>
        <p class="govuk-body">"If you typed the web address, check it is correct."</p>
        <p class="govuk-body"><a class="govuk-link" href="/">"Go to the overview"</a></p>
    }
}
