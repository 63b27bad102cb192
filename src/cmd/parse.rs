//! `rostra parse FILE... [--json]`

use std::io::Write;

use anyhow::Result;

use super::{Global, Outcome};
use crate::cli::ParseArgs;
use rostra::{render, source, transcript};

pub fn run(args: &ParseArgs, g: Global) -> Result<Outcome> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = false;
    let mut first = true;
    for path in &args.files {
        let text = match source::read_text(path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("rostra: {e}");
                failed = true;
                continue;
            }
        };
        for w in &text.warnings {
            eprintln!("rostra: {}: {w}", path.display());
        }
        let name = path.to_string_lossy();
        let pages = if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("jsonl"))
        {
            let stem = transcript::id_from_path(path);
            let (pages, bad) = transcript::jsonl::parse_jsonl(&name, &stem, &text.text);
            for b in bad {
                eprintln!(
                    "rostra: {}: line {}: {} (record skipped)",
                    path.display(),
                    b.line,
                    b.reason
                );
                failed = true;
            }
            pages
        } else {
            vec![transcript::parse_text(
                &name,
                &text.page_id(path),
                &text.text,
            )]
        };
        for t in &pages {
            if args.json {
                render::json::transcript(&mut out, t)?;
            } else {
                if !first {
                    writeln!(out)?;
                }
                render::text::outline(&mut out, t, g.color)?;
            }
            first = false;
        }
    }
    out.flush()?;
    Ok(if failed {
        Outcome::Partial
    } else {
        Outcome::Found
    })
}
