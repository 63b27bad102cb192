//! The SRT reader: numbered cues, `00:00:01,000 --> 00:00:04,000`, then text lines. SRT
//! has no word timing: [`super::words_from_cues`] estimates it for alignment.
//!
//! Formatting tags (`<i>`, `<font color=…>`) and ASS overrides (`{\an8}`) are removed;
//! mojibake is repaired or reported as in WebVTT.

use super::finish;
use super::mojibake::{self, Report};
use super::{parse_timing, CaptionError, Captions, Cue};

/// Read an SRT file.
pub fn parse_srt(text: &str) -> Result<Captions, CaptionError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Captions::default();
    let mut report = Report::default();
    let mut reported = 0;
    let mut block: Vec<(usize, &str)> = Vec::new();
    let mut seen_timing = false;
    let lines = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    for (n, line) in lines.chain([""]).enumerate() {
        if !line.trim().is_empty() {
            block.push((n + 1, line));
            continue;
        }
        let Some(t) = block.iter().take(2).position(|(_, l)| l.contains("-->")) else {
            block.clear();
            continue;
        };
        seen_timing = true;
        let (line_no, timing) = block[t];
        let Some((start, end)) = parse_timing(timing) else {
            out.warnings.push(format!(
                "line {line_no}: unreadable cue timing `{}`: cue skipped",
                timing.trim()
            ));
            block.clear();
            continue;
        };
        let mut words = String::new();
        for &(n, raw) in &block[t + 1..] {
            let line = mojibake::repair(raw, &mut report);
            while reported < report.unrepaired.len() {
                out.warnings.push(format!(
                    "line {n}: mojibake left as it is: `{}`",
                    report.unrepaired[reported]
                ));
                reported += 1;
            }
            for w in strip_tags(&line).split_whitespace() {
                if !words.is_empty() {
                    words.push(' ');
                }
                words.push_str(w);
            }
        }
        if !words.is_empty() {
            out.cues.push(Cue {
                start,
                end,
                text: words,
            });
        }
        block.clear();
    }
    finish(out, seen_timing, &report)
}

/// `line` without `<…>` tags and `{\…}` overrides.
fn strip_tags(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    loop {
        let next = rest
            .find('<')
            .map(|p| (p, '>'))
            .into_iter()
            .chain(rest.find("{\\").map(|p| (p, '}')))
            .min();
        let Some((open, closer)) = next else { break };
        let Some(close) = rest[open..].find(closer).map(|c| open + c) else {
            break;
        };
        out.push_str(&rest[..open]);
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cues_with_tags_removed() {
        let srt = "1\r\n00:00:01,000 --> 00:00:04,500\r\n<i>Good evening</i>, and\r\nwelcome.\r\n\r\n2\r\n00:00:05,000 --> 00:00:06,000\r\n{\\an8}<font color=\"#ffff00\">Thank you.</font>\r\n";
        let c = parse_srt(srt).unwrap();
        assert_eq!(
            c.cues,
            [
                Cue {
                    start: 1.0,
                    end: 4.5,
                    text: "Good evening, and welcome.".into()
                },
                Cue {
                    start: 5.0,
                    end: 6.0,
                    text: "Thank you.".into()
                },
            ]
        );
        assert!(c.words.is_empty());
    }

    #[test]
    fn bad_timing_skipped_with_warning_and_no_cues_is_an_error() {
        let c = parse_srt(
            "1\n00:00:01,000 --> soon\nlost\n\n2\n00:00:02,000 --> 00:00:03,000\nyouâ€™re kept\n",
        )
        .unwrap();
        assert_eq!(c.cues.len(), 1);
        assert_eq!(c.cues[0].text, "you’re kept");
        assert_eq!(
            c.warnings[0],
            "line 2: unreadable cue timing `00:00:01,000 --> soon`: cue skipped"
        );
        assert_eq!(parse_srt("just text\n"), Err(CaptionError::NoCues));
        assert_eq!(strip_tags("a <b>b</b> {\\i1}c{\\i0} 1 < 2"), "a b c 1 < 2");
    }
}
