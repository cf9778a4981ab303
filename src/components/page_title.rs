//! Every route has its own document title, so screen-reader users and browser history can tell
//! the pages apart (WCAG 2.4.2).

pub const SERVICE_NAME: &str = "Think Communities outcomes";

/// Sets `document.title` to "`page` – Think Communities outcomes".
pub fn set_page_title(page: &str) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(&format!("{page} – {SERVICE_NAME}"));
    }
}
