//! The WebVTT reader: cues, and every spoken word once with its time.
//!
//! What YouTube's caption files hold (and `../shared/corpus/us-debates/*.vtt`):
//! - inline timestamps, `good<00:00:02.520><c> evening</c>`: a timestamp is the start of
//!   the word after it, and a cue's first word starts at the cue's start;
//! - cue lines with a word and no timestamp, and a closing tag without its opening
//!   (`you</c>`, 2020-09-29.vtt): the words are spread over the cue;
//! - rolling captions: each cue shows the previous cue's line again above its own, without
//!   timestamps, and a 10 ms cue in between shows it alone. A line without timestamps that
//!   repeats a line of the previous cue, next to timed lines, is that repeat and is skipped:
//!   no word twice;
//! - mojibake (`youâ€™re`), repaired or reported (see `mojibake.rs`).
//!
//! Cue settings, styles, notes, regions and voice spans are skipped.

use std::borrow::Cow;

use super::finish;
use super::mojibake::{self, Report};
use super::{decode_entities, parse_timing, spread, CaptionError, Captions, Cue};

/// Read a WebVTT file.
pub fn parse_vtt(text: &str) -> Result<Captions, CaptionError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let first = lines.next().unwrap_or("");
    if !first.starts_with("WEBVTT") || first[6..].starts_with(|c: char| !c.is_whitespace()) {
        return Err(CaptionError::NotWebVtt);
    }
    let mut out = Captions::default();
    let mut report = Report::default();
    let mut reader = CueReader::default();
    let mut line_no = 1;
    // The header runs to the first blank line.
    for line in lines.by_ref() {
        line_no += 1;
        if line.trim().is_empty() {
            break;
        }
    }
    let mut block: Vec<&str> = Vec::new();
    let mut block_line = 0;
    let mut seen_timing = false;
    for line in lines.chain([""]) {
        line_no += 1;
        // Only an empty line ends a cue: YouTube's cues have lines of one space. A timing
        // line after a cue's own also starts a new cue (a separator line with spaces).
        let next_cue = line.contains("-->") && block.iter().any(|l| l.contains("-->"));
        if !line.is_empty() && !next_cue {
            if block.is_empty() {
                block_line = line_no;
            }
            block.push(line);
            continue;
        }
        if block.is_empty() {
            continue;
        }
        let timing = block.iter().take(2).position(|l| l.contains("-->"));
        let meta = matches!(
            block[0].split_whitespace().next(),
            Some("NOTE" | "STYLE" | "REGION")
        );
        match timing {
            _ if meta => {}
            None => {}
            Some(t) => {
                seen_timing = true;
                match parse_timing(block[t]) {
                    Some((start, end)) => reader.cue(
                        start,
                        end,
                        &block[t + 1..],
                        block_line + t + 1,
                        &mut out,
                        &mut report,
                    ),
                    None => out.warnings.push(format!(
                        "line {}: unreadable cue timing `{}`: cue skipped",
                        block_line + t,
                        block[t].trim()
                    )),
                }
            }
        }
        block.clear();
        if next_cue {
            block_line = line_no;
            block.push(line);
        }
    }
    finish(out, seen_timing, &report)
}

/// What the next cue is compared with: the previous cue's lines, as plain text.
#[derive(Default)]
struct CueReader {
    prev_lines: Vec<String>,
    prev_timed: bool,
    /// Unrepaired mojibake already reported (once per file, with its first line).
    reported: usize,
}

/// One piece of a cue line: the text after an inline timestamp (or before the first).
struct Segment<'a> {
    time: Option<f64>,
    /// Borrowed from the line unless tags split it or entities were decoded.
    text: Cow<'a, str>,
}

impl CueReader {
    fn cue(
        &mut self,
        start: f64,
        end: f64,
        payload: &[&str],
        first_line: usize,
        out: &mut Captions,
        report: &mut Report,
    ) {
        let mut lines = Vec::with_capacity(payload.len());
        for (k, raw) in payload.iter().enumerate() {
            lines.push(mojibake::repair(raw, report));
            while self.reported < report.unrepaired.len() {
                out.warnings.push(format!(
                    "line {}: mojibake left as it is: `{}`",
                    first_line + k,
                    report.unrepaired[self.reported]
                ));
                self.reported += 1;
            }
        }
        let mut parsed = Vec::with_capacity(lines.len());
        for line in &lines {
            let segments = segments(line);
            let plain = plain_text(&segments);
            let timed = segments.iter().any(|s| s.time.is_some());
            parsed.push((segments, plain, timed));
        }
        let this_timed = parsed.iter().any(|p| p.2);
        let mut text = String::new();
        let first_word = out.words.len();
        for (segments, plain, timed) in &parsed {
            if plain.is_empty() {
                continue;
            }
            let repeat = !timed
                && (this_timed || self.prev_timed)
                && self.prev_lines.iter().any(|p| p == plain);
            if repeat {
                continue;
            }
            if *timed {
                for (k, seg) in segments.iter().enumerate() {
                    let from = seg.time.unwrap_or(start);
                    let to = segments[k + 1..]
                        .iter()
                        .find_map(|s| s.time)
                        .unwrap_or(end)
                        .max(from);
                    spread(from, to, seg.text.split_whitespace(), &mut out.words);
                }
            } else {
                spread(start, end, plain.split_whitespace(), &mut out.words);
            }
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(plain);
        }
        // A cue's last word ends with the cue (the next timestamp may be in a later line).
        for k in first_word..out.words.len() {
            let next = out.words.get(k + 1).map(|w| w.start);
            let w = &mut out.words[k];
            w.end = next.unwrap_or(end).max(w.start);
        }
        self.prev_lines = parsed
            .into_iter()
            .map(|p| p.1)
            .filter(|p| !p.is_empty())
            .collect();
        self.prev_timed = this_timed;
        if !text.is_empty() {
            out.cues.push(Cue { start, end, text });
        }
    }
}

/// A cue line split at its inline timestamps, other tags removed, entities decoded.
fn segments(line: &str) -> Vec<Segment<'_>> {
    let mut out = vec![Segment {
        time: None,
        text: Cow::Borrowed(""),
    }];
    let mut rest = line;
    while let Some(open) = rest.find('<') {
        let Some(close) = rest[open..].find('>').map(|c| open + c) else {
            break;
        };
        push_text(&mut out, &rest[..open]);
        let tag = &rest[open + 1..close];
        if tag.starts_with(|c: char| c.is_ascii_digit()) {
            if let Some(t) = super::parse_timestamp(tag) {
                out.push(Segment {
                    time: Some(t),
                    text: Cow::Borrowed(""),
                });
            }
        }
        rest = &rest[close + 1..];
    }
    push_text(&mut out, rest);
    out
}

fn push_text<'a>(segments: &mut [Segment<'a>], text: &'a str) {
    let Some(last) = segments.last_mut() else {
        return;
    };
    if text.is_empty() {
        return;
    }
    let text = decode_entities(text);
    if last.text.is_empty() {
        last.text = text;
    } else {
        last.text.to_mut().push_str(&text);
    }
}

/// The words of a line's segments, single-spaced.
fn plain_text(segments: &[Segment]) -> String {
    let mut s = String::new();
    for w in segments.iter().flat_map(|seg| seg.text.split_whitespace()) {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(w);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(c: &Captions) -> Vec<(f64, &str)> {
        c.words.iter().map(|w| (w.start, w.text.as_str())).collect()
    }

    const YOUTUBE: &str = "WEBVTT\nKind: captions\nLanguage: en\nStyle:\n::cue(c.colorCCCCCC) { color: rgb(204,204,204);\n }\n##\n\n\
00:00:01.520 --> 00:00:04.220 align:start position:0%\n\
good<00:00:02.520><c> evening</c><00:00:02.700><c> the</c><00:00:03.360><c> television</c></c>\n\n\
00:00:04.220 --> 00:00:06.320 align:start position:0%\n\
stations<00:00:04.950><c.colorE5E5E5> of</c>\n";

    #[test]
    fn inline_timestamps_start_the_next_word() {
        let c = parse_vtt(YOUTUBE).unwrap();
        assert_eq!(
            words(&c),
            [
                (1.52, "good"),
                (2.52, "evening"),
                (2.7, "the"),
                (3.36, "television"),
                (4.22, "stations"),
                (4.95, "of")
            ]
        );
        assert_eq!(c.words[0].end, 2.52);
        assert_eq!(c.words[3].end, 4.22);
        assert_eq!(c.words[5].end, 6.32);
        assert_eq!(c.cues.len(), 2);
        assert_eq!(c.cues[0].text, "good evening the television");
        assert_eq!((c.cues[1].start, c.cues[1].end), (4.22, 6.32));
        assert!(c.warnings.is_empty());
    }

    #[test]
    fn word_without_timestamp_and_unmatched_closing_tag() {
        // 2020-09-29.vtt, 01:04:55.589: a cue of one word, `you</c>`.
        let vtt = "WEBVTT\n\n01:04:54.390 --> 01:04:55.589\nanswer<01:04:54.640><c> his</c>\n\n\
01:04:55.589 --> 01:04:55.960 align:start position:0%\nyou</c>\n\n\
01:04:55.960 --> 01:04:58.878\nhave<01:04:56.332><c> repeatedly</c>\n";
        let c = parse_vtt(vtt).unwrap();
        assert_eq!(
            words(&c),
            [
                (3894.39, "answer"),
                (3894.64, "his"),
                (3895.589, "you"),
                (3895.96, "have"),
                (3896.332, "repeatedly")
            ]
        );
        assert_eq!(c.cues[1].text, "you");
    }

    #[test]
    fn rolling_captions_repeat_no_word() {
        // YouTube's automatic layout: line 1 repeats the previous cue's words without
        // timestamps; a 10 ms cue shows the old line alone.
        let vtt = "WEBVTT\nKind: captions\n\n\
00:00:00.000 --> 00:00:02.000 align:start position:0%\n \ngood<00:00:00.500><c> evening</c>\n\n\
00:00:02.000 --> 00:00:02.010 align:start position:0%\ngood evening\n \n\n\
00:00:02.010 --> 00:00:04.000 align:start position:0%\ngood evening\nand<00:00:02.500><c> welcome</c>\n\n\
00:00:04.000 --> 00:00:04.010 align:start position:0%\nand welcome\n \n\n\
00:00:04.010 --> 00:00:06.000 align:start position:0%\nand welcome\nto<00:00:04.400><c> the</c><00:00:05.000><c> debate</c>\n";
        let c = parse_vtt(vtt).unwrap();
        assert_eq!(
            words(&c),
            [
                (0.0, "good"),
                (0.5, "evening"),
                (2.01, "and"),
                (2.5, "welcome"),
                (4.01, "to"),
                (4.4, "the"),
                (5.0, "debate")
            ]
        );
        assert_eq!(
            c.cues.iter().map(|c| c.text.as_str()).collect::<Vec<_>>(),
            ["good evening", "and welcome", "to the debate"]
        );
    }

    #[test]
    fn plain_captions_keep_repeated_cues() {
        // Without inline timestamps nothing is a rolling repeat: "No." said twice is twice.
        let vtt = "WEBVTT\n\n1\n00:01.000 --> 00:02.000\nNo.\n\n2\n00:02.000 --> 00:04.000\nNo.\n\nNOTE a comment\n\n00:04.000 --> 00:05.000\n<v Jim Lehrer>Two &amp; <i>three</i>\n";
        let c = parse_vtt(vtt).unwrap();
        assert_eq!(
            words(&c),
            [
                (1.0, "No."),
                (2.0, "No."),
                (4.0, "Two"),
                (4.0 + 1.0 / 3.0, "&"),
                (4.0 + 2.0 / 3.0, "three")
            ]
        );
        assert_eq!(c.cues[2].text, "Two & three");
    }

    #[test]
    fn mojibake_repaired_and_reported() {
        let vtt = "WEBVTT\n\n00:11:40.000 --> 00:11:42.000\nwhen<00:11:40.660><c> youâ€™re</c>\n\n\
01:11:07.000 --> 01:11:08.000\nthem<01:11:07.690><c> ã¢â‚¬â€œ</c>\n";
        let c = parse_vtt(vtt).unwrap();
        assert_eq!(c.words[1].text, "you’re");
        assert_eq!(c.words[3].text, "ã¢â‚¬â€œ");
        assert_eq!(
            c.warnings,
            [
                "line 7: mojibake left as it is: `ã¢â‚¬â€œ`",
                "1 mojibake sequence(s) repaired (UTF-8 read as Windows-1252)"
            ]
        );
    }

    #[test]
    fn bad_files_and_bad_cues() {
        assert_eq!(parse_vtt("WEBVTTX\n"), Err(CaptionError::NotWebVtt));
        assert_eq!(
            parse_vtt("1\n00:00:01,000 --> 00:00:02,000\nhi\n"),
            Err(CaptionError::NotWebVtt)
        );
        assert_eq!(parse_vtt("WEBVTT\n\nhello\n"), Err(CaptionError::NoCues));
        let c = parse_vtt("\u{feff}WEBVTT - title\r\n\r\n00:00:xx --> 00:00:02.000\r\nlost\r\n\r\n00:00:03.000 --> 00:00:04.000\r\nkept\r\n").unwrap();
        assert_eq!(words(&c), [(3.0, "kept")]);
        assert_eq!(
            c.warnings,
            ["line 3: unreadable cue timing `00:00:xx --> 00:00:02.000`: cue skipped"]
        );
    }
}
