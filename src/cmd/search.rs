//! `rostra search QUERY [--speaker NAME] [--from DATE] [--to DATE] ...`

use std::io::Write;
use std::path::Path;
use std::time::Instant;

use anyhow::Result;

use super::{Global, Outcome};
use crate::cli::{SearchArgs, SearchFormat, SortArg};
use rostra::hits::{self, Sort};
use rostra::index;
use rostra::render::{self, json::Summary, TextStyle};

pub fn run(args: &SearchArgs, index_dir: &Path, g: Global) -> Result<Outcome> {
    let start = Instant::now();
    let super::Prepared {
        req,
        reader,
        searcher,
        compiled,
    } = super::prepare(&args.query, &args.filters, index_dir, g)?;
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

    let format = if args.json {
        SearchFormat::Json
    } else {
        args.format
    };
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
                    speaker: req.filters.speaker.as_deref(),
                    from: req.filters.from.map(|d| d.iso()),
                    to: req.filters.to.map(|d| d.iso()),
                    where_: args.filters.where_.clone(),
                    exact: req.exact,
                    sort: sort_name(args.sort),
                    offset: args.offset,
                    limit: args.limit as usize,
                    hits: found.hits.len(),
                    total: found.total,
                    elapsed_ms,
                    index_docs: index::pages::paragraph_count(&searcher, &reader.fields)?,
                    index_fingerprint: index::fingerprint(&reader.index)?,
                    rostra_version: env!("CARGO_PKG_VERSION"),
                },
            )?;
        }
        SearchFormat::Csv => render::csv::hits(&mut out, args.offset + 1, &found.hits)?,
        SearchFormat::Text => {
            let style = TextStyle {
                color: g.color,
                width: if args.full { 0 } else { args.width },
            };
            for (i, h) in found.hits.iter().enumerate() {
                render::text::hit(&mut out, args.offset + i + 1, h, style)?;
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
