//! Deterministic noise for the demonstration feed. No `rand`: a feed must come out byte for byte
//! the same for a seed on every platform and in every future build, so the generator is written
//! here (SplitMix64) and only uses exact arithmetic (+, -, *, /) on what it returns.

/// One step of SplitMix64 (Steele, Lea and Flood 2014): a fast, well-mixed 64-bit hash.
pub(super) fn splitmix64(state: u64) -> u64 {
    let mut z = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// FNV-1a of a label, so noise streams can be named in words rather than magic numbers.
fn label_hash(label: &str) -> u64 {
    label.bytes().fold(0xCBF2_9CE4_8422_2325, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01B3))
}

/// Maps 64 random bits to a float in [0, 1) using the top 53 bits (exact in `f64`).
fn to_unit(bits: u64) -> f64 {
    (bits >> 11) as f64 / (1u64 << 53) as f64
}

/// Keyed noise: each value depends only on the seed, a label and a key (ward, quarter, cohort...),
/// never on the order in which the generator asks. Adding a new figure therefore does not shift
/// every figure after it, and tables can be built in any order.
#[derive(Clone, Copy, Debug)]
pub(super) struct Noise {
    seed: u64,
}

impl Noise {
    pub(super) fn new(seed: u64) -> Noise {
        Noise { seed }
    }

    fn bits(&self, label: &str, key: &[u64]) -> u64 {
        let mut state = splitmix64(self.seed ^ label_hash(label));
        for part in key {
            state = splitmix64(state ^ splitmix64(*part));
        }
        state
    }

    /// A uniform value in [0, 1).
    pub(super) fn unit(&self, label: &str, key: &[u64]) -> f64 {
        to_unit(self.bits(label, key))
    }

    /// A multiplier around 1: uniform in [1 - spread, 1 + spread).
    pub(super) fn factor(&self, label: &str, key: &[u64], spread: f64) -> f64 {
        1.0 + spread * (2.0 * self.unit(label, key) - 1.0)
    }

    /// A uniform value in [low, high).
    pub(super) fn between(&self, label: &str, key: &[u64], low: f64, high: f64) -> f64 {
        low + (high - low) * self.unit(label, key)
    }

    /// Rounds `expected` up or down at random, in proportion to its fraction, so that small
    /// expected counts (2.4 people) become whole people without always rounding the same way.
    /// Never more than `expected.ceil()`, so a share of a count never exceeds the count.
    pub(super) fn whole(&self, label: &str, key: &[u64], expected: f64) -> u32 {
        let floor = expected.max(0.0).floor();
        let fraction = expected.max(0.0) - floor;
        let up = self.unit(label, key) < fraction;
        floor as u32 + u32::from(up)
    }

    /// A sequential generator for choices (which priorities, which actions), seeded by a key.
    pub(super) fn sequence(&self, label: &str, key: &[u64]) -> Sequence {
        Sequence { state: self.bits(label, key) }
    }
}

/// A small sequential generator for making several related choices in turn.
#[derive(Clone, Debug)]
pub(super) struct Sequence {
    state: u64,
}

impl Sequence {
    pub(super) fn next_bits(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        splitmix64(self.state)
    }

    pub(super) fn unit(&mut self) -> f64 {
        to_unit(self.next_bits())
    }

    /// A whole number in `low..=high`.
    pub(super) fn inclusive(&mut self, low: u32, high: u32) -> u32 {
        let span = u64::from(high - low) + 1;
        low + (self.next_bits() % span) as u32
    }

    /// `count` distinct indices from `0..len`, in the order drawn.
    pub(super) fn distinct_indices(&mut self, len: usize, count: usize) -> Vec<usize> {
        let mut pool: Vec<usize> = (0..len).collect();
        let mut drawn = Vec::with_capacity(count.min(len));
        while drawn.len() < count && !pool.is_empty() {
            let position = (self.next_bits() % pool.len() as u64) as usize;
            drawn.push(pool.remove(position));
        }
        drawn
    }
}

/// Splits `total` into whole parts proportional to `weights`, adding up exactly to `total`
/// (largest remainder method; ties go to the earlier part, so the result is deterministic).
pub(super) fn split_whole(total: u32, weights: &[f64]) -> Vec<u32> {
    let sum: f64 = weights.iter().map(|w| w.max(0.0)).sum();
    if weights.is_empty() || sum <= 0.0 {
        return vec![0; weights.len()];
    }
    let exact: Vec<f64> = weights.iter().map(|w| f64::from(total) * w.max(0.0) / sum).collect();
    let mut parts: Vec<u32> = exact.iter().map(|x| x.floor() as u32).collect();
    let mut left = total.saturating_sub(parts.iter().sum::<u32>());
    let mut order: Vec<usize> = (0..weights.len()).filter(|&i| weights[i] > 0.0).collect();
    order.sort_by(|&a, &b| (exact[b] - exact[b].floor()).total_cmp(&(exact[a] - exact[a].floor())).then(a.cmp(&b)));
    for index in order.iter().cycle() {
        if left == 0 {
            break;
        }
        parts[*index] += 1;
        left -= 1;
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn noise_is_keyed_and_repeatable() {
        let noise = Noise::new(7);
        assert_eq!(noise.unit("a", &[1, 2]), noise.unit("a", &[1, 2]));
        assert_ne!(noise.unit("a", &[1, 2]), noise.unit("a", &[2, 1]));
        assert_ne!(noise.unit("a", &[1, 2]), noise.unit("b", &[1, 2]));
        assert_ne!(Noise::new(8).unit("a", &[1, 2]), noise.unit("a", &[1, 2]));
        let value = noise.unit("a", &[3]);
        assert!((0.0..1.0).contains(&value));
    }

    #[test]
    fn whole_rounding_stays_within_the_expected_value() {
        let noise = Noise::new(1);
        for i in 0..200 {
            let rounded = noise.whole("w", &[i], 4.3);
            assert!(rounded == 4 || rounded == 5);
        }
        assert_eq!(noise.whole("w", &[0], 7.0), 7);
        assert_eq!(noise.whole("w", &[0], -1.0), 0);
    }

    #[test]
    fn split_whole_adds_up_exactly_and_respects_zero_weights() {
        let parts = split_whole(101, &[0.5, 0.25, 0.0, 0.25]);
        assert_eq!(parts.iter().sum::<u32>(), 101);
        assert_eq!(parts[2], 0);
        assert_eq!(split_whole(0, &[1.0, 2.0]), vec![0, 0]);
        assert_eq!(split_whole(5, &[0.0, 0.0]), vec![0, 0]);
    }

    #[test]
    fn distinct_indices_are_distinct_and_in_range() {
        let mut sequence = Noise::new(3).sequence("s", &[]);
        let drawn = sequence.distinct_indices(10, 4);
        assert_eq!(drawn.len(), 4);
        let mut sorted = drawn.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), 4);
        assert!(drawn.iter().all(|&i| i < 10));
    }
}
