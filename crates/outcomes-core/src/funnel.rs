//! Life-journey funnel arithmetic on published (rounded or suppressed) counts.
//!
//! Anything derived from a suppressed count is itself withheld: a conversion rate needing a
//! `[c]` is `[c]`, never a guess and never computed as if the count were zero.

use crate::{Category, Count};
use std::fmt;

/// A derived figure: a value, withheld because an input is suppressed (`[c]`), or not
/// applicable (`[z]`, for example a conversion from a stage nobody reached).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Derived<T> {
    Value(T),
    Suppressed,
    NotApplicable,
}

impl<T: Copy> Derived<T> {
    pub fn value(self) -> Option<T> {
        match self {
            Derived::Value(v) => Some(v),
            _ => None,
        }
    }
}

impl Derived<f64> {
    /// `45.7%`, `[c]` or `[z]`.
    pub fn percent(self) -> String {
        match self {
            Derived::Value(v) => crate::format::percent(v),
            other => other.symbol().to_owned(),
        }
    }
}

impl<T> Derived<T> {
    /// The table symbol for a figure that is not a value: `[c]` if withheld, else `[z]`.
    pub fn symbol(&self) -> &'static str {
        match self {
            Derived::Suppressed => crate::count::SUPPRESSED_SYMBOL,
            _ => "[z]",
        }
    }

    pub fn map_value<U>(self, f: impl FnOnce(T) -> U) -> Derived<U> {
        match self {
            Derived::Value(v) => Derived::Value(f(v)),
            Derived::Suppressed => Derived::Suppressed,
            Derived::NotApplicable => Derived::NotApplicable,
        }
    }
}

impl fmt::Display for Derived<u32> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Derived::Value(v) => f.write_str(&crate::format::thousands(*v)),
            other => f.write_str(other.symbol()),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct FunnelStep {
    pub stage_id: String,
    pub stage_name: String,
    pub count: Count,
    /// This stage's count as a share of the previous stage's.
    pub conversion_from_previous: Derived<f64>,
    /// This stage's count as a share of the first stage's.
    pub conversion_from_first: Derived<f64>,
    /// People who reached the previous stage but not this one.
    pub drop_off: Derived<u32>,
}

/// The funnel for one row of counts, one step per stage in journey order.
pub fn funnel(stages: &[Category], counts: &[Count]) -> Vec<FunnelStep> {
    let first = counts.first().copied();
    stages
        .iter()
        .zip(counts)
        .enumerate()
        .map(|(i, (stage, &count))| {
            let previous = i.checked_sub(1).map(|p| counts[p]);
            FunnelStep {
                stage_id: stage.id.clone(),
                stage_name: stage.name.clone(),
                count,
                conversion_from_previous: match previous {
                    None => Derived::NotApplicable,
                    Some(previous) => ratio(count, previous),
                },
                conversion_from_first: match first {
                    Some(first) => ratio(count, first),
                    None => Derived::NotApplicable,
                },
                drop_off: match (previous, count) {
                    (None, _) => Derived::NotApplicable,
                    (Some(Count::Value(before)), Count::Value(now)) => Derived::Value(before.saturating_sub(now)),
                    _ => Derived::Suppressed,
                },
            }
        })
        .collect()
}

/// `part / whole`, withheld when either is suppressed, not applicable when the whole is zero.
pub fn ratio(part: Count, whole: Count) -> Derived<f64> {
    match (part, whole) {
        (Count::Value(_), Count::Value(0)) => Derived::NotApplicable,
        (Count::Value(part), Count::Value(whole)) => Derived::Value(f64::from(part) / f64::from(whole)),
        _ => Derived::Suppressed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stages(n: usize) -> Vec<Category> {
        (0..n).map(|i| Category { id: format!("s{i}"), name: format!("Stage {i}"), definition: "d".into() }).collect()
    }

    #[test]
    fn conversions_on_a_complete_funnel() {
        let counts = [Count::Value(200), Count::Value(150), Count::Value(60)];
        let steps = funnel(&stages(3), &counts);
        assert_eq!(steps[0].conversion_from_previous, Derived::NotApplicable);
        assert_eq!(steps[0].conversion_from_first, Derived::Value(1.0));
        assert_eq!(steps[1].conversion_from_previous, Derived::Value(0.75));
        assert_eq!(steps[2].conversion_from_previous, Derived::Value(0.4));
        assert_eq!(steps[2].conversion_from_first, Derived::Value(0.3));
        assert_eq!(steps[1].drop_off, Derived::Value(50));
        assert_eq!(steps[2].drop_off, Derived::Value(90));
        assert_eq!(steps[2].conversion_from_first.percent(), "30.0%");
    }

    #[test]
    fn a_suppressed_stage_withholds_everything_that_needs_it() {
        let counts = [Count::Value(200), Count::Suppressed, Count::Value(20)];
        let steps = funnel(&stages(3), &counts);
        assert_eq!(steps[1].conversion_from_previous, Derived::Suppressed);
        assert_eq!(steps[1].drop_off, Derived::Suppressed);
        // The stage after it cannot be compared with it either...
        assert_eq!(steps[2].conversion_from_previous, Derived::Suppressed);
        assert_eq!(steps[2].drop_off.to_string(), "[c]");
        // ...but can still be compared with the first stage, which is published.
        assert_eq!(steps[2].conversion_from_first, Derived::Value(0.1));
    }

    #[test]
    fn nobody_at_a_stage_makes_later_conversions_not_applicable() {
        let counts = [Count::Value(0), Count::Value(0)];
        let steps = funnel(&stages(2), &counts);
        assert_eq!(steps[1].conversion_from_previous.percent(), "[z]");
        assert_eq!(steps[1].drop_off, Derived::Value(0));
    }
}
