//! Writing to stdout and stderr without ever panicking: `println!` panics when the reader has
//! gone away (`outcomes validate *.json | head -1`), and a validator must not panic.

use std::io::Write;

/// One line on stdout; a closed pipe is not an error worth reporting.
pub fn line_out(text: &str) {
    let _ = writeln!(std::io::stdout().lock(), "{text}");
}

/// One line on stderr.
pub fn line_err(text: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{text}");
}

/// Text without a final newline, on stdout (for usage text that already ends in one).
pub fn text_out(text: &str) {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

/// Text without a final newline, on stderr.
pub fn text_err(text: &str) {
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// A file name as shown in messages: control characters (a newline in a name would split a
/// problem over two lines) are escaped.
pub fn shown_path(path: &std::path::Path) -> String {
    let lossy = path.to_string_lossy();
    if lossy.chars().any(char::is_control) {
        lossy.escape_debug().to_string()
    } else {
        lossy.into_owned()
    }
}
