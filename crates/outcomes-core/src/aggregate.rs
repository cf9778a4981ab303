//! What the published levels are made of: every area a table publishes (the county, its
//! districts, wards and place plans) as a set of wards, and every period (each quarter, and each
//! financial year all of whose quarters are published) as a set of quarters. True values are
//! always added up over these sets from true ward-and-quarter values, and only then protected:
//! nothing is ever added up from published (rounded or suppressed) cells.
//!
//! Used by the demonstration generator (`demo`) and by `outcomes publish` (`publish`), so both
//! publish the same levels in the same order.

use crate::{FinancialYear, Geography, PlacePlan, Quarter};
use std::collections::HashMap;

/// The kind of a published area, which also says how costly it is to hide one of its cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Level {
    County,
    District,
    Ward,
    Plan,
}

/// A published area and the wards (indices into `geography.wards`) whose true values add up to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AreaWards {
    pub code: String,
    pub level: Level,
    pub wards: Vec<usize>,
}

/// The county first, then districts, wards and place plans, in the order of the geography and
/// the plan list: every level the tables publish. A plan ward that is not in the geography is
/// an error (named in the message).
pub fn published_areas<'a>(
    geography: &Geography,
    plans: impl IntoIterator<Item = &'a PlacePlan>,
) -> Result<Vec<AreaWards>, String> {
    let ward_index: HashMap<&str, usize> =
        geography.wards.iter().enumerate().map(|(i, ward)| (ward.code.as_str(), i)).collect();
    let all_wards: Vec<usize> = (0..geography.wards.len()).collect();
    let mut areas = vec![AreaWards { code: geography.county.code.clone(), level: Level::County, wards: all_wards }];
    for district in &geography.districts {
        let wards = (0..geography.wards.len()).filter(|&w| geography.wards[w].district == district.code).collect();
        areas.push(AreaWards { code: district.code.clone(), level: Level::District, wards });
    }
    for (index, ward) in geography.wards.iter().enumerate() {
        areas.push(AreaWards { code: ward.code.clone(), level: Level::Ward, wards: vec![index] });
    }
    for plan in plans {
        let wards = plan
            .wards
            .iter()
            .map(|code| {
                ward_index.get(code.as_str()).copied().ok_or_else(|| {
                    format!("place plan {:?} covers {code:?}, which is not a ward of the geography", plan.id)
                })
            })
            .collect::<Result<Vec<usize>, String>>()?;
        areas.push(AreaWards { code: plan.id.clone(), level: Level::Plan, wards });
    }
    Ok(areas)
}

/// A published period and the quarters (positions in the list of published quarters) it covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PeriodQuarters {
    pub period: crate::Period,
    pub quarters: Vec<usize>,
}

/// Every published quarter, oldest first, then every financial year all four of whose quarters
/// are published (a year is never published part-covered).
pub fn published_periods(quarters: &[Quarter]) -> Vec<PeriodQuarters> {
    let mut periods: Vec<PeriodQuarters> = quarters
        .iter()
        .enumerate()
        .map(|(i, quarter)| PeriodQuarters { period: (*quarter).into(), quarters: vec![i] })
        .collect();
    for (year, positions) in complete_years(quarters) {
        periods.push(PeriodQuarters { period: year.into(), quarters: positions.to_vec() });
    }
    periods
}

/// Financial years all of whose quarters are in `quarters`, oldest first, with the positions of
/// their four quarters.
pub fn complete_years(quarters: &[Quarter]) -> Vec<(FinancialYear, [usize; 4])> {
    let mut years: Vec<FinancialYear> = quarters.iter().map(|q| q.financial_year()).collect();
    years.sort();
    years.dedup();
    years
        .into_iter()
        .filter_map(|year| {
            let mut positions = [0; 4];
            for (slot, quarter) in positions.iter_mut().zip(year.quarters()) {
                *slot = quarters.iter().position(|q| *q == quarter)?;
            }
            Some((year, positions))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{District, NamedArea, PlanKind, Ward};

    fn geography() -> Geography {
        let ward =
            |code: &str, district: &str| Ward { code: code.into(), name: code.into(), district: district.into() };
        Geography {
            county: NamedArea { code: "E47000008".into(), name: "County".into() },
            districts: vec![
                District { code: "E07000010".into(), name: "Fenland".into() },
                District { code: "E06000031".into(), name: "Peterborough".into() },
            ],
            wards: vec![ward("E05000001", "E07000010"), ward("E05000002", "E06000031"), ward("E05000003", "E07000010")],
            lsoas: vec![],
        }
    }

    fn plan(id: &str, wards: &[&str]) -> PlacePlan {
        PlacePlan {
            id: id.into(),
            name: id.into(),
            kind: PlanKind::PlacePlan,
            district: "E07000010".into(),
            wards: wards.iter().map(|w| (*w).into()).collect(),
            priorities: vec![],
            actions: vec![],
            measures: vec![],
        }
    }

    #[test]
    fn areas_come_county_districts_wards_then_plans() {
        let areas = published_areas(&geography(), &[plan("wisbech", &["E05000003", "E05000001"])]).unwrap();
        let summary: Vec<(&str, Level, Vec<usize>)> =
            areas.iter().map(|a| (a.code.as_str(), a.level, a.wards.clone())).collect();
        assert_eq!(
            summary,
            vec![
                ("E47000008", Level::County, vec![0, 1, 2]),
                ("E07000010", Level::District, vec![0, 2]),
                ("E06000031", Level::District, vec![1]),
                ("E05000001", Level::Ward, vec![0]),
                ("E05000002", Level::Ward, vec![1]),
                ("E05000003", Level::Ward, vec![2]),
                ("wisbech", Level::Plan, vec![2, 0]),
            ]
        );
        let unknown = published_areas(&geography(), &[plan("x", &["E05999999"])]).unwrap_err();
        assert!(unknown.contains("E05999999"), "{unknown}");
    }

    #[test]
    fn a_financial_year_is_published_only_when_all_its_quarters_are() {
        let quarters: Vec<Quarter> =
            ["2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3"].iter().map(|q| q.parse().unwrap()).collect();
        assert!(complete_years(&quarters).is_empty());
        let quarters: Vec<Quarter> =
            ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1"].iter().map(|q| q.parse().unwrap()).collect();
        let periods = published_periods(&quarters);
        assert_eq!(periods.len(), 6);
        assert_eq!(periods[5].period.to_string(), "2025-26");
        assert_eq!(periods[5].quarters, vec![0, 1, 2, 3]);
    }
}
