//! Number formatting shared by the app, the CLI and CSV output, so every surface shows a figure
//! the same way.

/// `1234567` -> `"1,234,567"`.
pub fn thousands(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// A proportion (0..=1) as a percentage with one decimal place: `0.4567` -> `"45.7%"`.
pub fn percent(proportion: f64) -> String {
    format!("{:.1}%", proportion * 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(100_000_000), "100,000,000");
    }

    #[test]
    fn formats_percentages_to_one_place() {
        assert_eq!(percent(0.4567), "45.7%");
        assert_eq!(percent(1.0), "100.0%");
        assert_eq!(percent(0.0), "0.0%");
    }
}
