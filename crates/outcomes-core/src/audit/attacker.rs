//! The linear-programming reader as an [`Attacker`] for
//! [`CellSystem::protect_against`](crate::secondary::CellSystem::protect_against), so a publisher
//! can add secondary suppressions until every suppressed cell passes the
//! [protection rule](super::rule::ProtectionRule). Tested on small systems; at county scale each
//! round is too slow (docs/disclosure.md). `outcomes publish` uses its parts instead, only where
//! the public audit fails: [`protection_cells`] gives the protection patterns to hide.
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
use crate::secondary::{Attacker, CellId, CellSystem, Exposure, Pattern, Protection, SingleUnknown};
use crate::{Count, DisclosurePolicy};
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
        let Ok(solver) = Solver::new(&system, Some(&anchor), self.options) else {
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
        let hidden = |c: Var| pattern.system.is_latent(c) || pattern.hidden[c as usize];
        for cell in 0..system.vars() as Var {
            if pattern.system.is_latent(cell) || !pattern.hidden[cell as usize] {
                continue;
            }
            if passed[cell as usize] {
                remembered = true;
                continue;
            }
            let x = anchor[cell as usize];
            checked.cells += 1;
            // A hidden 0, or a count of at least the minimum, is in its own interval, which
            // then reaches 0 or the minimum: it passes the public test and needs no margin.
            if !ProtectionRule::sensitive(x, minimum) {
                passed[cell as usize] = true;
                continue;
            }
            let p = self.rule.margin(x);
            let down = (x - p).max(0) - x;
            let limit = self.options.neighbourhood;
            let reaches = |delta: i64| {
                delta == 0
                    || solver.witness(cell, delta, &hidden, limit)
                    || solver.witness(cell, delta, &hidden, limit * 4)
            };
            let (up_ok, down_ok) = (reaches(p), reaches(down));
            if up_ok && down_ok {
                passed[cell as usize] = true;
                let margin = ProtectionRule::margin_given(x, x + down, Some(x + p));
                checked.smallest_margin = Some(checked.smallest_margin.map_or(margin, |m| m.min(margin)));
                continue;
            }
            let needed: Vec<i64> =
                [(up_ok, p), (down_ok, down)].iter().filter(|(ok, _)| !ok).map(|&(_, d)| d).collect();
            let found = protection_pattern(cell, &needed, pattern, &solver, limit);
            exposures.push(match found {
                Some(cells) if !cells.is_empty() => Exposure {
                    cell,
                    relation: incidence.of(cell).first().copied().unwrap_or(0),
                    evidence: vec![cells],
                    together: true,
                },
                _ => {
                    let visible = |c: Var| !hidden(c);
                    let evidence = vec![nearest_visible(cell, &system, &incidence, &visible)];
                    Exposure {
                        cell,
                        relation: incidence.of(cell).first().copied().unwrap_or(0),
                        evidence,
                        together: false,
                    }
                }
            });
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

/// The published cells to hide so that a failing cell can move by each of `deltas`: the
/// published cells of the cheapest change that moves it so (see [`Solver::perturbation`]),
/// costing each published cell its weight per unit of change and a hidden or latent one almost
/// nothing. `None` when no change can be found in a neighbourhood.
fn protection_pattern(
    cell: CellId,
    deltas: &[i64],
    pattern: &Pattern,
    solver: &Solver,
    limit: usize,
) -> Option<Vec<CellId>> {
    let visible = |c: Var| !pattern.system.is_latent(c) && !pattern.hidden[c as usize];
    let cost = |c: Var| Some(if visible(c) { f64::from(pattern.system.weight(c)) } else { 1e-3 });
    let mut cells = Vec::new();
    // A neighbourhood of at least every unknown is the whole table: no wider one to try.
    let wider = limit < solver.system().vars();
    for &delta in deltas {
        let changes = solver
            .perturbation(cell, delta, &cost, limit, false, false)
            .or_else(|| wider.then(|| solver.perturbation(cell, delta, &cost, limit * 4, false, false)).flatten())?;
        cells.extend(changes.into_iter().map(|(c, _)| c).filter(|&c| visible(c)));
    }
    cells.sort_unstable();
    cells.dedup();
    Some(cells)
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

/// The published cells `outcomes publish` hides next, after the public audit found each cell of
/// `failing` (hidden, true value from 1 to the minimum minus 1) narrowed too far: for each, the
/// cells of its cheapest **protection pattern** (see [`protection_pattern`]): the published
/// counts that must change, at the least weighted total change, for it to move by its margin
/// both ways (up by p, down to max(0, x − p)), given every relation and the true values. Hiding
/// them lets it move so with only hidden counts changing, which is what the audit's interval
/// measures. The pattern is sought over the cell's neighbourhood (300, then 1,200 unknowns), then
/// the whole table; a cell with none gets the cheapest visible count nearest it instead
/// ([`CellSystem::widening`]).
pub fn protection_cells(
    cells: &CellSystem,
    protection: &Protection,
    policy: &DisclosurePolicy,
    failing: &[CellId],
) -> Vec<CellId> {
    if failing.is_empty() {
        return Vec::new();
    }
    let hidden: Vec<bool> = protection.counts.iter().map(|count| *count == Some(Count::Suppressed)).collect();
    let pattern = Pattern { system: cells, hidden: &hidden, values: &protection.true_values };
    let (system, anchor) = reader_system(&pattern, policy);
    let options = Options::publisher();
    let rule = ProtectionRule::of(policy);
    if Solver::new(&system, Some(&anchor), options).is_err() {
        // The true values break the builder's own relations (a bug): widen blindly, and the
        // audit, which does not rely on them, decides.
        return cells.widening(protection, failing);
    }
    // Each failing count's pattern on its own (shared out between threads; the same cells
    // whatever their number).
    let make = || Solver::new(&system, Some(&anchor), options).ok();
    let patterns = crate::audit::map_shared(failing, crate::audit::workers(), make, |solver, &cell| {
        // Made once above, so each thread's is made too.
        let Some(solver) = solver.as_ref() else { return cells.widening(protection, &[cell]) };
        let x = anchor[cell as usize];
        let p = rule.margin(x);
        // Only the directions it cannot already move in with hidden counts alone.
        let hidden_only = |c: Var| pattern.system.is_latent(c) || hidden[c as usize];
        let deltas: Vec<i64> = [p, (x - p).max(0) - x]
            .into_iter()
            .filter(|&delta| delta != 0 && !solver.witness(cell, delta, &hidden_only, options.neighbourhood))
            .collect();
        if deltas.is_empty() {
            // Witnesses both ways in the builder's relations, yet the audit fails: the reader
            // has a relation the builder does not model. No pattern can say which count to
            // hide, so the nearest cheapest one is (the next audit decides).
            return cells.widening(protection, &[cell]);
        }
        // The neighbourhood, four times it, then the whole table (unless already tried: the
        // same program gives the same answer).
        let whole_tried = options.neighbourhood * 4 >= system.vars();
        let found = protection_pattern(cell, &deltas, &pattern, solver, options.neighbourhood).or_else(|| {
            (!whole_tried).then(|| protection_pattern(cell, &deltas, &pattern, solver, system.vars())).flatten()
        });
        match found {
            Some(found) if !found.is_empty() => found,
            _ => cells.widening(protection, &[cell]),
        }
    });
    let mut chosen: Vec<CellId> = patterns.into_iter().flatten().collect();
    chosen.sort_unstable();
    chosen.dedup();
    chosen
}
