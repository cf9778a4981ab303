//! The one loading and error pattern. The release is loaded once for the whole app
//! ([`FeedProvider`]): its summary first when one is published, the whole feed the first time a
//! view needs a ward or a plan. Every page body sits inside [`WithFeed`], which shows a loading
//! message, the page, or an error a reader can act on, never a blank page.

use crate::data::{load_release, load_whole, LoadError, Release, ReleaseResult};
use futures::future::{FutureExt, LocalBoxFuture, Shared};
use leptos::prelude::*;
use outcomes_core::Feed;
use std::sync::Arc;

#[derive(Clone, Copy)]
pub struct FeedResource(pub LocalResource<ReleaseResult>);

/// The whole feed, loaded at most once and only when a view asks for it.
#[derive(Clone, Copy)]
struct WholeFeed {
    loading: StoredValue<Option<Shared<LocalBoxFuture<'static, ReleaseResult>>>, LocalStorage>,
    loaded: RwSignal<Option<Arc<Release>>>,
}

impl WholeFeed {
    /// The whole release for `first`: `first` itself when it is not a summary, otherwise the
    /// whole feed, fetched the first time and shared by every later call.
    async fn get(self, first: Arc<Release>) -> ReleaseResult {
        if !first.summary {
            return Ok(first);
        }
        let loading = self.loading.with_value(Clone::clone).unwrap_or_else(|| {
            let loaded = self.loaded;
            let future = async move {
                let result = load_whole(first).await;
                if let Ok(release) = &result {
                    loaded.try_set(Some(release.clone()));
                }
                result
            }
            .boxed_local()
            .shared();
            self.loading.set_value(Some(future.clone()));
            future
        });
        loading.await
    }
}

/// Starts loading the feed and makes it available to everything below.
#[component]
pub fn FeedProvider(children: Children) -> impl IntoView {
    provide_context(FeedResource(LocalResource::new(load_release)));
    provide_context(WholeFeed { loading: StoredValue::new_local(None), loaded: RwSignal::new(None) });
    children()
}

/// The feed once loaded successfully, for parts of the shell (banner, footer) that show nothing
/// while loading or after an error.
pub fn use_feed() -> Signal<Option<Arc<Feed>>> {
    let release = use_release();
    Signal::derive(move || release.get().map(|release| release.feed.clone()))
}

/// The loaded release (feed, manifest, checksum, audience), once loaded successfully: the whole
/// feed once a view has loaded it, otherwise what the first view loaded.
pub fn use_release() -> Signal<Option<Arc<Release>>> {
    let FeedResource(resource) = expect_context::<FeedResource>();
    let whole = expect_context::<WholeFeed>();
    Signal::derive(move || whole.loaded.get().or_else(|| resource.get().and_then(|result| result.ok())))
}

/// Which figures a view needs: the summary's (county and districts) or the whole feed's.
#[derive(Clone, Copy, Default)]
pub enum Needs {
    /// The county and districts: the summary is enough.
    #[default]
    Summary,
    /// Wards or plans: the whole feed.
    Whole,
    /// Decided from the query string and the feed: true when the whole feed is needed
    /// (for example `/journey?area=` a ward).
    When(Signal<bool>),
}

/// Whether the area `code` has figures in `feed` (a summary has only the county and districts).
pub fn has_rows_for(feed: &Feed, code: &str) -> bool {
    feed.area(code)
        .is_some_and(|area| !matches!(area.kind, outcomes_core::AreaKind::Ward | outcomes_core::AreaKind::PlacePlan))
}

/// Renders `children` with the loaded feed, or the loading or error state. `needs` says whether
/// the summary is enough; once the whole feed has been loaded every view uses it.
#[component]
pub fn WithFeed<F, V>(children: F, #[prop(optional)] needs: Needs) -> impl IntoView
where
    F: Fn(Arc<Feed>) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let FeedResource(resource) = expect_context::<FeedResource>();
    let whole = expect_context::<WholeFeed>();
    let children = Arc::new(children);
    let wants_whole = Memo::new(move |_| match needs {
        Needs::Summary => false,
        Needs::Whole => true,
        Needs::When(signal) => signal.get(),
    });
    let loading_whole = RwSignal::new(false);
    view! {
        <Show when=move || loading_whole.get()>
            <p class="govuk-body app-loading" role="status" data-testid="loading-whole">"Loading the ward and place plan figures…"</p>
        </Show>
        <Transition fallback=|| view! { <p class="govuk-body app-loading" role="status">"Loading the figures…"</p> }>
            {move || {
                let children = children.clone();
                let wants_whole = wants_whole.get();
                Suspend::new(async move {
                    let first = match resource.await {
                        Ok(release) => release,
                        Err(error) => return view! { <LoadErrorView error /> }.into_any(),
                    };
                    let release = match whole.loaded.get_untracked() {
                        Some(loaded) => loaded,
                        None if wants_whole => {
                            // The page keeps showing what it had (a transition) while the whole
                            // feed arrives; this line says why nothing has changed yet.
                            loading_whole.try_set(first.summary);
                            let result = send_wrapper::SendWrapper::new(whole.get(first)).await;
                            loading_whole.try_set(false);
                            match result {
                                Ok(release) => release,
                                Err(error) => return view! { <LoadErrorView error /> }.into_any(),
                            }
                        }
                        None => first,
                    };
                    children(release.feed.clone()).into_any()
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
