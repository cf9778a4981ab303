//! Number formatting shared by the app, the CLI and CSV output, so every surface shows a figure
//! the same way.

/// A whole number that [`thousands`] groups: counts are `usize`, figures in the feed `u32` or
/// `u64`, so no caller casts.
pub trait Whole: Copy {
    fn to_u64(self) -> u64;
}

impl Whole for u64 {
    fn to_u64(self) -> u64 {
        self
    }
}

impl Whole for u32 {
    fn to_u64(self) -> u64 {
        u64::from(self)
    }
}

impl Whole for usize {
    /// `usize` is at most 64 bits on every target Rust builds for, so this never truncates.
    fn to_u64(self) -> u64 {
        self as u64
    }
}

/// `1234567` -> `"1,234,567"`.
pub fn thousands(value: impl Whole) -> String {
    let digits = value.to_u64().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// Rounds half away from zero to `places` decimals, so that every surface (and an independent
/// check in JavaScript: `Math.sign(x) * Math.round(Math.abs(x) * 10 ** p) / 10 ** p`, or
/// `toFixed`) shows the same digits, whatever the formatter does with exact ties: Rust's
/// `{:.1}` rounds 81.25 to "81.2", the usual convention for published statistics is "81.3".
pub fn round_to(value: f64, places: i32) -> f64 {
    let factor = 10f64.powi(places);
    (value.abs() * factor).round().copysign(value) / factor
}

/// A proportion (0..=1) as a percentage with one decimal place, ties away from zero:
/// `0.4567` -> `"45.7%"`, `65 / 80` -> `"81.3%"`.
pub fn percent(proportion: f64) -> String {
    format!("{:.1}%", round_to(proportion * 100.0, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands() {
        assert_eq!(thousands(0u64), "0");
        assert_eq!(thousands(999u64), "999");
        assert_eq!(thousands(1000u64), "1,000");
        assert_eq!(thousands(100_000_000u64), "100,000,000");
        assert_eq!(thousands(7_000usize), "7,000");
        assert_eq!(thousands(u32::MAX), "4,294,967,295");
    }

    #[test]
    fn formats_percentages_to_one_place() {
        assert_eq!(percent(0.4567), "45.7%");
        assert_eq!(percent(1.0), "100.0%");
        assert_eq!(percent(0.0), "0.0%");
        // An exact tie (65 of 80 is 81.25%) rounds up, as in published tables; `{:.1}` alone
        // would give 81.2%.
        assert_eq!(percent(65.0 / 80.0), "81.3%");
        assert_eq!(percent(1.0 / 8.0), "12.5%");
        assert_eq!(percent(1.0 / 16.0), "6.3%");
    }
}
