//! Transcripts and their recordings: captions beside a transcript give its paragraphs
//! their times ([`attach`]); captions alone are a transcript of their own ([`from_captions`]);
//! and a paragraph's time opens the video at that second ([`video_url`]).

use super::captions::{self, Captions};
use super::{notes, Paragraph, Transcript};

/// Align `captions` (of the same recording, `duration` seconds long when known) to the
/// paragraphs of `t`: each placed paragraph gets its `start` and `end`, and `t.alignment`
/// says how many were placed. The captions' own warnings go to `t.warnings`, after `name`.
pub fn attach(t: &mut Transcript, captions: &Captions, duration: Option<f64>, name: &str) {
    let spread;
    let words = if captions.words.is_empty() {
        spread = captions::words_from_cues(&captions.cues);
        &spread
    } else {
        &captions.words
    };
    let texts: Vec<&str> = t.paragraphs.iter().map(|p| p.text.as_str()).collect();
    let a = captions::align(&texts, words, duration);
    for (p, span) in t.paragraphs.iter_mut().zip(&a.spans) {
        if let Some(s) = span {
            p.start = Some(s.start);
            p.end = Some(s.end);
        }
    }
    t.alignment = Some(a.stats);
    for w in &captions.warnings {
        t.warnings.push(format!("{name}: {w}"));
    }
}

/// Captions alone as a transcript without speakers: their words as paragraphs by pauses
/// ([`captions::paragraphs_by_pauses`]), each with its start and end. Stage notes that
/// captions carry (`[Music]`, `[Applause]`) are taken out of the words, as in a
/// transcript. The title is the id until a sidecar file gives one.
pub fn from_captions(source: &str, id: &str, captions: &Captions) -> Transcript {
    let mut t = Transcript {
        source: source.to_string(),
        id: id.to_string(),
        title: id.to_string(),
        warnings: captions.warnings.clone(),
        ..Transcript::default()
    };
    for p in captions::paragraphs_by_pauses(captions) {
        let split = notes::split(&p.text);
        t.paragraphs.push(Paragraph {
            index: t.paragraphs.len(),
            turn: 0,
            text: split.text,
            stage_notes: split.notes,
            start: Some(p.start),
            end: Some(p.end),
            ..Paragraph::default()
        });
    }
    t
}

/// The address that opens YouTube video `id` at `start` seconds, rounded down to the whole
/// second: `https://www.youtube.com/watch?v=ID&t=754s`.
pub fn video_url(id: &str, start: f64) -> String {
    format!(
        "https://www.youtube.com/watch?v={id}&t={}s",
        start.max(0.0).floor() as u64
    )
}

/// `start` seconds as `HH:MM:SS` (rounded down).
pub fn clock(start: f64) -> String {
    let s = start.max(0.0).floor() as u64;
    format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcript::captions::vtt::parse_vtt;
    use crate::transcript::labelled::parse_labelled;

    #[test]
    fn links_open_the_video_at_the_second() {
        assert_eq!(
            video_url("FIS84RTBzeY", 754.9),
            "https://www.youtube.com/watch?v=FIS84RTBzeY&t=754s"
        );
        assert_eq!(clock(754.9), "00:12:34");
        assert_eq!(clock(3723.0), "01:02:03");
    }

    const VTT: &str = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\ngood<00:00:01.500><c> evening</c><00:00:02.000><c> and</c><00:00:02.500><c> welcome</c>\n\n00:00:03.000 --> 00:00:09.000\n[Music]\n\n00:00:10.000 --> 00:00:12.000\nthank<00:00:10.500><c> you</c><00:00:11.000><c> jim</c>\n";

    #[test]
    fn captions_beside_a_transcript_time_its_paragraphs() {
        let mut t = parse_labelled(
            "x.said",
            "x",
            "Jim Lehrer: Good evening and welcome.\n\nAl Gore: Thank you, Jim.\n",
        );
        attach(&mut t, &parse_vtt(VTT).unwrap(), None, "x.vtt");
        let starts: Vec<Option<f64>> = t.paragraphs.iter().map(|p| p.start).collect();
        assert_eq!(starts, [Some(1.0), Some(10.0)]);
        assert_eq!(t.alignment.unwrap().placed, 2);
    }

    #[test]
    fn captions_alone_are_paragraphs_by_pauses_without_notes() {
        let t = from_captions("x.vtt", "x", &parse_vtt(VTT).unwrap());
        let got: Vec<(&str, Option<f64>)> = t
            .paragraphs
            .iter()
            .map(|p| (p.text.as_str(), p.start))
            .collect();
        assert_eq!(
            got,
            [
                ("good evening and welcome", Some(1.0)),
                ("thank you jim", Some(10.0))
            ]
        );
        assert_eq!(t.paragraphs[0].stage_notes, ["Music"]);
        assert!(t.paragraphs.iter().all(|p| p.speaker.is_none()));
    }
}
