//! Canonical speakers: `President of Russia Vladimir Putin` and `Vladimir Putin` are one
//! speaker, "Vladimir Putin", with the role "President of Russia".
//!
//! A label is split into role and name using what the page itself says: names printed
//! bare elsewhere on the page, and the Persons footer (`al-Assad Bashar`). Without either,
//! the name is the last two words (three with a particle such as `al-` or `bin`).

use super::label::is_generic;

/// What the page tells about its speakers.
#[derive(Debug, Default)]
pub(super) struct Known {
    /// Full names, `First Last` order, from the Persons footer and bare labels.
    names: Vec<String>,
}

impl Known {
    pub(super) fn new(persons: &[String], labels: &[String]) -> Known {
        let mut names: Vec<String> = persons.iter().filter_map(|p| footer_to_name(p)).collect();
        for l in labels {
            let words = l.split(' ').count();
            if (2..=4).contains(&words)
                && !has_role_word(l)
                && !is_generic(l)
                && !l.contains(" of ")
            {
                names.push(l.clone());
            }
        }
        // Longest first, so `Recep Tayyip Erdogan` wins over `Tayyip Erdogan`.
        names.sort_by_key(|n| std::cmp::Reverse(n.len()));
        names.dedup();
        Known { names }
    }

    /// Is `name` one of the page's known people?
    pub(super) fn contains(&self, name: &str) -> bool {
        self.names.iter().any(|n| n == name)
    }

    /// Split a label into (speaker, role).
    pub(super) fn resolve(&self, label: &str) -> (String, Option<String>) {
        if let Some(g) = super::label::GENERIC
            .iter()
            .find(|g| g.eq_ignore_ascii_case(label))
        {
            return (g.to_string(), None);
        }
        for n in &self.names {
            if let Some(role) = strip_name_suffix(label, n) {
                return (n.clone(), role);
            }
        }
        // A surname alone (`Putin:`) is the page's person of that surname.
        if !label.contains(' ') {
            if let Some(n) = self
                .names
                .iter()
                .find(|n| n.rsplit(' ').next() == Some(label))
            {
                return (n.clone(), None);
            }
        }
        if let Some((name, role)) = name_then_title(label) {
            return (name.to_string(), Some(role.to_string()));
        }
        guess(label)
    }
}

/// `Alexander Duimamet, welding engineer at a branch of JSC ...` (page 56858): a name,
/// then the title after a comma.
pub(super) fn name_then_title(label: &str) -> Option<(&str, &str)> {
    let (name, title) = label.split_once(", ")?;
    (is_bare_name(name, 3) && !has_role_word(name) && !title.is_empty()).then_some((name, title))
}

/// Two to `max_words` capitalised words of letters (`Vladimir Putin`, `Anna Claas-Muhlhauser`):
/// a personal name with nothing else around it.
pub(super) fn is_bare_name(s: &str, max_words: usize) -> bool {
    // Every line of a page is asked: no allocation, and out at the first word that fails.
    let mut words = 0;
    for w in s.split(' ') {
        words += 1;
        let name_like = w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().all(|c| c.is_alphabetic() || c == '-' || c == '’');
        if words > max_words || !name_like {
            return false;
        }
    }
    words >= 2
}

/// `label` ends with the words of `name`: return the role before it (or `None` when the
/// label is exactly the name).
fn strip_name_suffix(label: &str, name: &str) -> Option<Option<String>> {
    if label.eq_ignore_ascii_case(name) {
        return Some(None);
    }
    let cut = label.len().checked_sub(name.len() + 1)?;
    if !label.is_char_boundary(cut) || !label.is_char_boundary(cut + 1) {
        return None;
    }
    let (role, tail) = label.split_at(cut);
    (tail.starts_with(' ') && tail[1..].eq_ignore_ascii_case(name)).then(|| {
        let role = role.trim().trim_end_matches(',').trim();
        (!role.is_empty()).then(|| role.to_string())
    })
}

/// `al-Assad Bashar` → `Bashar al-Assad`; `Erdogan Recep Tayyip` → `Recep Tayyip Erdogan`.
fn footer_to_name(p: &str) -> Option<String> {
    let mut words = p.split_whitespace();
    let surname = words.next()?;
    let given: Vec<&str> = words.collect();
    if given.is_empty() || given.len() > 3 {
        return None;
    }
    Some(format!("{} {}", given.join(" "), surname))
}

const PARTICLES: [&str; 12] = [
    "al", "el", "bin", "ibn", "de", "da", "van", "von", "der", "di", "le", "la",
];

/// Words that end an office or an institution, never a personal name (the registry's
/// rules read names with them too).
pub const OFFICE_WORDS: &[&str] = &[
    "President",
    "Minister",
    "Governor",
    "Chairman",
    "Chairwoman",
    "Chair",
    "Head",
    "Director",
    "Mayor",
    "Secretary",
    "Commander",
    "Ambassador",
    "Chancellor",
    "Aide",
    "Spokesman",
    "Staff",
    "Office",
    "Service",
    "Agency",
    "Ministry",
    "Court",
    "Academy",
    "Bank",
    "Fleet",
    "Army",
    "Duma",
    "Assembly",
    "Corporation",
    "Council",
    "Committee",
    "Union",
    "Federation",
    "Sciences",
    "Affairs",
    "Moderator",
];

/// Words that end a place named in a label (`... Federal District`, `Perm Territory`).
const PLACE_ENDINGS: &[&str] = &["District", "Republic", "Region", "Territory", "East"];

/// A word that ends a role, an institution or a place, never a personal name.
fn is_role_word(w: &str) -> bool {
    OFFICE_WORDS.contains(&w) || PLACE_ENDINGS.contains(&w)
}

/// The label names an office (`Director-General of ...`, `Defence Minister`).
pub(super) fn has_role_word(label: &str) -> bool {
    label.split([' ', '-']).any(is_role_word)
}

/// No help from the page: take the last two words as the name (three after a particle).
fn guess(label: &str) -> (String, Option<String>) {
    let words: Vec<&str> = label.split(' ').collect();
    let last = words[words.len() - 1];
    // A role alone (`Chief of the General Staff`, `Defence Minister`): it is the speaker.
    if words.len() <= 2 && !has_role_word(label) || is_role_word(last) {
        return (label.to_string(), None);
    }
    let mut take = 2.min(words.len());
    while take < words.len()
        && take < 4
        && PARTICLES.contains(&words[words.len() - take].to_lowercase().as_str())
    {
        take += 1;
    }
    if take < words.len() && PARTICLES.contains(&words[words.len() - take - 1]) {
        take += 1;
    }
    let split = words.len() - take;
    // A connector before or inside the "name": it is the end of a role phrase
    // (`Minister of Defence`, `Chief of the General Staff`).
    let connector = |w: &str| matches!(w, "of" | "the" | "for" | "and" | "on" | "in");
    if split > 0 && connector(words[split - 1]) || words[split..].iter().any(|w| connector(w)) {
        return (label.to_string(), None);
    }
    let name = words[split..].join(" ");
    let role = words[..split].join(" ");
    let role = role.trim_end_matches(',').trim();
    (name, (!role.is_empty()).then(|| role.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(persons: &[&str], labels: &[&str]) -> Known {
        let p: Vec<String> = persons.iter().map(|s| s.to_string()).collect();
        let l: Vec<String> = labels.iter().map(|s| s.to_string()).collect();
        Known::new(&p, &l)
    }

    #[test]
    fn title_and_name_from_bare_label_on_page() {
        let k = known(
            &[],
            &["President of Russia Vladimir Putin", "Vladimir Putin"],
        );
        assert_eq!(
            k.resolve("President of Russia Vladimir Putin"),
            ("Vladimir Putin".into(), Some("President of Russia".into()))
        );
    }

    #[test]
    fn name_from_persons_footer() {
        let k = known(&["al-Assad Bashar", "Erdogan Recep Tayyip"], &[]);
        assert_eq!(
            k.resolve("President of Syria Bashar al-Assad"),
            ("Bashar al-Assad".into(), Some("President of Syria".into()))
        );
        assert_eq!(
            k.resolve("President of Turkey Recep Tayyip Erdogan"),
            (
                "Recep Tayyip Erdogan".into(),
                Some("President of Turkey".into())
            )
        );
    }

    #[test]
    fn guessed_without_help() {
        let k = Known::default();
        assert_eq!(
            k.resolve("President of Russia Vladimir Putin"),
            ("Vladimir Putin".into(), Some("President of Russia".into()))
        );
        assert_eq!(k.resolve("Vladimir Putin"), ("Vladimir Putin".into(), None));
        assert_eq!(
            k.resolve("Defence Minister Sergei Shoigu"),
            ("Sergei Shoigu".into(), Some("Defence Minister".into()))
        );
        assert_eq!(
            k.resolve("President of Egypt Abdel Fattah el-Sisi").0,
            "Fattah el-Sisi"
        );
        assert_eq!(
            k.resolve("Chief of the General Staff"),
            ("Chief of the General Staff".into(), None)
        );
        assert_eq!(
            k.resolve("Defence Minister"),
            ("Defence Minister".into(), None)
        );
        assert_eq!(k.resolve("Irina"), ("Irina".into(), None));
    }

    #[test]
    fn generic_speakers_are_roles() {
        assert_eq!(
            Known::default().resolve("Question"),
            ("Question".into(), None)
        );
        assert_eq!(Known::default().resolve("REMARK"), ("Remark".into(), None));
    }
}
