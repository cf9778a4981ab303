//! The URL query string is the single source of truth for what a page shows. This module is its
//! only reader: a query becomes a typed selection checked against the feed, or a list of
//! problems in words, never a silently different view.

use leptos_router::params::ParamsMap;
use outcomes_core::{Area, AreaKind, Feed, Period};

/// What an area's figures are compared with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Benchmark {
    /// The district a ward or place plan lies in (the default for them).
    District,
    /// The whole programme area.
    County,
}

impl Benchmark {
    /// The value in the query string and the form.
    pub fn as_str(self) -> &'static str {
        match self {
            Benchmark::District => "district",
            Benchmark::County => "county",
        }
    }
}

/// What the life-journey page shows: one period (a quarter or a financial year), one area, one
/// cohort, compared with one benchmark.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JourneySelection {
    pub period: Period,
    /// Area code: the county, a district, a ward or a place plan id.
    pub area: String,
    pub cohort: String,
    pub benchmark: Benchmark,
}

impl JourneySelection {
    /// The default view: the whole area, everyone, the latest quarter.
    pub fn default_for(feed: &Feed) -> JourneySelection {
        JourneySelection {
            period: feed.latest_period().into(),
            area: feed.county().code.clone(),
            cohort: "all".into(),
            benchmark: Benchmark::District,
        }
    }

    /// Reads `?period=2025-Q3&area=E05000001&cohort=all`; anything missing takes its default;
    /// anything present but unknown is a problem, reported, not replaced.
    pub fn from_query(query: &ParamsMap, feed: &Feed) -> Result<JourneySelection, Vec<String>> {
        let mut selection = JourneySelection::default_for(feed);
        let mut problems = Vec::new();
        if let Some(period) = query.get("period") {
            match period.parse::<Period>() {
                Ok(period) if is_published(feed, period) => selection.period = period,
                Ok(period) => problems.push(format!(
                    "This release has no figures for {period}. It covers {} to {}{}.",
                    feed.periods().first().map(ToString::to_string).unwrap_or_default(),
                    feed.latest_period(),
                    match feed.financial_years().as_slice() {
                        [] => String::new(),
                        years => format!(
                            ", and the financial year{} {}",
                            if years.len() == 1 { "" } else { "s" },
                            years.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
                        ),
                    }
                )),
                Err(_) => problems.push(format!(
                    "“{}” is not a period. Periods look like 2025-Q3 (a quarter) or 2025-26 (a financial year).",
                    clip(&period)
                )),
            }
        }
        if let Some(area) = query.get("area") {
            if feed.area(&area).is_some() {
                selection.area = area;
            } else {
                problems.push(format!("There is no area with the code “{}” in this release.", clip(&area)));
            }
        }
        if let Some(cohort) = query.get("cohort") {
            if feed.cohort(&cohort).is_some() {
                selection.cohort = cohort;
            } else {
                problems.push(format!("There is no cohort called “{}” in this release.", clip(&cohort)));
            }
        }
        match query.get("benchmark").as_deref() {
            None | Some("district") => {}
            Some("county") => selection.benchmark = Benchmark::County,
            Some(other) => problems.push(format!("“{}” is not a benchmark. Choose district or county.", clip(other))),
        }
        if problems.is_empty() {
            Ok(selection)
        } else {
            Err(problems)
        }
    }

    /// The query string that reopens exactly this view.
    pub fn to_query(&self) -> String {
        let benchmark = self.benchmark.as_str();
        format!(
            "period={}&area={}&cohort={}&benchmark={benchmark}",
            self.period,
            encode(&self.area),
            encode(&self.cohort)
        )
    }

    /// The area this selection is compared with: a ward's or plan's district (or the county if
    /// chosen), a district's county; the county itself has no benchmark.
    pub fn benchmark_area<'a>(&self, feed: &'a Feed) -> Option<&'a Area> {
        let area = feed.area(&self.area)?;
        match (area.kind, self.benchmark) {
            (AreaKind::County, _) => None,
            (AreaKind::District, _) | (_, Benchmark::County) => Some(feed.county()),
            (_, Benchmark::District) => area.district.as_deref().and_then(|code| feed.area(code)),
        }
    }
}

fn is_published(feed: &Feed, period: Period) -> bool {
    match period {
        Period::Quarter(quarter) => feed.periods().contains(&quarter),
        Period::Year(year) => feed.financial_years().contains(&year),
    }
}

/// Query values echoed into messages are cut short: a URL is not a place for essays.
pub fn clip(text: &str) -> String {
    let clipped: String = text.chars().take(60).collect();
    if clipped.len() < text.len() {
        format!("{clipped}…")
    } else {
        clipped
    }
}

/// Percent-encodes everything but unreserved characters (area codes and ids are plain already).
pub fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// How many wards and place plans the area list holds in full. Past this (a national release has
/// 7,000+ wards) a list of every one is of no use to anyone and slows every change of the page,
/// so they are listed only as matches of the search box, at most [`MATCHES_SHOWN`] a group.
pub const FULL_LIST_LIMIT: usize = 1_000;
/// The most wards (or place plans) listed for one search in a long list.
pub const MATCHES_SHOWN: usize = 100;

/// The areas a reader can choose, in groups, and what the list shows for a search.
#[derive(Clone, Debug)]
pub struct AreaList {
    groups: Vec<(AreaKind, AreaGroup)>,
    long: bool,
}

/// One group of the list as shown: its label and `(code, name)` of each area.
pub type AreaGroup = (&'static str, Vec<(String, String)>);

impl AreaList {
    pub fn new(feed: &Feed) -> AreaList {
        AreaList::from_areas(feed.areas())
    }

    /// The list of `areas` (a feed's, in its order).
    pub fn from_areas(areas: &[Area]) -> AreaList {
        let groups: Vec<_> = [
            ("Whole area", AreaKind::County),
            ("Districts", AreaKind::District),
            ("Place plans", AreaKind::PlacePlan),
            ("Wards", AreaKind::Ward),
        ]
        .into_iter()
        .map(|(label, kind)| {
            let areas: Vec<(String, String)> =
                areas.iter().filter(|a| a.kind == kind).map(|a| (a.code.clone(), a.name.clone())).collect();
            (kind, (label, areas))
        })
        .collect();
        let detailed = groups
            .iter()
            .filter(|(kind, _)| matches!(kind, AreaKind::Ward | AreaKind::PlacePlan))
            .map(|(_, (_, areas))| areas.len())
            .sum::<usize>();
        AreaList { groups, long: detailed > FULL_LIST_LIMIT }
    }

    /// Whether wards and plans are listed only as matches of a search.
    pub fn is_long(&self) -> bool {
        self.long
    }

    /// The groups to list for `search` (any case, part of a name), always keeping `chosen`, and,
    /// for a long list, a sentence saying what is listed and what is not.
    pub fn shown(&self, search: &str, chosen: &str) -> (Vec<AreaGroup>, Option<String>) {
        let needle = search.trim().to_lowercase();
        let matches = |name: &str| needle.is_empty() || name.to_lowercase().contains(&needle);
        let mut left_out = 0usize;
        let mut matched = 0usize;
        let mut detailed = 0usize;
        let groups = self
            .groups
            .iter()
            .filter_map(|(kind, (label, areas))| {
                let by_search = self.long && matches!(kind, AreaKind::Ward | AreaKind::PlacePlan);
                if by_search {
                    detailed += areas.len();
                }
                let mut listed = 0usize;
                let shown: Vec<(String, String)> = areas
                    .iter()
                    .filter(|(code, name)| {
                        if code == chosen {
                            return true;
                        }
                        if by_search && needle.is_empty() {
                            return false;
                        }
                        if !matches(name) {
                            return false;
                        }
                        if by_search {
                            listed += 1;
                            if listed > MATCHES_SHOWN {
                                left_out += 1;
                                return false;
                            }
                        }
                        true
                    })
                    .cloned()
                    .collect();
                matched += listed;
                (!shown.is_empty()).then_some((*label, shown))
            })
            .collect();
        let note = self.long.then(|| {
            let total = outcomes_core::format::thousands(detailed);
            if needle.is_empty() {
                format!("Wards and place plans are listed only as you search: type part of a name to list any of the {total}.")
            } else if matched == 0 {
                format!("No ward or place plan matches “{}”.", clip(search.trim()))
            } else if left_out > 0 {
                format!(
                    "Only the first {MATCHES_SHOWN} matches of each kind are listed ({} more match): type more of the name to narrow the list.",
                    outcomes_core::format::thousands(left_out)
                )
            } else {
                format!("Every ward and place plan matching “{}” is listed.", clip(search.trim()))
            }
        });
        (groups, note)
    }
}
