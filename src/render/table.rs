//! Aligned plain-text tables for people (`stats`, `speakers`, `bench`), laid out by
//! comfy-table: no borders, columns apart by a fixed gap, widths measured in terminal
//! columns (comfy-table measures with unicode-width, so `Sergei Lavrov` and `Владимир Путин`
//! or a CJK name line up alike).
//!
//! Cells are plain text: colour is added by the caller around a laid-out line (the first
//! cell, or a bar after the last), because comfy-table measures escape codes only with its
//! `custom_styling` feature, which brings crossterm and two more crates for that alone.

use comfy_table::{CellAlignment, ColumnConstraint, Table, TableStyle, Width};
use unicode_width::UnicodeWidthChar;

/// Where a column's cells sit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// The lines of a table: the header row, then `rows`, each cell aligned as its column in
/// `align`, columns `gap` spaces apart. Lines have no trailing spaces.
pub fn lines(header: &[&str], align: &[Align], rows: &[Vec<String>], gap: u16) -> Vec<String> {
    lines_capped(header, align, rows, gap, &[])
}

/// [`lines`], with columns `(index, width)` at most `width` terminal columns wide: a longer
/// cell wraps at spaces onto the next lines of its row, the other cells of those lines empty.
pub fn lines_capped(
    header: &[&str],
    align: &[Align],
    rows: &[Vec<String>],
    gap: u16,
    caps: &[(usize, u16)],
) -> Vec<String> {
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
    for &(i, width) in caps {
        if let Some(col) = t.column_mut(i) {
            let pad = col.padding_width();
            col.set_constraint(ColumnConstraint::UpperBoundary(Width::Fixed(width + pad)));
        }
    }
    t.lines().map(|l| l.trim_end().to_string()).collect()
}

/// `line` split after its first `columns` terminal columns (the whole line if shorter), to
/// colour the first cell of a laid-out line.
pub fn split_at_width(line: &str, columns: usize) -> (&str, &str) {
    let mut width = 0;
    for (i, c) in line.char_indices() {
        width += c.width().unwrap_or(0);
        if width > columns {
            return line.split_at(i);
        }
    }
    (line, "")
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
        assert_eq!(split_at_width(&out[2], 14), ("習近平        ", "  12345"));
    }

    #[test]
    fn a_capped_column_wraps_its_long_cells_and_keeps_every_word() {
        let long =
            "Winner of the Presidential Prize in Science and Innovation for Young Scientists";
        let rows = vec![
            vec![long.to_string(), "1".to_string()],
            vec!["Vladimir Putin".to_string(), "25996".to_string()],
        ];
        let out = lines_capped(
            &["speaker", "n"],
            &[Align::Left, Align::Right],
            &rows,
            2,
            &[(0, 40)],
        );
        let width = |s: &str| unicode_width::UnicodeWidthStr::width(s);
        let names: Vec<&str> = out[1..]
            .iter()
            .map(|l| split_at_width(l, 40).0.trim_end())
            .collect();
        assert!(
            out.iter().all(|l| width(split_at_width(l, 40).0) <= 40),
            "{out:#?}"
        );
        assert_eq!(names[..names.len() - 1].join(" "), long, "{out:#?}");
        assert!(
            out.last().unwrap().starts_with("Vladimir Putin ")
                && out.last().unwrap().ends_with("25996")
        );
    }
}
