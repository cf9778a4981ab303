//! The disclosure audit's summary in plain words, for the dashboard's `/about` page (issue 11:
//! "all 1,234 hidden counts are protected to at least ±3; checked against 2 earlier releases").
//!
//! The words are built only from the numbers of the manifest's [`AuditSummary`], never from any
//! text of the feed or manifest, so nothing a publisher writes can appear here. They never claim
//! protection the summary does not support: a summary with failures says so and sends the reader
//! to the publisher, and a release without a summary says that it has none.

use crate::audit::{AuditSummary, ProofSummary};
use crate::format::thousands;

/// What the audit summary says overall, so a page can style the statement (a warning for
/// [`Verdict::Failed`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The audit ran and every hidden count passed the protection rule.
    Protected,
    /// The audit found hidden counts a reader could narrow down further than the rule allows.
    Failed,
    /// The audit found no such count, but could check some only approximately (outer
    /// intervals): their protection is not proven.
    Unproven,
    /// The release carries no audit summary.
    NotAudited,
}

/// The statement: its verdict and its sentences, in reading order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Statement {
    pub verdict: Verdict,
    pub sentences: Vec<String>,
}

impl Statement {
    /// The sentences as one paragraph.
    pub fn text(&self) -> String {
        self.sentences.join(" ")
    }
}

/// The plain-words statement of a release's disclosure audit (`None`: the release, or its
/// manifest, carries no audit summary).
pub fn statement(audit: Option<&AuditSummary>) -> Statement {
    let Some(audit) = audit else {
        return Statement {
            verdict: Verdict::NotAudited,
            sentences: vec![
                "This release carries no disclosure audit summary, so this page cannot say how well its hidden counts are protected from being worked out from the published figures."
                    .to_owned(),
            ],
        };
    };
    let hidden = audit.cells_audited;
    if audit.failures > 0 {
        let found = if audit.failures == 1 {
            "1 hidden count that a reader could narrow down".to_owned()
        } else {
            format!("{} hidden counts that a reader could narrow down", thousands(audit.failures))
        };
        return Statement {
            verdict: Verdict::Failed,
            sentences: vec![
                format!(
                    "The disclosure audit of this release found {found} further than the protection rule allows (out of {} checked), so this page cannot say that the hidden counts are protected.",
                    thousands(hidden)
                ),
                "Ask the publisher about this release before relying on it to keep small counts confidential.".to_owned(),
            ],
        };
    }
    let mut sentences = Vec::new();
    let relations = counted(audit.relations, "relation", "relations");
    if hidden == 0 {
        sentences.push(format!(
            "This release hides no counts, so there were none to protect; the disclosure audit checked {relations} a reader could use."
        ));
    } else {
        let checked = if hidden == 1 {
            format!("The 1 hidden count was checked against {relations} a reader could use")
        } else {
            format!("All {} hidden counts were checked against {relations} a reader could use", thousands(hidden))
        };
        let protected = match (audit.smallest_margin, hidden) {
            _ if audit.proof.is_some() => proof_words(audit.proof.unwrap_or_default()),
            _ if audit.unproven > 0 => format!(
                "; none could be narrowed down further than the protection rule allows, but for {} the relations around them were too many to solve whole, so their protection is checked only approximately and not proven",
                how_many_of(audit.unproven, hidden)
            ),
            (Some(margin), 1) => format!("; it is protected to at least ±{}", number_i64(margin)),
            (Some(margin), _) => format!("; each is protected to at least ±{}", number_i64(margin)),
            (None, _) => String::new(),
        };
        sentences.push(format!("{checked}{protected}."));
        if audit.proof.is_some() && audit.unproven > 0 {
            sentences.push(format!(
                "Anyone can check the published figures with the same audit: without the true counts it finds no hidden count that can be narrowed down too far, though for {} it can check this only approximately.",
                how_many_of(audit.unproven, hidden)
            ));
        }
    }
    sentences.push(match audit.previous_releases {
        0 => "No earlier release was linked to the audit, so it does not cover working counts out by comparing this release with an earlier one.".to_owned(),
        earlier => format!("The audit also checked them against {}.", counted(earlier, "earlier release", "earlier releases")),
    });
    if audit.secondary_suppressions > 0 {
        let further = if audit.secondary_suppressions == 1 {
            "1 further count was hidden".to_owned()
        } else {
            format!("{} further counts were hidden", thousands(audit.secondary_suppressions))
        };
        sentences.push(format!("{further} so that the small ones cannot be worked out."));
    }
    let verdict = match audit.proof {
        Some(proof) if proof.proven < proof.small_counts => Verdict::Unproven,
        Some(_) => Verdict::Protected,
        None if audit.unproven > 0 => Verdict::Unproven,
        None => Verdict::Protected,
    };
    Statement { verdict, sentences }
}

/// The publisher's proof (true values known): the small counts proven, and their margin.
fn proof_words(proof: ProofSummary) -> String {
    let small = proof.small_counts;
    if small == 0 {
        return "; none of them is a small count, so none needed a margin".to_owned();
    }
    let margin = proof.smallest_margin.map(|m| format!(" to at least ±{}", number_i64(m))).unwrap_or_default();
    if proof.proven >= small {
        let which = if small == 1 {
            "the 1 small one".to_owned()
        } else {
            format!("each of the {} small ones", thousands(small))
        };
        format!("; the publisher, using the true counts, proved that {which} is protected{margin} (or down to 0)")
    } else {
        format!(
            "; the publisher, using the true counts, could prove protection for only {} of the {} small ones, so the others' protection is not proven",
            thousands(proof.proven),
            thousands(small)
        )
    }
}

/// "1 of them", "2,460 of them", or "every one of them" when it is all of several.
fn how_many_of(some: usize, all: usize) -> String {
    match some {
        1 => "1 of them".to_owned(),
        _ if some == all => "every one of them".to_owned(),
        _ => format!("{} of them", thousands(some)),
    }
}

/// A margin is never negative; should one be, it is shown as it is rather than hidden.
fn number_i64(value: i64) -> String {
    if value < 0 {
        format!("-{}", thousands(value.unsigned_abs()))
    } else {
        thousands(value.unsigned_abs())
    }
}

/// `1 relation`, `237,379 relations`.
fn counted(value: usize, one: &str, many: &str) -> String {
    if value == 1 {
        format!("1 {one}")
    } else {
        format!("{} {many}", thousands(value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(
        cells_audited: usize,
        relations: usize,
        smallest_margin: Option<i64>,
        previous_releases: usize,
        secondary_suppressions: usize,
        failures: usize,
    ) -> AuditSummary {
        AuditSummary {
            cells_audited,
            relations,
            smallest_margin,
            previous_releases,
            secondary_suppressions,
            failures,
            unproven: 0,
            proof: None,
        }
    }

    // Worked example: the sentence issue 11 asks for ("all 1,234 hidden counts are protected to
    // at least ±3; checked against 2 earlier releases"), with the demonstration feed's relations
    // (237,379, docs/disclosure.md) and 56 secondary suppressions.
    #[test]
    fn a_passing_audit_states_counts_margin_releases_and_secondary_suppressions() {
        let words = statement(Some(&summary(1_234, 237_379, Some(3), 2, 56, 0)));
        assert_eq!(words.verdict, Verdict::Protected);
        assert_eq!(
            words.text(),
            "All 1,234 hidden counts were checked against 237,379 relations a reader could use; each is protected to at least ±3. \
             The audit also checked them against 2 earlier releases. \
             56 further counts were hidden so that the small ones cannot be worked out."
        );
    }

    #[test]
    fn one_earlier_release_and_one_secondary_suppression_are_singular() {
        let words = statement(Some(&summary(133_618, 1, Some(12_345), 1, 1, 0)));
        assert_eq!(
            words.sentences,
            [
                "All 133,618 hidden counts were checked against 1 relation a reader could use; each is protected to at least ±12,345.",
                "The audit also checked them against 1 earlier release.",
                "1 further count was hidden so that the small ones cannot be worked out.",
            ]
        );
    }

    #[test]
    fn no_earlier_release_is_said_honestly_and_no_secondary_suppression_is_not_mentioned() {
        let words = statement(Some(&summary(40, 90, Some(4), 0, 0, 0)));
        assert_eq!(
            words.sentences,
            [
                "All 40 hidden counts were checked against 90 relations a reader could use; each is protected to at least ±4.",
                "No earlier release was linked to the audit, so it does not cover working counts out by comparing this release with an earlier one.",
            ]
        );
    }

    // No hidden count could be a small one (or none has an upper bound): no margin to state.
    #[test]
    fn without_a_smallest_margin_the_plus_or_minus_part_is_left_out() {
        let words = statement(Some(&summary(7, 20, None, 0, 0, 0)));
        assert_eq!(words.sentences[0], "All 7 hidden counts were checked against 20 relations a reader could use.");
        assert!(!words.text().contains('±'));
    }

    #[test]
    fn a_single_hidden_count_and_no_hidden_count() {
        let one = statement(Some(&summary(1, 4, Some(3), 0, 0, 0)));
        assert_eq!(
            one.sentences[0],
            "The 1 hidden count was checked against 4 relations a reader could use; it is protected to at least ±3."
        );
        let none = statement(Some(&summary(0, 4, None, 0, 0, 0)));
        assert_eq!(none.verdict, Verdict::Protected);
        assert_eq!(
            none.sentences[0],
            "This release hides no counts, so there were none to protect; the disclosure audit checked 4 relations a reader could use."
        );
    }

    // Worked example: the demonstration feed's public audit (docs/disclosure.md, "Status"):
    // 133,618 hidden counts, 13 proven pinned, smallest margin 0. Never a claim of protection.
    #[test]
    fn failures_are_stated_plainly_and_never_called_protected() {
        let words = statement(Some(&summary(133_618, 237_379, Some(0), 2, 56, 13)));
        assert_eq!(words.verdict, Verdict::Failed);
        assert_eq!(
            words.text(),
            "The disclosure audit of this release found 13 hidden counts that a reader could narrow down further than the protection rule allows (out of 133,618 checked), so this page cannot say that the hidden counts are protected. \
             Ask the publisher about this release before relying on it to keep small counts confidential."
        );
        assert!(!words.text().contains("protected to"));
        let one = statement(Some(&summary(5, 9, Some(0), 0, 0, 1)));
        assert!(one.sentences[0].contains("found 1 hidden count that a reader could narrow down further"));
    }

    #[test]
    fn no_summary_says_there_is_none() {
        let words = statement(None);
        assert_eq!(words.verdict, Verdict::NotAudited);
        assert_eq!(
            words.text(),
            "This release carries no disclosure audit summary, so this page cannot say how well its hidden counts are protected from being worked out from the published figures."
        );
    }

    /// The demonstration feed's public audit (docs/disclosure.md): every interval is outer, so
    /// even with no failure the page must not claim protection.
    #[test]
    fn approximate_checks_are_not_called_protection() {
        let mut audit = summary(133_618, 237_379, Some(3), 0, 0, 0);
        audit.unproven = 133_618;
        let words = statement(Some(&audit));
        assert_eq!(words.verdict, Verdict::Unproven);
        let text = words.text();
        assert!(
            text.contains("but for every one of them the relations around them were too many to solve whole"),
            "{text}"
        );
        audit.unproven = 2_000;
        let text = statement(Some(&audit)).text();
        assert!(text.contains("but for 2,000 of them the relations around them"), "{text}");
        assert!(!text.contains("protected to at least"), "{text}");
    }

    /// The `tests/publish` example as `outcomes publish` writes it: the public audit passes only
    /// on outer intervals, and the publisher's proof covers every small count.
    #[test]
    fn the_publishers_proof_is_stated_with_what_anyone_can_check() {
        let mut audit = summary(2_460, 7_460, Some(1), 0, 467, 0);
        audit.unproven = 2_460;
        audit.proof = Some(ProofSummary { small_counts: 2_001, proven: 2_001, smallest_margin: Some(3) });
        let words = statement(Some(&audit));
        assert_eq!(words.verdict, Verdict::Protected);
        assert_eq!(
            words.sentences,
            [
                "All 2,460 hidden counts were checked against 7,460 relations a reader could use; the publisher, using the true counts, proved that each of the 2,001 small ones is protected to at least ±3 (or down to 0).",
                "Anyone can check the published figures with the same audit: without the true counts it finds no hidden count that can be narrowed down too far, though for every one of them it can check this only approximately.",
                "No earlier release was linked to the audit, so it does not cover working counts out by comparing this release with an earlier one.",
                "467 further counts were hidden so that the small ones cannot be worked out.",
            ]
        );
    }

    #[test]
    fn an_incomplete_proof_is_not_called_protection() {
        let mut audit = summary(40, 90, Some(2), 0, 0, 0);
        audit.proof = Some(ProofSummary { small_counts: 10, proven: 9, smallest_margin: Some(3) });
        let words = statement(Some(&audit));
        assert_eq!(words.verdict, Verdict::Unproven);
        assert!(words.sentences[0].ends_with(
            "could prove protection for only 9 of the 10 small ones, so the others' protection is not proven."
        ));
        assert!(!words.text().contains("protected to at least"));
        audit.proof = Some(ProofSummary { small_counts: 1, proven: 1, smallest_margin: Some(4) });
        let one = statement(Some(&audit));
        assert_eq!(one.verdict, Verdict::Protected);
        assert!(one.sentences[0].ends_with("proved that the 1 small one is protected to at least ±4 (or down to 0)."));
        audit.proof = Some(ProofSummary { small_counts: 0, proven: 0, smallest_margin: None });
        assert!(
            statement(Some(&audit)).sentences[0].ends_with("none of them is a small count, so none needed a margin.")
        );
    }
}
