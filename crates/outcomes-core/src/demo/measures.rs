//! Ward measures: a small catalogue of social-mobility indicators, with true numerators and
//! denominators modelled per ward and quarter (a clear but noisy deprivation gradient), added up
//! from true ward values for districts, plans and the county, then protected.

use super::journey::{JourneyTruth, OUTCOME_ACHIEVED, OUTCOME_SUSTAINED};
use super::random::Noise;
use super::PublishedPeriod;
use crate::publish::tables::WardMeasures;
use crate::{Measure, MeasureUnit, Polarity};

pub(super) const MEASURE_COUNT: usize = 6;

/// Positions in the catalogue, for the model below.
const OUT_OF_WORK: usize = 0;
const KS2_FREE_SCHOOL_MEALS: usize = 1;
const TEMPORARY_ACCOMMODATION: usize = 2;
const NO_BROADBAND: usize = 3;
const OUTCOMES_SUSTAINED: usize = 4;
const ANTI_SOCIAL_BEHAVIOUR: usize = 5;

struct CatalogueEntry {
    id: &'static str,
    title: &'static str,
    definition: &'static str,
    numerator: &'static str,
    denominator: &'static str,
    unit: MeasureUnit,
    polarity: Polarity,
    source: &'static str,
}

const CATALOGUE: [CatalogueEntry; MEASURE_COUNT] = [
    CatalogueEntry {
        id: "out-of-work-benefits",
        title: "Out-of-work benefit claimants",
        definition: "Residents aged 16 to 64 claiming out-of-work benefits (Universal Credit, searching for work, or Jobseeker's Allowance), as a percentage of all residents aged 16 to 64.",
        numerator: "Residents aged 16 to 64 claiming out-of-work benefits",
        denominator: "Residents aged 16 to 64",
        unit: MeasureUnit::Percentage,
        polarity: Polarity::LowerIsBetter,
        source: "DWP Stat-Xplore and ONS mid-year population estimates (demonstration values)",
    },
    CatalogueEntry {
        id: "ks2-fsm-expected",
        title: "Pupils eligible for free school meals reaching the expected standard at KS2",
        definition: "Pupils eligible for free school meals at the end of key stage 2 (age 11) who reached the expected standard in reading, writing and maths, as a percentage of all such pupils living in the area. The latest three academic years are combined, so that ward figures are large enough to publish; a new year is added each autumn.",
        numerator: "Pupils eligible for free school meals reaching the expected standard",
        denominator: "Pupils eligible for free school meals at the end of key stage 2",
        unit: MeasureUnit::Percentage,
        polarity: Polarity::HigherIsBetter,
        source: "Department for Education, key stage 2 attainment by pupil residence (demonstration values)",
    },
    CatalogueEntry {
        id: "temporary-accommodation",
        title: "Households in temporary accommodation",
        definition: "Households living in temporary accommodation arranged by the council at the end of the quarter, per 1,000 households.",
        numerator: "Households in temporary accommodation",
        denominator: "Households",
        unit: MeasureUnit::RatePer1000,
        polarity: Polarity::LowerIsBetter,
        source: "MHCLG statutory homelessness statistics (H-CLIC) and district housing records (demonstration values)",
    },
    CatalogueEntry {
        id: "no-home-broadband",
        title: "Households without home broadband",
        definition: "Households with no fixed or mobile home broadband connection, as a percentage of all households.",
        numerator: "Households without home broadband",
        denominator: "Households",
        unit: MeasureUnit::Percentage,
        polarity: Polarity::LowerIsBetter,
        source: "Ofcom Connected Nations and the Cambridgeshire Digital Partnership household survey (demonstration values)",
    },
    CatalogueEntry {
        id: "outcomes-sustained",
        title: "Journey outcomes sustained at 6 months",
        definition: "Residents identified in the quarter whose outcome was still in place six months later, as a percentage of those who achieved an outcome.",
        numerator: "Residents whose outcome was sustained at 6 months",
        denominator: "Residents who achieved an outcome",
        unit: MeasureUnit::Percentage,
        polarity: Polarity::HigherIsBetter,
        source: "Think Communities case records, the journey figures in this release (demonstration values)",
    },
    CatalogueEntry {
        id: "anti-social-behaviour",
        title: "Anti-social behaviour incidents",
        definition: "Anti-social behaviour incidents recorded by the police in the quarter, per 1,000 residents.",
        numerator: "Anti-social behaviour incidents recorded",
        denominator: "Residents (all ages)",
        unit: MeasureUnit::RatePer1000,
        polarity: Polarity::LowerIsBetter,
        source: "Cambridgeshire Constabulary recorded incidents, as on police.uk (demonstration values)",
    },
];

pub(super) fn measure_id(measure: usize) -> &'static str {
    CATALOGUE[measure].id
}

pub(super) fn lower_is_better(measure: usize) -> bool {
    CATALOGUE[measure].polarity == Polarity::LowerIsBetter
}

/// What the measure model needs to know about a ward.
#[derive(Clone, Copy, Debug)]
pub(super) struct MeasureWard {
    pub(super) households: u32,
    pub(super) deprivation: f64,
}

/// True numerator and denominator for every measure, ward and programme quarter.
#[derive(Clone, Debug)]
pub(super) struct MeasureTruth {
    wards: usize,
    quarters: usize,
    /// Indexed by measure, then ward, then quarter.
    values: Vec<(u32, u32)>,
}

impl MeasureTruth {
    pub(super) fn generate(
        wards: &[MeasureWard],
        journey: &JourneyTruth,
        quarters: usize,
        noise: Noise,
    ) -> MeasureTruth {
        let mut values = Vec::with_capacity(MEASURE_COUNT * wards.len() * quarters);
        for measure in 0..MEASURE_COUNT {
            for (ward_index, ward) in wards.iter().enumerate() {
                for quarter in 0..quarters {
                    let key = WardQuarter { ward: ward_index, quarter };
                    values.push(model_value(measure, ward, key, journey, noise));
                }
            }
        }
        MeasureTruth { wards: wards.len(), quarters, values }
    }

    /// True numerator and denominator for a set of wards, added up from true ward values.
    pub(super) fn area_total(&self, measure: usize, wards: &[usize], quarter: usize) -> (u32, u32) {
        wards.iter().fold((0, 0), |(numerator, denominator), &ward| {
            let (n, d) = self.values[(measure * self.wards + ward) * self.quarters + quarter];
            (numerator + n, denominator + d)
        })
    }

    /// The true value (a share or a rate) for a set of wards, for choosing plans' headlines.
    pub(super) fn area_value(&self, measure: usize, wards: &[usize], quarter: usize) -> Option<f64> {
        let (numerator, denominator) = self.area_total(measure, wards, quarter);
        (denominator > 0).then(|| f64::from(numerator) / f64::from(denominator))
    }
}

#[derive(Clone, Copy)]
struct WardQuarter {
    ward: usize,
    quarter: usize,
}

impl WardQuarter {
    fn ward_key(self, measure: usize) -> [u64; 2] {
        [measure as u64, self.ward as u64]
    }

    fn cell_key(self, measure: usize) -> [u64; 3] {
        [measure as u64, self.ward as u64, self.quarter as u64]
    }
}

fn model_value(
    measure: usize,
    ward: &MeasureWard,
    key: WardQuarter,
    journey: &JourneyTruth,
    noise: Noise,
) -> (u32, u32) {
    if measure == OUTCOMES_SUSTAINED {
        let cell = journey.ward_cell(key.ward, key.quarter, None);
        return (cell.funnel[OUTCOME_SUSTAINED], cell.funnel[OUTCOME_ACHIEVED]);
    }
    let d = ward.deprivation;
    let households = f64::from(ward.households);
    // A lasting ward effect (the same ward is high or low every quarter) and quarter noise.
    let ward_effect = noise.factor("measure-ward", &key.ward_key(measure), 0.32);
    let quarter_noise = noise.factor("measure-quarter", &key.cell_key(measure), 0.05);
    let q = key.quarter as f64;
    let (denominator, rate) = match measure {
        OUT_OF_WORK => (households * 1.55, (0.012 + 0.075 * d) * (1.0 - 0.012 * q) * ward_effect * quarter_noise),
        KS2_FREE_SCHOOL_MEALS => return ks2_value(ward, key, noise),
        TEMPORARY_ACCOMMODATION => (households, (0.0015 + 0.012 * d) * (1.0 + 0.02 * q) * ward_effect * quarter_noise),
        NO_BROADBAND => (households, (0.05 + 0.13 * d) * (1.0 - 0.025 * q) * ward_effect * quarter_noise),
        ANTI_SOCIAL_BEHAVIOUR => {
            (households * 2.3, (0.002 + 0.009 * d) * season(key.quarter) * ward_effect * quarter_noise)
        }
        _ => (0.0, 0.0),
    };
    let denominator = denominator.round();
    let numerator = noise.whole("measure-numerator", &key.cell_key(measure), denominator * rate.clamp(0.0, 1.0));
    (numerator, denominator as u32)
}

/// KS2 results are annual and small per ward, so the measure pools the latest three academic
/// years (as small-area profiles do). A new year arrives each autumn: programme quarter 0 is
/// October to December, so the pooled years move on every four quarters.
fn ks2_value(ward: &MeasureWard, key: WardQuarter, noise: Noise) -> (u32, u32) {
    // Academic years are counted from two years before the programme's first.
    let latest_year = key.quarter / 4 + 2;
    (latest_year - 2..=latest_year)
        .map(|year| ks2_year(ward, key.ward, year, noise))
        .fold((0, 0), |(reached, pupils), (n, d)| (reached + n, pupils + d))
}

/// One academic year: pupils eligible for free school meals at the end of KS2 (about 0.027 Year 6
/// pupils per household, 8% to 50% of them eligible depending on deprivation), and those who
/// reached the expected standard (about half, fewer where deprivation is higher).
fn ks2_year(ward: &MeasureWard, ward_index: usize, year: usize, noise: Noise) -> (u32, u32) {
    let d = ward.deprivation;
    let year_key = [KS2_FREE_SCHOOL_MEALS as u64, ward_index as u64, year as u64];
    let expected_pupils =
        f64::from(ward.households) * 0.027 * (0.08 + 0.42 * d) * noise.factor("ks2-pupils", &year_key, 0.20);
    let pupils = noise.whole("ks2-pupils-whole", &year_key, expected_pupils);
    let school_effect = noise.factor("ks2-ward", &[ward_index as u64], 0.15);
    let share = ((0.56 - 0.20 * d) * school_effect * noise.factor("ks2-share", &year_key, 0.08)).clamp(0.0, 1.0);
    (noise.whole("ks2-reached", &year_key, f64::from(pupils) * share), pupils)
}

/// Anti-social behaviour peaks in summer (July to September, quarter 2 of the financial year).
fn season(programme_quarter: usize) -> f64 {
    // Programme quarter 0 is October to December.
    [0.95, 0.90, 1.00, 1.15][programme_quarter % 4]
}

/// The measure catalogue.
pub(super) fn catalogue() -> Vec<Measure> {
    CATALOGUE
        .iter()
        .map(|entry| Measure {
            id: entry.id.into(),
            title: entry.title.into(),
            definition: entry.definition.into(),
            numerator: entry.numerator.into(),
            denominator: entry.denominator.into(),
            unit: entry.unit,
            polarity: entry.polarity,
            source: entry.source.into(),
        })
        .collect()
}

/// The true ward values of the published quarters, as `outcomes publish` reads them from
/// `measures.csv`.
pub(super) fn ward_measures(truth: &MeasureTruth, periods: &[PublishedPeriod]) -> WardMeasures {
    WardMeasures::from_model(MEASURE_COUNT, periods.len(), truth.wards, |measure, quarter, ward| {
        Some(truth.area_total(measure, &[ward], periods[quarter].programme_quarter))
    })
}
