//! The app and its router: the shell around one page per route.

use crate::components::layout::{DemonstrationBanner, Footer, Header, ReleaseNotices};
use crate::components::print_header::{provide_print_context, PrintHeader};
use crate::components::FeedProvider;
use crate::pages::{
    about::AboutPage, diagnostics::PanicCheck, journey::JourneyPage, not_found::NotFound, overview::OverviewPage,
};
use crate::pages::{contract::ContractPage, plan::PlanPage, plans::PlansPage};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    provide_print_context();
    view! {
        <Router>
            <FeedProvider>
                <Header />
                <div class="govuk-width-container">
                    <PrintHeader />
                    <DemonstrationBanner />
                    <ReleaseNotices />
                    <main class="govuk-main-wrapper" id="main-content" tabindex="-1">
                        <Routes fallback=NotFound>
                            <Route path=path!("/") view=OverviewPage />
                            <Route path=path!("/journey") view=JourneyPage />
                            <Route path=path!("/wards") view=crate::pages::wards::WardsPage />
                            <Route path=path!("/contract") view=ContractPage />
                            <Route path=path!("/plans") view=PlansPage />
                            <Route path=path!("/plans/:id") view=PlanPage />
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
