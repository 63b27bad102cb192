//! `rostra stats QUERY --by year|month|speaker|topic|place`

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

use super::{Global, Outcome};
use crate::cli::{StatsArgs, StatsFormat};
use rostra::hits::{self, stats};
use rostra::index::{self, pages};
use rostra::render::{self, svg};

pub fn run(args: &StatsArgs, index_dir: &Path, g: Global) -> Result<Outcome> {
    let super::Prepared {
        req,
        reader,
        searcher,
        compiled,
    } = super::prepare(&args.query, &args.filters, index_dir, g)?;
    let by = stats::By::parse(&args.by).map_err(rostra::Error::Query)?;
    if let stats::By::Facet(name) = &by {
        let names = index::facets::names(&searcher)?;
        if !names.contains(name) {
            return Err(rostra::Error::Query(format!(
                "--by {name}: no such facet in the index; by year, month, speaker, topic, place{}",
                names.iter().map(|n| format!(", {n}")).collect::<String>()
            ))
            .into());
        }
    }
    let found = hits::matching(&searcher, &reader.fields, &compiled)?;
    let pages: HashMap<String, index::PageMeta> =
        if matches!(by, stats::By::Topic | stats::By::Place) {
            pages::all(&searcher, &reader.fields)?
                .into_iter()
                .map(|p| (p.id.clone(), p))
                .collect()
        } else {
            HashMap::new()
        };
    let s = stats::count(
        &searcher,
        &reader.fields,
        &found,
        by.clone(),
        &compiled.filters,
        &pages,
    )?;
    let fingerprint = index::fingerprint(&reader.index)?;

    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        StatsFormat::Table => render::text::stats(&mut out, &s, args.top, g.color)?,
        StatsFormat::Csv => render::csv::stats(&mut out, &s, args.top)?,
        StatsFormat::Json => {
            render::json::stats(
                &mut out,
                &render::json::StatsReport {
                    query: &req.query,
                    speaker: req.filters.speaker.as_deref(),
                    from: req.filters.from.map(|d| d.iso()),
                    to: req.filters.to.map(|d| d.iso()),
                    where_: args.filters.where_.clone(),
                    exact: req.exact,
                    by: by.name(),
                    buckets: s.shown(args.top),
                    matches: s.matches,
                    paragraphs: s.paragraphs,
                    words: s.words,
                    per_million: s.per_million,
                    index_fingerprint: fingerprint.clone(),
                    rostra_version: env!("CARGO_PKG_VERSION"),
                },
            )?;
        }
    }
    out.flush()?;
    if let Some(path) = &args.plot {
        let points: Vec<(String, f64)> = s
            .shown(args.top)
            .iter()
            .filter(|b| b.bucket != stats::UNDATED)
            .map(|b| {
                let v = if by.is_time() {
                    b.per_million
                } else {
                    b.matches as f64
                };
                (b.bucket.clone(), v)
            })
            .collect();
        let measure = if by.is_time() {
            "matches per million words"
        } else {
            "matches"
        };
        let title = format!("{} — {measure} by {}", req.query, by.name());
        let note = format!(
            "rostra {} · {} matches in {} paragraphs · index {}",
            env!("CARGO_PKG_VERSION"),
            s.matches,
            s.paragraphs,
            fingerprint
        );
        let chart = svg::Chart {
            title: &title,
            x_label: by.name(),
            y_label: measure,
            kind: if by.is_time() {
                svg::ChartKind::TimeSeries
            } else {
                svg::ChartKind::Bars
            },
            series: &[svg::Series {
                name: &req.query,
                points: &points,
            }],
            note: Some(&note),
        };
        std::fs::write(path, svg::svg(&chart))
            .with_context(|| format!("writing {}", path.display()))?;
        g.note(&format!("chart written to {}", path.display()));
    }
    Ok(if s.matches == 0 {
        Outcome::NotFound
    } else {
        Outcome::Found
    })
}
