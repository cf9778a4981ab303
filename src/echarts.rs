//! The few ECharts calls the app makes, bound directly (charming 0.6 has no dispose, no
//! getOption, and updates without `notMerge`). Every call catches JS exceptions, so a missing
//! or broken ECharts becomes an error value, not an exception unwinding through Rust.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// One chart instance (`echarts.init(element)`).
    pub type EChartsInstance;

    #[wasm_bindgen(catch, js_namespace = echarts, js_name = init)]
    fn echarts_init(
        element: &web_sys::HtmlElement,
        theme: &JsValue,
        options: &JsValue,
    ) -> Result<EChartsInstance, JsValue>;

    #[wasm_bindgen(catch, method, js_name = setOption)]
    fn set_option(this: &EChartsInstance, option: &JsValue, settings: &JsValue) -> Result<(), JsValue>;

    #[wasm_bindgen(catch, method, js_name = resize)]
    fn resize_with(this: &EChartsInstance, options: &JsValue) -> Result<(), JsValue>;

    #[wasm_bindgen(catch, method)]
    fn dispose(this: &EChartsInstance) -> Result<(), JsValue>;

    #[wasm_bindgen(catch, method, js_name = getWidth)]
    fn get_width(this: &EChartsInstance) -> Result<f64, JsValue>;

    #[wasm_bindgen(catch, method, js_name = getHeight)]
    fn get_height(this: &EChartsInstance) -> Result<f64, JsValue>;
}

/// Whether the deferred ECharts script has run and set `window.echarts`.
pub fn is_loaded() -> bool {
    web_sys::window()
        .and_then(|window| js_sys::Reflect::get(&window, &"echarts".into()).ok())
        .is_some_and(|value| value.is_object())
}

/// Starts loading ECharts if the page has not got it yet. The release build leaves a
/// `<link rel="prefetch" data-echarts href=… integrity=…>` instead of a script, so pages without
/// charts never evaluate the library; this inserts the script, with the same integrity, once.
pub fn ensure_loading() {
    if is_loaded() {
        return;
    }
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    if document.query_selector("script[data-echarts-loader]").ok().flatten().is_some() {
        return;
    }
    let Some(hint) = document.query_selector("link[data-echarts]").ok().flatten() else {
        // A development build (`trunk serve`) loads ECharts with a plain deferred script.
        return;
    };
    let (Some(href), Some(integrity)) = (hint.get_attribute("href"), hint.get_attribute("integrity")) else { return };
    let Ok(script) = document.create_element("script") else { return };
    for (name, value) in [
        ("src", href.as_str()),
        ("integrity", integrity.as_str()),
        ("crossorigin", "anonymous"),
        ("data-echarts-loader", ""),
    ] {
        script.set_attribute(name, value).ok();
    }
    if let Some(head) = document.head() {
        head.append_child(&script).ok();
    }
}

/// Creates a chart in `element` with `option` (a JSON option as built by `charts`), drawn at the
/// next animation frame (`lazyUpdate`): creating the instance and taking in the option is one
/// task, laying out and drawing it another, so a new chart never blocks input for as long as
/// both together (on `/journey`, each chart was the longest task of the page's first load).
pub fn create(element: &web_sys::HtmlElement, option: &serde_json::Value) -> Result<EChartsInstance, String> {
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"renderer".into(), &"canvas".into()).ok();
    let instance = echarts_init(element, &JsValue::NULL, &options).map_err(describe)?;
    set_whole_option(&instance, option, true)?;
    Ok(instance)
}

/// Replaces the whole option (`notMerge`), so series from an earlier selection never linger.
pub fn replace_option(instance: &EChartsInstance, option: &serde_json::Value) -> Result<(), String> {
    set_whole_option(instance, option, false)
}

/// Replaces the whole option of a chart whose container may have changed size (a ranked chart
/// grows with its wards): when it has, the new option is drawn once, at the new size, rather than
/// drawn and then drawn again by a resize.
pub fn replace_option_in(
    instance: &EChartsInstance,
    element: &web_sys::HtmlElement,
    option: &serde_json::Value,
) -> Result<(), String> {
    let size = |get: fn(&EChartsInstance) -> Result<f64, JsValue>| get(instance).unwrap_or(f64::NAN);
    let resized = size(EChartsInstance::get_width) != f64::from(element.client_width())
        || size(EChartsInstance::get_height) != f64::from(element.client_height());
    set_whole_option(instance, option, resized)?;
    if resized {
        // Draws the pending option: `lazyUpdate` left it for the next frame, a resize draws it now.
        resize_to_container(instance);
    }
    Ok(())
}

fn set_whole_option(instance: &EChartsInstance, option: &serde_json::Value, lazy: bool) -> Result<(), String> {
    let value = js_sys::JSON::parse(&option.to_string()).map_err(describe)?;
    let settings = js_sys::Object::new();
    js_sys::Reflect::set(&settings, &"notMerge".into(), &JsValue::TRUE).ok();
    if lazy {
        js_sys::Reflect::set(&settings, &"lazyUpdate".into(), &JsValue::TRUE).ok();
    }
    instance.set_option(&value, &settings).map_err(describe)
}

pub fn resize_to_container(instance: &EChartsInstance) {
    // `auto` rather than no argument: after an explicit width (printing), a bare resize()
    // keeps that width.
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"width".into(), &"auto".into()).ok();
    js_sys::Reflect::set(&options, &"height".into(), &"auto".into()).ok();
    instance.resize_with(&options).ok();
}

/// The width of an A4 page's printable area (210 mm less 2 x 14 mm margins) in CSS pixels.
pub const PRINT_WIDTH_PX: f64 = 688.0;

/// Redraws the chart at the printed page's width, so the paper copy is drawn at print size
/// rather than a screen-sized picture scaled up or down.
pub fn resize_for_print(instance: &EChartsInstance) {
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"width".into(), &PRINT_WIDTH_PX.into()).ok();
    instance.resize_with(&options).ok();
}

pub fn dispose_instance(instance: &EChartsInstance) {
    instance.dispose().ok();
}

fn describe(error: JsValue) -> String {
    js_sys::Error::from(error).message().into()
}
