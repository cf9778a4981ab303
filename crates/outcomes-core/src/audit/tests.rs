//! The hand-built attacks of issue 11, each caught by the audit's solver and prevented by the
//! linear-programming attacker in `CellSystem::protect_against`; and a brute-force check that
//! the solver never reports an interval wider than the whole-number solutions allow.

use super::attacker::LinearProgramming;
use super::reader::count_box;
use super::rule::ProtectionRule;
use super::solve::{Kind, Options, Solver};
use super::system::{Sense, System, Var};
use crate::disclosure::{default_policy, protect};
use crate::secondary::{CellSystem, Pattern};
use crate::Count;
use proptest::prelude::*;

/// A reader's system for true values `values` where `hidden` cells are `[c]` and the others
/// are published under the default policy, with `sums` as (total, parts).
fn reader(values: &[u32], hidden: &[usize], sums: &[(usize, Vec<usize>)]) -> System {
    let policy = default_policy();
    let mut system = System::new();
    for (i, &value) in values.iter().enumerate() {
        let count = if hidden.contains(&i) { Count::Suppressed } else { protect(value, &policy) };
        let (lo, hi) = count_box(count, &policy);
        system.var(lo, hi);
    }
    for (tag, (total, parts)) in sums.iter().enumerate() {
        let parts: Vec<Var> = parts.iter().map(|&p| p as Var).collect();
        system.sum(*total as Var, &parts, tag as u32);
    }
    system
}

fn interval(system: &System, var: usize) -> (i64, Option<i64>) {
    let mut solver = Solver::new(system, None, Options::default()).expect("no anchor needed");
    let found = solver.interval(var as Var, &|_, _| true).expect("consistent");
    assert_eq!(found.kind, Kind::Exact);
    (found.lo, found.hi)
}

fn fails(system: &System, var: usize, x: u32) -> bool {
    let (lo, hi) = interval(system, var);
    !ProtectionRule::default().publisher_passes(i64::from(x), lo, hi, 10)
}

/// Protects `cells` (true values, weights) related by `sums` with the linear-programming
/// attacker; returns the published counts, after checking every hidden cell passes.
fn publish(cells: &[(u32, u32)], sums: &[(usize, Vec<usize>)]) -> Vec<Option<Count>> {
    let policy = default_policy();
    let mut system = CellSystem::new();
    for &(value, weight) in cells {
        system.cell(value, weight);
    }
    for (total, parts) in sums {
        let parts: Vec<u32> = parts.iter().map(|&p| p as u32).collect();
        system.sum(*total as u32, &parts);
    }
    let attacker = LinearProgramming::new(policy.clone(), ProtectionRule::default(), Options::default());
    let protection = system.protect_against(&policy, &attacker).expect("protectable");
    let hidden: Vec<bool> = protection.counts.iter().map(|c| *c == Some(Count::Suppressed)).collect();
    let pattern = Pattern { system: &system, hidden: &hidden, values: &protection.true_values };
    let (reader_system, anchor) = super::attacker::reader_system(&pattern, &policy);
    let mut solver = Solver::new(&reader_system, Some(&anchor), Options::default()).unwrap();
    for (i, &h) in hidden.iter().enumerate() {
        if h {
            let x = i64::from(protection.true_values[i]);
            let found = solver.interval(i as Var, &|_, _| true).unwrap();
            assert!(
                ProtectionRule::default().publisher_passes(x, found.lo, found.hi, policy.minimum_count),
                "cell {i} (true {x}) is only protected to [{}, {:?}]",
                found.lo,
                found.hi
            );
        }
    }
    protection.counts
}

/// A district of three wards and a place plan of two of them: the plan covers all but one ward,
/// so district minus plan is that ward (true 4, suppressed): [0, 8] only if nothing else hides.
#[test]
fn a_plan_covering_all_but_one_ward_of_a_district() {
    // wards 0..3, district 3, plan 4 = wards 0 and 1.
    let values = [40, 33, 4, 77, 73];
    let sums = [(3, vec![0, 1, 2]), (4, vec![0, 1])];
    let system = reader(&values, &[2], &sums);
    // District 75 (73..77) minus plan 75 (73..77): the ward is in [0, 4]: pinned low.
    assert_eq!(interval(&system, 2), (0, Some(4)));
    assert!(fails(&system, 2, 4), "caught: needs at least 7 above");
    let published = publish(&[(40, 1), (33, 1), (4, 1), (77, 4), (73, 2)], &sums);
    assert_eq!(published[2], Some(Count::Suppressed));
    assert!(published.iter().filter(|c| **c == Some(Count::Suppressed)).count() > 1);
}

/// A row with its total and one suppressed cell.
#[test]
fn a_single_suppressed_cell_in_a_row_with_its_total() {
    let values = [40, 7, 47];
    let sums = [(2, vec![0, 1])];
    let system = reader(&values, &[1], &sums);
    // 45 (43..47) - 40 (38..42): 1 to 9.
    assert_eq!(interval(&system, 1), (1, Some(9)));
    assert!(fails(&system, 1, 7), "caught: a 7 needs 11 above");
    let published = publish(&[(40, 1), (7, 1), (47, 4)], &sums);
    assert_eq!(published, vec![Some(Count::Suppressed), Some(Count::Suppressed), Some(Count::Value(45))]);
}

/// Two adjacent funnel stages, only the second suppressed: it is at most the first.
#[test]
fn two_adjacent_stages_where_only_one_is_suppressed() {
    // stage 0 = 12 (published 10), stage 1 = 9 ([c]), drop-off 3 (latent, at least 0).
    let policy = default_policy();
    let mut system = System::new();
    let (lo, hi) = count_box(protect(12, &policy), &policy);
    let s0 = system.var(lo, hi);
    let s1 = system.var(0, None);
    let drop = system.var(0, None);
    system.relate(&[(s0, 1), (s1, -1), (drop, -1)], Sense::Equal, 0);
    let mut solver = Solver::new(&system, None, Options::default()).unwrap();
    let found = solver.interval(s1, &|_, _| true).unwrap();
    assert_eq!((found.lo, found.hi), (0, Some(12)));
    // x = 9 needs 14 above (margin 5): caught.
    assert!(!ProtectionRule::default().publisher_passes(9, found.lo, found.hi, 10));
    // The publisher hides the first stage too (its only way to give the second room).
    let mut cells = CellSystem::new();
    let a = cells.cell(12, 1);
    let b = cells.cell(9, 1);
    let d = cells.latent(3);
    cells.relation(&[(a, 1), (b, -1), (d, -1)]);
    let attacker = LinearProgramming::new(policy.clone(), ProtectionRule::default(), Options::default());
    let protection = cells.protect_against(&policy, &attacker).unwrap();
    assert_eq!(protection.counts[0], Some(Count::Suppressed));
}

/// A small rate over a denominator of 40 in a ward, given away by its district minus the other
/// ward. With numerators 1 of 40 (a 3% rate) and 14 of 160, the district's 15 of 200 leaves the
/// first numerator anywhere in 0..4, which protects a 1 (rounding gives the margin); a 2 (5%)
/// is caught.
#[test]
fn a_three_percent_rate_over_a_denominator_of_forty() {
    let sums = [(2, vec![0, 1]), (5, vec![3, 4])];
    let rate = |numerator: u32| {
        let values = [numerator, 14, 14 + numerator, 40, 160, 200];
        let mut system = reader(&values, &[0], &sums);
        system.at_most(0, 3, 2);
        system
    };
    assert_eq!(interval(&rate(1), 0), (0, Some(4)));
    assert!(!fails(&rate(1), 0, 1), "3%: rounding of 15 and 15 leaves 0 to 4");
    assert_eq!(interval(&rate(2), 0), (0, Some(4)));
    assert!(fails(&rate(2), 0, 2), "5%: a 2 needs 5 above");
    let published = publish(&[(2, 1), (14, 1), (16, 4), (40, 1), (160, 1), (200, 4)], &sums);
    assert_eq!(published[0], Some(Count::Suppressed));
    assert_eq!(published[1], Some(Count::Suppressed), "the other ward's numerator hides it");
}

/// A revised release that moves one resident between wards: the earlier release's cells are
/// the same true values (no revision recorded), so the differences pin the move.
#[test]
fn a_revised_release_moving_one_resident_between_wards() {
    // Release 1: wards A 12 (10), B 20 (20), district 32 (30).
    // Release 2 (not marked as revised): A [c], B 20, district 30, and the reader links A and
    // B to release 1 as equal: A is in [10 - 2 .. 12] = [8, 12] (rounding of release 1).
    let policy = default_policy();
    let mut system = System::new();
    let boxed = |system: &mut System, value: u32| {
        let (lo, hi) = count_box(protect(value, &policy), &policy);
        system.var(lo, hi)
    };
    let a1 = boxed(&mut system, 12);
    let b1 = boxed(&mut system, 20);
    let d1 = boxed(&mut system, 32);
    let a2 = system.var(0, None);
    let b2 = boxed(&mut system, 20);
    let d2 = boxed(&mut system, 31);
    system.sum(d1, &[a1, b1], 0);
    system.sum(d2, &[a2, b2], 1);
    let mut unlinked = Solver::new(&system, None, Options::default()).unwrap();
    let alone = unlinked.interval(a2, &|_, _| true).unwrap();
    system.relate(&[(a1, 1), (a2, -1)], Sense::Equal, 2);
    system.relate(&[(b1, 1), (b2, -1)], Sense::Equal, 3);
    let mut linked = Solver::new(&system, None, Options::default()).unwrap();
    let together = linked.interval(a2, &|_, _| true).unwrap();
    assert!(together.lo > alone.lo || together.hi < alone.hi, "{alone:?} {together:?}");
    assert!(together.lo >= 10, "{together:?}: the earlier release shows A is at least 10");
}

/// Every whole-number solution of a tiny table, by enumeration: the ground truth of what a
/// reader can prove. Only the parts are enumerated (each over its box, at most `cap`); the
/// totals follow from them and must lie in their own boxes.
fn brute_force(system: &System, parts: usize, sums: &[(usize, Vec<usize>)], cap: i64) -> Vec<Option<(i64, i64)>> {
    let n = system.vars();
    let mut ranges: Vec<Option<(i64, i64)>> = vec![None; n];
    let mut values = vec![0i64; n];
    let mut counters: Vec<i64> = (0..parts).map(|i| system.bounds(i as Var).0).collect();
    let top = |i: usize| system.bounds(i as Var).1.unwrap_or(cap).min(cap);
    'outer: loop {
        values[..parts].copy_from_slice(&counters);
        for (total, members) in sums {
            values[*total] = members.iter().map(|&m| values[m]).sum();
        }
        if system.satisfied_by(&values) {
            for (slot, &v) in ranges.iter_mut().zip(values.iter()) {
                *slot = Some(slot.map_or((v, v), |(lo, hi)| (lo.min(v), hi.max(v))));
            }
        }
        for (i, counter) in counters.iter_mut().enumerate() {
            if *counter < top(i) {
                *counter += 1;
                continue 'outer;
            }
            *counter = system.bounds(i as Var).0;
        }
        break;
    }
    ranges
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Random tiny tables (a total of 3-4 parts and an overlapping total of the first two, like a
    /// district and a place plan), random parts hidden: for every hidden cell the solver's
    /// interval lies within the brute-force range of whole-number solutions (never wider),
    /// exactly when the table is one component, and inside it with a small neighbourhood
    /// anchored at the true values.
    #[test]
    fn the_solver_never_reports_an_interval_wider_than_the_whole_number_solutions(
        parts in proptest::collection::vec(0u32..10, 3..5),
        hidden_mask in 1u32..8,
    ) {
        let total: u32 = parts.iter().sum();
        let overlap: u32 = parts[..2].iter().sum();
        let mut values = parts.clone();
        values.push(total);
        values.push(overlap);
        let n = parts.len();
        let hidden: Vec<usize> = (0..n.min(3)).filter(|i| hidden_mask & (1 << i) != 0).collect();
        let sums = [(n, (0..n).collect::<Vec<_>>()), (n + 1, vec![0, 1])];
        let mut system = reader(&values, &hidden, &sums);
        // A cap makes the enumeration finite; it is part of the system both sides see.
        for &h in &hidden {
            system.set_bounds(h as Var, 0, Some(40));
        }
        let truth = brute_force(&system, n, &sums, 40);
        let anchor: Vec<i64> = values.iter().map(|&v| i64::from(v)).collect();
        for &h in &hidden {
            let (lo, hi) = truth[h].expect("the true values are a solution");
            let mut exact = Solver::new(&system, None, Options::default()).unwrap();
            let found = exact.interval(h as Var, &|_, _| true).unwrap();
            prop_assert_eq!(found.kind, Kind::Exact);
            prop_assert!(found.lo >= lo && found.hi.unwrap_or(i64::MAX) <= hi, "{:?} wider than [{}, {}]", found, lo, hi);
            prop_assert_eq!((found.lo, found.hi), (lo, Some(hi)), "exact on a whole component");
            let mut cut = Solver::new(&system, Some(&anchor), Options { neighbourhood: 3, ..Options::default() }).unwrap();
            let inner = cut.interval(h as Var, &|_, _| true).unwrap();
            prop_assert!(inner.lo >= lo && inner.hi.unwrap_or(i64::MAX) <= hi, "{:?} wider than [{}, {}]", inner, lo, hi);
        }
    }
}
