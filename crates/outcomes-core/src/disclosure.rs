//! Primary disclosure control for a single count: the one function through which every true
//! count passes before it is published, in the demo generator and (later) `outcomes publish`.
//!
//! Rule: zero is published as zero (a true zero discloses nobody); a count from 1 to
//! `minimum_count - 1` is suppressed; anything else is rounded to the nearest multiple of
//! `rounding_base` (halves round up), and suppressed if rounding takes it below the minimum.
//! Secondary suppression (so that no suppressed cell can be recovered from totals, siblings or
//! differences) works across tables and lives with the publisher.

use crate::{Count, DisclosurePolicy};

/// The default policy: minimum 10, rounding to the nearest 5.
pub fn default_policy() -> DisclosurePolicy {
    DisclosurePolicy {
        minimum_count: 10,
        rounding_base: 5,
        rule: "Counts of 1 to 9 are suppressed and shown as [c]. Every other count is rounded to the nearest 5. \
               Zero is shown as 0. Totals are published in their own right from the record-level data, never \
               made by adding suppressed or rounded cells."
            .into(),
        protection_margin: Some(3),
        protection_share: Some(0.5),
    }
}

/// The published form of a true count under `policy`.
pub fn protect(true_count: u32, policy: &DisclosurePolicy) -> Count {
    if true_count == 0 {
        return Count::Value(0);
    }
    if true_count < policy.minimum_count {
        return Count::Suppressed;
    }
    let base = policy.rounding_base.max(1);
    let rounded = true_count.saturating_add(base / 2) / base * base;
    if rounded < policy.minimum_count {
        Count::Suppressed
    } else {
        Count::Value(rounded)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn worked_examples_under_the_default_policy() {
        let policy = default_policy();
        let published: Vec<String> =
            [0, 1, 9, 10, 12, 13, 17, 18, 1234].iter().map(|&x| protect(x, &policy).to_string()).collect();
        assert_eq!(published, ["0", "[c]", "[c]", "10", "10", "15", "15", "20", "1,235"]);
    }

    #[test]
    fn rounding_below_an_odd_minimum_is_suppressed() {
        let policy = DisclosurePolicy { minimum_count: 11, rounding_base: 5, rule: "r".into(), ..default_policy() };
        assert_eq!(protect(11, &policy), Count::Suppressed); // would round to 10 < 11
        assert_eq!(protect(13, &policy), Count::Value(15));
    }

    proptest! {
        #[test]
        fn published_counts_obey_the_policy_and_stay_close(x in 0u32..10_000_000, minimum in 1u32..50, base in 1u32..20) {
            let policy = DisclosurePolicy { minimum_count: minimum, rounding_base: base, rule: "r".into(), ..default_policy() };
            match protect(x, &policy) {
                Count::Value(0) => prop_assert_eq!(x, 0),
                Count::Value(v) => {
                    prop_assert!(v >= minimum);
                    prop_assert_eq!(v % base, 0);
                    prop_assert!(v.abs_diff(x) <= base / 2);
                }
                Count::Suppressed => prop_assert!(x > 0),
            }
        }

        #[test]
        fn protection_keeps_order_so_funnels_never_grow(a in 0u32..100_000, b in 0u32..100_000) {
            let policy = default_policy();
            let (small, large) = (a.min(b), a.max(b));
            if let (Count::Value(s), Count::Value(l)) = (protect(small, &policy), protect(large, &policy)) {
                prop_assert!(s <= l);
            }
        }
    }
}
