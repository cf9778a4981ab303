//! The national-scale demonstration feed (`outcomes demo --scale national`): an England-sized,
//! entirely SYNTHETIC geography, for measuring the dashboard at national scale (issue 9).
//!
//! # Nothing here is real
//!
//! The county demonstration uses real district and ward names; this one does not. Its districts
//! are called "District 001", its wards "Ward 00001" and its LSOAs "District 001 004B"; their
//! codes are syntactically valid GSS codes in ranges no real area uses (`E07900001`,
//! `E05800001`, `E01800001`...), and the deciles are drawn from a model, not from IMD 2019. The
//! single top area (the feed's `county`) stands for England, under a combined-authority-style
//! code (`E47900001`), because that is what a feed's top area may be.
//!
//! # Shape
//!
//! [`NationalShape::ENGLAND`]: about as many districts (300), wards (7,000) and LSOAs (33,000) as
//! England has, 12 quarters (2023-Q3 to 2026-Q2, so two whole financial years), the county
//! demonstration's 5 cohorts, 8 stages, 6 measures and contract, and one to three place plans per
//! district (more where deprivation is concentrated). [`NationalShape::scaled`] keeps the same
//! proportions for fewer districts, which the tests use.
//!
//! # Deprivation
//!
//! Each LSOA gets a latent deprivation score: a district effect (skewed, so a few districts are
//! much more deprived than most), a ward effect and LSOA noise. LSOAs are then ranked across the
//! whole country into national deciles (exactly a tenth of LSOAs in each, as IMD deciles are by
//! definition) and within their district into local deciles. Wards are summarised from their
//! LSOAs exactly as in the county demonstration, and every figure is then modelled and protected
//! by the same code as the county feed (`journey`, `measures`, `contract`).

use super::geography::{most_deprived_first, summarise_ward, DemoGeography, DemoLsoa, DemoWard};
use super::journey::{JourneyTruth, WardProfile};
use super::measures::{lower_is_better, measure_id, MeasureTruth, MeasureWard, MEASURE_COUNT};
use super::random::{split_whole, Noise};
use super::PublishedPeriod;
use crate::disclosure::default_policy;
use crate::{
    Date, District, FeedDocument, Geography, Lsoa, NamedArea, PlacePlan, PlanKind, Quarter, Ward, SCHEMA_VERSION,
};

/// How big a national-scale feed is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NationalShape {
    /// Local authority districts: 1 to 999.
    pub districts: usize,
    /// Wards: at least one per district, at most 99,999.
    pub wards: usize,
    /// LSOAs: at least one per ward, at most 199,999.
    pub lsoas: usize,
}

impl NationalShape {
    /// About England: 300 districts, 7,000 wards, 33,000 LSOAs.
    pub const ENGLAND: NationalShape = NationalShape { districts: 300, wards: 7_000, lsoas: 33_000 };

    /// England's proportions (70 wards and 330 LSOAs for every 3 districts) for `districts`
    /// districts: `scaled(300)` is [`NationalShape::ENGLAND`].
    pub fn scaled(districts: usize) -> NationalShape {
        let districts = districts.clamp(1, 999);
        NationalShape { districts, wards: districts * 70 / 3, lsoas: districts * 110 }
    }

    /// The shape actually generated: every count within its range.
    fn normalised(self) -> NationalShape {
        let districts = self.districts.clamp(1, 999);
        let wards = self.wards.clamp(districts, 99_999);
        let lsoas = self.lsoas.clamp(wards, 199_999);
        NationalShape { districts, wards, lsoas }
    }
}

/// Quarters published at national scale: 2023-Q3 to 2026-Q2, ending where the county demo ends.
pub const NATIONAL_QUARTERS: usize = 12;
const FIRST_QUARTER: Quarter = Quarter { year: 2023, quarter: 3 };
const COUNTY_CODE: &str = "E47900001";
const COUNTY_NAME: &str = "England (synthetic national-scale geography)";

/// Generates the national-scale demonstration feed. Pure and deterministic, like
/// [`super::demo_feed`]: the same seed and shape always give the same feed, byte for byte.
pub fn national_demo_feed(seed: u64, shape: &NationalShape) -> FeedDocument {
    national_demo_release(seed, shape).0
}

/// The national-scale demonstration feed and how many counts its secondary suppression hid (as
/// [`super::demo_release`]).
pub fn national_demo_release(seed: u64, shape: &NationalShape) -> (FeedDocument, usize) {
    let noise = Noise::new(seed);
    let policy = default_policy();
    let national = NationalGeography::generate(shape.normalised(), noise);
    let wards = &national.areas.wards;
    let profiles: Vec<WardProfile> =
        wards.iter().map(|w| WardProfile { households: w.households, deprivation: w.deprivation }).collect();
    let measure_wards: Vec<MeasureWard> =
        wards.iter().map(|w| MeasureWard { households: w.households, deprivation: w.deprivation }).collect();
    let journey_truth = JourneyTruth::generate(&profiles, NATIONAL_QUARTERS, noise);
    let measure_truth = MeasureTruth::generate(&measure_wards, &journey_truth, NATIONAL_QUARTERS, noise);
    let periods = periods();
    let geography = national.to_feed();
    let plans = place_plans(&national, &measure_truth, noise);
    // Plans are drawn from this geography's wards, so this cannot fail; the tests would catch it.
    let areas = crate::aggregate::published_areas(&geography, &plans)
        .unwrap_or_else(|problem| panic!("national demo place plans: {problem}"));
    let county = super::county_journey(&journey_truth, &areas[0], &periods, &policy);
    let mut publication = super::publication(&periods);
    publication.title = "Think Communities outcomes (synthetic national-scale demonstration)".into();
    publication.publisher = "Demonstration: synthetic national-scale geography, not a real publisher".into();
    publication.revisions = Vec::new();
    // Published exactly as the county demonstration and `outcomes publish` publish: the same
    // relations, primary and secondary suppression (`publish::build`).
    let (journey, measures, tables, values) =
        super::publish_tables(&journey_truth, &measure_truth, wards.len(), &areas, &periods, &policy);
    let secondary = tables.protection.secondary + values.protection.secondary;
    drop((tables, values)); // their relations are large at this scale, and not needed again
    let mut contract = super::contract::contract(&periods, &county, &periods, &policy, noise);
    contract.start_date = Date { year: 2023, month: 7, day: 1 };
    let document = FeedDocument {
        schema_version: SCHEMA_VERSION.into(),
        publication,
        geography,
        journey,
        measures,
        contract,
        place_plans: plans,
        disclosure: policy,
    };
    (document, secondary)
}

fn periods() -> Vec<PublishedPeriod> {
    let mut quarter = FIRST_QUARTER;
    (0..NATIONAL_QUARTERS)
        .map(|programme_quarter| {
            let period = PublishedPeriod { quarter, programme_quarter };
            quarter = quarter.next();
            period
        })
        .collect()
}

/// A synthetic district: code, name, and the first of its wards (they are consecutive).
struct NationalDistrict {
    code: String,
    name: String,
    wards: std::ops::Range<usize>,
}

/// Districts, and wards and LSOAs in the county demonstration's own form (a ward's `district`
/// is an index into `districts`).
struct NationalGeography {
    districts: Vec<NationalDistrict>,
    areas: DemoGeography,
}

/// GSS prefixes by district position, about England's mix: mostly non-metropolitan districts
/// (E07), then unitary authorities (E06), metropolitan districts (E08) and London boroughs (E09).
const DISTRICT_PREFIXES: [&str; 10] = ["E07", "E07", "E06", "E07", "E08", "E07", "E07", "E09", "E07", "E06"];

impl NationalGeography {
    fn generate(shape: NationalShape, noise: Noise) -> NationalGeography {
        let ward_counts = at_least_one_each(shape.wards, shape.districts, |d| {
            noise.between("national-district-size", &[d as u64], 0.4, 1.6)
        });
        let lsoa_counts =
            at_least_one_each(shape.lsoas, shape.wards, |w| noise.between("national-ward-size", &[w as u64], 0.5, 1.5));
        let mut districts = Vec::with_capacity(shape.districts);
        // (district, ward within district, latent score) per LSOA, in code order.
        let mut lsoa_places: Vec<(usize, usize, usize)> = Vec::with_capacity(shape.lsoas);
        let mut scores: Vec<f64> = Vec::with_capacity(shape.lsoas);
        let mut ward = 0;
        for (district, &wards_here) in ward_counts.iter().enumerate() {
            // Skewed towards 0: most districts are middling or affluent, a few very deprived.
            let draw = noise.unit("national-district-deprivation", &[district as u64]);
            let district_effect = 1.2 * draw * draw;
            for ward_in_district in 0..wards_here {
                let ward_effect = noise.between("national-ward-deprivation", &[ward as u64], -0.25, 0.25);
                for _ in 0..lsoa_counts[ward] {
                    let lsoa = scores.len() as u64;
                    let lsoa_effect = noise.between("national-lsoa-deprivation", &[lsoa], -0.22, 0.22);
                    scores.push(district_effect + ward_effect + lsoa_effect);
                    lsoa_places.push((district, ward, ward_in_district));
                }
                ward += 1;
            }
            let first = ward - wards_here;
            districts.push(NationalDistrict {
                code: format!("{}{:06}", DISTRICT_PREFIXES[district % DISTRICT_PREFIXES.len()], 900_001 + district),
                name: format!("District {:03}", district + 1),
                wards: first..ward,
            });
        }
        let national_deciles = deciles(&scores, &(0..scores.len()).collect::<Vec<_>>());
        let mut local_deciles = vec![0; scores.len()];
        let mut start = 0;
        while start < lsoa_places.len() {
            let district = lsoa_places[start].0;
            let end = start + lsoa_places[start..].iter().take_while(|place| place.0 == district).count();
            let members: Vec<usize> = (start..end).collect();
            for (position, decile) in deciles(&scores, &members).into_iter().enumerate() {
                local_deciles[start + position] = decile;
            }
            start = end;
        }
        let mut lsoas = Vec::with_capacity(scores.len());
        let mut letters = 0u8;
        for (index, &(district, ward, ward_in_district)) in lsoa_places.iter().enumerate() {
            letters = if index > 0 && lsoa_places[index - 1].1 == ward { letters + 1 } else { 0 };
            let households = 520.0 + 260.0 * noise.unit("national-households", &[index as u64]);
            lsoas.push(DemoLsoa {
                code: format!("E01{:06}", 800_001 + index),
                name: format!("{} {:03}{}", districts[district].name, ward_in_district + 1, lsoa_letter(letters)),
                ward,
                national_decile: national_deciles[index],
                local_decile: local_deciles[index],
                households: households.round() as u32,
                real: false,
            });
        }
        let mut ward_lsoas: Vec<Vec<usize>> = vec![Vec::new(); shape.wards];
        for (index, lsoa) in lsoas.iter().enumerate() {
            ward_lsoas[lsoa.ward].push(index);
        }
        let wards: Vec<DemoWard> = ward_lsoas
            .into_iter()
            .enumerate()
            .map(|(ward, members)| {
                let district = lsoa_places[members[0]].0;
                let name = format!("Ward {:05}", ward + 1);
                summarise_ward(format!("E05{:06}", 800_001 + ward), &name, district, members, &lsoas)
            })
            .collect();
        NationalGeography { districts, areas: DemoGeography { wards, lsoas } }
    }

    fn to_feed(&self) -> Geography {
        let wards = &self.areas.wards;
        Geography {
            county: NamedArea { code: COUNTY_CODE.into(), name: COUNTY_NAME.into() },
            districts: self.districts.iter().map(|d| District { code: d.code.clone(), name: d.name.clone() }).collect(),
            wards: wards
                .iter()
                .map(|w| Ward {
                    code: w.code.clone(),
                    name: w.name.clone(),
                    district: self.districts[w.district].code.clone(),
                })
                .collect(),
            lsoas: self
                .areas
                .lsoas
                .iter()
                .map(|l| Lsoa {
                    code: l.code.clone(),
                    name: l.name.clone(),
                    ward: wards[l.ward].code.clone(),
                    imd_national_decile: l.national_decile,
                    imd_local_decile: l.local_decile,
                    households: l.households,
                })
                .collect(),
        }
    }
}

/// ONS-style LSOA letters: A to Z, then AA, AB...
fn lsoa_letter(position: u8) -> String {
    let letter = |n: u8| char::from(b'A' + n);
    if position < 26 {
        letter(position).to_string()
    } else {
        format!("{}{}", letter(position / 26 - 1), letter(position % 26))
    }
}

/// Splits `total` into `parts` whole numbers, each at least 1, in proportion to `weight(part)`.
fn at_least_one_each(total: usize, parts: usize, weight: impl Fn(usize) -> f64) -> Vec<usize> {
    let weights: Vec<f64> = (0..parts).map(weight).collect();
    let spare = u32::try_from(total.saturating_sub(parts)).unwrap_or(u32::MAX);
    split_whole(spare, &weights).into_iter().map(|extra| extra as usize + 1).collect()
}

/// Deciles of `members` (indices into `scores`) ranked most deprived (highest score) first:
/// decile 1 is the first tenth. Ties are broken by index, so the result never varies.
fn deciles(scores: &[f64], members: &[usize]) -> Vec<u8> {
    let mut order: Vec<usize> = (0..members.len()).collect();
    order.sort_by(|&a, &b| scores[members[b]].total_cmp(&scores[members[a]]).then(a.cmp(&b)));
    let mut result = vec![0u8; members.len()];
    for (rank, &position) in order.iter().enumerate() {
        result[position] = (rank * 10 / members.len()) as u8 + 1;
    }
    result
}

// ---------------------------------------------------------------------------------------------
// Place plans

/// The most wards one plan covers.
const MOST_WARDS_PER_PLAN: u32 = 4;

/// One plan in every district, a second where at least a fifth of its LSOAs are in the most
/// deprived 20% nationally, a third where at least two fifths are; each covering one to four of
/// the district's most deprived wards not yet in a plan.
fn place_plans(national: &NationalGeography, measures: &MeasureTruth, noise: Noise) -> Vec<PlacePlan> {
    let geography = &national.areas;
    let headlines = Headlines::new(geography, measures);
    let release_date = super::RELEASE_DATE;
    let mut plans = Vec::new();
    for (district_index, district) in national.districts.iter().enumerate() {
        let mut wards: Vec<usize> = district.wards.clone().collect();
        let lsoas: Vec<&DemoLsoa> =
            wards.iter().flat_map(|&w| &geography.wards[w].lsoas).map(|&l| &geography.lsoas[l]).collect();
        let deprived = lsoas.iter().filter(|l| l.national_decile <= 2).count() as f64 / lsoas.len() as f64;
        let count = 1 + usize::from(deprived >= 0.2) + usize::from(deprived >= 0.4);
        wards.sort_by(|&a, &b| most_deprived_first(&geography.wards, a, b));
        let mut remaining = wards.as_slice();
        for number in 1..=count {
            if remaining.is_empty() {
                break;
            }
            let key = [district_index as u64, number as u64];
            let mut choices = noise.sequence("national-plan", &key);
            let mut history = noise.sequence("national-plan-history", &key);
            let size = (choices.inclusive(1, MOST_WARDS_PER_PLAN) as usize).min(remaining.len());
            let (plan_wards, rest) = remaining.split_at(size);
            remaining = rest;
            let place = format!("{} plan area {number}", district.name);
            plans.push(PlacePlan {
                id: format!("plan-d{:03}-{number}", district_index + 1),
                name: format!("{} place plan {number}", district.name),
                kind: PlanKind::PlacePlan,
                district: district.code.clone(),
                wards: plan_wards.iter().map(|&w| geography.wards[w].code.clone()).collect(),
                priorities: super::plans::priorities(&place, &mut choices),
                actions: super::plans::actions(&place, release_date, &mut choices, &mut history),
                measures: headlines.plan_measures(measures, plan_wards, &mut choices),
            });
        }
    }
    plans
}

/// What a plan's headline measure is chosen against: per measure, the national value and how
/// much ward values spread around their mean, in the latest quarter (computed once).
struct Headlines {
    national: [Option<f64>; MEASURE_COUNT],
    spread: [f64; MEASURE_COUNT],
}

impl Headlines {
    const QUARTER: usize = NATIONAL_QUARTERS - 1;

    fn new(geography: &DemoGeography, measures: &MeasureTruth) -> Headlines {
        let all: Vec<usize> = (0..geography.wards.len()).collect();
        let mut national = [None; MEASURE_COUNT];
        let mut spread = [0.0; MEASURE_COUNT];
        for measure in 0..MEASURE_COUNT {
            national[measure] = measures.area_value(measure, &all, Self::QUARTER);
            let values: Vec<f64> =
                all.iter().filter_map(|&w| measures.area_value(measure, &[w], Self::QUARTER)).collect();
            let count = values.len().max(1) as f64;
            let mean = values.iter().sum::<f64>() / count;
            spread[measure] = (values.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / count).sqrt();
        }
        Headlines { national, spread }
    }

    /// As in the county demonstration: the headline is the measure on which the plan's wards
    /// compare worst with the whole area, in units of the ward spread; two or three others follow.
    fn plan_measures(
        &self,
        measures: &MeasureTruth,
        wards: &[usize],
        choices: &mut super::random::Sequence,
    ) -> Vec<String> {
        let worse = |measure: usize| -> f64 {
            match (measures.area_value(measure, wards, Self::QUARTER), self.national[measure]) {
                (Some(plan), Some(national)) if self.spread[measure] > 0.0 => {
                    let by = if lower_is_better(measure) { plan - national } else { national - plan };
                    by / self.spread[measure]
                }
                _ => f64::MIN,
            }
        };
        let headline = (0..MEASURE_COUNT).max_by(|&a, &b| worse(a).total_cmp(&worse(b)).then(b.cmp(&a))).unwrap_or(0);
        let others: Vec<usize> = (0..MEASURE_COUNT).filter(|&m| m != headline).collect();
        let count = choices.inclusive(2, 3) as usize;
        let mut chosen: Vec<usize> =
            choices.distinct_indices(others.len(), count).into_iter().map(|i| others[i]).collect();
        chosen.sort_unstable();
        std::iter::once(headline).chain(chosen).map(|m| measure_id(m).to_owned()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Period;

    fn json(feed: &FeedDocument) -> Vec<u8> {
        serde_json::to_vec(feed).expect("the feed serialises")
    }

    #[test]
    fn england_is_the_scaled_shape_of_300_districts() {
        assert_eq!(NationalShape::scaled(300), NationalShape::ENGLAND);
        assert_eq!(NationalShape::scaled(3), NationalShape { districts: 3, wards: 70, lsoas: 330 });
    }

    #[test]
    fn a_three_district_national_feed_validates_with_the_requested_shape() {
        let shape = NationalShape::scaled(3);
        let document = national_demo_feed(2026, &shape);
        let bytes = json(&document);
        let feed = crate::validate(&bytes).unwrap_or_else(|problems| {
            let listed: Vec<String> = problems.iter().take(20).map(|p| format!("{p:?}")).collect();
            panic!("{} problems, first ones:\n{}", problems.len(), listed.join("\n"))
        });
        let geography = &feed.document().geography;
        assert_eq!((geography.districts.len(), geography.wards.len(), geography.lsoas.len()), (3, 70, 330));
        assert_eq!(geography.county.code, COUNTY_CODE);
        assert_eq!(feed.periods().len(), NATIONAL_QUARTERS);
        assert_eq!(feed.periods()[0].to_string(), "2023-Q3");
        assert_eq!(feed.financial_years().len(), 2);
        assert_eq!(feed.document().journey.cohorts.len(), 5);
        assert_eq!(feed.document().journey.stages.len(), 8);
        // Every area has a funnel row for every period (12 quarters and 2 years) and cohort.
        let areas = feed.areas().len();
        assert_eq!(areas, 1 + 3 + 70 + feed.document().place_plans.len());
        assert_eq!(feed.document().journey.funnel.len(), areas * 14 * 5);
        // Between one and three plans per district, each of one to four wards of its district.
        assert!((3..=9).contains(&feed.document().place_plans.len()));
        for plan in &feed.document().place_plans {
            assert!((1..=4).contains(&plan.wards.len()));
        }
        let year = feed.financial_years()[0];
        assert!(feed.journey_row(crate::JourneyTable::Funnel, Period::Year(year), COUNTY_CODE, "all").is_some());
    }

    /// Published through the publisher's table builder, as the county demonstration is: the
    /// independent check finds no hidden count a reader can solve one relation at a time (with
    /// primary suppression alone it finds 201 at this size, e.g. a cohort's only hidden cell
    /// under its published `all`), and some counts are hidden beyond the small ones.
    #[test]
    fn a_small_national_release_hides_enough_for_the_independent_check() {
        let (document, secondary) = national_demo_release(2026, &NationalShape::scaled(2));
        let bytes = json(&document);
        let summary =
            crate::publish::check::verify(&bytes, &crate::audit::default_roles(), None).unwrap_or_else(|failures| {
                panic!("{} failures, first: {:?}", failures.len(), &failures[..3.min(failures.len())])
            });
        assert!(secondary > 0, "no secondary suppression");
        assert!(summary.suppressed > secondary, "{summary:?}, {secondary} secondary");
    }

    #[test]
    fn the_same_seed_gives_the_same_bytes_and_another_seed_does_not() {
        let shape = NationalShape::scaled(3);
        let first = json(&national_demo_feed(2026, &shape));
        assert_eq!(first, json(&national_demo_feed(2026, &shape)));
        assert_ne!(first, json(&national_demo_feed(7, &shape)));
    }

    #[test]
    fn national_deciles_split_lsoas_into_tenths_and_some_districts_are_more_deprived() {
        let shape = NationalShape::scaled(30);
        let national = NationalGeography::generate(shape, Noise::new(2026));
        let lsoas = &national.areas.lsoas;
        assert_eq!(lsoas.len(), 3_300);
        for decile in 1..=10 {
            assert_eq!(lsoas.iter().filter(|l| l.national_decile == decile).count(), 330, "decile {decile}");
        }
        // Within each district, local deciles run from 1 to 10 when it has ten LSOAs or more.
        let share_most_deprived: Vec<f64> = national
            .districts
            .iter()
            .map(|district| {
                let here: Vec<&DemoLsoa> = lsoas.iter().filter(|l| district.wards.contains(&l.ward)).collect();
                assert!(here.iter().any(|l| l.local_decile == 1) && here.iter().any(|l| l.local_decile == 10));
                here.iter().filter(|l| l.national_decile <= 2).count() as f64 / here.len() as f64
            })
            .collect();
        // Deprivation is concentrated: some districts have half their LSOAs in the most deprived
        // fifth, others none or almost none.
        assert!(share_most_deprived.iter().any(|&share| share >= 0.5), "{share_most_deprived:?}");
        assert!(share_most_deprived.iter().any(|&share| share <= 0.02), "{share_most_deprived:?}");
    }

    #[test]
    fn names_and_codes_are_synthetic() {
        let feed = national_demo_feed(2026, &NationalShape::scaled(3));
        let geography = &feed.geography;
        assert_eq!(geography.districts[0].name, "District 001");
        assert_eq!(geography.wards[0].name, "Ward 00001");
        assert!(geography.lsoas[0].name.starts_with("District 001 001"));
        assert!(geography.wards.iter().all(|w| w.code.starts_with("E058")));
        assert!(geography.lsoas.iter().all(|l| l.code.starts_with("E018")));
        assert!(geography.districts.iter().all(|d| d.code[3..].starts_with('9')));
        assert!(feed.publication.demonstration);
        assert_eq!(lsoa_letter(0), "A");
        assert_eq!(lsoa_letter(27), "AB");
    }
}
