//! The outcomes-based VCS Infrastructure Support contract: six KPIs, both units and both
//! polarities, with quarterly targets and actuals. Targets are set per financial year (as
//! contracts are), so a rising programme tends to miss early in a year and beat the target
//! later, which gives the realistic mix of green, amber and red the dashboard must show.

use super::random::Noise;
use super::PublishedPeriod;
use crate::disclosure::protect;
use crate::{
    Contract, Count, Date, DisclosurePolicy, Kpi, KpiQuarter, KpiUnit, PaymentTerms, Polarity, Quarter, RagThresholds,
};

/// County figures from the published journey, one per period, that KPIs are measured on.
#[derive(Clone, Copy, Debug)]
pub(super) struct CountyJourney {
    pub(super) identified: Count,
    pub(super) handed_over: Count,
    pub(super) engaged: Count,
    pub(super) outcome_achieved: Count,
    pub(super) outcome_sustained: Count,
}

struct KpiDefinition {
    id: &'static str,
    title: &'static str,
    definition: &'static str,
    unit: KpiUnit,
    polarity: Polarity,
    weight: f64,
    cap: f64,
    amber_from: f64,
}

const KPIS: [KpiDefinition; 6] = [
    KpiDefinition {
        id: "residents-identified",
        title: "Residents identified and offered a holistic assessment",
        definition: "Residents identified in the quarter across Cambridgeshire and Peterborough, through any front door (the journey's first stage).",
        unit: KpiUnit::Count,
        polarity: Polarity::HigherIsBetter,
        weight: 0.15,
        cap: 1.1,
        amber_from: 0.9,
    },
    KpiDefinition {
        id: "warm-handovers",
        title: "Warm hand-overs to other services",
        definition: "Residents introduced in person to at least one other service in the quarter (the journey's warm hand-over stage).",
        unit: KpiUnit::Count,
        polarity: Polarity::HigherIsBetter,
        weight: 0.20,
        cap: 1.2,
        amber_from: 0.9,
    },
    KpiDefinition {
        id: "outcomes-sustained-rate",
        title: "Outcomes sustained at 6 months",
        definition: "Residents whose outcome was still in place six months later, as a percentage of those who achieved an outcome.",
        unit: KpiUnit::Percentage,
        polarity: Polarity::HigherIsBetter,
        weight: 0.25,
        cap: 1.0,
        amber_from: 0.95,
    },
    KpiDefinition {
        id: "vcs-groups-supported",
        title: "Voluntary and community groups given infrastructure support",
        definition: "Groups helped in the quarter with funding bids, governance, safeguarding or volunteer recruitment (each group once per quarter).",
        unit: KpiUnit::Count,
        polarity: Polarity::HigherIsBetter,
        weight: 0.15,
        cap: 1.2,
        amber_from: 0.9,
    },
    KpiDefinition {
        id: "repeat-referrals",
        title: "Residents re-referred within 12 months of stepping down",
        definition: "Residents referred again in the quarter within 12 months of stepping down to community support; fewer means step-down plans held.",
        unit: KpiUnit::Count,
        polarity: Polarity::LowerIsBetter,
        weight: 0.10,
        cap: 1.1,
        amber_from: 0.9,
    },
    KpiDefinition {
        id: "handovers-not-engaged",
        title: "Warm hand-overs not taken up",
        definition: "Residents handed over to a service who did not engage with it, as a percentage of all warm hand-overs in the quarter.",
        unit: KpiUnit::Percentage,
        polarity: Polarity::LowerIsBetter,
        weight: 0.15,
        cap: 1.0,
        amber_from: 0.95,
    },
];

/// The contract section. `programme` is every modelled quarter (with `county`, its figures), so
/// that targets do not depend on how many quarters are published; `published` says which are.
pub(super) fn contract(
    programme: &[PublishedPeriod],
    county: &[CountyJourney],
    published: &[PublishedPeriod],
    policy: &DisclosurePolicy,
    noise: Noise,
) -> Contract {
    let first_published = published.first().map_or(0, |period| period.programme_quarter);
    let kpis = KPIS
        .iter()
        .enumerate()
        .map(|(index, definition)| {
            let actuals: Vec<Option<f64>> = programme
                .iter()
                .zip(county)
                .map(|(period, figures)| actual(index, period, figures, policy, noise))
                .collect();
            kpi(definition, programme, &actuals, index, first_published)
        })
        .collect();
    Contract {
        name: "VCS Infrastructure Support contract".into(),
        provider: "Support Cambridgeshire (demonstration)".into(),
        start_date: Date { year: 2024, month: 7, day: 1 },
        end_date: Date { year: 2027, month: 6, day: 30 },
        annual_outcome_payment_gbp: 200_000.0,
        kpis,
    }
}

fn kpi(
    definition: &KpiDefinition,
    periods: &[PublishedPeriod],
    actuals: &[Option<f64>],
    index: usize,
    first_published: usize,
) -> Kpi {
    let quarters = periods
        .iter()
        .zip(actuals)
        .filter(|(period, _)| period.programme_quarter >= first_published)
        .map(|(period, actual)| KpiQuarter {
            period: period.quarter,
            target: target(index, period.quarter, periods, actuals),
            actual: *actual,
        })
        .collect();
    Kpi {
        id: definition.id.into(),
        title: definition.title.into(),
        definition: definition.definition.into(),
        unit: definition.unit,
        polarity: definition.polarity,
        rag: RagThresholds { green_from: 1.0, amber_from: definition.amber_from },
        payment: PaymentTerms { weight: definition.weight, cap: definition.cap },
        quarters,
    }
}

fn actual(
    index: usize,
    period: &PublishedPeriod,
    county: &CountyJourney,
    policy: &DisclosurePolicy,
    noise: Noise,
) -> Option<f64> {
    let value = |count: Count| count.value().map(f64::from);
    let key = [index as u64, period.programme_quarter as u64];
    match index {
        0 => value(county.identified),
        1 => value(county.handed_over),
        2 => percentage(value(county.outcome_sustained)?, value(county.outcome_achieved)?),
        // Organisations, not people: not a disclosure risk, so published as counted.
        3 => Some((fixed_target(index, period.quarter) * noise.between("kpi-vcs-groups", &key, 0.82, 1.15)).round()),
        // People: through disclosure control like every other count of residents.
        4 => {
            let true_count = (fixed_target(index, period.quarter)
                * noise.between("kpi-repeat-referrals", &key, 0.85, 1.20))
            .round() as u32;
            protect(true_count, policy).value().map(f64::from)
        }
        _ => {
            let handed_over = value(county.handed_over)?;
            percentage(handed_over - value(county.engaged)?, handed_over)
        }
    }
}

fn percentage(part: f64, whole: f64) -> Option<f64> {
    (whole > 0.0).then(|| (1000.0 * part / whole).round() / 10.0)
}

/// KPIs measured on the journey get a target per financial year from the year's average with
/// some stretch; the other two have targets written into the contract.
fn target(index: usize, quarter: Quarter, periods: &[PublishedPeriod], actuals: &[Option<f64>]) -> f64 {
    let year_actuals: Vec<f64> =
        periods.iter().zip(actuals).filter(|(p, _)| p.quarter.year == quarter.year).filter_map(|(_, a)| *a).collect();
    let mean = if year_actuals.is_empty() { 1.0 } else { year_actuals.iter().sum::<f64>() / year_actuals.len() as f64 };
    match index {
        0 => round_to(mean * 1.02, 50.0),
        1 => round_to(mean * 1.03, 25.0),
        2 => round_to(mean + 1.0, 0.5),
        5 => round_to(mean - 1.0, 0.5).max(0.5),
        _ => fixed_target(index, quarter),
    }
}

/// Contract targets that step up (or down, for repeat referrals) each financial year.
fn fixed_target(index: usize, quarter: Quarter) -> f64 {
    let year = f64::from(quarter.year.saturating_sub(2024));
    match index {
        3 => 40.0 + 5.0 * year,
        _ => 60.0 - 5.0 * year,
    }
}

fn round_to(value: f64, step: f64) -> f64 {
    ((value / step).round() * step).max(step)
}
