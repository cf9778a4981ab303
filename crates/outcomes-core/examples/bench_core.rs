//! Native timings for `make bench`: parse + validate + index a feed, and one filter change, as
//! medians over repeated runs. Works on the county demo feed and on the national-scale one
//! (`outcomes demo --scale national`, about 300 MB: give it fewer runs).
//!   cargo run --release -p outcomes-core --example bench_core -- FEED [RUNS]
//!
//! Printed as one JSON object:
//! - `load_ms`: bytes to an indexed `Feed` (`outcomes_core::validate`), median of RUNS;
//! - `filter_change_ms`: the journey page's change of ward: its funnel and the comparison of its
//!   conversions with its district's, median of 20 x RUNS changes over different wards;
//! - `ward_ranking_ms`: the wards page's change of measure: every ward's value on the measure in
//!   the latest quarter, with its interval, the county benchmark and its deprivation from its
//!   LSOAs, then the ranking, gathered from the feed as the app does (median of RUNS, measures
//!   in turn);
//! - `peak_rss_mb`: the process's peak resident memory (Linux `VmHWM`; 0 elsewhere).

use outcomes_core::compare::compare_conversions;
use outcomes_core::funnel::funnel;
use outcomes_core::wards::{estimate, rank_wards, ward_deprivation, WardFigures};
use outcomes_core::{AreaKind, Count, Feed, JourneyTable, Lsoa, Quarter};
use std::collections::HashMap;
use std::time::Instant;

fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

fn milliseconds(started: Instant) -> f64 {
    started.elapsed().as_secs_f64() * 1000.0
}

/// The wards page's work for one measure and quarter (as `src/components/wards.rs` does it).
fn rank_every_ward(feed: &Feed, measure_index: usize, period: Quarter) -> usize {
    let document = feed.document();
    let measure = &document.measures.catalogue[measure_index];
    let values: HashMap<&str, (Count, Count)> = document
        .measures
        .values
        .iter()
        .filter(|v| v.measure == measure.id && v.period == period)
        .map(|v| (v.area.as_str(), (v.numerator, v.denominator)))
        .collect();
    let mut lsoas: HashMap<&str, Vec<&Lsoa>> = HashMap::new();
    for lsoa in &document.geography.lsoas {
        lsoas.entry(lsoa.ward.as_str()).or_default().push(lsoa);
    }
    let county = feed.county();
    let benchmark = values.get(county.code.as_str()).map(|&(n, d)| estimate(measure.unit, n, d));
    let figures: Vec<WardFigures> = feed
        .areas()
        .iter()
        .filter(|area| area.kind == AreaKind::Ward)
        .map(|ward| {
            let pair = values.get(ward.code.as_str());
            WardFigures {
                code: ward.code.clone(),
                name: ward.name.clone(),
                district: ward.district.clone().unwrap_or_default(),
                numerator: pair.map(|p| p.0),
                denominator: pair.map(|p| p.1),
                value: pair
                    .map_or(outcomes_core::funnel::Derived::NotApplicable, |&(n, d)| estimate(measure.unit, n, d)),
                benchmark_name: county.name.clone(),
                benchmark: benchmark.unwrap_or(outcomes_core::funnel::Derived::NotApplicable),
                deprivation: lsoas.get(ward.code.as_str()).and_then(|list| ward_deprivation(list.iter().copied())),
            }
        })
        .collect();
    rank_wards(figures, measure.polarity).ranked().count()
}

/// Peak resident memory of this process in MB, from `/proc/self/status` (Linux only).
fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
            line.split_whitespace().nth(1)?.parse::<f64>().ok()
        })
        .map_or(0.0, |kilobytes| kilobytes / 1024.0)
}

fn main() {
    let mut arguments = std::env::args().skip(1);
    let path = arguments.next().expect("usage: bench_core FEED [RUNS]");
    let runs: usize = arguments.next().and_then(|r| r.parse().ok()).unwrap_or(9).max(1);
    let bytes = std::fs::read(&path).expect("readable feed");
    let mut load = Vec::new();
    let mut feed = None;
    for _ in 0..runs {
        // Free the previous run's feed first, so memory holds one feed at a time.
        drop(feed.take());
        let started = Instant::now();
        feed = Some(outcomes_core::validate(&bytes).expect("a valid feed"));
        load.push(milliseconds(started));
    }
    let feed = feed.expect("at least one run");
    let stages = &feed.document().journey.stages;
    let period = feed.latest_period();
    let wards: Vec<_> = feed.areas().iter().filter(|a| a.kind == AreaKind::Ward).collect();
    let mut change = Vec::new();
    // Wards spread over the whole list (a prime stride), not only the first district's.
    for i in 0..runs * 20 {
        let ward = wards[(i * 7919) % wards.len()];
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
        change.push(milliseconds(started));
    }
    let measures = feed.document().measures.catalogue.len().max(1);
    let mut ranking = Vec::new();
    for i in 0..runs {
        let started = Instant::now();
        std::hint::black_box(rank_every_ward(&feed, i % measures, period));
        ranking.push(milliseconds(started));
    }
    println!(
        "{{\"bytes\": {}, \"load_ms\": {:.1}, \"filter_change_ms\": {:.4}, \"ward_ranking_ms\": {:.1}, \"funnel_rows\": {}, \"wards\": {}, \"runs\": {}, \"peak_rss_mb\": {:.0}}}",
        bytes.len(),
        median(load),
        median(change),
        median(ranking),
        feed.document().journey.funnel.len(),
        wards.len(),
        runs,
        peak_rss_mb()
    );
}
