//! The disclosure audit (issue 11): proves, for every suppressed count of a release, the interval
//! a reader can work out from everything published (totals, overlapping areas, cohorts,
//! quarters and years, funnel stages, flows, measures and, optionally, earlier releases), and
//! checks it against the [protection rule](rule::ProtectionRule). The policy and the threat
//! model are in `docs/disclosure.md`.
//!
//! - [`reader`]: the reader's relations, built from the published feed alone;
//! - [`system`] and [`solve`]: unknowns, relations, and intervals by linear programming, exact on
//!   small connected components and conservative (never wider than the reader's) on large ones;
//! - [`rule`]: the margins, with the publisher's test (knowing the true value) and the public one;
//! - [`attacker`]: the same solver as an [`Attacker`](crate::secondary::Attacker), so secondary
//!   suppression (`CellSystem::protect_against`) can add suppressions until every cell passes
//!   (too slow at county scale, see `docs/disclosure.md`, "Status"); and
//!   [`attacker::protection_cells`], the patterns `outcomes publish` hides for each count the
//!   public audit of its release fails, until the audit passes.
//!
//! Without the true values, the public audit proves an interval exactly when the cell's
//! connected component of relations fits one linear program; on a larger component it solves
//! the cell's neighbourhood with the boundary free, which gives an OUTER interval: a failure there
//! is a proven leak, a pass is reported as `outer` and is not a proof. With the true values (the
//! attacker), cut neighbourhoods are anchored at them and give INNER intervals (see [`solve`]).
//! `outcomes publish` stores the public audit's summary in the release manifest.

pub mod attacker;
pub mod reader;
pub mod rule;
pub mod solve;
pub mod system;
#[cfg(test)]
mod tests;

use crate::publish::check::Roles;
use crate::FeedDocument;
use reader::Reader;
use rule::ProtectionRule;
use serde::{Deserialize, Serialize};
pub use solve::Kind;
use system::System;

/// How to audit.
#[derive(Clone, Debug, PartialEq)]
pub struct AuditOptions {
    /// The protection rule; `None`: the one the audited feed's disclosure policy states.
    pub rule: Option<ProtectionRule>,
    pub solver: solve::Options,
    /// The funnel stages the hand-over and outcome tables add up to.
    pub roles: Roles,
    /// How the public audit shares its hidden counts out between threads.
    pub sharing: Sharing,
}

impl Default for AuditOptions {
    fn default() -> AuditOptions {
        AuditOptions {
            rule: None,
            solver: solve::Options::default(),
            roles: default_roles(),
            sharing: Sharing::default(),
        }
    }
}

/// How the public audit shares its hidden counts out: in chunks of `chunk` counts, each audited
/// from a solver that has seen nothing, by `threads` threads. The report depends on `chunk` but
/// never on `threads`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sharing {
    pub chunk: usize,
    /// `None`: the machine's cores (`OUTCOMES_AUDIT_THREADS` overrides, for measuring).
    pub threads: Option<usize>,
}

impl Default for Sharing {
    fn default() -> Sharing {
        Sharing { chunk: CHUNK, threads: None }
    }
}

/// The stage ids of the demonstration and of `docs/publishing.md`'s example.
pub fn default_roles() -> Roles {
    Roles { handover: "handed-over".into(), outcome: "outcome-achieved".into() }
}

/// The audit of one suppressed figure.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CellAudit {
    /// JSON path of the figure, such as `journey.funnel[12].counts[3]`.
    pub path: String,
    /// The smallest true value a reader cannot rule out.
    pub lo: i64,
    /// The largest (`None`: no upper bound).
    pub hi: Option<i64>,
    /// Exact, inner (the reader's interval is at least this wide) or outer (at most this wide).
    pub kind: Kind,
    /// Not decided: the whole-number programs the test needs were too large, so `lo` to `hi`
    /// are only bounds around the reader's interval (see [`solve::Interval::undecided`]). Such a
    /// cell fails: the audit cannot show it is protected.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub undecided: bool,
    pub passes: bool,
    /// For a failing cell: the relations that pin it, nearest first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<String>,
}

/// The machine-readable summary, as stored in the release manifest (`audit`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditSummary {
    /// Suppressed figures whose interval was computed.
    pub cells_audited: usize,
    /// Relations in the reader's system.
    pub relations: usize,
    /// The smallest protection any suppressed figure that could be a small count has: half the
    /// width of its interval, rounded down (`None` when there is none).
    pub smallest_margin: Option<i64>,
    /// Earlier releases the audit linked in.
    pub previous_releases: usize,
    /// Counts hidden by secondary suppression (only the publisher knows; 0 from `outcomes audit`).
    pub secondary_suppressions: usize,
    /// Suppressed figures that fail the rule (0 in any release written).
    pub failures: usize,
    /// Suppressed figures that pass only on an outer interval (their relations were too many to
    /// solve whole): no leak was found, but their protection is not proven.
    #[serde(default)]
    pub unproven: usize,
    /// What the publisher proved with the true values (see [`prove`]); `None` from
    /// `outcomes audit`, which does not know them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proof: Option<ProofSummary>,
}

/// The publisher's proof of the protection rule (see [`prove`]), as stored in the manifest.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProofSummary {
    /// Hidden counts whose true value is a small count (1 to the minimum minus 1): the ones the
    /// rule protects.
    pub small_counts: usize,
    /// Of those, how many have a proven interval reaching their margin both ways (all of them in
    /// any release `outcomes publish` writes).
    pub proven: usize,
    /// The least distance, over the small counts proven, from a true value to the end of its
    /// proven interval (a lower end of 0 counts as reached whatever the distance): the "±" a
    /// reader cannot get under. `None` when there is no small count.
    pub smallest_margin: Option<i64>,
}

/// The whole audit: every suppressed figure and the summary.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AuditReport {
    pub summary: AuditSummary,
    /// Seconds the audit took (not in the summary, so a manifest stays the same byte for byte).
    pub seconds: f64,
    pub cells: Vec<CellAudit>,
    /// Relations the reader could not all satisfy at once (figures contradicting the relations
    /// assumed: a broken feed, or one whose totals were made otherwise than docs/feed.md says).
    pub inconsistencies: Vec<String>,
}

impl AuditReport {
    pub fn passes(&self) -> bool {
        self.summary.failures == 0 && self.inconsistencies.is_empty()
    }
}

/// Audits `audited` as a reader holding it and `previous` (earlier releases, any order).
pub fn audit(audited: &FeedDocument, previous: &[FeedDocument], options: &AuditOptions) -> AuditReport {
    run(audited, previous, options, Knowing::Nothing, 1).0
}

/// The public audit judged by the publisher's rule: the same intervals as [`audit`] (a cut
/// neighbourhood's boundary left free, so an `outer` interval holds the reader's), but each
/// hidden figure passes only if its interval also gives its true value x (`truth`) its margin
/// both ways: down to max(0, x − p) and up to x + p. A failure is then a proven leak under the
/// publisher's rule, which the public test cannot see (an interval 0 … 2 passes it, since the
/// count may be a hidden 0, but exposes a true 1 or 2); a pass is a proof only where the
/// interval is `exact`. Fast as the public audit, unlike [`prove`]. `outcomes publish` hides
/// more until it passes. The report holds no true value, but which cells
/// fail it tells which hidden counts are small: it is for the publisher only.
pub fn judge(audited: &FeedDocument, options: &AuditOptions, truth: &Truth<'_>) -> AuditReport {
    // A fractional bound whose whole-number program is too large is kept (rounded inwards, it is
    // still around the reader's): the public audit fails such a count to be safe, but a failure
    // here must be a proven one, or hiding more could never make it pass.
    let mut options = options.clone();
    options.solver.unsolved_whole_fails = false;
    run(audited, &[], &options, Knowing::Judging(truth), 1).0
}

/// What the audit knows of the true values.
#[derive(Clone, Copy)]
enum Knowing<'t, 'a> {
    /// Nothing: the public audit.
    Nothing,
    /// Each figure's true value, for judging the intervals of the public audit by the
    /// publisher's rule ([`judge`]).
    Judging(&'t Truth<'a>),
    /// Each figure's true value, for anchoring cut neighbourhoods and finding witnesses
    /// ([`prove`]).
    Proving(&'t Truth<'a>),
}

/// What the public audit of a feed costs, measured on a sample of its hidden counts (see
/// [`sample`]).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SampleCost {
    /// Unknowns of the reader's system.
    pub unknowns: usize,
    /// Hidden counts the whole audit checks.
    pub hidden_counts: usize,
    /// Seconds taken to build the reader's system (once per audit).
    pub reader_seconds: f64,
    /// Seconds taken to audit the sample.
    pub sample_seconds: f64,
    /// The sample's report: every `every`-th hidden count. It proves nothing about the others.
    pub report: AuditReport,
}

impl SampleCost {
    /// Seconds per hidden count (on the threads the sample used).
    pub fn per_count(&self) -> f64 {
        self.sample_seconds / self.report.cells.len().max(1) as f64
    }

    /// Estimated seconds for the whole audit on `threads` threads, if they share the counts out
    /// evenly (the chunks are independent): building the system, then every hidden count at the
    /// sample's cost.
    pub fn estimate(&self, threads: usize) -> f64 {
        self.reader_seconds + self.per_count() * self.hidden_counts as f64 / threads.max(1) as f64
    }
}

/// The public audit of every `every`-th hidden count of `audited` only, for measuring an audit
/// too long to run whole. The cost per count is above the whole audit's: what one count's
/// programs set up is shared by the counts near it (the box of a large relation's sum is
/// computed once for the thousands of counts it holds), and a sample has few of them (national
/// scale, 2026-11-25: 0.43 ms a count in a sample of 1 in 500, 0.12 ms in the whole audit).
pub fn sample(audited: &FeedDocument, options: &AuditOptions, every: usize) -> SampleCost {
    let (report, measures) = run(audited, &[], options, Knowing::Nothing, every.max(1));
    SampleCost {
        unknowns: measures.unknowns,
        hidden_counts: measures.hidden_counts,
        reader_seconds: measures.reader_seconds,
        sample_seconds: report.seconds - measures.reader_seconds,
        report,
    }
}

/// What [`run`] measured besides its report.
struct Measures {
    unknowns: usize,
    hidden_counts: usize,
    reader_seconds: f64,
}

/// The true value of a published figure, by its label (`None`: not known).
pub type Truth<'a> = dyn Fn(&reader::CellLabel) -> Option<i64> + 'a;

/// The publisher's proof: the audit of `audited` (alone) by a publisher who knows each
/// published figure's true value (`truth`, by the figure's label; latent quantities are worked
/// out from the relations). Each hidden figure is judged by the publisher's rule on its true
/// value x: values a reader cannot rule out must reach max(0, x − p) and x + p. They are shown
/// by whole-number **witnesses**: solutions of every relation a reader has, each published
/// figure within its rounding interval, in which the figure takes that value (see
/// [`solve::Solver::witness`]). A witness that changes the figures in a neighbourhood of the
/// figure, with the rest at their true values, is a solution of the whole system, so each
/// interval is inner (the reader's is at least as wide) and a pass is a proof. A figure with no
/// witness for a side fails: its protection is not proven, and `outcomes publish` hides more.
/// The summary's `proof` says how many small counts were proven, and their smallest margin. The
/// report holds true values: it is for the publisher only.
pub fn prove(audited: &FeedDocument, options: &AuditOptions, truth: &Truth<'_>) -> AuditReport {
    run(audited, &[], options, Knowing::Proving(truth), 1).0
}

/// The true value of every unknown of the reader's system: the published figures' from
/// `truth`, then each latent quantity from an equation in which it is the only one not yet
/// known. `Err`: the figure (or latent quantity) that could not be valued.
fn anchor_of(reader: &Reader, truth: &Truth<'_>) -> Result<Vec<i64>, String> {
    let mut values: Vec<Option<i64>> = reader
        .cells
        .iter()
        .map(|label| if *label == reader::CellLabel::Latent { None } else { truth(label) })
        .collect();
    if let Some(v) = (0..values.len()).find(|&v| values[v].is_none() && reader.cells[v] != reader::CellLabel::Latent) {
        let path = reader.cells[v].path().unwrap_or_default();
        return Err(format!("{path}: the publisher has no true value for it (a bug: please report it)"));
    }
    let system = &reader.system;
    loop {
        let mut progress = false;
        for r in 0..system.relations() as u32 {
            if system.sense(r) != system::Sense::Equal {
                continue;
            }
            let mut unknown = None;
            let mut rest = 0i64;
            let mut several = false;
            for (v, coefficient) in system.terms(r) {
                match values[v as usize] {
                    Some(value) => rest += i64::from(coefficient) * value,
                    None if unknown.is_none() => unknown = Some((v, i64::from(coefficient))),
                    None => several = true,
                }
            }
            if let (Some((v, coefficient)), false) = (unknown, several) {
                // coefficient * value + rest = 0, with a coefficient of ±1.
                values[v as usize] = Some(-rest * coefficient);
                progress = true;
            }
        }
        if !progress {
            break;
        }
    }
    match values.iter().position(Option::is_none) {
        Some(v) => {
            Err(format!("a latent quantity (unknown {v}) is in no equation that values it (a bug: please report it)"))
        }
        None => Ok(values.into_iter().flatten().collect()),
    }
}

/// The audit (judged, or the proof, with the true values) of every `every`-th hidden count (1:
/// all of them).
fn run(
    audited: &FeedDocument,
    previous: &[FeedDocument],
    options: &AuditOptions,
    knowing: Knowing<'_, '_>,
    every: usize,
) -> (AuditReport, Measures) {
    let started = now();
    let mut reader = Reader::new(audited, &options.roles);
    for earlier in previous {
        reader.add_previous(audited, earlier, &options.roles);
    }
    let reader_seconds = seconds_since(started);
    let minimum = reader.policy.minimum_count;
    let hidden = reader.suppressed();
    let hidden_counts = hidden.len();
    let targets: Vec<system::Var> = hidden.into_iter().step_by(every).collect();
    let mut inconsistencies = Vec::new();
    let truth = match knowing {
        Knowing::Nothing => None,
        Knowing::Judging(truth) | Knowing::Proving(truth) => Some(truth),
    };
    let true_values: Option<Vec<i64>> = match truth.map(|truth| anchor_of(&reader, truth)) {
        None => None,
        Some(Ok(values)) => Some(values),
        Some(Err(message)) => {
            inconsistencies.push(message);
            None
        }
    };
    // The proof fixes a cut neighbourhood's boundary at the true values; judging does not.
    let anchor = match knowing {
        Knowing::Proving(_) => true_values.as_ref(),
        Knowing::Nothing | Knowing::Judging(_) => None,
    };
    let judged = match knowing {
        Knowing::Judging(_) => true_values.as_ref(),
        Knowing::Nothing | Knowing::Proving(_) => None,
    };
    let rule = options.rule.unwrap_or_else(|| ProtectionRule::of(&audited.disclosure));
    let mut cells = Vec::with_capacity(targets.len());
    let mut proof = anchor.map(|_| ProofSummary::default());
    if inconsistencies.is_empty() {
        let audit_one = |solver: &mut solve::Solver, var: system::Var| -> Result<CellAudit, String> {
            let path = reader.cells[var as usize].path().unwrap_or_default();
            let x = anchor.map(|values| values[var as usize]);
            // Without the true value, the public test; judging, the publisher's rule on its true
            // value as well (proving, `proven` applies it).
            let judged_x = judged.map(|values| values[var as usize]);
            let passes = |lo: i64, hi: Option<i64>| match judged_x {
                Some(x) => rule.publisher_passes(x, lo, hi, minimum),
                None => rule.public_passes(lo, hi, minimum),
            };
            match x {
                Some(x) => Ok(proven(solver, &rule, var, x, minimum, path, &|tags: &[u32]| {
                    describe_relations(&reader, tags, 8)
                })),
                None => match solver.observed(var) {
                    Some((lo, hi)) if passes(lo, Some(hi)) => Ok(CellAudit {
                        path,
                        lo,
                        hi: Some(hi),
                        kind: Kind::Inner,
                        undecided: false,
                        passes: true,
                        relations: vec![],
                    }),
                    _ => match solver.interval(var, &passes) {
                        Ok(interval) => {
                            let ok = passes(interval.lo, interval.hi) && !interval.undecided;
                            let relations =
                                if ok { Vec::new() } else { describe_relations(&reader, &interval.relations, 8) };
                            Ok(CellAudit {
                                path,
                                lo: interval.lo,
                                hi: interval.hi,
                                kind: interval.kind,
                                undecided: interval.undecided,
                                passes: ok,
                                relations,
                            })
                        }
                        Err(failure) => Err(format!(
                            "{path}: the relations around it cannot all hold ({})",
                            describe_relations(&reader, &failure.relations, 8).join("; ")
                        )),
                    },
                },
            }
        };
        // The publisher's proof reuses each witness for every later count it moves, so it keeps
        // one chunk (one solver that sees everything); the public audit is shared out.
        let chunk = if anchor.is_some() { targets.len().max(1) } else { options.sharing.chunk };
        let threads = options.sharing.threads.unwrap_or_else(workers);
        let make = || solve::Solver::new(&reader.system, anchor.map(Vec::as_slice), options.solver);
        match in_chunks(&targets, chunk, threads, make, audit_one) {
            Err(message) => inconsistencies.push(message),
            Ok(outcomes) => {
                for (&var, outcome) in targets.iter().zip(outcomes) {
                    match outcome {
                        Ok(cell) => {
                            let x = anchor.map(|values| values[var as usize]);
                            if let (Some(proof), Some(x)) = (proof.as_mut(), x) {
                                if ProtectionRule::sensitive(x, minimum) {
                                    proof.small_counts += 1;
                                    if cell.passes {
                                        proof.proven += 1;
                                        let below = if cell.lo <= 0 { i64::MAX } else { x - cell.lo };
                                        let margin = cell.hi.map_or(below, |hi| below.min(hi - x));
                                        proof.smallest_margin =
                                            Some(proof.smallest_margin.map_or(margin, |m| m.min(margin)));
                                    }
                                }
                            }
                            cells.push(cell);
                        }
                        Err(message) => inconsistencies.push(message),
                    }
                }
            }
        }
    }
    let failures = cells.iter().filter(|cell| !cell.passes).count();
    let smallest_margin = smallest_margin(&cells, minimum);
    let measures = Measures { unknowns: reader.system.vars(), hidden_counts, reader_seconds };
    let report = AuditReport {
        summary: AuditSummary {
            cells_audited: cells.len(),
            relations: reader.system.relations(),
            smallest_margin,
            previous_releases: previous.len(),
            secondary_suppressions: 0,
            failures,
            unproven: cells.iter().filter(|cell| cell.passes && cell.kind == Kind::Outer).count(),
            proof,
        },
        seconds: seconds_since(started),
        cells,
        inconsistencies,
    };
    (report, measures)
}

/// Cells audited per chunk by the public audit: each chunk starts from a solver that has seen no
/// solution yet, so what one cell's programs show never depends on which thread audited the
/// cells before it, and a report is the same on any number of cores.
const CHUNK: usize = 2_048;

/// `audit_one` on every target, in order, by chunks of `chunk` cells shared out between
/// `threads` threads (one on wasm32). Each worker makes one solver with `make` and clears what
/// it has seen before each chunk. `Err`: the solver could not be made.
fn in_chunks<'a, T: Send>(
    targets: &[system::Var],
    chunk: usize,
    threads: usize,
    make: impl Fn() -> Result<solve::Solver<'a>, String> + Sync,
    audit_one: impl Fn(&mut solve::Solver<'a>, system::Var) -> T + Sync,
) -> Result<Vec<T>, String> {
    let chunks: Vec<&[system::Var]> = targets.chunks(chunk.max(1)).collect();
    let outcomes = map_shared(&chunks, threads, make, |solver, chunk| match solver {
        Ok(solver) => {
            solver.forget_seen();
            Ok(chunk.iter().map(|&var| audit_one(solver, var)).collect::<Vec<T>>())
        }
        Err(message) => Err(message.clone()),
    });
    Ok(outcomes.into_iter().collect::<Result<Vec<Vec<T>>, String>>()?.into_iter().flatten().collect())
}

/// `f` on every item, shared out between `threads` threads (one on wasm32), each thread with
/// its own state from `make` (a solver); the results in the items' order whatever the number of
/// threads.
pub(crate) fn map_shared<S, T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    make: impl Fn() -> S + Sync,
    f: impl Fn(&mut S, &T) -> R + Sync,
) -> Vec<R> {
    let threads = if cfg!(target_arch = "wasm32") { 1 } else { threads.min(items.len()) };
    if threads <= 1 {
        let mut state = make();
        return items.iter().map(|item| f(&mut state, item)).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let done: std::sync::Mutex<Vec<Option<R>>> = std::sync::Mutex::new((0..items.len()).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                let mut state = make();
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(item) = items.get(i) else { return };
                    let result = f(&mut state, item);
                    done.lock().unwrap_or_else(std::sync::PoisonError::into_inner)[i] = Some(result);
                }
            });
        }
    });
    done.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner).into_iter().flatten().collect()
}

/// Threads for the audit: the machine's cores (`OUTCOMES_AUDIT_THREADS` overrides, for
/// measuring); one on wasm32.
pub(crate) fn workers() -> usize {
    if cfg!(target_arch = "wasm32") {
        return 1;
    }
    std::env::var("OUTCOMES_AUDIT_THREADS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get))
}

/// The publisher's proof for one hidden figure of true value `x`: values a reader cannot rule
/// out, from whole-number solutions of the full system (the true values, and the witnesses found
/// so far for other figures, which often move this one too); where they do not yet reach
/// max(0, x − p) below or x + p above, a witness for that side (a whole-number change of the
/// figures around it, published ones within their rounding intervals, over 300 then 1,200
/// unknowns). A figure that is not a small count needs no margin: its own true value passes
/// the public test. The interval is inner: the reader's is at least as wide.
fn proven(
    solver: &mut solve::Solver,
    rule: &ProtectionRule,
    var: system::Var,
    x: i64,
    minimum: u32,
    path: String,
    describe: &dyn Fn(&[u32]) -> Vec<String>,
) -> CellAudit {
    if ProtectionRule::sensitive(x, minimum) {
        let p = rule.margin(x);
        for target in [x + p, (x - p).max(0)] {
            let reached = |solver: &solve::Solver| {
                solver.observed(var).is_some_and(|(lo, hi)| if target > x { hi >= target } else { lo <= target })
            };
            for limit in [300, 1_200] {
                if reached(solver) {
                    break;
                }
                // Any unknown may move: hidden and latent ones freely, published ones within
                // their rounding intervals.
                solver.witness_seen(var, target - x, &|_| true, limit);
            }
        }
    }
    let (lo, hi) = solver.observed(var).unwrap_or((x, x));
    let passes = rule.publisher_passes(x, lo, Some(hi), minimum);
    let relations = if passes {
        Vec::new()
    } else {
        // For the report: the relations around it.
        match solver.interval(var, &|_, _| true) {
            Ok(interval) => describe(&interval.relations),
            Err(failure) => describe(&failure.relations),
        }
    };
    CellAudit { path, lo, hi: Some(hi), kind: Kind::Inner, undecided: false, passes, relations }
}

/// Half the width of the narrowest interval of a figure that could be a small count.
fn smallest_margin(cells: &[CellAudit], minimum: u32) -> Option<i64> {
    cells
        .iter()
        .filter(|cell| cell.lo < i64::from(minimum) && cell.hi != Some(0) && !cell.undecided)
        .filter_map(|cell| cell.hi.map(|hi| (hi - cell.lo) / 2))
        .min()
}

fn describe_relations(reader: &Reader, tags: &[u32], most: usize) -> Vec<String> {
    let mut described: Vec<String> = Vec::new();
    for &tag in tags {
        let text = reader.relations[tag as usize].describe();
        if !described.contains(&text) {
            described.push(text);
        }
        if described.len() >= most {
            break;
        }
    }
    described
}

/// Connected components of unknowns linked by relations (a label per unknown).
pub fn components(system: &System) -> Vec<u32> {
    let mut parent: Vec<u32> = (0..system.vars() as u32).collect();
    fn find(parent: &mut [u32], mut x: u32) -> u32 {
        while parent[x as usize] != x {
            parent[x as usize] = parent[parent[x as usize] as usize];
            x = parent[x as usize];
        }
        x
    }
    for r in 0..system.relations() as u32 {
        let mut terms = system.terms(r).map(|(v, _)| v);
        let Some(first) = terms.next() else { continue };
        let root = find(&mut parent, first);
        for v in terms {
            let other = find(&mut parent, v);
            if other != root {
                parent[other as usize] = root;
            }
        }
    }
    (0..system.vars() as u32).map(|v| find(&mut parent, v)).collect()
}

#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn now() -> Option<std::time::Instant> {
    Some(std::time::Instant::now())
}

#[cfg(target_arch = "wasm32")]
pub(crate) fn now() -> Option<()> {
    None
}

#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn seconds_since(started: Option<std::time::Instant>) -> f64 {
    started.map_or(0.0, |s| s.elapsed().as_secs_f64())
}

#[cfg(target_arch = "wasm32")]
pub(crate) fn seconds_since(_: Option<()>) -> f64 {
    0.0
}

#[cfg(test)]
mod sharing {
    use super::{audit, AuditOptions, Sharing};
    use crate::demo::{demo_feed, DemoOptions};

    /// The public audit of one quarter of the demonstration feed, in chunks of 64 hidden counts:
    /// one thread and three give the same report, cell by cell.
    #[test]
    fn the_report_is_the_same_on_any_number_of_threads() {
        let feed = demo_feed(&DemoOptions { seed: 2026, quarters: 1 });
        let report = |threads| {
            let options = AuditOptions { sharing: Sharing { chunk: 64, threads: Some(threads) }, ..Default::default() };
            audit(&feed, &[], &options)
        };
        let (one, three) = (report(1), report(3));
        assert!(one.cells.len() > 3 * 64, "several chunks each: {} hidden counts", one.cells.len());
        assert!(one.inconsistencies.is_empty(), "{:?}", one.inconsistencies);
        assert_eq!(one.summary, three.summary);
        assert_eq!(one.cells, three.cells);
    }
}

#[cfg(test)]
mod sampling {
    use super::{audit, sample, AuditOptions};
    use crate::demo::{demo_feed, DemoOptions};

    /// A sample of every hidden count is the audit; a sample of every third audits every third
    /// count, in order, and measures the whole system.
    #[test]
    fn a_sample_audits_every_nth_hidden_count() {
        let feed = demo_feed(&DemoOptions { seed: 7, quarters: 1 });
        let options = AuditOptions::default();
        let whole = audit(&feed, &[], &options);
        let all = sample(&feed, &options, 1);
        assert_eq!(all.report.cells, whole.cells);
        assert_eq!(all.report.summary, whole.summary);
        assert_eq!(all.hidden_counts, whole.cells.len());
        let third = sample(&feed, &options, 3);
        let paths = |cells: &[super::CellAudit]| cells.iter().map(|c| c.path.clone()).collect::<Vec<_>>();
        let expected: Vec<String> = paths(&whole.cells).into_iter().step_by(3).collect();
        assert!(expected.len() > 10, "{} sampled", expected.len());
        assert_eq!(paths(&third.report.cells), expected);
        assert_eq!(third.hidden_counts, whole.cells.len());
        assert_eq!(third.unknowns, all.unknowns);
        assert!(third.sample_seconds >= 0.0 && third.reader_seconds >= 0.0);
        assert!(third.estimate(2) >= third.reader_seconds);
    }
}

#[cfg(test)]
mod timing {
    /// `cargo test --release -p outcomes-core audit::timing -- --ignored --nocapture`
    #[test]
    #[ignore]
    fn components_of_the_demo_feed() {
        let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../assets/data/feed.json")).unwrap();
        let feed = crate::validate(&bytes).unwrap();
        let t = std::time::Instant::now();
        let reader = super::Reader::new(feed.document(), &super::default_roles());
        println!("vars {} relations {} in {:?}", reader.system.vars(), reader.system.relations(), t.elapsed());
        let component = super::components(&reader.system);
        let mut size = std::collections::HashMap::<u32, usize>::new();
        for &c in &component {
            *size.entry(c).or_default() += 1;
        }
        let mut sizes: Vec<usize> = size.values().copied().collect();
        sizes.sort_unstable();
        println!("components {} largest {:?}", sizes.len(), &sizes[sizes.len().saturating_sub(8)..]);
        let targets = reader.suppressed();
        println!("suppressed {}", targets.len());
        for limit in [60, 150, 400] {
            let mut solver = super::solve::Solver::new(
                &reader.system,
                None,
                super::solve::Options { neighbourhood: limit, ..Default::default() },
            )
            .unwrap();
            let t = std::time::Instant::now();
            let mut kinds = std::collections::HashMap::new();
            for &var in targets.iter().step_by(500) {
                let interval = solver.interval(var, &|_, _| true).unwrap();
                *kinds.entry(format!("{:?}", interval.kind)).or_insert(0) += 1;
            }
            println!("limit {limit}: {} cells in {:?} {:?}", targets.len() / 500, t.elapsed(), kinds);
        }
    }
}
