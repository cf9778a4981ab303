//! The one loading and error pattern. The feed is loaded once for the whole app
//! ([`FeedProvider`]); every page body sits inside [`WithFeed`], which shows a loading message,
//! the page, or an error a reader can act on, never a blank page.

use crate::data::{load_release, LoadError, Release, ReleaseResult};
use leptos::prelude::*;
use outcomes_core::Feed;
use std::sync::Arc;

#[derive(Clone, Copy)]
pub struct FeedResource(pub LocalResource<ReleaseResult>);

/// Starts loading the feed and makes it available to everything below.
#[component]
pub fn FeedProvider(children: Children) -> impl IntoView {
    provide_context(FeedResource(LocalResource::new(load_release)));
    children()
}

/// The feed once loaded successfully, for parts of the shell (banner, footer) that show nothing
/// while loading or after an error.
pub fn use_feed() -> Signal<Option<Arc<Feed>>> {
    let release = use_release();
    Signal::derive(move || release.get().map(|release| release.feed.clone()))
}

/// The whole loaded release (feed, manifest, checksum, audience), once loaded successfully.
pub fn use_release() -> Signal<Option<Arc<Release>>> {
    let FeedResource(resource) = expect_context::<FeedResource>();
    Signal::derive(move || resource.get().and_then(|result| result.ok()))
}

/// Renders `children` with the loaded feed, or the loading or error state.
#[component]
pub fn WithFeed<F, V>(children: F) -> impl IntoView
where
    F: Fn(Arc<Feed>) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let FeedResource(resource) = expect_context::<FeedResource>();
    let children = Arc::new(children);
    view! {
        <Transition fallback=|| view! { <p class="govuk-body app-loading" role="status">"Loading the figures…"</p> }>
            {move || {
                let children = children.clone();
                Suspend::new(async move {
                    match resource.await {
                        Ok(release) => children(release.feed.clone()).into_any(),
                        Err(error) => view! { <LoadErrorView error /> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}

#[component]
fn LoadErrorView(error: LoadError) -> impl IntoView {
    let problems = match &error {
        LoadError::Invalid(problems) => problems.iter().map(ToString::to_string).collect(),
        _ => Vec::new(),
    };
    let has_problems = !problems.is_empty();
    view! {
        <div class="govuk-error-summary" data-module="govuk-error-summary" data-testid="load-error">
            <div role="alert">
                <h2 class="govuk-error-summary__title">"The figures cannot be shown"</h2>
                <div class="govuk-error-summary__body">
                    <p class="govuk-body">{error.to_string()}</p>
                    <Show when=move || has_problems>
                        <details class="govuk-details">
                            <summary class="govuk-details__summary">
                                <span class="govuk-details__summary-text">"Problems found in the data file"</span>
                            </summary>
                            <div class="govuk-details__text">
                                <ul class="govuk-list govuk-list--bullet app-error-list">
                                    {problems.clone().into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                                </ul>
                            </div>
                        </details>
                    </Show>
                    <p class="govuk-body">"If this keeps happening, contact the Think Communities data team. No figures are shown rather than figures that might be wrong."</p>
                </div>
            </div>
        </div>
    }
}
