//! `rostra search QUERY [--speaker NAME] [--from DATE] [--to DATE] ...`

use std::io::Write;
use std::path::Path;
use std::time::Instant;

use anyhow::Result;

use super::{Global, Outcome};
use crate::cli::{SearchArgs, SearchFormat, SortArg};
use rostra::hits::stream::{Deadline, Walk};
use rostra::hits::{self, Sort};
use rostra::index;
use rostra::index::registry::Registry;
use rostra::render::{self, json::Summary, TextStyle};

pub fn run(args: &SearchArgs, index_dir: &Path, g: Global) -> Result<Outcome> {
    let start = Instant::now();
    let super::Prepared {
        req,
        reader,
        searcher,
        compiled,
    } = super::prepare(&args.query, &args.filters, index_dir, g)?;
    let speakers = req.filters.speakers.join(", ");
    let sort = match args.sort {
        SortArg::Relevance => Sort::Relevance,
        SortArg::Date => Sort::Date,
        SortArg::DateDesc => Sort::DateDesc,
    };
    let offset = args.offset as usize;
    let (mut found, walk) = hits::search_until(
        &searcher,
        &reader.fields,
        &compiled,
        args.limit as usize,
        offset,
        sort,
        Deadline::after(args.timeout),
    )?;
    let partial = walk == Walk::TimedOut;
    hits::add_context(
        &searcher,
        &reader.fields,
        &mut found.hits,
        args.context as usize,
    )?;
    hits::add_turns(&searcher, &reader.fields, &mut found.hits, args.turns)?;
    let elapsed_ms = start.elapsed().as_secs_f64() * 1e3;

    let format = if args.json {
        SearchFormat::Json
    } else {
        args.format
    };
    if format == SearchFormat::Json {
        let registry = Registry::of_index(&searcher, &reader.fields, &req.filters.aliases)?;
        hits::attach_persons(&registry, &mut found.hits);
    }
    let explain = |h: &hits::Hit| -> Result<Option<serde_json::Value>> {
        if !args.explain {
            return Ok(None);
        }
        let Some(addr) = h.doc else { return Ok(None) };
        let e = compiled.query.explain(&searcher, addr)?;
        Ok(Some(serde_json::from_str(&e.to_pretty_json())?))
    };

    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match format {
        SearchFormat::Json => {
            for h in &found.hits {
                render::json::hit_explained(&mut out, h, explain(h)?.as_ref())?;
            }
            render::json::summary(
                &mut out,
                &Summary {
                    kind: "summary",
                    query: &req.query,
                    parsed: &compiled.parsed,
                    speaker: (!speakers.is_empty()).then_some(speakers.as_str()),
                    from: req.filters.from.map(|d| d.iso()),
                    to: req.filters.to.map(|d| d.iso()),
                    where_: args.filters.where_.clone(),
                    exact: req.exact,
                    sort: sort_name(args.sort),
                    offset,
                    limit: args.limit as usize,
                    hits: found.hits.len(),
                    total: found.total,
                    elapsed_ms,
                    partial,
                    index_docs: index::pages::paragraph_count(&searcher, &reader.fields)?,
                    index_fingerprint: index::fingerprint(&searcher),
                    rostra_version: env!("CARGO_PKG_VERSION"),
                    notes: &compiled.notes,
                    languages: &compiled.languages,
                },
            )?;
        }
        SearchFormat::Csv => render::csv::hits(&mut out, offset + 1, &found.hits)?,
        SearchFormat::Text => {
            if args.explain {
                writeln!(out, "query: {}", compiled.parsed)?;
                let langs: Vec<String> = compiled
                    .languages
                    .iter()
                    .map(|(l, how)| format!("{l}: {how}"))
                    .collect();
                writeln!(out, "languages: {}\n", langs.join("; "))?;
            }
            let style = TextStyle {
                color: g.color,
                width: if args.full { 0 } else { args.width },
            };
            for (i, h) in found.hits.iter().enumerate() {
                render::text::hit(&mut out, offset + i + 1, h, style)?;
                if let Some(e) = explain(h)? {
                    render::text::explanation(&mut out, &e, 1)?;
                    writeln!(out)?;
                }
            }
        }
    }
    out.flush()?;
    if format != SearchFormat::Json {
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

fn sort_name(s: SortArg) -> &'static str {
    match s {
        SortArg::Relevance => "relevance",
        SortArg::Date => "date",
        SortArg::DateDesc => "-date",
    }
}
