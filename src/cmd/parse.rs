//! `rostra parse FILE... [--json]`

use std::io::Write;

use anyhow::Result;

use super::{Global, Outcome};
use crate::cli::ParseArgs;
use rostra::{render, transcript};

pub fn run(args: &ParseArgs, g: Global) -> Result<Outcome> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = false;
    let mut first = true;
    for path in &args.files {
        // The guards of ingest: a regular file (no FIFO to wait on, no /dev/zero to read
        // forever), of at most the size of a transcript.
        let read = rostra::source::regular(path)
            .and_then(|()| rostra::source::read(path))
            .and_then(|bytes| transcript::read(path, bytes));
        let file = match read {
            Ok(f) => f,
            Err(e) => {
                eprintln!("rostra: {e}");
                failed = true;
                continue;
            }
        };
        for w in &file.warnings {
            eprintln!("rostra: {w}");
        }
        for n in &file.notes {
            eprintln!("rostra: note: {n}");
        }
        for e in &file.errors {
            eprintln!("rostra: {e}");
            failed = true;
        }
        if file.reader.skips() {
            eprintln!("rostra: {}: {}", path.display(), file.reader.name());
        }
        for t in &file.transcripts {
            if args.json {
                render::json::transcript(&mut out, t, Some(file.reader.name()))?;
            } else {
                if !first {
                    writeln!(out)?;
                }
                render::text::outline(&mut out, t, Some(file.reader.name()), g.color)?;
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
