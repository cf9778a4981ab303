//! The anonymised feed, version 1: the document a council data team (or `outcomes publish`)
//! writes and the dashboard reads. These are the *raw* types, exactly as in the JSON; a document
//! only becomes a [`crate::Feed`] after [`crate::validate`] has checked every rule in
//! `docs/feed.md`. The doc comments here are also the descriptions in the generated JSON Schema.

use crate::{Count, Date, Quarter};
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
        pub geography: Geography,
        /// The 22 co-produced place plans and the Cambridge City arrangement.
        pub place_plans: Vec<PlacePlan>,
        pub journey: Journey,
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
        pub licence: Licence,
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
        pub contact: Contact,
    }
}

feed_type! {
    pub struct Licence {
        /// For example "Open Government Licence v3.0".
        pub name: String,
        pub url: String,
    }
}

feed_type! {
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
    pub struct Revision {
        pub date: Date,
        /// What changed.
        pub what: String,
        /// Why it changed.
        pub why: String,
    }
}

feed_type! {
    pub struct Contact {
        pub name: String,
        pub email: String,
    }
}

// ---------------------------------------------------------------------------------------------
// Disclosure control

feed_type! {
    /// The statistical disclosure control applied to every count in the feed.
    pub struct DisclosurePolicy {
        /// The smallest count that may be published; counts from 1 to this minus 1 are suppressed.
        pub minimum_count: u32,
        /// Every published count is rounded to a multiple of this base.
        pub rounding_base: u32,
        /// The rule in plain words, for the methodology page.
        pub rule: String,
    }
}

// ---------------------------------------------------------------------------------------------
// Geography

feed_type! {
    pub struct Geography {
        /// The whole programme area (Cambridgeshire and Peterborough).
        pub county: NamedArea,
        pub districts: Vec<District>,
        pub wards: Vec<Ward>,
        pub lsoas: Vec<Lsoa>,
    }
}

feed_type! {
    pub struct NamedArea {
        /// GSS code, for example E47000008.
        pub code: String,
        pub name: String,
    }
}

feed_type! {
    /// A district council area, or a unitary authority (Peterborough).
    pub struct District {
        /// GSS code: E07 for a district, E06 for a unitary authority.
        pub code: String,
        pub name: String,
    }
}

feed_type! {
    /// An electoral ward.
    pub struct Ward {
        /// GSS ward code, E05 followed by six digits.
        pub code: String,
        pub name: String,
        /// Code of the district the ward lies in.
        pub district: String,
    }
}

feed_type! {
    /// A Lower layer Super Output Area (about 1,500 residents) with its deprivation.
    pub struct Lsoa {
        /// GSS LSOA code, E01 followed by six digits.
        pub code: String,
        /// For example "Fenland 002C".
        pub name: String,
        /// Code of the ward the LSOA is assigned to.
        pub ward: String,
        /// IMD 2019 national decile: 1 = most deprived 10% of LSOAs in England.
        pub imd_national_decile: u8,
        /// IMD 2019 decile ranked within the district: 1 = most deprived 10% locally.
        pub imd_local_decile: u8,
        /// Households in the LSOA (a denominator, not a count of programme participants).
        pub households: u32,
    }
}

// ---------------------------------------------------------------------------------------------
// Place plans

feed_type! {
    pub struct PlacePlan {
        /// Stable identifier, also used as the plan's area code in journey and measure tables.
        pub id: String,
        pub name: String,
        pub kind: PlanKind,
        /// Code of the district the plan belongs to.
        pub district: String,
        /// Codes of the wards the plan covers.
        pub wards: Vec<String>,
        pub priorities: Vec<String>,
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
    pub struct PlanAction {
        /// Unique within the plan.
        pub id: String,
        pub title: String,
        pub lead_partner_type: PartnerType,
        pub due_date: Date,
        pub status: ActionStatus,
    }
}

feed_type! {
    pub enum PartnerType { Council, Health, Police, Vcs, Housing, Dwp, Education, Community }
}

feed_type! {
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
        pub id: String,
        pub name: String,
        /// What it means, in plain words.
        pub definition: String,
    }
}

feed_type! {
    /// Counts for one period, area and cohort, in the order of the matching code list.
    pub struct CountRow {
        pub period: Quarter,
        /// Code of the county, a district, a ward, or a place plan id.
        pub area: String,
        pub cohort: String,
        pub counts: Vec<Count>,
    }
}

// ---------------------------------------------------------------------------------------------
// Ward measures

feed_type! {
    pub struct Measures {
        pub catalogue: Vec<Measure>,
        pub values: Vec<MeasureValue>,
    }
}

feed_type! {
    pub struct Measure {
        pub id: String,
        pub title: String,
        pub definition: String,
        pub numerator: String,
        pub denominator: String,
        pub unit: MeasureUnit,
        pub polarity: Polarity,
        /// Where the figures come from.
        pub source: String,
    }
}

feed_type! {
    pub enum MeasureUnit { Percentage, RatePer1000 }
}

feed_type! {
    /// Whether a higher value is better, worse, or neither.
    pub enum Polarity { HigherIsBetter, LowerIsBetter, NoJudgement }
}

feed_type! {
    pub struct MeasureValue {
        pub measure: String,
        pub period: Quarter,
        /// Code of the county, a district, a ward, or a place plan id.
        pub area: String,
        pub numerator: Count,
        pub denominator: Count,
    }
}

// ---------------------------------------------------------------------------------------------
// VCS Infrastructure Support contract

feed_type! {
    /// The outcomes-based VCS Infrastructure Support contract.
    pub struct Contract {
        pub name: String,
        pub provider: String,
        pub start_date: Date,
        pub end_date: Date,
        /// The most that can be earned in outcome payments in one financial year, in pounds.
        pub annual_outcome_payment_gbp: f64,
        pub kpis: Vec<Kpi>,
    }
}

feed_type! {
    pub struct Kpi {
        pub id: String,
        pub title: String,
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
    pub struct PaymentTerms {
        /// Share of the annual outcome payment attached to this KPI (weights add up to at most 1).
        pub weight: f64,
        /// Achievement is paid up to this ratio, for example 1.0 (no reward for over-delivery).
        pub cap: f64,
    }
}

feed_type! {
    pub struct KpiQuarter {
        pub period: Quarter,
        pub target: f64,
        /// Null until the quarter is reported (shown as [x], not available).
        pub actual: Option<f64>,
    }
}
