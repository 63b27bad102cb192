//! `rostra search` finds exactly the paragraphs a brute-force scan finds.
//!
//! Paragraph text is indexed once, as the words as written; a stemmed query becomes a union
//! over the indexed word forms its stem stands for (found under the stem's prefix in the term
//! dictionary, plus the few listed in the index's marks file: `index::stems`). These tests check that this gives the same paragraphs as the plain
//! definition: tokenize every exported paragraph with the stemmed (or exact) analyzer and
//! look for the query's terms, phrases and `NEAR/k` pairs. The queries are words and word
//! pairs drawn from the corpus itself (plus a few chosen ones), in both modes, and words
//! within date ranges (the date filter reads each hit's date column). The fixture
//! corpus is always used; the full kremlin.ru corpus in ../shared by the check marked
//! `#[ignore = "needs ../shared/corpus"]`.

mod cases;
mod counts;

use std::collections::BTreeSet;
use std::path::Path;

use rostra::index::analyzer::{self, Tok};
use serde_json::Value;
use tantivy::tokenizer::TextAnalyzer;

use crate::util::Sandbox;

/// Most hits a search returns (`--limit` allows no more).
const LIMIT: usize = 10_000;

struct Corpus {
    indexed: Sandbox,
    /// (transcript, paragraph, text) of every paragraph.
    paragraphs: Vec<(String, u64, String)>,
    /// Every paragraph's date (`YYYY-MM-DD`), if it has one.
    dates: Vec<Option<String>>,
    /// Every paragraph's speaker, role and label, if it has them.
    voices: Vec<[Option<String>; 3]>,
    /// Every paragraph's tokens, by the stemmed and by the exact analyzer.
    stemmed: Vec<Vec<Tok>>,
    exact: Vec<Vec<Tok>>,
}

type Key = (String, u64);

impl Corpus {
    fn new(path: &Path) -> Corpus {
        let indexed = Sandbox::indexing(path);
        let out = indexed.cmd().arg("export").output().unwrap();
        assert!(out.status.success());
        let rows: Vec<Value> = String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap())
            // Page furniture (pull-quote boxes) is no hit by default: not scanned either.
            .filter(|v| v["furniture"] != Value::Bool(true))
            .collect();
        let paragraphs = rows
            .iter()
            .map(|v| {
                (
                    v["transcript"].as_str().unwrap().to_string(),
                    v["paragraph"].as_u64().unwrap(),
                    v["text"].as_str().unwrap().to_string(),
                )
            })
            .collect::<Vec<(String, u64, String)>>();
        let dates = rows
            .iter()
            .map(|v| v["date"].as_str().map(str::to_string))
            .collect();
        let voices = rows
            .iter()
            .map(|v| ["speaker", "role", "label"].map(|k| v[k].as_str().map(str::to_string)))
            .collect();
        let tokens = |exact: bool| {
            paragraphs
                .iter()
                .map(|(_, _, text)| tokens_of(text, exact))
                .collect()
        };
        Corpus {
            indexed,
            stemmed: tokens(false),
            exact: tokens(true),
            paragraphs,
            dates,
            voices,
        }
    }

    /// `field:words` (speaker, role or label: part 0, 1 or 2 of a voice) and `--speaker`:
    /// the paragraphs whose voice part has the words in a row, as the field analyzes them
    /// (a role's words stemmed, names exact); with `also`, among those the paragraphs
    /// `also` finds. How many it found.
    fn check_voice(&self, field: &str, words: &str, also: Option<&str>) -> usize {
        let part = ["speaker", "role", "label"]
            .iter()
            .position(|f| *f == field)
            .unwrap();
        let analyzed = |text: &str| -> Vec<String> {
            let mut a = analyzer_for(part != 1);
            analyzer::tokens(&mut a, text)
                .into_iter()
                .map(|t| t.term)
                .collect()
        };
        let want = analyzed(words);
        let also_found = also.map(|q| self.search(q, false).0);
        let expected: BTreeSet<Key> = self
            .paragraphs
            .iter()
            .zip(&self.voices)
            .filter(|(_, v)| {
                v[part].as_deref().is_some_and(|t| {
                    analyzed(t)
                        .windows(want.len())
                        .any(|w| w == want.as_slice())
                })
            })
            .map(|((t, p, _), _)| (t.clone(), *p))
            .filter(|k| also_found.as_ref().is_none_or(|a| a.contains(k)))
            .collect();
        let query = match also {
            Some(q) => format!("{field}:\"{words}\" {q}"),
            None => format!("{field}:\"{words}\""),
        };
        self.check(&query, false, expected.clone());
        if let (Some(q), "speaker", true) = (also, field, expected.is_empty()) {
            // A --speaker that names nobody is an error, not an empty result.
            let out = self
                .indexed
                .cmd()
                .args(["search", "--json", "--speaker", words, "--", q])
                .output()
                .unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "--speaker {words}: {err}");
            assert!(
                err.contains(&format!("no speaker matches '{words}'")),
                "{err}"
            );
        } else if let (Some(q), "speaker") = (also, field) {
            let (found, total) = self.search_with(q, false, &["--speaker", words]);
            assert_eq!(total, expected.len(), "--speaker {words} {q}");
            assert_eq!(found, expected, "--speaker {words} {q}");
        }
        expected.len()
    }

    /// One page of paragraphs, all spoken by one speaker.
    fn one_page(paragraphs: &[&str]) -> Corpus {
        let dir = tempfile::tempdir().unwrap();
        let body: Vec<String> = paragraphs
            .iter()
            .map(|p| format!("Vladimir Putin: {p}"))
            .collect();
        std::fs::write(
            dir.path().join("1.txt"),
            format!(
                "Events\nMeeting\nNovember 9, 2020\nMoscow\n{}\n",
                body.join("\n")
            ),
        )
        .unwrap();
        Corpus::new(dir.path())
    }

    /// The paragraphs `rostra search` returns, and the total it reports.
    fn search(&self, query: &str, exact: bool) -> (BTreeSet<Key>, usize) {
        self.search_with(query, exact, &[])
    }

    fn search_with(&self, query: &str, exact: bool, extra: &[&str]) -> (BTreeSet<Key>, usize) {
        let mut cmd = self.indexed.cmd();
        cmd.args(["search", "--json", "--limit", &LIMIT.to_string()]);
        cmd.args(extra);
        if exact {
            cmd.arg("--exact");
        }
        let out = cmd.arg("--").arg(query).output().unwrap();
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{query}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let lines: Vec<Value> = String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let (summary, hits) = lines.split_last().unwrap();
        let keys = hits
            .iter()
            .map(|h| {
                (
                    h["transcript"].as_str().unwrap().to_string(),
                    h["paragraph"].as_u64().unwrap(),
                )
            })
            .collect();
        (keys, summary["total"].as_u64().unwrap() as usize)
    }

    /// The paragraphs whose tokens satisfy `matches`.
    fn scan(&self, exact: bool, matches: impl Fn(&[Tok]) -> bool) -> BTreeSet<Key> {
        let tokens = if exact { &self.exact } else { &self.stemmed };
        self.paragraphs
            .iter()
            .zip(tokens)
            .filter(|(_, toks)| matches(toks))
            .map(|((t, p, _), _)| (t.clone(), *p))
            .collect()
    }

    fn check(&self, query: &str, exact: bool, expected: BTreeSet<Key>) {
        let (found, total) = self.search(query, exact);
        let mode = if exact { "--exact" } else { "stemmed" };
        assert_eq!(total, expected.len(), "total for {query} ({mode})");
        if total <= LIMIT {
            assert_eq!(found, expected, "paragraphs for {query} ({mode})");
        }
    }

    /// A phrase of words (one word: a term query).
    fn check_phrase(&self, words: &str, exact: bool) {
        let terms = terms(words, exact);
        if terms.is_empty() {
            return;
        }
        let expected = self.scan(exact, |toks| {
            toks.iter().filter(|t| t.term == terms[0]).any(|t| {
                terms.iter().enumerate().skip(1).all(|(k, q)| {
                    toks.iter()
                        .any(|x| x.position == t.position + k && x.term == *q)
                })
            })
        });
        let query = if terms.len() == 1 {
            words.to_string()
        } else {
            format!("\"{words}\"")
        };
        self.check(&query, exact, expected);
    }

    /// `a NEAR/k b`: the two words at most `k` words apart, in either order.
    fn check_near(&self, a: &str, b: &str, k: usize, exact: bool) {
        let (ta, tb) = (terms(a, exact), terms(b, exact));
        if ta.len() != 1 || tb.len() != 1 || ta == tb {
            return;
        }
        let (ta, tb) = (&ta[0], &tb[0]);
        let expected = self.scan(exact, |toks| {
            toks.iter().filter(|x| x.term == *ta).any(|x| {
                toks.iter()
                    .filter(|y| y.term == *tb)
                    .any(|y| x.position.abs_diff(y.position) <= k + 1)
            })
        });
        self.check(&format!("{a} NEAR/{k} {b}"), exact, expected);
    }

    /// A word with `--from`/`--to`: the paragraphs of the scan dated inside (inclusive).
    fn check_dated(&self, word: &str, from: &str, to: &str) {
        let Some(term) = terms(word, false).pop() else {
            return;
        };
        let with_word = self.scan(false, |toks| toks.iter().any(|t| t.term == term));
        let expected: BTreeSet<Key> = self
            .paragraphs
            .iter()
            .zip(&self.dates)
            .filter(|((t, p, _), date)| {
                with_word.contains(&(t.clone(), *p))
                    && date.as_deref().is_some_and(|d| d >= from && d <= to)
            })
            .map(|((t, p, _), _)| (t.clone(), *p))
            .collect();
        let (found, total) = self.search_with(word, false, &["--from", from, "--to", to]);
        assert_eq!(
            total,
            expected.len(),
            "total for {word} from {from} to {to}"
        );
        if total <= LIMIT {
            assert_eq!(found, expected, "paragraphs for {word} from {from} to {to}");
        }
    }

    /// Words and adjacent word pairs from every `step`-th paragraph, deterministically.
    fn sampled_queries(&self, step: usize) -> Vec<String> {
        let mut out = BTreeSet::new();
        for toks in self.exact.iter().step_by(step) {
            let mid = toks.len() / 2;
            if let [x, y, ..] = &toks[mid.min(toks.len().saturating_sub(2))..] {
                out.insert(x.term.clone());
                out.insert(format!("{} {}", x.term, y.term));
            }
        }
        out.into_iter().collect()
    }
}

fn analyzer_for(exact: bool) -> TextAnalyzer {
    if exact {
        analyzer::exact()
    } else {
        analyzer::stemmed()
    }
}

/// The tokens of a paragraph as a search sees them: the exact analyzer's, or the stemmed
/// one's and, after its last part, each hyphenated compound closed up and stemmed
/// (`multi-polar` → `multipolar`), which stemmed search finds too.
fn tokens_of(text: &str, exact: bool) -> Vec<Tok> {
    let mut toks = analyzer::tokens(&mut analyzer_for(exact), text);
    if !exact {
        for mut c in analyzer::compounds(text) {
            c.term = rostra::index::stems::stem_word(&c.term);
            let at = toks.partition_point(|t| t.position <= c.position);
            toks.insert(at, c);
        }
    }
    toks
}

fn terms(words: &str, exact: bool) -> Vec<String> {
    analyzer::tokens(&mut analyzer_for(exact), words)
        .into_iter()
        .map(|t| t.term)
        .collect()
}

fn check_all(c: &Corpus, step: usize, chosen: &[&str], near: &[(&str, &str, usize)]) {
    let mut queries = c.sampled_queries(step);
    queries.extend(chosen.iter().map(|q| q.to_string()));
    assert!(queries.len() > 20, "too few queries: {queries:?}");
    for q in &queries {
        for exact in [false, true] {
            c.check_phrase(q, exact);
        }
    }
    for &(a, b, k) in near {
        for exact in [false, true] {
            c.check_near(a, b, k, exact);
        }
    }
    for q in queries.iter().filter(|q| !q.contains(' ')).take(12) {
        c.check_dated(q, "2016-01-01", "2018-06-30");
        c.check_dated(q, "2018-06-07", "2018-06-07");
    }
}
