//! The app and its router: the shell around one page per route.

use crate::components::layout::{DemonstrationBanner, Footer, Header, ReleaseNotices};
use crate::components::{FeedProvider, NotBuilt};
use crate::pages::{about::AboutPage, diagnostics::PanicCheck, journey::JourneyPage, not_found::NotFound, overview::OverviewPage};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router>
            <FeedProvider>
                <Header />
                <div class="govuk-width-container">
                    <DemonstrationBanner />
                    <ReleaseNotices />
                    <main class="govuk-main-wrapper" id="main-content" tabindex="-1">
                        <Routes fallback=NotFound>
                            <Route path=path!("/") view=OverviewPage />
                            <Route path=path!("/journey") view=JourneyPage />
                            <Route path=path!("/wards") view=|| view! {
                                <NotBuilt title="Ward comparisons" purpose="It will rank wards on each measure with confidence intervals, compare them with deprivation, and open each ward's LSOAs." />
                            } />
                            <Route path=path!("/contract") view=|| view! {
                                <NotBuilt title="Contract outcomes" purpose="It will show each KPI of the VCS Infrastructure Support contract quarter by quarter against its target, with RAG status and outcome payments." />
                            } />
                            <Route path=path!("/plans") view=|| view! {
                                <NotBuilt title="Place plans" purpose="It will list the 22 co-produced place plans and the Cambridge City arrangement with the progress of their actions." />
                            } />
                            <Route path=path!("/about") view=AboutPage />
                            <Route path=path!("/diagnostics/panic") view=PanicCheck />
                        </Routes>
                    </main>
                </div>
                <Footer />
            </FeedProvider>
        </Router>
    }
}
