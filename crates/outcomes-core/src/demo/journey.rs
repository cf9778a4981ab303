//! The residents' life journey: the code lists, a model of the true counts for every ward,
//! quarter and cohort, and their publication through disclosure control at every level.
//!
//! The model, in words: the programme finds more people where deprivation is higher (it targets
//! deprived areas), and its reach grows over the quarters. Each stage keeps 50-95% of the stage
//! before; that share improves gently as the programme matures and is somewhat lower in the most
//! deprived wards (the "postcode lottery"). Young people drop out more, older people less.

use super::random::{split_whole, Noise};
use super::PublishedPeriod;
use crate::publish::journey::WardCounts;
use crate::{Category, Journey};
use std::ops::AddAssign;

pub(super) const STAGE_COUNT: usize = 8;
pub(super) const ROUTE_COUNT: usize = 9;
pub(super) const SERVICE_COUNT: usize = 9;
pub(super) const DOMAIN_COUNT: usize = 6;
/// Cohorts other than `all`; `all` is their sum.
pub(super) const COHORT_COUNT: usize = 4;

/// Positions of the stages other modules read.
pub(super) const IDENTIFIED: usize = 0;
pub(super) const HANDED_OVER: usize = 4;
pub(super) const ENGAGED: usize = 5;
pub(super) const OUTCOME_ACHIEVED: usize = 6;
pub(super) const OUTCOME_SUSTAINED: usize = 7;

type CodeItem = (&'static str, &'static str, &'static str);

const STAGES: [CodeItem; STAGE_COUNT] = [
    ("identified", "Identified", "Residents found in the quarter who may need support, from shared data or a referral through any front door. Every later stage counts people first identified in the same quarter."),
    ("assessed", "Holistic assessment", "Had a whole-person, whole-family conversation about all their needs, not only the one they came with."),
    ("consented", "Consent to a joined-up response", "Agreed that the services involved may share information and work together on one response."),
    ("lead-worker", "Lead worker and plan", "Have a named lead worker from the place team and one plan agreed with them."),
    ("handed-over", "Warm hand-over to services", "Introduced in person to at least one other service, such as DWP, Citizens Advice or Early Help, rather than given a phone number."),
    ("engaged", "Engaged with support", "Took up the support they were handed over to: attended, or were seen, at least once."),
    ("outcome-achieved", "Outcome achieved", "Reached an outcome set in their plan, such as a tenancy kept, a debt plan agreed or a job started."),
    ("outcome-sustained", "Outcome sustained at 6 months / stepped down", "Still had the outcome six months later and stepped down to community support planned in advance."),
];

const COHORTS: [CodeItem; COHORT_COUNT + 1] = [
    ("all", "All residents", "Everyone in the journey, published in its own right from the record-level data (not made by adding the cohorts)."),
    ("families", "Families with children", "Households with at least one child under 16, counted once per household member supported."),
    ("young-people", "Young people aged 16 to 24", "Residents aged 16 to 24 supported in their own right, not as part of a family."),
    ("working-age-adults", "Working-age adults", "Residents aged 25 to 65 without dependent children."),
    ("older-people", "Older people", "Residents aged 66 or over."),
];

const DOMAINS: [CodeItem; DOMAIN_COUNT] = [
    (
        "housing-debt",
        "Housing and debt",
        "A home kept or found, arrears cleared or a repayment plan agreed, income maximised.",
    ),
    ("employment-skills", "Employment and skills", "A job, more hours, an apprenticeship or a course started."),
    ("education", "Education", "A child or young person back in regular attendance, or in education or training."),
    (
        "health-wellbeing",
        "Health and wellbeing",
        "Better mental or physical health reported, or a health service taken up.",
    ),
    ("digital-inclusion", "Digital inclusion", "A device, an affordable connection or the skills to use them."),
    ("community-safety", "Community safety", "Anti-social behaviour or exploitation risk reduced, or a safer home."),
];

const ENTRY_ROUTES: [CodeItem; ROUTE_COUNT] = [
    ("countywide-hub", "Countywide hub", "Triage by the countywide Think Communities hub, by phone or online."),
    ("gp-social-prescriber", "GP or social prescriber", "Referred by a GP practice or a social prescribing link worker."),
    ("school", "School", "Referred by a school or early years setting."),
    ("housing-provider", "Housing provider", "Referred by a social landlord or the district housing team, often at a first missed rent payment."),
    ("dwp", "DWP", "Referred by a Jobcentre Plus work coach."),
    ("police", "Police", "Referred by the police or the community safety partnership."),
    ("library", "Library", "Referred by library staff or a library-based session."),
    ("self-referral", "Self-referral", "Residents or their families who came forward themselves."),
    ("other", "Other routes (grouped small flows)", "Other front doors, plus any route whose flow in this row was too small to publish on its own (that route then shows [c])."),
];

const SERVICES: [CodeItem; SERVICE_COUNT] = [
    ("dwp", "DWP", "Jobcentre Plus: benefits, work coaches and employment programmes."),
    ("citizens-advice", "Citizens Advice", "Advice on benefits, debt, housing and consumer problems."),
    ("early-help", "Early Help", "Whole-family support from the council's Early Help teams."),
    ("social-prescribing", "Social prescribing", "Link workers connecting people to community groups and activities."),
    ("housing-options", "Housing options", "District council housing advice and homelessness prevention."),
    ("debt-advice", "Debt advice", "Free debt advice and breathing-space support."),
    ("mental-health", "Mental health support", "NHS talking therapies, community mental health teams and peer support."),
    ("employment-support", "Employment support", "Skills, training and job-search support outside DWP."),
    ("other", "Other services (grouped small flows)", "Other services, plus any service whose flow in this row was too small to publish on its own (that service then shows [c])."),
];

/// Share of each stage kept at the next, before adjustments (7 transitions).
const BASE_CONVERSIONS: [f64; STAGE_COUNT - 1] = [0.86, 0.80, 0.89, 0.78, 0.81, 0.70, 0.76];

/// Per cohort (families, young people, working-age adults, older people), the change to each
/// conversion: young people consent and engage less, older people more.
const COHORT_CONVERSION_SHIFT: [[f64; STAGE_COUNT - 1]; COHORT_COUNT] = [
    [0.02, 0.00, 0.03, 0.02, 0.00, 0.00, 0.00],
    [-0.04, -0.06, -0.02, -0.03, -0.08, -0.04, -0.05],
    [0.00, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00],
    [0.03, 0.04, 0.00, 0.02, 0.03, 0.00, 0.03],
];

/// Entry-route mix by cohort (hub, GP, school, housing, DWP, police, library, self, other).
const ROUTE_MIX: [[f64; ROUTE_COUNT]; COHORT_COUNT] = [
    [0.22, 0.08, 0.22, 0.12, 0.10, 0.05, 0.06, 0.11, 0.04],
    [0.20, 0.06, 0.10, 0.08, 0.25, 0.10, 0.04, 0.13, 0.04],
    [0.22, 0.14, 0.02, 0.14, 0.22, 0.05, 0.05, 0.12, 0.04],
    [0.20, 0.32, 0.00, 0.12, 0.03, 0.03, 0.14, 0.12, 0.04],
];

/// Hand-over mix by cohort (DWP, Citizens Advice, Early Help, social prescribing, housing
/// options, debt advice, mental health, employment support, other).
const SERVICE_MIX: [[f64; SERVICE_COUNT]; COHORT_COUNT] = [
    [0.12, 0.12, 0.28, 0.08, 0.12, 0.10, 0.08, 0.06, 0.04],
    [0.20, 0.06, 0.05, 0.08, 0.10, 0.05, 0.20, 0.22, 0.04],
    [0.18, 0.14, 0.00, 0.12, 0.12, 0.12, 0.12, 0.16, 0.04],
    [0.06, 0.20, 0.00, 0.34, 0.12, 0.10, 0.12, 0.00, 0.06],
];

/// Outcome mix by cohort (housing and debt, employment, education, health, digital, safety).
const DOMAIN_MIX: [[f64; DOMAIN_COUNT]; COHORT_COUNT] = [
    [0.26, 0.12, 0.20, 0.20, 0.12, 0.10],
    [0.14, 0.30, 0.22, 0.18, 0.08, 0.08],
    [0.30, 0.28, 0.04, 0.24, 0.08, 0.06],
    [0.22, 0.00, 0.00, 0.44, 0.24, 0.10],
];

/// True counts for one ward, quarter and cohort (or a sum of them): never published as they are.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct TrueCounts {
    pub(super) funnel: [u32; STAGE_COUNT],
    pub(super) entries: [u32; ROUTE_COUNT],
    pub(super) handovers: [u32; SERVICE_COUNT],
    pub(super) outcomes: [u32; DOMAIN_COUNT],
}

impl AddAssign<&TrueCounts> for TrueCounts {
    fn add_assign(&mut self, other: &TrueCounts) {
        add_into(&mut self.funnel, &other.funnel);
        add_into(&mut self.entries, &other.entries);
        add_into(&mut self.handovers, &other.handovers);
        add_into(&mut self.outcomes, &other.outcomes);
    }
}

fn add_into(total: &mut [u32], part: &[u32]) {
    for (sum, value) in total.iter_mut().zip(part) {
        *sum += value;
    }
}

/// The true counts of every ward, programme quarter and cohort.
#[derive(Clone, Debug)]
pub(super) struct JourneyTruth {
    quarters: usize,
    /// Indexed by ward, then quarter, then cohort (without `all`).
    cells: Vec<TrueCounts>,
}

/// What the model needs to know about a ward.
#[derive(Clone, Copy, Debug)]
pub(super) struct WardProfile {
    pub(super) households: u32,
    pub(super) deprivation: f64,
}

impl JourneyTruth {
    /// Models `quarters` programme quarters (0 = the first quarter of the programme's data).
    pub(super) fn generate(wards: &[WardProfile], quarters: usize, noise: Noise) -> JourneyTruth {
        let mut cells = Vec::with_capacity(wards.len() * quarters * COHORT_COUNT);
        for (ward_index, ward) in wards.iter().enumerate() {
            for quarter in 0..quarters {
                for cohort in 0..COHORT_COUNT {
                    let key = CellKey { ward: ward_index, quarter, cohort, quarters };
                    cells.push(model_cell(ward, key, noise));
                }
            }
        }
        JourneyTruth { quarters, cells }
    }

    /// One ward, quarter and cohort (`None` for `all`, the sum of the cohorts).
    pub(super) fn ward_cell(&self, ward: usize, quarter: usize, cohort: Option<usize>) -> TrueCounts {
        let start = (ward * self.quarters + quarter) * COHORT_COUNT;
        match cohort {
            Some(cohort) => self.cells[start + cohort],
            None => {
                let mut total = TrueCounts::default();
                for cell in &self.cells[start..start + COHORT_COUNT] {
                    total += cell;
                }
                total
            }
        }
    }

    /// The true total for an area (a set of wards): always added up from true ward values.
    pub(super) fn area_total(&self, wards: &[usize], quarter: usize, cohort: Option<usize>) -> TrueCounts {
        let mut total = TrueCounts::default();
        for &ward in wards {
            total += &self.ward_cell(ward, quarter, cohort);
        }
        total
    }
}

#[derive(Clone, Copy)]
struct CellKey {
    ward: usize,
    quarter: usize,
    cohort: usize,
    quarters: usize,
}

impl CellKey {
    fn parts(self) -> [u64; 3] {
        [self.ward as u64, self.quarter as u64, self.cohort as u64]
    }

    /// 0 in the first quarter, 1 in the last: how far the programme has matured.
    fn maturity(self) -> f64 {
        if self.quarters <= 1 {
            1.0
        } else {
            self.quarter as f64 / (self.quarters - 1) as f64
        }
    }
}

fn model_cell(ward: &WardProfile, key: CellKey, noise: Noise) -> TrueCounts {
    let mut cell = TrueCounts::default();
    cell.funnel[IDENTIFIED] = noise.whole("identified", &key.parts(), expected_identified(ward, key, noise));
    for transition in 0..STAGE_COUNT - 1 {
        let kept = f64::from(cell.funnel[transition]) * conversion(ward, key, transition, noise);
        cell.funnel[transition + 1] =
            noise.whole("stage", &[key.parts()[0], key.parts()[1], key.parts()[2], transition as u64], kept);
    }
    cell.entries = split_counts(cell.funnel[IDENTIFIED], &ROUTE_MIX[key.cohort], ward, key, "entries", noise);
    cell.handovers = split_counts(cell.funnel[HANDED_OVER], &SERVICE_MIX[key.cohort], ward, key, "handovers", noise);
    cell.outcomes = split_counts(cell.funnel[OUTCOME_ACHIEVED], &DOMAIN_MIX[key.cohort], ward, key, "outcomes", noise);
    cell
}

/// Residents identified in a quarter: a per-household rate rising steeply with deprivation,
/// growing as the programme scales up, with a county-wide quarter effect (winter pressures,
/// school holidays), a lasting ward effect (how well-connected the place team is) and noise.
fn expected_identified(ward: &WardProfile, key: CellKey, noise: Noise) -> f64 {
    let rate_per_household = 0.014 + 0.025 * ward.deprivation + 0.070 * ward.deprivation * ward.deprivation;
    let scale_up = 0.85 + 0.30 * key.maturity();
    let quarter_effect = noise.factor("quarter-effect", &[key.quarter as u64], 0.07);
    let ward_effect = noise.factor("ward-reach", &[key.ward as u64], 0.20);
    let cell_noise = noise.factor("identified-noise", &key.parts(), 0.12);
    f64::from(ward.households)
        * rate_per_household
        * scale_up
        * quarter_effect
        * ward_effect
        * cell_noise
        * cohort_share(key.cohort, ward.deprivation)
}

/// The share of residents identified who are in each cohort: more families and young people
/// where deprivation is higher, more older people where it is lower.
fn cohort_share(cohort: usize, deprivation: f64) -> f64 {
    let weights = [0.34 + 0.08 * deprivation, 0.14 + 0.04 * deprivation, 0.32, 0.22 - 0.12 * deprivation];
    weights[cohort] / weights.iter().sum::<f64>()
}

/// Share of one stage kept at the next.
fn conversion(ward: &WardProfile, key: CellKey, transition: usize, noise: Noise) -> f64 {
    let improvement = 0.05 * key.maturity();
    let postcode_lottery = -0.08 * ward.deprivation;
    let ward_practice = noise.between("ward-practice", &[key.ward as u64, transition as u64], -0.04, 0.04);
    let cell_noise = noise.between(
        "conversion-noise",
        &[key.parts()[0], key.parts()[1], key.parts()[2], transition as u64],
        -0.03,
        0.03,
    );
    let shift = COHORT_CONVERSION_SHIFT[key.cohort][transition];
    (BASE_CONVERSIONS[transition] + improvement + postcode_lottery + ward_practice + cell_noise + shift)
        .clamp(0.5, 0.95)
}

/// Splits a stage's true count across routes, services or domains, with each share varied per
/// cell; deprived wards lean more on housing, police and DWP routes.
fn split_counts<const N: usize>(
    total: u32,
    mix: &[f64; N],
    ward: &WardProfile,
    key: CellKey,
    label: &str,
    noise: Noise,
) -> [u32; N] {
    let weights: Vec<f64> = mix
        .iter()
        .enumerate()
        .map(|(i, share)| {
            let local = noise.factor(label, &[key.parts()[0], key.parts()[1], key.parts()[2], i as u64], 0.30);
            share * local * deprivation_lean(label, i, ward.deprivation)
        })
        .collect();
    let parts = split_whole(total, &weights);
    let mut counts = [0; N];
    counts.copy_from_slice(&parts);
    counts
}

fn deprivation_lean(label: &str, index: usize, deprivation: f64) -> f64 {
    match (label, index) {
        ("entries", 3) => 1.0 + 0.6 * deprivation, // housing provider
        ("entries", 4) => 1.0 + 0.4 * deprivation, // DWP
        ("entries", 5) => 1.0 + 0.8 * deprivation, // police
        ("entries", 7) => 1.2 - 0.4 * deprivation, // self-referral
        _ => 1.0,
    }
}

// ---------------------------------------------------------------------------------------------
// Publication

/// The journey section's code lists, with no rows yet.
pub(super) fn code_lists() -> Journey {
    Journey {
        stages: categories(&STAGES),
        cohorts: categories(&COHORTS),
        domains: categories(&DOMAINS),
        entry_routes: categories(&ENTRY_ROUTES),
        services: categories(&SERVICES),
        funnel: Vec::new(),
        entries: Vec::new(),
        handovers: Vec::new(),
        outcomes: Vec::new(),
    }
}

/// The true counts of every ward, published quarter and cohort (without `all`), as `outcomes
/// publish` aggregates them from `journey.csv`.
pub(super) fn ward_counts(truth: &JourneyTruth, wards: usize, periods: &[PublishedPeriod]) -> WardCounts {
    let widths = [STAGE_COUNT, ROUTE_COUNT, SERVICE_COUNT, DOMAIN_COUNT];
    WardCounts::from_model(periods.len(), wards, COHORT_COUNT, widths, |quarter, ward, cohort, columns| {
        let cell = truth.ward_cell(ward, periods[quarter].programme_quarter, Some(cohort));
        let all = cell.funnel.iter().chain(&cell.entries).chain(&cell.handovers).chain(&cell.outcomes);
        for (column, value) in columns.iter_mut().zip(all) {
            *column = *value;
        }
    })
}

/// Positions in the code lists that `outcomes publish`'s table builder needs: `all` among the
/// cohorts, the grouped "other" route and service, the hand-over and outcome stages.
pub(super) const ALL_COHORT: usize = 0;
pub(super) const OTHER_ROUTE: usize = ROUTE_COUNT - 1;
pub(super) const OTHER_SERVICE: usize = SERVICE_COUNT - 1;

fn categories(items: &[CodeItem]) -> Vec<Category> {
    items
        .iter()
        .map(|(id, name, definition)| Category {
            id: (*id).into(),
            name: (*name).into(),
            definition: (*definition).into(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small_truth() -> JourneyTruth {
        let wards =
            [WardProfile { households: 4000, deprivation: 0.9 }, WardProfile { households: 3000, deprivation: 0.1 }];
        JourneyTruth::generate(&wards, 8, Noise::new(1))
    }

    #[test]
    fn true_funnels_never_grow_and_flows_add_up() {
        let truth = small_truth();
        for ward in 0..2 {
            for quarter in 0..8 {
                for cohort in 0..COHORT_COUNT {
                    let cell = truth.ward_cell(ward, quarter, Some(cohort));
                    assert!(cell.funnel.windows(2).all(|pair| pair[1] <= pair[0]), "{cell:?}");
                    assert_eq!(cell.entries.iter().sum::<u32>(), cell.funnel[IDENTIFIED]);
                    assert_eq!(cell.handovers.iter().sum::<u32>(), cell.funnel[HANDED_OVER]);
                    assert_eq!(cell.outcomes.iter().sum::<u32>(), cell.funnel[OUTCOME_ACHIEVED]);
                }
            }
        }
    }

    #[test]
    fn deprived_wards_see_more_people() {
        let truth = small_truth();
        let identified = |ward| (0..8).map(|q| truth.ward_cell(ward, q, None).funnel[IDENTIFIED]).sum::<u32>();
        assert!(identified(0) > 3 * identified(1));
    }
}
