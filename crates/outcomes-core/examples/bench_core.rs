//! Native timings for `make bench`: parse + validate + index a feed, and one filter change
//! (a ward's funnel and its comparison with the district), as medians over repeated runs.
//!   cargo run --release -p outcomes-core --example bench_core -- FEED [RUNS]

use outcomes_core::compare::compare_conversions;
use outcomes_core::funnel::funnel;
use outcomes_core::{AreaKind, JourneyTable};
use std::time::Instant;

fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

fn main() {
    let mut arguments = std::env::args().skip(1);
    let path = arguments.next().expect("usage: bench_core FEED [RUNS]");
    let runs: usize = arguments.next().and_then(|r| r.parse().ok()).unwrap_or(9);
    let bytes = std::fs::read(&path).expect("readable feed");
    let mut load = Vec::new();
    let mut feed = None;
    for _ in 0..runs {
        let started = Instant::now();
        feed = Some(outcomes_core::validate(&bytes).expect("a valid feed"));
        load.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    let feed = feed.expect("at least one run");
    let stages = &feed.document().journey.stages;
    let period = feed.latest_period();
    let wards: Vec<_> = feed.areas().iter().filter(|a| a.kind == AreaKind::Ward).collect();
    let mut change = Vec::new();
    for (i, ward) in wards.iter().cycle().take(runs * 20).enumerate() {
        let started = Instant::now();
        let cohort = if i % 2 == 0 { "all" } else { "families" };
        let district = ward.district.as_deref().unwrap_or_default();
        if let (Some(row), Some(benchmark)) = (
            feed.journey_row(JourneyTable::Funnel, period, &ward.code, cohort),
            feed.journey_row(JourneyTable::Funnel, period, district, cohort),
        ) {
            let steps = funnel(stages, &row.counts);
            let compared = compare_conversions(stages, &row.counts, &benchmark.counts);
            std::hint::black_box((steps, compared));
        }
        change.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    println!(
        "{{\"bytes\": {}, \"load_ms\": {:.1}, \"filter_change_ms\": {:.4}, \"funnel_rows\": {}}}",
        bytes.len(),
        median(load),
        median(change),
        feed.document().journey.funnel.len()
    );
}
