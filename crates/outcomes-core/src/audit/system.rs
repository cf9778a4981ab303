//! A system of linear relations over whole-number unknowns, as a reader of a release holds it:
//! every unknown has a box `[lo, hi]` (what its published form says: a rounding interval, or
//! "at least 0" for a suppressed or latent quantity), and every relation is
//! `sum(coefficient * unknown) = 0` or `<= 0`.
//!
//! The system is deliberately dumb: it knows nothing of feeds or tables. The reader's relations
//! are built by [`super::reader`] (from a published feed) and [`super::attacker`] (from the
//! publisher's `CellSystem`); [`super::solve`] bounds unknowns by linear programming.

/// An unknown of a [`System`], by position.
pub type Var = u32;

/// Whether a relation says "= 0" or "<= 0".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sense {
    Equal,
    AtMost,
}

/// Unknowns with their boxes, and linear relations between them. Each relation carries a `tag`
/// (the caller's own number, for naming it in a report).
#[derive(Clone, Debug, Default)]
pub struct System {
    lo: Vec<i64>,
    /// `None`: no upper bound is known.
    hi: Vec<Option<i64>>,
    starts: Vec<u32>,
    terms: Vec<Var>,
    coefficients: Vec<i8>,
    senses: Vec<Sense>,
    tags: Vec<u32>,
}

impl System {
    pub fn new() -> System {
        System { starts: vec![0], ..System::default() }
    }

    /// A new unknown in `[lo, hi]` (`hi = None`: unbounded above).
    pub fn var(&mut self, lo: i64, hi: Option<i64>) -> Var {
        self.lo.push(lo);
        self.hi.push(hi);
        (self.lo.len() - 1) as Var
    }

    /// `sum(coefficient * var) (= or <=) 0`. A relation with fewer than two terms says no more
    /// than the boxes do, and is dropped.
    pub fn relate(&mut self, terms: &[(Var, i8)], sense: Sense, tag: u32) {
        if terms.len() < 2 {
            return;
        }
        for &(var, coefficient) in terms {
            self.terms.push(var);
            self.coefficients.push(coefficient);
        }
        self.starts.push(self.terms.len() as u32);
        self.senses.push(sense);
        self.tags.push(tag);
    }

    /// `total` is the sum of `parts`.
    pub fn sum(&mut self, total: Var, parts: &[Var], tag: u32) {
        let mut terms = Vec::with_capacity(parts.len() + 1);
        terms.push((total, 1));
        terms.extend(parts.iter().map(|&part| (part, -1)));
        self.relate(&terms, Sense::Equal, tag);
    }

    /// `smaller <= larger`.
    pub fn at_most(&mut self, smaller: Var, larger: Var, tag: u32) {
        self.relate(&[(smaller, 1), (larger, -1)], Sense::AtMost, tag);
    }

    pub fn vars(&self) -> usize {
        self.lo.len()
    }

    pub fn relations(&self) -> usize {
        self.senses.len()
    }

    pub fn bounds(&self, var: Var) -> (i64, Option<i64>) {
        (self.lo[var as usize], self.hi[var as usize])
    }

    pub fn set_bounds(&mut self, var: Var, lo: i64, hi: Option<i64>) {
        self.lo[var as usize] = lo;
        self.hi[var as usize] = hi;
    }

    pub fn terms(&self, relation: u32) -> impl Iterator<Item = (Var, i8)> + '_ {
        let range = self.starts[relation as usize] as usize..self.starts[relation as usize + 1] as usize;
        self.terms[range.clone()].iter().copied().zip(self.coefficients[range].iter().copied())
    }

    /// How many terms `relation` has.
    pub fn len_of(&self, relation: u32) -> usize {
        (self.starts[relation as usize + 1] - self.starts[relation as usize]) as usize
    }

    pub fn sense(&self, relation: u32) -> Sense {
        self.senses[relation as usize]
    }

    pub fn tag(&self, relation: u32) -> u32 {
        self.tags[relation as usize]
    }

    /// For each unknown, the relations it appears in.
    pub fn incidence(&self) -> Incidence {
        let vars = self.vars();
        let mut starts = vec![0u32; vars + 1];
        for &var in &self.terms {
            starts[var as usize + 1] += 1;
        }
        for i in 0..vars {
            starts[i + 1] += starts[i];
        }
        let mut fill = starts.clone();
        let mut relations = vec![0u32; self.terms.len()];
        let mut coefficients = vec![0i8; self.terms.len()];
        for r in 0..self.relations() {
            for (var, coefficient) in self.terms(r as u32) {
                relations[fill[var as usize] as usize] = r as u32;
                coefficients[fill[var as usize] as usize] = coefficient;
                fill[var as usize] += 1;
            }
        }
        Incidence { starts, relations, coefficients }
    }

    /// Whether `values` satisfies every box and relation (a check on a claimed solution).
    pub fn satisfied_by(&self, values: &[i64]) -> bool {
        if values.len() != self.vars() {
            return false;
        }
        let boxes = values.iter().enumerate().all(|(i, &v)| v >= self.lo[i] && self.hi[i].is_none_or(|hi| v <= hi));
        boxes
            && (0..self.relations() as u32).all(|r| {
                let total: i64 = self.terms(r).map(|(var, c)| i64::from(c) * values[var as usize]).sum();
                match self.sense(r) {
                    Sense::Equal => total == 0,
                    Sense::AtMost => total <= 0,
                }
            })
    }
}

/// Unknown -> relations, in compressed rows.
pub struct Incidence {
    starts: Vec<u32>,
    relations: Vec<u32>,
    /// The unknown's coefficient in each of its relations.
    coefficients: Vec<i8>,
}

impl Incidence {
    pub fn of(&self, var: Var) -> &[u32] {
        &self.relations[self.starts[var as usize] as usize..self.starts[var as usize + 1] as usize]
    }

    /// The relations of `var`, each with its coefficient there.
    pub fn with_coefficients(&self, var: Var) -> impl Iterator<Item = (u32, i8)> + '_ {
        let range = self.starts[var as usize] as usize..self.starts[var as usize + 1] as usize;
        self.relations[range.clone()].iter().copied().zip(self.coefficients[range].iter().copied())
    }
}

/// The box of a sum of terms `coefficient * unknown`: every value between its ends is reached
/// (and every whole one, when the coefficients are ±1 and the boxes whole). An end is without
/// limit while `open` counts a term without one there.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SumBox {
    lo: i64,
    lo_open: u32,
    hi: i64,
    hi_open: u32,
}

impl SumBox {
    /// Adds (`sign` 1) or takes out (`sign` -1) the term `coefficient * var`.
    pub fn add(&mut self, system: &System, var: Var, coefficient: i8, sign: i64) {
        let (l, h) = system.bounds(var);
        let c = i64::from(coefficient);
        let (lo, hi) = if c > 0 { (Some(c * l), h.map(|h| c * h)) } else { (h.map(|h| c * h), Some(c * l)) };
        match lo {
            Some(lo) => self.lo += sign * lo,
            None => self.lo_open = self.lo_open.wrapping_add_signed(sign as i32),
        }
        match hi {
            Some(hi) => self.hi += sign * hi,
            None => self.hi_open = self.hi_open.wrapping_add_signed(sign as i32),
        }
    }

    /// The ends (`None`: without limit).
    pub fn ends(&self) -> (Option<i64>, Option<i64>) {
        ((self.lo_open == 0).then_some(self.lo), (self.hi_open == 0).then_some(self.hi))
    }
}
