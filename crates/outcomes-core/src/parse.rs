//! From bytes to a typed [`FeedDocument`], collecting every structural problem with its path.
//!
//! Three steps, each reporting in the words a data officer can act on:
//! 1. JSON syntax, with line and column (and duplicate keys, which plain serde_json would
//!    silently resolve to the last one, letting a feed say two things at once);
//! 2. the schema version, before anything else is read;
//! 3. types: each section, and each element of each list, is typed on its own, so one bad row
//!    does not hide the problems in the next one.

use crate::feed::*;
use crate::problem::{join_path, Problem};
use serde::de::{self, DeserializeOwned, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::{Map, Value};
use std::fmt;

/// Feeds larger than this are refused before parsing (a county feed is a few MB).
pub const MAX_FEED_BYTES: usize = 64 * 1024 * 1024;

/// Longest text allowed in any field (names, definitions, priorities...).
pub const MAX_TEXT_CHARS: usize = 2_000;

pub(crate) fn parse_document(bytes: &[u8]) -> Result<(FeedDocument, Value), Vec<Problem>> {
    let root = parse_json(bytes).map_err(|problem| vec![problem])?;
    check_schema_version(&root).map_err(|problem| vec![problem])?;
    let mut problems = Vec::new();
    check_text(&root, String::new(), &mut problems);
    let document = type_document(&root, &mut problems);
    match document {
        Some(document) if problems.is_empty() => Ok((document, root)),
        _ => Err(problems),
    }
}

fn parse_json(bytes: &[u8]) -> Result<Value, Problem> {
    if bytes.len() > MAX_FEED_BYTES {
        return Err(Problem::document(format!(
            "the feed is {} bytes, larger than the {} bytes this dashboard reads (split it, or publish less detail)",
            bytes.len(),
            MAX_FEED_BYTES
        )));
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Problem::document("the feed is empty (expected a JSON object)"));
    }
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let parsed = StrictValue::deserialize(&mut deserializer).and_then(|value| {
        deserializer.end()?;
        Ok(value.0)
    });
    parsed.map_err(|error| {
        let at = format!("line {} column {}", error.line(), error.column());
        let message = match error.classify() {
            serde_json::error::Category::Eof => {
                format!("the feed ends too early at {at}: it looks truncated (expected complete JSON)")
            }
            serde_json::error::Category::Io => format!("could not read the feed: {error}"),
            _ => {
                let detail = error.to_string();
                let detail = detail.split(" at line ").next().unwrap_or(&detail).to_owned();
                format!("not valid JSON at {at}: {detail}")
            }
        };
        Problem::document(message)
    })
}

fn check_schema_version(root: &Value) -> Result<(), Problem> {
    let object = root.as_object().ok_or_else(|| {
        Problem::document(format!(
            "the feed is {}, not a JSON object (expected an object with \"schema_version\": \"{SCHEMA_VERSION}\")",
            describe(root)
        ))
    })?;
    match object.get("schema_version") {
        None => Err(Problem::at(
            "schema_version",
            format!("missing (expected \"{SCHEMA_VERSION}\")"),
        )),
        Some(Value::String(version)) if version == SCHEMA_VERSION => Ok(()),
        Some(other) => Err(Problem::at(
            "schema_version",
            format!(
                "unsupported schema version {} (this dashboard reads \"{SCHEMA_VERSION}\")",
                short(other)
            ),
        )),
    }
}

/// Every string in the feed is shown to people: it must be plain text of a sensible length.
/// Markup is refused outright (the app shows all text as text anyway, but a label with a
/// `<script>` in it is a sign that the data pipeline has been tampered with or broken).
fn check_text(value: &Value, path: String, problems: &mut Vec<Problem>) {
    match value {
        Value::String(text) => {
            if let Some(message) = text_problem(text) {
                problems.push(Problem::at(path, message));
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                check_text(item, format!("{path}[{index}]"), problems);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                check_text(item, join_path(&path, key), problems);
            }
        }
        _ => {}
    }
}

fn text_problem(text: &str) -> Option<String> {
    if text.trim().is_empty() {
        return Some("is empty (expected text)".into());
    }
    let length = text.chars().count();
    if length > MAX_TEXT_CHARS {
        return Some(format!("is {length} characters long (expected at most {MAX_TEXT_CHARS})"));
    }
    if let Some(ch) = text.chars().find(|ch| ch.is_control() || is_bidi_control(*ch)) {
        return Some(format!(
            "contains the invisible control character U+{:04X} (expected plain text)",
            u32::from(ch)
        ));
    }
    let bytes = text.as_bytes();
    let markup = bytes.windows(2).any(|pair| {
        pair[0] == b'<' && (pair[1].is_ascii_alphabetic() || matches!(pair[1], b'/' | b'!' | b'?'))
    });
    if markup {
        return Some(format!("contains HTML markup {} (expected plain text)", short_text(text)));
    }
    let lower = text.to_ascii_lowercase();
    if ["javascript:", "vbscript:", "data:text/html"].iter().any(|scheme| lower.contains(scheme)) {
        return Some(format!("contains a script URL {} (expected plain text)", short_text(text)));
    }
    None
}

/// Right-to-left overrides and isolates can make text read differently from what it says.
fn is_bidi_control(ch: char) -> bool {
    matches!(ch, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
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
    const LISTS: [&str; 9] = [
        "stages", "cohorts", "domains", "entry_routes", "services", "funnel", "entries", "handovers", "outcomes",
    ];
    let object = Object::new(value?, "journey", problems)?;
    object.deny_unknown(&LISTS, problems);
    let mut categories: Vec<Option<Vec<Category>>> = LISTS[..5]
        .iter()
        .map(|key| list(object.field(key, problems), &format!("journey.{key}"), problems))
        .collect();
    let mut rows: Vec<Option<Vec<CountRow>>> = LISTS[5..]
        .iter()
        .map(|key| list(object.field(key, problems), &format!("journey.{key}"), problems))
        .collect();
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
        problems.push(Problem::at("contract", "missing field `kpis`"));
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
            problems.push(Problem::at(self.path, format!("missing field `{key}`")));
        }
        found
    }

    fn deny_unknown(&self, known: &[&str], problems: &mut Vec<Problem>) {
        for key in self.map.keys().filter(|key| !known.contains(&key.as_str())) {
            problems.push(Problem::at(
                join_path(self.path, key),
                format!("unknown field (expected one of: {})", known.join(", ")),
            ));
        }
    }
}

fn typed<T: DeserializeOwned>(value: Option<&Value>, path: &str, problems: &mut Vec<Problem>) -> Option<T> {
    match serde_path_to_error::deserialize::<_, T>(value?) {
        Ok(typed) => Some(typed),
        Err(error) => {
            let inner = error.path().to_string();
            let full = if inner == "." {
                path.to_owned()
            } else if inner.starts_with('[') {
                format!("{path}{inner}")
            } else {
                join_path(path, &inner)
            };
            problems.push(Problem::at(full, explain(&error.into_inner().to_string())));
            None
        }
    }
}

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

/// serde's messages say "invalid type: string \"x\", expected u32"; say it for people.
fn explain(message: &str) -> String {
    let message = message
        .replace("expected u32", "expected a whole number from 0 to 4,294,967,295")
        .replace("expected u8", "expected a whole number from 0 to 255")
        .replace("expected f64", "expected a number")
        .replace("expected a string", "expected text");
    match message.split_once(", expected ") {
        Some((what, expected)) if message.starts_with("invalid") => format!("{what} (expected {expected})"),
        _ => message,
    }
}

fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn short(value: &Value) -> String {
    short_text(&value.to_string())
}

fn short_text(text: &str) -> String {
    let mut shown: String = text.chars().take(60).collect();
    if shown.len() < text.len() {
        shown.push('…');
    }
    format!("{shown:?}")
}

/// A `serde_json::Value` that refuses duplicate object keys.
struct StrictValue(Value);

impl<'de> Deserialize<'de> for StrictValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(StrictVisitor)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = StrictValue;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<StrictValue, E> {
        Ok(StrictValue(Value::Bool(v)))
    }
    fn visit_i64<E>(self, v: i64) -> Result<StrictValue, E> {
        Ok(StrictValue(Value::from(v)))
    }
    fn visit_u64<E>(self, v: u64) -> Result<StrictValue, E> {
        Ok(StrictValue(Value::from(v)))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<StrictValue, E> {
        serde_json::Number::from_f64(v)
            .map(|n| StrictValue(Value::Number(n)))
            .ok_or_else(|| E::custom("a number too large to represent"))
    }
    fn visit_str<E>(self, v: &str) -> Result<StrictValue, E> {
        Ok(StrictValue(Value::String(v.to_owned())))
    }
    fn visit_string<E>(self, v: String) -> Result<StrictValue, E> {
        Ok(StrictValue(Value::String(v)))
    }
    fn visit_unit<E>(self) -> Result<StrictValue, E> {
        Ok(StrictValue(Value::Null))
    }
    fn visit_none<E>(self) -> Result<StrictValue, E> {
        Ok(StrictValue(Value::Null))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<StrictValue, A::Error> {
        let mut items = Vec::new();
        while let Some(StrictValue(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(StrictValue(Value::Array(items)))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<StrictValue, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let StrictValue(value) = map.next_value()?;
            if object.insert(key.clone(), value).is_some() {
                return Err(de::Error::custom(format!(
                    "the key {key:?} appears twice in one object (each key once, so the feed says one thing)"
                )));
            }
        }
        Ok(StrictValue(Value::Object(object)))
    }
}
