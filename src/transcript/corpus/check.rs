//! Does a row's country code fit its country name? Checked against ISO 3166-1 (the `celes`
//! crate: alpha-3 codes, official names and common English aliases such as `Swaziland` for
//! Eswatini). It catches what a plain join would get wrong silently: in the UN sheet's 2001
//! session the `SWE` row names Swaziland's speaker.
//!
//! A name fits a code when it is the country's ISO name or one of its aliases compared
//! without case, accents, spaces and punctuation, or when the words of one (leaving out
//! `the`, `of`, `and`, `republic`, …) are all among the words of the other, a typo of one
//! letter allowed in words of five letters or more (`Republic of Austria` and `Austira` fit
//! `AUT`), or when it is the initials of the ISO name (`UAE`). Other names a table uses
//! (`Hellenic Republic`) can be added per code in the description.

use std::collections::{BTreeMap, HashSet};

use celes::{Country, LookupTable};
use serde::Deserialize;

use crate::source::table::Table;

/// `[check]` of a corpus description.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountryCheck {
    /// The column holding ISO 3166-1 alpha-3 codes.
    pub code: String,
    /// The column holding the country's name.
    pub name: String,
    /// Codes that are not ISO 3166-1 but mean what the table says (`EU`): not reported.
    #[serde(default)]
    pub not_iso: Vec<String>,
    /// More names of a code (`PRT = ["Portuguese Republic"]`).
    #[serde(default)]
    pub names: BTreeMap<String, Vec<String>>,
}

impl CountryCheck {
    /// The code and name columns of `table`, or which is missing.
    pub fn columns(&self, table: &Table) -> Result<(usize, usize), String> {
        let col = |n: &str| {
            table
                .column(n)
                .ok_or_else(|| format!("check: the table has no column '{n}'"))
        };
        Ok((col(&self.code)?, col(&self.name)?))
    }

    /// One line per (code, name) that does not fit, with its rows; only the rows `used`
    /// (by index: those a file joins to) are checked, so a sheet of every session since
    /// 1946 is not reported for the years the corpus leaves out.
    pub fn run(&self, table: &Table, used: &HashSet<usize>) -> Result<Vec<String>, String> {
        let (code_col, name_col) = self.columns(table)?;
        let mut bad: BTreeMap<(String, String), (String, Vec<usize>)> = BTreeMap::new();
        let mut rows: Vec<usize> = used.iter().copied().collect();
        rows.sort_unstable();
        for r in rows.into_iter().filter_map(|i| table.rows.get(i)) {
            let cell = |i: usize| r.cells.get(i).map_or("", String::as_str);
            let (code, name) = (cell(code_col), cell(name_col));
            if code.is_empty() || self.not_iso.iter().any(|c| c == code) {
                continue;
            }
            let extra = self.names.get(code).map_or(&[][..], |v| &v[..]);
            let why = match Country::from_alpha3(code) {
                Err(_) => Some("not an ISO 3166-1 alpha-3 code".to_string()),
                Ok(c) if name.is_empty() || fits(&c, name, extra) => None,
                Ok(c) => Some(format!("{code} is {}", iso_name(&c))),
            };
            if let Some(why) = why {
                bad.entry((code.to_string(), name.to_string()))
                    .or_insert_with(|| (why, Vec::new()))
                    .1
                    .push(r.number);
            }
        }
        Ok(bad
            .into_iter()
            .map(|((code, name), (why, rows))| {
                format!(
                    "{}: {} {code} with {} '{name}' ({why}): row{} {}",
                    table.path.display(),
                    self.code,
                    self.name,
                    if rows.len() == 1 { "" } else { "s" },
                    rows.iter()
                        .map(usize::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })
            .collect())
    }
}

/// The country's ISO name as people write it: `The United States Of America` → `United
/// States of America`.
pub fn iso_name(c: &Country) -> String {
    let name = c.long_name.strip_prefix("The ").unwrap_or(c.long_name);
    name.split(' ')
        .enumerate()
        .map(|(i, w)| match w {
            "Of" | "And" | "The" if i > 0 => w.to_lowercase(),
            _ => w.to_string(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `s` lower-cased, accents folded (`Côte` is `cote`), apostrophes dropped (`Lao's` is
/// `laos`).
fn fold(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .filter(|c| !matches!(c, '\'' | '’'))
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
            'ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ý' | 'ÿ' => 'y',
            c => c,
        })
        .collect()
}

/// The words of a name that tell countries apart: folded, without `the`, `of`, `and` and
/// the words of a state's form (`Republic of Austria` is `austria`); `St.` is `saint`.
fn words(s: &str) -> Vec<String> {
    fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| {
            !w.is_empty()
                && !matches!(
                    *w,
                    "the" | "of" | "and" | "republic" | "state" | "kingdom" | "socialist"
                )
        })
        .map(|w| {
            if w == "st" {
                "saint".to_string()
            } else {
                w.to_string()
            }
        })
        .collect()
}

/// Two words are one when equal, or, both of five letters or more and starting with the
/// same letter, one edit apart (a typo: `Mauritus`; a transposition is one edit), or the same
/// letters two edits apart (`Lybia`).
/// `Niger`/`Nigeria`, `Austria`/`Australia`, `Gambia`/`Zambia` stay apart.
fn same_word(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if ca.len().min(cb.len()) < 5 || ca[0] != cb[0] || ca.len().abs_diff(cb.len()) > 1 {
        return false;
    }
    // One slip (a letter wrong, missing, added, or two neighbours swapped), or two letters
    // swapped further apart (`Lybia`, `Libya`): the same letters, two edits.
    let d = strsim::osa_distance(a, b);
    let anagram = || {
        let (mut x, mut y) = (ca.clone(), cb.clone());
        x.sort_unstable();
        y.sort_unstable();
        x == y
    };
    d <= 1 || (d == 2 && anagram())
}

/// `UAE`, `DRC`, `UK`, `USA`: the initials of `full`'s words (`United Kingdom of Great
/// Britain…` starts `UK`).
fn is_acronym(name: &str, full: &str) -> bool {
    let n = name.trim();
    if !(2..=4).contains(&n.len()) || !n.chars().all(|c| c.is_ascii_uppercase()) {
        return false;
    }
    let initials: String = fold(full)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !matches!(*w, "the" | "of" | "and"))
        .filter_map(|w| w.chars().next())
        .collect();
    initials.starts_with(&n.to_lowercase())
}

/// Whether `name` is a name of country `c` (see the module's comment).
pub fn fits(c: &Country, name: &str, extra: &[String]) -> bool {
    let iso = iso_name(c);
    let names: Vec<&str> = [c.long_name, iso.as_str()]
        .into_iter()
        .chain(c.aliases.iter().copied())
        .chain(extra.iter().map(String::as_str))
        .collect();
    let w = words(name);
    if w.is_empty() {
        return false;
    }
    names.iter().any(|n| {
        let nw = words(n);
        // Written solid or apart (`UnitedStates`, `Viet Nam`), or word for word, one
        // name's words all among the other's.
        let solid = |v: &[String]| v.concat();
        solid(&nw) == solid(&w)
            || (!nw.is_empty()
                && (nw.iter().all(|a| w.iter().any(|b| same_word(a, b)))
                    || w.iter().all(|a| nw.iter().any(|b| same_word(a, b)))))
            || is_acronym(name, n)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn country(code: &str) -> Country {
        Country::from_alpha3(code).unwrap()
    }

    #[test]
    fn names_fit_their_codes() {
        for (code, name) in [
            ("USA", "United States of America"),
            ("USA", "United States"),
            ("AUT", "Republic of Austria"),
            ("SWZ", "Swaziland"),
            ("SWE", "Sweden"),
            ("FRA", "France"),
            ("ARE", "UAE"),
            ("GBR", "UK"),
            ("CIV", "Republic of Côte d’Ivoire"),
            ("KNA", "St. Kitts and Nevis"),
            ("LBY", "Lybia"),
            ("VNM", "Socialist Republic of Viet Nam"),
        ] {
            assert!(fits(&country(code), name, &[]), "{code} {name}");
        }
    }

    #[test]
    fn swapped_codes_do_not_fit() {
        // Speakers_by_session.xlsx, 2001: the SWE row names Swaziland, the CHE row Sweden.
        assert!(!fits(&country("SWE"), "Swaziland", &[]));
        assert!(!fits(&country("CHE"), "Sweden", &[]));
        assert!(!fits(&country("NGA"), "Niger", &[]));
        assert!(!fits(&country("AUS"), "Austria", &[]));
        assert!(!fits(&country("ZMB"), "Gambia", &[]));
        assert!(!fits(&country("SVK"), "Slovenia", &[]));
        assert!(!fits(&country("COL"), "Republic of Co", &[]));
        assert!(fits(
            &country("PRT"),
            "Portuguese Republic",
            &["Portuguese Republic".into()]
        ));
    }

    #[test]
    fn iso_names_read_as_written() {
        assert_eq!(iso_name(&country("USA")), "United States of America");
    }
}
