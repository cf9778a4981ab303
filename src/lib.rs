//! The outcomes dashboard: a thin Leptos (CSR) layer over `outcomes-core`.
//!
//! Reading order: `app` (router and shell) -> `data` (config, fetch, validation: the only place
//! that touches the network) -> `pages` (one per route) -> `components` -> `charts` (ECharts
//! options built as plain values) -> `echarts` (the JS bindings).

pub mod app;
pub mod charts;
pub mod components;
pub mod data;
pub mod echarts;
pub mod filters;
pub mod pages;
pub mod panic;

/// Entry point from `main.rs`: install the panic hook, swap the static shell for the app.
pub fn start() {
    panic::install_hook();
    if let Some(shell) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("static-shell"))
    {
        shell.remove();
    }
    leptos::mount::mount_to_body(app::App);
}
