//! `/`: the overview committee members read first. For now it introduces the programme and
//! states plainly that the headline tiles are not built yet.

use crate::components::{set_page_title, WithFeed};
use leptos::prelude::*;

#[component]
pub fn OverviewPage() -> impl IntoView {
    set_page_title("Overview");
    view! {
        <h1 class="govuk-heading-l">"Think Communities outcomes"</h1>
        <p class="govuk-body-l">
            "How the Think Communities social mobility programme is doing across Cambridgeshire and Peterborough: "
            "the people it reaches, where they leave the journey, and the outcomes they achieve."
        </p>
        <WithFeed children=|feed| {
            let publication = feed.publication();
            view! {
                <p class="govuk-body" data-testid="coverage">
                    {format!("This release covers {} to {} and was published on {}.",
                        feed.periods().first().map(|q| q.label()).unwrap_or_default(),
                        feed.latest_period().label(),
                        publication.release_date.long())}
                </p>
            }
        } />
        <div class="govuk-inset-text" data-testid="not-built">
            <p class="govuk-body"><strong>"The headline tiles are not built yet."</strong></p>
            <p class="govuk-body">"This page will show the programme's key measures with their direction of travel, and what changed this quarter."</p>
        </div>
        <p class="govuk-body"><a class="govuk-link" href="/journey">"See the life journey for the whole area"</a></p>
    }
}
