//! The protection rule: how wide the interval a reader can prove for a suppressed count must be.
//!
//! Sensitive counts are the small ones, 1 to `minimum_count - 1` (primary suppression hides
//! them). For a sensitive true value `x` the reader's interval `[lo, hi]` must reach
//! `lo <= max(0, x - p)` and `hi >= x + p`, with the protection margin
//! `p = max(minimum_margin, ceil(x * share))`: by default `max(3, ceil(x / 2))`. A count that is
//! 0 or at least the minimum (hidden by secondary suppression) would have been publishable, so
//! narrowing it discloses nobody; it only has to pass the public test below.
//!
//! The public audit does not know `x`. It fails a suppressed cell when no possible value in its
//! interval could satisfy the rule: a sensitive `x` in `[lo, hi]` with `lo <= max(0, x - p)` and
//! `hi >= x + p`, or (when the interval reaches 0 or the minimum) a value that needs no margin.
//! An interval pinning one small value (`lo == hi` in 1..minimum-1) always fails. The public
//! test cannot tell a hidden zero from a small count: `[0, 2]` passes it, because the true value
//! may be 0; the publisher, which knows, refuses it for a true 1 or 2. The publisher
//! requires both: the public test on the interval and the rule on its true value, so whatever
//! the publisher writes passes the public audit on the same intervals.

/// The margins, configurable per release.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ProtectionRule {
    /// The smallest protection margin (3 by default).
    pub minimum_margin: u32,
    /// The margin as a share of the true value (0.5 by default).
    pub share: f64,
}

impl Default for ProtectionRule {
    fn default() -> ProtectionRule {
        ProtectionRule { minimum_margin: 3, share: 0.5 }
    }
}

impl ProtectionRule {
    /// The rule a feed's disclosure policy states (the defaults where it states none).
    pub fn of(policy: &crate::DisclosurePolicy) -> ProtectionRule {
        let default = ProtectionRule::default();
        ProtectionRule {
            minimum_margin: policy.protection_margin.unwrap_or(default.minimum_margin),
            share: policy.protection_share.filter(|s| (0.0..=1.0).contains(s)).unwrap_or(default.share),
        }
    }

    /// The margin for a true value `x`.
    pub fn margin(&self, x: i64) -> i64 {
        let proportional = (x.max(0) as f64 * self.share - 1e-9).ceil().max(0.0) as i64;
        i64::from(self.minimum_margin).max(proportional)
    }

    /// Whether `x` needs protecting under a policy whose minimum is `minimum`.
    pub fn sensitive(x: i64, minimum: u32) -> bool {
        x >= 1 && x < i64::from(minimum)
    }

    /// The publisher's test, knowing the true value `x`.
    pub fn protects(&self, x: i64, lo: i64, hi: Option<i64>, minimum: u32) -> bool {
        if !ProtectionRule::sensitive(x, minimum) {
            return true;
        }
        let p = self.margin(x);
        lo <= (x - p).max(0) && hi.is_none_or(|hi| hi >= x + p)
    }

    /// The public test, without the true value: some value in `[lo, hi]` could be the true one
    /// and pass [`protects`](Self::protects). A value of 0, or of at least the minimum, needs
    /// no margin, so an interval reaching either passes; an interval wholly inside
    /// 1..minimum-1 passes only if some value in it has its margin on both sides (a pinned
    /// small value never does).
    pub fn public_passes(&self, lo: i64, hi: Option<i64>, minimum: u32) -> bool {
        let Some(hi) = hi else { return true };
        if lo <= 0 || hi >= i64::from(minimum) {
            return true;
        }
        (lo..=hi).any(|x| self.protects(x, lo, Some(hi), minimum))
    }

    /// The publisher's full test: the public one, and the rule on the true value.
    pub fn publisher_passes(&self, x: i64, lo: i64, hi: Option<i64>, minimum: u32) -> bool {
        self.protects(x, lo, hi, minimum) && self.public_passes(lo, hi, minimum)
    }

    /// The smallest margin an interval gives a true value: min(x - lo, hi - x) (for the summary).
    pub fn margin_given(x: i64, lo: i64, hi: Option<i64>) -> i64 {
        let below = x - lo;
        hi.map_or(below, |hi| below.min(hi - x))
    }

    /// The rule in words, for the feed's disclosure text and reports.
    pub fn words(&self) -> String {
        format!(
            "Every suppressed count of 1 or more below the minimum is protected so that a reader who combines every \
             published figure (totals, overlapping areas, cohorts, quarters, stages, rates and earlier releases) \
             cannot narrow it to less than {} either side of its true value, or half the value if that is more.",
            self.minimum_margin
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Worked examples of the default rule (issue 11): p = max(3, ceil(x / 2)).
    #[test]
    fn margins_and_the_publisher_test() {
        let rule = ProtectionRule::default();
        assert_eq!([1, 4, 6, 7, 9].map(|x| rule.margin(x)), [3, 3, 3, 4, 5]);
        // x = 4: the interval must reach 1 below and 7 above.
        assert!(rule.protects(4, 1, Some(7), 10));
        assert!(!rule.protects(4, 2, Some(7), 10));
        assert!(!rule.protects(4, 0, Some(6), 10));
        // x = 1: reach 0 and 4.
        assert!(rule.protects(1, 0, Some(4), 10));
        assert!(!rule.protects(1, 0, Some(3), 10));
        // Not sensitive: 0 and 200 need no margin.
        assert!(rule.protects(0, 0, Some(0), 10));
        assert!(rule.protects(200, 198, Some(206), 10));
    }

    #[test]
    fn the_public_test_fails_pinned_and_narrow_small_intervals() {
        let rule = ProtectionRule::default();
        assert!(!rule.public_passes(4, Some(4), 10)); // pinned small value
        assert!(!rule.public_passes(3, Some(5), 10)); // no x in 3..5 has its margin
        assert!(!rule.public_passes(1, Some(2), 10)); // 1 or 2: unprotected
        assert!(rule.public_passes(0, Some(2), 10)); // could be a hidden zero (see docs/disclosure.md)
        assert!(rule.public_passes(0, Some(0), 10)); // a hidden zero
        assert!(rule.public_passes(2, Some(8), 10)); // x = 5 would be protected
        assert!(rule.public_passes(0, Some(12), 10));
        assert!(rule.public_passes(0, None, 10));
        assert!(rule.public_passes(198, Some(206), 10)); // large: not sensitive
        assert!(rule.public_passes(5, None, 10));
    }
}
