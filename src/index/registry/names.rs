//! The rules that read a speaker's name as indexed: its kind (a person, a generic role
//! such as `Question`, a title or a place without a name), the person's name with what the
//! label left around it taken off, and the keys that tell two spellings of one name.
//!
//! Each rule is about one name; which names are merged is decided in [`super`], with the
//! evidence of the whole index.

use crate::transcript::honorific::strip_honorifics;
use crate::transcript::OFFICE_WORDS;

/// What a speaker is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A named person.
    Person,
    /// `Question`, `Questions`, `Question from Perm Territory`.
    Question,
    /// `Remark`, `Remarks`.
    Remark,
    Reply,
    Response,
    Comment,
    Answer,
    /// `Voice`, `Voices`.
    Voice,
    /// `Audience`, `Voice from the audience`.
    Audience,
    /// `Participant`, `Participants`.
    Participant,
    /// A title without a name (`Defence Minister`, `Winner of the Presidential Prize …`).
    Role,
    /// A place without a name (`Perm Territory`).
    Place,
}

impl Kind {
    /// Every kind, in the order `--kind` lists them.
    pub const ALL: [Kind; 12] = [
        Kind::Person,
        Kind::Question,
        Kind::Remark,
        Kind::Reply,
        Kind::Response,
        Kind::Comment,
        Kind::Answer,
        Kind::Voice,
        Kind::Audience,
        Kind::Participant,
        Kind::Role,
        Kind::Place,
    ];

    /// The kind's name in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Question => "question",
            Kind::Remark => "remark",
            Kind::Reply => "reply",
            Kind::Response => "response",
            Kind::Comment => "comment",
            Kind::Answer => "answer",
            Kind::Voice => "voice",
            Kind::Audience => "audience",
            Kind::Participant => "participant",
            Kind::Role => "role",
            Kind::Place => "place",
        }
    }

    /// `question` → `Kind::Question`, any case.
    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s.trim()))
    }

    /// The canonical name of a generic kind's speakers (`Question`); `None` for the others.
    pub fn generic_name(self) -> Option<&'static str> {
        Some(match self {
            Kind::Question => "Question",
            Kind::Remark => "Remark",
            Kind::Reply => "Reply",
            Kind::Response => "Response",
            Kind::Comment => "Comment",
            Kind::Answer => "Answer",
            Kind::Voice => "Voice",
            Kind::Audience => "Audience",
            Kind::Participant => "Participant",
            Kind::Person | Kind::Role | Kind::Place => return None,
        })
    }
}

/// The generic kind of a speaker name: `Questions`, `QUESTION`, `Question from Izhevsk`
/// (Direct Line pages), `Voice from the audience`.
pub fn generic_kind(name: &str) -> Option<Kind> {
    let lower = name.trim().to_lowercase();
    if lower == "voice from the audience" || lower == "voices from the audience" {
        return Some(Kind::Audience);
    }
    let head = match lower.split_once(" from ") {
        Some((head, _)) => head,
        None => lower.as_str(),
    };
    Some(match head {
        "question" | "questions" => Kind::Question,
        "remark" | "remarks" => Kind::Remark,
        "reply" | "replies" => Kind::Reply,
        "response" | "responses" => Kind::Response,
        "comment" | "comments" => Kind::Comment,
        "answer" | "answers" => Kind::Answer,
        "voice" | "voices" => Kind::Voice,
        "audience" => Kind::Audience,
        "participant" | "participants" => Kind::Participant,
        _ => return None,
    })
}

/// Words of offices and roles beyond the labels' `OFFICE_WORDS` (`Chairperson` in the
/// UN sheet, `Prize` winners, `CEO`s, hosts and participants of forums).
const MORE_OFFICE_WORDS: &[&str] = &[
    "Chairperson",
    "Scientists",
    "Prize",
    "CEO",
    "Host",
    "host",
    "Winner",
    "Participant",
];

/// A word that ends an office or an institution, never a personal name.
fn is_office_word(w: &str) -> bool {
    OFFICE_WORDS.contains(&w) || MORE_OFFICE_WORDS.contains(&w)
}

/// Words that end a place: a speaker named so is a place, not a person (`Perm Territory`).
const PLACE_WORDS: &[&str] = &[
    "Territory",
    "Region",
    "District",
    "Republic",
    "Krai",
    "Oblast",
    "Area",
    "Autonomous",
];

/// Ranks, occupations and corporate titles that stand before a name
/// (`Colonel General Sergei Surovikin`, `Yandex CEO Arkady Volozh`): words that are never
/// a given name.
const TITLE_WORDS: &[&str] = &[
    "CEO",
    "Colonel",
    "General",
    "Major",
    "Lieutenant",
    "Sr",
    "Senior",
    "Junior",
    "Sergeant",
    "Captain",
    "Cosmonaut",
    "Journalist",
    "Writer",
    "Paramedic",
    "Archpriest",
    "Physician",
    "Correspondent",
    "Reporter",
    "Moderator",
    "Host",
];

/// Particles inside a name (`Mohammad bin Salman Al Saud`, `Ben van Beurden`).
const PARTICLES: &[&str] = &[
    "al", "el", "bin", "ibn", "de", "da", "van", "von", "der", "di", "le", "la", "du", "del",
];

fn is_particle(w: &str) -> bool {
    PARTICLES.contains(&w.to_lowercase().as_str())
}

/// Connectors inside a title (`Chief of the General Staff`).
fn is_connector(w: &str) -> bool {
    matches!(
        w,
        "of" | "the" | "for" | "and" | "on" | "in" | "at" | "to" | "from" | "with"
    )
}

/// The kind of a speaker name that names no one: a title (`Defence Minister`,
/// `Winner of the Presidential Prize in Science and Innovation for Young Scientists`) or a
/// place (`Perm Territory`). `None` when it looks like a person's name.
pub fn unnamed_kind(name: &str) -> Option<Kind> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let last = *words.last()?;
    if PLACE_WORDS.contains(&last) && !words.iter().any(|w| is_office_word(w)) {
        return Some(Kind::Place);
    }
    if is_office_word(last) {
        return Some(Kind::Role);
    }
    // `Winner of the …`, `Chief of the General Staff`: offices up to the first connector
    // (not `Patriarch Kirill of Moscow and All Russia`).
    if let Some(c) = words.iter().position(|w| is_connector(w)) {
        if c > 0
            && words[..c]
                .iter()
                .all(|w| is_office_word(w) || *w == "Chief")
        {
            return Some(Kind::Role);
        }
    }
    None
}

/// The person's name in a speaker name as indexed, and what stood around it
/// (a role or a place), as far as the name itself tells:
/// - forms of address go (`Mr. Barack Obama`);
/// - words run together are split (`VladimirPutin`);
/// - all-capital words are set in title case (`DMITRY MEDVEDEV`), as are words with
///   stray capitals (`KleYMENOV`, `PeskoV`);
/// - a name cut short at a particle takes its start back from the role
///   (`bin Salman Al Saud` with the role `Deputy Crown Prince of Saudi Arabia Mohammad`);
/// - ranks and corporate titles before the name go into the role (`Rosneft CEO Igor
///   Sechin`, `Colonel General Sergei Surovikin`);
/// - a place before a comma (`Vladivostok, Yulia Matveyeva`), an organisation after it
///   (`Nailya Asker-zade, VGTRK`) or a place after `from` (`Alexander Repin from the
///   Nizhny Novgorod Region`) go too.
pub fn person_name(name: &str, role: Option<&str>) -> (String, Option<String>) {
    let mut extra: Option<String> = None;
    let mut name = strip_honorifics(strip_generation(name));
    // `Vladivostok, Yulia Matveyeva` / `Nailya Asker-zade, VGTRK`.
    if let Some((a, b)) = name.split_once(", ") {
        let (a, b) = (a.trim(), b.trim());
        if looks_like_name(b) && !looks_like_name(a) && a.split(' ').count() <= 3 {
            extra = Some(a.to_string());
            name = b.to_string();
        } else if looks_like_name(a) {
            extra = Some(b.to_string());
            name = a.to_string();
        }
    }
    if let Some((a, b)) = name.split_once(" from ") {
        if looks_like_name(a) {
            extra = Some(format!("from {b}"));
            name = a.to_string();
        }
    }
    let mut words: Vec<String> = name.split_whitespace().map(split_camel).collect();
    let mut words: Vec<String> = words
        .drain(..)
        .flat_map(|w| w.split(' ').map(str::to_string).collect::<Vec<_>>())
        .collect();
    // A name cut short at a particle: take its start back from the role's end.
    let mut role_words: Vec<String> = role
        .map(|r| r.split_whitespace().map(str::to_string).collect())
        .unwrap_or_default();
    let mut took = false;
    while let Some(last) = role_words.last() {
        let starts_with_particle = words.first().is_some_and(|w| is_particle(w));
        let last_is_particle = is_particle(last);
        let last_is_given = last.chars().next().is_some_and(char::is_uppercase)
            && !is_office_word(last)
            && !is_honorific_word(last);
        // `… Development JOSE` before `ANGEL GURRIA`: one word of capitals continues
        // capitals (not `President OF RUSSIA` before `DMITRY MEDVEDEV`).
        let before_last = role_words
            .len()
            .checked_sub(2)
            .map(|i| role_words[i].as_str());
        let caps_run = is_all_caps(last)
            && words.iter().all(|w| is_all_caps(w))
            && last.chars().count() > 1
            && before_last.is_some_and(|b| !is_all_caps(b))
            && !took;
        if last_is_particle || (starts_with_particle && last_is_given) || caps_run {
            let w = role_words.pop().expect("a last word");
            words.insert(0, w);
            took = true;
            if caps_run {
                break;
            }
        } else {
            break;
        }
    }
    // Ranks and corporate titles before the name.
    let mut title: Vec<String> = Vec::new();
    while words.len() > 2 {
        if let Some(i) = words
            .iter()
            .rposition(|w| TITLE_WORDS.contains(&w.as_str()))
        {
            if words.len() - i > 2 {
                title.extend(words.drain(..=i));
                continue;
            }
        }
        break;
    }
    // `King Hamad bin Isa Al Khalifaof Bahrain`: `of` run into the name before a place.
    let mut place: Option<String> = None;
    if words.len() >= 3 {
        let pen = &words[words.len() - 2];
        if pen.len() >= 7 && pen.ends_with("of") && !pen.ends_with("of'") {
            let last = words.pop().expect("three words");
            let pen = words.pop().expect("two words");
            words.push(pen[..pen.len() - 2].to_string());
            place = Some(format!("of {last}"));
        }
    }
    let words: Vec<String> = words.into_iter().map(|w| fix_case(&w)).collect();
    let mut role_out: Vec<String> = Vec::new();
    if took {
        let r = role_words.join(" ");
        let r = r.trim_end_matches(',').trim();
        if !r.is_empty() {
            role_out.push(r.to_string());
        }
    } else if let Some(r) = role {
        role_out.push(r.to_string());
    }
    if !title.is_empty() {
        role_out.push(title.join(" "));
    }
    if let Some(e) = extra {
        role_out.push(e);
    }
    if let Some(p) = place {
        role_out.push(p);
    }
    let role_out = (!role_out.is_empty()).then(|| role_out.join(", "));
    (words.join(" "), role_out)
}

fn is_honorific_word(w: &str) -> bool {
    matches!(
        w,
        "Sheikh" | "Sheik" | "Shaikh" | "King" | "Prince" | "Emir" | "Sultan" | "Colonel"
    )
}

fn is_all_caps(w: &str) -> bool {
    w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase)
}

/// Two to five capitalised words (particles allowed): a personal name.
fn looks_like_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (2..=5).contains(&words.len())
        && words.iter().all(|w| {
            (w.chars().next().is_some_and(char::is_uppercase) || is_particle(w))
                && w.chars().all(|c| c.is_alphabetic() || "-’'.".contains(c))
                && !is_office_word(w)
                && !PLACE_WORDS.contains(w)
        })
}

/// `VladimirPutin` → `Vladimir Putin`: one lower-to-upper step inside a word of letters,
/// both halves at least three letters (`McCain`, `DeVos`, `KleYMENOV` stay whole).
fn split_camel(w: &str) -> String {
    let chars: Vec<char> = w.chars().collect();
    if !chars.iter().all(|c| c.is_alphabetic()) {
        return w.to_string();
    }
    let steps: Vec<usize> = (1..chars.len())
        .filter(|&i| chars[i - 1].is_lowercase() && chars[i].is_uppercase())
        .collect();
    match steps.as_slice() {
        [i] if *i >= 3
            && chars.len() - i >= 3
            && chars[*i + 1..].iter().all(|c| c.is_lowercase()) =>
        {
            let (a, b) = chars.split_at(*i);
            format!(
                "{} {}",
                a.iter().collect::<String>(),
                b.iter().collect::<String>()
            )
        }
        _ => w.to_string(),
    }
}

/// `MEDVEDEV` → `Medvedev`, `KleYMENOV` → `Kleymenov`, `OLLI-PEKKA` → `Olli-Pekka`;
/// a name written as usual, an initial (`HW`) or a particle stay as they are.
fn fix_case(w: &str) -> String {
    let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
    // `Theophilos III`: a Roman numeral stays in capitals.
    let roman = letters.iter().all(|c| matches!(c, 'I' | 'V' | 'X'));
    if letters.len() <= 2 || is_particle(w) || roman {
        return w.to_string();
    }
    let upper_after_first = w
        .split('-')
        .any(|part| part.chars().skip(1).any(char::is_uppercase));
    // `McCain`, `MacDonald`, `DeVos`: one capital after a short prefix is a real spelling.
    let usual = w.split('-').all(|part| {
        let caps: Vec<usize> = part
            .char_indices()
            .filter(|(_, c)| c.is_uppercase())
            .map(|(i, _)| i)
            .collect();
        caps.len() <= 1 || (caps.len() == 2 && caps[1] <= 3 && part.len() > caps[1] + 2)
    }) && !is_all_caps(w);
    if !upper_after_first || usual {
        return w.to_string();
    }
    w.split('-')
        .map(|part| {
            let mut cs = part.chars();
            match cs.next() {
                Some(c) => c
                    .to_uppercase()
                    .chain(cs.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join("-")
}

/// The key two spellings of one name share when they differ only in case, spacing or
/// punctuation: `Kirill KleYMENOV`, `kirill kleymenov`, `Joseph R. Biden`/`Joseph R Biden`.
///
/// Letters are folded to ASCII (`Sebastián Piñera` is `sebastian pinera`, `José` is
/// `jose`): the UN sheet spells one name with and without its accents.
pub fn fold(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let ascii;
    let name = if name.is_ascii() {
        name
    } else {
        ascii = deunicode::deunicode(name);
        ascii.as_str()
    };
    for w in name.split(|c: char| c.is_whitespace() || c == '-') {
        let w: String = w
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        if w.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&w);
    }
    out
}

/// The key two transliterations of one Russian name share (`Tatyana`/`Tatiana`,
/// `Sergey`/`Sergei`, `Aleksandar`/`Alexandar`, `Kleymenov`/`Kleimenov`/`Kleimyonov`,
/// `Dmitriyev`/`Dmitriev`): y, j and i are one letter, `ks` is `x`, `yo` is `e`, `kh` is
/// `h`, and a doubled letter is one.
pub fn translit(word: &str) -> String {
    let w = word.to_lowercase();
    let w = w
        .replace("yo", "e")
        .replace("ks", "x")
        .replace("kh", "h")
        .replace(['y', 'j'], "i");
    let mut out = String::with_capacity(w.len());
    let mut prev = None;
    for c in w.chars() {
        if Some(c) != prev {
            out.push(c);
        }
        prev = Some(c);
    }
    out
}

/// Edit distance with transpositions (Damerau, restricted), for a typo in a given name
/// (`Vladmir`, `Vlaidmir` → `Vladimir`; `Tatayana` → `Tatyana`).
pub fn distance(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

/// The formal given names a nickname stands for (`joe` → `joseph`), folded; empty for a
/// name that is no nickname. English diminutives as the US debates and the UN sheet print
/// them (`Joe Biden` / `Joseph R. Biden`, `Bill Clinton` / `William J. Clinton`).
pub fn formal_names(given: &str) -> &'static [&'static str] {
    match given {
        "joe" | "joey" => &["joseph"],
        "jim" | "jimmy" | "jamie" => &["james"],
        "bill" | "billy" | "will" | "willy" => &["william"],
        "bob" | "bobby" | "rob" | "robbie" => &["robert"],
        "mike" | "mickey" => &["michael"],
        "dick" | "rick" | "ricky" | "rich" => &["richard"],
        "tony" => &["anthony", "antonio"],
        "tom" | "tommy" => &["thomas"],
        "dan" | "danny" => &["daniel"],
        "dave" => &["david"],
        "ed" | "eddie" | "ted" | "ned" => &["edward"],
        "chris" => &["christopher"],
        "steve" => &["stephen", "steven"],
        "ben" => &["benjamin"],
        "sam" => &["samuel"],
        "alex" | "sasha" => &["alexander"],
        "andy" => &["andrew"],
        "nick" => &["nicholas"],
        "pat" => &["patrick"],
        "pete" => &["peter"],
        "ron" | "ronnie" => &["ronald"],
        "jack" | "johnny" => &["john"],
        "larry" => &["lawrence"],
        "jerry" | "gerry" => &["gerald"],
        "fred" => &["frederick"],
        "hank" => &["henry"],
        "chuck" | "charlie" => &["charles"],
        "liz" | "beth" => &["elizabeth"],
        "kate" | "kathy" => &["katherine", "catherine"],
        "sue" => &["susan"],
        "matt" => &["matthew"],
        "greg" => &["gregory"],
        "ken" => &["kenneth"],
        "tim" => &["timothy"],
        "walt" => &["walter"],
        "newt" => &["newton"],
        _ => &[],
    }
}

/// Does one folded given name stand for the other (`joe`/`joseph`)?
pub fn nickname_of(a: &str, b: &str) -> bool {
    formal_names(a).contains(&b) || formal_names(b).contains(&a)
}

/// A generational suffix after a name (`Joseph R. Biden, Jr`, `Jr.`, `Sr`): not a role,
/// and not what tells the person apart in these corpora.
fn strip_generation(name: &str) -> &str {
    let t = name.trim_end();
    for suffix in [
        ", Jr.", ", Jr", " Jr.", " Jr", ", Sr.", ", Sr", " Sr.", " Sr",
    ] {
        if let Some(rest) = t.strip_suffix(suffix) {
            if rest.split_whitespace().count() >= 2 {
                return rest.trim_end();
            }
        }
    }
    t
}

/// A folded name's middle words (`henry l trewhitt` → `["l"]`, `ilham heydar oglu aliyev`
/// → `["heydar", "oglu"]`) and its first and last word (`henry trewhitt`). A name of one
/// or two words has no middle.
pub fn middles(folded: &str) -> (Vec<String>, String) {
    let words: Vec<&str> = folded.split(' ').collect();
    if words.len() < 3 {
        return (Vec::new(), folded.to_string());
    }
    let middle = words[1..words.len() - 1]
        .iter()
        .map(|w| w.to_string())
        .collect();
    (middle, format!("{} {}", words[0], words[words.len() - 1]))
}

/// Can two lists of middle words (see [`middles`]) be one person's? One is empty; or they
/// give the same initials, full words agreeing where both sides spell one out (`r` and
/// `robinette`; `hw` and `herbert walker`); or, all words spelled out, one list is the
/// other with words left out (`heydar` and `heydar oglu`). `hw` and `w` are two people.
pub fn middles_fit(a: &[String], b: &[String]) -> bool {
    if a.is_empty() || b.is_empty() || a == b {
        return true;
    }
    // Words of one or two letters are initials (`r`, `hw`); longer ones are spelled out.
    let letters = |m: &[String]| -> Vec<(char, Option<String>)> {
        m.iter()
            .flat_map(|w| {
                if w.chars().count() <= 2 {
                    w.chars().map(|c| (c, None)).collect::<Vec<_>>()
                } else {
                    vec![(w.chars().next().unwrap_or(' '), Some(w.clone()))]
                }
            })
            .collect()
    };
    let (la, lb) = (letters(a), letters(b));
    if la.len() == lb.len()
        && la.iter().zip(&lb).all(|((ca, wa), (cb, wb))| {
            ca == cb
                && match (wa, wb) {
                    (Some(x), Some(y)) => x == y,
                    _ => true,
                }
        })
    {
        return true;
    }
    let spelled = |m: &[String]| m.iter().all(|w| w.chars().count() > 2);
    if !spelled(a) || !spelled(b) {
        return false;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let mut rest = long.iter();
    short.iter().all(|w| rest.any(|x| x == w))
}

/// Is one folded name the other with a typo or another transliteration in its given
/// names, the surname the same (`vladmir putin`/`vladimir putin`)? Short given names must
/// match exactly after transliteration (`Ivan`/`Ivana` are two people).
pub fn same_spelling(a: &str, b: &str) -> bool {
    let wa: Vec<&str> = a.split(' ').collect();
    let wb: Vec<&str> = b.split(' ').collect();
    if wa.len() != wb.len() || wa.len() < 2 {
        return false;
    }
    let mut typos = 0;
    for (x, y) in wa.iter().zip(&wb) {
        let (tx, ty) = (translit(x), translit(y));
        if tx == ty {
            continue;
        }
        let d = distance(&tx, &ty);
        // One typo in the whole name, in a word of six letters or more, and never in the
        // first letter or the ending (`Alexander`/`Alexandra`).
        let long = tx.chars().count() >= 6 && ty.chars().count() >= 6;
        let same_ends =
            tx.chars().next() == ty.chars().next() && tx.chars().last() == ty.chars().last();
        if d == 1 && long && same_ends {
            typos += 1;
        } else {
            return false;
        }
    }
    typos <= 1
}

/// Words of a role that name its organisation (`ALROSA CEO` → `alrosa`; `Chief of Staff of
/// the Presidential Executive Office` → `chief staff executive office`): what is left
/// after the words every office has (`President`, `Minister`, `of`, `Russia`).
pub fn role_keys(role: &str) -> Vec<String> {
    const COMMON: &[&str] = &[
        "president",
        "presidential",
        "minister",
        "prime",
        "deputy",
        "first",
        "acting",
        "chairman",
        "chairwoman",
        "chairperson",
        "chair",
        "ceo",
        "head",
        "director",
        "general",
        "board",
        "management",
        "executive",
        "chief",
        "officer",
        "member",
        "russia",
        "russian",
        "federation",
        "republic",
        "state",
        "federal",
        "national",
        "special",
        "representative",
        "leader",
        "secretary",
        "former",
        "committee",
        "council",
        "corporation",
        "company",
        "group",
        "co",
    ];
    let mut keys: Vec<String> = role
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 1)
        .map(str::to_lowercase)
        .filter(|w| !is_connector(w) && !COMMON.contains(&w.as_str()))
        .map(|w| {
            // `Minister of Healthcare`/`Healthcare Minister`, `Defence`/`Defense`: a stem.
            w.chars().take(6).collect::<String>()
        })
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(n: &str) -> String {
        person_name(n, None).0
    }

    #[test]
    fn generic_roles_are_kinds() {
        assert_eq!(generic_kind("Question"), Some(Kind::Question));
        assert_eq!(generic_kind("QUESTIONS"), Some(Kind::Question));
        assert_eq!(
            generic_kind("Question from Perm Territory"),
            Some(Kind::Question)
        );
        assert_eq!(generic_kind("Remarks"), Some(Kind::Remark));
        assert_eq!(generic_kind("Reply"), Some(Kind::Reply));
        assert_eq!(
            generic_kind("Voice from the audience"),
            Some(Kind::Audience)
        );
        assert_eq!(generic_kind("Audience"), Some(Kind::Audience));
        // us-debates and UN labels.
        assert_eq!(generic_kind("Participants"), Some(Kind::Participant));
        assert_eq!(generic_kind("Quentin Tarantino"), None);
        assert_eq!(generic_kind("Questioner Smith"), None);
    }

    #[test]
    fn names_that_name_no_one() {
        assert_eq!(unnamed_kind("Perm Territory"), Some(Kind::Place));
        assert_eq!(unnamed_kind("Nizhny Novgorod Region"), Some(Kind::Place));
        assert_eq!(
            unnamed_kind(
                "Winner of the Presidential Prize in Science and Innovation for Young Scientists"
            ),
            Some(Kind::Role)
        );
        assert_eq!(unnamed_kind("Defence Minister"), Some(Kind::Role));
        assert_eq!(unnamed_kind("Moderator"), Some(Kind::Role));
        assert_eq!(unnamed_kind("Chief of the General Staff"), Some(Kind::Role));
        assert_eq!(
            unnamed_kind("Patriarch Kirill of Moscow and All Russia"),
            None
        );
        assert_eq!(unnamed_kind("King Abdullah II of Jordan"), None);
        assert_eq!(unnamed_kind("Vladimir Putin"), None);
        assert_eq!(unnamed_kind("Alexander Van der Bellen"), None);
        assert_eq!(unnamed_kind("Ban Ki-moon"), None);
        assert_eq!(unnamed_kind("Jim Lehrer"), None);
    }

    #[test]
    fn case_spacing_and_run_together() {
        assert_eq!(name("VladimirPutin"), "Vladimir Putin");
        assert_eq!(name("MaximTopilin"), "Maxim Topilin");
        assert_eq!(name("SergeyDonskoy"), "Sergey Donskoy");
        assert_eq!(name("DMITRY MEDVEDEV"), "Dmitry Medvedev");
        assert_eq!(name("Kirill KleYMENOV"), "Kirill Kleymenov");
        assert_eq!(name("Dmitry PeskoV"), "Dmitry Peskov");
        assert_eq!(name("OLLI-PEKKA KALLASVUO"), "Olli-Pekka Kallasvuo");
        // Real spellings stay.
        assert_eq!(name("John McCain"), "John McCain");
        assert_eq!(name("Betsy DeVos"), "Betsy DeVos");
        assert_eq!(name("George HW Bush"), "George HW Bush");
        assert_eq!(name("Patriarch Theophilos III"), "Patriarch Theophilos III");
        assert_eq!(
            person_name("Khalifaof Bahrain", Some("King Hamad bin Isa Al")).0,
            "Hamad bin Isa Al Khalifa"
        );
        assert_eq!(name("Ban Ki-moon"), "Ban Ki-moon");
        assert_eq!(name("Alexander Van der Bellen"), "Alexander Van der Bellen");
        assert_eq!(fold("Kirill KleYMENOV"), fold("Kirill  Kleymenov"));
        assert_eq!(fold("Joseph R. Biden"), "joseph r biden");
    }

    #[test]
    fn forms_of_address_go() {
        assert_eq!(name("Mr. Barack Obama"), "Barack Obama");
        assert_eq!(name("MR. LEHRER"), "Lehrer");
        assert_eq!(name("H.E. Mr. Antonio Guterres"), "Antonio Guterres");
    }

    #[test]
    fn name_cut_short_at_a_particle() {
        assert_eq!(
            person_name(
                "bin Salman Al Saud",
                Some("Deputy Crown Prince of Saudi Arabia Mohammad")
            ),
            (
                "Mohammad bin Salman Al Saud".into(),
                Some("Deputy Crown Prince of Saudi Arabia".into())
            )
        );
        assert_eq!(
            person_name("bin Hamad Al Thani", Some("Emir of Qatar Sheikh Tamim")),
            (
                "Tamim bin Hamad Al Thani".into(),
                Some("Emir of Qatar Sheikh".into())
            )
        );
        assert_eq!(
            person_name("Isa Al Khalifa", Some("King of Bahrain Hamad Bin")),
            (
                "Hamad Bin Isa Al Khalifa".into(),
                Some("King of Bahrain".into())
            )
        );
        assert_eq!(
            person_name("Isa Al Khalifa", Some("Hamad Bin")).0,
            "Hamad Bin Isa Al Khalifa"
        );
        assert_eq!(
            person_name(
                "ANGEL GURRIA",
                Some("Secretary-General of the Organisation For Economic Co-Operation and Development JOSE")
            )
            .0,
            "Jose Angel Gurria"
        );
        // A whole name keeps its role.
        assert_eq!(
            person_name("Vladimir Putin", Some("President of Russia")),
            ("Vladimir Putin".into(), Some("President of Russia".into()))
        );
        assert_eq!(
            person_name("DMITRY MEDVEDEV", Some("President OF RUSSIA")),
            ("Dmitry Medvedev".into(), Some("President OF RUSSIA".into()))
        );
    }

    #[test]
    fn titles_before_the_name_go() {
        assert_eq!(
            person_name("Rosneft CEO Igor Sechin", None),
            ("Igor Sechin".into(), Some("Rosneft CEO".into()))
        );
        assert_eq!(
            person_name("Colonel General Sergei Surovikin", None),
            ("Sergei Surovikin".into(), Some("Colonel General".into()))
        );
        assert_eq!(name("Sr Lieutenant A. Vedyashchev"), "A. Vedyashchev");
        assert_eq!(
            person_name("Vladivostok, Yulia Matveyeva", None),
            ("Yulia Matveyeva".into(), Some("Vladivostok".into()))
        );
        assert_eq!(
            person_name("Nailya Asker-zade, VGTRK", None),
            ("Nailya Asker-zade".into(), Some("VGTRK".into()))
        );
        assert_eq!(
            name("Alexander Repin from the Nizhny Novgorod Region"),
            "Alexander Repin"
        );
        // `General` as a surname's neighbour, not a title before a name.
        assert_eq!(name("Ulysses General"), "Ulysses General");
    }

    #[test]
    fn transliterations_and_typos() {
        assert!(same_spelling("tatayana golikova", "tatyana golikova"));
        assert!(same_spelling("tatiana golikova", "tatyana golikova"));
        assert!(same_spelling("alexandar vucic", "aleksandar vucic"));
        assert!(same_spelling("vladmir putin", "vladimir putin"));
        assert!(same_spelling("vlaidmir putin", "vladimir putin"));
        assert!(same_spelling("sergey donskoy", "sergei donskoy"));
        assert!(same_spelling("kirill kleimenov", "kirill kleymenov"));
        assert!(same_spelling("kirill kleimyonov", "kirill kleymenov"));
        assert!(same_spelling("kirill dmitriyev", "kirill dmitriev"));
        // Two people.
        assert!(!same_spelling("andrei medvedev", "dmitry medvedev"));
        assert!(!same_spelling("alexander medvedev", "andrei medvedev"));
        assert!(!same_spelling("james carter", "jimmy e carter"));
        assert!(!same_spelling("bill j clinton", "hillary r clinton"));
        assert!(!same_spelling("anastasia ivanova", "yekaterina ivanova"));
        assert!(!same_spelling("alexander kirillov", "alexandra kirillov"));
        assert!(!same_spelling("ivan petrov", "ivana petrov"));
        assert!(!same_spelling("dmitry ivanov", "dmitry ivanova"));
        assert!(!same_spelling("sergei ivanov", "viktor ivanov"));
    }

    #[test]
    fn middle_words() {
        assert_eq!(
            middles("henry l trewhitt"),
            (vec!["l".into()], "henry trewhitt".into())
        );
        assert_eq!(
            middles("ilham heydar oglu aliyev"),
            (vec!["heydar".into(), "oglu".into()], "ilham aliyev".into())
        );
        assert_eq!(middles("henry trewhitt"), (vec![], "henry trewhitt".into()));
    }

    #[test]
    fn middles_of_one_person() {
        let m = |s: &str| -> Vec<String> { s.split(' ').map(str::to_string).collect() };
        assert!(middles_fit(&[], &m("l")));
        assert!(middles_fit(&m("r"), &m("robinette")));
        assert!(middles_fit(&m("hw"), &m("herbert walker")));
        assert!(middles_fit(&m("heydar"), &m("heydar oglu")));
        assert!(middles_fit(&m("badr"), &m("badr bin hamad bin hamood")));
        assert!(!middles_fit(&m("hw"), &m("w")));
        assert!(!middles_fit(&m("r"), &m("j")));
        assert!(!middles_fit(&m("heydar"), &m("h o")));
        assert!(!middles_fit(
            &m("mohammed bin rashid al"),
            &m("hamdan bin mohammed al")
        ));
    }

    #[test]
    fn nicknames_and_suffixes() {
        assert!(nickname_of("joe", "joseph"));
        assert!(nickname_of("william", "bill"));
        assert!(!nickname_of("joe", "james"));
        assert!(!nickname_of("joseph", "joseph"));
        assert_eq!(
            person_name("Joseph R. Biden, Jr", Some("President")),
            ("Joseph R. Biden".to_string(), Some("President".to_string()))
        );
        assert_eq!(person_name("Jr", None).0, "Jr");
    }

    #[test]
    fn accents_fold_away() {
        assert_eq!(
            fold("Sebastián Piñera Echenique"),
            "sebastian pinera echenique"
        );
        assert_eq!(fold("José Badia"), fold("Jose Badia"));
    }

    #[test]
    fn organisations_in_roles() {
        assert_eq!(role_keys("ALROSA CEO"), vec!["alrosa"]);
        assert_eq!(
            role_keys("Chief of Staff of the Presidential Executive Office"),
            vec!["office", "staff"]
        );
        assert!(role_keys("President of Russia").is_empty());
        assert!(role_keys("Deputy Prime Minister").is_empty());
        assert_eq!(
            role_keys("Minister of Healthcare"),
            role_keys("Healthcare Minister")
        );
    }
}
