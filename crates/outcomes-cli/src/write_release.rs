//! Writes a whole release into a directory: the feed, the tidy CSVs and the manifest with each
//! file's size and SHA-256 (see `outcomes_core::release`). Used by `demo` (and `publish`).

use outcomes_core::release::release_files;
use outcomes_core::Feed;
use std::path::{Path, PathBuf};

/// Writes every file; returns what was written, or a message naming the path that failed.
pub fn write_release(
    directory: &Path,
    feed: &Feed,
    feed_json: &[u8],
    audit: Option<&outcomes_core::audit::AuditSummary>,
) -> Result<Vec<(PathBuf, usize)>, String> {
    let mut written = Vec::new();
    let mut files = release_files(feed, feed_json);
    if let Some(audit) = audit {
        outcomes_core::release::record_audit(&mut files, audit);
    }
    for (relative, _, _, bytes) in files {
        let path = directory.join(&relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|error| {
                format!("{}: cannot create the directory: {error}", crate::output::shown_path(parent))
            })?;
        }
        std::fs::write(&path, &bytes)
            .map_err(|error| format!("{}: cannot write: {error}", crate::output::shown_path(&path)))?;
        written.push((path, bytes.len()));
    }
    Ok(written)
}
