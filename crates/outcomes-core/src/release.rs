//! A release on disk: the feed, the same figures as tidy CSV files for reuse, and a manifest
//! listing every file with its size and SHA-256, so anyone can check what they downloaded and
//! the dashboard can check what it loaded. `outcomes demo` and `outcomes publish` both write a
//! release through [`release_files`]; the app reads the manifest through [`Manifest`].

use crate::csv::to_csv;
use crate::{Count, Feed, FeedDocument};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The version of the manifest format.
pub const MANIFEST_VERSION: &str = "1.0";
/// The manifest's file name, next to the feed.
pub const MANIFEST_FILE: &str = "manifest.json";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub manifest_version: String,
    pub title: String,
    pub release_date: crate::Date,
    pub status: crate::ReleaseStatus,
    pub demonstration: bool,
    pub files: Vec<ManifestFile>,
    /// Anything a later step adds about the release (for example a disclosure audit summary).
    #[serde(default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub extra: serde_json::Map<String, serde_json::Value>,
    /// The disclosure audit the publisher ran on this release (docs/disclosure.md), when it did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audit: Option<crate::audit::AuditSummary>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestFile {
    /// Path relative to the manifest, e.g. "feed.json" or "csv/funnel.csv".
    pub path: String,
    pub description: String,
    pub media_type: String,
    pub bytes: u64,
    /// Lower-case hexadecimal SHA-256 of the file's bytes.
    pub sha256: String,
}

impl Manifest {
    pub fn file(&self, path: &str) -> Option<&ManifestFile> {
        self.files.iter().find(|file| file.path == path)
    }
}

/// Lower-case hexadecimal SHA-256.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Bytes in lower-case hex, as a manifest writes a SHA-256.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The summary's file name, next to the feed.
pub const SUMMARY_FILE: &str = "summary.json";

/// How a release's manifest describes its summary.
pub const SUMMARY_DESCRIPTION: &str =
    "The county and district figures of feed.json, unchanged, for the dashboard's first view";

/// The release cut down to what the dashboard's first view needs: everything in the feed except
/// the journey rows and measure values of wards and place plans. It is a valid feed in its own
/// right (validation allows areas without rows), every row it has is the feed's row unchanged,
/// and it names the same release, so the app can show the county and districts from it and
/// fetch the whole feed only when a ward or plan is asked for (issue 9: the county feed is 4 MB,
/// its summary about 3% of that).
pub fn summary_document(feed: &Feed) -> FeedDocument {
    let mut summary = feed.document().clone();
    let kept = |area: &str| {
        feed.area(area).is_some_and(|a| matches!(a.kind, crate::AreaKind::County | crate::AreaKind::District))
    };
    let journey = &mut summary.journey;
    for rows in [&mut journey.funnel, &mut journey.entries, &mut journey.handovers, &mut journey.outcomes] {
        rows.retain(|row| kept(&row.area));
    }
    summary.measures.values.retain(|value| kept(&value.area));
    summary
}

/// One file of a release: `(path, description, media type, bytes)`.
pub type ReleaseFile = (String, String, String, Vec<u8>);

/// The files every release starts with: the feed, then its summary for the dashboard's first view,
/// the place plans' values for its index of plans (`plans.json`), then one file per district with its wards' and place plans' rows (`districts/<code>.json`,
/// [`crate::detail`]), which the dashboard loads when a ward or plan is asked for, and one file
/// per measure with every ward's values of it (`measures/<id>.json`), which it loads to compare
/// all wards.
pub fn dashboard_files(feed: &Feed, feed_json: &[u8]) -> Vec<ReleaseFile> {
    let districts = crate::detail::district_documents(feed).into_iter().map(|(code, document)| {
        let name = feed.area(&code).map(|area| area.name.clone()).unwrap_or_default();
        (
            crate::detail::district_file(&code),
            format!("The figures of the wards and place plans of {name}, unchanged from feed.json, for the dashboard"),
            "application/json".to_owned(),
            serde_json::to_vec(&document).unwrap_or_default(),
        )
    });
    let mut files = vec![
        (
            "feed.json".to_owned(),
            "The whole release as one JSON document (feed v1, see the feed documentation)".to_owned(),
            "application/json".to_owned(),
            feed_json.to_vec(),
        ),
        (
            SUMMARY_FILE.to_owned(),
            SUMMARY_DESCRIPTION.to_owned(),
            "application/json".to_owned(),
            serde_json::to_vec(&summary_document(feed)).unwrap_or_default(),
        ),
        (
            crate::detail::PLANS_FILE.to_owned(),
            "Every place plan's measure values, unchanged from feed.json, for the dashboard's index of plans"
                .to_owned(),
            "application/json".to_owned(),
            serde_json::to_vec(&crate::detail::plans_document(feed)).unwrap_or_default(),
        ),
    ];
    files.extend(districts);
    files.extend(crate::detail::measure_documents(feed).into_iter().map(|(id, document)| {
        let title = feed.document().measures.catalogue.iter().find(|m| m.id == id).map(|m| m.title.clone());
        (
            crate::detail::measure_file(&id),
            format!(
                "Every ward's values of {}, unchanged from feed.json, for the dashboard's comparison of all wards",
                title.unwrap_or_default()
            ),
            "application/json".to_owned(),
            serde_json::to_vec(&document).unwrap_or_default(),
        )
    }));
    files
}

/// `manifest.json` for a release of `feed` made of `files`: each file's size and SHA-256.
pub fn manifest_file(feed: &Feed, files: &[ReleaseFile]) -> ReleaseFile {
    let publication = feed.publication();
    let manifest = Manifest {
        manifest_version: MANIFEST_VERSION.to_owned(),
        title: publication.title.clone(),
        release_date: publication.release_date,
        status: publication.status,
        demonstration: publication.demonstration,
        files: files
            .iter()
            .map(|(path, description, media_type, bytes)| ManifestFile {
                path: path.clone(),
                description: description.clone(),
                media_type: media_type.clone(),
                bytes: bytes.len() as u64,
                sha256: sha256_hex(bytes),
            })
            .collect(),
        extra: serde_json::Map::new(),
        audit: None,
    };
    let mut manifest_json = serde_json::to_vec_pretty(&manifest).unwrap_or_default();
    manifest_json.push(b'\n');
    (
        MANIFEST_FILE.to_owned(),
        "This list of files with their sizes and SHA-256".to_owned(),
        "application/json".to_owned(),
        manifest_json,
    )
}

/// Every file of a release: the feed first, then its summary and district files for the
/// dashboard, the tidy CSVs, then `manifest.json` describing all the others.
pub fn release_files(feed: &Feed, feed_json: &[u8]) -> Vec<ReleaseFile> {
    let mut files = dashboard_files(feed, feed_json);
    for (name, description, csv) in tidy_tables(feed) {
        files.push((format!("csv/{name}.csv"), description, "text/csv".to_owned(), csv.into_bytes()));
    }
    let manifest = manifest_file(feed, &files);
    files.push(manifest);
    files
}

/// Records the disclosure audit in the manifest of `files` (as [`release_files`] made them).
/// The manifest lists the other files only, so nothing else changes.
pub fn record_audit(files: &mut [ReleaseFile], audit: &crate::audit::AuditSummary) {
    let Some(entry) = files.iter_mut().find(|(path, ..)| path == MANIFEST_FILE) else { return };
    let Ok(mut manifest) = serde_json::from_slice::<Manifest>(&entry.3) else { return };
    manifest.audit = Some(audit.clone());
    if let Ok(mut json) = serde_json::to_vec_pretty(&manifest) {
        json.push(b'\n');
        entry.3 = json;
    }
}

fn csv_count(count: Count) -> String {
    match count {
        Count::Value(v) => v.to_string(),
        Count::Suppressed => crate::SUPPRESSED_SYMBOL.to_owned(),
    }
}

/// The feed's tables in tidy form: one row per observation, codes and names side by side,
/// suppressed values as `[c]`. Name, description, CSV text.
pub fn tidy_tables(feed: &Feed) -> Vec<(&'static str, String, String)> {
    let doc: &FeedDocument = feed.document();
    let journey = &doc.journey;
    let area_name = |code: &str| feed.area(code).map(|a| a.name.clone()).unwrap_or_default();
    let area_kind = |code: &str| feed.area(code).map(|a| a.kind.label().to_owned()).unwrap_or_default();
    let journey_table = |rows: &[crate::CountRow], categories: &[crate::Category], column: &'static str| {
        to_csv(
            &["period", "area_code", "area_name", "area_type", "cohort", column, "people"],
            rows.iter().flat_map(|row| {
                categories.iter().zip(&row.counts).map(move |(category, count)| {
                    vec![
                        row.period.to_string(),
                        row.area.clone(),
                        area_name(&row.area),
                        area_kind(&row.area),
                        row.cohort.clone(),
                        category.id.clone(),
                        csv_count(*count),
                    ]
                })
            }),
        )
    };
    let measures = to_csv(
        &["period", "area_code", "area_name", "area_type", "measure", "unit", "numerator", "denominator"],
        doc.measures.values.iter().map(|value| {
            let unit = doc
                .measures
                .catalogue
                .iter()
                .find(|m| m.id == value.measure)
                .map(|m| match m.unit {
                    crate::MeasureUnit::Percentage => "percentage",
                    crate::MeasureUnit::RatePer1000 => "rate_per_1000",
                })
                .unwrap_or_default();
            vec![
                value.period.to_string(),
                value.area.clone(),
                area_name(&value.area),
                area_kind(&value.area),
                value.measure.clone(),
                unit.to_owned(),
                csv_count(value.numerator),
                csv_count(value.denominator),
            ]
        }),
    );
    let kpis = to_csv(
        &["period", "kpi", "title", "unit", "target", "actual"],
        doc.contract.kpis.iter().flat_map(|kpi| {
            kpi.quarters.iter().map(move |quarter| {
                vec![
                    quarter.period.to_string(),
                    kpi.id.clone(),
                    kpi.title.clone(),
                    match kpi.unit {
                        crate::KpiUnit::Count => "count".to_owned(),
                        crate::KpiUnit::Percentage => "percentage".to_owned(),
                    },
                    quarter.target.to_string(),
                    quarter.actual.map_or("[x]".to_owned(), |a| a.to_string()),
                ]
            })
        }),
    );
    let actions = to_csv(
        &["plan_id", "plan_name", "district_code", "action_id", "title", "lead_partner_type", "due_date", "status"],
        doc.place_plans.iter().flat_map(|plan| {
            plan.actions.iter().map(move |action| {
                vec![
                    plan.id.clone(),
                    plan.name.clone(),
                    plan.district.clone(),
                    action.id.clone(),
                    action.title.clone(),
                    enum_word(&action.lead_partner_type),
                    action.due_date.to_string(),
                    enum_word(&action.status),
                ]
            })
        }),
    );
    vec![
        (
            "funnel",
            "People reaching each stage of the life journey, by period, area and cohort".into(),
            journey_table(&journey.funnel, &journey.stages, "stage"),
        ),
        (
            "entries",
            "People entering the journey by each front door, by period, area and cohort".into(),
            journey_table(&journey.entries, &journey.entry_routes, "entry_route"),
        ),
        (
            "handovers",
            "Warm hand-overs to each service, by period, area and cohort".into(),
            journey_table(&journey.handovers, &journey.services, "service"),
        ),
        (
            "outcomes",
            "People achieving an outcome in each domain of need, by period, area and cohort".into(),
            journey_table(&journey.outcomes, &journey.domains, "domain"),
        ),
        ("measures", "Ward measures: numerators and denominators by period and area".into(), measures),
        ("contract-kpis", "VCS Infrastructure Support contract KPIs: target and actual by quarter".into(), kpis),
        ("place-plan-actions", "Actions of the place plans with their status".into(), actions),
    ]
}

/// The snake_case word serde uses for a unit enum.
fn enum_word<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_matches_the_standard_test_vector() {
        // FIPS 180-2 example: SHA-256("abc").
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    #[test]
    fn a_release_lists_every_file_with_its_true_size_and_hash() {
        let bytes =
            std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/feeds/valid/minimal.json")).unwrap();
        let feed = crate::validate(&bytes).unwrap();
        let files = release_files(&feed, &bytes);
        let (_, _, _, manifest_bytes) = files.last().unwrap();
        let manifest: Manifest = serde_json::from_slice(manifest_bytes).unwrap();
        assert_eq!(manifest.files.len(), files.len() - 1);
        for (entry, (path, _, _, bytes)) in manifest.files.iter().zip(&files) {
            assert_eq!(&entry.path, path);
            assert_eq!(entry.bytes, bytes.len() as u64);
            assert_eq!(entry.sha256, sha256_hex(bytes));
        }
        assert_eq!(files[1].0, SUMMARY_FILE);
        let funnel = String::from_utf8(files.iter().find(|f| f.0 == "csv/funnel.csv").unwrap().3.clone()).unwrap();
        let rows = funnel.lines().count() - 1;
        let expected: usize = feed.document().journey.funnel.len() * feed.document().journey.stages.len();
        assert_eq!(rows, expected, "one row per period, area, cohort and stage");
        assert!(funnel.starts_with("period,area_code,area_name,area_type,cohort,stage,people\r\n"));
    }

    /// The summary is a valid feed holding exactly the feed's county and district rows,
    /// unchanged, and nothing about wards or plans.
    #[test]
    fn the_summary_is_a_valid_feed_with_exactly_the_county_and_district_rows() {
        // The demonstration feed, generated here (a fresh clone has no assets/data yet).
        let bytes = serde_json::to_vec(&crate::demo::demo_feed(&crate::demo::DemoOptions::default())).unwrap();
        let feed = crate::validate(&bytes).unwrap();
        let files = release_files(&feed, &bytes);
        let summary_bytes = &files.iter().find(|f| f.0 == SUMMARY_FILE).unwrap().3;
        let summary = crate::validate(summary_bytes).expect("the summary validates on its own");
        assert!(summary_bytes.len() * 10 < bytes.len(), "the summary is a small part of the feed");
        let (full, small) = (feed.document(), summary.document());
        assert_eq!(full.publication, small.publication);
        assert_eq!(full.geography, small.geography);
        assert_eq!(full.place_plans, small.place_plans);
        assert_eq!(full.contract, small.contract);
        let wide =
            |code: &str| matches!(feed.area(code).unwrap().kind, crate::AreaKind::County | crate::AreaKind::District);
        let pairs = [
            (&full.journey.funnel, &small.journey.funnel),
            (&full.journey.entries, &small.journey.entries),
            (&full.journey.handovers, &small.journey.handovers),
            (&full.journey.outcomes, &small.journey.outcomes),
        ];
        for (all_rows, kept) in pairs {
            let expected: Vec<_> = all_rows.iter().filter(|row| wide(&row.area)).collect();
            assert!(!expected.is_empty());
            assert_eq!(kept.iter().collect::<Vec<_>>(), expected);
        }
        let values: Vec<_> = full.measures.values.iter().filter(|v| wide(&v.area)).collect();
        assert_eq!(small.measures.values.iter().collect::<Vec<_>>(), values);
    }
}
