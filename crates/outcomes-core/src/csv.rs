//! Tidy CSV for downloads (RFC 4180): one header row, then one row per observation, with the
//! GSS symbols kept as they are shown (`[c]`, `[z]`, `[x]`). Cells that a spreadsheet would run as
//! a formula are prefixed with an apostrophe, since these files are opened by the public.

/// Writes a CSV document with CRLF line endings.
pub fn to_csv<R, C>(header: &[&str], rows: R) -> String
where
    R: IntoIterator<Item = C>,
    C: IntoIterator<Item = String>,
{
    let mut out = String::new();
    write_row(&mut out, header.iter().map(|h| (*h).to_owned()));
    for row in rows {
        write_row(&mut out, row);
    }
    out
}

fn write_row(out: &mut String, cells: impl IntoIterator<Item = String>) {
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&escape(&cell));
    }
    out.push_str("\r\n");
}

fn escape(cell: &str) -> String {
    let cell = if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) && cell.parse::<f64>().is_err() {
        format!("'{cell}")
    } else {
        cell.to_owned()
    };
    if cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_neutralises_formulas() {
        let csv = to_csv(
            &["area", "count"],
            [
                vec!["King's Hedges, Cambridge".to_owned(), "1,235".to_owned()],
                vec!["=HYPERLINK(\"x\")".to_owned(), "[c]".to_owned()],
                vec!["-3".to_owned(), "0".to_owned()],
            ],
        );
        assert_eq!(
            csv,
            "area,count\r\n\"King's Hedges, Cambridge\",\"1,235\"\r\n\"'=HYPERLINK(\"\"x\"\")\",[c]\r\n-3,0\r\n"
        );
    }
}
