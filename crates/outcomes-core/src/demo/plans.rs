//! The 22 co-produced place plans and the bespoke Cambridge City arrangement.
//!
//! Plans go where deprivation is: in each district the wards are ranked (share of LSOAs in
//! national deciles 1-2, then mean decile), wards of one town are taken together, and the most
//! deprived towns or wards get a plan. Priorities, actions and statuses are invented, phrased
//! after the programme's six themes and the actions in the 2021 workshop personas.

use super::geography::{most_deprived_first, DemoGeography, DemoWard, CAMBRIDGE, DISTRICTS};
use super::measures::{lower_is_better, measure_id, MeasureTruth, MEASURE_COUNT};
use super::random::{Noise, Sequence};
use crate::{ActionStatus, Date, PartnerType, PlacePlan, PlanAction, PlanKind};

/// How many place plans the programme co-produced (the Cambridge arrangement is extra).
pub(super) const PLACE_PLAN_COUNT: usize = 22;
const MOST_WARDS_PER_PLAN: usize = 4;
const CITY_ARRANGEMENT_NAME: &str = "Cambridge City bespoke arrangement";

/// Towns (and Peterborough neighbourhoods) recognised from their wards' names:
/// (district index, name, ward names or prefixes). Names are compared in lower case with "&"
/// read as "and"; a pattern matches a ward named exactly so or starting with it and a space.
const LOCALITIES: [(usize, &str, &[&str]); 18] = [
    (
        2,
        "Wisbech",
        &["wisbech", "waterlees village", "staithe", "medworth", "clarkson", "peckover", "octavia hill", "kirkgate"],
    ),
    (2, "March", &["march"]),
    (2, "Whittlesey", &["whittlesey", "bassenhally", "lattersey", "st andrews", "stonald"]),
    (2, "Chatteris", &["chatteris", "birch", "slade lode", "the mills", "wenneye"]),
    (1, "Ely", &["ely"]),
    (1, "Littleport", &["littleport"]),
    (1, "Soham", &["soham"]),
    (3, "Huntingdon", &["huntingdon"]),
    (3, "St Neots", &["st neots"]),
    (3, "St Ives", &["st ives"]),
    (3, "Ramsey", &["ramsey"]),
    (3, "Godmanchester", &["godmanchester"]),
    (5, "Millfield and New England", &["central", "north"]),
    (5, "Dogsthorpe and Paston", &["dogsthorpe", "paston and walton"]),
    (5, "Bretton and Ravensthorpe", &["bretton", "ravensthorpe", "west"]),
    (5, "The Ortons", &["orton"]),
    (5, "Fletton and Stanground", &["fletton and stanground", "stanground south"]),
    (5, "Peterborough East", &["east"]),
];

/// A town plan leaves out its town's affluent wards (mean national decile above this), unless
/// the town has nothing else: the plans target deprivation, not whole towns.
const MOST_AFFLUENT_DECILE_IN_A_TOWN_PLAN: f64 = 8.0;

/// Peterborough's inner wards have compass names; a plan called "Park" needs its city.
const GENERIC_WARD_NAMES: [&str; 6] = ["central", "east", "north", "south", "west", "park"];

/// A plan of the demonstration (its figures are added up over `plan.wards` by
/// `crate::aggregate::published_areas`, as `outcomes publish` does).
#[derive(Clone, Debug)]
pub(super) struct DemoPlan {
    pub(super) plan: PlacePlan,
}

/// Everything the plans need from the rest of the generator.
pub(super) struct PlanInputs<'a> {
    pub(super) geography: &'a DemoGeography,
    pub(super) measures: &'a MeasureTruth,
    /// The programme quarter whose measures decide each plan's headline.
    pub(super) latest_quarter: usize,
    pub(super) release_date: Date,
    pub(super) noise: Noise,
}

pub(super) fn place_plans(inputs: &PlanInputs) -> Vec<DemoPlan> {
    let geography = inputs.geography;
    let plan_counts = plans_per_district(geography);
    let mut plans = Vec::new();
    for (district, &count) in plan_counts.iter().enumerate() {
        if district == CAMBRIDGE {
            plans.push(city_arrangement(inputs));
            continue;
        }
        for (rank, (name, wards)) in localities(geography, district).into_iter().take(count).enumerate() {
            let key = [district as u64, rank as u64];
            plans.push(build_plan(inputs, &name, PlanKind::PlacePlan, district, wards, key));
        }
    }
    make_ids_unique(&mut plans);
    plans
}

/// Four plans per district outside Cambridge, and one more for each of the two districts with
/// the most LSOAs in the most deprived 20% nationally: 4 x 5 + 2 = 22.
fn plans_per_district(geography: &DemoGeography) -> Vec<usize> {
    let deprived_lsoas = |district: usize| {
        geography
            .lsoas
            .iter()
            .filter(|lsoa| lsoa.national_decile <= 2 && geography.wards[lsoa.ward].district == district)
            .count()
    };
    let mut counts = vec![4; DISTRICTS.len()];
    counts[CAMBRIDGE] = 0;
    let mut order: Vec<usize> = (0..DISTRICTS.len()).filter(|&d| d != CAMBRIDGE).collect();
    order.sort_by_key(|&district| (std::cmp::Reverse(deprived_lsoas(district)), district));
    for &district in order.iter().take(PLACE_PLAN_COUNT - 4 * order.len()) {
        counts[district] += 1;
    }
    counts
}

/// The district's localities, most deprived first: a town (its most deprived wards, at most
/// four) or a single ward that belongs to no recognised town.
fn localities(geography: &DemoGeography, district: usize) -> Vec<(String, Vec<usize>)> {
    let mut wards = geography.wards_of(district);
    wards.sort_by(|&a, &b| most_deprived_first(&geography.wards, a, b));
    let mut found: Vec<(String, Vec<usize>)> = Vec::new();
    for ward in wards {
        let name = locality_name(&geography.wards[ward]);
        let affluent = geography.wards[ward].mean_national_decile > MOST_AFFLUENT_DECILE_IN_A_TOWN_PLAN;
        match found.iter_mut().find(|(existing, _)| *existing == name) {
            Some((_, members)) if members.len() < MOST_WARDS_PER_PLAN && !affluent => members.push(ward),
            Some(_) => {}
            None => found.push((name, vec![ward])),
        }
    }
    found
}

fn locality_name(ward: &DemoWard) -> String {
    let normalised = ward.name.to_lowercase().replace('&', "and");
    let matches = |pattern: &str| normalised == pattern || normalised.starts_with(&format!("{pattern} "));
    if let Some((_, town, _)) = LOCALITIES
        .iter()
        .find(|(district, _, patterns)| *district == ward.district && patterns.iter().any(|p| matches(p)))
    {
        return (*town).to_owned();
    }
    if GENERIC_WARD_NAMES.contains(&normalised.as_str()) {
        return format!("{} {}", DISTRICTS[ward.district].1, ward.name);
    }
    ward.name.clone()
}

fn city_arrangement(inputs: &PlanInputs) -> DemoPlan {
    let geography = inputs.geography;
    let mut wards = geography.wards_of(CAMBRIDGE);
    wards.sort_by(|&a, &b| most_deprived_first(&geography.wards, a, b));
    wards.truncate(MOST_WARDS_PER_PLAN);
    build_plan(inputs, CITY_ARRANGEMENT_NAME, PlanKind::CityArrangement, CAMBRIDGE, wards, [CAMBRIDGE as u64, 0])
}

fn build_plan(
    inputs: &PlanInputs,
    name: &str,
    kind: PlanKind,
    district: usize,
    wards: Vec<usize>,
    key: [u64; 2],
) -> DemoPlan {
    let mut choices = inputs.noise.sequence("plan", &key);
    // A separate sequence for the previous release's statuses, so adding them changed nothing else.
    let mut history = inputs.noise.sequence("plan-history", &key);
    let place = match kind {
        PlanKind::CityArrangement => "Cambridge",
        PlanKind::PlacePlan => name,
    };
    let id = match kind {
        PlanKind::CityArrangement => "plan-cambridge-city".to_owned(),
        PlanKind::PlacePlan => format!("plan-{}", slug(name)),
    };
    let plan = PlacePlan {
        id,
        name: name.to_owned(),
        kind,
        district: DISTRICTS[district].0.to_owned(),
        wards: wards.iter().map(|&w| inputs.geography.wards[w].code.clone()).collect(),
        priorities: priorities(place, &mut choices),
        actions: actions(place, inputs.release_date, &mut choices, &mut history),
        measures: plan_measures(inputs, &wards, &mut choices),
    };
    DemoPlan { plan }
}

/// Lower-case letters, digits and single hyphens: "King's Hedges" becomes "kings-hedges".
fn slug(name: &str) -> String {
    let mut slug = String::new();
    for ch in name.to_lowercase().replace('&', "and").chars() {
        if ch.is_ascii_alphanumeric() {
            slug.push(ch);
        } else if ch == '\'' || ch == '\u{2019}' {
            continue;
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_owned()
}

/// Two towns of the same name in different districts would clash: add the district then.
fn make_ids_unique(plans: &mut [DemoPlan]) {
    for i in 0..plans.len() {
        if plans[..i].iter().any(|earlier| earlier.plan.id == plans[i].plan.id) {
            let district = DISTRICTS.iter().position(|(code, _)| *code == plans[i].plan.district).unwrap_or(0);
            plans[i].plan.id = format!("{}-{}", plans[i].plan.id, slug(DISTRICTS[district].1));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Priorities and actions

/// Two concrete phrasings for each of the strategy's six themes.
const PRIORITIES: [[&str; 2]; 6] = [
    [
        "Personalisation at scale: one holistic assessment shared by every partner, so households in {place} tell their story once",
        "Personalisation at scale: whole-family plans for households in {place} juggling debt, work and caring",
    ],
    [
        "Navigating the system: a named lead worker for every household working with three or more services",
        "Navigating the system: one local front door in {place}, with no wrong door for residents",
    ],
    [
        "Re-direction between services: warm hand-overs between housing, DWP and Early Help within five working days",
        "Re-direction between services: every service asks about other needs and refers on, with consent",
    ],
    [
        "Prevention and early intervention: contact households at the first missed rent or council tax payment",
        "Prevention and early intervention: support children at risk of disengaging from school before it becomes exclusion",
    ],
    [
        "Targeted activity: outreach in the streets of {place} where the shared data shows most need",
        "Targeted activity: devices, data and skills for households in {place} without home broadband",
    ],
    [
        "Partnership delivery: a monthly place team of council, health, police, housing and voluntary partners",
        "Partnership delivery: community groups and volunteers in {place} co-deliver the plan with public services",
    ],
];

pub(super) fn priorities(place: &str, choices: &mut Sequence) -> Vec<String> {
    let count = choices.inclusive(2, 3) as usize;
    choices
        .distinct_indices(PRIORITIES.len(), count)
        .into_iter()
        .map(|theme| {
            let phrasing = PRIORITIES[theme][choices.inclusive(0, 1) as usize];
            phrasing.replace("{place}", place)
        })
        .collect()
}

const ACTIONS: [(&str, PartnerType); 18] = [
    ("Co-locate a DWP work coach at the {place} community hub one day a week", PartnerType::Dwp),
    ("Apprenticeship and work-experience offer with local employers for 16 to 24 year olds", PartnerType::Dwp),
    (
        "Social landlords contact tenants at the first missed rent payment and offer a warm hand-over to debt advice",
        PartnerType::Housing,
    ),
    ("Door-knocking outreach in the streets with the highest rent arrears", PartnerType::Housing),
    ("Two-way social prescribing pathway between {place} GP practices and community groups", PartnerType::Health),
    ("Health checks and stop-smoking sessions at the community hub", PartnerType::Health),
    ("Joint action plan with residents on fly-tipping and anti-social behaviour hotspots", PartnerType::Police),
    (
        "Community safety walkabouts with police, the district council and the residents' association",
        PartnerType::Police,
    ),
    (
        "Laptops and affordable data for families through {place} schools and the Cambridgeshire Digital Partnership",
        PartnerType::Education,
    ),
    ("Holiday activities and food places for every child eligible for free school meals", PartnerType::Education),
    ("Mental Health First Aid training for library and community centre staff", PartnerType::Council),
    (
        "Monthly place team meeting with one shared list of households needing a joined-up response",
        PartnerType::Council,
    ),
    ("Information sharing agreement signed by every place team partner", PartnerType::Council),
    ("Citizens Advice outreach sessions on income maximisation and budgeting", PartnerType::Vcs),
    ("Volunteer-run community cafe with peer support and advice drop-ins", PartnerType::Vcs),
    ("Community connector recruited and embedded in the {place} place team", PartnerType::Community),
    ("Youth club and parenting course offer linked to the place-based Early Help worker", PartnerType::Community),
    ("Warm spaces and winter support information in community buildings", PartnerType::Community),
];

pub(super) fn actions(
    place: &str,
    release_date: Date,
    choices: &mut Sequence,
    history: &mut Sequence,
) -> Vec<PlanAction> {
    let count = choices.inclusive(3, 6) as usize;
    let mut chosen: Vec<(usize, Date)> = choices
        .distinct_indices(ACTIONS.len(), count)
        .into_iter()
        .map(|template| (template, due_date(choices)))
        .collect();
    chosen.sort_by_key(|&(template, due)| (due, template));
    chosen
        .into_iter()
        .enumerate()
        .map(|(position, (template, due_date))| {
            let (title, lead_partner_type) = ACTIONS[template];
            let status = action_status(due_date, release_date, choices);
            PlanAction {
                id: format!("action-{}", position + 1),
                title: title.replace("{place}", place),
                lead_partner_type,
                due_date,
                status,
                previous_status: Some(previous_status(status, history)),
            }
        })
        .collect()
}

/// A date from January 2025 to December 2027.
fn due_date(choices: &mut Sequence) -> Date {
    let month_index = choices.inclusive(0, 35);
    let year = 2025 + (month_index / 12) as u16;
    let month = (month_index % 12) as u8 + 1;
    let day = choices.inclusive(1, 28) as u8;
    Date::new(year, month, day).unwrap_or(Date { year, month, day: 1 })
}

/// Mostly complete once due, but some overdue actions are still open; the nearer an action's
/// due date, the likelier it has started and the likelier it is at risk.
fn action_status(due: Date, release_date: Date, choices: &mut Sequence) -> ActionStatus {
    let draw = choices.unit();
    let months_ahead = (i32::from(due.year) - i32::from(release_date.year)) * 12 + i32::from(due.month)
        - i32::from(release_date.month);
    if due < release_date {
        match draw {
            d if d < 0.68 => ActionStatus::Complete,
            d if d < 0.88 => ActionStatus::AtRisk,
            _ => ActionStatus::OnTrack,
        }
    } else if months_ahead <= 6 {
        match draw {
            d if d < 0.08 => ActionStatus::Complete,
            d if d < 0.58 => ActionStatus::OnTrack,
            d if d < 0.83 => ActionStatus::AtRisk,
            _ => ActionStatus::NotStarted,
        }
    } else {
        match draw {
            d if d < 0.40 => ActionStatus::OnTrack,
            d if d < 0.50 => ActionStatus::AtRisk,
            _ => ActionStatus::NotStarted,
        }
    }
}

/// The status a quarter earlier: most actions keep theirs; some at risk were on track, some
/// complete were on track, some on track had not started.
fn previous_status(status: ActionStatus, history: &mut Sequence) -> ActionStatus {
    let draw = history.unit();
    match status {
        ActionStatus::AtRisk if draw < 0.4 => ActionStatus::OnTrack,
        ActionStatus::Complete if draw < 0.25 => ActionStatus::OnTrack,
        ActionStatus::OnTrack if draw < 0.2 => ActionStatus::NotStarted,
        unchanged => unchanged,
    }
}

/// The headline is the measure on which the plan's wards compare worst with the whole county in
/// the latest quarter, measured in units of how much wards usually differ on it (so a measure
/// that varies a lot between wards does not always win); two or three others follow.
fn plan_measures(inputs: &PlanInputs, wards: &[usize], choices: &mut Sequence) -> Vec<String> {
    let headline = (0..MEASURE_COUNT)
        .max_by(|&a, &b| how_much_worse(inputs, wards, a).total_cmp(&how_much_worse(inputs, wards, b)).then(b.cmp(&a)))
        .unwrap_or(0);
    let others: Vec<usize> = (0..MEASURE_COUNT).filter(|&m| m != headline).collect();
    let count = choices.inclusive(2, 3) as usize;
    let mut chosen: Vec<usize> = choices.distinct_indices(others.len(), count).into_iter().map(|i| others[i]).collect();
    chosen.sort_unstable();
    std::iter::once(headline).chain(chosen).map(|m| measure_id(m).to_owned()).collect()
}

/// (plan value - county value) / spread of ward values, positive when the plan is worse.
fn how_much_worse(inputs: &PlanInputs, wards: &[usize], measure: usize) -> f64 {
    let quarter = inputs.latest_quarter;
    let all_wards: Vec<usize> = (0..inputs.geography.wards.len()).collect();
    let ward_values: Vec<f64> =
        all_wards.iter().filter_map(|&w| inputs.measures.area_value(measure, &[w], quarter)).collect();
    let (Some(plan), Some(county)) =
        (inputs.measures.area_value(measure, wards, quarter), inputs.measures.area_value(measure, &all_wards, quarter))
    else {
        return f64::MIN;
    };
    let mean = ward_values.iter().sum::<f64>() / ward_values.len().max(1) as f64;
    let variance = ward_values.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / ward_values.len().max(1) as f64;
    if variance <= 0.0 {
        return f64::MIN;
    }
    let worse_by = if lower_is_better(measure) { plan - county } else { county - plan };
    worse_by / variance.sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn some_actions_are_newly_at_risk_and_most_keep_their_status() {
        let feed = crate::demo::demo_feed(&crate::demo::DemoOptions::default());
        let actions: Vec<&PlanAction> = feed.place_plans.iter().flat_map(|plan| &plan.actions).collect();
        assert!(actions.iter().all(|a| a.previous_status.is_some()));
        let newly = actions.iter().filter(|a| crate::plans::is_newly_at_risk(a) == Some(true)).count();
        let still = actions.iter().filter(|a| a.status == ActionStatus::AtRisk).count() - newly;
        assert!(newly > 0 && still > 0, "{newly} newly at risk, {still} still at risk");
        let kept = actions.iter().filter(|a| a.previous_status == Some(a.status)).count();
        assert!(kept * 2 > actions.len());
    }

    #[test]
    fn slugs_are_ids() {
        assert_eq!(slug("King's Hedges"), "kings-hedges");
        assert_eq!(slug("St Neots Priory Park & Little Paxton"), "st-neots-priory-park-and-little-paxton");
        assert_eq!(slug("Peterborough East"), "peterborough-east");
    }
}
