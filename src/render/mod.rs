//! The render stage (after `hits`, before `cmd`): hits and transcripts → what is printed. Text
//! for people (`text.rs`, coloured on a terminal, its tables laid out by comfy-table in
//! `table.rs`); JSON Lines (`json.rs`, the wire types) and CSV (`csv.rs`) for programs; charts
//! (`svg/`, drawn by plotters). Everything here writes to a `Write` so that a closed pipe
//! surfaces as an error the binary can treat as a normal end.

pub mod csv;
pub mod facets;
pub mod json;
pub mod svg;
pub mod table;
pub mod text;

/// Whether to colour, after `--color` and `NO_COLOR` are weighed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Color {
    On,
    Off,
}

/// How to show hits as text.
#[derive(Debug, Clone, Copy)]
pub struct TextStyle {
    pub color: Color,
    /// Passage width in characters (0: whole paragraph).
    pub width: usize,
    /// Mark matches `**like this**` when not coloured (`--plain`: no marks, for pasting).
    pub marks: bool,
}

/// Character offsets of byte `spans` in `text`, for JSON output.
pub fn char_offsets(text: &str, spans: &[crate::hits::Span]) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(spans.len());
    let mut chars = 0;
    let mut byte = 0;
    let mut count_to = |target: usize| {
        chars += text[byte..target].chars().count();
        byte = target;
        chars
    };
    for s in spans {
        let a = count_to(s.from);
        let b = count_to(s.to);
        out.push((a, b));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hits::Span;

    #[test]
    fn offsets_count_characters_not_bytes() {
        let t = "Syria’s refugees — refugees";
        let a = t.find("refugees").unwrap();
        let b = t.rfind("refugees").unwrap();
        let spans = [Span { from: a, to: a + 8 }, Span { from: b, to: b + 8 }];
        assert_eq!(char_offsets(t, &spans), vec![(8, 16), (19, 27)]);
    }
}
