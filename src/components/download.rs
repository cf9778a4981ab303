//! "Download this table as CSV": a real link (keyboard and screen readers treat it as one) to a
//! Blob made from the table's rows, released when the component goes.

use leptos::prelude::*;

#[component]
pub fn CsvDownload(
    /// File name offered to the browser, e.g. "life-journey-funnel-E05000001-2026-Q2-all.csv".
    #[prop(into)]
    filename: String,
    /// The CSV document (see `outcomes_core::csv`).
    csv: String,
    /// What the table is, for the link text: "Download the funnel table (CSV)".
    #[prop(into)]
    what: String,
) -> impl IntoView {
    let url = blob_url(&csv);
    let revoke = url.clone();
    on_cleanup(move || {
        if let Some(url) = revoke {
            web_sys::Url::revoke_object_url(&url).ok();
        }
    });
    url.map(|href| {
        view! {
            <p class="govuk-body app-no-print">
                <a class="govuk-link" href=href download=filename data-testid="csv-download">{format!("Download {what} (CSV)")}</a>
            </p>
        }
    })
}

fn blob_url(csv: &str) -> Option<String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(csv));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/csv;charset=utf-8");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}
