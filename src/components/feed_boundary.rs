//! The one loading and error pattern. The release is loaded once for the whole app
//! ([`FeedProvider`]): its summary first when one is published; then, as views ask, one
//! district's file for a ward or a plan, one measure's file for a comparison of every ward, or
//! the plans' file for the index of plans (each merged into what is held), or the whole feed
//! when the manifest lists no such file. Every page body
//! sits inside [`WithFeed`], which shows a loading message, the page, or an error a reader can
//! act on, never a blank page.

use crate::data::{
    load_part, load_release, load_whole, part_entry, with_part, LoadError, Part, Release, ReleaseResult,
};
use futures::future::{FutureExt, LocalBoxFuture, Shared};
use leptos::prelude::*;
use outcomes_core::{AreaKind, Feed};
use std::collections::HashMap;
use std::sync::Arc;

#[derive(Clone, Copy)]
pub struct FeedResource(pub LocalResource<ReleaseResult>);

type Loading = Shared<LocalBoxFuture<'static, ReleaseResult>>;
/// A district's, a measure's or the plans' file being loaded and merged; the result is in `loaded`, so the
/// future keeps no copy of the release (each merged release is a whole summary and more).
type Merging = Shared<LocalBoxFuture<'static, Result<(), LoadError>>>;

/// What has been loaded beyond the first view, each file at most once and only when a view asks.
#[derive(Clone, Copy)]
struct MoreFigures {
    whole: StoredValue<Option<Loading>, LocalStorage>,
    parts: StoredValue<HashMap<Part, Merging>, LocalStorage>,
    /// The fullest release held: the whole feed, or the summary with every file merged so far.
    loaded: RwSignal<Option<Arc<Release>>>,
}

impl MoreFigures {
    /// What is held now: the fullest release loaded, or the first view's.
    fn held(self, first: &Arc<Release>) -> Arc<Release> {
        self.loaded.get_untracked().unwrap_or_else(|| first.clone())
    }

    /// The whole release for `first`: `first` itself when it is not a summary, otherwise the
    /// whole feed, fetched the first time and shared by every later call.
    async fn whole(self, first: Arc<Release>) -> ReleaseResult {
        let held = self.held(&first);
        if !held.summary() {
            return Ok(held);
        }
        let loading = self.whole.with_value(Clone::clone).unwrap_or_else(|| {
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
            self.whole.set_value(Some(future.clone()));
            future
        });
        loading.await
    }

    /// A release holding what `part`'s file holds: what is held when it already does, otherwise
    /// what is held with the file merged in (the whole feed when the release lists no file for
    /// it). Each file is fetched once.
    async fn part(self, first: Arc<Release>, part: Part) -> ReleaseResult {
        let held = self.held(&first);
        if held.holds(&part) {
            return Ok(held);
        }
        let Some(entry) = part_entry(&first, &part) else { return self.whole(first).await };
        let loading = self.parts.with_value(|loading| loading.get(&part).cloned()).unwrap_or_else(|| {
            let (first, key) = (first.clone(), part.clone());
            let future = async move {
                let detail = load_part(&first, &part, &entry).await?;
                // Merged into what is held when the file has arrived: another file (or the whole
                // feed) may have arrived meanwhile.
                let held = self.held(&first);
                if !held.holds(&part) {
                    self.loaded.try_set(Some(with_part(&held, &detail, &part)?));
                }
                Ok(())
            }
            .boxed_local()
            .shared();
            self.parts.update_value(|loading| {
                loading.insert(key, future.clone());
            });
            future
        });
        loading.await?;
        Ok(self.held(&first))
    }
}

/// Starts loading the feed and makes it available to everything below.
#[component]
pub fn FeedProvider(children: Children) -> impl IntoView {
    provide_context(FeedResource(LocalResource::new(load_release)));
    provide_context(MoreFigures {
        whole: StoredValue::new_local(None),
        parts: StoredValue::new_local(HashMap::new()),
        loaded: RwSignal::new(None),
    });
    children()
}

/// The feed once loaded successfully, for parts of the shell (banner, footer) that show nothing
/// while loading or after an error.
pub fn use_feed() -> Signal<Option<Arc<Feed>>> {
    let release = use_release();
    Signal::derive(move || release.get().map(|release| release.feed.clone()))
}

/// The loaded release (feed, manifest, checksum, audience), once loaded successfully: the fullest
/// one loaded so far (the whole feed, or the summary with the files views have asked for).
pub fn use_release() -> Signal<Option<Arc<Release>>> {
    let FeedResource(resource) = expect_context::<FeedResource>();
    let more = expect_context::<MoreFigures>();
    Signal::derive(move || more.loaded.get().or_else(|| resource.get().and_then(|result| result.ok())))
}

/// Which figures a view needs.
#[derive(Clone, Copy, Default)]
pub enum Needs {
    /// The county and districts: the summary is enough.
    #[default]
    Summary,
    /// Every plan's values: the plans' file.
    Plans,
    /// One area, from the query string or the route: a ward or a plan needs its district's file;
    /// the county, a district or an unknown code (the page says it is unknown) need nothing more.
    Area(Signal<Option<String>>),
    /// Worked out by the page from the summary (see [`Figures`]), such as the wards a
    /// comparison ranks.
    Figures(Signal<Figures>),
}

/// The figures a page needs, as the page works it out from the summary.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Figures {
    /// The county's and the districts' (or the page shows a problem with the link).
    #[default]
    Summary,
    /// Those of one district's wards and plans: its file.
    District(String),
    /// Every ward's values of one measure: its file.
    Measure(String),
    /// Every place plan's values: the plans' file.
    Plans,
    /// The values of one measure for the wards of one district (or of a plan, which lies in one
    /// district): the district's file, or nothing more when the measure's file is held.
    WardsOf { district: String, measure: String },
    /// Every ward's and plan's: the whole feed.
    Whole,
}

impl Figures {
    /// What the figures of the area `code` need: a ward or a plan, its district's file (the whole
    /// feed if it names none); the county, a district or an unknown code, the summary.
    pub fn of_area(feed: &Feed, code: &str) -> Figures {
        match feed.area(code) {
            Some(area) if matches!(area.kind, AreaKind::Ward | AreaKind::PlacePlan) => {
                area.district.clone().map_or(Figures::Whole, Figures::District)
            }
            _ => Figures::Summary,
        }
    }
}

/// What a view needs loaded before it can be drawn. The value changes only when the view needs
/// something that is not held (or, once, from what it needed to nothing at all), so moving
/// between views whose figures are held (a ward of one district held to a ward of another, or to
/// the county) draws nothing again, and a file arriving does not redraw the view waiting for it.
#[derive(Clone, PartialEq)]
enum Want {
    Ready,
    Whole,
    Part(Part),
}

impl Want {
    /// Whether `held` has what this asks for.
    fn held_in(&self, held: &Release) -> bool {
        match self {
            Want::Ready => true,
            Want::Whole => !held.summary(),
            Want::Part(part) => held.holds(part),
        }
    }
}

/// Renders `children` with the loaded feed, or the loading or error state. `needs` says what must
/// be loaded beyond the summary; once more has been loaded every view uses the fullest release.
#[component]
pub fn WithFeed<F, V>(children: F, #[prop(optional)] needs: Needs) -> impl IntoView
where
    F: Fn(Arc<Feed>) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let FeedResource(resource) = expect_context::<FeedResource>();
    let more = expect_context::<MoreFigures>();
    let children = Arc::new(children);
    let want = Memo::new(move |previous: Option<&Want>| {
        let Some(Ok(first)) = resource.get() else { return Want::Ready };
        let held = more.loaded.get().unwrap_or_else(|| first.clone());
        let figures = match needs {
            Needs::Summary => Figures::Summary,
            Needs::Plans => Figures::Plans,
            Needs::Area(area) => {
                area.with(|area| area.as_deref().map_or(Figures::Summary, |code| Figures::of_area(&first.feed, code)))
            }
            Needs::Figures(figures) => figures.get(),
        };
        let part = |part: Part| if held.holds(&part) { Want::Ready } else { Want::Part(part) };
        let next = match figures {
            Figures::Summary => Want::Ready,
            Figures::District(code) => part(Part::District(code)),
            Figures::Measure(id) => part(Part::Measure(id)),
            Figures::Plans => part(Part::Plans),
            Figures::WardsOf { measure, .. } if held.holds(&Part::Measure(measure.clone())) => Want::Ready,
            Figures::WardsOf { district, .. } => part(Part::District(district)),
            Figures::Whole if held.summary() => Want::Whole,
            Figures::Whole => Want::Ready,
        };
        match previous {
            // Still held: the same value, so nothing is drawn again.
            Some(previous) if next == Want::Ready && previous.held_in(&held) => previous.clone(),
            _ => next,
        }
    });
    let loading_more = RwSignal::new(false);
    view! {
        <Show when=move || loading_more.get()>
            <p class="govuk-body app-loading" role="status" data-testid="loading-whole">"Loading the ward and place plan figures…"</p>
        </Show>
        <Transition fallback=|| view! { <p class="govuk-body app-loading" role="status">"Loading the figures…"</p> }>
            {move || {
                let children = children.clone();
                let wanted = want;
                let want = want.get();
                Suspend::new(async move {
                    let first = match resource.await {
                        Ok(release) => release,
                        Err(error) => return view! { <LoadErrorView error /> }.into_any(),
                    };
                    let held = more.held(&first);
                    let release = if want.held_in(&held) {
                        held
                    } else {
                        // The page keeps showing what it had (a transition) while the figures
                        // arrive; this line says why nothing has changed yet.
                        loading_more.try_set(true);
                        let result = match want.clone() {
                            Want::Part(part) => send_wrapper::SendWrapper::new(more.part(first, part)).await,
                            _ => send_wrapper::SendWrapper::new(more.whole(first)).await,
                        };
                        // The reader may have moved on while the file arrived: a view for what
                        // is wanted now is being drawn instead of this one.
                        if wanted.try_get_untracked().as_ref() != Some(&want) {
                            return ().into_any();
                        }
                        loading_more.try_set(false);
                        match result {
                            Ok(release) => release,
                            Err(error) => return view! { <LoadErrorView error /> }.into_any(),
                        }
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
