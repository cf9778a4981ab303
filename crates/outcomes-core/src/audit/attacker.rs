//! The linear-programming reader as an [`Attacker`] for
//! [`CellSystem::protect_against`](crate::secondary::CellSystem::protect_against), so a publisher
//! can add secondary suppressions until every suppressed cell passes the
//! [protection rule](super::rule::ProtectionRule). (Not yet wired into `outcomes publish` or the
//! demo: at county scale a cut neighbourhood fixes hidden neighbours at their true values and
//! pins cells that a larger one would free, and each round is too slow; see docs/disclosure.md.)
//!
//! Each round first runs [`SingleUnknown`] (cheap, and the reader of the publisher's independent
//! check); when it finds nothing, every hidden cell is bounded by linear programming over the
//! reader's relations with rounding intervals, anchored at the true values (the publisher knows
//! them, so every interval is an inner bound: a pass is a proof, see [`super::solve`]). A cell
//! that fails is exposed with the published cells that limit its interval, nearest first: hiding
//! the cheapest of them widens it.

use super::rule::ProtectionRule;
use super::solve::{Options, Solver};
use super::system::{Sense, System, Var};
use crate::disclosure::protect;
use crate::secondary::{Attacker, CellId, Exposure, Pattern, SingleUnknown};
use crate::DisclosurePolicy;
use std::cell::RefCell;

/// The linear-programming reader.
pub struct LinearProgramming {
    pub policy: DisclosurePolicy,
    pub rule: ProtectionRule,
    pub options: Options,
    /// Cells that passed in an earlier round, not checked again until a round finds nothing
    /// (hiding more cells mostly widens intervals, but a hidden flow grouped into "other" changes
    /// the relations): then every cell is checked afresh before the attack reports nothing.
    passed: RefCell<Vec<bool>>,
    /// What the last full check found: cells bounded, and the smallest margin.
    last: RefCell<Checked>,
}

/// What the last full round found.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Checked {
    pub cells: usize,
    pub smallest_margin: Option<i64>,
}

impl LinearProgramming {
    pub fn new(policy: DisclosurePolicy, rule: ProtectionRule, options: Options) -> LinearProgramming {
        LinearProgramming {
            policy,
            rule,
            options,
            passed: RefCell::new(Vec::new()),
            last: RefCell::new(Checked::default()),
        }
    }

    /// Cells bounded and smallest margin in the last round.
    pub fn checked(&self) -> Checked {
        *self.last.borrow()
    }
}

/// The reader's system for a pattern: a variable per cell, boxes from the published forms,
/// the system's relations plus each grouping's. Relation tags: the cell system's relation
/// index, then `relations + g` for grouping `g`.
pub fn reader_system(pattern: &Pattern, policy: &DisclosurePolicy) -> (System, Vec<i64>) {
    let cells = pattern.system.cells();
    let mut system = System::new();
    for cell in 0..cells {
        let value = pattern.values[cell];
        let (lo, hi) = if pattern.system.is_latent(cell as CellId) || pattern.hidden[cell] {
            (0, None)
        } else {
            super::reader::count_box(protect(value, policy), policy)
        };
        system.var(lo, hi);
    }
    let relations = pattern.system.relations() as u32;
    let mut terms: Vec<(Var, i8)> = Vec::new();
    for r in 0..relations {
        terms.clear();
        terms.extend(pattern.system.relation_terms(r));
        system.relate(&terms, Sense::Equal, r);
    }
    for (g, grouping) in pattern.system.groupings().iter().enumerate() {
        terms.clear();
        terms.push((grouping.other, 1));
        terms.push((grouping.other_true, -1));
        terms.extend(grouping.named.iter().filter(|&&c| pattern.hidden[c as usize]).map(|&c| (c, -1)));
        system.relate(&terms, Sense::Equal, relations + g as u32);
    }
    let anchor = pattern.values.iter().map(|&v| i64::from(v)).collect();
    (system, anchor)
}

impl Attacker for LinearProgramming {
    fn attack(&self, pattern: &Pattern) -> Vec<Exposure> {
        let found = SingleUnknown.attack(pattern);
        if !found.is_empty() {
            return found;
        }
        let (system, anchor) = reader_system(pattern, &self.policy);
        let Ok(mut solver) = Solver::new(&system, Some(&anchor), self.options) else {
            // The true values break the system's own relations: a bug in the builder. Expose
            // nothing rather than loop; the publisher's independent check still runs.
            return Vec::new();
        };
        let incidence = system.incidence();
        let minimum = self.policy.minimum_count;
        let mut passed = self.passed.borrow_mut();
        passed.resize(system.vars(), false);
        let mut exposures = Vec::new();
        let mut checked = Checked::default();
        let mut remembered = false;
        for cell in 0..system.vars() {
            if pattern.system.is_latent(cell as CellId) || !pattern.hidden[cell] {
                continue;
            }
            if passed[cell] {
                remembered = true;
                continue;
            }
            let x = anchor[cell];
            let rule = self.rule;
            let passes = |lo: i64, hi: Option<i64>| rule.publisher_passes(x, lo, hi, minimum);
            checked.cells += 1;
            let (lo, hi) = match solver.observed(cell as Var) {
                Some((lo, hi)) if passes(lo, Some(hi)) => (lo, Some(hi)),
                _ => match solver.interval(cell as Var, &passes) {
                    Ok(interval) if passes(interval.lo, interval.hi) => (interval.lo, interval.hi),
                    Ok(interval) => {
                        exposures.push(exposure(cell as CellId, &interval, pattern, &system, &incidence));
                        continue;
                    }
                    Err(_) => {
                        // The anchored program should always have a solution (the true values);
                        // if the solver says otherwise, the cell is not proved: expose it.
                        let visible = |c: Var| !pattern.system.is_latent(c) && !pattern.hidden[c as usize];
                        let evidence = vec![nearest_visible(cell as CellId, &system, &incidence, &visible)];
                        exposures.push(Exposure { cell: cell as CellId, relation: 0, evidence });
                        continue;
                    }
                },
            };
            passed[cell] = true;
            if ProtectionRule::sensitive(x, minimum) {
                let margin = ProtectionRule::margin_given(x, lo, hi);
                checked.smallest_margin = Some(checked.smallest_margin.map_or(margin, |m| m.min(margin)));
            }
        }
        *self.last.borrow_mut() = checked;
        if exposures.is_empty() && remembered {
            // Nothing exposed: prove it with every cell checked afresh before saying so.
            passed.clear();
            drop(passed);
            return self.attack(pattern);
        }
        exposures
    }
}

/// A failing cell with the visible cells that limit its interval: those sharing a relation
/// with it first, then the others of its neighbourhood.
fn exposure(
    cell: CellId,
    interval: &super::solve::Interval,
    pattern: &Pattern,
    system: &System,
    incidence: &super::system::Incidence,
) -> Exposure {
    let visible = |c: Var| !pattern.system.is_latent(c) && !pattern.hidden[c as usize];
    let mut near: Vec<CellId> = Vec::new();
    for &r in incidence.of(cell) {
        near.extend(system.terms(r).map(|(v, _)| v).filter(|&v| v != cell && visible(v)));
    }
    near.sort_unstable();
    near.dedup();
    let limiting: Vec<CellId> = interval.limiting.iter().copied().filter(|&v| visible(v)).collect();
    let near_limiting: Vec<CellId> = limiting.iter().copied().filter(|v| near.binary_search(v).is_ok()).collect();
    let evidence = if !near_limiting.is_empty() {
        vec![near_limiting]
    } else if !limiting.is_empty() {
        vec![limiting.into_iter().take(64).collect()]
    } else if !near.is_empty() {
        vec![near]
    } else {
        // Every cell of its own relations is hidden or latent: the nearest ring with a visible cell.
        vec![nearest_visible(cell, system, incidence, &visible)]
    };
    let relation = interval.relations.first().copied().unwrap_or(0);
    Exposure { cell, relation, evidence }
}

/// The visible cells nearest `cell` through relations (breadth first, at most 8 rings).
fn nearest_visible(
    cell: CellId,
    system: &System,
    incidence: &super::system::Incidence,
    visible: &dyn Fn(Var) -> bool,
) -> Vec<CellId> {
    let mut seen = std::collections::HashSet::from([cell]);
    let mut ring = vec![cell];
    for _ in 0..8 {
        let mut next = Vec::new();
        for &v in &ring {
            for &r in incidence.of(v) {
                for (w, _) in system.terms(r) {
                    if seen.insert(w) {
                        next.push(w);
                    }
                }
            }
        }
        let mut found: Vec<CellId> = next.iter().copied().filter(|&w| visible(w)).collect();
        if !found.is_empty() {
            found.sort_unstable();
            return found;
        }
        ring = next;
    }
    Vec::new()
}
