//! The one-line summary of a valid feed: enough to see at a glance that it is the feed meant
//! ("8 quarters, 160 areas, 6,400 funnel rows"), not a report.

use outcomes_core::format::thousands;
use outcomes_core::Feed;

pub fn summary(feed: &Feed) -> String {
    let document = feed.document();
    let mut parts = vec![
        counted(feed.periods().len(), "quarter", "quarters"),
        counted(feed.areas().len(), "area", "areas"),
        counted(document.journey.funnel.len(), "funnel row", "funnel rows"),
    ];
    if document.publication.status == outcomes_core::ReleaseStatus::Draft {
        parts.push("a draft release".into());
    }
    if document.publication.demonstration {
        parts.push("demonstration figures".into());
    }
    format!("valid — {}", parts.join(", "))
}

fn counted(count: usize, one: &str, many: &str) -> String {
    let word = if count == 1 { one } else { many };
    format!("{} {word}", thousands(count))
}
