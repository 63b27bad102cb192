//! Caption text that was UTF-8 read as Windows-1252 (`youâ€™re` for `you’re`): repaired
//! where the reading can be undone without guessing, reported where it cannot.
//!
//! The test is exact: a run of characters that Windows-1252 encodes to bytes ≥ 0x80 is
//! turned back into those bytes, and replaced only if the bytes are valid UTF-8 as a whole.
//! One word of real text never passes that test by chance (`naïve` gives a lone 0xEF).
//! Repairs are repeated for text read wrongly twice (`Ã¢â‚¬â„¢`); text that was also
//! lower-cased after the damage (`ã¢â‚¬â€œ`, 1992-10-11.vtt) no longer decodes and is
//! reported.

use std::borrow::Cow;

/// What [`repair`] did to one piece of text.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Report {
    /// Runs repaired.
    pub repaired: usize,
    /// Runs that look like mojibake but do not decode: left as they are.
    pub unrepaired: Vec<String>,
}

/// `text` with every unambiguous mojibake run repaired.
pub(crate) fn repair<'a>(text: &'a str, report: &mut Report) -> Cow<'a, str> {
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    let mut out: Cow<'a, str> = Cow::Borrowed(text);
    // A second and third pass for text read wrongly more than once.
    for _ in 0..3 {
        let (next, repaired) = repair_once(&out, report);
        match next {
            Some(s) if repaired > 0 => {
                report.repaired += repaired;
                out = Cow::Owned(s);
            }
            _ => break,
        }
    }
    out
}

/// One pass: `(Some(new text), runs repaired)` when anything changed; runs that look
/// damaged but fail to decode go to [`Report::unrepaired`] once each.
fn repair_once(text: &str, report: &mut Report) -> (Option<String>, usize) {
    let mut out = String::new();
    let mut copied = 0; // bytes of `text` already in `out`
    let mut repaired = 0;
    let mut bytes = Vec::new();
    let mut iter = text.char_indices().peekable();
    while let Some((start, c)) = iter.next() {
        if cp1252_byte(c).is_none() {
            continue;
        }
        // The maximal run of characters that Windows-1252 maps to high bytes.
        bytes.clear();
        bytes.push(cp1252_byte(c).unwrap_or(0));
        let mut end = start + c.len_utf8();
        while let Some(&(i, d)) = iter.peek() {
            match cp1252_byte(d) {
                Some(b) => {
                    bytes.push(b);
                    end = i + d.len_utf8();
                    iter.next();
                }
                None => break,
            }
        }
        let run = &text[start..end];
        match std::str::from_utf8(&bytes) {
            Ok(decoded) => {
                out.push_str(&text[copied..start]);
                out.push_str(decoded);
                copied = end;
                repaired += 1;
            }
            Err(_) if looks_damaged(&bytes, text[end..].chars().next()) => {
                if !report.unrepaired.iter().any(|r| r == run) {
                    report.unrepaired.push(run.to_string());
                }
            }
            Err(_) => {}
        }
    }
    if repaired == 0 {
        return (None, 0);
    }
    out.push_str(&text[copied..]);
    (Some(out), repaired)
}

/// A run that fails to decode is reported when it starts like a UTF-8 sequence: a lead
/// byte then a continuation byte, three bytes or more (`ã¢â‚¬â€œ`) or the two-byte starts
/// of the usual damage (`Ã`, `Â`, `â€`); or a lone `â` (0xE2, the lead byte of the quotes
/// and dashes) ending a word (`place.â`, 1988-09-25.vtt, whose other bytes were lost).
/// Accented letters of real text (`pâté`, `café’s`) are not.
fn looks_damaged(bytes: &[u8], next: Option<char>) -> bool {
    let lead = |b: u8| (0xc2..=0xf4).contains(&b);
    let cont = |b: u8| (0x80..=0xbf).contains(&b);
    match bytes {
        [a, b, rest @ ..] => {
            lead(*a) && cont(*b) && (!rest.is_empty() || matches!(a, 0xc2 | 0xc3 | 0xe2))
        }
        [0xe2] => !next.is_some_and(char::is_alphanumeric),
        _ => false,
    }
}

/// The Windows-1252 byte ≥ 0x80 that `c` is the reading of (the five bytes Windows-1252
/// leaves undefined read as the C1 controls of the same number, as decoders do).
fn cp1252_byte(c: char) -> Option<u8> {
    let u = c as u32;
    if (0xa0..=0xff).contains(&u) || matches!(u, 0x81 | 0x8d | 0x8f | 0x90 | 0x9d) {
        return Some(u as u8);
    }
    let b = match c {
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8a,
        '‹' => 0x8b,
        'Œ' => 0x8c,
        'Ž' => 0x8e,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9a,
        '›' => 0x9b,
        'œ' => 0x9c,
        'ž' => 0x9e,
        'Ÿ' => 0x9f,
        _ => return None,
    };
    Some(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(s: &str) -> (String, Report) {
        let mut r = Report::default();
        let out = repair(s, &mut r).into_owned();
        (out, r)
    }

    #[test]
    fn apostrophe_and_dash_repaired() {
        // 1992-10-11.vtt: `youâ€™re`; the issue's `â€"` (an en dash read as 1252).
        assert_eq!(fix("youâ€™re a senior").0, "you’re a senior");
        assert_eq!(fix("them â€“ i wish").0, "them – i wish");
        assert_eq!(fix("taxpayerâ€™s and weâ€™re").1.repaired, 2);
    }

    #[test]
    fn read_wrongly_twice_repaired() {
        assert_eq!(fix("youÃ¢â‚¬â„¢re").0, "you’re");
    }

    #[test]
    fn lower_cased_mojibake_reported_not_guessed() {
        // 1992-10-11.vtt line 5340.
        let (out, r) = fix("them ã¢â‚¬â€œ i wish");
        assert_eq!(out, "them ã¢â‚¬â€œ i wish");
        assert_eq!(r.unrepaired, ["ã¢â‚¬â€œ"]);
        // 1988-09-25.vtt: the closing quote lost all but its first byte.
        assert_eq!(fix("some place.â he").1.unrepaired, ["â"]);
    }

    #[test]
    fn real_accents_left_alone_and_not_reported() {
        for s in ["naïve café’s", "pâté", "Müller’s “quote” – dash", "über"] {
            let (out, r) = fix(s);
            assert_eq!(out, s);
            assert_eq!(r, Report::default(), "{s}");
        }
    }
}
