//! serde's messages are written for programmers ("invalid type: string \"x\", expected u32").
//! This turns each into the `what is wrong (what was expected)` form a data officer can act on.

/// A serde message, reworded, and the field it is about when serde names the field only in
/// its message (a missing field is reported at the object that lacks it).
pub(super) struct Explained {
    pub(super) field: Option<String>,
    pub(super) message: String,
}

/// Longest quotation of feed text inside a message.
const QUOTE_CHARS: usize = 60;

/// Longest message passed through as it is.
const MESSAGE_CHARS: usize = 300;

pub(super) fn explain(message: &str) -> Explained {
    if let Some(field) = between(message, "missing field `", "`") {
        return Explained { field: Some(field.to_owned()), message: "is missing (this field is required)".into() };
    }
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (field, expected) = rest.split_once("`, ").unwrap_or((rest.trim_end_matches('`'), ""));
        let expected = expected.strip_prefix("expected ").map(list_of_names).unwrap_or_else(|| "no fields here".into());
        return Explained {
            field: Some(field.to_owned()),
            message: format!("is not a field of this object (expected {expected})"),
        };
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let (variant, expected) = rest.split_once("`, ").unwrap_or((rest.trim_end_matches('`'), ""));
        let expected = expected.strip_prefix("expected ").map(list_of_names).unwrap_or_default();
        return Explained {
            field: None,
            message: format!("{} is not an allowed value (expected {expected})", shorten(&format!("{variant:?}"))),
        };
    }
    for prefix in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = message.strip_prefix(prefix) {
            if let Some((unexpected, expected)) = rest.rsplit_once(", expected ") {
                return Explained {
                    field: None,
                    message: format!("is {} (expected {})", unexpected_words(unexpected), expected_words(expected)),
                };
            }
        }
    }
    if let Some(rest) = message.strip_prefix("invalid length ") {
        if let Some((length, expected)) = rest.split_once(", expected ") {
            return Explained {
                field: None,
                message: format!("has {length} items (expected {})", expected_words(expected)),
            };
        }
    }
    // Our own types' messages (dates, quarters) are already in this form; only cut them short.
    Explained { field: None, message: shorten_to(message, MESSAGE_CHARS) }
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let rest = text.strip_prefix(start)?;
    rest.strip_suffix(end)
}

/// serde's ``one of `a`, `b`, `c` `` (or `` `a` or `b` ``) as `one of: a, b, c` (or `a or b`).
fn list_of_names(expected: &str) -> String {
    let names = expected.strip_prefix("one of ").unwrap_or(expected).replace('`', "");
    if expected.starts_with("one of ") {
        format!("one of: {names}")
    } else {
        names
    }
}

/// serde's description of the value found, in plain words.
fn unexpected_words(unexpected: &str) -> String {
    if let Some(text) = unexpected.strip_prefix("string ") {
        return format!("the text {}", shorten(text));
    }
    if let Some(number) = between(unexpected, "integer `", "`") {
        return format!("the number {number}");
    }
    if let Some(number) = between(unexpected, "floating point `", "`") {
        return format!("the number {}", readable_float(number));
    }
    match unexpected {
        "boolean `true`" => "true".into(),
        "boolean `false`" => "false".into(),
        "unit value" => "null".into(),
        "sequence" => "a list".into(),
        "map" => "an object".into(),
        other => shorten(other),
    }
}

/// Huge floats print with all their digits; show those in scientific notation.
fn readable_float(number: &str) -> String {
    match number.parse::<f64>() {
        Ok(value) if value.abs() >= 1e15 => format!("{value:e}"),
        _ => number.to_owned(),
    }
}

/// serde's (or our own types') description of what was expected, in plain words.
fn expected_words(expected: &str) -> String {
    let words = match expected {
        "u32" => "a whole number from 0 to 4,294,967,295",
        "u16" => "a whole number from 0 to 65,535",
        "u8" => "a whole number from 0 to 255",
        "f64" | "f32" => "a number",
        "a string" | "a borrowed string" => "text",
        "a boolean" => "true or false",
        "a sequence" => "a list",
        "string or map" => "text, one of the allowed values",
        other if other.starts_with("struct ") => "an object",
        other => return other.replace("100000000", "100,000,000"),
    };
    words.to_owned()
}

/// Cuts a quotation of feed text (it may be a 5,000-character label) to something readable.
fn shorten(text: &str) -> String {
    shorten_to(text, QUOTE_CHARS)
}

fn shorten_to(text: &str, limit: usize) -> String {
    if text.chars().count() <= limit + 2 {
        return text.to_owned();
    }
    let mut shown: String = text.chars().take(limit).collect();
    shown.push('…');
    if text.starts_with('"') {
        shown.push('"');
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(message: &str) -> String {
        explain(message).message
    }

    #[test]
    fn serde_messages_become_what_is_wrong_and_what_was_expected() {
        assert_eq!(
            words("invalid type: string \"12\", expected u32"),
            "is the text \"12\" (expected a whole number from 0 to 4,294,967,295)"
        );
        assert_eq!(words("invalid type: unit value, expected a string"), "is null (expected text)");
        assert_eq!(
            words("invalid value: floating point `1e30`, expected u8"),
            "is the number 1e30 (expected a whole number from 0 to 255)"
        );
        assert_eq!(
            words("invalid type: floating point `1000000000000000000000000000000.0`, expected f64"),
            "is the number 1e30 (expected a number)"
        );
        assert_eq!(
            words("unknown variant `finall`, expected one of `final`, `provisional`, `draft`"),
            "\"finall\" is not an allowed value (expected one of: final, provisional, draft)"
        );
        assert_eq!(
            words("unknown variant `x`, expected `draft` or `published`"),
            "\"x\" is not an allowed value (expected draft or published)"
        );
    }

    #[test]
    fn field_names_are_taken_out_of_the_message() {
        let missing = explain("missing field `title`");
        assert_eq!(
            (missing.field.as_deref(), missing.message.as_str()),
            (Some("title"), "is missing (this field is required)")
        );
        let unknown = explain("unknown field `colour`, expected `name` or `url`");
        assert_eq!(unknown.field.as_deref(), Some("colour"));
        assert_eq!(unknown.message, "is not a field of this object (expected name or url)");
    }

    #[test]
    fn long_quotations_are_cut() {
        let long = format!("invalid type: string \"{}\", expected u32", "x".repeat(5_000));
        assert!(words(&long).chars().count() < 150);
    }
}
