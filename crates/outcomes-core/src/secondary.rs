//! Secondary suppression: after primary suppression (`disclosure::protect`) hides every small
//! count, more cells are hidden so that no hidden cell can be worked out from what is published.
//!
//! The publisher describes its tables as a [`CellSystem`]: every count it will publish is a
//! *cell* with its true value; quantities a reader can reason about but which are never published
//! on their own (the drop-off between two adjacent funnel stages, the true size of the "other
//! routes" column before small routes are grouped into it) are *latent* cells; and every linear
//! relation a reader knows is a *relation* (a total equals the sum of its parts, a stage equals
//! the next stage plus the drop-off, a row of flows adds up to its stage). Small flows grouped
//! into "other" are a [`Grouping`]: the published "other" holds its own true value plus every
//! named flow of the row that is hidden.
//!
//! [`CellSystem::protect`] then repeats, until nothing is exposed:
//! 1. hide every cell whose own value `protect` suppresses (primary), and every cell already
//!    chosen for secondary suppression; recompute the grouped "other" cells;
//! 2. ask an [`Attacker`] which hidden cells a reader could work out, and from which published
//!    cells (the evidence);
//! 3. for each exposed cell, hide the cheapest piece of evidence: cost is (value + 1) times the
//!    cell's weight, so small cells at the most detailed level (a ward, one cohort, one quarter)
//!    go before totals; the evidence nearest the exposed cell is preferred. (An attacker may
//!    instead give a whole protection pattern to hide, see [`Exposure::together`].)
//!
//! The attacker of this module, [`SingleUnknown`], is the reader of issue 7: it repeatedly solves
//! any relation with exactly one unknown. A stronger attacker (intervals by linear programming,
//! rounding bounds, earlier releases) can be plugged in through the [`Attacker`] trait without
//! changing the publisher. Suppression only ever grows, so the loop always ends.

use crate::disclosure::protect;
use crate::{Count, DisclosurePolicy};

/// A cell of a [`CellSystem`], by position.
pub type CellId = u32;

/// Small flows grouped into a published "other" column: its published value is the true value
/// of `other_true` (a latent cell) plus the true value of every cell of `named` that is hidden.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grouping {
    pub other: CellId,
    pub other_true: CellId,
    pub named: Vec<CellId>,
}

/// Cells, their true values, and the linear relations between them that a reader knows.
#[derive(Clone, Debug, Default)]
pub struct CellSystem {
    values: Vec<u32>,
    latent: Vec<bool>,
    weights: Vec<u32>,
    /// Relation `r` has the terms `terms[starts[r]..starts[r + 1]]`, each `coefficient * cell`,
    /// adding up to zero.
    starts: Vec<u32>,
    terms: Vec<CellId>,
    coefficients: Vec<i8>,
    groupings: Vec<Grouping>,
    /// For each cell, the grouping it is the published "other" of.
    grouped_other: Vec<Option<u32>>,
}

/// The outcome of [`CellSystem::protect`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Protection {
    /// For every cell: its published form (latent cells: `None`).
    pub counts: Vec<Option<Count>>,
    /// For every cell: its true value as published (a grouped "other" includes the hidden flows).
    pub true_values: Vec<u32>,
    /// Cells hidden because their own value is small.
    pub primary: usize,
    /// Cells hidden so that no hidden cell can be worked out.
    pub secondary: usize,
    /// How many times the attacker was run.
    pub rounds: usize,
}

/// Which cells are hidden, for an attacker to look at.
pub struct Pattern<'a> {
    pub system: &'a CellSystem,
    /// Hidden published cells (latent cells are always unknown to a reader).
    pub hidden: &'a [bool],
    /// Effective true values (grouped "other" cells include their hidden flows).
    pub values: &'a [u32],
}

/// A hidden cell a reader can work out, and the published cells that give it away: hiding the
/// first group of `evidence` breaks this derivation (later groups are further away).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exposure {
    pub cell: CellId,
    /// The relation that pins the cell.
    pub relation: u32,
    /// Visible published cells used, nearest first, grouped by distance from the cell.
    pub evidence: Vec<Vec<CellId>>,
    /// Every cell of the first group must be hidden (a protection pattern: the cells a change
    /// of the exposed cell must move with), not only the cheapest.
    pub together: bool,
}

/// What a reader can work out from a pattern of hidden cells.
pub trait Attacker {
    fn attack(&self, pattern: &Pattern) -> Vec<Exposure>;
}

/// Why protection could not finish (a bug in the tables' description, not in the data).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CannotProtect {
    pub cell: CellId,
}

impl CellSystem {
    pub fn new() -> CellSystem {
        CellSystem { starts: vec![0], ..CellSystem::default() }
    }

    /// A cell that will be published (or hidden). `weight` (at least 1) says how costly it is to
    /// hide: 1 for the most detailed cells, more for totals.
    pub fn cell(&mut self, true_value: u32, weight: u32) -> CellId {
        self.push(true_value, false, weight.max(1))
    }

    /// A quantity a reader can reason about but which is never published on its own.
    pub fn latent(&mut self, true_value: u32) -> CellId {
        self.push(true_value, true, 1)
    }

    fn push(&mut self, value: u32, latent: bool, weight: u32) -> CellId {
        let id = self.values.len() as CellId;
        self.values.push(value);
        self.latent.push(latent);
        self.weights.push(weight);
        self.grouped_other.push(None);
        id
    }

    /// `total` is the sum of `parts`.
    pub fn sum(&mut self, total: CellId, parts: &[CellId]) {
        let mut terms = Vec::with_capacity(parts.len() + 1);
        terms.push((total, 1));
        terms.extend(parts.iter().map(|&part| (part, -1)));
        self.relation(&terms);
    }

    /// A relation `sum(coefficient * cell) = 0`. Relations with fewer than two terms say nothing.
    pub fn relation(&mut self, terms: &[(CellId, i8)]) {
        if terms.len() < 2 {
            return;
        }
        for &(cell, coefficient) in terms {
            self.terms.push(cell);
            self.coefficients.push(coefficient);
        }
        self.starts.push(self.terms.len() as u32);
    }

    /// Small flows grouped into a published "other" (see [`Grouping`]). `other` must be a cell,
    /// `other_true` a latent cell holding the true value of the other flows alone.
    pub fn grouping(&mut self, other: CellId, other_true: CellId, named: Vec<CellId>) {
        self.grouped_other[other as usize] = Some(self.groupings.len() as u32);
        self.groupings.push(Grouping { other, other_true, named });
    }

    pub fn cells(&self) -> usize {
        self.values.len()
    }

    pub fn relations(&self) -> usize {
        self.starts.len() - 1
    }

    pub fn is_latent(&self, cell: CellId) -> bool {
        self.latent[cell as usize]
    }

    pub fn value(&self, cell: CellId) -> u32 {
        self.values[cell as usize]
    }

    /// How costly the cell is to hide (see [`CellSystem::cell`]).
    pub fn weight(&self, cell: CellId) -> u32 {
        self.weights[cell as usize]
    }

    /// The terms of relation `r` as (cell, coefficient).
    pub fn relation_terms(&self, r: u32) -> impl Iterator<Item = (CellId, i8)> + '_ {
        let (start, end) = (self.starts[r as usize] as usize, self.starts[r as usize + 1] as usize);
        self.terms[start..end].iter().copied().zip(self.coefficients[start..end].iter().copied())
    }

    pub fn groupings(&self) -> &[Grouping] {
        &self.groupings
    }

    /// Primary and secondary suppression against the [`SingleUnknown`] reader.
    pub fn protect(&self, policy: &DisclosurePolicy) -> Result<Protection, CannotProtect> {
        self.protect_against(policy, &SingleUnknown)
    }

    /// Primary and secondary suppression against any attacker.
    pub fn protect_against(
        &self,
        policy: &DisclosurePolicy,
        attacker: &dyn Attacker,
    ) -> Result<Protection, CannotProtect> {
        self.protect_forcing(policy, attacker, &[])
    }

    /// Primary and secondary suppression against any attacker, with the cells of `forced` hidden
    /// from the start (cells an audit asked for, see [`CellSystem::widening`]).
    pub fn protect_forcing(
        &self,
        policy: &DisclosurePolicy,
        attacker: &dyn Attacker,
        forced: &[CellId],
    ) -> Result<Protection, CannotProtect> {
        let mut chosen = vec![false; self.cells()];
        for &cell in forced {
            if !self.latent[cell as usize] {
                chosen[cell as usize] = true;
            }
        }
        let mut rounds = 0;
        loop {
            let (hidden, values) = self.pattern(policy, &chosen);
            rounds += 1;
            let exposures = attacker.attack(&Pattern { system: self, hidden: &hidden, values: &values });
            if exposures.is_empty() {
                return Ok(self.finish(policy, &chosen, hidden, values, rounds));
            }
            let mut chosen_now = vec![false; self.cells()];
            let mut added = 0;
            for exposure in &exposures {
                if exposure.together {
                    let pattern = exposure.evidence.first().map_or(&[][..], |group| &group[..]);
                    for &cell in pattern {
                        if hidden[cell as usize] || chosen[cell as usize] {
                            continue;
                        }
                        chosen[cell as usize] = true;
                        chosen_now[cell as usize] = true;
                        added += 1;
                    }
                    continue;
                }
                let evidence = || exposure.evidence.iter().flatten().copied();
                if evidence().any(|cell| chosen_now[cell as usize]) {
                    continue;
                }
                let cost =
                    |cell: CellId| (u64::from(values[cell as usize]) + 1) * u64::from(self.weights[cell as usize]);
                let cheapest = evidence().filter(|&cell| !hidden[cell as usize]).min_by_key(|&cell| (cost(cell), cell));
                let Some(cheapest) = cheapest else { return Err(CannotProtect { cell: exposure.cell }) };
                chosen[cheapest as usize] = true;
                chosen_now[cheapest as usize] = true;
                added += 1;
            }
            if added == 0 {
                return Err(CannotProtect { cell: exposures[0].cell });
            }
        }
    }

    /// For each cell of `failing` (hidden cells an audit found narrowed too far by the relations
    /// around it), the published cell to hide next: the cheapest visible cell, cost (value + 1)
    /// times weight as in [`CellSystem::protect`], among the nearest ones in its relations
    /// (distance 1: a relation of the failing cell; distance 2: a relation of a hidden or latent
    /// cell at distance 1; and so on). Hiding it widens the interval the relation gives the
    /// failing cell. Each cell is given once, in the order of `failing`; a failing cell whose
    /// relations hold no visible cell within 6 steps gives none.
    pub fn widening(&self, protection: &Protection, failing: &[CellId]) -> Vec<CellId> {
        let hidden =
            |cell: CellId| self.latent[cell as usize] || protection.counts[cell as usize] == Some(Count::Suppressed);
        // Every relation a reader has: as given, and each grouping's "other" with its flows.
        let mut relations: Vec<Vec<CellId>> =
            (0..self.relations() as u32).map(|r| self.relation_terms(r).map(|(cell, _)| cell).collect()).collect();
        for grouping in &self.groupings {
            let mut terms = vec![grouping.other, grouping.other_true];
            terms.extend(&grouping.named);
            relations.push(terms);
        }
        let mut incidence: Vec<Vec<u32>> = vec![Vec::new(); self.cells()];
        for (r, terms) in relations.iter().enumerate() {
            for &cell in terms {
                incidence[cell as usize].push(r as u32);
            }
        }
        let cost = |cell: CellId| {
            (u64::from(protection.true_values[cell as usize]) + 1) * u64::from(self.weights[cell as usize])
        };
        let mut chosen: Vec<CellId> = Vec::new();
        for &start in failing {
            let mut seen = std::collections::HashSet::from([start]);
            let mut frontier = vec![start];
            for _ in 0..6 {
                let mut next = Vec::new();
                let mut candidates = Vec::new();
                for &cell in &frontier {
                    for &r in &incidence[cell as usize] {
                        for &other in &relations[r as usize] {
                            if !seen.insert(other) {
                                continue;
                            }
                            if hidden(other) {
                                next.push(other);
                            } else {
                                candidates.push(other);
                            }
                        }
                    }
                }
                if let Some(best) = candidates.into_iter().min_by_key(|&cell| (cost(cell), cell)) {
                    if !chosen.contains(&best) {
                        chosen.push(best);
                    }
                    break;
                }
                if next.is_empty() {
                    break;
                }
                frontier = next;
            }
        }
        chosen
    }

    /// Hidden cells and effective values for the cells chosen so far.
    fn pattern(&self, policy: &DisclosurePolicy, chosen: &[bool]) -> (Vec<bool>, Vec<u32>) {
        let mut values = self.values.clone();
        let mut hidden: Vec<bool> = (0..self.cells())
            .map(|i| !self.latent[i] && (chosen[i] || protect(values[i], policy).is_suppressed()))
            .collect();
        for grouping in &self.groupings {
            let grouped: u32 =
                grouping.named.iter().filter(|&&c| hidden[c as usize]).map(|&c| values[c as usize]).sum();
            let other = grouping.other as usize;
            values[other] = values[grouping.other_true as usize].saturating_add(grouped);
            hidden[other] = chosen[other] || protect(values[other], policy).is_suppressed();
        }
        (hidden, values)
    }

    fn finish(
        &self,
        policy: &DisclosurePolicy,
        chosen: &[bool],
        hidden: Vec<bool>,
        values: Vec<u32>,
        rounds: usize,
    ) -> Protection {
        let mut primary = 0;
        let mut secondary = 0;
        let counts = (0..self.cells())
            .map(|i| {
                if self.latent[i] {
                    return None;
                }
                let own = protect(values[i], policy);
                if own.is_suppressed() {
                    primary += 1;
                    Some(Count::Suppressed)
                } else if hidden[i] || chosen[i] {
                    secondary += 1;
                    Some(Count::Suppressed)
                } else {
                    Some(own)
                }
            })
            .collect();
        Protection { counts, true_values: values, primary, secondary, rounds }
    }

    /// Relations as given plus, for the pattern, each grouping's relation:
    /// other = other_true + (hidden named flows).
    fn effective_relations(&self, hidden: &[bool]) -> (Vec<u32>, Vec<CellId>) {
        let mut starts = self.starts.clone();
        let mut terms = self.terms.clone();
        for grouping in &self.groupings {
            terms.push(grouping.other);
            terms.push(grouping.other_true);
            terms.extend(grouping.named.iter().copied().filter(|&c| hidden[c as usize]));
            starts.push(terms.len() as u32);
        }
        (starts, terms)
    }
}

/// The reader of issue 7: knows every published cell exactly, and repeatedly solves any
/// relation in which exactly one cell is unknown.
pub struct SingleUnknown;

impl Attacker for SingleUnknown {
    fn attack(&self, pattern: &Pattern) -> Vec<Exposure> {
        let system = pattern.system;
        let (starts, terms) = system.effective_relations(pattern.hidden);
        let cells = system.cells();
        let relations = starts.len() - 1;
        // Cell -> relations index (compressed rows).
        let mut incidence_starts = vec![0u32; cells + 1];
        for &cell in &terms {
            incidence_starts[cell as usize + 1] += 1;
        }
        for i in 0..cells {
            incidence_starts[i + 1] += incidence_starts[i];
        }
        let mut fill = incidence_starts.clone();
        let mut incidence = vec![0u32; terms.len()];
        for r in 0..relations {
            for &cell in &terms[starts[r] as usize..starts[r + 1] as usize] {
                incidence[fill[cell as usize] as usize] = r as u32;
                fill[cell as usize] += 1;
            }
        }
        let mut known: Vec<bool> = (0..cells).map(|i| !system.latent[i] && !pattern.hidden[i]).collect();
        let mut unknowns: Vec<u32> = (0..relations)
            .map(|r| {
                terms[starts[r] as usize..starts[r + 1] as usize].iter().filter(|&&c| !known[c as usize]).count() as u32
            })
            .collect();
        let mut queue: Vec<u32> = (0..relations as u32).filter(|&r| unknowns[r as usize] == 1).collect();
        let mut solved_by: Vec<u32> = vec![u32::MAX; cells];
        while let Some(r) = queue.pop() {
            if unknowns[r as usize] != 1 {
                continue;
            }
            let range = starts[r as usize] as usize..starts[r as usize + 1] as usize;
            let Some(&cell) = terms[range].iter().find(|&&c| !known[c as usize]) else { continue };
            known[cell as usize] = true;
            solved_by[cell as usize] = r;
            for &other in
                &incidence[incidence_starts[cell as usize] as usize..incidence_starts[cell as usize + 1] as usize]
            {
                // A cell may appear twice in a relation only by a builder's mistake; saturate.
                unknowns[other as usize] = unknowns[other as usize].saturating_sub(1);
                if unknowns[other as usize] == 1 {
                    queue.push(other);
                }
            }
        }
        let mut exposures = Vec::new();
        for cell in 0..cells {
            if system.latent[cell] || !pattern.hidden[cell] || solved_by[cell] == u32::MAX {
                continue;
            }
            let evidence = provenance(cell as CellId, &solved_by, &starts, &terms, |c| {
                !system.latent[c as usize] && !pattern.hidden[c as usize]
            });
            exposures.push(Exposure { cell: cell as CellId, relation: solved_by[cell], evidence, together: false });
        }
        exposures
    }
}

/// The visible cells a derivation used, grouped by distance: the relation that solved `cell`
/// first, then the relations that solved the unknowns it used, and so on.
fn provenance(
    cell: CellId,
    solved_by: &[u32],
    starts: &[u32],
    terms: &[CellId],
    visible: impl Fn(CellId) -> bool,
) -> Vec<Vec<CellId>> {
    const MOST_RELATIONS: usize = 4096;
    let mut groups = Vec::new();
    let mut seen_relations = std::collections::HashSet::new();
    let mut frontier = vec![(solved_by[cell as usize], cell)];
    while !frontier.is_empty() && seen_relations.len() < MOST_RELATIONS {
        let mut group = Vec::new();
        let mut next = Vec::new();
        for (relation, solved) in frontier {
            if !seen_relations.insert(relation) {
                continue;
            }
            for &term in &terms[starts[relation as usize] as usize..starts[relation as usize + 1] as usize] {
                if term == solved {
                    continue;
                }
                if visible(term) {
                    group.push(term);
                } else if solved_by[term as usize] != u32::MAX {
                    next.push((solved_by[term as usize], term));
                }
            }
        }
        group.sort_unstable();
        group.dedup();
        groups.push(group);
        frontier = next;
    }
    groups
}

/// The reader `publish::build` protects against: first [`SingleUnknown`]; once it finds nothing,
/// a reader who bounds each hidden small count (1 to the minimum minus 1) by one relation at a
/// time, every published count anywhere in its rounding interval (a published 10 is a true 10,
/// 11 or 12 under base 5 and minimum 10) and every other unknown at least 0, and who holds the
/// count to the publisher's margin (x − p … x + p, [`crate::audit::rule::ProtectionRule`]). A
/// count bounded too tightly is exposed by the relation's published counts, so the cheapest is
/// hidden: for a hidden 9 at the funnel stage after one published as 10, that stage too.
///
/// The disclosure audit (`audit::judge`, over every relation at once) is still the judge; this
/// reader only catches, cheaply and before any linear program, what one relation shows. On the
/// county demonstration it cut the judged failures from 1,299 to 46 (docs/disclosure.md).
pub struct MarginReader<'p> {
    pub policy: &'p DisclosurePolicy,
}

impl Attacker for MarginReader<'_> {
    fn attack(&self, pattern: &Pattern) -> Vec<Exposure> {
        let found = SingleUnknown.attack(pattern);
        if !found.is_empty() {
            return found;
        }
        let system = pattern.system;
        let rule = crate::audit::rule::ProtectionRule::of(self.policy);
        let minimum = self.policy.minimum_count;
        let base = self.policy.rounding_base.max(1);
        let unknown = |c: CellId| system.latent[c as usize] || pattern.hidden[c as usize];
        // The interval a reader knows for a published cell.
        let bounds = |c: CellId| -> (i64, i64) {
            match protect(pattern.values[c as usize], self.policy) {
                Count::Value(0) => (0, 0),
                Count::Value(v) => {
                    let lo = (i64::from(v) - i64::from(base / 2)).max(i64::from(minimum));
                    (lo, i64::from(v) - i64::from(base / 2) + i64::from(base) - 1)
                }
                Count::Suppressed => (0, i64::MAX),
            }
        };
        let mut exposures = Vec::new();
        let mut exposed = vec![false; system.cells()];
        // Every relation a reader has, one at a time in one buffer (a national release has 16
        // million): as given, then each grouping's "other" with its hidden flows.
        let given = system.relations();
        let mut terms: Vec<(CellId, i8)> = Vec::new();
        for r in 0..given + system.groupings.len() {
            terms.clear();
            match r.checked_sub(given).and_then(|g| system.groupings.get(g)) {
                Some(grouping) => {
                    terms.extend([(grouping.other, 1), (grouping.other_true, -1)]);
                    terms.extend(grouping.named.iter().filter(|&&c| pattern.hidden[c as usize]).map(|&c| (c, -1)));
                }
                None => terms.extend(system.relation_terms(r as u32)),
            }
            let terms = &terms[..];
            // Each relation's sums once (a national total has 7,000 terms): for the terms of
            // coefficient +1 and -1, the published counts' lowest and highest values and how
            // many unknowns there are.
            let mut sums = [Side::default(), Side::default()];
            for &(i, a) in terms {
                let side = &mut sums[usize::from(a < 0)];
                if unknown(i) {
                    side.unknowns += 1;
                } else {
                    let (lo, hi) = bounds(i);
                    side.lo = side.lo.saturating_add(lo);
                    side.hi = side.hi.saturating_add(hi);
                }
            }
            for &(c, a_c) in terms {
                if system.latent[c as usize] || !pattern.hidden[c as usize] || exposed[c as usize] {
                    continue;
                }
                let x = i64::from(pattern.values[c as usize]);
                if !crate::audit::rule::ProtectionRule::sensitive(x, minimum) {
                    continue;
                }
                // c = (the other side's terms) - (its own side's other terms): bounded above only
                // if the other side has no unknown, below only if its own side has no other.
                let (own, other) = if a_c > 0 { (&sums[0], &sums[1]) } else { (&sums[1], &sums[0]) };
                let upper = (other.unknowns == 0).then(|| other.hi.saturating_sub(own.lo));
                let lower = (own.unknowns == 1).then(|| other.lo.saturating_sub(own.hi));
                let p = rule.margin(x);
                let too_low = upper.is_some_and(|u| u < x + p);
                let too_high = lower.is_some_and(|l| l > (x - p).max(0));
                if too_low || too_high {
                    let evidence: Vec<CellId> = terms.iter().map(|&(i, _)| i).filter(|&i| !unknown(i)).collect();
                    if evidence.is_empty() {
                        continue;
                    }
                    exposed[c as usize] = true;
                    exposures.push(Exposure { cell: c, relation: r as u32, evidence: vec![evidence], together: false });
                }
            }
        }
        exposures
    }
}

/// One side of a relation (its terms of one sign), for [`MarginReader`].
#[derive(Default)]
struct Side {
    /// The published counts' lowest and highest true values, added up.
    lo: i64,
    hi: i64,
    /// Hidden counts and latent quantities.
    unknowns: usize,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::disclosure::default_policy;

    /// A funnel of three stages: 15, 11 (published as 10, so a true 10 to 12) and 9 (hidden),
    /// with their drop-offs. The single-unknown reader solves nothing (each drop-off is a second
    /// unknown), but the stage published as 10 bounds the hidden 9 to 0 … 12, short of the
    /// 9 + 5 the margin asks for: the margin reader hides that stage too, and then the first
    /// stage (up to 17) bounds the 9 well enough.
    fn funnel(stages: [u32; 3]) -> (CellSystem, [CellId; 3]) {
        let mut system = CellSystem::new();
        let cells = stages.map(|value| system.cell(value, 1));
        for k in 0..2 {
            let drop = system.latent(stages[k] - stages[k + 1]);
            system.relation(&[(cells[k], 1), (cells[k + 1], -1), (drop, -1)]);
        }
        (system, cells)
    }

    #[test]
    fn a_hidden_nine_after_a_stage_published_as_ten_hides_that_stage_too() {
        let policy = default_policy();
        let (system, [first, second, third]) = funnel([15, 11, 9]);
        let single = system.protect_forcing(&policy, &SingleUnknown, &[]).unwrap();
        assert_eq!(single.counts[second as usize], Some(Count::Value(10)));
        let margin = system.protect_forcing(&policy, &MarginReader { policy: &policy }, &[]).unwrap();
        assert_eq!(margin.counts[third as usize], Some(Count::Suppressed));
        assert_eq!(margin.counts[second as usize], Some(Count::Suppressed));
        assert_eq!(margin.counts[first as usize], Some(Count::Value(15)));
        assert_eq!((margin.primary, margin.secondary), (1, 1));
    }

    #[test]
    fn a_bound_that_leaves_the_margin_hides_nothing_more() {
        let policy = default_policy();
        // A true 8 needs 8 + 4 = 12: a stage published as 10 (up to 12) is enough.
        let (system, [_, second, third]) = funnel([15, 11, 8]);
        let margin = system.protect_forcing(&policy, &MarginReader { policy: &policy }, &[]).unwrap();
        assert_eq!(margin.counts[third as usize], Some(Count::Suppressed));
        assert_eq!(margin.counts[second as usize], Some(Count::Value(10)));
        assert_eq!((margin.primary, margin.secondary), (1, 0));
        // And a total of two hidden parts, 15 = 9 + 6: published as 15 (a true 13 to 17), it
        // bounds each part only by 17, enough for the 9 (14) and the 6 (9).
        let mut system = CellSystem::new();
        let (a, b) = (system.cell(9, 1), system.cell(6, 1));
        let total = system.cell(15, 2);
        system.sum(total, &[a, b]);
        let margin = system.protect_forcing(&policy, &MarginReader { policy: &policy }, &[]).unwrap();
        assert_eq!(margin.counts, vec![Some(Count::Suppressed), Some(Count::Suppressed), Some(Count::Value(15))]);
    }

    /// A district of three wards: the classic case (ONS, "Disclosure control for tables",
    /// secondary suppression). Ward B is 4, so primary suppression hides it; without more, the
    /// district total minus wards A and C gives it back.
    #[test]
    fn a_single_hidden_ward_gets_a_complementary_suppression_in_the_smallest_sibling() {
        let mut system = CellSystem::new();
        let (a, b, c) = (system.cell(40, 1), system.cell(4, 1), system.cell(25, 1));
        let district = system.cell(69, 4);
        system.sum(district, &[a, b, c]);
        let protection = system.protect(&default_policy()).unwrap();
        assert_eq!(
            protection.counts,
            vec![Some(Count::Value(40)), Some(Count::Suppressed), Some(Count::Suppressed), Some(Count::Value(70))]
        );
        assert_eq!((protection.primary, protection.secondary), (1, 1));
    }

    #[test]
    fn nothing_more_is_hidden_when_two_cells_of_every_relation_are_already_hidden() {
        let mut system = CellSystem::new();
        let (a, b, c) = (system.cell(40, 1), system.cell(4, 1), system.cell(6, 1));
        let district = system.cell(50, 4);
        system.sum(district, &[a, b, c]);
        let protection = system.protect(&default_policy()).unwrap();
        assert_eq!((protection.primary, protection.secondary), (2, 0));
    }

    /// Two tables linked by a cell: hiding the sibling in the first relation exposes the second
    /// relation, which then needs its own complement (the loop runs until nothing is exposed).
    #[test]
    fn suppression_propagates_through_linked_relations() {
        let mut system = CellSystem::new();
        // Ward x cohort: rows are wards A and B, columns cohorts 1 and 2, with totals.
        let a1 = system.cell(3, 1);
        let a2 = system.cell(12, 1);
        let b1 = system.cell(20, 1);
        let b2 = system.cell(30, 1);
        let a = system.cell(15, 2);
        let b = system.cell(50, 2);
        let c1 = system.cell(23, 2);
        let c2 = system.cell(42, 2);
        let total = system.cell(65, 4);
        system.sum(a, &[a1, a2]);
        system.sum(b, &[b1, b2]);
        system.sum(c1, &[a1, b1]);
        system.sum(c2, &[a2, b2]);
        system.sum(total, &[a, b]);
        system.sum(total, &[c1, c2]);
        let protection = system.protect(&default_policy()).unwrap();
        let hidden: Vec<bool> = protection.counts.iter().map(|c| c == &Some(Count::Suppressed)).collect();
        // a1 primary; a2 and b1 hide it in its row and column; b2 then closes the rectangle.
        assert_eq!(hidden, vec![true, true, true, true, false, false, false, false, false]);
        assert_eq!(
            SingleUnknown.attack(&Pattern { system: &system, hidden: &hidden, values: &protection.true_values }),
            vec![]
        );
    }

    #[test]
    fn small_flows_are_grouped_into_other_and_stay_hidden() {
        let mut system = CellSystem::new();
        let stage = system.cell(61, 1);
        let (hub, gp, library) = (system.cell(30, 1), system.cell(20, 1), system.cell(4, 1));
        let other_true = system.latent(7);
        let other = system.cell(0, 1);
        system.relation(&[(stage, 1), (hub, -1), (gp, -1), (library, -1), (other_true, -1)]);
        system.grouping(other, other_true, vec![hub, gp, library]);
        let protection = system.protect(&default_policy()).unwrap();
        // 4 is hidden and counted in other: 7 + 4 = 11, published as 10. The row still adds up
        // (30 + 20 + 11 = 61) but library and the true other are two unknowns in one relation.
        assert_eq!(protection.counts[library as usize], Some(Count::Suppressed));
        assert_eq!(protection.counts[other as usize], Some(Count::Value(10)));
        assert_eq!(protection.true_values[other as usize], 11);
        assert_eq!(protection.secondary, 0);
    }

    #[test]
    fn a_stage_difference_relation_is_followed_through_latent_cells() {
        // Two wards and their district at two stages, with drop-off cells d = s0 - s1 that add up
        // like any count. Ward A's second stage is small; its district and B are published at
        // both stages, so A's drop-off follows from the drop-off relation, and then A's stage.
        let mut system = CellSystem::new();
        let a0 = system.cell(30, 1);
        let a1 = system.cell(6, 1);
        let b0 = system.cell(40, 1);
        let b1 = system.cell(35, 1);
        let d0 = system.cell(70, 4);
        let d1 = system.cell(41, 4);
        let (da, db, dd) = (system.latent(24), system.latent(5), system.latent(29));
        for (s0, s1, d) in [(a0, a1, da), (b0, b1, db), (d0, d1, dd)] {
            system.relation(&[(s0, 1), (s1, -1), (d, -1)]);
        }
        system.sum(dd, &[da, db]);
        system.sum(d0, &[a0, b0]);
        // (No stage-1 sum relation: only the drop-offs can give A's stage 1 away.)
        let protection = system.protect(&default_policy()).unwrap();
        assert_eq!(protection.counts[a1 as usize], Some(Count::Suppressed));
        // Hiding A's first stage breaks the drop-off route; the district total then needs B's
        // first stage hidden too. The stage-1 figures of B and the district stay published.
        assert_eq!(protection.counts[a0 as usize], Some(Count::Suppressed));
        assert_eq!(protection.counts[b0 as usize], Some(Count::Suppressed));
        assert_eq!(protection.counts[b1 as usize], Some(Count::Value(35)));
        let hidden: Vec<bool> = protection.counts.iter().map(|c| c == &Some(Count::Suppressed)).collect();
        assert!(SingleUnknown
            .attack(&Pattern { system: &system, hidden: &hidden, values: &protection.true_values })
            .is_empty());
        assert_eq!(protection.secondary, 2, "{:?}", protection.counts);
    }
}
