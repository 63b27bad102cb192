//! Passages: the parts of a paragraph around its highlights, trimmed at word
//! boundaries to a width, with `…` where the text is cut.

use super::Span;

/// A piece of a paragraph to print, with the spans inside it (byte offsets of the
/// paragraph text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fragment {
    pub from: usize,
    pub to: usize,
    /// Text was cut before / after this fragment.
    pub cut_before: bool,
    pub cut_after: bool,
}

/// Fragments of about `width` characters around the spans; the whole text when it fits
/// or when `width` is 0. Spans far apart get fragments of their own.
pub fn fragments(text: &str, spans: &[Span], width: usize) -> Vec<Fragment> {
    let whole = || {
        vec![Fragment {
            from: 0,
            to: text.len(),
            cut_before: false,
            cut_after: false,
        }]
    };
    if width == 0 || text.chars().count() <= width || spans.is_empty() {
        if spans.is_empty() && width > 0 && text.chars().count() > width {
            let to = word_end(text, byte_at(text, 0, width));
            return vec![Fragment {
                from: 0,
                to,
                cut_before: false,
                cut_after: to < text.len(),
            }];
        }
        return whole();
    }
    let mut out: Vec<Fragment> = Vec::new();
    for s in spans {
        if let Some(last) = out.last_mut() {
            if s.to <= last.to {
                continue;
            }
            // Close enough to widen the previous fragment.
            if text[last.from..s.to].chars().count() <= width {
                last.to = word_end(text, s.to.max(last.to));
                continue;
            }
        }
        let span_chars = text[s.from..s.to].chars().count();
        let room = width.saturating_sub(span_chars);
        let before = room / 3;
        let from = word_start(text, back(text, s.from, before));
        let to = word_end(text, byte_at(text, s.to, room - before));
        out.push(Fragment {
            from,
            to,
            cut_before: false,
            cut_after: false,
        });
    }
    for f in &mut out {
        f.cut_before = f.from > 0;
        f.cut_after = f.to < text.len();
    }
    out
}

/// The byte offset `n` characters after `from` (or the end).
fn byte_at(text: &str, from: usize, n: usize) -> usize {
    text[from..]
        .char_indices()
        .nth(n)
        .map_or(text.len(), |(i, _)| from + i)
}

/// The byte offset `n` characters before `to` (or 0).
fn back(text: &str, to: usize, n: usize) -> usize {
    if n == 0 {
        return to;
    }
    text[..to]
        .char_indices()
        .rev()
        .nth(n - 1)
        .map_or(0, |(i, _)| i)
}

/// Move `at` back to the start of the word it is in.
fn word_start(text: &str, at: usize) -> usize {
    if at == 0 {
        return 0;
    }
    match text[..at].rfind(char::is_whitespace) {
        Some(i) => i + text[i..].chars().next().map_or(1, char::len_utf8),
        None => 0,
    }
}

/// Move `at` forward to the end of the word it is in.
fn word_end(text: &str, at: usize) -> usize {
    if at >= text.len() {
        return text.len();
    }
    match text[at..].find(char::is_whitespace) {
        Some(i) => at + i,
        None => text.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(text: &str, spans: &[Span], width: usize) -> Vec<String> {
        fragments(text, spans, width)
            .iter()
            .map(|f| {
                format!(
                    "{}{}{}",
                    if f.cut_before { "…" } else { "" },
                    &text[f.from..f.to],
                    if f.cut_after { "…" } else { "" }
                )
            })
            .collect()
    }

    fn span_of(text: &str, word: &str) -> Span {
        let from = text.find(word).unwrap();
        Span {
            from,
            to: from + word.len(),
        }
    }

    #[test]
    fn short_text_is_whole() {
        let t = "Hello there refugees.";
        assert_eq!(show(t, &[span_of(t, "refugees")], 100), vec![t]);
    }

    #[test]
    fn far_apart_matches_get_two_fragments_cut_at_words() {
        let t = format!("alpha {} omega", "word ".repeat(60));
        let f = show(&t, &[span_of(&t, "alpha"), span_of(&t, "omega")], 30);
        assert_eq!(f.len(), 2);
        assert!(f[0].starts_with("alpha") && f[0].ends_with('…'));
        assert!(f[1].starts_with('…') && f[1].ends_with("omega"));
        for frag in &f {
            assert!(!frag.contains("wor…") && !frag.contains("…ord"), "{frag}");
        }
    }

    #[test]
    fn width_zero_is_whole_paragraph() {
        let t = "x ".repeat(500);
        assert_eq!(fragments(&t, &[Span { from: 0, to: 1 }], 0).len(), 1);
    }

    #[test]
    fn multibyte_text_is_safe() {
        let t = "Syria’s — «refugees» ".repeat(30);
        let s = span_of(&t, "refugees");
        assert!(!show(&t, &[s], 20).is_empty());
    }
}
