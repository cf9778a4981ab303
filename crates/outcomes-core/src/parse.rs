//! From bytes to a typed [`FeedDocument`], collecting every structural problem with its path.
//!
//! Four steps, each reporting in the words a data officer can act on:
//! 1. strict JSON (`json`): size, UTF-8, syntax with line and column, duplicate keys, nesting;
//! 2. the schema version, before anything else is read (another version may mean anything);
//! 3. every string is plain text of a sensible length (`text`);
//! 4. types: each section, and each element of each list, is typed on its own, so one bad row
//!    does not hide the problems in the next one.

mod explain;
mod json;
mod text;

use crate::feed::*;
use crate::problem::{join_path, push_index, push_key, Problem};
use explain::explain;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

pub(crate) use json::too_large;
pub use json::MAX_FEED_BYTES;
pub use text::MAX_TEXT_CHARS;

/// The typed document when every part of it could be typed (even if some text is bad: the rules
/// can still be checked, so they are), and every problem found so far.
pub(crate) struct Parsed {
    pub(crate) document: Option<FeedDocument>,
    pub(crate) problems: Vec<Problem>,
}

pub(crate) fn parse_document(bytes: &[u8]) -> Parsed {
    if let Some(document) = fast_path(bytes) {
        return Parsed { document: Some(document), problems: Vec::new() };
    }
    let root = json::read_json(bytes).and_then(|root| check_schema_version(&root).map(|()| root));
    let root = match root {
        Ok(root) => root,
        Err(problem) => return Parsed { document: None, problems: vec![problem] },
    };
    let mut problems = Vec::new();
    text::check_all_text(&root, &mut problems);
    let typing_problems_before = problems.len();
    let document = type_document(&root, &mut problems);
    let typed_cleanly = problems.len() == typing_problems_before;
    Parsed { document: document.filter(|_| typed_cleanly), problems }
}

/// The common case, a well-formed feed, without building a JSON tree: every string token passes
/// the text rules (and none uses an escape, which could hide markup), and the bytes type straight
/// into a `FeedDocument` (serde's derive refuses unknown and duplicate fields, as the full path
/// does). Anything else returns `None` and the full path finds and words every problem, so the
/// result is the same either way; only the time differs (about five times faster).
fn fast_path(bytes: &[u8]) -> Option<FeedDocument> {
    if bytes.len() > crate::MAX_FEED_BYTES || !text::all_string_tokens_plain(bytes) {
        return None;
    }
    let document: FeedDocument = serde_json::from_slice(bytes).ok()?;
    (document.schema_version == SCHEMA_VERSION).then_some(document)
}

fn check_schema_version(root: &Value) -> Result<(), Problem> {
    let object = root.as_object().ok_or_else(|| {
        Problem::document(format!(
            "the feed is {}, not an object (expected a JSON object with \"schema_version\": \"{SCHEMA_VERSION}\")",
            describe(root)
        ))
    })?;
    match object.get("schema_version") {
        None => Err(Problem::at("schema_version", format!("is missing (expected \"{SCHEMA_VERSION}\")"))),
        Some(Value::String(version)) if version == SCHEMA_VERSION => Ok(()),
        Some(Value::String(version)) => Err(Problem::at(
            "schema_version",
            format!(
                "{} is not a version this dashboard reads (expected \"{SCHEMA_VERSION}\")",
                text::quoted_excerpt(version)
            ),
        )),
        Some(other) => Err(Problem::at(
            "schema_version",
            format!(
                "is {} ({}), not text (expected \"{SCHEMA_VERSION}\")",
                describe(other),
                other.to_string().chars().take(20).collect::<String>()
            ),
        )),
    }
}

fn type_document(root: &Value, problems: &mut Vec<Problem>) -> Option<FeedDocument> {
    let top = Object::new(root, "", problems)?;
    top.deny_unknown(
        &["schema_version", "publication", "disclosure", "geography", "place_plans", "journey", "measures", "contract"],
        problems,
    );
    let publication = typed(top.field("publication", problems), "publication", problems);
    let disclosure = typed(top.field("disclosure", problems), "disclosure", problems);
    let geography = type_geography(top.field("geography", problems), problems);
    let place_plans = list(top.field("place_plans", problems), "place_plans", problems);
    let journey = type_journey(top.field("journey", problems), problems);
    let measures = type_measures(top.field("measures", problems), problems);
    let contract = type_contract(top.field("contract", problems), problems);
    Some(FeedDocument {
        schema_version: SCHEMA_VERSION.to_owned(),
        publication: publication?,
        disclosure: disclosure?,
        geography: geography?,
        place_plans: place_plans?,
        journey: journey?,
        measures: measures?,
        contract: contract?,
    })
}

fn type_geography(value: Option<&Value>, problems: &mut Vec<Problem>) -> Option<Geography> {
    let object = Object::new(value?, "geography", problems)?;
    object.deny_unknown(&["county", "districts", "wards", "lsoas"], problems);
    let county = typed(object.field("county", problems), "geography.county", problems);
    let districts = list(object.field("districts", problems), "geography.districts", problems);
    let wards = list(object.field("wards", problems), "geography.wards", problems);
    let lsoas = list(object.field("lsoas", problems), "geography.lsoas", problems);
    Some(Geography { county: county?, districts: districts?, wards: wards?, lsoas: lsoas? })
}

fn type_journey(value: Option<&Value>, problems: &mut Vec<Problem>) -> Option<Journey> {
    const LISTS: [&str; 9] =
        ["stages", "cohorts", "domains", "entry_routes", "services", "funnel", "entries", "handovers", "outcomes"];
    let object = Object::new(value?, "journey", problems)?;
    object.deny_unknown(&LISTS, problems);
    let mut categories: Vec<Option<Vec<Category>>> =
        LISTS[..5].iter().map(|key| list(object.field(key, problems), &format!("journey.{key}"), problems)).collect();
    let mut rows: Vec<Option<Vec<CountRow>>> =
        LISTS[5..].iter().map(|key| list(object.field(key, problems), &format!("journey.{key}"), problems)).collect();
    let mut category = |i: usize| categories[i].take();
    let (stages, cohorts, domains, entry_routes, services) =
        (category(0), category(1), category(2), category(3), category(4));
    let mut row = |i: usize| rows[i].take();
    let (funnel, entries, handovers, outcomes) = (row(0), row(1), row(2), row(3));
    Some(Journey {
        stages: stages?,
        cohorts: cohorts?,
        domains: domains?,
        entry_routes: entry_routes?,
        services: services?,
        funnel: funnel?,
        entries: entries?,
        handovers: handovers?,
        outcomes: outcomes?,
    })
}

fn type_measures(value: Option<&Value>, problems: &mut Vec<Problem>) -> Option<Measures> {
    let object = Object::new(value?, "measures", problems)?;
    object.deny_unknown(&["catalogue", "values"], problems);
    let catalogue = list(object.field("catalogue", problems), "measures.catalogue", problems);
    let values = list(object.field("values", problems), "measures.values", problems);
    Some(Measures { catalogue: catalogue?, values: values? })
}

fn type_contract(value: Option<&Value>, problems: &mut Vec<Problem>) -> Option<Contract> {
    let object = Object::new(value?, "contract", problems)?;
    // Everything but the KPI list is small: type it whole, then each KPI on its own.
    let mut head = object.map.clone();
    let kpis_value = head.remove("kpis");
    if kpis_value.is_none() {
        problems.push(Problem::at("contract.kpis", "is missing (this field is required)"));
    }
    head.insert("kpis".into(), Value::Array(Vec::new()));
    let head: Option<Contract> = typed(Some(&Value::Object(head)), "contract", problems);
    let kpis = list(kpis_value.as_ref(), "contract.kpis", problems);
    let mut contract = head?;
    contract.kpis = kpis?;
    Some(contract)
}

/// A JSON object being typed by hand, for the containers whose lists are typed element by element.
struct Object<'a> {
    map: &'a Map<String, Value>,
    path: &'a str,
}

impl<'a> Object<'a> {
    fn new(value: &'a Value, path: &'a str, problems: &mut Vec<Problem>) -> Option<Object<'a>> {
        match value.as_object() {
            Some(map) => Some(Object { map, path }),
            None => {
                problems.push(Problem::at(path, format!("is {} (expected an object)", describe(value))));
                None
            }
        }
    }

    fn field(&self, key: &str, problems: &mut Vec<Problem>) -> Option<&'a Value> {
        let found = self.map.get(key);
        if found.is_none() {
            problems.push(Problem::at(join_path(self.path, key), "is missing (this field is required)"));
        }
        found
    }

    fn deny_unknown(&self, known: &[&str], problems: &mut Vec<Problem>) {
        for key in self.map.keys().filter(|key| !known.contains(&key.as_str())) {
            problems.push(Problem::at(
                join_path(self.path, key),
                format!("is not a field of this object (expected one of: {})", known.join(", ")),
            ));
        }
    }
}

/// Types one value, reporting a failure at the exact path inside it.
fn typed<T: DeserializeOwned>(value: Option<&Value>, path: &str, problems: &mut Vec<Problem>) -> Option<T> {
    match serde_path_to_error::deserialize::<_, T>(value?) {
        Ok(typed) => Some(typed),
        Err(error) => {
            let mut full = path.to_owned();
            let mut last_key = None;
            for segment in error.path().iter() {
                last_key = None;
                match segment {
                    serde_path_to_error::Segment::Seq { index } => push_index(&mut full, *index),
                    serde_path_to_error::Segment::Map { key } | serde_path_to_error::Segment::Enum { variant: key } => {
                        push_key(&mut full, key);
                        last_key = Some(key.clone());
                    }
                    serde_path_to_error::Segment::Unknown => push_key(&mut full, "?"),
                }
            }
            let explained = explain(&error.into_inner().to_string());
            // serde names a missing or unknown field in its message, not always in its path.
            if let Some(field) = explained.field.filter(|field| last_key.as_ref() != Some(field)) {
                push_key(&mut full, &field);
            }
            problems.push(Problem::at(full, explained.message));
            None
        }
    }
}

/// Types each element of a list on its own, so every bad element is reported.
fn list<T: DeserializeOwned>(value: Option<&Value>, path: &str, problems: &mut Vec<Problem>) -> Option<Vec<T>> {
    let items = match value? {
        Value::Array(items) => items,
        other => {
            problems.push(Problem::at(path, format!("is {} (expected a list)", describe(other))));
            return None;
        }
    };
    let before = problems.len();
    let typed_items: Vec<T> = items
        .iter()
        .enumerate()
        .filter_map(|(index, item)| typed(Some(item), &format!("{path}[{index}]"), problems))
        .collect();
    (problems.len() == before).then_some(typed_items)
}

fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}
