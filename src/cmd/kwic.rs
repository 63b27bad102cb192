//! `rostra kwic QUERY`: one aligned line per match.
//!
//! Memory is bounded by the output, not by the matches (issue 13 §7): paragraphs are walked a
//! date at a time ([`stream`]), lines in date order are printed in chunks as they come, a
//! sorted concordance with `--limit N` keeps only its best N, and the total is counted from
//! each paragraph's text without keeping it.

use std::io::Write;
use std::path::Path;

use anyhow::Result;

use super::{Global, Outcome};
use crate::cli::{KwicArgs, KwicFormat, KwicSort};
use rostra::hits::kwic::{self, Line};
use rostra::hits::stream::{self, Deadline, Walk};
use rostra::render;

/// Lines printed at once in date order: column widths are measured over a chunk.
const CHUNK: usize = 10_000;

pub fn run(args: &KwicArgs, index_dir: &Path, g: Global) -> Result<Outcome> {
    let super::Prepared {
        req,
        reader,
        searcher,
        compiled,
    } = super::prepare(&args.query, &args.filters, index_dir, g)?;
    let deadline = Deadline::after(args.timeout);
    let (addrs, mut walk) = stream::addresses(&searcher, &compiled, deadline)?;
    // Did the look-up of the matching paragraphs end? If not, `addrs` are some of them.
    let all_found = walk == Walk::Complete;
    let order = match args.sort {
        KwicSort::Date => kwic::Order::Date,
        KwicSort::Left => kwic::Order::Left,
        KwicSort::Right => kwic::Order::Right,
    };
    let limit = args.limit.map_or(usize::MAX, |n| n as usize);
    let width = args.width;
    if !compiled.has_text_patterns() {
        // Page or voice clauses only: no words to align on, but paragraphs do match.
        g.note(&format!(
            "'{}' has only page or voice clauses, no words of the paragraph text to show in context: {} paragraphs match (`rostra search` shows them)",
            compiled.parsed,
            addrs.len()
        ));
        return Ok(if addrs.is_empty() {
            Outcome::NotFound
        } else {
            Outcome::Found
        });
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut printer = Printer {
        format: args.format,
        width,
        times: args.times,
        color: g.color,
        header: true,
    };
    let mut shown = 0usize;
    // Lines seen in the walk (all of them, unless it stopped at the limit or timed out), and
    // the paragraphs they came from.
    let mut seen = 0usize;
    let mut read = 0usize;
    let mut stopped = false;
    let mut buf: Vec<Line> = Vec::new();
    let mut failed: Option<anyhow::Error> = None;
    let w = stream::in_date_order(
        &searcher,
        &reader.fields,
        &compiled,
        &addrs,
        deadline,
        |h| {
            read += 1;
            for l in kwic::lines(std::slice::from_ref(&h), width) {
                seen += 1;
                match order {
                    kwic::Order::Date => {
                        if shown == limit {
                            stopped = true;
                            return Ok(false);
                        }
                        buf.push(l);
                        shown += 1;
                        if buf.len() == CHUNK {
                            if let Err(e) = printer.print(&mut out, &buf) {
                                failed = Some(e); // a closed pipe, say: stop the walk
                                return Ok(false);
                            }
                            buf.clear();
                        }
                    }
                    kwic::Order::Left | kwic::Order::Right => {
                        buf.push(l);
                        // Keep the best `limit`: a stable sort keeps date order among ties,
                        // and the kept lines came first.
                        if limit != usize::MAX && buf.len() >= 2 * limit + CHUNK {
                            kwic::sort(&mut buf, order);
                            buf.truncate(limit);
                        }
                    }
                }
            }
            Ok(true)
        },
    )?;
    if let Some(e) = failed {
        return Err(e);
    }
    if w == Walk::TimedOut {
        walk = Walk::TimedOut;
    }
    if order != kwic::Order::Date {
        kwic::sort(&mut buf, order);
        buf.truncate(limit);
        shown = buf.len();
    }
    printer.print(&mut out, &buf)?;
    // The total: counted on the way when every line was seen; else from every paragraph's
    // text, read again without being kept.
    let mut total = seen;
    if stopped {
        let mut all = 0u64;
        let (n, w) = stream::count_spans(
            &searcher,
            &reader.fields,
            &compiled,
            &addrs,
            deadline,
            |_, n| {
                all += n;
                Ok(())
            },
        )?;
        total = all as usize;
        read = n;
        if w == Walk::TimedOut {
            walk = Walk::TimedOut;
        }
    }
    let partial = walk == Walk::TimedOut;
    if partial && args.format == KwicFormat::Json {
        // What was done by then, each a lower bound of the whole: `total` the matches
        // counted (in `paragraphs_read` paragraphs), `paragraphs` the matching paragraphs
        // found (all of them when `paragraphs_complete`).
        render::json::line(
            &mut out,
            &serde_json::json!({
                "type": "summary",
                "query": req.query,
                "lines": shown,
                "total": total,
                "paragraphs_read": read,
                "paragraphs": addrs.len(),
                "paragraphs_complete": all_found,
                "partial": true,
            }),
        )?;
    }
    out.flush()?;
    if partial {
        g.note(&format!(
            "timed out: partial results: {shown} lines shown; at least {total} matches, counted in the {read} paragraphs read of {}{} matching",
            if all_found { "" } else { "at least " },
            addrs.len()
        ));
        return Ok(Outcome::Partial);
    }
    g.note(&format!(
        "{shown} of {total} matches in {} paragraphs",
        addrs.len()
    ));
    Ok(if shown == 0 {
        Outcome::NotFound
    } else {
        Outcome::Found
    })
}

/// Prints concordance lines chunk by chunk (one CSV header).
struct Printer {
    format: KwicFormat,
    width: usize,
    times: bool,
    color: render::Color,
    header: bool,
}

impl Printer {
    fn print(&mut self, out: &mut impl Write, lines: &[Line]) -> Result<()> {
        if lines.is_empty() && !self.header {
            return Ok(());
        }
        match self.format {
            KwicFormat::Text => render::text::kwic(out, lines, self.width, self.times, self.color)?,
            KwicFormat::Tsv => render::csv::kwic_rows(out, lines, b'\t', self.header)?,
            KwicFormat::Csv => render::csv::kwic_rows(out, lines, b',', self.header)?,
            KwicFormat::Json => {
                for l in lines {
                    render::json::kwic(out, l)?;
                }
            }
        }
        self.header = false;
        Ok(())
    }
}
