//! `rostra search QUERY [--speaker NAME] [--from DATE] [--to DATE] ...`

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};

use super::{Global, Outcome};
use crate::cli::{SearchArgs, SortArg};
use rostra::hits::{self, Sort};
use rostra::index::{self, IngestOptions, Reader};
use rostra::query::filter::parse_date;
use rostra::query::{self, DateBound, Filters, Request};
use rostra::render::{self, json::Summary, TextStyle};
use rostra::Error;

/// Where `search` builds an index from when there is none.
const DEFAULT_CORPUS: &str = "corpus";

pub fn run(args: &SearchArgs, index_dir: &Path, g: Global) -> Result<Outcome> {
    let start = Instant::now();
    let filters = Filters {
        speaker: args.speaker.clone(),
        from: args
            .from
            .as_deref()
            .map(|d| parse_date(d, DateBound::Start))
            .transpose()?,
        to: args
            .to
            .as_deref()
            .map(|d| parse_date(d, DateBound::End))
            .transpose()?,
    };
    let req = Request {
        query: args.query.clone(),
        filters,
        exact: args.exact,
    };
    // Refuse a bad query before touching (or building) any index.
    query::parse(&req.query)?;
    ensure_index(index_dir, g)?;
    let reader = Reader::open(index_dir)
        .with_context(|| format!("opening the index in {}", index_dir.display()))?;
    let searcher = reader.searcher();
    let compiled = query::compile(&req, &reader.fields, &searcher)?;
    for n in &compiled.notes {
        g.note(n);
    }
    let sort = match args.sort {
        SortArg::Relevance => Sort::Relevance,
        SortArg::Date => Sort::Date,
        SortArg::DateDesc => Sort::DateDesc,
    };
    let mut found = hits::search_sorted(
        &searcher,
        &reader.fields,
        &compiled,
        args.limit as usize,
        args.offset,
        sort,
    )?;
    hits::add_context(&searcher, &reader.fields, &mut found.hits, args.context)?;
    let elapsed_ms = start.elapsed().as_secs_f64() * 1e3;

    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.json {
        for h in &found.hits {
            render::json::hit(&mut out, h)?;
        }
        render::json::summary(
            &mut out,
            &Summary {
                kind: "summary",
                query: &req.query,
                speaker: req.filters.speaker.as_deref(),
                from: req.filters.from.map(|d| d.iso()),
                to: req.filters.to.map(|d| d.iso()),
                exact: req.exact,
                hits: found.hits.len(),
                total: found.total,
                elapsed_ms,
                index_docs: rostra::index::pages::paragraph_count(&searcher, &reader.fields)?,
            },
        )?;
    } else {
        let style = TextStyle {
            color: g.color,
            width: if args.full { 0 } else { args.width },
        };
        for (i, h) in found.hits.iter().enumerate() {
            render::text::hit(&mut out, args.offset + i + 1, h, style)?;
        }
        out.flush()?;
        if !g.quiet {
            eprintln!(
                "rostra: {} of {} matching paragraphs in {:.1} ms",
                found.hits.len(),
                found.total,
                elapsed_ms
            );
        }
    }
    out.flush()?;
    Ok(if found.hits.is_empty() {
        Outcome::NotFound
    } else {
        Outcome::Found
    })
}

/// With no index yet, build one from ./corpus (the sample), and say so.
fn ensure_index(dir: &Path, g: Global) -> Result<()> {
    if index::exists(dir) {
        return Ok(());
    }
    let corpus = PathBuf::from(DEFAULT_CORPUS);
    if !corpus.is_dir() {
        return Err(Error::NoIndex {
            path: dir.to_path_buf(),
        }
        .into());
    }
    g.note(&format!(
        "no index in {}: building one from {}/ first",
        dir.display(),
        corpus.display()
    ));
    let report = super::ingest::build(dir, &[corpus], &IngestOptions::default(), g, false)?;
    g.note(&super::ingest::summary_line(&report));
    Ok(())
}
