//! The three small inputs: ward measure numerators and denominators (`measures.csv`), the
//! contract's quarterly returns (`contract.csv`) and place-plan actions (`actions.csv`). Each row
//! is aggregated or rejected with its line and reason, like the journey rows.

use super::config::Setup;
use super::{read_rows, reject, FileReconciliation, InputError, Rejection, RowNote};
use crate::disclosure::protect;
use crate::feed::*;
use crate::{Date, Quarter};
use serde::de::DeserializeOwned;
use std::collections::{HashMap, HashSet};
use std::io::BufRead;

pub const MEASURE_COLUMNS: [&str; 5] = ["measure", "period", "ward", "numerator", "denominator"];
pub const CONTRACT_COLUMNS: [&str; 4] = ["kpi", "period", "target", "actual"];
pub const ACTION_COLUMNS: [&str; 6] = ["plan", "id", "title", "lead_partner_type", "due_date", "status"];

/// True numerator and denominator per measure, quarter and ward, where given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WardMeasures {
    pub measures: usize,
    pub quarters: usize,
    pub wards: usize,
    data: Vec<Option<(u32, u32)>>,
}

impl WardMeasures {
    /// Values from another source of true ward values (the demonstration's model).
    pub(crate) fn from_model(
        measures: usize,
        quarters: usize,
        wards: usize,
        value: impl Fn(usize, usize, usize) -> Option<(u32, u32)>,
    ) -> WardMeasures {
        let mut data = Vec::with_capacity(measures * quarters * wards);
        for measure in 0..measures {
            for quarter in 0..quarters {
                data.extend((0..wards).map(|ward| value(measure, quarter, ward)));
            }
        }
        WardMeasures { measures, quarters, wards, data }
    }

    pub fn get(&self, measure: usize, quarter: usize, ward: usize) -> Option<(u32, u32)> {
        self.data[(measure * self.quarters + quarter) * self.wards + ward]
    }
}

fn quarter_in_release(setup: &Setup, text: &str) -> Result<usize, Rejection> {
    let quarter: Quarter = text.parse().map_err(|message: String| reject("malformed", format!("period {message}")))?;
    setup.quarters.iter().position(|q| *q == quarter).ok_or_else(|| {
        reject(
            "outside-release",
            format!("period {quarter} is not a quarter of this release (expected one of publication.periods)"),
        )
    })
}

fn whole(text: &str, column: &str) -> Result<u32, Rejection> {
    text.parse::<u32>()
        .ok()
        .filter(|&value| u64::from(value) <= crate::count::MAX_COUNT)
        .ok_or_else(|| reject("malformed", format!("{column} {text:?} is not a whole number from 0 to 100,000,000")))
}

pub fn read_measures<R: BufRead>(
    setup: &Setup,
    reader: R,
    notes: &mut dyn FnMut(&RowNote),
) -> Result<(WardMeasures, FileReconciliation), InputError> {
    let measure_index: HashMap<&str, usize> =
        setup.catalogue.iter().enumerate().map(|(i, m)| (m.id.as_str(), i)).collect();
    let mut table = WardMeasures {
        measures: setup.catalogue.len(),
        quarters: setup.quarters.len(),
        wards: setup.geography.wards.len(),
        data: vec![None; setup.catalogue.len() * setup.quarters.len() * setup.geography.wards.len()],
    };
    let mut lines: HashMap<usize, u64> = HashMap::new();
    let tally = read_rows(reader, "measures.csv", &MEASURE_COLUMNS, notes, |line, field, _flags| {
        let id = field[0];
        let &measure = measure_index.get(id).ok_or_else(|| {
            reject("unknown-code", format!("measure {id:?} is not in the catalogue (expected a measure id)"))
        })?;
        let quarter = quarter_in_release(setup, field[1])?;
        let ward_code = field[2];
        let &ward = setup.ward_index.get(ward_code).ok_or_else(|| {
            reject("unknown-ward", format!("ward {ward_code:?} is not a ward of the geography (expected a ward code)"))
        })?;
        let numerator = whole(field[3], "numerator")?;
        let denominator = whole(field[4], "denominator")?;
        if setup.catalogue[measure].unit == MeasureUnit::Percentage && numerator > denominator {
            return Err(reject(
                "impossible-value",
                format!(
                    "numerator {numerator} is more than the denominator {denominator} (expected a part of the whole)"
                ),
            ));
        }
        let slot = (measure * table.quarters + quarter) * table.wards + ward;
        if let Some(first) = lines.get(&slot) {
            return Err(reject(
                "duplicate-event",
                format!("{id} / {} / {ward_code} is already given at line {first}", field[1]),
            ));
        }
        lines.insert(slot, line);
        table.data[slot] = Some((numerator, denominator));
        Ok(())
    })?;
    Ok((table, tally))
}

/// The KPIs with their quarters, oldest first.
pub fn read_contract<R: BufRead>(
    setup: &Setup,
    reader: R,
    notes: &mut dyn FnMut(&RowNote),
) -> Result<(Vec<Kpi>, FileReconciliation), InputError> {
    let kpi_index: HashMap<&str, usize> =
        setup.contract.kpis.iter().enumerate().map(|(i, k)| (k.id.as_str(), i)).collect();
    let mut quarters: Vec<Vec<(usize, KpiQuarter, u64)>> = vec![Vec::new(); setup.contract.kpis.len()];
    let tally = read_rows(reader, "contract.csv", &CONTRACT_COLUMNS, notes, |line, field, _flags| {
        let id = field[0];
        let &kpi = kpi_index.get(id).ok_or_else(|| {
            reject("unknown-code", format!("kpi {id:?} is not a KPI of the contract (expected a KPI id)"))
        })?;
        let quarter = quarter_in_release(setup, field[1])?;
        let number = |text: &str, column: &str| -> Result<f64, Rejection> {
            text.parse::<f64>()
                .ok()
                .filter(|value| value.is_finite() && *value >= 0.0)
                .ok_or_else(|| reject("malformed", format!("{column} {text:?} is not a number of 0 or more")))
        };
        let target = number(field[2], "target")?;
        let terms = &setup.contract.kpis[kpi];
        let actual = match field[3] {
            "" => None,
            text => {
                let value = number(text, "actual")?;
                if terms.counts_residents {
                    // A count of residents: through disclosure control, like every other.
                    protect(value.round() as u32, &setup.policy).value().map(f64::from)
                } else {
                    Some(value)
                }
            }
        };
        if let Some((_, _, first)) = quarters[kpi].iter().find(|(q, _, _)| *q == quarter) {
            return Err(reject("duplicate-event", format!("{id} / {} is already given at line {first}", field[1])));
        }
        quarters[kpi].push((quarter, KpiQuarter { period: setup.quarters[quarter], target, actual }, line));
        Ok(())
    })?;
    let kpis = setup
        .contract
        .kpis
        .iter()
        .zip(quarters)
        .map(|(terms, mut rows)| {
            rows.sort_by_key(|(quarter, _, _)| *quarter);
            Kpi {
                id: terms.id.clone(),
                title: terms.title.clone(),
                definition: terms.definition.clone(),
                unit: terms.unit,
                polarity: terms.polarity,
                rag: terms.rag.clone(),
                payment: terms.payment.clone(),
                quarters: rows.into_iter().map(|(_, quarter, _)| quarter).collect(),
            }
        })
        .collect();
    Ok((kpis, tally))
}

/// A word of a fixed list (`on_track`, `vcs`), read as the feed reads it.
fn word<T: DeserializeOwned>(text: &str, column: &str, allowed: &str) -> Result<T, Rejection> {
    serde_json::from_value(serde_json::Value::String(text.to_owned()))
        .map_err(|_| reject("unknown-code", format!("{column} {text:?} is not allowed (expected one of: {allowed})")))
}

/// Each plan's actions, in file order.
pub fn read_actions<R: BufRead>(
    setup: &Setup,
    reader: R,
    notes: &mut dyn FnMut(&RowNote),
) -> Result<(Vec<Vec<PlanAction>>, FileReconciliation), InputError> {
    let plan_index: HashMap<&str, usize> = setup.plans.iter().enumerate().map(|(i, p)| (p.id.as_str(), i)).collect();
    let mut actions: Vec<Vec<PlanAction>> = vec![Vec::new(); setup.plans.len()];
    let mut seen: HashSet<(usize, String)> = HashSet::new();
    let tally = read_rows(reader, "actions.csv", &ACTION_COLUMNS, notes, |_line, field, _flags| {
        let plan_id = field[0];
        let &plan = plan_index.get(plan_id).ok_or_else(|| {
            reject("unknown-code", format!("plan {plan_id:?} is not a place plan of the release (expected a plan id)"))
        })?;
        let id = field[1];
        let title = field[2];
        if id.is_empty() || title.is_empty() {
            return Err(reject("missing-value", "id and title are needed (expected text)"));
        }
        let lead_partner_type: PartnerType =
            word(field[3], "lead_partner_type", "council, health, police, vcs, housing, dwp, education, community")?;
        let due_text = field[4];
        let due_date: Date = due_text.parse().map_err(|_| {
            reject(
                "impossible-date",
                format!("due_date {due_text:?} is not a date (expected an existing date as YYYY-MM-DD)"),
            )
        })?;
        let status: ActionStatus = word(field[5], "status", "not_started, on_track, at_risk, complete")?;
        if !seen.insert((plan, id.to_owned())) {
            return Err(reject("duplicate-event", format!("action {id:?} of plan {plan_id:?} is given twice")));
        }
        // The action's status in the reference (previous) release, when one is given.
        let previous_status = setup.previous_actions.get(&(plan_id.to_owned(), id.to_owned())).copied();
        actions[plan].push(PlanAction {
            id: id.into(),
            title: title.into(),
            lead_partner_type,
            due_date,
            status,
            previous_status,
        });
        Ok(())
    })?;
    Ok((actions, tally))
}
