//! The transcript stage, ParlaMint TEI → [`Transcript`]s: one per sitting, one [`Paragraph`]
//! per `seg`, its speaker and party those in force on the sitting's date (issue 17 §2).
//!
//! Narration stays out of the speakers' words: a `note`, `gap`, … between utterances is a
//! paragraph without a speaker, one inside a `u` or a `seg` a stage note of the paragraph
//! it sits in (the words go on after it). A `head` (GB) is a paragraph without a speaker.
//!
//! Language (issue 17 §2): each transcript and paragraph keeps its `xml:lang`; the index
//! keeps it per paragraph and searches each language as it can (`index::lang`).

use std::path::{Path, PathBuf};

use super::{Block, Corpus, Narration, Sitting, Speaker, Utterance, TEI, XI};
use crate::transcript::{Paragraph, Transcript};

/// The facets a sitting's paragraphs carry: `parliament` (the corpus's country code,
/// `XX`), `chamber` (the house of a parliament of two, `HC`, `HL`), and per speaker
/// `party` (the abbreviation in force on the date, as the `-meta.tsv`'s `Speaker_party`)
/// and `gender` (`M`, `F`).
pub const PARLIAMENT: &str = "parliament";
pub const CHAMBER: &str = "chamber";
pub const PARTY: &str = "party";
pub const GENDER: &str = "gender";

/// Each sitting of `corpus` as a transcript, in the root's order.
pub fn transcripts(corpus: &Corpus) -> Vec<Transcript> {
    corpus.sittings.iter().map(|s| sitting(corpus, s)).collect()
}

fn sitting(corpus: &Corpus, s: &Sitting) -> Transcript {
    let mut t = Transcript {
        source: s.path.to_string_lossy().into_owned(),
        id: s.id.clone(),
        title: s.title().unwrap_or(&s.id).to_string(),
        date: s.date.clone(),
        lang: s.lang.clone(),
        ..Transcript::default()
    };
    if let Some(code) = corpus
        .id
        .strip_prefix("ParlaMint-")
        .filter(|c| !c.is_empty())
    {
        t.facets.push((PARLIAMENT.into(), code.to_string()));
    }
    // A house is worth a facet only in a parliament of two (`#parla.upper`/`#parla.lower`).
    if matches!(s.house.as_deref(), Some("upper" | "lower")) {
        if let Some(body) = &s.meeting_of {
            let name = body.strip_prefix("parliament.").unwrap_or(body);
            t.facets.push((CHAMBER.into(), name.to_string()));
        }
    }
    for (turn, b) in s.body.iter().enumerate() {
        match b {
            Block::Head(text) => narration_paragraph(&mut t, turn, text.clone(), s.lang.clone()),
            Block::Narration(n) => {
                narration_paragraph(&mut t, turn, narration_text(n), s.lang.clone())
            }
            Block::Utterance(u) => utterance(&mut t, turn, corpus, s, u),
        }
    }
    // Turns numbered by blocks skip the empty ones: renumber them without gaps.
    let mut last = None;
    let mut n = 0;
    for p in &mut t.paragraphs {
        if last.is_some_and(|l| l != p.turn) {
            n += 1;
        }
        last = Some(p.turn);
        p.turn = n;
    }
    crate::transcript::cap_paragraphs(&mut t);
    t
}

/// `[kind: text]` for a narration element, as a stage note or a paragraph of its own
/// (`gap: SAMPLING`); empty when it says nothing.
fn narration_text(n: &Narration) -> String {
    match (n.text.is_empty(), n.subtype.as_deref()) {
        (true, _) => String::new(),
        (false, Some("speaker")) => n.text.clone(),
        (false, _) if n.kind == "note" => n.text.clone(),
        (false, _) => format!("{}: {}", n.kind, n.text),
    }
}

fn narration_paragraph(t: &mut Transcript, turn: usize, text: String, lang: Option<String>) {
    if text.is_empty() {
        return;
    }
    t.paragraphs.push(Paragraph {
        index: t.paragraphs.len(),
        turn,
        text,
        lang,
        ..Paragraph::default()
    });
}

/// The role of a speaker: the utterance's speaker type (`chair`, `regular`, `guest`), then
/// the affiliation roles in force (`member`, `minister`), comma-separated.
pub fn role(u: &Utterance, sp: &Speaker) -> Option<String> {
    let mut parts: Vec<&str> = u.speaker_type().into_iter().collect();
    parts.extend(sp.roles.iter().map(String::as_str));
    (!parts.is_empty()).then(|| parts.join(", "))
}

fn utterance(t: &mut Transcript, turn: usize, corpus: &Corpus, s: &Sitting, u: &Utterance) {
    let sp = corpus.speaker(s, u);
    let mut facets = Vec::new();
    if let Some(p) = &sp.party {
        facets.push((PARTY.to_string(), p.abbr.clone()));
    }
    if let Some(g) = &sp.sex {
        facets.push((GENDER.to_string(), g.clone()));
    }
    let role = role(u, &sp);
    let label = u.who.clone();
    let mut loose: Vec<String> = u
        .narration
        .iter()
        .map(narration_text)
        .filter(|n| !n.is_empty())
        .collect();
    for seg in &u.segs {
        let mut notes: Vec<String> = std::mem::take(&mut loose);
        notes.extend(
            seg.narration
                .iter()
                .map(narration_text)
                .filter(|n| !n.is_empty()),
        );
        if seg.text.is_empty() {
            // Only narration: no words of the speaker's, so no paragraph of theirs.
            for n in notes {
                narration_paragraph(t, turn, n, seg.lang.clone());
            }
            continue;
        }
        t.paragraphs.push(Paragraph {
            index: t.paragraphs.len(),
            turn,
            speaker: Some(sp.name.clone()),
            role: role.clone(),
            label: label.clone(),
            text: seg.text.clone(),
            stage_notes: notes,
            facets: facets.clone(),
            lang: seg.lang.clone(),
            ..Paragraph::default()
        });
    }
    // Narration of a `u` without words: said where it was.
    for n in loose {
        narration_paragraph(t, turn, n, s.lang.clone());
    }
}

/// Does this text look like a `teiCorpus` root? Decided on its start (the root element
/// comes after at most an XML declaration, comments and a processing instruction or two).
pub fn is_corpus_root(text: &str) -> bool {
    root_name(text) == Some("teiCorpus")
}

/// Does this text look like one TEI document (a sitting), not a corpus?
pub fn is_sitting(text: &str) -> bool {
    root_name(text) == Some("TEI")
}

/// The local name of the first element of `text`, from its first 4 KB.
fn root_name(text: &str) -> Option<&str> {
    let mut end = text.len().min(4096);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut rest = &text[..end];
    loop {
        let at = rest.find('<')?;
        rest = &rest[at + 1..];
        if rest.starts_with('?') || rest.starts_with('!') {
            continue;
        }
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .unwrap_or(rest.len());
        let name = &rest[..name_end];
        return Some(name.rsplit(':').next().unwrap_or(name));
    }
}

/// The files a `teiCorpus` root includes that exist (taxonomies, lists, sittings), in its
/// order: what the corpus is made of, for ingest's content hash and byte count. Empty when
/// the root does not parse (reading it will say why).
pub fn includes(root: &Path, text: &str) -> Vec<PathBuf> {
    let Ok(doc) = super::parse(root, text) else {
        return Vec::new();
    };
    let top = doc.root_element();
    if !top.has_tag_name((TEI, "teiCorpus")) {
        return Vec::new();
    }
    let dir = root.parent().unwrap_or(Path::new(""));
    top.descendants()
        .filter(|n| n.has_tag_name((XI, "include")))
        .filter_map(|n| n.attribute("href"))
        .map(|h| dir.join(h))
        .filter(|p| p.is_file())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcript::tei::{read_sitting, Registry};

    fn corpus_of(body: &str) -> Corpus {
        let xml = format!(
            r##"<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="hr" xml:id="S1">
  <teiHeader><fileDesc><titleStmt>
    <title type="main" xml:lang="hr">Naslov</title>
    <meeting n="9" corresp="#parliament.HL" ana="#parla.upper #parla.term"/>
  </titleStmt></fileDesc>
  <profileDesc><settingDesc><setting><date when="2017-06-29"/></setting></settingDesc></profileDesc>
  </teiHeader>
  <text><body><div type="debateSection">{body}</div></body></text></TEI>"##
        );
        Corpus {
            id: "ParlaMint-XX".into(),
            sittings: vec![read_sitting(Path::new("s.xml"), &xml, None).unwrap()],
            registry: Registry::default(),
            ..Corpus::default()
        }
    }

    #[test]
    fn a_sitting_is_a_transcript_and_a_seg_a_paragraph() {
        let c = corpus_of(
            r##"<head>Debate</head><note type="speaker">Bulj, Miro</note>
            <u who="#BuljMiro" ana="#regular topic:inter" xml:id="u1">
              <seg>Prva <gap reason="inaudible"><desc>Ne čuje se.</desc></gap> rečenica.</seg>
              <seg>Druga.</seg></u>
            <vocal type="interruption"><desc>Upadica.</desc></vocal>
            <u who="#JandrokovićGordan" ana="#chair" xml:id="u2"><seg>Hvala.</seg></u>"##,
        );
        let ts = transcripts(&c);
        assert_eq!(ts.len(), 1);
        let t = &ts[0];
        assert_eq!((t.id.as_str(), t.title.as_str()), ("S1", "Naslov"));
        assert_eq!(t.date.as_deref(), Some("2017-06-29"));
        assert_eq!(t.lang.as_deref(), Some("hr"));
        assert_eq!(
            t.facets,
            [
                ("parliament".to_string(), "XX".to_string()),
                ("chamber".into(), "HL".into())
            ]
        );
        let got: Vec<_> = t
            .paragraphs
            .iter()
            .map(|p| (p.turn, p.speaker.as_deref(), p.text.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (0, None, "Debate"),
                (1, None, "Bulj, Miro"),
                (2, Some("BuljMiro"), "Prva rečenica."),
                (2, Some("BuljMiro"), "Druga."),
                (3, None, "vocal: Upadica."),
                (4, Some("JandrokovićGordan"), "Hvala."),
            ]
        );
        assert_eq!(t.paragraphs[2].stage_notes, ["gap: Ne čuje se."]);
        assert_eq!(t.paragraphs[2].role.as_deref(), Some("regular"));
        assert_eq!(t.paragraphs[2].label.as_deref(), Some("BuljMiro"));
        assert_eq!(t.paragraphs[5].role.as_deref(), Some("chair"));
        assert!(t.paragraphs.iter().all(|p| !p.text.contains("čuje")));
        assert_eq!(t.paragraphs[2].lang.as_deref(), Some("hr"));
    }

    #[test]
    fn a_seg_of_narration_only_is_no_speakers_paragraph() {
        let c = corpus_of(
            r##"<u who="#A" ana="#regular" xml:id="u1"><seg><gap reason="editorial"><desc>SAMPLING</desc></gap></seg><seg>Words.</seg></u>"##,
        );
        let t = &transcripts(&c)[0];
        assert_eq!(t.paragraphs.len(), 2);
        assert_eq!(t.paragraphs[0].speaker, None);
        assert_eq!(t.paragraphs[0].text, "gap: SAMPLING");
        assert_eq!(t.paragraphs[1].speaker.as_deref(), Some("A"));
    }

    #[test]
    fn unicameral_parliament_has_no_chamber() {
        let mut c = corpus_of("");
        c.sittings[0].house = Some("uni".into());
        assert_eq!(transcripts(&c)[0].facets.len(), 1);
    }

    #[test]
    fn root_element_is_found_after_the_prolog() {
        let root = "<?xml version=\"1.0\"?>\n<!-- c -->\n<teiCorpus xmlns=\"x\">";
        assert!(is_corpus_root(root));
        assert!(!is_sitting(root));
        assert!(is_sitting("<tei:TEI xmlns:tei=\"x\"/>"));
        assert!(!is_corpus_root("Events\nTitle"));
        assert!(!is_corpus_root("<html>"));
    }
}
