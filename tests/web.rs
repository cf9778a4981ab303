//! Component tests compiled to wasm and run in headless Chromium (wasm-bindgen-test): they mount
//! real components and read the DOM and the ECharts instance. The maths is tested natively in
//! outcomes-core; these check the wiring.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use outcomes_core::funnel::funnel;
use outcomes_core::{AreaKind, Category, Count};
use outcomes_dashboard::charts::funnel_chart;
use outcomes_dashboard::components::{EChart, FunnelTable, NotBuilt};
use outcomes_dashboard::data::{resolve_same_origin, LoadError};
use outcomes_dashboard::filters::{AreaList, FULL_LIST_LIMIT, MATCHES_SHOWN};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The ECharts bundle the app ships (built by `make build/echarts.js`), for the chart test.
const ECHARTS: &str = include_str!("../build/echarts.js");

fn stages() -> Vec<Category> {
    ["Identified", "Assessed", "Consented"]
        .iter()
        .enumerate()
        .map(|(i, name)| Category { id: format!("s{i}"), name: (*name).into(), definition: "d".into() })
        .collect()
}

fn container() -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let element: web_sys::HtmlElement = document.create_element("div").unwrap().dyn_into().unwrap();
    element.style().set_property("width", "800px").unwrap();
    document.body().unwrap().append_child(&element).unwrap();
    element
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn eval(script: &str) -> wasm_bindgen::JsValue {
    js_sys::eval(script).expect("script runs")
}

#[wasm_bindgen_test]
fn funnel_table_shows_counts_and_withholds_what_needs_a_suppressed_count() {
    let parent = container();
    let steps = funnel(&stages(), &[Count::Value(1200), Count::Suppressed, Count::Value(600)]);
    let _mounted = leptos::mount::mount_to(
        parent.clone(),
        move || view! { <FunnelTable caption="Test funnel" steps=steps.clone() /> },
    );
    let cells: Vec<String> = {
        let list = parent.query_selector_all("tbody td").unwrap();
        (0..list.length()).map(|i| list.item(i).unwrap().text_content().unwrap()).collect()
    };
    assert_eq!(cells, ["1,200", "[z]", "100.0%", "[z]", "[c]", "[c]", "[c]", "[c]", "600", "[c]", "50.0%", "[c]"]);
    assert_eq!(parent.query_selector("caption").unwrap().unwrap().text_content().unwrap(), "Test funnel");
    assert!(parent.text_content().unwrap().contains("[c] means the figure is withheld"));
    parent.remove();
}

#[wasm_bindgen_test]
async fn the_chart_component_draws_replaces_its_option_and_disposes() {
    eval(ECHARTS);
    let parent = container();
    let first = funnel_chart("Test", &funnel(&stages(), &[Count::Value(300), Count::Value(200), Count::Suppressed]));
    let option = RwSignal::new(first);
    let mounted =
        leptos::mount::mount_to(parent.clone(), move || view! { <EChart label="Test funnel chart" option=option /> });
    sleep(100).await;
    let series_values = "JSON.stringify(echarts.getInstanceByDom(window.__chart).getOption().series.map(s => s.data.map(d => d.value)))";
    eval("window.__chart = document.querySelector('.app-chart')");
    assert_eq!(eval(series_values).as_string().unwrap(), r#"[[300,200,"-"]]"#);
    let tooltip = eval("echarts.getInstanceByDom(window.__chart).getOption().tooltip[0].renderMode");
    assert_eq!(tooltip.as_string().unwrap(), "richText");

    // A new selection with fewer stages replaces the series; nothing of the old one lingers.
    option.set(funnel_chart("Test", &funnel(&stages()[..2], &[Count::Value(50), Count::Value(10)])));
    sleep(50).await;
    assert_eq!(eval(series_values).as_string().unwrap(), "[[50,10]]");
    assert_eq!(eval("document.querySelectorAll('.app-chart').length").as_f64(), Some(1.0));

    drop(mounted);
    sleep(20).await;
    // The instance went with the component, not just its element.
    assert!(eval("echarts.getInstanceByDom(window.__chart)").is_undefined());
    parent.remove();
}

#[wasm_bindgen_test]
async fn a_chart_that_follows_its_height_is_drawn_at_the_new_size_with_the_same_instance() {
    eval(ECHARTS);
    let parent = container();
    let steps = |n: usize| funnel(&stages()[..n], &[Count::Value(300), Count::Value(200), Count::Value(100)][..n]);
    let option = RwSignal::new(funnel_chart("Tall", &steps(3)));
    let height = RwSignal::new(300usize);
    let mounted = leptos::mount::mount_to(
        parent.clone(),
        move || view! { <EChart label="Growing chart" option=option height=height /> },
    );
    sleep(100).await;
    eval("window.__grown = document.querySelector('[data-chart=\"Growing chart\"]'); window.__first = echarts.getInstanceByDom(window.__grown).id");
    let drawn = "(() => { const c = echarts.getInstanceByDom(window.__grown); return JSON.stringify([c.id === window.__first, c.getHeight(), window.__grown.clientHeight, c.getOption().series[0].data.length]); })()";
    assert_eq!(eval(drawn).as_string().unwrap(), "[true,300,300,3]");

    // New figures and a new height together: the same instance, drawn at the new height.
    option.set(funnel_chart("Short", &steps(2)));
    height.set(120);
    sleep(50).await;
    assert_eq!(eval(drawn).as_string().unwrap(), "[true,120,120,2]");
    // New figures alone keep the height.
    option.set(funnel_chart("Short again", &steps(3)));
    sleep(50).await;
    assert_eq!(eval(drawn).as_string().unwrap(), "[true,120,120,3]");
    drop(mounted);
    parent.remove();
}

/// A valid release with `districts` districts (one ward and one LSOA each), as `outcomes demo
/// --scale national` makes them.
fn release_with_districts(districts: usize) -> std::sync::Arc<outcomes_core::Feed> {
    let shape = outcomes_core::demo::NationalShape { districts, wards: districts, lsoas: districts };
    let bytes = serde_json::to_vec(&outcomes_core::demo::national_demo_feed(1, &shape)).unwrap();
    std::sync::Arc::new(outcomes_core::validate(&bytes).unwrap())
}

#[wasm_bindgen_test]
fn district_links_are_offered_for_a_few_districts_and_left_out_for_many() {
    use outcomes_dashboard::pages::wards::selection::WardsSelection;
    use outcomes_dashboard::pages::wards::{DistrictLinks, DISTRICT_LINKS_MAX};
    for (districts, links) in [(DISTRICT_LINKS_MAX, Some(DISTRICT_LINKS_MAX + 1)), (DISTRICT_LINKS_MAX + 1, None)] {
        let feed = release_with_districts(districts);
        let selection = WardsSelection::default_for(&feed).unwrap();
        let parent = container();
        let mounted = leptos::mount::mount_to(parent.clone(), move || {
            let selection = Memo::new(move |_| selection.clone());
            view! { <DistrictLinks feed=feed.clone() selection /> }
        });
        let shown = parent.query_selector("[data-testid=district-links]").unwrap().map(|nav| {
            let current = nav.query_selector("a[aria-current=page]").unwrap().unwrap().text_content().unwrap();
            assert_eq!(current, "All wards");
            nav.query_selector_all("a").unwrap().length() as usize
        });
        assert_eq!(shown, links, "{districts} districts");
        drop(mounted);
        parent.remove();
    }
}

#[wasm_bindgen_test]
fn a_route_not_built_yet_says_so() {
    let parent = container();
    let _mounted = leptos::mount::mount_to(
        parent.clone(),
        || view! { <NotBuilt title="Place plans" purpose="Plans will be here." /> },
    );
    let text = parent.text_content().unwrap();
    assert!(text.contains("This page is not built yet."), "{text}");
    assert_eq!(web_sys::window().unwrap().document().unwrap().title(), "Place plans – Think Communities outcomes");
    parent.remove();
}

#[wasm_bindgen_test]
fn the_feed_must_be_on_the_same_origin() {
    let base = "https://dashboard.example.gov.uk/";
    let origin = "https://dashboard.example.gov.uk";
    assert_eq!(
        resolve_same_origin(base, origin, "data/feed.json").unwrap(),
        "https://dashboard.example.gov.uk/data/feed.json"
    );
    for elsewhere in [
        "https://evil.example/feed.json",
        "//evil.example/feed.json",
        "http://dashboard.example.gov.uk/feed.json",
        "javascript:alert(1)",
        "data:application/json,{}",
    ] {
        assert!(
            matches!(
                resolve_same_origin(base, origin, elsewhere),
                Err(LoadError::FeedNotSameOrigin(_)) | Err(LoadError::ConfigInvalid(_))
            ),
            "{elsewhere} was accepted"
        );
    }
}

fn areas(wards: usize) -> Vec<outcomes_core::Area> {
    let area = |code: String, name: String, kind, district: Option<&str>| outcomes_core::Area {
        code,
        name,
        kind,
        district: district.map(str::to_owned),
    };
    let mut areas = vec![
        area("E10000001".into(), "Shire".into(), AreaKind::County, None),
        area("E07000001".into(), "North District".into(), AreaKind::District, None),
        area("PP01".into(), "Riverside plan".into(), AreaKind::PlacePlan, Some("E07000001")),
    ];
    areas.extend(
        (1..=wards).map(|n| area(format!("E05{n:06}"), format!("Ward {n:05}"), AreaKind::Ward, Some("E07000001"))),
    );
    areas
}

fn listed(groups: &[outcomes_dashboard::filters::AreaGroup]) -> Vec<&str> {
    groups.iter().flat_map(|(_, areas)| areas.iter().map(|(code, _)| code.as_str())).collect()
}

#[wasm_bindgen_test]
fn a_short_area_list_is_listed_whole_and_narrowed_by_search() {
    let list = AreaList::from_areas(&areas(200));
    assert!(!list.is_long());
    let (groups, note) = list.shown("", "E10000001");
    assert_eq!(listed(&groups).len(), 203, "every area");
    assert_eq!(note, None);
    let (groups, _) = list.shown("  wARD 0019 ", "E05000002");
    assert_eq!(
        listed(&groups),
        [
            "E05000002",
            "E05000190",
            "E05000191",
            "E05000192",
            "E05000193",
            "E05000194",
            "E05000195",
            "E05000196",
            "E05000197",
            "E05000198",
            "E05000199"
        ],
        "matches, any case, and the chosen area"
    );
}

#[wasm_bindgen_test]
fn a_national_area_list_lists_wards_and_plans_only_as_matches_of_a_search() {
    // One plan and FULL_LIST_LIMIT - 1 wards are still listed whole; one ward more is not.
    assert!(!AreaList::from_areas(&areas(FULL_LIST_LIMIT - 1)).is_long());
    let list = AreaList::from_areas(&areas(FULL_LIST_LIMIT + 1));
    assert!(list.is_long());
    // No search: the county and districts, and the chosen ward, not the other thousand.
    let (groups, note) = list.shown("", "E05000777");
    assert_eq!(listed(&groups), ["E10000001", "E07000001", "E05000777"]);
    let note = note.expect("a long list says what it shows");
    assert!(note.contains("type part of a name to list any of the 1,002"), "{note}");
    // A broad search: at most MATCHES_SHOWN wards, the chosen one kept, and how many were left out.
    let (groups, note) = list.shown("ward", "E05001001");
    let codes = listed(&groups);
    assert_eq!(codes.len(), MATCHES_SHOWN + 1);
    assert!(codes.contains(&"E05001001"));
    assert!(note.unwrap().contains(&format!("({} more match)", FULL_LIST_LIMIT - MATCHES_SHOWN)));
    // A narrow one lists every match, plans included.
    let (groups, note) = list.shown("river", "E10000001");
    assert_eq!(listed(&groups), ["E10000001", "PP01"]);
    assert!(note.unwrap().contains("Every ward and place plan matching “river” is listed"));
    // No match says so, and keeps what is chosen.
    let (groups, note) = list.shown("zzz", "E05000003");
    assert_eq!(listed(&groups), ["E05000003"]);
    assert_eq!(note.as_deref(), Some("No ward or place plan matches “zzz”."));
}

#[wasm_bindgen_test]
async fn the_browser_digest_is_the_cores_sha256() {
    assert!(
        eval("!!(globalThis.crypto && crypto.subtle)").is_truthy(),
        "the test page is a secure context with Web Crypto"
    );
    let large: Vec<u8> = (0..1_500_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    for bytes in [&b""[..], &b"abc"[..], &large[..]] {
        let digest = outcomes_dashboard::data::Digest::start(bytes);
        assert_eq!(digest.finish(bytes).await, outcomes_core::release::sha256_hex(bytes));
    }
    // "abc": the FIPS 180-2 example.
    let abc = outcomes_dashboard::data::Digest::start(b"abc").finish(b"abc").await;
    assert_eq!(abc, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

#[wasm_bindgen_test]
async fn more_wards_than_can_be_named_are_charted_as_one_compact_ranking_a_canvas_can_hold() {
    use outcomes_dashboard::charts::wards::CHART_PADDING;
    use outcomes_dashboard::charts::{COMPACT_PLOT_HEIGHT, NAMED_ROWS_MAX, ROW_HEIGHT};
    use outcomes_dashboard::components::wards::{compare, RankedPanel};
    use outcomes_dashboard::pages::wards::selection::WardsSelection;
    eval(ECHARTS);
    let wards = NAMED_ROWS_MAX + 60;
    let shape = outcomes_core::demo::NationalShape { districts: 4, wards, lsoas: wards };
    let bytes = serde_json::to_vec(&outcomes_core::demo::national_demo_feed(1, &shape)).unwrap();
    let feed = std::sync::Arc::new(outcomes_core::validate(&bytes).unwrap());
    let selection = WardsSelection::default_for(&feed).unwrap();
    let comparison = compare(&feed, &selection).unwrap();
    let ranked = comparison.ranking.ranked().count();
    assert!(ranked > NAMED_ROWS_MAX, "{ranked} wards ranked");
    let parent = container();
    let mounted = leptos::mount::mount_to(parent.clone(), move || {
        view! { <RankedPanel feed=feed.clone() selection=Signal::stored(selection.clone()) comparison=Signal::stored(comparison.clone()) /> }
    });
    sleep(300).await;
    eval("window.__ranked = document.querySelector('[data-chart=\"Wards ranked with 95% confidence intervals\"]')");
    let drawn = "(() => { const c = echarts.getInstanceByDom(window.__ranked); const o = c.getOption(); \
        const canvas = window.__ranked.querySelector('canvas'); \
        return JSON.stringify([c.getHeight(), o.yAxis[0].axisLabel.show, o.yAxis[0].data.length, canvas.height <= 32767 && canvas.height > 0]); })()";
    let compact = COMPACT_PLOT_HEIGHT + CHART_PADDING;
    assert_eq!(eval(drawn).as_string().unwrap(), format!("[{compact},false,{ranked},true]"));
    let note = parent.query_selector("[data-testid=wards-chart-compact]").unwrap().unwrap().text_content().unwrap();
    assert!(note.contains(&format!("ranks {ranked} wards, too many to name")), "{note}");

    // Narrowed by the search to one district's wards, each is named again, a row each.
    let input: web_sys::HtmlInputElement = parent.query_selector("#ward-filter").unwrap().unwrap().dyn_into().unwrap();
    input.set_value("District 001");
    input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    sleep(300).await;
    let shown =
        eval("echarts.getInstanceByDom(window.__ranked).getOption().yAxis[0].data.length").as_f64().unwrap() as usize;
    assert!(shown > 0 && shown <= NAMED_ROWS_MAX, "{shown} wards of District 001");
    assert_eq!(eval(drawn).as_string().unwrap(), format!("[{},true,{shown},true]", shown * ROW_HEIGHT + CHART_PADDING));
    assert!(parent.query_selector("[data-testid=wards-chart-compact]").unwrap().is_none());
    drop(mounted);
    parent.remove();
}

#[wasm_bindgen_test]
async fn a_table_with_a_limit_shows_the_first_sorted_rows_and_all_on_request() {
    use outcomes_dashboard::components::sortable::{SortKey, SortableColumn, SortableTable};
    #[derive(Clone)]
    struct Row(&'static str, f64);
    let columns = || {
        vec![
            SortableColumn::new("name", "Name", |row: &Row| row.0.into_any())
                .row_header()
                .sort_by(|row: &Row| SortKey::text(row.0)),
            SortableColumn::new("value", "Value", |row: &Row| row.1.to_string().into_any())
                .numeric()
                .sort_by(|row: &Row| SortKey::number(Some(row.1))),
        ]
    };
    let rows = vec![Row("a", 1.0), Row("b", 2.0), Row("c", 3.0), Row("d", 4.0), Row("e", 5.0)];
    let parent = container();
    let mounted = leptos::mount::mount_to(parent.clone(), {
        let rows = rows.clone();
        move || view! { <SortableTable caption="Limited" columns=columns() rows=Signal::stored(rows.clone()) limit=3 testid="limited" /> }
    });
    let body = |parent: &web_sys::HtmlElement| -> Vec<String> {
        let cells = parent.query_selector_all("[data-testid=limited] tbody th").unwrap();
        (0..cells.length()).map(|i| cells.item(i).unwrap().text_content().unwrap()).collect()
    };
    let text =
        |id: &str| parent.query_selector(&format!("[data-testid={id}]")).unwrap().unwrap().text_content().unwrap();
    assert_eq!(body(&parent), ["a", "b", "c"]);
    assert_eq!(text("rows-shown"), "The table shows the first 3 of 5 rows, in its order.");
    assert_eq!(text("show-all-rows"), "Show all 5 rows");
    // Sorted by value, highest first: every row is sorted before the first three are taken.
    let header: web_sys::HtmlElement =
        parent.query_selector("th[data-column=value] button").unwrap().unwrap().dyn_into().unwrap();
    header.click();
    header.click();
    sleep(20).await;
    assert_eq!(body(&parent), ["e", "d", "c"]);
    // All rows on request, and back; the button keeps the focus as its words change.
    let button: web_sys::HtmlElement =
        parent.query_selector("[data-testid=show-all-rows]").unwrap().unwrap().dyn_into().unwrap();
    button.focus().unwrap();
    button.click();
    sleep(20).await;
    assert_eq!(body(&parent), ["e", "d", "c", "b", "a"]);
    assert_eq!(text("rows-shown"), "The table shows all 5 rows.");
    assert_eq!(text("show-all-rows"), "Show the first 3 rows only");
    let focused = web_sys::window().unwrap().document().unwrap().active_element().unwrap();
    assert_eq!(focused.get_attribute("data-testid").as_deref(), Some("show-all-rows"));
    button.click();
    sleep(20).await;
    assert_eq!(body(&parent), ["e", "d", "c"]);
    drop(mounted);
    parent.remove();

    // No more rows than the limit: no words and no button.
    let parent = container();
    let mounted = leptos::mount::mount_to(parent.clone(), move || {
        view! { <SortableTable caption="Short" columns=columns() rows=Signal::stored(rows[..3].to_vec()) limit=3 testid="limited" /> }
    });
    assert_eq!(body(&parent), ["a", "b", "c"]);
    assert!(parent.query_selector("[data-testid=show-all-rows]").unwrap().is_none());
    drop(mounted);
    parent.remove();
}
