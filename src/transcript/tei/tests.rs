use super::*;

fn sitting(body: &str) -> Sitting {
    let xml = format!(
        r##"<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="hr" xml:id="S1">
  <teiHeader>
    <fileDesc><titleStmt>
      <title type="main" xml:lang="hr">Glavni naslov</title>
      <title type="main" xml:lang="en">Main title</title>
    </titleStmt>
    <publicationStmt><date when="2024-03-08">2024-03-08</date></publicationStmt></fileDesc>
    <profileDesc><settingDesc><setting>
      <name type="city">Zagreb</name>
      <date when="2017-06-29" ana="#parla.sitting">2017-06-29</date>
    </setting></settingDesc></profileDesc>
  </teiHeader>
  <text><body><div type="debateSection">{body}</div></body></text>
</TEI>"##
    );
    read_sitting(Path::new("s.xml"), &xml, Some("en")).unwrap()
}

fn only_u(s: &Sitting) -> &Utterance {
    let us: Vec<_> = s.utterances().collect();
    assert_eq!(us.len(), 1);
    us[0]
}

#[test]
fn date_is_the_settings_not_the_publications() {
    let s = sitting("");
    assert_eq!(s.date.as_deref(), Some("2017-06-29"));
    assert_eq!(s.id, "S1");
    assert_eq!(s.title(), Some("Glavni naslov"));
    assert_eq!(s.titles.len(), 2);
}

// ParlaMint-XX_2017-06-29-0.u38725: a gap and a vocal inside the seg, the words going on after.
#[test]
fn narration_inside_seg_is_not_the_speakers_words() {
    let s = sitting(
        r##"<u who="#JandrokovićGordan" ana="#chair" xml:id="u1">
      <seg xml:id="u1.seg0">Jeste možda za da krenemo odmah. … <gap reason="inaudible">
            <desc>Upadica se ne čuje.</desc>
         </gap>
						Molim? <vocal type="interruption">
            <desc>Upadica Bulj: 10 minuta stanke.</desc>
         </vocal>
						Molim? 10 minuta, dobro.</seg>
      <seg xml:id="u1.seg1">
         <note type="time">NASTAVAK NAKON STANKE U 9,44 SATI</note>
						Poštovane kolegice i kolege nastavljamo.</seg>
    </u>"##,
    );
    let u = only_u(&s);
    assert_eq!(
        u.segs[0].text,
        "Jeste možda za da krenemo odmah. … Molim? Molim? 10 minuta, dobro."
    );
    assert_eq!(u.segs[1].text, "Poštovane kolegice i kolege nastavljamo.");
    let kinds: Vec<_> = u.segs[0]
        .narration
        .iter()
        .map(|n| n.kind.as_str())
        .collect();
    assert_eq!(kinds, ["gap", "vocal"]);
    assert_eq!(u.segs[0].narration[0].subtype.as_deref(), Some("inaudible"));
    assert_eq!(
        u.segs[0].narration[1].text,
        "Upadica Bulj: 10 minuta stanke."
    );
    assert_eq!(u.segs[1].narration[0].subtype.as_deref(), Some("time"));
    assert_eq!(u.segs[1].id.as_deref(), Some("u1.seg1"));
}

#[test]
fn every_narration_kind_is_left_out() {
    let s = sitting(
        r##"<u who="#A" xml:id="u1"><seg>one <note>n</note>two <kinesic><desc>k</desc></kinesic>three
        <incident><desc>i</desc></incident>four <vocal><desc>v</desc></vocal>five <gap><desc>g</desc></gap>six</seg></u>"##,
    );
    assert_eq!(only_u(&s).segs[0].text, "one two three four five six");
    assert_eq!(only_u(&s).segs[0].narration.len(), 5);
}

#[test]
fn narration_between_words_keeps_them_apart_and_punctuation_attached() {
    let s = sitting(
        r##"<u xml:id="u1"><seg>word<vocal><desc>x</desc></vocal>word Hvala<gap><desc>y</desc></gap>. <hi>Dal</hi>je</seg></u>"##,
    );
    // Other inline elements (here <hi>) are the speaker's words and glue as written.
    assert_eq!(only_u(&s).segs[0].text, "word word Hvala. Dalje");
}

#[test]
fn narration_between_utterances_is_its_own_block() {
    let s = sitting(
        r##"<head>Membership of the EEA</head>
      <note type="speaker">Bulj, Miro</note>
      <u who="#BuljMiro" ana="#regular" xml:id="u1"><seg>Hvala.</seg></u>
      <gap reason="editorial"><desc xml:lang="en">SAMPLING</desc></gap>
      <u who="#B" xml:id="u2"><seg>Dobro.</seg><note>Pljesak.</note></u>"##,
    );
    assert!(matches!(&s.body[0], Block::Head(h) if h == "Membership of the EEA"));
    assert!(
        matches!(&s.body[1], Block::Narration(n) if n.kind == "note" && n.text == "Bulj, Miro")
    );
    assert!(
        matches!(&s.body[3], Block::Narration(n) if n.subtype.as_deref() == Some("editorial") && n.text == "SAMPLING")
    );
    let u2: Vec<_> = s.utterances().collect();
    assert_eq!(u2[1].narration[0].text, "Pljesak.");
    assert_eq!(u2[1].segs[0].text, "Dobro.");
}

// GB 5.0: `ana="#regular topic:inter"`.
#[test]
fn ana_holds_several_tokens() {
    let s = sitting(
        r##"<u who="#StephenKinnock" ana="#regular  topic:inter" xml:id="u1"><seg>1. What discussions</seg></u>"##,
    );
    let u = only_u(&s);
    assert_eq!(u.ana, ["#regular", "topic:inter"]);
    assert_eq!(u.speaker_type(), Some("regular"));
    assert_eq!(u.topic(), Some("inter"));
    assert_eq!(u.who.as_deref(), Some("StephenKinnock"));
    assert_eq!(u.id, "u1");
    let chair = sitting(r##"<u ana="#chair" xml:id="u1"><seg>x</seg></u>"##);
    assert_eq!(only_u(&chair).speaker_type(), Some("chair"));
    let guest = sitting(r##"<u ana="topic:x #guest" xml:id="u1"><seg>x</seg></u>"##);
    assert_eq!(only_u(&guest).speaker_type(), Some("guest"));
}

#[test]
fn language_is_the_nearest_xml_lang() {
    let s = sitting(
        r##"<u xml:id="u1"><seg>a</seg><seg xml:lang="en">b</seg></u>
        <u xml:id="u2" xml:lang="sr"><seg>c</seg></u>"##,
    );
    let us: Vec<_> = s.utterances().collect();
    assert_eq!(us[0].segs[0].lang.as_deref(), Some("hr"));
    assert_eq!(us[0].segs[1].lang.as_deref(), Some("en"));
    assert_eq!(us[1].segs[0].lang.as_deref(), Some("sr"));
    // No xml:lang in the file at all: the corpus's.
    let bare = r##"<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><u><seg>x</seg></u></body></text></TEI>"##;
    let s = read_sitting(Path::new("b.xml"), bare, Some("en")).unwrap();
    assert_eq!(s.lang.as_deref(), Some("en"));
    assert_eq!(
        s.utterances().next().unwrap().segs[0].lang.as_deref(),
        Some("en")
    );
}

#[test]
fn words_straight_in_u_are_one_paragraph() {
    let s = sitting(r##"<u xml:id="u1">  Thank   you. <note>Laughter.</note> Next </u>"##);
    let u = only_u(&s);
    assert_eq!(u.segs.len(), 1);
    assert_eq!(u.segs[0].text, "Thank you. Next");
    assert_eq!(u.narration[0].text, "Laughter.");
}

#[test]
fn not_tei_is_an_error_naming_the_file() {
    let e = read_sitting(Path::new("x.xml"), "<html/>", None).unwrap_err();
    assert!(
        e.to_string().starts_with("x.xml: root element is <html>"),
        "{e}"
    );
    let e = read_sitting(Path::new("y.xml"), "<TEI", None).unwrap_err();
    assert!(e.to_string().contains("y.xml: not well-formed XML"), "{e}");
}

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/parlamint/ParlaMint-T.xml")
}

#[test]
fn missing_include_is_one_note_and_the_corpus_reads() {
    let c = read_corpus(&fixture()).unwrap();
    assert_eq!(c.id, "ParlaMint-T");
    assert_eq!(c.sittings.len(), 2);
    assert!(c.errors.is_empty(), "{:?}", c.errors);
    assert!(c.has_person_list);
    assert_eq!(
        c.notes,
        ["ParlaMint-T.xml: 1 included file not found, skipped: ParlaMint-taxonomy-speaker_types.xml"]
    );
}

// PusićVesna (ParlaMint-XX-listPerson.xml): HNS to 2016-07-15, GLAS from 2016-10-14,
// minister 2011-12-23 to 2016-01-22.
#[test]
fn party_at_date_follows_a_change_of_party() {
    let c = read_corpus(&fixture()).unwrap();
    let got: Vec<_> = c
        .utterances()
        .map(|(s, u)| {
            let sp = c.speaker(s, u);
            (sp.sorted_name, sp.party.map(|p| (p.abbr, p.name)), sp.roles)
        })
        .collect();
    assert_eq!(
        got[0],
        (
            "Pusić, Vesna".to_string(),
            Some(("HNS".into(), Some("Hrvatska narodna stranka".into()))),
            vec!["member".to_string(), "minister".to_string()]
        )
    );
    assert_eq!(
        got[1],
        (
            "Pusić, Vesna".to_string(),
            Some(("GLAS".into(), Some("Građansko-liberalni savez".into()))),
            vec!["member".to_string()]
        )
    );
    // Between the two terms: in no party.
    let between = c.registry.speaker("#PusićVesna", Some("2016-08-01"));
    assert_eq!(between.party, None);
    assert_eq!(between.name, "Vesna Pusić");
    assert_eq!(between.sex.as_deref(), Some("F"));
    // The last day in HNS and the first in GLAS.
    let last = c.registry.speaker("PusićVesna", Some("2016-07-15"));
    assert_eq!(last.party.unwrap().abbr, "HNS");
    let first = c.registry.speaker("PusićVesna", Some("2016-10-14"));
    assert_eq!(first.party.unwrap().abbr, "GLAS");
}

#[test]
fn corpus_without_person_list_says_so_and_uses_ids() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("root.xml"),
        r##"<teiCorpus xmlns="http://www.tei-c.org/ns/1.0" xmlns:xi="http://www.w3.org/2001/XInclude" xml:id="R" xml:lang="en">
          <teiHeader><profileDesc><particDesc><xi:include href="R-listPerson.xml"/></particDesc></profileDesc></teiHeader>
          <xi:include href="s.xml"/><xi:include href="bad.xml"/></teiCorpus>"##,
    )
    .unwrap();
    std::fs::write(
        dir.path().join("s.xml"),
        r##"<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="S"><text><body><u who="#DavidDavis" xml:id="u1"><seg>The United Kingdom</seg></u></body></text></TEI>"##,
    )
    .unwrap();
    std::fs::write(dir.path().join("bad.xml"), "<TEI><unclosed></TEI>").unwrap();
    let c = read_corpus(&dir.path().join("root.xml")).unwrap();
    assert!(!c.has_person_list);
    assert_eq!(c.notes.len(), 2, "{:?}", c.notes);
    assert!(c.notes[0].contains("R-listPerson.xml"));
    assert!(c.notes[1].contains("no person list"));
    // The bad sitting is reported, the good one read.
    assert_eq!(c.sittings.len(), 1);
    assert_eq!(c.errors.len(), 1);
    assert!(c.errors[0].to_string().contains("bad.xml"));
    let (s, u) = c.utterances().next().unwrap();
    assert_eq!(c.speaker(s, u).name, "DavidDavis");
    assert_eq!(s.lang.as_deref(), Some("en"));
}

#[test]
fn absurdly_large_file_is_refused_before_reading() {
    let e = read_corpus_limited(&fixture(), 100).unwrap_err();
    let msg = e.to_string();
    assert!(
        msg.contains("ParlaMint-T.xml") && msg.contains("over the 100-byte limit"),
        "{msg}"
    );
}

// ---- the shared samples ----

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/parlamint")
}

/// A `-meta.tsv`: rows by utterance id, cells by header name.
fn read_meta(
    path: &Path,
) -> std::collections::HashMap<String, std::collections::HashMap<String, String>> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    let id = header.iter().position(|h| *h == "ID").expect("ID column");
    lines
        .filter(|l| !l.is_empty())
        .map(|l| {
            let cells: Vec<&str> = l.split('\t').collect();
            let row = header
                .iter()
                .zip(&cells)
                .map(|(h, c)| (h.to_string(), c.to_string()))
                .collect();
            (cells[id].to_string(), row)
        })
        .collect()
}

fn xml_bytes(dir: &Path) -> u64 {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "xml"))
        .map(|e| e.metadata().map(|m| m.len()).unwrap_or(0))
        .sum()
}

#[test]
#[ignore = "needs ../shared/corpus"]
fn shared_samples_agree_with_parlamint_meta() {
    let base = shared();
    let t = std::time::Instant::now();
    let xx = read_corpus(&base.join("ParlaMint-XX/ParlaMint-XX.xml")).unwrap();
    let gb = read_corpus(&base.join("ParlaMint-GB/ParlaMint-GB.xml")).unwrap();
    let secs = t.elapsed().as_secs_f64();
    let bytes = xml_bytes(&base.join("ParlaMint-XX")) + xml_bytes(&base.join("ParlaMint-GB"));
    println!(
        "tei: read {:.2} MB of XML in {:.3} s: {:.1} MB/s",
        bytes as f64 / 1e6,
        secs,
        bytes as f64 / 1e6 / secs
    );
    for c in [&xx, &gb] {
        println!(
            "tei: {}: {} sittings, {} utterances, {} persons, {} orgs; notes: {:?}",
            c.id,
            c.sittings.len(),
            c.utterances().count(),
            c.registry.persons.len(),
            c.registry.orgs.len(),
            c.notes
        );
        assert!(c.errors.is_empty(), "{:?}", c.errors);
        assert_eq!(c.sittings.len(), 3);
    }

    // XX: every utterance's speaker and party against both TSVs.
    assert_eq!(xx.notes.len(), 1, "{:?}", xx.notes);
    assert!(xx.notes[0].contains("4 included files not found"));
    let (mut checked, mut disagree) = (0, Vec::new());
    for s in &xx.sittings {
        for suffix in ["-meta.tsv", "-meta-en.tsv"] {
            let tsv = s.path.with_file_name(format!("{}{suffix}", s.id));
            let meta = read_meta(&tsv);
            assert_eq!(meta.len(), s.utterances().count(), "{}", tsv.display());
            for u in s.utterances() {
                let row = &meta[&u.id];
                assert_eq!(row["Date"], s.date.clone().unwrap());
                let sp = xx.speaker(s, u);
                let party = sp
                    .party
                    .as_ref()
                    .map_or("-".to_string(), |p| p.abbr.clone());
                let party_name = sp
                    .party
                    .as_ref()
                    .and_then(|p| p.name.clone())
                    .unwrap_or_else(|| "-".into());
                let ours = (
                    sp.id.as_str(),
                    sp.sorted_name.as_str(),
                    party.as_str(),
                    party_name.as_str(),
                );
                let theirs = (
                    row["Speaker_ID"].as_str(),
                    row["Speaker_name"].as_str(),
                    row["Speaker_party"].as_str(),
                    row["Speaker_party_name"].as_str(),
                );
                checked += 1;
                if ours != theirs {
                    disagree.push(format!("{}: ours {ours:?}, meta {theirs:?}", u.id));
                }
                // Chairperson in the TSV exactly where ana says #chair.
                let chair = row["Speaker_role"] == "Chairperson"
                    || row["Speaker_role"] == "Predsjedavajući";
                assert_eq!(chair, u.speaker_type() == Some("chair"), "{}", u.id);
                // Narration never among the words: the XX .txt marks it [[…]].
                for seg in &u.segs {
                    for n in seg.narration.iter().filter(|n| !n.text.is_empty()) {
                        assert!(!seg.text.contains(&n.text), "{}: {:?}", u.id, n.text);
                    }
                }
            }
        }
    }
    println!(
        "tei: XX: {checked} utterance rows checked against -meta.tsv and -meta-en.tsv, {} agree",
        checked - disagree.len()
    );
    assert!(disagree.is_empty(), "{disagree:#?}");
    assert_eq!(checked, 24);

    // GB: no person list, said once; ids as names, matching the TSV's Speaker_ID.
    assert!(!gb.has_person_list);
    assert!(
        gb.notes.iter().any(|n| n.contains("no person list")),
        "{:?}",
        gb.notes
    );
    assert!(
        gb.notes
            .iter()
            .any(|n| n.contains("8 included files not found")),
        "{:?}",
        gb.notes
    );
    for s in &gb.sittings {
        let tsv = std::fs::read_dir(s.path.parent().unwrap())
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .find(|p| p.to_string_lossy().ends_with(".tsv"))
            .unwrap();
        let meta = read_meta(&tsv);
        for u in s.utterances() {
            let sp = gb.speaker(s, u);
            assert_eq!(sp.name, meta[&u.id]["Speaker_ID"]);
            assert!(!sp.known && sp.party.is_none());
            assert_eq!(u.segs.first().and_then(|g| g.lang.as_deref()), Some("en"));
        }
    }
}
