//! Every string in the feed is shown to people, so each must be plain text of a sensible length.
//!
//! Markup is refused outright. The app shows all text as text anyway, but a label with a
//! `<script>` in it is a sign that the data pipeline has been tampered with or broken, and the
//! feed is also read by other tools (spreadsheets, chart tooltips) that may not be so careful.

use crate::problem::{is_bidi_control, push_index, push_key, Problem};
use serde_json::Value;

/// Longest text allowed in any field (names, definitions, priorities...).
pub const MAX_TEXT_CHARS: usize = 2_000;

/// URL schemes that run script when a link is followed.
const SCRIPT_SCHEMES: [&str; 3] = ["javascript:", "vbscript:", "data:text/html"];

/// Checks every string in `value`, reporting each bad one at its path.
pub(crate) fn check_all_text(value: &Value, problems: &mut Vec<Problem>) {
    let mut path = String::new();
    check_text(value, &mut path, problems);
}

fn check_text(value: &Value, path: &mut String, problems: &mut Vec<Problem>) {
    match value {
        Value::String(text) => {
            if let Some(message) = text_problem(text) {
                problems.push(Problem::at(path.clone(), message));
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                let mark = path.len();
                push_index(path, index);
                check_text(item, path, problems);
                path.truncate(mark);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                let mark = path.len();
                push_key(path, key);
                check_text(item, path, problems);
                path.truncate(mark);
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

/// Whether every string token in raw JSON passes [`text_problem`] with no escape sequence in it.
/// Keys are checked too (more strictly than needed). Conservative: `false` sends the feed down
/// the full path, which reports problems exactly.
pub(crate) fn all_string_tokens_plain(bytes: &[u8]) -> bool {
    let mut position = 0;
    while let Some(offset) = bytes[position..].iter().position(|&b| b == b'"') {
        let start = position + offset + 1;
        let Some(length) = bytes[start..].iter().position(|&b| b == b'"' || b == b'\\') else {
            return false;
        };
        let end = start + length;
        if bytes[end] == b'\\' {
            return false;
        }
        let token = &bytes[start..end];
        // Codes, ids and periods (millions of them at national scale) are plain ASCII: checked
        // here byte by byte, exactly as `text_problem` would, without the UTF-8 conversion.
        if !plain_ascii_text(token) {
            match std::str::from_utf8(token) {
                Ok(text) if text_problem(text).is_none() => {}
                _ => return false,
            }
        }
        position = end + 1;
    }
    true
}

/// Printable ASCII (spaces allowed) with no `<` or `:`, not only spaces, at most
/// [`MAX_TEXT_CHARS`] long: text of which [`text_problem`] finds nothing wrong.
fn plain_ascii_text(bytes: &[u8]) -> bool {
    bytes.len() <= MAX_TEXT_CHARS
        && bytes.iter().all(|&b| (b.is_ascii_graphic() || b == b' ') && b != b'<' && b != b':')
        && bytes.iter().any(|&b| b != b' ')
}

/// What is wrong with one piece of text, if anything.
pub(crate) fn text_problem(text: &str) -> Option<String> {
    // Most strings are codes, ids and periods: printable ASCII with no `<` or `:` cannot hold
    // markup, a script URL, a control or a text-direction character, so only emptiness and
    // length are left to check. (The feed has some 100,000 strings; this keeps loading fast.)
    let plain = text.bytes().all(|b| (b.is_ascii_graphic() || b == b' ') && b != b'<' && b != b':');
    if plain && text.len() <= MAX_TEXT_CHARS {
        // Plain text's only white space is the space.
        return text.bytes().all(|b| b == b' ').then(|| "is empty (expected text)".into());
    }
    if text.trim().is_empty() {
        return Some("is empty (expected text)".into());
    }
    let length = text.chars().count();
    if length > MAX_TEXT_CHARS {
        return Some(format!(
            "is {} characters long (expected at most {})",
            crate::format::thousands(length),
            crate::format::thousands(MAX_TEXT_CHARS)
        ));
    }
    if let Some(ch) = text.chars().find(|ch| is_bidi_control(*ch)) {
        return Some(format!(
            "contains the text-direction control character U+{:04X}, which can make text read differently from what it says (expected plain text)",
            u32::from(ch)
        ));
    }
    if let Some(ch) = text.chars().find(|ch| ch.is_control()) {
        return Some(format!(
            "contains the control character U+{:04X} (expected plain text on one line, without tabs, line breaks or other control characters)",
            u32::from(ch)
        ));
    }
    if contains_markup(text) {
        return Some(format!("contains HTML markup {} (expected plain text)", quoted_excerpt(text)));
    }
    let lower = text.to_ascii_lowercase();
    if SCRIPT_SCHEMES.iter().any(|scheme| lower.contains(scheme)) {
        return Some(format!("contains a script URL {} (expected plain text)", quoted_excerpt(text)));
    }
    None
}

/// A `<` that opens a tag, a closing tag, a comment or a processing instruction. A `<` before a
/// space or a digit ("< 10", "<5%") is ordinary text.
fn contains_markup(text: &str) -> bool {
    text.as_bytes()
        .windows(2)
        .any(|pair| pair[0] == b'<' && (pair[1].is_ascii_alphabetic() || matches!(pair[1], b'/' | b'!' | b'?')))
}

/// The text in quotes, cut to 60 characters, with any escapes JSON would need.
pub(crate) fn quoted_excerpt(text: &str) -> String {
    let mut shown: String = text.chars().take(60).collect();
    if shown.len() < text.len() {
        shown.push('…');
    }
    format!("{shown:?}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_passes_and_everything_else_is_named() {
        assert_eq!(text_problem("Waterlees Village"), None);
        assert_eq!(text_problem("Fewer than < 10 households"), None);
        assert!(text_problem("  ").unwrap().contains("empty"));
        assert!(text_problem(&"x".repeat(2_001)).unwrap().contains("2,001 characters"));
        assert!(text_problem("a\u{202E}b").unwrap().contains("U+202E"));
        assert!(text_problem("tab\there").unwrap().contains("U+0009"));
        assert!(text_problem("<script>alert(1)</script>").unwrap().contains("HTML markup"));
        assert!(text_problem("JavaScript:alert(1)").unwrap().contains("script URL"));
    }

    #[test]
    fn the_ascii_shortcut_agrees_with_text_problem() {
        let long = "x".repeat(MAX_TEXT_CHARS + 1);
        for text in ["E05900001", "2025-Q3", "all", "", " ", "  a ", "a<b", "a:b", "caf\u{e9}", "tab\t", &long] {
            if plain_ascii_text(text.as_bytes()) {
                assert_eq!(text_problem(text), None, "{text:?}");
            }
        }
        assert!(plain_ascii_text(b"E05900001") && plain_ascii_text(b" a "));
        assert!(!plain_ascii_text(b"  ") && !plain_ascii_text(b"") && !plain_ascii_text(b"a<b"));
        assert!(all_string_tokens_plain(br#"{"a": "E05900001", "b": ["x y"]}"#));
        assert!(!all_string_tokens_plain(br#"{"a": " "}"#));
        assert!(!all_string_tokens_plain(br#"{"a": "<b>"}"#));
    }

    #[test]
    fn an_escape_or_an_unterminated_string_sends_the_feed_down_the_full_path() {
        assert!(!all_string_tokens_plain(br#"{"a": "x\"y"}"#));
        assert!(!all_string_tokens_plain(br#"{"a": "x\u003cb"}"#));
        assert!(!all_string_tokens_plain(br#"{"a": "unterminated}"#));
        assert!(all_string_tokens_plain(br#"{"a": 1, "b": [2, 3]}"#));
    }

    #[test]
    fn every_bad_string_is_reported_at_its_path() {
        let value: Value = serde_json::json!({"a": ["ok", ""], "b": {"c d": "<b>"}});
        let mut problems = Vec::new();
        check_all_text(&value, &mut problems);
        let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["a[1]", "b[\"c d\"]"]);
    }
}
