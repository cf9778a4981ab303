//! Step 1 of reading a feed: bytes to a JSON value, strictly.
//!
//! Stricter than plain serde_json in three ways, each reported in words a data officer can act on:
//! the bytes must be UTF-8 without a byte order mark (so every reader sees the same text); an
//! object may not repeat a key (serde_json's `Value` silently keeps the last one, which would let
//! a feed say two things at once); and nesting deeper than serde_json's limit of 128 is named as
//! such rather than as a syntax error.

use crate::problem::{push_index, push_key, Problem};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
use std::fmt;

/// Feeds larger than this are refused before parsing. A county feed is a few MB; the synthetic
/// national-scale demonstration (`outcomes demo --scale national`, 7,000 wards, 12 quarters) is
/// about 300 MB in feed v1's one-object-per-row encoding, so the limit is 512 MiB (it was 64 MiB).
pub const MAX_FEED_BYTES: usize = 512 * 1024 * 1024;

/// serde_json refuses lists and objects nested deeper than this.
const MAX_NESTING: usize = 128;

/// The problem for a feed of `size` bytes when that is over [`MAX_FEED_BYTES`].
pub(crate) fn too_large(size: u64) -> Problem {
    Problem::document(format!(
        "the feed is {} bytes, larger than the {} bytes this dashboard reads (expected a smaller feed: split it, or publish less detail)",
        crate::format::thousands(size),
        crate::format::thousands(MAX_FEED_BYTES)
    ))
}

pub(crate) fn read_json(bytes: &[u8]) -> Result<Value, Problem> {
    if bytes.len() > MAX_FEED_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    check_encoding(bytes)?;
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        let what = if bytes.is_empty() { "empty" } else { "only white space" };
        return Err(Problem::document(format!("the feed is {what} (expected a JSON object)")));
    }
    let mut tracker = Tracker::default();
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let parsed = StrictSeed { tracker: &mut tracker }.deserialize(&mut deserializer).and_then(|value| {
        deserializer.end()?;
        Ok(value)
    });
    parsed.map_err(|error| match tracker.duplicate.take() {
        Some(duplicate) => duplicate,
        None => describe_syntax_error(&error),
    })
}

/// UTF-8 without a byte order mark: what RFC 8259 requires of JSON exchanged between systems.
fn check_encoding(bytes: &[u8]) -> Result<(), Problem> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return Err(Problem::document(
            "the feed starts with a byte order mark (expected UTF-8 without a BOM: save it as \"UTF-8\", not \"UTF-8 with BOM\")",
        ));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Problem::document("the feed is UTF-16 text (expected UTF-8)"));
    }
    if let Err(error) = std::str::from_utf8(bytes) {
        let at = error.valid_up_to();
        let (line, column) = line_and_column(&bytes[..at]);
        return Err(Problem::document(format!(
            "the feed is not UTF-8 text: byte 0x{:02X} at line {line} column {column} is not valid UTF-8 (expected UTF-8 text)",
            bytes[at]
        )));
    }
    Ok(())
}

/// Line and column (both from 1, columns counted in characters) just after `before`.
fn line_and_column(before: &[u8]) -> (usize, usize) {
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
    (line, column)
}

fn describe_syntax_error(error: &serde_json::Error) -> Problem {
    let at = format!("line {} column {}", error.line(), error.column());
    let detail = error.to_string();
    let detail = detail.split(" at line ").next().unwrap_or(&detail).to_owned();
    let message = match error.classify() {
        serde_json::error::Category::Eof => {
            format!("the feed ends too early at {at}: it looks truncated (expected complete JSON)")
        }
        _ if detail == "recursion limit exceeded" => format!(
            "lists and objects are nested more than {MAX_NESTING} deep at {at} (expected the feed's own shape, a few levels deep)"
        ),
        _ if detail == "number out of range" => {
            format!("a number at {at} is too large to read (expected numbers of a sensible size)")
        }
        serde_json::error::Category::Io => format!("could not read the feed: {detail}"),
        _ => format!("not valid JSON at {at}: {}", syntax_words(&detail)),
    };
    Problem::document(message)
}

/// serde_json's syntax messages, in words for someone who edits JSON by hand now and then.
fn syntax_words(detail: &str) -> String {
    let words = match detail {
        "expected value" => "no value here (expected a number, \"text\", true, false, null, a [list] or an {object})",
        "expected ident" => "an unquoted word (expected true, false, null, or text in double quotes)",
        "key must be a string" => "an object key that is not in double quotes (expected \"key\": value)",
        "trailing characters" => "more text after the end of the JSON (expected exactly one JSON object)",
        "trailing comma" => "a comma before a closing bracket (expected another item, or no comma)",
        "invalid number" => "a malformed number (expected digits, such as 15 or 0.85)",
        "invalid escape" => "an unknown backslash escape in text (expected \\n, \\t, \\\", \\\\ or \\uXXXX)",
        other
            if other.contains("hex escape") || other.contains("surrogate") || other.contains("unicode code point") =>
        {
            "a broken \\u escape in text (expected \\u and four hex digits, with surrogates in pairs)"
        }
        other if other.starts_with("control character") => {
            "a raw control character (a tab or line break) inside text (expected it written as \\t or \\n)"
        }
        other => return format!("{other} (expected JSON text)"),
    };
    words.to_owned()
}

/// The path being read, and the first duplicate key found, for the error message.
#[derive(Default)]
struct Tracker {
    path: String,
    duplicate: Option<Problem>,
}

/// Builds a `serde_json::Value` while tracking the JSON path, and refuses duplicate object keys.
struct StrictSeed<'a> {
    tracker: &'a mut Tracker,
}

impl<'de> DeserializeSeed<'de> for StrictSeed<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for StrictSeed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        serde_json::Number::from_f64(v).map(Value::Number).ok_or_else(|| E::custom("number out of range"))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let tracker = self.tracker;
        let mut items = Vec::new();
        loop {
            let mark = tracker.path.len();
            push_index(&mut tracker.path, items.len());
            let item = seq.next_element_seed(StrictSeed { tracker: &mut *tracker })?;
            tracker.path.truncate(mark);
            match item {
                Some(item) => items.push(item),
                None => return Ok(Value::Array(items)),
            }
        }
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let tracker = self.tracker;
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let mark = tracker.path.len();
            push_key(&mut tracker.path, &key);
            let value = map.next_value_seed(StrictSeed { tracker: &mut *tracker })?;
            if object.contains_key(&key) {
                tracker.duplicate = Some(Problem::at(
                    tracker.path.clone(),
                    "appears twice in the same object (expected each key once, so the feed says one thing)",
                ));
                return Err(de::Error::custom("duplicate key"));
            }
            tracker.path.truncate(mark);
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(text: &[u8]) -> String {
        read_json(text).unwrap_err().to_string()
    }

    #[test]
    fn a_duplicate_key_is_named_by_its_path() {
        let shown = problem(br#"{"a": [{"b": 1}, {"b": 2, "b": 3}]}"#);
        assert_eq!(
            shown,
            "a[1].b: appears twice in the same object (expected each key once, so the feed says one thing)"
        );
    }

    #[test]
    fn encoding_problems_say_where() {
        assert!(problem(b"\xEF\xBB\xBF{}").contains("byte order mark"));
        assert!(problem(b"{\n \"a\": \"\xFF\"}").contains("byte 0xFF at line 2 column 8"));
        assert!(problem(b"").contains("empty"));
        assert!(problem(b" \n\t").contains("only white space"));
    }

    #[test]
    fn deep_nesting_is_refused_by_name() {
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        assert!(problem(deep.as_bytes()).contains("nested more than 128 deep"));
        let fine = format!("{}{}", "[".repeat(100), "]".repeat(100));
        assert!(read_json(fine.as_bytes()).is_ok());
    }

    #[test]
    fn truncation_and_syntax_errors_give_line_and_column() {
        assert!(problem(b"{\"a\": [1, 2").contains("truncated"));
        assert!(
            problem(b"{\"a\": nope}").starts_with("(document): not valid JSON at line 1 column 8: an unquoted word")
        );
        assert!(problem(b"{\"a\": 1e999}").contains("too large to read"));
    }
}
