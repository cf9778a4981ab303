//! The deterministic demonstration feed: a complete, valid feed v1 for Cambridgeshire and
//! Peterborough with invented figures, so the dashboard can be shown, tested and reviewed before
//! any real data is shared. The same seed always gives the same feed, byte for byte.
//!
//! # What is real and what is made up
//!
//! See [`PROVENANCE`] (also shown by the tests). In short:
//! - **Real**: the county and district names and GSS codes; ward names (the districts' 2018
//!   electoral wards); and, for the rows of `demo/geography.tsv` marked `real`, the LSOA name, its
//!   ward and both IMD 2019 deciles, copied from the council's February 2021 workshop.
//! - **Generated**: everything else. Ward codes (`E059…`) and LSOA codes (`E019…`) are made up
//!   in a range no real code uses; households (all of them), LSOAs marked `generated` and their
//!   deciles; place plans, their priorities, actions and statuses; every journey count, measure
//!   value and contract figure; revisions and the contact.
//!
//! # How the figures are made
//!
//! True counts are modelled per ward, quarter and cohort (`journey`), and per ward and quarter
//! for measures (`measures`). Totals for districts, place plans and the county are always added
//! up from the TRUE ward values and only then protected, exactly as a publisher working from
//! record-level data would do. The journey tables and measure values are then published through
//! `outcomes publish`'s own table builder ([`crate::publish::build`]): the same relations, primary
//! suppression ([`crate::disclosure::protect`] under [`crate::disclosure::default_policy`]) and
//! secondary suppression, so no hidden count can be worked out one unknown at a time. The
//! national-scale benchmark feed (`national`) is published the same way.

mod contract;
mod geography;
mod journey;
mod measures;
mod national;
mod plans;
mod random;

pub use national::{national_demo_feed, national_demo_release, NationalShape, NATIONAL_QUARTERS};

use crate::disclosure::{default_policy, protect};
use crate::publish::build::{self, Shape};
use crate::{
    Contact, Date, FeedDocument, Licence, PeriodCovered, PeriodStatus, Publication, Quarter, ReleaseStatus, Revision,
    SCHEMA_VERSION,
};
use contract::CountyJourney;
use geography::DemoGeography;
use journey::{JourneyTruth, WardProfile};
use measures::{MeasureTruth, MeasureWard};
use plans::{DemoPlan, PlanInputs};
use random::Noise;

/// What is real in the demonstration feed and what is generated, in words for a methodology
/// page or a README.
pub const PROVENANCE: &str = "Demonstration data. Real: the names and GSS codes of Cambridgeshire and Peterborough \
(E47000008) and its six districts; ward names (the districts' 2018 electoral wards); and, for LSOAs marked real in \
the source table, the LSOA name, its ward and its IMD 2019 national and local deciles, as listed in Cambridgeshire \
County Council's 'Improving Social Mobility' workshop of 18 February 2021. Generated: ward and LSOA codes (in the \
unused E059 and E019 ranges), all household counts, the other LSOAs and their deciles, the place plans and \
everything in them, and every journey count, measure value, contract target and actual.";

/// The geography table, compiled in (no IO at run time). Columns: district, ward, lsoa,
/// national_decile, local_decile, households, source (`real` or `generated`).
const GEOGRAPHY_TSV: &str = include_str!("demo/geography.tsv");

/// How to generate the demonstration feed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoOptions {
    /// The same seed always gives the same feed; another seed gives other figures.
    pub seed: u64,
    /// How many quarters to publish, counting back from the latest (2026-Q2): 1 to 8. The
    /// figures of a quarter do not depend on how many are published.
    pub quarters: usize,
}

impl Default for DemoOptions {
    fn default() -> DemoOptions {
        DemoOptions { seed: 2026, quarters: PROGRAMME_QUARTERS }
    }
}

/// The programme quarters the demonstration models: 2024-Q3 (October to December 2024) to
/// 2026-Q2 (July to September 2026).
const FIRST_QUARTER: Quarter = Quarter { year: 2024, quarter: 3 };
const PROGRAMME_QUARTERS: usize = 8;
const RELEASE_DATE: Date = Date { year: 2026, month: 11, day: 12 };
const NEXT_RELEASE_DATE: Date = Date { year: 2027, month: 2, day: 11 };

/// Generates the demonstration feed. Pure and deterministic: no IO, no clock, no global state.
pub fn demo_feed(options: &DemoOptions) -> FeedDocument {
    demo_release(options).0
}

/// The demonstration feed and how many counts its secondary suppression hid (journey tables and
/// measure values), which only the publisher knows (the release manifest's audit summary).
pub fn demo_release(options: &DemoOptions) -> (FeedDocument, usize) {
    let built = build_demo(options);
    let secondary = built.tables.protection.secondary + built.values.protection.secondary;
    (built.document, secondary)
}

/// The demonstration judged as `outcomes publish` judges a release by default: the public
/// audit's intervals (`audit::judge`) held to the publisher's rule on each hidden count's true
/// value, which only the generator knows. A failure is a hidden small count a reader can narrow
/// below its margin, proven so by an `outer` interval. The demonstration is not judged before it
/// is written (its protection patterns are out of the solver's reach, docs/disclosure.md): this
/// measures how far it is from the rule (`make bench`).
pub fn judge_demo(options: &DemoOptions) -> crate::audit::AuditReport {
    let built = build_demo(options);
    let truth =
        |label: &crate::audit::reader::CellLabel| crate::publish::true_value(&built.tables, &built.values, label);
    crate::audit::judge(&built.document, &crate::audit::AuditOptions::default(), &truth)
}

/// The demonstration's document and the protected tables it was written from (their cells'
/// true values).
struct DemoBuild {
    document: FeedDocument,
    tables: build::JourneyTables,
    values: build::MeasureTable,
}

fn build_demo(options: &DemoOptions) -> DemoBuild {
    let noise = Noise::new(options.seed);
    let policy = default_policy();
    let geography = DemoGeography::built_in();
    let journey_truth = JourneyTruth::generate(&ward_profiles(&geography), PROGRAMME_QUARTERS, noise);
    let measure_truth = MeasureTruth::generate(&measure_wards(&geography), &journey_truth, PROGRAMME_QUARTERS, noise);
    let periods = published_periods(options.quarters);
    let plans = plans::place_plans(&PlanInputs {
        geography: &geography,
        measures: &measure_truth,
        latest_quarter: PROGRAMME_QUARTERS - 1,
        release_date: RELEASE_DATE,
        noise,
    });
    let areas = published_areas(&geography, &plans);
    let programme = published_periods(PROGRAMME_QUARTERS);
    let county = county_journey(&journey_truth, &areas[0], &programme, &policy);
    let (journey, measures, tables, values) =
        publish_tables(&journey_truth, &measure_truth, geography.wards.len(), &areas, &periods, &policy);
    let document = FeedDocument {
        schema_version: SCHEMA_VERSION.into(),
        publication: publication(&periods),
        geography: geography.to_feed(),
        journey,
        measures,
        contract: contract::contract(&programme, &county, &periods, &policy, noise),
        place_plans: plans.into_iter().map(|demo_plan| demo_plan.plan).collect(),
        disclosure: policy,
    };
    DemoBuild { document, tables, values }
}

/// The journey tables and measure values (and the protected tables they come from, their rows
/// moved out), published exactly as `outcomes publish` publishes the
/// true ward values it aggregates from records: every level added up from true values, the same
/// relations, primary and secondary suppression ([`crate::publish::build`]).
fn publish_tables(
    journey_truth: &JourneyTruth,
    measure_truth: &MeasureTruth,
    wards: usize,
    areas: &[PublishedArea],
    periods: &[PublishedPeriod],
    policy: &crate::DisclosurePolicy,
) -> (crate::Journey, crate::Measures, build::JourneyTables, build::MeasureTable) {
    let quarters: Vec<Quarter> = periods.iter().map(|period| period.quarter).collect();
    let period_quarters = crate::aggregate::published_periods(&quarters);
    let mut journey = journey::code_lists();
    let catalogue = measures::catalogue();
    let cohorts = journey.cohorts.clone();
    let shape = Shape {
        periods: &period_quarters,
        areas,
        cohorts: &cohorts,
        all_cohort: journey::ALL_COHORT,
        other_route: journey::OTHER_ROUTE,
        other_service: journey::OTHER_SERVICE,
        handover_stage: journey::HANDED_OVER,
        outcome_stage: journey::OUTCOME_ACHIEVED,
        policy,
        quarters: &quarters,
        catalogue: &catalogue,
        margins: true,
    };
    // The relations are the generator's own description of its tables: a cell that cannot be
    // protected is a bug in that description, which the tests catch.
    let tables = build::journey_tables(&shape, &journey::ward_counts(journey_truth, wards, periods), &[])
        .unwrap_or_else(|cannot| panic!("demo journey tables: cannot protect cell {}", cannot.cell));
    let values = build::measure_table(&shape, &measures::ward_measures(measure_truth, periods), &[])
        .unwrap_or_else(|cannot| panic!("demo measure values: cannot protect cell {}", cannot.cell));
    // The rows move into the document; the tables keep the cells' true values.
    let mut tables = tables;
    let mut values = values;
    journey.funnel = std::mem::take(&mut tables.funnel);
    journey.entries = std::mem::take(&mut tables.entries);
    journey.handovers = std::mem::take(&mut tables.handovers);
    journey.outcomes = std::mem::take(&mut tables.outcomes);
    let measures = crate::Measures { catalogue, values: std::mem::take(&mut values.values) };
    (journey, measures, tables, values)
}

/// A quarter as published, with its position in the modelled programme (0 = 2024-Q3).
#[derive(Clone, Copy, Debug)]
struct PublishedPeriod {
    quarter: Quarter,
    programme_quarter: usize,
}

/// An area of the published tables and the wards whose true values add up to it (shared with
/// `outcomes publish`, so both publish the same levels in the same order).
type PublishedArea = crate::aggregate::AreaWards;

fn published_periods(quarters: usize) -> Vec<PublishedPeriod> {
    let count = quarters.clamp(1, PROGRAMME_QUARTERS);
    let mut quarter = FIRST_QUARTER;
    let mut all = Vec::new();
    for programme_quarter in 0..PROGRAMME_QUARTERS {
        all.push(PublishedPeriod { quarter, programme_quarter });
        quarter = quarter.next();
    }
    all.split_off(PROGRAMME_QUARTERS - count)
}

/// The county first, then districts, wards and place plans: every level the tables publish.
fn published_areas(geography: &DemoGeography, plans: &[DemoPlan]) -> Vec<PublishedArea> {
    // The plans are drawn from this geography's wards, so every plan ward is in it: a failure
    // is a bug in the generator, which the tests catch (like a malformed built-in TSV).
    crate::aggregate::published_areas(&geography.to_feed(), plans.iter().map(|demo_plan| &demo_plan.plan))
        .unwrap_or_else(|problem| panic!("demo place plans: {problem}"))
}

fn ward_profiles(geography: &DemoGeography) -> Vec<WardProfile> {
    geography
        .wards
        .iter()
        .map(|ward| WardProfile { households: ward.households, deprivation: ward.deprivation })
        .collect()
}

fn measure_wards(geography: &DemoGeography) -> Vec<MeasureWard> {
    geography
        .wards
        .iter()
        .map(|ward| MeasureWard { households: ward.households, deprivation: ward.deprivation })
        .collect()
}

/// The published county journey per period, which the contract's KPIs are measured on.
fn county_journey(
    truth: &JourneyTruth,
    county: &PublishedArea,
    periods: &[PublishedPeriod],
    policy: &crate::DisclosurePolicy,
) -> Vec<CountyJourney> {
    periods
        .iter()
        .map(|period| {
            let funnel = truth.area_total(&county.wards, period.programme_quarter, None).funnel;
            CountyJourney {
                identified: protect(funnel[journey::IDENTIFIED], policy),
                handed_over: protect(funnel[journey::HANDED_OVER], policy),
                engaged: protect(funnel[journey::ENGAGED], policy),
                outcome_achieved: protect(funnel[journey::OUTCOME_ACHIEVED], policy),
                outcome_sustained: protect(funnel[journey::OUTCOME_SUSTAINED], policy),
            }
        })
        .collect()
}

fn publication(periods: &[PublishedPeriod]) -> Publication {
    let latest = periods.len() - 1;
    Publication {
        title: "Think Communities outcomes (demonstration data)".into(),
        publisher: "Cambridgeshire County Council".into(),
        licence: Licence {
            name: "Open Government Licence v3.0".into(),
            url: "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/".into(),
        },
        release_date: RELEASE_DATE,
        next_release_date: Some(NEXT_RELEASE_DATE),
        periods: periods
            .iter()
            .enumerate()
            .map(|(i, period)| PeriodCovered {
                period: period.quarter,
                status: if i == latest { PeriodStatus::Provisional } else { PeriodStatus::Final },
            })
            .collect(),
        status: ReleaseStatus::Published,
        demonstration: true,
        revisions: vec![
            Revision {
                date: Date { year: 2026, month: 5, day: 14 },
                what: "Entries through housing providers for 2025-Q3 and 2025-Q4 revised upwards in Fenland wards.".into(),
                why: "A housing provider's referral returns for those quarters arrived after the February 2026 release.".into(),
            },
            Revision {
                date: Date { year: 2026, month: 8, day: 13 },
                what: "Library referrals published as an entry route of their own for every quarter, instead of within 'Other routes'.".into(),
                why: "Library-based sessions now refer enough residents for the route to be published in most areas.".into(),
            },
        ],
        contact: Contact { name: "Think Communities data team".into(), email: "think.communities.data@cambridgeshire.gov.uk".into() },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ActionStatus, Count, CountRow, FeedDocument, PlanKind};

    fn default_feed() -> FeedDocument {
        demo_feed(&DemoOptions::default())
    }

    /// The judging sees the document `demo_release` writes, with each hidden count's own true
    /// value: every true value lies in the interval the audit gives its count (an `outer`
    /// interval holds the reader's, which holds the truth), and a count fails only when small.
    #[test]
    fn the_demonstration_is_judged_on_its_own_true_values() {
        let options = DemoOptions { quarters: 1, ..DemoOptions::default() };
        let report = judge_demo(&options);
        let document = demo_release(&options).0;
        let public = crate::audit::audit(&document, &[], &crate::audit::AuditOptions::default());
        assert_eq!(report.summary.cells_audited, public.summary.cells_audited);
        assert!(report.summary.cells_audited > 1_000, "{}", report.summary.cells_audited);
        let built = build_demo(&options);
        assert_eq!(built.document, document);
        let minimum = i64::from(document.disclosure.minimum_count);
        let tables = ["journey.funnel", "journey.entries", "journey.handovers", "journey.outcomes"];
        let mut checked = 0;
        for cell in &report.cells {
            let numbers: Vec<usize> = cell
                .path
                .split(|ch: char| !ch.is_ascii_digit())
                .filter(|n| !n.is_empty())
                .map(|n| n.parse().unwrap())
                .collect();
            let table = cell.path.split('[').next().unwrap_or_default();
            let truth = match tables.iter().position(|name| *name == table) {
                Some(t) => built
                    .tables
                    .cell(t, numbers[0], numbers[1])
                    .map(|id| built.tables.protection.true_values[id as usize]),
                None if cell.path.ends_with(".numerator") || cell.path.ends_with(".denominator") => {
                    built.values.cells.get(numbers[0]).map(|&(numerator, denominator)| {
                        let id = if cell.path.ends_with(".numerator") { numerator } else { denominator };
                        built.values.protection.true_values[id as usize]
                    })
                }
                None => None,
            };
            let truth = i64::from(truth.unwrap_or_else(|| panic!("{}: no true value", cell.path)));
            assert!(
                cell.lo <= truth && cell.hi.is_none_or(|hi| truth <= hi),
                "{}: {truth} outside {} … {:?}",
                cell.path,
                cell.lo,
                cell.hi
            );
            if !cell.passes {
                assert!((1..minimum).contains(&truth), "{}: {truth} fails but is not small", cell.path);
            }
            checked += 1;
        }
        assert_eq!(checked, report.cells.len());
    }

    fn json(feed: &FeedDocument) -> Vec<u8> {
        serde_json::to_vec(feed).expect("the feed serialises")
    }

    fn ward_codes(feed: &FeedDocument) -> Vec<&str> {
        feed.geography.wards.iter().map(|ward| ward.code.as_str()).collect()
    }

    fn rows_for<'a>(rows: &'a [CountRow], areas: &[&str]) -> impl Iterator<Item = &'a CountRow> + 'a {
        let areas: Vec<String> = areas.iter().map(|a| (*a).to_owned()).collect();
        rows.iter().filter(move |row| areas.contains(&row.area))
    }

    #[test]
    fn the_default_demo_feed_is_valid() {
        let bytes = json(&default_feed());
        if let Err(problems) = crate::validate(&bytes) {
            let listed: Vec<String> = problems.iter().take(40).map(|p| format!("{p:?}")).collect();
            panic!("{} problems, first ones:\n{}", problems.len(), listed.join("\n"));
        }
    }

    #[test]
    fn a_short_demo_feed_is_valid_and_shows_the_same_figures() {
        let short = demo_feed(&DemoOptions { seed: 2026, quarters: 2 });
        let bytes = json(&short);
        assert!(crate::validate(&bytes).is_ok());
        assert_eq!(short.publication.periods.len(), 2);
        assert_eq!(short.publication.periods[0].period.to_string(), "2026-Q1");
        let full = default_feed();
        let latest = |feed: &FeedDocument| {
            feed.journey.funnel.iter().filter(|r| r.period.to_string() == "2026-Q2").cloned().collect::<Vec<_>>()
        };
        assert_eq!(latest(&short), latest(&full));
        for (short_kpi, full_kpi) in short.contract.kpis.iter().zip(&full.contract.kpis) {
            assert_eq!(short_kpi.quarters[..], full_kpi.quarters[6..]);
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_bytes_and_another_seed_does_not() {
        assert_eq!(json(&default_feed()), json(&default_feed()));
        let other = demo_feed(&DemoOptions { seed: 7, ..DemoOptions::default() });
        assert_ne!(json(&default_feed()), json(&other));
        assert!(crate::validate(&json(&other)).is_ok());
    }

    #[test]
    fn every_count_is_zero_suppressed_or_a_multiple_of_five_from_ten() {
        let feed = default_feed();
        let journey = &feed.journey;
        let journey_counts = [&journey.funnel, &journey.entries, &journey.handovers, &journey.outcomes]
            .into_iter()
            .flatten()
            .flat_map(|row| row.counts.iter().copied());
        let measure_counts = feed.measures.values.iter().flat_map(|value| [value.numerator, value.denominator]);
        let mut checked = 0;
        for count in journey_counts.chain(measure_counts) {
            if let Count::Value(value) = count {
                assert!(value == 0 || (value >= 10 && value % 5 == 0), "{value} is not a published count");
            }
            checked += 1;
        }
        assert!(checked > 100_000);
    }

    #[test]
    fn there_are_22_place_plans_and_one_city_arrangement() {
        let feed = default_feed();
        let kinds = |kind: PlanKind| feed.place_plans.iter().filter(|plan| plan.kind == kind).count();
        assert_eq!(kinds(PlanKind::PlacePlan), 22);
        assert_eq!(kinds(PlanKind::CityArrangement), 1);
        let city = feed.place_plans.iter().find(|plan| plan.kind == PlanKind::CityArrangement).unwrap();
        assert_eq!(city.name, "Cambridge City bespoke arrangement");
        assert_eq!(city.district, "E07000008");
        let wisbech = feed.place_plans.iter().find(|plan| plan.id == "plan-wisbech").expect("a Wisbech plan");
        assert_eq!(wisbech.name, "Wisbech");
        for plan in &feed.place_plans {
            assert!((1..=4).contains(&plan.wards.len()), "{} has {} wards", plan.id, plan.wards.len());
            assert!((2..=3).contains(&plan.priorities.len()));
            assert!((3..=6).contains(&plan.actions.len()));
            assert!(plan.measures.len() >= 3);
            if plan.kind == PlanKind::PlacePlan {
                assert_ne!(plan.district, "E07000008", "{} is a place plan in Cambridge", plan.id);
            }
        }
    }

    #[test]
    fn plan_actions_mix_statuses_including_overdue_ones() {
        let feed = default_feed();
        let release = feed.publication.release_date;
        let actions: Vec<_> = feed.place_plans.iter().flat_map(|plan| &plan.actions).collect();
        assert!(actions.iter().any(|a| a.status == ActionStatus::AtRisk));
        assert!(actions.iter().any(|a| a.status == ActionStatus::Complete));
        assert!(actions.iter().any(|a| a.status == ActionStatus::NotStarted));
        assert!(actions.iter().any(|a| a.due_date < release && a.status != ActionStatus::Complete));
        let partner_types: std::collections::BTreeSet<String> =
            actions.iter().map(|a| format!("{:?}", a.lead_partner_type)).collect();
        assert!(partner_types.len() >= 6);
    }

    #[test]
    fn every_ward_has_a_funnel_row_for_every_period_and_cohort() {
        let feed = default_feed();
        let keys: std::collections::HashSet<(String, String, String)> = feed
            .journey
            .funnel
            .iter()
            .map(|row| (row.period.to_string(), row.area.clone(), row.cohort.clone()))
            .collect();
        for ward in ward_codes(&feed) {
            for period in &feed.publication.periods {
                for cohort in &feed.journey.cohorts {
                    assert!(
                        keys.contains(&(period.period.to_string(), ward.to_owned(), cohort.id.clone())),
                        "no row for {ward} {} {}",
                        period.period,
                        cohort.id
                    );
                }
            }
        }
    }

    #[test]
    fn some_ward_cells_are_suppressed_but_few_for_everyone() {
        let feed = default_feed();
        let wards = ward_codes(&feed);
        let share_suppressed = |cohort: &str| {
            let cells: Vec<Count> = rows_for(&feed.journey.funnel, &wards)
                .filter(|row| row.cohort == cohort)
                .flat_map(|row| row.counts.clone())
                .collect();
            cells.iter().filter(|c| c.is_suppressed()).count() as f64 / cells.len() as f64
        };
        // Cohorts split small wards thinly, so many of their cells are [c]; the whole-ward
        // figures ("all") are mostly published.
        assert!(
            (0.0..0.25).contains(&share_suppressed("all")) && share_suppressed("all") > 0.0,
            "{}",
            share_suppressed("all")
        );
        assert!(share_suppressed("young-people") > 0.3);
    }

    #[test]
    fn county_totals_come_from_true_values_not_from_published_cells() {
        let feed = default_feed();
        let wards = ward_codes(&feed);
        let mut differs = false;
        for period in &feed.publication.periods {
            let in_period = |row: &&CountRow| row.period == period.period.into() && row.cohort == "all";
            let county =
                feed.journey.funnel.iter().filter(in_period).find(|row| row.area == "E47000008").unwrap().counts[0];
            let published_sum: u32 =
                rows_for(&feed.journey.funnel, &wards).filter(in_period).filter_map(|row| row.counts[0].value()).sum();
            differs |= county != Count::Value(published_sum);
        }
        assert!(differs, "the county total equals the sum of published ward cells in every period");
    }

    #[test]
    fn county_totals_are_protected_sums_of_true_ward_values() {
        let geography = DemoGeography::built_in();
        let truth = JourneyTruth::generate(&ward_profiles(&geography), PROGRAMME_QUARTERS, Noise::new(2026));
        let policy = default_policy();
        let feed = default_feed();
        for (quarter, period) in feed.publication.periods.iter().enumerate() {
            let true_sum: u32 =
                (0..geography.wards.len()).map(|ward| truth.ward_cell(ward, quarter, None).funnel[0]).sum();
            let county = feed
                .journey
                .funnel
                .iter()
                .find(|row| row.period == period.period.into() && row.area == "E47000008" && row.cohort == "all")
                .unwrap();
            assert_eq!(county.counts[0], protect(true_sum, &policy));
        }
    }

    #[test]
    fn contract_kpis_show_green_amber_and_red() {
        let feed = default_feed();
        let kpis = &feed.contract.kpis;
        assert!((kpis.iter().map(|k| k.payment.weight).sum::<f64>() - 1.0).abs() < 1e-9);
        let mut ratings = std::collections::BTreeSet::new();
        for kpi in kpis {
            assert_eq!(kpi.quarters.len(), 8);
            for quarter in &kpi.quarters {
                let actual = quarter.actual.expect("every quarter reported");
                let achievement = if kpi.polarity == crate::Polarity::LowerIsBetter {
                    quarter.target / actual
                } else {
                    actual / quarter.target
                };
                ratings.insert(if achievement >= kpi.rag.green_from {
                    "green"
                } else if achievement >= kpi.rag.amber_from {
                    "amber"
                } else {
                    "red"
                });
            }
        }
        assert_eq!(ratings.len(), 3, "{ratings:?}");
    }

    #[test]
    fn real_rows_match_the_workshop_tables() {
        let geography = DemoGeography::built_in();
        let lsoa = |name: &str| {
            geography.lsoas.iter().find(|lsoa| lsoa.name == name).unwrap_or_else(|| panic!("{name} missing"))
        };
        let waterlees = lsoa("Fenland 002C");
        assert!(waterlees.real);
        assert_eq!((waterlees.national_decile, waterlees.local_decile), (1, 1));
        assert_eq!(geography.wards[waterlees.ward].name, "Waterlees Village");
        let abbey = lsoa("Cambridge 006D");
        assert!(abbey.real);
        assert_eq!(geography.wards[abbey.ward].name, "Abbey");
        assert!(geography.lsoas.iter().any(|lsoa| !lsoa.real), "generated rows are marked as such");
        assert!(PROVENANCE.contains("Generated"));
    }

    /// Writes the default feed to `$DEMO_FEED_PATH` (or the temp directory) to measure its size:
    /// `cargo test -p outcomes-core write_the_demo_feed -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn write_the_demo_feed() {
        let bytes = json(&default_feed());
        let path = std::env::var("DEMO_FEED_PATH")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|_| std::env::temp_dir().join("demo-feed.json"));
        std::fs::write(&path, &bytes).unwrap();
        println!("{} bytes written to {}", bytes.len(), path.display());
    }
}
