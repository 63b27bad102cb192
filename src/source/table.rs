//! The source stage, metadata: a CSV, TSV or XLSX table (issue 17 §1: `Speakers_by_session.xlsx`)
//! read into rows of named string cells, for a later step to join to speech files.
//!
//! Cells come cleaned as spreadsheets need: leading and trailing whitespace trimmed
//! (`Minister for Foreign Affairs ` in the UN sheet) and a line break inside a cell folded
//! to one space (a name typed over two lines). Rows whose cells are all empty are left out.
//! Numbers from XLSX come as written by Rust (`2001`, not `2001.0`). Errors name the file and,
//! where one is to blame, the row (1-based, the header being row 1 of a CSV).

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// A table larger than this is refused: metadata sheets are a few MB.
pub const MAX_TABLE_BYTES: u64 = 256 << 20;

/// A table: the header row's names and the rows under it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    pub path: PathBuf,
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
    /// What was odd but kept (cells under no header), for the ingest report.
    pub notes: Vec<String>,
}

/// One row, its cells in header order (padded with empty cells to the header's length).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Row {
    /// 1-based row number in the file or sheet, for messages.
    pub number: usize,
    pub cells: Vec<String>,
}

impl Table {
    /// The index of the column named `name` (exact, after trimming).
    pub fn column(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == name)
    }

    /// The cell of `row` in column `name`.
    pub fn cell<'a>(&self, row: &'a Row, name: &str) -> Option<&'a str> {
        self.column(name)
            .and_then(|i| row.cells.get(i))
            .map(String::as_str)
    }
}

/// The format, from the file name's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Tsv,
    Xlsx,
}

impl Format {
    pub fn of(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "csv" => Some(Format::Csv),
            "tsv" | "tab" => Some(Format::Tsv),
            "xlsx" | "xlsm" => Some(Format::Xlsx),
            _ => None,
        }
    }
}

/// Read a table, its format told by its extension; for XLSX, the first sheet.
pub fn read_table(path: &Path) -> Result<Table> {
    read_table_sheet(path, None)
}

/// Read a table; `sheet` names an XLSX sheet (the first when `None`).
pub fn read_table_sheet(path: &Path, sheet: Option<&str>) -> Result<Table> {
    let bad = |reason: String| Error::BadInput {
        path: path.to_path_buf(),
        reason,
    };
    let format = Format::of(path)
        .ok_or_else(|| bad("not a table: the name does not end in .csv, .tsv or .xlsx".into()))?;
    let len = std::fs::metadata(path)
        .map_err(|e| Error::io(path, e))?
        .len();
    if len > MAX_TABLE_BYTES {
        return Err(bad(format!(
            "{len} bytes, over the {MAX_TABLE_BYTES}-byte limit for a table"
        )));
    }
    match format {
        Format::Csv | Format::Tsv => {
            let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
            let delimiter = if format == Format::Csv { b',' } else { b'\t' };
            parse_delimited(path, &bytes, delimiter)
        }
        Format::Xlsx => read_xlsx(path, sheet),
    }
}

/// Parse CSV (`delimiter` `b','`) or TSV (`b'\t'`); `path` names it in errors.
pub fn parse_delimited(path: &Path, bytes: &[u8], delimiter: u8) -> Result<Table> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        // TSV as spreadsheets export it: a `"` is just a character.
        .quoting(delimiter != b'\t')
        .from_reader(bytes);
    let mut rows = Vec::new();
    // Row numbers are lines, counted from the record's byte offset (the csv crate's own
    // line count leaves out blank lines).
    let (mut seen, mut line) = (0, 1);
    let mut line_at = |byte: u64| {
        let mut byte = (byte as usize).min(bytes.len());
        // A record's offset may be that of the blank lines skipped before it.
        while matches!(bytes.get(byte), Some(b'\n' | b'\r')) {
            byte += 1;
        }
        line += memchr::memchr_iter(b'\n', &bytes[seen.min(byte)..byte]).count();
        seen = seen.max(byte);
        line
    };
    for record in reader.records() {
        let record = record.map_err(|e| Error::BadInput {
            path: path.to_path_buf(),
            reason: match e.position() {
                Some(p) => match e.kind() {
                    csv::ErrorKind::Utf8 { err, .. } => format!(
                        "row {}: cell {} is not UTF-8; save the table as UTF-8",
                        line_at(p.byte()),
                        err.field() + 1
                    ),
                    _ => format!("row {}: {e}", line_at(p.byte())),
                },
                None => e.to_string(),
            },
        })?;
        let number = record
            .position()
            .map_or(rows.len() + 1, |p| line_at(p.byte()));
        rows.push((number, record.iter().map(clean).collect::<Vec<_>>()));
    }
    build(path, rows)
}

fn read_xlsx(path: &Path, sheet: Option<&str>) -> Result<Table> {
    use calamine::Reader;
    let bad = |reason: String| Error::BadInput {
        path: path.to_path_buf(),
        reason,
    };
    let mut wb: calamine::Xlsx<_> =
        calamine::open_workbook(path).map_err(|e| bad(format!("not a readable XLSX: {e}")))?;
    let range = match sheet {
        Some(name) => wb
            .worksheet_range(name)
            .map_err(|e| bad(format!("sheet {name:?}: {e}")))?,
        None => wb
            .worksheet_range_at(0)
            .ok_or_else(|| bad("the workbook has no sheet".into()))?
            .map_err(|e| bad(format!("first sheet: {e}")))?,
    };
    let first_row = range.start().map_or(0, |(r, _)| r as usize);
    let rows = range
        .rows()
        .enumerate()
        .map(|(i, r)| {
            (
                first_row + i + 1,
                r.iter().map(|c| clean(&c.to_string())).collect(),
            )
        })
        .collect();
    build(path, rows)
}

/// The first non-empty row is the header; rows of empty cells are dropped. Cells beyond
/// the header are kept under made-up names (`column 7`) and said in [`Table::notes`].
fn build(path: &Path, rows: Vec<(usize, Vec<String>)>) -> Result<Table> {
    let mut rows = rows
        .into_iter()
        .filter(|(_, cells)| cells.iter().any(|c| !c.is_empty()));
    let Some((_, mut headers)) = rows.next() else {
        return Err(Error::BadInput {
            path: path.to_path_buf(),
            reason: "no header row: the table is empty".into(),
        });
    };
    while headers.last().is_some_and(String::is_empty) {
        headers.pop();
    }
    let named = headers.len();
    let mut stray = Vec::new();
    let mut out: Vec<Row> = Vec::new();
    for (number, mut cells) in rows {
        let used = cells
            .iter()
            .rposition(|c| !c.is_empty())
            .map_or(0, |i| i + 1);
        if used > named {
            stray.push(number);
            while headers.len() < used {
                headers.push(format!("column {}", headers.len() + 1));
            }
        }
        cells.truncate(used.max(named));
        out.push(Row { number, cells });
    }
    for r in &mut out {
        r.cells.resize(headers.len(), String::new());
    }
    let mut notes = Vec::new();
    if !stray.is_empty() {
        let shown: Vec<String> = stray.iter().take(5).map(usize::to_string).collect();
        notes.push(format!(
            "{}: {} row{} with cells beyond the {named} named columns (row {}{}), kept as {}",
            path.display(),
            stray.len(),
            if stray.len() == 1 { "" } else { "s" },
            shown.join(", "),
            if stray.len() > 5 { ", …" } else { "" },
            headers[named..].join(", ")
        ));
    }
    Ok(Table {
        path: path.to_path_buf(),
        headers,
        rows: out,
        notes,
    })
}

/// A cell as the metadata should hold it: trimmed, line breaks (and the spaces around
/// them) folded to one space.
pub fn clean(cell: &str) -> String {
    let cell = cell.trim();
    if !cell.contains(['\n', '\r']) {
        return cell.to_string();
    }
    cell.split(['\n', '\r'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csv(text: &str) -> Table {
        parse_delimited(Path::new("t.csv"), text.as_bytes(), b',').unwrap()
    }

    #[test]
    fn csv_rows_by_header_name() {
        let t = csv("Year,ISO Code,Name of Person Speaking\n2009,USA,Mr. Barack Obama\n");
        assert_eq!(t.headers, ["Year", "ISO Code", "Name of Person Speaking"]);
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.cell(&t.rows[0], "ISO Code"), Some("USA"));
        assert_eq!(t.rows[0].number, 2);
        assert_eq!(t.cell(&t.rows[0], "Post"), None);
    }

    #[test]
    fn trailing_spaces_trimmed_and_newline_in_cell_folded() {
        let t = csv("Name,Post\n\"Joseph R.\r\n  Biden, Jr\",\"Minister for Foregn Affairs \"\n");
        assert_eq!(
            t.rows[0].cells,
            ["Joseph R. Biden, Jr", "Minister for Foregn Affairs"]
        );
    }

    #[test]
    fn tsv_with_bom_and_quotes_as_characters() {
        let t = parse_delimited(
            Path::new("m.tsv"),
            "\u{feff}ID\tSpeaker_name\nu1\t\"Bulj\", Miro\n".as_bytes(),
            b'\t',
        )
        .unwrap();
        assert_eq!(t.headers, ["ID", "Speaker_name"]);
        assert_eq!(t.rows[0].cells, ["u1", "\"Bulj\", Miro"]);
    }

    #[test]
    fn short_rows_padded_empty_rows_dropped() {
        let t = csv("A,B,C\n1,2\n,,\n\n4,5,6\n");
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].cells, ["1", "2", ""]);
        assert_eq!(t.rows[1].number, 5);
    }

    #[test]
    fn errors_name_file_and_row() {
        let e = parse_delimited(Path::new("s.csv"), b"Name\nObama\n\nS\xe3o Tom\xe9\n", b',')
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "s.csv: row 4: cell 1 is not UTF-8; save the table as UTF-8"
        );
        let e = parse_delimited(Path::new("e.csv"), b"\n,\n", b',').unwrap_err();
        assert_eq!(e.to_string(), "e.csv: no header row: the table is empty");
    }

    // Speakers_by_session.xlsx row 10878: a note in column G, which has no header.
    #[test]
    fn cells_beyond_the_header_are_kept_and_noted() {
        let t = csv("A,B\n1,2\n3,4,see resolution 41\n");
        assert_eq!(t.headers, ["A", "B", "column 3"]);
        assert_eq!(t.rows[0].cells, ["1", "2", ""]);
        assert_eq!(t.cell(&t.rows[1], "column 3"), Some("see resolution 41"));
        assert_eq!(
            t.notes,
            ["t.csv: 1 row with cells beyond the 2 named columns (row 3), kept as column 3"]
        );
    }

    #[test]
    fn format_from_extension_and_bad_files() {
        assert_eq!(Format::of(Path::new("a/Speakers.XLSX")), Some(Format::Xlsx));
        assert_eq!(Format::of(Path::new("m.tsv")), Some(Format::Tsv));
        assert_eq!(Format::of(Path::new("notes.txt")), None);
        let dir = tempfile::tempdir().unwrap();
        let fake = dir.path().join("fake.xlsx");
        std::fs::write(&fake, "not a zip").unwrap();
        let e = read_table(&fake).unwrap_err().to_string();
        assert!(e.contains("fake.xlsx: not a readable XLSX"), "{e}");
        let latin1 = dir.path().join("l.csv");
        std::fs::write(&latin1, b"Name\nS\xe3o Tom\xe9\n").unwrap();
        let e = read_table(&latin1).unwrap_err().to_string();
        assert!(e.contains("l.csv: row 2: cell 1 is not UTF-8"), "{e}");
    }

    #[test]
    #[ignore = "needs ../shared/corpus"]
    fn un_speakers_sheet() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/corpus/un-debates/Speakers_by_session.xlsx");
        let bytes = std::fs::metadata(&path).unwrap().len();
        let t0 = std::time::Instant::now();
        let t = read_table(&path).unwrap();
        let secs = t0.elapsed().as_secs_f64();
        println!("table: headers {:?}; notes {:?}", t.headers, t.notes);
        println!(
            "table: {} rows; {:.2} MB in {secs:.2} s: {:.1} MB/s",
            t.rows.len(),
            bytes as f64 / 1e6,
            bytes as f64 / 1e6 / secs
        );
        for h in [
            "Year",
            "Session",
            "ISO Code",
            "Country",
            "Name of Person Speaking",
            "Post",
        ] {
            assert!(t.column(h).is_some(), "no column {h}: {:?}", t.headers);
        }
        let obama: Vec<_> = t
            .rows
            .iter()
            .filter(|r| t.cell(r, "ISO Code") == Some("USA") && t.cell(r, "Year") == Some("2009"))
            .collect();
        assert_eq!(obama.len(), 1);
        assert!(t
            .cell(obama[0], "Name of Person Speaking")
            .unwrap()
            .contains("Obama"));
        // Cleaned: no cell has a line break or surrounding spaces.
        assert!(t
            .rows
            .iter()
            .flat_map(|r| &r.cells)
            .all(|c| !c.contains('\n') && c.trim() == c));
    }
}
