//! A streaming reader of RFC 4180 CSV: one record at a time into buffers that are reused, so
//! memory does not grow with the file. A record may span lines inside quotes; none may be longer
//! than [`MAX_RECORD_BYTES`] (the rest of it is skipped and the record reported). Fields are
//! trimmed of surrounding spaces. A UTF-8 byte order mark at the start (as Excel writes) is skipped.

use std::io::{self, BufRead};

/// The longest record read. Journey rows are under 200 bytes; a longer one is a broken export.
pub const MAX_RECORD_BYTES: usize = 64 * 1024;

/// Why a record could not be split into fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Broken {
    pub code: &'static str,
    pub message: String,
}

pub struct CsvReader<R> {
    reader: R,
    /// Physical line number of the next line to be read (the first line is 1).
    next_line: u64,
    raw: Vec<u8>,
    text: String,
    ends: Vec<usize>,
    at_start: bool,
}

impl<R: BufRead> CsvReader<R> {
    pub fn new(reader: R) -> CsvReader<R> {
        CsvReader { reader, next_line: 1, raw: Vec::new(), text: String::new(), ends: Vec::new(), at_start: true }
    }

    /// The next record and the line it starts on; `None` at the end of the input. When the
    /// record is `Ok`, its fields are available from [`CsvReader::field`] until the next call.
    pub fn next_record(&mut self) -> io::Result<Option<(u64, Result<(), Broken>)>> {
        self.raw.clear();
        self.text.clear();
        self.ends.clear();
        let line = self.next_line;
        let (consumed, mut too_long) = self.read_line()?;
        if consumed == 0 {
            return Ok(None);
        }
        self.next_line += 1;
        // A quote left open continues the record on the next line.
        while !too_long && self.raw.iter().filter(|&&b| b == b'"').count() % 2 == 1 {
            let (more, long) = self.read_line()?;
            if more == 0 {
                break;
            }
            self.next_line += 1;
            too_long = long;
        }
        if too_long {
            return Ok(Some((
                line,
                Err(Broken {
                    code: "too-long",
                    message: format!("the row is longer than {MAX_RECORD_BYTES} bytes (expected a short row)"),
                }),
            )));
        }
        let mut bytes: &[u8] = &self.raw;
        if std::mem::take(&mut self.at_start) {
            bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        }
        let bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
        let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
        let Ok(record) = std::str::from_utf8(bytes) else {
            return Ok(Some((
                line,
                Err(Broken { code: "not-utf8", message: "the row is not UTF-8 text (expected UTF-8)".into() }),
            )));
        };
        if record.trim().is_empty() {
            return Ok(Some((line, Err(Broken { code: "blank-line", message: "the row is blank".into() }))));
        }
        let result = split(record, &mut self.text, &mut self.ends);
        Ok(Some((line, result)))
    }

    /// Reads one physical line (with its newline) onto `raw`, keeping at most
    /// `MAX_RECORD_BYTES` in all. Returns the bytes consumed and whether any were dropped.
    fn read_line(&mut self) -> io::Result<(usize, bool)> {
        let mut consumed = 0;
        let mut dropped = false;
        loop {
            let buffer = match self.reader.fill_buf() {
                Ok(buffer) => buffer,
                Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
                Err(error) => return Err(error),
            };
            if buffer.is_empty() {
                break;
            }
            let (length, found) = match buffer.iter().position(|&b| b == b'\n') {
                Some(position) => (position + 1, true),
                None => (buffer.len(), false),
            };
            let room = MAX_RECORD_BYTES.saturating_sub(self.raw.len());
            let kept = room.min(length);
            self.raw.extend_from_slice(&buffer[..kept]);
            dropped |= kept < length;
            self.reader.consume(length);
            consumed += length;
            if found {
                break;
            }
        }
        Ok((consumed, dropped))
    }

    /// How many fields the current record has.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Field `index` of the current record, trimmed; empty when there is no such field.
    pub fn field(&self, index: usize) -> &str {
        if index >= self.ends.len() {
            return "";
        }
        let start = if index == 0 { 0 } else { self.ends[index - 1] };
        self.text[start..self.ends[index]].trim()
    }
}

/// Splits one record into `text` (the fields' contents, one after another) and `ends`.
fn split(record: &str, text: &mut String, ends: &mut Vec<usize>) -> Result<(), Broken> {
    let bytes = record.as_bytes();
    let mut i = 0;
    loop {
        if bytes.get(i) == Some(&b'"') {
            i += 1;
            loop {
                let Some(offset) = bytes[i..].iter().position(|&b| b == b'"') else {
                    return Err(Broken {
                        code: "malformed",
                        message: "a quoted field is not closed (expected a closing \")".into(),
                    });
                };
                let quote = i + offset;
                text.push_str(&record[i..quote]);
                if bytes.get(quote + 1) == Some(&b'"') {
                    text.push('"');
                    i = quote + 2;
                } else {
                    i = quote + 1;
                    break;
                }
            }
            // Spaces after a closing quote are tolerated; anything else is not.
            while bytes.get(i) == Some(&b' ') {
                i += 1;
            }
            if i < bytes.len() && bytes[i] != b',' {
                return Err(Broken {
                    code: "malformed",
                    message: "text after a closing quote (expected a comma or the end of the row)".into(),
                });
            }
        } else {
            let end = bytes[i..].iter().position(|&b| b == b',').map_or(bytes.len(), |offset| i + offset);
            text.push_str(&record[i..end]);
            i = end;
        }
        ends.push(text.len());
        if i >= bytes.len() {
            return Ok(());
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(input: &[u8]) -> Vec<(u64, Result<Vec<String>, &'static str>)> {
        let mut reader = CsvReader::new(input);
        let mut out = Vec::new();
        while let Some((line, result)) = reader.next_record().unwrap() {
            out.push((
                line,
                result.map(|()| (0..reader.len()).map(|i| reader.field(i).to_owned()).collect()).map_err(|b| b.code),
            ));
        }
        out
    }

    #[test]
    fn reads_rfc_4180_records_with_quotes_and_line_numbers() {
        let input = b"\xEF\xBB\xBFid,name\r\n1,\"Smith, J\"\r\n2,\"say \"\"hi\"\"\"\n3,\"two\nlines\"\n4, padded ,\n";
        let got = records(input);
        let fields = |v: &[&str]| Ok(v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>());
        assert_eq!(got[0], (1, fields(&["id", "name"])));
        assert_eq!(got[1], (2, fields(&["1", "Smith, J"])));
        assert_eq!(got[2], (3, fields(&["2", "say \"hi\""])));
        assert_eq!(got[3], (4, fields(&["3", "two\nlines"])));
        assert_eq!(got[4], (6, fields(&["4", "padded", ""])));
        assert_eq!(got.len(), 5);
    }

    #[test]
    fn reports_broken_rows_and_carries_on() {
        let mut input = b"a,b\n\n\"open,x\nx\"y,z\n\xFF,1\n".to_vec();
        input.extend(std::iter::repeat_n(b'x', MAX_RECORD_BYTES + 10));
        input.extend(b"\nlast,1");
        let got = records(&input);
        let codes: Vec<(u64, Result<usize, &str>)> =
            got.iter().map(|(l, r)| (*l, r.as_ref().map(Vec::len).map_err(|e| *e))).collect();
        assert_eq!(
            codes,
            vec![
                (1, Ok(2)),
                (2, Err("blank-line")),
                (3, Err("malformed")),
                (5, Err("not-utf8")),
                (6, Err("too-long")),
                (7, Ok(2))
            ]
        );
    }
}
