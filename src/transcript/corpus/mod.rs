//! The transcript stage, described corpora (issue 17 §1): a folder of speeches plus a
//! metadata table, read as a small TOML *corpus description* says — which files, what their
//! names encode, which table holds the metadata and how its rows join to the files, which
//! columns give the speaker, role, date and facets, and which codes of the table are wrong.
//! `examples/un-debates.toml` is the description of the UN General Debate Corpus, documented
//! line by line.
//!
//! Nothing is dropped silently: a file with no row is read without the row's columns, and
//! named in [`Corpus::problems`]; so is a row with no file, a row two files would share, and
//! a row whose country code does not fit its country name ([`check`]).

pub mod check;
mod template;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::{facet, honorific, reflow, Paragraph, Transcript};
use crate::error::{Error, Result};
use crate::source::table::{self, Row, Table};
use template::Template;

/// The name of a description found at the top of a folder given to ingest, used without
/// `--corpus`.
pub const DEFAULT_NAME: &str = "rostra-corpus.toml";

/// A description file as written (see `examples/un-debates.toml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Description {
    /// The speech files, a pattern relative to the corpus folder: `*` is any part of one
    /// name, `**` any folders; `Session */*.txt`.
    pub files: String,
    /// A regular expression on the file name (without folders); its named groups
    /// (`(?P<code>…)`) can be used in templates and to join rows.
    pub name: Option<String>,
    /// How a file's text is laid out: `reflow` (one speech, lines hard-wrapped as text taken
    /// from a PDF: see [`reflow`]), `lines` (one paragraph a line).
    #[serde(default)]
    pub layout: Layout,
    /// Templates: `{group}` is a group of `name`, `{Column}` a column of the table's row.
    pub id: Option<String>,
    pub title: Option<String>,
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY` once filled in.
    pub date: Option<String>,
    pub speaker: Option<String>,
    pub role: Option<String>,
    /// Remove forms of address from the speaker (`Mr. Barack Obama` is `Barack Obama`),
    /// keeping the name as printed as the paragraph's label.
    #[serde(default)]
    pub strip_honorifics: bool,
    /// Facet name → template (`country = "{code}"`).
    #[serde(default)]
    pub facets: BTreeMap<String, String>,
    pub table: Option<TableSpec>,
    /// Corrections of the table's cells, applied before the join.
    #[serde(default)]
    pub correct: Vec<Correction>,
    /// Check each row's country code against its country name (ISO 3166-1).
    pub check: Option<check::CountryCheck>,
    /// BLAKE3 of the description's text (see [`Corpus::fingerprint`]).
    #[serde(skip)]
    hash: String,
}

/// How a file's text becomes paragraphs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Layout {
    #[default]
    Reflow,
    Lines,
}

/// The metadata table and its join to the files.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableSpec {
    /// CSV, TSV or XLSX, relative to the corpus folder.
    pub path: String,
    /// The XLSX sheet (the first when not given).
    pub sheet: Option<String>,
    /// Column → group of `name`: a row belongs to the file whose groups equal its cells.
    pub join: BTreeMap<String, String>,
}

/// One correction: in `column`, `from` becomes `to`, on the rows whose `when` columns hold
/// the values given (every row when there is no `when`). Corrections look at the table as
/// read, so two of them can swap codes.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Correction {
    pub column: String,
    pub from: String,
    pub to: String,
    #[serde(default)]
    pub when: BTreeMap<String, String>,
}

/// A description made ready for one corpus folder: its table read, corrected and keyed by
/// the join, its files listed.
#[derive(Debug)]
pub struct Corpus {
    pub root: PathBuf,
    pub files: Vec<PathBuf>,
    name: Option<regex::Regex>,
    layout: Layout,
    id: Option<Template>,
    title: Option<Template>,
    date: Option<Template>,
    speaker: Option<Template>,
    role: Option<Template>,
    strip_honorifics: bool,
    facets: Vec<(String, Template)>,
    table: Option<Table>,
    /// Join key → the row's index in `table`.
    rows: HashMap<Vec<String>, usize>,
    join_groups: Vec<String>,
    /// What is reported: files with no row, rows with no file, corrections, checks.
    problems: Vec<String>,
    /// BLAKE3 of the description and the table's bytes.
    fingerprint: String,
}

impl Description {
    /// Read and check a description file.
    pub fn read(path: &Path) -> Result<Description> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Description::parse(path, &text)
    }

    /// Parse description `text`; `path` names it in errors.
    pub fn parse(path: &Path, text: &str) -> Result<Description> {
        let mut d: Description = toml::from_str(text).map_err(|e| Error::BadInput {
            path: path.to_path_buf(),
            reason: format!("not a corpus description: {e}"),
        })?;
        d.hash = blake3::hash(text.as_bytes()).to_hex().to_string();
        for name in d.facets.keys() {
            facet::check_name(name).map_err(|reason| Error::BadInput {
                path: path.to_path_buf(),
                reason: format!("facet {reason}"),
            })?;
        }
        Ok(d)
    }
}

impl Corpus {
    /// The corpus in folder `root` as `d` (read from `source`) describes it.
    pub fn open(d: &Description, source: &Path, root: &Path) -> Result<Corpus> {
        let bad = |reason: String| Error::BadInput {
            path: source.to_path_buf(),
            reason,
        };
        let name = d
            .name
            .as_deref()
            .map(regex::Regex::new)
            .transpose()
            .map_err(|e| bad(format!("name: {e}")))?;
        let groups: Vec<String> = name
            .iter()
            .flat_map(|r| r.capture_names().flatten().map(str::to_string))
            .collect();
        let mut problems = Vec::new();
        let mut fingerprint = blake3::Hasher::new();
        fingerprint.update(d.hash.as_bytes());
        let table = match &d.table {
            Some(t) => {
                let path = root.join(&t.path);
                fingerprint.update(&std::fs::read(&path).map_err(|e| Error::io(&path, e))?);
                let mut table = table::read_table_sheet(&path, t.sheet.as_deref())?;
                for (column, group) in &t.join {
                    if table.column(column).is_none() {
                        return Err(bad(format!(
                            "table.join: {} has no column '{column}'",
                            path.display()
                        )));
                    }
                    if !groups.contains(group) {
                        return Err(bad(format!("table.join: '{group}' is not a group of name")));
                    }
                }
                problems.extend(correct(&mut table, &d.correct).map_err(bad)?);
                if let Some(c) = &d.check {
                    c.columns(&table).map_err(bad)?;
                }
                Some(table)
            }
            None if !d.correct.is_empty() || d.check.is_some() => {
                return Err(bad("correct and check need a table".into()))
            }
            None => None,
        };
        let columns: Vec<String> = table.iter().flat_map(|t| t.headers.clone()).collect();
        let template = |what: &str, t: &Option<String>| -> Result<Option<Template>> {
            t.as_deref()
                .map(|t| Template::parse(t, &groups, &columns))
                .transpose()
                .map_err(|e| bad(format!("{what}: {e}")))
        };
        let mut facets = Vec::new();
        for (k, v) in &d.facets {
            let t = template(&format!("facets.{k}"), &Some(v.clone()))?.expect("a template");
            facets.push((k.clone(), t));
        }
        let join: Vec<(String, String)> = d
            .table
            .iter()
            .flat_map(|t| t.join.iter().map(|(c, g)| (c.clone(), g.clone())))
            .collect();
        let mut corpus = Corpus {
            root: root.to_path_buf(),
            files: list_files(root, &d.files).map_err(bad)?,
            name,
            layout: d.layout,
            id: template("id", &d.id)?,
            title: template("title", &d.title)?,
            date: template("date", &d.date)?,
            speaker: template("speaker", &d.speaker)?,
            role: template("role", &d.role)?,
            strip_honorifics: d.strip_honorifics,
            facets,
            table,
            rows: HashMap::new(),
            join_groups: join.iter().map(|(_, g)| g.clone()).collect(),
            problems,
            fingerprint: fingerprint.finalize().to_hex().to_string(),
        };
        let used = corpus.join(&join);
        if let (Some(c), Some(t)) = (&d.check, &corpus.table) {
            let checked = c.run(t, &used).map_err(bad)?;
            corpus.problems.extend(checked);
        }
        Ok(corpus)
    }

    /// Key the rows by their join columns, and report files with no row, rows with no file,
    /// and rows that share a key. The rows some file joins to, by index.
    fn join(&mut self, join: &[(String, String)]) -> HashSet<usize> {
        let mut used = HashSet::new();
        let Some(table) = &self.table else {
            return used;
        };
        let cols: Vec<usize> = join
            .iter()
            .map(|(c, _)| table.column(c).expect("checked in open"))
            .collect();
        let key = |r: &Row| -> Vec<String> {
            cols.iter()
                .map(|&i| r.cells.get(i).cloned().unwrap_or_default())
                .collect()
        };
        // Rows sharing a key: reported below if a file has that key.
        let mut shared: Vec<(Vec<String>, usize, usize)> = Vec::new();
        for (i, r) in table.rows.iter().enumerate() {
            if let Some(first) = self.rows.insert(key(r), i) {
                shared.push((key(r), first, i));
            }
        }
        // Files and their keys.
        let mut file_keys: HashSet<Vec<String>> = HashSet::new();
        let mut seen: Vec<HashSet<String>> = vec![HashSet::new(); cols.len()];
        for f in &self.files {
            let Some(groups) = self.groups(f) else {
                self.problems.push(format!(
                    "{}: the name does not match the description's name pattern; read without a row",
                    f.display()
                ));
                continue;
            };
            let k: Vec<String> = self
                .join_groups
                .iter()
                .map(|g| groups.get(g).cloned().unwrap_or_default())
                .collect();
            for (s, v) in seen.iter_mut().zip(&k) {
                s.insert(v.clone());
            }
            match self.rows.get(&k) {
                Some(&i) => {
                    used.insert(i);
                }
                None => self
                    .problems
                    .push(format!("{}: no row of the table", f.display())),
            }
            file_keys.insert(k);
        }
        for (k, first, later) in shared {
            if file_keys.contains(&k) {
                self.problems.push(format!(
                    "{}: row {} has the same {} as row {}; row {} is used",
                    table.path.display(),
                    table.rows[later].number,
                    describe_key(join, &k),
                    table.rows[first].number,
                    table.rows[later].number
                ));
            }
        }
        // A row is missing its file when a file shares all its join values but one (the
        // same year and session, another country): the rows of years (or sessions) with no
        // files at all are one line, not thousands.
        let near: HashSet<(usize, Vec<String>)> = file_keys
            .iter()
            .flat_map(|k| {
                (0..k.len()).map(move |j| {
                    let mut blank = k.clone();
                    blank[j].clear();
                    (j, blank)
                })
            })
            .collect();
        let is_near = |k: &Vec<String>| {
            (0..k.len()).any(|j| {
                let mut blank = k.clone();
                blank[j].clear();
                near.contains(&(j, blank))
            })
        };
        let mut outside = 0;
        let mut unmatched: Vec<(usize, String)> = Vec::new();
        for (k, &i) in &self.rows {
            if file_keys.contains(k) {
                continue;
            }
            if is_near(k) {
                let r = &table.rows[i];
                unmatched.push((
                    r.number,
                    format!(
                        "{}: row {} ({}) has no file",
                        table.path.display(),
                        r.number,
                        describe_key(join, k)
                    ),
                ));
            } else {
                outside += 1;
            }
        }
        unmatched.sort();
        self.problems.extend(unmatched.into_iter().map(|(_, m)| m));
        if outside > 0 {
            self.problems.push(format!(
                "{}: {outside} rows with values no file has ({}) left out",
                table.path.display(),
                join.iter()
                    .map(|(c, _)| c.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        used
    }

    /// A hash of the description and its table: a described file's content hash includes
    /// it, so a corrected table re-reads the files it describes.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// What the description could not settle, for the ingest report.
    pub fn problems(&self) -> &[String] {
        &self.problems
    }

    /// The named groups of `name` on the file name of `path`.
    fn groups(&self, path: &Path) -> Option<HashMap<String, String>> {
        let file = path.file_name()?.to_string_lossy();
        let Some(re) = &self.name else {
            return Some(HashMap::new());
        };
        let caps = re.captures(&file)?;
        Some(
            re.capture_names()
                .flatten()
                .filter_map(|n| {
                    caps.name(n)
                        .map(|m| (n.to_string(), m.as_str().to_string()))
                })
                .collect(),
        )
    }

    /// The transcript of the file at `path` (`source` as given), its `text` decoded.
    pub fn transcript(&self, path: &Path, source: &str, text: &str) -> Transcript {
        let groups = self.groups(path).unwrap_or_default();
        let row = self.table.as_ref().and_then(|t| {
            let k: Vec<String> = self
                .join_groups
                .iter()
                .map(|g| groups.get(g).cloned().unwrap_or_default())
                .collect();
            self.rows.get(&k).map(|&i| (t, &t.rows[i]))
        });
        let value = |name: &str| -> Option<String> {
            groups
                .get(name)
                .cloned()
                .or_else(|| row.and_then(|(t, r)| t.cell(r, name).map(str::to_string)))
        };
        let fill = |t: &Option<Template>| t.as_ref().and_then(|t| t.fill(&value));
        let mut warnings = Vec::new();
        let date = fill(&self.date).filter(|d| {
            let ok = super::Date::parse_period(d).is_some();
            if !ok {
                warnings.push(format!(
                    "date '{d}' is not YYYY, YYYY-MM or YYYY-MM-DD; left out"
                ));
            }
            ok
        });
        let label = fill(&self.speaker);
        let speaker = label.as_deref().map(|s| {
            if self.strip_honorifics {
                honorific::strip_honorifics(s)
            } else {
                s.to_string()
            }
        });
        let role = fill(&self.role);
        let texts = match self.layout {
            Layout::Reflow => reflow::paragraphs(text),
            Layout::Lines => super::lines(text).into_iter().map(str::to_string).collect(),
        };
        let paragraphs = texts
            .into_iter()
            .enumerate()
            .map(|(index, text)| Paragraph {
                index,
                speaker: speaker.clone(),
                role: role.clone(),
                label: label.clone(),
                text,
                ..Paragraph::default()
            })
            .collect();
        let id = fill(&self.id).unwrap_or_else(|| crate::source::id_from_path(path));
        let mut t = Transcript {
            source: source.to_string(),
            title: fill(&self.title).unwrap_or_else(|| id.clone()),
            id,
            date,
            paragraphs,
            warnings,
            facets: self
                .facets
                .iter()
                .filter_map(|(k, t)| t.fill(&value).map(|v| (k.clone(), v)))
                .collect(),
            ..Transcript::default()
        };
        super::cap_paragraphs(&mut t);
        t
    }
}

/// `Year 2015, Session 70, ISO Code CMR`.
fn describe_key(join: &[(String, String)], key: &[String]) -> String {
    join.iter()
        .zip(key)
        .map(|((c, _), v)| format!("{c} {v}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Apply `corrections` to `table`, each looking at the cells as read; one line per
/// correction saying how many rows it changed (none is a problem too: a stale correction).
fn correct(
    table: &mut Table,
    corrections: &[Correction],
) -> std::result::Result<Vec<String>, String> {
    let col = |name: &str| {
        table
            .column(name)
            .ok_or_else(|| format!("correct: the table has no column '{name}'"))
    };
    let mut plan = Vec::new();
    for c in corrections {
        let target = col(&c.column)?;
        let when: Vec<(usize, &str)> = c
            .when
            .iter()
            .map(|(k, v)| Ok((col(k)?, v.as_str())))
            .collect::<std::result::Result<_, String>>()?;
        plan.push((c, target, when));
    }
    let original = table.rows.clone();
    let mut out = Vec::new();
    for (c, target, when) in plan {
        let mut n = 0;
        for (row, orig) in table.rows.iter_mut().zip(&original) {
            let cell = |i: usize| orig.cells.get(i).map_or("", String::as_str);
            if cell(target) == c.from && when.iter().all(|&(i, v)| cell(i) == v) {
                row.cells[target] = c.to.clone();
                n += 1;
            }
        }
        let when = c
            .when
            .iter()
            .map(|(k, v)| format!(" where {k} is {v}"))
            .collect::<String>();
        out.push(format!(
            "{}: {} {} → {}{when}: {n} row(s) corrected",
            table.path.display(),
            c.column,
            c.from,
            c.to
        ));
    }
    Ok(out)
}

/// The files under `root` whose path relative to it matches `pattern`, sorted.
fn list_files(root: &Path, pattern: &str) -> std::result::Result<Vec<PathBuf>, String> {
    let mut re = String::from("^");
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '*' if chars.peek() == Some(&'*') => {
                chars.next();
                if chars.peek() == Some(&'/') {
                    chars.next();
                }
                re.push_str("(?:.*/)?");
            }
            '*' => re.push_str("[^/]*"),
            '?' => re.push_str("[^/]"),
            c => re.push_str(&regex::escape(&c.to_string())),
        }
    }
    re.push('$');
    let re = regex::Regex::new(&re).map_err(|e| format!("files: {e}"))?;
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(root).follow_links(true) {
        let entry = entry.map_err(|e| format!("files: {e}"))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(root) else {
            continue;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        if re.is_match(&rel) {
            out.push(entry.path().to_path_buf());
        }
    }
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests;
