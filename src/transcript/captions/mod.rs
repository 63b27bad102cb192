//! The transcript stage, for captions: WebVTT and SRT files → cues and timed words, and
//! the two ways they become timed paragraphs (issue 16 §2).
//!
//! - Alone, captions are a transcript without speakers: [`paragraphs_by_pauses`] groups
//!   their words into paragraphs at pauses and sentence ends, each with a start and an end.
//! - Beside a transcript of the same recording (`NAME.said` + `NAME.vtt`), the captions are
//!   not text to index but a clock: [`align::align`] matches the transcript's words to the
//!   caption words and gives each paragraph the time its first word was spoken and its
//!   last, or no time where the captions' times cannot be trusted.
//!
//! Word-level timestamps (`word<00:00:03.439><c> evening</c>`) are read into
//! [`TimedWord`]s and never become part of a cue's text.

pub mod align;
pub(crate) mod mojibake;
mod normalize;
mod pauses;
pub mod srt;
pub mod vtt;

#[cfg(test)]
mod corpus_check;

pub use align::{align, AlignStats, Alignment, Span};
pub use pauses::{
    paragraphs_by_pauses, TimedParagraph, MAX_WORDS, PAUSE_SECONDS, SENTENCE_MIN_WORDS,
};

/// One caption cue: what is shown from `start` to `end` (seconds), tags removed.
#[derive(Debug, Clone, PartialEq)]
pub struct Cue {
    pub start: f64,
    pub end: f64,
    /// The words this cue adds, tags and inline timestamps removed. A rolling caption's
    /// line that repeats the previous cue is not repeated here.
    pub text: String,
}

/// One spoken word and when: `start` from its inline timestamp (the cue's start for a
/// cue's first word), `end` the next word's start or the cue's end.
#[derive(Debug, Clone, PartialEq)]
pub struct TimedWord {
    pub start: f64,
    pub end: f64,
    pub text: String,
}

/// A caption file, read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Captions {
    pub cues: Vec<Cue>,
    /// Every word once, in order (empty for SRT, which has no word timing:
    /// see [`words_from_cues`]).
    pub words: Vec<TimedWord>,
    /// What the reader repaired or could not (mojibake, unreadable timings), with line
    /// numbers, for the ingest report.
    pub warnings: Vec<String>,
}

/// Why a caption file could not be read at all. Anything less (a bad cue, mojibake)
/// is a warning in [`Captions::warnings`] and the rest is read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CaptionError {
    #[error("not a WebVTT file: the first line is not `WEBVTT`")]
    NotWebVtt,
    #[error("no cues: not one `start --> end` timing line")]
    NoCues,
}

/// The end of a caption reader: no cue with a timing line is an error; repaired mojibake is
/// said once, as a warning.
fn finish(
    mut out: Captions,
    seen_timing: bool,
    report: &mojibake::Report,
) -> Result<Captions, CaptionError> {
    if !seen_timing {
        return Err(CaptionError::NoCues);
    }
    if report.repaired > 0 {
        out.warnings.push(format!(
            "{} mojibake sequence(s) repaired (UTF-8 read as Windows-1252)",
            report.repaired
        ));
    }
    Ok(out)
}

/// Words with times estimated from cues without word timing (SRT): each cue's time shared
/// evenly among its words. Good enough to align a transcript to, at a cue's precision.
pub fn words_from_cues(cues: &[Cue]) -> Vec<TimedWord> {
    let mut out = Vec::new();
    for cue in cues {
        spread(cue.start, cue.end, cue.text.split_whitespace(), &mut out);
    }
    out
}

/// Push `words` with starts spread evenly over `start..end`, each ending where the next starts.
pub(crate) fn spread<'a>(
    start: f64,
    end: f64,
    words: impl Iterator<Item = &'a str> + Clone,
    out: &mut Vec<TimedWord>,
) {
    let n = words.clone().count();
    if n == 0 {
        return;
    }
    let step = (end - start).max(0.0) / n as f64;
    for (k, w) in words.enumerate() {
        let s = start + step * k as f64;
        out.push(TimedWord {
            start: s,
            end: if k + 1 == n { end.max(s) } else { s + step },
            text: w.to_string(),
        });
    }
}

/// `HH:MM:SS.mmm` or `MM:SS.mmm` (`,` also accepted before the milliseconds, as in SRT)
/// → seconds. `None` for anything else.
pub(crate) fn parse_timestamp(s: &str) -> Option<f64> {
    // The common shape, `HH:MM:SS.mmm` (every inline timestamp of a YouTube file), by bytes.
    if let &[h1, h2, b':', m1, m2, b':', s1, s2, b'.', f1, f2, f3] = s.as_bytes() {
        let d = [h1, h2, m1, m2, s1, s2, f1, f2, f3];
        if d.iter().all(u8::is_ascii_digit) && m1 < b'6' && s1 < b'6' {
            let n = |i: usize| u32::from(d[i] - b'0');
            let secs = (n(0) * 10 + n(1)) * 3600 + (n(2) * 10 + n(3)) * 60 + n(4) * 10 + n(5);
            let millis = n(6) * 100 + n(7) * 10 + n(8);
            return Some(f64::from(secs) + f64::from(millis) / 1000.0);
        }
    }
    let s = s.trim();
    let (hms, frac) = match s.rfind(['.', ',']) {
        Some(p) => (&s[..p], &s[p + 1..]),
        None => (s, ""),
    };
    let mut parts = [0u64; 3];
    let mut n = 0;
    for part in hms.split(':') {
        if n == 3 || part.is_empty() || part.len() > 3 || !part.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        parts[n] = part.parse().ok()?;
        n += 1;
    }
    if n < 2 || !frac.bytes().all(|b| b.is_ascii_digit()) || frac.len() > 9 {
        return None;
    }
    let (h, m, sec) = if n == 3 {
        (parts[0], parts[1], parts[2])
    } else {
        (0, parts[0], parts[1])
    };
    if m > 59 || sec > 59 {
        return None;
    }
    let frac = if frac.is_empty() {
        0.0
    } else {
        frac.parse::<u64>().ok()? as f64 / 10f64.powi(frac.len() as i32)
    };
    Some((h * 3600 + m * 60 + sec) as f64 + frac)
}

/// A `start --> end` timing line (settings after the end are ignored).
pub(crate) fn parse_timing(line: &str) -> Option<(f64, f64)> {
    let (a, b) = line.split_once("-->")?;
    let b = b.split_whitespace().next()?;
    let (start, end) = (parse_timestamp(a)?, parse_timestamp(b)?);
    Some((start, end.max(start)))
}

/// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&nbsp;`, `&#N;`, `&#xN;` decoded (`&lrm;`,
/// `&rlm;` dropped); any other `&` kept as it is.
pub(crate) fn decode_entities(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('&') {
        return s.into();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let b = rest.as_bytes();
        let semi = b[..b.len().min(12)].iter().position(|&c| c == b';');
        match semi.and_then(|e| entity(&rest[1..e]).map(|c| (c, e))) {
            Some((c, e)) => {
                out.extend(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out.into()
}

/// The character an entity name stands for: `Some(None)` for the invisible direction marks.
fn entity(name: &str) -> Option<Option<char>> {
    Some(Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "lrm" | "rlm" => return Some(None),
        _ => {
            let n = match name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => name.strip_prefix('#')?.parse().ok()?,
            };
            char::from_u32(n)?
        }
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_with_and_without_hours() {
        assert_eq!(parse_timestamp("00:00:03.439"), Some(3.439));
        assert_eq!(parse_timestamp("01:02:03.5"), Some(3723.5));
        assert_eq!(parse_timestamp("02:03.250"), Some(123.25));
        assert_eq!(parse_timestamp("00:00:01,000"), Some(1.0));
        assert_eq!(parse_timestamp("00:61:00.000"), None);
        assert_eq!(parse_timestamp("00:00:60.000"), None);
        assert_eq!(parse_timestamp("10:20:30.405"), Some(37230.405));
        assert_eq!(parse_timestamp("c"), None);
        assert_eq!(parse_timestamp("1.5"), None);
    }

    #[test]
    fn timing_line_with_settings() {
        assert_eq!(
            parse_timing("00:00:01.520 --> 00:00:04.220 align:start position:0%"),
            Some((1.52, 4.22))
        );
        assert_eq!(parse_timing("00:00:01.520 -> 00:00:04.220"), None);
    }

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities("a &amp; b &lt;c&gt; &#39;d&#x27; &nbsp;e & f&lrm;"),
            "a & b <c> 'd'  e & f"
        );
        assert_eq!(decode_entities("AT&T;"), "AT&T;");
    }

    #[test]
    fn srt_words_spread_over_the_cue() {
        let cues = [Cue {
            start: 10.0,
            end: 12.0,
            text: "one two three four".into(),
        }];
        let w = words_from_cues(&cues);
        assert_eq!(
            w.iter().map(|w| w.start).collect::<Vec<_>>(),
            [10.0, 10.5, 11.0, 11.5]
        );
        assert_eq!(w[3].end, 12.0);
    }
}
