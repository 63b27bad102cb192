//! Arbitrary text (random unicode, label-like lines, colons, `<…>` fragments, very long
//! lines, CR/CRLF) never panics and keeps the promises the parser makes about its output.
//! Its proptest regressions are in `arbitrary.proptest-regressions`, beside this file.

use proptest::prelude::*;
use rostra::transcript::parse_text;

use super::check_invariants;

/// Lines a page could hold, hostile or not.
fn any_line() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "\\PC{0,80}",
        // label-like: capitalised words, maybe a note, a colon, maybe text
        "[A-Z][a-z]{0,8}( [A-Za-z’-]{1,10}){0,5}( \\([a-z -]{0,20}\\))?:[ ]?[^\n]{0,40}",
        "[a-z][a-z]{0,8}( [A-Za-z-]{1,10}){0,8}:[^\n]{0,20}",
        // colons and brackets everywhere
        "[a-zA-Z :()]{0,60}",
        ":{1,40}",
        "[(:) ]{1,20}[A-Za-z]{0,5}",
        // elision fragments
        "[<‹]{0,2}[ ]?(…|\\.\\.\\.|\\.\\.)?[ ]?[>›]{0,2}",
        "<[^\n>]{0,10}>",
        "[A-Z][a-z]{1,8} [A-Z][a-z]{1,8}: [<‹](…|\\.\\.\\.)[>›]",
        // counters, separators, label tails
        "[0-9]{0,4} of [0-9]{0,4}",
        "\\*[ *]{0,6}",
        "\\([^\n)]{0,45}\\)?[ ]?:?[ ]?[^\n]{0,20}",
        "\u{feff}{0,2}[A-Za-z :]{0,20}\u{feff}{0,2}",
        prop::sample::select(vec![
            "Events",
            "Persons",
            "Geography",
            "Topics",
            "Publication status",
            "Text version",
            "Published in sections: News, Transcripts",
            "Published in section:",
            "Publication date: November 9, 2020, 13:25",
            "Publication date:",
            "November 9, 2020",
            "February 30, 2020",
            "13:25",
            "99:99",
            "Vladimir Putin",
            "Putin Vladimir",
            "Putin:",
            "Question:",
            ":",
            "(retranslated): Yes.",
            "(retranslated):",
            "<…>",
            "1 of 4",
            "* * *",
            "Text of the Decree:",
            "Deadline: June 1, 2020.",
        ])
        .prop_map(String::from),
        // very long lines
        ("[A-Za-z: (]{1,20}", 1usize..4000).prop_map(|(s, n)| s.repeat(n)),
    ]
}

/// Arbitrary lines joined by arbitrary line ends (LF, CRLF, lone CR, blank lines).
fn any_page() -> impl Strategy<Value = String> {
    let end = prop::sample::select(vec!["\n", "\n", "\n", "\r\n", "\r", "\n\n", " \n\t"]);
    prop::collection::vec((any_line(), end), 0..40).prop_map(|parts| {
        parts
            .into_iter()
            .map(|(l, e)| format!("{l}{e}"))
            .collect::<String>()
    })
}

/// The same page with blank lines between its lines and blanks around them.
fn padded(input: &str) -> String {
    input
        .split('\n')
        .map(|l| format!(" \t{l}\u{feff} "))
        .collect::<Vec<_>>()
        .join("\n \n")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_lines_never_panic_and_keep_the_invariants(input in any_page()) {
        let t = parse_text("p.txt", "p", &input);
        check_invariants(&t, &input)?;
    }

    #[test]
    fn arbitrary_strings_never_panic_and_keep_the_invariants(input in any::<String>()) {
        let t = parse_text("p.txt", "p", &input);
        check_invariants(&t, &input)?;
    }

    #[test]
    fn crlf_and_lf_pages_parse_alike(input in any_page()) {
        let lf = parse_text("p.txt", "p", &input);
        let crlf = parse_text("p.txt", "p", &input.replace('\n', "\r\n"));
        prop_assert_eq!(lf, crlf);
    }

    #[test]
    fn blank_lines_and_surrounding_blanks_do_not_matter(input in any_page()) {
        let plain = parse_text("p.txt", "p", &input);
        let padded = parse_text("p.txt", "p", &padded(&input));
        prop_assert_eq!(plain, padded);
    }
}
