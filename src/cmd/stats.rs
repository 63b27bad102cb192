//! `rostra stats QUERY --by year|month|speaker|topic|place [--vs QUERY]... [--split speaker]`

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

use super::{Global, Outcome};
use crate::cli::{PlotFormat, SplitArg, StatsArgs, StatsFormat};
use rostra::hits::stats;
use rostra::hits::stream::{self, Deadline, Walk};
use rostra::index::{self, pages};
use rostra::query::{self, Request};
use rostra::render::{self, svg};

/// The points of one series on the time axis (bucket, rate) and its words per bucket.
type SeriesPoints = (Vec<(String, f64)>, Vec<u64>);

/// One series: a query with its filters, and its counts.
struct Counted {
    /// The legend entry: the query, or with --split the speaker.
    name: String,
    req: Request,
    stats: stats::Stats,
    notes: Vec<String>,
    /// Stopped by --timeout before every match was counted.
    partial: bool,
    /// The paragraphs found matching (all of them unless `all_found` is false).
    matching: usize,
    /// Did the look-up of the matching paragraphs end before the timeout?
    all_found: bool,
}

impl Counted {
    /// The --speaker names of this series, as the JSON report gives them.
    fn speakers(&self) -> Option<String> {
        let s = &self.req.filters.speakers;
        (!s.is_empty()).then(|| s.join(", "))
    }
}

pub fn run(args: &StatsArgs, index_dir: &Path, g: Global) -> Result<Outcome> {
    let by = stats::By::parse(&args.by).map_err(rostra::Error::Query)?;
    if (!args.vs.is_empty() || args.split.is_some()) && !by.is_time() {
        anyhow::bail!("--vs and --split draw series over time: use --by year or --by month");
    }
    if args.vs.len() >= svg::MAX_SERIES {
        anyhow::bail!(
            "--vs: at most {} more queries beside QUERY (a chart tells {} series apart)",
            svg::MAX_SERIES - 1,
            svg::MAX_SERIES
        );
    }
    // Every query is checked before the index is opened (or built).
    let others: Vec<Request> = args
        .vs
        .iter()
        .map(|q| super::request(q, &args.filters).with_context(|| format!("--vs {q}")))
        .collect::<Result<_>>()?;
    let super::Prepared {
        req,
        reader,
        searcher,
        compiled,
    } = super::prepare(&args.query, &args.filters, index_dir, g)?;
    let deadline = Deadline::after(args.timeout);
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
    let pages: HashMap<String, index::PageMeta> =
        if matches!(by, stats::By::Topic | stats::By::Place) {
            pages::all(&searcher, &reader.fields)?
                .into_iter()
                .map(|p| (p.id.clone(), p))
                .collect()
        } else {
            HashMap::new()
        };
    let count = |req: Request, compiled: &query::Compiled, name: String| -> Result<Counted> {
        let (addrs, walk) = stream::addresses(&searcher, compiled, deadline)?;
        let (s, counted) = stats::count_matching(
            &searcher,
            &reader.fields,
            compiled,
            &addrs,
            by.clone(),
            &pages,
            deadline,
        )?;
        Ok(Counted {
            name,
            req,
            stats: s,
            notes: compiled.notes.clone(),
            partial: walk == Walk::TimedOut || counted == Walk::TimedOut,
            matching: addrs.len(),
            all_found: walk == Walk::Complete,
        })
    };
    let compile = |req: &Request| -> Result<query::Compiled> {
        let compiled = query::compile(req, &reader, &searcher)?;
        for n in &compiled.notes {
            g.note(n);
        }
        Ok(compiled)
    };

    let mut series = Vec::new();
    match args.split {
        None => {
            series.push(count(req.clone(), &compiled, req.query.clone())?);
            for other in others {
                let c = compile(&other)?;
                let name = other.query.clone();
                series.push(count(other, &c, name)?);
            }
        }
        Some(SplitArg::Speaker) => {
            // The speakers with most matches (narration is no speaker), then the query
            // counted for each as if given --speaker with their full name.
            let (addrs, _) = stream::addresses(&searcher, &compiled, deadline)?;
            let (speakers, _) = stats::count_matching(
                &searcher,
                &reader.fields,
                &compiled,
                &addrs,
                stats::By::Speaker,
                &pages,
                deadline,
            )?;
            let top: Vec<String> = speakers
                .buckets
                .iter()
                .filter(|b| b.bucket != stats::NARRATION && b.matches > 0)
                .take(args.split_top as usize)
                .map(|b| b.bucket.clone())
                .collect();
            for name in top {
                let mut one = req.clone();
                one.filters.speakers = vec![name.clone()];
                // Compiled quietly: the notes are the query's, said once above.
                let c = query::compile(&one, &reader, &searcher)?;
                series.push(count(one, &c, name)?);
            }
        }
    }
    if !compiled.has_text_patterns() {
        g.note(&format!(
            "'{}' has only page or voice clauses, no words of the paragraph text: each matching paragraph counts as one match",
            compiled.parsed
        ));
    }
    let fingerprint = index::fingerprint(&searcher);

    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let several = series.len() != 1 || args.split.is_some();
    match args.format {
        StatsFormat::Table => {
            for (i, c) in series.iter().enumerate() {
                if several {
                    if i > 0 {
                        writeln!(out)?;
                    }
                    writeln!(out, "{}:", c.name)?;
                }
                render::text::stats(&mut out, &c.stats, args.top, g.color)?;
            }
        }
        StatsFormat::Csv if several => {
            let named: Vec<(&str, &stats::Stats)> =
                series.iter().map(|c| (c.name.as_str(), &c.stats)).collect();
            render::csv::stats_series(&mut out, &named, args.top)?;
        }
        StatsFormat::Csv => render::csv::stats(&mut out, &series[0].stats, args.top)?,
        StatsFormat::Json => {
            for c in &series {
                let s = &c.stats;
                render::json::stats(
                    &mut out,
                    &render::json::StatsReport {
                        query: &c.req.query,
                        speaker: c.speakers().as_deref(),
                        from: c.req.filters.from.map(|d| d.iso()),
                        to: c.req.filters.to.map(|d| d.iso()),
                        where_: args.filters.where_.clone(),
                        exact: c.req.exact,
                        by: by.name(),
                        buckets: s.shown(args.top),
                        matches: s.matches,
                        paragraphs: s.paragraphs,
                        words: s.words,
                        per_million: s.per_million,
                        index_fingerprint: fingerprint.clone(),
                        rostra_version: env!("CARGO_PKG_VERSION"),
                        notes: &c.notes,
                        partial: c.partial,
                    },
                )?;
            }
        }
    }
    out.flush()?;
    if let Some(path) = &args.plot {
        plot(path, args, &by, &req, &series, &fingerprint)?;
        g.note(&format!("chart written to {}", path.display()));
    }
    let partial: Vec<&Counted> = series.iter().filter(|c| c.partial).collect();
    if !partial.is_empty() {
        for c in partial {
            g.note(&format!(
                "timed out: partial counts for {}: at least {} matches, counted in the {} paragraphs read of {}{} matching",
                c.name,
                c.stats.matches,
                c.stats.paragraphs,
                if c.all_found { "" } else { "at least " },
                c.matching
            ));
        }
        return Ok(Outcome::Partial);
    }
    Ok(if series.iter().all(|c| c.stats.matches == 0) {
        Outcome::NotFound
    } else {
        Outcome::Found
    })
}

/// The filters and the text counted, for the chart's subtitle:
/// `speaker putin · 2016-01-01 to 2020-12-31 · 12 matches in 9 paragraphs of 3,456 words`.
fn subtitle(req: &Request, series: &[Counted], split: bool) -> String {
    let f = &req.filters;
    let mut parts = Vec::new();
    if !f.speakers.is_empty() {
        parts.push(format!("speaker {}", f.speakers.join(", ")));
    }
    match (f.from, f.to) {
        (Some(a), Some(b)) => parts.push(format!("{} to {}", a.iso(), b.iso())),
        (Some(a), None) => parts.push(format!("from {}", a.iso())),
        (None, Some(b)) => parts.push(format!("to {}", b.iso())),
        (None, None) => {}
    }
    if req.exact {
        parts.push("words as written (--exact)".into());
    }
    let n = |v: u64| svg::number(v as f64);
    match series {
        [one] if !split => parts.push(format!(
            "{} matches in {} paragraphs of {} words",
            n(one.stats.matches),
            n(one.stats.paragraphs),
            n(one.stats.words)
        )),
        _ if split => {
            let words: u64 = series.iter().map(|c| c.stats.words).sum();
            parts.push(format!(
                "the {} speakers with most matches, {} words by them",
                series.len(),
                n(words)
            ));
        }
        _ => parts.push(format!(
            "each query counted in the same {} words",
            n(series.first().map_or(0, |c| c.stats.words))
        )),
    }
    parts.join(" · ")
}

/// Write the chart of `series` to `path`, as SVG or PNG by its extension.
fn plot(
    path: &Path,
    args: &StatsArgs,
    by: &stats::By,
    req: &Request,
    series: &[Counted],
    fingerprint: &str,
) -> Result<()> {
    // The undated bucket has no place on a time axis; its count is in the table.
    let points: Vec<SeriesPoints> = series
        .iter()
        .map(|c| {
            c.stats
                .shown(args.top)
                .iter()
                .filter(|b| b.bucket != stats::UNDATED)
                .map(|b| {
                    let v = if by.is_time() {
                        b.per_million
                    } else {
                        b.matches as f64
                    };
                    ((b.bucket.clone(), v), b.words)
                })
                .unzip()
        })
        .collect();
    let split = args.split.is_some();
    let names: Vec<String> = series
        .iter()
        .map(|c| {
            format!(
                "{} ({} matches)",
                c.name,
                svg::number(c.stats.matches as f64)
            )
        })
        .collect();
    let drawn: Vec<svg::Series> = names
        .iter()
        .zip(&points)
        .map(|(name, (p, w))| svg::Series {
            name,
            points: p,
            words: if by.is_time() { w } else { &[] },
        })
        .collect();
    let measure = if by.is_time() {
        "matches per million words"
    } else {
        "matches"
    };
    let what = if split {
        format!("{} by speaker", req.query)
    } else {
        series
            .iter()
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>()
            .join(" vs ")
    };
    let title = format!("{what} — {measure} by {}", by.name());
    let sub = subtitle(req, series, split);
    let note = format!(
        "rostra {} · index {}",
        env!("CARGO_PKG_VERSION"),
        fingerprint
    );
    let chart = svg::Chart {
        title: &title,
        subtitle: Some(&sub),
        x_label: by.name(),
        y_label: measure,
        kind: if by.is_time() {
            svg::ChartKind::TimeSeries
        } else {
            svg::ChartKind::Bars
        },
        series: &drawn,
        note: Some(&note),
        min_words: args.min_words,
    };
    let doc = svg::svg(&chart);
    let bytes = match PlotFormat::of(path) {
        Some(PlotFormat::Png) => svg::png(&doc).context("drawing the chart as PNG")?,
        // The extension was checked with the arguments.
        Some(PlotFormat::Svg) | None => doc.into_bytes(),
    };
    std::fs::write(path, bytes).with_context(|| format!("writing {}", path.display()))
}
