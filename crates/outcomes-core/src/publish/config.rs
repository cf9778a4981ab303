//! The release configuration (`release.json`): publication metadata, the disclosure policy, which
//! stages the hand-over and outcome tables follow, and the reference data (geography, code lists,
//! place plans, measure catalogue, contract terms). Any reference section left out is taken from
//! a previous feed (`--reference FEED`). Field by field in `docs/publishing.md`.

use crate::aggregate::{published_areas, published_periods, AreaWards, PeriodQuarters};
use crate::feed::*;
use crate::{Date, FeedDocument, Quarter};
use serde::Deserialize;
use std::collections::HashMap;

macro_rules! config_type {
    ($(#[$meta:meta])* pub struct $name:ident $body:tt) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name $body
    };
}

config_type! {
    /// `release.json`.
    pub struct ReleaseConfig {
        pub publication: ReleasePublication,
        /// When the record-level data was extracted: an event dated later is impossible.
        /// Defaults to the release date.
        #[serde(default)]
        pub extract_date: Option<Date>,
        /// Defaults to [`crate::publish::default_publish_policy`].
        #[serde(default)]
        pub disclosure: Option<DisclosurePolicy>,
        pub stages: StageRoles,
        #[serde(default)]
        pub geography: Option<Geography>,
        #[serde(default)]
        pub code_lists: Option<CodeLists>,
        #[serde(default)]
        pub place_plans: Option<Vec<PlanTerms>>,
        #[serde(default)]
        pub measures: Option<Vec<Measure>>,
        #[serde(default)]
        pub contract: Option<ContractTerms>,
    }
}

config_type! {
    /// The feed's `publication` without `status` (given by `--status`).
    pub struct ReleasePublication {
        pub title: String,
        pub publisher: String,
        pub licence: Licence,
        pub release_date: Date,
        #[serde(default)]
        pub next_release_date: Option<Date>,
        pub periods: Vec<PeriodCovered>,
        pub demonstration: bool,
        #[serde(default)]
        pub revisions: Vec<Revision>,
        pub contact: Contact,
    }
}

config_type! {
    /// Which stage ids the hand-over and outcome tables follow: each person's hand-over service
    /// is read from their row for `handover`, their outcome domain from their row for `outcome`.
    pub struct StageRoles {
        pub handover: String,
        pub outcome: String,
    }
}

config_type! {
    /// The journey's five code lists, as in the feed.
    pub struct CodeLists {
        pub stages: Vec<Category>,
        pub cohorts: Vec<Category>,
        pub domains: Vec<Category>,
        pub entry_routes: Vec<Category>,
        pub services: Vec<Category>,
    }
}

config_type! {
    /// A place plan without its actions (which come from `actions.csv`).
    pub struct PlanTerms {
        pub id: String,
        pub name: String,
        pub kind: PlanKind,
        pub district: String,
        pub wards: Vec<String>,
        pub priorities: Vec<String>,
        pub measures: Vec<String>,
    }
}

config_type! {
    /// The contract without its quarterly returns (which come from `contract.csv`).
    pub struct ContractTerms {
        pub name: String,
        pub provider: String,
        pub start_date: Date,
        pub end_date: Date,
        pub annual_outcome_payment_gbp: f64,
        pub kpis: Vec<KpiTerms>,
    }
}

config_type! {
    /// A KPI without its quarters. `counts_residents`: the actual is a count of residents, so it
    /// passes through disclosure control (a suppressed actual is published as not available).
    pub struct KpiTerms {
        pub id: String,
        pub title: String,
        pub definition: String,
        pub unit: KpiUnit,
        pub polarity: Polarity,
        pub rag: RagThresholds,
        pub payment: PaymentTerms,
        #[serde(default)]
        pub counts_residents: bool,
    }
}

impl ReleaseConfig {
    /// Reads `release.json`; a problem names the JSON path.
    pub fn from_json(bytes: &[u8]) -> Result<ReleaseConfig, String> {
        let mut deserializer = serde_json::Deserializer::from_slice(bytes);
        serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
            let path = error.path().to_string();
            let path = if path == "." { "(document)".to_owned() } else { path };
            format!("{path}: {}", error.inner())
        })
    }
}

/// The release configuration with every reference section filled in and indexed: what the
/// publisher reads the CSV files against.
#[derive(Clone, Debug)]
pub struct Setup {
    pub publication: ReleasePublication,
    pub extract_date: Date,
    pub policy: DisclosurePolicy,
    pub geography: Geography,
    pub lists: CodeLists,
    pub plans: Vec<PlanTerms>,
    pub catalogue: Vec<Measure>,
    pub contract: ContractTerms,
    /// Positions in `lists.stages`.
    pub handover_stage: usize,
    pub outcome_stage: usize,
    /// Positions of `all` and of the "other" route and service.
    pub all_cohort: usize,
    pub other_route: usize,
    pub other_service: usize,
    pub quarters: Vec<Quarter>,
    pub periods: Vec<PeriodQuarters>,
    pub areas: Vec<AreaWards>,
    pub lsoa_ward: HashMap<String, usize>,
    pub ward_index: HashMap<String, usize>,
    /// Each action's status in the reference (previous) release, by plan id and action id.
    pub previous_actions: HashMap<(String, String), ActionStatus>,
    /// Whether the publisher's proof is required (`outcomes publish --prove`).
    pub proof: Proof,
}

/// How far `outcomes publish` goes to show that hidden counts are protected (docs/disclosure.md).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Proof {
    /// The public audit must pass (what `outcomes audit` runs without the true values; its
    /// intervals may be outer, which is not a proof). It cannot tell a hidden 0 from a small
    /// count, so it lets a true 1 shown as 0 to 2 through (`outcomes publish
    /// --public-test-only`, for trial runs).
    PublicAudit,
    /// The public audit must pass, and its intervals must also give every small hidden count's
    /// true value x its margin both ways, down to max(0, x − p) and up to x + p
    /// (`audit::judge`): a failure is a proven leak. The default.
    #[default]
    Judged,
    /// The publisher's proof must pass too: every small hidden count shown, by whole-number
    /// witnesses, to be movable by its margin both ways (`audit::prove`); more is hidden until
    /// it does, or the release is refused.
    Required,
}

impl Setup {
    /// Fills sections left out of `config` from `reference` and checks what the publisher relies
    /// on; everything else is checked by `validate` on the finished feed.
    pub fn new(config: ReleaseConfig, reference: Option<&FeedDocument>) -> Result<Setup, Vec<String>> {
        let mut problems = Vec::new();
        let missing = |section: &str, problems: &mut Vec<String>| {
            problems.push(format!(
                "{section}: is missing (expected it in release.json, or a previous feed given with --reference)"
            ));
        };
        let geography = config.geography.or_else(|| reference.map(|feed| feed.geography.clone()));
        let lists = config.code_lists.or_else(|| {
            reference.map(|feed| CodeLists {
                stages: feed.journey.stages.clone(),
                cohorts: feed.journey.cohorts.clone(),
                domains: feed.journey.domains.clone(),
                entry_routes: feed.journey.entry_routes.clone(),
                services: feed.journey.services.clone(),
            })
        });
        let plans = config.place_plans.or_else(|| {
            reference.map(|feed| {
                feed.place_plans
                    .iter()
                    .map(|plan| PlanTerms {
                        id: plan.id.clone(),
                        name: plan.name.clone(),
                        kind: plan.kind,
                        district: plan.district.clone(),
                        wards: plan.wards.clone(),
                        priorities: plan.priorities.clone(),
                        measures: plan.measures.clone(),
                    })
                    .collect()
            })
        });
        let catalogue = config.measures.or_else(|| reference.map(|feed| feed.measures.catalogue.clone()));
        let contract = config.contract.or_else(|| {
            reference.map(|feed| ContractTerms {
                name: feed.contract.name.clone(),
                provider: feed.contract.provider.clone(),
                start_date: feed.contract.start_date,
                end_date: feed.contract.end_date,
                annual_outcome_payment_gbp: feed.contract.annual_outcome_payment_gbp,
                kpis: feed
                    .contract
                    .kpis
                    .iter()
                    .map(|kpi| KpiTerms {
                        id: kpi.id.clone(),
                        title: kpi.title.clone(),
                        definition: kpi.definition.clone(),
                        unit: kpi.unit,
                        polarity: kpi.polarity,
                        rag: kpi.rag.clone(),
                        payment: kpi.payment.clone(),
                        counts_residents: false,
                    })
                    .collect(),
            })
        });
        for (section, present) in [
            ("geography", geography.is_some()),
            ("code_lists", lists.is_some()),
            ("place_plans", plans.is_some()),
            ("measures", catalogue.is_some()),
            ("contract", contract.is_some()),
        ] {
            if !present {
                missing(section, &mut problems);
            }
        }
        let (Some(geography), Some(lists), Some(plans), Some(catalogue), Some(contract)) =
            (geography, lists, plans, catalogue, contract)
        else {
            return Err(problems);
        };
        let position = |list: &[Category], id: &str| list.iter().position(|item| item.id == id);
        let handover_stage = position(&lists.stages, &config.stages.handover);
        let outcome_stage = position(&lists.stages, &config.stages.outcome);
        for (field, id, found) in [
            ("stages.handover", &config.stages.handover, handover_stage),
            ("stages.outcome", &config.stages.outcome, outcome_stage),
        ] {
            if found.is_none() {
                problems.push(format!("{field}: {id:?} is not a stage of code_lists.stages (expected a stage id)"));
            }
        }
        if lists.stages.len() < 2 {
            problems.push("code_lists.stages: has fewer than 2 stages (expected at least 2)".into());
        }
        let all_cohort = position(&lists.cohorts, "all");
        if all_cohort.is_none() {
            problems
                .push("code_lists.cohorts: has no cohort \"all\" (expected everyone as a cohort of its own)".into());
        }
        if lists.cohorts.len() < 2 {
            problems.push(
                "code_lists.cohorts: has no cohort besides \"all\" (expected the cohorts each resident belongs to)"
                    .into(),
            );
        }
        let other_route = position(&lists.entry_routes, "other");
        let other_service = position(&lists.services, "other");
        for (field, found) in [("code_lists.entry_routes", other_route), ("code_lists.services", other_service)] {
            if found.is_none() {
                problems
                    .push(format!("{field}: has no item \"other\" (expected one, into which small flows are grouped)"));
            }
        }
        let quarters: Vec<Quarter> = config.publication.periods.iter().map(|p| p.period).collect();
        if quarters.is_empty() {
            problems.push("publication.periods: is empty (expected at least one quarter)".into());
        }
        if quarters.windows(2).any(|pair| pair[1] <= pair[0]) {
            problems.push("publication.periods: not oldest first, each once (expected quarters in order)".into());
        }
        let feed_plans: Vec<PlacePlan> = plans.iter().map(|terms| terms.to_plan(Vec::new())).collect();
        let areas = published_areas(&geography, &feed_plans).unwrap_or_else(|problem| {
            problems.push(format!("place_plans: {problem}"));
            Vec::new()
        });
        let ward_index: HashMap<String, usize> =
            geography.wards.iter().enumerate().map(|(i, ward)| (ward.code.clone(), i)).collect();
        let mut lsoa_ward = HashMap::new();
        for (i, lsoa) in geography.lsoas.iter().enumerate() {
            match ward_index.get(&lsoa.ward) {
                Some(&ward) => {
                    lsoa_ward.insert(lsoa.code.clone(), ward);
                }
                None => problems.push(format!(
                    "geography.lsoas[{i}].ward: {:?} is not a ward of geography.wards (expected a ward code)",
                    lsoa.ward
                )),
            }
        }
        let extract_date = config.extract_date.unwrap_or(config.publication.release_date);
        if !problems.is_empty() {
            return Err(problems);
        }
        let (Some(handover_stage), Some(outcome_stage), Some(all_cohort), Some(other_route), Some(other_service)) =
            (handover_stage, outcome_stage, all_cohort, other_route, other_service)
        else {
            return Err(vec!["the release configuration is incomplete".into()]);
        };
        Ok(Setup {
            periods: published_periods(&quarters),
            publication: config.publication,
            extract_date,
            policy: config.disclosure.unwrap_or_else(super::default_publish_policy),
            geography,
            lists,
            plans,
            catalogue,
            contract,
            handover_stage,
            outcome_stage,
            all_cohort,
            other_route,
            other_service,
            quarters,
            areas,
            lsoa_ward,
            ward_index,
            previous_actions: reference
                .map(|feed| {
                    feed.place_plans
                        .iter()
                        .flat_map(|plan| plan.actions.iter().map(move |a| ((plan.id.clone(), a.id.clone()), a.status)))
                        .collect()
                })
                .unwrap_or_default(),
            proof: Proof::default(),
        })
    }
}

impl PlanTerms {
    /// The feed's place plan, with these actions.
    pub fn to_plan(&self, actions: Vec<PlanAction>) -> PlacePlan {
        PlacePlan {
            id: self.id.clone(),
            name: self.name.clone(),
            kind: self.kind,
            district: self.district.clone(),
            wards: self.wards.clone(),
            priorities: self.priorities.clone(),
            actions,
            measures: self.measures.clone(),
        }
    }
}
