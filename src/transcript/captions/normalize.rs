//! The words a transcript and its captions are compared by: lower-case letters and digits,
//! punctuation and apostrophes dropped (`Don't,` and `dont` are one token), hyphens and
//! dashes splitting (`no-but` is `no but`), and numbers spelt out the one way, so that
//! the transcript's `1990`, `$5` and `5%` meet the captions' `nineteen ninety`,
//! `five dollars` and `five percent`.
//!
//! The spelling of numbers is what people say: four-digit numbers from 1100 to 2099 as
//! years (`nineteen ninety`, `nineteen oh five`, `two thousand eight`, `twenty twelve`),
//! others as cardinals without `and` (`one hundred twenty`), `$N million` as
//! `N million dollars`, ordinals (`21st`: `twenty first`) and decades (`1980s`:
//! `nineteen eighties`). A speaker who says it another way costs a token or two of the
//! alignment, never a paragraph.

use rustc_hash::FxHashMap;

/// Token ids: equal words get equal ids, so the diff compares `u32`s.
#[derive(Default)]
pub(crate) struct Interner {
    map: FxHashMap<String, u32>,
}

impl Interner {
    pub fn id(&mut self, token: &str) -> u32 {
        if let Some(&id) = self.map.get(token) {
            return id;
        }
        let id = self.map.len() as u32;
        self.map.insert(token.to_string(), id);
        id
    }
}

/// Turns text into tokens, piece by piece: a `$` before a number carries over to the
/// next piece (`$25` then `million`), so the state lives between calls to [`Self::push`].
#[derive(Default)]
pub(crate) struct Normalizer {
    /// `dollars` is owed after the scale word that may follow (`$25 million`).
    pending_dollars: bool,
    word: String,
    scratch: String,
}

const ONES: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];
const SCALES: [&str; 5] = ["", "thousand", "million", "billion", "trillion"];

#[derive(Clone, Copy, PartialEq)]
enum Suffix {
    None,
    Ordinal,
    Plural,
    Percent,
}

impl Normalizer {
    /// Emit the tokens of `text`.
    pub fn push(&mut self, text: &str, emit: &mut impl FnMut(&str)) {
        let mut chars = text.chars().peekable();
        let mut dollar = false;
        while let Some(c) = chars.next() {
            if c.is_alphabetic() {
                self.word.clear();
                push_lower(&mut self.word, c);
                while let Some(&d) = chars.peek() {
                    if d.is_alphabetic() {
                        push_lower(&mut self.word, d);
                    } else if is_apostrophe(d) {
                        // Inside a word only: `don't`, `Trump’s`.
                    } else {
                        break;
                    }
                    chars.next();
                }
                let word = std::mem::take(&mut self.word);
                self.word_token(&word, emit);
                self.word = word;
                dollar = false;
            } else if c.is_ascii_digit() {
                let mut int = String::from(c);
                let mut frac = String::new();
                let (mut in_frac, mut grouped) = (false, false);
                while let Some(&d) = chars.peek() {
                    if d.is_ascii_digit() {
                        (if in_frac { &mut frac } else { &mut int }).push(d);
                        chars.next();
                        continue;
                    }
                    // A separator counts only with a digit after it (`1,000`, `3.5`; not `5.`).
                    if (d == ',' || d == '.') && !in_frac {
                        let mut ahead = chars.clone();
                        ahead.next();
                        if ahead.peek().is_some_and(char::is_ascii_digit) {
                            chars.next();
                            in_frac = d == '.';
                            grouped |= d == ',';
                            continue;
                        }
                    }
                    break;
                }
                let mut suffix = Suffix::None;
                let mut letters = String::new();
                if chars.peek().is_some_and(|d| d.is_alphabetic()) {
                    let mut ahead = chars.clone();
                    while let Some(&d) = ahead.peek() {
                        if !d.is_alphabetic() {
                            break;
                        }
                        push_lower(&mut letters, d);
                        ahead.next();
                    }
                    let last = int.as_bytes().last().copied().unwrap_or(b'0');
                    let tens = int.len() >= 2 && int.as_bytes()[int.len() - 2] == b'1';
                    let ordinal = match letters.as_str() {
                        "st" => last == b'1' && !tens,
                        "nd" => last == b'2' && !tens,
                        "rd" => last == b'3' && !tens,
                        "th" => true,
                        _ => false,
                    };
                    if frac.is_empty() && (ordinal || letters == "s") {
                        suffix = if ordinal {
                            Suffix::Ordinal
                        } else {
                            Suffix::Plural
                        };
                        chars = ahead;
                    }
                } else if chars.peek() == Some(&'%') {
                    suffix = Suffix::Percent;
                    chars.next();
                }
                self.number(&int, &frac, grouped, dollar, suffix, emit);
                dollar = false;
            } else if c == '$' {
                dollar = chars.peek().is_some_and(char::is_ascii_digit);
            } else if c == '%' {
                self.emit(emit, "percent");
            } else if c == '&' {
                self.emit(emit, "and");
            } else {
                dollar = false;
            }
        }
    }

    /// The end of the text: a `dollars` still owed.
    pub fn finish(&mut self, emit: &mut impl FnMut(&str)) {
        if std::mem::take(&mut self.pending_dollars) {
            emit("dollars");
        }
    }

    fn word_token(&mut self, word: &str, emit: &mut impl FnMut(&str)) {
        let word = match word {
            "okay" => "ok",
            "mister" => "mr",
            w => w,
        };
        self.emit(emit, word);
    }

    /// Emit one token, paying a `dollars` owed first (or after a scale word).
    fn emit(&mut self, emit: &mut impl FnMut(&str), token: &str) {
        if self.pending_dollars {
            if SCALES[1..].contains(&token) {
                emit(token);
                return;
            }
            self.pending_dollars = false;
            if token != "dollars" && token != "dollar" {
                emit("dollars");
            }
        }
        emit(token);
    }

    fn number(
        &mut self,
        int: &str,
        frac: &str,
        grouped: bool,
        dollar: bool,
        suffix: Suffix,
        emit: &mut impl FnMut(&str),
    ) {
        let mut words: Vec<&'static str> = Vec::with_capacity(8);
        let year = !grouped && !dollar && frac.is_empty() && suffix != Suffix::Percent;
        say(int, year, &mut words);
        if !frac.is_empty() {
            words.push("point");
            for d in frac.bytes() {
                words.push(ONES[(d - b'0') as usize]);
            }
        }
        let n = words.len();
        for (k, w) in words.iter().enumerate() {
            if k + 1 == n && matches!(suffix, Suffix::Ordinal | Suffix::Plural) {
                self.scratch.clear();
                if suffix == Suffix::Ordinal {
                    ordinal(w, &mut self.scratch);
                } else if let Some(stem) = w.strip_suffix('y') {
                    self.scratch.push_str(stem);
                    self.scratch.push_str("ies");
                } else {
                    self.scratch.push_str(w);
                    self.scratch.push('s');
                }
                let s = std::mem::take(&mut self.scratch);
                self.emit(emit, &s);
                self.scratch = s;
            } else {
                self.emit(emit, w);
            }
        }
        if suffix == Suffix::Percent {
            self.emit(emit, "percent");
        }
        if dollar {
            self.pending_dollars = true;
        }
    }
}

fn push_lower(s: &mut String, c: char) {
    if c.is_ascii() {
        s.push(c.to_ascii_lowercase());
    } else {
        s.extend(c.to_lowercase());
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | '`' | 'ʼ')
}

/// The words of the number `digits` (ASCII digits): as a year when `year` and it reads as
/// one, digit by digit when it has a leading zero or is too long to say.
fn say(digits: &str, year: bool, out: &mut Vec<&'static str>) {
    let b = digits.as_bytes();
    if b.is_empty() {
        return;
    }
    if (b.len() > 1 && b[0] == b'0') || b.len() > 15 {
        out.extend(b.iter().map(|d| ONES[(d - b'0') as usize]));
        return;
    }
    let n: u64 = digits.parse().unwrap_or(0);
    if year && b.len() == 4 && ((1100..2000).contains(&n) || (2010..2100).contains(&n)) {
        let (hi, lo) = (n / 100, n % 100);
        below_thousand(hi, out);
        match lo {
            0 => out.push("hundred"),
            1..=9 => {
                out.push("oh");
                out.push(ONES[lo as usize]);
            }
            _ => below_thousand(lo, out),
        }
        return;
    }
    if n == 0 {
        out.push("zero");
        return;
    }
    let mut groups = Vec::new();
    let mut m = n;
    while m > 0 {
        groups.push(m % 1000);
        m /= 1000;
    }
    for (scale, &g) in groups.iter().enumerate().rev() {
        if g > 0 {
            below_thousand(g, out);
            if scale > 0 {
                out.push(SCALES[scale]);
            }
        }
    }
}

fn below_thousand(n: u64, out: &mut Vec<&'static str>) {
    let (h, rest) = (n / 100, n % 100);
    if h > 0 {
        out.push(ONES[h as usize]);
        out.push("hundred");
    }
    if rest >= 20 {
        out.push(TENS[(rest / 10) as usize]);
        if rest % 10 > 0 {
            out.push(ONES[(rest % 10) as usize]);
        }
    } else if rest > 0 || h == 0 {
        out.push(ONES[rest as usize]);
    }
}

/// `one` → `first`, `twenty` → `twentieth`, `hundred` → `hundredth`.
fn ordinal(w: &str, out: &mut String) {
    let special = match w {
        "one" => "first",
        "two" => "second",
        "three" => "third",
        "five" => "fifth",
        "eight" => "eighth",
        "nine" => "ninth",
        "twelve" => "twelfth",
        _ => "",
    };
    if !special.is_empty() {
        out.push_str(special);
    } else if let Some(stem) = w.strip_suffix('y') {
        out.push_str(stem);
        out.push_str("ieth");
    } else {
        out.push_str(w);
        out.push_str("th");
    }
}

#[cfg(test)]
pub(crate) fn tokens(text: &str) -> Vec<String> {
    let mut n = Normalizer::default();
    let mut out = Vec::new();
    let mut emit = |t: &str| out.push(t.to_string());
    n.push(text, &mut emit);
    n.finish(&mut emit);
    out
}

#[cfg(test)]
mod tests {
    use super::tokens;

    fn t(s: &str) -> String {
        tokens(s).join(" ")
    }

    #[test]
    fn words_lower_case_without_punctuation() {
        assert_eq!(
            t("Don't,  Trump’s \"plan\"; no-but [crosstalk]"),
            "dont trumps plan no but crosstalk"
        );
        assert_eq!(t("is-[crosstalk"), "is crosstalk");
        assert_eq!(t("Mister O.K. okay"), "mr o k ok");
    }

    #[test]
    fn years_and_cardinals() {
        assert_eq!(t("1990"), "nineteen ninety");
        assert_eq!(t("in 1905,"), "in nineteen oh five");
        assert_eq!(
            t("1900 2000 2008 2016"),
            "nineteen hundred two thousand two thousand eight twenty sixteen"
        );
        assert_eq!(t("1,990 people"), "one thousand nine hundred ninety people");
        assert_eq!(t("120"), "one hundred twenty");
        assert_eq!(
            t("3.5 and 0.25"),
            "three point five and zero point two five"
        );
        assert_eq!(t("7,000,000"), "seven million");
        assert_eq!(t("007"), "zero zero seven");
        assert_eq!(t("at 5."), "at five");
    }

    #[test]
    fn money_percent_ordinals_decades() {
        assert_eq!(t("$5"), "five dollars");
        assert_eq!(t("$5 bill"), "five dollars bill");
        assert_eq!(t("$25 million from"), "twenty five million dollars from");
        assert_eq!(tokens("$25"), ["twenty", "five", "dollars"]);
        assert_eq!(t("$1.5 billion."), "one point five billion dollars");
        assert_eq!(t("five dollars"), "five dollars");
        assert_eq!(t("5% and 5 %"), "five percent and five percent");
        assert_eq!(
            t("21st 2nd 3rd 100th 12th"),
            "twenty first second third one hundredth twelfth"
        );
        assert_eq!(t("the 1980s and 90s"), "the nineteen eighties and nineties");
        assert_eq!(t("F16s 11th"), "f sixteens eleventh");
        assert_eq!(t("AT&T"), "at and t");
    }

    #[test]
    fn dollars_owed_across_pieces() {
        // Caption words come one by one: `$25` then `million`.
        let mut n = super::Normalizer::default();
        let mut out = Vec::new();
        let mut emit = |s: &str| out.push(s.to_string());
        for w in ["$25", "million", "qatar"] {
            n.push(w, &mut emit);
        }
        n.finish(&mut emit);
        assert_eq!(out.join(" "), "twenty five million dollars qatar");
    }
}
