//! `rostra kwic QUERY`: one aligned line per match.

use std::io::Write;
use std::path::Path;

use anyhow::Result;

use super::{Global, Outcome};
use crate::cli::{KwicArgs, KwicFormat, KwicSort};
use rostra::hits::{self, kwic};
use rostra::render;

pub fn run(args: &KwicArgs, index_dir: &Path, g: Global) -> Result<Outcome> {
    let super::Prepared {
        reader,
        searcher,
        compiled,
        ..
    } = super::prepare(&args.query, &args.filters, index_dir, g)?;
    let found = hits::matching(&searcher, &reader.fields, &compiled)?;
    if !compiled.has_text_patterns() {
        // Page or voice clauses only: no words to align on, but paragraphs do match.
        g.note(&format!(
            "'{}' has only page or voice clauses, no words of the paragraph text to show in context: {} paragraphs match (`rostra search` shows them)",
            compiled.parsed,
            found.len()
        ));
        return Ok(if found.is_empty() {
            Outcome::NotFound
        } else {
            Outcome::Found
        });
    }
    let mut lines = kwic::lines(&found, args.width);
    kwic::sort(
        &mut lines,
        match args.sort {
            KwicSort::Date => kwic::Order::Date,
            KwicSort::Left => kwic::Order::Left,
            KwicSort::Right => kwic::Order::Right,
        },
    );
    let total = lines.len();
    if let Some(n) = args.limit {
        lines.truncate(n);
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        KwicFormat::Text => render::text::kwic(&mut out, &lines, args.width, g.color)?,
        KwicFormat::Tsv => render::csv::kwic(&mut out, &lines, b'\t')?,
        KwicFormat::Csv => render::csv::kwic(&mut out, &lines, b',')?,
        KwicFormat::Json => {
            for l in &lines {
                render::json::kwic(&mut out, l)?;
            }
        }
    }
    out.flush()?;
    g.note(&format!(
        "{} of {total} matches in {} paragraphs",
        lines.len(),
        found.len()
    ));
    Ok(if lines.is_empty() {
        Outcome::NotFound
    } else {
        Outcome::Found
    })
}
