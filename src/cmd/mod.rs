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
use rostra::index::build::BuildOptions;
use rostra::index::registry::Aliases;
use rostra::index::{self, Reader, WriterOptions};
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
        speakers: f.speaker.clone(),
        roles: f.role.clone(),
        kinds: f.kind.iter().map(|k| k.kind()).collect(),
        aliases: Aliases::default(),
        from: f
            .from
            .as_deref()
            .map(|d| date_arg("--from", d, DateBound::Start))
            .transpose()?,
        to: f
            .to
            .as_deref()
            .map(|d| date_arg("--to", d, DateBound::End))
            .transpose()?,
        furniture: f.furniture,
        facets: f
            .where_
            .iter()
            .map(|w| rostra::transcript::facet::parse_where(w).map_err(rostra::Error::Query))
            .collect::<std::result::Result<_, _>>()?,
    };
    let req = Request {
        query: q.to_string(),
        filters,
        exact: f.exact || f.case_sensitive,
        lang: f.lang.clone(),
    };
    query::parse(&req.query)?;
    Ok(req)
}

/// A date option's value: a bad one is named by its option (`--from: '2020-13' is not a
/// date: …`), not as a query error, since the query was not at fault.
pub fn date_arg(option: &str, value: &str, bound: DateBound) -> Result<rostra::transcript::Date> {
    parse_date(value, bound).map_err(|e| match e {
        Error::Query(reason) => anyhow::anyhow!("{option}: {reason}"),
        e => e.into(),
    })
}

/// `n` with its noun, singular for one: `1 speaker`, `2 speakers`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The writer's options from `--memory MB` and `--threads N`, refusing a budget tantivy
/// would refuse (it gives its bounds in bytes, per thread): said in MB, with the minimum
/// for the threads asked for.
pub fn writer_options(memory_mb: usize, threads: Option<usize>) -> Result<WriterOptions> {
    let mut opts = WriterOptions::default();
    if let Some(t) = threads {
        opts.threads = t.max(1);
    }
    let range = index::writer::MEMORY_MB_PER_THREAD;
    let (lo, hi) = (range.start() * opts.threads, range.end() * opts.threads);
    if !(lo..=hi).contains(&memory_mb) {
        let n = opts.threads;
        let threads = if n == 1 {
            "1 indexing thread".to_string()
        } else {
            format!("{n} indexing threads")
        };
        anyhow::bail!(
            "--memory {memory_mb}: the writer needs {} to {} MB for each indexing thread; with {threads}, give --memory {lo} to {hi}",
            range.start(),
            range.end(),
        );
    }
    opts.memory_budget = memory_mb << 20;
    Ok(opts)
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
    let mut req = request(q, f)?;
    let reader = open_for_query(dir, g)?;
    req.filters.aliases = Aliases::load(dir)?;
    let searcher = reader.searcher();
    let mut compiled = query::compile(&req, &reader, &searcher)?;
    if f.case_sensitive {
        // The query's words, whose case the matches must have (a filter on the spans).
        compiled.case = Some(rostra::hits::case::words(&query::parse(&req.query)?));
    }
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
        note_newer_corpus(dir, g);
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
        &BuildOptions::default(),
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

/// The default index was built from ./corpus on a first search, and a search never writes
/// it: files put in ./corpus later (or changed since) are not searched until an ingest.
/// Say so, rather than let them be silently missing from every result.
fn note_newer_corpus(dir: &Path, g: Global) {
    let corpus = Path::new(DEFAULT_CORPUS);
    if g.quiet || dir != Path::new(index::DEFAULT_DIR) || !corpus.is_dir() {
        return;
    }
    // tantivy rewrites its meta.json at every commit, and only then.
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let Ok(Some(generation)) = index::home::current(dir) else {
        return;
    };
    let Some(built) = modified(&generation.dir(dir).join("meta.json")) else {
        return;
    };
    let (files, _) = rostra::source::collect(&[corpus.to_path_buf()]);
    let newer = files
        .iter()
        .filter(|f| modified(f).is_some_and(|t| t > built))
        .count();
    if newer > 0 {
        let files = if newer == 1 { "file" } else { "files" };
        g.note(&format!(
            "{}/ has {newer} {files} newer than the index in {}, not searched: \
             `rostra ingest` adds them (a search never writes the index)",
            corpus.display(),
            dir.display()
        ));
    }
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

/// `--columns a,b,c`: the indexes of those names in `all`, in the order given; a name not
/// there is refused, naming the valid ones.
pub fn columns(spec: &str, all: &[&str]) -> Result<Vec<usize>> {
    spec.split(',')
        .map(str::trim)
        .map(|name| {
            all.iter()
                .position(|c| c.eq_ignore_ascii_case(name))
                .ok_or_else(|| {
                    anyhow::anyhow!(
                        "--columns: no column '{name}'; the columns are {}",
                        all.join(", ")
                    )
                })
        })
        .collect()
}
