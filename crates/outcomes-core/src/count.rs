//! A published count: a number, or the GSS symbol `[c]` for a value withheld for confidentiality.
//!
//! A suppressed cell is a value in its own right, not a missing one: it is never read as zero,
//! never added into a total, and anything derived from it is itself withheld.

use serde::{de, Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// The GSS table symbol for a confidential (suppressed) value.
pub const SUPPRESSED_SYMBOL: &str = "[c]";

/// The largest count the feed may carry. Counts of residents are far smaller; this bound keeps
/// every count exact in JavaScript numbers and in `f64` (2^53) with a wide margin.
pub const MAX_COUNT: u64 = 100_000_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Count {
    /// A published value (zero, or a rounded value at or above the disclosure minimum).
    Value(u32),
    /// Withheld for confidentiality; shown as `[c]`.
    Suppressed,
}

impl Count {
    pub fn value(self) -> Option<u32> {
        match self {
            Count::Value(v) => Some(v),
            Count::Suppressed => None,
        }
    }

    pub fn is_suppressed(self) -> bool {
        matches!(self, Count::Suppressed)
    }
}

impl fmt::Display for Count {
    /// Formats with thousands separators, as UK statistical tables do: `1,234` or `[c]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Count::Value(v) => f.write_str(&crate::format::thousands(*v)),
            Count::Suppressed => f.write_str(SUPPRESSED_SYMBOL),
        }
    }
}

impl Serialize for Count {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Count::Value(v) => serializer.serialize_u32(*v),
            Count::Suppressed => serializer.serialize_str(SUPPRESSED_SYMBOL),
        }
    }
}

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CountVisitor;
        impl de::Visitor<'_> for CountVisitor {
            type Value = Count;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(f, "a whole number from 0 to {MAX_COUNT}, or \"{SUPPRESSED_SYMBOL}\" for a suppressed value")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Count, E> {
                if v > MAX_COUNT {
                    return Err(E::invalid_value(de::Unexpected::Unsigned(v), &self));
                }
                Ok(Count::Value(v as u32))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Count, E> {
                if v < 0 {
                    return Err(E::invalid_value(de::Unexpected::Signed(v), &self));
                }
                self.visit_u64(v as u64)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Count, E> {
                Err(E::invalid_value(de::Unexpected::Float(v), &self))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Count, E> {
                if v == SUPPRESSED_SYMBOL {
                    Ok(Count::Suppressed)
                } else {
                    Err(E::invalid_value(de::Unexpected::Str(v), &self))
                }
            }
        }
        deserializer.deserialize_any(CountVisitor)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Count {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Count".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A published count: a whole number, or \"[c]\" where the value is suppressed for confidentiality.",
            "oneOf": [
                { "type": "integer", "minimum": 0, "maximum": MAX_COUNT },
                { "const": SUPPRESSED_SYMBOL }
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_numbers_and_the_suppression_symbol() {
        let counts: Vec<Count> = serde_json::from_str(r#"[0, 15, "[c]"]"#).unwrap();
        assert_eq!(counts, vec![Count::Value(0), Count::Value(15), Count::Suppressed]);
        assert_eq!(serde_json::to_string(&counts).unwrap(), r#"[0,15,"[c]"]"#);
    }

    #[test]
    fn refuses_negative_fractional_huge_and_other_strings() {
        for bad in ["-1", "1.5", "1e30", "100000001", "\"c\"", "\"\"", "null", "true"] {
            assert!(serde_json::from_str::<Count>(bad).is_err(), "{bad} was accepted");
        }
    }

    #[test]
    fn displays_like_a_statistical_table() {
        assert_eq!(Count::Value(1234567).to_string(), "1,234,567");
        assert_eq!(Count::Suppressed.to_string(), "[c]");
    }
}
