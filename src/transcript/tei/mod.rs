//! The transcript stage, parliaments: a reader for ParlaMint TEI (issue 17 §2), into its own plain types.
//!
//! A corpus is a `teiCorpus` root whose header `xi:include`s taxonomies, a `listOrg` and a
//! `listPerson`, and which then `xi:include`s one `TEI` file per sitting (hrefs relative to
//! the root). A sitting's `<u who=… ana=…>` utterances hold `<seg>` paragraphs of mixed
//! content: `note`, `kinesic`, `incident`, `vocal` and `gap` are the transcriber's narration,
//! never the speaker's words, also inside a `seg`, where the words go on after them.
//! These are the reader's own types; [`transcripts`] makes each sitting a
//! [`Transcript`](super::Transcript), its speakers' parties facets of their paragraphs.
//!
//! The XML is read with `roxmltree`: a read-only DOM, whole files (a sitting is a few MB, a
//! listPerson a few more), namespaces resolved, and text tails where mixed content needs
//! them; it refuses entity bombs by itself, and [`MAX_FILE_BYTES`] refuses absurd files.

pub mod persons;
mod transcripts;

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

pub use persons::{Affiliation, Org, Party, Person, PersonName, Registry, Speaker};
pub use transcripts::{includes, is_corpus_root, is_sitting, transcripts};

pub(crate) const TEI: &str = "http://www.tei-c.org/ns/1.0";
pub(crate) const XI: &str = "http://www.w3.org/2001/XInclude";
pub(crate) const XML: &str = "http://www.w3.org/XML/1998/namespace";

/// A file larger than this is refused rather than read whole: ParlaMint's largest files
/// (a listPerson of a big parliament, a long sitting) are tens of MB.
pub const MAX_FILE_BYTES: u64 = 256 << 20;

/// A ParlaMint corpus, read from its `teiCorpus` root.
#[derive(Debug, Default)]
pub struct Corpus {
    /// The root file.
    pub path: PathBuf,
    /// The root's `xml:id` (`ParlaMint-GB`).
    pub id: String,
    /// The root's `xml:lang`, inherited by sittings that have none.
    pub lang: Option<String>,
    /// Persons and orgs from the root's own lists and the included ones.
    pub registry: Registry,
    /// Whether any `listPerson` was found: without one, speakers are named by their ids.
    pub has_person_list: bool,
    pub sittings: Vec<Sitting>,
    /// What the reader tolerated, each said once (missing includes, no person list).
    pub notes: Vec<String>,
    /// Included files that could not be read or parsed: reported and skipped.
    pub errors: Vec<Error>,
}

/// One sitting (`<TEI>`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sitting {
    pub path: PathBuf,
    /// `xml:id` (`ParlaMint-XX_2017-06-29-0`).
    pub id: String,
    /// `profileDesc/settingDesc/setting/date/@when`, its first 10 characters (`YYYY-MM-DD`).
    pub date: Option<String>,
    /// `titleStmt/title`s in file order.
    pub titles: Vec<Title>,
    /// The `TEI` element's `xml:lang`, else the corpus's.
    pub lang: Option<String>,
    /// The body in document order: headings, utterances and narration between them.
    pub body: Vec<Block>,
    /// The body the sitting belongs to: the first `titleStmt/meeting/@corresp` without the
    /// `#` (`HS`, `parliament.HL`).
    pub meeting_of: Option<String>,
    /// The house, from the meetings' `ana`: `upper` or `lower` (`#parla.upper`), `uni` for
    /// a parliament of one house.
    pub house: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Title {
    /// `main`, `sub`, …
    pub kind: Option<String>,
    pub lang: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A `<head>` of a `debateSection` (GB).
    Head(String),
    Utterance(Utterance),
    /// A narration element between utterances.
    Narration(Narration),
}

/// A `<u>`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Utterance {
    /// `xml:id`: the `-meta.tsv`'s `ID`.
    pub id: String,
    /// `who` without the `#` (`BuljMiro`).
    pub who: Option<String>,
    /// `ana` split on whitespace, as printed (`#regular`, `topic:inter`).
    pub ana: Vec<String>,
    pub segs: Vec<Seg>,
    /// Narration inside the `u` but outside its segs.
    pub narration: Vec<Narration>,
}

impl Utterance {
    /// The speaker type from `ana`: `chair`, `regular`, `guest` (without `#`).
    pub fn speaker_type(&self) -> Option<&str> {
        self.ana
            .iter()
            .filter_map(|t| t.strip_prefix('#'))
            .find(|t| matches!(*t, "chair" | "regular" | "guest"))
    }

    /// The `topic:…` token of `ana`, without the prefix (GB 5.0: `inter`).
    pub fn topic(&self) -> Option<&str> {
        self.ana.iter().find_map(|t| t.strip_prefix("topic:"))
    }
}

/// A `<seg>`: one paragraph of the speaker's words.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Seg {
    pub id: Option<String>,
    /// The nearest `xml:lang` (the seg's own, its ancestors', the corpus's).
    pub lang: Option<String>,
    /// The speaker's words, narration left out, whitespace collapsed to single spaces.
    pub text: String,
    /// Narration found inside the seg, in order.
    pub narration: Vec<Narration>,
}

/// `note`, `kinesic`, `incident`, `vocal` or `gap`: said about the sitting, not by a speaker.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Narration {
    /// The element's name (`note`, `gap`, …).
    pub kind: String,
    /// `@type`, or `@reason` for a `gap` (`speaker`, `time`, `interruption`, `inaudible`).
    pub subtype: Option<String>,
    /// Its text (a `vocal`'s or `gap`'s `desc`), whitespace collapsed.
    pub text: String,
}

const NARRATION: [&str; 5] = ["note", "kinesic", "incident", "vocal", "gap"];

fn is_narration(n: roxmltree::Node) -> bool {
    n.is_element()
        && n.tag_name().namespace() == Some(TEI)
        && NARRATION.contains(&n.tag_name().name())
}

impl Corpus {
    /// The utterances of every sitting, with their sitting.
    pub fn utterances(&self) -> impl Iterator<Item = (&Sitting, &Utterance)> {
        self.sittings
            .iter()
            .flat_map(|s| s.utterances().map(move |u| (s, u)))
    }

    /// The speaker of `u` on its sitting's date.
    pub fn speaker(&self, sitting: &Sitting, u: &Utterance) -> Speaker {
        self.registry
            .speaker(u.who.as_deref().unwrap_or(""), sitting.date.as_deref())
    }
}

impl Sitting {
    pub fn utterances(&self) -> impl Iterator<Item = &Utterance> {
        self.body.iter().filter_map(|b| match b {
            Block::Utterance(u) => Some(u),
            _ => None,
        })
    }

    /// The first main title in the sitting's language, else the first title.
    pub fn title(&self) -> Option<&str> {
        self.titles
            .iter()
            .find(|t| t.kind.as_deref() == Some("main") && t.lang == self.lang)
            .or_else(|| self.titles.first())
            .map(|t| t.text.as_str())
    }
}

/// Read a file whole, refusing one over `limit` bytes before reading it.
pub fn read_limited(path: &Path, limit: u64) -> Result<String> {
    let len = std::fs::metadata(path)
        .map_err(|e| Error::io(path, e))?
        .len();
    if len > limit {
        return Err(Error::BadInput {
            path: path.to_path_buf(),
            reason: format!("{len} bytes, over the {limit}-byte limit for one XML file"),
        });
    }
    std::fs::read_to_string(path).map_err(|e| Error::io(path, e))
}

fn parse<'a>(path: &Path, text: &'a str) -> Result<roxmltree::Document<'a>> {
    let opts = roxmltree::ParsingOptions {
        allow_dtd: false,
        ..roxmltree::ParsingOptions::default()
    };
    roxmltree::Document::parse_with_options(text, opts).map_err(|e| Error::BadInput {
        path: path.to_path_buf(),
        reason: format!("not well-formed XML: {e}"),
    })
}

/// Read a corpus from its `teiCorpus` root file. Only the root failing fails the corpus; a
/// missing include is a note, an unreadable one an entry of [`Corpus::errors`].
pub fn read_corpus(root: &Path) -> Result<Corpus> {
    read_corpus_limited(root, MAX_FILE_BYTES)
}

/// [`read_corpus`] with another size limit per file.
pub fn read_corpus_limited(root: &Path, limit: u64) -> Result<Corpus> {
    let text = read_limited(root, limit)?;
    let doc = parse(root, &text)?;
    let top = doc.root_element();
    if !top.has_tag_name((TEI, "teiCorpus")) {
        return Err(Error::BadInput {
            path: root.to_path_buf(),
            reason: format!(
                "root element is <{}>, not a TEI <teiCorpus>",
                top.tag_name().name()
            ),
        });
    }
    let dir = root.parent().unwrap_or(Path::new(""));
    let mut corpus = Corpus {
        path: root.to_path_buf(),
        id: top.attribute((XML, "id")).unwrap_or_default().to_string(),
        lang: top.attribute((XML, "lang")).map(str::to_string),
        ..Corpus::default()
    };
    // Lists written into the root itself.
    read_lists(top, &mut corpus);
    let mut missing = Vec::new();
    for inc in top
        .descendants()
        .filter(|n| n.has_tag_name((XI, "include")))
    {
        let Some(href) = inc.attribute("href") else {
            continue;
        };
        let path = dir.join(href);
        if !path.exists() {
            missing.push(href.to_string());
            continue;
        }
        if let Err(e) = read_included(&path, limit, &mut corpus) {
            corpus.errors.push(e);
        }
    }
    let root_name = root.file_name().unwrap_or_default().to_string_lossy();
    if !missing.is_empty() {
        corpus.notes.push(format!(
            "{root_name}: {} included file{} not found, skipped: {}",
            missing.len(),
            if missing.len() == 1 { "" } else { "s" },
            missing.join(", ")
        ));
    }
    if !corpus.has_person_list {
        corpus.notes.push(format!(
            "{root_name}: no person list (listPerson): speakers are named by their ids, without party"
        ));
    }
    Ok(corpus)
}

fn read_lists(node: roxmltree::Node, corpus: &mut Corpus) {
    for n in node.descendants() {
        if n.has_tag_name((TEI, "listPerson")) {
            corpus.has_person_list = true;
            persons::read_list_person(n, &mut corpus.registry.persons);
        } else if n.has_tag_name((TEI, "listOrg")) {
            persons::read_list_org(n, &mut corpus.registry.orgs);
        }
    }
}

fn read_included(path: &Path, limit: u64, corpus: &mut Corpus) -> Result<()> {
    let text = read_limited(path, limit)?;
    let doc = parse(path, &text)?;
    let top = doc.root_element();
    match top.tag_name().name() {
        "TEI" => {
            let s = read_sitting_node(path, top, corpus.lang.as_deref())?;
            corpus.sittings.push(s);
        }
        "listPerson" | "listOrg" | "particDesc" | "listPlace" => read_lists(top, corpus),
        // Taxonomies and the rest of the header: nothing a speaker or a paragraph needs yet.
        _ => {}
    }
    Ok(())
}

/// Read one sitting from its text (`path` names it in errors). `corpus_lang` is the
/// language to fall back on when the file has no `xml:lang`.
pub fn read_sitting(path: &Path, text: &str, corpus_lang: Option<&str>) -> Result<Sitting> {
    let doc = parse(path, text)?;
    read_sitting_node(path, doc.root_element(), corpus_lang)
}

fn read_sitting_node(
    path: &Path,
    tei: roxmltree::Node,
    corpus_lang: Option<&str>,
) -> Result<Sitting> {
    if !tei.has_tag_name((TEI, "TEI")) {
        return Err(Error::BadInput {
            path: path.to_path_buf(),
            reason: format!(
                "root element is <{}>, not a TEI <TEI>",
                tei.tag_name().name()
            ),
        });
    }
    let mut s = Sitting {
        path: path.to_path_buf(),
        id: tei.attribute((XML, "id")).unwrap_or_default().to_string(),
        lang: tei
            .attribute((XML, "lang"))
            .or(corpus_lang)
            .map(str::to_string),
        ..Sitting::default()
    };
    let header = child(tei, "teiHeader");
    if let Some(ts) = header
        .and_then(|h| child(h, "fileDesc"))
        .and_then(|f| child(f, "titleStmt"))
    {
        for t in ts.children().filter(|n| n.has_tag_name((TEI, "title"))) {
            s.titles.push(Title {
                kind: t.attribute("type").map(str::to_string),
                lang: lang_of(t, corpus_lang),
                text: plain_text(t),
            });
        }
        for m in ts.children().filter(|n| n.has_tag_name((TEI, "meeting"))) {
            if s.meeting_of.is_none() {
                s.meeting_of = m
                    .attribute("corresp")
                    .map(|c| c.trim().trim_start_matches('#').to_string());
            }
            if s.house.is_none() {
                s.house = tokens(m.attribute("ana")).iter().find_map(|t| {
                    ["upper", "lower", "uni"]
                        .into_iter()
                        .find(|h| t.strip_prefix("#parla.") == Some(*h))
                        .map(str::to_string)
                });
            }
        }
    }
    s.date = header
        .and_then(|h| child(h, "profileDesc"))
        .and_then(|p| child(p, "settingDesc"))
        .and_then(|sd| child(sd, "setting"))
        .and_then(|st| child(st, "date"))
        .and_then(|d| d.attribute("when"))
        .map(|w| w.get(..10).unwrap_or(w).to_string());
    if let Some(body) = child(tei, "text").and_then(|t| child(t, "body")) {
        read_body(body, corpus_lang, &mut s.body);
    }
    Ok(s)
}

/// Walk a body (and its `div`s) in document order.
fn read_body(node: roxmltree::Node, corpus_lang: Option<&str>, out: &mut Vec<Block>) {
    for c in node.children().filter(|n| n.is_element()) {
        if c.tag_name().namespace() != Some(TEI) {
            continue;
        }
        match c.tag_name().name() {
            "div" => read_body(c, corpus_lang, out),
            "head" => out.push(Block::Head(plain_text(c))),
            "u" => out.push(Block::Utterance(read_u(c, corpus_lang))),
            _ if is_narration(c) => out.push(Block::Narration(narration(c))),
            _ => {}
        }
    }
}

fn read_u(u: roxmltree::Node, corpus_lang: Option<&str>) -> Utterance {
    let mut out = Utterance {
        id: u.attribute((XML, "id")).unwrap_or_default().to_string(),
        who: u
            .attribute("who")
            .map(|w| w.trim().trim_start_matches('#').to_string()),
        ana: tokens(u.attribute("ana")),
        ..Utterance::default()
    };
    let has_seg = u.children().any(|n| n.has_tag_name((TEI, "seg")));
    if !has_seg {
        // Some corpora write the words straight into the <u>: one paragraph.
        let seg = read_seg(u, corpus_lang);
        out.narration = seg.narration.clone();
        if !seg.text.is_empty() {
            out.segs.push(Seg { id: None, ..seg });
        }
        return out;
    }
    for c in u.children().filter(|n| n.is_element()) {
        if c.has_tag_name((TEI, "seg")) {
            out.segs.push(read_seg(c, corpus_lang));
        } else if is_narration(c) {
            out.narration.push(narration(c));
        }
    }
    out
}

fn read_seg(seg: roxmltree::Node, corpus_lang: Option<&str>) -> Seg {
    let mut text = Text::default();
    let mut notes = Vec::new();
    collect(seg, &mut text, &mut notes);
    Seg {
        id: seg.attribute((XML, "id")).map(str::to_string),
        lang: lang_of(seg, corpus_lang),
        text: text.finish(),
        narration: notes,
    }
}

/// The words of `node`, narration left out (and gathered in `notes`).
fn collect(node: roxmltree::Node, text: &mut Text, notes: &mut Vec<Narration>) {
    for c in node.children() {
        if c.is_text() {
            text.push(c.text().unwrap_or_default());
        } else if is_narration(c) {
            notes.push(narration(c));
            text.gap();
        } else if c.is_element() {
            collect(c, text, notes);
        }
    }
}

/// Text built from pieces, then whitespace collapsed. A narration element left out is a
/// word boundary (`word<vocal/>word` stays two words) unless closing punctuation follows it
/// at once (`word<gap/>.` gives `word.`).
#[derive(Default)]
struct Text {
    raw: String,
}

/// Where narration was left out, in [`Text::raw`].
const CUT: char = '\u{1}';

impl Text {
    fn push(&mut self, s: &str) {
        self.raw.push_str(s);
    }

    fn gap(&mut self) {
        self.raw.push(CUT);
    }

    fn finish(self) -> String {
        let mut s = String::with_capacity(self.raw.len());
        let mut it = self.raw.chars().peekable();
        while let Some(c) = it.next() {
            if c != CUT {
                s.push(c);
            } else if !matches!(
                it.peek(),
                Some(',' | '.' | ';' | ':' | '!' | '?' | ')' | '\u{1}')
            ) {
                s.push(' ');
            }
        }
        collapse_spaces(&s)
    }
}

/// Runs of whitespace (newlines and tabs of the pretty-printed XML too) as one space, trimmed.
pub(crate) fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

fn narration(n: roxmltree::Node) -> Narration {
    let subtype = n.attribute("type").or_else(|| {
        (n.tag_name().name() == "gap")
            .then(|| n.attribute("reason"))
            .flatten()
    });
    Narration {
        kind: n.tag_name().name().to_string(),
        subtype: subtype.map(str::to_string),
        text: plain_text(n),
    }
}

/// All the text under `n`, whitespace collapsed.
pub(crate) fn plain_text(n: roxmltree::Node) -> String {
    let mut t = Text::default();
    for d in n.descendants().filter(|d| d.is_text()) {
        t.push(d.text().unwrap_or_default());
    }
    t.finish()
}

pub(crate) fn tokens(attr: Option<&str>) -> Vec<String> {
    attr.unwrap_or_default()
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

fn child<'a, 'i>(n: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    n.children().find(|c| c.has_tag_name((TEI, name)))
}

/// The nearest `xml:lang` on `n` or its ancestors, else `fallback`.
fn lang_of(n: roxmltree::Node, fallback: Option<&str>) -> Option<String> {
    n.ancestors()
        .find_map(|a| a.attribute((XML, "lang")))
        .or(fallback)
        .map(str::to_string)
}

#[cfg(test)]
mod tests;
