//! A release's figures for one district at a time (issue 9): the dashboard's first view loads the
//! summary (county and district rows, [`crate::release::summary_document`]); a ward or a place
//! plan then needs only its own district's rows, not the whole feed (300 MB at national scale).
//!
//! [`district_documents`] cuts a feed into one valid feed per district: the same publication,
//! policy, code lists and contract, the county, that district, its wards, their LSOAs and its
//! place plans (a plan lies in one district), and the rows of those wards and plans, unchanged.
//! The county's and district's own rows are in the summary, so each row of the feed is in exactly
//! one of the summary and the district files.
//!
//! [`merge_district`] puts one district's file into what the dashboard already holds (the summary,
//! perhaps with other districts): it refuses a file from another release, or one that does not
//! match the summary's areas, holds rows of another district or rows already held, and checks
//! every rule of the feed again on the result, so the merged feed is as trustworthy as a whole
//! feed validated from bytes.
//!
//! A comparison of every ward on one measure needs that measure's values of every ward and
//! nothing else: [`measure_documents`] cuts one valid feed per measure (`measures/<id>.json`:
//! the districts and wards, no LSOAs, plans or journey rows, and every ward's values of that
//! measure, unchanged), and [`merge_measure`] puts one into what is held. A ward's measure value
//! is so in two files (its district's and its measure's): merging either skips a value already
//! held only when it is the same, so no value is ever held twice or changed.
//!
//! The index of every place plan needs each plan's measure values and nothing else:
//! [`plans_document`] cuts them into one valid feed (`plans.json`: the districts, wards and
//! plans, and every plan's values, unchanged), and [`merge_plans`] puts it into what is held. A
//! plan's value is also in its district's file, and is merged the same way.

use crate::{AreaKind, Feed, FeedDocument, Problem};
use std::collections::{HashMap, HashSet};

/// Where a district's file lies, relative to the manifest: `districts/<GSS code>.json`.
pub fn district_file(code: &str) -> String {
    format!("districts/{code}.json")
}

/// One valid feed per district of `feed`, in the order of `geography.districts`: the district's
/// code and its document (see the module documentation).
pub fn district_documents(feed: &Feed) -> Vec<(String, FeedDocument)> {
    let doc = feed.document();
    let geography = &doc.geography;
    let mut documents: Vec<(String, FeedDocument)> = geography
        .districts
        .iter()
        .map(|district| {
            let mut part = doc.clone_metadata();
            part.geography.districts = vec![district.clone()];
            (district.code.clone(), part)
        })
        .collect();
    let position: HashMap<&str, usize> =
        geography.districts.iter().enumerate().map(|(i, d)| (d.code.as_str(), i)).collect();
    // The district of every ward and plan, and so of every row.
    let mut district_of: HashMap<&str, usize> = HashMap::new();
    for ward in &geography.wards {
        if let Some(&i) = position.get(ward.district.as_str()) {
            district_of.insert(&ward.code, i);
            documents[i].1.geography.wards.push(ward.clone());
        }
    }
    for lsoa in &geography.lsoas {
        if let Some(&i) = district_of.get(lsoa.ward.as_str()) {
            documents[i].1.geography.lsoas.push(lsoa.clone());
        }
    }
    for plan in &doc.place_plans {
        if let Some(&i) = position.get(plan.district.as_str()) {
            district_of.insert(&plan.id, i);
            documents[i].1.place_plans.push(plan.clone());
        }
    }
    let journey = &doc.journey;
    let tables = [&journey.funnel, &journey.entries, &journey.handovers, &journey.outcomes];
    for (t, rows) in tables.into_iter().enumerate() {
        for row in rows {
            if let Some(&i) = district_of.get(row.area.as_str()) {
                let part = &mut documents[i].1.journey;
                [&mut part.funnel, &mut part.entries, &mut part.handovers, &mut part.outcomes][t].push(row.clone());
            }
        }
    }
    for value in &doc.measures.values {
        if let Some(&i) = district_of.get(value.area.as_str()) {
            documents[i].1.measures.values.push(value.clone());
        }
    }
    documents
}

/// Where a measure's file lies, relative to the manifest: `measures/<measure id>.json`.
pub fn measure_file(id: &str) -> String {
    format!("measures/{id}.json")
}

/// One valid feed per measure of `feed`, in the order of the catalogue: the measure's id and its
/// document (the release's metadata, its districts and wards, and every ward's values of that
/// measure, unchanged; see the module documentation).
pub fn measure_documents(feed: &Feed) -> Vec<(String, FeedDocument)> {
    let doc = feed.document();
    let position: HashMap<&str, usize> =
        doc.measures.catalogue.iter().enumerate().map(|(i, m)| (m.id.as_str(), i)).collect();
    let mut documents: Vec<(String, FeedDocument)> = doc
        .measures
        .catalogue
        .iter()
        .map(|measure| {
            let mut part = doc.clone_metadata();
            part.geography.districts = doc.geography.districts.clone();
            part.geography.wards = doc.geography.wards.clone();
            (measure.id.clone(), part)
        })
        .collect();
    for value in &doc.measures.values {
        let ward = feed.area(&value.area).is_some_and(|a| a.kind == AreaKind::Ward);
        if let (true, Some(&i)) = (ward, position.get(value.measure.as_str())) {
            documents[i].1.measures.values.push(value.clone());
        }
    }
    documents
}

/// Where the place plans' file lies, relative to the manifest.
pub const PLANS_FILE: &str = "plans.json";

/// The place plans' file (`plans.json`): the release's metadata, its districts, wards and place
/// plans, and every plan's measure values, unchanged. The plans index needs nothing else: the
/// summary has every plan, but none of their values (see the module documentation).
pub fn plans_document(feed: &Feed) -> FeedDocument {
    let doc = feed.document();
    let mut part = doc.clone_metadata();
    part.geography.districts = doc.geography.districts.clone();
    part.geography.wards = doc.geography.wards.clone();
    part.place_plans = doc.place_plans.clone();
    part.measures.values = doc
        .measures
        .values
        .iter()
        .filter(|value| feed.area(&value.area).is_some_and(|a| a.kind == AreaKind::PlacePlan))
        .cloned()
        .collect();
    part
}

impl FeedDocument {
    /// Everything but the areas' lists (districts, wards, LSOAs, plans) and the rows.
    fn clone_metadata(&self) -> FeedDocument {
        let journey = &self.journey;
        FeedDocument {
            schema_version: self.schema_version.clone(),
            publication: self.publication.clone(),
            disclosure: self.disclosure.clone(),
            geography: crate::Geography {
                county: self.geography.county.clone(),
                districts: Vec::new(),
                wards: Vec::new(),
                lsoas: Vec::new(),
            },
            place_plans: Vec::new(),
            journey: crate::Journey {
                stages: journey.stages.clone(),
                cohorts: journey.cohorts.clone(),
                domains: journey.domains.clone(),
                entry_routes: journey.entry_routes.clone(),
                services: journey.services.clone(),
                funnel: Vec::new(),
                entries: Vec::new(),
                handovers: Vec::new(),
                outcomes: Vec::new(),
            },
            measures: crate::Measures { catalogue: self.measures.catalogue.clone(), values: Vec::new() },
            contract: self.contract.clone(),
        }
    }
}

/// `held` (the summary, perhaps with other districts' rows) with the rows of `detail`, the file
/// of the district `district`. Every problem is reported with its path in `detail`; nothing is
/// merged unless there is none.
pub fn merge_district(held: &Feed, detail: &Feed, district: &str) -> Result<Feed, Vec<Problem>> {
    let (whole, part) = (held.document(), detail.document());
    let mut problems = same_release(whole, part);
    let mut same = |path: &str, equal: bool| {
        if !equal {
            problems.push(differs(path));
        }
    };

    match part.geography.districts.as_slice() {
        [only] if only.code == district => {
            same("geography.districts[0]", whole.geography.districts.iter().any(|d| d == only));
        }
        _ => problems.push(Problem::at(
            "geography.districts",
            format!("is not the one district {district:?} (expected the file of that district only)"),
        )),
    }
    // The district's areas, exactly as in the summary, and all of them.
    let expected_wards: Vec<_> = whole.geography.wards.iter().filter(|w| w.district == district).collect();
    if part.geography.wards.iter().collect::<Vec<_>>() != expected_wards {
        problems.push(Problem::at(
            "geography.wards",
            format!("are not the summary's wards of {district} (expected the same wards, in the same order)"),
        ));
    }
    let wards: HashSet<&str> = expected_wards.iter().map(|w| w.code.as_str()).collect();
    let expected_lsoas: Vec<_> = whole.geography.lsoas.iter().filter(|l| wards.contains(l.ward.as_str())).collect();
    if part.geography.lsoas.iter().collect::<Vec<_>>() != expected_lsoas {
        problems.push(Problem::at(
            "geography.lsoas",
            format!("are not the summary's LSOAs of {district} (expected the same LSOAs, in the same order)"),
        ));
    }
    let expected_plans: Vec<_> = whole.place_plans.iter().filter(|p| p.district == district).collect();
    if part.place_plans.iter().collect::<Vec<_>>() != expected_plans {
        problems.push(Problem::at(
            "place_plans",
            format!("are not the summary's place plans of {district} (expected the same plans, in the same order)"),
        ));
    }
    if !problems.is_empty() {
        return Err(problems);
    }

    // Rows: only the district's wards and plans, none already held. The same file twice is told
    // apart by its first row being held already; any other repeated row is a duplicate for the
    // rules checked on the whole below.
    let held_already =
        part.journey.funnel.first().is_some_and(|row| {
            held.journey_row(crate::JourneyTable::Funnel, row.period, &row.area, &row.cohort).is_some()
        });
    if held_already {
        return Err(vec![Problem::document(format!(
            "the figures of {district} are already loaded (expected each district's file once)"
        ))]);
    }
    let mut merged = whole.clone();
    let own = |area: &str| detail.area(area).is_some_and(|a| matches!(a.kind, AreaKind::Ward | AreaKind::PlacePlan));
    let pairs = [
        ("journey.funnel", &mut merged.journey.funnel, &part.journey.funnel),
        ("journey.entries", &mut merged.journey.entries, &part.journey.entries),
        ("journey.handovers", &mut merged.journey.handovers, &part.journey.handovers),
        ("journey.outcomes", &mut merged.journey.outcomes, &part.journey.outcomes),
    ];
    for (path, into, rows) in pairs {
        for (i, row) in rows.iter().enumerate() {
            if own(&row.area) {
                into.push(row.clone());
            } else {
                problems.push(not_own(&format!("{path}[{i}].area"), &row.area, district));
            }
        }
    }
    // A ward's values may be held already, from its measure's file: skipped when the same.
    let held_values = value_index(whole);
    for (i, value) in part.measures.values.iter().enumerate() {
        let path = format!("measures.values[{i}]");
        if !own(&value.area) {
            problems.push(not_own(&format!("{path}.area"), &value.area, district));
            continue;
        }
        add_value(&held_values, value, &path, &mut merged.measures.values, &mut problems);
    }
    checked(merged, problems)
}

/// `held` with every ward's values of the measure `measure` from its file `detail` (see the
/// module documentation). Every problem is reported with its path in `detail`; nothing is
/// merged unless there is none.
pub fn merge_measure(held: &Feed, detail: &Feed, measure: &str) -> Result<Feed, Vec<Problem>> {
    let mut known = Vec::new();
    if !held.document().measures.catalogue.iter().any(|m| m.id == measure) {
        known.push(Problem::document(format!("{measure:?} is not a measure of this release")));
    }
    // A ward's values may be held already, from its district's file: skipped when the same.
    merge_values(held, detail, false, known, |value, path| {
        if value.measure != measure {
            Some(Problem::at(
                format!("{path}.measure"),
                format!("is {:?} (expected only values of {measure:?} in its file)", value.measure),
            ))
        } else if !detail.area(&value.area).is_some_and(|a| a.kind == AreaKind::Ward) {
            Some(Problem::at(
                format!("{path}.area"),
                format!("{:?} is not a ward (the county's and districts' figures are in the summary)", value.area),
            ))
        } else {
            None
        }
    })
}

/// Merges the place plans' file `detail` (see the module documentation) into `held`: every
/// plan's measure values. Every problem is reported with its path in `detail`; nothing is
/// merged unless there is none.
pub fn merge_plans(held: &Feed, detail: &Feed) -> Result<Feed, Vec<Problem>> {
    // A plan's values may be held already, from its district's file: skipped when the same.
    merge_values(held, detail, true, Vec::new(), |value, path| {
        (!detail.area(&value.area).is_some_and(|a| a.kind == AreaKind::PlacePlan)).then(|| {
            Problem::at(
                format!("{path}.area"),
                format!("{:?} is not a place plan (expected only the plans' values in their file)", value.area),
            )
        })
    })
}

/// Merges a file of values (a measure's, or the plans' when `plans`) into `held`: the file must
/// be of the same release and hold only values (`values_only`), and each value must be one the
/// file may hold (`refuse` gives the problem with one that may not, `None` for one that may).
/// `known` are the problems the caller has found already. Nothing is merged unless no problem is
/// found.
fn merge_values(
    held: &Feed,
    detail: &Feed,
    plans: bool,
    known: Vec<Problem>,
    refuse: impl Fn(&crate::MeasureValue, &str) -> Option<Problem>,
) -> Result<Feed, Vec<Problem>> {
    let (whole, part) = (held.document(), detail.document());
    let mut problems = same_release(whole, part);
    problems.extend(known);
    problems.extend(values_only(whole, part, plans));
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut merged = whole.clone();
    let held_values = value_index(whole);
    for (i, value) in part.measures.values.iter().enumerate() {
        let path = format!("measures.values[{i}]");
        match refuse(value, &path) {
            Some(problem) => problems.push(problem),
            None => add_value(&held_values, value, &path, &mut merged.measures.values, &mut problems),
        }
    }
    checked(merged, problems)
}

/// The problems of a file of values (a measure's, or the plans' when `plans`) that does not hold
/// exactly the summary's districts and wards (and place plans, when `plans`), or that holds
/// anything else: LSOAs, plans it should not have, journey rows.
fn values_only(whole: &FeedDocument, part: &FeedDocument, plans: bool) -> Vec<Problem> {
    let mut problems = Vec::new();
    if part.geography.districts != whole.geography.districts {
        problems.push(Problem::at(
            "geography.districts",
            "are not the summary's districts (expected the same districts, in the same order)",
        ));
    }
    if part.geography.wards != whole.geography.wards {
        problems.push(Problem::at(
            "geography.wards",
            "are not the summary's wards (expected the same wards, in the same order)",
        ));
    }
    if plans && part.place_plans != whole.place_plans {
        problems.push(Problem::at(
            "place_plans",
            "are not the summary's place plans (expected the same plans, in the same order)",
        ));
    }
    let journey = &part.journey;
    let extra = [
        ("geography.lsoas", part.geography.lsoas.is_empty()),
        ("place_plans", plans || part.place_plans.is_empty()),
        ("journey.funnel", journey.funnel.is_empty()),
        ("journey.entries", journey.entries.is_empty()),
        ("journey.handovers", journey.handovers.is_empty()),
        ("journey.outcomes", journey.outcomes.is_empty()),
    ];
    let file = if plans { "the plans' file" } else { "a measure's file" };
    for (path, empty) in extra {
        if !empty {
            problems.push(Problem::at(path, format!("is not empty (expected {file} to hold only its values)")));
        }
    }
    problems
}

/// The problems of `part` not being of the same release as `whole`: the publication, policy,
/// contract, county and code lists must be the same.
fn same_release(whole: &FeedDocument, part: &FeedDocument) -> Vec<Problem> {
    let journey = (&whole.journey, &part.journey);
    [
        ("publication", whole.publication == part.publication),
        ("disclosure", whole.disclosure == part.disclosure),
        ("contract", whole.contract == part.contract),
        ("geography.county", whole.geography.county == part.geography.county),
        ("journey.stages", journey.0.stages == journey.1.stages),
        ("journey.cohorts", journey.0.cohorts == journey.1.cohorts),
        ("journey.domains", journey.0.domains == journey.1.domains),
        ("journey.entry_routes", journey.0.entry_routes == journey.1.entry_routes),
        ("journey.services", journey.0.services == journey.1.services),
        ("measures.catalogue", whole.measures.catalogue == part.measures.catalogue),
    ]
    .into_iter()
    .filter(|(_, equal)| !equal)
    .map(|(path, _)| differs(path))
    .collect()
}

fn differs(path: &str) -> Problem {
    Problem::at(path, "differs from the release's summary (expected the same release: reload the page)")
}

fn differs_held(path: &str) -> Problem {
    Problem::at(path, "differs from the same figure already loaded (expected the same release: reload the page)")
}

/// A measure value's key: its area, measure and period.
type ValueKey<'a> = (&'a str, &'a str, crate::Quarter);

fn value_key(value: &crate::MeasureValue) -> ValueKey<'_> {
    (&value.area, &value.measure, value.period)
}

fn value_index(doc: &FeedDocument) -> HashMap<ValueKey<'_>, &crate::MeasureValue> {
    doc.measures.values.iter().map(|value| (value_key(value), value)).collect()
}

/// Puts `value` (at `path` in its file) into `into` unless a value with its key is held
/// already: one that is the same is skipped, one that differs is refused, so no value is ever
/// held twice or changed.
fn add_value(
    held: &HashMap<ValueKey<'_>, &crate::MeasureValue>,
    value: &crate::MeasureValue,
    path: &str,
    into: &mut Vec<crate::MeasureValue>,
    problems: &mut Vec<Problem>,
) {
    match held.get(&value_key(value)) {
        Some(&same) if same == value => {}
        Some(_) => problems.push(differs_held(path)),
        None => into.push(value.clone()),
    }
}

/// `merged` when no problem was found in merging and every rule of the feed holds on the whole
/// again: for example a row of a district's file that repeats one of the summary's is a
/// duplicate there.
fn checked(merged: FeedDocument, problems: Vec<Problem>) -> Result<Feed, Vec<Problem>> {
    if !problems.is_empty() {
        return Err(problems);
    }
    let broken = crate::validate::check_rules(&merged);
    if broken.is_empty() {
        Ok(Feed::new(merged))
    } else {
        Err(broken)
    }
}

fn not_own(path: &str, area: &str, district: &str) -> Problem {
    Problem::at(
        path,
        format!("{area:?} is not a ward or place plan of {district} (the county's and districts' figures are in the summary)"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::release::summary_document;

    fn demo() -> Feed {
        let bytes = serde_json::to_vec(&crate::demo::demo_feed(&crate::demo::DemoOptions::default())).unwrap();
        crate::validate(&bytes).unwrap()
    }

    /// The districts whose wards' and plans' rows `feed` holds: every district with at least one row
    /// of a ward or plan.
    fn districts_with_rows(feed: &Feed) -> HashSet<String> {
        let doc = feed.document();
        let journey = &doc.journey;
        let areas = [&journey.funnel, &journey.entries, &journey.handovers, &journey.outcomes]
            .into_iter()
            .flat_map(|rows| rows.iter().map(|row| row.area.as_str()))
            .chain(doc.measures.values.iter().map(|value| value.area.as_str()));
        let mut districts = HashSet::new();
        let mut last = "";
        for area in areas {
            if area == last {
                continue;
            }
            last = area;
            if let Some(district) = feed.area(area).and_then(|a| a.district.as_deref()) {
                districts.insert(district.to_owned());
            }
        }
        districts
    }

    fn valid(document: &FeedDocument) -> Feed {
        crate::validate(&serde_json::to_vec(document).unwrap()).expect("a valid feed")
    }

    /// Every row of the feed is in exactly one of the summary and the district files, unchanged;
    /// each district file is a valid feed on its own; merging them all into the summary gives
    /// the whole feed's rows.
    #[test]
    fn the_summary_and_the_district_files_split_the_feed_exactly() {
        let feed = demo();
        let summary = valid(&summary_document(&feed));
        let parts = district_documents(&feed);
        assert_eq!(parts.len(), feed.document().geography.districts.len());
        let mut held = summary.clone();
        for (code, document) in &parts {
            let part = valid(document);
            assert_eq!(districts_with_rows(&part), HashSet::from([code.clone()]));
            assert!(
                serde_json::to_vec(document).unwrap().len() * 3 < serde_json::to_vec(feed.document()).unwrap().len(),
                "a district's file is a part of the feed"
            );
            held = merge_district(&held, &part, code).unwrap_or_else(|p| panic!("{code}: {p:?}"));
        }
        let (whole, merged) = (feed.document(), held.document());
        assert_eq!(merged.geography, whole.geography);
        assert_eq!(merged.place_plans, whole.place_plans);
        let sorted = |rows: &Vec<crate::CountRow>| {
            let mut rows: Vec<String> = rows.iter().map(|r| format!("{r:?}")).collect();
            rows.sort();
            rows
        };
        for (a, b) in [
            (&whole.journey.funnel, &merged.journey.funnel),
            (&whole.journey.entries, &merged.journey.entries),
            (&whole.journey.handovers, &merged.journey.handovers),
            (&whole.journey.outcomes, &merged.journey.outcomes),
        ] {
            assert_eq!(a.len(), b.len(), "no row lost or repeated");
            assert_eq!(sorted(a), sorted(b));
        }
        assert_eq!(whole.measures.values.len(), merged.measures.values.len());
        // The same figures by the same lookups.
        for ward in &whole.geography.wards {
            for period in feed.periods() {
                let p = crate::Period::Quarter(period);
                assert_eq!(
                    feed.journey_row(crate::JourneyTable::Funnel, p, &ward.code, "all").map(|r| &r.counts),
                    held.journey_row(crate::JourneyTable::Funnel, p, &ward.code, "all").map(|r| &r.counts)
                );
            }
        }
    }

    #[test]
    fn a_district_file_that_does_not_match_what_is_held_is_refused_with_its_path() {
        let feed = demo();
        let summary = valid(&summary_document(&feed));
        let parts = district_documents(&feed);
        let (code, document) = &parts[0];
        let (other, _) = &parts[1];

        // Another release.
        let mut changed = document.clone();
        changed.publication.title.push_str(" (revised)");
        let problems = merge_district(&summary, &valid(&changed), code).unwrap_err();
        assert_eq!(problems[0].path, "publication");
        assert!(problems[0].message.contains("differs from the release's summary"));

        // The file of another district, asked for as this one.
        let problems = merge_district(&summary, &valid(document), other).unwrap_err();
        assert_eq!(problems[0].path, "geography.districts");

        // A ward renamed.
        let mut renamed = document.clone();
        renamed.geography.wards[0].name.push_str(" North");
        let problems = merge_district(&summary, &valid(&renamed), code).unwrap_err();
        assert_eq!(problems[0].path, "geography.wards");

        // A ward missing (with its rows and LSOAs, so the file is valid on its own).
        let mut fewer = document.clone();
        let gone = fewer.geography.wards.remove(0).code;
        fewer.geography.lsoas.retain(|l| l.ward != gone);
        for plan in &mut fewer.place_plans {
            plan.wards.retain(|w| *w != gone);
        }
        fewer.place_plans.retain(|p| !p.wards.is_empty());
        let journey = &mut fewer.journey;
        for rows in [&mut journey.funnel, &mut journey.entries, &mut journey.handovers, &mut journey.outcomes] {
            rows.retain(|r| r.area != gone);
        }
        fewer.measures.values.retain(|v| v.area != gone);
        let problems = merge_district(&summary, &valid(&fewer), code).unwrap_err();
        assert!(problems.iter().any(|p| p.path == "geography.wards"), "{problems:?}");

        // A row of the district's own total, which belongs in the summary.
        let mut with_total = document.clone();
        let total = feed.document().journey.funnel.iter().find(|r| r.area == *code).unwrap().clone();
        with_total.journey.funnel.push(total);
        let problems = merge_district(&summary, &valid(&with_total), code).unwrap_err();
        assert!(problems[0].path.starts_with("journey.funnel["), "{problems:?}");
        assert!(problems[0].message.contains("is not a ward or place plan of"));

        // The same district twice.
        let once = merge_district(&summary, &valid(document), code).unwrap();
        let problems = merge_district(&once, &valid(document), code).unwrap_err();
        assert!(problems[0].message.contains("already loaded"));
    }

    /// Sorted debug forms of a feed's measure values of areas of `kind`, to compare sets of values.
    fn values_of(feed: &Feed, kind: AreaKind) -> Vec<String> {
        let mut values: Vec<String> = feed
            .document()
            .measures
            .values
            .iter()
            .filter(|v| feed.area(&v.area).is_some_and(|a| a.kind == kind))
            .map(|v| format!("{v:?}"))
            .collect();
        values.sort();
        values
    }

    fn ward_values(feed: &Feed) -> Vec<String> {
        values_of(feed, AreaKind::Ward)
    }

    fn plan_values(feed: &Feed) -> Vec<String> {
        values_of(feed, AreaKind::PlacePlan)
    }

    /// `document` with the denominator of the first value that `pick` chooses and whose
    /// denominator is over 20 raised by 5 (still valid, but not the same figure), and its index.
    fn with_a_value_changed(
        document: &FeedDocument,
        pick: impl Fn(&crate::MeasureValue) -> bool,
    ) -> (FeedDocument, usize) {
        let mut changed = document.clone();
        let i = changed
            .measures
            .values
            .iter()
            .position(|v| pick(v) && matches!(v.denominator, crate::Count::Value(d) if d > 20))
            .expect("a value to change");
        if let crate::Count::Value(d) = changed.measures.values[i].denominator {
            changed.measures.values[i].denominator = crate::Count::Value(d + 5);
        }
        (changed, i)
    }

    /// Each measure's file is a valid feed with every ward's values of that measure and nothing
    /// else; merged into the summary, before or after any district's file (which holds some of
    /// the same values), every value is held once and unchanged, and all of them give exactly the
    /// whole feed's ward values.
    #[test]
    fn measure_files_hold_every_ward_s_values_of_one_measure_and_merge_with_district_files() {
        let feed = demo();
        let summary = valid(&summary_document(&feed));
        let measures = measure_documents(&feed);
        let catalogue = &feed.document().measures.catalogue;
        assert_eq!(
            measures.iter().map(|(id, _)| id).collect::<Vec<_>>(),
            catalogue.iter().map(|m| &m.id).collect::<Vec<_>>()
        );
        let districts = district_documents(&feed);
        let (district, district_document) = &districts[0];

        // A district first, then every measure.
        let mut held = merge_district(&summary, &valid(district_document), district).unwrap();
        let mut total = 0;
        for (id, document) in &measures {
            let part = valid(document);
            let values = &part.document().measures.values;
            assert!(!values.is_empty() && values.iter().all(|v| v.measure == *id));
            assert!(values.iter().all(|v| part.area(&v.area).is_some_and(|a| a.kind == AreaKind::Ward)));
            assert!(part.document().journey.funnel.is_empty() && part.document().geography.lsoas.is_empty());
            total += values.len();
            held = merge_measure(&held, &part, id).unwrap_or_else(|p| panic!("{id}: {p:?}"));
        }
        assert_eq!(ward_values(&held), ward_values(&feed), "every ward value, each once");
        assert_eq!(total, ward_values(&feed).len());

        // One measure first, then the district (and the same measure again): nothing doubled.
        let (id, document) = &measures[1];
        let once = merge_measure(&summary, &valid(document), id).unwrap();
        let both = merge_district(&once, &valid(district_document), district).unwrap();
        let again = merge_measure(&both, &valid(document), id).unwrap();
        let whole_district = merge_district(&summary, &valid(district_document), district).unwrap();
        let expected: HashSet<String> = ward_values(&whole_district).into_iter().chain(ward_values(&once)).collect();
        assert_eq!(ward_values(&again).len(), expected.len());
        assert_eq!(ward_values(&again).into_iter().collect::<HashSet<_>>(), expected);
    }

    #[test]
    fn a_measure_file_that_does_not_match_what_is_held_is_refused_with_its_path() {
        let feed = demo();
        let summary = valid(&summary_document(&feed));
        let measures = measure_documents(&feed);
        let (id, document) = &measures[0];
        let (other, _) = &measures[1];

        // Another release.
        let mut changed = document.clone();
        changed.publication.title.push_str(" (revised)");
        let problems = merge_measure(&summary, &valid(&changed), id).unwrap_err();
        assert_eq!(problems[0].path, "publication");

        // The file of another measure, asked for as this one.
        let problems = merge_measure(&summary, &valid(document), other).unwrap_err();
        assert_eq!(problems[0].path, "measures.values[0].measure", "{problems:?}");

        // A district's own value, which belongs in the summary.
        let mut with_district = document.clone();
        let own = feed
            .document()
            .measures
            .values
            .iter()
            .find(|v| v.measure == *id && feed.area(&v.area).is_some_and(|a| a.kind == AreaKind::District))
            .unwrap()
            .clone();
        with_district.measures.values.push(own);
        let problems = merge_measure(&summary, &valid(&with_district), id).unwrap_err();
        assert!(problems[0].path.ends_with(".area") && problems[0].message.contains("is not a ward"), "{problems:?}");

        // A ward value that differs from the one its district's file gave.
        let (district, district_document) = district_documents(&feed).into_iter().next().unwrap();
        let held = merge_district(&summary, &valid(&district_document), &district).unwrap();
        let (different, i) = with_a_value_changed(document, |v| {
            feed.area(&v.area).and_then(|a| a.district.as_deref()) == Some(district.as_str())
        });
        let problems = merge_measure(&held, &valid(&different), id).unwrap_err();
        assert_eq!(problems[0].path, format!("measures.values[{i}]"));
        assert!(problems[0].message.contains("differs from the same figure already loaded"), "{problems:?}");
        // And the other way round: the district's file after the changed measure's.
        let first = merge_measure(&summary, &valid(&different), id).unwrap();
        let problems = merge_district(&first, &valid(&district_document), &district).unwrap_err();
        assert!(
            problems.iter().any(|p| p.message.contains("differs from the same figure already loaded")),
            "{problems:?}"
        );

        // Rows of anything else.
        let mut with_rows = document.clone();
        with_rows.place_plans = feed.document().place_plans.clone();
        let problems = merge_measure(&summary, &valid(&with_rows), id).unwrap_err();
        assert_eq!(problems[0].path, "place_plans");
    }

    /// The plans' file is a valid feed with every plan's values and nothing else; merged into
    /// the summary, before or after a district's file (which holds its plans' values), every
    /// value is held once and unchanged, and all of them are exactly the whole feed's plan values.
    #[test]
    fn the_plans_file_holds_every_plan_s_values_and_merges_with_district_files() {
        let feed = demo();
        let summary = valid(&summary_document(&feed));
        assert!(plan_values(&summary).is_empty(), "the summary has no plan values");
        let plans = valid(&plans_document(&feed));
        let part = plans.document();
        assert_eq!(part.place_plans, feed.document().place_plans);
        assert!(part.geography.lsoas.is_empty() && part.journey.funnel.is_empty() && part.journey.outcomes.is_empty());
        assert!(!plan_values(&plans).is_empty());
        assert_eq!(plan_values(&plans), plan_values(&feed));
        assert_eq!(plan_values(&plans).len(), part.measures.values.len(), "only plans' values");

        let merged = merge_plans(&summary, &plans).unwrap();
        assert_eq!(plan_values(&merged), plan_values(&feed));
        assert_eq!(ward_values(&merged), ward_values(&summary), "no ward value added");

        // A district with plans first, then the plans' file; and the other way round.
        let districts = district_documents(&feed);
        let (district, document) =
            districts.iter().find(|(_, d)| !d.place_plans.is_empty()).expect("a district with plans");
        let first = merge_district(&summary, &valid(document), district).unwrap();
        let both = merge_plans(&first, &plans).unwrap();
        let other_way = merge_district(&merged, &valid(document), district).unwrap();
        assert_eq!(plan_values(&both), plan_values(&feed), "every plan value, each once");
        assert_eq!(plan_values(&other_way), plan_values(&feed), "every plan value, each once");
        assert_eq!(ward_values(&both), ward_values(&other_way));
    }

    #[test]
    fn a_plans_file_that_does_not_match_what_is_held_is_refused_with_its_path() {
        let feed = demo();
        let summary = valid(&summary_document(&feed));
        let document = plans_document(&feed);

        // Another release.
        let mut changed = document.clone();
        changed.publication.title.push_str(" (revised)");
        assert_eq!(merge_plans(&summary, &valid(&changed)).unwrap_err()[0].path, "publication");

        // Plans that are not the summary's.
        let mut fewer = document.clone();
        let gone = fewer.place_plans.pop().unwrap();
        fewer.measures.values.retain(|v| v.area != gone.id);
        assert_eq!(merge_plans(&summary, &valid(&fewer)).unwrap_err()[0].path, "place_plans");

        // A ward's value, which belongs in its district's and its measure's files.
        let mut with_ward = document.clone();
        let ward_value = feed
            .document()
            .measures
            .values
            .iter()
            .find(|v| feed.area(&v.area).is_some_and(|a| a.kind == AreaKind::Ward))
            .unwrap()
            .clone();
        with_ward.measures.values.push(ward_value);
        let problems = merge_plans(&summary, &valid(&with_ward)).unwrap_err();
        let last = with_ward.measures.values.len() - 1;
        assert_eq!(problems[0].path, format!("measures.values[{last}].area"), "{problems:?}");
        assert!(problems[0].message.contains("is not a place plan"), "{problems:?}");

        // A plan value that differs from the one its district's file gave.
        let (district, district_document) =
            district_documents(&feed).into_iter().find(|(_, d)| !d.place_plans.is_empty()).unwrap();
        let held = merge_district(&summary, &valid(&district_document), &district).unwrap();
        let (different, i) =
            with_a_value_changed(&document, |v| district_document.place_plans.iter().any(|p| p.id == v.area));
        let problems = merge_plans(&held, &valid(&different)).unwrap_err();
        assert_eq!(problems[0].path, format!("measures.values[{i}]"));
        assert!(problems[0].message.contains("differs from the same figure already loaded"), "{problems:?}");

        // Rows of anything else.
        let mut with_rows = document.clone();
        with_rows.journey.funnel = summary.document().journey.funnel[..1].to_vec();
        let problems = merge_plans(&summary, &valid(&with_rows)).unwrap_err();
        assert_eq!(problems[0].path, "journey.funnel", "{problems:?}");
    }
}
