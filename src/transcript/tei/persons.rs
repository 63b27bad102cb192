//! The transcript stage, ParlaMint TEI: the corpus's `listPerson` and `listOrg`, and the speaker a `who`
//! names on a given day (name, sex, the party and affiliation roles in force on that date).
//!
//! ParlaMint keeps a person's whole career in one `<person>`: each `<affiliation>` has a
//! `role` (`member`, `minister`, `head`), a `ref` to an `<org>` and a `from`/`to` interval.
//! Which party a speaker belongs to is therefore a question about a date, the sitting's.

use std::collections::HashMap;

/// One `<person>` of the `listPerson`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Person {
    /// `xml:id` (`BuljMiro`), what an utterance's `who` points at (without the `#`).
    pub id: String,
    /// The `persName`s; ParlaMint may give several over time (a changed surname).
    pub names: Vec<PersonName>,
    /// `sex/@value` (`M`, `F`).
    pub sex: Option<String>,
    /// `birth/@when`.
    pub birth: Option<String>,
    pub affiliations: Vec<Affiliation>,
}

/// A `persName`: forenames and surnames in document order, and when it was in use.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PersonName {
    pub forenames: Vec<String>,
    pub surnames: Vec<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

impl PersonName {
    /// `Forename Surname` (`Miro Bulj`), the name as a reader says it.
    pub fn display(&self) -> String {
        join_nonempty(&[self.forenames.join(" "), self.surnames.join(" ")], " ")
    }

    /// `Surname, Forename` (`Bulj, Miro`): how ParlaMint's `-meta.tsv` prints `Speaker_name`.
    pub fn sorted(&self) -> String {
        join_nonempty(&[self.surnames.join(" "), self.forenames.join(" ")], ", ")
    }
}

fn join_nonempty(parts: &[String], sep: &str) -> String {
    let parts: Vec<&str> = parts
        .iter()
        .map(String::as_str)
        .filter(|s| !s.is_empty())
        .collect();
    parts.join(sep)
}

/// An `<affiliation role=… ref=… from=… to=…>`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Affiliation {
    /// `member`, `minister`, `head`, … as in the file.
    pub role: String,
    /// The org's id without the `#` (`party.HDZ`, `HS`, `government.XX`).
    pub org: String,
    /// Inclusive bounds as printed: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; `None` is open.
    pub from: Option<String>,
    pub to: Option<String>,
    /// `ana` tokens without `#` (`HS.9`: the term).
    pub ana: Vec<String>,
    /// A minister's ministry, as its first `orgName` (`Ministarstvo vanjskih i europskih poslova`).
    pub org_name: Option<String>,
}

impl Affiliation {
    /// Is this affiliation in force on `date` (`YYYY-MM-DD`)? Both bounds are inclusive and
    /// compared at their own precision: `to="2019"` lasts to the end of 2019, `from="2014-05"`
    /// starts on the first of May. A missing bound is open; an unreadable one is never in force.
    pub fn in_force(&self, date: &str) -> bool {
        let after_start = match &self.from {
            None => true,
            Some(from) => match truncate_to(date, from) {
                Some(d) => d >= from.as_str(),
                None => false,
            },
        };
        let before_end = match &self.to {
            None => true,
            Some(to) => match truncate_to(date, to) {
                Some(d) => d <= to.as_str(),
                None => false,
            },
        };
        after_start && before_end
    }
}

/// `date` cut to the precision of `bound` (`2017-06-29` against `2017` gives `2017`), when
/// `bound` is a well-formed `YYYY`, `YYYY-MM` or `YYYY-MM-DD` and `date` is at least as precise.
fn truncate_to<'a>(date: &'a str, bound: &str) -> Option<&'a str> {
    let ok = |s: &str| {
        let b = s.as_bytes();
        matches!(b.len(), 4 | 7 | 10)
            && b.iter().enumerate().all(|(i, c)| {
                if i == 4 || i == 7 {
                    *c == b'-'
                } else {
                    c.is_ascii_digit()
                }
            })
    };
    let date = date.get(..10.min(date.len()))?;
    (ok(bound) && ok(date) && date.len() >= bound.len()).then(|| &date[..bound.len()])
}

/// An `<org>` of the `listOrg`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Org {
    pub id: String,
    /// `parliamentaryGroup`, `politicalParty`, `parliament`, `government`, …
    pub role: String,
    /// `orgName[@full="yes"]`, the corpus language's first (`Hrvatska demokratska zajednica`).
    pub name: Option<String>,
    /// The English `orgName[@full="yes"]` when there is one.
    pub name_en: Option<String>,
    /// `orgName[@full="abb"]` (`HDZ`).
    pub abbr: Option<String>,
}

impl Org {
    /// A party for the speaker metadata: ParlaMint counts both political parties and
    /// parliamentary groups (the XX corpus has only the latter).
    pub fn is_party(&self) -> bool {
        matches!(self.role.as_str(), "politicalParty" | "parliamentaryGroup")
    }
}

/// The corpus's people and organisations, by id.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    pub persons: HashMap<String, Person>,
    pub orgs: HashMap<String, Org>,
}

/// Who spoke, resolved for one sitting's date.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Speaker {
    /// The `who` id without `#`.
    pub id: String,
    /// `Forename Surname`, or the id when the person is not in the list.
    pub name: String,
    /// `Surname, Forename` (the `-meta.tsv`'s form), or the id.
    pub sorted_name: String,
    /// Whether the id was found in a listPerson.
    pub known: bool,
    pub sex: Option<String>,
    /// The party in force on the date (the first, should the list give two at once).
    pub party: Option<Party>,
    /// Affiliation roles in force on the date, deduplicated, in file order (`member`, `minister`).
    pub roles: Vec<String>,
}

/// A party as the speaker metadata names it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Party {
    /// `party.HDZ`.
    pub id: String,
    /// The abbreviation (`HDZ`), else the id without a `party.` prefix.
    pub abbr: String,
    /// The full name, when the listOrg has the org.
    pub name: Option<String>,
}

impl Registry {
    /// The speaker `who` (with or without `#`) on `date` (`YYYY-MM-DD`; `None` gives no
    /// party or roles, since an affiliation is a matter of date).
    pub fn speaker(&self, who: &str, date: Option<&str>) -> Speaker {
        let id = who.trim().trim_start_matches('#');
        let Some(p) = self.persons.get(id) else {
            return Speaker {
                id: id.to_string(),
                name: id.to_string(),
                sorted_name: id.to_string(),
                ..Speaker::default()
            };
        };
        let name = date
            .and_then(|d| {
                p.names
                    .iter()
                    .find(|n| (n.from.is_some() || n.to.is_some()) && name_in_force(n, d))
            })
            .or_else(|| p.names.first());
        let (display, sorted) = match name {
            Some(n) => (n.display(), n.sorted()),
            None => (id.to_string(), id.to_string()),
        };
        let mut party = None;
        let mut roles: Vec<String> = Vec::new();
        if let Some(d) = date {
            for a in p.affiliations.iter().filter(|a| a.in_force(d)) {
                if !roles.contains(&a.role) {
                    roles.push(a.role.clone());
                }
                if party.is_some() {
                    continue;
                }
                let org = self.orgs.get(&a.org);
                let is_party = match org {
                    Some(o) => o.is_party(),
                    // Without the listOrg, go by ParlaMint's id convention.
                    None => a.org.starts_with("party.") || a.org.starts_with("group."),
                };
                if is_party {
                    party = Some(Party {
                        id: a.org.clone(),
                        abbr: org.and_then(|o| o.abbr.clone()).unwrap_or_else(|| {
                            a.org.strip_prefix("party.").unwrap_or(&a.org).to_string()
                        }),
                        name: org.and_then(|o| o.name.clone()),
                    });
                }
            }
        }
        Speaker {
            id: id.to_string(),
            name: display,
            sorted_name: sorted,
            known: true,
            sex: p.sex.clone(),
            party,
            roles,
        }
    }
}

fn name_in_force(n: &PersonName, date: &str) -> bool {
    Affiliation {
        from: n.from.clone(),
        to: n.to.clone(),
        ..Affiliation::default()
    }
    .in_force(date)
}

/// Read the `<person>` children of a `listPerson` element.
pub(super) fn read_list_person(list: roxmltree::Node, out: &mut HashMap<String, Person>) {
    for p in list
        .children()
        .filter(|n| n.has_tag_name((super::TEI, "person")))
    {
        let Some(id) = p.attribute((super::XML, "id")) else {
            continue;
        };
        let mut person = Person {
            id: id.to_string(),
            ..Person::default()
        };
        for c in p.children().filter(|n| n.is_element()) {
            match c.tag_name().name() {
                "persName" => {
                    let mut name = PersonName {
                        from: c.attribute("from").map(str::to_string),
                        to: c.attribute("to").map(str::to_string),
                        ..PersonName::default()
                    };
                    for part in c.children().filter(|n| n.is_element()) {
                        let text = super::plain_text(part);
                        if text.is_empty() {
                            continue;
                        }
                        match part.tag_name().name() {
                            "forename" => name.forenames.push(text),
                            "surname" => name.surnames.push(text),
                            _ => {}
                        }
                    }
                    person.names.push(name);
                }
                "sex" => person.sex = c.attribute("value").map(str::to_string),
                "birth" => person.birth = c.attribute("when").map(str::to_string),
                "affiliation" => person.affiliations.push(Affiliation {
                    role: c.attribute("role").unwrap_or_default().to_string(),
                    org: c
                        .attribute("ref")
                        .unwrap_or_default()
                        .trim_start_matches('#')
                        .to_string(),
                    from: c.attribute("from").map(str::to_string),
                    to: c.attribute("to").map(str::to_string),
                    ana: super::tokens(c.attribute("ana")),
                    org_name: c
                        .children()
                        .find(|n| n.has_tag_name((super::TEI, "orgName")))
                        .map(super::plain_text),
                }),
                _ => {}
            }
        }
        out.insert(person.id.clone(), person);
    }
}

/// Read the `<org>` children of a `listOrg` element.
pub(super) fn read_list_org(list: roxmltree::Node, out: &mut HashMap<String, Org>) {
    for o in list
        .children()
        .filter(|n| n.has_tag_name((super::TEI, "org")))
    {
        let Some(id) = o.attribute((super::XML, "id")) else {
            continue;
        };
        let mut org = Org {
            id: id.to_string(),
            role: o.attribute("role").unwrap_or_default().to_string(),
            ..Org::default()
        };
        for n in o
            .children()
            .filter(|n| n.has_tag_name((super::TEI, "orgName")))
        {
            let text = super::plain_text(n);
            match n.attribute("full") {
                Some("abb") => {
                    org.abbr.get_or_insert(text);
                }
                _ if n.attribute((super::XML, "lang")) == Some("en") => {
                    org.name_en.get_or_insert(text);
                }
                _ => {
                    org.name.get_or_insert(text);
                }
            }
        }
        if org.name.is_none() {
            org.name = org.name_en.clone();
        }
        out.insert(org.id.clone(), org);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn aff(from: Option<&str>, to: Option<&str>) -> Affiliation {
        Affiliation {
            from: from.map(str::to_string),
            to: to.map(str::to_string),
            ..Affiliation::default()
        }
    }

    #[test]
    fn bounds_are_inclusive_days() {
        let a = aff(Some("2016-10-14"), Some("2020-05-18"));
        assert!(a.in_force("2016-10-14"));
        assert!(a.in_force("2020-05-18"));
        assert!(!a.in_force("2016-10-13"));
        assert!(!a.in_force("2020-05-19"));
    }

    #[test]
    fn no_to_is_open_ended() {
        let a = aff(Some("2020-07-22"), None);
        assert!(a.in_force("2099-01-01"));
        assert!(!a.in_force("2020-07-21"));
        assert!(aff(None, None).in_force("1990-01-01"));
    }

    #[test]
    fn year_only_and_month_only_bounds_cover_the_whole_period() {
        let a = aff(Some("2014"), Some("2019"));
        assert!(a.in_force("2014-01-01"));
        assert!(a.in_force("2019-12-31"));
        assert!(!a.in_force("2013-12-31"));
        assert!(!a.in_force("2020-01-01"));
        let m = aff(Some("2014-05"), Some("2014-06"));
        assert!(m.in_force("2014-05-01") && m.in_force("2014-06-30"));
        assert!(!m.in_force("2014-04-30") && !m.in_force("2014-07-01"));
    }

    #[test]
    fn datetime_bound_and_garbage_bound() {
        // A sitting date given with a time still compares by its day.
        assert!(aff(Some("2014-05-01"), None).in_force("2014-05-01T10:00:00"));
        assert!(!aff(Some("soon"), None).in_force("2014-05-01"));
    }

    #[test]
    fn names_both_ways() {
        let n = PersonName {
            forenames: vec!["Stephen".into(), "Nathan".into()],
            surnames: vec!["Kinnock".into()],
            ..PersonName::default()
        };
        assert_eq!(n.display(), "Stephen Nathan Kinnock");
        assert_eq!(n.sorted(), "Kinnock, Stephen Nathan");
        let only = PersonName {
            surnames: vec!["Madonna".into()],
            ..PersonName::default()
        };
        assert_eq!(only.sorted(), "Madonna");
    }

    #[test]
    fn unknown_speaker_is_named_by_id() {
        let s = Registry::default().speaker("#DavidDavis", Some("2017-09-07"));
        assert_eq!(s.name, "DavidDavis");
        assert!(!s.known);
        assert_eq!(s.party, None);
    }
}
