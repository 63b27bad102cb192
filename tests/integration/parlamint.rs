//! ParlaMint TEI end to end (issue 17 §2): a corpus folder or its `teiCorpus` root ingests as
//! one transcript per sitting, speakers and their party on the sitting's date as facets,
//! narration out of the words; the fixture in `tests/fixtures/parlamint`, and the shared
//! samples (checked against their `-meta.tsv`) when ../shared is there.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::util::*;

/// A copy of `from` (a folder) at `to`, sub-folders too.
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_tree(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), dest).unwrap();
        }
    }
}

fn fixture_sandbox() -> Sandbox {
    let sb = Sandbox::empty();
    copy_tree(&fixture("parlamint"), &sb.path().join("ParlaMint-T"));
    sb
}

fn facet<'a>(p: &'a Value, name: &str) -> Option<&'a str> {
    p["facets"][name].as_str()
}

/// The paragraphs of `sb`'s index by transcript, each transcript's in paragraph order
/// (`export` gives them segment by segment, and one transcript's paragraphs may be in
/// several segments, in any order of segments).
fn by_transcript(sb: &Sandbox) -> BTreeMap<String, Vec<Value>> {
    let mut out: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for p in sb.paragraphs() {
        out.entry(p["transcript"].as_str().unwrap().to_string())
            .or_default()
            .push(p);
    }
    for ps in out.values_mut() {
        ps.sort_by_key(|p| p["paragraph"].as_u64());
    }
    out
}

#[test]
fn parlamint_folder_is_one_transcript_per_sitting_with_party_at_date() {
    let sb = fixture_sandbox();
    let out = sb.run(&["ingest", "ParlaMint-T"]);
    let stderr = stderr_of(&out);
    assert!(out.status.success(), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    // The root is the one file: its sittings are read through it, and the .txt copy and the
    // -meta.tsv beside a sitting are not transcripts.
    assert!(stdout.starts_with("1 file: 1 added"), "{stdout}");
    assert!(stdout.contains("read 2 transcripts"), "{stdout}");
    assert_eq!(
        stderr.matches("note: ").count(),
        1,
        "one note, for the missing taxonomy: {stderr}"
    );
    assert!(
        stderr.contains("ParlaMint-taxonomy-speaker_types.xml"),
        "{stderr}"
    );
    let pages = by_transcript(&sb);
    assert_eq!(
        pages.keys().collect::<Vec<_>>(),
        ["ParlaMint-T_2015-06-01", "ParlaMint-T_2017-06-29"]
    );
    // PusićVesna: HNS and a minister on 2015-06-01, GLAS on 2017-06-29.
    let said = |id: &str| -> Vec<Value> {
        pages[id]
            .iter()
            .filter(|p| !p["speaker"].is_null())
            .cloned()
            .collect()
    };
    let (y2015, y2017) = (
        said("ParlaMint-T_2015-06-01"),
        said("ParlaMint-T_2017-06-29"),
    );
    assert_eq!(y2015.len(), 1);
    assert_eq!(y2017.len(), 2, "one paragraph per seg");
    assert_eq!(y2015[0]["speaker"], "Vesna Pusić");
    assert_eq!(y2015[0]["role"], "regular, member, minister");
    assert_eq!(facet(&y2015[0], "party"), Some("HNS"));
    assert_eq!(y2015[0]["date"], "2015-06-01");
    for p in &y2017 {
        assert_eq!(p["speaker"], "Vesna Pusić");
        assert_eq!(p["role"], "regular, member");
        assert_eq!(facet(p, "party"), Some("GLAS"));
        assert_eq!(facet(p, "parliament"), Some("T"));
    }
    // The vocal inside the seg is not her words; the words after it are.
    assert_eq!(
        y2017[1]["text"],
        "Poštovani kolege, zakon o trgovini je pred nama."
    );
    assert!(sb
        .paragraphs()
        .iter()
        .filter(|p| !p["speaker"].is_null())
        .all(|p| !p["text"].as_str().unwrap().contains("glasnije")));
    // The speaker-note between utterances is narration, with no speaker.
    let narration: Vec<&str> = pages["ParlaMint-T_2017-06-29"]
        .iter()
        .filter(|p| p["speaker"].is_null())
        .map(|p| p["text"].as_str().unwrap())
        .collect();
    assert_eq!(narration, ["Pusić, Vesna"]);

    // The party filters and counts as a facet.
    let hits = sb.json_lines(&["search", "zakon", "--json", "--where", "party=GLAS"]);
    assert_eq!(hits.iter().filter(|h| h["type"] == "hit").count(), 1);
    let none = sb.run(&["search", "zakon", "--where", "party=HNS"]);
    assert_eq!(none.status.code(), Some(1));
    let facets = sb.stdout(&["facets", "party"]);
    assert!(
        facets.contains("GLAS") && facets.contains("HNS"),
        "{facets}"
    );

    // A second ingest finds the corpus unchanged; touching a sitting changes it.
    let again = sb.stdout(&["ingest", "ParlaMint-T"]);
    assert!(again.contains("1 unchanged"), "{again}");
    let sitting = sb
        .path()
        .join("ParlaMint-T/2015/ParlaMint-T_2015-06-01.xml");
    let text = std::fs::read_to_string(&sitting)
        .unwrap()
        .replace("Hvala lijepa.", "Hvala lijepa, kolege.");
    std::fs::write(&sitting, text).unwrap();
    let changed = sb.stdout(&["ingest", "ParlaMint-T"]);
    assert!(changed.contains("1 replaced"), "{changed}");
    assert_eq!(
        sb.paragraphs().len(),
        pages.values().map(Vec::len).sum::<usize>()
    );
}

#[test]
fn parlamint_root_file_ingests_and_parse_names_the_reader() {
    let sb = fixture_sandbox();
    let root = "ParlaMint-T/ParlaMint-T.xml";
    let out = sb.run(&["ingest", root]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("read 2 transcripts"));
    let parse = sb.run(&["parse", root]);
    let text = String::from_utf8_lossy(&parse.stdout);
    assert!(
        text.contains("reader     ParlaMint TEI corpus (teiCorpus root and the files it includes)"),
        "{text}"
    );
    assert!(
        text.contains("language   hr: exact word forms (no stemmer for this language)"),
        "{text}"
    );
    assert!(text.contains("[party=GLAS]"), "{text}");
    // A sitting given alone: read, said to be without its person list.
    let alone = sb.run(&["parse", "ParlaMint-T/2017/ParlaMint-T_2017-06-29.xml"]);
    let (stdout, stderr) = (String::from_utf8_lossy(&alone.stdout), stderr_of(&alone));
    assert!(stdout.contains("ParlaMint TEI sitting alone"), "{stdout}");
    assert!(stderr.contains("no person list"), "{stderr}");
    assert!(stdout.contains("PusićVesna (regular)"), "{stdout}");
    // A list the root includes is no transcript.
    let list = sb.run(&["parse", "ParlaMint-T/ParlaMint-T-listPerson.xml"]);
    assert!(stderr_of(&list).contains("skipped: XML that is not a TEI corpus root or sitting"));
}

/// The words a JSON hit highlights (its `highlights` are character offsets).
fn highlighted(hit: &Value) -> Vec<String> {
    let chars: Vec<char> = hit["text"].as_str().unwrap().chars().collect();
    hit["highlights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            let (a, b) = (h["start"].as_u64().unwrap(), h["end"].as_u64().unwrap());
            chars[a as usize..b as usize].iter().collect()
        })
        .collect()
}

/// `search QUERY --json ARGS…` on `sb`: the hits' highlighted words, by paragraph id, and
/// the summary.
fn searched(sb: &Sandbox, query: &str, args: &[&str]) -> (BTreeMap<String, Vec<String>>, Value) {
    let mut all = vec!["search", query, "--json"];
    all.extend_from_slice(args);
    let lines = sb.json_lines(&all);
    let hits = lines
        .iter()
        .filter(|l| l["type"] == "hit")
        .map(|h| {
            let id = format!("{}#{}", h["transcript"].as_str().unwrap(), h["paragraph"]);
            (id, highlighted(h))
        })
        .collect();
    let summary = lines.last().unwrap().clone();
    assert_eq!(summary["type"], "summary");
    (hits, summary)
}

#[test]
fn parlamint_languages_croatian_by_exact_forms_english_and_french_stemmed() {
    let sb = Sandbox::empty();
    copy_tree(&fixture("parlamint-langs"), &sb.path().join("ParlaMint-L"));
    let out = sb.run(&["ingest", "ParlaMint-L"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let (hr, en, fr) = (
        "ParlaMint-L_2017-06-29-hr#1",
        "ParlaMint-L_2020-02-12-en#0",
        "ParlaMint-L_2020-02-12-en#1",
    );
    // A Croatian word form matches only itself (English stemming would make `amandmane`
    // and `amandman` one word), highlighted as written.
    let (hits, summary) = searched(&sb, "amandman", &[]);
    assert_eq!(hits.keys().collect::<Vec<_>>(), [hr]);
    assert_eq!(hits[hr], ["amandman"]);
    let langs: Vec<(String, String)> = summary["languages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["lang"].as_str().unwrap().to_string(),
                l["search"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        langs,
        [
            ("en".to_string(), "stemmed (English)".to_string()),
            ("fr".to_string(), "stemmed (French Snowball)".to_string()),
            (
                "hr".to_string(),
                "exact word forms (no stemmer for this language)".to_string()
            ),
        ]
    );
    // An English plural matches its singular, the French (Snowball) likewise.
    let (hits, _) = searched(&sb, "committee", &[]);
    assert_eq!(hits.keys().collect::<Vec<_>>(), [en]);
    assert_eq!(hits[en], ["committees"]);
    let (hits, _) = searched(&sb, "député", &[]);
    assert_eq!(hits.keys().collect::<Vec<_>>(), [fr]);
    assert_eq!(hits[fr], ["députés"]);
    // `--lang` restricts, and says so.
    let (hits, summary) = searched(&sb, "amandman OR committee", &["--lang", "hr"]);
    assert_eq!(hits.keys().collect::<Vec<_>>(), [hr]);
    assert_eq!(summary["languages"].as_array().unwrap().len(), 1);
    assert_eq!(summary["languages"][0]["lang"], "hr");
    let none = sb.run(&["search", "committee", "--lang", "hr"]);
    assert_eq!(none.status.code(), Some(1));
    let bad = sb.run(&["search", "committee", "--lang", "de"]);
    assert_eq!(bad.status.code(), Some(2));
    let err = stderr_of(&bad);
    assert!(
        err.contains("--lang de") && err.contains("its languages: en, fr, hr"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    // `--explain` says the languages searched and how.
    let explained = sb.stdout(&["search", "amandman", "--explain"]);
    assert!(
        explained.contains(
            "languages: en: stemmed (English); fr: stemmed (French Snowball); hr: exact word forms (no stemmer for this language)"
        ),
        "{explained}"
    );
    // `rostra parse` says it per transcript (and of a paragraph in another language).
    let parse = sb.stdout(&["parse", "ParlaMint-L/ParlaMint-L.xml"]);
    assert!(
        parse.contains("language   hr: exact word forms (no stemmer for this language)"),
        "{parse}"
    );
    assert!(
        parse.contains("language   en: stemmed (English)"),
        "{parse}"
    );
    assert!(
        parse.contains("[language: fr: stemmed (French Snowball)]"),
        "{parse}"
    );
}

// ---- the shared samples ----

fn parlamint() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/parlamint");
    assert!(
        dir.join("ParlaMint-XX/ParlaMint-XX.xml").is_file(),
        "{} is not here: this check needs ../shared/corpus",
        dir.display()
    );
    dir
}

/// A `-meta.tsv`'s rows in file order, cells by header name.
fn meta_rows(path: &Path) -> Vec<BTreeMap<String, String>> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    lines
        .filter(|l| !l.is_empty())
        .map(|l| {
            header
                .iter()
                .zip(l.split('\t'))
                .map(|(h, c)| (h.to_string(), c.to_string()))
                .collect()
        })
        .collect()
}

/// The speakers' utterances of a transcript in order: one per turn with a speaker.
fn utterances(paragraphs: &[Value]) -> Vec<&Value> {
    let mut out: Vec<&Value> = Vec::new();
    let mut last_turn = None;
    for p in paragraphs.iter().filter(|p| !p["speaker"].is_null()) {
        if last_turn != Some(p["turn"].as_u64()) {
            out.push(p);
            last_turn = Some(p["turn"].as_u64());
        }
    }
    out
}

/// `Bulj, Miro` as rostra names him: `Miro Bulj`.
fn forename_first(sorted: &str) -> String {
    match sorted.split_once(", ") {
        Some((sur, fore)) => format!("{fore} {sur}"),
        None => sorted.to_string(),
    }
}

#[test]
#[ignore = "needs ../shared/corpus"]
fn parlamint_samples_speakers_and_parties_equal_the_meta_tsv() {
    let base = parlamint();
    let sb = Sandbox::empty();
    let xx = sb.run(&["ingest", base.join("ParlaMint-XX").to_str().unwrap()]);
    let (stdout, stderr) = (String::from_utf8_lossy(&xx.stdout), stderr_of(&xx));
    println!("XX: {stdout}{stderr}");
    assert!(xx.status.success(), "{stderr}");
    assert!(stdout.contains("read 3 transcripts"), "{stdout}");
    let pages = by_transcript(&sb);
    let (mut checked, mut agree) = (0, 0);
    let mut disagree = Vec::new();
    for year in ["2011", "2017", "2022"] {
        let dir = base.join("ParlaMint-XX").join(year);
        let tsv = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.to_string_lossy().ends_with("-0-meta.tsv"))
            .unwrap();
        let rows = meta_rows(&tsv);
        let id = &rows[0]["Text_ID"];
        let paragraphs = &pages[id.as_str()];
        let said = utterances(paragraphs);
        assert_eq!(said.len(), rows.len(), "{id}: one turn per utterance");
        for (p, row) in said.iter().zip(&rows) {
            checked += 1;
            let ours = (
                p["label"].as_str().unwrap_or(""),
                p["speaker"].as_str().unwrap_or(""),
                facet(p, "party").unwrap_or("-"),
                p["date"].as_str().unwrap_or(""),
            );
            let name = forename_first(&row["Speaker_name"]);
            let theirs = (
                row["Speaker_ID"].as_str(),
                name.as_str(),
                row["Speaker_party"].as_str(),
                row["Date"].as_str(),
            );
            if ours == theirs {
                agree += 1;
            } else {
                disagree.push(format!("{}: ours {ours:?}, meta {theirs:?}", row["ID"]));
            }
            let chair = row["Speaker_role"] == "Predsjedavajući";
            assert_eq!(
                p["role"].as_str().unwrap().starts_with("chair"),
                chair,
                "{}",
                row["ID"]
            );
        }
        // Narration never in a speaker's words: the .txt marks it [[…]].
        let txt =
            std::fs::read_to_string(tsv.to_string_lossy().replace("-meta.tsv", ".txt")).unwrap();
        for note in txt.split("[[").skip(1).filter_map(|s| s.split("]]").next()) {
            for p in paragraphs.iter().filter(|p| !p["speaker"].is_null()) {
                assert!(
                    !p["text"].as_str().unwrap().contains(note.trim()),
                    "{id}: narration {note:?} in {}",
                    p["text"]
                );
            }
        }
    }
    println!("XX: {agree} of {checked} utterances agree with the -meta.tsv on speaker and party");
    assert!(disagree.is_empty(), "{disagree:#?}");
    assert_eq!(checked, 12);

    let gb = sb.run(&["ingest", base.join("ParlaMint-GB").to_str().unwrap()]);
    let (stdout, stderr) = (String::from_utf8_lossy(&gb.stdout), stderr_of(&gb));
    println!("GB: {stdout}{stderr}");
    assert!(gb.status.success(), "{stderr}");
    assert!(stdout.contains("read 3 transcripts"), "{stdout}");
    assert_eq!(
        stderr.matches("no person list").count(),
        1,
        "one note about the missing person list: {stderr}"
    );
    let gb_pages: Vec<Value> = sb
        .paragraphs()
        .into_iter()
        .filter(|p| {
            p["transcript"]
                .as_str()
                .unwrap()
                .starts_with("ParlaMint-GB")
        })
        .collect();
    assert!(gb_pages
        .iter()
        .all(|p| p["facets"]["party"].is_null() && facet(p, "parliament") == Some("GB")));
    // Without the person list, each utterance's speaker is its id, the TSV's Speaker_ID.
    let gb_by: BTreeMap<String, Vec<Value>> = by_transcript(&sb)
        .into_iter()
        .filter(|(k, _)| k.starts_with("ParlaMint-GB"))
        .collect();
    let mut gb_checked = 0;
    for year in ["2017", "2020", "2022"] {
        let dir = base.join("ParlaMint-GB").join(year);
        let tsv = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.extension().is_some_and(|e| e == "tsv"))
            .unwrap();
        let rows = meta_rows(&tsv);
        let said = utterances(&gb_by[rows[0]["Text_ID"].as_str()]);
        assert_eq!(said.len(), rows.len(), "{}", tsv.display());
        for (p, row) in said.iter().zip(&rows) {
            assert_eq!(p["speaker"].as_str(), Some(row["Speaker_ID"].as_str()));
            assert_eq!(p["date"].as_str(), Some(row["Date"].as_str()));
            gb_checked += 1;
        }
    }
    println!("GB: {gb_checked} utterances, each speaker the -meta.tsv's Speaker_ID");
    let speakers: std::collections::BTreeSet<&str> = gb_pages
        .iter()
        .filter_map(|p| p["speaker"].as_str())
        .collect();
    assert!(speakers.contains("DavidDavis") && speakers.contains("LindsayHoyle"));
}
