//! Aligned plain-text tables for people (`stats`, `speakers`, `bench`), laid out by
//! comfy-table: no borders, columns apart by a fixed gap, widths measured in terminal
//! columns (comfy-table measures with unicode-width, so `Sergei Lavrov` and `Владимир Путин`
//! or a CJK name line up alike).
//!
//! Cells are plain text: colour is added by the caller around a laid-out line (the first
//! cell, or a bar after the last), because comfy-table measures escape codes only with its
//! `custom_styling` feature, which brings crossterm and two more crates for that alone.

use comfy_table::{CellAlignment, Table, TableStyle};

/// Where a column's cells sit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// The lines of a table: the header row, then `rows`, each cell aligned as its column in
/// `align`, columns `gap` spaces apart. Lines have no trailing spaces.
pub fn lines(header: &[&str], align: &[Align], rows: &[Vec<String>], gap: u16) -> Vec<String> {
    let mut t = Table::new();
    t.load_style(TableStyle::new());
    t.set_header(header.to_vec());
    for r in rows {
        t.add_row(r.clone());
    }
    let last = header.len().saturating_sub(1);
    for (i, col) in t.column_iter_mut().enumerate() {
        col.set_padding((0, if i == last { 0 } else { gap }));
        col.set_cell_alignment(match align.get(i) {
            Some(Align::Right) => CellAlignment::Right,
            _ => CellAlignment::Left,
        });
    }
    t.lines().map(|l| l.trim_end().to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_align_by_display_width_not_bytes() {
        let rows = vec![
            vec!["Владимир Путин".to_string(), "7".to_string()],
            vec!["習近平".to_string(), "12345".to_string()],
            vec!["Dmitry Peskov".to_string(), "40".to_string()],
        ];
        let out = lines(&["speaker", "n"], &[Align::Left, Align::Right], &rows, 2);
        assert_eq!(out.len(), 4);
        let width = |s: &str| unicode_width::UnicodeWidthStr::width(s);
        // Every line ends at the same column: names padded to the widest, numbers right.
        assert!(out.iter().all(|l| width(l) == width(&out[0])), "{out:#?}");
        assert_eq!(out[0], "speaker             n");
        assert!(out[2].starts_with("習近平  ") && out[2].ends_with("  12345"));
    }
}
