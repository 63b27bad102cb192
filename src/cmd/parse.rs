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
        let t = transcript::parse_text(&path.to_string_lossy(), &text.page_id(path), &text.text);
        if args.json {
            render::json::transcript(&mut out, &t)?;
        } else {
            if !first {
                writeln!(out)?;
            }
            render::text::outline(&mut out, &t, g.color)?;
        }
        first = false;
    }
    out.flush()?;
    Ok(if failed {
        Outcome::Partial
    } else {
        Outcome::Found
    })
}
