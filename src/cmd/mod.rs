//! One module per subcommand: each turns its arguments into plain library types, calls
//! the library, and renders. `main.rs` only dispatches.

pub mod bench;
pub mod export;
pub mod facets;
pub mod ingest;
pub mod kwic;
pub mod parse;
pub mod search;
pub mod show;
pub mod speakers;
pub mod stats;
pub mod verify;

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::cli::{ColorChoice, FilterArgs};
use rostra::index::{self, Reader, WriterOptions};
use rostra::ingest::IngestOptions;
use rostra::query::filter::parse_date;
use rostra::query::{self, DateBound, Filters, Request};
use rostra::render::Color;
use rostra::Error;

/// Where commands build an index from when there is none.
const DEFAULT_CORPUS: &str = "corpus";

/// A query and its filters as a library request; a bad query is refused here, before
/// any index is touched (or built).
pub fn request(q: &str, f: &FilterArgs) -> Result<Request> {
    let filters = Filters {
        speaker: f.speaker.clone(),
        from: f
            .from
            .as_deref()
            .map(|d| parse_date(d, DateBound::Start))
            .transpose()?,
        to: f
            .to
            .as_deref()
            .map(|d| parse_date(d, DateBound::End))
            .transpose()?,
        facets: f
            .where_
            .iter()
            .map(|w| rostra::transcript::facet::parse_where(w).map_err(rostra::Error::Query))
            .collect::<std::result::Result<_, _>>()?,
    };
    let req = Request {
        query: q.to_string(),
        filters,
        exact: f.exact,
    };
    query::parse(&req.query)?;
    Ok(req)
}

/// What search, kwic and stats share: the request, the opened index, a searcher on it and
/// the compiled query (its notes already said on stderr).
pub struct Prepared {
    pub req: Request,
    pub reader: Reader,
    pub searcher: tantivy::Searcher,
    pub compiled: query::Compiled,
}

/// Check the query, open (or first build) the index, and compile the query against it.
pub fn prepare(q: &str, f: &FilterArgs, dir: &Path, g: Global) -> Result<Prepared> {
    let req = request(q, f)?;
    let reader = open_for_query(dir, g)?;
    let searcher = reader.searcher();
    let compiled = query::compile(&req, &reader, &searcher)?;
    for n in &compiled.notes {
        g.note(n);
    }
    Ok(Prepared {
        req,
        reader,
        searcher,
        compiled,
    })
}

/// Open the index for queries, first building it from ./corpus when there is none.
pub fn open_for_query(dir: &Path, g: Global) -> Result<Reader> {
    ensure_index(dir, g)?;
    Reader::open(dir).with_context(|| format!("opening the index in {}", dir.display()))
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
    let report = ingest::build(
        dir,
        std::slice::from_ref(&corpus),
        &WriterOptions::default(),
        &IngestOptions::default(),
        g,
        false,
    )
    .map_err(|e| {
        // A read-only place is said as such, not as a failed ingest.
        if e.chain().any(|c| {
            c.downcast_ref::<Error>()
                .is_some_and(Error::is_refused_write)
        }) {
            e.context(format!(
                "no index in {} and cannot build one there from {}/",
                dir.display(),
                corpus.display()
            ))
        } else {
            e
        }
    })?;
    g.note(&ingest::summary_line(&report));
    Ok(())
}

/// What a command found, for the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Results (exit 0).
    Found,
    /// Nothing matched (exit 1).
    NotFound,
    /// It ran, but some input was bad and was skipped (exit 2).
    Partial,
}

/// Settings every command shares.
#[derive(Debug, Clone, Copy)]
pub struct Global {
    pub color: Color,
    pub quiet: bool,
}

impl Global {
    pub fn new(choice: ColorChoice, quiet: bool) -> Global {
        let color = match choice {
            ColorChoice::Always => Color::On,
            ColorChoice::Never => Color::Off,
            ColorChoice::Auto => {
                let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
                if std::io::stdout().is_terminal() && !no_color {
                    Color::On
                } else {
                    Color::Off
                }
            }
        };
        Global { color, quiet }
    }

    /// A progress bar on stderr, hidden when stderr is not a terminal or with --quiet.
    pub fn progress(&self, hidden: bool) -> ProgressBar {
        if self.quiet || hidden || !std::io::stderr().is_terminal() {
            return ProgressBar::hidden();
        }
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} ingest [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
            )
            .expect("valid template")
            .progress_chars("=> "),
        );
        bar
    }

    /// A note on stderr, unless --quiet: one write (stderr is unbuffered, and
    /// `eprintln!` writes each piece of its format on its own).
    pub fn note(&self, msg: &str) {
        if !self.quiet {
            use std::io::Write;
            let _ = std::io::stderr().write_all(format!("rostra: {msg}\n").as_bytes());
        }
    }
}

/// An ingest's progress, drawn as an indicatif bar (hidden: nothing drawn, no total).
pub struct Progress(pub ProgressBar);

impl rostra::ingest::Progress for Progress {
    fn shown(&self) -> bool {
        !self.0.is_hidden()
    }

    fn set_total(&self, bytes: u64) {
        self.0.set_length(bytes);
    }

    fn advance(&self, bytes: u64) {
        self.0.inc(bytes);
    }
}
