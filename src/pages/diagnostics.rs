//! `/diagnostics/panic`: panics on purpose, so an operator (and the end-to-end tests) can check
//! on a deployed site that a bug shows a message with a way to reload, not a frozen page. It
//! touches no data and is not linked from anywhere.

use leptos::prelude::*;

#[component]
pub fn PanicCheck() -> impl IntoView {
    let message = "deliberate panic from /diagnostics/panic to check the panic handler";
    if web_sys::window().is_some() {
        panic!("{message}");
    }
    view! { <p class="govuk-body">{message}</p> }
}
