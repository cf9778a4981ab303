//! Reading a feed file without trusting it: a directory, a missing file or a file far larger
//! than any feed are each reported, and no more than one byte past the size limit is ever read
//! into memory (so `outcomes validate /dev/zero` ends, and quickly).

use outcomes_core::validate::MAX_FEED_BYTES;
use std::io::Read;
use std::path::Path;

/// What was read from a feed file.
pub enum FeedBytes {
    /// The whole file.
    Complete(Vec<u8>),
    /// The file is larger than [`MAX_FEED_BYTES`]: at least this many bytes.
    TooLarge(u64),
}

/// The name that stands for standard input.
pub const STANDARD_INPUT: &str = "-";

/// Reads a feed file, or standard input for `-`. The error says what went wrong, without the
/// path (the caller puts it in front).
pub fn read_feed(path: &Path) -> Result<FeedBytes, String> {
    if path.as_os_str() == STANDARD_INPUT {
        return read_bounded(std::io::stdin().lock(), 0)
            .map_err(|error| format!("cannot read standard input: {error}"));
    }
    let file = std::fs::File::open(path).map_err(|error| format!("cannot open the file: {error}"))?;
    let metadata = file.metadata().map_err(|error| format!("cannot read the file: {error}"))?;
    if metadata.is_dir() {
        return Err("is a directory (expected a feed file)".into());
    }
    if metadata.len() > MAX_FEED_BYTES as u64 {
        return Ok(FeedBytes::TooLarge(metadata.len()));
    }
    read_bounded(file, metadata.len()).map_err(|error| format!("cannot read the file: {error}"))
}

fn read_bounded(reader: impl Read, size_hint: u64) -> std::io::Result<FeedBytes> {
    let limit = MAX_FEED_BYTES as u64 + 1;
    let mut bytes = Vec::with_capacity(size_hint.min(limit) as usize);
    reader.take(limit).read_to_end(&mut bytes)?;
    if bytes.len() > MAX_FEED_BYTES {
        return Ok(FeedBytes::TooLarge(bytes.len() as u64));
    }
    Ok(FeedBytes::Complete(bytes))
}
