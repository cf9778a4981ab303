//! Reporting periods. UK public bodies report by financial year (1 April to 31 March), so a
//! quarter `2025-Q3` is the third quarter of financial year 2025-26: October to December 2025.
//! Q1 = Apr-Jun, Q2 = Jul-Sep, Q3 = Oct-Dec, Q4 = Jan-Mar (of the following calendar year).

use serde::{de, Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A financial-year quarter. Ordered by time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    /// The calendar year in which the financial year starts (2025 for 2025-26).
    pub year: u16,
    /// 1..=4.
    pub quarter: u8,
}

impl Quarter {
    pub fn new(year: u16, quarter: u8) -> Option<Quarter> {
        ((2000..=2100).contains(&year) && (1..=4).contains(&quarter)).then_some(Quarter { year, quarter })
    }

    pub fn financial_year(self) -> FinancialYear {
        FinancialYear { start_year: self.year }
    }

    pub fn next(self) -> Quarter {
        if self.quarter == 4 {
            Quarter { year: self.year + 1, quarter: 1 }
        } else {
            Quarter { year: self.year, quarter: self.quarter + 1 }
        }
    }

    pub fn previous(self) -> Quarter {
        if self.quarter == 1 {
            Quarter { year: self.year - 1, quarter: 4 }
        } else {
            Quarter { year: self.year, quarter: self.quarter - 1 }
        }
    }

    /// The same quarter a year earlier.
    pub fn year_earlier(self) -> Quarter {
        Quarter { year: self.year - 1, quarter: self.quarter }
    }

    /// Words for a reader: `Oct to Dec 2025 (2025-26 Q3)`.
    pub fn label(self) -> String {
        let (months, calendar_year) = match self.quarter {
            1 => ("Apr to Jun", self.year),
            2 => ("Jul to Sep", self.year),
            3 => ("Oct to Dec", self.year),
            _ => ("Jan to Mar", self.year + 1),
        };
        format!("{months} {calendar_year} ({} Q{})", self.financial_year(), self.quarter)
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-Q{}", self.year, self.quarter)
    }
}

impl FromStr for Quarter {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("\"{s}\" is not a quarter (expected YYYY-Qn, such as 2025-Q3)");
        let (year, quarter) = s.split_once("-Q").ok_or_else(bad)?;
        if year.len() != 4 || quarter.len() != 1 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let year: u16 = year.parse().map_err(|_| bad())?;
        let quarter: u8 = quarter.parse().map_err(|_| bad())?;
        Quarter::new(year, quarter).ok_or_else(bad)
    }
}

impl Serialize for Quarter {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Quarter {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(de::Error::custom)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Quarter {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Quarter".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A financial-year quarter, YYYY-Qn: 2025-Q1 is April to June 2025, 2025-Q4 is January to March 2026.",
            "type": "string",
            "pattern": "^20[0-9]{2}-Q[1-4]$"
        })
    }
}

/// A financial year, 1 April to 31 March, written `2025-26`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FinancialYear {
    pub start_year: u16,
}

impl FinancialYear {
    pub fn quarters(self) -> [Quarter; 4] {
        [1, 2, 3, 4].map(|quarter| Quarter { year: self.start_year, quarter })
    }
}

impl fmt::Display for FinancialYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{:02}", self.start_year, (self.start_year + 1) % 100)
    }
}

impl FromStr for FinancialYear {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("\"{s}\" is not a financial year (expected YYYY-YY, such as 2025-26)");
        let (start, end) = s.split_once('-').ok_or_else(bad)?;
        if start.len() != 4 || end.len() != 2 {
            return Err(bad());
        }
        let start_year: u16 = start.parse().map_err(|_| bad())?;
        let end: u16 = end.parse().map_err(|_| bad())?;
        if !(2000..=2100).contains(&start_year) || (start_year + 1) % 100 != end {
            return Err(bad());
        }
        Ok(FinancialYear { start_year })
    }
}

impl FinancialYear {
    /// Words for a reader: `April 2025 to March 2026 (2025-26)`.
    pub fn label(self) -> String {
        format!("April {} to March {} ({self})", self.start_year, self.start_year + 1)
    }
}

/// The period a published row covers: one quarter, or a whole financial year published in its
/// own right (people are counted once in a year, so a year is never the sum of its quarters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Period {
    Quarter(Quarter),
    Year(FinancialYear),
}

impl Period {
    pub fn label(self) -> String {
        match self {
            Period::Quarter(quarter) => quarter.label(),
            Period::Year(year) => year.label(),
        }
    }

    pub fn quarter(self) -> Option<Quarter> {
        match self {
            Period::Quarter(quarter) => Some(quarter),
            Period::Year(_) => None,
        }
    }
}

impl From<Quarter> for Period {
    fn from(quarter: Quarter) -> Period {
        Period::Quarter(quarter)
    }
}

impl From<FinancialYear> for Period {
    fn from(year: FinancialYear) -> Period {
        Period::Year(year)
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Quarter(quarter) => quarter.fmt(f),
            Period::Year(year) => year.fmt(f),
        }
    }
}

impl FromStr for Period {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.contains("-Q") {
            s.parse().map(Period::Quarter)
        } else {
            s.parse().map(Period::Year).map_err(|_| {
                format!(
                    "\"{s}\" is not a period (expected a quarter such as 2025-Q3 or a financial year such as 2025-26)"
                )
            })
        }
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(de::Error::custom)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Period {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Period".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A financial-year quarter (YYYY-Qn, e.g. 2025-Q3 = October to December 2025) or a whole financial year (YYYY-YY, e.g. 2025-26 = April 2025 to March 2026), published in its own right.",
            "type": "string",
            "pattern": "^20[0-9]{2}-(Q[1-4]|[0-9]{2})$"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_quarters() {
        let q: Quarter = "2025-Q3".parse().unwrap();
        assert_eq!(q, Quarter { year: 2025, quarter: 3 });
        assert_eq!(q.to_string(), "2025-Q3");
        assert_eq!(q.label(), "Oct to Dec 2025 (2025-26 Q3)");
        assert_eq!("2025-Q4".parse::<Quarter>().unwrap().label(), "Jan to Mar 2026 (2025-26 Q4)");
    }

    #[test]
    fn rejects_malformed_quarters() {
        for bad in ["2025-Q5", "2025-Q0", "25-Q1", "2025Q1", "2025-q1", "+025-Q1", "2025-Q11", "", "1999-Q1"] {
            assert!(bad.parse::<Quarter>().is_err(), "{bad} was accepted");
        }
    }

    #[test]
    fn steps_across_financial_years() {
        let q4: Quarter = "2024-Q4".parse().unwrap();
        assert_eq!(q4.next().to_string(), "2025-Q1");
        assert_eq!(q4.next().previous(), q4);
        assert_eq!(q4.year_earlier().to_string(), "2023-Q4");
        assert!(q4 < q4.next());
    }

    #[test]
    fn periods_are_quarters_or_financial_years() {
        assert_eq!("2025-Q3".parse::<Period>().unwrap(), Period::Quarter(Quarter { year: 2025, quarter: 3 }));
        assert_eq!("2025-26".parse::<Period>().unwrap(), Period::Year(FinancialYear { start_year: 2025 }));
        assert_eq!("2025-26".parse::<Period>().unwrap().label(), "April 2025 to March 2026 (2025-26)");
        for bad in ["2025-27", "2025", "2025-Q9", "Q3", ""] {
            assert!(bad.parse::<Period>().is_err(), "{bad} was accepted");
        }
        let json = serde_json::to_string(&Period::Year(FinancialYear { start_year: 2024 })).unwrap();
        assert_eq!(json, "\"2024-25\"");
    }

    #[test]
    fn financial_years_round_trip() {
        let fy: FinancialYear = "2025-26".parse().unwrap();
        assert_eq!(fy.to_string(), "2025-26");
        assert_eq!(fy.quarters()[3].to_string(), "2025-Q4");
        assert!("2025-27".parse::<FinancialYear>().is_err());
        assert_eq!("2099-00".parse::<FinancialYear>().unwrap().to_string(), "2099-00");
    }
}
