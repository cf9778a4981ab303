//! The shell around every page: skip link, council header, service navigation, the
//! demonstration-data banner, and a footer with the data licence and release date from the feed.
//! Its markup matches the static shell in `index.html`, so the swap at start-up does not move.

use super::feed_boundary::use_feed;
use super::page_title::SERVICE_NAME;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The routes in the menu, in order.
pub const NAVIGATION: [(&str, &str); 6] = [
    ("/", "Overview"),
    ("/journey", "Life journey"),
    ("/wards", "Ward comparisons"),
    ("/contract", "Contract outcomes"),
    ("/plans", "Place plans"),
    ("/about", "About the data"),
];

#[component]
pub fn Header() -> impl IntoView {
    let location = use_location();
    let is_current = move |href: &str| {
        let path = location.pathname.get();
        if href == "/" {
            path == "/"
        } else {
            path == href || path.starts_with(&format!("{href}/"))
        }
    };
    view! {
        <a href="#main-content" class="govuk-skip-link">"Skip to main content"</a>
        <header class="app-header">
            <div class="govuk-width-container">
                <p class="app-header__council">"Cambridgeshire County Council"</p>
            </div>
        </header>
        <section class="govuk-service-navigation" aria-label="Service information">
            <div class="govuk-width-container">
                <div class="govuk-service-navigation__container">
                    <span class="govuk-service-navigation__service-name">
                        <a href="/" class="govuk-service-navigation__link">{SERVICE_NAME}</a>
                    </span>
                    <nav aria-label="Menu" class="govuk-service-navigation__wrapper">
                        <ul class="govuk-service-navigation__list" id="navigation">
                            {NAVIGATION.iter().map(|&(href, label)| {
                                view! {
                                    <li class="govuk-service-navigation__item"
                                        class:govuk-service-navigation__item--active=move || is_current(href)>
                                        <a class="govuk-service-navigation__link" href=href
                                           aria-current=move || is_current(href).then_some("page")>
                                            {move || if is_current(href) {
                                                view! { <strong class="govuk-service-navigation__active-fallback">{label}</strong> }.into_any()
                                            } else {
                                                label.into_any()
                                            }}
                                        </a>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </nav>
                </div>
            </div>
        </section>
    }
}

/// The demonstration notice's words (also in the static `index.html`, which reserves its space).
const DEMONSTRATION_TEXT: &str =
    "The figures on this site are invented for demonstration. They are not real results for any area or person.";

/// Shown on every page whenever the feed says its figures are demonstration data. While the
/// release loads, an invisible copy holds the banner's place at every screen width, so the page
/// does not move when it appears (as in the static `index.html`).
#[component]
pub fn DemonstrationBanner() -> impl IntoView {
    let feed = use_feed();
    let FeedResourceLoading(loading) = use_loading();
    move || {
        if loading.get() {
            return Some(
                view! {
                    <div class="govuk-phase-banner app-banner-placeholder" aria-hidden="true">
                        <p class="govuk-phase-banner__content">
                            <strong class="govuk-tag govuk-tag--yellow govuk-phase-banner__content__tag">"Demonstration data"</strong>
                            <span class="govuk-phase-banner__text">{DEMONSTRATION_TEXT}</span>
                        </p>
                    </div>
                }
                .into_any(),
            );
        }
        feed.get().filter(|feed| feed.publication().demonstration).map(|_| {
            view! {
                <div class="govuk-phase-banner" data-testid="demonstration-banner">
                    <p class="govuk-phase-banner__content">
                        <strong class="govuk-tag govuk-tag--yellow govuk-phase-banner__content__tag">"Demonstration data"</strong>
                        <span class="govuk-phase-banner__text">{DEMONSTRATION_TEXT}</span>
                    </p>
                </div>
            }
            .into_any()
        })
    }
}

struct FeedResourceLoading(Signal<bool>);

/// Whether the release is still loading (neither loaded nor failed).
fn use_loading() -> FeedResourceLoading {
    let super::feed_boundary::FeedResource(resource) = expect_context::<super::feed_boundary::FeedResource>();
    FeedResourceLoading(Signal::derive(move || resource.get().is_none()))
}

#[component]
pub fn Footer() -> impl IntoView {
    let feed = use_feed();
    view! {
        <footer class="govuk-footer" role="contentinfo">
            <div class="govuk-width-container">
                <div class="govuk-footer__meta">
                    <div class="govuk-footer__meta-item govuk-footer__meta-item--grow">
                        {move || feed.get().map(|feed| {
                            let publication = feed.publication();
                            view! {
                                <p class="govuk-footer__meta-custom" data-testid="release">
                                    {format!("{} · Published by {} · Released {}", publication.title, publication.publisher, publication.release_date.long())}
                                    {publication.next_release_date.map(|next| format!(" · Next release {}", next.long()))}
                                </p>
                                <span class="govuk-footer__licence-description" data-testid="licence">
                                    "Data available under the "
                                    <a class="govuk-footer__link" href=publication.licence.url.clone() rel="license">{publication.licence.name.clone()}</a>
                                    ", except where otherwise stated."
                                </span>
                            }
                        })}
                    </div>
                </div>
            </div>
        </footer>
    }
}

/// Notices every page must carry about the release itself: a draft shown to an internal
/// audience, and a data file that does not match its published checksum.
#[component]
pub fn ReleaseNotices() -> impl IntoView {
    let release = super::feed_boundary::use_release();
    move || {
        release.get().map(|release| {
            let draft = release.feed.publication().status == outcomes_core::ReleaseStatus::Draft;
            let mismatch = match &release.checksum {
                crate::data::Checksum::Differs { expected, actual } => Some((expected.clone(), actual.clone())),
                _ => None,
            };
            view! {
                {draft.then(|| view! {
                    <div class="govuk-warning-text" data-testid="draft-notice">
                        <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                        <strong class="govuk-warning-text__text">
                            <span class="govuk-visually-hidden">"Warning"</span>
                            "Draft release for internal review: not for publication. These figures may change."
                        </strong>
                    </div>
                })}
                {mismatch.map(|(expected, actual)| view! {
                    <div class="govuk-notification-banner" role="alert" aria-labelledby="checksum-title" data-testid="checksum-warning">
                        <div class="govuk-notification-banner__header">
                            <h2 class="govuk-notification-banner__title" id="checksum-title">"Important"</h2>
                        </div>
                        <div class="govuk-notification-banner__content">
                            <p class="govuk-notification-banner__heading">"The data file does not match its published checksum"</p>
                            <p class="govuk-body">"The figures on this site may not be the ones the council published. Expected SHA-256 "
                                <code class="app-hash">{expected}</code>", loaded " <code class="app-hash">{actual}</code>"."</p>
                        </div>
                    </div>
                })}
            }
        })
    }
}
