//! The demonstration geography: the six real districts, and the wards and LSOAs listed in
//! `geography.tsv` (names, IMD 2019 deciles and households; each row says whether it is `real`
//! or made up). Ward and LSOA codes are generated here, in a range no real code uses
//! (`E059…` and `E019…`), so a demonstration code can never be mistaken for a real one.

use crate::{District, Geography, Lsoa, NamedArea, Ward};

/// The combined authority area the programme covers.
pub(super) const COUNTY_CODE: &str = "E47000008";
pub(super) const COUNTY_NAME: &str = "Cambridgeshire and Peterborough";

/// The real districts and their real GSS codes, in the order the feed lists them.
pub(super) const DISTRICTS: [(&str, &str); 6] = [
    ("E07000008", "Cambridge"),
    ("E07000009", "East Cambridgeshire"),
    ("E07000010", "Fenland"),
    ("E07000011", "Huntingdonshire"),
    ("E07000012", "South Cambridgeshire"),
    ("E06000031", "Peterborough"),
];

/// Index of Cambridge in [`DISTRICTS`]: it has the bespoke city arrangement, not place plans.
pub(super) const CAMBRIDGE: usize = 0;

const COLUMNS: [&str; 7] = ["district", "ward", "lsoa", "national_decile", "local_decile", "households", "source"];

#[derive(Clone, Debug, PartialEq)]
pub(super) struct DemoLsoa {
    pub(super) code: String,
    pub(super) name: String,
    pub(super) ward: usize,
    pub(super) national_decile: u8,
    pub(super) local_decile: u8,
    pub(super) households: u32,
    /// True when the TSV marks the row `real` (name and deciles as published in IMD 2019).
    pub(super) real: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub(super) struct DemoWard {
    pub(super) code: String,
    pub(super) name: String,
    /// Index into [`DISTRICTS`].
    pub(super) district: usize,
    pub(super) lsoas: Vec<usize>,
    pub(super) households: u32,
    /// Share of the ward's LSOAs in national deciles 1-2 (the most deprived 20% in England).
    pub(super) share_most_deprived: f64,
    pub(super) mean_national_decile: f64,
    /// 0 (least deprived) to 1 (most deprived): drives every rate in the generator.
    pub(super) deprivation: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub(super) struct DemoGeography {
    pub(super) wards: Vec<DemoWard>,
    pub(super) lsoas: Vec<DemoLsoa>,
}

impl DemoGeography {
    /// The geography compiled into the crate. The TSV is part of the source, so a malformed row
    /// is a programming error that the tests catch, not something a user can cause.
    pub(super) fn built_in() -> DemoGeography {
        parse_geography(super::GEOGRAPHY_TSV).unwrap_or_else(|problem| panic!("demo/geography.tsv: {problem}"))
    }

    /// Indices of the wards of one district, in feed order.
    pub(super) fn wards_of(&self, district: usize) -> Vec<usize> {
        (0..self.wards.len()).filter(|&w| self.wards[w].district == district).collect()
    }

    pub(super) fn to_feed(&self) -> Geography {
        Geography {
            county: NamedArea { code: COUNTY_CODE.into(), name: COUNTY_NAME.into() },
            districts: DISTRICTS
                .iter()
                .map(|(code, name)| District { code: (*code).into(), name: (*name).into() })
                .collect(),
            wards: self
                .wards
                .iter()
                .map(|ward| Ward {
                    code: ward.code.clone(),
                    name: ward.name.clone(),
                    district: DISTRICTS[ward.district].0.into(),
                })
                .collect(),
            lsoas: self
                .lsoas
                .iter()
                .map(|lsoa| Lsoa {
                    code: lsoa.code.clone(),
                    name: lsoa.name.clone(),
                    ward: self.wards[lsoa.ward].code.clone(),
                    imd_national_decile: lsoa.national_decile,
                    imd_local_decile: lsoa.local_decile,
                    households: lsoa.households,
                })
                .collect(),
        }
    }
}

/// One data row of the TSV, before wards are numbered.
struct Row<'a> {
    district: usize,
    ward: &'a str,
    lsoa: &'a str,
    national_decile: u8,
    local_decile: u8,
    households: u32,
    real: bool,
}

/// Reads the TSV: `#` comments and blank lines are skipped, the first other line is the header
/// (columns found by name, so their order does not matter), every later line is one LSOA.
pub(super) fn parse_geography(text: &str) -> Result<DemoGeography, String> {
    let mut lines =
        text.lines().enumerate().map(|(i, line)| (i + 1, line.trim_end_matches('\r'))).filter(|(_, line)| {
            let trimmed = line.trim();
            !trimmed.is_empty() && !trimmed.starts_with('#')
        });
    let (_, header) = lines.next().ok_or("no header line")?;
    let positions = column_positions(header)?;
    let mut rows = Vec::new();
    for (number, line) in lines {
        rows.push(parse_row(line, &positions).map_err(|problem| format!("line {number}: {problem}"))?);
    }
    if rows.is_empty() {
        return Err("no data rows".into());
    }
    Ok(number_areas(&rows))
}

fn column_positions(header: &str) -> Result<[usize; 7], String> {
    let names: Vec<String> = header.split('\t').map(|name| name.trim().to_ascii_lowercase()).collect();
    let mut positions = [0; 7];
    for (slot, wanted) in positions.iter_mut().zip(COLUMNS) {
        *slot = names
            .iter()
            .position(|name| name == wanted)
            .ok_or_else(|| format!("the header has no column {wanted:?}"))?;
    }
    Ok(positions)
}

fn parse_row<'a>(line: &'a str, positions: &[usize; 7]) -> Result<Row<'a>, String> {
    let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
    let field = |column: usize| -> Result<&'a str, String> {
        let value = *fields.get(positions[column]).ok_or_else(|| format!("no {} column", COLUMNS[column]))?;
        if value.is_empty() {
            Err(format!("empty {}", COLUMNS[column]))
        } else {
            Ok(value)
        }
    };
    let number = |column: usize| -> Result<u32, String> {
        let text = field(column)?.replace(',', "");
        text.parse().map_err(|_| format!("{} {text:?} is not a whole number", COLUMNS[column]))
    };
    let decile = |column: usize| -> Result<u8, String> {
        let value = number(column)?;
        if (1..=10).contains(&value) {
            Ok(value as u8)
        } else {
            Err(format!("{} {value} is not a decile", COLUMNS[column]))
        }
    };
    let district_text = field(0)?;
    let district = DISTRICTS
        .iter()
        .position(|(code, name)| district_text.eq_ignore_ascii_case(code) || district_text.eq_ignore_ascii_case(name))
        .ok_or_else(|| format!("unknown district {district_text:?}"))?;
    Ok(Row {
        district,
        ward: field(1)?,
        lsoa: field(2)?,
        national_decile: decile(3)?,
        local_decile: decile(4)?,
        households: number(5)?,
        real: field(6)?.eq_ignore_ascii_case("real"),
    })
}

/// Groups rows into wards (district by district, wards in order of first appearance) and gives
/// every ward and LSOA its generated code.
fn number_areas(rows: &[Row]) -> DemoGeography {
    let mut wards: Vec<DemoWard> = Vec::new();
    let mut lsoas = Vec::new();
    for district in 0..DISTRICTS.len() {
        let district_number = district as u32 + 1;
        let mut ward_names: Vec<&str> = Vec::new();
        for row in rows.iter().filter(|row| row.district == district) {
            if !ward_names.contains(&row.ward) {
                ward_names.push(row.ward);
            }
        }
        for (ward_number, ward_name) in ward_names.iter().enumerate() {
            let ward_index = wards.len();
            let mut ward_lsoas = Vec::new();
            for row in rows.iter().filter(|row| row.district == district && row.ward == *ward_name) {
                ward_lsoas.push(lsoas.len());
                lsoas.push(DemoLsoa {
                    code: format!("E01{:06}", 900_000 + district_number * 10_000 + lsoas.len() as u32 + 1),
                    name: row.lsoa.to_owned(),
                    ward: ward_index,
                    national_decile: row.national_decile,
                    local_decile: row.local_decile,
                    households: row.households,
                    real: row.real,
                });
            }
            let code = format!("E05{:06}", 900_000 + district_number * 10_000 + ward_number as u32 + 1);
            wards.push(summarise_ward(code, ward_name, district, ward_lsoas, &lsoas));
        }
    }
    DemoGeography { wards, lsoas }
}

pub(super) fn summarise_ward(
    code: String,
    name: &str,
    district: usize,
    ward_lsoas: Vec<usize>,
    lsoas: &[DemoLsoa],
) -> DemoWard {
    let count = ward_lsoas.len() as f64;
    let households = ward_lsoas.iter().map(|&i| lsoas[i].households).sum();
    let most_deprived = ward_lsoas.iter().filter(|&&i| lsoas[i].national_decile <= 2).count() as f64;
    let mean_national_decile = ward_lsoas.iter().map(|&i| f64::from(lsoas[i].national_decile)).sum::<f64>() / count;
    let share_most_deprived = most_deprived / count;
    // Mostly the mean decile (a smooth gradient), with a push for wards holding pockets of the
    // most deprived LSOAs, which is what the programme's targeting looks for.
    let deprivation = 0.7 * (10.0 - mean_national_decile) / 9.0 + 0.3 * share_most_deprived;
    DemoWard {
        code,
        name: name.to_owned(),
        district,
        lsoas: ward_lsoas,
        households,
        share_most_deprived,
        mean_national_decile,
        deprivation,
    }
}

/// Orders wards from most to least deprived: share of LSOAs in national deciles 1-2 first,
/// then the lower mean decile, then the name (so ties never depend on anything else).
pub(super) fn most_deprived_first(wards: &[DemoWard], a: usize, b: usize) -> std::cmp::Ordering {
    let (x, y) = (&wards[a], &wards[b]);
    y.share_most_deprived
        .total_cmp(&x.share_most_deprived)
        .then(x.mean_national_decile.total_cmp(&y.mean_national_decile))
        .then(x.name.cmp(&y.name))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# comment\n\
        district\tward\tlsoa\tnational_decile\tlocal_decile\thouseholds\tsource\n\
        Fenland\tWaterlees Village\tFenland 002C\t1\t1\t640\treal\n\
        Fenland\tWaterlees Village\tFenland 002D\t1\t1\t610\treal\n\
        E07000010\tBassenhally\tFenland 008A\t8\t7\t700\tgenerated\n\
        Cambridge\tAbbey\tCambridge 006D\t2\t1\t690\treal\n";

    #[test]
    fn parses_rows_into_numbered_wards_and_lsoas() {
        let geography = parse_geography(SAMPLE).unwrap();
        assert_eq!(geography.wards.len(), 3);
        // Districts come in feed order: Cambridge first.
        assert_eq!(geography.wards[0].name, "Abbey");
        assert_eq!(geography.wards[0].code, "E05910001");
        assert_eq!(geography.wards[1].name, "Waterlees Village");
        assert_eq!(geography.wards[1].code, "E05930001");
        assert_eq!(geography.wards[1].households, 1250);
        assert_eq!(geography.wards[1].share_most_deprived, 1.0);
        assert_eq!(geography.lsoas.len(), 4);
        assert!(geography.lsoas.iter().all(|lsoa| lsoa.code.len() == 9 && lsoa.code.starts_with("E019")));
        assert!(!geography.lsoas.iter().find(|l| l.name == "Fenland 008A").unwrap().real);
    }

    #[test]
    fn reports_bad_rows_with_their_line() {
        let bad = SAMPLE.replace("Fenland 002D\t1\t1\t610", "Fenland 002D\t11\t1\t610");
        assert!(parse_geography(&bad).unwrap_err().starts_with("line 4:"));
        assert!(parse_geography("district\tward\n").is_err());
    }

    #[test]
    fn the_built_in_geography_covers_every_district() {
        let geography = DemoGeography::built_in();
        for (district, (_, name)) in DISTRICTS.iter().enumerate() {
            assert!(geography.wards_of(district).len() >= 5, "{name} has too few wards");
        }
    }
}
