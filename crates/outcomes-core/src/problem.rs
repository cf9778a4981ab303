//! A problem found in a feed: where (a JSON path) and what is wrong, in words a data officer can
//! act on. Validation returns every problem it finds, never just the first.
//!
//! Paths and messages quote text from the feed, and the feed may be hostile: a key or value can
//! hold a newline, a terminal escape or a right-to-left override. Every problem is therefore made
//! printable when it is built, so each one is exactly one line that says what it seems to say.

use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// JSON path such as `journey.funnel[12].counts[3]`; empty for the document as a whole.
    pub path: String,
    /// What is wrong, with what was expected in brackets.
    pub message: String,
}

/// Longest path shown. Real paths are short; a hostile feed can nest odd keys 128 deep.
const MAX_PATH_CHARS: usize = 300;

/// Longest message shown. Messages quote feed text, which may be thousands of characters.
const MAX_MESSAGE_CHARS: usize = 600;

/// How a problem about the whole document (syntax, encoding, size) shows its path.
pub const DOCUMENT_PATH_LABEL: &str = "(document)";

impl Problem {
    pub fn at(path: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            path: printable(capped(path.into(), MAX_PATH_CHARS)),
            message: printable(capped(message.into(), MAX_MESSAGE_CHARS)),
        }
    }

    pub fn document(message: impl Into<String>) -> Problem {
        Problem::at("", message)
    }

    /// The path as printed: the JSON path, or `(document)` for the document as a whole.
    pub fn path_label(&self) -> &str {
        if self.path.is_empty() {
            DOCUMENT_PATH_LABEL
        } else {
            &self.path
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path_label(), self.message)
    }
}

/// Appends one object key to a JSON path: `.key` for a plain key, `["key"]` (escaped and
/// shortened) for anything else, so an odd key can never make a path ambiguous or unprintable.
pub(crate) fn push_key(path: &mut String, key: &str) {
    let plain =
        !key.is_empty() && key.len() <= 64 && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if plain {
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(key);
    } else {
        let shown: String = key.chars().take(40).collect();
        let ellipsis = if shown.len() < key.len() { "…" } else { "" };
        path.push_str(&format!("[{:?}]", format!("{shown}{ellipsis}")));
    }
}

/// Appends a list index to a JSON path: `[3]`.
pub(crate) fn push_index(path: &mut String, index: usize) {
    use std::fmt::Write;
    // Writes into the existing buffer: no allocation per array element.
    let _ = write!(path, "[{index}]");
}

pub(crate) fn join_path(base: &str, key: &str) -> String {
    let mut path = base.to_owned();
    push_key(&mut path, key);
    path
}

/// `text` cut to `limit` characters, marked with an ellipsis when cut.
fn capped(text: String, limit: usize) -> String {
    match text.char_indices().nth(limit) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

/// Control characters (newlines, terminal escapes) and bidirectional controls, written as
/// `\u{…}` escapes instead.
fn printable(text: String) -> String {
    if !text.chars().any(needs_escape) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 8);
    for ch in text.chars() {
        if needs_escape(ch) {
            out.push_str(&format!("\\u{{{:04X}}}", u32::from(ch)));
        } else {
            out.push(ch);
        }
    }
    out
}

fn needs_escape(ch: char) -> bool {
    ch.is_control() || is_bidi_control(ch)
}

/// Right-to-left overrides, embeddings, isolates and marks can make text read differently from
/// what it says.
pub(crate) fn is_bidi_control(ch: char) -> bool {
    matches!(ch, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odd_keys_are_quoted_and_plain_keys_are_not() {
        assert_eq!(join_path("", "publication"), "publication");
        assert_eq!(join_path("publication", "licence"), "publication.licence");
        assert_eq!(join_path("journey", "has space"), r#"journey["has space"]"#);
        let long = "k".repeat(100);
        assert_eq!(join_path("a", &long), format!("a[\"{}…\"]", "k".repeat(40)));
    }

    #[test]
    fn problems_are_always_one_printable_line() {
        let problem = Problem::at("a[\"x\ny\"]", "bad \u{1b}[31mred\u{202E} text\n");
        let shown = problem.to_string();
        assert!(!shown.chars().any(needs_escape), "{shown}");
        assert!(shown.contains("\\u{000A}") && shown.contains("\\u{001B}") && shown.contains("\\u{202E}"));
    }

    #[test]
    fn long_paths_and_messages_are_cut() {
        let problem = Problem::at("a".repeat(1_000), "é".repeat(5_000));
        assert_eq!(problem.path.chars().count(), MAX_PATH_CHARS + 1);
        assert_eq!(problem.message.chars().count(), MAX_MESSAGE_CHARS + 1);
        assert!(problem.message.ends_with('…'));
    }

    #[test]
    fn the_document_as_a_whole_has_a_label() {
        assert_eq!(Problem::document("empty").to_string(), "(document): empty");
    }
}
