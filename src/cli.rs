//! The command line, as clap types. Nothing below `cmd/` sees these.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "rostra",
    version,
    about = "Full-text search for speech transcripts: ranked, highlighted passages by speaker and date",
    long_about = "rostra splits transcripts (such as en.kremlin.ru pages) into per-speaker paragraphs, \
indexes them with tantivy, and searches them: keyword, phrase and proximity queries, filtered by \
speaker and date.\n\nExit status: 0 if something was found, 1 if nothing was, 2 on an error.",
    after_help = "Examples:\n  rostra search refugees\n  rostra search '\"united states\"' --speaker putin --from 2018\n  rostra ingest ~/transcripts\n  rostra parse corpus/*.txt --json"
)]
pub struct Cli {
    #[command(subcommand)]
    pub cmd: Command,

    /// Index directory.
    #[arg(
        long,
        global = true,
        env = "ROSTRA_INDEX",
        default_value = rostra::index::DEFAULT_DIR,
        value_name = "DIR"
    )]
    pub index: PathBuf,

    /// When to colour output: auto colours a terminal unless NO_COLOR is set.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// No progress bars or notes on stderr (errors are still printed).
    #[arg(long, short, global = true)]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show how transcript files are understood: header, then paragraphs by speaker.
    #[command(
        after_help = "Examples:\n  rostra parse corpus/000_433532e1efc01173.txt\n  rostra parse page.txt --json | jq '.paragraphs[].speaker'"
    )]
    Parse(ParseArgs),
    /// Index transcript files (default: ./corpus); a re-run only reads what changed.
    #[command(
        long_about = "Index transcript files (default: ./corpus).\n\n\
Each file's content hash is kept in the index: a re-run skips unchanged files, replaces the \
paragraphs of changed ones in the same commit, and with --prune removes transcripts whose files \
are gone. A page is keyed by its id (the file name without extension), so the same page twice \
is never indexed twice. Ingest commits every --batch MB: a killed run keeps what it committed and \
the next run carries on from there. Unreadable files are reported with the reason and skipped \
(exit 2); the rest is indexed.",
        after_help = "Examples:\n  rostra ingest\n  rostra ingest ../shared/corpus/kremlin-en/txt --index /tmp/kremlin\n  rostra ingest ~/transcripts --prune\n  rostra ingest --rebuild"
    )]
    Ingest(IngestArgs),
    /// Search paragraphs; all words are required unless joined by OR.
    #[command(
        long_about = "Search paragraphs, best matches first (BM25).\n\n\
Query syntax:\n  \
refugees syria         both words are required (words are stemmed: refugee, refugees)\n  \
\"united states\"        an exact phrase\n  \
\"lift sanctions\"~3     a phrase with up to 3 words of slack\n  \
sanctions NEAR/5 europe  both words at most 5 words apart, in either order\n  \
syria OR iraq          either word\n  \
syria -chemical        without a word\n  \
unit*                  every indexed word starting with 'unit'\n  \
title:syria            a field: text, title, place, role, topic, geography, speaker, label, transcript\n  \
( )                    grouping",
        after_help = "Examples:\n  rostra search refugees\n  rostra search '\"security council\"' --speaker putin --from 2015 --to 2016-06\n  rostra search 'sanctions NEAR/5 europe' --json | jq .url"
    )]
    Search(SearchArgs),
    /// Keyword in context: one aligned line per match, with date, speaker and page.
    #[command(
        long_about = "Keyword in context (a concordance): one line per occurrence of the query \
in every matching paragraph (not one per paragraph), the match between --width characters of \
left and right context, with date, speaker and TRANSCRIPT#PARAGRAPH. Same query syntax and \
filters as search.",
        after_help = "Examples:\n  rostra kwic sanctions --sort right\n  rostra kwic '\"united states\"' --speaker putin --from 2014 --format csv > us.csv\n  rostra kwic 'unit*' --width 30 --limit 50"
    )]
    Kwic(KwicArgs),
    /// Counts over time or by speaker, topic, place: matches, paragraphs, per million words.
    #[command(
        long_about = "Count a query by year, month, speaker, topic or place: for each bucket, the \
matches (occurrences, not paragraphs), the matching paragraphs, the words of all paragraphs of \
the bucket inside the filters, and matches per million of those words (so a year with more \
speeches does not look louder). A page with several topics counts in each. Same query syntax \
and filters as search.",
        after_help = "Examples:\n  rostra stats sanctions --by year\n  rostra stats '\"climate change\"' --by month --from 2019 --plot climate.svg\n  rostra stats terrorism --by speaker --top 10 --format csv"
    )]
    Stats(StatsArgs),
    /// Every speaker: paragraphs, words, first and last date, roles and labels seen.
    #[command(
        after_help = "Examples:\n  rostra speakers\n  rostra speakers putin\n  rostra speakers minister --format csv > ministers.csv"
    )]
    Speakers(SpeakersArgs),
    /// Print a whole transcript from the index, or one paragraph with its turn.
    #[command(
        after_help = "Examples:\n  rostra show 57488\n  rostra show 57488#12\n  rostra show 57488 --json | jq -r .text"
    )]
    Show(ShowArgs),
    /// Write every indexed paragraph as JSON Lines, to feed other tools.
    #[command(
        long_about = "Write every indexed paragraph as JSON Lines, in index order (stable for a given index): one object per \
paragraph with id (TRANSCRIPT#PARAGRAPH), transcript, paragraph, turn, speaker, role, label, date, \
time, title, place, url and text.",
        after_help = "Examples:\n  rostra export > paragraphs.jsonl\n  rostra export --index /tmp/kremlin | jq -r .speaker | sort | uniq -c"
    )]
    Export(ExportArgs),
    /// List the facets in the index (country, party, topic, …), or one facet's values, with paragraph counts.
    #[command(
        long_about = "List the facets of the indexed paragraphs: each facet name with its number of \
values and paragraphs, or with NAME every value of that facet and its paragraphs. Facets come \
from a corpus description (ingest --corpus) and from kremlin.ru tags (topic, geography); filter \
with --where NAME=VALUE and count with stats --by NAME.",
        after_help = "Examples:\n  rostra facets\n  rostra facets country\n  rostra facets topic --format csv"
    )]
    Facets(FacetsArgs),
    /// Check the index: every file's checksum, the schema version, the page records.
    #[command(
        long_about = "Check the index: the checksum of every index file, the schema version it was \
built with, and that the page records agree with the paragraphs. Prints one `ok:` line, or names \
each corrupt file and exits 2.",
        after_help = "Examples:\n  rostra verify\n  rostra verify --index /tmp/kremlin"
    )]
    Verify(VerifyArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    #[command(
        after_help = "Examples:\n  rostra completions bash > ~/.local/share/bash-completion/completions/rostra\n  rostra completions zsh > ~/.zfunc/_rostra\n  rostra completions fish > ~/.config/fish/completions/rostra.fish"
    )]
    Completions(CompletionsArgs),
    /// Print the manual page (roff), generated from these definitions.
    #[command(
        after_help = "Examples:\n  rostra man > rostra.1 && man ./rostra.1\n  rostra man | man -l -"
    )]
    Man,
    /// Benchmark ingest and query latency on a corpus, into a fresh index.
    #[command(
        long_about = "Benchmark ingest and query latency on a corpus, into a fresh index (a temporary \
directory unless --keep).\n\n\
Ingest: wall time (reading and parsing included), MB/s of source text, paragraphs/s, peak RSS, \
index size and its ratio to the source text. Queries: warm latency p50/p95/p99 per query class, \
bare top 10 (no stored fields) and top 10 with highlighted passages as `search` prints them; \
then every query again with a speaker filter and with a date range. The index given by --index \
is not touched.",
        after_help = "Examples:\n  rostra bench\n  rostra bench --repeat 16 --json\n  rostra bench corpus --queries my-queries.tsv --runs 100"
    )]
    Bench(BenchArgs),
}

#[derive(Debug, Args)]
pub struct VerifyArgs {}

#[derive(Debug, Args)]
pub struct FacetsArgs {
    /// One facet: list its values.
    #[arg(value_name = "NAME")]
    pub name: Option<String>,
    /// Output: an aligned table, csv, or JSON Lines (one object a row).
    #[arg(long, value_enum, default_value_t = StatsFormat::Table, value_name = "FORMAT")]
    pub format: StatsFormat,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// JSON Lines (the only format, and the default).
    #[arg(long)]
    pub jsonl: bool,
}

#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Transcript files or directories (default: ../shared/corpus/kremlin-en/txt if present, else ./corpus).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Replicate every transcript N times with distinct ids (57488, 57488r1, ...), for scale.
    #[arg(long, default_value_t = 1, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub repeat: u32,
    /// Query file: CLASS<TAB>QUERY lines, # comments (default: ../shared/bench/queries.tsv if
    /// present, else a built-in set for ./corpus).
    #[arg(long, value_name = "FILE")]
    pub queries: Option<PathBuf>,
    /// Timed runs of each query, in each mode.
    #[arg(long, default_value_t = 30, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..))]
    pub runs: u32,
    /// Untimed warm-up runs of each query first, in each mode.
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub warmup: u32,
    /// Indexing threads (default: the number of cores).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Writer memory budget in MB.
    #[arg(long, value_name = "MB", default_value_t = rostra::index::writer::DEFAULT_MEMORY_MB)]
    pub memory: usize,
    /// Speaker of the filtered queries.
    #[arg(long, default_value = "putin", value_name = "NAME")]
    pub speaker: String,
    /// Date range of the filtered queries, from: YYYY, YYYY-MM or YYYY-MM-DD.
    #[arg(long, default_value = "2015", value_name = "DATE")]
    pub from: String,
    /// Date range of the filtered queries, to (inclusive).
    #[arg(long, default_value = "2018", value_name = "DATE")]
    pub to: String,
    /// Build the index in DIR and keep it (DIR must not hold an index yet); default: a
    /// temporary directory, removed at the end.
    #[arg(long, value_name = "DIR")]
    pub keep: Option<PathBuf>,
    /// Print the report as one JSON object.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ParseArgs {
    /// Transcript files.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// JSON Lines: one object per transcript.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Files or directories (walked for *.txt).
    #[arg(value_name = "PATH", default_value = "corpus")]
    pub paths: Vec<PathBuf>,
    /// A corpus description (TOML: which files, what their names encode, the metadata
    /// table, speaker, role, date and facet columns; see examples/un-debates.toml). Without
    /// it, a `rostra-corpus.toml` at the top of a PATH describes that PATH.
    #[arg(long, value_name = "FILE")]
    pub corpus: Option<PathBuf>,
    /// Delete the index first and build it afresh.
    #[arg(long)]
    pub rebuild: bool,
    /// Indexing threads (default: the number of cores).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Writer memory budget in MB.
    #[arg(long, value_name = "MB", default_value_t = rostra::index::writer::DEFAULT_MEMORY_MB)]
    pub memory: usize,
    /// Remove transcripts whose source files no longer exist.
    #[arg(long)]
    pub prune: bool,
    /// Commit after every N MB of source files (a killed ingest loses at most one batch).
    #[arg(long, value_name = "MB", default_value_t = rostra::ingest::DEFAULT_BATCH_MB as u64,
          value_parser = clap::value_parser!(u64).range(1..=100_000))]
    pub batch: u64,
    /// Print the summary as one JSON object.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query (see above for the syntax).
    #[arg(value_name = "QUERY", allow_hyphen_values = true)]
    pub query: String,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Number of hits to show.
    #[arg(long, short = 'n', default_value_t = 10, value_name = "N",
          value_parser = clap::value_parser!(u64).range(1..=rostra::query::MAX_LIMIT as u64))]
    pub limit: u64,
    /// Skip this many hits first (for paging).
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub offset: usize,
    /// Output: text (passages), json (JSON Lines: hits, then a summary), csv (one row a hit).
    #[arg(long, value_enum, default_value_t = SearchFormat::Text, value_name = "FORMAT")]
    pub format: SearchFormat,
    /// Same as --format json.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// Passage width in characters.
    #[arg(long, default_value_t = 240, value_name = "CHARS")]
    pub width: usize,
    /// Print whole paragraphs instead of passages.
    #[arg(long)]
    pub full: bool,
    /// Order of hits; ties always fall the same way.
    #[arg(long, value_enum, default_value_t = SortArg::Relevance, allow_hyphen_values = true)]
    pub sort: SortArg,
    /// Also show N paragraphs before and after each hit, from the same transcript.
    #[arg(long, short = 'C', default_value_t = 0, value_name = "N")]
    pub context: usize,
    /// Show how each hit's score was made (BM25 terms, weights, field lengths).
    #[arg(long)]
    pub explain: bool,
}

/// Filters shared by search, kwic and stats.
#[derive(Debug, Args)]
pub struct FilterArgs {
    /// Only paragraphs by this speaker: full name or surname, any case (putin, "Bashar al-Assad").
    #[arg(long, short, value_name = "NAME")]
    pub speaker: Option<String>,
    /// From this date on, inclusive: YYYY, YYYY-MM or YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Up to this date, inclusive: YYYY, YYYY-MM or YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Only paragraphs with this facet value, NAME=VALUE, any case (country=FRA, party=HDZ);
    /// repeated: values of one facet are OR, different facets AND.
    #[arg(long = "where", short = 'w', value_name = "NAME=VALUE")]
    pub where_: Vec<String>,
    /// Match word forms as written (lower-cased, not stemmed).
    #[arg(long)]
    pub exact: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SearchFormat {
    Text,
    Json,
    Csv,
}

#[derive(Debug, Args)]
pub struct KwicArgs {
    /// The query (same syntax as search).
    #[arg(value_name = "QUERY", allow_hyphen_values = true)]
    pub query: String,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Characters of context on each side.
    #[arg(long, short, default_value_t = 40, value_name = "CHARS")]
    pub width: usize,
    /// Order of lines: date (then page and place), left (words just before the match,
    /// nearest first), right (words just after).
    #[arg(long, value_enum, default_value_t = KwicSort::Date)]
    pub sort: KwicSort,
    /// Output format.
    #[arg(long, value_enum, default_value_t = KwicFormat::Text, value_name = "FORMAT")]
    pub format: KwicFormat,
    /// Print at most N lines (default: all).
    #[arg(long, short = 'n', value_name = "N")]
    pub limit: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KwicSort {
    Date,
    Left,
    Right,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KwicFormat {
    Text,
    Tsv,
    Csv,
    Json,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// The query (same syntax as search).
    #[arg(value_name = "QUERY", allow_hyphen_values = true)]
    pub query: String,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// What to count by: year, month, speaker, topic, place, or a facet's name (country,
    /// party, …: see `rostra facets`).
    #[arg(long, default_value = "year", value_name = "BY")]
    pub by: String,
    /// Output: a table with bars, csv, or one JSON object.
    #[arg(long, value_enum, default_value_t = StatsFormat::Table, value_name = "FORMAT")]
    pub format: StatsFormat,
    /// For speaker, topic, place and facets: show the N buckets with most matches (0: all).
    #[arg(long, default_value_t = 25, value_name = "N")]
    pub top: usize,
    /// Also write a chart as SVG (a time series by year or month, bars otherwise).
    #[arg(long, value_name = "FILE.svg")]
    pub plot: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatsFormat {
    Table,
    Csv,
    Json,
}

#[derive(Debug, Args)]
pub struct SpeakersArgs {
    /// Only speakers whose name, role or label contains this (any case).
    #[arg(value_name = "FILTER")]
    pub filter: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SpeakersFormat::Text, value_name = "FORMAT")]
    pub format: SpeakersFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SpeakersFormat {
    Text,
    Csv,
    Json,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    /// Best match first (BM25).
    Relevance,
    /// Oldest first.
    Date,
    /// Newest first.
    #[value(name = "-date", alias = "newest")]
    DateDesc,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// A transcript id (`57488`), or one paragraph of it (`57488#12`) shown within its turn.
    #[arg(value_name = "ID[#PARAGRAPH]")]
    pub target: String,
    /// JSON Lines: one object per paragraph.
    #[arg(long)]
    pub json: bool,
}
