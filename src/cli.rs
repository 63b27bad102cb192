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
        display_order = 900,
        env = "ROSTRA_INDEX",
        default_value = rostra::index::DEFAULT_DIR,
        value_name = "DIR",
        value_parser = parse_index
    )]
    pub index: PathBuf,

    /// When to colour output: auto colours a terminal unless NO_COLOR is set.
    #[arg(
        long,
        global = true,
        display_order = 901,
        value_enum,
        default_value_t = ColorChoice::Auto,
        value_name = "WHEN"
    )]
    pub color: ColorChoice,

    /// No progress bars or notes on stderr (errors are still printed).
    #[arg(long, short, global = true, display_order = 902)]
    pub quiet: bool,
}

/// A `--timeout`: `500ms`, `10s`, `2m`, `1h`, or a bare number of seconds.
fn parse_duration(s: &str) -> Result<std::time::Duration, String> {
    let t = s.trim();
    let (num, unit) = match t.find(|c: char| !(c.is_ascii_digit() || c == '.')) {
        Some(i) => t.split_at(i),
        None => (t, "s"),
    };
    let n: f64 = num
        .parse()
        .map_err(|_| format!("'{s}' is not a duration (like 500ms, 10s, 2m)"))?;
    let secs = match unit.trim() {
        "ms" => n / 1000.0,
        "s" => n,
        "m" => n * 60.0,
        "h" => n * 3600.0,
        u => return Err(format!("unknown unit '{u}' in '{s}' (ms, s, m or h)")),
    };
    if !(secs > 0.0 && secs <= 7.0 * 86400.0) {
        return Err(format!(
            "'{s}' is out of range (more than 0, at most a week)"
        ));
    }
    Ok(std::time::Duration::from_secs_f64(secs))
}

/// An `--index` or `ROSTRA_INDEX` that names a directory (an empty `ROSTRA_INDEX=` is refused
/// by name rather than failing later on the path "").
fn parse_index(s: &str) -> Result<PathBuf, String> {
    if s.trim().is_empty() {
        return Err("the index directory is empty (is ROSTRA_INDEX set to nothing?)".into());
    }
    Ok(PathBuf::from(s))
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
(exit 2); the rest is indexed.\n\n\
Files read: kremlin.ru pages (*.txt, *.html), JSON Lines records (*.jsonl), speaker-labelled \
transcripts (*.said, and *.txt mostly of `Name:` paragraphs) with their metadata in NAME.json and \
their captions in NAME.vtt or NAME.srt beside them (aligned for each paragraph's time, with the \
share placed said on stderr), captions alone (*.vtt, *.srt), and any other text as one speech. \
`rostra parse` names the reader a file gets.",
        after_help = "Examples:\n  rostra ingest\n  rostra ingest ../shared/corpus/kremlin-en/txt --index /tmp/kremlin\n  rostra ingest ~/transcripts --prune\n  rostra ingest --rebuild"
    )]
    Ingest(IngestArgs),
    /// Search paragraphs; all words are required unless joined by OR.
    #[command(
        long_about = "Search paragraphs, best matches first (BM25).\n\n\
Query syntax (words are stemmed: refugee, refugees; -ise and -ize are one word):\n  \
refugees syria         both words are required\n  \
\"united states\"        an exact phrase\n  \
\"lift sanctions\"~3     the words at most 3 moves apart, either order (as in Lucene)\n  \
sanctions NEAR/5 europe  both words at most 5 words apart, in either order\n  \
syria OR iraq          either word\n  \
syria -chemical        without a word (also: NOT chemical)\n  \
unit*                  every indexed word starting with 'unit'\n  \
sanc?ions  *tion       wildcards: ? one character, * any run of them\n  \
sanctons~1             every indexed word at most 1 (or ~2: 2) edits away\n  \
/sanction(s|ed)?/      every indexed word the regular expression matches whole\n  \
title:syria            a field: text, title, place, role, topic, geography, speaker, label, transcript\n  \
( )                    grouping\n\n\
Prefix, wildcard, fuzzy and regex words match words as written (not stemmed), up to the 512 \
most frequent (a note says when cut). Boosts (word^2) are refused.\n\n\
Precedence, tightest first: a word, phrase, field clause or group; NEAR/k; OR; then AND \
(written or implied):\n  \
chemical syria OR iraq     is  chemical AND (syria OR iraq)\n  \
a NEAR/3 b OR c            is  (a NEAR/3 b) OR c\n  \
syria OR iraq -chemical    is  (syria OR iraq) AND NOT chemical\n\
-x excludes x from the group it stands in (at top level, from the whole result); 'a OR -b' is \
refused. --explain and the JSON summary's \"parsed\" show how a query was read.\n\n\
A phrase, sloppy phrase or NEAR match counts once (kwic prints it as one line), from its first \
word to its last; matches do not overlap.\n\n\
As grep and ripgrep do: --count prints the number of matching paragraphs, -l the transcripts \
with a match, -c each with its matches (rg's -c; here --count is one total), --all every hit \
past the --limit cap in date or index order.",
        after_help = "Examples:\n  rostra search refugees\n  rostra search '\"security council\"' --speaker putin --from 2015 --to 2016-06\n  rostra search 'sanctions NEAR/5 europe' --json | jq .url\n  rostra search sanctions -c\n  rostra search sanctions --all --format tsv --columns date,transcript,paragraph,text > sanctions.tsv"
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
and filters as search.\n\n\
Several series over time: --vs QUERY counts more queries over the same filters, --split \
speaker counts the query for each of its top speakers. Each series gets a table (a JSON \
object; in CSV a first column, series), and a line in the chart, with a legend.",
        after_help = "Examples:\n  rostra stats sanctions --by year\n  rostra stats '\"climate change\"' --by month --from 2019 --plot climate.svg\n  rostra stats sanctions --vs embargo --plot sanctions.png\n  rostra stats terrorism --split speaker --split-top 3 --plot terrorism.svg\n  rostra stats terrorism --by speaker --top 10 --format csv"
    )]
    Stats(StatsArgs),
    /// Every speaker: paragraphs, words, first and last date, roles and labels seen.
    #[command(
        long_about = "Every speaker of the index as one person (or a kind of speaker such as \
Question), with a stable id: spellings of one name (case, spacing, transliteration, a typo, an \
office left before the name) are merged on the evidence of the pages, and homonyms of different \
organisations kept apart. The labels as printed stay on every paragraph. --suspects lists what \
may be one person but was not merged. Decide in INDEX/aliases.toml ([[merge]] name, variants; \
[[split]] variant, pages, name; [[kind]] name, kind): it takes effect at once, no ingest needed.",
        after_help = "Examples:\n  rostra speakers\n  rostra speakers putin\n  rostra speakers --suspects\n  rostra speakers minister --format csv > ministers.csv\n  rostra speakers --format json | jq 'select(.kind == \"question\")'"
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
    /// Facets of the index (country, party, topic, …) or one facet's values, with counts.
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
    /// Indexing threads, 1 or more (default: the number of cores, at most 8).
    #[arg(long, value_name = "N", value_parser = threads)]
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

/// `--threads N`: 0 is refused, not taken for 1 (or for "automatic") without a word.
fn threads(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(0) => Err(
            "0 threads cannot index: give 1 or more (or leave --threads out for one per core)"
                .into(),
        ),
        Ok(n) => Ok(n),
        Err(e) => Err(e.to_string()),
    }
}

/// The PATH help of ingest, naming each format's files from the one list that reads them.
fn ingest_paths_help() -> String {
    let patterns = rostra::source::Format::walked_patterns();
    let (last, rest) = patterns.split_last().expect("formats");
    format!(
        "Files or directories; directories are walked for {} and {last}",
        rest.join(", ")
    )
}

#[derive(Debug, Args)]
pub struct IngestArgs {
    // The help names every format the walk reads, from source::Format.
    #[arg(value_name = "PATH", default_value = "corpus", help = ingest_paths_help())]
    pub paths: Vec<PathBuf>,
    /// A corpus description (TOML: which files, what their names encode, the metadata
    /// table, speaker, role, date and facet columns; see examples/un-debates.toml). Without
    /// it, a `rostra-corpus.toml` at the top of a PATH describes that PATH.
    #[arg(long, value_name = "FILE")]
    pub corpus: Option<PathBuf>,
    /// Delete the index first and build it afresh.
    #[arg(long)]
    pub rebuild: bool,
    /// Indexing threads, 1 or more (default: the number of cores, at most 8).
    #[arg(long, value_name = "N", value_parser = threads)]
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
    /// Number of hits to show (1 to 10000; --all prints every hit).
    #[arg(long, short = 'n', default_value_t = 10, value_name = "N", value_parser = search_limit)]
    pub limit: u64,
    /// Skip this many hits first (for paging; at most 100,000).
    #[arg(long, default_value_t = 0, value_name = "N",
          value_parser = clap::value_parser!(u64).range(0..=100_000))]
    pub offset: u64,
    /// Output: text (passages), json (JSON Lines: hits, then a summary), csv or tsv (one row a
    /// hit).
    #[arg(long, value_enum, default_value_t = SearchFormat::Text, value_name = "FORMAT")]
    pub format: SearchFormat,
    /// Print only the number of matching paragraphs (the total of a search), nothing else.
    #[arg(long, conflicts_with_all = ["files_with_matches", "per_transcript", "all", "json", "format", "explain"])]
    pub count: bool,
    /// Print only the ids of the transcripts with a match, one a line, in date order (as
    /// `rg -l` lists files).
    #[arg(long, short = 'l', visible_alias = "transcripts-with-matches",
          conflicts_with_all = ["per_transcript", "all", "json", "format", "explain"])]
    pub files_with_matches: bool,
    /// Print each transcript with a match and its number of matches, `ID<TAB>N`, in date
    /// order (as `rg -c` lists files). A match is what kwic prints a line for: each
    /// occurrence of a word, a phrase or NEAR match once; a query of page or voice clauses
    /// only counts paragraphs. (rg's --count is this listing; here --count is one total.)
    #[arg(long, short = 'c', conflicts_with_all = ["all", "json", "format", "explain"])]
    pub per_transcript: bool,
    /// Print every matching paragraph, past the cap of --limit, as the walk finds it (in
    /// constant memory: only the addresses of the matches are held): in date order (--sort
    /// date, the default with --all) or index order (--sort index, the fastest); never by
    /// relevance, which needs the whole ranking. Text, JSON Lines or CSV/TSV.
    #[arg(long, conflicts_with_all = ["limit", "offset"])]
    pub all: bool,
    /// Text without the `**` marks around matches, for pasting (also: --no-marks).
    #[arg(long, visible_alias = "no-marks")]
    pub plain: bool,
    /// CSV/TSV columns to print, in this order, comma-separated: rank, score, date, time,
    /// speaker, role, label, title, place, url, transcript, paragraph, matches, highlights,
    /// text, start, end, media, facets (default: all).
    #[arg(long, value_name = "NAMES")]
    pub columns: Option<String>,
    /// Same as --format json.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// Passage width in characters (at most 10000).
    #[arg(long, default_value_t = 240, value_name = "CHARS", value_parser = chars)]
    pub width: usize,
    /// Print whole paragraphs instead of passages.
    #[arg(long)]
    pub full: bool,
    /// Order of hits; ties always fall the same way [default: relevance; date with --all,
    /// -l and -c].
    #[arg(long, value_enum, allow_hyphen_values = true)]
    pub sort: Option<SortArg>,
    /// Also show N paragraphs before and after each hit, from the same transcript (at most 100).
    #[arg(long, short = 'C', default_value_t = 0, value_name = "N",
          value_parser = clap::value_parser!(u64).range(0..=100))]
    pub context: u64,
    /// Also show, before each hit, the N speaker turns before its own (consecutive
    /// paragraphs of one speaker are a turn): the question with the answer.
    #[arg(long, default_value_t = 0, value_name = "N",
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(0..=1000))]
    pub turns: usize,
    /// Show how each hit's score was made (BM25 terms, weights, field lengths).
    #[arg(long)]
    pub explain: bool,
    /// Give up after this long (500ms, 10s, 2m; a bare number is seconds): print what was
    /// found by then, mark it partial (stderr; `"partial": true` in JSON) and exit 2.
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub timeout: Option<std::time::Duration>,
}

/// Filters shared by search, kwic and stats.
#[derive(Debug, Clone, Args)]
pub struct FilterArgs {
    /// Only paragraphs by this speaker: a canonical name, an alias (aliases.toml), a name as
    /// printed, a speaker id or a surname, any case (putin, "Bashar al-Assad"). A surname of
    /// several people searches them all and names them on stderr; a name that matches
    /// nobody is an error (exit 1) naming the nearest. Repeat for several speakers (their
    /// union).
    #[arg(long, short, value_name = "NAME")]
    pub speaker: Vec<String>,
    /// Only paragraphs whose speaker has this role as the page gives it (words, stemmed, in
    /// order: "press secretary"); repeat for any of several.
    #[arg(long, value_name = "ROLE")]
    pub role: Vec<String>,
    /// Only paragraphs by speakers of this kind (question: `Question:` turns and whoever
    /// aliases.toml gives that kind); repeat for any of several.
    #[arg(long, value_enum, value_name = "KIND")]
    pub kind: Vec<KindArg>,
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
    /// Match only where the text has the case of the query's words (US finds `US`, not
    /// `us`). Implies --exact; a filter on the matches of the exact search: the words of
    /// prefix, wildcard, fuzzy and regex words are not checked. (-s is --speaker.)
    #[arg(long)]
    pub case_sensitive: bool,
    /// Only paragraphs in this language (ISO 639-1 code as in xml:lang: en, hr), searched as
    /// that language is (stemmed, or by exact word forms where it has no stemmer).
    #[arg(long, value_name = "CODE")]
    pub lang: Option<String>,
    /// Also match page furniture: pull-quote boxes that repeat words printed elsewhere on
    /// their page, left out by default so that those words are not counted twice.
    #[arg(long)]
    pub furniture: bool,
}

/// Kinds of speaker (`rostra speakers --format json` gives each its kind).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    Person,
    Question,
    Remark,
    Reply,
    Response,
    Comment,
    Answer,
    Voice,
    Audience,
    Participant,
    /// A title without a name (`Defence Minister`).
    Role,
    /// A place without a name (`Perm Territory`).
    Place,
}

impl KindArg {
    pub fn kind(self) -> rostra::index::registry::Kind {
        use rostra::index::registry::Kind;
        match self {
            KindArg::Person => Kind::Person,
            KindArg::Question => Kind::Question,
            KindArg::Remark => Kind::Remark,
            KindArg::Reply => Kind::Reply,
            KindArg::Response => Kind::Response,
            KindArg::Comment => Kind::Comment,
            KindArg::Answer => Kind::Answer,
            KindArg::Voice => Kind::Voice,
            KindArg::Audience => Kind::Audience,
            KindArg::Participant => Kind::Participant,
            KindArg::Role => Kind::Role,
            KindArg::Place => Kind::Place,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SearchFormat {
    Text,
    Json,
    Csv,
    Tsv,
}

#[derive(Debug, Args)]
pub struct KwicArgs {
    /// The query (same syntax as search).
    #[arg(value_name = "QUERY", allow_hyphen_values = true)]
    pub query: String,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Characters of context on each side (at most 10000).
    #[arg(long, short, default_value_t = 40, value_name = "CHARS", value_parser = chars)]
    pub width: usize,
    /// Order of lines: date (then page and place), left (words just before the match,
    /// nearest first), right (words just after).
    #[arg(long, value_enum, default_value_t = KwicSort::Date)]
    pub sort: KwicSort,
    /// Output format.
    #[arg(long, value_enum, default_value_t = KwicFormat::Text, value_name = "FORMAT")]
    pub format: KwicFormat,
    /// Print at most N lines (default: all).
    #[arg(long, short = 'n', value_name = "N", value_parser = kwic_limit)]
    pub limit: Option<u64>,
    /// Text without the `**` marks around matches, for pasting (also: --no-marks).
    #[arg(long, visible_alias = "no-marks")]
    pub plain: bool,
    /// Print only the number of matches (the lines kwic would print), nothing else.
    #[arg(long, conflicts_with_all = ["limit", "format", "sort"])]
    pub count: bool,
    /// CSV/TSV columns to print, in this order, comma-separated: date, speaker, transcript,
    /// paragraph, offset, left, match, right, title, url, start, media (default: all).
    #[arg(long, value_name = "NAMES")]
    pub columns: Option<String>,
    /// Add a column with the time each line was said in the recording (HH:MM:SS, from
    /// captions; `--:--:--` where a paragraph has no time). CSV, TSV and JSON always carry
    /// `start` and the video link.
    #[arg(long)]
    pub times: bool,
    /// Give up after this long (500ms, 10s, 2m; a bare number is seconds): print what was
    /// found by then, mark it partial (stderr; `"partial": true` in JSON) and exit 2.
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub timeout: Option<std::time::Duration>,
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
    /// Also write a chart, SVG or PNG by the file's extension (.svg, .png): a time series by
    /// year or month (rates above, the words of each bucket below), bars otherwise.
    #[arg(long, value_name = "FILE", value_parser = plot_path)]
    pub plot: Option<PathBuf>,
    /// Count another query beside QUERY, with the same filters (one series each, in the
    /// output and as lines of the chart); repeat for more, up to 7.
    #[arg(long = "vs", value_name = "QUERY", allow_hyphen_values = true)]
    pub vs: Vec<String>,
    /// Count QUERY separately for each of the --split-top speakers with most matches (one
    /// series each); not with --speaker or --vs.
    #[arg(long, value_enum, value_name = "WHAT", conflicts_with_all = ["vs", "speaker"])]
    pub split: Option<SplitArg>,
    /// With --split: how many speakers.
    #[arg(long, default_value_t = 4, value_name = "N",
          value_parser = clap::value_parser!(u64).range(1..=8))]
    pub split_top: u64,
    /// In the chart, mark the years or months with fewer words than this: their rate rests
    /// on little text (0: mark none).
    #[arg(long, default_value_t = 10_000, value_name = "N")]
    pub min_words: u64,
    /// Give up after this long (500ms, 10s, 2m; a bare number is seconds): print what was
    /// found by then, mark it partial (stderr; `"partial": true` in JSON) and exit 2.
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub timeout: Option<std::time::Duration>,
}

/// What `stats --split` splits a query by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SplitArg {
    /// One series per speaker.
    Speaker,
}

/// The chart formats `stats --plot` writes, by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlotFormat {
    Svg,
    Png,
}

impl PlotFormat {
    pub fn of(path: &std::path::Path) -> Option<PlotFormat> {
        let ext = path.extension()?.to_str()?;
        if ext.eq_ignore_ascii_case("svg") {
            Some(PlotFormat::Svg)
        } else if ext.eq_ignore_ascii_case("png") {
            Some(PlotFormat::Png)
        } else {
            None
        }
    }
}

/// `--plot FILE`: refused unless it ends in .svg or .png (a `.pdf` must not get SVG bytes).
fn plot_path(s: &str) -> Result<PathBuf, String> {
    let path = PathBuf::from(s);
    match PlotFormat::of(&path) {
        Some(_) => Ok(path),
        None => Err(format!(
            "'{s}': a chart is written as .svg or .png, by the file's extension"
        )),
    }
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
    /// List likely duplicates the registry did not merge (and homonyms it kept apart), with
    /// their evidence and paragraph counts: decide them in INDEX/aliases.toml.
    #[arg(long)]
    pub suspects: bool,
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
    /// The order of the index, the fastest (with --all).
    Index,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// A transcript id (`57488`), or one paragraph of it (`57488#12`) shown within its turn.
    #[arg(value_name = "ID[#PARAGRAPH]")]
    pub target: String,
    /// JSON Lines: one object per paragraph.
    #[arg(long)]
    pub json: bool,
    /// With ID#PARAGRAPH: also the N speaker turns before the paragraph's own (the
    /// question an answer responds to).
    #[arg(long, default_value_t = 0, value_name = "N",
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(0..=1000))]
    pub turns: usize,
}

/// `search --limit N`: 1 to [`rostra::query::MAX_LIMIT`]; 0 is refused, not taken for "all".
fn search_limit(s: &str) -> Result<u64, String> {
    let max = rostra::query::MAX_LIMIT as u64;
    match s.parse::<u64>() {
        Ok(0) => Err(format!(
            "a limit of 0 shows nothing: give 1 to {max} (--all prints every hit)"
        )),
        Ok(n) if n <= max => Ok(n),
        Ok(n) => Err(format!(
            "{n} is over the cap: give 1 to {max} (--all prints every hit)"
        )),
        Err(_) => Err(format!("'{s}' is not a number of hits")),
    }
}

/// `kwic --limit N`: at least 1; 0 is refused, not taken for "all".
fn kwic_limit(s: &str) -> Result<u64, String> {
    match s.parse::<u64>() {
        Ok(0) => Err(
            "a limit of 0 shows nothing: give 1 or more (without --limit, every line is printed)"
                .into(),
        ),
        Ok(n) => Ok(n),
        Err(_) => Err(format!("'{s}' is not a number of lines")),
    }
}

/// The most characters a `--width` may ask for: wider than any screen or passage, and far
/// below what the text formatter can pad to (a width of 65536 panicked, issue 15).
pub const MAX_WIDTH: usize = 10_000;

/// `--width CHARS`: 1 to [`MAX_WIDTH`].
fn chars(s: &str) -> Result<usize, String> {
    let n: usize = s
        .parse()
        .map_err(|_| format!("'{s}' is not a number of characters"))?;
    if (1..=MAX_WIDTH).contains(&n) {
        Ok(n)
    } else {
        Err(format!("{n}: give 1 to {MAX_WIDTH} characters"))
    }
}
