//! The anonymised feed, version 1: the document a council data team (or `outcomes publish`)
//! writes and the dashboard reads. These are the *raw* types, exactly as in the JSON; a document
//! only becomes a [`crate::Feed`] after [`crate::validate`] has checked every rule in
//! `docs/feed.md`. The doc comments here are also the descriptions in the generated JSON Schema.

use crate::{Count, Date, Period, Quarter};
use serde::{Deserialize, Serialize};

/// The schema version this build reads and writes.
pub const SCHEMA_VERSION: &str = "1.0";

macro_rules! feed_type {
    ($(#[$meta:meta])* $vis:vis struct $name:ident $body:tt) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[serde(deny_unknown_fields)]
        $vis struct $name $body
    };
    ($(#[$meta:meta])* $vis:vis enum $name:ident $body:tt) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[serde(rename_all = "snake_case")]
        $vis enum $name $body
    };
}

feed_type! {
    /// One release of the outcomes feed.
    pub struct FeedDocument {
        /// The version of this contract the document follows: "1.0".
        pub schema_version: String,
        pub publication: Publication,
        pub disclosure: DisclosurePolicy,
        /// The areas the figures are about: the county, its districts, wards and LSOAs.
        pub geography: Geography,
        /// The 22 co-produced place plans and the Cambridge City arrangement.
        pub place_plans: Vec<PlacePlan>,
        pub journey: Journey,
        /// Ward-level indicators: what each measures, and its values by period and area.
        pub measures: Measures,
        pub contract: Contract,
    }
}

// ---------------------------------------------------------------------------------------------
// Publication

feed_type! {
    /// Who publishes this release, when, under what licence, and what it covers.
    pub struct Publication {
        /// Title shown in the page header and on downloads.
        pub title: String,
        /// The organisation responsible for the statistics.
        pub publisher: String,
        /// The licence the release is published under.
        pub licence: Licence,
        /// When this release was published.
        pub release_date: Date,
        /// When the next release is planned, if known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub next_release_date: Option<Date>,
        /// The quarters this release covers, oldest first, each with its status.
        pub periods: Vec<PeriodCovered>,
        pub status: ReleaseStatus,
        /// True when the figures are invented for demonstration; every page then says so.
        pub demonstration: bool,
        /// What changed in this and earlier releases, oldest first.
        #[serde(default)]
        pub revisions: Vec<Revision>,
        /// Who to ask about the figures.
        pub contact: Contact,
    }
}

feed_type! {
    /// The licence under which the release may be reused.
    pub struct Licence {
        /// For example "Open Government Licence v3.0".
        pub name: String,
        /// The licence's web address; must start with https://.
        #[cfg_attr(feature = "schema", schemars(pattern(r"^https://")))]
        pub url: String,
    }
}

feed_type! {
    /// One quarter covered by the release.
    pub struct PeriodCovered {
        pub period: Quarter,
        pub status: PeriodStatus,
    }
}

feed_type! {
    /// Whether a quarter's figures are final, provisional (GSS symbol [p], may be revised) or a
    /// draft (not yet fit to publish: a published release may not carry it).
    pub enum PeriodStatus { Final, Provisional, Draft }
}

feed_type! {
    /// A `draft` release is for internal review; only `published` releases go on the public page.
    pub enum ReleaseStatus { Draft, Published }
}

feed_type! {
    /// A change made to figures already published.
    pub struct Revision {
        /// When the change was made; not after the release date.
        pub date: Date,
        /// What changed.
        pub what: String,
        /// Why it changed.
        pub why: String,
    }
}

feed_type! {
    /// Who answers questions about the figures.
    pub struct Contact {
        /// A team or role rather than a person, for example "Think Communities data team".
        pub name: String,
        /// An email address, for example data.team@council.gov.uk.
        #[cfg_attr(feature = "schema", schemars(pattern(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")))]
        pub email: String,
    }
}

// ---------------------------------------------------------------------------------------------
// Disclosure control

feed_type! {
    /// The statistical disclosure control applied to every count in the feed.
    pub struct DisclosurePolicy {
        /// The smallest count that may be published; counts from 1 to this minus 1 are suppressed.
        #[cfg_attr(feature = "schema", schemars(range(min = 1, max = 1000)))]
        pub minimum_count: u32,
        /// Every published count is rounded to a multiple of this base.
        #[cfg_attr(feature = "schema", schemars(range(min = 1, max = 1000)))]
        pub rounding_base: u32,
        /// The rule in plain words, for the methodology page.
        pub rule: String,
        /// The disclosure audit's protection margin (docs/disclosure.md): a reader must not be
        /// able to narrow a suppressed count x to less than max(this, ceil(x * protection_share))
        /// either side of it. Absent: 3.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "schema", schemars(range(min = 1, max = 1000)))]
        pub protection_margin: Option<u32>,
        /// The margin as a share of the suppressed count, 0 to 1. Absent: 0.5.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "schema", schemars(range(min = 0.0, max = 1.0)))]
        pub protection_share: Option<f64>,
    }
}

// ---------------------------------------------------------------------------------------------
// Geography

feed_type! {
    /// The areas the figures are about.
    pub struct Geography {
        /// The whole programme area (Cambridgeshire and Peterborough).
        pub county: NamedArea,
        /// The district councils and unitary authorities in the programme area.
        pub districts: Vec<District>,
        /// The electoral wards, each in one district.
        pub wards: Vec<Ward>,
        /// The LSOAs, each assigned to one ward, with their deprivation deciles.
        pub lsoas: Vec<Lsoa>,
    }
}

feed_type! {
    /// The whole programme area.
    pub struct NamedArea {
        /// GSS code: E47 (combined authority), E10 (county) or E11 and six digits, for example E47000008.
        #[cfg_attr(feature = "schema", schemars(pattern(r"^E(10|11|47)[0-9]{6}$")))]
        pub code: String,
        /// For example "Cambridgeshire and Peterborough".
        pub name: String,
    }
}

feed_type! {
    /// A district council area, or a unitary authority (Peterborough).
    pub struct District {
        /// GSS code: E07 for a district, E06 for a unitary authority (E08, E09 elsewhere), and six digits.
        #[cfg_attr(feature = "schema", schemars(pattern(r"^E0[6-9][0-9]{6}$")))]
        pub code: String,
        /// For example "Fenland".
        pub name: String,
    }
}

feed_type! {
    /// An electoral ward.
    pub struct Ward {
        /// GSS ward code, E05 followed by six digits.
        #[cfg_attr(feature = "schema", schemars(pattern(r"^E05[0-9]{6}$")))]
        pub code: String,
        /// For example "Waterlees Village".
        pub name: String,
        /// Code of the district the ward lies in.
        pub district: String,
    }
}

feed_type! {
    /// A Lower layer Super Output Area (about 1,500 residents) with its deprivation.
    pub struct Lsoa {
        /// GSS LSOA code, E01 followed by six digits.
        #[cfg_attr(feature = "schema", schemars(pattern(r"^E01[0-9]{6}$")))]
        pub code: String,
        /// For example "Fenland 002C".
        pub name: String,
        /// Code of the ward the LSOA is assigned to.
        pub ward: String,
        /// IMD 2019 national decile: 1 = most deprived 10% of LSOAs in England.
        #[cfg_attr(feature = "schema", schemars(range(min = 1, max = 10)))]
        pub imd_national_decile: u8,
        /// IMD 2019 decile ranked within the district: 1 = most deprived 10% locally.
        #[cfg_attr(feature = "schema", schemars(range(min = 1, max = 10)))]
        pub imd_local_decile: u8,
        /// Households in the LSOA (a denominator, not a count of programme participants).
        pub households: u32,
    }
}

// ---------------------------------------------------------------------------------------------
// Place plans

feed_type! {
    /// A place plan: the priorities and actions agreed with a community for a group of wards.
    pub struct PlacePlan {
        /// Stable identifier, also used as the plan's area code in journey and measure tables.
        #[cfg_attr(feature = "schema", schemars(pattern(r"^[a-z0-9][a-z0-9_-]{0,63}$")))]
        pub id: String,
        /// For example "Wisbech and March place plan".
        pub name: String,
        pub kind: PlanKind,
        /// Code of the district the plan belongs to.
        pub district: String,
        /// Codes of the wards the plan covers, all in the plan's district.
        pub wards: Vec<String>,
        /// The plan's priorities, in the community's words.
        pub priorities: Vec<String>,
        /// What partners have agreed to do, with due dates and progress.
        pub actions: Vec<PlanAction>,
        /// Ids of the measures the plan tracks; the first is its headline measure.
        pub measures: Vec<String>,
    }
}

feed_type! {
    /// One of the 22 co-produced place plans, or the bespoke Cambridge City arrangement.
    pub enum PlanKind { PlacePlan, CityArrangement }
}

feed_type! {
    /// One action of a place plan.
    pub struct PlanAction {
        /// Unique within the plan.
        pub id: String,
        /// What will be done.
        pub title: String,
        pub lead_partner_type: PartnerType,
        /// When the action is due.
        pub due_date: Date,
        pub status: ActionStatus,
        /// Optional: the action's status in the previous release, so the dashboard can say which
        /// actions are newly at risk. Left out when not known (a new action, or a first release).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub previous_status: Option<ActionStatus>,
    }
}

feed_type! {
    /// The kind of partner leading an action (vcs: voluntary and community sector; dwp: Department for Work and Pensions).
    pub enum PartnerType { Council, Health, Police, Vcs, Housing, Dwp, Education, Community }
}

feed_type! {
    /// Progress of a plan action.
    pub enum ActionStatus { NotStarted, OnTrack, AtRisk, Complete }
}

// ---------------------------------------------------------------------------------------------
// Life journey

feed_type! {
    /// The residents' life journey: stage definitions and the counts at every published level.
    pub struct Journey {
        /// Stages in journey order; every later stage is a subset of the one before.
        pub stages: Vec<Category>,
        /// Cohorts; one must have the id "all" (everyone, published in its own right, not a sum).
        pub cohorts: Vec<Category>,
        /// Domains of need for outcomes.
        pub domains: Vec<Category>,
        /// Entry routes ("front doors"); flows too small to publish are grouped in a route "other".
        pub entry_routes: Vec<Category>,
        /// Services people are handed over to; small flows are grouped in a service "other".
        pub services: Vec<Category>,
        /// People reaching each stage, one row per period, area and cohort; `counts` follows `stages`.
        pub funnel: Vec<CountRow>,
        /// People entering by each route; `counts` follows `entry_routes`.
        pub entries: Vec<CountRow>,
        /// Warm hand-overs to each service; `counts` follows `services`.
        pub handovers: Vec<CountRow>,
        /// People achieving an outcome in each domain of need; `counts` follows `domains`.
        pub outcomes: Vec<CountRow>,
    }
}

feed_type! {
    /// An item of a code list (stage, cohort, domain, entry route, service).
    pub struct Category {
        /// Lower-case letters, digits, hyphens and underscores, unique within its list.
        #[cfg_attr(feature = "schema", schemars(pattern(r"^[a-z0-9][a-z0-9_-]{0,63}$")))]
        pub id: String,
        /// The label shown on the dashboard.
        pub name: String,
        /// What it means, in plain words.
        pub definition: String,
    }
}

feed_type! {
    /// Counts for one period, area and cohort, in the order of the matching code list.
    pub struct CountRow {
        /// A quarter covered by the release, or a financial year all of whose quarters it covers.
        pub period: Period,
        /// Code of the county, a district, a ward, or a place plan id.
        pub area: String,
        /// Id of a cohort in journey.cohorts.
        pub cohort: String,
        /// One count per item of the table's code list, in its order.
        pub counts: Vec<Count>,
    }
}

// ---------------------------------------------------------------------------------------------
// Ward measures

feed_type! {
    /// Ward-level indicators of social mobility and need.
    pub struct Measures {
        /// What each measure is.
        pub catalogue: Vec<Measure>,
        /// Numerator and denominator of a measure for one period and area.
        pub values: Vec<MeasureValue>,
    }
}

feed_type! {
    /// One measure of the catalogue.
    pub struct Measure {
        /// Lower-case letters, digits, hyphens and underscores, unique in the catalogue.
        #[cfg_attr(feature = "schema", schemars(pattern(r"^[a-z0-9][a-z0-9_-]{0,63}$")))]
        pub id: String,
        /// The measure's name as shown on the dashboard.
        pub title: String,
        /// What it measures, in plain words.
        pub definition: String,
        /// What the numerator counts.
        pub numerator: String,
        /// What the denominator counts.
        pub denominator: String,
        pub unit: MeasureUnit,
        pub polarity: Polarity,
        /// Where the figures come from.
        pub source: String,
    }
}

feed_type! {
    /// How a measure is shown: a percentage of the denominator, or a rate per 1,000 of it.
    pub enum MeasureUnit {
        Percentage,
        // serde's snake_case would write "rate_per1000"; the digits deserve their own word.
        #[serde(rename = "rate_per_1000")]
        RatePer1000,
    }
}

feed_type! {
    /// Whether a higher value is better, worse, or neither.
    pub enum Polarity { HigherIsBetter, LowerIsBetter, NoJudgement }
}

feed_type! {
    /// A measure's value for one period and area, as a published numerator and denominator.
    pub struct MeasureValue {
        /// Id of a measure in measures.catalogue.
        pub measure: String,
        pub period: Quarter,
        /// Code of the county, a district, a ward, or a place plan id.
        pub area: String,
        /// Published (rounded or suppressed) numerator; for a percentage, at most the denominator.
        pub numerator: Count,
        /// Published (rounded or suppressed) denominator.
        pub denominator: Count,
    }
}

// ---------------------------------------------------------------------------------------------
// VCS Infrastructure Support contract

feed_type! {
    /// The outcomes-based VCS Infrastructure Support contract.
    pub struct Contract {
        /// For example "VCS Infrastructure Support".
        pub name: String,
        /// The organisation holding the contract.
        pub provider: String,
        /// When the contract starts.
        pub start_date: Date,
        /// When the contract ends; after the start date.
        pub end_date: Date,
        /// The most that can be earned in outcome payments in one financial year, in pounds.
        #[cfg_attr(feature = "schema", schemars(range(min = 0, max = 10_000_000_000.0)))]
        pub annual_outcome_payment_gbp: f64,
        /// The key performance indicators outcome payments depend on.
        pub kpis: Vec<Kpi>,
    }
}

feed_type! {
    /// A key performance indicator of the contract.
    pub struct Kpi {
        /// Lower-case letters, digits, hyphens and underscores, unique in the contract.
        #[cfg_attr(feature = "schema", schemars(pattern(r"^[a-z0-9][a-z0-9_-]{0,63}$")))]
        pub id: String,
        /// The KPI's name as shown on the dashboard.
        pub title: String,
        /// What is counted, in plain words.
        pub definition: String,
        pub unit: KpiUnit,
        pub polarity: Polarity,
        pub rag: RagThresholds,
        pub payment: PaymentTerms,
        /// Quarter by quarter, oldest first.
        pub quarters: Vec<KpiQuarter>,
    }
}

feed_type! {
    /// Whether targets and actuals are counts or percentages (0 to 100).
    pub enum KpiUnit { Count, Percentage }
}

feed_type! {
    /// RAG status from achievement (actual / target, or target / actual when lower is better).
    pub struct RagThresholds {
        /// Achievement at or above this is green, for example 1.0 (target met).
        pub green_from: f64,
        /// Achievement at or above this (and below green) is amber, for example 0.9; below is red.
        pub amber_from: f64,
    }
}

feed_type! {
    /// How much of the outcome payment the KPI carries, and how achievement is paid.
    pub struct PaymentTerms {
        /// Share of the annual outcome payment attached to this KPI (weights add up to at most 1).
        #[cfg_attr(feature = "schema", schemars(range(min = 0, max = 1)))]
        pub weight: f64,
        /// Achievement is paid up to this ratio, for example 1.0 (no reward for over-delivery).
        #[cfg_attr(feature = "schema", schemars(range(min = 0, max = 10)))]
        pub cap: f64,
    }
}

feed_type! {
    /// A KPI's target and actual for one quarter.
    pub struct KpiQuarter {
        pub period: Quarter,
        /// More than 0; at most 100 for a percentage.
        pub target: f64,
        /// Null until the quarter is reported (shown as [x], not available).
        pub actual: Option<f64>,
    }
}
