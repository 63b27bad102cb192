//! The speaker registry: every speaker of the index as a person (or a generic role such as
//! `Question`) with a stable id, one canonical name and the variants seen.
//!
//! Ingest keeps each paragraph's speaker, role and label as the page gives them; the
//! registry is computed from those (and the pages' Persons lists) when a command needs it,
//! with the user's [`aliases`] file on top, so an edit of that file or a better rule here
//! needs no transcript read again. Its unit is a speaker on one page: a homonym on another
//! page can be another person (`ALROSA CEO Sergei Ivanov`, page 56850, is not the Chief of
//! Staff of page 51556).
//!
//! Variants are merged only on evidence ([`names`] has the rules about one name):
//! 1. the same name but for case, spacing, punctuation, forms of address, words run
//!    together (`Kirill KleYMENOV`, `VladimirPutin`, `Mr. Barack Obama`);
//! 2. a rank or an office before another speaker's full name (`Rosneft CEO Igor Sechin`,
//!    `Patriarch Kirill of Moscow and All Russia`), or a label that gives the full name of
//!    a name cut short (`Tayyip Erdogan` in `President of Turkey Recep Tayyip Erdogan`);
//! 3. a transliteration or one typo in a given name, surname the same
//!    (`Tatayana`/`Tatiana`/`Tatyana Golikova`, `Vladmir Putin`), when only one person
//!    fits;
//! 4. a middle initial on one side only, when only one person has it (`Henry Trewhitt` is
//!    `Henry L Trewhitt`; `George Bush` is listed for the user, as both `George HW` and
//!    `George W Bush` fit).
//!
//! And one name is split in two people when its pages give it roles of different
//! organisations that nothing links (no common word, not both pages listing the person):
//! `ALROSA CEO` and `Chief of Staff of the Presidential Executive Office`. What is close
//! but not merged is listed by [`Registry::suspects`] for the user to decide.

pub mod aliases;
pub mod names;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use tantivy::Searcher;

pub use aliases::Aliases;
pub use names::Kind;

use super::schema::name;
use super::Fields;
use crate::error::Result;

/// One speaker with one role on one page: what the registry is made of.
#[derive(Debug, Clone, Default)]
pub struct Unit {
    /// The speaker as indexed.
    pub speaker: String,
    pub role: Option<String>,
    pub transcript: String,
    pub labels: BTreeSet<String>,
    pub paragraphs: u64,
    pub words: u64,
    /// Seconds since 1970 of the first and the last dated paragraph.
    pub first: Option<i64>,
    pub last: Option<i64>,
}

/// A person (or a generic role) of the registry.
#[derive(Debug, Clone)]
pub struct Person {
    /// Stable: from the canonical name (`vladimir-putin`), and for one of two homonyms
    /// the organisation of its role too (`sergei-ivanov~alrosa`).
    pub id: String,
    pub kind: Kind,
    pub name: String,
    /// The speakers as indexed whose paragraphs are this person's.
    pub variants: BTreeSet<String>,
    /// Names from the alias file, and names the rules read out of the labels.
    pub aliases: BTreeSet<String>,
    pub roles: BTreeSet<String>,
    pub labels: BTreeSet<String>,
    pub paragraphs: u64,
    pub words: u64,
    pub transcripts: BTreeSet<String>,
    pub first: Option<i64>,
    pub last: Option<i64>,
    /// Why this person is apart from another of the same name, if it is.
    pub homonym: Option<String>,
}

/// Two persons that may be one, with why and how much.
#[derive(Debug, Clone, PartialEq)]
pub struct Suspect {
    pub a: String,
    pub b: String,
    /// Ids, for the alias file.
    pub a_id: String,
    pub b_id: String,
    pub a_paragraphs: u64,
    pub b_paragraphs: u64,
    pub evidence: String,
}

/// Every person of an index, and which person each speaker on each page is.
#[derive(Debug, Default)]
pub struct Registry {
    pub persons: Vec<Person>,
    /// (speaker as indexed, transcript) → index into `persons`.
    by_unit: HashMap<(String, String), usize>,
    suspects: Vec<Suspect>,
}

/// What `--speaker NAME` finds.
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    /// The persons (indexes into [`Registry::persons`]), and whether the name was a part
    /// of several people's names (a surname): the command says so.
    Persons { persons: Vec<usize>, several: bool },
    /// Nobody; the nearest names.
    Nothing { nearest: Vec<String> },
}

impl Registry {
    /// The registry of the index behind `searcher`, with the user's `aliases`.
    pub fn of_index(searcher: &Searcher, f: &Fields, aliases: &Aliases) -> Result<Registry> {
        let units = units(searcher)?;
        let mut persons_of: HashMap<String, Vec<String>> = HashMap::new();
        // A record at a time: only the persons are kept (`export` held every record whole,
        // 1.13 GB for 3.3 M paragraphs, issue 13 §6).
        super::pages::for_each(searcher, f, |p| {
            if !p.persons.is_empty() {
                persons_of.insert(p.id, p.persons);
            }
            Ok(())
        })?;
        Ok(Registry::build(units, &persons_of, aliases))
    }

    /// The person speaker `speaker` is on page `transcript`.
    pub fn person_of(&self, speaker: &str, transcript: &str) -> Option<&Person> {
        self.by_unit
            .get(&(speaker.to_string(), transcript.to_string()))
            .map(|&i| &self.persons[i])
    }

    /// Every (speaker as indexed, page) unit with its person (an index into
    /// [`Registry::persons`]).
    pub fn units(&self) -> impl Iterator<Item = (&str, &str, usize)> {
        self.by_unit
            .iter()
            .map(|((s, t), &p)| (s.as_str(), t.as_str(), p))
    }

    /// Likely duplicates the rules did not merge, most paragraphs first.
    pub fn suspects(&self) -> &[Suspect] {
        &self.suspects
    }

    /// The persons `query` names: a canonical name, a variant, an alias, a label or an id
    /// (any case, spacing and punctuation), else the persons whose names contain its words
    /// in order (a surname: `ivanov`, `tamim`, `Mohammad bin Salman`).
    pub fn find(&self, query: &str) -> Found {
        let q = names::fold(query);
        if q.is_empty() {
            return Found::Nothing {
                nearest: Vec::new(),
            };
        }
        let exact: Vec<usize> = (0..self.persons.len())
            .filter(|&i| {
                let p = &self.persons[i];
                p.id == query.trim()
                    || names::fold(&p.name) == q
                    || p.variants.iter().any(|v| names::fold(v) == q)
                    || p.aliases.iter().any(|v| names::fold(v) == q)
            })
            .collect();
        if !exact.is_empty() {
            let several = exact.len() > 1;
            return Found::Persons {
                persons: exact,
                several,
            };
        }
        let qw: Vec<&str> = q.split(' ').collect();
        let contains = |name: &str| {
            let f = names::fold(name);
            let w: Vec<&str> = f.split(' ').collect();
            w.windows(qw.len()).any(|win| win == qw.as_slice())
        };
        let mut part: Vec<usize> = (0..self.persons.len())
            .filter(|&i| {
                let p = &self.persons[i];
                contains(&p.name)
                    || p.variants.iter().any(|v| contains(v))
                    || p.aliases.iter().any(|v| contains(v))
            })
            .collect();
        // Labels last: `--speaker "press secretary"` finds who the label calls so.
        if part.is_empty() {
            part = (0..self.persons.len())
                .filter(|&i| self.persons[i].labels.iter().any(|l| contains(l)))
                .collect();
        }
        if !part.is_empty() {
            part.sort_by_key(|&i| std::cmp::Reverse(self.persons[i].paragraphs));
            let several = part.len() > 1;
            return Found::Persons {
                persons: part,
                several,
            };
        }
        let mut near: Vec<(usize, u64, &str)> = self
            .persons
            .iter()
            .map(|p| {
                let d = p
                    .name
                    .split(' ')
                    .chain(std::iter::once(p.name.as_str()))
                    .map(|w| names::distance(&names::fold(w), &q))
                    .min()
                    .unwrap_or(usize::MAX);
                (d, p.paragraphs, p.name.as_str())
            })
            .collect();
        near.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(b.2)));
        let mut nearest: Vec<String> = Vec::new();
        for (_, _, n) in near {
            if !nearest.iter().any(|x| x == n) {
                nearest.push(n.to_string());
            }
            if nearest.len() == 5 {
                break;
            }
        }
        Found::Nothing { nearest }
    }

    /// The persons of kind `kind`.
    pub fn of_kind(&self, kind: Kind) -> Vec<usize> {
        (0..self.persons.len())
            .filter(|&i| self.persons[i].kind == kind)
            .collect()
    }

    /// How `i` is told apart from other persons in a message: `Sergei Ivanov (ALROSA
    /// CEO)`.
    pub fn display(&self, i: usize) -> String {
        let p = &self.persons[i];
        match &p.homonym {
            Some(h) => format!("{} ({h})", p.name),
            None => p.name.clone(),
        }
    }

    /// Build the registry from its units, the Persons lists of the pages (`Surname Given`,
    /// as the kremlin.ru footer has them) and the alias file.
    pub fn build(
        units: Vec<Unit>,
        persons_of: &HashMap<String, Vec<String>>,
        aliases: &Aliases,
    ) -> Registry {
        Builder::new(units, persons_of).run(aliases)
    }
}

/// A group's roles on one page (see [`Builder::page_roles`]).
#[derive(Debug, Clone, Default)]
struct PageRoles {
    keys: BTreeSet<String>,
    roles: BTreeSet<String>,
    paragraphs: u64,
    derived: bool,
}

/// A unit as the rules read it.
#[derive(Debug, Clone)]
struct Read {
    unit: Unit,
    kind: Kind,
    /// The person's name as read from the speaker (and its role), before merging.
    name: String,
    /// The unit's role with what the rules moved out of the name.
    role: Option<String>,
}

struct Builder<'a> {
    reads: Vec<Read>,
    persons_of: &'a HashMap<String, Vec<String>>,
}

/// A group of units under construction: the reads it holds.
#[derive(Debug, Clone, Default)]
struct Group {
    name: String,
    kind: Option<Kind>,
    reads: Vec<usize>,
    aliases: BTreeSet<String>,
    homonym: Option<String>,
}

impl<'a> Builder<'a> {
    fn new(units: Vec<Unit>, persons_of: &'a HashMap<String, Vec<String>>) -> Builder<'a> {
        let reads = units
            .into_iter()
            .map(|unit| {
                if let Some(k) = names::generic_kind(&unit.speaker) {
                    let name = k.generic_name().unwrap_or_default().to_string();
                    return Read {
                        kind: k,
                        name,
                        role: unit.role.clone(),
                        unit,
                    };
                }
                let (name, role) = names::person_name(&unit.speaker, unit.role.as_deref());
                let kind = names::unnamed_kind(&name).unwrap_or(Kind::Person);
                Read {
                    kind,
                    name,
                    role,
                    unit,
                }
            })
            .collect();
        Builder { reads, persons_of }
    }

    fn paragraphs(&self, g: &Group) -> u64 {
        g.reads.iter().map(|&r| self.reads[r].unit.paragraphs).sum()
    }

    fn run(self, aliases: &Aliases) -> Registry {
        // 1. One group per name as read, case, spacing and punctuation aside
        //    (`VladimirPUTIN`, which no rule splits safely, is `Vladimir Putin`).
        let mut by_key: BTreeMap<(Kind, String), Group> = BTreeMap::new();
        for (i, r) in self.reads.iter().enumerate() {
            let key = (r.kind, names::fold(&r.name).replace(' ', ""));
            by_key.entry(key).or_default().reads.push(i);
        }
        let mut groups: Vec<Group> = by_key.into_values().collect();
        for g in &mut groups {
            g.name = self.best_spelling(g);
        }
        let mut suspects = Vec::new();
        self.merge_role_prefixes(&mut groups);
        self.merge_spellings(&mut groups, &mut suspects);
        self.merge_initials(&mut groups, &mut suspects);
        let mut groups = self.split_homonyms(groups, &mut suspects);
        self.apply_aliases(&mut groups, aliases);
        self.finish(groups, suspects)
    }

    /// The spelling most paragraphs have, a properly cased one first.
    fn best_spelling(&self, g: &Group) -> String {
        let mut count: BTreeMap<&str, u64> = BTreeMap::new();
        for &r in &g.reads {
            *count.entry(self.reads[r].name.as_str()).or_default() += self.reads[r].unit.paragraphs;
        }
        let well_cased = |n: &str| {
            n.split(' ')
                .all(|w| !w.chars().skip(1).any(char::is_uppercase) || w.len() <= 2)
        };
        count
            .into_iter()
            .max_by_key(|(n, c)| (well_cased(n), *c, std::cmp::Reverse(n.to_string())))
            .map(|(n, _)| n.to_string())
            .unwrap_or_default()
    }

    /// Fold group `from` into group `into` (both indexes into `groups`), leaving `from`
    /// empty.
    fn absorb(groups: &mut [Group], into: usize, from: usize, alias: bool) {
        let moved = std::mem::take(&mut groups[from].reads);
        let name = std::mem::take(&mut groups[from].name);
        let aliases = std::mem::take(&mut groups[from].aliases);
        groups[into].reads.extend(moved);
        groups[into].aliases.extend(aliases);
        if alias && !name.is_empty() && name != groups[into].name {
            groups[into].aliases.insert(name);
        }
    }

    fn person_keys(groups: &[Group], reads: &[Read]) -> HashMap<String, usize> {
        groups
            .iter()
            .enumerate()
            .filter(|(_, g)| {
                !g.reads.is_empty() && g.reads.iter().all(|&r| reads[r].kind == Kind::Person)
            })
            .map(|(i, g)| (names::fold(&g.name), i))
            .collect()
    }

    /// Rule 2: an office before another speaker's full name, or a label giving the full
    /// name of a name cut short.
    fn merge_role_prefixes(&self, groups: &mut [Group]) {
        let keys = Self::person_keys(groups, &self.reads);
        let mut moves: Vec<(usize, usize)> = Vec::new();
        for (gi, g) in groups.iter().enumerate() {
            if g.reads.is_empty() || self.reads[g.reads[0]].kind != Kind::Person {
                continue;
            }
            let own = names::fold(&g.name);
            let mut target: Option<usize> = None;
            // `Patriarch Kirill of Moscow and All Russia`, `Crown Prince Mohammed Al
            // Nahyan of Abu Dhabi`: the part before `of`, then its tails.
            let raw_words: Vec<&str> = g.name.split(' ').collect();
            let before_of = raw_words
                .iter()
                .position(|w| *w == "of")
                .map(|i| &raw_words[..i]);
            let mut candidates: Vec<Vec<&str>> = Vec::new();
            if let Some(b) = before_of {
                candidates.push(b.to_vec());
            }
            candidates.push(raw_words.clone());
            'c: for words in candidates {
                for start in 0..words.len().saturating_sub(1) {
                    let tail = names::fold(&words[start..].join(" "));
                    if tail == own {
                        continue;
                    }
                    let Some(&t) = keys.get(&tail) else { continue };
                    let prefix = &words[..start];
                    if t != gi && (start == 0 || is_role_prefix(prefix)) {
                        target = Some(t);
                        break 'c;
                    }
                }
            }
            // `Patriarch of Moscow and All Russia Kirill`: first and last word of a
            // title; `President of Turkey Recep Tayyip Erdogan` for `Tayyip Erdogan`.
            if target.is_none() {
                'l: for &r in &g.reads {
                    for label in &self.reads[r].unit.labels {
                        let lw: Vec<&str> = label.split_whitespace().collect();
                        if lw.len() >= 3 && lw.contains(&"of") {
                            let ends = names::fold(&format!("{} {}", lw[0], lw[lw.len() - 1]));
                            if let Some(&t) = keys.get(&ends) {
                                if t != gi {
                                    target = Some(t);
                                    break 'l;
                                }
                            }
                        }
                        let lf = names::fold(label);
                        let lfw: Vec<&str> = lf.split(' ').collect();
                        for start in 0..lfw.len().saturating_sub(1) {
                            let tail = lfw[start..].join(" ");
                            if tail.len() > own.len() && tail.ends_with(&format!(" {own}")) {
                                if let Some(&t) = keys.get(&tail) {
                                    target = Some(t);
                                    break 'l;
                                }
                            }
                        }
                    }
                }
            }
            if let Some(t) = target {
                moves.push((gi, t));
            }
        }
        // A chain (`a` → `b` → `c`) ends where `b` went.
        let mut went: HashMap<usize, usize> = HashMap::new();
        for (from, into) in moves {
            let mut into = into;
            let mut hops = 0;
            while let Some(&n) = went.get(&into) {
                into = n;
                hops += 1;
                if hops > groups.len() {
                    break;
                }
            }
            if into != from && !groups[from].reads.is_empty() {
                Self::absorb(groups, into, from, true);
                went.insert(from, into);
            }
        }
    }

    /// Rule 3: transliterations and one typo, when only one person fits.
    fn merge_spellings(&self, groups: &mut [Group], suspects: &mut Vec<Suspect>) {
        // By surname as transliterated, the most paragraphs first: a variant goes into
        // the most common spelling.
        let mut by_surname: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, g) in groups.iter().enumerate() {
            if g.reads.is_empty() || self.reads[g.reads[0]].kind != Kind::Person {
                continue;
            }
            let f = names::fold(&g.name);
            if let Some(last) = f.rsplit(' ').next() {
                by_surname.entry(names::translit(last)).or_default().push(i);
            }
        }
        for (_, mut members) in by_surname {
            members.sort_by_key(|&i| std::cmp::Reverse(self.paragraphs(&groups[i])));
            let fold_of = |groups: &[Group], i: usize| names::fold(&groups[i].name);
            // The most common spelling takes the others that fit it, unless one fits
            // another person too (who does not fit it).
            for (n, &big) in members.iter().enumerate() {
                if groups[big].reads.is_empty() {
                    continue;
                }
                let bf = fold_of(groups, big);
                for &small in &members[n + 1..] {
                    if groups[small].reads.is_empty() {
                        continue;
                    }
                    let sf = fold_of(groups, small);
                    if !names::same_spelling(&sf, &bf) {
                        continue;
                    }
                    let rivals: Vec<usize> = members
                        .iter()
                        .copied()
                        .filter(|&o| {
                            o != big
                                && o != small
                                && !groups[o].reads.is_empty()
                                && names::same_spelling(&sf, &fold_of(groups, o))
                                && !names::same_spelling(&bf, &fold_of(groups, o))
                        })
                        .collect();
                    if rivals.is_empty() {
                        Self::absorb(groups, big, small, true);
                    } else {
                        for o in rivals.into_iter().chain([big]) {
                            suspects.push(self.suspect(
                                groups,
                                small,
                                o,
                                "spellings of one name; several people fit",
                            ));
                        }
                    }
                }
            }
        }
    }

    /// Rule 4: a middle initial on one side only, when only one person has it.
    fn merge_initials(&self, groups: &mut [Group], suspects: &mut Vec<Suspect>) {
        let mut by_bare: BTreeMap<String, Vec<(usize, Vec<String>)>> = BTreeMap::new();
        for (i, g) in groups.iter().enumerate() {
            if g.reads.is_empty() || self.reads[g.reads[0]].kind != Kind::Person {
                continue;
            }
            let (inits, bare) = names::initials(&names::fold(&g.name));
            by_bare.entry(bare).or_default().push((i, inits));
        }
        for (_, members) in by_bare {
            if members.len() < 2 {
                continue;
            }
            let plain: Vec<usize> = members
                .iter()
                .filter(|(_, i)| i.is_empty())
                .map(|(g, _)| *g)
                .collect();
            let initialled: Vec<&(usize, Vec<String>)> =
                members.iter().filter(|(_, i)| !i.is_empty()).collect();
            let sets: BTreeSet<&Vec<String>> = initialled.iter().map(|(_, i)| i).collect();
            if sets.len() == 1 {
                // One person with initials: the others are the same with or without.
                let into = initialled
                    .iter()
                    .map(|(g, _)| *g)
                    .max_by_key(|&g| self.paragraphs(&groups[g]))
                    .expect("one at least");
                for &&(g, _) in &initialled {
                    if g != into {
                        Self::absorb(groups, into, g, true);
                    }
                }
                for g in plain {
                    Self::absorb(groups, into, g, true);
                }
            } else {
                // `George HW Bush` and `George W Bush`: two people; a plain `George Bush`
                // could be either.
                for g in plain {
                    for &&(h, _) in &initialled {
                        suspects.push(self.suspect(
                            groups,
                            g,
                            h,
                            "same name but for a middle initial; people with other initials too",
                        ));
                    }
                }
            }
        }
    }

    /// A group's pages: the organisations of its roles there (see [`names::role_keys`]),
    /// the roles, the paragraphs, and whether a role there was read out of the name (a
    /// merge the registry made, `ALROSA CEO Sergei Ivanov`) rather than given by the page.
    fn page_roles(&self, g: &Group) -> BTreeMap<String, PageRoles> {
        let mut pages: BTreeMap<String, PageRoles> = BTreeMap::new();
        for &r in &g.reads {
            let read = &self.reads[r];
            let e = pages.entry(read.unit.transcript.clone()).or_default();
            if let Some(role) = &read.role {
                e.keys.extend(names::role_keys(role));
                e.roles.insert(role.clone());
                if read.role != read.unit.role {
                    e.derived = true;
                }
            }
            e.paragraphs += read.unit.paragraphs;
        }
        pages
    }

    /// Does page `t`'s Persons list name this person?
    fn listed(&self, t: &str, folded: &str) -> bool {
        self.persons_of.get(t).is_some_and(|ps| {
            ps.iter().any(|p| {
                let mut w: Vec<&str> = p.split_whitespace().collect();
                if w.len() < 2 {
                    return false;
                }
                let surname = w.remove(0);
                let name = format!("{} {surname}", w.join(" "));
                let f = names::fold(&name);
                f == folded || names::same_spelling(&f, folded)
            })
        })
    }

    /// One name, two people: an office read out of the name on some pages
    /// (`ALROSA CEO Sergei Ivanov`, page 56850) names an organisation that none of the
    /// name's roles on the other pages shares, and no page pair lists the person on both
    /// sides: those pages are a person of their own (a homonym), listed as a suspect. Roles
    /// the pages give (the ingest kept them under one name) are never split, only listed
    /// when their organisations have nothing in common.
    fn split_homonyms(&self, groups: Vec<Group>, suspects: &mut Vec<Suspect>) -> Vec<Group> {
        let mut out: Vec<Group> = Vec::new();
        for g in groups {
            if g.reads.is_empty() {
                continue;
            }
            if self.reads[g.reads[0]].kind != Kind::Person {
                out.push(g);
                continue;
            }
            let folded = names::fold(&g.name);
            let pages = self.page_roles(&g);
            let mut keyed: Vec<(&String, &PageRoles)> =
                pages.iter().filter(|(_, p)| !p.keys.is_empty()).collect();
            if keyed.len() < 2 {
                out.push(g);
                continue;
            }
            let mut listed: Vec<bool> =
                keyed.iter().map(|(t, _)| self.listed(t, &folded)).collect();
            // The pages whose roles name no organisation (`Deputy Prime Minister`) stay the
            // name's; one of them listing the person (kremlin.ru lists a person by their one
            // page: `Rogozin Dmitry`) links them to a keyed page that lists the person too.
            let rest_name = String::new();
            let mut rest = PageRoles::default();
            let mut rest_listed = false;
            for (t, p) in pages.iter().filter(|(_, p)| p.keys.is_empty()) {
                rest.roles.extend(p.roles.iter().cloned());
                rest.paragraphs += p.paragraphs;
                rest_listed |= self.listed(t, &folded);
            }
            // Only a role the pages give, naming an organisation, can set a name's pages
            // apart; the others can only link.
            if !keyed.iter().any(|(_, p)| !p.derived) {
                out.push(g);
                continue;
            }
            if rest.paragraphs > 0 {
                keyed.push((&rest_name, &rest));
                listed.push(rest_listed);
            }
            let mut parent: Vec<usize> = (0..keyed.len()).collect();
            fn root(c: &mut [usize], mut i: usize) -> usize {
                while c[i] != i {
                    c[i] = c[c[i]];
                    i = c[i];
                }
                i
            }
            for i in 0..keyed.len() {
                for j in i + 1..keyed.len() {
                    let linked = keyed[i]
                        .1
                        .keys
                        .intersection(&keyed[j].1.keys)
                        .next()
                        .is_some()
                        || (listed[i] && listed[j]);
                    if linked {
                        let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                        parent[a] = b;
                    }
                }
            }
            let mut clusters: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
            for i in 0..keyed.len() {
                let r = root(&mut parent, i);
                clusters.entry(r).or_default().push(i);
            }
            if clusters.len() < 2 {
                out.push(g);
                continue;
            }
            let weight = |c: &Vec<usize>| c.iter().map(|&i| keyed[i].1.paragraphs).sum::<u64>();
            let role_of = |c: &Vec<usize>| {
                c.iter()
                    .flat_map(|&i| &keyed[i].1.roles)
                    .next()
                    .cloned()
                    .unwrap_or_default()
            };
            // Clusters with a role the pages give stay the name's; a cluster of roles read
            // out of names only is another person.
            let (mut given, apart): (Vec<Vec<usize>>, Vec<Vec<usize>>) = clusters
                .into_values()
                .partition(|c| c.iter().any(|&i| !keyed[i].1.derived));
            given.sort_by_key(|c| std::cmp::Reverse(weight(c)));
            if given.is_empty() {
                out.push(g);
                continue;
            }
            let main_role = role_of(&given[0]);
            let mut page_to: HashMap<&str, usize> = HashMap::new();
            let mut others: Vec<Group> = Vec::new();
            for c in &apart {
                for &i in c {
                    page_to.insert(keyed[i].0.as_str(), others.len());
                }
                others.push(Group {
                    name: g.name.clone(),
                    kind: g.kind,
                    reads: Vec::new(),
                    aliases: BTreeSet::new(),
                    homonym: Some(role_of(c)),
                });
            }
            let mut main = Group {
                reads: Vec::new(),
                ..g.clone()
            };
            for &r in &g.reads {
                match page_to.get(self.reads[r].unit.transcript.as_str()) {
                    Some(&n) => others[n].reads.push(r),
                    None => main.reads.push(r),
                }
            }
            let base = out.len();
            out.push(main);
            for c in given.iter().skip(1) {
                // Pages whose roles name no organisation link, they do not oppose: nothing
                // to weigh against them.
                if main_role.is_empty() || role_of(c).is_empty() {
                    continue;
                }
                suspects.push(Suspect {
                    evidence: format!(
                        "same name, roles of organisations with nothing in common ('{main_role}' / '{}'): one person or two?",
                        role_of(c)
                    ),
                    b: format!("{} ({})", g.name, role_of(c)),
                    b_paragraphs: weight(c),
                    ..self.suspect(&out, base, base, "")
                });
            }
            for o in others {
                let evidence = format!(
                    "same name; the office read out of the label ('{}') shares nothing with the roles the pages give ('{main_role}'), and no page lists both: kept apart",
                    o.homonym.as_deref().unwrap_or_default()
                );
                out.push(o);
                let b = out.len() - 1;
                suspects.push(self.suspect(&out, base, b, &evidence));
            }
        }
        out
    }

    fn apply_aliases(&self, groups: &mut Vec<Group>, aliases: &Aliases) {
        let find = |groups: &[Group], name: &str| -> Vec<usize> {
            let f = names::fold(name);
            (0..groups.len())
                .filter(|&i| {
                    let g = &groups[i];
                    !g.reads.is_empty()
                        && (names::fold(&g.name) == f
                            || group_id(g) == name.trim()
                            || g.aliases.iter().any(|a| names::fold(a) == f)
                            || g.reads
                                .iter()
                                .any(|&r| names::fold(&self.reads[r].unit.speaker) == f))
                })
                .collect()
        };
        for s in &aliases.split {
            let f = names::fold(&s.variant);
            let mut moved = Vec::new();
            for g in groups.iter_mut() {
                g.reads.retain(|&r| {
                    let u = &self.reads[r].unit;
                    let hit = names::fold(&u.speaker) == f
                        && (s.pages.is_empty() || s.pages.contains(&u.transcript));
                    if hit {
                        moved.push(r);
                    }
                    !hit
                });
            }
            if !moved.is_empty() {
                let name = s
                    .name
                    .clone()
                    .unwrap_or_else(|| self.reads[moved[0]].name.clone());
                groups.push(Group {
                    name,
                    kind: None,
                    reads: moved,
                    aliases: BTreeSet::new(),
                    homonym: None,
                });
            }
        }
        for m in &aliases.merge {
            let mut all: Vec<usize> = Vec::new();
            for v in m.variants.iter().chain(std::iter::once(&m.name)) {
                for i in find(groups, v) {
                    if !all.contains(&i) {
                        all.push(i);
                    }
                }
            }
            let Some(&into) = all.first() else { continue };
            for &from in &all[1..] {
                Self::absorb(groups, into, from, true);
            }
            let old = std::mem::replace(&mut groups[into].name, m.name.clone());
            if old != m.name {
                groups[into].aliases.insert(old);
            }
            groups[into].homonym = None;
        }
        for k in &aliases.kind {
            let Some(kind) = Kind::parse(&k.kind) else {
                continue;
            };
            for i in find(groups, &k.name) {
                groups[i].kind = Some(kind);
            }
        }
    }

    fn suspect(&self, groups: &[Group], a: usize, b: usize, evidence: &str) -> Suspect {
        let (ga, gb) = (&groups[a], &groups[b]);
        Suspect {
            a: display_group(ga),
            b: display_group(gb),
            a_id: group_id(ga),
            b_id: group_id(gb),
            a_paragraphs: self.paragraphs(ga),
            b_paragraphs: self.paragraphs(gb),
            evidence: evidence.to_string(),
        }
    }

    fn finish(self, groups: Vec<Group>, mut suspects: Vec<Suspect>) -> Registry {
        let mut persons: Vec<Person> = Vec::new();
        let mut by_unit = HashMap::new();
        let mut ids: BTreeMap<String, usize> = BTreeMap::new();
        for g in groups {
            if g.reads.is_empty() {
                continue;
            }
            let kind = g.kind.unwrap_or_else(|| {
                // The kind most paragraphs have.
                let mut k: BTreeMap<Kind, u64> = BTreeMap::new();
                for &r in &g.reads {
                    *k.entry(self.reads[r].kind).or_default() += self.reads[r].unit.paragraphs;
                }
                k.into_iter()
                    .max_by_key(|(_, c)| *c)
                    .map(|(k, _)| k)
                    .unwrap_or(Kind::Person)
            });
            let mut id = group_id(&g);
            if let Some(n) = ids.get_mut(&id) {
                *n += 1;
                id = format!("{id}~{n}");
            } else {
                ids.insert(id.clone(), 1);
            }
            let mut p = Person {
                id,
                kind,
                name: g.name.clone(),
                variants: BTreeSet::new(),
                aliases: g.aliases.clone(),
                roles: BTreeSet::new(),
                labels: BTreeSet::new(),
                paragraphs: 0,
                words: 0,
                transcripts: BTreeSet::new(),
                first: None,
                last: None,
                homonym: g.homonym.clone(),
            };
            let index = persons.len();
            for &r in &g.reads {
                let read = &self.reads[r];
                let u = &read.unit;
                p.variants.insert(u.speaker.clone());
                if read.name != p.name && read.kind == Kind::Person {
                    p.aliases.insert(read.name.clone());
                }
                p.roles.extend(read.role.clone());
                p.labels.extend(u.labels.iter().cloned());
                p.paragraphs += u.paragraphs;
                p.words += u.words;
                p.transcripts.insert(u.transcript.clone());
                p.first = min_opt(p.first, u.first);
                p.last = max_opt(p.last, u.last);
                by_unit.insert((u.speaker.clone(), u.transcript.clone()), index);
            }
            p.aliases.remove(&p.name);
            persons.push(p);
        }
        persons_sorted(&mut persons, &mut by_unit);
        suspects.sort_by(|a, b| {
            (b.a_paragraphs.min(b.b_paragraphs))
                .cmp(&a.a_paragraphs.min(a.b_paragraphs))
                .then(a.a.cmp(&b.a))
                .then(a.b.cmp(&b.b))
        });
        suspects.dedup();
        let mut r = Registry {
            persons,
            by_unit,
            suspects,
        };
        let near = near_names(&r);
        r.suspects.extend(near);
        r
    }
}

fn min_opt(a: Option<i64>, b: Option<i64>) -> Option<i64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn max_opt(a: Option<i64>, b: Option<i64>) -> Option<i64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

/// Most paragraphs first, then by name; the unit map follows.
fn persons_sorted(persons: &mut Vec<Person>, by_unit: &mut HashMap<(String, String), usize>) {
    let mut order: Vec<usize> = (0..persons.len()).collect();
    order.sort_by(|&a, &b| {
        persons[b]
            .paragraphs
            .cmp(&persons[a].paragraphs)
            .then(persons[a].name.cmp(&persons[b].name))
            .then(persons[a].id.cmp(&persons[b].id))
    });
    let mut new_index = vec![0; persons.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    for v in by_unit.values_mut() {
        *v = new_index[*v];
    }
    let mut taken: Vec<Option<Person>> = std::mem::take(persons).into_iter().map(Some).collect();
    *persons = order
        .iter()
        .map(|&i| taken[i].take().expect("each once"))
        .collect();
}

/// Is this the start of a label before a name, an office rather than given names?
fn is_role_prefix(words: &[&str]) -> bool {
    const TITLES: &[&str] = &[
        "Patriarch",
        "Archbishop",
        "Metropolitan",
        "Crown",
        "Prince",
        "King",
        "Queen",
        "Emir",
        "Sheikh",
        "Pope",
        "Father",
        "Doctor",
        "Professor",
        "Academician",
        "Senator",
        "Governor",
        "General",
        "Admiral",
    ];
    words.iter().any(|w| {
        TITLES.contains(w)
            || names::unnamed_kind(w).is_some()
            || w.chars().next().is_some_and(char::is_lowercase)
            || (w.chars().count() >= 2 && w.chars().all(|c| c.is_uppercase() || c == '-'))
    })
}

/// `vladimir-putin`: the canonical name's letters and digits, words joined by `-`; with
/// the organisation of a homonym's role after `~`.
fn group_id(g: &Group) -> String {
    let slug = |s: &str| names::fold(s).replace(' ', "-");
    let mut id = slug(&g.name);
    if let Some(h) = &g.homonym {
        let keys = names::role_keys(h);
        let tag = if keys.is_empty() {
            slug(h)
        } else {
            keys.join("-")
        };
        id = format!("{id}~{tag}");
    }
    id
}

fn display_group(g: &Group) -> String {
    match &g.homonym {
        Some(h) => format!("{} ({h})", g.name),
        None => g.name.clone(),
    }
}

/// Persons left apart whose names are close: the same surname and given names that start
/// alike (`Joe Biden`/`Joseph R. Biden`), or a two-word name inside a longer one.
fn near_names(r: &Registry) -> Vec<Suspect> {
    let mut by_surname: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, p) in r.persons.iter().enumerate() {
        if p.kind != Kind::Person {
            continue;
        }
        let f = names::fold(&p.name);
        if let Some(last) = f.rsplit(' ').next() {
            by_surname.entry(names::translit(last)).or_default().push(i);
        }
    }
    let mut out = Vec::new();
    for members in by_surname.values() {
        for (n, &a) in members.iter().enumerate() {
            for &b in &members[n + 1..] {
                let (pa, pb) = (&r.persons[a], &r.persons[b]);
                if pa.homonym.is_some() || pb.homonym.is_some() {
                    continue; // listed when split
                }
                let (fa, fb) = (names::fold(&pa.name), names::fold(&pb.name));
                let (ga, gb) = (
                    fa.split(' ').next().unwrap_or(""),
                    fb.split(' ').next().unwrap_or(""),
                );
                let prefix = ga
                    .chars()
                    .zip(gb.chars())
                    .take_while(|(x, y)| x == y)
                    .count();
                let evidence = if ga.len() >= 3 && gb.len() >= 3 && prefix >= 3 {
                    "same surname, given names alike"
                } else if fa.ends_with(&format!(" {fb}")) || fb.ends_with(&format!(" {fa}")) {
                    "one name ends with the other"
                } else {
                    continue;
                };
                out.push(Suspect {
                    a: r.display(a),
                    b: r.display(b),
                    a_id: pa.id.clone(),
                    b_id: pb.id.clone(),
                    a_paragraphs: pa.paragraphs,
                    b_paragraphs: pb.paragraphs,
                    evidence: evidence.to_string(),
                });
            }
        }
    }
    out
}

/// Every (speaker, role, page) of the index with its paragraphs, words, dates and labels,
/// from the fast fields (no stored document read).
pub fn units(searcher: &Searcher) -> Result<Vec<Unit>> {
    let mut acc: HashMap<(String, Option<String>, String), Unit> = HashMap::new();
    for segment in searcher.segment_readers() {
        let ff = segment.fast_fields();
        let Some(speaker) = ff.str(name::SPEAKER)? else {
            continue;
        };
        let role = ff.str(name::ROLE)?;
        let label = ff.str(name::LABEL)?;
        let Some(transcript) = ff.str(name::TRANSCRIPT)? else {
            continue;
        };
        let words = ff.u64(name::WORDS)?;
        let dates = ff.date(name::DATE)?;
        let alive = segment.alive_bitset();
        #[derive(Default)]
        struct Seg {
            paragraphs: u64,
            words: u64,
            first: Option<i64>,
            last: Option<i64>,
            labels: BTreeSet<u64>,
        }
        let mut by_ord: HashMap<(u64, Option<u64>, u64), Seg> = HashMap::new();
        let first_ord = |col: &Option<tantivy::columnar::StrColumn>, doc| {
            col.as_ref().and_then(|c| c.term_ords(doc).next())
        };
        for doc in 0..segment.max_doc() {
            if alive.is_some_and(|a| !a.is_alive(doc)) {
                continue;
            }
            let Some(s) = speaker.term_ords(doc).next() else {
                continue;
            };
            let Some(t) = transcript.term_ords(doc).next() else {
                continue;
            };
            let a = by_ord.entry((s, first_ord(&role, doc), t)).or_default();
            a.paragraphs += 1;
            a.words += words.first(doc).unwrap_or(0);
            if let Some(d) = dates.first(doc).map(|d| d.into_timestamp_secs()) {
                a.first = min_opt(a.first, Some(d));
                a.last = max_opt(a.last, Some(d));
            }
            a.labels.extend(first_ord(&label, doc));
        }
        // Every ordinal's string at once: one pass over each dictionary.
        let speakers = super::columns::strings(&speaker, by_ord.keys().map(|k| k.0))?;
        let transcripts = super::columns::strings(&transcript, by_ord.keys().map(|k| k.2))?;
        let roles = match &role {
            Some(col) => super::columns::strings(col, by_ord.keys().filter_map(|k| k.1))?,
            None => HashMap::new(),
        };
        let labels_of = match &label {
            Some(col) => super::columns::strings(
                col,
                by_ord.values().flat_map(|seg| seg.labels.iter().copied()),
            )?,
            None => HashMap::new(),
        };
        let text =
            |names: &HashMap<u64, String>, ord: u64| names.get(&ord).cloned().unwrap_or_default();
        for ((s, r, t), seg) in by_ord {
            let key = (
                text(&speakers, s),
                r.map(|r| text(&roles, r)),
                text(&transcripts, t),
            );
            let labels: BTreeSet<String> =
                seg.labels.iter().map(|&l| text(&labels_of, l)).collect();
            let u = acc.entry(key.clone()).or_insert_with(|| Unit {
                speaker: key.0.clone(),
                role: key.1.clone(),
                transcript: key.2.clone(),
                ..Unit::default()
            });
            u.paragraphs += seg.paragraphs;
            u.words += seg.words;
            u.first = min_opt(u.first, seg.first);
            u.last = max_opt(u.last, seg.last);
            u.labels.extend(labels);
        }
    }
    let mut out: Vec<Unit> = acc.into_values().collect();
    out.sort_by(|a, b| {
        (&a.speaker, &a.transcript, &a.role).cmp(&(&b.speaker, &b.transcript, &b.role))
    });
    Ok(out)
}

#[cfg(test)]
mod tests;
