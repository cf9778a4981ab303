//! Direction of travel: whether a figure moved the right way between two periods, read through
//! its polarity. A committee reads "improving" or "worsening", never a colour or an arrow alone.
//!
//! Figures are compared as they are shown (callers round them to the displayed precision first),
//! so a table never says "improving" between two values that look the same.

use crate::Polarity;

/// Which way the value itself moved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Movement {
    Up,
    Down,
    Level,
}

/// What the movement means for the measure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Direction {
    Improving,
    Worsening,
    NoChange,
    /// The value moved, but the measure has no polarity: neither better nor worse.
    Changed,
}

/// A movement and its meaning.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Travel {
    pub movement: Movement,
    pub direction: Direction,
}

impl Travel {
    /// From `previous` to `latest` for a measure of the given polarity.
    pub fn of(previous: f64, latest: f64, polarity: Polarity) -> Travel {
        let movement = if latest > previous {
            Movement::Up
        } else if latest < previous {
            Movement::Down
        } else {
            Movement::Level
        };
        let direction = match (movement, polarity) {
            (Movement::Level, _) => Direction::NoChange,
            (_, Polarity::NoJudgement) => Direction::Changed,
            (Movement::Up, Polarity::HigherIsBetter) | (Movement::Down, Polarity::LowerIsBetter) => {
                Direction::Improving
            }
            _ => Direction::Worsening,
        };
        Travel { movement, direction }
    }

    /// An arrow for the value's movement: up, down or level.
    pub fn arrow(self) -> &'static str {
        match self.movement {
            Movement::Up => "↑",
            Movement::Down => "↓",
            Movement::Level => "→",
        }
    }

    /// The meaning in words: "improving", "worsening", "no change", or for a measure without
    /// polarity "increased" / "decreased".
    pub fn words(self) -> &'static str {
        match (self.direction, self.movement) {
            (Direction::Improving, _) => "improving",
            (Direction::Worsening, _) => "worsening",
            (Direction::NoChange, _) => "no change",
            (Direction::Changed, Movement::Up) => "increased",
            (Direction::Changed, _) => "decreased",
        }
    }
}

/// The change of a figure since an earlier period.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Change {
    pub previous: f64,
    pub latest: f64,
    /// `latest - previous`, in the figure's own unit (percentage points for a percentage).
    pub difference: f64,
    /// `difference / previous`; `None` when the previous value is zero.
    pub relative: Option<f64>,
    pub travel: Travel,
}

impl Change {
    pub fn of(previous: f64, latest: f64, polarity: Polarity) -> Change {
        let difference = latest - previous;
        Change {
            previous,
            latest,
            difference,
            relative: (previous != 0.0).then(|| difference / previous.abs()),
            travel: Travel::of(previous, latest, polarity),
        }
    }

    /// How much better (positive) or worse (negative) the figure became, as a share of its
    /// previous value, so that figures in different units can be ranked together. `None` for a
    /// measure without polarity or from a previous value of zero.
    pub fn improvement(&self, polarity: Polarity) -> Option<f64> {
        let relative = self.relative?;
        match polarity {
            Polarity::HigherIsBetter => Some(relative),
            Polarity::LowerIsBetter => Some(-relative),
            Polarity::NoJudgement => None,
        }
    }
}

/// Items with their change, largest first.
pub type RankedChanges<T> = Vec<(T, Change)>;

/// The largest improvements and the largest deteriorations among `items` (each with its
/// change and polarity), at most `limit` of each, largest first. Items with no change, no
/// polarity or a previous value of zero are in neither list.
pub fn largest_changes<T: Clone>(
    items: &[(T, Change, Polarity)],
    limit: usize,
) -> (RankedChanges<T>, RankedChanges<T>) {
    let scored: Vec<(f64, &T, Change)> = items
        .iter()
        .filter_map(|(item, change, polarity)| change.improvement(*polarity).map(|score| (score, item, *change)))
        .collect();
    // Stable sorts keep the callers' order among equal scores.
    let mut improvements: Vec<_> = scored.iter().filter(|(score, ..)| *score > 0.0).collect();
    improvements.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut deteriorations: Vec<_> = scored.iter().filter(|(score, ..)| *score < 0.0).collect();
    deteriorations.sort_by(|a, b| a.0.total_cmp(&b.0));
    let take = |list: Vec<&(f64, &T, Change)>| -> RankedChanges<T> {
        list.into_iter().take(limit).map(|(_, item, change)| ((*item).clone(), *change)).collect()
    };
    let (improvements, deteriorations) = (take(improvements), take(deteriorations));
    (improvements, deteriorations)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direction_respects_polarity() {
        // Worked examples: 8,220 people identified rising to 8,940 (higher is better) is
        // improving; re-referrals rising from 55 to 60 (lower is better) is worsening; a
        // percentage of hand-overs not taken up falling from 22.7% to 21.8% is improving.
        assert_eq!(Travel::of(8220.0, 8940.0, Polarity::HigherIsBetter).words(), "improving");
        assert_eq!(Travel::of(8220.0, 8940.0, Polarity::HigherIsBetter).arrow(), "↑");
        assert_eq!(Travel::of(55.0, 60.0, Polarity::LowerIsBetter).words(), "worsening");
        assert_eq!(Travel::of(55.0, 60.0, Polarity::LowerIsBetter).arrow(), "↑");
        assert_eq!(Travel::of(22.7, 21.8, Polarity::LowerIsBetter).words(), "improving");
        assert_eq!(Travel::of(22.7, 21.8, Polarity::LowerIsBetter).arrow(), "↓");
        assert_eq!(Travel::of(45.0, 44.0, Polarity::HigherIsBetter).words(), "worsening");
        assert_eq!(Travel::of(60.0, 60.0, Polarity::LowerIsBetter).words(), "no change");
        assert_eq!(Travel::of(60.0, 60.0, Polarity::LowerIsBetter).arrow(), "→");
        assert_eq!(Travel::of(10.0, 12.0, Polarity::NoJudgement).words(), "increased");
        assert_eq!(Travel::of(12.0, 10.0, Polarity::NoJudgement).words(), "decreased");
    }

    #[test]
    fn changes_in_units_and_as_a_share() {
        // 9,715 in the previous quarter, 10,210 now: +495, +5.1% of 9,715.
        let change = Change::of(9715.0, 10210.0, Polarity::HigherIsBetter);
        assert_eq!(change.difference, 495.0);
        assert!((change.relative.unwrap() - 495.0 / 9715.0).abs() < 1e-15);
        assert_eq!(change.improvement(Polarity::HigherIsBetter), change.relative);
        // Lower is better: a 10% rise (50 to 55) is a 10% deterioration.
        let rise = Change::of(50.0, 55.0, Polarity::LowerIsBetter);
        assert!((rise.improvement(Polarity::LowerIsBetter).unwrap() + 0.1).abs() < 1e-12);
        assert_eq!(Change::of(0.0, 5.0, Polarity::HigherIsBetter).relative, None);
        assert_eq!(Change::of(5.0, 6.0, Polarity::NoJudgement).improvement(Polarity::NoJudgement), None);
    }

    #[test]
    fn ranks_improvements_and_deteriorations_across_units() {
        let items = [
            ("identified", Change::of(100.0, 110.0, Polarity::HigherIsBetter), Polarity::HigherIsBetter), // +10%
            ("referrals", Change::of(50.0, 45.0, Polarity::LowerIsBetter), Polarity::LowerIsBetter),      // +10% better
            ("sustained", Change::of(80.0, 84.0, Polarity::HigherIsBetter), Polarity::HigherIsBetter),    // +5%
            ("not engaged", Change::of(20.0, 22.0, Polarity::LowerIsBetter), Polarity::LowerIsBetter),    // -10%
            ("groups", Change::of(40.0, 38.0, Polarity::HigherIsBetter), Polarity::HigherIsBetter),       // -5%
            ("flat", Change::of(40.0, 40.0, Polarity::HigherIsBetter), Polarity::HigherIsBetter),
            ("neutral", Change::of(40.0, 80.0, Polarity::NoJudgement), Polarity::NoJudgement),
        ];
        let (better, worse) = largest_changes(&items, 2);
        fn names(list: &[(&'static str, Change)]) -> Vec<&'static str> {
            list.iter().map(|(n, _)| *n).collect()
        }
        // Equal scores keep the given order.
        assert_eq!(names(&better), ["identified", "referrals"]);
        assert_eq!(names(&worse), ["not engaged", "groups"]);
        let (all_better, all_worse) = largest_changes(&items, 10);
        assert_eq!(names(&all_better), ["identified", "referrals", "sustained"]);
        assert_eq!(names(&all_worse), ["not engaged", "groups"]);
    }
}
