//! A panic is a bug, but it must not leave a frozen page: with `panic = "abort"` the module is
//! dead afterwards, so the hook writes a plain message into the page, with a way to reload.

use wasm_bindgen::JsCast;

pub const PANIC_MESSAGE_ID: &str = "app-panic-message";

pub fn install_hook() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("outcomes dashboard: {info}").into());
        show_panic_message();
    }));
}

fn show_panic_message() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(body) = document.body() else { return };
    if document.get_element_by_id(PANIC_MESSAGE_ID).is_some() {
        return;
    }
    let Ok(section) = document.create_element("div") else { return };
    section.set_id(PANIC_MESSAGE_ID);
    section.set_class_name("govuk-width-container");
    section.set_attribute("role", "alert").ok();
    // Built from constant text only: nothing from the feed or the panic reaches the HTML.
    section.set_inner_html(
        "<div class=\"govuk-error-summary\" tabindex=\"-1\"><div role=\"alert\">\
         <h2 class=\"govuk-error-summary__title\">Sorry, the dashboard has stopped working</h2>\
         <div class=\"govuk-error-summary__body\"><p class=\"govuk-body\">Something went wrong in this page. \
         No figures have been changed. <a class=\"govuk-link\" href=\"\">Reload the page</a> to try again.</p>\
         </div></div></div>",
    );
    body.insert_before(&section, body.first_child().as_ref()).ok();
    if let Some(summary) = section.first_element_child().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        summary.focus().ok();
    }
}
