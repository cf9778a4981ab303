//! One component owns an ECharts instance's whole life: it waits for the deferred ECharts script,
//! creates the instance once, replaces its option when the figures change, resizes it with the
//! window and disposes of it when the component goes. If ECharts cannot draw, it says so in
//! words and points to the data table, which always carries the same numbers.

use crate::echarts::{self, EChartsInstance};
use leptos::prelude::*;
use std::time::Duration;

/// How long to wait for the deferred ECharts script before giving up on drawing.
const ECHARTS_WAIT: Duration = Duration::from_secs(20);
const ECHARTS_POLL: Duration = Duration::from_millis(50);

#[component]
pub fn EChart(
    /// Short name of the chart for assistive technology, e.g. "Life-journey funnel chart".
    #[prop(into)]
    label: String,
    /// The ECharts option, as built in `crate::charts`.
    #[prop(into)]
    option: Signal<serde_json::Value>,
    /// The chart's height in CSS pixels, when it follows the figures (a ranked chart grows with
    /// its wards); otherwise the stylesheet's.
    #[prop(optional, into)]
    height: Option<Signal<usize>>,
) -> impl IntoView {
    let container = NodeRef::<leptos::html::Div>::new();
    let instance = StoredValue::new_local(None::<EChartsInstance>);
    let ready = use_echarts_ready();
    let failure = RwSignal::new(None::<String>);

    // Creating an ECharts instance is the costly step: each chart is created in a task of its
    // own (a zero-delay timeout), so a page with several charts never blocks input for long.
    let creation_scheduled = StoredValue::new(false);
    let px = move |height: Signal<usize>| format!("{}px", height.get());
    Effect::new(move |_| {
        let current = option.get();
        // Set here, before the option, so a chart is always drawn at its new size (and the
        // box keeps following the figures while ECharts is loading or if it never does).
        let height = height.map(px);
        if let (Some(height), Some(element)) = (&height, container.get()) {
            web_sys::HtmlElement::style(&element).set_property("height", height).ok();
        }
        match ready.get() {
            EChartsState::Waiting => return,
            EChartsState::Unavailable => {
                failure.set(Some("The charting library did not load.".into()));
                return;
            }
            EChartsState::Ready => {}
        }
        let Some(element) = container.get() else { return };
        let updated = instance.with_value(|existing| {
            existing.as_ref().map(|chart| match height {
                Some(_) => echarts::replace_option_in(chart, &element, &current),
                None => echarts::replace_option(chart, &current),
            })
        });
        if let Some(result) = updated {
            failure.set(result.err());
            return;
        }
        if creation_scheduled.get_value() {
            return; // the scheduled task reads the latest option when it runs
        }
        creation_scheduled.set_value(true);
        set_timeout(
            move || {
                creation_scheduled.try_set_value(false);
                let still_needed = instance.try_with_value(Option::is_none) == Some(true) && element.is_connected();
                let Some(option) = option.try_get_untracked().filter(|_| still_needed) else { return };
                match echarts::create(&element, &option) {
                    Ok(created) => {
                        instance.try_set_value(Some(created));
                        failure.try_set(None);
                    }
                    Err(reason) => {
                        failure.try_set(Some(reason));
                    }
                }
            },
            std::time::Duration::ZERO,
        );
    });

    let resize = window_event_listener(leptos::ev::resize, move |_| {
        instance.with_value(|chart| {
            if let Some(chart) = chart {
                echarts::resize_to_container(chart);
            }
        })
    });

    // Committee papers: draw the chart at the printed page's width while printing.
    let before_print = window_event_listener(leptos::ev::beforeprint, move |_| {
        instance.with_value(|chart| {
            if let Some(chart) = chart {
                echarts::resize_for_print(chart);
            }
        })
    });
    let after_print = window_event_listener(leptos::ev::afterprint, move |_| {
        instance.with_value(|chart| {
            if let Some(chart) = chart {
                echarts::resize_to_container(chart);
            }
        })
    });

    on_cleanup(move || {
        before_print.remove();
        after_print.remove();
        resize.remove();
        instance.try_update_value(|chart| {
            if let Some(chart) = chart.take() {
                echarts::dispose_instance(&chart);
            }
        });
    });

    view! {
        <div class="app-chart" node_ref=container role="img" aria-label=label.clone() data-chart=label
            style:height=height.map(|height| format!("{}px", height.get_untracked()))></div>
        {move || failure.get().map(|reason| view! {
            <p class="app-chart__failed">
                {format!("The chart could not be drawn ({reason}). The table below has the same figures.")}
            </p>
        })}
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EChartsState {
    Waiting,
    Ready,
    Unavailable,
}

/// Whether the deferred ECharts script has loaded: polls briefly, then gives up with a message.
fn use_echarts_ready() -> ReadSignal<EChartsState> {
    let (state, set_state) = signal(if echarts::is_loaded() { EChartsState::Ready } else { EChartsState::Waiting });
    if state.get_untracked() == EChartsState::Waiting {
        echarts::ensure_loading();
        let started = js_sys::Date::now();
        let handle = set_interval_with_handle(
            move || {
                if state.try_get_untracked() != Some(EChartsState::Waiting) {
                    return;
                }
                if echarts::is_loaded() {
                    set_state.set(EChartsState::Ready);
                } else if js_sys::Date::now() - started > ECHARTS_WAIT.as_millis() as f64 {
                    set_state.set(EChartsState::Unavailable);
                }
            },
            ECHARTS_POLL,
        );
        if let Ok(handle) = handle {
            Effect::new(move |_| {
                if state.get() != EChartsState::Waiting {
                    handle.clear();
                }
            });
            on_cleanup(move || handle.clear());
        }
    }
    state
}
