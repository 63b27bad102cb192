//! The query front end on hostile input (stage 3 → 4), on stable Rust: the body of the
//! `query` fuzz target (`fuzz/src/query.rs`, included here) run over a few thousand
//! generated queries — deep nesting, a 50,000-term `OR`, huge strings, quotes, `NEAR/`
//! with huge numbers, fields, `*`. Each ends in a result or a one-line error, and a query
//! that runs holds a bounded number of terms.

#[path = "../../fuzz/src/query.rs"]
mod query_target;

use proptest::prelude::*;
use query_target::Outcome;
use rostra::query::parse::{MAX_QUERY_BYTES, MAX_TERMS};

/// `query::expand::MAX_EXPANSIONS` (not exported): most words one `prefix*` expands to.
const MAX_EXPANSIONS: usize = 512;

/// Every term a query can hold: each word of the longest query twice (`NEAR` asks for
/// both orders), and every word a `prefix*` expands to.
const MAX_QUERY_TERMS: usize = 2 * MAX_QUERY_BYTES + MAX_TERMS * MAX_EXPANSIONS;

fn check(q: &str) -> Result<Outcome, TestCaseError> {
    let outcome = query_target::run_query(q);
    match &outcome {
        Outcome::NotUtf8 => return Err(TestCaseError::fail("a &str is UTF-8")),
        Outcome::Refused(e) | Outcome::Failed(e) => {
            prop_assert!(e.starts_with("query: "), "{:?} → {:?}", q, e);
            prop_assert!(
                e.len() > "query: ".len() && !e.contains('\n'),
                "{:?} → {:?}",
                q,
                e
            );
        }
        Outcome::Searched { total, terms } => {
            prop_assert!(*terms <= MAX_QUERY_TERMS, "{:?}: {} terms", q, terms);
            // Only paragraphs of the two pages can match.
            prop_assert!(*total <= 1000, "{:?}: {} hits", q, total);
        }
    }
    Ok(outcome)
}

const FIELDS: [&str; 13] = [
    "text",
    "title",
    "place",
    "role",
    "topic",
    "geography",
    "speaker",
    "label",
    "transcript",
    "id",
    "TITLE",
    "nosuchfield",
    "a_b",
];

/// Pieces of query syntax, valid or not.
fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "syria", "refugees", "Putin", "assad", "return", "of", "the", "zeta1", "ζήτα",
            "naïve", "medium-sized", "al-Assad", "sample", "wide",
        ])
        .prop_map(String::from),
        2 => prop::sample::select(vec![
            "(", ")", "\"", "“", "”", "OR", "AND", "NOT", "||", "&&", "-", "+", "NEAR",
            "NEAR/", "NEAR/0", "NEAR/5", "NEAR/100", "NEAR/101", "NEAR/-1", "NEAR/x", "~",
            "~2", "~999999", "*", "**", "zeta*", "r*", "*a", ":", "::", "-*", "+-", "\\",
            "/", "//", "/re.*/", "/(/", "/[a-z]+/", "sa?ple", "*ion", "s*e?", "?", "syria~1",
            "refugees~2", "syria~", "~1", "x^2", "^", "title:/syr.*/",
        ])
        .prop_map(String::from),
        1 => "NEAR/[0-9]{1,40}",
        1 => "\"[a-z ]{0,20}\"(~[0-9]{0,25})?",
        1 => (prop::sample::select(FIELDS.to_vec()), "[a-z*\"(]{0,8}")
            .prop_map(|(f, v)| format!("{f}:{v}")),
        1 => "\\PC{1,6}",
        1 => "[a-z]{38,45}",
    ]
}

/// A soup of tokens, joined by spaces or by nothing.
fn soup() -> impl Strategy<Value = String> {
    prop::collection::vec((token(), prop::bool::weighted(0.8)), 1..60).prop_map(|parts| {
        parts
            .into_iter()
            .map(|(t, space)| if space { format!("{t} ") } else { t })
            .collect()
    })
}

/// The hostile shapes the front end exists to refuse.
fn hostile() -> impl Strategy<Value = String> {
    prop_oneof![
        // nesting, balanced or not, up to 6,000 deep
        (0usize..6000, 0usize..6000, "[a-z]{1,6}").prop_map(|(open, close, w)| format!(
            "{}{w}{}",
            "(".repeat(open),
            ")".repeat(close)
        )),
        (1usize..200).prop_map(|n| "(a ".repeat(n) + &")".repeat(n)),
        // wide: up to 60,000 terms joined by OR, AND, or nothing
        (
            1usize..60_000,
            prop::sample::select(vec![" OR ", " AND ", " ", " NEAR/1 ", "||"])
        )
            .prop_map(|(n, sep)| vec!["w"; n].join(sep)),
        (MAX_TERMS - 3..MAX_TERMS + 3).prop_map(|n| vec!["refugees"; n].join(" ")),
        // huge strings around the length limit and far past it
        ("[a-z]{1,8}", 1usize..50_000).prop_map(|(w, n)| w.repeat(n)),
        (MAX_QUERY_BYTES - 2..MAX_QUERY_BYTES + 2).prop_map(|n| "a".repeat(n)),
        (0usize..3000).prop_map(|n| format!("\"{}\"", "syria ".repeat(n))),
        // quotes
        "[\"“” a-z~0-9]{0,40}",
        // NEAR/ with huge numbers
        ("[a-z]{1,5}", "[0-9]{1,60}", "[a-z]{1,5}")
            .prop_map(|(a, k, b)| format!("{a} NEAR/{k} {b}")),
        any::<u64>().prop_map(|k| format!("\"return refugees\"~{k}")),
        // fields and prefixes
        (prop::sample::select(FIELDS.to_vec()), "[a-z]{0,6}\\*{0,3}")
            .prop_map(|(f, v)| format!("{f}:{v}")),
        // (each `zeta*` is 512 terms: the widest, 256 of them, is a named case below)
        (prop::sample::select(FIELDS.to_vec()), 0usize..8)
            .prop_map(|(f, n)| format!("{f}:zeta* ").repeat(n)),
        "\\*{1,10}",
        // anything
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn token_soup_ends_in_a_result_or_a_clean_error(q in soup()) {
        check(&q)?;
    }

    #[test]
    fn hostile_queries_end_in_a_result_or_a_clean_error(q in hostile()) {
        check(&q)?;
    }

    #[test]
    fn arbitrary_bytes_never_panic(data in prop::collection::vec(any::<u8>(), 0..200)) {
        let outcome = query_target::run(&data);
        prop_assert_eq!(
            matches!(outcome, Outcome::NotUtf8),
            std::str::from_utf8(&data).is_err()
        );
    }
}

/// The cases issue 4 names, once each, with what should become of them.
#[test]
fn named_hostile_queries() {
    let refused = |q: &str, why: &str| match check(q).expect("clean") {
        Outcome::Refused(e) => assert!(e.contains(why), "{e}"),
        other => panic!("{other:?}"),
    };
    refused(
        &format!("{}a{}", "(".repeat(5000), ")".repeat(5000)),
        "bytes long",
    );
    refused(
        &format!("{}a{}", "(".repeat(1000), ")".repeat(1000)),
        "nest deeper",
    );
    refused(&vec!["w"; 50_000].join(" OR "), "bytes long");
    refused(&vec!["w"; 300].join(" OR "), "300 words");
    refused("a NEAR/99999999999999999999999 b", "not a distance");
    refused("\"a b\"~4294967296", "not a distance");
    refused("\"unclosed", "unclosed");
    // 256 prefixes of up to 512 words each would be 131,072 terms: the whole query has one
    // budget of 2,048 expanded words, and past it the query is refused with a reason.
    match check(&"zeta* ".repeat(MAX_TERMS)).expect("clean") {
        Outcome::Failed(m) => assert!(m.contains("expand to more than"), "{m}"),
        other => panic!("{other:?}"),
    }
    match check("title:forms zeta*").expect("clean") {
        Outcome::Searched { total, .. } => assert!(total > 0),
        other => panic!("{other:?}"),
    }
    match check("nosuchfield:syria").expect("clean") {
        Outcome::Failed(e) => assert!(e.contains("unknown field"), "{e}"),
        other => panic!("{other:?}"),
    }
}

/// Paragraphs matching `q` in the fuzz index (stemmed search).
fn total(q: &str) -> usize {
    let reader = query_target::reader();
    let searcher = reader.searcher();
    let req = rostra::query::Request {
        query: q.to_string(),
        ..Default::default()
    };
    let compiled = rostra::query::compile(&req, reader, &searcher).expect("compiles");
    rostra::hits::search(&searcher, &reader.fields, &compiled, 1, 0)
        .expect("runs")
        .total
}

/// Found by the fuzz target: with debug assertions on, tantivy 0.27 panics on any query
/// that excludes a phrase (`PhraseScorer::seek_danger` asserts it is never asked for a
/// document behind it, and `Exclude` does just that). Release builds do not check; this
/// makes sure their answer is right.
#[test]
fn excluding_a_phrase_removes_exactly_its_paragraphs() {
    for (word, phrase) in [
        ("refugees", "\"return of refugees\""),
        ("syrian", "\"syrian government\""),
        ("zeta1", "\"zeta1 zeta2\""),
    ] {
        let with = total(word);
        let both = total(&format!("{word} {phrase}"));
        assert!(with > 0 && both > 0, "{word} {phrase}");
        assert_eq!(
            total(&format!("{word} -{phrase}")),
            with - both,
            "{word} -{phrase}"
        );
    }
}
