//! The body of the `query` fuzz target, shared with the stable smoke test
//! `tests/integration/query_props.rs` (which includes this file by path): query text → parse →
//! compile → search a small in-RAM index → render. Any input must end in a result or a
//! clean error; a panic, or an invariant of the output broken, is a bug.

use std::sync::OnceLock;

use rostra::hits::{self, Hits, Sort};
use rostra::index::{self, Reader};
use rostra::query::{self, Request};
use rostra::render::{self, Color, TextStyle};
use rostra::transcript;

/// The project's sample page (Putin–Assad, 9 November 2020).
const SAMPLE: &str = include_str!("../../corpus/000_433532e1efc01173.txt");

/// Hits asked for per search.
pub const LIMIT: usize = 10;

/// What became of one input.
#[derive(Debug)]
pub enum Outcome {
    /// The bytes are not UTF-8 (a query on the command line always is).
    NotUtf8,
    /// `query::parse` refused it.
    Refused(String),
    /// It parsed, but compiling or running it failed with this error.
    Failed(String),
    /// It ran: total matches, and the most terms one compiled query holds.
    Searched { total: usize, terms: usize },
}

/// The index every input is searched in: the sample page, and a page of 600 word forms
/// sharing a prefix, so that `zeta*` runs past the expansion limit.
pub fn reader() -> &'static Reader {
    static READER: OnceLock<Reader> = OnceLock::new();
    READER.get_or_init(|| {
        let (ram, fields) = index::create_in_ram();
        let sample = transcript::parse_text("corpus/sample.txt", "sample", SAMPLE);
        let forms: Vec<String> = (0..600).map(|i| format!("zeta{i}")).collect();
        let wide = format!(
            "Events\nZeta forms\nMay 1, 2019\nQuestion: {}\nVladimir Putin: Zeta ζήτα naïve “quoted” words.",
            forms.join(" ")
        );
        let wide = transcript::parse_text("corpus/wide.txt", "wide", &wide);
        let writer = index::Writer::open(&ram, &fields, &index::WriterOptions::small())
            .expect("writer");
        rostra::ingest::transcripts(writer, &[sample, wide]).expect("ingest");
        Reader::new(ram, fields).expect("reader")
    })
}

/// Run one fuzz input.
pub fn run(data: &[u8]) -> Outcome {
    match std::str::from_utf8(data) {
        Ok(q) => run_query(q),
        Err(_) => Outcome::NotUtf8,
    }
}

/// Run one query through the whole front end, stemmed and exact, by relevance and by date.
pub fn run_query(q: &str) -> Outcome {
    if let Err(e) = query::parse(q) {
        return Outcome::Refused(e.to_string());
    }
    let reader = reader();
    let searcher = reader.searcher();
    let mut total = 0;
    let mut terms = 0;
    for (exact, sort) in [(false, Sort::Relevance), (true, Sort::DateDesc)] {
        let req = Request {
            query: q.to_string(),
            exact,
            ..Request::default()
        };
        let compiled = match query::compile(&req, reader, &searcher) {
            Ok(c) => c,
            Err(e) => return Outcome::Failed(e.to_string()),
        };
        let mut n = 0;
        compiled.query.query_terms(&mut |_, _| n += 1);
        terms = terms.max(n);
        let found = match hits::search_sorted(&searcher, &reader.fields, &compiled, LIMIT, 0, sort)
        {
            Ok(h) => h,
            Err(e) => return Outcome::Failed(e.to_string()),
        };
        check(&found);
        total = total.max(found.total);
    }
    Outcome::Searched { total, terms }
}

/// What every search result promises, and rendering it never fails.
fn check(found: &Hits) {
    assert!(found.hits.len() <= LIMIT && found.hits.len() <= found.total);
    let mut sink = std::io::sink();
    for (n, h) in found.hits.iter().enumerate() {
        let mut end = 0;
        for s in &h.spans {
            assert!(
                s.from < s.to && s.from >= end && s.to <= h.text.len(),
                "{h:?}"
            );
            assert!(h.text.is_char_boundary(s.from) && h.text.is_char_boundary(s.to));
            end = s.to;
        }
        for width in [0, 40] {
            let style = TextStyle {
                color: Color::On,
                width,
                marks: true,
            };
            render::text::hit(&mut sink, n + 1, h, style).expect("render text");
        }
        render::json::hit(&mut sink, h).expect("render json");
    }
}
