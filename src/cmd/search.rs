//! `rostra search QUERY [--speaker NAME] [--from DATE] [--to DATE] ...`
//!
//! A ranked page of hits (`--limit`, `--offset`), or a walk over every match in date or
//! index order ([`stream`]): `--all` prints each hit as it comes, `--count`, `-l` and `-c`
//! print only counts or transcript ids, in memory bounded by the addresses of the matches.

use std::collections::HashSet;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use anyhow::{bail, Result};

use super::{Global, Outcome, Prepared};
use crate::cli::{SearchArgs, SearchFormat, SortArg};
use rostra::hits::stream::{self, Deadline, Walk};
use rostra::hits::{self, Hit, Sort};
use rostra::index;
use rostra::index::registry::Registry;
use rostra::render::{self, csv::Rows, json::Summary, TextStyle};

/// How the hits are gone through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Order {
    /// A page of the ranking (by score or date), at most `--limit` hits.
    Ranked(Sort),
    /// Every match, oldest first.
    Date,
    /// Every match, in index order.
    Index,
}

/// The walk option given (`--all`, `-l`, ...), for messages; `None` for a ranked page.
fn walk_flag(args: &SearchArgs) -> Option<&'static str> {
    if args.all {
        Some("--all")
    } else if args.count {
        Some("--count")
    } else if args.files_with_matches {
        Some("--files-with-matches")
    } else if args.per_transcript {
        Some("--per-transcript")
    } else {
        None
    }
}

/// The order asked for, refused where it cannot be had.
fn order(args: &SearchArgs) -> Result<Order> {
    let Some(flag) = walk_flag(args) else {
        return Ok(match args.sort {
            None | Some(SortArg::Relevance) => Order::Ranked(Sort::Relevance),
            Some(SortArg::Date) => Order::Ranked(Sort::Date),
            Some(SortArg::DateDesc) => Order::Ranked(Sort::DateDesc),
            Some(SortArg::Index) => {
                bail!("--sort index is the order of a walk over every hit: give it with --all")
            }
        });
    };
    if args.count {
        return Ok(Order::Index); // a number has no order
    }
    match args.sort {
        None | Some(SortArg::Date) => Ok(Order::Date),
        Some(SortArg::Index) if args.all => Ok(Order::Index),
        Some(SortArg::Index) => bail!("{flag} lists transcripts in date order (--sort date)"),
        Some(SortArg::Relevance) => bail!(
            "{flag} streams every hit and relevance needs the whole ranking first: give --sort date or --sort index"
        ),
        Some(SortArg::DateDesc) => {
            bail!("{flag} streams oldest first: give --sort date or --sort index")
        }
    }
}

pub fn run(args: &SearchArgs, index_dir: &Path, g: Global) -> Result<Outcome> {
    let start = Instant::now();
    let order = order(args)?;
    let format = if args.json {
        SearchFormat::Json
    } else {
        args.format
    };
    let delimiter = if format == SearchFormat::Tsv {
        b'\t'
    } else {
        b','
    };
    let columns = match &args.columns {
        Some(_) if !matches!(format, SearchFormat::Csv | SearchFormat::Tsv) => {
            bail!("--columns chooses the columns of --format csv or tsv")
        }
        Some(spec) => super::columns(spec, &render::csv::HIT_COLUMNS)?,
        None => Vec::new(),
    };
    let rows = Rows {
        delimiter,
        columns,
        header: true,
    };
    let prepared = super::prepare(&args.query, &args.filters, index_dir, g)?;
    let job = Job {
        args,
        g,
        p: &prepared,
        format,
        rows,
        start,
        deadline: Deadline::after(args.timeout),
    };
    match order {
        Order::Ranked(sort) => job.ranked(sort),
        Order::Date | Order::Index => job.walk(order),
    }
}

/// What a search needs, past its arguments' checks.
struct Job<'a> {
    args: &'a SearchArgs,
    g: Global,
    p: &'a Prepared,
    format: SearchFormat,
    rows: Rows,
    start: Instant,
    deadline: Deadline,
}

impl Job<'_> {
    /// Whether a hit still matches: with `--case-sensitive`, the highlighter left it a
    /// span of the query's case.
    fn keep(&self, h: &Hit) -> bool {
        let c = &self.p.compiled;
        c.case.is_none() || !c.has_text_patterns() || !h.spans.is_empty()
    }

    /// The matches of a hit: its spans, or 1 for a query of page or voice clauses only.
    fn matches(&self, h: &Hit) -> u64 {
        if self.p.compiled.has_text_patterns() {
            h.spans.len() as u64
        } else {
            1
        }
    }

    fn style(&self) -> TextStyle {
        TextStyle {
            color: self.g.color,
            width: if self.args.full { 0 } else { self.args.width },
            marks: !self.args.plain,
        }
    }

    fn explain(&self, h: &Hit) -> Result<Option<serde_json::Value>> {
        if !self.args.explain {
            return Ok(None);
        }
        let Some(addr) = h.doc else { return Ok(None) };
        let e = self.p.compiled.query.explain(&self.p.searcher, addr)?;
        Ok(Some(serde_json::from_str(&e.to_pretty_json())?))
    }

    #[allow(clippy::too_many_arguments)]
    fn summary(
        &self,
        out: &mut impl Write,
        sort: &str,
        limit: usize,
        hits: usize,
        total: usize,
        partial: bool,
    ) -> Result<()> {
        let (req, args) = (&self.p.req, self.args);
        let speakers = req.filters.speakers.join(", ");
        render::json::summary(
            out,
            &Summary {
                kind: "summary",
                query: &req.query,
                parsed: &self.p.compiled.parsed,
                speaker: (!speakers.is_empty()).then_some(speakers.as_str()),
                from: req.filters.from.map(|d| d.iso()),
                to: req.filters.to.map(|d| d.iso()),
                where_: args.filters.where_.clone(),
                exact: req.exact,
                case_sensitive: args.filters.case_sensitive,
                all: args.all,
                sort,
                offset: args.offset as usize,
                limit,
                hits,
                total,
                elapsed_ms: self.start.elapsed().as_secs_f64() * 1e3,
                partial,
                index_docs: index::pages::paragraph_count(&self.p.searcher, &self.p.reader.fields)?,
                index_fingerprint: index::fingerprint(&self.p.searcher),
                rostra_version: env!("CARGO_PKG_VERSION"),
                notes: &self.p.compiled.notes,
                languages: &self.p.compiled.languages,
            },
        )?;
        Ok(())
    }

    /// With `--case-sensitive`: the paragraphs with a match of the query's case, for the
    /// ranking to take only those.
    fn cased_set(&self) -> Result<(Option<Arc<HashSet<tantivy::DocAddress>>>, Walk)> {
        let p = self.p;
        if p.compiled.case.is_none() {
            return Ok((None, Walk::Complete));
        }
        let (addrs, walk) = stream::addresses(&p.searcher, &p.compiled, self.deadline)?;
        let (kept, w) = stream::with_case(
            &p.searcher,
            &p.reader.fields,
            &p.compiled,
            addrs,
            self.deadline,
        )?;
        let walk = if w == Walk::TimedOut { w } else { walk };
        Ok((Some(Arc::new(kept.into_iter().collect())), walk))
    }

    /// A page of the ranking.
    fn ranked(&self, sort: Sort) -> Result<Outcome> {
        let (args, p, g) = (self.args, self.p, self.g);
        let offset = args.offset as usize;
        let (among, first) = self.cased_set()?;
        let (mut found, walk) = hits::search_among(
            &p.searcher,
            &p.reader.fields,
            &p.compiled,
            args.limit as usize,
            offset,
            sort,
            self.deadline,
            among,
        )?;
        let partial = walk == Walk::TimedOut || first == Walk::TimedOut;
        hits::add_context(
            &p.searcher,
            &p.reader.fields,
            &mut found.hits,
            args.context as usize,
        )?;
        hits::add_turns(&p.searcher, &p.reader.fields, &mut found.hits, args.turns)?;
        let elapsed_ms = self.start.elapsed().as_secs_f64() * 1e3;

        if self.format == SearchFormat::Json {
            let registry =
                Registry::of_index(&p.searcher, &p.reader.fields, &p.req.filters.aliases)?;
            hits::attach_persons(&registry, &mut found.hits);
        }
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::new(stdout.lock());
        match self.format {
            SearchFormat::Json => {
                for h in &found.hits {
                    render::json::hit_explained(&mut out, h, self.explain(h)?.as_ref())?;
                }
                self.summary(
                    &mut out,
                    sort_name(sort),
                    args.limit as usize,
                    found.hits.len(),
                    found.total,
                    partial,
                )?;
            }
            SearchFormat::Csv | SearchFormat::Tsv => {
                render::csv::hit_rows(&mut out, offset + 1, &found.hits, &self.rows)?
            }
            SearchFormat::Text => {
                if args.explain {
                    writeln!(out, "query: {}", p.compiled.parsed)?;
                    let langs: Vec<String> = p
                        .compiled
                        .languages
                        .iter()
                        .map(|(l, how)| format!("{l}: {how}"))
                        .collect();
                    writeln!(out, "languages: {}\n", langs.join("; "))?;
                }
                for (i, h) in found.hits.iter().enumerate() {
                    render::text::hit(&mut out, offset + i + 1, h, self.style())?;
                    if let Some(e) = self.explain(h)? {
                        render::text::explanation(&mut out, &e, 1)?;
                        writeln!(out)?;
                    }
                }
            }
        }
        out.flush()?;
        if self.format != SearchFormat::Json {
            g.note(&format!(
                "{} of {} matching paragraphs in {:.1} ms",
                found.hits.len(),
                found.total,
                elapsed_ms
            ));
        }
        if partial {
            g.note(&format!(
                "timed out: partial results: the best {} of the paragraphs searched by then; at least {} match",
                found.hits.len(),
                found.total
            ));
            return Ok(Outcome::Partial);
        }
        Ok(if found.hits.is_empty() {
            Outcome::NotFound
        } else {
            Outcome::Found
        })
    }

    /// Every match, in date or index order: `--all`, `--count`, `-l`, `-c`.
    fn walk(&self, order: Order) -> Result<Outcome> {
        let (args, p, g) = (self.args, self.p, self.g);
        let (addrs, mut walk) = stream::addresses(&p.searcher, &p.compiled, self.deadline)?;
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::new(stdout.lock());
        if args.count && p.compiled.case.is_none() {
            // Nothing to read: the addresses are the matching paragraphs.
            writeln!(out, "{}", addrs.len())?;
            out.flush()?;
            return Ok(self.end(walk, addrs.len(), addrs.len()));
        }
        let registry = if self.format == SearchFormat::Json && args.all {
            Some(Registry::of_index(
                &p.searcher,
                &p.reader.fields,
                &p.req.filters.aliases,
            )?)
        } else {
            None
        };
        let mut rows = self.rows.clone();
        let mut shown = 0usize;
        // -c: the transcript being counted and its matches so far.
        let mut current: Option<(String, u64)> = None;
        let mut chunk: Vec<Hit> = Vec::new();
        let mut failed: Option<anyhow::Error> = None;
        let mut take = |mut h: Hit| -> Result<()> {
            if !self.keep(&h) {
                return Ok(());
            }
            shown += 1;
            if args.count {
                return Ok(());
            }
            if args.files_with_matches || args.per_transcript {
                let n = self.matches(&h);
                match &mut current {
                    Some((id, m)) if *id == h.transcript => *m += n,
                    _ => {
                        if let Some((id, m)) = current.replace((h.transcript.clone(), n)) {
                            transcript_line(&mut out, args.per_transcript, &id, m)?;
                        }
                    }
                }
                return Ok(());
            }
            let one = std::slice::from_mut(&mut h);
            hits::add_context(&p.searcher, &p.reader.fields, one, args.context as usize)?;
            hits::add_turns(&p.searcher, &p.reader.fields, one, args.turns)?;
            if let Some(r) = &registry {
                hits::attach_persons(r, one);
            }
            match self.format {
                SearchFormat::Json => {
                    render::json::hit_explained(&mut out, &h, self.explain(&h)?.as_ref())?
                }
                SearchFormat::Csv | SearchFormat::Tsv => {
                    chunk.push(h);
                    if chunk.len() == CHUNK {
                        render::csv::hit_rows(&mut out, shown + 1 - chunk.len(), &chunk, &rows)?;
                        rows.header = false;
                        chunk.clear();
                    }
                }
                SearchFormat::Text => {
                    render::text::hit(&mut out, shown, &h, self.style())?;
                    if let Some(e) = self.explain(&h)? {
                        render::text::explanation(&mut out, &e, 1)?;
                        writeln!(out)?;
                    }
                }
            }
            Ok(())
        };
        let mut each = |h: Hit| -> rostra::Result<bool> {
            match take(h) {
                Ok(()) => Ok(true),
                Err(e) => {
                    failed = Some(e); // a closed pipe, say: stop the walk
                    Ok(false)
                }
            }
        };
        let (s, f, q, d) = (&p.searcher, &p.reader.fields, &p.compiled, self.deadline);
        let w = match order {
            Order::Index => stream::in_index_order(s, f, q, &addrs, d, &mut each)?,
            _ => stream::in_date_order(s, f, q, &addrs, d, &mut each)?,
        };
        if let Some(e) = failed {
            return Err(e);
        }
        if w == Walk::TimedOut {
            walk = Walk::TimedOut;
        }
        let partial = walk == Walk::TimedOut;
        if let Some((id, m)) = current.take() {
            transcript_line(&mut out, args.per_transcript, &id, m)?;
        }
        if args.count {
            writeln!(out, "{shown}")?;
        } else if args.all {
            match self.format {
                SearchFormat::Csv | SearchFormat::Tsv if !chunk.is_empty() || rows.header => {
                    render::csv::hit_rows(&mut out, shown + 1 - chunk.len(), &chunk, &rows)?
                }
                SearchFormat::Json => self.summary(
                    &mut out,
                    if order == Order::Index {
                        "index"
                    } else {
                        "date"
                    },
                    shown,
                    shown,
                    shown,
                    partial,
                )?,
                _ => {}
            }
            if self.format != SearchFormat::Json {
                g.note(&format!(
                    "{shown} matching paragraphs in {:.1} ms",
                    self.start.elapsed().as_secs_f64() * 1e3
                ));
            }
        }
        out.flush()?;
        Ok(self.end(walk, shown, addrs.len()))
    }

    /// The outcome of a walk that found `shown` of `matched` paragraphs.
    fn end(&self, walk: Walk, shown: usize, matched: usize) -> Outcome {
        if walk == Walk::TimedOut {
            self.g.note(&format!(
                "timed out: partial results, {shown} paragraphs of at least {matched} matching"
            ));
            Outcome::Partial
        } else if shown == 0 {
            Outcome::NotFound
        } else {
            Outcome::Found
        }
    }
}

/// Hits printed at once as CSV (one header for the stream).
const CHUNK: usize = 1024;

/// A line of `-l` (the id) or `-c` (`ID<TAB>N`).
fn transcript_line(out: &mut impl Write, with_count: bool, id: &str, n: u64) -> Result<()> {
    if with_count {
        writeln!(out, "{id}\t{n}")?;
    } else {
        writeln!(out, "{id}")?;
    }
    Ok(())
}

fn sort_name(s: Sort) -> &'static str {
    match s {
        Sort::Relevance => "relevance",
        Sort::Date => "date",
        Sort::DateDesc => "-date",
    }
}
