//! Text for people: a hit as a header line (speaker, date, title, place, URL) and its
//! passages with the matched words marked — bold red on a terminal, `**word**` in a pipe
//! (unmarked with `--plain`).

use std::collections::BTreeSet;
use std::io::{self, Write};

use anstyle::{AnsiColor, Style};
use unicode_width::UnicodeWidthStr;

use super::table::{self, Align};
use super::{Color, TextStyle};
use crate::hits::fragment::fragments;
use crate::hits::Hit;
use crate::transcript::media::clock;
use crate::transcript::Transcript;

const MATCH: Style = AnsiColor::Red.on_default().bold();
const SPEAKER: Style = AnsiColor::Magenta.on_default().bold();
const DATE: Style = AnsiColor::Green.on_default();
const DIM: Style = Style::new().dimmed();

fn paint(w: &mut impl Write, c: Color, style: Style, s: &str) -> io::Result<()> {
    match c {
        Color::On => write!(w, "{}{s}{}", style.render(), style.render_reset()),
        Color::Off => w.write_all(s.as_bytes()),
    }
}

/// A paragraph around a hit (`--context`), dimmed, whole.
fn context_line(w: &mut impl Write, c: Color, p: &crate::hits::Context) -> io::Result<()> {
    let who = p.speaker.as_deref().unwrap_or("(narration)");
    paint(w, c, DIM, &format!("   ¶{} {who}: {}", p.paragraph, p.text))?;
    writeln!(w)
}

/// One hit: header lines, then its passages.
pub fn hit(w: &mut impl Write, n: usize, h: &Hit, st: TextStyle) -> io::Result<()> {
    let c = st.color;
    write!(w, "{n}. ")?;
    paint(w, c, SPEAKER, h.speaker.as_deref().unwrap_or("(narration)"))?;
    if let Some(r) = &h.role {
        write!(w, ", {r}")?;
    }
    write!(w, " — ")?;
    let when = match (&h.date, &h.time) {
        (Some(d), Some(t)) => format!("{d} {t}"),
        (Some(d), None) => d.clone(),
        _ => "undated".to_string(),
    };
    paint(w, c, DATE, &when)?;
    writeln!(w)?;
    write!(w, "   {}", h.title)?;
    if let Some(p) = &h.place {
        write!(w, " · {p}")?;
    }
    writeln!(w)?;
    // The reference `kwic` prints and `show` takes.
    let link = match &h.url {
        Some(u) => format!("   {}#{} · {u}", h.transcript, h.paragraph),
        None => format!("   {}#{}", h.transcript, h.paragraph),
    };
    paint(w, c, DIM, &link)?;
    writeln!(w)?;
    if let Some(start) = h.start {
        // The moment it was said, and the video opened there.
        let at = match h.media_url() {
            Some(u) => format!("   ▶ {}  {u}", clock(start)),
            None => format!("   ▶ {}", clock(start)),
        };
        paint(w, c, DIM, &at)?;
        writeln!(w)?;
    }
    for p in h.context.iter().filter(|p| p.paragraph < h.paragraph) {
        context_line(w, c, p)?;
    }
    for f in fragments(&h.text, &h.spans, st.width) {
        write!(w, "   ")?;
        if f.cut_before {
            w.write_all("…".as_bytes())?;
        }
        let mut at = f.from;
        for s in h.spans.iter().filter(|s| s.from >= f.from && s.to <= f.to) {
            w.write_all(&h.text.as_bytes()[at..s.from])?;
            match c {
                Color::On => paint(w, c, MATCH, &h.text[s.from..s.to])?,
                Color::Off if st.marks => write!(w, "**{}**", &h.text[s.from..s.to])?,
                Color::Off => w.write_all(&h.text.as_bytes()[s.from..s.to])?,
            }
            at = s.to;
        }
        w.write_all(&h.text.as_bytes()[at..f.to])?;
        if f.cut_after {
            w.write_all("…".as_bytes())?;
        }
        writeln!(w)?;
    }
    for p in h.context.iter().filter(|p| p.paragraph > h.paragraph) {
        context_line(w, c, p)?;
    }
    writeln!(w)
}

/// Concordance lines, aligned on the match: date, speaker, TRANSCRIPT#PARAGRAPH, with
/// `times` the paragraph's time in the recording (`HH:MM:SS`, `--:--:--` where it has
/// none), then the left context right-aligned to `width`, the match, and the right context.
pub fn kwic(
    w: &mut impl Write,
    lines: &[crate::hits::kwic::Line],
    width: usize,
    times: bool,
    c: Color,
    marks: bool,
) -> io::Result<()> {
    const WHO: usize = 22;
    let who = |l: &crate::hits::kwic::Line| {
        let s = l.speaker.as_deref().unwrap_or("(narration)");
        if s.chars().count() > WHO {
            let cut: String = s.chars().take(WHO - 1).collect();
            format!("{cut}…")
        } else {
            s.to_string()
        }
    };
    let ids: Vec<String> = lines
        .iter()
        .map(|l| format!("{}#{}", l.transcript, l.paragraph))
        .collect();
    let id_width = ids.iter().map(|s| s.chars().count()).max().unwrap_or(0);
    let who_width = lines
        .iter()
        .map(|l| who(l).chars().count())
        .max()
        .unwrap_or(0);
    for (l, id) in lines.iter().zip(&ids) {
        paint(
            w,
            c,
            DATE,
            &format!("{:<10}", l.date.as_deref().unwrap_or("undated")),
        )?;
        write!(w, "  ")?;
        paint(w, c, SPEAKER, &format!("{:<who_width$}", who(l)))?;
        write!(w, "  ")?;
        paint(w, c, DIM, &format!("{id:<id_width$}"))?;
        if times {
            let at = l.start.map_or_else(|| "--:--:--".to_string(), clock);
            write!(w, "  ")?;
            paint(w, c, DATE, &at)?;
        }
        write!(w, "  {:>width$}", l.left)?;
        match c {
            Color::On => paint(w, c, MATCH, &l.matched)?,
            Color::Off if marks => write!(w, "**{}**", l.matched)?,
            Color::Off => write!(w, "{}", l.matched)?,
        }
        writeln!(w, "{}", l.right)?;
    }
    Ok(())
}

/// Counts by bucket as a table with a bar: the rate per million words over time, the
/// matches for speakers, topics and places (whose word counts vary too much for rates).
pub fn stats(
    w: &mut impl Write,
    s: &crate::hits::stats::Stats,
    top: usize,
    c: Color,
) -> io::Result<()> {
    const BAR: usize = 30;
    let shown = s.shown(top);
    let bar_value = |b: &crate::hits::stats::Bucket| {
        if s.by.is_time() {
            b.per_million
        } else {
            b.matches as f64
        }
    };
    let max_rate = shown.iter().map(bar_value).fold(0.0, f64::max);
    let row = |key: &str, matches: u64, paragraphs: u64, words: u64, per_million: f64| {
        vec![
            key.to_string(),
            matches.to_string(),
            paragraphs.to_string(),
            words.to_string(),
            format!("{per_million:.1}"),
        ]
    };
    let mut rows: Vec<Vec<String>> = shown
        .iter()
        .map(|b| row(&b.bucket, b.matches, b.paragraphs, b.words, b.per_million))
        .collect();
    rows.push(row(
        "total",
        s.matches,
        s.paragraphs,
        s.words,
        s.per_million,
    ));
    let lines = table::lines(
        &[s.by.name(), "matches", "paragraphs", "words", "per 1M"],
        &[
            Align::Left,
            Align::Right,
            Align::Right,
            Align::Right,
            Align::Right,
        ],
        &rows,
        2,
    );
    let (head, body) = lines.split_first().expect("a header line");
    let (total, body) = body.split_last().expect("a total line");
    writeln!(w, "{head}")?;
    for (line, b) in body.iter().zip(shown) {
        write!(w, "{line}  ")?;
        let len = if max_rate > 0.0 {
            (bar_value(b) / max_rate * BAR as f64).round() as usize
        } else {
            0
        };
        paint(w, c, MATCH, &"█".repeat(len))?;
        writeln!(w)?;
    }
    if shown.len() < s.buckets.len() {
        writeln!(
            w,
            "… {} more (--top 0 shows all)",
            s.buckets.len() - shown.len()
        )?;
    }
    writeln!(w, "{total}")
}

/// `items` joined by ` | `, cut after about `max` characters with a count of the rest
/// (the full lists are in `--format csv|json`).
fn capped(items: &[&str], max: usize) -> String {
    let mut out = String::new();
    for (i, it) in items.iter().enumerate() {
        let sep = if i == 0 { "" } else { " | " };
        if i > 0 && out.chars().count() + sep.len() + it.chars().count() > max {
            out.push_str(&format!(" | … (+{} more)", items.len() - i));
            break;
        }
        out.push_str(sep);
        out.push_str(it);
    }
    out
}

/// Speakers as a table.
pub fn speakers(
    w: &mut impl Write,
    list: &[crate::index::speakers::Speaker],
    c: Color,
) -> io::Result<()> {
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|s| {
            // Other names first (`= VladimirPutin`), then the roles and labels seen.
            let others: Vec<String> = s
                .variants
                .iter()
                .chain(&s.aliases)
                .filter(|v| **v != s.speaker)
                .map(|v| format!("= {v}"))
                .collect::<BTreeSet<String>>()
                .into_iter()
                .collect();
            let mut seen: Vec<&str> = others.iter().map(String::as_str).collect();
            seen.extend(s.roles.iter().map(String::as_str));
            seen.extend(
                s.labels
                    .iter()
                    .map(String::as_str)
                    .filter(|l| *l != s.speaker),
            );
            vec![
                s.speaker.clone(),
                s.kind.to_string(),
                s.paragraphs.to_string(),
                s.words.to_string(),
                s.transcripts.to_string(),
                s.first.clone().unwrap_or_else(|| "-".into()),
                s.last.clone().unwrap_or_else(|| "-".into()),
                capped(&seen, 100),
            ]
        })
        .collect();
    // Names over 40 columns wrap onto a second line of their row, so one long label does
    // not widen the table for all.
    const NAME: usize = 40;
    let lines = table::lines_capped(
        &[
            "speaker",
            "kind",
            "paragraphs",
            "words",
            // The CSV's and JSON's name for it too.
            "transcripts",
            "first",
            "last",
            "= other names / roles / labels",
        ],
        &[
            Align::Left,
            Align::Left,
            Align::Right,
            Align::Right,
            Align::Right,
            Align::Left,
            Align::Left,
            Align::Left,
        ],
        &rows,
        2,
        &[(0, NAME as u16)],
    );
    let name_width = list
        .iter()
        .map(|s| UnicodeWidthStr::width(s.speaker.as_str()))
        .chain([7])
        .max()
        .unwrap_or(7)
        .min(NAME);
    let (head, body) = lines.split_first().expect("a header line");
    writeln!(w, "{head}")?;
    for line in body {
        // The name is the line's first cell, from column 0 to the name column's width.
        let (name, rest) = table::split_at_width(line, name_width);
        paint(w, c, SPEAKER, name)?;
        writeln!(w, "{rest}")?;
    }
    Ok(())
}

/// `speakers --suspects`: one pair a line, with its evidence.
pub fn suspects(w: &mut impl Write, list: &[crate::index::registry::Suspect]) -> io::Result<()> {
    for s in list {
        writeln!(
            w,
            "{} [{}, {} ¶] ~ {} [{}, {} ¶]: {}",
            s.a, s.a_id, s.a_paragraphs, s.b, s.b_id, s.b_paragraphs, s.evidence
        )?;
    }
    Ok(())
}

/// How a score was made (`--explain`): tantivy's explanation as an indented tree,
/// `value = description`, children below their parent.
pub fn explanation(w: &mut impl Write, e: &serde_json::Value, depth: usize) -> io::Result<()> {
    let value = e.get("value").and_then(|v| v.as_f64()).unwrap_or(0.0);
    let what = e.get("description").and_then(|v| v.as_str()).unwrap_or("");
    writeln!(w, "{:indent$}{value:.4} = {what}", "", indent = 3 * depth)?;
    if let Some(ctx) = e.get("context").and_then(|c| c.as_array()) {
        for c in ctx.iter().filter_map(|c| c.as_str()) {
            writeln!(w, "{:indent$}  ({c})", "", indent = 3 * depth)?;
        }
    }
    if let Some(kids) = e.get("details").and_then(|d| d.as_array()) {
        for k in kids {
            explanation(w, k, depth + 1)?;
        }
    }
    Ok(())
}

/// A transcript from the index: its header, then its paragraphs, a speaker line at each
/// new turn. `mark` is the paragraph asked for, if one was.
pub fn transcript(
    w: &mut impl Write,
    paras: &[Hit],
    mark: Option<u64>,
    c: Color,
) -> io::Result<()> {
    let Some(first) = paras.first() else {
        return Ok(());
    };
    writeln!(w, "{}", first.title)?;
    let date = first.date.as_ref().map(|d| match &first.date_source {
        Some(source) => format!("{d} ({source} date)"),
        None => d.clone(),
    });
    let when = [
        date.as_deref(),
        first.time.as_deref(),
        first.place.as_deref(),
    ];
    writeln!(
        w,
        "{}",
        when.iter()
            .flatten()
            .copied()
            .collect::<Vec<_>>()
            .join(" · ")
    )?;
    match &first.url {
        Some(u) => writeln!(w, "{u}")?,
        None => writeln!(w, "transcript {}", first.transcript)?,
    }
    if let Some(v) = &first.video {
        writeln!(w, "video https://www.youtube.com/watch?v={v}")?;
    }
    let mut turn = None;
    for p in paras {
        if turn != Some(p.turn) {
            turn = Some(p.turn);
            writeln!(w)?;
            let who = match (&p.speaker, &p.role) {
                (Some(s), Some(r)) => format!("{s}, {r}:"),
                (Some(s), None) => format!("{s}:"),
                _ => "(narration)".to_string(),
            };
            paint(w, c, SPEAKER, &who)?;
            writeln!(w)?;
        }
        let marker = if mark == Some(p.paragraph) {
            "▶"
        } else {
            " "
        };
        let furniture = if p.furniture { "[pull-quote] " } else { "" };
        match p.start {
            Some(start) => writeln!(
                w,
                "{marker}¶{:<4} {} {furniture}{}",
                p.paragraph,
                clock(start),
                p.text
            )?,
            None => writeln!(w, "{marker}¶{:<4} {furniture}{}", p.paragraph, p.text)?,
        }
    }
    Ok(())
}

/// A transcript as an outline: header fields (the reader that read it first, when given),
/// then one line per paragraph.
pub fn outline(
    w: &mut impl Write,
    t: &Transcript,
    reader: Option<&str>,
    c: Color,
) -> io::Result<()> {
    let field = |w: &mut dyn Write, k: &str, v: Option<&str>| -> io::Result<()> {
        writeln!(w, "{k:<10} {}", v.unwrap_or("-"))
    };
    if let Some(r) = reader {
        field(w, "reader", Some(r))?;
    }
    field(w, "source", Some(&t.source))?;
    field(w, "title", Some(&t.title))?;
    field(w, "lead", t.lead.as_deref())?;
    let date = t.date.as_ref().map(|d| {
        if t.date_from_publication {
            format!("{d} (publication date)")
        } else {
            d.clone()
        }
    });
    field(w, "date", date.as_deref())?;
    field(w, "time", t.time.as_deref())?;
    field(w, "place", t.place.as_deref())?;
    field(w, "url", t.url().as_deref())?;
    if !t.facets.is_empty() {
        let f: Vec<String> = t.facets.iter().map(|(k, v)| format!("{k}={v}")).collect();
        field(w, "facets", Some(&f.join("; ")))?;
    }
    if let Some(lang) = &t.lang {
        field(
            w,
            "language",
            Some(&format!(
                "{lang}: {}",
                crate::index::lang::stemming(&crate::index::lang::code(Some(lang))).describe()
            )),
        )?;
    }
    for (k, v) in [
        ("geography", &t.geography),
        ("topics", &t.topics),
        ("persons", &t.persons),
        ("sections", &t.sections),
    ] {
        if !v.is_empty() {
            field(w, k, Some(&v.join("; ")))?;
        }
    }
    if !t.captions.is_empty() {
        field(w, "captions", Some(&t.captions.len().to_string()))?;
    }
    if let Some(s) = &t.signature {
        field(w, "signature", Some(s))?;
    }
    if let Some(v) = &t.video {
        field(w, "video", Some(v))?;
    }
    if let Some(a) = &t.alignment {
        field(
            w,
            "aligned",
            Some(&format!(
                "{} of {} paragraphs placed by the captions",
                a.placed, a.paragraphs
            )),
        )?;
    }
    writeln!(
        w,
        "{:<10} {} ({} turns, {} gaps)",
        "paragraphs",
        t.paragraphs.len(),
        t.paragraphs.last().map_or(0, |p| p.turn + 1),
        t.gaps.len()
    )?;
    for p in &t.paragraphs {
        for _ in t.gaps.iter().filter(|&&g| g == p.index) {
            writeln!(w, "     <…>")?;
        }
        write!(w, "{:>4} ", p.index)?;
        if let Some(start) = p.start {
            write!(w, "{} ", clock(start))?;
        }
        let who = match (&p.speaker, &p.role) {
            (Some(s), Some(r)) => format!("{s} ({r})"),
            (Some(s), None) => s.clone(),
            _ => "-".to_string(),
        };
        paint(w, c, SPEAKER, &who)?;
        if p.retranslated {
            write!(w, " [retranslated]")?;
        }
        if p.furniture {
            write!(w, " [pull-quote]")?;
        }
        let preview: String = p.text.chars().take(80).collect();
        let ell = if preview.len() < p.text.len() {
            "…"
        } else {
            ""
        };
        write!(w, ": {preview}{ell}")?;
        for (k, v) in &p.facets {
            write!(w, " [{k}={v}]")?;
        }
        if p.lang.is_some() && p.lang != t.lang {
            let l = crate::index::lang::code(p.lang.as_deref());
            let how = crate::index::lang::stemming(&l).describe();
            write!(w, " [language: {l}: {how}]")?;
        }
        for n in &p.stage_notes {
            write!(w, " [note: {n}]")?;
        }
        writeln!(w)?;
    }
    for _ in t.gaps.iter().filter(|&&g| g == t.paragraphs.len()) {
        writeln!(w, "     <…>")?;
    }
    Ok(())
}
